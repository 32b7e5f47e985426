"""Detectors for the shape of the network: single points of failure, isolation, closure.

``cut_actor``
    An actor whose loss cuts subject actors (schools) off from the rest of the network.
    Rule severity; critical when a tenth or more of all subject actors are cut off.
    Parts that hang on a single tie are left to ``cut_tie``, so one fact is one finding.
``cut_tie``
    A tie whose loss cuts subject actors off. Rule severity lowered by one level.
``exclusive_broker``
    An actor that alone connects at least ``min_exclusive_pairs`` pairs of actors who
    have no other common contact. Medium; high from twenty times the minimum.
``dependent_actor``
    A subject actor with two or more contacts whose Burt constraint reaches
    ``max_constraint``: all its contacts are tied to each other, so it gets help and
    information from one closed circle. Low.
``isolated_actor``
    An actor without any tie or small forum. Medium for subject actors, low otherwise.
``underlinked_groups``
    Two groups tied less densely than ``min_ratio`` times the density a random network
    with the same degrees would have. Rule severity.
``insular_group``
    A municipality whose actors' ties stay inside it (group E-I index at or below the
    rule set's ``insular_threshold``). Low.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_cut_actors
>>> gaps = find_cut_actors(musterkreis())
>>> all(gap.kind == "cut_actor" for gap in gaps)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz import metrics
from bildungsnetz.gaps._analysis import Analysis, BoolArray, analyse, shift, ties_between
from bildungsnetz.gaps._finish import finished
from bildungsnetz.gaps._text import amount, decimal, names, number, quoted
from bildungsnetz.gaps._verify import Judge, Outcome
from bildungsnetz.gaps.gap import (
    AnySuggestion,
    Explanation,
    Gap,
    GapKind,
    SuggestedMeasure,
    SuggestedTie,
)
from bildungsnetz.model import CooperationKind, Severity
from bildungsnetz.rules import GroupLinkage, NoSinglePointOfFailure

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from bildungsnetz.model import EducationNetwork
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet, Selector

__all__ = [
    "find_cut_actors",
    "find_cut_ties",
    "find_dependent_actors",
    "find_exclusive_brokers",
    "find_insular_groups",
    "find_isolated_actors",
    "find_underlinked_groups",
]

_METHOD = "bildungsnetz.gaps.structure"
_CRITICAL_SHARE = 0.1
_HIGH_FACTOR = 20
_MIN_GROUP = 3
_CANDIDATES = 6


def _simple_graph(analysis: Analysis) -> metrics.ArrayGraph:
    # The compact arrays are handed to the measures as they are: no networkx graph is
    # built, which for all of Germany would cost gigabytes.
    compact = analysis.graph
    return metrics.ArrayGraph(nodes=compact.nodes, indptr=compact.indptr, indices=compact.indices)


def _subject_ids(analysis: Analysis, rule: NoSinglePointOfFailure) -> set[str]:
    return {actor.id for actor in analysis.matching(rule.subject)}


def find_cut_actors(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find actors whose loss would cut schools (the rule's subjects) off the network.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.NoSinglePointOfFailure` rule is checked.
    as_of
        Judge the network as it stands on this day.

    Returns
    -------
    gaps
        One ``cut_actor`` finding per actor and rule, sorted: an actor whose loss cuts off
        two or more subjects, whatever the number of ties to each part, or one subject
        whose part hangs on it by two or more ties (one subject on a single tie is that
        tie's ``cut_tie`` finding). Counts, names and severity cover every part it cuts
        off; critical when a tenth or more of all subjects are cut off.

    Notes
    -----
    Articulation points by one depth-first search (Hopcroft & Tarjan 1973), O(n + m),
    plus the size of the parts they cut off. When the largest parts are equally large,
    none of them is "the rest of the network": all are counted as cut off.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_cut_actors(musterkreis())
    >>> all(gap.evidence["subjects_cut_off"] >= 1 for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        subjects = int(analysis.mask(rule.subject).sum())
        for split in _splits(analysis, rule).values():
            cut_off = _cut_off(split.parts)
            if _reported(split.parts, cut_off):
                gaps.append(_cut_actor_gap(analysis, rule, split, cut_off, subjects))
    return finished(analysis, gaps, JUDGES)


@dataclass(frozen=True, slots=True)
class _Part:
    """A part of a component that loses contact with the others when a cut actor goes."""

    size: int
    subjects: int
    ties: int  # edges of the projection from the cut actor into the part


def _cut_off(parts: Sequence[_Part]) -> list[int]:
    """Return the positions of the parts cut off: all but the one largest part.

    When the largest parts are equally large, none of them is the rest of the network and
    every part is cut off from the others, so the result cannot depend on record order.
    """
    if len(parts) < 2:  # noqa: PLR2004 (one part: nothing is cut off)
        return []
    largest = max(part.size for part in parts)
    if sum(part.size == largest for part in parts) > 1:
        return list(range(len(parts)))
    return [i for i, part in enumerate(parts) if part.size != largest]


def _reported(parts: Sequence[_Part], cut_off: list[int]) -> bool:
    """Whether the actor is a single point of failure worth its own finding.

    Two or more subjects cut off, or one whose part hangs on the actor by two or more ties;
    one subject on a single tie is the cut tie's finding.
    """
    cut_subjects = sum(parts[i].subjects for i in cut_off)
    several_ties = any(parts[i].subjects and parts[i].ties > 1 for i in cut_off)
    return cut_subjects >= 2 or several_ties  # noqa: PLR2004 (two subjects make it an actor's)


def _matching_ids(analysis: Analysis, selector: Selector) -> frozenset[str]:
    """Return the ids of the actors the selector matches on the day, computed once."""
    known: dict[Selector, frozenset[str]] = analysis.cache.setdefault("matching_ids", {})
    if selector not in known:
        known[selector] = frozenset(actor.id for actor in analysis.matching(selector))
    return known[selector]


class _Split:
    """The parts a cut actor holds together, with what one more tie would change."""

    def __init__(
        self, analysis: Analysis, actor: str, cut: metrics.Cut, selector: Selector
    ) -> None:
        graph = analysis.graph
        self.analysis, self.actor, self.selector = analysis, actor, selector
        self.node = graph.index[actor]
        self.label = int(analysis.components[self.node])
        mask = analysis.mask(selector)
        self.members = [frozenset(str(node) for node in part) for part in cut.separated]
        self.where = {node: i for i, part in enumerate(self.members) for node in part}
        # Set intersections count the subjects of every part without a lookup per node.
        chosen = _matching_ids(analysis, selector)
        subjects = [len(part & chosen) for part in self.members]
        rest = len(self.members)
        ties = [0] * (rest + 1)
        for neighbour in graph.neighbors(self.node):
            ties[self.where.get(graph.nodes[neighbour], rest)] += 1
        component_subjects = int(analysis.component_counts(selector)[self.label])
        parts = [
            _Part(size=len(part), subjects=count, ties=ties[i])
            for i, (part, count) in enumerate(zip(self.members, subjects, strict=True))
        ]
        parts.append(
            _Part(
                size=cut.kept,
                subjects=component_subjects - sum(subjects) - int(mask[self.node]),
                ties=ties[rest],
            )
        )
        self.parts = tuple(parts)

    def subjects_in(self, position: int) -> list[str]:
        """Return the subject ids of a part, sorted."""
        chosen = _matching_ids(self.analysis, self.selector)
        if position < len(self.members):
            return sorted(self.members[position] & chosen)
        members = self.analysis.component_ids(self.actor) - set(self.where) - {self.actor}
        return sorted(members & chosen)

    def locate(self, node: str) -> int | None:
        """Return the part holding ``node``, ``None`` for a node outside the component."""
        position = self.analysis.graph.index[node]
        if int(self.analysis.components[position]) != self.label:
            return None
        return self.where.get(node, len(self.members))

    def after(self, first: str, second: str) -> tuple[_Part, ...] | None:
        """Return the parts with a tie between ``first`` and ``second`` added.

        ``None`` when the tie changes nothing for this actor (both ends in one part,
        both outside, or a tie the projection already has).
        """
        index = self.analysis.graph.index
        if first not in index or second not in index:
            return None
        if self.actor in (first, second):
            return self._after_own_tie(second if first == self.actor else first)
        here, there = self.locate(first), self.locate(second)
        if here == there or (here is None and there is None):
            return None
        if here is not None and there is not None:
            return self._merged(here, there)
        inside, outside = (here, second) if here is not None else (there, first)
        assert inside is not None
        return self._joined(inside, outside)

    def _merged(self, one: int, other: int) -> tuple[_Part, ...]:
        a, b = self.parts[one], self.parts[other]
        union = _Part(a.size + b.size, a.subjects + b.subjects, a.ties + b.ties)
        return (
            *(p for i, p in enumerate(self.parts) if i not in {one, other}),
            union,
        )

    def _joined(self, position: int, outsider: str) -> tuple[_Part, ...]:
        # The outsider's whole component joins the part it is tied to.
        label = int(self.analysis.components[self.analysis.graph.index[outsider]])
        size = int(self.analysis.component_sizes[label])
        count = int(self.analysis.component_counts(self.selector)[label])
        part = self.parts[position]
        grown = _Part(part.size + size, part.subjects + count, part.ties)
        return tuple(grown if i == position else p for i, p in enumerate(self.parts))

    def _after_own_tie(self, other: str) -> tuple[_Part, ...] | None:
        graph = self.analysis.graph
        if graph.index[other] in set(graph.neighbors(self.node).tolist()):
            return None
        position = self.locate(other)
        if position is None:
            label = int(self.analysis.components[graph.index[other]])
            size = int(self.analysis.component_sizes[label])
            count = int(self.analysis.component_counts(self.selector)[label])
            return (*self.parts, _Part(size, count, 1))
        part = self.parts[position]
        more = _Part(part.size, part.subjects, part.ties + 1)
        return tuple(more if i == position else p for i, p in enumerate(self.parts))


def _cuts(
    analysis: Analysis,
) -> tuple[dict[Hashable, metrics.Cut], dict[tuple[Hashable, Hashable], metrics.Cut]]:
    """Return the cut actors and cut ties of the day, from one search shared by both."""
    if "cuts" not in analysis.cache:
        analysis.cache["cuts"] = metrics.cut_actors_and_ties(_simple_graph(analysis))
    cuts: tuple[dict[Hashable, metrics.Cut], dict[tuple[Hashable, Hashable], metrics.Cut]]
    cuts = analysis.cache["cuts"]
    return cuts


def _splits(analysis: Analysis, rule: NoSinglePointOfFailure) -> dict[str, _Split]:
    """Return the split of every cut actor for the rule's subjects, computed once."""
    # Keyed by the selector itself: its repr shortens long tags, so two could look alike.
    known: dict[Selector, dict[str, _Split]] = analysis.cache.setdefault("splits", {})
    if rule.subject not in known:
        known[rule.subject] = {
            str(actor): _Split(analysis, str(actor), cut, rule.subject)
            for actor, cut in _cuts(analysis)[0].items()
        }
    return known[rule.subject]


