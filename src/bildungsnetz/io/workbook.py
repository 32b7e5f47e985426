r"""Workbooks: read ``.xlsx``, ``.xlsm``, ``.xls`` and LibreOffice ``.ods``; write ``.xlsx``.

Reading uses python-calamine, a fast reader written in Rust that opens every common
spreadsheet format, LibreOffice's included, and returns real dates for date cells.
Writing uses openpyxl, which also writes the dropdowns, comments and frozen header of the
data-entry template (:mod:`bildungsnetz.io.template`). Two choices keep a round trip
lossless: numbers are written with Python's shortest exact representation (openpyxl and
XlsxWriter round to 16 digits, which changes about a third of all coordinates), and text
is always written as text, never as a formula, with characters XML cannot hold escaped as
``_xHHHH_``, as the OOXML standard says. Both libraries come with the extra ``excel``.

Examples
--------
>>> import tempfile, pathlib
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.io import read_workbook, write_workbook
>>> with tempfile.TemporaryDirectory() as folder:
...     target = pathlib.Path(folder) / "musterkreis.xlsx"
...     write_workbook(musterkreis(), target, lang="de")
...     read_workbook(target) == musterkreis()
True
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bildungsnetz._optional import require
from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.io._formulas import formula_like
from bildungsnetz.io._shown_errors import marked
from bildungsnetz.io._workbook_zip import check_workbook_zip
from bildungsnetz.io.atomic import replacing
from bildungsnetz.io.tables import Grid, Rows, from_grids, to_grids

if TYPE_CHECKING:
    import os

    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from bildungsnetz.io._shown_errors import ErrorCells
    from bildungsnetz.io.cells import CellValue
    from bildungsnetz.model import EducationNetwork

__all__ = ["READABLE", "read_workbook", "write_workbook"]

READABLE = frozenset({".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"})
"""The file endings :func:`read_workbook` opens."""

EXCEL_ROWS = 1_048_576
"""The most rows a worksheet of Excel holds."""

_XML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
# Excel cannot show dates before 1 March 1900 as dates; such days are written as text.
_FIRST_EXCEL_DAY = date(1900, 3, 1)
# How Rust ends an error of the operating system (calamine passes it on as a bare OSError).
_OS_ERROR = re.compile(r"\(os error [0-9]+\)$")


def read_workbook(path: str | os.PathLike[str]) -> EducationNetwork:
    """Read a network from a workbook, every sheet of the layout that it holds.

    Parameters
    ----------
    path
        An Excel (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``) or LibreOffice (``.ods``)
        workbook with German or English sheet names and headers (see
        :mod:`bildungsnetz.io.layout`). Title rows above the header and empty rows are
        skipped; sheets the layout does not know are ignored.

    Returns
    -------
    network
        The network, checked as a whole.

    Raises
    ------
    LoadError
        Listing every problem with its cell (``Akteure!D7``) and value, a cell that shows
        an error (``#DIV/0!``) among them; also for a file that is no workbook, one that
        unpacks to more than 1 GiB (a zip bomb), one with a sheet spanning more than 50
        million cells (``A1`` to ``XFD1048576``) and one with a cell past row 1,048,576
        or column 16,384 (in an ``.ods``, its repeated rows and cells counted, and
        refused when they span a million cells more than ``content.xml`` has bytes),
        refused before they take the memory. The file is only read.
    OSError
        If the file cannot be opened: ``FileNotFoundError`` if it does not exist.
    MissingDependencyError
        If the extra ``excel`` is not installed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     renamed = pathlib.Path(folder) / "akteure.xlsx"
    ...     _ = renamed.write_text("Kennung;Name", encoding="utf-8")
    ...     read_workbook(renamed)
    Traceback (most recent call last):
    ...
    bildungsnetz.errors.LoadError: 1 problem while loading:
      .../akteure.xlsx: not a readable workbook (...)
    """
    return from_grids(workbook_grids(path, feature="read_workbook()"), source=str(path))


def workbook_grids(path: str | os.PathLike[str], *, feature: str = "reading") -> list[Grid]:
    """Return every sheet of a workbook as read, empty cells as ``None``, in file order.

    Parameters
    ----------
    path
        An Excel or LibreOffice workbook (see :data:`READABLE`).
    feature
        What needs the workbook, for the message if the extra ``excel`` is missing.

    Raises
    ------
    LoadError
        For a file that is no workbook.
    MissingDependencyError
        If the extra ``excel`` is not installed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "kreis.xlsx"
    ...     write_workbook(musterkreis(), target, lang="de")
    ...     grid = workbook_grids(target)[1]
    >>> grid.name, grid.rows[0][:3]
    ('Akteure', ['Kennung', 'Name', 'Art'])
    """
    calamine = require("python_calamine", extra="excel", feature=feature)
    source = Path(path)
    # Opening it first gives the errors Python gives for a missing or forbidden file
    # (FileNotFoundError, PermissionError); calamine's own are a bare OSError.
    with source.open("rb"):
        pass
    errors = check_workbook_zip(source)
    try:
        workbook = calamine.CalamineWorkbook.from_path(str(source))
        grids = [
            Grid(
                name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False), str(source)
            )
            for name in workbook.sheet_names
        ]
    except Exception as error:  # calamine raises errors of its own for broken files
        if _from_the_system(error):
            raise
        message = f"not a readable workbook ({type(error).__name__}: {error})"
        raise LoadError([LoadProblem(message, file=str(source))]) from None
    return [_cleaned(grid, errors) for grid in grids]


def _from_the_system(error: Exception) -> bool:
    """Tell an error of the system (a disk error, the file gone since it was opened).

    calamine gives both the system's errors and those of a broken member (one longer than
    its zip declares) as a bare ``OSError``; only the system's end in Rust's ``(os error N)``.
    """
    if not isinstance(error, OSError):
        return False
    return error.errno is not None or _OS_ERROR.search(str(error)) is not None


def _cleaned(grid: Grid, errors: list[ErrorCells]) -> Grid:
    # calamine gives empty cells as "", numbers as int or float; the reader wants None.
    # It gives a cell that shows an error (#DIV/0!) as "" too: that one is marked.
    rows = [[None if value == "" else value for value in row] for row in grid.rows]
    return Grid(grid.name, marked(grid.name, rows, errors), grid.source)


def write_workbook(
    network: EducationNetwork, path: str | os.PathLike[str], *, lang: Literal["de", "en"] = "en"
) -> None:
    """Write the network to an Excel workbook (``.xlsx``), atomically.

    Parameters
    ----------
    network
        The network.
    path
        Where to write it; an existing file is replaced in one step (a crash leaves the old
        one as it was).
    lang
        ``"de"`` for German sheet names, headers and labels; ``"en"`` (the default) for
        the English headers and the stable English values.

    Raises
    ------
    ValueError
        If a sheet has more rows than Excel holds (a network of all of Germany has more
        cooperations than that: use a CSV folder or JSON).
    MissingDependencyError
        If the extra ``excel`` is not installed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "netz.xlsx"
    ...     write_workbook(musterkreis(), target, lang="de")
    ...     target.stat().st_size > 10_000
    True
    """
    openpyxl = require("openpyxl", extra="excel", feature="write_workbook()")
    sheets = to_grids(network, lang=lang)
    too_long = [rows.name for rows in sheets.values() if len(rows.rows) + 1 > EXCEL_ROWS]
    if too_long:
        msg = (
            f"the sheets {', '.join(too_long)} have more rows than Excel holds "
            f"({EXCEL_ROWS:,}); write a CSV folder or JSON instead"
        )
        raise ValueError(msg)
    workbook = openpyxl.Workbook(write_only=True)
    for rows in sheets.values():
        _write_sheet(workbook, rows)
    save_atomic(workbook, Path(path))


def _write_sheet(workbook: Workbook, rows: Rows) -> None:
    sheet = workbook.create_sheet(rows.name)
    sheet.freeze_panes = "A2"
    sheet.append([text_cell(sheet, header) for header in rows.headers])
    for row in rows.rows:
        sheet.append([typed_cell(sheet, value) for value in row])


def typed_cell(sheet: Worksheet, value: CellValue) -> Any:
    """Return a cell for a write-only sheet that keeps ``value`` exactly.

    Text stays text (never a formula, whatever it starts with), numbers keep every digit,
    dates are date cells shown the German way.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return text_cell(sheet, value)
    if isinstance(value, int | float):
        return _number_cell(sheet, value)
    return _day_cell(sheet, value)


