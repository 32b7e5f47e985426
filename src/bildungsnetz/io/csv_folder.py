"""CSV folders: one file per sheet of the layout, as German Excel writes and reads them.

A folder holds ``akteure.csv`` (or ``actors.csv``), ``kooperationen.csv`` and the other
sheets of :mod:`bildungsnetz.io.layout`; a missing file is an empty sheet. Reading detects
the separator (``;`` as German Excel writes, or ``,``) and the encoding: UTF-8 with or
without byte order mark, else Windows-1252, the encoding German Excel saves "CSV" in.
Windows-1252 is taken only when the bytes are no UTF-8 and only decodes to printable text;
``encoding=`` chooses it outright. Writing in German (``lang="de"``) gives what German
Excel opens by double-click: ``;`` as separator, UTF-8 with byte order mark, decimal commas,
dates as ``31.07.2028``.

A text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (also after
blanks, and in the fullwidth forms such as ``＝`` that Excel reads too) is written with a
leading apostrophe, so that no spreadsheet program takes it for a formula; reading removes
it again (a text that itself starts with an apostrophe gets a second one).

Examples
--------
>>> import tempfile, pathlib
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.io import read_csv_folder, write_csv_folder
>>> with tempfile.TemporaryDirectory() as folder:
...     write_csv_folder(musterkreis(), folder, lang="de")
...     sorted(path.name for path in pathlib.Path(folder).iterdir())[:3]
...     read_csv_folder(folder) == musterkreis()
['akteure.csv', 'foerderprogramme.csv', 'gremien.csv']
True
"""

from __future__ import annotations

import contextlib
import csv
import io
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.io._csv_text import Encoding, csv_rows, decoded
from bildungsnetz.io._formulas import formula_like
from bildungsnetz.io.atomic import replacing
from bildungsnetz.io.layout import SHEETS, normalised
from bildungsnetz.io.tables import Grid, from_grids, to_grids

if TYPE_CHECKING:
    import os

    from bildungsnetz.io.cells import CellValue
    from bildungsnetz.model import EducationNetwork

__all__ = ["read_csv_folder", "write_csv_folder"]


def file_name(key: str, lang: Literal["de", "en"]) -> str:
    """Return the file name of a sheet: ``akteure.csv`` in German, ``actors.csv`` in English.

    Examples
    --------
    >>> file_name("flows", "de"), file_name("flows", "en")
    ('uebergaenge.csv', 'flows.csv')
    """
    return f"{normalised(SHEETS[key].de) if lang == 'de' else key}.csv"


def read_csv_folder(
    path: str | os.PathLike[str], *, encoding: Encoding = "auto"
) -> EducationNetwork:
    r"""Read a network from a folder of CSV files, one per sheet.

    Parameters
    ----------
    path
        The folder. Its files are matched to the sheets by German or English name
        (``akteure.csv``, ``actors.csv``, ``Übergänge.csv``); other files are ignored.
    encoding
        ``"auto"`` (the default) detects UTF-8 with or without byte order mark, else
        Windows-1252; the others choose one.

    Returns
    -------
    network
        The network, checked as a whole.

    Raises
    ------
    LoadError
        Listing every problem with file, row, column, cell and value; nothing partial is
        returned and no file is changed.
    FileNotFoundError
        If the folder does not exist.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = pathlib.Path(folder, "akteure.csv").write_text(
    ...         "Kennung;Name;Art\ngs-1;GS Am Markt;Schule\n", encoding="utf-8")
    ...     read_csv_folder(folder)
    Traceback (most recent call last):
    ...
    bildungsnetz.errors.LoadError: 1 problem while loading:
      .../akteure.csv, akteure!C2 (column 'Art'): a school needs its school form ...
    """
    folder = Path(path)
    folder.stat()  # a folder that does not exist is a FileNotFoundError, as a file's is
    if not folder.is_dir():
        raise LoadError([LoadProblem("not a folder of CSV files", file=str(folder))])
    problems: list[LoadProblem] = []
    grids = []
    sheets = _sheet_files(folder)
    for file in sorted(folder.iterdir()):
        if file.suffix.lower() != ".csv":
            continue
        if file not in sheets:
            # Unread, but named, so that a misnamed sheet file is reported, not skipped.
            grids.append(Grid(file.stem, [], str(file)))
            continue
        try:
            grids.append(_grid(file, encoding))
        except LoadError as error:
            problems.extend(error.problems)
    if problems:
        raise LoadError(problems)
    return from_grids(grids, source=str(folder))


