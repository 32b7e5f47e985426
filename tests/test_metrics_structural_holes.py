"""Burt's constraint, effective size, efficiency and hierarchy."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given

from bildungsnetz.metrics import constraint, effective_size, efficiency, hierarchy
from strategies_graphs import graphs, same_values, snapshot

MEASURES = [constraint, effective_size, efficiency, hierarchy]

# Node 0 ties to 1, 2 and 3; 1 and 2 are tied to each other.
TRIANGLE_WITH_TAIL = [(0, 1), (0, 2), (1, 2), (0, 3)]


def proportions(graph, weight):
    """p_ij = (a_ij + a_ji) / sum_k (a_ik + a_ki), straight from the definition."""

    def a(u, v):
        return graph[u][v].get(weight, 1) if graph.has_edge(u, v) else 0

    def mutual(u, v):
        return a(u, v) + a(v, u)

    contacts = {u: set(nx.all_neighbors(graph, u)) - {u} for u in graph}
    total = {u: sum(mutual(u, k) for k in contacts[u]) for u in graph}
    peak = {u: max((mutual(u, k) for k in contacts[u]), default=0) for u in graph}
    p = {(u, v): mutual(u, v) / total[u] for u in graph for v in contacts[u]}
    m = {(u, v): mutual(u, v) / peak[u] for u in graph for v in contacts[u]}
    return contacts, p, m


def brute_dyadic(graph, weight=None):
    """c_ij for every ego i and contact j, by the textbook double loop."""
    contacts, p, _ = proportions(graph, weight)
    return {
        i: {
            j: (p[i, j] + sum(p[i, q] * p.get((q, j), 0) for q in contacts[i] - {j})) ** 2
            for j in contacts[i]
        }
        for i in graph
    }


def brute_effective_size(graph, weight=None):
    contacts, p, m = proportions(graph, weight)
    return {
        i: sum(1 - sum(p[i, q] * m.get((j, q), 0) for q in contacts[i] - {j}) for j in contacts[i])
        if contacts[i]
        else math.nan
        for i in graph
    }


def brute_hierarchy(graph, weight=None):
    result = {}
    for i, dyadic in brute_dyadic(graph, weight).items():
        n, total = len(dyadic), sum(dyadic.values())
        if n < 2:
            result[i] = math.nan
            continue
        ratios = [c / (total / n) for c in dyadic.values()]
        result[i] = sum(r * math.log(r) for r in ratios) / (n * math.log(n))
    return result


def test_constraint_by_hand():
    """Constraint on node 0 of a triangle with a tail follows Burt's formula."""
    # p = 1/3 to each contact; 1 and 2 reach each other with p_12 = p_21 = 1/2.
    # c_01 = c_02 = (1/3 + 1/3 * 1/2)^2 = 1/4; c_03 = (1/3)^2 = 1/9; C_0 = 1/2 + 1/9.
    actual = constraint(nx.Graph(TRIANGLE_WITH_TAIL))[0]
    assert pytest.approx(1 / 2 + 1 / 9) == actual


@given(graphs(min_nodes=1, weighted=True))
def test_constraint_matches_networkx_undirected(graph):
    """Weighted and unweighted constraint equal networkx.constraint on undirected graphs."""
    for weight in (None, "w"):
        assert same_values(constraint(graph, weight=weight), nx.constraint(graph, weight=weight))


@given(graphs(min_nodes=1, directed=True, weighted=True))
def test_constraint_matches_networkx_directed(graph):
    """Directed ties are read through mutual weights, as networkx.constraint reads them."""
    for weight in (None, "w"):
        assert same_values(constraint(graph, weight=weight), nx.constraint(graph, weight=weight))


def test_effective_size_by_hand():
    """Effective size of node 0 is Borgatti's n - 2t/n with 3 contacts and 1 tie among them."""
    # n = 3 contacts (1, 2, 3), t = 1 tie (1-2): 3 - 2 * 1 / 3.
    actual = effective_size(nx.Graph(TRIANGLE_WITH_TAIL))[0]
    assert pytest.approx(3 - 2 / 3) == actual


@given(graphs(min_nodes=1))
def test_effective_size_matches_networkx_unweighted(graph):
    """Unweighted effective size equals networkx.effective_size."""
    assert same_values(effective_size(graph), nx.effective_size(graph))


@given(graphs(weighted=True))
def test_effective_size_matches_networkx_weighted(graph):
    """Weighted effective size equals networkx's per-node computation."""
    # networkx's sparse path (nodes=None) divides by the wrong axis for weighted graphs
    # (networkx PR #8906); its per-node path follows the documented formula.
    expected = nx.effective_size(graph, nodes=list(graph), weight="w")
    assert same_values(effective_size(graph, weight="w"), expected)


