"""Detectors for the rules of the form "every X needs a Y within k steps".

One pass over the :class:`~bildungsnetz.rules.RequiredTie` rules classifies every subject
actor that falls short, as exactly one of:

``missing_required_tie``
    Too few partners within the steps the rule allows (rule severity).
``unreachable``
    For rules over several steps: no partner can be reached at all, the actor's part of
    the network holds none (rule severity raised by one level). Under a direct-tie rule
    a missing tie is reported as ``missing_required_tie`` whatever the paths.
``fragile_pair``
    The partner is reached in two steps, but only through one intermediary (rule
    severity lowered by one level).
``shallow_cooperation``
    A direct tie exists but is weaker than the rule's ``min_intensity`` (rule severity
    lowered by one level).
``unconfirmed_tie``
    A direct tie exists but only one side reported it (rule severity lowered by two
    levels).

A rule whose partner kind the data do not contain at all is skipped here; it yields a
single ``data_gap`` finding instead (see :func:`~bildungsnetz.gaps.find_data_gaps`).

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_missing_required_ties
>>> gaps = find_missing_required_ties(musterkreis())
>>> sorted({gap.rule for gap in gaps})[:3]
['career-guidance', 'counselling-teacher', 'network-office-support']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.gaps._analysis import (
    UNREACHED,
    Analysis,
    BoolArray,
    analyse,
    group_by_area,
    ranges,
    shift,
    ties_of,
)
from bildungsnetz.gaps._finish import finished
from bildungsnetz.gaps._shortfall import Shortfall, partner_load, shortfalls
from bildungsnetz.gaps._text import accusative, amount, kinds_phrase, listing, names, quoted
from bildungsnetz.gaps._verify import Judge, Outcome
from bildungsnetz.gaps.gap import (
    AnySuggestion,
    Explanation,
    Gap,
    GapKind,
    SuggestedMeasure,
    SuggestedPlacement,
    SuggestedTie,
)
from bildungsnetz.model import ActorKind, CooperationKind
from bildungsnetz.rules import RequiredTie

if TYPE_CHECKING:
    from bildungsnetz.model import Actor, Cooperation, EducationNetwork
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet

__all__ = [
    "find_fragile_pairs",
    "find_missing_required_ties",
    "find_shallow_cooperation",
    "find_unconfirmed_ties",
    "find_unreachable",
]

_METHOD = "bildungsnetz.gaps.required_ties"
_FUNCTION_OF = {
    GapKind.SHALLOW_COOPERATION: "shallow_cooperation",
    GapKind.UNCONFIRMED_TIE: "unconfirmed_ties",
}
_CANDIDATES = 6

# The cooperation a missing partner of each kind usually means.
_NATURAL_KIND: dict[ActorKind, CooperationKind] = {
    ActorKind.SCHOOL_SOCIAL_WORK: CooperationKind.PLACEMENT,
    ActorKind.COUNSELLING_TEACHER: CooperationKind.INFORMATION_EXCHANGE,
    ActorKind.PARENTS_COUNCIL: CooperationKind.INFORMATION_EXCHANGE,
    ActorKind.PUPILS_COUNCIL: CooperationKind.INFORMATION_EXCHANGE,
    ActorKind.YOUTH_WELFARE_OFFICE: CooperationKind.CASE_WORK,
    ActorKind.YOUTH_WELFARE_PROVIDER: CooperationKind.AGREEMENT,
    ActorKind.SCHOOL_PSYCHOLOGY: CooperationKind.CONSULTATION,
    ActorKind.CAREER_GUIDANCE: CooperationKind.AGREEMENT,
    ActorKind.YOUTH_EMPLOYMENT_AGENCY: CooperationKind.AGREEMENT,
    ActorKind.DAYCARE: CooperationKind.TRANSITION,
    ActorKind.SCHOOL: CooperationKind.TRANSITION,
    ActorKind.NETWORK_OFFICE: CooperationKind.CONSULTATION,
}
_DEFAULT_KIND = CooperationKind.AGREEMENT


@dataclass
class _DirectTies:
    """A subject's direct ties to partners, sorted by what stands in the way."""

    good: set[str] = field(default_factory=set)
    shallow: dict[str, Cooperation] = field(default_factory=dict)
    unconfirmed: dict[str, Cooperation] = field(default_factory=dict)


