"""Exclusive brokerage of a few chosen nodes, without counting every other node.

:func:`bildungsnetz.metrics.exclusive_brokerage` counts every node of a graph. The
comparison over a horizon needs the count of a few hundred actors out of hundreds of
thousands (those an ending touches), so here the pairs are counted around the chosen nodes
only: the cost is the sum of the degrees of their neighbours, not that of the graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.gaps._analysis import ranges

if TYPE_CHECKING:
    from bildungsnetz.gaps._analysis import IntArray

__all__ = ["exclusive_pairs", "neighbourhoods"]

# How many steps of the walk, and how many pairs, one batch of nodes may hold in memory.
_WALK_BUDGET = 2_000_000
_PAIR_BUDGET = 8_000_000


def exclusive_pairs(indptr: IntArray, indices: IntArray, rows: IntArray) -> IntArray:
    """Return, for each node of ``rows``, the pairs it brokers exclusively.

    The same counts as :func:`bildungsnetz.metrics.exclusive_brokerage` on the CSR graph
    (rows sorted, each tie stored both ways, no self-loops): the pairs of a node's
    neighbours that are not tied to each other and share no other neighbour.

    Notes
    -----
    A pair of neighbours is not exclusive if it is tied or if some other node is a
    neighbour of both; walking from each neighbour *u* of a chosen node *v* to the
    neighbours *x* of *u* finds both (*x* among the neighbours of *v*; *u* grouped by
    *x*). The exclusive pairs are all pairs less the distinct others. Costs the sum of the
    degrees of the neighbours of ``rows`` plus the pairs sharing a neighbour, in batches.
    """
    counts = np.zeros(rows.size, dtype=np.int64)
    if not rows.size:
        return counts
    degree = np.diff(indptr)
    owner, neighbour = neighbourhoods(indptr, indices, rows)
    walk = np.cumsum(np.bincount(owner, weights=degree[neighbour], minlength=rows.size))
    start = 0
    while start < rows.size:
        end = max(int(np.searchsorted(walk, walk[start] + _WALK_BUDGET)), start + 1)
        counts[start:end] = _batch(indptr, indices, rows[start:end])
        start = end
    return counts


def _batch(indptr: IntArray, indices: IntArray, rows: IntArray) -> IntArray:
    n = indptr.size - 1
    degree = np.diff(indptr)
    owner, neighbour = neighbourhoods(indptr, indices, rows)
    step = np.repeat(np.arange(neighbour.size, dtype=np.int64), degree[neighbour])
    other = indices[ranges(indptr, neighbour)]
    via, through = owner[step], neighbour[step]
    beyond = other != rows[via]
    via, through, other = via[beyond], through[beyond], other[beyond]
    order = np.lexsort((through, other, via))
    via, through, other = via[order], through[order], other[order]
    # Each walk step pairs with the later steps through the same other node: those pairs
    # of neighbours share a neighbour besides the chosen node.
    starts = np.ones(via.size, dtype=np.bool_)
    starts[1:] = (via[1:] != via[:-1]) | (other[1:] != other[:-1])
    ends = np.append(np.flatnonzero(starts)[1:], via.size)
    after = ends[np.cumsum(starts) - 1] - np.arange(via.size) - 1
    if int(after.sum()) > _PAIR_BUDGET and rows.size > 1:
        half = rows.size // 2
        return np.concatenate(
            (_batch(indptr, indices, rows[:half]), _batch(indptr, indices, rows[half:]))
        )
    first = np.repeat(np.arange(via.size, dtype=np.int64), after)
    offset = np.arange(first.size, dtype=np.int64) - np.repeat(np.cumsum(after) - after, after)
    second = first + 1 + offset
    square = n * n
    shared = via[first] * square + through[first] * n + through[second]
    # A step to another neighbour of the chosen node is a tie between two of them.
    member = owner * n + neighbour
    landed = via * n + other
    position = np.minimum(np.searchsorted(member, landed), member.size - 1)
    tied = (member[position] == landed) & (through < other)
    adjacent = via[tied] * square + through[tied] * n + other[tied]
    others = np.unique(np.concatenate((shared, adjacent)))
    pairs: IntArray = degree[rows] * (degree[rows] - 1) // 2
    return pairs - np.bincount(others // square, minlength=rows.size).astype(np.int64)


def neighbourhoods(
    indptr: IntArray, indices: IntArray, rows: IntArray
) -> tuple[IntArray, IntArray]:
    """Return (position in ``rows``, neighbour) for every neighbour of every row."""
    lengths = indptr[rows + 1] - indptr[rows]
    owner = np.repeat(np.arange(rows.size, dtype=np.int64), lengths)
    return owner, indices[ranges(indptr, rows)]
