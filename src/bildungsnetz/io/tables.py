"""A network as sheets of rows, and back, with every problem located at its cell.

The workbook, CSV and pandas readers and writers all go through here: a reader hands over
each sheet as a :class:`Grid` of raw cells, :func:`from_grids` finds the header row (title
rows above it and empty rows below are skipped), reads every cell with
:mod:`bildungsnetz.io.cells`, builds the records, checks them and the network as a whole,
and raises one :class:`~bildungsnetz.errors.LoadError` listing every problem with its file,
sheet, row, column and cell (``Akteure!D7``). :func:`to_grids` gives the rows a writer
writes, in German or English.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.io.tables import from_grids, to_grids
>>> sheets = to_grids(musterkreis(), lang="de")
>>> sheets["actors"].headers[:3]
['Kennung', 'Name', 'Art']
>>> from_grids(sheet.grid() for sheet in sheets.values()) == musterkreis()
True
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePath
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from bildungsnetz.errors import LoadError, LoadProblem, NetworkIntegrityError
from bildungsnetz.io._records import COLLECTIONS, adapter
from bildungsnetz.io.cells import DEFAULT_ZONE, CellError, CellValue, read_cell, write_cell
from bildungsnetz.io.layout import SHEETS, Column, Sheet, normalised
from bildungsnetz.model import EducationNetwork
from bildungsnetz.model._integrity import find_problems

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pydantic_core import ErrorDetails

    from bildungsnetz.errors import IntegrityProblem

__all__ = ["Grid", "Rows", "column_letter", "from_grids", "to_grids"]

Language = Literal["de", "en"]

_HEADER_SEARCH = 10  # title rows an office puts above its header, at most
_IGNORED = "#"  # a column or sheet whose name starts with this is a note of the office's own


@dataclass(frozen=True)
class Grid:
    """A sheet as a reader found it.

    Parameters
    ----------
    name
        The sheet's name in the file (for a CSV folder, the file's name).
    rows
        The cells, row by row, as read (text, numbers, truth values, dates, ``None``).
    source
        The file, for messages.
    first_row
        The number the file gives the first row (1 for workbooks and CSV files).
    cells
        Whether to name cells as spreadsheets do (``Akteure!D7``); ``False`` for frames.

    Examples
    --------
    >>> grid = Grid("Akteure", [["Landkreis Beispiel"], [], ["Kennung", "Name", "Art"],
    ...                         ["gs-1", "GS Am Markt", "Schuel"]], "kreis.xlsx")
    >>> from_grids([grid])  # doctest: +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    bildungsnetz.errors.LoadError: 1 problem while loading:
      kreis.xlsx, Akteure!C4 (column 'Art'): unknown value 'Schuel'; did you mean
      'Schule'? (value 'Schuel')
    """

    name: str
    rows: list[list[Any]]
    source: str | None = None
    first_row: int = 1
    cells: bool = True


@dataclass(frozen=True)
class Rows:
    """A sheet ready to write: its layout, name, headers and rows of cell values.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> rows = to_grids(musterkreis(), lang="en")["flows"]
    >>> rows.name, rows.headers, rows.rows[0][2:4]
    ('flows', ['source', 'target', 'year', 'pupils', 'transition'], [2024, 11])
    """

    sheet: Sheet
    lang: Language
    rows: list[list[CellValue]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The sheet's name in the language."""
        return self.sheet.name(self.lang)

    @property
    def headers(self) -> list[str]:
        """The column headers in the language."""
        return [column.header(self.lang) for column in self.sheet.columns]

    def grid(self, source: str | None = None) -> Grid:
        """Return the sheet as a reader would find it (a header row, then the rows)."""
        return Grid(self.name, [list(self.headers), *[list(row) for row in self.rows]], source)


def column_letter(position: int) -> str:
    """Return a spreadsheet's name of the column at 0-based ``position``: A, B, ..., AA.

    Examples
    --------
    >>> column_letter(0), column_letter(3), column_letter(26)
    ('A', 'D', 'AA')
    """
    letters = ""
    number = position + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


# -- writing -----------------------------------------------------------------------------


