"""The bridge from the domain model to networkx graphs and to compact arrays.

This is the only module that turns an :class:`~bildungsnetz.model.EducationNetwork` into
graphs. Nothing here changes its input; every graph records in ``graph.graph`` the
function and parameters that made it, so each finding can say how it was computed.

Examples
--------
>>> from bildungsnetz import graph
>>> from bildungsnetz.datasets import musterkreis
>>> network = musterkreis()
>>> multigraph = graph.to_graph(network)
>>> multigraph.number_of_edges() == len(network.cooperations)
True
>>> simple = graph.project(network)
>>> simple.graph["params"]["max_forum_size"]
12
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, combinations
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import scipy.sparse

from bildungsnetz._repr import clipped
from bildungsnetz.model.dates import to_day

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping, Sequence
    from datetime import date

    from bildungsnetz.model import Actor, Cooperation, EducationNetwork, Forum, Intensity
    from bildungsnetz.model.dates import DayLike

__all__ = [
    "DEFAULT_MAX_FORUM_SIZE",
    "CompactGraph",
    "project",
    "to_arrays",
    "to_graph",
    "transition_graph",
]

IntArray = np.ndarray[Any, np.dtype[np.int64]]
_ACTORS = attrgetter("actors")
_OPEN_START, _OPEN_END = np.iinfo(np.int64).min, np.iinfo(np.int64).max

DEFAULT_MAX_FORUM_SIZE = 12
"""Forums up to this many participants count as ties between all their participants.