@given(graphs(directed=True, weighted=True))
def test_effective_size_matches_brute_force_directed(graph):
    """Directed weighted effective size equals Burt's formula summed term by term."""
    assert same_values(effective_size(graph, weight="w"), brute_effective_size(graph, "w"))


@given(graphs(weighted=True))
def test_efficiency_is_effective_size_per_contact(graph):
    """Efficiency divides effective size by the number of contacts."""
    sizes = effective_size(graph, weight="w")
    expected = {node: sizes[node] / (graph.degree(node) or math.nan) for node in graph}
    assert same_values(efficiency(graph, weight="w"), expected)


def test_efficiency_by_hand():
    """Node 0 of a triangle with a tail has 7/3 effective contacts out of 3."""
    actual = efficiency(nx.Graph(TRIANGLE_WITH_TAIL))[0]
    assert pytest.approx((3 - 2 / 3) / 3) == actual


def test_hierarchy_by_hand():
    """Hierarchy of node 0 of a triangle with a tail follows Burt's formula."""
    # c = (1/4, 1/4, 1/9), C = 11/18, N = 3, C/N = 11/54: r = (27/22, 27/22, 6/11).
    ratios = [27 / 22, 27 / 22, 6 / 11]
    expected = sum(r * math.log(r) for r in ratios) / (3 * math.log(3))
    assert pytest.approx(expected) == hierarchy(nx.Graph(TRIANGLE_WITH_TAIL))[0]


def test_hierarchy_is_zero_for_even_constraint():
    """A star's centre spreads its constraint evenly, so its hierarchy is 0."""
    assert hierarchy(nx.star_graph(4))[0] == 0.0


@given(graphs(weighted=True))
def test_hierarchy_matches_brute_force_undirected(graph):
    """Hierarchy equals the textbook double loop on undirected weighted graphs."""
    assert same_values(hierarchy(graph, weight="w"), brute_hierarchy(graph, "w"))


@given(graphs(directed=True, weighted=True))
def test_hierarchy_matches_brute_force_directed(graph):
    """Hierarchy equals the textbook double loop on directed weighted graphs."""
    assert same_values(hierarchy(graph, weight="w"), brute_hierarchy(graph, "w"))


def test_hierarchy_is_nan_below_two_contacts():
    """A node with one contact has no hierarchy (N ln N is 0)."""
    assert math.isnan(hierarchy(nx.path_graph(2))[0])


@pytest.mark.parametrize("measure", MEASURES)
def test_isolate_is_nan(measure):
    """An isolated node has no ego network: nan."""
    graph = nx.path_graph(3)
    graph.add_node("alone")
    assert math.isnan(measure(graph)["alone"])


@pytest.mark.parametrize("measure", MEASURES)
def test_empty_graph_gives_empty_result(measure):
    """A graph without nodes gives an empty dict."""
    assert measure(nx.Graph()) == {}


@pytest.mark.parametrize("measure", MEASURES)
def test_self_loops_are_ignored(measure):
    """A self-loop is not a contact: results equal those of the graph without it."""
    looped = nx.Graph(TRIANGLE_WITH_TAIL)
    looped.add_edges_from([(0, 0), (3, 3)])
    assert same_values(measure(looped), measure(nx.Graph(TRIANGLE_WITH_TAIL)))


@pytest.mark.parametrize("measure", MEASURES)
def test_input_is_not_mutated(measure):
    """The graph, its nodes, edges and attributes are unchanged afterwards."""
    graph = nx.karate_club_graph()
    before = snapshot(graph)
    measure(graph, weight="weight")
    assert before == snapshot(graph)


@pytest.mark.parametrize("measure", MEASURES)
def test_results_follow_graph_order(measure):
    """Keys come in graph order, not sorted order."""
    graph = nx.Graph([("z", "a"), ("a", "m")])
    assert list(measure(graph)) == ["z", "a", "m"]


@pytest.mark.parametrize("measure", MEASURES)
def test_multigraph_is_refused(measure):
    """Parallel ties must be collapsed first."""
    with pytest.raises(nx.NetworkXNotImplemented, match="multigraph"):
        measure(nx.MultiGraph([(0, 1), (0, 1)]))


@pytest.mark.parametrize("bad", [0, -1.5, float("nan"), "strong"])
def test_weight_must_be_positive_number(bad):
    """A weight that is not a positive number is refused, naming the attribute."""
    graph = nx.Graph([(0, 1, {"w": 1}), (1, 2, {"w": bad})])
    with pytest.raises(ValueError, match="'w'"):
        constraint(graph, weight="w")