def to_grids(network: EducationNetwork, *, lang: Language = "en") -> dict[str, Rows]:
    """Return the network as sheets of rows to write, by English sheet name.

    Parameters
    ----------
    network
        The network.
    lang
        ``"de"``: German headers, sheet names and labels of enumerations; ``"en"``: the
        English headers and the stable English values.

    Returns
    -------
    sheets
        Every sheet of :data:`~bildungsnetz.io.layout.SHEETS`, empty ones included.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> sheets = to_grids(musterkreis(), lang="de")
    >>> sheets["actors"].name, sheets["actors"].rows[0][:3]
    ('Akteure', ['kv', 'Kreisverwaltung Musterkreis', 'Kreisverwaltung'])
    """
    sheets = {key: Rows(sheet, lang) for key, sheet in SHEETS.items()}
    sheets["network"].rows.append(_row(network, SHEETS["network"], lang))
    for key in ("actors", "cooperations", "forums", "flows", "interventions", "programmes"):
        sheet = SHEETS[key]
        sheets[key].rows.extend(_row(record, sheet, lang) for record in getattr(network, key))
    for actor in network.actors:
        for identifier in sorted(actor.identifiers, key=lambda item: (item.scheme, item.value)):
            sheets["identifiers"].rows.append([actor.id, identifier.scheme, identifier.value])
    for forum in network.forums:
        sheets["members"].rows.extend([forum.id, member] for member in sorted(forum.members))
    return sheets


def _row(record: Any, sheet: Sheet, lang: Language) -> list[CellValue]:
    return [write_cell(_value_at(record, column.path), column, lang) for column in sheet.columns]


def _value_at(record: Any, path: tuple[str | int, ...]) -> Any:
    value = record
    for step in path:
        if value is None:
            return None
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cell:
    grid: Grid
    row: int  # the file's row number
    column: int  # 0-based position
    header: str
    value: Any

    def problem(self, message: str) -> LoadProblem:
        cell = None
        if self.grid.cells:
            cell = f"{self.grid.name}!{column_letter(self.column)}{self.row}"
        return LoadProblem(
            message,
            file=self.grid.source,
            sheet=self.grid.name,
            row=self.row,
            column=self.header,
            cell=cell,
        )


@dataclass
class _Record:
    """A record being built from one row, with where each of its values came from."""

    sheet: Sheet
    row: int
    grid: Grid
    broken: bool = False  # a cell could not be read: the record is not checked further
    data: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, _Cell] = field(default_factory=dict)  # column key -> cell
    # Values of side sheets (members, identifiers): field -> [(value, cell)]
    extra: dict[str, list[tuple[Any, _Cell]]] = field(default_factory=lambda: defaultdict(list))

    def anchor(self) -> _Cell:
        """Return the cell that stands for the whole record: its id, else its first cell."""
        id_column = self.sheet.id_column
        if id_column is not None and id_column.key in self.cells:
            return self.cells[id_column.key]
        return next(iter(self.cells.values()))


@dataclass
class _Reading:
    """Every problem found so far, and the records read."""

    source: str | None
    problems: list[LoadProblem] = field(default_factory=list)
    records: dict[str, list[_Record]] = field(default_factory=lambda: defaultdict(list))
    # The records that became models, in the order the network is given them.
    checked: dict[str, list[_Record]] = field(default_factory=dict)


