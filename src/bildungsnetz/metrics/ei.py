r"""Krackhardt and Stern's E-I index for a network, its groups and its actors.

The index compares external ties (between groups) with internal ties (within a group):

.. math::

   EI = \frac{E - I}{E + I}

It runs from -1 (all ties internal) to +1 (all ties external). Where no tie counts, the
index is undefined and reported as ``nan``. Self-loops are ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.metrics._groups import Groups, resolve_groups
from bildungsnetz.metrics._indexed import FloatArray, IntArray, adjacency, require_simple

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

    from bildungsnetz.metrics.arrays import ArrayGraph

__all__ = ["actor_ei_index", "ei_index", "group_ei_index"]


def ei_index(graph: nx.Graph | ArrayGraph, groups: Groups) -> float:
    r"""Compare the ties between groups with the ties within them, for the whole network.

    Parameters
    ----------
    graph
        An undirected simple graph.
    groups
        Node -> group, or the name of the node attribute that holds the group.

    Returns
    -------
    index
        :math:`(E - I) / (E + I)` over all ties; ``nan`` for a graph without ties.

    Raises
    ------
    ValueError
        If a node has no group (missing or ``None``); the message names it.
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    Notes
    -----
    Krackhardt & Stern (1988): *E* counts the ties whose ends are in different groups, *I*
    the ties within a group, each tie once. Costs O(n + m).

    Examples
    --------
    >>> import networkx as nx
    >>> ei_index(nx.path_graph(4), {0: "a", 1: "a", 2: "b", 3: "b"})  # E = 1, I = 2
    -0.3333333333333333
    """
    ties = _Ties.read(graph, groups, function="ei_index")
    external = int(np.count_nonzero(ties.external))
    return float(_index(np.array([external]), np.array([ties.external.size - external]))[0])


def group_ei_index(graph: nx.Graph | ArrayGraph, groups: Groups) -> dict[Hashable, float]:
    r"""Compare each group's ties to outsiders with the ties among its members.

    Parameters
    ----------
    graph
        An undirected simple graph.
    groups
        Node -> group, or the name of the node attribute that holds the group.

    Returns
    -------
    index
        Group -> :math:`(E_g - I_g) / (E_g + I_g)`, every group that has a member, sorted by
        the groups' text; ``nan`` for a group whose members have no ties.

    Raises
    ------
    ValueError
        If a node has no group (missing or ``None``); the message names it.
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    Notes
    -----
    Krackhardt & Stern (1988) computed the index for each subunit of an organisation:
    :math:`E_g` counts the ties with exactly one end in group *g* and :math:`I_g` the ties
    with both ends in *g*, **each internal tie once**, as a link of the group. (Summing the
    rows of an adjacency matrix over the members, as some software does, counts every
    internal tie twice and pulls the index towards -1; it then equals the tie-weighted mean
    of the members' :func:`actor_ei_index`.) Costs O(n + m + number of groups).

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.path_graph(4)
    >>> group_ei_index(graph, {0: "a", 1: "a", 2: "a", 3: "b"})  # a: E = 1, I = 2
    {'a': -0.3333333333333333, 'b': 1.0}
    """
    ties = _Ties.read(graph, groups, function="group_ei_index")
    count = len(ties.labels)
    inside = ~ties.external
    internal = np.bincount(ties.group[ties.source[inside]], minlength=count)
    crossing = ties.source[ties.external], ties.target[ties.external]
    external = np.bincount(ties.group[crossing[0]], minlength=count) + np.bincount(
        ties.group[crossing[1]], minlength=count
    )
    return dict(zip(ties.labels, _index(external, internal).tolist(), strict=True))


def actor_ei_index(graph: nx.Graph | ArrayGraph, groups: Groups) -> dict[Hashable, float]:
    r"""Compare each actor's ties to other groups with its ties to its own group.

    Parameters
    ----------
    graph
        An undirected simple graph.
    groups
        Node -> group, or the name of the node attribute that holds the group.

    Returns
    -------
    index
        Node -> :math:`(E_v - I_v) / (E_v + I_v)`, in graph order; ``nan`` for isolated
        nodes.

    Raises
    ------
    ValueError
        If a node has no group (missing or ``None``); the message names it.
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    Notes
    -----
    Krackhardt & Stern (1988), per actor as in UCINET: :math:`E_v` counts the neighbours of
    *v* in other groups, :math:`I_v` those in its own. Costs O(n + m).

    Examples
    --------
    >>> import networkx as nx
    >>> actor_ei_index(nx.path_graph(3), {0: "a", 1: "a", 2: "b"})
    {0: -1.0, 1: 0.0, 2: 1.0}
    """
    ties = _Ties.read(graph, groups, function="actor_ei_index")
    n = ties.group.size
    ends = np.concatenate([ties.source, ties.target])
    crossing = np.concatenate([ties.external, ties.external])
    external = np.bincount(ends[crossing], minlength=n)
    internal = np.bincount(ends[~crossing], minlength=n)
    return dict(zip(ties.nodes, _index(external, internal).tolist(), strict=True))


def _index(external: IntArray, internal: IntArray) -> FloatArray:
    total = (external + internal).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (external - internal) / total


class _Ties:
    """Each undirected tie once, with its ends' groups."""

    def __init__(
        self,
        nodes: list[Hashable],
        labels: list[Hashable],
        group: IntArray,
        source: IntArray,
        target: IntArray,
    ) -> None:
        self.nodes = nodes
        self.labels = labels
        self.group = group
        self.source = source
        self.target = target
        self.external = group[source] != group[target]

    @classmethod
    def read(cls, graph: nx.Graph | ArrayGraph, groups: Groups, *, function: str) -> _Ties:
        require_simple(graph, function=function, directed=False)
        tied = adjacency(graph)
        group, labels = resolve_groups(graph, groups, tied.nodes)
        rows = tied.rows
        once = rows < tied.indices
        return cls(tied.nodes, labels, group, rows[once], tied.indices[once])
