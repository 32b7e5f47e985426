"""The HTML report as a document: what its templates lay out, computed from report and network.

:meth:`GapReport.to_html` hands over the findings as the printed report groups them
(:class:`FindingItem`); this module adds the overview and, with the network, the key
figures, the map and funding timeline (``_report_graphics``) and one page per school
(``_report_schools``), and renders the templates ``report*.j2``. Everything here is data
(texts, numbers, coordinates); the templates write the HTML and escape every text in it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bildungsnetz._format import number, percent
from bildungsnetz._templates import render
from bildungsnetz.gaps._report_graphics import map_view, timeline_view
from bildungsnetz.gaps._report_schools import by_name, school_pages
from bildungsnetz.gaps.gap import GapKind
from bildungsnetz.gaps.overview import endings, key_figures, school_coverage
from bildungsnetz.model import Severity
from bildungsnetz.privacy import SUPPRESSED

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bildungsnetz.gaps.gap import Gap
    from bildungsnetz.gaps.report import GapReport
    from bildungsnetz.model import EducationNetwork, Language
    from bildungsnetz.privacy import DisclosurePolicy

__all__ = ["FindingItem", "SuggestionLine", "render_page"]

_FEATURE = "GapReport.to_html()"

_WORDS: dict[str, dict[Language, str]] = {
    "report": {"de": "Bericht", "en": "Report"},
    "header_as_of": {"de": "Stand", "en": "As of"},
    "header_horizon": {"de": "Vorschau", "en": "Horizon"},
    "contents": {"de": "Inhalt", "en": "Contents"},
    "overview": {"de": "Überblick", "en": "Overview"},
    "key_figures": {"de": "Kennzahlen", "en": "Key figures"},
    "findings_heading": {"de": "Befunde", "en": "Findings"},
    "by_severity_and_kind": {
        "de": "Befunde nach Schwere und Art",
        "en": "Findings by severity and kind",
    },
    "actors_total": {"de": "Akteure", "en": "Actors"},
    "schools": {"de": "Schulen", "en": "Schools"},
    "with_ssa": {"de": "mit Schulsozialarbeit", "en": "with school social work"},
    "without_ssa": {"de": "ohne Schulsozialarbeit", "en": "without school social work"},
    "cooperations": {"de": "Kooperationen", "en": "Cooperations"},
    "confirmed": {"de": "beidseitig bestätigt", "en": "confirmed by both sides"},
    "forums": {"de": "Gremien", "en": "Forums"},
    "interventions": {"de": "Maßnahmen", "en": "Interventions"},
    "programmes": {"de": "Förderprogramme", "en": "Programmes"},
    "of": {"de": "von", "en": "of"},
    "ending_programmes": {"de": "Förderprogramme", "en": "Programmes"},
    "ending_actors": {"de": "Akteure", "en": "Actors"},
    "ending_cooperations": {"de": "Kooperationen", "en": "Cooperations"},
    "ending_forums": {"de": "Gremien", "en": "Forums"},
    "ending_interventions": {"de": "Maßnahmen", "en": "Interventions"},
    "without_network": {
        "de": "Ohne die Netzwerkdaten zeigt dieser Bericht nur die Befunde: Kennzahlen, Karte, "
        "Förderzeitachse und Schulprofile fehlen.",
        "en": "Without the network's data this report shows the findings only: key figures, "
        "map, funding timeline and school profiles are left out.",
    },
    "map": {"de": "Karte der Schulen", "en": "Map of the schools"},
    "map_intro": {
        "de": "Jede Schule mit Koordinaten als Punkt: gefüllt mit, Ring ohne "
        "Schulsozialarbeit; je größer, desto schwerer ihr schwerster Befund.",
        "en": "Each school with coordinates as a point: filled with, a ring without school "
        "social work; the larger, the more severe its worst finding.",
    },
    "legend": {"de": "Legende", "en": "Legend"},
    "worst": {"de": "schwerster Befund", "en": "worst finding"},
    "no_finding": {"de": "kein Befund", "en": "no finding"},
    "unlocated": {"de": "Schulen ohne Koordinaten", "en": "Schools without coordinates"},
    "no_located": {
        "de": "Keine Schule hat Koordinaten; die Karte entfällt.",
        "en": "No school has coordinates, so there is no map.",
    },
    "timeline": {"de": "Förderzeitachse", "en": "Funding timeline"},
    "timeline_intro": {
        "de": "Was nach dem Stichtag endet, weil seine Laufzeit oder das Geld endet, auf "
        "dem es ruht: je letztem Tag die Zahl der Datensätze.",
        "en": "What ends after the reference day, because its period or the money it rests "
        "on ends: the number of records by last day.",
    },
    "nothing_ends": {
        "de": "Im betrachteten Zeitraum endet nichts.",
        "en": "Nothing ends within the period looked at.",
    },
    "last_day": {"de": "Letzter Tag", "en": "Last day"},
    "what_ends": {"de": "Was endet", "en": "What ends"},
    "cause": {"de": "Ursache", "en": "Cause"},
    "ends_with": {"de": "Ende von {names}", "en": "end of {names}"},
    "own_period": {"de": "Ende der eigenen Laufzeit", "en": "end of its own period"},
    "school_pages": {"de": "Schulprofile", "en": "School profiles"},
    "form": {"de": "Schulform", "en": "School form"},
    "pupils": {"de": "Schüler:innen", "en": "Pupils"},
    "unknown": {"de": "nicht erfasst", "en": "not recorded"},
    "ssa": {"de": "Schulsozialarbeit", "en": "School social work"},
    "yes": {"de": "ja", "en": "yes"},
    "no": {"de": "nein", "en": "no"},
    "partner": {"de": "Partner", "en": "Partner"},
    "partner_kind": {"de": "Art des Partners", "en": "Partner's kind"},
    "tie_kind": {"de": "Art der Kooperation", "en": "Kind of cooperation"},
    "until": {"de": "bis", "en": "until"},
    "no_ties": {"de": "Keine Kooperationen erfasst.", "en": "No cooperations recorded."},
    "no_school_findings": {"de": "Keine Befunde.", "en": "No findings."},
    "transitions": {"de": "Übergänge", "en": "Transitions"},
    "school_year": {"de": "Schuljahr", "en": "School year"},
    "direction": {"de": "Richtung", "en": "Direction"},
    "incoming": {"de": "von", "en": "from"},
    "outgoing": {"de": "nach", "en": "to"},
    "institution": {"de": "Einrichtung", "en": "Institution"},
    "transition": {"de": "Übergang", "en": "Transition"},
    "total": {"de": "insgesamt", "en": "total"},
    "no_transitions": {"de": "Keine Übergänge erfasst.", "en": "No transitions recorded."},
    "withheld": {
        "de": "„{mark}“: Zahl gesperrt, um Einzelne zu schützen (unter {threshold} "
        "Schüler:innen, oder weil sie mit einer Summe eine solche Zahl verriete).",
        "en": "“{mark}”: count withheld to protect individuals (fewer than {threshold} "
        "pupils, or a count that would reveal one with a total).",
    },
    "finding_link": {"de": "Befund {number}", "en": "Finding {number}"},
    "all_schools": {"de": "Alle Schulen", "en": "All schools"},
}

_MOST_PLACES = 3


@dataclass(frozen=True)
class SuggestionLine:
    """A verified suggestion as the report words it: what changes, why, what it closes."""

    title: str
    reason: str
    closes: str


@dataclass(frozen=True)
class FindingItem:
    """One item of the report: a finding, or findings the printed report groups into one."""

    position: int
    gaps: tuple[Gap, ...]
    kind: str
    severity: Severity
    severity_label: str
    actors: str
    explanation: str
    example: bool
    evidence: tuple[str, ...]
    suggestions: tuple[SuggestionLine, ...]

    @property
    def anchor(self) -> str:
        """The id of the item in the document."""
        return f"finding-{self.position}"


def render_page(
    report: GapReport,
    items: list[FindingItem],
    *,
    lang: Language,
    words: Mapping[str, str],
    network: EducationNetwork | None,
    policy: DisclosurePolicy,
) -> str:
    """Return the whole HTML document of a report, with the network's pages if given."""
    said = {**words, **{key: value[lang] for key, value in _WORDS.items()}}
    context: dict[str, Any] = {
        "lang": lang,
        "words": said,
        "report": report,
        "items": items,
        "counts": _count_rows(report, lang),
        "severities": _severity_counts(report, lang),
        "figures": None,
        "shares": {},
        "map": None,
        "unlocated": (),
        "timeline": None,
        "schools": None,
        "suppressed": SUPPRESSED,
        "withheld": "",
    }
    if network is not None:
        context |= _network_parts(report, items, network, lang=lang, words=said, policy=policy)
    return render("report.html.j2", feature=_FEATURE, **context)