def _cut_actor_gap(
    analysis: Analysis,
    rule: NoSinglePointOfFailure,
    split: _Split,
    cut_off: list[int],
    subject_count: int,
) -> Gap:
    parts = [i for i in cut_off if split.parts[i].subjects]
    subjects = sorted(s for i in parts for s in split.subjects_in(i))
    actors_cut_off = sum(split.parts[i].size for i in cut_off)
    single = sum(1 for i in parts if split.parts[i].ties == 1)
    share = len(subjects) / subject_count if subject_count else 0.0
    severity = Severity.CRITICAL if share >= _CRITICAL_SHARE else rule.severity
    return Gap.create(
        kind=GapKind.CUT_ACTOR,
        severity=severity,
        actors=(split.actor, *subjects),
        rule=rule.id,
        key={"subject": sorted(kind.value for kind in rule.subject.kinds)},
        score=float(actors_cut_off),
        evidence={
            "actors_cut_off": actors_cut_off,
            "subjects_cut_off": len(subjects),
            "share_of_subjects": round(share, 4),
            "parts": len(parts),
            "parts_on_one_tie": single,
        },
        explanation=_cut_actor_text(analysis, split.actor, subjects, actors_cut_off, len(parts)),
        suggestions=_mending_links(analysis, split, parts),
        method=f"{_METHOD}.find_cut_actors",
        params={**analysis.params, "min_exclusive_pairs": rule.min_exclusive_pairs},
    )


