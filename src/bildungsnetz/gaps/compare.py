"""Before and after: what an intervention or a funding decision changed in the network.

Examples
--------
>>> from datetime import date
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import compare
>>> network = musterkreis()
>>> comparison = compare(network.as_of(date(2025, 11, 1)), network.as_of(date(2028, 8, 1)))
>>> len(comparison.diff.opened) > 0
True
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from bildungsnetz import metrics
from bildungsnetz._repr import clipped
from bildungsnetz.gaps._analysis import Analysis, analyse
from bildungsnetz.gaps._text import amount, decimal, number
from bildungsnetz.gaps.find import find_gaps
from bildungsnetz.gaps.gap import GapKind
from bildungsnetz.gaps.report import GapDiff, GapReport
from bildungsnetz.model import ActorKind, CooperationKind, Language
from bildungsnetz.rules import NeedCoverage, RequiredCoverage, RequiredTie

if TYPE_CHECKING:
    from bildungsnetz.model import EducationNetwork
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet

__all__ = ["Comparison", "MeasureChange", "compare", "headline_measures"]

_MEASURE_LABELS: dict[str, tuple[str, str]] = {
    "actors": ("Akteure", "actors"),
    "ties": ("Verbindungen", "ties"),
    "density": ("Dichte", "density"),
    "components": ("Getrennte Teile", "separate parts"),
    "largest_part_share": ("Anteil im größten Teil", "share in the largest part"),
    "ei_between_kinds": ("E-I-Index zwischen Akteursarten", "E-I index between kinds"),
    "school_social_work_coverage": (
        "Schulen mit Schulsozialarbeit",
        "schools with school social work",
    ),
    "required_ties_met": ("Erfüllte Pflichtverbindungen", "required ties met"),
    "topic_coverage": ("Abgedeckte Themen je Gemeinde", "topics covered per municipality"),
    "needs_met": ("Schulen mit Bedarf und Maßnahme", "schools in need with a measure"),
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MeasureChange(_Frozen):
    """One headline measure before and after.

    Examples
    --------
    >>> MeasureChange(name="density", before=0.02, after=0.025).change
    0.005
    """

    name: str
    before: float
    after: float

    @property
    def change(self) -> float:
        """``after - before`` (nan if either is nan)."""
        return round(self.after - self.before, 12)

    def label(self, lang: Language = "de") -> str:
        """Return the measure's display name."""
        german, english = _MEASURE_LABELS.get(self.name, (self.name, self.name))
        return german if lang == "de" else english


class Comparison(_Frozen):
    """The evaluation of a change: which findings closed or opened, how measures moved.

    Parameters
    ----------
    before, after
        The names of the two networks.
    diff
        The findings that opened, closed or stayed.
    measures
        The headline measures before and after.

    Examples
    --------
    >>> from datetime import date
    >>> from bildungsnetz.datasets import musterkreis
    >>> network = musterkreis()
    >>> text = compare(network, network).to_text("en")
    >>> text.splitlines()[0]
    'Before and after: 0 gaps closed, 0 opened, ... unchanged.'
    """

    before: str
    after: str
    diff: GapDiff
    measures: tuple[MeasureChange, ...]

    def __repr__(self) -> str:
        """Return one line: the two networks and how many findings closed and opened.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis
        >>> compare(musterkreis(), musterkreis())  # doctest: +ELLIPSIS
        <Comparison 'Musterkreis' → 'Musterkreis': 0 closed, 0 opened, ... unchanged, 10 measures>
        """
        diff = self.diff
        return (
            f"<Comparison {clipped(self.before)} → {clipped(self.after)}: "
            f"{len(diff.closed)} closed, {len(diff.opened)} opened, "
            f"{len(diff.unchanged)} unchanged, {len(self.measures)} measures>"
        )

    def __str__(self) -> str:
        """Return the German summary of :meth:`to_text`."""
        return self.to_text("de").rstrip("\n")

    def to_text(self, lang: Language = "de") -> str:
        """Return a short plain-language summary for a committee."""
        closed, opened, same = (
            len(self.diff.closed),
            len(self.diff.opened),
            len(self.diff.unchanged),
        )
        if lang == "de":
            lines = [
                f"Vorher und nachher: {amount(closed, 'Lücke', 'Lücken', lang='de')} geschlossen, "
                f"{opened} neu, {same} unverändert."
            ]
        else:
            lines = [
                f"Before and after: {amount(closed, 'gap', 'gaps', lang='en')} closed, "
                f"{opened} opened, {same} unchanged."
            ]
        for measure in self.measures:
            before, after = _number(measure.before, lang), _number(measure.after, lang)
            lines.append(f"- {measure.label(lang)}: {before} → {after}")
        for title, gaps in (
            (("Neu", "Opened"), self.diff.opened),
            (("Geschlossen", "Closed"), self.diff.closed),
        ):
            for gap in gaps[:5]:
                heading = title[0] if lang == "de" else title[1]
                lines.append(f"- {heading}: {gap.kind.label(lang)} – {gap.explanation.text(lang)}")
        return "\n".join(lines) + "\n"


def _number(value: float, lang: Language) -> str:
    """Return a measure as the language writes it: ``0,032`` and ``1.204`` in German."""
    if math.isnan(value):
        return "–"
    if value.is_integer():
        return number(value, lang)
    return decimal(value, lang, places=3)