def _network_parts(
    report: GapReport,
    items: list[FindingItem],
    network: EducationNetwork,
    *,
    lang: Language,
    words: Mapping[str, str],
    policy: DisclosurePolicy,
) -> dict[str, Any]:
    coverage = school_coverage(network, report, as_of=report.as_of)
    anchors = {
        school.actor: f"school-{position}"
        for position, school in enumerate(by_name(coverage), start=1)
    }
    ended = endings(network, as_of=report.as_of, horizon=report.horizon_days or None)
    figures = key_figures(network, as_of=report.as_of)
    return {
        "figures": figures,
        "shares": {
            "school_social_work": _share(
                figures.schools_with_school_social_work, figures.schools, lang
            ),
            "confirmed": _share(figures.confirmed_cooperations, figures.cooperations, lang),
        },
        "map": map_view(coverage, anchors, lang=lang, words=words),
        "unlocated": tuple(
            (anchors[school.actor], school.name)
            for school in by_name(coverage)
            if school.location is None
        ),
        "timeline": timeline_view(ended, network, words=words),
        "schools": school_pages(
            report, items, network, coverage, anchors, lang=lang, words=words, policy=policy
        ),
        "withheld": words["withheld"].format(mark=SUPPRESSED, threshold=policy.threshold),
    }