def _direct_ties(
    analysis: Analysis, rule: RequiredTie, actor: Actor, is_partner: BoolArray
) -> _DirectTies:
    network = analysis.network
    position = analysis.graph.index
    ties = _DirectTies()
    for tie in network.ties_of(actor.id):
        partner = tie.other(actor.id)
        if not is_partner[position[partner]] or (rule.kinds and tie.kind not in rule.kinds):
            continue
        if not tie.confirmed:
            ties.unconfirmed.setdefault(partner, tie)
        elif (
            rule.min_intensity is not None
            and tie.intensity is not None
            and (tie.intensity < rule.min_intensity)
        ):
            ties.shallow.setdefault(partner, tie)
        else:
            ties.good.add(partner)
    if rule.forums:
        for forum in network.forums_of(actor.id):
            if forum.size <= analysis.rules.max_forum_size:
                ties.good.update(
                    member
                    for member in forum.participants
                    if member != actor.id and is_partner[position[member]]
                )
    ties.shallow = {key: tie for key, tie in ties.shallow.items() if key not in ties.good}
    ties.unconfirmed = {
        key: tie
        for key, tie in ties.unconfirmed.items()
        if key not in ties.good and key not in ties.shallow
    }
    return ties


def _evaluate(analysis: Analysis) -> list[Gap]:
    if "required_ties" not in analysis.cache:
        everyone = np.ones(len(analysis.graph.nodes), dtype=np.bool_)
        analysis.cache["required_ties"] = _findings(analysis, everyone, suggest=True)
    found: list[Gap] = analysis.cache["required_ties"]
    return found


def _findings(
    analysis: Analysis, among: BoolArray, *, suggest: bool, about: BoolArray | None = None
) -> list[Gap]:
    gaps: list[Gap] = []
    for rule in analysis.rules.of_type(RequiredTie):
        if analysis.recorded(rule.partner):
            gaps.extend(_RuleCheck(analysis, rule, suggest=suggest).run(among, about))
    return gaps


def findings_about(analysis: Analysis, actors: BoolArray) -> list[Gap]:
    """Return the findings of every required-tie rule that name one of ``actors``.

    The same findings the detectors report, without suggestions: what the comparison
    over a horizon needs to tell new findings from old ones. A finding names its subject
    and the subject's direct partners or intermediary, so only the subjects among the
    actors and their neighbours are judged.
    """
    graph = analysis.graph
    among = actors.copy()
    among[graph.indices[ranges(graph.indptr, np.flatnonzero(actors))]] = True
    return _findings(analysis, among, suggest=False, about=actors)


