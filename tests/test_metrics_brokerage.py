"""Gould–Fernandez brokerage roles and exclusive brokerage."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz.metrics import BROKERAGE_ROLES, brokerage, exclusive_brokerage
from bildungsnetz.metrics._exclusive import exclusive_counts
from bildungsnetz.metrics._indexed import adjacency
from strategies_graphs import graphs, grouped_graphs, snapshot

NONE = dict.fromkeys(BROKERAGE_ROLES, 0)


def role_of(source, broker, target):
    if source == broker == target:
        return "coordinator"
    if source == target:
        return "itinerant"
    if source == broker:
        return "representative"
    if broker == target:
        return "gatekeeper"
    return "liaison"


def brute_brokerage(graph, groups):
    """Every ordered pair i -> v -> j with no tie i -> j, one at a time."""
    directed = graph if graph.is_directed() else graph.to_directed()
    result = {}
    for v in graph:
        counts = dict(NONE)
        for i, j in itertools.product(directed.predecessors(v), directed.successors(v)):
            if len({i, v, j}) == 3 and not directed.has_edge(i, j):
                counts[role_of(groups[i], groups[v], groups[j])] += 1
        result[v] = counts
    return result


def brute_exclusive(graph):
    """Every non-adjacent pair with exactly one common neighbour credits that neighbour."""
    result = dict.fromkeys(graph, 0)
    for x, y in itertools.combinations(graph, 2):
        common = (set(graph[x]) & set(graph[y])) - {x, y}
        if not graph.has_edge(x, y) and len(common) == 1:
            result[common.pop()] += 1
    return result


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("aaa", "coordinator"),
        ("aba", "itinerant"),
        ("aab", "representative"),
        ("abb", "gatekeeper"),
        ("abc", "liaison"),
    ],
)
def test_role_of_a_directed_two_path(groups, role):
    """The broker of i -> v -> j gets the role its three groups define."""
    graph = nx.DiGraph([("i", "v"), ("v", "j")])
    labels = dict(zip("ivj", groups, strict=True))
    assert {**NONE, role: 1} == brokerage(graph, labels)["v"]


def test_undirected_pair_counts_both_orders():
    """On an undirected path a-b-a the middle node is itinerant for (0, 2) and (2, 0)."""
    roles = brokerage(nx.path_graph(3), {0: "a", 1: "b", 2: "a"})
    assert roles[1] == {**NONE, "itinerant": 2}


def test_undirected_representative_and_gatekeeper_pair_up():
    """On an undirected path a-a-b the middle node represents (0 -> 2) and gatekeeps (2 -> 0)."""
    roles = brokerage(nx.path_graph(3), {0: "a", 1: "a", 2: "b"})
    assert roles[1] == {**NONE, "representative": 1, "gatekeeper": 1}


def test_closed_triangle_brokers_nothing():
    """When i and j are tied, v brokers nothing between them."""
    roles = brokerage(nx.complete_graph(3), {0: "a", 1: "b", 2: "c"})
    assert roles == {0: NONE, 1: NONE, 2: NONE}


def test_one_way_closure_still_counts_the_other_direction():
    """With 0 -> 1 -> 2 and 2 -> 0 only, the pair (0, 2) is open through 1."""
    graph = nx.DiGraph([(0, 1), (1, 2), (2, 0)])
    assert brokerage(graph, dict.fromkeys(graph, "a"))[1] == {**NONE, "coordinator": 1}


@given(grouped_graphs())
def test_brokerage_matches_brute_force_undirected(case):
    """Vectorised counts equal the pair-by-pair count on undirected graphs."""
    graph, groups = case
    assert brute_brokerage(graph, groups) == brokerage(graph, groups)


@given(grouped_graphs(directed=True))
def test_brokerage_matches_brute_force_directed(case):
    """Vectorised counts equal the pair-by-pair count on directed graphs."""
    graph, groups = case
    assert brute_brokerage(graph, groups) == brokerage(graph, groups)


@given(grouped_graphs())
def test_undirected_representative_equals_gatekeeper(case):
    """On undirected ties every representative pair is a gatekeeper pair reversed."""
    graph, groups = case
    roles = brokerage(graph, groups).values()
    assert [r["representative"] for r in roles] == [r["gatekeeper"] for r in roles]


def test_all_five_roles_for_isolates():
    """Every node gets all five roles, in order, even without ties."""
    roles = brokerage(nx.empty_graph(2), {0: "a", 1: "b"})
    assert roles == {0: NONE, 1: NONE}
    assert list(BROKERAGE_ROLES) == list(roles[0])


def test_groups_from_node_attribute():
    """A string names the node attribute that holds the group."""
    graph = nx.path_graph(3)
    nx.set_node_attributes(graph, {0: "a", 1: "b", 2: "a"}, "kind")
    assert brokerage(graph, "kind")[1] == {**NONE, "itinerant": 2}


def test_missing_group_names_the_node():
    """A node without a group is an error that names it."""
    with pytest.raises(ValueError, match="'gs-04'"):
        brokerage(nx.Graph([("gs-01", "gs-04")]), {"gs-01": "school"})


def test_none_group_counts_as_missing():
    """A group of None is no group."""
    graph = nx.Graph([(0, 1)])
    nx.set_node_attributes(graph, {0: "a", 1: None}, "kind")
    with pytest.raises(ValueError, match="node attribute 'kind'"):
        brokerage(graph, "kind")


def test_brokerage_ignores_self_loops():
    """A self-loop brokers nothing."""
    graph = nx.path_graph(3)
    graph.add_edge(1, 1)
    assert brokerage(graph, {0: "a", 1: "b", 2: "a"})[1] == {**NONE, "itinerant": 2}


def test_brokerage_does_not_mutate():
    """The graph is unchanged afterwards."""
    graph = nx.karate_club_graph()
    before = snapshot(graph)
    brokerage(graph, "club")
    assert before == snapshot(graph)


def test_brokerage_refuses_multigraph():
    """Parallel ties must be collapsed first."""
    with pytest.raises(nx.NetworkXNotImplemented, match="multigraph"):
        brokerage(nx.MultiGraph([(0, 1)]), {0: "a", 1: "a"})


def test_exclusive_brokerage_on_a_path():
    """The middle of a path is the only link between its ends."""
    assert exclusive_brokerage(nx.path_graph(3)) == {0: 0, 1: 1, 2: 0}


def test_exclusive_brokerage_of_a_star():
    """A star's centre alone links each of the C(4, 2) = 6 pairs of its leaves."""
    assert exclusive_brokerage(nx.star_graph(4)) == {0: 6, 1: 0, 2: 0, 3: 0, 4: 0}


