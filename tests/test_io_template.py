"""The data-entry template: generated from the layout, with dropdowns, comments and examples."""

import itertools
import os
import sys
from pathlib import Path

import pytest

from bildungsnetz.errors import LoadError, MissingDependencyError
from bildungsnetz.io import read_workbook, write_template
from bildungsnetz.io.layout import SHEETS, Column, Sheet
from bildungsnetz.io.tables import column_letter
from bildungsnetz.io.template import ROWS
from template_filling import Person, dropdown, offered

pytestmark = pytest.mark.requires_extra("excel")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("vorlage") / "vorlage.xlsx"
    write_template(path)
    return path


@pytest.fixture(scope="module")
def book(template):
    import openpyxl

    return openpyxl.load_workbook(template)


def columns(*kinds):
    """Return (sheet, position, column) for every column of the layout of the given kinds."""
    return [
        pytest.param(sheet, position, column, id=f"{sheet.key}.{column.key}")
        for sheet in SHEETS.values()
        for position, column in enumerate(sheet.columns)
        if column.kind in kinds
    ]


@pytest.mark.parametrize(("sheet", "position", "column"), columns("enum", "enums"))
def test_every_enumeration_column_offers_the_german_labels(book, sheet, position, column):
    """An enumeration's dropdown lists its German labels, in order, to the last row."""
    worksheet = book[sheet.de]
    letter = column_letter(position)
    validation = dropdown(worksheet, f"{letter}{ROWS}")
    assert offered(book, validation) == [member.label("de") for member in column.enum]
    assert f"{letter}2" in validation.sqref


@pytest.mark.parametrize(("sheet", "position", "column"), columns("ref", "refs"))
def test_every_reference_column_offers_the_ids_of_its_sheet(book, sheet, position, column):
    """A reference's dropdown is the id column of the sheet it names."""
    validation = dropdown(book[sheet.de], f"{column_letter(position)}2")
    target = SHEETS[column.refers_to]
    assert validation.formula1 == f"'{target.de}'!$A$2:$A${ROWS}"
    assert offered(book, validation) == [row["id"] for row in target.examples()]


@pytest.mark.parametrize(("sheet", "position", "column"), columns("bool"))
def test_every_yes_no_column_offers_ja_and_nein(book, sheet, position, column):
    """A truth value is picked as ja or nein."""
    validation = dropdown(book[sheet.de], f"{column_letter(position)}2")
    assert offered(book, validation) == ["ja", "nein"]


@pytest.mark.parametrize(
    ("sheet", "position", "column"), columns("enum", "enums", "ref", "refs", "bool")
)
def test_only_columns_of_several_values_accept_what_is_not_in_the_list(
    book, sheet, position, column
):
    """One value must come from the list; for several, Excel only informs and lets ; pass."""
    validation = dropdown(book[sheet.de], f"{column_letter(position)}2")
    expected = "information" if column.multiple else "stop"
    assert (validation.errorStyle, validation.showErrorMessage) == (expected, True)


def test_columns_typed_freely_have_no_dropdown(book):
    """Names, numbers and days have no list to pick from."""
    worksheet = book["Akteure"]
    assert [dropdown(worksheet, f"{letter}2") for letter in "BFLP"] == [None] * 4


@pytest.mark.parametrize("sheet", SHEETS.values(), ids=lambda sheet: sheet.key)
def test_every_header_has_a_comment_with_its_help(book, sheet):
    """Each header cell carries a note that starts with the column's help text."""
    headers = list(book[sheet.de][1])
    assert [cell.value for cell in headers] == [column.de for column in sheet.columns]
    assert [cell.comment.text.splitlines()[0] for cell in headers] == [
        column.help_de for column in sheet.columns
    ]


@pytest.mark.parametrize("sheet", SHEETS.values(), ids=lambda sheet: sheet.key)
def test_the_header_row_is_bold_and_frozen(book, sheet):
    """The header stays in view while scrolling, bold, yellow where a value is required."""
    worksheet = book[sheet.de]
    assert worksheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in worksheet[1])
    yellow = [cell.fill.fgColor.rgb.endswith("FFE699") for cell in worksheet[1]]
    assert yellow == [column.required for column in sheet.columns]


