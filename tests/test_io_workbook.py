"""Workbooks made by hand load, or fail naming every bad cell; the file is only read."""

import contextlib
import zipfile
from datetime import date, datetime

import pytest

from bildungsnetz import Actor, EducationNetwork, Location, SchoolProfile, io
from bildungsnetz.errors import LoadError
from office_files import OFFICE_NETWORK, fingerprint, load_error, located, office_book

pytestmark = pytest.mark.requires_extra("excel")

# -- the hand-made workbook ----------------------------------------------------------------------


@pytest.mark.requires_module("openpyxl")
def test_the_hand_made_workbook_loads(tmp_path):
    """Title rows, German headers, date cells, numbers and an empty trailing row load."""
    assert io.read_workbook(office_book(tmp_path)) == OFFICE_NETWORK


@pytest.mark.requires_module("openpyxl")
def test_one_typo_fails_the_whole_file_at_its_cell(tmp_path):
    """The message names the file, the cell, the column, the value and the suggestion."""
    path = office_book(tmp_path, {"Akteure!D4": "Grundschuel"})
    expected = (
        "1 problem while loading:\n"
        f"  {path}, Akteure!D4 (column 'Schulform'): unknown value 'Grundschuel'; "
        "did you mean 'Grundschule'? (value 'Grundschuel')"
    )
    assert str(load_error(path, io.read_workbook)) == expected


@pytest.mark.requires_module("openpyxl")
def test_a_problem_carries_file_sheet_row_and_column(tmp_path):
    """Each problem's fields say where it is, for a program to show."""
    path = office_book(tmp_path, {"Akteure!D4": "Grundschuel"})
    problem = load_error(path).problems[0]
    located_at = (problem.file, problem.sheet, problem.row, problem.column, problem.cell)
    assert located_at == (str(path), "Akteure", 4, "Schulform", "Akteure!D4")


@pytest.mark.requires_module("openpyxl")
def test_every_problem_in_every_sheet_is_listed_at_once(tmp_path):
    """A typo, a negative count and an unknown partner in three sheets: three problems."""
    cells = {"Akteure!D4": "Grundschuel", "Übergänge!D4": -3, "Kooperationen!C5": "kita-9"}
    error = load_error(office_book(tmp_path, cells))
    assert [problem.cell for problem in error.problems] == [
        "Akteure!D4",
        "Übergänge!D4",
        "Kooperationen!C5",
    ]


@pytest.mark.requires_module("openpyxl")
def test_english_sheet_names_and_headers_are_read(tmp_path):
    """Sheets named 'network' and 'actors' with English headers and values are read."""
    import openpyxl

    path = tmp_path / "district.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "network"
    workbook.active.append(["name", "reference_date"])
    workbook.active.append(["Landkreis Beispiel", datetime(2025, 11, 1)])
    actors = workbook.create_sheet("actors")
    actors.append(["id", "name", "kind", "school_form", "absence_rate"])
    actors.append(["gs-1", "Grundschule Am Markt", "school", "grundschule", "4 %"])
    workbook.save(path)
    expected = EducationNetwork(
        name="Landkreis Beispiel",
        reference_date=date(2025, 11, 1),
        actors=[
            Actor(
                id="gs-1",
                name="Grundschule Am Markt",
                kind="school",
                school=SchoolProfile(form="grundschule", absence_rate=0.04),
            )
        ],
    )
    assert io.read(path) == expected


@pytest.mark.requires_module("openpyxl")
def test_a_header_below_ten_rows_of_title_is_not_found(tmp_path):
    """A header further down than the first ten rows is reported as missing."""
    cells = {f"Gremienmitglieder!A{row}": None for row in (3, 4, 5)}
    cells |= {"Gremienmitglieder!A12": "Gremium", "Gremienmitglieder!B12": "Akteur"}
    cells |= {f"Gremienmitglieder!B{row}": None for row in (3, 4, 5)}
    error = load_error(office_book(tmp_path, cells))
    expected = "no header row: expected column names such as Gremium, Akteur"
    assert [(p.sheet, p.message) for p in error.problems] == [("Gremienmitglieder", expected)]


# -- the file is only read, and nothing partial comes back ---------------------------------------


@pytest.mark.requires_module("openpyxl")
@pytest.mark.parametrize("cells", [{}, {"Akteure!D4": "Grundschuel"}], ids=["loads", "fails"])
def test_reading_never_touches_the_file(tmp_path, cells):
    """Content and modification time are the same after a reading that loads or fails."""
    path = office_book(tmp_path, cells)
    before = fingerprint(path)
    with contextlib.suppress(LoadError):
        io.read(path)
    assert fingerprint(path) == before


