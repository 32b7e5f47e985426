"""The gap report: every finding of every detector, ranked, comparable and printable.

Examples
--------
>>> from bildungsnetz import find_gaps
>>> from bildungsnetz.datasets import musterkreis
>>> report = find_gaps(musterkreis())
>>> report.network
'Musterkreis'
>>> len(report.filter(min_severity="critical")) <= len(report)
True
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from bildungsnetz._format import day as format_day
from bildungsnetz._markdown import escape as _escape_markdown
from bildungsnetz._optional import require
from bildungsnetz.gaps._report_page import FindingItem, SuggestionLine, render_page
from bildungsnetz.gaps._text import number
from bildungsnetz.gaps._views import report_lines, report_repr, report_view
from bildungsnetz.gaps.gap import (
    AnySuggestion,
    Gap,
    GapKind,
    ReadOnlyMapping,
    SuggestedMeasure,
    SuggestedPlacement,
)
from bildungsnetz.model import Language, Severity
from bildungsnetz.privacy import DEFAULT_POLICY, DisclosurePolicy

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    import pandas as pd

    from bildungsnetz.model import EducationNetwork

__all__ = ["GapDiff", "GapReport"]

_FORMAT = "bildungsnetz-gaps"

_WORDS: dict[str, dict[Language, str]] = {
    "title": {"de": "Lücken im Netzwerk", "en": "Gaps in the network"},
    "as_of": {"de": "Stand", "en": "as of"},
    "rules": {"de": "Regeln", "en": "Rules"},
    "findings": {"de": "Befunde", "en": "findings"},
    "none": {"de": "Keine Lücken gefunden.", "en": "No gaps found."},
    "kind": {"de": "Art", "en": "Kind"},
    "severity": {"de": "Schwere", "en": "Severity"},
    "count": {"de": "Anzahl", "en": "Count"},
    "actors": {"de": "Beteiligte", "en": "Actors"},
    "explanation": {"de": "Erläuterung", "en": "Explanation"},
    "suggestions": {"de": "Vorschläge", "en": "Suggestions"},
    "evidence": {"de": "Belege", "en": "Evidence"},
    "plus_more": {"de": "+{count} weitere", "en": "+{count} more"},
    "closes": {"de": "Schließt {count} Befunde.", "en": "Closes {count} findings."},
    "also_at": {"de": "{measure} auch an {site}", "en": "{measure} also at {site}"},
    "more": {"de": "weitere Befunde", "en": "more findings"},
    "horizon": {"de": "Vorschau", "en": "horizon"},
    "example": {"de": "Zum Beispiel", "en": "For example"},
    "days": {"de": "Tage", "en": "days"},
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


class GapDiff(_Frozen):
    """What changed between two reports, finding by finding (by stable id).

    Parameters
    ----------
    opened
        Findings of the later report that the earlier one did not have.
    closed
        Findings of the earlier report that the later one no longer has.
    unchanged
        Findings in both (as the later report has them).

    Examples
    --------
    >>> from bildungsnetz import find_gaps
    >>> from bildungsnetz.datasets import musterkreis
    >>> report = find_gaps(musterkreis())
    >>> diff = report.diff(report)
    >>> (len(diff.opened), len(diff.closed), len(diff.unchanged) == len(report))
    (0, 0, True)
    """

    opened: tuple[Gap, ...] = ()
    closed: tuple[Gap, ...] = ()
    unchanged: tuple[Gap, ...] = ()

    def __repr__(self) -> str:
        """Return one line: how many findings opened, closed and stayed.

        Examples
        --------
        >>> GapDiff()
        <GapDiff: 0 opened, 0 closed, 0 unchanged>
        """
        return (
            f"<GapDiff: {len(self.opened)} opened, {len(self.closed)} closed, "
            f"{len(self.unchanged)} unchanged>"
        )

    __str__ = __repr__


class GapReport(_Frozen):
    """The ranked findings of :func:`~bildungsnetz.gaps.find_gaps` for one network.

    Findings are ordered most severe first, then by kind, larger score first, actors and
    id; the same input always gives the same report, byte for byte.

    Parameters
    ----------
    network
        The network's name.
    as_of
        The day the network was judged on: the one given, else the network's
        ``reference_date``, else ``None`` (every record counted).
    horizon_days
        How far ahead expiring ties and funding were looked for, if at all.
    rules
        The rule set's name.
    gaps
        The findings, in report order.
    names
        Display names of every actor, forum and measure the findings or their
        suggestions mention, by id.
    params
        How the report was made.

    Examples
    --------
    >>> from bildungsnetz import find_gaps
    >>> from bildungsnetz.datasets import musterkreis
    >>> report = find_gaps(musterkreis())
    >>> report.gaps[0].severity >= report.gaps[-1].severity
    True
    """

    network: str
    as_of: date | None = None
    horizon_days: int | None = None
    rules: str
    gaps: tuple[Gap, ...] = ()
    names: ReadOnlyMapping = Field(default_factory=dict)
    params: ReadOnlyMapping = Field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.gaps)

    def __iter__(self) -> Iterator[Gap]:  # type: ignore[override]
        return iter(self.gaps)

    def __getitem__(self, position: int) -> Gap:
        return self.gaps[position]

    def __hash__(self) -> int:
        return hash((self.network, self.as_of, tuple(gap.id for gap in self.gaps)))

    def __repr__(self) -> str:
        """Return one line: the network, the day and the findings by severity.

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> find_gaps(musterkreis())  # doctest: +ELLIPSIS
        <GapReport 'Musterkreis' as of 2025-11-01: ... findings (... critical, ... high, ...)>
        """
        return report_repr(self)

    def __str__(self) -> str:
        """Return a short German summary: counts by severity and kind, the first findings.

        The whole report is :meth:`to_markdown`; this is what ``print(report)`` shows.
        """
        return "\n".join(report_lines(self, "de"))

    # -- selecting ---------------------------------------------------------------------

    def filter(
        self,
        *,
        kind: GapKind | str | Iterable[GapKind | str] | None = None,
        min_severity: Severity | str | None = None,
        actor: str | None = None,
        rule: str | None = None,
    ) -> GapReport:
        """Return a report with only the findings that match every criterion given.

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> report = find_gaps(musterkreis())
        >>> {gap.kind.value for gap in report.filter(kind="cut_actor")} <= {"cut_actor"}
        True
        """
        kinds = _kinds(kind)
        floor = None if min_severity is None else Severity(min_severity)
        kept = tuple(
            gap
            for gap in self.gaps
            if (kinds is None or gap.kind in kinds)
            and (floor is None or gap.severity >= floor)
            and (actor is None or actor in gap.actors)
            and (rule is None or gap.rule == rule)
        )
        return self.model_copy(update={"gaps": kept})

    def by_actor(self) -> dict[str, tuple[Gap, ...]]:
        """Return the findings by the actors they concern (an actor id -> its findings).

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> per_actor = find_gaps(musterkreis()).by_actor()
        >>> all(gaps for gaps in per_actor.values())
        True
        """
        found: dict[str, list[Gap]] = defaultdict(list)
        for gap in self.gaps:
            for actor in dict.fromkeys(gap.actors):
                found[actor].append(gap)
        return {actor: tuple(found[actor]) for actor in sorted(found)}

    def diff(self, other: GapReport) -> GapDiff:
        """Compare with a later report: which findings opened, closed or stayed.

        ``before.diff(after)`` evaluates an intervention or a funding decision: closed
        findings are what it achieved, opened ones what it cost.
        """
        before = {gap.id: gap for gap in self.gaps}
        after = {gap.id: gap for gap in other.gaps}
        return GapDiff(
            opened=tuple(gap for gap in other.gaps if gap.id not in before),
            closed=tuple(gap for gap in self.gaps if gap.id not in after),
            unchanged=tuple(gap for gap in other.gaps if gap.id in before),
        )

    def suggestions(self) -> tuple[AnySuggestion, ...]:
        """Return every suggestion once, those that close most findings first.

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> best = find_gaps(musterkreis()).suggestions()[0]
        >>> len(best.closes) >= 1
        True
        """
        unique: dict[tuple[str, ...], AnySuggestion] = {}
        for gap in self.gaps:
            for suggestion in gap.suggestions:
                known = unique.get(suggestion.key)
                # A step listed under one finding may close another: keep the closing form.
                if known is None or (known.remaining, -known.plausibility) > (
                    suggestion.remaining,
                    -suggestion.plausibility,
                ):
                    unique[suggestion.key] = suggestion
        return tuple(sorted(unique.values(), key=_suggestion_order))

    def counts(self) -> dict[str, dict[str, int]]:
        """Return the number of findings by severity and by kind.

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> counts = find_gaps(musterkreis()).counts()
        >>> sorted(counts)
        ['kind', 'severity']
        """
        return {
            "severity": dict(Counter(gap.severity.value for gap in self.gaps)),
            "kind": dict(Counter(gap.kind.value for gap in self.gaps)),
        }

    # -- output ------------------------------------------------------------------------

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dictionary per finding, ready for JSON, CSV or a data frame.

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> record = find_gaps(musterkreis()).to_records()[0]
        >>> sorted(record)[:4]
        ['actor_names', 'actors', 'concern', 'details_de']
        """
        return [self._record(gap) for gap in self.gaps]

    def _record(self, gap: Gap) -> dict[str, Any]:
        return {
            "id": gap.id,
            "concern": gap.concern,
            "kind": gap.kind.value,
            "severity": gap.severity.value,
            "score": gap.score,
            "actors": list(gap.actors),
            "actor_names": [self.names.get(actor, actor) for actor in gap.actors],
            "rule": gap.rule,
            "evidence": dict(gap.evidence),
            "details_de": [line.de for line in gap.details],
            "details_en": [line.en for line in gap.details],
            "explanation_de": gap.explanation.de,
            "explanation_en": gap.explanation.en,
            "suggestions": [_suggestion_record(suggestion) for suggestion in gap.suggestions],
            "method": gap.method,
            "params": dict(gap.params),
        }

    def to_frame(self) -> pd.DataFrame:
        """Return the findings as a pandas DataFrame, one row per finding.

        Raises
        ------
        MissingDependencyError
            If pandas is not installed (``pip install "bildungsnetz[pandas]"``).

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> frame = find_gaps(musterkreis()).to_frame()
        >>> list(frame.columns[:3])
        ['id', 'concern', 'kind']
        """
        require("pandas", extra="pandas", feature="GapReport.to_frame()")
        import pandas as pd  # noqa: PLC0415 (optional: require() named its extra if missing)

        return pd.DataFrame.from_records(
            self.to_records(),
            columns=[
                "id",
                "concern",
                "kind",
                "severity",
                "score",
                "actors",
                "actor_names",
                "rule",
                "evidence",
                "details_de",
                "details_en",
                "explanation_de",
                "explanation_en",
                "suggestions",
                "method",
                "params",
            ],
        )

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the report as a JSON document (deterministic, ends with a newline).

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> import json
        >>> json.loads(find_gaps(musterkreis()).to_json())["format"]
        'bildungsnetz-gaps'
        """
        document = {
            "format": _FORMAT,
            "version": 2,
            "network": self.network,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "horizon_days": self.horizon_days,
            "rules": self.rules,
            "params": dict(self.params),
            "counts": self.counts(),
            "gaps": self.to_records(),
        }
        return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"

    def to_markdown(
        self, lang: Language = "de", *, limit: int | None = None, group: bool = True
    ) -> str:
        """Return the report as Markdown for people, in German or English.

        Each finding is an item of a numbered list: its title, its explanation, then its
        evidence and its suggestions as lists of their own, as any CommonMark renderer
        (Jupyter, GitHub) shows them. Numbers are written as the language writes them.

        Parameters
        ----------
        lang
            ``"de"`` or ``"en"``.
        limit
            Show at most this many items (all by default); the counts cover all.
        group
            Collapse findings that concern one actor each and share kind, rule and
            severity into a single item, when there are at least four of them (45 schools
            without school social work are one item, not 45). Its title names the first
            five actors and how many more; JSON, records and frames list every finding.

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> print(find_gaps(musterkreis()).to_markdown("en", limit=1))  # doctest: +ELLIPSIS
        # Gaps in the network Musterkreis
        ...
        1. **unmet need** (critical) – Sekundarschule Heidekrug
        <BLANKLINE>
           Sekundarschule Heidekrug is at 26% ...
        <BLANKLINE>
           Evidence:
        <BLANKLINE>
           - indicator: share of leavers without a qualification
           - value: 26%
           - threshold: 15%
        ...
        """
        lines = [
            f"# {_WORDS['title'][lang]} {_escape_markdown(self.network)}",
            "",
            self._heading(lang),
            "",
        ]
        if not self.gaps:
            return "\n".join([*lines, _WORDS["none"][lang], ""])
        lines.extend(self._count_table(lang))
        items = _grouped(self.gaps) if group else [[gap] for gap in self.gaps]
        shown = items if limit is None else items[:limit]
        for position, item in enumerate(shown, start=1):
            lines.extend(self._markdown_item(position, item, lang))
        hidden = sum(len(item) for item in items[len(shown) :])
        if hidden:
            lines.extend([f"… {number(hidden, lang)} {_WORDS['more'][lang]}", ""])
        return "\n".join(lines)

    def _markdown_item(self, position: int, gaps: list[Gap], lang: Language) -> list[str]:
        """Return one numbered item: title, explanation, evidence and suggestions.

        Continuation lines are indented by the width of the item's marker, so that
        CommonMark keeps them inside the item also from item 10 on.
        """
        marker = f"{position}. "
        indent = " " * len(marker)
        first = gaps[0]
        about = [g.actors[0] for g in gaps] if len(gaps) > 1 else list(first.actors)
        counted = f", {number(len(gaps), lang)} {_WORDS['findings'][lang]}" if len(gaps) > 1 else ""
        title = f"**{first.kind.label(lang)}** ({first.severity.label(lang)}{counted})"
        if about:
            title += f" – {self._actor_listing(about, lang, escape=_escape_markdown)}"
        text = _escape_markdown(first.explanation.text(lang))
        if len(gaps) > 1:
            text = f"{_WORDS['example'][lang]}: {text}"
        lines = [marker + title, "", indent + text, ""]
        if len(gaps) == 1:
            lines += self._sublist(
                indent, _WORDS["evidence"][lang], [d.text(lang) for d in first.details]
            )
        lines += self._sublist(
            indent,
            _WORDS["suggestions"][lang],
            [self._suggestion_line(s, lang) for s in first.suggestions],
            escaped=True,
        )
        return lines

    def _sublist(
        self, indent: str, heading: str, entries: list[str], *, escaped: bool = False
    ) -> list[str]:
        if not entries:
            return []
        shown = entries if escaped else [_escape_markdown(entry) for entry in entries]
        return [f"{indent}{heading}:", "", *(f"{indent}- {entry}" for entry in shown), ""]

    def _actor_listing(
        self, actors: list[str], lang: Language, *, escape: Callable[[str], str]
    ) -> str:
        """Return the first five names and how many more ("+40 weitere")."""
        shown = ", ".join(escape(self.names.get(a, a)) for a in actors[:_NAMES_SHOWN])
        more = len(actors) - _NAMES_SHOWN
        if more > 0:
            shown += f" {_WORDS['plus_more'][lang].format(count=number(more, lang))}"
        return shown

    def _suggestion_line(self, suggestion: AnySuggestion, lang: Language) -> str:
        """Return a suggestion as one list entry: what changes, why, what it closes."""
        line = (
            f"**{self._suggestion_title(suggestion, lang, escape=_escape_markdown)}** – "
            f"{_escape_markdown(suggestion.reason.text(lang))}"
        )
        closes = self._closes(suggestion, lang)
        return f"{line} {closes}" if closes else line

    def _heading(self, lang: Language) -> str:
        parts = [
            f"{_WORDS['rules'][lang]}: {_escape_markdown(self.rules)}",
            f"{number(len(self.gaps), lang)} {_WORDS['findings'][lang]}",
        ]
        if self.as_of is not None:
            day = format_day(self.as_of, lang)
            parts.insert(0, f"{_WORDS['as_of'][lang]} {day}")
        if self.horizon_days is not None:
            days = number(self.horizon_days, lang)
            parts.append(f"{_WORDS['horizon'][lang]} {days} {_WORDS['days'][lang]}")
        return " · ".join(parts)

    def _count_table(self, lang: Language) -> list[str]:
        counts = Counter((gap.severity, gap.kind) for gap in self.gaps)
        lines = [
            f"| {_WORDS['severity'][lang]} | {_WORDS['kind'][lang]} | {_WORDS['count'][lang]} |",
            "|---|---|---:|",
        ]
        for (severity, kind), count in sorted(
            counts.items(), key=lambda item: (-item[0][0].rank, list(GapKind).index(item[0][1]))
        ):
            lines.append(f"| {severity.label(lang)} | {kind.label(lang)} | {number(count, lang)} |")
        return [*lines, ""]

    def _suggestion_title(
        self, suggestion: AnySuggestion, lang: Language, *, escape: Callable[[str], str]
    ) -> str:
        """Return what a suggestion changes, in words, with names passed through ``escape``."""

        def name(actor: str) -> str:
            return escape(self.names.get(actor, actor))

        if isinstance(suggestion, SuggestedMeasure):
            measure = name(suggestion.intervention)
            return _WORDS["also_at"][lang].format(measure=measure, site=name(suggestion.site))
        pair = " ↔ ".join(name(actor) for actor in suggestion.actors)
        return f"{pair} ({suggestion.kind.label(lang)})"

    def to_html(
        self,
        lang: Language = "de",
        *,
        network: EducationNetwork | None = None,
        policy: DisclosurePolicy = DEFAULT_POLICY,
    ) -> str:
        """Return the report as one self-contained, printable HTML document.

        The document has a header with a table of contents, an overview (counts by
        severity and kind) and every finding as :meth:`to_markdown` groups and words it,
        with its evidence and verified suggestions. Given the network the report was made
        of, it adds the network's key figures, a map of the schools, the funding timeline
        and a profile page per school (its ties, findings and transitions). Styles are
        inline, nothing is loaded from elsewhere, and printing starts every school
        profile on a new page. Every user string is escaped; pupil counts are published
        as :mod:`bildungsnetz.privacy` allows.

        Parameters
        ----------
        lang
            ``"de"`` or ``"en"``.
        network
            The network the report was made of, for key figures, map, timeline and
            school profiles; without it the document has the findings only and says so.
        policy
            How the school profiles protect pupil counts (schools' sizes and transitions);
            pass the policy the report was made with.

        Raises
        ------
        MissingDependencyError
            If Jinja2 is not installed (``pip install "bildungsnetz[html]"``).

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> network = musterkreis()
        >>> page = find_gaps(network).to_html("en", network=network)
        >>> page.startswith("<!DOCTYPE html>"), '<html lang="en">' in page
        (True, True)
        >>> 'id="schools"' in page, 'id="schools"' in find_gaps(network).to_html("en")
        (True, False)
        """
        return render_page(
            self,
            self._finding_items(lang),
            lang=lang,
            words={key: words[lang] for key, words in _WORDS.items()},
            network=network,
            policy=policy,
        )

    def _finding_items(self, lang: Language) -> list[FindingItem]:
        """Return the items of the report as :meth:`to_markdown` lists them, unescaped."""
        items = []
        for position, gaps in enumerate(_grouped(self.gaps), start=1):
            first = gaps[0]
            about = [g.actors[0] for g in gaps] if len(gaps) > 1 else list(first.actors)
            items.append(
                FindingItem(
                    position=position,
                    gaps=tuple(gaps),
                    kind=first.kind.label(lang),
                    severity=first.severity,
                    severity_label=first.severity.label(lang),
                    actors=self._actor_listing(about, lang, escape=str) if about else "",
                    explanation=first.explanation.text(lang),
                    example=len(gaps) > 1,
                    evidence=tuple(d.text(lang) for d in first.details) if len(gaps) == 1 else (),
                    suggestions=tuple(
                        SuggestionLine(
                            title=self._suggestion_title(tip, lang, escape=str),
                            reason=tip.reason.text(lang),
                            closes=self._closes(tip, lang),
                        )
                        for tip in first.suggestions
                    ),
                )
            )
        return items

    def _closes(self, suggestion: AnySuggestion, lang: Language) -> str:
        """Return "Schließt 3 Befunde." for a suggestion that closes more than its own."""
        if len(suggestion.closes) <= 1:
            return ""
        return _WORDS["closes"][lang].format(count=number(len(suggestion.closes), lang))

    def _repr_html_(self) -> str | None:
        """Return the counts and the first findings for Jupyter (German), or ``None``.

        ``None`` without Jinja2, so that Jupyter shows the repr instead. The whole report
        is :meth:`to_html` or :meth:`to_markdown`.
        """
        return report_view(self, "de")


_GROUP_FROM = 4
_NAMES_SHOWN = 5


def _grouped(gaps: tuple[Gap, ...]) -> list[list[Gap]]:
    """Split the findings into the items of a printed report.

    Findings about one actor each that share kind, rule and severity become one item, at
    the place of the first of them, when there are at least four of them.
    """

    def key(gap: Gap) -> tuple[GapKind, str | None, Severity] | None:
        return (gap.kind, gap.rule, gap.severity) if len(gap.actors) == 1 else None

    sizes = Counter(key(gap) for gap in gaps)
    groups: dict[tuple[GapKind, str | None, Severity], list[Gap]] = {}
    items: list[list[Gap]] = []
    for gap in gaps:
        group_key = key(gap)
        if group_key is None or sizes[group_key] < _GROUP_FROM:
            items.append([gap])
        elif group_key in groups:
            groups[group_key].append(gap)
        else:
            groups[group_key] = [gap]
            items.append(groups[group_key])
    return items


def _kinds(kind: GapKind | str | Iterable[GapKind | str] | None) -> set[GapKind] | None:
    if kind is None:
        return None
    if isinstance(kind, str):
        return {GapKind(kind)}
    return {GapKind(value) for value in kind}


def _suggestion_order(suggestion: AnySuggestion) -> tuple[int, float, tuple[str, ...]]:
    return (-len(suggestion.closes), -suggestion.plausibility, suggestion.key)


def _suggestion_record(suggestion: AnySuggestion) -> dict[str, Any]:
    """Return a suggestion as plain data: its form, what it changes, what it closes."""
    record: dict[str, Any] = {"type": suggestion.type}
    if isinstance(suggestion, SuggestedMeasure):
        record |= {
            "intervention": suggestion.intervention,
            "site": suggestion.site,
            "providers": list(suggestion.providers),
        }
    else:
        record |= {
            "actors": list(suggestion.actors),
            "kind": suggestion.kind.value,
            "intensity": None if suggestion.intensity is None else suggestion.intensity.value,
        }
        if isinstance(suggestion, SuggestedPlacement):
            record["serves"] = list(suggestion.serves)
    return record | {
        "plausibility": suggestion.plausibility,
        "closes": list(suggestion.closes),
        "remaining": suggestion.remaining,
        "reason_de": suggestion.reason.de,
        "reason_en": suggestion.reason.en,
    }


def names_of(gaps: Iterable[Gap], lookup: Mapping[str, str]) -> dict[str, str]:
    """Return the display names of every actor, forum and measure the findings mention."""
    mentioned = {actor for gap in gaps for actor in gap.actors}
    mentioned |= {actor for gap in gaps for tip in gap.suggestions for actor in tip.actors}
    mentioned |= {
        tip.intervention
        for gap in gaps
        for tip in gap.suggestions
        if isinstance(tip, SuggestedMeasure)
    }
    return {actor: lookup.get(actor, actor) for actor in sorted(mentioned)}