def test_exclusive_brokerage_of_a_square():
    """In a 4-cycle every opposite pair has two common neighbours: nobody is exclusive."""
    assert exclusive_brokerage(nx.cycle_graph(4)) == {0: 0, 1: 0, 2: 0, 3: 0}


def test_exclusive_brokerage_by_hand():
    """A kite: 0 links 3 and 4 alone; 1 and 2 share 0 and 3, so nobody links them alone."""
    # Ties: 0-1, 0-2, 1-3, 2-3, 0-4. Pairs: (1, 2) via 0 and 3: shared; (0, 3) via 1 and 2:
    # shared; (1, 4), (2, 4) via 0 only; (3, 4) no common neighbour. So 0 brokers 2.
    graph = nx.Graph([(0, 1), (0, 2), (1, 3), (2, 3), (0, 4)])
    assert exclusive_brokerage(graph) == {0: 2, 1: 0, 2: 0, 3: 0, 4: 0}


@given(graphs(max_nodes=11))
def test_exclusive_brokerage_matches_brute_force(graph):
    """Vectorised counts equal the pair-by-pair count on random graphs."""
    assert brute_exclusive(graph) == exclusive_brokerage(graph)


@pytest.mark.parametrize("seed", range(6))
def test_exclusive_brokerage_with_overlapping_hubs(seed):
    """Hubs sharing most of their neighbours, next to leaves and sparse ties, count right."""
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(120, 0.03, seed=seed)
    shared = rng.sample(range(120), 60)
    for hub in ("h1", "h2", "h3"):
        graph.add_edges_from((hub, node) for node in shared if rng.random() < 0.9)
        graph.add_edges_from((hub, f"{hub}-leaf{k}") for k in range(15))
    assert brute_exclusive(graph) == exclusive_brokerage(graph)