def from_grids(grids: Iterable[Grid], *, source: str | None = None) -> EducationNetwork:
    """Read a network from its sheets, checking every cell, record and reference.

    Parameters
    ----------
    grids
        The sheets as a reader found them. Sheets are told apart by their German or
        English name; others (an instructions sheet, an office's own notes) are skipped.
    source
        The file or folder, for messages and as the network's name if no sheet names it.

    Returns
    -------
    network
        The network, checked as a whole.

    Raises
    ------
    LoadError
        Listing every problem with file, sheet, row, column, cell and value; nothing is
        returned when there is one.

    Examples
    --------
    >>> actors = Grid("actors", [["id", "name", "kind"], ["ja", "Jugendamt", "Jugendamt"]])
    >>> ties = Grid("Kooperationen", [["Kennung", "Akteur 1", "Akteur 2", "Art"],
    ...                                ["k1", "ja", "gs-9", "Fallarbeit"]])
    >>> from_grids([actors, ties], source="kreis.xlsx")
    Traceback (most recent call last):
    ...
    bildungsnetz.errors.LoadError: 1 problem while loading:
      Kooperationen!C2 (column 'Akteur 2'): unknown actor 'gs-9'
    """
    reading = _Reading(source)
    for key, grid in _identify(grids, reading).items():
        _read_sheet(SHEETS[key], grid, reading)
    header = _network_fields(reading)
    _join_side_sheets(reading)
    collections = {key: _validated(key, reading) for key in COLLECTIONS}
    records = {key: [model for _, model in items] for key, items in collections.items()}
    reading.checked = {key: [record for record, _ in items] for key, items in collections.items()}
    if reading.problems:
        _integrity_of_readable(records, reading)
        raise LoadError(reading.problems)
    try:
        return EducationNetwork(**header, **records)
    except NetworkIntegrityError as error:
        raise LoadError(_located(problem, reading) for problem in error.problems) from None


def _identify(grids: Iterable[Grid], reading: _Reading) -> dict[str, Grid]:
    found: dict[str, Grid] = {}
    skipped: list[Grid] = []
    for grid in grids:
        key = _SHEET_NAMES.get(normalised(grid.name))
        if key is None:
            skipped.append(grid)
            continue
        if key in found:
            message = f"two sheets hold {SHEETS[key].de!r} ({found[key].name!r} and {grid.name!r})"
            reading.problems.append(LoadProblem(message, file=grid.source, sheet=grid.name))
            continue
        found[key] = grid
    reading.problems.extend(_misnamed(skipped, found))
    if not found:
        # Nothing to read is a file of something else, not an empty network.
        seen = f": found {', '.join(repr(grid.name) for grid in skipped)}" if skipped else ""
        expected = ", ".join(sheet.de for sheet in SHEETS.values())
        message = (
            f"no sheet of a network{seen}; expected sheets named {expected} "
            "(or their English names)"
        )
        reading.problems.append(LoadProblem(message, file=reading.source))
    return found


_SHEET_NAMES = {normalised(name): key for key, sheet in SHEETS.items() for name in (key, sheet.de)}


def _misnamed(skipped: list[Grid], found: dict[str, Grid]) -> list[LoadProblem]:
    """Return a problem for each sheet named almost like a sheet the file lacks.

    A renamed sheet ("Kooperation") would otherwise be skipped as the office's own, and
    every record on it lost without a word.
    """
    missing = {name: key for name, key in _SHEET_NAMES.items() if key not in found}
    problems = []
    for grid in skipped:
        if grid.name.strip().startswith(_IGNORED):
            continue
        close = difflib.get_close_matches(normalised(grid.name), missing, n=1, cutoff=0.8)
        if not close:
            continue
        sheet = SHEETS[missing[close[0]]]
        meant = sheet.de if close[0] == normalised(sheet.de) else missing[close[0]]
        message = (
            f"sheet {grid.name!r} is not read: did you mean {meant!r}? Rename it, or start "
            f"its name with {_IGNORED!r} to keep it as a note of your own"
        )
        problems.append(LoadProblem(message, file=grid.source, sheet=grid.name))
    return problems


