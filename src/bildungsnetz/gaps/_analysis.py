"""What every detector needs, computed once per network, rules and day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.sparse import csgraph

from bildungsnetz.graph import _day_arrays, _day_records
from bildungsnetz.model import ActorKind, Severity
from bildungsnetz.model.dates import to_day
from bildungsnetz.rules import default_rules

if TYPE_CHECKING:
    from datetime import date

    from bildungsnetz.graph import CompactGraph, _DayRecords
    from bildungsnetz.model import Actor, Cooperation, EducationNetwork
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet, Selector

__all__ = [
    "Analysis",
    "analyse",
    "group_by_area",
    "ranges",
    "shift",
    "ties_between",
    "ties_of",
]

BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
IntArray = np.ndarray[Any, np.dtype[np.int64]]
UNREACHED = np.iinfo(np.int64).max


@dataclass(eq=False)
class Analysis:
    """A network as it stands on a day, with the rules and the compact graph."""

    network: EducationNetwork
    rules: RuleSet
    as_of: date | None
    graph: CompactGraph
    source: EducationNetwork
    cache: dict[str, Any] = field(default_factory=dict)
    _present: dict[Selector, bool] = field(default_factory=dict)
    _masks: dict[Selector, BoolArray] = field(default_factory=dict)
    _distances: dict[tuple[Selector, int], IntArray] = field(default_factory=dict)

    @cached_property
    def actors(self) -> tuple[Actor, ...]:
        """The actors in node order."""
        return self.network.actors

    @cached_property
    def records(self) -> _DayRecords:
        """The day's actors and cooperations as positions in the source's record columns."""
        return _day_records(self.source, self.as_of)

    @cached_property
    def components(self) -> IntArray:
        """The connected component number of every node, numbered by their first node."""
        # The matrix is symmetric: its weak components are the undirected ones, found
        # without the symmetrised copy that directed=False makes.
        _, labels = csgraph.connected_components(
            self.graph.to_scipy(), directed=True, connection="weak"
        )
        return labels.astype(np.int64)

    @cached_property
    def component_sizes(self) -> IntArray:
        """The number of nodes in each component, by component number."""
        return np.bincount(self.components, minlength=1).astype(np.int64)

    def component_counts(self, selector: Selector) -> IntArray:
        """Return the number of nodes the selector matches in each component."""
        # Keyed by the selector itself: its repr shortens long tags, so two could look alike.
        known: dict[Selector, IntArray] = self.cache.setdefault("component_counts", {})
        if selector not in known:
            weights = self.mask(selector).astype(np.int64)
            known[selector] = np.bincount(self.components, weights=weights, minlength=1).astype(
                np.int64
            )
        return known[selector]

    @cached_property
    def main_component(self) -> int:
        """The number of the largest component (ties broken by the smallest actor id)."""
        if not len(self.graph.nodes):
            return -1
        sizes = np.bincount(self.components)
        largest = np.flatnonzero(sizes == sizes.max())
        if largest.size == 1:
            return int(largest[0])
        first_id = {int(label): min(self._ids_in(int(label))) for label in largest}
        return min(first_id, key=lambda label: first_id[label])

    def _ids_in(self, label: int) -> list[str]:
        if "members" not in self.cache:
            grouped = np.argsort(self.components, kind="stable")
            bounds = np.cumsum(np.bincount(self.components, minlength=1))[:-1]
            self.cache["members"] = np.split(grouped, bounds)
        nodes = self.graph.nodes
        return [nodes[i] for i in self.cache["members"][label].tolist()]

    def component_ids(self, actor_id: str) -> set[str]:
        """Return the ids of the actors in the same component as ``actor_id``."""
        return set(self._ids_in(int(self.components[self.graph.index[actor_id]])))

    @cached_property
    def by_degree(self) -> list[int]:
        """Node numbers, most contacts first, ties broken by actor id (not record order)."""
        # The nodes are in id order (see analyse), so the node number breaks ties by id.
        degree = self.graph.degree
        order: list[int] = np.lexsort((np.arange(degree.size), -degree)).tolist()
        return order

    def by_degree_within(self, label: int) -> list[int]:
        """Return the nodes of one component in the order of :attr:`by_degree`."""
        if "by_degree_within" not in self.cache:
            order = np.array(self.by_degree, dtype=np.int64)
            grouped = order[np.argsort(self.components[order], kind="stable")]
            bounds = np.cumsum(np.bincount(self.components, minlength=1))[:-1]
            self.cache["by_degree_within"] = [part.tolist() for part in np.split(grouped, bounds)]
        groups: list[list[int]] = self.cache["by_degree_within"]
        return groups[label]

    @cached_property
    def params(self) -> dict[str, Any]:
        """The parameters every finding records."""
        return {
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "max_forum_size": self.rules.max_forum_size,
            "rules": self.rules.name,
        }

    @cached_property
    def _positions_by_kind(self) -> dict[ActorKind, IntArray]:
        """Node numbers of the actors of each kind, ascending."""
        grouped: dict[ActorKind, list[int]] = defaultdict(list)
        for position, actor in enumerate(self.actors):
            grouped[actor.kind].append(position)
        return {kind: np.array(items, dtype=np.int64) for kind, items in grouped.items()}

    def mask(self, selector: Selector) -> BoolArray:
        """Return which nodes the selector matches."""
        if selector not in self._masks:
            self._masks[selector] = self._matched(selector)
        return self._masks[selector]

    def _matched(self, selector: Selector) -> BoolArray:
        # A selector names kinds almost always: only the actors of those kinds can match,
        # and where it asks nothing more they all do (a state has dozens of selectors).
        hits = np.zeros(len(self.actors), dtype=np.bool_)
        if not selector.kinds:
            candidates = np.arange(len(self.actors), dtype=np.int64)
        else:
            by_kind = self._positions_by_kind
            empty = np.zeros(0, dtype=np.int64)
            candidates = np.concatenate([by_kind.get(kind, empty) for kind in selector.kinds])
        if not (selector.forms or selector.stages or selector.tags):
            hits[candidates] = True
            return hits
        actors = self.actors
        hits[candidates] = np.fromiter(
            (selector.matches(actors[i]) for i in candidates.tolist()),
            dtype=np.bool_,
            count=candidates.size,
        )
        return hits

    def recorded(self, selector: Selector) -> bool:
        """Return whether the data hold any actor the selector matches, on any day.

        A kind that was recorded but has ended is a real loss; a kind never recorded is
        a gap in the data.
        """
        if selector not in self._present:
            source = self.source
            kinds = sorted(selector.kinds)
            candidates = (
                source.actors
                if not kinds
                else (actor for kind in kinds for actor in source.actors_of(kind))
            )
            self._present[selector] = any(selector.matches(actor) for actor in candidates)
        return self._present[selector]

    def matching(self, selector: Selector) -> list[Actor]:
        """Return the actors the selector matches, in network order."""
        actors = self.actors
        return [actors[i] for i in np.flatnonzero(self.mask(selector)).tolist()]

    def distances(self, selector: Selector, steps: int) -> IntArray:
        """Return each node's distance to the nearest matching node, if within ``steps``.

        Nodes farther away get ``UNREACHED``. A multi-source breadth-first search over
        the CSR arrays: linear in the edges it reaches, whatever the hubs.
        """
        key = (selector, steps)
        if key not in self._distances:
            self._distances[key] = _bounded_bfs(self.graph, self.mask(selector), steps)
        return self._distances[key]

    def name(self, actor_id: str) -> str:
        """Return the display name of an actor."""
        return self.network.actor(actor_id).name

    @cached_property
    def municipality_names(self) -> dict[str, str]:
        """AGS -> the name of the municipality actor that carries it."""
        return {
            actor.municipality: actor.name
            for actor in self.network.actors_of(ActorKind.MUNICIPALITY)
            if actor.municipality is not None
        }

    def municipality_name(self, ags: str) -> str:
        """Return the name of a municipality, or ``"AGS 15099010"`` where no actor names it."""
        return self.municipality_names.get(ags, f"AGS {ags}")


def _bounded_bfs(graph: CompactGraph, sources: BoolArray, steps: int) -> IntArray:
    distance = np.full(len(graph.nodes), UNREACHED, dtype=np.int64)
    frontier = np.flatnonzero(sources)
    distance[frontier] = 0
    for step in range(1, steps + 1):
        if frontier.size == 0:
            break
        reached = np.unique(graph.indices[ranges(graph.indptr, frontier)])
        frontier = reached[distance[reached] == UNREACHED]
        distance[frontier] = step
    return distance


def ranges(indptr: IntArray, rows: IntArray) -> IntArray:
    """Return the positions ``indptr[r]:indptr[r + 1]`` of all ``rows``, concatenated."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    ends = np.cumsum(lengths)
    return np.repeat(starts - ends + lengths, lengths) + np.arange(ends[-1] if ends.size else 0)