def test_exclusive_brokerage_ignores_self_loops():
    """A self-loop makes no pair and breaks no pair."""
    graph = nx.path_graph(3)
    graph.add_edges_from([(0, 0), (1, 1)])
    assert exclusive_brokerage(graph) == {0: 0, 1: 1, 2: 0}


def test_exclusive_brokerage_of_empty_graph():
    """A graph without nodes gives an empty dict."""
    assert exclusive_brokerage(nx.Graph()) == {}


def test_exclusive_brokerage_refuses_directed():
    """Directed ties must be made undirected explicitly."""
    with pytest.raises(nx.NetworkXNotImplemented, match="to_undirected"):
        exclusive_brokerage(nx.DiGraph([(0, 1)]))


def test_exclusive_brokerage_does_not_mutate():
    """The graph is unchanged afterwards."""
    graph = nx.karate_club_graph()
    before = snapshot(graph)
    exclusive_brokerage(graph)
    assert before == snapshot(graph)


def brute_exclusive_array(graph, hubs):
    """The private counter with ``hubs`` hubs, as a dict in graph order."""
    tied = adjacency(graph)
    return dict(zip(tied.nodes, exclusive_counts(tied, hubs=hubs).tolist(), strict=True))


@given(graphs(max_nodes=11), st.integers(0, 11))
def test_exclusive_brokerage_whatever_the_hubs(graph, hubs):
    """Any number of hubs, from none to every node, gives the pair-by-pair count."""
    assert brute_exclusive(graph) == brute_exclusive_array(graph, min(hubs, len(graph)))


@pytest.mark.parametrize("hubs", [0, 1, 63, 64, 65, 130, 200])
def test_exclusive_brokerage_with_hubs_in_several_words(hubs):
    """Hubs numbered over several 64-bit words count like none at all."""
    graph = nx.gnp_random_graph(200, 0.04, seed=hubs)
    graph.add_edges_from(("hub", node) for node in range(0, 200, 3))
    graph.add_nodes_from(["isolated", "also isolated"])
    assert brute_exclusive(graph) == brute_exclusive_array(graph, hubs)


def test_exclusive_brokerage_of_components_and_isolates():
    """Pairs never span components; isolated nodes broker nothing."""
    graph = nx.disjoint_union_all([nx.star_graph(3), nx.path_graph(3), nx.empty_graph(2)])
    assert exclusive_brokerage(graph) == {0: 3, 1: 0, 2: 0, 3: 0, 4: 0, 5: 1, 6: 0, 7: 0, 8: 0}


def test_exclusive_brokerage_of_a_hub_above_the_square_root_of_the_ties():
    """A state office tied to every school of two districts brokers the pairs across them.

    Schools of one district share their Jugendamt; pairs across districts have only the
    office in common. The office's degree is above sqrt(2m), so it is counted as a hub.
    """
    graph = nx.Graph()
    for district in ("a", "b"):
        graph.add_edges_from((f"ja-{district}", f"{district}{k}") for k in range(30))
        graph.add_edges_from(("office", f"{district}{k}") for k in range(30))
    counts = exclusive_brokerage(graph)
    assert (counts["office"], counts["ja-a"], counts["ja-b"]) == (30 * 30, 0, 0)