def _number_cell(sheet: Worksheet, number: float) -> Any:
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 (imported with the extra)

    cell = WriteOnlyCell(sheet, value=0)
    # openpyxl writes a number with 16 digits; given its text, it writes that text. The
    # stubs do not know the attribute openpyxl keeps the value in.
    cell._value = repr(number)  # type: ignore[attr-defined]
    return cell


def _day_cell(sheet: Worksheet, day: date) -> Any:
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 (imported with the extra)

    if not isinstance(day, datetime) and day < _FIRST_EXCEL_DAY:
        return text_cell(sheet, day.isoformat())
    cell = WriteOnlyCell(sheet, value=day)  # type: ignore[arg-type]  # openpyxl writes dates
    cell.number_format = "DD.MM.YYYY HH:MM" if isinstance(day, datetime) else "DD.MM.YYYY"
    return cell


def text_cell(sheet: Worksheet, text: str) -> Any:
    """Return a text cell for a write-only sheet: text, never a formula, escaped for XML.

    Text a spreadsheet program could take for a formula (``=HYPERLINK(...)``, ``＝1``)
    gets the quote prefix as well, so that editing the cell keeps it text.
    """
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 (imported with the extra)

    cell = WriteOnlyCell(sheet, value="")
    # Set past openpyxl's own reading, which turns text starting with = into a formula.
    cell._value = escape_text(text)  # type: ignore[attr-defined]
    cell.data_type = "s"
    if formula_like(text):
        # A text cell is never evaluated when the file opens; the quote prefix (what Excel
        # sets for text typed with a leading apostrophe) keeps it text when edited, too.
        cell.quotePrefix = True
    return cell


def escape_text(text: str) -> str:
    r"""Return text as OOXML stores it: characters XML cannot hold as ``_xHHHH_``.

    Examples
    --------
    >>> escape_text("a\x01b"), escape_text("_x0041_")
    ('a_x0001_b', '_x005F_x0041_')
    """
    text = _XML_ESCAPE.sub(r"_x005F_\1", text)
    return _XML_FORBIDDEN.sub(
        lambda match: f"_x{ord(match.group()):04X}_", text.replace("\r", "_x000D_")
    )


def save_atomic(workbook: Workbook, target: Path) -> None:
    """Save a workbook through a temporary file beside ``target`` and one rename.

    See :func:`bildungsnetz.io.atomic.replacing`: links are written through, a read-only
    target is refused, the file gets the permissions of the one it replaces.
    """
    try:
        with replacing(target) as temporary:
            workbook.save(temporary)
    except BaseException:
        _discard(workbook)
        raise


def _discard(workbook: Workbook) -> None:
    # A write-only sheet keeps an open generator writing to a temporary file; left unsaved
    # (a read-only target, a missing folder), it fails noisily when garbage-collected.
    for sheet in workbook.worksheets:
        rows = getattr(sheet, "_rows", None)
        if rows is not None:
            with contextlib.suppress(Exception):
                rows.close()
