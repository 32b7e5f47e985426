"""Reach: which nodes lie within a few steps of a set of sources, and how far."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from bildungsnetz.metrics._indexed import adjacency, distinct, expand, require_simple

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from bildungsnetz.metrics.arrays import ArrayGraph

__all__ = ["reach"]


def reach(
    graph: nx.Graph | ArrayGraph, sources: Iterable[Hashable], *, steps: int
) -> dict[Hashable, int]:
    """Find every node within ``steps`` ties of a source, with its distance to the nearest.

    Parameters
    ----------
    graph
        A simple graph. In a directed graph, ties are followed in their direction, from the
        sources outwards.
    sources
        The nodes to start from; duplicates are ignored.
    steps
        The largest number of ties to follow; 0 returns the sources themselves.

    Returns
    -------
    distances
        Node -> number of ties from the nearest source (sources at 0), for the nodes
        reached only; ordered by distance, then by graph order.

    Raises
    ------
    networkx.NodeNotFound
        If a source is not in the graph.
    ValueError
        If ``steps`` is negative.
    networkx.NetworkXNotImplemented
        For a multigraph.

    Notes
    -----
    Breadth-first search from all sources at once (Moore 1959), one vectorised frontier
    per step. Every node is expanded at most once, so the cost is O(n + m) whatever the
    number of sources; for the reach of every node separately, which costs O(n m), run
    single-source searches instead. Equals the minimum over the sources of
    ``networkx.single_source_shortest_path_length(graph, source, cutoff=steps)``.

    Examples
    --------
    >>> import networkx as nx
    >>> reach(nx.path_graph(6), [0, 5], steps=1)
    {0: 0, 5: 0, 1: 1, 4: 1}
    >>> reach(nx.star_graph(3), [1], steps=2)
    {1: 0, 0: 1, 2: 2, 3: 2}
    """
    if steps < 0:
        msg = f"steps must be 0 or more, got {steps!r}"
        raise ValueError(msg)
    require_simple(graph, function="reach", directed=True)
    starts = list(sources)
    for source in starts:
        if source not in graph:
            msg = f"source {source!r} is not in the graph"
            raise nx.NodeNotFound(msg)
    tied = adjacency(graph, direction="out")
    index = {node: position for position, node in enumerate(tied.nodes)}
    distance = np.full(tied.n, -1, dtype=np.int64)
    frontier = distinct(np.fromiter((index[s] for s in starts), dtype=np.int64))
    distance[frontier] = 0
    for step in range(1, steps + 1):
        if frontier.size == 0:
            break
        _, position = expand(tied.indptr, frontier)
        found = tied.indices[position]
        frontier = distinct(found[distance[found] < 0])
        distance[frontier] = step
    reached = np.flatnonzero(distance >= 0)
    reached = reached[np.argsort(distance[reached], kind="stable")]
    return {tied.nodes[node]: int(distance[node]) for node in reached.tolist()}
