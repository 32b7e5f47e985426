r"""Exclusive brokerage counted by one sparse product over the non-hubs and bit masks of hubs.

Node *v* brokers the pair {*x*, *y*} exclusively when *x* and *y* are not tied and *v* is
their only common neighbour; with closed neighbourhoods :math:`N[x] = N(x) \cup \{x\}`,
exactly when :math:`N[x] \cap N[y] = \{v\}` (a tie puts *x* and *y* themselves in the
intersection). The intersection is read in two halves:

- the *hubs*, the few nodes of degree above :math:`\sqrt{2m}`, are numbered as bits; every
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
    tied_to_hub = np.asarray(chosen.masks.any(axis=0), dtype=bool)
    for x, y, value in _products(graph, chosen.hub):
        # The product lists every pair both ways: each is taken once, as x < y.
        alone = np.flatnonzero((value & _LOW) == 1)
        alone = alone[y[alone] > x[alone]]
        if chosen.hub.size:
            alone = alone[~chosen.share_a_hub(x[alone], y[alone])]
            touched = np.flatnonzero(tied_to_hub[y])
            touched = touched[y[touched] > x[touched]]
            listed_for_hub += chosen.count_only_hub(x[touched], y[touched])
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
        r"""Take as hubs the nodes of degree above :math:`\sqrt{2m}`.

        Listing the pairs of such a node's closed neighbourhood would cost more than
        reading the whole graph, and there are fewer than :math:`\sqrt{2m}` of them. The
        others cost at most :math:`\sqrt{2m}` per tie, as in triangle listing; degrees
        that grow with the network (a state authority tied to every school) stay hubs
        however large it gets, so the cost grows with the ties, not their square.
        """
        degree = graph.degrees
        return cls.build(graph, int(np.count_nonzero(degree > np.sqrt(degree.sum()))))

    def share_a_hub(self, x: IntArray, y: IntArray) -> npt.NDArray[np.bool_]:
        """Tell for each pair whether their closed neighbourhoods hold a hub in common."""
        shared = np.zeros(x.size, dtype=bool)
        for word in self.masks:
            shared |= (word[x] & word[y]) != 0
        return shared

    def count_only_hub(self, x: IntArray, y: IntArray) -> IntArray:
        """Count, per hub, the pairs (neither of them the hub) that share that hub alone."""
        common = [word[x] & word[y] for word in self.masks]
        words = sum((word != 0).astype(np.int8) for word in common)
        single = np.flatnonzero(words == 1)
        # Only one word is non-zero: the sum is that word, and the index sum its position.
        bits = sum((word[single] for word in common), start=np.zeros(single.size, np.uint64))
        word = sum(
            (index * (common[index][single] != 0) for index in range(len(common))),
            start=np.zeros(single.size, dtype=np.int64),
        )
        one = (bits & (bits - _ONE)) == 0
        # log2 is exact on powers of two, which floating point holds exactly.
        bit = np.log2(bits[one].astype(np.float64)).astype(np.int64)
        only = self.hub[word[one] * _WORD + bit]
        elsewhere = (only != x[single[one]]) & (only != y[single[one]])
        return np.bincount(only[elsewhere], minlength=self.masks.shape[1]).astype(np.int64)

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


def _products(graph: Adjacency, hub: IntArray) -> Iterator[tuple[IntArray, IntArray, UIntArray]]:
    """Yield every pair (x, y) with a non-hub in N[x] ∩ N[y], both ways, in blocks of rows.

    With each pair comes ``count + (sum of those non-hubs' numbers << 32)``: a product of
    the closed adjacency with its non-hub columns labelled ``1 + (w << 32)`` and the closed
    adjacency with its non-hub rows. Counts stay below ``2**32``, so the low half is exact
    and, for a count of 1, the high half is the non-hub's number. Pairs of a node with
    itself come too.
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
        x = np.repeat(np.arange(start, end, dtype=block.indices.dtype), np.diff(block.indptr))
        yield x, block.indices, block.data


def _csr(data: UIntArray, columns: IntArray, rows: IntArray, n: int) -> sparse.csr_array:
    """Build a CSR matrix from entries already in row order."""
    pointers = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=n))))
    # 32-bit numbers where they fit: half the memory traffic in the product and after it.
    small = max(n, int(pointers[-1])) < np.iinfo(np.int32).max
    index_type = np.int32 if small else np.int64
    return sparse.csr_array(
        (data, columns.astype(index_type), pointers.astype(index_type)), shape=(n, n)
    )


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
