"""Bounds on a workbook's zip before python-calamine opens it: zip bombs and far-away cells.

An ``.xlsx`` (and ``.ods``) is a zip of XML files. calamine inflates each sheet whole and
lays its cells out as one dense block from the first to the last cell, so two kinds of
small file take unbounded memory: a zip bomb (a few kilobytes of deflated XML that inflate
to gigabytes) and a sheet of two cells, ``A1`` and ``XFD1048576``, whose block has 17
billion cells (calamine then aborts the whole process, which no ``except`` can catch).

:func:`check_workbook_zip` inflates every member itself, piece by piece, counting what
comes out rather than trusting the sizes the zip declares (a bomb may lie about them),
and stops at :data:`MAX_UNPACKED_BYTES`. While inflating a worksheet it follows its row
and cell references and stops at a block larger than :data:`MAX_SHEET_CELLS` or a cell
past Excel's last row or column (calamine lays out whatever a reference says); the tables
of an ``.ods`` (``content.xml``) are followed by :class:`~bildungsnetz.io._ods_tables.OdsTables`,
repeated rows and cells included. On the way it collects the cells that show an error
(``#DIV/0!``), which calamine reads as empty ones. Memory stays that of one piece.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from typing import TYPE_CHECKING, BinaryIO, NoReturn

from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.io._ods_tables import MAX_COLUMNS, MAX_ROWS, OdsTables, TableTooLargeError
from bildungsnetz.io._shown_errors import ErrorCells, sheet_members, shown_text

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

__all__ = ["MAX_SHEET_CELLS", "MAX_UNPACKED_BYTES", "check_workbook_zip"]

MAX_UNPACKED_BYTES = 1 << 30
"""The most bytes all members of a workbook's zip may inflate to together (1 GiB)."""

MAX_SHEET_CELLS = 50_000_000
"""The largest block of cells, from the first to the last, a worksheet may span.

A full Excel sheet of a million rows has room for 47 columns; far more than any network.
"""

_PIECE = 1 << 20
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
# A start tag of a row or a cell, with its attributes; r="B7" / r="7" when given.
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(c)(?=[\s/>])([^>]*)>")
_ROW_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*)>")
# References of any length: a row past 1,048,576 is refused, not taken for none.
_REFERENCE = re.compile(rb"""\sr\s*=\s*["']([A-Z]*)([0-9]*)["']""")
_PREFIX = rb"<(?:[A-Za-z_][\w.-]*:)?"
_ROW_TAG = re.compile(_PREFIX + rb"row[\s/>]")
_CELL_TAG = re.compile(_PREFIX + rb"c[\s/>]")
_ROW_NUMBER = re.compile(_PREFIX + rb"""row\s[^>]*?(?<=\s)r\s*=\s*["']([0-9]+)["']""")
_CELL_REFERENCE = re.compile(_PREFIX + rb"""c\s[^>]*?(?<=\s)r\s*=\s*["']([A-Z]+)([0-9]+)["']""")
# A tag cut at the end of a piece is read again with the next; none is longer than this.
_LONGEST_TAG = 1 << 20
# A cell of type "e" (error), its reference and what it shows.
_ERROR_CELL = re.compile(_PREFIX + rb"""c\s[^>]*?(?<=\s)t\s*=\s*["']e["'][^>]*(?<!/)>""")
_CELL_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c>")
_VALUE = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?v(?=[\s>])[^>]*>(.*?)</(?:[A-Za-z_][\w.-]*:)?v>", re.S
)
_CELL_AT = re.compile(rb"""(?<=\s)r\s*=\s*["']([A-Z]+)([0-9]+)["']""")
_ROW_OR_CELL = re.compile(_PREFIX + rb"(row|c)(?=[\s/>])([^>]*)>")
# The parts that name the sheets of an .xlsx, and their members.
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels"
_WORKBOOK_PARTS = {_WORKBOOK, _WORKBOOK_RELATIONSHIPS}
_ODS_CONTENT = "content.xml"