A working group of eight is a place where everyone meets everyone; a conference of 300 is
not 44,850 ties.
"""


def _snapshot(
    network: EducationNetwork, as_of: DayLike | None
) -> tuple[EducationNetwork, date | None]:
    """Return the network on the day (every record, without one) and the day itself."""
    if as_of is None:
        return network, None
    day = to_day(as_of, name="as_of")
    return network.as_of(day), day


def _node_attributes(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "kind": actor.kind.value,
        "form": None if actor.school is None else actor.school.form.value,
        "municipality": actor.municipality,
        "part_of": actor.part_of,
    }


def _params(network: EducationNetwork, function: str, **params: Any) -> dict[str, Any]:
    as_of = params.pop("as_of", None)
    return {
        "name": network.name,
        "function": f"bildungsnetz.graph.{function}",
        "params": {"as_of": None if as_of is None else as_of.isoformat(), **params},
    }


def to_graph(network: EducationNetwork, *, as_of: DayLike | None = None) -> nx.MultiGraph:
    """Return the network as an undirected multigraph: one edge per cooperation.

    Parameters
    ----------
    network
        The network.
    as_of
        If given, the network as it stands on that day (see
        :meth:`~bildungsnetz.model.EducationNetwork.as_of`).

    Returns
    -------
    graph
        Nodes are actor ids with the attributes ``name``, ``kind``, ``form`` (school
        form or ``None``), ``municipality`` and ``part_of``; edges are keyed by
        cooperation id with ``kind``, ``intensity``, ``formality``, ``directed``,
        ``confirmed`` and ``person_bound``. Enumerations are stored as their string
        values. Attributes may be ``None`` and the graph records its parameters as a
        dictionary, which GraphML and GEXF cannot hold: write graph files with
        :func:`bildungsnetz.io.write_graphml`, :func:`~bildungsnetz.io.write_gexf` or
        :func:`~bildungsnetz.io.write_node_link`, which flatten every attribute.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> graph = to_graph(musterkreis())
    >>> graph.nodes["nws"]["kind"]
    'network_office'
    >>> graph.graph["function"]
    'bildungsnetz.graph.to_graph'
    """
    current, day = _snapshot(network, as_of)
    graph = nx.MultiGraph(**_params(current, "to_graph", as_of=day))
    graph.add_nodes_from((actor.id, _node_attributes(actor)) for actor in current.actors)
    graph.add_edges_from(
        (
            tie.actors[0],
            tie.actors[1],
            tie.id,
            {
                "kind": tie.kind.value,
                "intensity": None if tie.intensity is None else tie.intensity.value,
                "formality": None if tie.formality is None else tie.formality.value,
                "directed": tie.directed,
                "confirmed": tie.confirmed,
                "person_bound": tie.person_bound,
            },
        )
        for tie in current.cooperations
    )
    return graph


@dataclass
class _Pair:
    ties: list[str] = field(default_factory=list)
    forums: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)
    intensity: Intensity | None = None
    confirmed: bool = False
    organisational: bool = False


def _pairs(network: EducationNetwork, max_forum_size: int) -> dict[tuple[str, str], _Pair]:
    pairs: dict[tuple[str, str], _Pair] = defaultdict(_Pair)
    for tie in network.cooperations:
        first, second = sorted(tie.actors)
        pair = pairs[first, second]
        pair.ties.append(tie.id)
        pair.kinds.add(tie.kind.value)
        pair.confirmed = pair.confirmed or tie.confirmed
        if tie.intensity is not None and (pair.intensity is None or tie.intensity > pair.intensity):
            pair.intensity = tie.intensity
    for forum, first, second in _forum_pairs(network, max_forum_size):
        pair = pairs[first, second]
        pair.forums.append(forum)
        pair.confirmed = True
    for first, second in _organisational_pairs(network):
        pair = pairs[first, second]
        pair.organisational = True
        pair.confirmed = True
    return pairs


def _organisational_pairs(network: EducationNetwork) -> Iterator[tuple[str, str]]:
    # A post and its employer, a site and its school, an office and its administration
    # talk to each other whether or not anyone recorded it as a cooperation.
    for actor in network.actors:
        if actor.part_of is not None and actor.part_of != actor.id:
            first, second = sorted((actor.id, actor.part_of))
            yield first, second


def _forum_pairs(network: EducationNetwork, max_forum_size: int) -> Iterator[tuple[str, str, str]]:
    for forum in network.forums:
        yield from _forum_pairs_of(forum, max_forum_size)


def _forum_pairs_of(forum: Forum, max_forum_size: int) -> Iterator[tuple[str, str, str]]:
    participants = sorted(forum.participants)
    if 2 <= len(participants) <= max_forum_size:  # noqa: PLR2004 (a pair needs two)
        for first, second in combinations(participants, 2):
            yield forum.id, first, second


def project(
    network: EducationNetwork,
    *,
    as_of: DayLike | None = None,
    max_forum_size: int = DEFAULT_MAX_FORUM_SIZE,
) -> nx.Graph:
    """Return the simple graph most measures need: one edge per pair of actors.

    Parallel cooperations are collapsed into one edge; members of forums with at most
    ``max_forum_size`` participants are tied to each other; an actor is tied to the
    organisation it is ``part_of`` (a post to its employer).

    Parameters
    ----------
    network
        The network.
    as_of
        If given, the network as it stands on that day.
    max_forum_size
        The largest forum whose participants count as tied to each other.

    Returns
    -------
    graph
        Nodes as in :func:`to_graph`. Each edge has ``multiplexity`` (the number of
        cooperations and forums behind it), ``intensity`` (the strongest recorded, as a
        string, or ``None``), ``ties`` and ``forums`` (sorted ids), ``kinds`` (sorted
        cooperation kinds), ``confirmed`` (whether any of it is confirmed; forum
        membership and ``part_of`` count as confirmed) and ``organisational`` (whether
        one is ``part_of`` the other).

    Examples
    --------
    >>> from bildungsnetz import Actor, Cooperation, EducationNetwork, Forum
    >>> network = EducationNetwork(
    ...     name="Drei",
    ...     actors=[Actor(id=i, name=i, kind="other") for i in "abc"],
    ...     cooperations=[
    ...         Cooperation(id="t1", actors=("a", "b"), kind="agreement", intensity="awareness"),
    ...         Cooperation(id="t2", actors=("b", "a"), kind="case_work",
    ...                     intensity="coordination"),
    ...     ],
    ...     forums=[Forum(id="ak", name="AK", kind="working_group", members={"a", "c"})],
    ... )
    >>> graph = project(network)
    >>> edge = graph.edges["a", "b"]
    >>> edge["multiplexity"], edge["intensity"], edge["ties"], edge["kinds"]
    (2, 'coordination', ('t1', 't2'), ('agreement', 'case_work'))
    >>> graph.edges["a", "c"]["forums"]
    ('ak',)
    """
    if max_forum_size < 0:
        msg = f"max_forum_size cannot be negative, got {max_forum_size}"
        raise ValueError(msg)
    current, day = _snapshot(network, as_of)
    graph = nx.Graph(**_params(current, "project", as_of=day, max_forum_size=max_forum_size))
    graph.add_nodes_from((actor.id, _node_attributes(actor)) for actor in current.actors)
    for (first, second), pair in sorted(_pairs(current, max_forum_size).items()):
        graph.add_edge(
            first,
            second,
            multiplexity=len(pair.ties) + len(pair.forums) + pair.organisational,
            intensity=None if pair.intensity is None else pair.intensity.value,
            ties=tuple(sorted(pair.ties)),
            forums=tuple(sorted(pair.forums)),
            kinds=tuple(sorted(pair.kinds)),
            confirmed=pair.confirmed,
            organisational=pair.organisational,
        )
    return graph


def transition_graph(network: EducationNetwork, *, year: int | None = None) -> nx.DiGraph:
    """Return the pupil flows of one school year as a directed graph.

    Parameters
    ----------
    network
        The network.
    year
        The school year by its starting calendar year; ``None`` takes the latest year
        the network has flows for.

    Returns
    -------
    graph
        Nodes are all actors (attributes as in :func:`to_graph`); an edge
        ``source -> target`` carries ``pupils`` (the sum over the kinds of transition)
        and ``transitions`` (the sorted kinds). Counts are raw: publish them only through
        :mod:`bildungsnetz.privacy`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> flows = transition_graph(musterkreis())
    >>> flows.graph["params"]["year"]
    2024
    >>> all(data["pupils"] >= 0 for _, _, data in flows.edges(data=True))
    True
    """
    years = {flow.year for flow in network.flows}
    chosen = max(years) if year is None and years else year
    graph = nx.DiGraph(**_params(network, "transition_graph", year=chosen))
    graph.add_nodes_from((actor.id, _node_attributes(actor)) for actor in network.actors)
    for flow in network.flows:
        if flow.year != chosen:
            continue
        if graph.has_edge(flow.source, flow.target):
            data = graph.edges[flow.source, flow.target]
            data["pupils"] += flow.pupils
            data["transitions"] = tuple(sorted({*data["transitions"], flow.transition.value}))
        else:
            graph.add_edge(
                flow.source, flow.target, pupils=flow.pupils, transitions=(flow.transition.value,)
            )
    return graph


@dataclass(frozen=True, eq=False)
class CompactGraph:
    """An undirected simple graph as CSR arrays, for measures on large networks.

    Node ``i`` is ``nodes[i]``; its neighbours are
    ``indices[indptr[i]:indptr[i + 1]]``, sorted, without self-loops or repeats.

    Parameters
    ----------
    nodes
        Actor ids in network order.
    indptr
        Row pointers, length ``len(nodes) + 1``.
    indices
        Neighbour indices, each edge stored in both directions.
    params
        How the graph was made (as in ``graph.graph`` of the networkx forms).

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> compact = to_arrays(musterkreis())
    >>> compact.number_of_edges() == project(musterkreis()).number_of_edges()
    True
    >>> school = compact.index["gs-lindenhof"]
    >>> all(compact.nodes[j] != "gs-lindenhof" for j in compact.neighbors(school))
    True
    """

    nodes: tuple[str, ...]
    indptr: np.ndarray[Any, np.dtype[np.int64]]
    indices: np.ndarray[Any, np.dtype[np.int64]]
    params: dict[str, Any]

    def __repr__(self) -> str:
        """Return the network, the day and the size, not the arrays.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis
        >>> to_arrays(musterkreis(), as_of="2025-11-01")  # doctest: +ELLIPSIS
        <CompactGraph 'Musterkreis' as of 2025-11-01: 385 nodes, ... edges>
        """
        as_of = self.params.get("params", {}).get("as_of")
        day = "" if as_of is None else f" as of {as_of}"
        return (
            f"<CompactGraph {clipped(self.params.get('name', ''))}{day}: {len(self.nodes)} nodes, "
            f"{self.number_of_edges()} edges>"
        )

    @cached_property
    def index(self) -> dict[str, int]:
        """Actor id -> node number."""
        return {node: position for position, node in enumerate(self.nodes)}

    @cached_property
    def degree(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        """The number of neighbours of each node."""
        return np.diff(self.indptr)

    def neighbors(self, node: int) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Return the sorted neighbour numbers of node number ``node``."""
        return self.indices[self.indptr[node] : self.indptr[node + 1]]

    def number_of_edges(self) -> int:
        """Return the number of edges (each counted once)."""
        return int(self.indices.size // 2)

    def to_scipy(self) -> scipy.sparse.csr_array:
        """Return the adjacency matrix as a scipy CSR array of ones."""
        size = len(self.nodes)
        data = np.ones(self.indices.size, dtype=np.int8)
        return scipy.sparse.csr_array((data, self.indices, self.indptr), shape=(size, size))

    def to_networkx(self) -> nx.Graph:
        """Return the same graph as a networkx graph with actor ids as nodes."""
        graph = nx.Graph(**self.params)
        graph.add_nodes_from(self.nodes)
        sources = np.repeat(np.arange(len(self.nodes)), self.degree)
        upper = sources < self.indices
        graph.add_edges_from(
            zip(
                (self.nodes[i] for i in sources[upper]),
                (self.nodes[j] for j in self.indices[upper]),
                strict=True,
            )
        )
        return graph


def to_arrays(
    network: EducationNetwork,
    *,
    as_of: DayLike | None = None,
    max_forum_size: int = DEFAULT_MAX_FORUM_SIZE,
    without_actors: Collection[str] = (),
    without_cooperations: Collection[str] = (),
    without_forums: Collection[str] = (),
) -> CompactGraph:
    """Return the projected graph of :func:`project` as compact CSR arrays.

    Built straight from the records with numpy, without networkx objects, so that a
    network of all of Germany (about 250,000 actors and two million ties) fits in memory.

    Parameters
    ----------
    network
        The network.
    as_of
        If given, the network as it stands on that day.
    max_forum_size
        The largest forum whose participants count as tied to each other.
    without_actors, without_cooperations, without_forums
        Ids of records to leave out, with every tie they carry: the network as it would
        be without them (what ends with a programme), at no cost of building it.

    Returns
    -------
    graph
        The same nodes and edges as :func:`project`, without edge attributes.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> compact = to_arrays(musterkreis())
    >>> len(compact.nodes) == len(musterkreis().actors)
    True
    """
    if max_forum_size < 0:
        msg = f"max_forum_size cannot be negative, got {max_forum_size}"
        raise ValueError(msg)
    current, day = _snapshot(network, as_of)
    gone_actors, gone_ties, gone_forums = (
        set(without_actors),
        set(without_cooperations),
        set(without_forums),
    )
    pairs = _compact_pairs(current, max_forum_size)
    keep = pairs.first != pairs.second
    if gone_ties:
        ended = [tie.id in gone_ties for tie in current.cooperations]
        keep &= ~_marked(ended, pairs.tie)
    if gone_forums:
        ended = [forum.id in gone_forums for forum in current.forums]
        keep &= ~_marked(ended, pairs.forum)
    ids = [actor.id for actor in current.actors]
    alive = np.fromiter((i not in gone_actors for i in ids), dtype=bool, count=len(ids))
    keep &= alive[pairs.first] & alive[pairs.second]
    nodes = tuple(i for i in ids if i not in gone_actors) if gone_actors else tuple(ids)
    number = np.cumsum(alive) - 1
    sources, targets = number[pairs.first[keep]], number[pairs.second[keep]]
    size = len(nodes)
    matrix = scipy.sparse.csr_array(
        (
            np.ones(2 * sources.size, dtype=np.int8),
            (np.concatenate([sources, targets]), np.concatenate([targets, sources])),
        ),
        shape=(size, size),
    )
    matrix.sum_duplicates()
    matrix.sort_indices()
    params = _params(
        current,
        "to_arrays",
        as_of=day,
        max_forum_size=max_forum_size,
        without_actors=sorted(gone_actors),
        without_cooperations=sorted(gone_ties),
        without_forums=sorted(gone_forums),
    )
    return CompactGraph(
        nodes=nodes,
        indptr=matrix.indptr.astype(np.int64),
        indices=matrix.indices.astype(np.int64),
        params=params,
    )


@dataclass(frozen=True)
class _CompactPairs:
    """Every pair of actors a record ties, by the actors' positions in the network.

    ``tie`` and ``forum`` give the position of the cooperation or forum behind each pair,
    -1 for pairs from another kind of record.
    """

    first: np.ndarray[Any, np.dtype[np.int64]]
    second: np.ndarray[Any, np.dtype[np.int64]]
    tie: np.ndarray[Any, np.dtype[np.int64]]
    forum: np.ndarray[Any, np.dtype[np.int64]]


def _compact_pairs(
    network: EducationNetwork,
    max_forum_size: int,
    *,
    ends: IntArray | None = None,
    organisational: IntArray | None = None,
) -> _CompactPairs:
    """Return the pairs of :func:`project` before collapsing, computed once per network.

    ``ends`` and ``organisational``, if given, must be what would be computed otherwise
    (a day's records give them as arrays): the node numbers of the two ends of every
    cooperation, interleaved, and the ``part_of`` links as rows (smaller id first) in
    the order of the actors.
    """

    def compute() -> _CompactPairs:
        index = {actor.id: position for position, actor in enumerate(network.actors)}
        ties = network.cooperations
        forum_pairs = [
            (position, index[first], index[second])
            for position, forum in enumerate(network.forums)
            for _, first, second in _forum_pairs_of(forum, max_forum_size)
        ]
        links = (
            np.array(
                [(index[a], index[b]) for a, b in _organisational_pairs(network)], dtype=np.int64
            ).reshape(-1, 2)
            if organisational is None
            else organisational
        )
        tie_ends = _tie_ends(ties, index) if ends is None else ends
        others = np.concatenate(
            [np.array([pair[1:] for pair in forum_pairs], dtype=np.int64).reshape(-1, 2), links]
        )
        first = np.concatenate([tie_ends[0::2], others[:, 0]])
        second = np.concatenate([tie_ends[1::2], others[:, 1]])
        tie = np.full(first.size, -1, dtype=np.int64)
        tie[: len(ties)] = np.arange(len(ties), dtype=np.int64)
        forum = np.full(first.size, -1, dtype=np.int64)
        forum[len(ties) : len(ties) + len(forum_pairs)] = [pair[0] for pair in forum_pairs]
        return _CompactPairs(first=first, second=second, tie=tie, forum=forum)

    # Kept with the (immutable) network, like its snapshots: what ends with a programme is
    # the same network without some records, built many times from these pairs.
    return network._memoised(("compact_pairs", max_forum_size), compute)


def _marked(flags: list[bool], positions: np.ndarray[Any, np.dtype[np.int64]]) -> Any:
    """Tell for each position (-1 for none) whether its record is flagged."""
    marked = np.append(np.asarray(flags, dtype=bool), False)
    return marked[positions]


def _tie_ends(ties: Sequence[Cooperation], index: Mapping[str, int]) -> IntArray:
    """Return the numbers of both ends of every tie, interleaved (first, second, ...)."""
    # map and chain keep the million lookups of a large network out of Python frames.
    return np.fromiter(
        map(index.__getitem__, chain.from_iterable(map(_ACTORS, ties))),
        dtype=np.int64,
        count=2 * len(ties),
    )


@dataclass(frozen=True, eq=False)
class _RecordColumns:
    """A network's actors and cooperations in id order, with their periods as day numbers.

    What every day's records are taken from (see :func:`_day_records`): read from the
    records once per network, so that a day costs array operations. Days are ordinals
    (:meth:`datetime.date.toordinal`); an open start or end is the smallest or largest
    integer. ``parent`` is the number of each actor's ``part_of``, -1 for none.
    """

    actors: tuple[Actor, ...]
    active_from: IntArray
    active_until: IntArray
    parent: IntArray
    cooperations: tuple[Cooperation, ...]
    first: IntArray
    second: IntArray
    valid_from: IntArray
    valid_until: IntArray


def _record_columns(network: EducationNetwork) -> _RecordColumns:
    """Return the columns of ``network``'s records, computed once per network."""

    def compute() -> _RecordColumns:
        # The snapshots of the model read the same columns of the ties (their ends and
        # their distinct periods) in Python; they are read from the records only once.
        order, ties = network._by_id(), network._tie_columns(sorted_by_id=True)
        index = {actor.id: position for position, actor in enumerate(order.actors)}
        count = len(ties.ties)
        active = map(attrgetter("active"), order.actors)
        active_from, active_until = _day_numbers(list(map(attrgetter("start", "end"), active)))
        valid_from, valid_until = _day_numbers(ties.periods)
        codes = np.array(ties.codes, dtype=np.int64)
        parents = [
            -1 if actor.part_of is None or actor.part_of == actor.id else index[actor.part_of]
            for actor in order.actors
        ]
        return _RecordColumns(
            actors=order.actors,
            active_from=active_from,
            active_until=active_until,
            parent=np.array(parents, dtype=np.int64).reshape(-1),
            cooperations=ties.ties,
            first=np.fromiter(map(index.__getitem__, ties.firsts), dtype=np.int64, count=count),
            second=np.fromiter(map(index.__getitem__, ties.seconds), dtype=np.int64, count=count),
            valid_from=valid_from[codes],
            valid_until=valid_until[codes],
        )

    return network._memoised(("record_columns",), compute)


def _day_numbers(bounds: Sequence[tuple[date | None, date | None]]) -> tuple[IntArray, IntArray]:
    """Return the first day and the first day after of each (start, end), as ordinals."""
    # Records share few distinct periods: each is converted once, and the columns are
    # filled by C-level maps.
    distinct = set(bounds)
    starts = {key: _OPEN_START if key[0] is None else key[0].toordinal() for key in distinct}
    ends = {key: _OPEN_END if key[1] is None else key[1].toordinal() for key in distinct}
    return (
        np.fromiter(map(starts.__getitem__, bounds), dtype=np.int64, count=len(bounds)),
        np.fromiter(map(ends.__getitem__, bounds), dtype=np.int64, count=len(bounds)),
    )


@dataclass(frozen=True, eq=False)
class _DayRecords:
    """The actors and cooperations of a network on one day, in id order, as arrays.

    Node ``j`` is the actor ``columns.actors[actors[j]]`` and tie ``k`` the cooperation
    ``columns.cooperations[cooperations[k]]`` of the network's :class:`_RecordColumns`:
    the records, in the order, of the network's snapshot in id order
    (``EducationNetwork._in_id_order``). ``first`` and ``second`` are the node numbers of
    each tie's ends; ``organisational`` the ``part_of`` links between actors of the day as
    rows of node numbers, the smaller (the smaller id) first, in the order of the actors.
    """

    actors: IntArray
    cooperations: IntArray
    first: IntArray
    second: IntArray
    organisational: IntArray


def _day_records(network: EducationNetwork, day: date | None) -> _DayRecords:
    """Return the records of ``network`` on ``day`` (all without one), computed once.

    An actor is there if its activity contains the day; a cooperation if its period
    contains the day and both its ends are there, as in :meth:`EducationNetwork.as_of`.
    A day costs array operations over the network's columns, not a pass over the records.
    """

    def compute() -> _DayRecords:
        columns = _record_columns(network)
        if day is None:
            alive = np.ones(len(columns.actors), dtype=np.bool_)
            current = np.ones(len(columns.cooperations), dtype=np.bool_)
        else:
            ordinal = day.toordinal()
            alive = (columns.active_from <= ordinal) & (ordinal < columns.active_until)
            current = (columns.valid_from <= ordinal) & (ordinal < columns.valid_until)
        current &= alive[columns.first] & alive[columns.second]
        number = np.cumsum(alive, dtype=np.int64) - 1
        # An actor whose parent has ended loses its part_of in the snapshot, and its link.
        child = np.flatnonzero(alive & (columns.parent >= 0))
        child = child[alive[columns.parent[child]]]
        ends = np.stack((number[child], number[columns.parent[child]]), axis=1)
        return _DayRecords(
            actors=np.flatnonzero(alive).astype(np.int64),
            cooperations=np.flatnonzero(current).astype(np.int64),
            first=number[columns.first[current]],
            second=number[columns.second[current]],
            organisational=np.sort(ends, axis=1).reshape(-1, 2),
        )

    return network._memoised(("day_records", day), compute)


def _day_arrays(
    network: EducationNetwork, day: date | None, *, max_forum_size: int
) -> CompactGraph:
    """Return :func:`to_arrays` of ``network`` on ``day`` with records in id order.

    The graph of ``network._in_id_order(day)``, whose cooperations' ends are taken from
    :func:`_day_records` instead of looked up tie by tie.
    """
    current = network._in_id_order(day)
    records = _day_records(network, day)
    ends = np.empty(2 * records.first.size, dtype=np.int64)
    ends[0::2], ends[1::2] = records.first, records.second
    _compact_pairs(current, max_forum_size, ends=ends, organisational=records.organisational)
    return to_arrays(current, max_forum_size=max_forum_size)
