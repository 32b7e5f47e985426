"""Partner surveys: who names whom as a partner, read into cooperations for a person to check.

A network office asks its partners, often with LimeSurvey, whom they work with. The export
has one row per respondent and named partner: the kind of cooperation, its intensity, how
often they meet and since when. :func:`read_survey` matches the names to the actors of a
network, turns every pair of actors into one :class:`~bildungsnetz.Cooperation` and returns
a :class:`SurveyResult` that adds nothing by itself: it lists what was matched, what needs
a person's decision and who did not answer, and :meth:`SurveyResult.apply` adds the
cooperations when that person agrees.

Decisions, each visible in the result:

- **Names.** The exact id or name; else the normalised name (case, umlauts, punctuation,
  spacing and a trailing legal form such as ``e. V.`` or ``gGmbH`` folded); else a fuzzy
  candidate (similarity at least :data:`FUZZY_CUTOFF`), which is never taken but listed in
  :attr:`SurveyResult.review` until ``accept`` decides it. Names without a candidate are
  listed in :attr:`SurveyResult.unknown`. Rows with an unmatched name are left out.
- **Confirmed.** A tie both sides named is ``confirmed``; a tie one side named is not,
  whether or not the other side answered.
- **Differing answers.** One cooperation per pair: the kind that comes first in
  :class:`~bildungsnetz.CooperationKind` (its declared order runs from the most binding,
  *Einsatz an der Schule*, to *Sonstige Zusammenarbeit*), the stronger intensity, the
  earlier start. Each difference is listed in :attr:`SurveyResult.conflicts`. An empty kind
  is *Sonstige Zusammenarbeit*.
- **Frequency.** How often the partners meet goes into the description ("Häufigkeit laut
  Befragung: monatlich"): a cooperation has no field for it, and a meeting schedule needs a
  first meeting with its time of day, which a survey does not ask.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
>>> from bildungsnetz.io import read_survey
>>> result = read_survey(musterkreis_survey_path(), musterkreis())
>>> len(result.confirmed), len(result.one_sided), len(result.review), len(result.unknown)
(10, 21, 2, 2)
>>> result.non_respondents
('brafo', 'jh-weitblick', 'kjp', 'mia')
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from bildungsnetz._repr import clipped
from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.io._csv_text import csv_rows, decoded
from bildungsnetz.io._survey_names import (
    FUZZY_CUTOFF,
    Candidate,
    Match,
    NameMatcher,
    Stage,
    written,
)
from bildungsnetz.io._survey_report import survey_markdown
from bildungsnetz.io.cells import CellError, read_cell
from bildungsnetz.io.layout import Column, normalised
from bildungsnetz.io.tables import column_letter
from bildungsnetz.io.workbook import READABLE, workbook_grids
from bildungsnetz.model import (
    Actor,
    Cooperation,
    CooperationKind,
    EducationNetwork,
    Intensity,
    Period,
)
from bildungsnetz.model._characters import text_problem

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Mapping

    from bildungsnetz.io._csv_text import Encoding
    from bildungsnetz.model.enums import Language

__all__ = [
    "FUZZY_CUTOFF",
    "Answer",
    "Candidate",
    "Conflict",
    "NameMatch",
    "Question",
    "Role",
    "SurveyMapping",
    "SurveyResult",
    "Unmatched",
    "read_survey",
]

Role = Literal["respondent", "partner"]
"""Where a name stands in a survey: the answering actor, or a partner it names."""

Question = Literal["kind", "intensity", "frequency", "since"]
"""The questions a survey asks about each partner."""

Answer = CooperationKind | Intensity | date | str
"""An answer to one of the questions: a kind, an intensity, a day or a frequency."""

_MAX_ID_LENGTH = 128
# LimeSurvey writes the answer to a date question with the time of day, always midnight.
_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]00:00(?::00)?")
_KIND_ORDER = {kind: position for position, kind in enumerate(CooperationKind)}
_E = TypeVar("_E", CooperationKind, Intensity)


@dataclass(frozen=True)
class SurveyMapping:
    """Which column of the export holds which answer.

    Headers are compared with case, umlauts and spacing folded (``Intensitaet`` finds
    ``Intensität``). The defaults are the headers of the shipped example
    (:func:`bildungsnetz.datasets.musterkreis_survey_path`). ``None`` for a question the
    survey did not ask; other columns of the export are ignored.

    Parameters
    ----------
    respondent
        The answering actor: its name or id.
    partner
        The partner it names: a name or id. A row with an empty partner says that the
        respondent answered and named no partner.
    kind
        The kind of cooperation, as a German label (``Fallarbeit``) or value (``case_work``).
    intensity
        Its intensity (``Kenntnis``, ``Kooperation``, ``Koordination``, ``Integration``).
    frequency
        How often the partners meet, as free text (``monatlich``).
    since
        The day the cooperation started (``01.08.2019``, ``2019-08-01`` or LimeSurvey's
        ``2019-08-01 00:00:00``).

    Examples
    --------
    >>> mapping = SurveyMapping(respondent="Einrichtung", frequency=None)
    >>> mapping.columns()["respondent"], "frequency" in mapping.columns()
    ('Einrichtung', False)
    """

    respondent: str = "Ihre Einrichtung"
    partner: str = "Partnereinrichtung"
    kind: str | None = "Art der Zusammenarbeit"
    intensity: str | None = "Intensität"
    frequency: str | None = "Häufigkeit"
    since: str | None = "Zusammenarbeit seit"

    def columns(self) -> dict[str, str]:
        """Return the header of every column read, by the field that names it."""
        named = {
            "respondent": self.respondent,
            "partner": self.partner,
            "kind": self.kind,
            "intensity": self.intensity,
            "frequency": self.frequency,
            "since": self.since,
        }
        return {key: header for key, header in named.items() if header is not None}


@dataclass(frozen=True)
class NameMatch:
    """A name matched to an actor: how, and in which rows it stands.

    Examples
    --------
    >>> NameMatch("Brücke Jugendhilfe GmbH", "partner", "jh-bruecke", "normalised", (2,)).stage
    'normalised'
    """

    name: str
    role: Role
    actor: str
    stage: Stage
    rows: tuple[int, ...]


@dataclass(frozen=True)
class Unmatched:
    """A name matched to no actor, with the candidates a person may choose from.

    Examples
    --------
    >>> Unmatched("Sprachcafé Lindenau", "partner", (29,)).candidates
    ()
    """

    name: str
    role: Role
    rows: tuple[int, ...]
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Conflict:
    """Two answers about one pair of actors that differ, and the one kept.

    Parameters
    ----------
    actors
        The pair, in id order.
    question
        The question answered differently.
    answers
        Each respondent's answer, by respondent id.
    kept
        The answer the cooperation holds; ``None`` for the frequency, whose answers the
        description keeps side by side.
    rows
        The rows of the answers.

    Examples
    --------
    >>> from bildungsnetz import Intensity
    >>> conflict = Conflict(("ja", "jh-bruecke"), "intensity",
    ...                     (("ja", Intensity.COORDINATION), ("jh-bruecke", Intensity.INTEGRATION)),
    ...                     Intensity.INTEGRATION, (2, 15))
    >>> conflict.kept.label()
    'Integration'
    """

    actors: tuple[str, str]
    question: Question
    answers: tuple[tuple[str, Answer], ...]
    kept: Answer | None
    rows: tuple[int, ...]


@dataclass(frozen=True)
class SurveyResult:
    """What a survey says, matched to a network, for a person to check before applying it.

    Parameters
    ----------
    cooperations
        One cooperation per pair of actors named, sorted by id.
    respondents
        The ids of the actors who answered.
    non_respondents
        The ids of the actors the survey went to who did not answer.
    named
        Every (respondent, partner) naming, by id: the raw matter of ``confirmed``.
    matches
        Every name matched to an actor, with the stage that matched it.
    review
        Names with fuzzy candidates; their rows are left out until ``accept`` decides.
    unknown
        Names without a candidate, and names ``accept`` declared no actor.
    conflicts
        Answers about one pair that differ, with the one kept.
    source
        The file read.
    actor_names
        The names of the actors the result mentions, for reports.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
    >>> network = musterkreis()
    >>> result = read_survey(musterkreis_survey_path(), network)
    >>> conflict = result.conflicts[1]
    >>> conflict.actors, conflict.question, conflict.kept.label()
    (('ja', 'jh-bruecke'), 'intensity', 'Integration')
    >>> len(result.apply(network).cooperations) - len(network.cooperations)
    31
    """

    cooperations: tuple[Cooperation, ...]
    respondents: tuple[str, ...]
    non_respondents: tuple[str, ...]
    named: tuple[tuple[str, str], ...]
    matches: tuple[NameMatch, ...]
    review: tuple[Unmatched, ...]
    unknown: tuple[Unmatched, ...]
    conflicts: tuple[Conflict, ...]
    source: str | None = None
    actor_names: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )

    def __repr__(self) -> str:
        """Return one line: the file and how many ties, answers and open questions it holds.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
        >>> read_survey(musterkreis_survey_path(), musterkreis())  # doctest: +ELLIPSIS
        <SurveyResult 'musterkreis_survey.csv': 31 cooperations (10 confirmed, 21 one-sided), ...>
        """
        source = "" if self.source is None else f" {clipped(Path(self.source).name)}"
        return (
            f"<SurveyResult{source}: {len(self.cooperations)} cooperations "
            f"({len(self.confirmed)} confirmed, {len(self.one_sided)} one-sided), "
            f"{len(self.respondents)} respondents, {len(self.non_respondents)} not answered, "
            f"{len(self.review)} to review, {len(self.unknown)} unknown, "
            f"{len(self.conflicts)} conflicts>"
        )

    @property
    def confirmed(self) -> tuple[Cooperation, ...]:
        """The cooperations both sides named."""
        return tuple(tie for tie in self.cooperations if tie.confirmed)

    @property
    def one_sided(self) -> tuple[Cooperation, ...]:
        """The cooperations only one side named."""
        return tuple(tie for tie in self.cooperations if not tie.confirmed)

    def apply(self, network: EducationNetwork) -> EducationNetwork:
        """Return ``network`` with the cooperations added, replacing those with the same id.

        Applying the same survey twice therefore changes nothing the second time. Names
        under review and unknown names are not applied: decide them with ``accept`` and
        read the survey again.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
        >>> network = musterkreis()
        >>> once = read_survey(musterkreis_survey_path(), network).apply(network)
        >>> read_survey(musterkreis_survey_path(), network).apply(once) == once
        True
        """
        return network.with_cooperations(*self.cooperations)

    def to_markdown(self, lang: Language = "de") -> str:
        r"""Return a summary for a person to check: counts, reviews, unknowns, conflicts.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
        >>> text = read_survey(musterkreis_survey_path(), musterkreis()).to_markdown()
        >>> print(text[:text.index("## ")])
        # Partnerbefragung musterkreis_survey\.csv
        ...
        | Kooperationen, von beiden Seiten genannt | 10 |
        | Kooperationen, nur von einer Seite genannt | 21 |
        ...
        """
        return survey_markdown(self, lang)


def read_survey(
    path: str | os.PathLike[str],
    network: EducationNetwork,
    *,
    mapping: SurveyMapping = SurveyMapping(),
    accept: Mapping[str, str | None] | None = None,
    sent_to: Iterable[str] | Callable[[Actor], bool] | None = None,
    id_prefix: str = "befragung",
    encoding: Encoding = "auto",
) -> SurveyResult:
    """Read survey responses into cooperations between the actors of ``network``.

    Parameters
    ----------
    path
        A CSV file (LimeSurvey's export with full answer texts, ``;`` or ``,``, UTF-8 or
        Windows-1252) or a workbook (its first sheet; needs the extra ``excel``). The
        header is the first row that is not empty.
    network
        The network whose actors the respondents and partners are. It is not changed.
    mapping
        The columns; the default fits the shipped example.
    accept
        Names decided by a person: the actor id a name means (``{"Kita Sonenschein":
        "kita-sonnenschein-lindenau"}``), or ``None`` for a name that is no actor of the
        network. Keys are names as written in the file; names the file lacks are ignored.
    sent_to
        The actors the survey went to, for :attr:`SurveyResult.non_respondents`: actor ids,
        or a test such as ``Selector(kind="school").matches``. ``None`` (the default):
        every actor of a kind that answered.
    id_prefix
        The cooperations' ids are ``<id_prefix>-<actor>-<actor>``, the ids in order, so a
        survey read twice gives the same ids.
    encoding
        ``"auto"`` (the default) detects the encoding of a CSV file; the others choose one.

    Returns
    -------
    result
        The cooperations and everything a person should check; nothing is applied.

    Raises
    ------
    LoadError
        Listing every problem at once with its row, column and value (an unknown kind
        with the closest label, a date that cannot be read, a missing column, a
        respondent naming itself); nothing is returned when there is one.
    UnknownActorError
        If ``accept`` or ``sent_to`` names an actor id the network lacks.
    MissingDependencyError
        For a workbook, if the extra ``excel`` is not installed.

    Notes
    -----
    Fuzzy matching compares each unmatched name with every actor's name: O(names ×
    actors) similarity computations, most cut short by difflib's quick upper bounds.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
    >>> network = musterkreis()
    >>> result = read_survey(musterkreis_survey_path(), network)
    >>> [(item.name, item.candidates[0].actor) for item in result.review]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Erziehungs- und Familienberatungstelle Lindenau', 'eb'),
     ('Kita Sonenschein Lindenau', 'kita-sonnenschein-lindenau')]
    >>> accepted = read_survey(musterkreis_survey_path(), network,
    ...                        accept={"Erziehungs- und Familienberatungstelle Lindenau": "eb"})
    >>> accepted.review[0].name, len(accepted.confirmed)
    ('Kita Sonenschein Lindenau', 11)
    """
    table = _table(Path(path), encoding)
    problems: list[LoadProblem] = []
    rows = _answers(table, mapping, problems)
    matcher = NameMatcher(network, accept=accept or {})
    names = _names(rows)
    found = {key: matcher.match(key[1]) for key in names}
    reports = _reports(rows, found, table, problems)
    if problems:
        raise LoadError(problems)
    respondents = sorted({found["respondent", row.respondent].actor or "" for row in rows} - {""})
    pairs: dict[tuple[str, str], list[_Report]] = defaultdict(list)
    for report in reports:
        pairs[_pair(report.respondent, report.partner)].append(report)
    ties, conflicts = [], []
    for pair, answers in sorted(pairs.items()):
        tie, differences = _cooperation(pair, answers, network, id_prefix)
        ties.append(tie)
        conflicts.extend(differences)
    invited = _invited(network, sent_to, respondents)
    return SurveyResult(
        cooperations=tuple(sorted(ties, key=lambda tie: tie.id)),
        respondents=tuple(respondents),
        non_respondents=tuple(sorted(invited - set(respondents))),
        named=tuple(sorted({(report.respondent, report.partner) for report in reports})),
        matches=_matched(names, found),
        review=_unmatched(names, found, with_candidates=True),
        unknown=_unmatched(names, found, with_candidates=False),
        conflicts=tuple(conflicts),
        source=str(path),
        actor_names=MappingProxyType(_actor_names(network, respondents, invited, ties, found)),
    )


# -- reading the table ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Table:
    """The cells of the export, with what names them in messages."""

    rows: list[list[Any]]
    sheet: str
    source: str

    def problem(self, message: str, row: int, place: _Place | None = None) -> LoadProblem:
        if place is None:
            return LoadProblem(message, file=self.source, sheet=self.sheet, row=row)
        cell = f"{self.sheet}!{column_letter(place.index)}{row}"
        return LoadProblem(
            message, file=self.source, sheet=self.sheet, row=row, column=place.header, cell=cell
        )


@dataclass(frozen=True)
class _Row:
    """One row of answers, its names as written (spacing tidied)."""

    number: int
    respondent: str
    partner: str | None
    kind: CooperationKind | None
    intensity: Intensity | None
    frequency: str | None
    since: date | None


# How each question's cells are read: the readers of io.cells, by the kind of column.
_COLUMNS = {
    "respondent": Column("respondent", "Ihre Einrichtung", "name", ("respondent",)),
    "partner": Column("partner", "Partnereinrichtung", "name", ("partner",)),
    "kind": Column("kind", "Art der Zusammenarbeit", "enum", ("kind",), enum=CooperationKind),
    "intensity": Column("intensity", "Intensität", "enum", ("intensity",), enum=Intensity),
    "frequency": Column("frequency", "Häufigkeit", "text", ("frequency",)),
    "since": Column("since", "Zusammenarbeit seit", "date", ("since",)),
}


def _table(source: Path, encoding: Encoding) -> _Table:
    if source.suffix.lower() in READABLE:
        grids = workbook_grids(source, feature="read_survey()")
        if not grids:
            raise LoadError([LoadProblem("the workbook has no sheet", file=str(source))])
        return _Table(grids[0].rows, grids[0].name, str(source))
    rows = [[value or None for value in row] for row in csv_rows(decoded(source, encoding))]
    # Spreadsheet programs name the one sheet of a CSV file after the file.
    return _Table(rows, source.stem, str(source))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class _Place:
    """Where a question's answers stand: the column's position and its header as written."""

    index: int
    header: str


def _answers(table: _Table, mapping: SurveyMapping, problems: list[LoadProblem]) -> list[_Row]:
    """Return the rows that answer for a respondent; add the cells that cannot be read.

    A row with an unreadable cell is kept without that answer, so that its names are
    still checked and every problem of the file is listed at once.
    """
    start = next((i for i, row in enumerate(table.rows) if not all(map(_blank, row))), None)
    if start is None:
        raise LoadError([LoadProblem("the survey holds no rows", file=table.source)])
    places = _header(table, start, mapping, problems)
    rows = []
    for number, cells in enumerate(table.rows[start + 1 :], start=start + 2):
        values = {
            key: cells[p.index] if p.index < len(cells) else None for key, p in places.items()
        }
        if all(map(_blank, values.values())):
            continue
        row = _row(table, number, values, places, problems)
        if row is not None:
            rows.append(row)
    return rows


def _header(
    table: _Table, position: int, mapping: SurveyMapping, problems: list[LoadProblem]
) -> dict[str, _Place]:
    found: dict[str, _Place] = {}
    for index, value in enumerate(table.rows[position]):
        if not _blank(value):
            found.setdefault(normalised(str(value)), _Place(index, str(value)))
    places = {}
    for key, header in mapping.columns().items():
        place = found.get(normalised(header))
        if place is None:
            present = ", ".join(repr(place.header) for place in found.values())
            message = f"the column {header!r} is missing (the header holds {present})"
            problems.append(table.problem(message, position + 1))
        else:
            places[key] = place
    return places


def _row(
    table: _Table,
    number: int,
    cells: dict[str, Any],
    places: dict[str, _Place],
    problems: list[LoadProblem],
) -> _Row | None:
    values: dict[str, Any] = {}
    for key, value in cells.items():
        raw = _day_of_midnight(value) if key == "since" else value
        try:
            values[key] = read_cell(raw, _COLUMNS[key])
        except CellError as error:
            problems.append(table.problem(f"{error} (value {value!r})", number, places[key]))
    # Names and the frequency end up in names and descriptions: the same characters are
    # refused here, at their cell, as a record would refuse them later.
    unreadable = [
        (key, problem)
        for key in ("respondent", "partner", "frequency")
        if isinstance(values.get(key), str)
        and (problem := text_problem(written(values[key]))) is not None
    ]
    for key, problem in unreadable:
        problems.append(table.problem(problem, number, places[key]))
    if unreadable:
        return None
    if values.get("respondent") is None:
        if "respondent" in values:
            message = "no respondent: the row answers for nobody"
            problems.append(table.problem(message, number, places["respondent"]))
        return None
    return _Row(
        number,
        written(values["respondent"]),
        _written_or_none(values.get("partner")),
        _member(CooperationKind, values.get("kind")),
        _member(Intensity, values.get("intensity")),
        _written_or_none(values.get("frequency")),
        values.get("since"),
    )


def _day_of_midnight(value: Any) -> Any:
    midnight = _MIDNIGHT.fullmatch(value.strip()) if isinstance(value, str) else None
    return value if midnight is None else midnight[1]


def _written_or_none(text: str | None) -> str | None:
    return None if text is None else written(text)


def _member(enum: type[_E], value: str | None) -> _E | None:
    return None if value is None else enum(value)


# -- matching and merging ------------------------------------------------------------------


@dataclass(frozen=True)
class _Report:
    """One side's answers about one partner, both matched to actors."""

    row: int
    respondent: str
    partner: str
    kind: CooperationKind | None
    intensity: Intensity | None
    frequency: str | None
    since: date | None