# -- overview -------------------------------------------------------------------------------


def _count_rows(report: GapReport, lang: Language) -> list[tuple[str, str, str, int]]:
    """Return the rows of the count table: as the Markdown report orders them."""
    counts: dict[tuple[Severity, GapKind], int] = defaultdict(int)
    for gap in report.gaps:
        counts[gap.severity, gap.kind] += 1
    kinds = {kind: position for position, kind in enumerate(GapKind)}
    return [
        (severity.value, severity.label(lang), kind.label(lang), count)
        for (severity, kind), count in sorted(
            counts.items(), key=lambda item: (-item[0][0].rank, kinds[item[0][1]])
        )
    ]


def _share(part: int, whole: int, lang: Language) -> str:
    """Return a share as a percentage, with decimals where whole ones would say none or all."""
    if not whole:
        return "–"
    text = percent(part / whole, lang)
    extremes = {percent(0, lang), percent(1, lang)}
    places = 1
    while 0 < part < whole and text in extremes and places <= _MOST_PLACES:
        # 2,116 of 2,122 are not all of them: "99,7 %", not "100 %".
        digits = number(100 * part / whole, lang, places=places)
        text = f"{digits} %" if lang == "de" else f"{digits}%"
        places += 1
    return text


def _severity_counts(report: GapReport, lang: Language) -> list[tuple[str, str, int]]:
    counts = dict.fromkeys(Severity, 0)
    for gap in report.gaps:
        counts[gap.severity] += 1
    return [
        (severity.value, severity.label(lang), counts[severity])
        for severity in sorted(Severity, reverse=True)
    ]