def headline_measures(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> dict[str, float]:
    """Return the headline measures of a network, as a comparison reports them.

    Parameters
    ----------
    network
        The network.
    rules
        The rules the coverage rates refer to; ``None`` means the default rules.
    as_of
        Measure the network as it stands on this day.

    Returns
    -------
    measures
        ``actors``, ``ties`` (pairs tied in the projection), ``density``,
        ``components``, ``largest_part_share``, ``ei_between_kinds`` (E-I index with
        actor kinds as groups), ``school_social_work_coverage`` (share of schools with a
        school social work placement), ``required_ties_met`` (share of subject-rule pairs
        without a finding), ``topic_coverage`` (share of municipality-topic cells
        covered) and ``needs_met`` (share of schools in need with a fitting measure);
        nan where there is nothing to measure.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> measures = headline_measures(musterkreis())
    >>> 0 < measures["school_social_work_coverage"] < 1
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    graph = analysis.graph
    nodes, edges = len(graph.nodes), graph.number_of_edges()
    labels = analysis.components
    report = find_gaps(network, analysis.rules, as_of=analysis.as_of)
    simple = metrics.ArrayGraph(nodes=graph.nodes, indptr=graph.indptr, indices=graph.indices)
    kinds = {actor.id: actor.kind.value for actor in analysis.actors}
    return {
        "actors": float(nodes),
        "ties": float(edges),
        "density": 2 * edges / (nodes * (nodes - 1)) if nodes > 1 else math.nan,
        "components": float(len(set(labels.tolist()))) if nodes else 0.0,
        "largest_part_share": (max(list(_counts(labels.tolist()).values())) / nodes)
        if nodes
        else math.nan,
        "ei_between_kinds": metrics.ei_index(simple, kinds) if edges else math.nan,
        "school_social_work_coverage": _social_work_coverage(analysis),
        "required_ties_met": _required_met(analysis, report),
        "topic_coverage": _topic_coverage(analysis, report),
        "needs_met": _needs_met(analysis, report),
    }


def _counts(values: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def _flagged(report: GapReport, rule_id: str) -> set[str]:
    """Return the actors a rule's findings are about (their first actor)."""
    return {gap.actors[0] for gap in report.gaps if gap.rule == rule_id and gap.actors}


def _social_work_coverage(analysis: Analysis) -> float:
    # Counted straight from the ties, so the measure means the same under any rule set
    # and is 0, not "no finding", when the data hold no school social work at all.
    network = analysis.network
    schools = network.actors_of(ActorKind.SCHOOL)
    if not schools:
        return math.nan
    covered = sum(
        any(
            tie.kind is CooperationKind.PLACEMENT
            and network.actor(tie.other(school.id)).kind is ActorKind.SCHOOL_SOCIAL_WORK
            for tie in network.ties_of(school.id)
        )
        for school in schools
    )
    return covered / len(schools)


def _required_met(analysis: Analysis, report: GapReport) -> float:
    pairs = met = 0
    for rule in analysis.rules.of_type(RequiredTie):
        subjects = {actor.id for actor in analysis.matching(rule.subject)}
        if not subjects or not analysis.mask(rule.partner).any():
            continue
        pairs += len(subjects)
        met += len(subjects - _flagged(report, rule.id))
    return met / pairs if pairs else math.nan


def _topic_coverage(analysis: Analysis, report: GapReport) -> float:
    municipalities = {
        actor.municipality
        for actor in analysis.network.actors_of(ActorKind.SCHOOL)
        if actor.municipality is not None
    }
    rules = [r for r in analysis.rules.of_type(RequiredCoverage) if r.per == "municipality"]
    cells = len(municipalities) * len(rules)
    if not cells or not analysis.network.interventions:
        return math.nan
    uncovered = sum(
        1
        for gap in report.gaps
        if gap.kind is GapKind.UNCOVERED_TOPIC and gap.rule in {r.id for r in rules}
    )
    return 1 - uncovered / cells


def _needs_met(analysis: Analysis, report: GapReport) -> float:
    in_need: set[tuple[str, str]] = set()
    for rule in analysis.rules.of_type(NeedCoverage):
        for school in analysis.matching(rule.subject):
            value = None if school.school is None else getattr(school.school, rule.indicator)
            if value is not None and value >= rule.threshold:
                in_need.add((rule.id, school.id))
    if not in_need:
        return math.nan
    unmet = {(gap.rule, gap.actors[0]) for gap in report.gaps if gap.kind is GapKind.UNMET_NEED}
    return 1 - len(in_need & unmet) / len(in_need)


def compare(
    before: EducationNetwork,
    after: EducationNetwork,
    rules: RuleSet | None = None,
    *,
    as_of_before: DayLike | None = None,
    as_of_after: DayLike | None = None,
) -> Comparison:
    """Compare two states of a network: the findings that closed or opened, the measures.

    Use it to evaluate an intervention (the network before and after new ties) or a
    funding decision (the network now and after the programme ends).

    Parameters
    ----------
    before, after
        The two networks (often the same network ``as_of`` two days).
    rules
        The rules both are judged by; ``None`` means the default rules.
    as_of_before, as_of_after
        The days to judge each on (their ``reference_date`` by default).

    Returns
    -------
    comparison
        ``diff`` (``opened``, ``closed``, ``unchanged``) and ``measures`` (each headline
        measure before and after), with :meth:`Comparison.to_text`.

    Examples
    --------
    >>> from datetime import date
    >>> from bildungsnetz.datasets import musterkreis
    >>> network = musterkreis()
    >>> result = compare(network, network.as_of(date(2028, 8, 1)))
    >>> [m.name for m in result.measures][:3]
    ['actors', 'ties', 'density']
    """
    first = find_gaps(before, rules, as_of=as_of_before)
    second = find_gaps(after, rules, as_of=as_of_after)
    old = headline_measures(before, rules, as_of=as_of_before)
    new = headline_measures(after, rules, as_of=as_of_after)
    return Comparison(
        before=before.name,
        after=after.name,
        diff=first.diff(second),
        measures=tuple(MeasureChange(name=name, before=old[name], after=new[name]) for name in old),
    )
