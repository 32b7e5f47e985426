import math

import networkx as nx
import pytest
from hypothesis import given

from bildungsnetz import metrics
from strategies_graphs import graphs, grouped_graphs, same_values

NODE_MEASURES = [
    metrics.constraint,
    metrics.effective_size,
    metrics.efficiency,
    metrics.hierarchy,
]


@pytest.mark.parametrize("measure", NODE_MEASURES)
@given(graph=graphs())
def test_structural_holes_on_arrays_equal_networkx(measure, graph):
    """Each Burt measure gives the same values on an ArrayGraph as on the networkx graph."""
    assert same_values(measure(metrics.ArrayGraph.from_networkx(graph)), measure(graph))


@given(graph=graphs())
def test_exclusive_brokerage_on_arrays_equals_networkx(graph):
    """Exclusive brokerage counts agree for both inputs."""
    arrays = metrics.ArrayGraph.from_networkx(graph)
    assert metrics.exclusive_brokerage(arrays) == metrics.exclusive_brokerage(graph)


@given(graph=graphs())
def test_cuts_on_arrays_equal_networkx(graph):
    """Cut actors and cut ties agree for both inputs."""
    arrays = metrics.ArrayGraph.from_networkx(graph)
    assert (
        metrics.cut_actors(arrays),
        metrics.cut_ties(arrays),
        metrics.cut_actors_and_ties(arrays),
    ) == (
        metrics.cut_actors(graph),
        metrics.cut_ties(graph),
        metrics.cut_actors_and_ties(graph),
    )


@given(pair=grouped_graphs())
def test_group_measures_on_arrays_equal_networkx(pair):
    """E-I indices, brokerage roles and block densities agree for both inputs."""
    graph, groups = pair
    arrays = metrics.ArrayGraph.from_networkx(graph)
    network_level = metrics.ei_index(arrays, groups), metrics.ei_index(graph, groups)
    assert network_level[0] == network_level[1] or all(map(math.isnan, network_level))
    assert same_values(
        metrics.actor_ei_index(arrays, groups), metrics.actor_ei_index(graph, groups)
    )
    assert metrics.brokerage(arrays, groups) == metrics.brokerage(graph, groups)
    blocks = metrics.block_densities(arrays, groups), metrics.block_densities(graph, groups)
    assert list(blocks[0]) == list(blocks[1])


@given(graph=graphs(min_nodes=1))
def test_reach_on_arrays_equals_networkx(graph):
    """Distances within two steps of the first node agree for both inputs."""
    first = next(iter(graph))
    arrays = metrics.ArrayGraph.from_networkx(graph)
    assert metrics.reach(arrays, [first], steps=2) == metrics.reach(graph, [first], steps=2)


def test_from_edges_drops_repeats_and_self_loops():
    """Repeated ties and ties of a node with itself do not reach the arrays."""
    graph = metrics.ArrayGraph.from_edges(["a", "b"], [("a", "b"), ("b", "a"), ("a", "a")])
    assert (graph.indptr.tolist(), graph.indices.tolist()) == ([0, 1, 2], [1, 0])


def test_array_graph_round_trips_through_networkx():
    """to_networkx gives back the graph from_networkx read."""
    graph = nx.karate_club_graph()
    again = metrics.ArrayGraph.from_networkx(graph).to_networkx()
    assert (list(again), sorted(again.edges())) == (list(graph), sorted(graph.edges()))


def test_array_graph_refuses_directed_graphs():
    """A directed graph cannot become an ArrayGraph without a decision about direction."""
    with pytest.raises(nx.NetworkXNotImplemented, match="undirected simple"):
        metrics.ArrayGraph.from_networkx(nx.DiGraph([(1, 2)]))


def test_weights_need_a_networkx_graph():
    """An ArrayGraph has no weights, so a weighted measure asks for a networkx graph."""
    arrays = metrics.ArrayGraph.from_networkx(nx.path_graph(3))
    with pytest.raises(ValueError, match="no weights"):
        metrics.constraint(arrays, weight="w")


def test_group_attribute_names_need_a_networkx_graph():
    """Groups given as an attribute name cannot be read from arrays."""
    arrays = metrics.ArrayGraph.from_networkx(nx.path_graph(3))
    with pytest.raises(ValueError, match="node attribute"):
        metrics.ei_index(arrays, "club")