def analyse(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> Analysis:
    """Return the analysis of ``network`` under ``rules`` on ``as_of``, computed once.

    Without ``as_of`` the network's ``reference_date`` is the day, if it has one. ``as_of``
    may be anything :func:`~bildungsnetz.model.to_day` reads.

    The result is kept with the (immutable) network, so the detectors that
    :func:`~bildungsnetz.gaps.find_gaps` runs one after another share it.
    """
    chosen = default_rules() if rules is None else rules
    day = network.reference_date if as_of is None else to_day(as_of, name="as_of")

    def compute() -> Analysis:
        # In id order, so that no finding can depend on the order of the records.
        current = network._in_id_order(day)
        graph = _day_arrays(network, day, max_forum_size=chosen.max_forum_size)
        return Analysis(network=current, rules=chosen, as_of=day, graph=graph, source=network)

    return network._memoised(("analysis", chosen, day), compute)


def shift(severity: Severity, steps: int) -> Severity:
    """Return the severity ``steps`` levels up (positive) or down, within the scale."""
    levels = list(Severity)
    return levels[min(max(severity.rank + steps, 0), len(levels) - 1)]


def group_by_area(actors: list[Actor]) -> tuple[dict[str, list[Actor]], dict[str, list[Actor]]]:
    """Return the actors by municipality (AGS) and by district (the AGS's first 5 digits)."""
    municipalities: dict[str, list[Actor]] = defaultdict(list)
    districts: dict[str, list[Actor]] = defaultdict(list)
    for actor in actors:
        if actor.municipality is not None:
            municipalities[actor.municipality].append(actor)
            districts[actor.municipality[:5]].append(actor)
    return municipalities, districts


def ties_between(analysis: Analysis, one: int, other: int) -> list[int]:
    """Return the positions of the day's cooperations between two nodes, in record order.

    The pairs are sorted once per day; each question is then two binary searches, not
    a pass over the ties (nor the per-actor index of the day's network, which would be
    built for a handful of questions).
    """
    if "tie_pairs" not in analysis.cache:
        # The ends alone, from the day's records: no other column of the ties is read.
        records, n = analysis.records, len(analysis.graph.nodes)
        first, second = records.first, records.second
        codes = np.minimum(first, second) * n + np.maximum(first, second)
        order = np.argsort(codes, kind="stable")
        analysis.cache["tie_pairs"] = (codes[order], order)
    codes, order = analysis.cache["tie_pairs"]
    code = min(one, other) * len(analysis.graph.nodes) + max(one, other)
    start, end = np.searchsorted(codes, (code, code + 1)).tolist()
    found: list[int] = order[start:end].tolist()
    return found


def ties_of(analysis: Analysis, actor: str) -> list[Cooperation]:
    """Return the day's cooperations ``actor`` takes part in, in record order.

    What ``analysis.network.ties_of`` returns, from an index of the tie table sorted once
    per day (array operations) rather than the network's table of records by actor,
    which a pass over every cooperation builds in Python.
    """
    if "ties_by_node" not in analysis.cache:
        # The ends alone, from the day's records: no other column of the ties is read.
        records, n = analysis.records, len(analysis.graph.nodes)
        first, second = records.first, records.second
        positions = np.arange(first.size, dtype=np.int64)
        # A tie of an actor with itself is its tie once.
        once = first != second
        source = np.concatenate((first, second[once]))
        tie = np.concatenate((positions, positions[once]))
        order = np.lexsort((tie, source))
        bounds = np.searchsorted(source[order], np.arange(n + 1))
        analysis.cache["ties_by_node"] = (bounds, tie[order])
    bounds, ties = analysis.cache["ties_by_node"]
    node = analysis.graph.index[actor]
    cooperations = analysis.network.cooperations
    return [cooperations[position] for position in ties[bounds[node] : bounds[node + 1]].tolist()]
