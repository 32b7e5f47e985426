"""How a gap report shows itself: a one-line repr, a short text and a Jupyter view.

The full report is :meth:`GapReport.to_markdown` (or ``to_html``); these are what a person
sees first when a report is the last line of a cell or printed: the counts and the first
findings, with a pointer to the rest.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from bildungsnetz._format import day, number
from bildungsnetz._repr import clipped
from bildungsnetz._templates import render_or_none
from bildungsnetz.gaps.gap import GapKind

if TYPE_CHECKING:
    from bildungsnetz.gaps.report import GapReport
    from bildungsnetz.model import Language, Severity

__all__ = ["FINDINGS_SHOWN", "report_lines", "report_repr", "report_view"]

FINDINGS_SHOWN = 10
"""The findings the Jupyter view of a report lists; the text lists half as many."""

_NAMES_SHOWN = 3

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Lücken im Netzwerk", "Gaps in the network"),
    "as_of": ("Stand", "as of"),
    "rules": ("Regeln", "Rules"),
    "findings": ("Befunde", "findings"),
    "horizon": ("Vorschau {days} Tage", "horizon {days} days"),
    "by_severity": ("Nach Schwere", "By severity"),
    "by_kind": ("Nach Art", "By kind"),
    "first": ("Die ersten {count} Befunde", "The first {count} findings"),
    "more": ("+{count} weitere", "+{count} more"),
    "rest": (
        "… {count} weitere Befunde: report.to_markdown() zeigt alle.",
        "… {count} more findings: report.to_markdown() shows all.",
    ),
    "none": ("Keine Lücken gefunden.", "No gaps found."),
}


def _word(key: str, lang: Language) -> str:
    german, english = _WORDS[key]
    return german if lang == "de" else english


def report_repr(report: GapReport) -> str:
    """Return ``<GapReport 'Musterkreis' as of 2025-11-01: 119 findings (2 critical, …)>``."""
    as_of = "" if report.as_of is None else f" as of {report.as_of.isoformat()}"
    counts = _severities(report)
    found = f"{len(report)} finding{'' if len(report) == 1 else 's'}"
    if counts:
        found += " (" + ", ".join(f"{n} {severity.value}" for severity, n in counts) + ")"
    return f"<GapReport {clipped(report.network)}{as_of}: {found}>"


def report_lines(report: GapReport, lang: Language) -> list[str]:
    """Return a short text of the report: heading, counts, the first findings.

    At most 21 kinds and five findings: never more than 36 lines.
    """
    lines = [f"{_word('title', lang)} {report.network}", _heading(report, lang)]
    if not report.gaps:
        return [*lines, "", _word("none", lang)]
    severities = ", ".join(
        f"{number(n, lang)} {severity.label(lang)}" for severity, n in _severities(report)
    )
    lines += ["", f"{_word('by_severity', lang)}: {severities}", f"{_word('by_kind', lang)}:"]
    width = len(number(len(report), lang))
    lines += [f"  {number(n, lang):>{width}}  {kind.label(lang)}" for kind, n in _kinds(report)]
    shown = report.gaps[: FINDINGS_SHOWN // 2]
    lines += ["", _word("first", lang).format(count=len(shown)) + ":"]
    for position, gap in enumerate(shown, start=1):
        line = f"  {position}. {gap.severity.label(lang)} – {gap.kind.label(lang)}"
        if gap.actors:
            line += f" – {_actors(report, gap.actors, lang)}"
        lines.append(line)
    if len(report) > len(shown):
        lines.append(_word("rest", lang).format(count=number(len(report) - len(shown), lang)))
    return lines


def report_view(report: GapReport, lang: Language) -> str | None:
    """Return the Jupyter view of the report, or ``None`` without Jinja2."""
    return render_or_none("view_report.html.j2", **_view_context(report, lang))


def _view_context(report: GapReport, lang: Language) -> dict[str, Any]:
    severities = [severity for severity, _ in _severities(report)]
    cells = Counter((gap.kind, gap.severity) for gap in report.gaps)
    return {
        "lang": lang,
        "title": f"{_word('title', lang)} {report.network}",
        "heading": _heading(report, lang),
        "severities": severities,
        "severity_totals": dict(_severities(report)),
        "kinds": [
            {
                "label": kind.label(lang),
                "counts": [cells[kind, severity] for severity in severities],
                "total": total,
            }
            for kind, total in _kinds(report)
        ],
        "total": len(report),
        "findings": [
            {
                "severity": gap.severity,
                "kind": gap.kind.label(lang),
                "actors": [report.names.get(a, a) for a in gap.actors[:_NAMES_SHOWN]],
                "more": max(0, len(gap.actors) - _NAMES_SHOWN),
                "explanation": gap.explanation.text(lang),
            }
            for gap in report.gaps[:FINDINGS_SHOWN]
        ],
        "hidden": max(0, len(report) - FINDINGS_SHOWN),
    }


def _actors(report: GapReport, actors: tuple[str, ...], lang: Language) -> str:
    """Return the first names and how many more: ``A, B, C +22 weitere``."""
    shown = ", ".join(report.names.get(actor, actor) for actor in actors[:_NAMES_SHOWN])
    more = len(actors) - _NAMES_SHOWN
    if more > 0:
        shown += " " + _word("more", lang).format(count=number(more, lang))
    return shown


def _heading(report: GapReport, lang: Language) -> str:
    parts = [
        f"{_word('rules', lang)}: {report.rules}",
        f"{number(len(report), lang)} {_word('findings', lang)}",
    ]
    if report.as_of is not None:
        parts.insert(0, f"{_word('as_of', lang)} {day(report.as_of, lang)}")
    if report.horizon_days is not None:
        parts.append(_word("horizon", lang).format(days=number(report.horizon_days, lang)))
    return " · ".join(parts)


def _severities(report: GapReport) -> list[tuple[Severity, int]]:
    """Return the number of findings per severity, most severe first, those present."""
    counts = Counter(gap.severity for gap in report.gaps)
    return [(s, counts[s]) for s in sorted(counts, key=lambda s: -s.rank)]


def _kinds(report: GapReport) -> list[tuple[GapKind, int]]:
    """Return the number of findings per kind, in the order of :class:`GapKind`."""
    counts = Counter(gap.kind for gap in report.gaps)
    return [(kind, counts[kind]) for kind in GapKind if counts[kind]]
