"""Rules the data cannot answer: one ``data_gap`` finding per rule, not one per school.

When the data contain no actor of a kind a rule needs (no pupils' councils at all), a
per-school finding would only repeat one fact eighty times; more likely the kind was
never recorded. Severity medium: the policy cannot be checked until the data exist.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_data_gaps
>>> [gap.rule for gap in find_data_gaps(musterkreis())]
['pupil-participation']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bildungsnetz.gaps._analysis import Analysis, analyse
from bildungsnetz.gaps._finish import finished
from bildungsnetz.gaps._text import listing, quoted, rule_name
from bildungsnetz.gaps.gap import Explanation, Gap, GapKind
from bildungsnetz.model import Severity
from bildungsnetz.rules import (
    INDICATOR_LABELS,
    FundingContinuity,
    GroupLinkage,
    NeedCoverage,
    NoSinglePointOfFailure,
    PermanentPlacement,
    ProviderDiversity,
    RegularContact,
    RequiredCoverage,
    RequiredTie,
    RequiredTransitionCooperation,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from bildungsnetz.model import EducationNetwork
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import AnyRule, RuleSet, Selector

__all__ = ["find_data_gaps"]

Lack = tuple[str, str, str]
"""What the data lack: German and English descriptions and a short key."""

_METHOD = "bildungsnetz.gaps.find_data_gaps"


def find_data_gaps(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find rules that the data cannot answer, one finding per rule.

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
        ``data_gap`` findings: a rule about actors of a kind the data do not contain, a
        need rule whose indicator no school has, a transition rule without any flows, a
        coverage rule without any interventions.

    Examples
    --------
    >>> from bildungsnetz import EducationNetwork
    >>> gaps = find_data_gaps(EducationNetwork(name="Leer"))
    >>> for missing in sorted(gap.evidence["missing"] for gap in gaps):
    ...     print(missing)
    counselling teacher or school social work
    flows
    interventions
    schedules
    school
    school (lower secondary)
    """
    analysis = analyse(network, rules, as_of=as_of)
    # One missing fact is one finding, however many rules it stops.
    stopped: dict[Lack, list[str]] = {}
    for rule in analysis.rules.rules:
        missing = _missing(analysis, rule)
        if missing is not None:
            stopped.setdefault(missing, []).append(rule.id)
    gaps = [_data_gap(analysis, missing, rule_ids) for missing, rule_ids in stopped.items()]
    return finished(analysis, gaps)


def _data_gap(analysis: Analysis, missing: Lack, rule_ids: list[str]) -> Gap:
    german, english, key = missing
    rules_de = listing([rule_name(analysis.rules, r, "de") for r in rule_ids], "de", limit=10)
    rules_en = listing([rule_name(analysis.rules, r, "en") for r in rule_ids], "en", limit=10)
    noun_de = "Die Regel" if len(rule_ids) == 1 else "Die Regeln"
    verb_de = "lässt" if len(rule_ids) == 1 else "lassen"
    noun_en = "The rule" if len(rule_ids) == 1 else "The rules"
    return Gap.create(
        kind=GapKind.DATA_GAP,
        severity=Severity.MEDIUM,
        actors=(),
        rule=rule_ids[0],
        key={"missing": key},
        evidence={"missing": key, "rules": ", ".join(rule_ids)},
        explanation=Explanation(
            de=f"{noun_de} {rules_de} {verb_de} sich nicht prüfen: {german}. Fehlen diese "
            "Angaben nur in den Daten, sollten sie erfasst werden; fehlen sie in der "
            "Wirklichkeit, ist das selbst eine Lücke.",
            en=f"{noun_en} {rules_en} cannot be checked: {english}. If only the data lack "
            "them, they should be recorded; if reality lacks them, that is a gap in itself.",
        ),
        method=_METHOD,
        params=analysis.params,
    )


def _absent(analysis: Analysis, selector: Selector) -> tuple[str, str, str] | None:
    if analysis.recorded(selector):
        return None
    return (
        f"die Daten enthalten keine Akteure der Art {quoted(selector.describe('de'), 'de')}",
        f"the data contain no actors of the kind {quoted(selector.describe('en'), 'en')}",
        selector.describe("en"),
    )


def _missing(analysis: Analysis, rule: AnyRule) -> Lack | None:
    """Return what the data lack for ``rule``, or ``None`` if they can answer it."""
    for selector in _selectors(rule):
        lack = _absent(analysis, selector)
        if lack is not None:
            return lack
    if isinstance(rule, NeedCoverage):
        return _no_indicator(analysis, rule)
    check = _RECORDS.get(type(rule))
    return None if check is None else check(analysis.source)


def _selectors(rule: AnyRule) -> tuple[Selector, ...]:
    if isinstance(rule, GroupLinkage):
        return (rule.first, rule.second)
    if isinstance(rule, RequiredTie | PermanentPlacement):
        return (rule.subject, rule.partner)
    if isinstance(rule, NoSinglePointOfFailure | NeedCoverage | FundingContinuity):
        return (rule.subject,)
    return ()


def _no_flows(network: EducationNetwork) -> Lack | None:
    if network.flows:
        return None
    return (
        "die Daten enthalten keine Übergangsströme",
        "the data contain no transition flows",
        "flows",
    )


def _no_interventions(network: EducationNetwork) -> Lack | None:
    if network.interventions:
        return None
    return (
        "die Daten enthalten keine Maßnahmen",
        "the data contain no interventions",
        "interventions",
    )


def _no_schedules(network: EducationNetwork) -> Lack | None:
    scheduled = [tie.schedule for tie in network.cooperations]
    scheduled += [forum.schedule for forum in network.forums]
    if any(schedule is not None for schedule in scheduled):
        return None
    return (
        "keine Kooperation und kein Gremium hat einen Terminplan",
        "no cooperation or forum has a meeting schedule",
        "schedules",
    )


_RECORDS: dict[type, Callable[[EducationNetwork], Lack | None]] = {
    RequiredTransitionCooperation: _no_flows,
    RequiredCoverage: _no_interventions,
    ProviderDiversity: _no_interventions,
    RegularContact: _no_schedules,
}


def _no_indicator(analysis: Analysis, rule: NeedCoverage) -> tuple[str, str, str] | None:
    for actor in analysis.source.actors:
        if not rule.subject.matches(actor):
            continue
        if actor.school is not None and getattr(actor.school, rule.indicator) is not None:
            return None
    german, english = INDICATOR_LABELS[rule.indicator]
    return (
        f"keine Schule hat einen Wert für {quoted(german, 'de')}",
        f"no school has a value for the {quoted(english, 'en')}",
        rule.indicator,
    )