def _cut_actor_text(
    analysis: Analysis, actor: str, subjects: list[str], cut_off: int, parts: int
) -> Explanation:
    name = analysis.name(actor)
    schools_de = amount(len(subjects), "Schule", "Schulen", lang="de")
    schools_en = amount(len(subjects), "school", "schools", lang="en")
    if parts == 1:
        where_de, where_en = "", ""
        each_de, each_en = "", ""
    else:
        where_de = f" in {number(parts, 'de')} getrennten Teilen"
        where_en = f" in {number(parts, 'en')} separate parts"
        each_de, each_en = " für jeden Teil", " for each part"
    return Explanation(
        de=f"Ohne {name} {'verliert' if cut_off == 1 else 'verlieren'} "
        f"{amount(cut_off, 'Akteur', 'Akteure', lang='de')} die Verbindung zum übrigen "
        f"Netzwerk, darunter {schools_de}{where_de}: {names(analysis, subjects, 'de')}. "
        f"Alles läuft über {name}; eine zweite Verbindung{each_de} macht das Netz robust.",
        en=f"Without {name}, {amount(cut_off, 'actor loses', 'actors lose', lang='en')} "
        f"contact with the rest of the network, among them {schools_en}{where_en}: "
        f"{names(analysis, subjects, 'en')}. Everything runs through {name}; a second link"
        f"{each_en} makes the network robust.",
    )


def _mending_links(
    analysis: Analysis, split: _Split, parts: list[int]
) -> tuple[AnySuggestion, ...]:
    """Propose, for each part with subjects, a tie from a subject to a hub outside it.

    The hub is the best-connected actor of the part that stays (of another part, when
    the largest parts are equally large), never the cut actor itself.
    """
    suggestions: list[AnySuggestion] = []
    for position in parts[:_CANDIDATES]:
        subjects = split.subjects_in(position)
        hub = _hub(analysis, split, position)
        if subjects and hub is not None:
            suggestions.append(_second_link(analysis, subjects[0], hub))
    return tuple(suggestions)


def _hub(analysis: Analysis, split: _Split, position: int) -> str | None:
    nodes = analysis.graph.nodes
    for i in analysis.by_degree_within(split.label):
        if i != split.node and split.where.get(nodes[i], len(split.members)) != position:
            return nodes[i]
    return None