_NameKey = tuple[Role, str]


def _names(rows: list[_Row]) -> dict[_NameKey, list[int]]:
    """Return every name by its role, with the rows it stands in, in file order."""
    names: dict[_NameKey, list[int]] = defaultdict(list)
    for row in rows:
        names["respondent", row.respondent].append(row.number)
        if row.partner is not None:
            names["partner", row.partner].append(row.number)
    return names


def _reports(
    rows: list[_Row], found: dict[_NameKey, Match], table: _Table, problems: list[LoadProblem]
) -> list[_Report]:
    reports = []
    for row in rows:
        respondent = found["respondent", row.respondent].actor
        partner = None if row.partner is None else found["partner", row.partner].actor
        if respondent is None or partner is None:
            continue
        if respondent == partner:
            message = f"{row.respondent!r} names itself ({respondent!r}) as its partner"
            problems.append(table.problem(message, row.number))
            continue
        reports.append(
            _Report(
                row.number,
                respondent,
                partner,
                row.kind,
                row.intensity,
                row.frequency,
                row.since,
            )
        )
    return reports


def _pair(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first <= second else (second, first)


def _cooperation(
    pair: tuple[str, str], reports: list[_Report], network: EducationNetwork, prefix: str
) -> tuple[Cooperation, list[Conflict]]:
    """Return the one cooperation of a pair, and where its two sides' answers differ."""
    kind, kind_conflict = _decide(pair, reports, "kind", _first_kind)
    intensity, intensity_conflict = _decide(pair, reports, "intensity", max)
    since, since_conflict = _decide(pair, reports, "since", min)
    _, frequency_conflict = _decide(pair, reports, "frequency", lambda _: None)
    conflicts = [kind_conflict, intensity_conflict, since_conflict, frequency_conflict]
    named_by = sorted({report.respondent for report in reports})
    tie = Cooperation(
        id=_tie_id(prefix, pair),
        actors=pair,
        kind=kind or CooperationKind.OTHER,
        intensity=intensity,
        period=Period(start=since),
        confirmed=len(named_by) == len(pair),
        description=_description(reports, named_by, network),
    )
    return tie, sorted((c for c in conflicts if c is not None), key=lambda c: c.question)


def _first_kind(kinds: list[CooperationKind]) -> CooperationKind:
    return min(kinds, key=lambda kind: _KIND_ORDER[kind])


def _decide(
    pair: tuple[str, str],
    reports: list[_Report],
    question: Question,
    choose: Callable[[list[Any]], Any],
) -> tuple[Any, Conflict | None]:
    answered = [report for report in reports if getattr(report, question) is not None]
    values = sorted({getattr(report, question) for report in answered}, key=str)
    if not values:
        return None, None
    kept = choose(values)
    if len(values) == 1:
        return kept, None
    answers = sorted(
        {(report.respondent, getattr(report, question)) for report in answered},
        key=lambda answer: (answer[0], str(answer[1])),
    )
    rows = tuple(sorted(report.row for report in answered))
    return kept, Conflict(pair, question, tuple(answers), kept, rows)


def _description(reports: list[_Report], named_by: list[str], network: EducationNetwork) -> str:
    names = ", ".join(network.actor(actor_id).name for actor_id in named_by)
    text = f"Laut Partnerbefragung genannt von: {names}."
    answers = sorted({(r.respondent, r.frequency) for r in reports if r.frequency is not None})
    frequencies = sorted({frequency for _, frequency in answers})
    if len(frequencies) == 1:
        text += f" Häufigkeit laut Befragung: {frequencies[0]}."
    elif frequencies:
        sides = "; ".join(f"{f} ({network.actor(a).name})" for a, f in answers)
        text += f" Häufigkeit laut Befragung: {sides}."
    return text


def _tie_id(prefix: str, pair: tuple[str, str]) -> str:
    tie_id = f"{prefix}-{pair[0]}-{pair[1]}"
    if len(tie_id) <= _MAX_ID_LENGTH:
        return tie_id
    # Ids have at most 128 characters; two long actor ids get a digest of the pair instead.
    digest = hashlib.sha256("\n".join(pair).encode("utf-8")).hexdigest()[:24]
    return f"{prefix[: _MAX_ID_LENGTH - 25]}-{digest}"


def _invited(
    network: EducationNetwork,
    sent_to: Iterable[str] | Callable[[Actor], bool] | None,
    respondents: list[str],
) -> set[str]:
    if sent_to is None:
        kinds = {network.actor(actor_id).kind for actor_id in respondents}
        return {actor.id for actor in network.actors if actor.kind in kinds}
    if callable(sent_to):
        return {actor.id for actor in network.actors if sent_to(actor)}
    if isinstance(sent_to, str):
        msg = f"sent_to takes actor ids as a list, got the text {sent_to!r}"
        raise TypeError(msg)
    ids = set(sent_to)
    for actor_id in sorted(ids):
        network.actor(actor_id)  # raises UnknownActorError, naming the id
    return ids


def _matched(
    names: dict[_NameKey, list[int]], found: dict[_NameKey, Match]
) -> tuple[NameMatch, ...]:
    return tuple(
        NameMatch(name, role, match.actor, match.stage, tuple(names[role, name]))
        for (role, name), match in sorted(found.items())
        if match.actor is not None and match.stage is not None
    )


def _unmatched(
    names: dict[_NameKey, list[int]], found: dict[_NameKey, Match], *, with_candidates: bool
) -> tuple[Unmatched, ...]:
    return tuple(
        Unmatched(name, role, tuple(names[role, name]), match.candidates)
        for (role, name), match in sorted(found.items())
        if match.actor is None and bool(match.candidates) == with_candidates
    )


def _actor_names(
    network: EducationNetwork,
    respondents: list[str],
    invited: set[str],
    ties: list[Cooperation],
    found: dict[_NameKey, Match],
) -> dict[str, str]:
    ids = {*respondents, *invited, *(actor for tie in ties for actor in tie.actors)}
    ids |= {match.actor for match in found.values() if match.actor is not None}
    return {actor_id: network.actor(actor_id).name for actor_id in sorted(ids)}
