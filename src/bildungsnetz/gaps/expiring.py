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
from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.gaps._analysis import analyse, ranges, ties_of
from bildungsnetz.gaps._detectors import static_findings
from bildungsnetz.gaps._exclusive import exclusive_pairs
from bildungsnetz.gaps._finish import finished, unfinished
from bildungsnetz.gaps._text import amount, listing
from bildungsnetz.gaps.gap import Explanation, Gap, GapKind, gap_id
from bildungsnetz.gaps.interventions import (
    find_provider_dependence,
    find_uncovered_topics,
    find_unmet_needs,
)
from bildungsnetz.gaps.required_ties import findings_about
from bildungsnetz.gaps.structure import (
    _broker_gap,
    _dependent_among,
    _isolated_among,
    find_cut_actors,
    find_cut_ties,
    find_dependent_actors,
    find_isolated_actors,
)
from bildungsnetz.gaps.transitions import transitions_about
from bildungsnetz.model.dates import to_horizon
from bildungsnetz.rules import NoSinglePointOfFailure

if TYPE_CHECKING:
    from collections.abc import Collection

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
    before = {gap.id for gap in static_findings(network, start.rules, start.as_of)}
    candidates = _later_findings(network, start.rules, later, endings, before)
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


# How the later day is judged, detector by detector (a test checks that these, the
# required ties, exclusive brokers, transitions, and the group detectors whose findings
# name no actor, are the static detectors), only when something they can be blamed on
# ends: cut actors and ties whole (one search of the whole day decides them), closed
# circles only for the subjects next to a touched actor, isolation only of touched ones.
_TIE_DETECTORS = (
    find_cut_actors,
    find_cut_ties,
    find_dependent_actors,
    find_isolated_actors,
)
_MEASURE_DETECTORS = (find_uncovered_topics, find_unmet_needs, find_provider_dependence)

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
    before: set[str],
) -> list[Gap]:
    """Return the findings of the later day that an ending could be blamed for.

    Every finding of the later day that :func:`_caused` would attribute to an ending is
    among them (the tests compare with judging the whole later day); others may be too.
    What no ending can be blamed for is not judged: a tie, actor or forum that ends is
    blamed only for findings naming an actor it touches, so the required ties are judged
    only for the subjects that are, or neighbour, such an actor (a finding names the
    subject and its direct partners or intermediary), exclusive brokerage is counted
    only for such actors, and only the flows from or to them are judged; closed circles
    only for the subjects that are, or neighbour, such an actor, isolation only of such
    actors (cut actors and ties need the search of the whole day); the groups and
    municipalities never (their findings name no actor); coverage and needs only when
    an intervention ends, since nothing else is blamed for them. Findings are taken as
    found, without evidence in words or verified suggestions.
    """
    analysis = analyse(network, rules, as_of=later)
    ties = [ending for ending in endings if ending.collection != "interventions"]
    found: list[Gap] = []
    with unfinished():
        if ties:
            around = frozenset().union(*(ending.touches for ending in ties))
            touched = _present(analysis, around)
            found += findings_about(analysis, touched)
            found += _brokers_among(analysis, touched, before)
            found += transitions_about(analysis, around)
            found += find_cut_actors(network, rules, as_of=later)
            found += find_cut_ties(network, rules, as_of=later)
            found += _dependent_among(analysis, _next_to(analysis, touched))
            found += _isolated_among(analysis, touched)
        if len(ties) < len(endings):
            for detector in _MEASURE_DETECTORS:
                found += detector(network, rules, as_of=later)
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
    hubs, brokers already, cost the most to count.
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
    rows = np.flatnonzero(candidates)
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
        for tie in network.cooperations
        if inside(tie.period.end) and not _ends_with_actor(tie, actor_ends)
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
