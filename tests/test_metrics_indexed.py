"""The compact adjacency behind the measures: lookups, mirrors and triangles."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz.metrics._indexed import adjacency
from bildungsnetz.metrics._triangles import triangles
from strategies_graphs import graphs


def entries(tied):
    """Every (row, column) entry with its position, one at a time."""
    return {
        (int(row), int(col)): position
        for position, (row, col) in enumerate(zip(tied.rows, tied.indices, strict=True))
    }


@given(graphs(max_nodes=10, self_loops=True), st.data())
def test_lookups_match_the_entries(graph, data):
    """has, position and position_or_missing agree with the entries listed one by one."""
    tied = adjacency(graph)
    known = entries(tied)
    size = max(tied.n, 1)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, size - 1))))
    pairs = [(r, c) for r, c in pairs if r < tied.n and c < tied.n]
    rows = np.array([r for r, _ in pairs], dtype=np.int64)
    cols = np.array([c for _, c in pairs], dtype=np.int64)
    expected = [known.get(pair, -1) for pair in pairs]
    present = [pair for pair in pairs if pair in known]
    assert (
        tied.has(rows, cols).tolist(),
        tied.position_or_missing(rows, cols).tolist(),
        tied.position(
            np.array([r for r, _ in present], dtype=np.int64),
            np.array([c for _, c in present], dtype=np.int64),
        ).tolist(),
    ) == ([p >= 0 for p in expected], expected, [known[pair] for pair in present])


@given(graphs(max_nodes=10))
def test_reverse_points_at_the_mirror_entry(graph):
    """For every entry (r, c) of a symmetric adjacency, reverse holds the position of (c, r)."""
    tied = adjacency(graph)
    known = entries(tied)
    expected = [known[col, row] for row, col in known]
    assert tied.reverse.tolist() == expected


@given(graphs(max_nodes=10, self_loops=True))
def test_triangles_are_networkx_triangles_with_their_entries(graph):
    """Every triangle comes once, and ab, ac, bc are the positions of its three entries."""
    tied = adjacency(graph)
    found = triangles(tied)
    corners = zip(found.a.tolist(), found.b.tolist(), found.c.tolist(), strict=True)
    listed = [frozenset(trio) for trio in corners]
    index = {node: k for k, node in enumerate(tied.nodes)}
    simple = nx.Graph(graph)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    expected = {
        frozenset(index[v] for v in trio)
        for trio in itertools.combinations(simple, 3)
        if all(simple.has_edge(u, v) for u, v in itertools.combinations(trio, 2))
    }
    known = entries(tied)
    corners = zip(found.a, found.b, found.c, found.ab, found.ac, found.bc, strict=True)
    positions_right = all(
        (known[a, b], known[a, c], known[b, c]) == (ab, ac, bc) for a, b, c, ab, ac, bc in corners
    )
    assert (sorted(listed, key=sorted), len(set(listed)), positions_right) == (
        sorted(expected, key=sorted),
        len(listed),
        True,
    )
