"""Hostile cells of workbooks and CSV folders: impossible dates, type soup, zones, formulas.

Each refusal is one :class:`LoadError` listing every bad cell at once, by file and cell
(``Kooperationen!E4``) with its value; nothing partial comes back and the file is unchanged.

Cases of the fault catalogue that live elsewhere, and are not repeated here:

- unknown references in a workbook or CSV folder (a cooperation with a missing partner, a
  forum member, an identifier's actor, a flow to a missing school):
  ``tests/test_io_workbook_records.py`` (``test_an_unknown_*``), and
  ``tests/test_io_csv_folder.py::test_an_unknown_actor_in_a_flow_is_named_at_its_cell``;
  for models built in code, every reference of every collection:
  ``tests/test_model_network.py::test_unknown_references_are_found_in_every_collection``;
- ``part_of`` cycles: ``tests/test_model_network.py::test_part_of_cycles_are_reported_once``
  and ``::test_an_actor_that_is_part_of_itself_is_a_cycle`` (and below, from a workbook);
- type soup typed as text ("1.250" pupils, "14,5" pupils, ids typed as numbers, "ja", "x",
  "WAHR", "-", a blank name, AGS without its leading zero): ``tests/test_io_cells.py``;
- "31.02.2024" and "März 2024" at one cell: ``tests/test_io_cells.py``.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import pytest

from bildungsnetz import io
from bildungsnetz.errors import LoadError
from office_files import OFFICE_NETWORK, fingerprint, located, office_book, refusal

IMPOSSIBLE = {
    "31.02.2025": "day is out of range for month",
    "29.02.2023": "day is out of range for month",  # 2023 is no leap year
    "00.01.2025": "day is out of range for month",
}


def refused(path):
    """Return the located problems of reading ``path``, checking nothing came back or changed."""
    return located(refusal(path))


# -- impossible German dates -------------------------------------------------------------------


@pytest.mark.requires_module("openpyxl")
def test_impossible_dates_in_a_workbook_are_named_all_at_once(tmp_path):
    """31 February, 29 February 2023 and day 0, typed as text, are named each at its cell."""
    cells = dict(
        zip(["Kooperationen!E4", "Kooperationen!E5", "Netzwerk!C4"], IMPOSSIBLE, strict=True)
    )
    expected = [
        (cell, f"not a valid date: {typed!r} ({IMPOSSIBLE[typed]}) (value {typed!r})")
        for cell, typed in sorted(cells.items(), key=lambda item: item[0].startswith("K"))
    ]
    assert refused(office_book(tmp_path, cells)) == expected


NETWORK_CSV = "Name;Stichtag\nKreis;{}\n"
ACTORS_CSV = "Kennung;Name;Art;gültig ab;gültig bis\na;A;Kita;{};\nb;B;Kita;01.08.2024;{}\n"


def csv_folder(tmp_path, files):
    folder = tmp_path / "kreis"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


def test_impossible_dates_in_a_csv_folder_are_named_all_at_once(tmp_path):
    """The same three days in netzwerk.csv and akteure.csv: each named at file and cell."""
    first, second, third = IMPOSSIBLE
    folder = csv_folder(
        tmp_path,
        {
            "netzwerk.csv": NETWORK_CSV.format(first),
            "akteure.csv": ACTORS_CSV.format(second, third),
        },
    )
    before = {path.name: fingerprint(path) for path in folder.iterdir()}
    with pytest.raises(LoadError) as caught:
        io.read(folder)
    problems = sorted((p.file, p.cell, p.message) for p in caught.value.problems)
    assert problems == sorted(
        (
            str(folder / file),
            cell,
            f"not a valid date: {typed!r} ({IMPOSSIBLE[typed]}) (value {typed!r})",
        )
        for file, cell, typed in [
            ("netzwerk.csv", "netzwerk!B2", first),
            ("akteure.csv", "akteure!D2", second),
            ("akteure.csv", "akteure!E3", third),
        ]
    )
    assert {path.name: fingerprint(path) for path in folder.iterdir()} == before


# -- type soup: what a spreadsheet makes of numbers, truth values and dates ------------------------


@pytest.mark.requires_module("openpyxl")
@pytest.mark.parametrize(
    ("cells", "read", "expected"),
    [
        # A count as a number cell that Excel shows as 180 but stores as 180.0.
        ({"Akteure!E4": 180.0}, lambda n: n.actor("gs-1").school.pupils, 180),
        ({"Akteure!E4": "180"}, lambda n: n.actor("gs-1").school.pupils, 180),
        ({"Übergänge!D4": "14"}, lambda n: n.flows[0].pupils, 14),
        # Truth values as numbers and in any case.
        ({"Kooperationen!F4": 1}, lambda n: n.cooperation("k1").person_bound, True),
        ({"Kooperationen!F4": 0}, lambda n: n.cooperation("k1").person_bound, False),
        ({"Kooperationen!F4": "Ja"}, lambda n: n.cooperation("k1").person_bound, True),
        ({"Kooperationen!F4": "X"}, lambda n: n.cooperation("k1").person_bound, True),
        ({"Kooperationen!F4": "NEIN"}, lambda n: n.cooperation("k1").person_bound, False),
        # An empty string is an empty cell: the field keeps its default.
        ({"Kooperationen!E4": ""}, lambda n: n.cooperation("k1").period.start, None),
        # A date as an Excel serial number in a General cell: 45505 is 1 August 2024.
        ({"Kooperationen!E4": 45505}, lambda n: n.cooperation("k1").period.start, date(2024, 8, 1)),
        (
            {"Kooperationen!E4": 45505.0},
            lambda n: n.cooperation("k1").period.start,
            date(2024, 8, 1),
        ),
        # A midnight date-time cell is its day; a school year typed as text is read.
        (
            {"Kooperationen!E4": datetime(2024, 8, 1)},
            lambda n: n.cooperation("k1").period.start,
            date(2024, 8, 1),
        ),
        ({"Übergänge!C4": "2024"}, lambda n: n.flows[0].year, 2024),
        # A name typed as a number is the text it shows.
        ({"Akteure!B6": 42}, lambda n: n.actor("ja").name, "42"),
    ],
)
def test_type_soup_that_means_one_thing_is_read_as_it(tmp_path, cells, read, expected):
    """Numbers as text, floats for whole counts, truth words in any case, serial dates."""
    assert read(io.read(office_book(tmp_path, cells))) == expected


SOUP = {
    "Akteure!E4": (12.5, "expected a whole number, got 12.5 (value 12.5)"),
    "Übergänge!D4": (True, "expected a whole number, got True (value True)"),
    "Übergänge!C4": (2024.5, "expected a whole number, got 2024.5 (value 2024.5)"),
    "Kooperationen!F4": (0.5, "expected ja or nein, got 0.5 (value 0.5)"),
    "Kooperationen!F5": (
        datetime(2024, 8, 1),
        "expected text, got the date 2024-08-01 (value datetime.date(2024, 8, 1))",
    ),
    # A serial number typed as text is no date: only a number cell is one.
    "Kooperationen!E4": ("45505", "a date needs a four-digit year, got '45505' (value '45505')"),
    "Kooperationen!E5": (
        datetime(2024, 8, 1, 10),
        "expected a date without a time of day, got 2024-08-01 10:00:00 "
        "(value datetime.datetime(2024, 8, 1, 10, 0))",
    ),
    "Akteure!G4": (1.5, "a share lies between 0 and 1, got 1.5; did you mean '1,5 %'? (value 1.5)"),
}


@pytest.mark.requires_module("openpyxl")
def test_type_soup_that_means_nothing_is_named_cell_by_cell_all_at_once(tmp_path):
    """Half pupils, a truth value as a count, half a year, a date for ja/nein, ...: all named."""
    path = office_book(tmp_path, {cell: typed for cell, (typed, _) in SOUP.items()})
    assert sorted(refused(path)) == sorted((cell, message) for cell, (_, message) in SOUP.items())


# -- formulas: what the workbook shows is what is read ------------------------------------------


SHOWS = "the cell shows the error {0} instead of a value (value '{0}')"


def _with_cell(path, sheet, cell, xml):
    """Return a copy of the workbook at ``path`` whose ``cell`` of sheet N is ``xml``."""
    target = path.with_name(f"formel-{sheet}-{cell}.xlsx")
    member = f"xl/worksheets/sheet{sheet}.xml"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                data, count = re.subn(rb'<c r="' + cell.encode() + rb'"[^>]*>.*?</c>', xml, data)
                assert count == 1
            copy.writestr(info, data)
    return target


@pytest.mark.requires_module("openpyxl")
@pytest.mark.parametrize(
    "xml",
    [
        b'<c r="E4"><f>100+80</f><v>180</v></c>',
        b'<c r="E4" t="str"><f>"1"&amp;"80"</f><v>180</v></c>',
    ],
    ids=["number", "text"],
)
def test_a_formula_is_read_as_the_value_it_shows(tmp_path, xml):
    """A formula's cached value, number or text, is read, never the formula itself."""
    path = _with_cell(office_book(tmp_path), 2, "E4", xml)
    assert io.read(path).actor("gs-1").school.pupils == 180


