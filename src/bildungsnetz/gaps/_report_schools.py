"""The school profiles of the HTML report: each school's facts, findings, ties and transitions.

Pupil counts are published as :mod:`bildungsnetz.privacy` allows: a school's size through
:func:`~bildungsnetz.privacy.suppress`, its transitions through the protected transition
matrix of each school year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bildungsnetz._format import number
from bildungsnetz.gaps.overview import _snapshot
from bildungsnetz.gaps.transitions import _institution_labels, transition_matrix
from bildungsnetz.model import ActorKind
from bildungsnetz.privacy import SUPPRESSED, suppress

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from bildungsnetz.gaps._report_page import FindingItem
    from bildungsnetz.gaps.overview import SchoolCoverage
    from bildungsnetz.gaps.report import GapReport
    from bildungsnetz.gaps.table import Table
    from bildungsnetz.model import Actor, EducationNetwork, Language
    from bildungsnetz.privacy import DisclosurePolicy

__all__ = ["by_name", "school_pages"]


@dataclass(frozen=True)
class _SchoolFinding:
    anchor: str
    link: str
    kind: str
    severity: str
    severity_label: str
    explanation: str


@dataclass(frozen=True)
class _TieRow:
    partner: str
    partner_kind: str
    kind: str
    last_day: date | None


@dataclass(frozen=True)
class _FlowRow:
    school_year: str
    direction: str
    partner: str
    transitions: str
    pupils: int | None
    total: bool = False


@dataclass(frozen=True)
class _SchoolPage:
    anchor: str
    name: str
    form: str
    pupils: str
    school_social_work: bool
    findings: tuple[_SchoolFinding, ...]
    ties: tuple[_TieRow, ...]
    flows: tuple[_FlowRow, ...]


def by_name(schools: Iterable[SchoolCoverage]) -> list[SchoolCoverage]:
    """Return the schools in the order of their profiles: by name, then id."""
    return sorted(schools, key=lambda school: (school.name, school.actor))


def school_pages(
    report: GapReport,
    items: list[FindingItem],
    network: EducationNetwork,
    coverage: tuple[SchoolCoverage, ...],
    anchors: Mapping[str, str],
    *,
    lang: Language,
    words: Mapping[str, str],
    policy: DisclosurePolicy,
) -> tuple[_SchoolPage, ...]:
    """Return a profile per school, by name: its facts, findings, ties and transitions."""
    current, _ = _snapshot(network, report.as_of)
    findings = _findings_by_school(items, set(anchors), lang=lang, words=words)
    flows = _flows_by_school(current, set(anchors), lang=lang, words=words, policy=policy)
    pages = []
    for school in by_name(coverage):
        actor = current.actor(school.actor)
        assert actor.school is not None
        pupils = actor.school.pupils
        shown = None if pupils is None else suppress(pupils, policy=policy)
        pages.append(
            _SchoolPage(
                anchor=anchors[school.actor],
                name=school.name,
                form=school.form.label(lang),
                pupils=(
                    words["unknown"]
                    if pupils is None
                    else SUPPRESSED
                    if shown is None
                    else number(shown, lang)
                ),
                school_social_work=school.school_social_work,
                findings=tuple(findings.get(school.actor, ())),
                ties=_ties(current, actor, lang=lang),
                flows=tuple(flows.get(school.actor, ())),
            )
        )
    return tuple(pages)


def _findings_by_school(
    items: list[FindingItem], schools: set[str], *, lang: Language, words: Mapping[str, str]
) -> dict[str, list[_SchoolFinding]]:
    found: dict[str, list[_SchoolFinding]] = defaultdict(list)
    for item in items:
        for gap in item.gaps:
            for actor in dict.fromkeys(gap.actors):
                if actor in schools:
                    found[actor].append(
                        _SchoolFinding(
                            anchor=item.anchor,
                            link=words["finding_link"].format(number=item.position),
                            kind=item.kind,
                            severity=gap.severity.value,
                            severity_label=gap.severity.label(lang),
                            explanation=gap.explanation.text(lang),
                        )
                    )
    return found


def _ties(network: EducationNetwork, school: Actor, *, lang: Language) -> tuple[_TieRow, ...]:
    kinds = {kind: position for position, kind in enumerate(ActorKind)}
    rows = []
    for tie in network.ties_of(school.id):
        partner = network.actor(tie.other(school.id))
        rows.append(
            (
                (kinds[partner.kind], partner.name, tie.kind.value, tie.id),
                _TieRow(
                    partner=partner.name,
                    partner_kind=partner.kind.label(lang),
                    kind=tie.kind.label(lang),
                    last_day=tie.period.last_day,
                ),
            )
        )
    return tuple(row for _, row in sorted(rows, key=lambda pair: pair[0]))


def _flows_by_school(
    network: EducationNetwork,
    schools: set[str],
    *,
    lang: Language,
    words: Mapping[str, str],
    policy: DisclosurePolicy,
) -> dict[str, list[_FlowRow]]:
    """Return each school's flows in and out, newest school year first.

    The counts are those of the protected transition matrix of each year
    (:func:`~bildungsnetz.gaps.transition_matrix` by institution): small counts and the
    counts that would reveal them through a total are withheld, and the totals shown are
    the matrix's totals, so every school page shows the same numbers for the same flow.
    """
    kinds: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    for flow in network.flows:
        kinds[flow.year, flow.source, flow.target].add(flow.transition.label(lang))
    ends: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
    for year, source, target in kinds:
        ends[year, target].append(("incoming", source, target))
        ends[year, source].append(("outgoing", source, target))
    labels = _institution_labels(network)
    found: dict[str, list[_FlowRow]] = defaultdict(list)
    for year in sorted({year for year, _, _ in kinds}, reverse=True):
        year_of = _Year(
            year,
            transition_matrix(network, by="institution", year=year, policy=policy, lang=lang),
            labels,
            kinds,
        )
        for school in sorted(schools):
            found[school].extend(year_of.rows(network, school, ends[year, school], words=words))
    return found


@dataclass(frozen=True)
class _Year:
    """The flows of one school year, with the protected matrix that publishes them."""

    year: int
    table: Table
    labels: Mapping[str, str]
    kinds: Mapping[tuple[int, str, str], set[str]]

    def rows(
        self,
        network: EducationNetwork,
        school: str,
        ends: list[tuple[str, str, str]],
        *,
        words: Mapping[str, str],
    ) -> list[_FlowRow]:
        """Return the rows of one school: flows in and their total, flows out and theirs."""
        school_year = f"{self.year}/{(self.year + 1) % 100:02d}"
        rows: list[_FlowRow] = []
        for direction in ("incoming", "outgoing"):
            partners = sorted(
                (network.actor(source if direction == "incoming" else target).name, source, target)
                for way, source, target in ends
                if way == direction
            )
            rows.extend(
                _FlowRow(
                    school_year,
                    words[direction],
                    name,
                    ", ".join(sorted(self.kinds[self.year, source, target])),
                    self.table.cell(self.labels[source], self.labels[target]),
                )
                for name, source, target in partners
            )
            if partners:
                totals = (
                    self.table.column_totals if direction == "incoming" else self.table.row_totals
                )
                rows.append(
                    _FlowRow(
                        school_year,
                        words[direction],
                        words["total"],
                        "",
                        totals.get(self.labels[school]),
                        total=True,
                    )
                )
        return rows
