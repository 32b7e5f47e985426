"""The tables of an ``.ods`` file's ``content.xml``, followed as it inflates.

OpenDocument writes a run of equal rows or cells once, with ``table:number-rows-repeated``
and ``table:number-columns-repeated``; LibreOffice pads every sheet with empty runs to its
last row and column. So a file of a kilobyte can declare a billion rows. python-calamine
skips empty runs at no cost, but repeats runs that hold values (a row of values repeated
a hundred thousand times over a thousand columns takes it 4 GB, and then it aborts the
process), and silently drops whatever stands past row 1,048,576 or column 16,384.

:class:`OdsTables` follows the row and cell tags with arithmetic only, never a row at a
time: it notes how far each table's values reach, refuses a value past Excel's last row or
column (:data:`MAX_ROWS`, :data:`MAX_COLUMNS`) and a block of more cells than the caller
allows, and collects the cells that show an error (``calcext:value-type="error"``, or a
formula showing ``#DIV/0!`` or ``Err:502`` in files without that attribute), which
calamine reads as empty ones.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import NoReturn

from bildungsnetz.io._shown_errors import ERROR_TEXT, ErrorCells, shown_text

__all__ = ["MAX_COLUMNS", "MAX_ROWS", "OdsTables", "TableTooLargeError"]

MAX_ROWS = 1_048_576
"""The most rows a sheet may have, as in Excel (and LibreOffice)."""

MAX_COLUMNS = 16_384
"""The most columns a sheet may have, as in Excel (``XFD``)."""

_NAME = rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(table|table-row|table-cell|covered-table-cell|p)(?=[\s/>])"
# Attributes may hold '>' inside quotes (a formula such as of:=[.A1]>0).
_TAG = re.compile(_NAME + rb"""((?:[^>"'/]|/(?!>)|"[^"]*"|'[^']*')*)(/?)>""")
_REPEATED = re.compile(rb"""number-(?:rows|columns)-repeated\s*=\s*["']\s*([0-9]+)\s*["']""")
_VALUED = re.compile(rb"""(?:value-type|formula)\s*=""")
_ERROR = re.compile(rb"""value-type\s*=\s*["']error["']""")
_CALC_TYPE = re.compile(rb"""calcext:value-type\s*=""")
_FORMULA = re.compile(rb"""formula\s*=""")
_TABLE_NAME = re.compile(rb"""(?:^|\s)(?:[\w.-]+:)?name\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PARAGRAPH = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?p(?=[\s/>])[^>]*>(.*?)</(?:[A-Za-z_][\w.-]*:)?p>", re.S
)
_LARGEST_REPEAT = 10**12  # more digits say nothing more: past every bound


class TableTooLargeError(ValueError):
    """A table of an ``.ods`` file reaches too far: its name, the row and what is wrong."""

    def __init__(self, message: str, *, sheet: str, row: int) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.row = row


@dataclass
class _Cell:
    start: int  # where its tag starts in the text being read
    column: int  # its first column (1-based)
    repeat: int
    valued: bool
    needs_text: bool  # an error cell, or a formula whose shown text may be an error
    error: bool


@dataclass
class _Table:
    name: str
    row: int = 0  # rows before the current one
    rows: int = 0  # the last row that holds a value
    columns: int = 0  # the last column that holds a value
    row_repeat: int = 1
    column: int = 0  # columns of the current row so far
    row_columns: int = 0  # the last column of the current row that holds a value


@dataclass
class OdsTables:
    """Follow ``content.xml`` piece by piece; see the module's description.

    ``max_cells`` bounds the block from ``A1`` to a table's last value, as calamine lays
    it out.
    """

    max_cells: int
    errors: list[ErrorCells] = field(default_factory=list)
    _table: _Table | None = None
    _cell: _Cell | None = None

    def read(self, data: bytes) -> bytes:
        """Follow the tags in ``data``; return its end, to be read again with the next piece.

        Raises
        ------
        TableTooLargeError
            Naming the table and row of a value past the bounds.
        """
        cut = data.rfind(b"<")
        end = len(data) if cut < 0 or data.find(b">", cut) >= 0 else cut
        for tag in _TAG.finditer(data, 0, end):
            self._follow(tag, data)
        if self._cell is not None and self._cell.needs_text:
            # Its shown text is read at its end tag: read the whole cell again next time.
            start, self._cell = self._cell.start, None
            return data[start:]
        return data[end:]

    def _follow(self, tag: re.Match[bytes], data: bytes) -> None:
        closing, name, attributes, empty = tag[1], tag[2], tag[3], tag[4]
        if name == b"table":
            if not closing:
                self._table = _Table(_table_name(attributes))
            return
        table = self._table
        if table is None:
            return
        if name == b"table-row":
            if closing:
                self._end_row(table)
            else:
                table.row_repeat, table.column, table.row_columns = _repeat(attributes), 0, 0
                if empty:
                    self._end_row(table)
        elif name == b"p":
            if self._cell is not None and not closing:
                self._cell.valued = True
        elif closing:
            self._end_cell(table, data, tag.start())
        else:
            self._start_cell(table, tag, data)

    def _start_cell(self, table: _Table, tag: re.Match[bytes], data: bytes) -> None:
        attributes = tag[3]
        error = bool(_ERROR.search(attributes))
        self._cell = _Cell(
            start=tag.start(),
            column=table.column + 1,
            repeat=_repeat(attributes),
            valued=bool(_VALUED.search(attributes)),
            # Without LibreOffice's calcext:value-type, only the text tells an error.
            needs_text=error
            or (bool(_FORMULA.search(attributes)) and not _CALC_TYPE.search(attributes)),
            error=error,
        )
        if tag[4]:
            self._end_cell(table, data, tag.end())

    def _end_cell(self, table: _Table, data: bytes, end: int) -> None:
        cell, self._cell = self._cell, None
        if cell is None:
            return
        table.column += cell.repeat
        if not cell.valued:
            return
        table.row_columns = table.column
        if table.column > MAX_COLUMNS:
            column = max(cell.column, MAX_COLUMNS + 1)
            what = f"a value in column {column:,}, past the last a sheet may have ({MAX_COLUMNS:,})"
            _refuse(table, what, table.row + 1)
        if cell.needs_text:
            paragraph = _PARAGRAPH.search(data, cell.start, end)
            text = shown_text(paragraph[1]) if paragraph else ""
            if cell.error or ERROR_TEXT.fullmatch(text):
                self.errors.append(
                    ErrorCells(
                        table.name,
                        table.row + 1,
                        cell.column,
                        text or "#?",
                        rows=table.row_repeat,
                        columns=cell.repeat,
                    )
                )

    def _end_row(self, table: _Table) -> None:
        first = table.row + 1
        table.row += table.row_repeat
        if not table.row_columns:
            return  # an empty run of rows costs nothing, however long
        if table.row > MAX_ROWS:
            row = max(first, MAX_ROWS + 1)
            _refuse(table, f"a value past the last row a sheet may have ({MAX_ROWS:,})", row)
        table.rows = table.row
        table.columns = max(table.columns, table.row_columns)
        if table.rows * table.columns > self.max_cells:
            what = (
                f"the sheet spans {table.rows:,} rows and {table.columns:,} columns, "
                f"more than {self.max_cells:,} cells"
            )
            _refuse(table, what, first)


def _refuse(table: _Table, what: str, row: int) -> NoReturn:
    msg = f"refused: {what}; delete what stands far outside the tables"
    raise TableTooLargeError(msg, sheet=table.name, row=row)


def _repeat(attributes: bytes) -> int:
    match = _REPEATED.search(attributes)
    if match is None:
        return 1
    digits = match[1].lstrip(b"0") or b"0"
    return max(1, _LARGEST_REPEAT if len(digits) > 12 else int(digits))  # noqa: PLR2004


def _table_name(attributes: bytes) -> str:
    match = _TABLE_NAME.search(attributes)
    if match is None:
        return "?"
    raw = match[1] if match[1] is not None else match[2]
    return html.unescape(raw.decode("utf-8", "replace"))
