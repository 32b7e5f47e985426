"""Cut actors and cut ties, with the parts of the network they alone hold on.

A cut actor (articulation point) is a node whose removal splits its connected component; a
cut tie (bridge) is an edge whose removal does. Both come from one depth-first search with
low-links and subtree sizes (Hopcroft & Tarjan 1973), so all of them, with the size of
every part they cut off, are found in O(n + m). The parts themselves are described as
stretches of the search order and spelled out as sets only when asked for: listing every
part eagerly could cost O(n^2) on a long chain of actors.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.metrics._indexed import Adjacency, IntArray, adjacency, require_simple

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

    from bildungsnetz.metrics.arrays import ArrayGraph

__all__ = ["Cut", "cut_actors", "cut_actors_and_ties", "cut_ties"]

Span = tuple[int, int]


@dataclass(frozen=True, eq=False)
class Cut:
    """The parts of a connected component that lose contact when one actor or tie goes.

    The component falls apart into parts. The largest one (on a tie, the one holding the
    node that comes first in graph order) is taken to be the rest of the network; every
    other part is *separated*.

    Attributes
    ----------
    sizes
        Number of nodes in each separated part, largest first.
    kept
        Number of nodes in the largest part, the one that stays together.

    Examples
    --------
    >>> import networkx as nx
    >>> cut = cut_actors(nx.star_graph(3))[0]
    >>> cut
    Cut(sizes=(1, 1), kept=1)
    >>> cut.separated
    (frozenset({2}), frozenset({3}))
    >>> cut.cut_off
    2
    """

    sizes: tuple[int, ...]
    kept: int
    _order: tuple[Hashable, ...] = field(repr=False)
    _spans: tuple[tuple[Span, ...], ...] = field(repr=False)

    @cached_property
    def separated(self) -> tuple[frozenset[Hashable], ...]:
        """The separated parts as sets of nodes, in the order of :attr:`sizes`."""
        return tuple(
            frozenset(itertools.chain.from_iterable(self._order[a:b] for a, b in spans))
            for spans in self._spans
        )

    @property
    def cut_off(self) -> int:
        """Number of nodes that lose contact with the largest part."""
        return sum(self.sizes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cut):
            return NotImplemented
        return (self.sizes, self.kept, self.separated) == (other.sizes, other.kept, other.separated)

    def __hash__(self) -> int:
        return hash((self.sizes, self.kept, self.separated))


def cut_actors(graph: nx.Graph | ArrayGraph) -> dict[Hashable, Cut]:
    r"""Find the actors whose removal cuts parts of the network off.

    Parameters
    ----------
    graph
        An undirected simple graph. Self-loops are ignored.

    Returns
    -------
    cuts
        Articulation point -> :class:`Cut` listing the parts of its component, other than
        the largest, that lose contact when it is removed; in graph order.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph; pass ``graph.to_undirected()`` to read
        directed ties as undirected (weak connectivity).

    Notes
    -----
    Hopcroft & Tarjan (1973): in a depth-first search with preorder numbers :math:`d(v)`
    and low-links :math:`\ell(v)`, a non-root node *v* is a cut actor iff it has a child
    *c* with :math:`\ell(c) \ge d(v)`, and each such child's subtree becomes a part of its
    own; a root is one iff it has two or more children. The remaining part is everything
    else in the component. One iterative search (no recursion limit), O(n + m) time and
    memory; the member sets cost their size when :attr:`Cut.separated` is first read.

    Examples
    --------
    >>> import networkx as nx
    >>> cuts = cut_actors(nx.path_graph(4))
    >>> cuts
    {1: Cut(sizes=(1,), kept=2), 2: Cut(sizes=(1,), kept=2)}
    >>> cuts[1].separated
    (frozenset({0}),)
    """
    require_simple(graph, function="cut_actors", directed=False)
    return _Forest.search(adjacency(graph)).actor_cuts()


def cut_ties(graph: nx.Graph | ArrayGraph) -> dict[tuple[Hashable, Hashable], Cut]:
    r"""Find the ties whose removal cuts part of the network off.

    Parameters
    ----------
    graph
        An undirected simple graph. Self-loops are ignored.

    Returns
    -------
    cuts
        Bridge -> :class:`Cut` with the one part on its smaller side. Each bridge is keyed
        ``(kept_end, cut_end)``: its end on the larger side first (on equal sides, the side
        holding the node first in graph order), its end in the separated part second.
        Sorted by the ends' positions in graph order.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph; pass ``graph.to_undirected()`` to read
        directed ties as undirected (weak connectivity).

    Notes
    -----
    Tarjan (1974): a tree edge (*p*, *c*) of a depth-first search is a bridge iff
    :math:`\ell(c) > d(p)`; one side is the subtree of *c*. One iterative search, O(n + m).

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    >>> cut_ties(graph)
    {(2, 3): Cut(sizes=(1,), kept=3)}
    >>> cut_ties(graph)[2, 3].separated
    (frozenset({3}),)
    """
    require_simple(graph, function="cut_ties", directed=False)
    return _Forest.search(adjacency(graph)).tie_cuts()


def cut_actors_and_ties(
    graph: nx.Graph | ArrayGraph,
) -> tuple[dict[Hashable, Cut], dict[tuple[Hashable, Hashable], Cut]]:
    """Find the cut actors and the cut ties from one depth-first search.

    Parameters
    ----------
    graph
        An undirected simple graph. Self-loops are ignored.

    Returns
    -------
    actors, ties
        What :func:`cut_actors` and :func:`cut_ties` return, for half the cost of calling
        both.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    Examples
    --------
    >>> import networkx as nx
    >>> actors, ties = cut_actors_and_ties(nx.path_graph(3))
    >>> list(actors), list(ties)
    ([1], [(1, 0), (1, 2)])
    """
    require_simple(graph, function="cut_actors_and_ties", directed=False)
    forest = _Forest.search(adjacency(graph))
    return forest.actor_cuts(), forest.tie_cuts()


@dataclass(frozen=True)
class _Forest:
    """A depth-first search forest: preorder, subtree sizes, low-links, component bounds."""

    nodes: list[Hashable]
    parent: IntArray
    first: IntArray  # preorder number
    low: IntArray
    size: IntArray
    lowest: IntArray  # smallest node number in the subtree, to break ties between parts
    start: IntArray  # preorder number where the node's component starts
    end: IntArray  # preorder number just past the node's component
    order: tuple[Hashable, ...]  # node labels in preorder

    @classmethod
    def search(cls, graph: Adjacency) -> _Forest:
        n = graph.n
        parent, preorder = _depth_first(graph)
        first = np.empty(n, dtype=np.int64)
        first[preorder] = np.arange(n, dtype=np.int64)
        low, size, lowest = _subtrees(preorder, parent, _lowest_reached(graph, parent, first))
        roots = parent[preorder] < 0
        positions = np.arange(n, dtype=np.int64)
        starts_in_order = np.maximum.accumulate(np.where(roots, positions, 0))
        start = np.empty_like(first)
        start[preorder] = starts_in_order
        end = np.empty_like(first)
        end[preorder] = starts_in_order + size[preorder[starts_in_order]]
        return cls(
            nodes=graph.nodes,
            parent=parent,
            first=first,
            low=low,
            size=size,
            lowest=lowest,
            start=start,
            end=end,
            order=tuple([graph.nodes[node] for node in preorder.tolist()]),
        )

    def actor_cuts(self) -> dict[Hashable, Cut]:
        """Every cut actor with its cut, in graph order."""
        return {
            self.nodes[actor]: self.actor_cut(actor, children)
            for actor, children in self.separating_children().items()
        }

    def tie_cuts(self) -> dict[tuple[Hashable, Hashable], Cut]:
        """Every cut tie, keyed (kept end, cut end), sorted by the ends' positions."""
        found = [self.tie_cut(child) for child in self.bridge_children()]
        found.sort(key=lambda item: item[0])
        return {(self.nodes[a], self.nodes[b]): cut for (a, b), cut in found}

    def separating_children(self) -> dict[int, list[int]]:
        """Cut actor -> its children whose subtrees it alone connects, in preorder."""
        children = np.flatnonzero(self.parent >= 0)
        parents = self.parent[children]
        separated = self.low[children] >= self.first[parents]
        children, parents = children[separated], parents[separated]
        order = np.lexsort((self.first[children], parents))
        grouped: dict[int, list[int]] = {}
        for parent, child in zip(parents[order].tolist(), children[order].tolist(), strict=True):
            grouped.setdefault(parent, []).append(child)
        return {
            actor: kids
            for actor, kids in grouped.items()
            if self.parent[actor] >= 0 or len(kids) > 1
        }

    def bridge_children(self) -> list[int]:
        """Children whose tie to their parent is a bridge."""
        children = np.flatnonzero(self.parent >= 0)
        bridge = self.low[children] > self.first[self.parent[children]]
        found: list[int] = children[bridge].tolist()
        return found

    def actor_cut(self, actor: int, children: list[int]) -> Cut:
        parts: list[tuple[int, int, tuple[Span, ...]]] = [
            (int(self.size[c]), int(self.lowest[c]), (self._subtree(c),)) for c in children
        ]
        if self.parent[actor] >= 0:
            # The rest holds the component's root, its smallest node, so it wins every tie.
            rest = self._rest(actor, children)
            parts.append((sum(b - a for a, b in rest), -1, rest))
        parts.sort(key=lambda part: (-part[0], part[1]))
        return Cut(
            sizes=tuple(part[0] for part in parts[1:]),
            kept=parts[0][0],
            _order=self.order,
            _spans=tuple(part[2] for part in parts[1:]),
        )

    def tie_cut(self, child: int) -> tuple[tuple[int, int], Cut]:
        parent = int(self.parent[child])
        inside = self._subtree(child)
        below = int(self.size[child])
        begin, end = int(self.start[child]), int(self.end[child])
        above = end - begin - below
        if below > above:
            outside = tuple(s for s in ((begin, inside[0]), (inside[1], end)) if s[0] < s[1])
            return (child, parent), Cut((above,), below, self.order, (outside,))
        return (parent, child), Cut((below,), above, self.order, ((inside,),))

    def _subtree(self, node: int) -> Span:
        begin = int(self.first[node])
        return begin, begin + int(self.size[node])

    def _rest(self, actor: int, children: list[int]) -> tuple[Span, ...]:
        own_begin, own_end = self._subtree(actor)
        spans = [(int(self.start[actor]), own_begin)]
        cursor = own_begin + 1
        for child in children:
            begin, end = self._subtree(child)
            spans.append((cursor, begin))
            cursor = end
        spans.extend([(cursor, own_end), (own_end, int(self.end[actor]))])
        return tuple(span for span in spans if span[0] < span[1])