@pytest.mark.requires_module("openpyxl")
def test_a_formula_that_shows_an_error_in_a_required_cell_is_named(tmp_path):
    """A flow's count that shows #DIV/0! is refused at its cell, with the error it shows."""
    xml = b'<c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    path = _with_cell(office_book(tmp_path), 7, "D4", xml)
    assert refused(path) == [("Übergänge!D4", SHOWS.format("#DIV/0!"))]


@pytest.mark.requires_module("openpyxl")
def test_a_formula_that_shows_an_error_in_an_optional_cell_is_named(tmp_path):
    """A number of pupils that shows #DIV/0! is refused at its cell, not read as none."""
    xml = b'<c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    path = _with_cell(office_book(tmp_path), 2, "E4", xml)
    assert refused(path) == [("Akteure!E4", SHOWS.format("#DIV/0!"))]


def _without_references(path, error=None):
    """Return a copy of the workbook whose row 4 of Akteure says nowhere where it is.

    With ``error``, its cell E4 (the pupils) is that XML, also without a reference.
    """
    target = path.with_name("ohne-bezug.xlsx")
    member = "xl/worksheets/sheet2.xml"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                row = re.search(rb'<row r="4".*?</row>', data)[0]
                bare = row
                if error is not None:
                    bare, count = re.subn(rb'<c r="E4"[^>]*>.*?</c>', error, bare)
                    assert count == 1
                bare = re.sub(rb' r="[A-Z]*[0-9]+"', b"", bare)
                assert b" r=" not in bare
                data = data.replace(row, bare)
            copy.writestr(info, data)
    return target


