"""Brokerage: Gould–Fernandez roles by group, and exclusive brokerage (Hamilton et al.)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bildungsnetz.metrics._groups import Groups, resolve_groups
from bildungsnetz.metrics._indexed import (
    Adjacency,
    IntArray,
    adjacency,
    distinct,
    expand,
    require_simple,
)
from bildungsnetz.metrics._triangles import pair_positions, triangles

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
    a, b, c = triangles(adjacency(graph, direction="both") if graph.is_directed() else out)
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
    Hamilton et al. (2020). For node *v* with degree :math:`d_v` the count is
    :math:`\binom{d_v}{2}` less the pairs of neighbours that are tied to each other or
    share another neighbour. Pairs with a neighbour of degree 1 are always exclusive and are
    counted by formula. For each remaining node the cheaper of two routes is taken: listing
    the pairs of its neighbours (:math:`\binom{d_v}{2}`), or walking from its neighbours to
    their other neighbours (the sum of their degrees) and listing only pairs that share one.
    A hub tied to thousands of leaves or of sparsely tied nodes therefore costs the sum of
    its neighbours' degrees, not the square of its own. Costs O(sum of squared degrees) at
    worst, fully vectorised.

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
    return dict(zip(tied.nodes, (_leaf_pairs(tied) + _other_pairs(tied)).tolist(), strict=True))


def _leaf_pairs(graph: Adjacency) -> IntArray:
    """Pairs with a degree-1 neighbour: never tied, and the node is their only link."""
    degree = graph.degrees
    leaves = np.bincount(graph.rows[degree[graph.indices] == 1], minlength=graph.n)
    return (leaves * (leaves - 1) // 2 + leaves * (degree - leaves)).astype(np.int64)


def _other_pairs(graph: Adjacency) -> IntArray:
    """Exclusive pairs of neighbours that both have degree 2 or more."""
    degree = graph.degrees
    keep = degree[graph.indices] >= 2  # noqa: PLR2004 - degree-1 neighbours are handled by formula
    ego, alter = graph.rows[keep], graph.indices[keep]
    width = np.bincount(ego, minlength=graph.n)
    listing = width * (width - 1) // 2
    walking = np.bincount(ego, weights=degree[alter] - 1, minlength=graph.n)
    heavy = listing > walking
    on_heavy = heavy[ego]
    shared, redundant = _shared_by_walking(graph, ego[on_heavy], alter[on_heavy], heavy)
    counts = np.where(heavy, listing - redundant, 0).astype(np.int64)
    pairs = int(listing[~heavy].sum())
    return counts + _exclusive_by_listing(graph, ego[~on_heavy], alter[~on_heavy], shared, pairs)


def _shared_by_walking(
    graph: Adjacency, ego: IntArray, alter: IntArray, heavy: npt.NDArray[np.bool_]
) -> tuple[IntArray, IntArray]:
    """For the given egos, count the neighbour pairs that are tied or share another neighbour.

    ``ego`` and ``alter`` are CSR entries (sorted by ego, then alter); an entry's index is
    its *slot*. The neighbours of ego *h* tied to another node *w* form a group; every pair
    in a group shares *w*. Returns the keys ``x * n + y`` (x < y) of the non-adjacent pairs
    that share a node the listing pass will not treat as heavy (which that pass needs), and
    per node the number of its neighbour pairs that are not exclusive.
    """
    n = graph.n
    slot, other = _walks(graph, ego, alter)
    hub = ego[slot]
    largest, largest_size = _largest_groups(hub, other, n)
    # Pairs inside each ego's largest group are counted by formula, not listed: two hubs
    # sharing thousands of neighbours would otherwise list millions of pairs.
    inside = graph.has(alter[slot], largest[hub]) & graph.has(other, largest[hub])
    tied = graph.has(hub, other)
    tied_pairs = np.bincount(hub[tied], minlength=n) // 2
    tied_inside = np.bincount(hub[tied & inside], minlength=n) // 2
    redundant = tied_pairs + largest_size * (largest_size - 1) // 2 - tied_inside
    listed = (other != largest[hub]) | ~heavy[other]
    slot, other = slot[listed], other[listed]
    found, shared = _pairs_in_groups(graph, ego, alter, slot, other, heavy=heavy, largest=largest)
    records = distinct(found)
    low = records // max(ego.size, 1)
    return shared, redundant + np.bincount(ego[low], minlength=n)


def _walks(graph: Adjacency, ego: IntArray, alter: IntArray) -> tuple[IntArray, IntArray]:
    """Every step ego -> alter -> other (other not the ego), sorted by ego, other, alter."""
    slot, position = expand(graph.indptr, alter)
    other = graph.indices[position]
    away = other != ego[slot]
    slot, other = slot[away], other[away]
    order = np.lexsort((slot, other, ego[slot]))
    return slot[order], other[order]


def _largest_groups(hub: IntArray, other: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """Per node, the go-between shared by most of its neighbours (-1 if none) and how many."""
    starts = _run_starts(hub, other)
    sizes = np.diff(np.concatenate((starts, [hub.size])))
    order = np.lexsort((other[starts], -sizes, hub[starts]))
    first = np.ones(order.size, dtype=bool)
    first[1:] = hub[starts][order][1:] != hub[starts][order][:-1]
    best = order[first]
    largest = np.full(n, -1, dtype=np.int64)
    largest_size = np.zeros(n, dtype=np.int64)
    largest[hub[starts][best]] = other[starts][best]
    largest_size[hub[starts][best]] = sizes[best]
    return largest, largest_size


def _run_starts(hub: IntArray, other: IntArray) -> IntArray:
    change = np.ones(hub.size, dtype=bool)
    change[1:] = (hub[1:] != hub[:-1]) | (other[1:] != other[:-1])
    return np.flatnonzero(change).astype(np.int64)


def _pairs_in_groups(
    graph: Adjacency,
    ego: IntArray,
    alter: IntArray,
    slot: IntArray,
    other: IntArray,
    *,
    heavy: npt.NDArray[np.bool_],
    largest: IntArray,
) -> tuple[IntArray, IntArray]:
    """List the non-adjacent pairs in each group.

    Returns (ego, x, y) records outside the ego's largest group, each packed as
    ``slot_x * len(ego) + slot_y`` (two slots of one ego name all three), and the keys
    ``x * n + y`` of the pairs whose go-between is not heavy.
    """
    n = graph.n
    width = max(ego.size, 1)
    bounds = np.concatenate((_run_starts(ego[slot], other), [slot.size])).astype(np.int64)
    found, shared = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for first, second in pair_positions(bounds):
        low, high = slot[first], slot[second]
        x, y, best = alter[low], alter[high], largest[ego[low]]
        apart = ~graph.has(x, y)
        shared.append((x * n + y)[apart & ~heavy[other[first]]])
        fresh = apart & ~(graph.has(x, best) & graph.has(y, best))
        found.append((low * width + high)[fresh])
    return np.concatenate(found), np.concatenate(shared)


def _exclusive_by_listing(
    graph: Adjacency, ego: IntArray, alter: IntArray, shared: IntArray, pairs: int
) -> IntArray:
    """Count exclusive pairs by listing the neighbour pairs of the given egos.

    Pairs are spread over buckets by key so that counting them needs memory for one bucket
    at a time; tied pairs are dropped at once, as they are never exclusive.
    """
    n = graph.n
    bounds = np.concatenate(([0], np.cumsum(np.bincount(ego, minlength=n)))).astype(np.int64)
    buckets = max(1, -(-(pairs + shared.size) // _BUCKET))
    keys: list[list[IntArray]] = [[shared[shared % buckets == b]] for b in range(buckets)]
    tags: list[list[IntArray]] = [[np.full(k[0].size, _ONE, dtype=np.int64)] for k in keys]
    for first, second in pair_positions(bounds):
        x, y = alter[first], alter[second]
        apart = ~graph.has(x, y)
        key, tag = x[apart] * n + y[apart], _ONE + ego[first][apart]
        bucket = key % buckets
        for b in range(buckets):
            chosen = bucket == b
            keys[b].append(key[chosen])
            tags[b].append(tag[chosen])
    counts = np.zeros(n, dtype=np.int64)
    for b in range(buckets):
        counts += _single_go_betweens(np.concatenate(keys[b]), np.concatenate(tags[b]), n)
        keys[b], tags[b] = [], []
    return counts


def _single_go_betweens(keys: IntArray, tags: IntArray, n: int) -> IntArray:
    """Count, per node, the pairs whose only go-between it is."""
    # Summing the tags of duplicate pairs counts the pair's go-betweens in the high bits and,
    # for a pair with exactly one, keeps that go-between's number in the low bits (node
    # numbers are below 2**32; for more go-betweens the low bits may carry, which only
    # raises the count).
    counted = sparse.coo_array((tags, (keys // n, keys % n)), shape=(n, n)).tocsr()
    single = (counted.data >> _SHIFT) == 1
    return np.bincount(counted.data[single] & (_ONE - 1), minlength=n).astype(np.int64)


_SHIFT = 32
_ONE = 1 << _SHIFT
#: Pairs counted at once; bounds the memory of exclusive_brokerage to a few hundred MB.
_BUCKET = 1 << 22
