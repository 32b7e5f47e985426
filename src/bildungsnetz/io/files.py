"""Read and write a network in whatever form a path names: JSON, a workbook, a CSV folder.

Examples
--------
>>> import tempfile, pathlib
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.io import read, write
>>> with tempfile.TemporaryDirectory() as folder:
...     write(musterkreis(), pathlib.Path(folder) / "kreis.xlsx", lang="de")
...     write(read(pathlib.Path(folder) / "kreis.xlsx"), pathlib.Path(folder) / "csv")
...     read(pathlib.Path(folder) / "csv") == musterkreis()
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.io.csv_folder import read_csv_folder, write_csv_folder
from bildungsnetz.io.json_format import load, save
from bildungsnetz.io.workbook import READABLE, read_workbook, write_workbook

if TYPE_CHECKING:
    import os

    from bildungsnetz.model import EducationNetwork

__all__ = ["Kind", "kind_of", "read", "write"]

Kind = Literal["json", "workbook", "csv"]
"""The forms a network is kept in."""

_WRITABLE_WORKBOOKS = {".xlsx"}


def kind_of(path: str | os.PathLike[str]) -> Kind:
    """Return the form a path names: ``.json``, a workbook ending, else a CSV folder.

    A path that exists as a folder, or has no ending, is a folder of CSV files.

    Raises
    ------
    ValueError
        For an ending that is none of these (``.txt``, ``.csv``: a CSV file alone holds one
        sheet; name its folder).

    Examples
    --------
    >>> kind_of("kreis.json"), kind_of("kreis.ods"), kind_of("kreis-daten")
    ('json', 'workbook', 'csv')
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in READABLE:
        return "workbook"
    if target.is_dir() or not suffix:
        return "csv"
    msg = (
        f"cannot tell the form of {str(target)!r}: name a .json file, a workbook "
        f"({', '.join(sorted(READABLE))}) or a folder of CSV files"
    )
    raise ValueError(msg)


def read(path: str | os.PathLike[str]) -> EducationNetwork:
    """Read a network from a JSON file, a workbook or a folder of CSV files.

    Raises
    ------
    LoadError
        Listing every problem, each at its place (path, cell); also for a path whose
        form cannot be told.
    OSError
        If the file cannot be read.

    Examples
    --------
    >>> from bildungsnetz.datasets import example_path
    >>> read(example_path()).name
    'Musterkreis'
    """
    try:
        kind = kind_of(path)
    except ValueError as error:
        raise LoadError([LoadProblem(str(error), file=str(path))]) from None
    if kind == "json":
        return load(path)
    if kind == "workbook":
        return read_workbook(path)
    return read_csv_folder(path)


def write(
    network: EducationNetwork,
    path: str | os.PathLike[str],
    *,
    lang: Literal["de", "en"] = "en",
) -> None:
    """Write a network as JSON, an ``.xlsx`` workbook or a folder of CSV files, atomically.

    ``lang`` chooses the language of the sheets' names, headers and labels; JSON is the
    same in both.

    Raises
    ------
    ValueError
        For a path whose form cannot be told, or a workbook ending other than ``.xlsx``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write(musterkreis(), pathlib.Path(folder) / "kreis.ods")
    Traceback (most recent call last):
    ...
    ValueError: workbooks are written as .xlsx, got '.ods' (LibreOffice opens .xlsx)
    """
    kind = kind_of(path)
    if kind == "json":
        save(network, path)
    elif kind == "workbook":
        suffix = Path(path).suffix.lower()
        if suffix not in _WRITABLE_WORKBOOKS:
            msg = f"workbooks are written as .xlsx, got {suffix!r} (LibreOffice opens .xlsx)"
            raise ValueError(msg)
        write_workbook(network, path, lang=lang)
    else:
        write_csv_folder(network, path, lang=lang)
