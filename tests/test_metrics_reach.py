"""Reach within k steps of a set of sources."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz.metrics import reach
from strategies_graphs import graphs, snapshot


def nearest(graph, sources, steps):
    """Minimum over the sources of networkx's single-source distances, in reach's order."""
    best = {}
    for source in sources:
        found = nx.single_source_shortest_path_length(graph, source, cutoff=steps)
        for node, distance in found.items():
            best[node] = min(distance, best.get(node, distance))
    position = {v: k for k, v in enumerate(graph)}
    return dict(sorted(best.items(), key=lambda item: (item[1], position[item[0]])))


@st.composite
def searches(draw, *, directed):
    graph = draw(graphs(min_nodes=1, max_nodes=12, directed=directed))
    sources = draw(st.lists(st.sampled_from(list(graph)), max_size=3))
    return graph, sources, draw(st.integers(0, 5))


def test_reach_by_hand():
    """From both ends of a path of 6, one step reaches 1 and 4."""
    assert reach(nx.path_graph(6), [0, 5], steps=1) == {0: 0, 5: 0, 1: 1, 4: 1}


def test_nearest_source_wins():
    """A node between two sources gets the distance to the nearer one."""
    assert reach(nx.path_graph(5), [0, 3], steps=3)[2] == 1


def test_zero_steps_reaches_the_sources():
    """With 0 steps only the sources are reached, at distance 0."""
    assert reach(nx.path_graph(6), [4, 2], steps=0) == {2: 0, 4: 0}


def test_results_ordered_by_distance_then_graph_order():
    """Nodes come by distance, then in graph order, whatever the order of the sources."""
    graph = nx.Graph([("c", "x"), ("a", "y"), ("b", "z")])
    assert list(reach(graph, ["b", "a", "c"], steps=1)) == ["c", "a", "b", "x", "y", "z"]


@given(searches(directed=False))
def test_reach_matches_networkx_undirected(case):
    """Multi-source reach equals the minimum of networkx's single-source distances."""
    graph, sources, steps = case
    assert nearest(graph, sources, steps) == reach(graph, sources, steps=steps)


@given(searches(directed=True))
def test_reach_matches_networkx_directed(case):
    """On directed graphs reach follows ties in their direction, as networkx does."""
    graph, sources, steps = case
    assert nearest(graph, sources, steps) == reach(graph, sources, steps=steps)


def test_directed_ties_are_followed_forwards():
    """A tie pointing at the source does not carry reach back."""
    assert reach(nx.DiGraph([(0, 1), (1, 2)]), [1], steps=2) == {1: 0, 2: 1}


def test_no_sources_reach_nothing():
    """Without sources nothing is reached."""
    assert reach(nx.path_graph(3), [], steps=2) == {}


def test_duplicate_sources_are_ignored():
    """A source named twice counts once."""
    assert reach(nx.path_graph(3), [0, 0], steps=1) == {0: 0, 1: 1}


def test_unknown_source_is_refused():
    """A source that is not in the graph is an error that names it."""
    with pytest.raises(nx.NodeNotFound, match="'gs-99'"):
        reach(nx.path_graph(3), [0, "gs-99"], steps=1)


def test_negative_steps_are_refused():
    """A negative number of steps is an error."""
    with pytest.raises(ValueError, match="-1"):
        reach(nx.path_graph(3), [0], steps=-1)


def test_self_loops_are_ignored():
    """A self-loop reaches nothing new."""
    graph = nx.path_graph(3)
    graph.add_edge(0, 0)
    assert reach(graph, [0], steps=1) == {0: 0, 1: 1}


def test_multigraph_is_refused():
    """Parallel ties must be collapsed first."""
    with pytest.raises(nx.NetworkXNotImplemented, match="multigraph"):
        reach(nx.MultiGraph([(0, 1)]), [0], steps=1)


def test_input_is_not_mutated():
    """The graph is unchanged afterwards."""
    graph = nx.karate_club_graph()
    before = snapshot(graph)
    reach(graph, [0, 33], steps=2)
    assert before == snapshot(graph)
