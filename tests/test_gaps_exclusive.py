"""Exclusive brokerage of chosen nodes equals the measure counted over the whole graph.

``gaps/_exclusive.py`` counts the exclusive pairs of a few nodes, walking only around them;
``metrics.exclusive_brokerage`` (and, on small graphs, the definition itself) is the
reference.
"""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import metrics
from bildungsnetz.datasets import synthetic
from bildungsnetz.gaps import _exclusive
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps._exclusive import exclusive_bound, exclusive_pairs
from strategies_graphs import graphs


def by_definition(graph, node):
    """The pairs of neighbours that are not tied and have ``node`` as only common neighbour."""
    return sum(
        1
        for u, w in combinations(graph[node], 2)
        if not graph.has_edge(u, w) and set(graph[u]) & set(graph[w]) == {node}
    )


@given(graph=graphs(max_nodes=12), data=st.data())
def test_chosen_nodes_count_as_the_definition_and_the_measure(graph, data):
    """Random graphs, a random choice of nodes, in any order."""
    arrays = metrics.ArrayGraph.from_networkx(graph)
    nodes = range(len(arrays.nodes))
    chosen = data.draw(st.lists(st.sampled_from(nodes), unique=True)) if nodes else []
    rows = np.array(chosen, dtype=np.int64)
    counts = exclusive_pairs(arrays.indptr, arrays.indices, rows).tolist()
    whole = metrics.exclusive_brokerage(arrays)
    assert counts == [whole[arrays.nodes[row]] for row in chosen]
    assert counts == [by_definition(graph, arrays.nodes[row]) for row in chosen]


@pytest.mark.parametrize("budget", [1, 30, 10**9])
def test_small_batches_count_the_same(monkeypatch, budget):
    """Batches of one node, of a few, of all: the counts do not change."""
    monkeypatch.setattr(_exclusive, "_BUDGET", budget)
    graph = nx.barbell_graph(5, 3)
    nx.add_star(graph, [20, 21, 22, 23, 24, 0])
    arrays = metrics.ArrayGraph.from_networkx(graph)
    rows = np.arange(len(arrays.nodes), dtype=np.int64)
    expected = list(metrics.exclusive_brokerage(arrays).values())
    assert exclusive_pairs(arrays.indptr, arrays.indices, rows).tolist() == expected


def test_every_actor_of_a_synthetic_district_counts_as_the_measure():
    """Hubs tied to hundreds: the same count for every actor."""
    compact = analyse(synthetic(80, seed=2)).graph
    arrays = metrics.ArrayGraph(nodes=compact.nodes, indptr=compact.indptr, indices=compact.indices)
    rows = np.arange(len(compact.nodes), dtype=np.int64)
    expected = list(metrics.exclusive_brokerage(arrays).values())
    assert exclusive_pairs(compact.indptr, compact.indices, rows).tolist() == expected
    assert max(expected) >= 100


def bound_by_definition(graph, node):
    """The pairs of neighbours less those of the neighbours shared most with one other node."""
    contacts = set(graph[node])
    shared = [len(contacts & set(graph[other])) for other in graph if other != node]
    most = max(shared, default=0)
    return len(contacts) * (len(contacts) - 1) // 2 - most * (most - 1) // 2


@given(graph=graphs(max_nodes=12), data=st.data())
def test_the_bound_is_its_definition_and_never_below_the_count(graph, data):
    """Random graphs, chosen nodes: the bound as defined, at least the exclusive pairs."""
    arrays = metrics.ArrayGraph.from_networkx(graph)
    nodes = range(len(arrays.nodes))
    chosen = data.draw(st.lists(st.sampled_from(nodes), unique=True)) if nodes else []
    rows = np.array(chosen, dtype=np.int64)
    bounds = exclusive_bound(arrays.indptr, arrays.indices, rows).tolist()
    assert bounds == [bound_by_definition(graph, arrays.nodes[row]) for row in chosen]
    counts = exclusive_pairs(arrays.indptr, arrays.indices, rows).tolist()
    assert all(bound >= count for bound, count in zip(bounds, counts, strict=True))


@pytest.mark.parametrize("budget", [1, 30, 10**9])
def test_the_bound_of_every_actor_of_a_synthetic_district(monkeypatch, budget):
    """Hubs tied to hundreds, in batches of any size: never below the count, and it spares
    most hubs the count (below the default threshold of 100 where the count is)."""
    monkeypatch.setattr(_exclusive, "_BUDGET", budget)
    compact = analyse(synthetic(80, seed=2)).graph
    rows = np.arange(len(compact.nodes), dtype=np.int64)
    bounds = exclusive_bound(compact.indptr, compact.indices, rows)
    counts = exclusive_pairs(compact.indptr, compact.indices, rows)
    assert (bounds >= counts).all()
    hubs = compact.degree * (compact.degree - 1) // 2 >= 100
    spared = hubs & (bounds < 100)
    assert spared.sum() * 2 >= (hubs & (counts < 100)).sum()