def _second_link(analysis: Analysis, subject: str, hub: str) -> SuggestedTie:
    name = analysis.name(hub)
    return SuggestedTie._trusted(
        actors=(subject, hub),
        kind=CooperationKind.INFORMATION_EXCHANGE,
        plausibility=0.5,
        reason=Explanation(
            de=f"{name} ist im Netzwerk gut verbunden und schafft einen zweiten Weg.",
            en=f"{name} is well connected and opens a second route.",
        ),
    )


def _judge_cut_actor(analysis: Analysis, gap: Gap, remedy: AnySuggestion) -> Outcome | None:
    """Whether one more tie leaves the actor cutting off no subject worth a finding."""
    rule = _spof_rule(analysis, gap)
    if rule is None or isinstance(remedy, SuggestedMeasure):
        return None
    split = _splits(analysis, rule).get(gap.actors[0])
    if split is None:
        return None
    parts = split.after(*remedy.actors)
    if parts is None:
        return None
    cut_off = _cut_off(parts)
    if not _reported(parts, cut_off):
        return Outcome(closed=True)
    before = sum(1 for i in _cut_off(split.parts) if split.parts[i].subjects)
    still = sum(1 for i in cut_off if parts[i].subjects)
    if still >= before:
        return None
    return Outcome(
        closed=False,
        remaining=still,
        note=Explanation(
            de=f"Ein Schritt: danach {'hängt' if still == 1 else 'hängen'} noch "
            f"{amount(still, 'Teil', 'Teile', lang='de')} mit Schulen nur an "
            f"{analysis.name(split.actor)}.",
            en=f"A step: {amount(still, 'part', 'parts', lang='en')} with schools still "
            f"{'hangs' if still == 1 else 'hang'} on {analysis.name(split.actor)} alone.",
        ),
    )


def _spof_rule(analysis: Analysis, gap: Gap) -> NoSinglePointOfFailure | None:
    if gap.rule is None:
        return None
    rule = analysis.rules.rule(gap.rule)
    return rule if isinstance(rule, NoSinglePointOfFailure) else None