@pytest.mark.parametrize("sheet", SHEETS.values(), ids=lambda sheet: sheet.key)
def test_example_rows_are_grey_and_italic(book, sheet):
    """Rows 2 on are the sheet's examples, set apart in grey italics."""
    worksheet = book[sheet.de]
    # Resolving dropdowns in other tests creates empty cells in the shared workbook.
    rows = [r for r in worksheet.iter_rows(min_row=2) if any(c.value is not None for c in r)]
    assert len(rows) == len(sheet.examples())
    assert all(cell.font.i and cell.font.color.rgb.endswith("7F7F7F") for r in rows for cell in r)


def test_ids_names_and_ags_are_text_days_german_shares_percent(book):
    """Typed school numbers keep their zeros; days show as 31.07.2028; shares as 4 %."""
    dimensions = book["Akteure"].column_dimensions
    formats = {letter: dimensions[letter].number_format for letter in "ABHLP"}
    assert formats == {"A": "@", "B": "@", "H": "0 %", "L": "@", "P": "DD.MM.YYYY"}
    assert book["Kennungen"]["C2"].value == "01234"


def test_the_instructions_come_first_and_name_every_sheet_and_command(book):
    """Anleitung is the first, active sheet; it explains every sheet and how to check."""
    assert (book.sheetnames[0], book.active.title) == ("Anleitung", "Anleitung")
    text = "\n".join(str(cell.value) for (cell,) in book["Anleitung"].iter_rows() if cell.value)
    for sheet in SHEETS.values():
        assert f"{sheet.de}: {sheet.help_de}" in text
    for phrase in (
        "python -m bildungsnetz validate vorlage.xlsx",
        "python -m bildungsnetz report vorlage.xlsx",
        "31.07.2028",
        "mit ;",
        "leer",
        "niemals Namen von Schülerinnen, Schülern oder Beschäftigten",
        "Beispielzeilen, die stehen bleiben, sind echte Einträge",
    ):
        assert phrase in text


def test_the_lists_are_on_a_hidden_last_sheet(book):
    """The enumeration lists are out of the way, but can be shown."""
    assert (book.sheetnames[-1], book["Listen"].sheet_state) == ("Listen", "hidden")


def test_the_examples_alone_form_a_valid_network(template):
    """Left as it is, the template is the small network Landkreis Beispiel."""
    network = read_workbook(template)
    counts = [len(getattr(network, name)) for name in ("actors", "cooperations", "forums")]
    assert (network.name, counts) == ("Landkreis Beispiel", [3, 2, 1])
    assert (len(network.flows), len(network.interventions), len(network.programmes)) == (1, 1, 1)
    assert [i.value for i in network.actor("gs-beispiel").identifiers] == ["01234"]


def test_without_its_example_rows_the_template_is_an_empty_network(template, tmp_path):
    """All example rows deleted: an empty network named after the file."""
    person = Person(template)
    person.path = tmp_path / "landkreis-saaleck.xlsx"
    for sheet in SHEETS.values():
        person.delete_rows_below_header(sheet.de)
    network = read_workbook(person.save())
    assert (network.name, network.actors, network.cooperations) == ("landkreis-saaleck", (), ())


def test_with_only_the_network_row_the_empty_network_has_its_name(template, tmp_path):
    """The Netzwerk row, kept and overwritten, names the otherwise empty network."""
    person = Person(template)
    person.path = tmp_path / "vorlage.xlsx"
    for sheet in SHEETS.values():
        if sheet.key != "network":
            person.delete_rows_below_header(sheet.de)
    person.fill("Netzwerk", 2, {"Name": "Landkreis Saaleck"})
    network = read_workbook(person.save())
    assert (network.name, network.actors) == ("Landkreis Saaleck", ())


