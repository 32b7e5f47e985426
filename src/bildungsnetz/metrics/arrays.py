"""Graphs as CSR arrays: the input for networks too large to hold as networkx graphs.

Every measure in :mod:`bildungsnetz.metrics` accepts an :class:`ArrayGraph` wherever it
accepts an undirected networkx graph, and gives the same result. A network of all of
Germany (250,000 actors, two million ties) costs a few hundred megabytes as arrays, and
gigabytes as a networkx graph.

Examples
--------
>>> import networkx as nx
>>> from bildungsnetz import metrics
>>> path = metrics.ArrayGraph.from_networkx(nx.path_graph(3))
>>> metrics.exclusive_brokerage(path)
{0: 0, 1: 1, 2: 0}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import numpy.typing as npt
from scipy import sparse

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator, Sequence

__all__ = ["ArrayGraph"]


@dataclass(frozen=True, eq=False)
class ArrayGraph:
    """An undirected simple graph in compressed sparse row form.

    Node ``i`` is ``nodes[i]``; its neighbours are ``indices[indptr[i]:indptr[i + 1]]``.
    Every tie is stored in both directions, each row sorted, without self-loops or
    repeats; :meth:`from_edges` and :meth:`from_networkx` build such arrays, and the
    measures trust them without checking.

    Parameters
    ----------
    nodes
        The node labels, in order.
    indptr
        Row pointers, ``len(nodes) + 1`` of them.
    indices
        Neighbour numbers.

    Examples
    --------
    >>> graph = ArrayGraph.from_edges(["a", "b", "c"], [("a", "b"), ("b", "c"), ("b", "a")])
    >>> graph.indptr.tolist(), graph.indices.tolist()
    ([0, 1, 3, 4], [1, 0, 2, 1])
    """

    nodes: Sequence[Hashable]
    indptr: npt.NDArray[np.int64]
    indices: npt.NDArray[np.int64]

    @classmethod
    def from_edges(
        cls, nodes: Sequence[Hashable], edges: Sequence[tuple[Hashable, Hashable]]
    ) -> ArrayGraph:
        """Build the arrays from node labels and ties (repeats and self-loops dropped)."""
        index = {node: position for position, node in enumerate(nodes)}
        first = np.fromiter((index[a] for a, _ in edges), dtype=np.int64, count=len(edges))
        second = np.fromiter((index[b] for _, b in edges), dtype=np.int64, count=len(edges))
        rows, cols = np.concatenate([first, second]), np.concatenate([second, first])
        keep = rows != cols
        size = len(nodes)
        matrix = sparse.csr_array(
            (np.ones(int(keep.sum()), dtype=np.int8), (rows[keep], cols[keep])), shape=(size, size)
        )
        matrix.sum_duplicates()
        matrix.sort_indices()
        return cls(
            nodes=list(nodes),
            indptr=matrix.indptr.astype(np.int64),
            indices=matrix.indices.astype(np.int64),
        )

    @classmethod
    def from_networkx(cls, graph: nx.Graph) -> ArrayGraph:
        """Build the arrays of an undirected networkx graph, in its node order."""
        if graph.is_directed() or graph.is_multigraph():
            msg = "ArrayGraph holds undirected simple graphs; pass nx.Graph(graph) first"
            raise nx.NetworkXNotImplemented(msg)
        return cls.from_edges(list(graph), list(graph.edges()))

    def __repr__(self) -> str:
        """Return the size, not the arrays.

        Examples
        --------
        >>> ArrayGraph.from_edges(["a", "b", "c"], [("a", "b"), ("b", "c")])
        <ArrayGraph: 3 nodes, 2 edges>
        """
        return f"<ArrayGraph: {len(self.nodes)} nodes, {self.indices.size // 2} edges>"

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __contains__(self, node: object) -> bool:
        return node in self._index

    @property
    def _index(self) -> dict[Hashable, int]:
        cached: dict[Hashable, int] | None = self.__dict__.get("_cached_index")
        if cached is None:
            cached = {node: position for position, node in enumerate(self.nodes)}
            object.__setattr__(self, "_cached_index", cached)
        return cached

    def is_directed(self) -> bool:
        """Return ``False``: ties have no direction."""
        return False

    def is_multigraph(self) -> bool:
        """Return ``False``: there is at most one tie per pair."""
        return False

    def to_networkx(self) -> nx.Graph:
        """Return the same graph as a networkx graph.

        Examples
        --------
        >>> sorted(ArrayGraph.from_edges([1, 2], [(1, 2)]).to_networkx().edges())
        [(1, 2)]
        """
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes)
        rows = np.repeat(np.arange(len(self.nodes)), np.diff(self.indptr))
        upper = rows < self.indices
        labels: list[Any] = list(self.nodes)
        graph.add_edges_from(
            (labels[i], labels[j]) for i, j in zip(rows[upper], self.indices[upper], strict=True)
        )
        return graph
