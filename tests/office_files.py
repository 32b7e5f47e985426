"""Files made the way an office makes them by hand, for the tests of reading workbooks and CSV.

:func:`office_book` writes a German workbook with openpyxl as a person would fill it in:
a merged title row above each table, an empty row under it, German headers, real date
cells, numbers typed into General cells, ids and school numbers as text, and an empty
trailing row. Every table's header is in row 3 and its data start in row 4, so a cell
such as ``Akteure!D4`` (the Grundschule's school form) is known by construction.
:data:`OFFICE_NETWORK` is the network the book holds.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pytest

from bildungsnetz import (
    Actor,
    Cooperation,
    EducationNetwork,
    Forum,
    Identifier,
    Period,
    SchoolProfile,
    TransitionFlow,
    io,
)
from bildungsnetz.errors import LoadError

if TYPE_CHECKING:
    from pathlib import Path

HEADER_ROW = 3
"""The row of every table's header in :func:`office_book`; data start in the row below."""

# Sheet -> (title above the table, header, rows). Cells are what a person types.
OFFICE_SHEETS: dict[str, tuple[str, list[str], list[list[Any]]]] = {
    "Netzwerk": (
        "Bildungsnetz Landkreis Beispiel",
        ["Name", "Region", "Stichtag"],
        [["Landkreis Beispiel", "Sachsen-Anhalt", datetime(2025, 11, 1)]],
    ),
    "Akteure": (
        "Akteure (Stand: November 2025)",
        ["Kennung", "Name", "Art", "Schulform", "Schülerzahl", "Gemeinde", "Fehlquote"],
        [
            ["gs-1", "Grundschule Am Markt", "Schule", "Grundschule", 180, 15084275, 0.04],
            ["ssa-1", "Schulsozialarbeit GS Am Markt", "Schulsozialarbeit"],
            ["ja", "Jugendamt", "Jugendamt"],
            ["kita-1", "Kita Sonnenschein", "Kita"],
        ],
    ),
    "Kennungen": (
        "Schulnummern",
        ["Akteur", "Schema", "Wert"],
        [["gs-1", "Schulnummer", "01234"]],
    ),
    "Kooperationen": (
        "Kooperationen",
        ["Kennung", "Akteur 1", "Akteur 2", "Art", "gültig ab", "personengebunden"],
        [
            ["k1", "gs-1", "ssa-1", "Einsatz an der Schule", datetime(2024, 8, 1), "nein"],
            ["k2", "gs-1", "kita-1", "Übergangskooperation"],
        ],
    ),
    "Gremien": (
        "Gremien",
        ["Kennung", "Name", "Art", "Einladende Stelle"],
        [["ak-1", "Arbeitskreis Schulabsentismus", "Arbeitskreis", "ja"]],
    ),
    "Gremienmitglieder": (
        "Mitglieder der Gremien",
        ["Gremium", "Akteur"],
        [["ak-1", "gs-1"], ["ak-1", "ssa-1"]],
    ),
    "Übergänge": (
        "Übergänge Kita → Grundschule",
        ["von", "nach", "Schuljahr", "Anzahl", "Übergang"],
        [["kita-1", "gs-1", "2024/25", 14, "Kita → Grundschule"]],
    ),
}

OFFICE_NETWORK = EducationNetwork(
    name="Landkreis Beispiel",
    region="Sachsen-Anhalt",
    reference_date=date(2025, 11, 1),
    actors=[
        Actor(
            id="gs-1",
            name="Grundschule Am Markt",
            kind="school",
            school=SchoolProfile(form="grundschule", pupils=180, absence_rate=0.04),
            municipality="15084275",
            identifiers={Identifier(scheme="Schulnummer", value="01234")},
        ),
        Actor(id="ssa-1", name="Schulsozialarbeit GS Am Markt", kind="school_social_work"),
        Actor(id="ja", name="Jugendamt", kind="youth_welfare_office"),
        Actor(id="kita-1", name="Kita Sonnenschein", kind="daycare"),
    ],
    cooperations=[
        Cooperation(
            id="k1",
            actors=("gs-1", "ssa-1"),
            kind="placement",
            period=Period(start=date(2024, 8, 1)),
            person_bound=False,
        ),
        Cooperation(id="k2", actors=("gs-1", "kita-1"), kind="transition"),
    ],
    forums=[
        Forum(
            id="ak-1",
            name="Arbeitskreis Schulabsentismus",
            kind="working_group",
            convenor="ja",
            members={"gs-1", "ssa-1"},
        )
    ],
    flows=[
        TransitionFlow(
            source="kita-1", target="gs-1", year=2024, pupils=14, transition="kita_to_primary"
        )
    ],
)
"""The network :func:`office_book` holds when no cell is changed."""


def office_book(
    folder: Path,
    cells: dict[str, Any] | None = None,
    *,
    name: str = "kreis.xlsx",
    extra: dict[str, list[list[Any]]] | None = None,
) -> Path:
    """Write the hand-made workbook into ``folder`` and return its path.

    Parameters
    ----------
    folder
        Where to write it.
    cells
        Cells to change after the tables are typed, by reference: ``{"Akteure!D4": "x"}``.
        A date or date-time is written as a date cell shown the German way.
    name
        The file's name.
    extra
        Further sheets, by name, as rows from A1.
    """
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, (caption, header, rows) in OFFICE_SHEETS.items():
        sheet = book.create_sheet(title)
        sheet["A1"] = caption
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        for row, values in enumerate([header, *rows], start=HEADER_ROW):
            for column, value in enumerate(values, start=1):
                _put(sheet.cell(row=row, column=column), value)
        # An empty trailing row, as left behind when a row's content is deleted.
        trailing = sheet.cell(row=HEADER_ROW + len(rows) + 1, column=1)
        trailing.value = ""
        trailing.number_format = "@"
    for title, rows in (extra or {}).items():
        sheet = book.create_sheet(title)
        for values in rows:
            sheet.append(values)
    for reference, value in (cells or {}).items():
        title, coordinate = reference.split("!")
        _put(book[title][coordinate], value)
    path = folder / name
    book.save(path)
    return path


def _put(cell: Any, value: Any) -> None:
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = (
            "DD.MM.YYYY" if value.time() == datetime.min.time() else "DD.MM.YYYY HH:MM"
        )
    elif isinstance(value, date):
        cell.number_format = "DD.MM.YYYY"


def load_error(path: Path, reader: Any = io.read) -> LoadError:
    """Return the :class:`LoadError` that reading ``path`` raises (failing if none is)."""
    with pytest.raises(LoadError) as caught:
        reader(path)
    return caught.value


def refusal(path: Path, reader: Any = io.read) -> LoadError:
    """Return the :class:`LoadError` of reading ``path``; nothing came back, nothing changed.

    The file (if there is one) has the content and modification time it had before.
    """
    before = fingerprint(path) if path.is_file() else None
    result = None
    with pytest.raises(LoadError) as caught:
        result = reader(path)
    assert result is None
    if before is not None:
        assert fingerprint(path) == before
    return caught.value


def located(error: LoadError) -> list[tuple[str | None, str]]:
    """Return each problem of ``error`` as (cell, message)."""
    return [(problem.cell, problem.message) for problem in error.problems]


def fingerprint(path: Path) -> tuple[str, int]:
    """Return a file's SHA-256 and modification time in nanoseconds."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
