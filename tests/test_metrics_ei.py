"""Krackhardt and Stern's E-I index for networks, groups and actors."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given

from bildungsnetz.metrics import actor_ei_index, ei_index, group_ei_index
from strategies_graphs import grouped_graphs, same_values, snapshot

MEASURES = [ei_index, group_ei_index, actor_ei_index]

# Two schools (a) and two social workers (b) on a path s1 - s2 - w1 - w2.
PATH = nx.Graph([("s1", "s2"), ("s2", "w1"), ("w1", "w2")])
KINDS = {"s1": "a", "s2": "a", "w1": "b", "w2": "b"}


def ratio(external, internal):
    total = external + internal
    return (external - internal) / total if total else math.nan


def brute_network(graph, groups):
    external = sum(groups[u] != groups[v] for u, v in graph.edges if u != v)
    internal = sum(groups[u] == groups[v] for u, v in graph.edges if u != v)
    return ratio(external, internal)


def brute_groups(graph, groups):
    labels = sorted(set(groups.values()), key=str)
    ties = [(u, v) for u, v in graph.edges if u != v]
    return {
        g: ratio(
            sum((groups[u] == g) != (groups[v] == g) for u, v in ties),
            sum(groups[u] == g == groups[v] for u, v in ties),
        )
        for g in labels
    }


def brute_actors(graph, groups):
    return {
        v: ratio(
            sum(groups[u] != groups[v] for u in graph[v] if u != v),
            sum(groups[u] == groups[v] for u in graph[v] if u != v),
        )
        for v in graph
    }


def test_network_index_by_hand():
    """One external tie and two internal ones give (1 - 2) / 3."""
    assert pytest.approx(-1 / 3) == ei_index(PATH, KINDS)


def test_group_index_by_hand():
    """Each group has one internal tie (counted once) and the one tie across: 0."""
    assert group_ei_index(PATH, KINDS) == {"a": 0.0, "b": 0.0}


def test_group_index_counts_internal_ties_once():
    """A triangle of a with one tie to b: E = 1, I = 3, so (1 - 3) / 4 for a."""
    graph = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    groups = {0: "a", 1: "a", 2: "a", 3: "b"}
    assert group_ei_index(graph, groups) == {"a": -0.5, "b": 1.0}


def test_actor_index_by_hand():
    """s2 has one tie in and one tie out: 0; the ends have only internal ties: -1."""
    expected = {"s1": -1.0, "s2": 0.0, "w1": 0.0, "w2": -1.0}
    assert expected == actor_ei_index(PATH, KINDS)


@given(grouped_graphs())
def test_network_index_matches_brute_force(case):
    """The vectorised network index equals counting tie by tie."""
    graph, groups = case
    assert same_values({0: ei_index(graph, groups)}, {0: brute_network(graph, groups)})


@given(grouped_graphs())
def test_group_index_matches_brute_force(case):
    """The vectorised group index equals counting tie by tie."""
    graph, groups = case
    assert same_values(group_ei_index(graph, groups), brute_groups(graph, groups))


@given(grouped_graphs())
def test_actor_index_matches_brute_force(case):
    """The vectorised actor index equals counting neighbour by neighbour."""
    graph, groups = case
    assert same_values(actor_ei_index(graph, groups), brute_actors(graph, groups))


def test_network_without_ties_is_nan():
    """With no tie, E + I = 0 and the index is undefined."""
    assert math.isnan(ei_index(nx.empty_graph(3), {0: "a", 1: "b", 2: "a"}))


def test_empty_graph_is_nan_and_a_float():
    """A graph without nodes still returns a float."""
    result = ei_index(nx.Graph(), {})
    assert (isinstance(result, float), math.isnan(result)) == (True, True)


def test_group_without_ties_is_nan():
    """A group whose members have no ties gets nan, and is still listed."""
    graph = nx.Graph([(0, 1)])
    graph.add_node(2)
    result = group_ei_index(graph, {0: "a", 1: "a", 2: "z"})
    assert (list(result), result["a"], math.isnan(result["z"])) == (["a", "z"], -1.0, True)


def test_isolated_actor_is_nan():
    """An actor without ties gets nan."""
    graph = nx.Graph([(0, 1)])
    graph.add_node(2)
    assert math.isnan(actor_ei_index(graph, {0: "a", 1: "a", 2: "a"})[2])


def test_groups_are_sorted_by_text():
    """Group results come sorted by the groups' text, whatever the graph order."""
    graph = nx.Graph([(0, 1), (1, 2)])
    assert list(group_ei_index(graph, {0: "z", 1: "a", 2: "m"})) == ["a", "m", "z"]


def test_groups_from_node_attribute():
    """A string names the node attribute that holds the group."""
    graph = PATH.copy()
    nx.set_node_attributes(graph, KINDS, "kind")
    assert pytest.approx(-1 / 3) == ei_index(graph, "kind")


@pytest.mark.parametrize("measure", MEASURES)
def test_missing_group_names_the_node(measure):
    """A node without a group is an error that names it."""
    with pytest.raises(ValueError, match="'w2'"):
        measure(PATH, {"s1": "a", "s2": "a", "w1": "b"})


@pytest.mark.parametrize("measure", MEASURES)
def test_self_loops_are_ignored(measure):
    """A self-loop is neither an internal nor an external tie."""
    looped = PATH.copy()
    looped.add_edge("s1", "s1")
    assert measure(PATH, KINDS) == measure(looped, KINDS)


@pytest.mark.parametrize("measure", MEASURES)
def test_directed_graph_is_refused(measure):
    """Directed ties must be made undirected explicitly."""
    with pytest.raises(nx.NetworkXNotImplemented, match="to_undirected"):
        measure(nx.DiGraph([(0, 1)]), {0: "a", 1: "b"})


@pytest.mark.parametrize("measure", MEASURES)
def test_input_is_not_mutated(measure):
    """The graph is unchanged afterwards."""
    graph = nx.karate_club_graph()
    before = snapshot(graph)
    measure(graph, "club")
    assert before == snapshot(graph)