@pytest.mark.requires_module("openpyxl")
def test_a_row_without_references_is_read_where_it_stands(tmp_path):
    """The premise of the next test: calamine places cells that say not where they are."""
    assert io.read(_without_references(office_book(tmp_path))) == OFFICE_NETWORK


@pytest.mark.requires_module("openpyxl")
def test_an_error_cell_without_a_reference_is_named_where_it_stands(tmp_path):
    """A cell that says not where it is (no r=) and shows #DIV/0! is named at its place."""
    error = b'<c t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    path = _without_references(office_book(tmp_path), error)
    assert refused(path) == [("Akteure!E4", SHOWS.format("#DIV/0!"))]


ERRORS = {  # sheet number in office_book, cell -> what the cell shows
    (2, "E4"): "#N/A",
    (2, "D4"): "#NAME?",
    (4, "E4"): "#REF!",
    (4, "D5"): "#VALUE!",
    (7, "C4"): "#NUM!",
    (7, "D4"): "#NULL!",
    (3, "C4"): "#DIV/0!",
}
SHEET_NAMES = {2: "Akteure", 3: "Kennungen", 4: "Kooperationen", 7: "Übergänge"}


@pytest.mark.requires_module("openpyxl")
def test_every_error_a_cell_can_show_is_named_all_at_once(tmp_path):
    """Seven errors on four sheets, required and optional cells: all named, with what they show."""
    path = office_book(tmp_path)
    for (sheet, cell), shown in ERRORS.items():
        xml = f'<c r="{cell}" s="0" t="e"><f>NA()</f><v>{shown}</v></c>'.encode()
        path = _with_cell(path, sheet, cell, xml)
    assert sorted(refused(path)) == sorted(
        (f"{SHEET_NAMES[sheet]}!{cell}", SHOWS.format(shown))
        for (sheet, cell), shown in ERRORS.items()
    )


