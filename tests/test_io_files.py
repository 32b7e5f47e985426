"""Reading and writing by path: the ending chooses JSON, a workbook or a CSV folder."""

import pytest

from bildungsnetz import io
from office_files import OFFICE_NETWORK, load_error, office_book


@pytest.mark.parametrize(
    "name",
    [
        "kreis.json",
        pytest.param("kreis.xlsx", marks=pytest.mark.requires_extra("excel")),
        "kreis-daten",
    ],
)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_network_written_by_path_reads_back(tmp_path, name, lang):
    """JSON, a workbook and a folder written by path read back equal."""
    io.write(OFFICE_NETWORK, tmp_path / name, lang=lang)
    assert io.read(tmp_path / name) == OFFICE_NETWORK


@pytest.mark.requires_module("openpyxl")
def test_a_hand_made_workbook_is_read_by_path(tmp_path):
    """io.read opens an .xlsx made by hand."""
    assert io.read(office_book(tmp_path)) == OFFICE_NETWORK


def test_a_folder_path_as_text_is_read(tmp_path):
    """A path given as a string names a folder of CSV files as well."""
    io.write(OFFICE_NETWORK, tmp_path / "daten", lang="de")
    assert io.read(str(tmp_path / "daten")) == OFFICE_NETWORK


def test_writing_ods_is_refused_with_a_clear_error(tmp_path):
    """.ods is read but not written: the message says to write .xlsx."""
    with pytest.raises(ValueError, match=r"^workbooks are written as \.xlsx, got '\.ods'"):
        io.write(OFFICE_NETWORK, tmp_path / "kreis.ods")


def test_writing_ods_leaves_no_file(tmp_path):
    """A refused .ods writes nothing."""
    with pytest.raises(ValueError, match="xlsx"):
        io.write(OFFICE_NETWORK, tmp_path / "kreis.ods")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["kreis.txt", "akteure.csv"])
def test_reading_an_ending_of_no_form_is_a_load_error(tmp_path, name):
    """.txt, and a CSV file alone, are refused with a LoadError naming the path."""
    path = tmp_path / name
    path.write_text("Kennung;Name;Art\n", encoding="utf-8")
    expected = (
        f"cannot tell the form of {str(path)!r}: name a .json file, a workbook "
        "(.ods, .xls, .xlsb, .xlsm, .xlsx) or a folder of CSV files"
    )
    assert [(p.file, p.message) for p in load_error(path).problems] == [(str(path), expected)]


@pytest.mark.parametrize(
    "name",
    [
        "fehlt.json",
        pytest.param("fehlt.xlsx", marks=pytest.mark.requires_extra("excel")),
        pytest.param("fehlt.ods", marks=pytest.mark.requires_extra("excel")),
        "fehlt",
    ],
)
def test_reading_a_missing_path_raises_file_not_found(tmp_path, name):
    """A path to nothing raises FileNotFoundError (an OSError), whatever its form."""
    with pytest.raises(FileNotFoundError):
        io.read(tmp_path / name)


@pytest.mark.requires_module("openpyxl")
def test_a_broken_workbook_read_by_path_raises_a_load_error(tmp_path):
    """io.read passes the workbook's problems on, at their cells."""
    error = load_error(office_book(tmp_path, {"Akteure!D4": "Grundschuel"}))
    assert [p.cell for p in error.problems] == ["Akteure!D4"]