@pytest.mark.requires_module("openpyxl")
def test_reading_leaves_no_file_behind(tmp_path):
    """A failed reading writes no temporary or lock file beside the workbook."""
    path = office_book(tmp_path, {"Akteure!D4": "Grundschuel"})
    load_error(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kreis.xlsx"]


@pytest.mark.requires_module("openpyxl")
def test_a_broken_file_returns_nothing(tmp_path):
    """The call raises: no network with the readable records comes back."""
    path = office_book(tmp_path, {"Akteure!D4": "Grundschuel"})
    result = None
    with pytest.raises(LoadError):
        result = io.read(path)
    assert result is None


# -- files that are no workbooks -------------------------------------------------------------------


def truncated(path):
    path.write_bytes(office_book(path.parent, name="ganz.xlsx").read_bytes()[:3000])


def zip_of_text(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notiz.txt", "kein Arbeitsblatt")


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("text.xlsx", lambda path: path.write_text("Kennung;Name\ngs-1;GS\n", encoding="utf-8")),
        pytest.param("kaputt.xlsx", truncated, marks=pytest.mark.requires_module("openpyxl")),
        ("leer.xlsx", lambda path: path.write_bytes(b"")),
        ("zip.xlsx", zip_of_text),
        ("leer.ods", lambda path: path.write_bytes(b"")),
        ("text.xls", lambda path: path.write_text("Kennung\tName\n", encoding="utf-8")),
    ],
)
def test_a_file_that_is_no_workbook_raises_a_load_error(tmp_path, name, make):
    """Renamed text, a truncated or empty file, a zip of other things: one LoadError."""
    path = tmp_path / name
    make(path)
    error = load_error(path)
    assert [(p.file, p.message.startswith("not a readable workbook")) for p in error.problems] == [
        (str(path), True)
    ]


@pytest.mark.parametrize("name", ["fehlt.xlsx", "fehlt.ods", "fehlt.xls"])
def test_a_missing_workbook_raises_file_not_found(tmp_path, name):
    """A path to no file raises FileNotFoundError, an OSError, not a LoadError."""
    with pytest.raises(FileNotFoundError):
        io.read_workbook(tmp_path / name)


@pytest.mark.requires_module("openpyxl")
def test_a_workbook_without_a_sheet_of_the_layout_is_refused(tmp_path):
    """A workbook whose sheets are all unknown does not load as an empty network."""
    import openpyxl

    path = tmp_path / "tabelle.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Tabelle1"
    workbook.active.append(["Kennung", "Name", "Art"])
    workbook.save(path)
    expected = (
        "no sheet of a network: found 'Tabelle1'; expected sheets named Netzwerk, Akteure, "
        "Kennungen, Kooperationen, Gremien, Gremienmitglieder, Übergänge, Maßnahmen, "
        "Förderprogramme (or their English names)"
    )
    assert [p.message for p in load_error(path).problems] == [expected]


def renamed(path, sheets):
    """Rename the sheets of the workbook at ``path`` (old name -> new name); return it."""
    import openpyxl

    workbook = openpyxl.load_workbook(path)
    for old, new in sheets.items():
        workbook[old].title = new
    workbook.save(path)
    return path


@pytest.mark.requires_module("openpyxl")
def test_a_renamed_sheet_is_named_not_skipped(tmp_path):
    """'Kooperation' for 'Kooperationen' would lose every cooperation without a word."""
    path = renamed(office_book(tmp_path), {"Kooperationen": "Kooperation"})
    [problem] = load_error(path).problems
    assert (problem.file, problem.sheet) == (str(path), "Kooperation")
    assert problem.message == (
        "sheet 'Kooperation' is not read: did you mean 'Kooperationen'? Rename it, or start "
        "its name with '#' to keep it as a note of your own"
    )


@pytest.mark.requires_module("openpyxl")
def test_an_english_sheet_name_misspelt_is_named_in_english(tmp_path):
    """'cooperation' is taken for 'cooperations', the name the office was using."""
    path = renamed(office_book(tmp_path), {"Kooperationen": "cooperation"})
    [problem] = load_error(path).problems
    assert "did you mean 'cooperations'?" in problem.message


@pytest.mark.requires_module("openpyxl")
@pytest.mark.parametrize("name", ["#Kooperation", "Tabelle1", "Anleitung", "Kooperationspartner"])
def test_a_sheet_of_the_office_s_own_is_skipped(tmp_path, name):
    """A note sheet ('#...') or a name not close to a missing sheet is not the network's."""
    path = renamed(office_book(tmp_path), {"Kooperationen": name})
    network = io.read(path)
    assert network == OFFICE_NETWORK.replace(cooperations=())