@pytest.mark.requires_module("openpyxl")
def test_an_error_on_a_sheet_of_the_offices_own_is_not_read(tmp_path):
    """A side calculation that shows #DIV/0! is not the network's: the file is read as before."""
    path = office_book(tmp_path, extra={"Nebenrechnung": [["Summe", 1]]})
    path = _with_cell(path, 8, "B1", b'<c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    assert io.read(path) == OFFICE_NETWORK


@pytest.mark.requires_module("openpyxl")
def test_a_survey_answer_that_shows_an_error_is_named(tmp_path):
    """A partner survey's date that shows #VALUE! is named at its cell, not read as no date."""
    import openpyxl

    book = openpyxl.Workbook()
    questions = ["Art der Zusammenarbeit", "Intensität", "Häufigkeit", "Zusammenarbeit seit"]
    book.active.append(["Antwort ID", "Ihre Einrichtung", "Partnereinrichtung", *questions])
    answer = ["1", "Jugendamt", "Schulsozialarbeit GS Am Markt", "Fallarbeit", "Kooperation"]
    book.active.append([*answer, "monatlich", "01.09.2019"])
    book.save(tmp_path / "befragung.xlsx")
    xml = b'<c r="G2" t="e"><f>DATEVALUE("x")</f><v>#VALUE!</v></c>'
    path = _with_cell(tmp_path / "befragung.xlsx", 1, "G2", xml)
    before = fingerprint(path)
    with pytest.raises(LoadError) as caught:
        io.read_survey(path, OFFICE_NETWORK)
    assert located(caught.value) == [("Sheet!G2", SHOWS.format("#VALUE!"))]
    assert fingerprint(path) == before


# -- time zones of a schedule -------------------------------------------------------------------

COOPERATIONS_CSV = (
    "Kennung;Akteur 1;Akteur 2;Art;Terminplan;erster Termin;Zeitzone\n"
    "k1;a;b;Informationsaustausch;FREQ=MONTHLY;01.09.2025 16:00;{}\n"
)


@pytest.mark.parametrize(
    "zone",
    [
        "EuropeBerlin" * 30,  # too long for a file name, as a whole line was (fuzzing)
        "Europe",  # a folder of zones, not a zone
        "Europe/Berlin/",
        "../../../etc/passwd",
        "Mitteleuropa",
    ],
    ids=["too-long", "folder", "slash", "path", "unknown"],
)
def test_a_zone_that_is_none_is_named_at_its_cell(tmp_path, zone):
    """Whatever ZoneInfo makes of a name (OSError too), the cell is named as an unknown zone."""
    actors = "Kennung;Name;Art\na;A;Kita\nb;B;Schulsozialarbeit\n"
    folder = csv_folder(
        tmp_path, {"akteure.csv": actors, "kooperationen.csv": COOPERATIONS_CSV.format(zone)}
    )
    with pytest.raises(LoadError) as caught:
        io.read(folder)
    [problem] = caught.value.problems
    assert (problem.file, problem.cell) == (str(folder / "kooperationen.csv"), "kooperationen!G2")
    assert problem.message.startswith(f"unknown time zone {zone.strip()!r}")


# -- part_of cycles from a workbook -------------------------------------------------------------


@pytest.mark.requires_module("openpyxl")
def test_a_part_of_cycle_typed_into_a_workbook_is_named(tmp_path):
    """Two actors each part of the other: refused, naming both, nothing comes back."""
    cells = {"Akteure!H3": "gehört zu", "Akteure!H5": "ja", "Akteure!H6": "ssa-1"}
    problems = refused(office_book(tmp_path, cells))
    assert len(problems) == 1
    [(_, message)] = problems
    assert "cycle" in message
    assert "ssa-1" in message
    assert "ja" in message


# -- numbers no table means ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["Infinity", "-inf", "NaN", "1e999999999", "1E+31"])
def test_a_number_out_of_any_range_is_named_at_its_cell(tmp_path, typed):
    """Words Decimal reads as numbers and exponents past 10**30 (found by fuzzing) are named."""
    flows = f"von;nach;Schuljahr;Anzahl;Übergang\na;b;2024/25;{typed};Kita → Grundschule\n"
    actors = (
        "Kennung;Name;Art;Schulform;Breite;Länge\n"
        "a;A;Kita;;51,1;11,2\nb;B;Schule;Grundschule;{};11,3\n"
    )
    folder = csv_folder(tmp_path, {"akteure.csv": actors.format(typed), "übergänge.csv": flows})
    with pytest.raises(LoadError) as caught:
        io.read(folder)
    assert sorted((str(p.cell), p.message) for p in caught.value.problems) == [
        ("akteure!E3", f"expected a number, got {typed!r} (value {typed!r})"),
        ("übergänge!D2", f"expected a number, got {typed!r} (value {typed!r})"),
    ]
