"""Exclusive brokerage of a few chosen nodes, without counting every other node.

:func:`bildungsnetz.metrics.exclusive_brokerage` counts every node of a graph. The
comparison over a horizon needs the count of a few hundred actors out of hundreds of
thousands (those an ending touches), so here the pairs are counted around the chosen nodes
only: the cost is the sum of the degrees of their neighbours, not that of the graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse

from bildungsnetz.gaps._analysis import ranges

if TYPE_CHECKING:
    from collections.abc import Callable

    from bildungsnetz.gaps._analysis import IntArray

__all__ = ["exclusive_bound", "exclusive_pairs", "neighbourhoods"]

# How many steps of the walk and pairs of neighbours one batch of nodes may hold in memory.
_BUDGET = 4_000_000


def exclusive_pairs(indptr: IntArray, indices: IntArray, rows: IntArray) -> IntArray:
    """Return, for each node of ``rows``, the pairs it brokers exclusively.

    The same counts as :func:`bildungsnetz.metrics.exclusive_brokerage` on the CSR graph
    (rows sorted, each tie stored both ways, no self-loops): the pairs of a node's
    neighbours that are not tied to each other and share no other neighbour.

    Notes
    -----
    A pair of neighbours is not exclusive if it is tied or if some other node is a
    neighbour of both. A walk from each neighbour *u* of a chosen node *v* to the
    neighbours *x* of *u* gives a sparse matrix (neighbour of *v*) × (*x*); its product
    with its transpose holds the pairs of neighbours of *v* that share some *x*, and the
    steps that land on another neighbour of *v* are its tied pairs. The exclusive pairs
    are all pairs less those. Costs the sum of the degrees of the neighbours of ``rows``
    and the pairs of their neighbours, in batches that bound the memory.
    """
    return _in_batches(indptr, indices, rows, _batch)


def exclusive_bound(indptr: IntArray, indices: IntArray, rows: IntArray) -> IntArray:
    """Return, for each node of ``rows``, at most the pairs it brokers exclusively.

    The pairs of its neighbours less those of the neighbours it shares with the one
    other node that shares most of them: any two of those share that node, so neither
    pair is exclusive. A hub whose contacts all know one office (a school and its
    Schulamt) brokers few pairs exclusively, and this says so at the cost of one step
    from each neighbour, without the pairs of neighbours that :func:`exclusive_pairs`
    multiplies out.
    """
    return _in_batches(indptr, indices, rows, _bound)


def _in_batches(
    indptr: IntArray,
    indices: IntArray,
    rows: IntArray,
    count: Callable[[IntArray, IntArray, IntArray], IntArray],
) -> IntArray:
    """Return ``count`` of the ``rows``, in batches whose walks fit the memory budget."""
    counts = np.zeros(rows.size, dtype=np.int64)
    if not rows.size:
        return counts
    degree = np.diff(indptr)
    owner, neighbour = neighbourhoods(indptr, indices, rows)
    cost = np.bincount(owner, weights=degree[neighbour], minlength=rows.size)
    cost = np.cumsum(cost + degree[rows] * (degree[rows] - 1) / 2)
    start = 0
    while start < rows.size:
        end = max(int(np.searchsorted(cost, cost[start] + _BUDGET)), start + 1)
        counts[start:end] = count(indptr, indices, rows[start:end])
        start = end
    return counts


def _bound(indptr: IntArray, indices: IntArray, rows: IntArray) -> IntArray:
    n, degree = indptr.size - 1, np.diff(indptr)
    owner, neighbour = neighbourhoods(indptr, indices, rows)
    # Every step from a neighbour of a chosen node to another node: how many of the
    # chosen node's neighbours each other node shares with it.
    step_owner = np.repeat(owner, degree[neighbour])
    other = indices[ranges(indptr, neighbour)]
    beyond = other != rows[step_owner]
    landed, shared = np.unique(step_owner[beyond] * n + other[beyond], return_counts=True)
    most = np.zeros(rows.size, dtype=np.int64)
    np.maximum.at(most, landed // n, shared)
    pairs: IntArray = degree[rows] * (degree[rows] - 1) // 2
    return pairs - most * (most - 1) // 2


def _batch(indptr: IntArray, indices: IntArray, rows: IntArray) -> IntArray:
    n, degree = indptr.size - 1, np.diff(indptr)
    owner, neighbour = neighbourhoods(indptr, indices, rows)
    size = neighbour.size
    step = np.repeat(np.arange(size, dtype=np.int64), degree[neighbour])
    other = indices[ranges(indptr, neighbour)]
    beyond = other != rows[owner[step]]
    step, other = step[beyond], other[beyond]
    # The same node reached from neighbours of two chosen nodes are two columns: a pair
    # must share a neighbour of its own broker's walk.
    landed = owner[step] * n + other
    columns, column = np.unique(landed, return_inverse=True)
    walk = scipy.sparse.csr_array(
        (np.ones(step.size, dtype=np.int32), (step, column)), shape=(size, columns.size)
    )
    # A step onto another neighbour of the same chosen node is a tie between the two.
    member = owner * n + neighbour
    position = np.minimum(np.searchsorted(member, landed), size - 1)
    tied = member[position] == landed
    ties = scipy.sparse.csr_array(
        (np.ones(int(tied.sum()), dtype=np.int32), (step[tied], position[tied])),
        shape=(size, size),
    )
    others = scipy.sparse.triu(walk @ walk.T + ties, k=1, format="csr")
    taken = np.bincount(owner, weights=np.diff(others.indptr), minlength=rows.size)
    pairs: IntArray = degree[rows] * (degree[rows] - 1) // 2
    return pairs - taken.astype(np.int64)


def neighbourhoods(
    indptr: IntArray, indices: IntArray, rows: IntArray
) -> tuple[IntArray, IntArray]:
    """Return (position in ``rows``, neighbour) for every neighbour of every row."""
    lengths = indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
    return owner, indices[ranges(indptr, rows)]