@pytest.mark.requires_module("openpyxl")
def test_a_name_close_to_a_sheet_that_is_there_is_skipped(tmp_path):
    """'Akteure alt' beside 'Akteure' is an office's old copy, not a misnamed sheet."""
    import openpyxl

    path = office_book(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook.copy_worksheet(workbook["Akteure"]).title = "Akteure alt"
    workbook.save(path)
    assert io.read(path) == OFFICE_NETWORK


# -- formula safety --------------------------------------------------------------------------------

RISKY = [
    '=HYPERLINK("https://example.org";"Klick")',
    "+49 30 1234567",
    "-",
    "@x",
    "=1+1",
    "'quoted",
    "-5",
]
"""Texts a spreadsheet program would take for a formula or an escape, kept as text."""


def risky_network():
    school = SchoolProfile(form="grundschule", pupils=180, absence_rate=0.04)
    actors = [
        Actor(id=f"a{i}", name=text, kind="school", description=text, school=school)
        for i, text in enumerate(RISKY)
    ]
    where = Location(lat=51.18, lon=-3.5)
    actors.append(Actor(id="tab", name="\t=1+1", kind="daycare", location=where))
    actors.append(Actor(id="cr", name="\r=1+1", kind="daycare", description="\r+1"))
    return EducationNetwork(name="=Netz", actors=actors)


def written_cells(tmp_path, header):
    import openpyxl

    path = tmp_path / "risiko.xlsx"
    io.write_workbook(risky_network(), path, lang="de")
    sheet = openpyxl.load_workbook(path)["Akteure"]
    column = [cell.value for cell in sheet[1]].index(header) + 1
    return [sheet.cell(row, column) for row in range(2, sheet.max_row + 1)]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_texts_like_formulas_come_back_exactly_from_a_workbook(tmp_path, lang):
    """=, +, -, @ and ' in front come back as typed; a leading tab or CR the model strips."""
    path = tmp_path / "risiko.xlsx"
    io.write_workbook(risky_network(), path, lang=lang)
    assert io.read_workbook(path) == risky_network()


@pytest.mark.requires_module("openpyxl")
def test_texts_like_formulas_are_text_cells(tmp_path):
    """Every such text is stored as a text cell, never as a formula."""
    cells = written_cells(tmp_path, "Beschreibung")[: len(RISKY)]
    assert [(cell.value, cell.data_type) for cell in cells] == [(text, "s") for text in RISKY]


@pytest.mark.requires_module("openpyxl")
def test_numbers_stay_number_cells(tmp_path):
    """Pupils are stored as number cells beside the texts."""
    cells = written_cells(tmp_path, "Schülerzahl")[: len(RISKY)]
    assert {(cell.value, cell.data_type) for cell in cells} == {(180, "n")}


@pytest.mark.requires_module("openpyxl")
def test_a_negative_number_stays_a_number_cell(tmp_path):
    """A longitude west of Greenwich is a number cell, not text."""
    cell = written_cells(tmp_path, "Länge")[len(RISKY)]
    assert (cell.value, cell.data_type) == (-3.5, "n")


# -- LibreOffice ----------------------------------------------------------------------------------


def write_ods(path, actors):
    import pandas as pd

    network = pd.DataFrame({"Name": ["Landkreis Beispiel"], "Stichtag": [datetime(2025, 11, 1)]})
    with pd.ExcelWriter(path, engine="odf") as writer:
        network.to_excel(writer, sheet_name="Netzwerk", index=False)
        pd.DataFrame(actors).to_excel(writer, sheet_name="Akteure", index=False)


ODS_ACTORS = {
    "Kennung": ["gs-1", "ja"],
    "Name": ["Grundschule Am Markt", "Jugendamt"],
    "Art": ["Schule", "Jugendamt"],
    "Schulform": ["Grundschule", None],
    "Gemeinde": [1001000, None],
    "Fehlquote": ["4 %", None],
}


@pytest.mark.requires_module("pandas")
def test_a_libreoffice_workbook_is_read(tmp_path):
    """An .ods file with German sheet names, headers, a date and numbers is read."""
    path = tmp_path / "kreis.ods"
    write_ods(path, ODS_ACTORS)
    expected = EducationNetwork(
        name="Landkreis Beispiel",
        reference_date=date(2025, 11, 1),
        actors=[
            Actor(
                id="gs-1",
                name="Grundschule Am Markt",
                kind="school",
                school=SchoolProfile(form="grundschule", absence_rate=0.04),
                municipality="01001000",
            ),
            Actor(id="ja", name="Jugendamt", kind="youth_welfare_office"),
        ],
    )
    assert io.read(path) == expected


@pytest.mark.requires_module("pandas")
def test_a_typo_in_a_libreoffice_workbook_is_named(tmp_path):
    """A typo in an .ods file is named at its cell like one in an Excel file."""
    path = tmp_path / "kreis.ods"
    write_ods(path, ODS_ACTORS | {"Schulform": ["Grundschuel", None]})
    expected = "unknown value 'Grundschuel'; did you mean 'Grundschule'? (value 'Grundschuel')"
    assert located(load_error(path)) == [("Akteure!D2", expected)]