def check_workbook_zip(source: Path) -> list[ErrorCells]:
    """Refuse a workbook whose zip inflates too far or whose sheet spans too many cells.

    A file that is no zip (``.xls``, or no workbook at all) is left to calamine, whose
    errors name it. Raises :class:`LoadError` naming the file and the member or sheet.
    Returns the cells that show an error, by sheet name.
    """
    if not zipfile.is_zipfile(source):
        return []
    found = _Found()
    try:
        with zipfile.ZipFile(source) as archive, source.open("rb") as raw:
            members = archive.infolist()
            _check_declared(source, members)
            for member in members:
                _check_member(source, raw, member, found)
    except LoadError:
        raise  # a refusal of ours (LoadError is a ValueError too)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        ValueError,
        OverflowError,
        struct.error,
    ) as error:
        _refuse(source, f"not a readable workbook ({type(error).__name__}: {error})")
    return found.errors()


class _Found:
    """What the members inflated to so far: bytes, the parts naming sheets, error cells."""

    def __init__(self) -> None:
        self.unpacked = 0
        self.parts: dict[str, bytes] = {}
        self.xlsx_errors: dict[str, list[tuple[bytes, bytes, str]]] = {}
        self.ods_errors: list[ErrorCells] = []

    def errors(self) -> list[ErrorCells]:
        names = sheet_members(
            self.parts.get(_WORKBOOK, b""), self.parts.get(_WORKBOOK_RELATIONSHIPS, b"")
        )
        found = list(self.ods_errors)
        for member, cells in self.xlsx_errors.items():
            # An XML member that is no sheet of the workbook is not read by calamine either.
            if member in names:
                found += [
                    ErrorCells(names[member], _number(row), _column(letters), code)
                    for letters, row, code in cells
                ]
        return found


def _check_declared(source: Path, members: list[zipfile.ZipInfo]) -> None:
    # The sizes the zip declares are checked first: an honest bomb is refused unopened.
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNPACKED_BYTES:
        _refuse(source, _too_big(f"declares {declared:,} bytes"))


def _check_member(source: Path, raw: BinaryIO, member: zipfile.ZipInfo, found: _Found) -> None:
    # Any XML member is followed, not only xl/worksheets/: a sheet may have any name.
    # calamine reads an .ods by its ending, and then only content.xml, as OpenDocument.
    ods = source.suffix.lower() == ".ods"
    tables = OdsTables(MAX_SHEET_CELLS) if member.filename == _ODS_CONTENT else None
    xml = member.filename.lower().endswith(".xml")
    sheet = _SheetExtent() if xml and not (ods and tables is not None) else None
    kept, kept_tables, part = b"", b"", []
    for piece in _inflated(raw, member):
        found.unpacked += len(piece)
        if found.unpacked > MAX_UNPACKED_BYTES:
            _refuse(source, _too_big(f"inflates to more than {MAX_UNPACKED_BYTES:,} bytes"))
        if member.filename in _WORKBOOK_PARTS:
            part.append(piece)
        if sheet is not None:
            kept = sheet.read(kept + piece)
            _check_sheet(source, member, sheet, kept)
        if tables is not None:
            kept_tables = _follow_tables(source, member, tables, kept_tables + piece)
    if part:
        found.parts[member.filename] = b"".join(part)
    if sheet is not None and sheet.errors:
        found.xlsx_errors[member.filename] = sheet.errors
    if tables is not None:
        found.ods_errors += tables.errors


def _follow_tables(source: Path, member: zipfile.ZipInfo, tables: OdsTables, data: bytes) -> bytes:
    try:
        kept = tables.read(data)
    except TableTooLargeError as error:
        problem = LoadProblem(str(error), file=str(source), sheet=error.sheet, row=error.row)
        raise LoadError([problem]) from None
    _check_kept(source, member, kept)
    return kept


def _check_sheet(source: Path, member: zipfile.ZipInfo, sheet: _SheetExtent, kept: bytes) -> None:
    # Past Excel's last row or column first: calamine lays out whatever a reference says.
    if sheet.rows > MAX_ROWS or sheet.columns > MAX_COLUMNS:
        _refuse(source, sheet.past_the_last(member.filename))
    if sheet.cells > MAX_SHEET_CELLS:
        _refuse(source, sheet.too_large(member.filename))
    _check_kept(source, member, kept)


def _check_kept(source: Path, member: zipfile.ZipInfo, kept: bytes) -> None:
    if len(kept) > _LONGEST_TAG:
        _refuse(source, f"refused: {member.filename} has a tag of over {_LONGEST_TAG:,} bytes")


