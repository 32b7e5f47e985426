r"""Exclusive brokerage counted by one sparse product over the non-hubs and bit masks of hubs.

Node *v* brokers the pair {*x*, *y*} exclusively when *x* and *y* are not tied and *v* is
their only common neighbour; with closed neighbourhoods :math:`N[x] = N(x) \cup \{x\}`,
exactly when :math:`N[x] \cap N[y] = \{v\}` (a tie puts *x* and *y* themselves in the
intersection). The intersection is read in two halves:

- the *hubs*, a few hundred nodes of highest degree at most, are numbered as bits; every
  node keeps the hubs of its closed neighbourhood as a bit mask, so the hubs two nodes share
  are one AND away;
- for every other node *w* one sparse matrix product over the pairs of :math:`N[w]` counts,
  for every pair, the non-hubs in the intersection and sums their numbers, which names the
  non-hub when there is one. Its cost is the sum of :math:`(d_w + 1)^2` over non-hubs only.

A non-hub *v* brokers the pairs whose count is 1, whose sum names *v* and whose masks share
no bit. A hub *h* brokers the :math:`\binom{d_h}{2}` pairs of its neighbours less those whose
masks share another hub (counted from the distinct masks among its neighbours, without
listing pairs) and those the product lists whose only shared hub is *h*. A hub tied to
thousands of nodes thus costs the length of its neighbour list, not its square.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bildungsnetz.metrics._indexed import expand
from bildungsnetz.metrics._triangles import pair_positions

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bildungsnetz.metrics._indexed import Adjacency, FloatArray, IntArray

__all__ = ["exclusive_counts"]

UIntArray = npt.NDArray[np.uint64]

#: Hubs are numbered in words of this many bits.
_WORD = 64
#: At most this many words of hubs.
_MAX_WORDS = 8
#: Hubs have more than this many times the mean degree.
_HUB_FACTOR = 4
#: Products per block of the pair listing; bounds its memory to some hundred MB.
_BLOCK = 1 << 22
_SHIFT = np.uint64(32)
_LOW = np.uint64((1 << 32) - 1)
_ONE = np.uint64(1)


def exclusive_counts(graph: Adjacency, *, hubs: int | None = None) -> IntArray:
    """Count every node's exclusive pairs.

    ``hubs`` nodes of highest degree are taken as hubs; ``None`` chooses them by degree.
    The result does not depend on it.
    """
    chosen = _Hubs.chosen(graph) if hubs is None else _Hubs.build(graph, hubs)
    n = graph.n
    counts = np.zeros(n, dtype=np.int64)
    listed_for_hub = np.zeros(n, dtype=np.int64)
    for x, y, value in _listed_pairs(graph, chosen.hub):
        common = [word[x] & word[y] for word in chosen.masks]
        shared = sum((word != 0).astype(np.int8) for word in common)
        alone = (value & _LOW) == 1
        if common:
            alone &= shared == 0
            single = np.flatnonzero(shared == 1)
            only = chosen.only_hub([word[single] for word in common])
            valid = (only >= 0) & (only != x[single]) & (only != y[single])
            listed_for_hub += np.bincount(only[valid], minlength=n)
        counts += np.bincount((value[alone] >> _SHIFT).astype(np.int64), minlength=n)
    hub = chosen.hub
    degree = graph.degrees[hub]
    counts[hub] = degree * (degree - 1) // 2 - chosen.sharing_another_hub() - listed_for_hub[hub]
    return counts


@dataclass(frozen=True)
class _Hubs:
    """The hubs, every node's hub bits, and the distinct masks among each hub's neighbours.

    ``masks`` is word-major: row *k* holds bits ``64k`` to ``64k + 63`` of every node, so
    that the words of many nodes are gathered one word at a time. The neighbours of hub
    ``hub[i]`` whose masks, without bit *i*, are not empty fall into groups of equal masks:
    group *g* belongs to hub ``group[g]``, has ``sizes[g]`` members and the mask
    ``distinct[:, g]``; groups are sorted by hub.
    """

    hub: IntArray
    masks: UIntArray
    group: IntArray
    sizes: IntArray
    distinct: UIntArray

    @classmethod
    def build(cls, graph: Adjacency, count: int) -> _Hubs:
        """Take the ``count`` nodes of highest degree (ties by number) as hubs."""
        n = graph.n
        hub = np.lexsort((np.arange(n, dtype=np.int64), -graph.degrees))[:count]
        hub = hub.astype(np.int64)
        words = -(-hub.size // _WORD)
        masks = np.zeros((words, n), dtype=np.uint64)
        which, position = expand(graph.indptr, hub)
        members = np.concatenate((graph.indices[position], hub))
        bit = np.concatenate((which, np.arange(hub.size, dtype=np.int64)))
        # Every (member, bit) occurs once, so adding the bits sets them.
        np.add.at(masks.reshape(-1), bit // _WORD * n + members, _bits(bit))
        own = masks[:, graph.indices[position]]
        own[which // _WORD, np.arange(which.size)] &= ~_bits(which)
        keep = own.any(axis=0)
        which, own = which[keep], own[:, keep]
        order = np.lexsort((*own, which))
        which, own = which[order], own[:, order]
        fresh = np.ones(which.size, dtype=bool)
        fresh[1:] = (which[1:] != which[:-1]) | (own[:, 1:] != own[:, :-1]).any(axis=0)
        starts = np.flatnonzero(fresh)
        sizes = np.diff(np.append(starts, which.size)).astype(np.int64)
        return cls(hub, masks, which[starts], sizes, own[:, starts])

    @classmethod
    def chosen(cls, graph: Adjacency) -> _Hubs:
        """Take as hubs the nodes of more than ``_HUB_FACTOR`` times the mean degree.

        At most ``_MAX_WORDS`` words of them, the highest degrees first. A hub saves
        listing the :math:`(d + 1)^2` pairs of its closed neighbourhood but costs a comparison
        per pair of distinct masks among its neighbours; nodes far above the mean degree
        have many neighbours and few distinct masks among them.
        """
        degree = graph.degrees
        mean = float(degree.mean()) if degree.size else 0.0
        count = int(np.count_nonzero(degree > max(_HUB_FACTOR * mean, 1)))
        return cls.build(graph, min(count, _MAX_WORDS * _WORD))

    def only_hub(self, common: list[UIntArray]) -> IntArray:
        """Name the hub of the one bit set in each row of words (-1 unless exactly one is)."""
        size = common[0].size if common else 0
        # Only one word is non-zero: the sum is that word, and the index sum its position.
        bits = sum(common, start=np.zeros(size, dtype=np.uint64))
        word = sum(
            (index * (word != 0) for index, word in enumerate(common)),
            start=np.zeros(size, dtype=np.int64),
        )
        single = (bits & (bits - _ONE)) == 0
        found = np.full(size, -1, dtype=np.int64)
        # log2 is exact on powers of two, which floating point holds exactly.
        bit = np.log2(bits[single].astype(np.float64)).astype(np.int64)
        found[single] = self.hub[word[single] * _WORD + bit]
        return found

    def sharing_another_hub(self) -> IntArray:
        """Per hub, the pairs of its neighbours whose closed neighbourhoods share another hub.

        Pairs inside a group always do (their mask is not empty); pairs of two groups of
        one hub do when the two masks meet, counted by the product of the group sizes.
        """
        size = self.hub.size
        sizes, group = self.sizes, self.group
        meeting = np.bincount(group, weights=sizes * (sizes - 1) // 2, minlength=size)
        bounds = np.concatenate(([0], np.cumsum(np.bincount(group, minlength=size))))
        for first, second in pair_positions(bounds.astype(np.int64)):
            meet = np.zeros(first.size, dtype=bool)
            for word in self.distinct:
                meet |= (word[first] & word[second]) != 0
            meeting += np.bincount(
                group[first[meet]],
                weights=sizes[first[meet]] * sizes[second[meet]],
                minlength=size,
            )
        return np.rint(meeting).astype(np.int64)


def _bits(bit: IntArray) -> UIntArray:
    return np.left_shift(_ONE, (bit % _WORD).astype(np.uint64))


def _listed_pairs(
    graph: Adjacency, hub: IntArray
) -> Iterator[tuple[IntArray, IntArray, UIntArray]]:
    """Yield every pair x < y with a non-hub in N[x] ∩ N[y], in blocks of rows.

    With each pair comes ``count + (sum of those non-hubs' numbers << 32)``: a product of
    the closed adjacency with its non-hub columns labelled ``1 + (w << 32)`` and the closed
    adjacency with its non-hub rows. Counts stay below ``2**32``, so the low half is exact
    and, for a count of 1, the high half is the non-hub's number.
    """
    n = graph.n
    light = np.ones(n, dtype=bool)
    light[hub] = False
    indptr = graph.indptr + np.arange(n + 1, dtype=np.int64)
    diagonal = np.zeros(int(indptr[-1]), dtype=bool)
    diagonal[indptr[:-1]] = True
    indices = np.empty(diagonal.size, dtype=np.int64)
    indices[diagonal] = np.arange(n, dtype=np.int64)
    indices[~diagonal] = graph.indices
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    to_light, from_light = light[indices], light[rows]
    label = _ONE + (np.arange(n, dtype=np.uint64) << _SHIFT)
    labelled = _csr(label[indices[to_light]], indices[to_light], rows[to_light], n)
    spread = _csr(
        np.ones(int(from_light.sum()), dtype=np.uint64), indices[from_light], rows[from_light], n
    )
    row_size = (np.diff(indptr) * light).astype(np.float64)
    work = np.asarray(
        np.bincount(rows[to_light], weights=row_size[indices[to_light]], minlength=n),
        dtype=np.float64,
    )
    for start, end in _row_blocks(work):
        block = labelled[start:end] @ spread
        x = np.repeat(np.arange(start, end, dtype=np.int64), np.diff(block.indptr))
        y = block.indices.astype(np.int64)
        upper = y > x
        yield x[upper], y[upper], block.data[upper]


def _csr(data: UIntArray, columns: IntArray, rows: IntArray, n: int) -> sparse.csr_array:
    """Build a CSR matrix from entries already in row order."""
    pointers = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
    return sparse.csr_array((data, columns, pointers), shape=(n, n))


def _row_blocks(work: FloatArray) -> Iterator[tuple[int, int]]:
    """Split the rows into consecutive blocks of about ``_BLOCK`` work each."""
    total = np.cumsum(work)
    last = float(total[-1]) if total.size else 0.0
    marks = np.arange(1, int(last) // _BLOCK + 1, dtype=np.float64) * _BLOCK
    ends = np.minimum(np.searchsorted(total, marks) + 1, work.size)
    start = 0
    for end in [*np.unique(ends).tolist(), work.size]:
        if end > start:
            yield start, end
            start = end
