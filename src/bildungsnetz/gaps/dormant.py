"""Dormant ties and forums: meetings are scheduled, but nobody has met for a long time.

``dormant_tie``
    A cooperation or forum with a meeting schedule whose last contact lies so far back
    that at least ``max_missed`` scheduled meetings have passed since (rule
    :class:`~bildungsnetz.rules.RegularContact`). Rule severity; one level higher from
    three times ``max_missed``. Records without a last contact are not judged, and
    without a day (``as_of`` or the network's ``reference_date``) nothing is: the
    detector never assumes today.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_dormant_ties
>>> [gap.actors[0] for gap in find_dormant_ties(musterkreis())][:1]
['ak-absentismus']
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bildungsnetz.gaps._analysis import Analysis, analyse, shift
from bildungsnetz.gaps._finish import finished
from bildungsnetz.gaps._text import amount
from bildungsnetz.gaps.gap import Explanation, Gap, GapKind
from bildungsnetz.model import Forum
from bildungsnetz.rules import RegularContact

if TYPE_CHECKING:
    from bildungsnetz.model import Cooperation, EducationNetwork
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet

__all__ = ["find_dormant_ties"]

_METHOD = "bildungsnetz.gaps.dormant.find_dormant_ties"
_ESCALATE = 3


def find_dormant_ties(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find scheduled ties and forums that have stopped meeting.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`.
    as_of
        The day to judge on; the network's ``reference_date`` by default.

    Returns
    -------
    gaps
        ``dormant_tie`` findings; for a forum the first actor is the forum's id.

    Notes
    -----
    Each schedule is expanded only between the day after the last contact and the day
    judged on (an explicit window), so an endless rule costs just its meetings in that
    window.

    Examples
    --------
    >>> from datetime import date
    >>> from bildungsnetz.datasets import musterkreis
    >>> gap = find_dormant_ties(musterkreis(), as_of=date(2025, 11, 1))[0]
    >>> gap.evidence["missed_meetings"] >= 3
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    if analysis.as_of is None:
        return []
    gaps = []
    # Few records keep a schedule; the others are passed over once, not once per rule.
    scheduled: list[Cooperation | Forum] = [
        record
        for records in (analysis.network.cooperations, analysis.network.forums)
        for record in records
        if record.schedule is not None and record.last_contact is not None
    ]
    for rule in analysis.rules.of_type(RegularContact):
        for record in scheduled:
            gap = _check(analysis, rule, record)
            if gap is not None:
                gaps.append(gap)
    return finished(analysis, gaps)


def _check(analysis: Analysis, rule: RegularContact, record: Cooperation | Forum) -> Gap | None:
    if record.schedule is None or record.last_contact is None or analysis.as_of is None:
        return None
    day = analysis.as_of
    since = record.last_contact + timedelta(days=1)
    missed = len(record.schedule.occurrences(since, day))
    if missed < rule.max_missed:
        return None
    if isinstance(record, Forum):
        actors: tuple[str, ...] = (record.id, *sorted(record.participants))
        label = record.name
    else:
        actors = record.actors
        label = " – ".join(analysis.name(actor) for actor in actors)
    last = record.last_contact
    return Gap.create(
        kind=GapKind.DORMANT_TIE,
        severity=shift(rule.severity, 1)
        if missed >= _ESCALATE * rule.max_missed
        else rule.severity,
        actors=actors,
        rule=rule.id,
        key={"record": record.id},
        score=float(missed),
        evidence={
            "missed_meetings": missed,
            "last_contact": last.isoformat(),
            "days_since": (day - last).days,
            "schedule": record.schedule.rule,
        },
        explanation=Explanation(
            de=f"{label} soll sich regelmäßig treffen ({record.schedule.describe('de')}), der "
            f"letzte Kontakt war aber am {last.strftime('%d.%m.%Y')}; seitdem "
            f"{'ist' if missed == 1 else 'sind'} "
            f"{amount(missed, 'Termin', 'Termine', lang='de')} ausgefallen. Die Zusammenarbeit "
            "ruht und sollte neu belebt oder beendet werden.",
            en=f"{label} is meant to meet regularly ({record.schedule.describe('en')}), but "
            f"the last contact was on {last.isoformat()}; "
            f"{amount(missed, 'meeting has', 'meetings have', lang='en')} passed since. The "
            "cooperation is dormant and should be revived or ended.",
        ),
        method=_METHOD,
        params={**analysis.params, "max_missed": rule.max_missed},
    )