def _sheet_files(folder: Path) -> list[Path]:
    """Return the CSV files of a folder that hold a sheet of the layout, by name."""
    names = {normalised(name) for key, sheet in SHEETS.items() for name in (key, sheet.de)}
    return [
        file
        for file in sorted(folder.iterdir())
        if file.suffix.lower() == ".csv" and normalised(file.stem) in names
    ]


def _grid(file: Path, encoding: Encoding) -> Grid:
    rows = csv_rows(decoded(file, encoding))
    cells = [[_unprotected(value) if value != "" else None for value in row] for row in rows]
    # The sheet is the file: its cells are named as Excel names them when it opens it.
    return Grid(file.stem, cells, str(file))


def _unprotected(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def write_csv_folder(
    network: EducationNetwork,
    path: str | os.PathLike[str],
    *,
    lang: Literal["de", "en"] = "en",
    separator: Literal[";", ","] | None = None,
    encoding: Literal["utf-8", "utf-8-sig", "cp1252"] | None = None,
) -> None:
    """Write the network to a folder of CSV files, one per sheet, each atomically.

    All files are written in full beside their targets before the first is renamed over
    its old version, so a failure while writing (a full disk, a text the encoding lacks)
    leaves the folder as it was.

    Parameters
    ----------
    network
        The network.
    path
        The folder; it is created if needed. Files of the layout in it are replaced, in
        either language (``akteure.csv`` by ``actors.csv``); other files are kept.
    lang
        ``"de"``: German file names, headers, labels, dates (``31.07.2028``) and decimal
        commas; ``"en"`` (the default): English names, stable values, ISO dates.
    separator
        ``;`` (the default in German) or ``,`` (in English).
    encoding
        ``utf-8-sig`` (the default in German: German Excel opens it by double-click),
        ``utf-8`` (in English) or ``cp1252``.

    Raises
    ------
    UnicodeEncodeError
        If ``encoding="cp1252"`` and a text holds a character Windows-1252 lacks.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_csv_folder(musterkreis(), folder, lang="de")
    ...     pathlib.Path(folder, "akteure.csv").read_text(encoding="utf-8-sig")[:22]
    'Kennung;Name;Art;Schul'
    """
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    chosen_separator = separator or (";" if lang == "de" else ",")
    chosen_encoding = encoding or ("utf-8-sig" if lang == "de" else "utf-8")
    contents = {}
    for key, rows in to_grids(network, lang=lang).items():
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=chosen_separator, lineterminator="\r\n")
        writer.writerow(rows.headers)
        writer.writerows([cell_text(value, lang) for value in row] for row in rows.rows)
        # Encoded first: fail before writing anything a reader would misread.
        contents[folder / file_name(key, lang)] = buffer.getvalue().encode(chosen_encoding)
    written = list(contents)
    # Every file is written in full before the first replaces its old version, so a
    # failure while writing leaves the folder as it was; only the renames come one by one.
    with contextlib.ExitStack() as stack:
        for target, data in contents.items():
            stack.enter_context(replacing(target)).write_bytes(data)
    # A sheet's file under another name (the other language's, or Akteure.csv) is replaced
    # too: left beside the new one, it would make the folder hold the sheet twice.
    for file in _sheet_files(folder):
        if not any(file.samefile(target) for target in written):
            file.unlink()


def cell_text(value: CellValue, lang: Literal["de", "en"]) -> str:
    """Return a cell as the text a CSV file holds, the German way for ``lang="de"``.

    Text a spreadsheet program could take for a formula, and text that starts with an
    apostrophe, get an apostrophe in front (see :mod:`bildungsnetz.io._formulas`).
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{value}" if formula_like(value) or value.startswith("'") else value
    if isinstance(value, bool):
        return ("ja" if value else "nein") if lang == "de" else ("yes" if value else "no")
    if isinstance(value, float):
        return repr(value).replace(".", ",") if lang == "de" else repr(value)
    if isinstance(value, date):
        return _day_text(value, lang)
    return str(value)


def _day_text(value: date, lang: Literal["de", "en"]) -> str:
    pattern = "%d.%m.%Y" if lang == "de" else "%Y-%m-%d"
    if isinstance(value, datetime):
        pattern += " %H:%M" + (":%S" if value.second else "")
    return value.strftime(pattern)
