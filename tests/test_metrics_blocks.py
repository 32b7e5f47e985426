"""Block densities against the uniform and the degree-preserving expectation."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import pytest
from hypothesis import given

from bildungsnetz.metrics import BlockDensity, block_densities
from strategies_graphs import grouped_graphs, snapshot

# Path 0 - 1 - 2 - 3 with groups a = {0, 1}, b = {2, 3}: ties aa 1, ab 1, bb 1.
PATH = nx.path_graph(4)
HALVES = {0: "a", 1: "a", 2: "b", 3: "b"}


def brute_blocks(graph, groups):
    """Ties and possible pairs per block, by looking at every pair of nodes."""
    labels = sorted(set(groups.values()), key=str)
    result = {}
    for a, b in itertools.combinations_with_replacement(labels, 2):
        pairs = [
            (u, v)
            for u, v in itertools.combinations(graph, 2)
            if sorted([groups[u], groups[v]], key=str) == [a, b]
        ]
        result[a, b] = (sum(graph.has_edge(u, v) for u, v in pairs), len(pairs))
    return result


def test_uniform_expectation_by_hand():
    """Between a and b: 1 tie of 4 pairs; density 3/6 overall expects 2."""
    expected = BlockDensity(ties=1, possible=4, density=0.25, expected_ties=2.0, ratio=0.5)
    assert expected == block_densities(PATH, HALVES)["a", "b"]


def test_uniform_within_group_by_hand():
    """Within a: 1 tie of 1 pair; density 1/2 expects 0.5, so the ratio is 2."""
    expected = BlockDensity(ties=1, possible=1, density=1.0, expected_ties=0.5, ratio=2.0)
    assert expected == block_densities(PATH, HALVES)["a", "a"]


def test_degree_expectation_between_groups_by_hand():
    """Degree sums D_a = D_b = 1 + 2 = 3 and m = 3: D_a * D_b / 2m = 9 / 6 = 1.5."""
    block = block_densities(PATH, HALVES, expected="degree")["a", "b"]
    assert (1.5, pytest.approx(1 / 1.5)) == (block.expected_ties, block.ratio)


def test_degree_expectation_within_group_by_hand():
    """Within a: D_a^2 / 4m = 9 / 12 = 0.75."""
    assert block_densities(PATH, HALVES, expected="degree")["a", "a"].expected_ties == 0.75


def test_every_pair_of_groups_is_reported_in_order():
    """Blocks without ties are listed too; keys are sorted pairs of sorted groups."""
    graph = nx.Graph([(0, 1)])
    graph.add_node(2)
    keys = list(block_densities(graph, {0: "z", 1: "z", 2: "a"}))
    assert keys == [("a", "a"), ("a", "z"), ("z", "z")]


@given(grouped_graphs())
def test_ties_and_pairs_match_brute_force(case):
    """Tie and pair counts equal a pair-by-pair count."""
    graph, groups = case
    blocks = block_densities(graph, groups)
    actual = {key: (block.ties, block.possible) for key, block in blocks.items()}
    assert brute_blocks(graph, groups) == actual


@pytest.mark.parametrize("expected", ["uniform", "degree"])
@given(case=grouped_graphs())
def test_expected_ties_add_up_to_all_ties(expected, case):
    """Both null models spread exactly the graph's m ties over the blocks."""
    graph, groups = case
    blocks = block_densities(graph, groups, expected=expected).values()
    total = sum(block.expected_ties for block in blocks)
    assert pytest.approx(graph.number_of_edges() if len(graph) > 1 else 0) == total


def test_single_member_group_has_no_possible_pair():
    """A group of one has no pair inside: density and ratio are nan."""
    block = block_densities(nx.Graph([(0, 1)]), {0: "a", 1: "b"})["a", "a"]
    assert (block.possible, math.isnan(block.density), math.isnan(block.ratio)) == (0, True, True)


def test_graph_without_ties_expects_none():
    """Without ties the degree model expects 0 and the ratio is nan."""
    block = block_densities(nx.empty_graph(2), {0: "a", 1: "b"}, expected="degree")["a", "b"]
    assert (block.expected_ties, math.isnan(block.ratio)) == (0.0, True)


def test_empty_graph_has_no_blocks():
    """A graph without nodes gives an empty dict."""
    assert block_densities(nx.Graph(), {}) == {}


def test_unknown_expectation_is_refused():
    """Only the two documented null models are accepted."""
    with pytest.raises(ValueError, match="'random'"):
        block_densities(PATH, HALVES, expected="random")


def test_self_loops_are_ignored():
    """A self-loop is not a tie within its group."""
    looped = PATH.copy()
    looped.add_edge(0, 0)
    assert block_densities(PATH, HALVES) == block_densities(looped, HALVES)


def test_missing_group_names_the_node():
    """A node without a group is an error that names it."""
    with pytest.raises(ValueError, match="3"):
        block_densities(PATH, {0: "a", 1: "a", 2: "b"})


def test_directed_graph_is_refused():
    """Directed ties must be made undirected explicitly."""
    with pytest.raises(nx.NetworkXNotImplemented, match="to_undirected"):
        block_densities(nx.DiGraph([(0, 1)]), {0: "a", 1: "b"})


def test_input_is_not_mutated():
    """The graph is unchanged afterwards."""
    graph = nx.karate_club_graph()
    before = snapshot(graph)
    block_densities(graph, "club", expected="degree")
    assert before == snapshot(graph)


def test_block_density_is_frozen():
    """Results are immutable values."""
    block = block_densities(PATH, HALVES)["a", "b"]
    with pytest.raises(AttributeError):
        block.ties = 5