def _read_sheet(sheet: Sheet, grid: Grid, reading: _Reading) -> None:
    header = _header(sheet, grid, reading)
    if header is None:
        return
    position, columns = header
    # Without a required column no row can be whole; the header's problem says why.
    present = {column.key for column in columns.values()}
    incomplete = any(column.required and column.key not in present for column in sheet.columns)
    notes = {
        index
        for index, value in enumerate(grid.rows[position])
        if isinstance(value, str) and value.strip().startswith(_IGNORED)
    }
    for offset, cells in enumerate(grid.rows[position + 1 :], start=position + 1):
        if all(_blank(value) for index, value in enumerate(cells) if index not in notes):
            continue  # an empty row, or one with the office's notes only
        number = grid.first_row + offset
        record = _Record(sheet, number, grid, broken=incomplete)
        for index, column in columns.items():
            value = cells[index] if index < len(cells) else None
            cell = _Cell(grid, number, index, grid.rows[position][index], value)
            record.cells[column.key] = cell
            _read_into(record, column, cell, reading)
        reading.records[sheet.key].append(record)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(sheet: Sheet, grid: Grid, reading: _Reading) -> tuple[int, dict[int, Column]] | None:
    """Find the header row: of the first rows, the one naming most of the sheet's columns."""
    known = {
        normalised(name): column for column in sheet.columns for name in (column.key, column.de)
    }
    best, best_count = None, 0
    for position, cells in enumerate(grid.rows[:_HEADER_SEARCH]):
        count = sum(1 for value in cells if isinstance(value, str) and normalised(value) in known)
        if count > best_count:
            best, best_count = position, count
    if best is None:
        expected = ", ".join(column.de for column in sheet.columns[:4])
        message = f"no header row: expected column names such as {expected}"
        reading.problems.append(LoadProblem(message, file=grid.source, sheet=grid.name))
        return None
    return best, _header_columns(sheet, grid, best, known, reading)


def _header_columns(
    sheet: Sheet, grid: Grid, position: int, known: dict[str, Column], reading: _Reading
) -> dict[int, Column]:
    columns: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for index, value in enumerate(grid.rows[position]):
        if _blank(value) or str(value).strip().startswith(_IGNORED):
            continue
        cell = _Cell(grid, grid.first_row + position, index, str(value), value)
        column = known.get(normalised(str(value)))
        if column is None:
            reading.problems.append(cell.problem(_unknown_column(str(value), sheet)))
        elif column.key in seen:
            message = f"column {value!r} appears twice"
            reading.problems.append(cell.problem(message))
        else:
            seen[column.key] = index
            columns[index] = column
    for column in sheet.columns:
        if column.required and column.key not in seen:
            message = f"the column {column.de!r} ({column.key}) is missing"
            row = grid.first_row + position
            reading.problems.append(
                LoadProblem(message, file=grid.source, sheet=grid.name, row=row)
            )
    return columns