def _inflated(raw: BinaryIO, member: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield what a member inflates to, piece by piece, whatever its header says."""
    if not 0 <= member.header_offset < _file_size(raw):
        msg = f"{member.filename!r} starts outside the file, at {member.header_offset}"
        raise zipfile.BadZipFile(msg)
    raw.seek(member.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_SIGNATURE:
        msg = f"no local header for {member.filename!r}"
        raise zipfile.BadZipFile(msg)
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
    raw.seek(name_length + extra_length, 1)
    if member.compress_type == zipfile.ZIP_STORED:
        left = member.compress_size
        while left > 0 and (piece := raw.read(min(left, _PIECE))):
            left -= len(piece)
            yield piece
        return
    if member.compress_type != zipfile.ZIP_DEFLATED:
        msg = f"{member.filename!r} is compressed with method {member.compress_type}"
        raise NotImplementedError(msg)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    left = member.compress_size
    while not inflater.eof:
        if inflater.unconsumed_tail:
            data = inflater.unconsumed_tail
        else:
            data = raw.read(min(left, _PIECE)) if left > 0 else b""
            left -= len(data)
            if not data:
                return  # cut short: calamine names the broken file
        yield inflater.decompress(data, _PIECE)


def _file_size(raw: BinaryIO) -> int:
    position = raw.tell()
    size = raw.seek(0, 2)
    raw.seek(position)
    return size


class _SheetExtent:
    """The block of cells a worksheet spans, followed through its XML as it inflates."""

    def __init__(self) -> None:
        self.rows = 0  # the last row so far (1-based)
        self.columns = 0  # the widest row so far
        self.column = 0  # the last cell of the current row
        self.far = ""
        self.errors: list[tuple[bytes, bytes, str]] = []  # letters, row, what it shows

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    def read(self, data: bytes) -> bytes:
        """Follow the tags in ``data``; return the end that may hold a tag cut in two."""
        cut = data.rfind(b"<")
        if cut < 0 or data.find(b">", cut) >= 0:
            body, rest = data, b""  # the last tag is whole
        else:
            body, rest = data[:cut], data[cut:]
        # An error cell's type is "e" or 'e': two quick searches spare the slower one.
        if (b'"e"' in body or b"'e'" in body) and _ERROR_CELL.search(body):
            body, rest = self._read_errors(body, rest)
        row_numbers = _ROW_NUMBER.findall(body)
        cell_references = _CELL_REFERENCE.findall(body)
        if len(row_numbers) == len(_ROW_TAG.findall(body)) and len(cell_references) == len(
            _CELL_TAG.findall(body)
        ):
            self._read_referenced(row_numbers, cell_references)
        else:
            self._read_tag_by_tag(body)
        return rest

    def _read_errors(self, body: bytes, rest: bytes) -> tuple[bytes, bytes]:
        """Note the error cells in ``body``; one cut off at its end is read with the next piece."""
        found: list[tuple[int, re.Match[bytes] | None, str]] = []
        for tag in _ERROR_CELL.finditer(body):
            end = _CELL_END.search(body, tag.end())
            if end is None:
                body, rest = body[: tag.start()], body[tag.start() :] + rest
                break
            value = _VALUE.search(body, tag.end(), end.start())
            if value is not None:
                found.append((tag.start(), _CELL_AT.search(tag[0]), shown_text(value[1]) or "#?"))
        # A cell without a reference is where the cells and rows before it put it.
        unplaced = {start for start, reference, _ in found if reference is None}
        placed = self._positions(body, unplaced) if unplaced else {}
        for start, reference, code in found:
            letters, row = (reference[1], reference[2]) if reference else placed[start]
            self.errors.append((letters, row, code))
        return body, rest

    def _positions(self, body: bytes, starts: set[int]) -> dict[int, tuple[bytes, bytes]]:
        """Return the column letters and row of the cells starting at ``starts`` in ``body``.

        Counted on from the row and cell where the text before ``body`` ended, as calamine
        places a row or cell that says not where it is.
        """
        row, column = self.rows, self.column
        positions = {}
        for tag in _ROW_OR_CELL.finditer(body):
            reference = _REFERENCE.search(tag[2])
            letters, digits = (reference[1], reference[2]) if reference else (b"", b"")
            if tag[1] == b"row":
                row, column = (_number(digits) if digits else row + 1), 0
                continue
            column = _column(letters) if letters else column + 1
            row = _number(digits) if digits else row
            if tag.start() in starts:
                positions[tag.start()] = (_letters(column), str(row).encode())
        return positions

    def _read_referenced(self, row_numbers: list[bytes], cells: list[tuple[bytes, bytes]]) -> None:
        # What Excel and LibreOffice write: every row and cell says where it is. The
        # searches run in C; only the largest row and column are compared in Python.
        if row_numbers:
            self.rows = max(self.rows, *(_number(number) for number in set(row_numbers)))
        if not cells:
            return
        self.rows = max(self.rows, *(_number(digits) for digits in {digits for _, digits in cells}))
        letters = max({letters for letters, _ in cells}, key=lambda text: (len(text), text))
        self.column = _column(cells[-1][0])
        if _column(letters) > self.columns:
            self.columns = _column(letters)
            digits = next(digits for column, digits in cells if column == letters)
            self.far = (letters + digits).decode("ascii")

    def _read_tag_by_tag(self, body: bytes) -> None:
        # Rows or cells without a reference count on from the one before: row by row,
        # and tag by tag only within a row that has such a cell.
        pieces = _ROW_START.split(body)
        self._read_row_content(pieces[0])
        for attributes, content in zip(pieces[1::2], pieces[2::2], strict=True):
            reference = _REFERENCE.search(attributes)
            self.rows = _number(reference[2]) if reference and reference[2] else self.rows + 1
            self.column = 0
            self._read_row_content(content)

    def _read_row_content(self, content: bytes) -> None:
        cells = _CELL_REFERENCE.findall(content)
        count = len(_CELL_TAG.findall(content))
        if len(cells) == count:
            if cells:
                self._read_referenced([], cells)
            return
        if not cells:  # none says where it is: they follow each other
            self.column += count
            if self.column > self.columns:
                self.columns, self.far = self.column, ""
            return
        for tag in _TAG.finditer(content):
            reference = _REFERENCE.search(tag[2])
            letters, digits = (reference[1], reference[2]) if reference else (b"", b"")
            self.column = _column(letters) if letters else self.column + 1
            if digits:
                self.rows = max(self.rows, _number(digits))
            if self.column > self.columns:
                self.columns = self.column
                self.far = (letters + digits).decode("ascii")

    def past_the_last(self, member: str) -> str:
        if self.columns > MAX_COLUMNS:
            where = f"a cell in column {self.columns:,} ({self.far or '?'})"
            last = f"the last column a sheet may have ({MAX_COLUMNS:,}, XFD)"
        else:
            where = f"a cell in row {self.rows:,}"
            last = f"the last row a sheet may have ({MAX_ROWS:,})"
        return (
            f"refused: {member} has {where}, past {last}; delete what stands far outside the tables"
        )

    def too_large(self, member: str) -> str:
        return (
            f"refused: {member} spans {self.rows:,} rows and {self.columns:,} columns "
            f"(up to cell {self.far or '?'}), more than {MAX_SHEET_CELLS:,} cells; "
            "delete what stands far outside the tables"
        )


def _number(digits: bytes) -> int:
    # More digits than twelve are past every bound, and int() of thousands of them raises.
    return int(digits) if len(digits) <= 12 else 10**12  # noqa: PLR2004


def _column(letters: bytes) -> int:
    if len(letters) > len(b"XFD"):
        return MAX_COLUMNS + 1  # past every column; the number would say nothing more
    number = 0
    for letter in letters:
        number = number * 26 + letter - ord("A") + 1
    return number


def _letters(column: int) -> bytes:
    """Return the letters of a column numbered from 1 (``28`` -> ``AB``)."""
    letters = b""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = bytes([ord("A") + remainder]) + letters
    return letters


def _too_big(what: str) -> str:
    return (
        f"refused: the workbook {what}, more than {MAX_UNPACKED_BYTES:,} bytes "
        "unpacked (a zip bomb, or far more than a network needs)"
    )


def _refuse(source: Path, message: str) -> NoReturn:
    raise LoadError([LoadProblem(message, file=str(source))])
