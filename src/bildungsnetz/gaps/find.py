"""``find_gaps``: run every detector and assemble the report.

Examples
--------
>>> from bildungsnetz import find_gaps
>>> from bildungsnetz.datasets import musterkreis
>>> report = find_gaps(musterkreis())
>>> report.rules
'Schulerfolg sichern'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bildungsnetz._collector import paused
from bildungsnetz._progress import steps
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps._detectors import (
    DAY_DETECTORS,
    HORIZON_DETECTORS,
    JUDGES,
    PUPIL_DETECTORS,
    STATIC_DETECTORS,
    TIMELESS_DETECTORS,
    static_findings,
)
from bildungsnetz.gaps._verify import verified
from bildungsnetz.gaps.expiring import find_expiring_critical_ties
from bildungsnetz.gaps.report import GapReport, names_of
from bildungsnetz.model.dates import to_horizon
from bildungsnetz.privacy import DEFAULT_POLICY, DisclosurePolicy

if TYPE_CHECKING:
    from collections.abc import Callable

    from bildungsnetz.gaps.gap import Gap
    from bildungsnetz.model import EducationNetwork
    from bildungsnetz.model.dates import DayLike, HorizonLike
    from bildungsnetz.rules import RuleSet

__all__ = ["DETECTORS", "find_gaps"]

DETECTORS: tuple[Callable[..., list[Gap]], ...] = (
    *DAY_DETECTORS,
    *PUPIL_DETECTORS,
    *HORIZON_DETECTORS,
    find_expiring_critical_ties,
)
"""Every detector :func:`find_gaps` runs, in order; each is a pure function
``(network, rules=None, *, as_of=None, ...) -> list[Gap]``."""


def find_gaps(
    network: EducationNetwork,
    rules: RuleSet | None = None,
    *,
    as_of: DayLike | None = None,
    horizon: HorizonLike | None = None,
    policy: DisclosurePolicy = DEFAULT_POLICY,
    progress: bool = False,
) -> GapReport:
    """Find the gaps in the cooperation structure of ``network``, explained and ranked.

    Parameters
    ----------
    network
        The network; it is not changed.
    rules
        What should be; ``None`` means :func:`~bildungsnetz.rules.default_rules`, the
        Schulerfolg policy.
    as_of
        Judge the network as it stands on this day: a ``date``, a ``datetime`` or
        ``pandas.Timestamp`` (its calendar day), or text such as ``"01.08.2028"`` or
        ``"2028-08-01"``. Without it, the network's ``reference_date`` is used if it has
        one, otherwise every record counts.
    horizon
        Look ahead this far: a :class:`~datetime.timedelta` of whole days, a number of
        days (``1095`` or ``"1095"``), or the day to look ahead to (``"01.08.2028"``);
        what ends within it and which gaps its end opens, which programmes end and what
        they take with them. Without it, funding ends are reported whenever they come
        and expiring ties are not searched.
    policy
        How pupil counts in the findings are protected (suppression below 3 by default).
    progress
        Show a progress bar on standard error, one step per detector (extra
        ``progress``, tqdm); silent by default. A network of all of Germany takes about
        a minute.

    Returns
    -------
    report
        Every finding of every detector in :data:`DETECTORS`, most severe first, each
        with stable id, evidence, German and English explanation and suggestions. Every
        suggestion is verified: applied alone to the network, it closes the finding it is
        listed under (or is a step towards it, saying what remains), and its ``closes``
        lists every finding of the report it is verified to close.

    Raises
    ------
    MissingDependencyError
        If ``progress`` is true and tqdm is not installed (``pip install
        "bildungsnetz[progress]"``).

    Notes
    -----
    With a horizon, the last day of the horizon is judged only where something ends:
    findings that no ending could be blamed for are not looked for. The cyclic garbage
    collector is paused while the report is made and restored after; what the run made
    and keeps is handed to its oldest generation rather than walked as young objects.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> report = find_gaps(musterkreis())
    >>> report.gaps[0].severity.value
    'critical'
    >>> find_gaps(musterkreis()).to_json() == report.to_json()
    True
    """
    total = len(STATIC_DETECTORS) + len(TIMELESS_DETECTORS) + len(HORIZON_DETECTORS) + 2
    total += horizon is not None
    with (
        steps(
            total,
            enabled=progress,
            description="find_gaps",
            unit="step",
            feature="find_gaps(progress=True)",
        ) as advance,
        paused(),
    ):
        return _report(network, rules, as_of=as_of, horizon=horizon, policy=policy, advance=advance)


def _report(
    network: EducationNetwork,
    rules: RuleSet | None,
    *,
    as_of: DayLike | None,
    horizon: HorizonLike | None,
    policy: DisclosurePolicy,
    advance: Callable[..., None],
) -> GapReport:
    analysis = analyse(network, rules, as_of=as_of)
    advance("analysis")
    ahead = None if horizon is None else to_horizon(horizon, start=analysis.as_of)
    day, chosen = analysis.as_of, analysis.rules
    found = list(static_findings(network, chosen, day, policy, advance))
    for detector in TIMELESS_DETECTORS:
        found += detector(network, chosen, as_of=day)
        advance(detector.__name__)
    for detector in HORIZON_DETECTORS:
        found += detector(network, chosen, as_of=day, horizon=ahead)
        advance(detector.__name__)
    if ahead is not None:
        found += find_expiring_critical_ties(
            network, chosen, as_of=day, horizon=ahead, policy=policy
        )
        advance("find_expiring_critical_ties")
    gaps: dict[str, Gap] = {}
    for gap in found:
        gaps.setdefault(gap.id, gap)
    linked = sorted(verified(analysis, gaps.values(), JUDGES), key=lambda gap: gap.sort_key)
    advance("suggestions")
    # Dormant forums are named by their id among the actors of a finding, measures by
    # theirs in a suggestion; actors win where ids coincide.
    lookup = {measure.id: measure.name for measure in network.interventions}
    lookup.update({forum.id: forum.name for forum in network.forums})
    lookup.update({actor.id: actor.name for actor in network.actors})
    return GapReport(
        network=network.name,
        as_of=analysis.as_of,
        horizon_days=None if ahead is None else ahead.days,
        rules=analysis.rules.name,
        gaps=tuple(linked),
        names=names_of(linked, lookup),
        params=analysis.params,
    )