class _RuleCheck:
    """The findings of one RequiredTie rule."""

    def __init__(self, analysis: Analysis, rule: RequiredTie, *, suggest: bool) -> None:
        self.analysis = analysis
        self.rule = rule
        self.suggest = suggest
        self.partners = analysis.matching(rule.partner)
        self.params = {
            **analysis.params,
            "min_partners": rule.min_partners,
            "within": rule.within,
            "kinds": sorted(kind.value for kind in rule.kinds),
            "min_intensity": None if rule.min_intensity is None else rule.min_intensity.value,
            "forums": rule.forums,
        }
        self.served: dict[str, tuple[str, ...]] = {}
        self.reasons: dict[tuple[str, bool], Explanation] = {}

    @cached_property
    def load(self) -> dict[str, int]:
        """Partner id -> its cooperations with subjects (absent: none)."""
        counts = partner_load(self.analysis, self.rule)
        nodes = self.analysis.graph.nodes
        return {nodes[i]: int(counts[i]) for i in np.flatnonzero(counts).tolist()}

    @cached_property
    def described(self) -> tuple[str, str]:
        """The rule's partner in words (German, English), written once per rule."""
        return self.rule.partner.describe("de"), self.rule.partner.describe("en")

    @cached_property
    def reaching(self) -> tuple[str, str]:
        """The rule's partner as what a subject reaches (German, English), once per rule."""
        return accusative(self.rule.partner, "de"), accusative(self.rule.partner, "en")

    @cached_property
    def wanted(self) -> tuple[str, str]:
        """The partners the rule asks for, in words: written once per rule, not per finding."""
        return _wanted(self.rule)

    @cached_property
    def nearby(self) -> _Nearby:
        """The partners a suggestion may propose, by area."""
        return _Nearby(self)

    def run(self, among: BoolArray, about: BoolArray | None = None) -> list[Gap]:
        """Return the findings about the subjects in ``among`` (naming one of ``about``)."""
        found = shortfalls(self.analysis, self.rule, among)
        if about is not None:
            found = [shortfall for shortfall in found if about[list(shortfall.named)].any()]
        return [self._gap(shortfall) for shortfall in found]

    def _gap(self, shortfall: Shortfall) -> Gap:
        actor = self.analysis.actors[shortfall.subject]
        if shortfall.kind is GapKind.FRAGILE_PAIR:
            broker = self.analysis.actors[shortfall.broker]
            return self._fragile(actor, broker, shortfall.reached)
        if shortfall.kind is GapKind.UNREACHABLE:
            return self._unreachable(shortfall.subject, actor)
        if self.rule.within > 1:
            return self._missing(actor, have=0, far=True, exclude=self._neighbours(actor))
        nodes = self.analysis.graph.nodes
        if shortfall.kind is GapKind.MISSING_REQUIRED_TIE:
            good = {nodes[partner] for partner in shortfall.good}
            _remember_good_partners(self.analysis, self.rule, actor.id, good)
            return self._missing(actor, have=shortfall.have, far=False, exclude=good)
        cooperations = self.analysis.network.cooperations
        ties = {
            nodes[partner]: cooperations[tie]
            for partner, tie in zip(shortfall.partners, shortfall.ties, strict=True)
        }
        shift_by = -1 if shortfall.kind is GapKind.SHALLOW_COOPERATION else -2
        return self._weak(actor, shortfall.kind, ties, shortfall.have, shift_by=shift_by)

    def _neighbours(self, actor: Actor) -> set[str]:
        """Return the actor's cooperation partners, which a suggestion must not propose."""
        # Only suggestions need them: without, no per-actor tie index of the day is built.
        if not self.suggest:
            return set()
        return {tie.other(actor.id) for tie in ties_of(self.analysis, actor.id)}

    # -- within one step ---------------------------------------------------------------

    def _weak(
        self,
        actor: Actor,
        kind: GapKind,
        ties: dict[str, Cooperation],
        have: int,
        *,
        shift_by: int,
    ) -> Gap:
        partner_ids = tuple(sorted(ties))
        partners = [self.analysis.name(partner) for partner in partner_ids]
        explanation = (
            _shallow_text(self.rule, actor.name, partners, ties)
            if kind is GapKind.SHALLOW_COOPERATION
            else _unconfirmed_text(actor.name, partners)
        )
        return Gap.create(
            kind=kind,
            severity=shift(self.rule.severity, shift_by),
            actors=(actor.id, *partner_ids),
            rule=self.rule.id,
            key={"partners": list(partner_ids)},
            score=_size(actor),
            evidence={
                "partners_required": self.rule.min_partners,
                "partners_sufficient": have,
                "ties": ", ".join(sorted(tie.id for tie in ties.values())),
            },
            explanation=explanation,
            method=f"{_METHOD}.find_{_FUNCTION_OF[kind]}",
            params=self.params,
        )

    # -- within several steps ----------------------------------------------------------

    def _fragile(self, actor: Actor, broker: Actor, reached: int) -> Gap:
        return Gap.create(
            kind=GapKind.FRAGILE_PAIR,
            severity=shift(self.rule.severity, -1),
            actors=(actor.id, broker.id),
            rule=self.rule.id,
            key={"partner": sorted(kind.value for kind in self.rule.partner.kinds)},
            score=_size(actor),
            evidence={"intermediaries": 1, "partners_reached": reached},
            explanation=Explanation(
                de=f"{actor.name} erreicht {self.reaching[0]} nur über "
                f"{broker.name}. Fällt {broker.name} aus, reißt die Verbindung ab.",
                en=f"{actor.name} reaches {self.reaching[1]} only through "
                f"{broker.name}. If {broker.name} drops out, the link is lost.",
            ),
            suggestions=_suggest(self, actor, exclude=self._neighbours(actor)),
            method=f"{_METHOD}.find_fragile_pairs",
            params=self.params,
        )

    def _unreachable(self, index: int, actor: Actor) -> Gap:
        part = int(self.analysis.component_sizes[self.analysis.components[index]])
        partner_de, partner_en = self.described
        return Gap.create(
            kind=GapKind.UNREACHABLE,
            severity=shift(self.rule.severity, 1),
            actors=(actor.id,),
            rule=self.rule.id,
            key={"partner": sorted(kind.value for kind in self.rule.partner.kinds)},
            score=_size(actor),
            evidence={"component_size": part, "within": self.rule.within},
            explanation=Explanation(
                de=f"{actor.name} erreicht keinen Akteur der Art {quoted(partner_de, 'de')}, auch "
                f"nicht über Umwege: Der Teil des Netzwerks, in dem {actor.name} liegt "
                f"({amount(part, 'Akteur', 'Akteure', lang='de')}), ist vom Rest getrennt.",
                en=f"{actor.name} cannot reach any {partner_en}, not even indirectly: the part "
                f"of the network it lies in ({amount(part, 'actor', 'actors', lang='en')}) is "
                "cut off from the rest.",
            ),
            suggestions=_suggest(self, actor, exclude=self._neighbours(actor)),
            method=f"{_METHOD}.find_unreachable",
            params=self.params,
        )

    # -- missing -----------------------------------------------------------------------

    def _missing(self, actor: Actor, *, have: int, far: bool, exclude: set[str]) -> Gap:
        rule = self.rule
        evidence: dict[str, int | float | str | bool | None] = {
            "partners_required": rule.min_partners,
            "partners_found": have,
        }
        if far:
            # The search stops at the rule's steps: farther is all it knows.
            evidence["more_steps_than"] = rule.within
        return Gap.create(
            kind=GapKind.MISSING_REQUIRED_TIE,
            severity=rule.severity,
            actors=(actor.id,),
            rule=rule.id,
            key={"partner": sorted(kind.value for kind in rule.partner.kinds)},
            score=_size(actor),
            evidence=evidence,
            explanation=_missing_text(rule, actor.name, have, self.wanted),
            suggestions=_suggest(self, actor, exclude=exclude),
            method=f"{_METHOD}.find_missing_required_ties",
            params=self.params,
        )


