"""Brokerage: Gould–Fernandez roles by group, and exclusive brokerage (Hamilton et al.)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.metrics._exclusive import exclusive_counts
from bildungsnetz.metrics._groups import Groups, resolve_groups
from bildungsnetz.metrics._indexed import Adjacency, IntArray, adjacency, require_simple
from bildungsnetz.metrics._triangles import triangles

if TYPE_CHECKING:
    from collections.abc import Hashable

    import networkx as nx

    from bildungsnetz.metrics.arrays import ArrayGraph

__all__ = ["BROKERAGE_ROLES", "brokerage", "exclusive_brokerage"]

#: The five Gould–Fernandez roles, in the order every result lists them.
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

_COORDINATOR, _ITINERANT, _REPRESENTATIVE, _GATEKEEPER, _LIAISON = range(5)


def brokerage(graph: nx.Graph | ArrayGraph, groups: Groups) -> dict[Hashable, dict[str, int]]:
    r"""Count the open two-paths each node brokers, by Gould–Fernandez role.

    Node *v* brokers the ordered pair (*i*, *j*) when *i* → *v* → *j* and *i* has no tie to
    *j*. The role depends on the groups of the three:

    - coordinator: all three in one group;
    - itinerant: *i* and *j* share a group that *v* is not in;
    - representative: *v* is in *i*'s group and passes to another group;
    - gatekeeper: *v* is in *j*'s group and receives from another group;
    - liaison: three different groups.

    Parameters
    ----------
    graph
        A simple graph. An undirected graph is read as a symmetric directed one, so every
        pair is counted in both orders, and representative and gatekeeper counts are equal.
    groups
        Node -> group, or the name of the node attribute that holds the group.

    Returns
    -------
    roles
        Node -> {role: count} with all five roles of :data:`BROKERAGE_ROLES`, in that
        order; nodes in graph order.

    Raises
    ------
    ValueError
        If a node has no group (missing or ``None``); the message names it.
    networkx.NetworkXNotImplemented
        For a multigraph.

    Notes
    -----
    Gould & Fernandez (1989), counted as ``brokerage`` in R's sna package (Butts 2008).
    For ego *v* with in-neighbours :math:`I` and out-neighbours :math:`O`, the pairs in
    :math:`I \times O` are tallied by group from per-group neighbour counts; then the pairs
    with :math:`i = j` (reciprocated ties) and the closed ones (:math:`i \to j`) are taken
    off. Closed pairs lie on triangles, found by one vectorised triangle listing. Costs
    O(m) plus O(m^1.5) at worst for the triangles. Self-loops are ignored.

    Examples
    --------
    >>> import networkx as nx
    >>> graph = nx.path_graph(3)
    >>> roles = brokerage(graph, {0: "school", 1: "social work", 2: "school"})
    >>> roles[1]
    {'coordinator': 0, 'itinerant': 2, 'representative': 0, 'gatekeeper': 0, 'liaison': 0}
    """
    require_simple(graph, function="brokerage", directed=True)
    out = adjacency(graph, direction="out")
    into = adjacency(graph, direction="in") if graph.is_directed() else out
    group, _ = resolve_groups(graph, groups, out.nodes)
    counts = _all_pairs(out, into, group)
    counts -= _reciprocated(out, into, group)
    counts -= _closed(graph, out, group)
    return {
        node: dict(zip(BROKERAGE_ROLES, row, strict=True))
        for node, row in zip(out.nodes, counts.tolist(), strict=True)
    }


def _all_pairs(out: Adjacency, into: Adjacency, group: IntArray) -> IntArray:
    """Tally every (in-neighbour, out-neighbour) pair of each node by role."""
    n = out.n
    width = int(group.max()) + 1 if n else 1
    in_total, out_total = into.degrees, out.degrees
    in_own = _own_group(into, group)
    out_own = _own_group(out, group)
    matched = _matched(out, into, group, width)
    counts = np.zeros((n, len(BROKERAGE_ROLES)), dtype=np.int64)
    counts[:, _COORDINATOR] = in_own * out_own
    counts[:, _ITINERANT] = matched - in_own * out_own
    counts[:, _REPRESENTATIVE] = in_own * (out_total - out_own)
    counts[:, _GATEKEEPER] = (in_total - in_own) * out_own
    counts[:, _LIAISON] = (in_total - in_own) * (out_total - out_own) - counts[:, _ITINERANT]
    return counts


def _matched(out: Adjacency, into: Adjacency, group: IntArray, width: int) -> IntArray:
    """Per node, the (in-neighbour, out-neighbour) pairs in one group: sum_h in[v,h] out[v,h]."""
    in_keys, in_counts = np.unique(into.rows * width + group[into.indices], return_counts=True)
    out_keys, out_counts = np.unique(out.rows * width + group[out.indices], return_counts=True)
    common, at_in, at_out = np.intersect1d(
        in_keys, out_keys, assume_unique=True, return_indices=True
    )
    pairs = in_counts[at_in] * out_counts[at_out]
    return np.rint(np.bincount(common // width, weights=pairs, minlength=out.n)).astype(np.int64)


def _own_group(graph: Adjacency, group: IntArray) -> IntArray:
    same = group[graph.indices] == group[graph.rows]
    return np.bincount(graph.rows[same], minlength=graph.n).astype(np.int64)


def _reciprocated(out: Adjacency, into: Adjacency, group: IntArray) -> IntArray:
    """Count the pairs with i = j, which the product of neighbour counts includes."""
    both = into.has(out.rows, out.indices)
    ego, alter = out.rows[both], out.indices[both]
    same = group[ego] == group[alter]
    counts = np.zeros((out.n, len(BROKERAGE_ROLES)), dtype=np.int64)
    counts[:, _COORDINATOR] = np.bincount(ego[same], minlength=out.n)
    counts[:, _ITINERANT] = np.bincount(ego[~same], minlength=out.n)
    return counts


def _closed(graph: nx.Graph | ArrayGraph, out: Adjacency, group: IntArray) -> IntArray:
    """Count, by role, the pairs i -> v -> j whose ends are tied i -> j."""
    found = triangles(adjacency(graph, direction="both") if graph.is_directed() else out)
    a, b, c = found.a, found.b, found.c
    n = out.n
    counts = np.zeros(n * len(BROKERAGE_ROLES), dtype=np.int64)
    for i, v, j in ((a, b, c), (a, c, b), (b, a, c), (b, c, a), (c, a, b), (c, b, a)):
        if graph.is_directed():
            path = out.has(i, v) & out.has(v, j) & out.has(i, j)
            i, v, j = i[path], v[path], j[path]  # noqa: PLW2901 - narrow to the closed paths
        role = _role(group[i], group[v], group[j])
        counts += np.bincount(v * len(BROKERAGE_ROLES) + role, minlength=counts.size)
    return counts.reshape(n, len(BROKERAGE_ROLES))


def _role(source: IntArray, broker: IntArray, target: IntArray) -> IntArray:
    role = np.full(source.size, _LIAISON, dtype=np.int64)
    inside_from, inside_to = source == broker, broker == target
    role[~inside_from & (source == target)] = _ITINERANT
    role[inside_from & ~inside_to] = _REPRESENTATIVE
    role[~inside_from & inside_to] = _GATEKEEPER
    role[inside_from & inside_to] = _COORDINATOR
    return role


def exclusive_brokerage(graph: nx.Graph | ArrayGraph) -> dict[Hashable, int]:
    r"""Count the pairs for which a node is the only intermediary.

    For every pair of non-adjacent nodes with exactly one common neighbour, that neighbour
    is their exclusive broker. A high count marks a node whose loss cuts pairs apart.

    Parameters
    ----------
    graph
        An undirected simple graph. Self-loops are ignored.

    Returns
    -------
    counts
        Node -> number of unordered pairs it brokers exclusively (0 for every other node),
        in graph order.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph; pass ``graph.to_undirected()`` to read
        directed ties as undirected.

    Notes
    -----
    Hamilton et al. (2020). With closed neighbourhoods :math:`N[x] = N(x) \cup \{x\}`, node
    *v* brokers the pair {*x*, *y*} exclusively exactly when :math:`N[x] \cap N[y] = \{v\}`
    (a tie between *x* and *y* puts both in the intersection). The hubs, the nodes of
    degree above :math:`\sqrt{2m}`, are numbered as bits, and every node keeps the set of
    hubs in its closed neighbourhood as a bit mask. For all other nodes *w* one sparse
    matrix product over the pairs of :math:`N[w]` counts, for every pair, the non-hubs in
    the intersection together with the sum of their numbers, which names the one when
    there is one. A pair is exclusive to a non-hub when that count is 1 and the masks share
    no bit. A hub *h* brokers :math:`\binom{d_h}{2}` pairs less those whose masks share
    another hub (counted from the distinct masks among its neighbours) and those the
    product lists whose only shared hub is *h*. The product costs the sum of
    :math:`(d_w + 1)^2` over non-hubs, at most :math:`\sqrt{2m}` per tie (O(m^1.5) at
    worst, as for triangles); a hub tied to thousands of nodes costs the length of its
    neighbour list, not its square.

    Examples
    --------
    >>> import networkx as nx
    >>> exclusive_brokerage(nx.path_graph(3))
    {0: 0, 1: 1, 2: 0}
    >>> exclusive_brokerage(nx.cycle_graph(4))
    {0: 0, 1: 0, 2: 0, 3: 0}
    """
    require_simple(graph, function="exclusive_brokerage", directed=False)
    tied = adjacency(graph)
    counts = exclusive_counts(tied)
    return dict(zip(tied.nodes, counts.tolist(), strict=True))