def find_cut_ties(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find ties whose loss would cut schools (the rule's subjects) off the network.

    Parameters and returns as :func:`find_cut_actors`; severity is the rule's lowered by
    one level. A tie between two equally large halves cuts each off from the other: the
    finding names its two ends and the subjects of both halves, each once.

    Notes
    -----
    Bridges by one depth-first search, O(n + m).

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(len(gap.actors) >= 2 for gap in find_cut_ties(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        for bridge in _bridges(analysis, rule).values():
            subjects = bridge.subjects_cut_off()
            if subjects:
                gaps.append(_cut_tie_gap(analysis, rule, bridge, subjects))
    return finished(analysis, gaps, JUDGES)


class _Bridge:
    """A cut tie: the side it cuts off and the other side, with what a tie would change."""

    def __init__(
        self, analysis: Analysis, ends: tuple[str, str], cut: metrics.Cut, selector: Selector
    ) -> None:
        self.analysis, self.selector = analysis, selector
        kept_end, cut_end = ends
        self.side = frozenset(str(node) for node in cut.separated[0])
        self.inside, self.outside = cut_end, kept_end
        self.halves = cut.sizes[0] == cut.kept
        if self.halves:
            # Neither half is the rest: name the ends in id order, whatever the records.
            self.inside, self.outside = min(ends), max(ends)
        index = analysis.graph.index
        self.label = int(analysis.components[index[cut_end]])
        mask = analysis.mask(selector)
        own = sum(bool(mask[index[node]]) for node in self.side)
        other = int(analysis.component_counts(selector)[self.label]) - own
        self.sizes = (len(self.side), cut.kept)
        self.subjects = (own, other)

    def subjects_cut_off(self) -> list[str]:
        """Return the subjects that lose contact, sorted: one side's, or both halves'."""
        mask, index = self.analysis.mask(self.selector), self.analysis.graph.index
        members: set[str] | frozenset[str] = self.side
        if self.halves:
            members = self.analysis.component_ids(self.inside)
        return sorted(node for node in members if mask[index[node]])

    def after(self, first: str, second: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """Return (sizes, subjects) of the two sides with a tie added; ``None``: no change.

        A tie between the two sides removes the bridge: both sizes come back as 0.
        """
        index = self.analysis.graph.index
        if (
            first not in index
            or second not in index
            or {first, second}
            == {
                self.inside,
                self.outside,
            }
        ):
            # A second cooperation of the same pair runs parallel: the bridge stays.
            return None
        here, there = self._where(first), self._where(second)
        if {here, there} == {0, 1}:
            return (0, 0), (0, 0)
        if here == there or None not in (here, there):
            return None
        side, outsider = (here, second) if here is not None else (there, first)
        assert side is not None
        label = int(self.analysis.components[index[outsider]])
        sizes, subjects = list(self.sizes), list(self.subjects)
        sizes[side] += int(self.analysis.component_sizes[label])
        subjects[side] += int(self.analysis.component_counts(self.selector)[label])
        return (sizes[0], sizes[1]), (subjects[0], subjects[1])

    def _where(self, node: str) -> int | None:
        if node in self.side:
            return 0
        position = self.analysis.graph.index[node]
        return 1 if int(self.analysis.components[position]) == self.label else None


def _ordered(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first <= second else (second, first)


def _bridges(analysis: Analysis, rule: NoSinglePointOfFailure) -> dict[tuple[str, str], _Bridge]:
    known: dict[Selector, dict[tuple[str, str], _Bridge]]
    known = analysis.cache.setdefault("bridges", {})
    if rule.subject not in known:
        known[rule.subject] = {
            _ordered(str(a), str(b)): _Bridge(analysis, (str(a), str(b)), cut, rule.subject)
            for (a, b), cut in _cuts(analysis)[1].items()
        }
    return known[rule.subject]


def _cut_tie_gap(
    analysis: Analysis, rule: NoSinglePointOfFailure, bridge: _Bridge, subjects: list[str]
) -> Gap:
    inside, outside = bridge.inside, bridge.outside
    index, cooperations = analysis.graph.index, analysis.network.cooperations
    between = ties_between(analysis, index[inside], index[outside])
    tie_ids = sorted(cooperations[position].id for position in between)
    cut_off = bridge.sizes[0]
    return Gap.create(
        kind=GapKind.CUT_TIE,
        severity=shift(rule.severity, -1),
        actors=(inside, outside, *[s for s in subjects if s not in {inside, outside}]),
        rule=rule.id,
        key={
            "subject": sorted(kind.value for kind in rule.subject.kinds),
            "tie": sorted((inside, outside)),
        },
        score=float(cut_off),
        evidence={
            "actors_cut_off": cut_off,
            "subjects_cut_off": len(subjects),
            "equal_halves": bridge.halves,
            "ties": ", ".join(tie_ids) or _link_without_tie(analysis, inside, outside),
        },
        explanation=_cut_tie_text(analysis, bridge, subjects),
        suggestions=_bridging_links(analysis, bridge, subjects),
        method=f"{_METHOD}.find_cut_ties",
        params=analysis.params,
    )


def _cut_tie_text(analysis: Analysis, bridge: _Bridge, subjects: list[str]) -> Explanation:
    first, second = analysis.name(bridge.inside), analysis.name(bridge.outside)
    size = bridge.sizes[0]
    if bridge.halves:
        return Explanation(
            de=f"Die Verbindung {first} – {second} ist die einzige zwischen zwei gleich großen "
            f"Hälften des Netzwerks (je {amount(size, 'Akteur', 'Akteure', lang='de')}). "
            "Reißt sie ab, verlieren beide Hälften den Kontakt zueinander, und mit ihnen "
            f"{names(analysis, subjects, 'de')}.",
            en=f"The tie {first} – {second} is the only one between two equally large halves "
            f"of the network ({amount(size, 'actor', 'actors', lang='en')} each). If it "
            "breaks, the halves lose contact with each other, and with them "
            f"{names(analysis, subjects, 'en')}.",
        )
    many = len(subjects) > 1
    return Explanation(
        de=f"{names(analysis, subjects, 'de')} {'hängen' if many else 'hängt'} an einer "
        f"einzigen Verbindung: {first} – {second}. Reißt sie ab, "
        f"{'ist' if size == 1 else 'sind'} {amount(size, 'Akteur', 'Akteure', lang='de')} "
        "vom Netzwerk getrennt.",
        en=f"{names(analysis, subjects, 'en')} {'hang' if many else 'hangs'} on a single tie: "
        f"{first} – {second}. If it breaks, "
        f"{amount(size, 'actor is', 'actors are', lang='en')} cut off from the network.",
    )


def _bridging_links(
    analysis: Analysis, bridge: _Bridge, subjects: list[str]
) -> tuple[AnySuggestion, ...]:
    """Propose ties from cut-off subjects to the best-connected actor across the bridge.

    Never to the far end of the bridge: the part would then hang on that actor instead.
    """
    suggestions: list[AnySuggestion] = []
    nodes = analysis.graph.nodes
    for subject in subjects[:_CANDIDATES]:
        near_end, far_end = (
            (bridge.inside, bridge.outside)
            if subject in bridge.side
            else (bridge.outside, bridge.inside)
        )
        side = subject in bridge.side
        hub = next(
            (
                nodes[i]
                for i in analysis.by_degree_within(bridge.label)
                if (nodes[i] in bridge.side) != side and nodes[i] not in {near_end, far_end}
            ),
            None,
        )
        if hub is not None:
            suggestions.append(_second_link(analysis, subject, hub))
    return tuple(suggestions)


def _judge_cut_tie(analysis: Analysis, gap: Gap, remedy: AnySuggestion) -> Outcome | None:
    """Whether one more tie leaves no subject hanging on the bridge."""
    rule = _spof_rule(analysis, gap)
    if rule is None or isinstance(remedy, SuggestedMeasure):
        return None
    bridge = _bridges(analysis, rule).get(tuple(sorted(gap.actors[:2])))  # type: ignore[arg-type]
    if bridge is None:
        return None
    changed = bridge.after(*remedy.actors)
    if changed is None:
        return None
    sizes, subjects = changed
    if sizes == (0, 0):
        return Outcome(closed=True)
    if sizes[0] == sizes[1]:
        cut_subjects = subjects[0] + subjects[1]
    else:
        cut_subjects = subjects[0] if sizes[0] < sizes[1] else subjects[1]
    return Outcome(closed=True) if cut_subjects == 0 else None


def _judge_isolated(analysis: Analysis, gap: Gap, remedy: AnySuggestion) -> Outcome | None:
    """Any tie of the actor with another actor present on the day ends its isolation."""
    if isinstance(remedy, SuggestedMeasure) or gap.actors[0] not in remedy.actors:
        return None
    first, second = remedy.actors
    other = second if first == gap.actors[0] else first
    return Outcome(closed=True) if other in analysis.graph.index else None


JUDGES: dict[GapKind, Judge] = {
    GapKind.CUT_ACTOR: _judge_cut_actor,
    GapKind.CUT_TIE: _judge_cut_tie,
    GapKind.ISOLATED_ACTOR: _judge_isolated,
}
"""The judges of the finding kinds this module suggests remedies for (or that a tie ends)."""


def _link_without_tie(analysis: Analysis, first: str, second: str) -> str:
    """Name what joins two actors when no cooperation does: a part_of link or a forum."""
    one, other = analysis.network.actor(first), analysis.network.actor(second)
    if one.part_of == second or other.part_of == first:
        return "part_of"
    return "forum"


def find_exclusive_brokers(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find actors that alone connect many pairs of actors without another common contact.

    Parameters and returns as :func:`find_cut_actors`. Severity medium, high when the
    count reaches twenty times the rule's ``min_exclusive_pairs``.

    Notes
    -----
    Exclusive brokerage after Hamilton et al. (2020), see
    :func:`bildungsnetz.metrics.exclusive_brokerage`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_exclusive_brokers(musterkreis())
    >>> all(gap.evidence["exclusive_pairs"] >= 100 for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    counts = metrics.exclusive_brokerage(_simple_graph(analysis))
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        for actor, pairs in counts.items():
            if pairs >= rule.min_exclusive_pairs:
                gaps.append(_broker_gap(analysis, rule, str(actor), pairs))
    return finished(analysis, gaps)


def _broker_gap(analysis: Analysis, rule: NoSinglePointOfFailure, actor: str, pairs: int) -> Gap:
    name = analysis.name(actor)
    severity = (
        Severity.HIGH if pairs >= _HIGH_FACTOR * rule.min_exclusive_pairs else Severity.MEDIUM
    )
    degree = int(analysis.graph.degree[analysis.graph.index[actor]])
    return Gap.create(
        kind=GapKind.EXCLUSIVE_BROKER,
        severity=severity,
        actors=(actor,),
        rule=rule.id,
        score=float(pairs),
        evidence={"exclusive_pairs": pairs, "contacts": degree},
        explanation=Explanation(
            de=f"{name} ist für {amount(pairs, 'Paar', 'Paare', lang='de')} von Akteuren die "
            f"einzige gemeinsame Verbindung (bei {number(degree, 'de')} Kontakten). Viel Wissen "
            "und Vermittlung hängt an dieser einen Stelle; direkte Kontakte zwischen den "
            "Beteiligten oder eine Vertretung entlasten sie.",
            en=f"{name} is the only common contact for {amount(pairs, 'pair', 'pairs', lang='en')} "
            f"of actors (out of {number(degree, 'en')} contacts). Much knowledge and brokerage "
            "depends on this one place; direct contacts between the others or a deputy would "
            "relieve it.",
        ),
        method=f"{_METHOD}.find_exclusive_brokers",
        params={**analysis.params, "min_exclusive_pairs": rule.min_exclusive_pairs},
    )


def find_dependent_actors(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find subject actors whose few contacts form one closed circle (high constraint).

    Parameters and returns as :func:`find_cut_actors`. Actors with a single contact are
    left to :func:`find_cut_ties`. Severity low.

    Notes
    -----
    Burt's (1992) constraint, see :func:`bildungsnetz.metrics.constraint`; the rule's
    ``max_constraint`` is the threshold.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.evidence["constraint"] >= 0.9 for gap in find_dependent_actors(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    return finished(analysis, _dependent_among(analysis))


def _dependent_among(analysis: Analysis, among: BoolArray | None = None) -> list[Gap]:
    """Return the dependent-actor findings about the subjects in ``among`` (all: ``None``).

    A finding names the subject and its contacts, so the findings naming some actors are
    those about the subjects among them and their neighbours.
    """
    scores = metrics.constraint(_simple_graph(analysis))
    degree, index = analysis.graph.degree, analysis.graph.index
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        for actor in analysis.matching(rule.subject):
            row = index[actor.id]
            if among is not None and not among[row]:
                continue
            value = scores.get(actor.id, float("nan"))
            several = degree[row] >= 2  # noqa: PLR2004 (one contact is a cut tie)
            if several and value >= rule.max_constraint:
                gaps.append(_dependent_gap(analysis, rule, actor.id, value))
    return gaps


def _dependent_gap(
    analysis: Analysis, rule: NoSinglePointOfFailure, actor: str, value: float
) -> Gap:
    compact = analysis.graph
    contacts = sorted(compact.nodes[n] for n in compact.neighbors(compact.index[actor]))
    name = analysis.name(actor)
    # "alle" / "all" for three and more; two contacts are simply tied to each other.
    all_de, all_en = ("", "") if len(contacts) == 2 else (" alle", "all ")  # noqa: PLR2004
    return Gap.create(
        kind=GapKind.DEPENDENT_ACTOR,
        severity=Severity.LOW,
        actors=(actor, *contacts),
        rule=rule.id,
        score=value,
        evidence={"constraint": round(value, 4), "contacts": len(contacts)},
        explanation=Explanation(
            de=f"{name} hat nur {len(contacts)} Kontakte ({names(analysis, contacts, 'de')}), "
            f"die{all_de} miteinander verbunden sind: Hilfe und Informationen kommen aus einem "
            "geschlossenen Kreis. Ein Kontakt nach außen öffnet neue Wege.",
            en=f"{name} has only {len(contacts)} contacts ({names(analysis, contacts, 'en')}), "
            f"{all_en}tied to each other: help and information come from one closed circle. "
            "A contact outside it opens new routes.",
        ),
        method=f"{_METHOD}.find_dependent_actors",
        params={**analysis.params, "max_constraint": rule.max_constraint},
    )


def find_isolated_actors(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find actors without any tie, small forum or ``part_of`` link.

    Parameters and returns as :func:`find_cut_actors`; the finding names no rule.
    Severity medium for the subjects of a ``NoSinglePointOfFailure`` rule, low otherwise.

    Examples
    --------
    >>> from bildungsnetz import Actor, EducationNetwork
    >>> lonely = EducationNetwork(name="x", actors=[
    ...     Actor(id="a", name="Verein A", kind="association")])
    >>> [gap.actors for gap in find_isolated_actors(lonely)]
    [('a',)]
    """
    analysis = analyse(network, rules, as_of=as_of)
    return finished(analysis, _isolated_among(analysis))


def _isolated_among(analysis: Analysis, among: BoolArray | None = None) -> list[Gap]:
    """Return the isolated-actor findings about the actors in ``among`` (all: ``None``)."""
    subject_masks = [
        analysis.mask(rule.subject) for rule in analysis.rules.of_type(NoSinglePointOfFailure)
    ]
    alone = analysis.graph.degree == 0
    if among is not None:
        alone &= among
    gaps = []
    for index in np.flatnonzero(alone):
        actor = analysis.actors[int(index)]
        important = any(mask[index] for mask in subject_masks)
        limit = analysis.rules.max_forum_size
        forums = [f for f in analysis.network.forums_of(actor.id) if f.size > limit]
        gaps.append(
            Gap.create(
                kind=GapKind.ISOLATED_ACTOR,
                severity=Severity.MEDIUM if important else Severity.LOW,
                actors=(actor.id,),
                score=1.0 if important else 0.0,
                evidence={"large_forums": len(forums)},
                explanation=Explanation(
                    de=f"{actor.name} ({actor.kind.label('de')}) hat keine einzige Verbindung"
                    + (
                        " außer der Mitgliedschaft in "
                        f"{amount(len(forums), 'großen Gremium', 'großen Gremien', lang='de')}."
                        if forums
                        else "."
                    )
                    + " Entweder fehlt die Zusammenarbeit oder sie ist nicht erfasst.",
                    en=f"{actor.name} ({actor.kind.label('en')}) has no tie at all"
                    + (
                        " except membership in "
                        f"{amount(len(forums), 'large forum', 'large forums', lang='en')}."
                        if forums
                        else "."
                    )
                    + " Either cooperation is missing or it has not been recorded.",
                ),
                method=f"{_METHOD}.find_isolated_actors",
                params=analysis.params,
            )
        )
    return gaps


def find_underlinked_groups(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find pairs of groups tied less densely than chance, as GroupLinkage rules define them.

    Parameters and returns as :func:`find_cut_actors`.

    Notes
    -----
    Observed ties between the two groups against the configuration-model expectation
    :math:`D_1 D_2 / 2m` (sums of degrees, number of ties), see
    :func:`bildungsnetz.metrics.block_densities`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.evidence["ratio"] < 0.5 for gap in find_underlinked_groups(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    gaps = []
    for rule in analysis.rules.of_type(GroupLinkage):
        first, second = analysis.mask(rule.first), analysis.mask(rule.second)
        if not first.any() or not second.any():
            continue
        groups = {
            actor.id: "first" if a else ("second" if b else "other")
            for actor, a, b in zip(analysis.actors, first, second, strict=True)
        }
        blocks = metrics.block_densities(_simple_graph(analysis), groups, expected="degree")
        block = blocks.get(("first", "second"))
        if block is None or block.expected_ties == 0 or block.ratio >= rule.min_ratio:
            continue
        gaps.append(_underlinked_gap(analysis, rule, block))
    return finished(analysis, gaps)


def _underlinked_gap(analysis: Analysis, rule: GroupLinkage, block: metrics.BlockDensity) -> Gap:
    first_de, second_de = (
        quoted(group.describe("de"), "de") for group in (rule.first, rule.second)
    )
    first_en, second_en = (
        quoted(group.describe("en"), "en") for group in (rule.first, rule.second)
    )
    if block.ties:
        ties_de = amount(block.ties, "Verbindung", "Verbindungen", lang="de")
        are = "is" if block.ties == 1 else "are"
        ties_en = f"There {are} {amount(block.ties, 'tie', 'ties', lang='en')}"
    else:
        ties_de, ties_en = "keine Verbindung", "There are no ties"
    return Gap.create(
        kind=GapKind.UNDERLINKED_GROUPS,
        severity=rule.severity,
        actors=(),
        rule=rule.id,
        score=1.0 - block.ratio,
        evidence={
            "ties": block.ties,
            "expected_ties": round(block.expected_ties, 2),
            "ratio": round(block.ratio, 4),
        },
        explanation=Explanation(
            de=f"Zwischen {first_de} und {second_de} gibt es {ties_de}; bei zufälliger "
            f"Verteilung wären {decimal(block.expected_ties, 'de', places=1)} zu erwarten "
            f"(Verhältnis {decimal(block.ratio, 'de')}). Die beiden Bereiche arbeiten zu wenig "
            "zusammen.",
            en=f"{ties_en} between {first_en} and {second_en}; a random network would have "
            f"{decimal(block.expected_ties, 'en', places=1)} (ratio "
            f"{decimal(block.ratio, 'en')}). The two fields work together too little.",
        ),
        method=f"{_METHOD}.find_underlinked_groups",
        params={**analysis.params, "min_ratio": rule.min_ratio},
    )


def find_insular_groups(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find municipalities whose actors are tied almost only to each other.

    Parameters and returns as :func:`find_cut_actors`. Municipalities with fewer than
    three actors are not judged. Severity low.

    Notes
    -----
    Krackhardt & Stern's (1988) E-I index per group, see
    :func:`bildungsnetz.metrics.group_ei_index`; the rule set's ``insular_threshold`` is
    the limit.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.evidence["ei_index"] <= -0.9 for gap in find_insular_groups(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    # Actors without a municipality (district offices, the Jugendamt) form a group of
    # their own: a tie to them leads out of the municipality.
    groups = {actor.id: actor.municipality or "" for actor in analysis.actors}
    if len(set(groups.values()) - {""}) < 2:  # noqa: PLR2004 (one place cannot be insular)
        return []
    sizes: dict[str, int] = {}
    for municipality in groups.values():
        sizes[municipality] = sizes.get(municipality, 0) + 1
    scores = metrics.group_ei_index(_simple_graph(analysis), groups)
    gaps = []
    for group, value in sorted(scores.items(), key=lambda item: str(item[0])):
        ags = str(group)
        if ags and sizes[ags] >= _MIN_GROUP and value <= analysis.rules.insular_threshold:
            gaps.append(_insular_gap(analysis, ags, value, sizes[ags]))
    return finished(analysis, gaps)


def _insular_gap(analysis: Analysis, municipality: str, value: float, size: int) -> Gap:
    return Gap.create(
        kind=GapKind.INSULAR_GROUP,
        severity=Severity.LOW,
        actors=(),
        key={"municipality": municipality},
        score=-value,
        evidence={"municipality": municipality, "ei_index": round(value, 4), "actors": size},
        explanation=Explanation(
            de=f"Die {number(size, 'de')} Akteure von {analysis.municipality_name(municipality)} "
            f"sind fast nur untereinander verbunden (E-I-Index {decimal(value, 'de')}). "
            "Verbindungen über die Gemeindegrenze hinaus öffnen Zugang zu Angeboten und "
            "Fachwissen.",
            en=f"The {number(size, 'en')} actors of {analysis.municipality_name(municipality)} "
            f"are tied almost only to each other (E-I index {decimal(value, 'en')}). Ties "
            "across the boundary open access to services and expertise.",
        ),
        method=f"{_METHOD}.find_insular_groups",
        params={**analysis.params, "insular_threshold": analysis.rules.insular_threshold},
    )
