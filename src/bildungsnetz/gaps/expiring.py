"""Ties, actors and interventions that end soon and leave new gaps behind.

``expiring_critical_tie``
    A cooperation, actor, forum or intervention whose period ends inside the horizon
    (its end day lies in ``(as_of, as_of + horizon]``) and whose loss opens gaps: the
    report at ``as_of + horizon`` is compared with the report at ``as_of``, and each new
    finding is attributed to the ending records that touch its actors. Severity: that of
    the most severe new finding it leaves.

Examples
--------
>>> from datetime import date, timedelta
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_expiring_critical_ties
>>> gaps = find_expiring_critical_ties(musterkreis(), as_of=date(2025, 11, 1),
...                                    horizon=timedelta(days=3 * 365))
>>> all(gap.evidence["opened_gaps"] >= 1 for gap in gaps)
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import numpy as np

from bildungsnetz.gaps._analysis import analyse, ranges, ties_of
from bildungsnetz.gaps._detectors import static_findings
from bildungsnetz.gaps._exclusive import exclusive_bound, exclusive_pairs
from bildungsnetz.gaps._finish import finished, unfinished
from bildungsnetz.gaps._text import amount, listing
from bildungsnetz.gaps.gap import Explanation, Gap, GapKind, gap_id
from bildungsnetz.gaps.interventions import (
    _active,
    _fits,
    _uncovered_forms,
    _uncovered_municipalities,
    _unmet_gap,
    find_provider_dependence,
    find_uncovered_topics,
    find_unmet_needs,
)
from bildungsnetz.gaps.required_ties import (
    find_fragile_pairs,
    find_missing_required_ties,
    find_shallow_cooperation,
    find_unconfirmed_ties,
    find_unreachable,
    findings_about,
)
from bildungsnetz.gaps.structure import (
    _broker_gap,
    _dependent_among,
    _isolated_among,
    find_cut_actors,
    find_cut_ties,
    find_dependent_actors,
    find_exclusive_brokers,
    find_insular_groups,
    find_isolated_actors,
    find_underlinked_groups,
)
from bildungsnetz.gaps.transitions import find_transitions_without_cooperation, transitions_about
from bildungsnetz.graph import _record_columns
from bildungsnetz.model.dates import to_horizon
from bildungsnetz.privacy import DEFAULT_POLICY, DisclosurePolicy
from bildungsnetz.rules import NeedCoverage, NoSinglePointOfFailure, RequiredCoverage

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from bildungsnetz.gaps._analysis import Analysis, BoolArray
    from bildungsnetz.model import Cooperation, EducationNetwork, Intervention, Language
    from bildungsnetz.model.dates import DayLike, HorizonLike
    from bildungsnetz.rules import RuleSet

__all__ = ["DEFAULT_HORIZON", "find_expiring_critical_ties"]

_METHOD = "bildungsnetz.gaps.expiring.find_expiring_critical_ties"

DEFAULT_HORIZON = timedelta(days=365)
"""How far ahead :func:`find_expiring_critical_ties` looks unless told otherwise."""


@dataclass(frozen=True)
class _Ending:
    collection: str
    record: str
    label_de: str
    label_en: str
    end: date
    touches: frozenset[str]
    actors: tuple[str, ...]
    topics: frozenset[str] = frozenset()
    units: frozenset[str] = frozenset()


def find_expiring_critical_ties(
    network: EducationNetwork,
    rules: RuleSet | None = None,
    *,
    as_of: DayLike | None = None,
    horizon: HorizonLike = DEFAULT_HORIZON,
    policy: DisclosurePolicy = DEFAULT_POLICY,
) -> list[Gap]:
    """Find what ends within the horizon and which new gaps its end opens.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`.
    as_of
        The day to look ahead from; the network's ``reference_date`` by default. Without
        either, nothing is reported (the detector never assumes today).
    horizon
        How far ahead to look.
    policy
        How pupil counts are protected in the transition findings compared on both days
        (what :func:`~bildungsnetz.gaps.find_gaps` is given): a withheld count lowers a
        finding's severity, and with it that of the ending blamed for it.

    Returns
    -------
    gaps
        One ``expiring_critical_tie`` finding per ending record that opens gaps, with
        the number and kinds of the new gaps as evidence.

    Notes
    -----
    Runs the structural detectors twice (on ``as_of`` and on ``as_of + horizon``); the
    attribution is linear in the new findings and the ending records.

    Examples
    --------
    >>> from datetime import date, timedelta
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_expiring_critical_ties(musterkreis(), as_of=date(2025, 11, 1),
    ...                                    horizon=timedelta(days=3 * 365))
    >>> sorted({gap.evidence["end"] for gap in gaps})[-1]
    '2028-07-31'
    """
    start = analyse(network, rules, as_of=as_of)
    ahead = to_horizon(horizon, start=start.as_of)
    if start.as_of is None:
        return []
    later = start.as_of + ahead
    endings = _endings(start, start.as_of, later)
    if not endings:
        return []
    before = {gap.id for gap in static_findings(network, start.rules, start.as_of, policy)}
    candidates = _later_findings(network, start.rules, later, endings, before, policy=policy)
    opened = [gap for gap in candidates if gap.id not in before]
    index = _EndingIndex(endings)
    blamed: dict[_Ending, list[Gap]] = defaultdict(list)
    for gap in opened:
        for ending in index.candidates(gap):
            if _caused(ending, gap):
                blamed[ending].append(gap)
    params = {**start.params, "horizon_days": ahead.days, "horizon_end": later.isoformat()}
    gaps = [_finding(ending, found, params, start.network) for ending, found in blamed.items()]
    return finished(start, gaps)


@dataclass
class _LaterDay:
    """The last day of the horizon, with what ends before it and what was found on the first."""

    analysis: Analysis
    endings: list[_Ending]
    before: Collection[str]
    policy: DisclosurePolicy

    @cached_property
    def around(self) -> frozenset[str]:
        """The actors that an ending tie, actor or forum touches."""
        ties = (ending.touches for ending in self.endings if ending.collection != "interventions")
        return frozenset().union(*ties)

    @cached_property
    def touched(self) -> BoolArray:
        """The mask of the nodes of :attr:`around` present on the day."""
        return _present(self.analysis, self.around)

    @cached_property
    def served(self) -> frozenset[str]:
        """The sites and providers of the ending interventions."""
        measures = (
            ending.touches for ending in self.endings if ending.collection == "interventions"
        )
        return frozenset().union(*measures)

    @cached_property
    def topics(self) -> frozenset[str]:
        """The topics an ending intervention serves."""
        measures = (
            ending.topics for ending in self.endings if ending.collection == "interventions"
        )
        return frozenset().union(*measures)

    def ends(self, what: Literal["ties", "interventions"]) -> bool:
        """Whether anything of the kind ends: ties, actors and forums, or interventions."""
        measures = sum(ending.collection == "interventions" for ending in self.endings)
        return bool(measures if what == "interventions" else len(self.endings) - measures)


@dataclass(frozen=True)
class _Judged:
    """How the findings of some static detectors are looked for on the later day.

    ``judge`` gives (at least) every finding of the ``detectors`` on the later day that an
    ending of the kind ``blamed`` could be blamed for; ``None`` for detectors whose
    findings no ending is ever blamed for (they name no actor), which are not run.
    """

    detectors: tuple[Callable[..., list[Gap]], ...]
    blamed: Literal["ties", "interventions"] | None
    judge: Callable[[_LaterDay], list[Gap]] | None = None


def _whole(detector: Callable[..., list[Gap]]) -> Callable[[_LaterDay], list[Gap]]:
    """Return the judge that runs ``detector`` on the whole later day."""

    def judge(day: _LaterDay) -> list[Gap]:
        analysis = day.analysis
        return detector(analysis.source, analysis.rules, as_of=analysis.as_of)

    return judge


def _required_about(day: _LaterDay) -> list[Gap]:
    return findings_about(day.analysis, day.touched)


def _brokers_about(day: _LaterDay) -> list[Gap]:
    return _brokers_among(day.analysis, day.touched, day.before)


def _transitions_about(day: _LaterDay) -> list[Gap]:
    return transitions_about(day.analysis, day.around, day.policy)


def _dependent_about(day: _LaterDay) -> list[Gap]:
    return _dependent_among(day.analysis, _next_to(day.analysis, day.touched))


def _isolated_about(day: _LaterDay) -> list[Gap]:
    return _isolated_among(day.analysis, day.touched)


def _uncovered_about(day: _LaterDay) -> list[Gap]:
    """Return the uncovered-topic findings of the topics that an ending measure serves.

    What :func:`~bildungsnetz.gaps.find_uncovered_topics` finds for them: a topic's
    finding is blamed only on an ending intervention that serves it.
    """
    analysis = day.analysis
    if not analysis.source.interventions:
        return []
    gaps = []
    for rule in analysis.rules.of_type(RequiredCoverage):
        if rule.topic.value not in day.topics:
            continue
        fitting = [m for m in _active(analysis) if _fits(m, rule.topic, rule.tier)]
        if rule.per == "municipality":
            gaps.extend(_uncovered_municipalities(analysis, rule, fitting))
        else:
            gaps.extend(_uncovered_forms(analysis, rule, fitting))
    return gaps


def _unmet_about(day: _LaterDay) -> list[Gap]:
    """Return the unmet-need findings about the sites and providers of ending measures.

    What :func:`~bildungsnetz.gaps.find_unmet_needs` finds about them: a finding names
    its school alone, and is blamed only on an ending intervention that touches it.
    """
    analysis, served = day.analysis, day.served
    sites: dict[str, list[Intervention]] = defaultdict(list)
    for measure in _active(analysis):
        for site in measure.sites:
            sites[site].append(measure)
    gaps = []
    for rule in analysis.rules.of_type(NeedCoverage):
        for school in analysis.matching(rule.subject):
            if school.id not in served:
                continue
            value = None if school.school is None else getattr(school.school, rule.indicator)
            if value is None or value < rule.threshold:
                continue
            if any(m.tier >= rule.tier for m in sites.get(school.id, [])):
                continue
            gaps.append(_unmet_gap(analysis, rule, school, value))
    return gaps


# How the later day is judged, detector by detector (a test checks that these are the
# static detectors), only when something they can be blamed on ends: the required ties,
# exclusive brokers and transitions only around the touched actors, cut actors and ties
# whole (one search of the whole day decides them), closed circles only for the subjects
# next to a touched actor, isolation only of touched ones, coverage only of the topics of
# ending interventions, needs only of their sites and providers, and the groups, whose
# findings name no actor, never.
_LATER_DAY: tuple[_Judged, ...] = (
    _Judged(
        (
            find_missing_required_ties,
            find_unreachable,
            find_fragile_pairs,
            find_shallow_cooperation,
            find_unconfirmed_ties,
        ),
        "ties",
        _required_about,
    ),
    _Judged((find_exclusive_brokers,), "ties", _brokers_about),
    _Judged((find_transitions_without_cooperation,), "ties", _transitions_about),
    _Judged((find_cut_actors,), "ties", _whole(find_cut_actors)),
    _Judged((find_cut_ties,), "ties", _whole(find_cut_ties)),
    _Judged((find_dependent_actors,), "ties", _dependent_about),
    _Judged((find_isolated_actors,), "ties", _isolated_about),
    _Judged((find_uncovered_topics,), "interventions", _uncovered_about),
    _Judged((find_unmet_needs,), "interventions", _unmet_about),
    _Judged((find_provider_dependence,), "interventions", _whole(find_provider_dependence)),
    _Judged((find_underlinked_groups, find_insular_groups), None),
)

_INTERVENTION_KINDS = {
    GapKind.UNMET_NEED,
    GapKind.UNCOVERED_TOPIC,
    GapKind.PROVIDER_DEPENDENCE,
}


class _EndingIndex:
    """The ending records by the actors they touch and the topics they serve.

    Comparing every new finding with every ending record would be quadratic; on all of
    Germany both run into the thousands.
    """

    def __init__(self, endings: list[_Ending]) -> None:
        self.endings = endings
        self.by_actor: dict[str, list[int]] = defaultdict(list)
        self.by_topic: dict[str, list[int]] = defaultdict(list)
        for position, ending in enumerate(endings):
            for actor in ending.touches:
                self.by_actor[actor].append(position)
            for topic in ending.topics:
                self.by_topic[topic].append(position)

    def candidates(self, gap: Gap) -> list[_Ending]:
        positions = {p for actor in gap.actors for p in self.by_actor.get(actor, ())}
        if gap.kind is GapKind.UNCOVERED_TOPIC:
            positions.update(self.by_topic.get(str(gap.evidence.get("topic")), ()))
        return [self.endings[p] for p in sorted(positions)]


def _caused(ending: _Ending, gap: Gap) -> bool:
    """Whether the end of ``ending`` can have opened ``gap``.

    Interventions are not ties: their end opens only coverage and need findings, and the
    end of a tie, actor or forum opens only structural ones. Within those, the ending
    record must touch an actor the finding is about (or, for an uncovered topic, serve
    the topic).
    """
    if (ending.collection == "interventions") != (gap.kind in _INTERVENTION_KINDS):
        return False
    if gap.kind is GapKind.UNCOVERED_TOPIC:
        served = "*" in ending.units or gap.evidence.get("unit") in ending.units
        return gap.evidence.get("topic") in ending.topics and served
    return bool(ending.touches & set(gap.actors))


def _later_findings(
    network: EducationNetwork,
    rules: RuleSet,
    later: date,
    endings: list[_Ending],
    before: Collection[str],
    *,
    policy: DisclosurePolicy = DEFAULT_POLICY,
) -> list[Gap]:
    """Return the findings of the later day that an ending could be blamed for.

    Every finding of the later day that :func:`_caused` would attribute to an ending is
    among them (the tests compare with judging the whole later day); others may be too.
    What no ending can be blamed for is not judged (see ``_LATER_DAY``): a tie, actor or
    forum that ends is blamed only for findings naming an actor it touches, so the
    required ties are judged only for the subjects that are, or neighbour, such an actor
    (a finding names the subject and its direct partners or intermediary), exclusive
    brokerage is counted only for such actors, and only the flows from or to them are
    judged; closed circles only for the subjects that are, or neighbour, such an actor,
    isolation only of such actors (cut actors and ties need the search of the whole day);
    the groups and municipalities never (their findings name no actor); coverage and
    needs only when an intervention ends, since nothing else is blamed for them:
    coverage only of the topics such an intervention serves, needs only of its sites
    and providers. Findings are taken as found,
    without evidence in words or verified suggestions.
    """
    day = _LaterDay(analyse(network, rules, as_of=later), endings, before, policy)
    found: list[Gap] = []
    with unfinished():
        for judged in _LATER_DAY:
            if judged.judge is not None and judged.blamed and day.ends(judged.blamed):
                found += judged.judge(day)
    return found


def _next_to(analysis: Analysis, touched: BoolArray) -> BoolArray:
    """Return the mask of the ``touched`` nodes and their neighbours.

    A dependent-actor finding names its subject and the subject's contacts: it names a
    touched actor only if its subject is one or neighbours one.
    """
    graph = analysis.graph
    near = touched.copy()
    near[graph.indices[ranges(graph.indptr, np.flatnonzero(touched))]] = True
    return near


def _present(analysis: Analysis, actors: frozenset[str]) -> BoolArray:
    """Return the mask of the nodes of ``actors`` present on the analysis's day."""
    index = analysis.graph.index
    mask = np.zeros(len(analysis.graph.nodes), dtype=np.bool_)
    mask[[index[actor] for actor in actors if actor in index]] = True
    return mask


def _brokers_among(
    analysis: Analysis, touched: BoolArray, known: Collection[str] = ()
) -> list[Gap]:
    """Return the exclusive-broker findings about the ``touched`` actors not ``known``.

    What :func:`~bildungsnetz.gaps.find_exclusive_brokers` finds about them, with the
    pairs counted for them alone (``gaps/_exclusive.py``). Candidates are the actors with
    enough contacts to broker the smallest number of pairs that counts, unless the
    finding each rule would give (whatever its numbers) is among the ``known`` ids: the
    hubs, brokers already, cost the most to count; and unless a bound on their pairs
    (:func:`~bildungsnetz.gaps._exclusive.exclusive_bound`) is below every rule's.
    """
    graph = analysis.graph
    rules = analysis.rules.of_type(NoSinglePointOfFailure)
    degree = graph.degree
    candidates = np.zeros(len(graph.nodes), dtype=np.bool_)
    for rule in rules:
        enough = touched & (degree * (degree - 1) // 2 >= rule.min_exclusive_pairs)
        for row in np.flatnonzero(enough).tolist():
            key = gap_id(GapKind.EXCLUSIVE_BROKER, (graph.nodes[row],), rule.id, {})
            candidates[row] |= key not in known
    # Most remaining hubs broker few pairs alone: their contacts share another node. A
    # bound, one step from each contact, spares them the count of their pairs.
    rows = np.flatnonzero(candidates)
    smallest = min((rule.min_exclusive_pairs for rule in rules), default=0)
    rows = rows[exclusive_bound(graph.indptr, graph.indices, rows) >= smallest]
    counts = dict(
        zip(rows.tolist(), exclusive_pairs(graph.indptr, graph.indices, rows).tolist(), strict=True)
    )
    return [
        _broker_gap(analysis, rule, graph.nodes[row], pairs)
        for rule in rules
        for row in rows.tolist()
        if (pairs := counts[row]) >= rule.min_exclusive_pairs
    ]


def _endings(analysis: Analysis, first: date, last: date) -> list[_Ending]:
    network = analysis.network

    def inside(end: date | None) -> bool:
        return end is not None and first < end <= last

    # A tie that ends no earlier than one of its actors ends with that actor: one finding
    # for the post, not a second one for its placement.
    actor_ends = {a.id: a.active.end for a in network.actors if inside(a.active.end)}
    found = [
        _tie_ending(network, tie)
        for tie in _ending_ties(analysis, first, last)
        if not _ends_with_actor(tie, actor_ends)
    ]
    for actor in network.actors:
        if inside(actor.active.end):
            assert actor.active.end is not None
            neighbours = {tie.other(actor.id) for tie in ties_of(analysis, actor.id)}
            found.append(
                _Ending(
                    "actors",
                    actor.id,
                    actor.name,
                    actor.name,
                    actor.active.end,
                    frozenset({actor.id, *neighbours}),
                    (actor.id,),
                )
            )
    for measure in network.interventions:
        if inside(measure.period.end):
            assert measure.period.end is not None
            found.append(
                _Ending(
                    "interventions",
                    measure.id,
                    f"Die Maßnahme {measure.name}",
                    f"The intervention {measure.name}",
                    measure.period.end,
                    frozenset(measure.sites | measure.providers),
                    tuple(sorted(measure.sites)),
                    frozenset(topic.value for topic in measure.topics),
                    _units(network, measure),
                )
            )
    for forum in network.forums:
        if inside(forum.period.end):
            assert forum.period.end is not None
            found.append(
                _Ending(
                    "forums",
                    forum.id,
                    forum.name,
                    forum.name,
                    forum.period.end,
                    frozenset(forum.participants),
                    (forum.id,),
                )
            )
    return found


def _ending_ties(analysis: Analysis, first: date, last: date) -> list[Cooperation]:
    """Return the day's cooperations whose end lies in ``(first, last]``, in id order.

    Those of ``analysis.network``, in its order, chosen from the source's columns of tie
    periods (day numbers) rather than by a pass over the records in Python: a state has
    tens of thousands of ties, a few hundred end.
    """
    columns, present = _record_columns(analysis.source), analysis.records.cooperations
    # valid_until is the number of the (exclusive) end day; an open end is beyond any day.
    until = columns.valid_until[present]
    chosen = present[(until > first.toordinal()) & (until <= last.toordinal())]
    ties = columns.cooperations
    return [ties[i] for i in chosen.tolist()]


def _ends_with_actor(tie: Cooperation, actor_ends: dict[str, date | None]) -> bool:
    end = tie.period.end
    assert end is not None
    return any((gone := actor_ends.get(actor)) is not None and gone <= end for actor in tie.actors)


def _tie_ending(network: EducationNetwork, tie: Cooperation) -> _Ending:
    assert tie.period.end is not None
    names = " – ".join(network.actor(actor).name for actor in tie.actors)
    return _Ending(
        "cooperations",
        tie.id,
        f"Die Kooperation {names}",
        f"The cooperation {names}",
        tie.period.end,
        frozenset(tie.actors),
        tie.actors,
    )


def _units(network: EducationNetwork, measure: Intervention) -> frozenset[str]:
    """Return the municipalities and school forms an intervention serves ("*": all)."""
    if not measure.sites and not measure.municipalities:
        return frozenset({"*"})
    units = set(measure.municipalities)
    for site in measure.sites:
        actor = network.actor(site)
        if actor.municipality is not None:
            units.add(actor.municipality)
        if actor.school is not None:
            units.add(actor.school.form.value)
    return frozenset(units)


def _finding(
    ending: _Ending, opened: list[Gap], params: dict[str, object], network: EducationNetwork
) -> Gap:
    last_day = ending.end - timedelta(days=1)
    worst = max(gap.severity for gap in opened)
    ordered = sorted(opened, key=lambda gap: gap.sort_key)

    def about(gap: Gap, lang: Language) -> str:
        # An uncovered topic is about a municipality or school form, not its first school.
        named = gap.actors and gap.kind is not GapKind.UNCOVERED_TOPIC
        first = gap.actors[0] if named else None
        name = network.actor(first).name if first and network.has_actor(first) else ""
        return f"{gap.kind.label(lang)}" + (f" ({name})" if name else "")

    def listed(lang: Language) -> str:
        # Two gaps of one kind about one actor (two need indicators) are one item, counted.
        items = Counter(about(gap, lang) for gap in ordered)
        shown = [text if n == 1 else f"{n} × {text}" for text, n in items.items()]
        return listing(shown, lang, limit=3)

    count = len(opened)
    kinds_de, kinds_en = listed("de"), listed("en")
    return Gap.create(
        kind=GapKind.EXPIRING_CRITICAL_TIE,
        severity=worst,
        actors=ending.actors,
        key={"collection": ending.collection, "record": ending.record},
        score=float(len(opened)),
        evidence={
            "collection": ending.collection,
            "record": ending.record,
            "end": last_day.isoformat(),
            "opened_gaps": len(opened),
            "opened_kinds": ", ".join(sorted({gap.kind.value for gap in opened})),
        },
        explanation=Explanation(
            de=f"{ending.label_de} endet am {last_day.strftime('%d.%m.%Y')}. Danach "
            f"{'entsteht' if count == 1 else 'entstehen'} "
            f"{amount(count, 'neue Lücke', 'neue Lücken', lang='de')}: {kinds_de}. Jetzt ist "
            "Zeit, die Anschlussfinanzierung oder einen Ersatz zu klären.",
            en=f"{ending.label_en} ends on {last_day.isoformat()}. Afterwards "
            f"{amount(count, 'new gap opens', 'new gaps open', lang='en')}: {kinds_en}. Now is "
            "the time to settle follow-up funding or a replacement.",
        ),
        method=_METHOD,
        params=params,
    )