def _unknown_column(header: str, sheet: Sheet) -> str:
    names = [column.de for column in sheet.columns] + [column.key for column in sheet.columns]
    close = difflib.get_close_matches(header, names, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown column {header!r}{hint} (a column of your own must start with {_IGNORED!r})"


def _read_into(record: _Record, column: Column, cell: _Cell, reading: _Reading) -> None:
    try:
        value = read_cell(cell.value, column)
    except CellError as error:
        reading.problems.append(cell.problem(f"{error} (value {cell.value!r})"))
        record.broken = True
        return
    if value is None:
        if column.required:
            reading.problems.append(cell.problem(f"{column.de!r} is required"))
            record.broken = True
        return
    _place(record.data, column, value)


def _place(data: dict[str, Any], column: Column, value: Any) -> None:
    *parents, last = column.path
    target: Any = data
    for step in parents:
        target = target.setdefault(step, [None, None] if step == "actors" else {})
    if column.kind == "zone":
        target["zone"] = value
    elif isinstance(last, int):
        target[last] = value
    elif column.kind == "local_time":
        target["local"] = value
    else:
        target[last] = value


# -- building records ----------------------------------------------------------------------


def _network_fields(reading: _Reading) -> dict[str, Any]:
    """Return the network's own fields, checked; its name is the file's without a sheet."""
    rows = reading.records.get("network", [])
    for extra in rows[1:]:
        reading.problems.append(extra.anchor().problem("the network sheet holds one row only"))
    if not rows:
        stem = PurePath(reading.source or "Netzwerk").stem
        return {"name": stem or "Netzwerk"}
    record = rows[0]
    if record.broken:
        return {"name": "?"}
    try:
        EducationNetwork.model_validate(record.data)
    except ValidationError as error:
        _report(record, error, reading)
        return {"name": "?"}
    return dict(record.data)


# The side sheets: rows that belong to a record of another sheet, as
# (side sheet, owner sheet, column naming the owner, owner's field, column of the value).
_SIDES = (
    ("identifiers", "actors", "actor", "identifiers", "value"),
    ("members", "forums", "forum", "members", "actor"),
)


def _join_side_sheets(reading: _Reading) -> None:
    """Give each identifier to its actor and each member to its forum."""
    for side, owner, own_column, target_field, value_column in _SIDES:
        owners = {record.data.get("id"): record for record in reading.records.get(owner, [])}
        for row in reading.records.get(side, []):
            if row.broken:
                continue
            owner_id = row.data[own_column]
            record = owners.get(owner_id)
            if record is None:
                what = "actor" if owner == "actors" else "forum"
                message = f"unknown {what} {owner_id!r}"
                reading.problems.append(row.cells[own_column].problem(message))
                continue
            value = (
                {"scheme": row.data["scheme"], "value": row.data["value"]}
                if side == "identifiers"
                else row.data["actor"]
            )
            record.extra[target_field].append((value, row.cells[value_column]))


def _validated(key: str, reading: _Reading) -> list[tuple[_Record, Any]]:
    validator = adapter(COLLECTIONS[key])
    records = []
    for record in reading.records.get(key, []):
        data = None if record.broken else _finished(record, reading)
        if data is None:
            record.broken = True
            continue
        try:
            records.append((record, validator.validate_python(data)))
        except ValidationError as error:
            record.broken = True
            _report(record, error, reading)
    return records


def _report(record: _Record, error: ValidationError, reading: _Reading) -> None:
    """Add each error of a record's validation at the cell it concerns."""
    reading.problems.extend(
        _validation_problem(record, detail) for detail in error.errors(include_url=False)
    )


def _validation_problem(record: _Record, detail: ErrorDetails) -> LoadProblem:
    """Return a problem the model found in a record, at the cell it concerns."""
    location = tuple(detail["loc"])
    if detail["type"] == "missing":
        # A value the record needs although its column is optional (a school's form).
        column = next((c for c in record.sheet.columns if c.path == location), None)
        if column is not None:
            if column.key in record.cells:
                return record.cells[column.key].problem(f"{column.de!r} is required")
            anchor = record.anchor()
            message = f"{column.de!r} is required, but the sheet has no column {column.de!r}"
            return anchor.problem(f"{message} (value {anchor.value!r})")
    cell = _cell_for(record, location)
    message = _in_table_words(detail["msg"].removeprefix("Value error, "))
    return cell.problem(f"{message} (value {cell.value!r})")


# Messages of the model that speak Python, said the way a table is filled in.
_TABLE_WORDS = (
    (
        "a school needs a school profile (school=SchoolProfile(form=...))",
        "a school needs its school form (column 'Schulform')",
    ),
    (
        "only schools have a school profile",
        "only a school has a school form, stages, pupils or rates",
    ),
)


def _in_table_words(message: str) -> str:
    for python, table in _TABLE_WORDS:
        if message.startswith(python):
            return table + message.removeprefix(python)
    return message


def _finished(record: _Record, reading: _Reading) -> dict[str, Any] | None:
    """Return the record's data as the model reads it: actors as a pair, a schedule zoned."""
    data = dict(record.data)
    for target_field, values in record.extra.items():
        data[target_field] = [value for value, _ in values]
    schedule = data.get("schedule")
    if schedule is not None:
        data["schedule"] = _schedule(record, schedule, reading)
        if data["schedule"] is None:
            return None
    return data


def _schedule(record: _Record, parts: dict[str, Any], reading: _Reading) -> Any:
    rule, local = parts.get("rule"), parts.get("local")
    zone = parts.get("zone", DEFAULT_ZONE)
    if rule is None and local is None:
        return None
    if rule is None:
        reading.problems.append(_lacking(record, "schedule", "first_meeting"))
        return None
    if local is None:
        reading.problems.append(_lacking(record, "first_meeting", "schedule"))
        return None
    assert isinstance(local, datetime)
    return {"rule": rule, "start": local.replace(tzinfo=ZoneInfo(zone))}


_LACKING = {
    "schedule": "a first meeting needs a schedule",
    "first_meeting": "a schedule needs its first meeting",
}


def _lacking(record: _Record, lacking: str, given: str) -> LoadProblem:
    """Return the problem of a schedule given only in half, at the empty cell if it has one."""
    if lacking in record.cells:
        return record.cells[lacking].problem(_LACKING[lacking])
    column = record.sheet.column(lacking).de
    message = f"{_LACKING[lacking]}, but the sheet has no column {column!r}"
    return record.cells[given].problem(message)


def _cell_for(record: _Record, location: tuple[str | int, ...]) -> _Cell:
    """Return the cell a validation error points at: the column whose path fits best."""
    if location and location[0] in record.extra:
        values = record.extra[str(location[0])]
        position = location[1] if len(location) > 1 and isinstance(location[1], int) else 0
        if 0 <= position < len(values):
            return values[position][1]
    best: Column | None = None
    best_length = 0
    for column in record.sheet.columns:
        length = _shared_prefix(column.path, location)
        if length > best_length and column.key in record.cells:
            best, best_length = column, length
    if best is None:
        # A school's profile missing altogether is a matter of its kind.
        fallback = "kind" if location[:1] == ("school",) else None
        return record.cells.get(fallback or "", record.anchor())
    return record.cells[best.key]


def _shared_prefix(path: tuple[str | int, ...], location: tuple[str | int, ...]) -> int:
    length = 0
    for step, place in zip(path, location, strict=False):
        if step != place:
            break
        length += 1
    return length


# -- whole-network problems, at their cells --------------------------------------------------


def _integrity_of_readable(records: dict[str, list[Any]], reading: _Reading) -> None:
    """Add the inconsistencies between the records that could be read.

    References to records that could not be read are not reported again: their own
    problems are.
    """
    unreadable = {
        str(record.data["id"])
        for key in ("actors", "programmes")
        for record in reading.records.get(key, [])
        if record.broken and "id" in record.data
    }
    readable = SimpleNamespace(**{key: tuple(items) for key, items in records.items()})
    for problem in find_problems(readable, assume_known=unreadable):
        reading.problems.append(_located(problem, reading))


_QUOTED = re.compile(r"'([^']*)'")


def _located(problem: IntegrityProblem, reading: _Reading) -> LoadProblem:
    """Return an inconsistency between records at the cell it concerns."""
    rows = reading.checked.get(problem.collection, [])
    record = _record_for(problem, rows)
    if record is None:
        return LoadProblem(str(problem), file=reading.source, sheet=SHEETS[problem.collection].de)
    field_name = problem.field
    named = _QUOTED.search(problem.message)
    for value, cell in record.extra.get(field_name, []):
        if named is not None and value == named.group(1):
            return cell.problem(problem.message)
    column = next(
        (
            c
            for c in record.sheet.columns
            if c.path[0] == field_name
            and c.key in record.cells
            and (named is None or _holds(record, c, named.group(1)))
        ),
        None,
    ) or next((c for c in record.sheet.columns if c.path[0] == field_name), None)
    found = record.cells.get(column.key) if column is not None else None
    return (found or record.anchor()).problem(problem.message)


def _holds(record: _Record, column: Column, value: str) -> bool:
    """Return whether the column's cell in the record was read as ``value`` (or holds it)."""
    read: Any = record.data
    for step in column.path:
        if isinstance(step, int):
            read = read[step] if isinstance(read, list) and step < len(read) else None
        else:
            read = read.get(step) if isinstance(read, dict) else None
    return read == value or (isinstance(read, list) and value in read)


def _record_for(problem: IntegrityProblem, rows: list[_Record]) -> _Record | None:
    if SHEETS[problem.collection].id_column is None:
        # Records without an id (flows) are named by their position among those checked.
        position = problem.record.removeprefix("#")
        index = int(position) if position.isdigit() else -1
        return rows[index] if 0 <= index < len(rows) else None
    matching = [row for row in rows if row.data.get("id") == problem.record]
    if not matching:
        return None
    # A duplicate is reported at its second occurrence.
    return matching[-1] if "duplicate" in problem.message else matching[0]