def _depth_first(graph: Adjacency) -> tuple[IntArray, IntArray]:
    """Parent and preorder of a depth-first search: roots in node order, neighbours in row order.

    Every neighbour of a visited node is pushed at once, the smallest last so that it is
    taken first, and skipped when taken if it was reached meanwhile: the order of the
    recursive search without its recursion limit, at one push and one pop per end of a
    tie. A node's parent is then its neighbour visited last before it: every node visited
    in between lies in a subtree the search finished without meeting it.
    """
    n = graph.n
    total = int(graph.indptr[-1])
    # Row v backwards is backwards[total - indptr[v + 1] : total - indptr[v]].
    backwards: list[int] = graph.indices[::-1].tolist()
    ends: list[int] = (total - graph.indptr).tolist()
    seen = bytearray(n)
    order: list[int] = []
    for root in range(n):
        if seen[root]:
            continue
        stack = [root]
        while stack:
            node = stack.pop()
            if not seen[node]:
                seen[node] = 1
                order.append(node)
                stack += backwards[ends[node + 1] : ends[node]]
    preorder = np.array(order, dtype=np.int64)
    first = np.empty(n, dtype=np.int64)
    first[preorder] = np.arange(n, dtype=np.int64)
    earlier = np.where(first[graph.indices] < first[graph.rows], first[graph.indices], -1)
    latest = np.full(n, -1, dtype=np.int64)
    tied = graph.degrees > 0
    latest[tied] = np.maximum.reduceat(earlier, graph.indptr[:-1][tied])
    parent = np.where(latest >= 0, preorder[np.maximum(latest, 0)], -1)
    return parent, preorder


def _lowest_reached(graph: Adjacency, parent: IntArray, first: IntArray) -> IntArray:
    """Per node, the smallest preorder number among itself and its neighbours but its parent."""
    reached = first[graph.indices]
    reached[graph.indices == parent[graph.rows]] = graph.n
    lowest = first.copy()
    has = graph.degrees > 0
    if has.any():
        lowest[has] = np.minimum(lowest[has], np.minimum.reduceat(reached, graph.indptr[:-1][has]))
    return lowest


def _subtrees(
    preorder: IntArray, parent: IntArray, reached: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    """Low-link, size and smallest node number of every subtree, children before parents."""
    low: list[int] = reached.tolist()
    size = [1] * preorder.size
    lowest = list(range(preorder.size))
    for node, above in zip(preorder[::-1].tolist(), parent[preorder[::-1]].tolist(), strict=True):
        if above >= 0:
            size[above] += size[node]
            low[above] = min(low[above], low[node])
            lowest[above] = min(lowest[above], lowest[node])
    return (
        np.array(low, dtype=np.int64),
        np.array(size, dtype=np.int64),
        np.array(lowest, dtype=np.int64),
    )
