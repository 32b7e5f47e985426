"""Money that runs out: funding cliffs and school social work on project money.

``funding_cliff``
    A programme that ends (within the horizon, if one is given): the ties, posts,
    forums and interventions that rest on it alone, the schools they serve, the schools
    that lose their only school social work or their only indicated measure, and whether
    the network falls apart. Rule severity (high by default) when schools are served by
    what ends, one level lower when none is; critical when a school loses its only
    school social work or its only indicated measure, or when schools lose their link to
    the rest of the network.
``temporary_placement``
    A school whose school social work rests only on time-limited programmes (the seed
    demands a *permanent* place for school social work at every school). Rule severity;
    one level higher when that money ends within the horizon.

A record "rests on" a programme when the programme is among its funding and every other
programme funding it ends no later. A placement's funding is that of the tie and of the
post together.

Examples
--------
>>> from datetime import date
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_funding_cliffs
>>> cliffs = find_funding_cliffs(musterkreis(), as_of=date(2025, 11, 1))
>>> [gap.evidence["programme"] for gap in cliffs][:1]
['esf-plus']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np
from scipy.sparse import csgraph

from bildungsnetz.gaps._analysis import Analysis, BoolArray, IntArray, analyse, shift, ties_of
from bildungsnetz.gaps._finish import finished
from bildungsnetz.gaps._text import amount, listing, names, quoted
from bildungsnetz.gaps.gap import Explanation, Gap, GapKind
from bildungsnetz.graph import to_arrays
from bildungsnetz.model import ActorKind, CooperationKind, PreventionTier, Severity
from bildungsnetz.model.dates import to_horizon
from bildungsnetz.rules import FundingContinuity, PermanentPlacement

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bildungsnetz.model import Actor, Cooperation, EducationNetwork, Programme
    from bildungsnetz.model.dates import DayLike, HorizonLike
    from bildungsnetz.rules import RuleSet, Selector

__all__ = ["find_funding_cliffs", "find_temporary_placements"]

_METHOD = "bildungsnetz.gaps.funding"


def horizon_window(
    analysis: Analysis, horizon: HorizonLike | None
) -> tuple[date | None, date | None]:
    """Return the window ``(first day, last day)`` in which ends count, open-ended if unknown."""
    first = analysis.as_of
    ahead = None if horizon is None else to_horizon(horizon, start=first)
    last = None if ahead is None or first is None else first + ahead
    return first, last


def _ends_in(end: date | None, window: tuple[date | None, date | None]) -> bool:
    first, last = window
    if end is None:
        return False
    return (first is None or end > first) and (last is None or end <= last)


def _rests_on(
    funding: Iterable[str], programme: Programme, programmes: dict[str, Programme]
) -> bool:
    """Whether money from ``programme`` ends a record: nothing else funds it for longer."""
    funding = set(funding)
    if programme.id not in funding:
        return False
    end = programme.period.end
    assert end is not None
    for other in funding - {programme.id}:
        other_end = programmes[other].period.end
        if other_end is None or other_end > end:
            return False
    return True


@dataclass
class _Losses:
    """What ends with one programme."""

    ties: list[Cooperation] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    forums: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    served: set[str] = field(default_factory=set)
    lose_social_work: list[str] = field(default_factory=list)
    lose_indicated: list[str] = field(default_factory=list)
    disconnected: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.ties or self.actors or self.forums or self.interventions)


def find_funding_cliffs(
    network: EducationNetwork,
    rules: RuleSet | None = None,
    *,
    as_of: DayLike | None = None,
    horizon: HorizonLike | None = None,
) -> list[Gap]:
    """Find programmes whose end takes critical parts of the network with it.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.FundingContinuity` rule is checked.
    as_of
        The day to look ahead from (the network's ``reference_date`` by default).
        Programmes that have already ended are not reported.
    horizon
        Only programmes ending within this time after ``as_of``; all future ends if
        ``None``.

    Returns
    -------
    gaps
        One ``funding_cliff`` finding per programme that something rests on.

    Notes
    -----
    One pass over the records per programme, plus one connected-components run on the
    network without what ends.

    Examples
    --------
    >>> from datetime import date
    >>> from bildungsnetz.datasets import musterkreis
    >>> gap = find_funding_cliffs(musterkreis(), as_of=date(2025, 11, 1))[0]
    >>> gap.evidence["end"], gap.severity.value
    ('2028-07-31', 'critical')
    """
    analysis = analyse(network, rules, as_of=as_of)
    window = horizon_window(analysis, horizon)
    programmes = {programme.id: programme for programme in analysis.network.programmes}
    gaps = []
    for rule in analysis.rules.of_type(FundingContinuity):
        for programme in analysis.network.programmes:
            if not _ends_in(programme.period.end, window):
                continue
            losses = _losses(analysis, rule.subject, programme, programmes)
            if losses.anything:
                gaps.append(_cliff_gap(analysis, rule, programme, losses))
    return finished(analysis, gaps)


def _losses(
    analysis: Analysis, subject: Selector, programme: Programme, programmes: dict[str, Programme]
) -> _Losses:
    network = analysis.network
    funded = _funded(analysis)
    rests = np.fromiter(
        (_rests_on(funding, programme, programmes) for funding in funded.fundings),
        dtype=bool,
        count=len(funded.fundings),
    )

    def ending(group: IntArray) -> list[int]:
        found: list[int] = np.flatnonzero(rests[group]).tolist()
        return found

    losses = _Losses(
        ties=[network.cooperations[i] for i in ending(funded.ties)],
        actors=[network.actors[i] for i in ending(funded.actors)],
        forums=[network.forums[i].id for i in ending(funded.forums)],
        interventions=[network.interventions[i].id for i in ending(funded.interventions)],
    )
    subjects = analysis.matching(subject)
    _social_work_losses(analysis, subjects, losses)
    _intervention_losses(network, subjects, losses)
    losses.disconnected = _disconnected(analysis, subjects, losses)
    return losses


@dataclass(frozen=True)
class _Funded:
    """The records of the day by what pays for them: codes into the distinct fundings.

    A network has a handful of distinct sets of programmes, so each programme's end is
    judged once per set rather than once per record.
    """

    fundings: list[frozenset[str]]
    ties: IntArray
    actors: IntArray
    forums: IntArray
    interventions: IntArray


def _funded(analysis: Analysis) -> _Funded:
    if "funded" not in analysis.cache:
        network = analysis.network
        codes: dict[frozenset[str], int] = {}

        def coded(fundings: Iterable[Iterable[str]]) -> IntArray:
            # A record copied with an update may hold a plain set; map keeps the loop in C.
            found = list(map(frozenset, fundings))
            for funding in dict.fromkeys(found):
                codes.setdefault(funding, len(codes))
            return np.fromiter(map(codes.__getitem__, found), dtype=np.int64, count=len(found))

        placement = CooperationKind.PLACEMENT
        analysis.cache["funded"] = _Funded(
            ties=coded(
                tie.funding if tie.kind is not placement else _tie_funding(network, tie)
                for tie in network.cooperations
            ),
            actors=coded(map(attrgetter("funding"), network.actors)),
            forums=coded(map(attrgetter("funding"), network.forums)),
            interventions=coded(map(attrgetter("funding"), network.interventions)),
            fundings=list(codes),
        )
    funded: _Funded = analysis.cache["funded"]
    return funded


def _tie_funding(network: EducationNetwork, tie: Cooperation) -> frozenset[str]:
    """Return what pays for a tie: for a placement, the tie's and the post's money together."""
    if tie.kind is not CooperationKind.PLACEMENT:
        return tie.funding
    posts = [network.actor(end) for end in tie.actors]
    placed = [post for post in posts if post.kind is ActorKind.SCHOOL_SOCIAL_WORK]
    return tie.funding.union(*(post.funding for post in placed))


def _social_work_losses(analysis: Analysis, subjects: list[Actor], losses: _Losses) -> None:
    lost_actors = {actor.id for actor in losses.actors}
    lost_ties = {tie.id for tie in losses.ties}
    for school in subjects:
        placements = _placements(analysis, school.id)
        lost = [t for t in placements if t.id in lost_ties or t.other(school.id) in lost_actors]
        if lost:
            losses.served.add(school.id)
            if len(lost) == len(placements):
                losses.lose_social_work.append(school.id)


def _intervention_losses(network: EducationNetwork, subjects: list[Actor], losses: _Losses) -> None:
    lost = set(losses.interventions)
    indicated: dict[str, set[str]] = defaultdict(set)
    sites_of_lost: set[str] = set()
    for measure in network.interventions:
        if measure.tier is PreventionTier.INDICATED:
            for site in measure.sites:
                indicated[site].add(measure.id)
        if measure.id in lost:
            sites_of_lost |= measure.sites
    for school in subjects:
        measures = indicated.get(school.id, set())
        if measures and measures <= lost:
            losses.lose_indicated.append(school.id)
        if school.id in sites_of_lost:
            losses.served.add(school.id)


def _social_work(
    network: EducationNetwork, school: str, ties: Iterable[Cooperation] | None = None
) -> list[Cooperation]:
    """Return the school's placements of school social work among ``ties`` (default: all)."""
    return [
        tie
        for tie in (network.ties_of(school) if ties is None else ties)
        if tie.kind is CooperationKind.PLACEMENT
        and network.actor(tie.other(school)).kind is ActorKind.SCHOOL_SOCIAL_WORK
    ]


def _placements(analysis: Analysis, school: str) -> list[Cooperation]:
    """Return the school's school social work placements, looked up once per analysis."""
    known: dict[str, list[Cooperation]] = analysis.cache.setdefault("social_work", {})
    if school not in known:
        known[school] = _social_work(analysis.network, school, ties_of(analysis, school))
    return known[school]


def _disconnected(analysis: Analysis, subjects: list[Actor], losses: _Losses) -> list[str]:
    """Return the subjects that lose their link to the main part of the network."""
    lost = {actor.id for actor in losses.actors}
    before = analysis.graph
    after = to_arrays(
        analysis.network,
        max_forum_size=analysis.rules.max_forum_size,
        without_actors=lost,
        without_cooperations={tie.id for tie in losses.ties},
        without_forums=set(losses.forums),
    )
    in_main_before = _in_main(analysis.components)
    _, labels = csgraph.connected_components(after.to_scipy(), directed=False)
    in_main_after = _in_main(labels.astype(np.int64))
    # The graph after has the same nodes in the same order, less the actors that end.
    alive = np.ones(len(before.nodes), dtype=bool)
    alive[[before.index[actor] for actor in lost]] = False
    after_position = np.cumsum(alive) - 1
    found = []
    for school in subjects:
        position = before.index[school.id]
        if (
            in_main_before[position]
            and school.id not in lost
            and not in_main_after[after_position[position]]
        ):
            found.append(school.id)
    return sorted(found)


def _in_main(labels: IntArray) -> BoolArray:
    """Tell for each node whether it is in the largest component (the first, on ties)."""
    if not labels.size:
        return np.zeros(0, dtype=bool)
    in_main: BoolArray = labels == np.bincount(labels).argmax()
    return in_main


def _cliff_gap(
    analysis: Analysis, rule: FundingContinuity, programme: Programme, losses: _Losses
) -> Gap:
    critical = bool(losses.lose_social_work or losses.lose_indicated or losses.disconnected)
    severity = (
        Severity.CRITICAL
        if critical
        else rule.severity
        if losses.served
        else shift(rule.severity, -1)
    )
    end = programme.period.last_day
    assert end is not None
    posts = [a.id for a in losses.actors if a.kind is ActorKind.SCHOOL_SOCIAL_WORK]
    return Gap.create(
        kind=GapKind.FUNDING_CLIFF,
        severity=severity,
        actors=tuple(sorted(losses.served | set(posts))),
        rule=rule.id,
        key={"programme": programme.id},
        score=float(len(losses.served)),
        evidence={
            "programme": programme.id,
            "end": end.isoformat(),
            "ties": len(losses.ties),
            "actors": len(losses.actors),
            "school_social_work_posts": len(posts),
            "forums": len(losses.forums),
            "interventions": len(losses.interventions),
            "schools_served": len(losses.served),
            "schools_losing_only_school_social_work": len(losses.lose_social_work),
            "schools_losing_only_indicated_measure": len(losses.lose_indicated),
            "schools_cut_off": len(losses.disconnected),
        },
        explanation=_cliff_text(analysis, programme, losses, len(posts)),
        method=f"{_METHOD}.find_funding_cliffs",
        params=analysis.params,
    )


def _cliff_text(
    analysis: Analysis, programme: Programme, losses: _Losses, posts: int
) -> Explanation:
    end = programme.period.last_day
    assert end is not None
    items = [
        (
            posts,
            ("Stelle der Schulsozialarbeit", "Stellen der Schulsozialarbeit"),
            ("school social work post", "school social work posts"),
        ),
        (
            len(losses.actors) - posts,
            # "weitere" / "other" only after the posts.
            ("weiterer Akteur", "weitere Akteure") if posts else ("Akteur", "Akteure"),
            ("other actor", "other actors") if posts else ("actor", "actors"),
        ),
        (len(losses.ties), ("Kooperation", "Kooperationen"), ("cooperation", "cooperations")),
        (len(losses.interventions), ("Maßnahme", "Maßnahmen"), ("intervention", "interventions")),
        (len(losses.forums), ("Gremium", "Gremien"), ("forum", "forums")),
    ]
    ending_de = listing(
        [amount(n, *german, lang="de") for n, german, _ in items if n], "de", limit=10
    )
    ending_en = listing(
        [amount(n, *english, lang="en") for n, _, english in items if n], "en", limit=10
    )
    served = len(losses.served)
    parts_de = [
        f"Am {end.strftime('%d.%m.%Y')} endet {quoted(programme.name, 'de')}. Damit endet, was "
        f"nur aus diesem Programm bezahlt wird: {ending_de}."
    ]
    parts_en = [
        f"On {end.isoformat()} {quoted(programme.name, 'en')} ends, and with it everything paid "
        f"only from it: {ending_en}."
    ]
    # Schools served by what ends; without any, the sentence is left out ("Betroffen: 0
    # Schulen" would read as if the end touched no school, even one it cuts off).
    if served:
        parts_de.append(f"Betroffen: {amount(served, 'Schule', 'Schulen', lang='de')}.")
        parts_en.append(f"Affected: {amount(served, 'school', 'schools', lang='en')}.")
    for ids, german, english in (
        (losses.lose_social_work, "ihre einzige Schulsozialarbeit", "only school social work"),
        (losses.lose_indicated, "ihre einzige indizierte Maßnahme", "only indicated measure"),
        (losses.disconnected, "die Verbindung zum übrigen Netzwerk", "link to the network"),
    ):
        if ids:
            parts_de.append(
                f"{amount(len(ids), 'Schule verliert', 'Schulen verlieren', lang='de')} {german}: "
                f"{names(analysis, ids, 'de')}."
            )
            parts_en.append(
                f"{amount(len(ids), 'school loses its', 'schools lose their', lang='en')} "
                f"{english}: "
                f"{names(analysis, ids, 'en')}."
            )
    return Explanation(de=" ".join(parts_de), en=" ".join(parts_en))


def find_temporary_placements(
    network: EducationNetwork,
    rules: RuleSet | None = None,
    *,
    as_of: DayLike | None = None,
    horizon: HorizonLike | None = None,
) -> list[Gap]:
    """Find schools whose school social work rests only on time-limited money.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.PermanentPlacement` rule is checked.
    as_of
        Judge the placements as they stand on this day.
    horizon
        If given, a placement whose money ends within it is one level more severe.

    Returns
    -------
    gaps
        ``temporary_placement`` findings, one per school. Placements without any funding
        recorded are not judged.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_temporary_placements(musterkreis())
    >>> all(gap.evidence["earliest_end"] for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    window = horizon_window(analysis, horizon)
    programmes = {programme.id: programme for programme in analysis.network.programmes}
    gaps = []
    for rule in analysis.rules.of_type(PermanentPlacement):
        for school in analysis.matching(rule.subject):
            ends = _placement_ends(analysis, rule, school, programmes)
            if ends:
                gaps.append(_temporary_gap(analysis, rule, school, ends, window))
    return finished(analysis, gaps)


def _placement_ends(
    analysis: Analysis, rule: PermanentPlacement, school: Actor, programmes: dict[str, Programme]
) -> dict[str, date]:
    """Return post -> the day its money ends, if every placement rests on ending money."""
    network = analysis.network
    ends: dict[str, date] = {}
    for tie in ties_of(analysis, school.id):
        if tie.kind is not CooperationKind.PLACEMENT:
            continue
        post = network.actor(tie.other(school.id))
        if not rule.partner.matches(post):
            continue
        funding = tie.funding | post.funding
        if not funding:
            return {}
        latest = [programmes[p].period.end for p in funding]
        if any(end is None for end in latest):
            return {}
        ends[post.id] = max(end for end in latest if end is not None)
    return ends


def _temporary_gap(
    analysis: Analysis,
    rule: PermanentPlacement,
    school: Actor,
    ends: dict[str, date],
    window: tuple[date | None, date | None],
) -> Gap:
    earliest = min(ends.values())
    soon = _ends_in(earliest, window) and window[1] is not None
    last_day = earliest - timedelta(days=1)
    posts = sorted(ends)
    if len(set(ends.values())) == 1:
        money_de, money_en = "das Geld endet", "the money ends"
    else:
        first = [post for post in posts if ends[post] == earliest]
        money_de = f"das Geld für {names(analysis, first, 'de')} endet zuerst,"
        money_en = f"the money for {names(analysis, first, 'en')} ends first,"
    return Gap.create(
        kind=GapKind.TEMPORARY_PLACEMENT,
        severity=shift(rule.severity, 1) if soon else rule.severity,
        actors=(school.id, *posts),
        rule=rule.id,
        score=-float(earliest.toordinal()),
        evidence={"posts": len(posts), "earliest_end": last_day.isoformat()},
        explanation=Explanation(
            de=f"Die Schulsozialarbeit an {school.name} wird nur aus befristeten Programmen "
            f"bezahlt; {money_de} spätestens am {last_day.strftime('%d.%m.%Y')} "
            f"({'Stelle' if len(posts) == 1 else 'Stellen'}: {names(analysis, posts, 'de')}). "
            "Gefordert ist eine dauerhafte Verortung der Schulsozialarbeit an allen Schulen.",
            en=f"School social work at {school.name} is paid only from time-limited "
            f"programmes; {money_en} by {last_day.isoformat()} "
            f"({'post' if len(posts) == 1 else 'posts'}: {names(analysis, posts, 'en')}). "
            "The demand is a permanent place for school social work at every school.",
        ),
        method=f"{_METHOD}.find_temporary_placements",
        params={
            **analysis.params,
            "horizon_end": None if window[1] is None else window[1].isoformat(),
        },
    )