def _size(actor: Actor) -> float:
    # Larger schools first: more pupils are concerned. The score is the size in whole
    # hundreds, coarser than any disclosure rounding, so it never publishes a count.
    if actor.school is None or actor.school.pupils is None:
        return 0.0
    return float(actor.school.pupils // 100 * 100)


def _suggest(check: _RuleCheck, actor: Actor, *, exclude: set[str]) -> tuple[AnySuggestion, ...]:
    """Propose partners for ``actor``, the most plausible first.

    Under a placement rule an existing post nearby is placed at the school as well, with
    the schools it already serves; under any other rule a tie of the kind the partner
    usually means. Partners of the same municipality first, then of the same district,
    the least busy posts first. A few more than a finding offers: verification keeps those
    that close it.
    """
    if not check.suggest:
        return ()
    ranked, busiest_near = check.nearby.ranked(actor)
    candidates = [(value, p) for value, p in ranked if p.id != actor.id and p.id not in exclude]
    load = check.load
    busiest = max([load.get(p.id, 0) for _, p in candidates] or [0]) or 1
    if busiest != busiest_near:
        # The busiest partner near is left out: the others' plausibility changes with it.
        candidates = check.nearby.scored(actor, [p for _, p in candidates], busiest)
    return tuple(_proposal(check, actor, p, value) for value, p in candidates[:_CANDIDATES])


class _Nearby:
    """The partners a suggestion may propose: same municipality, else district, else least busy.

    A partner that is part of another subject (the parents' council or the counselling
    teacher of another school) belongs there and is never proposed; it is free only for
    its own subject. The areas are grouped once per rule, not once per finding.
    """

    _FALLBACK = 10

    def __init__(self, check: _RuleCheck) -> None:
        subjects, index = check.analysis.mask(check.rule.subject), check.analysis.graph.index
        self.load = check.load
        free: list[Actor] = []
        self.own: dict[str, list[Actor]] = defaultdict(list)
        for partner in check.partners:
            parent = partner.part_of
            if parent is None or not subjects[index[parent]]:
                free.append(partner)
            else:
                self.own[parent].append(partner)
        self.municipalities, self.districts = group_by_area(free)
        self.everyone = self._least_busy(free)
        self.placed = CooperationKind.PLACEMENT in check.rule.kinds
        self._ranked_in: dict[str | None, tuple[list[tuple[float, Actor]], int]] = {}

    def _least_busy(self, partners: list[Actor]) -> list[Actor]:
        return sorted(partners, key=lambda p: (self.load.get(p.id, 0), p.id))[: self._FALLBACK]

    def ranked(self, actor: Actor) -> tuple[list[tuple[float, Actor]], int]:
        """Return the partners near ``actor``, most plausible first, and the busiest's load.

        Ranked once per municipality for the subjects without partners of their own (the
        most): the ranking depends only on the municipality then.
        """
        if actor.id in self.own:
            return self._ranked(actor)
        key = actor.municipality
        if key not in self._ranked_in:
            self._ranked_in[key] = self._ranked(actor)
        return self._ranked_in[key]

    def _ranked(self, actor: Actor) -> tuple[list[tuple[float, Actor]], int]:
        near = self.near(actor)
        busiest = max([self.load.get(p.id, 0) for p in near] or [0]) or 1
        return self.scored(actor, near, busiest), busiest

    def scored(
        self, actor: Actor, partners: list[Actor], busiest: int
    ) -> list[tuple[float, Actor]]:
        """Return ``partners`` with their plausibility for ``actor``, most plausible first."""
        # A post placed at schools has limited time, so spare capacity counts; an office
        # that already works with many such actors is the natural partner for one more.
        placed, load = self.placed, self.load

        def plausibility(partner: Actor) -> float:
            local = partner.municipality is not None and partner.municipality == actor.municipality
            busy = load.get(partner.id, 0)
            fit = 1 - busy / (busiest + 1) if placed else busy / busiest
            return round(0.2 + 0.4 * local + 0.2 * fit, 3)

        return sorted(((plausibility(p), p) for p in partners), key=lambda x: (-x[0], x[1].id))

    def near(self, actor: Actor) -> list[Actor]:
        """Return the partners free for ``actor`` near it (in no particular order)."""
        own = self.own.get(actor.id, [])
        municipality = actor.municipality
        if municipality is not None:
            district = municipality[:5]
            near = self.municipalities.get(municipality, []) + [
                p for p in own if p.municipality == municipality
            ]
            if near:
                return near
            near = self.districts.get(district, []) + [
                p for p in own if p.municipality is not None and p.municipality[:5] == district
            ]
            if near:
                return near
        return self._least_busy(self.everyone + own) if own else self.everyone


def _proposal(
    check: _RuleCheck, actor: Actor, partner: Actor, plausibility: float
) -> AnySuggestion:
    rule = check.rule
    local = partner.municipality is not None and partner.municipality == actor.municipality
    if CooperationKind.PLACEMENT in rule.kinds:
        serves = _served_by(check, partner)
        reason = check.reasons.get((partner.id, local))
        if reason is None:
            reason = check.reasons[partner.id, local] = _placement_reason(
                check, partner, actor, serves
            )
        return SuggestedPlacement._trusted(
            actors=(actor.id, partner.id),
            serves=serves,
            intensity=rule.min_intensity,
            plausibility=plausibility,
            reason=reason,
        )
    reason = check.reasons.get((partner.id, local))
    if reason is None:
        reason = check.reasons[partner.id, local] = _reason(
            partner, actor, check.load.get(partner.id, 0)
        )
    return SuggestedTie._trusted(
        actors=(actor.id, partner.id),
        kind=min(rule.kinds) if rule.kinds else _NATURAL_KIND.get(partner.kind, _DEFAULT_KIND),
        intensity=rule.min_intensity,
        plausibility=plausibility,
        reason=reason,
    )


def _served_by(check: _RuleCheck, post: Actor) -> tuple[str, ...]:
    """Return the subjects a post is already placed at, in id order (once per post)."""
    if post.id not in check.served:
        subjects = check.analysis.mask(check.rule.subject)
        position = check.analysis.graph.index
        check.served[post.id] = tuple(
            sorted(
                {
                    tie.other(post.id)
                    for tie in ties_of(check.analysis, post.id)
                    if tie.kind is CooperationKind.PLACEMENT
                    and subjects[position[tie.other(post.id)]]
                }
            )
        )
    return check.served[post.id]


def _placement_reason(
    check: _RuleCheck, post: Actor, school: Actor, serves: tuple[str, ...]
) -> Explanation:
    local = post.municipality is not None and post.municipality == school.municipality
    where_de = "in derselben Gemeinde" if local else "in der Nähe"
    where_en = "in the same municipality" if local else "nearby"
    if not serves:
        return Explanation(
            de=f"{post.name} arbeitet {where_de} und ist bisher an keiner Schule eingesetzt.",
            en=f"{post.name} works {where_en} and is not placed at any school yet.",
        )
    return Explanation(
        de=f"{post.name} arbeitet {where_de} und ist bereits an "
        f"{amount(len(serves), 'Schule', 'Schulen', lang='de')} eingesetzt "
        f"({names(check.analysis, serves, 'de')}).",
        en=f"{post.name} works {where_en} and is already placed at "
        f"{amount(len(serves), 'school', 'schools', lang='en')} "
        f"({names(check.analysis, serves, 'en')}).",
    )


def _reason(partner: Actor, actor: Actor, load: int) -> Explanation:
    local = partner.municipality is not None and partner.municipality == actor.municipality
    where_de = "in derselben Gemeinde" if local else "in der Nähe"
    where_en = "in the same municipality" if local else "nearby"
    if load == 0:
        return Explanation(
            de=f"{partner.name} arbeitet {where_de} und ist bisher mit keiner passenden Stelle "
            "verbunden.",
            en=f"{partner.name} works {where_en} and is not linked to any matching actor yet.",
        )
    return Explanation(
        de=f"{partner.name} arbeitet {where_de} und ist bisher mit "
        f"{amount(load, 'passenden Stelle', 'passenden Stellen', lang='de')} verbunden.",
        en=f"{partner.name} works {where_en} and is linked to "
        f"{amount(load, 'matching actor', 'matching actors', lang='en')} so far.",
    )


def _missing_text(rule: RequiredTie, name: str, have: int, wanted: tuple[str, str]) -> Explanation:
    to_de, to_en = wanted
    if rule.within == 1:
        if rule.min_partners == 1:
            return Explanation(
                de=f"{name} hat keine ausreichende direkte Verbindung zu {to_de}: gefunden "
                f"{have}, nötig eine.",
                en=f"{name} lacks a direct tie to {to_en}: found {have}.",
            )
        return Explanation(
            de=f"{name} hat zu wenige direkte Verbindungen zu {to_de}: gefunden {have}, nötig "
            f"mindestens {rule.min_partners}.",
            en=f"{name} has too few direct ties to {to_en}: found {have}, at least "
            f"{rule.min_partners} needed.",
        )
    return Explanation(
        de=f"{name} erreicht {to_de} nicht in höchstens "
        f"{rule.within} Schritten; der Weg führt über mehr Stellen, als die Regel erlaubt.",
        en=f"{name} does not reach {to_en} within {rule.within} "
        "steps; the way runs through more hands than the rule allows.",
    )


def _wanted(rule: RequiredTie) -> tuple[str, str]:
    """Return the partners a missing-tie finding says the rule asks for (German, English)."""
    if rule.within != 1:
        return accusative(rule.partner, "de"), accusative(rule.partner, "en")
    partner_de, partner_en = rule.partner.describe("de"), rule.partner.describe("en")
    kinds_de = f" (Art: {kinds_phrase(rule.kinds, 'de')})" if rule.kinds else ""
    kinds_en = f" (kind: {kinds_phrase(rule.kinds, 'en')})" if rule.kinds else ""
    return f"{quoted(partner_de, 'de')}{kinds_de}", f"{quoted(partner_en, 'en')}{kinds_en}"


def _shallow_text(
    rule: RequiredTie, name: str, partners: list[str], ties: dict[str, Cooperation]
) -> Explanation:
    assert rule.min_intensity is not None
    levels = sorted({tie.intensity for tie in ties.values() if tie.intensity is not None})
    have_de = listing((quoted(level.label("de"), "de") for level in levels), "de")
    have_en = listing((quoted(level.label("en"), "en") for level in levels), "en")
    step_de = "der Stufe" if len(levels) == 1 else "den Stufen"
    step_en = "level" if len(levels) == 1 else "levels"
    return Explanation(
        de=f"{name} arbeitet mit {listing(partners, 'de')} nur auf {step_de} {have_de} "
        f"zusammen; nötig ist mindestens {quoted(rule.min_intensity.label('de'), 'de')}.",
        en=f"{name} works with {listing(partners, 'en')} only at the {step_en} {have_en}; "
        f"at least {quoted(rule.min_intensity.label('en'), 'en')} is needed.",
    )


def _unconfirmed_text(name: str, partners: list[str]) -> Explanation:
    if len(partners) == 1:
        return Explanation(
            de=f"Die Verbindung zwischen {name} und {partners[0]} hat nur eine Seite "
            "gemeldet; sie sollte mit beiden Seiten bestätigt werden.",
            en=f"Only one side reported the tie between {name} and {partners[0]}; it should "
            "be confirmed with both.",
        )
    return Explanation(
        de=f"Die Verbindungen von {name} zu {listing(partners, 'de')} hat jeweils nur eine "
        "Seite gemeldet; sie sollten mit beiden Seiten bestätigt werden.",
        en=f"Only one side reported each of the ties of {name} with {listing(partners, 'en')}; "
        "they should be confirmed with both.",
    )


def _judge(analysis: Analysis, gap: Gap, remedy: AnySuggestion) -> Outcome | None:
    """Whether one new tie or placement gives the subject enough partners under the rule."""
    subject = gap.actors[0]
    if isinstance(remedy, SuggestedMeasure) or gap.rule is None or subject not in remedy.actors:
        return None
    rule = analysis.rules.rule(gap.rule)
    first, second = remedy.actors
    partner = second if first == subject else first
    if not isinstance(rule, RequiredTie) or partner not in analysis.graph.index:
        return None
    if rule.within == 1:
        return _judge_direct(analysis, rule, subject, partner, remedy)
    return _judge_steps(analysis, rule, subject, partner)


def _judge_direct(
    analysis: Analysis,
    rule: RequiredTie,
    subject: str,
    partner: str,
    remedy: SuggestedTie | SuggestedPlacement,
) -> Outcome | None:
    is_partner = analysis.mask(rule.partner)
    too_weak = (
        rule.min_intensity is not None
        and remedy.intensity is not None
        and remedy.intensity < rule.min_intensity
    )
    if (
        not is_partner[analysis.graph.index[partner]]
        or (rule.kinds and remedy.kind not in rule.kinds)
        or too_weak
    ):
        return None
    good = _good_partners(analysis, rule, subject)
    if partner in good:
        return None
    missing = rule.min_partners - len(good) - 1
    if missing <= 0:
        return Outcome(closed=True)
    return Outcome(
        closed=False,
        remaining=missing,
        note=Explanation(
            de=f"Ein Schritt: danach {'fehlt' if missing == 1 else 'fehlen'} noch "
            f"{amount(missing, 'Partner', 'Partner', lang='de')}.",
            en=f"A step: {amount(missing, 'partner is', 'partners are', lang='en')} still "
            "missing after it.",
        ),
    )


def _remember_good_partners(
    analysis: Analysis, rule: RequiredTie, subject: str, good: set[str]
) -> None:
    analysis.cache.setdefault(f"good_partners:{rule.id}", {})[subject] = good


def _good_partners(analysis: Analysis, rule: RequiredTie, subject: str) -> set[str]:
    """Return the partners that count for the subject under a direct rule, computed once."""
    known: dict[str, set[str]] = analysis.cache.setdefault(f"good_partners:{rule.id}", {})
    if subject not in known:
        actor = analysis.network.actor(subject)
        known[subject] = _direct_ties(analysis, rule, actor, analysis.mask(rule.partner)).good
    return known[subject]


def _judge_steps(
    analysis: Analysis, rule: RequiredTie, subject: str, partner: str
) -> Outcome | None:
    # A shortest path uses the new tie at most once, from the subject to the partner end.
    graph = analysis.graph
    distance = analysis.distances(rule.partner, rule.within)
    here, there = graph.index[subject], graph.index[partner]
    through = UNREACHED if distance[there] == UNREACHED else int(distance[there]) + 1
    reach = min(int(distance[here]), through)
    if reach > rule.within:
        return None
    if reach == 2:  # noqa: PLR2004 (two steps: fragile unless two intermediaries lead there)
        near = analysis.distances(rule.partner, 1)
        intermediaries = {int(n) for n in graph.neighbors(here) if near[n] == 1}
        if near[there] == 1:
            intermediaries.add(there)
        if len(intermediaries) < 2:  # noqa: PLR2004 (one intermediary is a fragile pair)
            return None
    return Outcome(closed=True)


JUDGES: dict[GapKind, Judge] = dict.fromkeys(
    (
        GapKind.MISSING_REQUIRED_TIE,
        GapKind.UNREACHABLE,
        GapKind.FRAGILE_PAIR,
        GapKind.SHALLOW_COOPERATION,
        GapKind.UNCONFIRMED_TIE,
    ),
    _judge,
)
"""The judge of every finding kind this module reports (see ``gaps._verify``)."""


def _of_kind(
    network: EducationNetwork, rules: RuleSet | None, as_of: DayLike | None, kind: GapKind
) -> list[Gap]:
    analysis = analyse(network, rules, as_of=as_of)
    found = sorted(
        (gap for gap in _evaluate(analysis) if gap.kind is kind), key=lambda gap: gap.sort_key
    )
    return finished(analysis, found, JUDGES)


def find_missing_required_ties(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find subject actors with too few partners within the steps a rule allows.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`.
    as_of
        Judge the network as it stands on this day.

    Returns
    -------
    gaps
        ``missing_required_tie`` findings with the rule's severity, sorted; each suggests
        up to three partners (same municipality first, then least busy).

    Notes
    -----
    Direct ties are looked up per subject in O(degree); rules over several steps use one
    multi-source breadth-first search from all partners over the CSR graph, linear in
    the ties it reaches.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_missing_required_ties(musterkreis())
    >>> all(gap.kind == "missing_required_tie" for gap in gaps)
    True
    """
    return _of_kind(network, rules, as_of, GapKind.MISSING_REQUIRED_TIE)


def find_unreachable(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find subject actors that cannot reach any required partner, however far.

    Severity is the rule's raised by one level: no path at all is worse than a long one.
    Parameters and cost as :func:`find_missing_required_ties`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.kind == "unreachable" for gap in find_unreachable(musterkreis()))
    True
    """
    return _of_kind(network, rules, as_of, GapKind.UNREACHABLE)


def find_fragile_pairs(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find subject actors that reach a required partner only through one intermediary.

    Applies to rules over two or more steps when the partner is two steps away and only
    one neighbour leads there. Severity is the rule's lowered by one level. Parameters as
    :func:`find_missing_required_ties`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_fragile_pairs(musterkreis())
    >>> all(len(gap.actors) == 2 for gap in gaps)
    True
    """
    return _of_kind(network, rules, as_of, GapKind.FRAGILE_PAIR)


def find_shallow_cooperation(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find required direct ties that exist but are weaker than the rule demands.

    Severity is the rule's lowered by one level. Ties of unknown intensity are not
    reported: only a recorded weak intensity is evidence. Parameters as
    :func:`find_missing_required_ties`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.kind == "shallow_cooperation" for gap in find_shallow_cooperation(musterkreis()))
    True
    """
    return _of_kind(network, rules, as_of, GapKind.SHALLOW_COOPERATION)


def find_unconfirmed_ties(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find required direct ties that only one side reported.

    Severity is the rule's lowered by two levels. Parameters as
    :func:`find_missing_required_ties`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.kind == "unconfirmed_tie" for gap in find_unconfirmed_ties(musterkreis()))
    True
    """
    return _of_kind(network, rules, as_of, GapKind.UNCONFIRMED_TIE)
