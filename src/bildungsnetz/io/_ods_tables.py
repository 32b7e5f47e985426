"""The tables of an ``.ods`` file's ``content.xml``, followed as it inflates.

OpenDocument writes a run of equal rows or cells once, with ``table:number-rows-repeated``
and ``table:number-columns-repeated``; LibreOffice pads every sheet with empty runs to its
last row and column. So a file of a kilobyte can declare a billion rows. python-calamine
skips empty runs at no cost, but repeats runs that hold values (a row of values repeated
a hundred thousand times over a thousand columns takes it 4 GB, and then it aborts the
process), and silently drops whatever stands past row 1,048,576 or column 16,384.

:class:`OdsTables` follows the row and cell tags with arithmetic only, never a row at a
time: it notes how far each table's values reach, refuses a value past Excel's last row or
column (:data:`MAX_ROWS`, :data:`MAX_COLUMNS`), a block of more cells than the caller
allows, and a block of more cells than the XML read so far has bytes, beyond
:data:`FREE_CELLS`: within the caller's bound, a kilobyte repeating a row of values a
million times would still take calamine and Python gigabytes, while a sheet as
LibreOffice saves it spends bytes on nearly every cell it spans (it repeats only equal
neighbours). It collects the cells that show an error (``calcext:value-type="error"``,
or a formula showing ``#DIV/0!`` or ``Err:502`` in files without that attribute), which
calamine reads as empty ones.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import NoReturn

from bildungsnetz.io._shown_errors import ERROR_TEXT, ErrorCells, shown_text

__all__ = ["FREE_CELLS", "MAX_COLUMNS", "MAX_ROWS", "OdsTables", "TableTooLargeError"]

MAX_ROWS = 1_048_576
"""The most rows a sheet may have, as in Excel (and LibreOffice)."""

MAX_COLUMNS = 16_384
"""The most columns a sheet may have, as in Excel (``XFD``)."""

FREE_CELLS = 1_000_000
"""The cells a sheet may span beyond one for each byte of ``content.xml`` read so far."""

# calamine knows the elements and attributes by these names only (no other prefix).
_TABLE_OR_ROW = re.compile(rb"<table:table(-row)?(?=[\s/>])([^>]*)>")
_ROW_END = b"</table:table-row>"
_CELL_START = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])([^>]*)>")
# Attributes may hold '>' inside quotes (a formula such as of:=[.A1]>0).
_CELL = re.compile(
    rb"<table:(?:covered-)?table-cell(?=[\s/>])"
    rb"""((?:[^>"'/]|/(?!>)|"[^"]*"|'[^']*')*)"""
    rb"(?:/>|>(.*?)</table:(?:covered-)?table-cell>)",
    re.S,
)
_REPEATED = re.compile(rb"""table:number-(?:rows|columns)-repeated\s*=\s*["']\s*([0-9]+)\s*["']""")
# A cell without a type is read as empty, whatever text it holds.
_VALUED = re.compile(rb"""(?:value-type|table:formula)\s*=""")
_ERROR = re.compile(rb"""calcext:value-type\s*=\s*["']error["']""")
_CALC_TYPE = re.compile(rb"""calcext:value-type\s*=""")
_FORMULA = re.compile(rb"""table:formula\s*=""")
_TABLE_NAME = re.compile(rb"""(?:^|\s)table:name\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PARAGRAPH = re.compile(rb"<text:p(?=[\s/>])[^>]*>(.*?)</text:p>", re.S)
_LARGEST_REPEAT = 10**12  # more digits say nothing more: past every bound


class TableTooLargeError(ValueError):
    """A table of an ``.ods`` file reaches too far: its name, the row and what is wrong."""

    def __init__(self, message: str, *, sheet: str, row: int) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.row = row


@dataclass
class _Table:
    name: str
    row: int = 0  # rows read so far
    rows: int = 0  # the last row that holds a value
    columns: int = 0  # the last column that holds a value


@dataclass
class OdsTables:
    """Follow ``content.xml`` piece by piece; see the module's description.

    ``max_cells`` bounds the block from ``A1`` to a table's last value, as calamine lays
    it out. The work is a few searches per row, whatever its repeats.
    """

    max_cells: int
    errors: list[ErrorCells] = field(default_factory=list)
    _table: _Table | None = None
    _read_before: int = 0  # bytes of the XML read with the earlier pieces

    def read(self, data: bytes) -> bytes:
        """Follow the rows in ``data``; return its end after the last whole row.

        What is returned is read again with the next piece: a row is only read whole.

        Raises
        ------
        TableTooLargeError
            Naming the table and row of a value past the bounds.
        """
        position = 0
        while (tag := _TABLE_OR_ROW.search(data, position)) is not None:
            position = tag.end()
            if tag[1] is None:
                self._table = _Table(_table_name(tag[2]))
                continue
            content = b""
            if not tag[2].endswith(b"/"):
                end = data.find(_ROW_END, position)
                if end < 0:
                    return data[tag.start() :]
                content, position = data[position:end], end + len(_ROW_END)
            if self._table is not None:
                self._read_row(self._table, tag[2], content, self._read_before + position)
        # Only a tag cut at the end may start a row.
        rest = data[max(position, data.rfind(b"<")) :]
        self._read_before += len(data) - len(rest)
        return rest

    def _read_row(self, table: _Table, attributes: bytes, content: bytes, read: int) -> None:
        repeat = _repeat(attributes)
        first = table.row + 1
        table.row += repeat
        last = self._last_column(table, first, repeat, content) if content else 0
        if not last:
            return  # an empty run of rows costs nothing, however long
        if last > MAX_COLUMNS:
            what = f"a value in column {last:,}, past the last a sheet may have ({MAX_COLUMNS:,})"
            _refuse(table, what, first)
        if table.row > MAX_ROWS:
            row = max(first, MAX_ROWS + 1)
            _refuse(table, f"a value past the last row a sheet may have ({MAX_ROWS:,})", row)
        table.rows = table.row
        table.columns = max(table.columns, last)
        if table.rows * table.columns > self.max_cells:
            what = (
                f"the sheet spans {table.rows:,} rows and {table.columns:,} columns, "
                f"more than {self.max_cells:,} cells"
            )
            _refuse(table, what, first)
        if table.rows * table.columns > FREE_CELLS + read:
            what = (
                f"repeated rows or cells of values make the sheet span {table.rows:,} rows and "
                f"{table.columns:,} columns, more cells than its {read:,} bytes can hold"
            )
            _refuse(table, what, first)

    def _last_column(self, table: _Table, first: int, repeat: int, content: bytes) -> int:
        """Return the last column of a row that holds a value (0 for none); note errors."""
        if b"formula" in content or b"error" in content:
            return self._read_cells(table, first, repeat, content)
        # What most rows are: typed cells, perhaps a run of empty ones, no error.
        cells = _CELL_START.findall(content)
        last = next((i for i in range(len(cells) - 1, -1, -1) if _VALUED.search(cells[i])), -1)
        if b"repeated" not in content:
            return last + 1
        return sum(_repeat(cell) if b"repeated" in cell else 1 for cell in cells[: last + 1])

    def _read_cells(self, table: _Table, first: int, repeat: int, content: bytes) -> int:
        column = last = 0
        for attributes, inner in _CELL.findall(content):
            start = column + 1
            column += _repeat(attributes)
            if _VALUED.search(attributes) is None:
                continue
            last = column
            code = _error_shown(attributes, inner)
            if code is not None:
                block = ErrorCells(table.name, first, start, code, repeat, column - start + 1)
                self.errors.append(block)
        return last


def _error_shown(attributes: bytes, inner: bytes) -> str | None:
    """Return the error a cell shows, or ``None`` for a cell that shows none."""
    error = _ERROR.search(attributes) is not None
    # Without LibreOffice's calcext:value-type, only the text of a formula tells an error.
    if not error and (_FORMULA.search(attributes) is None or _CALC_TYPE.search(attributes)):
        return None
    paragraph = _PARAGRAPH.search(inner)
    text = shown_text(paragraph[1]) if paragraph else ""
    if error:
        return text or "#?"
    return text if ERROR_TEXT.fullmatch(text) else None


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
