"""Hypothesis strategies that build small networkx graphs, and helpers for the metrics tests."""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import strategies as st

GROUPS = ["a", "b", "c"]


@st.composite
def graphs(draw, *, min_nodes=0, max_nodes=9, directed=False, weighted=False, self_loops=False):
    """A simple graph whose nodes are inserted in a random order (so graph order != sorted)."""
    size = draw(st.integers(min_nodes, max_nodes))
    graph = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(draw(st.permutations(range(size))))
    pairs = [
        (u, v)
        for u in range(size)
        for v in range(size)
        if (u != v or self_loops) and (directed or u <= v)
    ]
    if pairs:
        for u, v in draw(st.lists(st.sampled_from(pairs), unique=True)):
            weight = draw(st.integers(1, 5)) if weighted else None
            graph.add_edge(u, v, **({"w": weight} if weighted else {}))
    return graph


@st.composite
def grouped_graphs(draw, *, max_nodes=9, directed=False):
    """A graph with a mapping node -> group drawn from three groups."""
    graph = draw(graphs(max_nodes=max_nodes, directed=directed))
    groups = {node: draw(st.sampled_from(GROUPS)) for node in graph}
    return graph, groups


def snapshot(graph):
    """Everything a measure could change about a graph."""
    return (
        list(graph.nodes(data=True)),
        list(graph.edges(data=True)),
        dict(graph.graph),
    )


def same_values(actual, expected, *, tolerance=1e-9):
    """Compare two dicts of floats key by key and in order, treating nan as equal to nan."""
    if list(actual) != list(expected):
        return False
    return all(
        (math.isnan(expected[k]) and math.isnan(actual[k]))
        or math.isclose(actual[k], expected[k], rel_tol=tolerance, abs_tol=tolerance)
        for k in expected
    )
