"""The network at a glance: key figures, what ends when, and where the schools stand.

These are the facts the HTML report, the plots and a Bildungskonferenz slide show beside
the findings: how many schools have school social work (:func:`key_figures`), what ends
on which day and with which programme (:func:`endings`, the funding timeline), and each
school with its place, its school social work and its worst finding
(:func:`school_coverage`, the map). Each is a pure function of the network (and of a
report, for the findings), so a table, a figure and a page all show the same numbers.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> figures = key_figures(musterkreis())
>>> figures.schools, figures.schools_with_school_social_work
(78, 33)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from bildungsnetz.gaps.funding import _social_work, _tie_funding
from bildungsnetz.model import ActorKind, to_day, to_horizon

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bildungsnetz.gaps.report import GapReport
    from bildungsnetz.model import (
        DayLike,
        EducationNetwork,
        HorizonLike,
        Location,
        Programme,
        SchoolForm,
        Severity,
    )

__all__ = [
    "Ending",
    "KeyFigures",
    "SchoolCoverage",
    "endings",
    "key_figures",
    "school_coverage",
]


@dataclass(frozen=True)
class KeyFigures:
    """Counts that describe a network on one day.

    Parameters
    ----------
    as_of
        The day counted (``None``: every record, whatever its period).
    actors, schools, cooperations, confirmed_cooperations, forums, interventions, programmes
        How many there are on that day (programmes: all, as they are definitions).
    schools_with_school_social_work
        Schools with a placement of a school social work post.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> f"{key_figures(musterkreis()).school_social_work_share:.0%}"
    '42%'
    """

    as_of: date | None
    actors: int
    schools: int
    schools_with_school_social_work: int
    cooperations: int
    confirmed_cooperations: int
    forums: int
    interventions: int
    programmes: int

    @property
    def school_social_work_share(self) -> float | None:
        """The share of schools with school social work (``None`` without schools)."""
        if not self.schools:
            return None
        return self.schools_with_school_social_work / self.schools


def key_figures(network: EducationNetwork, *, as_of: DayLike | None = None) -> KeyFigures:
    """Return the key figures of the network as it stands on a day.

    Parameters
    ----------
    network
        The network.
    as_of
        The day; the network's ``reference_date`` by default, else every record counts.

    Returns
    -------
    figures
        The counts.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> figures = key_figures(musterkreis(), as_of="01.08.2028")
    >>> figures.schools_with_school_social_work
    23
    """
    current, day = _snapshot(network, as_of)
    schools = [actor for actor in current.actors if actor.kind is ActorKind.SCHOOL]
    return KeyFigures(
        as_of=day,
        actors=len(current.actors),
        schools=len(schools),
        schools_with_school_social_work=sum(
            1 for school in schools if _social_work(current, school.id)
        ),
        cooperations=len(current.cooperations),
        confirmed_cooperations=sum(1 for tie in current.cooperations if tie.confirmed),
        forums=len(current.forums),
        interventions=len(current.interventions),
        programmes=len(current.programmes),
    )


@dataclass(frozen=True)
class Ending:
    """A record that ends: by its own period or because its money runs out.

    Parameters
    ----------
    last_day
        The last day it holds (its period's ``end`` is the day after).
    collection
        Which records it is of: ``"programmes"``, ``"actors"``, ``"cooperations"``,
        ``"forums"`` or ``"interventions"``.
    record
        Its id.
    name
        Its name; for a cooperation the names of its two actors, joined by " – ".
    kind
        Its kind as a stable value: the actor's kind, the cooperation's kind, the
        programme's funding source, ``"forum"`` or the intervention's tier.
    programmes
        The programmes whose end ends it, if it ends for want of money; empty if its
        own period ends first.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> first = endings(musterkreis(), horizon=3 * 365)[0]
    >>> first.last_day, first.collection
    (datetime.date(2026, 12, 31), 'interventions')
    """

    last_day: date
    collection: Literal["programmes", "actors", "cooperations", "forums", "interventions"]
    record: str
    name: str
    kind: str
    programmes: tuple[str, ...] = ()


def endings(
    network: EducationNetwork,
    *,
    as_of: DayLike | None = None,
    horizon: HorizonLike | None = None,
) -> tuple[Ending, ...]:
    """Return what ends after a day, within a horizon: the funding timeline.

    A record ends on the last day of its own period, or on the last day of the money
    it rests on, whichever comes first: a record rests on its programmes when every one
    of them ends (so the one ending last decides; a placement also rests on the post's
    money). Records that have ended by ``as_of`` are not listed.

    Parameters
    ----------
    network
        The network.
    as_of
        The day to look ahead from; the network's ``reference_date`` by default, else
        every end is listed.
    horizon
        Only what ends within this time after ``as_of`` (whole days, a ``timedelta``
        or the day up to which to look); everything ahead if ``None``.

    Returns
    -------
    endings
        By last day, then collection and id.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> cliff = [e for e in endings(musterkreis()) if e.programmes == ("esf-plus",)]
    >>> len(cliff), {e.last_day for e in cliff}
    (25, {datetime.date(2028, 7, 31)})
    """
    current, day = _snapshot(network, as_of)
    last = None if horizon is None or day is None else day + to_horizon(horizon, start=day)
    programmes = {programme.id: programme for programme in current.programmes}
    found = [*_programme_endings(current), *_record_endings(current, programmes)]
    return tuple(
        sorted(
            (e for e in found if _within(e.last_day, day, last)),
            key=lambda e: (e.last_day, e.collection, e.record),
        )
    )


@dataclass(frozen=True)
class SchoolCoverage:
    """A school: where it is, whether it has school social work, its worst finding.

    Parameters
    ----------
    actor
        The school's id.
    name
        Its name.
    form
        Its school form.
    location
        Where it is, if known.
    school_social_work
        Whether a school social work post is placed at it.
    findings
        How many findings of the report name it.
    severity
        The worst severity of those findings, ``None`` if there are none.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> schools = school_coverage(musterkreis())
    >>> sum(school.school_social_work for school in schools)
    33
    """

    actor: str
    name: str
    form: SchoolForm
    location: Location | None
    school_social_work: bool
    findings: int = 0
    severity: Severity | None = None


def school_coverage(
    network: EducationNetwork,
    report: GapReport | None = None,
    *,
    as_of: DayLike | None = None,
) -> tuple[SchoolCoverage, ...]:
    """Return each school with its place, school social work and findings.

    Parameters
    ----------
    network
        The network.
    report
        Findings to count per school (a finding counts for every school it names);
        none if ``None``.
    as_of
        The day; the network's ``reference_date`` by default.

    Returns
    -------
    schools
        In id order.

    Examples
    --------
    >>> from bildungsnetz import find_gaps
    >>> from bildungsnetz.datasets import musterkreis
    >>> network = musterkreis()
    >>> worst = max(school_coverage(network, find_gaps(network)), key=lambda s: s.findings)
    >>> worst.name, worst.findings, worst.severity.value
    ('Förderschule für Geistigbehinderte Mühlhagen', 7, 'high')
    """
    current, _ = _snapshot(network, as_of)
    counts: Counter[str] = Counter()
    worst: dict[str, Severity] = {}
    for gap in report.gaps if report is not None else ():
        for actor in set(gap.actors):
            counts[actor] += 1
            if actor not in worst or gap.severity > worst[actor]:
                worst[actor] = gap.severity
    return tuple(
        SchoolCoverage(
            actor=actor.id,
            name=actor.name,
            form=actor.school.form,
            location=actor.location,
            school_social_work=bool(_social_work(current, actor.id)),
            findings=counts[actor.id],
            severity=worst.get(actor.id),
        )
        for actor in sorted(current.actors, key=lambda actor: actor.id)
        if actor.school is not None
    )


def _snapshot(
    network: EducationNetwork, as_of: DayLike | None
) -> tuple[EducationNetwork, date | None]:
    day = to_day(as_of, name="as_of") if as_of is not None else network.reference_date
    return (network if day is None else network.as_of(day)), day


def _within(last_day: date, first: date | None, last: date | None) -> bool:
    # The same window as the detectors: ends after the first day, up to the horizon's.
    end = last_day + timedelta(days=1)
    return (first is None or end > first) and (last is None or end <= last)


def _programme_endings(network: EducationNetwork) -> Iterable[Ending]:
    for programme in network.programmes:
        if programme.period.last_day is not None:
            yield Ending(
                programme.period.last_day,
                "programmes",
                programme.id,
                programme.name,
                programme.source.value,
            )


def _record_endings(
    network: EducationNetwork, programmes: dict[str, Programme]
) -> Iterable[Ending]:
    for actor in network.actors:
        yield from _ending(
            "actors", actor.id, actor.name, actor.kind.value,
            own_last_day=actor.active.last_day, funding=actor.funding, programmes=programmes,
        )  # fmt: skip
    for tie in network.cooperations:
        name = " – ".join(network.actor(end).name for end in tie.actors)
        yield from _ending(
            "cooperations", tie.id, name, tie.kind.value, own_last_day=tie.period.last_day,
            funding=_tie_funding(network, tie), programmes=programmes,
        )  # fmt: skip
    for forum in network.forums:
        yield from _ending(
            "forums", forum.id, forum.name, "forum", own_last_day=forum.period.last_day,
            funding=forum.funding, programmes=programmes,
        )  # fmt: skip
    for measure in network.interventions:
        yield from _ending(
            "interventions", measure.id, measure.name, measure.tier.value,
            own_last_day=measure.period.last_day, funding=measure.funding, programmes=programmes,
        )  # fmt: skip


def _ending(
    collection: Literal["actors", "cooperations", "forums", "interventions"],
    record: str,
    name: str,
    kind: str,
    *,
    own_last_day: date | None,
    funding: Iterable[str],
    programmes: dict[str, Programme],
) -> Iterable[Ending]:
    """Yield the record's ending, if it has one: by its own period or by its money's."""
    paid_by = [programmes[programme] for programme in sorted(funding)]
    money_ends = [programme.period.last_day for programme in paid_by]
    money_last_day = None if not paid_by or None in money_ends else max(money_ends)  # type: ignore[type-var]
    if money_last_day is not None and (own_last_day is None or money_last_day <= own_last_day):
        deciding = tuple(p.id for p in paid_by if p.period.last_day == money_last_day)
        yield Ending(money_last_day, collection, record, name, kind, deciding)
    elif own_last_day is not None:
        yield Ending(own_last_day, collection, record, name, kind)
