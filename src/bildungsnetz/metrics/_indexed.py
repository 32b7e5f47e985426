"""Compact integer-indexed adjacency of a networkx graph, shared by the vectorised measures.

Nodes are numbered by their position in ``list(graph)``; every measure reports in that order,
so results are deterministic for a given graph. Self-loops are dropped here, once, because no
measure in this package treats a tie of an actor with itself as a contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse

from bildungsnetz.metrics.arrays import ArrayGraph

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

__all__ = [
    "Adjacency",
    "FloatArray",
    "IntArray",
    "adjacency",
    "distinct",
    "expand",
    "require_simple",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Adjacency:
    """Rows of a sparse adjacency matrix in CSR form.

    Columns are sorted inside each row, so ``keys`` is sorted as a whole and an edge can be
    looked up by binary search. ``weights`` holds ones when the graph was read unweighted.
    """

    nodes: list[Hashable]
    indptr: IntArray
    indices: IntArray
    weights: FloatArray

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def degrees(self) -> IntArray:
        """Number of entries in each row."""
        return np.diff(self.indptr)

    @cached_property
    def rows(self) -> IntArray:
        """Row of every entry, aligned with ``indices``."""
        return np.repeat(np.arange(self.n, dtype=np.int64), self.degrees)

    @cached_property
    def _entries(self) -> sparse.csr_array:
        """The matrix with ``1 + position`` of every entry as its value, for lookups."""
        size = self.n
        values = np.arange(1, self.indices.size + 1, dtype=np.int64)
        return sparse.csr_array((values, self.indices, self.indptr), shape=(size, size))

    def _find(self, rows: IntArray, cols: IntArray) -> IntArray:
        """``1 + position`` of each (row, column) entry, 0 where there is none."""
        if rows.size == 0 or self.indices.size == 0:
            return np.zeros(rows.shape, dtype=np.int64)
        # scipy looks each pair up by binary search within its row: a few cache lines per
        # lookup, where a search over all entries at once touches a line per step.
        found: IntArray = np.asarray(self._entries[rows, cols], dtype=np.int64)
        return found

    def has(self, rows: IntArray, cols: IntArray) -> npt.NDArray[np.bool_]:
        """Tell for each (row, column) pair whether the matrix has that entry."""
        found: npt.NDArray[np.bool_] = self._find(rows, cols) > 0
        return found

    def position(self, rows: IntArray, cols: IntArray) -> IntArray:
        """Index into ``indices`` of each (row, column) entry; every pair must be present."""
        return self._find(rows, cols) - 1

    def position_or_missing(self, rows: IntArray, cols: IntArray) -> IntArray:
        """Index into ``indices`` of each (row, column) entry, -1 where there is none."""
        return self._find(rows, cols) - 1

    @cached_property
    def reverse(self) -> IntArray:
        """For a symmetric matrix, the position of each entry's mirror: (c, r) for (r, c).

        Entries sorted by column, then row, are the mirrors in the order of their own
        positions; rows are sorted already, so a stable sort by column does it.
        """
        order = np.argsort(self.indices, kind="stable")
        mirror = np.empty_like(order)
        mirror[order] = np.arange(order.size, dtype=np.int64)
        return mirror.astype(np.int64)


def require_simple(graph: nx.Graph | ArrayGraph, *, function: str, directed: bool) -> None:
    """Refuse graph types a measure is not defined for, with a message that says what to do.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a multigraph, and for a directed graph when ``directed`` is false.
    """
    if graph.is_multigraph():
        msg = (
            f"{function}() is not implemented for multigraphs; collapse parallel ties "
            "into one edge first, e.g. with nx.Graph(graph) or nx.DiGraph(graph)"
        )
        raise nx.NetworkXNotImplemented(msg)
    if graph.is_directed() and not directed:
        msg = (
            f"{function}() is defined for undirected graphs; pass graph.to_undirected() "
            "to treat every tie as undirected"
        )
        raise nx.NetworkXNotImplemented(msg)


def adjacency(
    graph: nx.Graph | ArrayGraph,
    *,
    direction: Literal["out", "in", "both"] = "out",
    weight: str | None = None,
) -> Adjacency:
    """Read a simple graph into CSR form without self-loops.

    ``direction`` matters for directed graphs only: ``"out"`` gives successors, ``"in"``
    predecessors and ``"both"`` the union, in which a reciprocated pair carries the sum of
    both arcs' weights (Burt's mutual weight). A missing weight attribute counts as 1, as in
    networkx.
    """
    if isinstance(graph, ArrayGraph):
        if weight is not None:
            msg = "an ArrayGraph has no weights; pass a networkx graph for weighted measures"
            raise ValueError(msg)
        return Adjacency(
            nodes=list(graph.nodes),
            indptr=graph.indptr,
            indices=graph.indices,
            weights=np.ones(graph.indices.size, dtype=np.float64),
        )
    nodes = list(graph)
    index = {node: position for position, node in enumerate(nodes)}
    view = graph.pred if graph.is_directed() and direction == "in" else graph.adj
    rows, cols, weights = _entries(view, index, weight)
    if graph.is_directed() and direction == "both":
        rows, cols = np.concatenate([rows, cols]), np.concatenate([cols, rows])
        weights = np.concatenate([weights, weights])
    keep = rows != cols
    size = len(nodes)
    matrix = sparse.csr_array(
        (weights[keep], (rows[keep], cols[keep])), shape=(size, size), dtype=np.float64
    )
    matrix.sum_duplicates()
    matrix.sort_indices()
    return Adjacency(
        nodes=nodes,
        indptr=matrix.indptr.astype(np.int64),
        indices=matrix.indices.astype(np.int64),
        weights=np.asarray(matrix.data, dtype=np.float64),
    )


def _entries(
    view: Any, index: dict[Hashable, int], weight: str | None
) -> tuple[IntArray, IntArray, FloatArray]:
    counts = np.fromiter((len(nbrs) for nbrs in view.values()), dtype=np.int64, count=len(index))
    total = int(counts.sum())
    rows = np.repeat(np.arange(len(index), dtype=np.int64), counts)
    cols = np.fromiter(
        (index[other] for nbrs in view.values() for other in nbrs), dtype=np.int64, count=total
    )
    if weight is None:
        return rows, cols, np.ones(total, dtype=np.float64)
    weights = _weights(
        (data.get(weight, 1) for nbrs in view.values() for data in nbrs.values()), total, weight
    )
    bad = ~(np.isfinite(weights) & (weights > 0))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        nodes = list(index)
        edge = (nodes[rows[first]], nodes[cols[first]])
        value = float(weights[first])
        msg = f"edge weight {weight!r} must be a positive number, got {value!r} on edge {edge!r}"
        raise ValueError(msg)
    return rows, cols, weights


def _weights(values: Iterable[Any], total: int, weight: str) -> FloatArray:
    try:
        return np.fromiter(values, dtype=np.float64, count=total)
    except (TypeError, ValueError) as error:
        msg = f"edge weight {weight!r} must be a number on every edge: {error}"
        raise ValueError(msg) from error


def expand(indptr: IntArray, rows: IntArray) -> tuple[IntArray, IntArray]:
    """List the entries of several CSR rows at once.

    Returns, for every entry of every requested row, the index of the request it belongs to
    and the entry's position in ``indices``; rows may repeat. Costs the total length of the
    rows listed.
    """
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    which = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
    offsets = np.arange(which.size, dtype=np.int64) - np.repeat(
        np.cumsum(lengths) - lengths, lengths
    )
    return which, starts[which] + offsets


def distinct(values: IntArray) -> IntArray:
    """Sorted distinct values.

    ``np.unique`` may take a hash-based route that is many times slower than sorting on
    tens of millions of integers; this always sorts.
    """
    ordered = np.sort(values)
    keep = np.ones(ordered.size, dtype=bool)
    keep[1:] = ordered[1:] != ordered[:-1]
    return ordered[keep]