def test_a_typo_past_the_dropdown_names_its_cell_and_the_label_meant(template, tmp_path):
    """A school form typed by hand, misspelt, fails at its cell with the label meant."""
    person = Person(template)
    person.path = tmp_path / "vorlage.xlsx"
    person.copy_row("Akteure", 2, 5)
    person.fill("Akteure", 5, {"Kennung": "gs-zwei", "Name": "Grundschule Zwei"})
    person.book["Akteure"]["D5"] = "Grundschuel"  # typed past the dropdown
    with pytest.raises(LoadError) as caught:
        read_workbook(person.save())
    assert caught.value.problems[0].cell == "Akteure!D5"
    line = str(caught.value).splitlines()[1]
    assert line.endswith(
        "vorlage.xlsx, Akteure!D5 (column 'Schulform'): unknown value 'Grundschuel'; "
        "did you mean 'Grundschule'? (value 'Grundschuel')"
    )


def test_the_english_template_reads_as_the_german_one(template, tmp_path):
    """lang="en": English sheets, headers and values, the same examples."""
    import openpyxl

    english = tmp_path / "template.xlsx"
    write_template(english, lang="en")
    workbook = openpyxl.load_workbook(english)
    assert workbook.sheetnames == ["instructions", *SHEETS, "lists"]
    assert workbook["actors"]["C2"].value == "school"
    assert offered(workbook, dropdown(workbook["actors"], "G2")) == ["yes", "no"]
    assert read_workbook(english) == read_workbook(template)


def test_an_existing_file_is_only_replaced_when_asked(template, tmp_path):
    """The usual name of a template is that of a filled-in file: it is not overwritten."""
    target = tmp_path / "vorlage.xlsx"
    target.write_bytes(b"Daten des Amtes")
    with pytest.raises(FileExistsError, match=r"vorlage\.xlsx"):
        write_template(target)
    assert target.read_bytes() == b"Daten des Amtes"
    write_template(target, overwrite=True)
    assert read_workbook(target) == read_workbook(template)


@pytest.mark.requires_extra  # none: runs without the extra
def test_a_template_is_an_xlsx_workbook(tmp_path):
    """Another ending is refused before anything is written."""
    with pytest.raises(ValueError, match=r"a template is an \.xlsx workbook, got 'vorlage\.ods'"):
        write_template(tmp_path / "vorlage.ods")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_template_is_readable_as_a_plain_file_would_be(template):
    """Not only by its owner: colleagues open it from a shared folder."""
    umask = os.umask(0)
    os.umask(umask)
    assert template.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.requires_extra  # none: runs without the extra
def test_without_openpyxl_the_error_names_the_extra(tmp_path, monkeypatch):
    """The extra excel is what installs openpyxl."""
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingDependencyError, match=r"bildungsnetz\[excel\]"):
        write_template(tmp_path / "vorlage.xlsx")


@pytest.mark.requires_extra  # none: runs without the extra
def test_example_rows_may_name_only_columns_of_their_sheet():
    """A misspelt column in the layout's examples fails when the layout is built."""
    column = Column("id", "Kennung", "id", ("id",))
    with pytest.raises(ValueError, match=r"unknown columns \['kennung'\]"):
        Sheet("test", "Test", None, (column,), more_examples=({"kennung": "x"},))


def test_a_transition_that_does_not_fit_its_institutions_is_reported_at_its_cell(
    template, tmp_path
):
    """A wrong pick from the dropdown of transitions points at Übergänge!E2."""
    person = Person(template)
    person.path = tmp_path / "vorlage.xlsx"
    person.fill("Übergänge", 2, {"Übergang": "Grundschule → Sekundarstufe I"})
    with pytest.raises(LoadError) as caught:
        read_workbook(person.save())
    (problem,) = caught.value.problems
    assert (problem.cell, problem.column) == ("Übergänge!E2", "Übergang")
    assert problem.message.startswith("implausible primary_to_secondary flow: the source must")


@pytest.mark.requires_extra  # none: runs without the extra
def test_the_documentation_describes_every_sheet_and_its_required_columns():
    """The table of sheets in docs/excel-vorlage.md is the layout's, word for word."""
    page = Path(__file__).resolve().parent.parent / "docs" / "excel-vorlage.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    start = lines.index("| Blatt | Wofür | Pflichtspalten |") + 2
    table = itertools.takewhile(lambda line: line.startswith("|"), lines[start:])
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table]
    expected = [
        [sheet.de, sheet.help_de, ", ".join(c.de for c in sheet.columns if c.required)]
        for sheet in SHEETS.values()
    ]
    assert rows == expected
