"""Columns, records and references of a hand-made workbook, each problem at its cell."""

from datetime import datetime

import pytest

from bildungsnetz import io
from office_files import OFFICE_NETWORK, load_error, located, office_book

# Every workbook here is typed with openpyxl, as a person would (office_files.py).
pytestmark = pytest.mark.requires_module("openpyxl")

# -- columns -------------------------------------------------------------------------------------


def test_a_missing_required_column_is_reported_once(tmp_path):
    """Without a 'Name' column the header row is named, not every row below it."""
    error = load_error(office_book(tmp_path, {"Akteure!B3": None}))
    problems = [(p.sheet, p.row, p.cell, p.message) for p in error.problems]
    assert problems == [("Akteure", 3, None, "the column 'Name' (name) is missing")]


def test_a_side_sheet_without_its_value_column_is_reported(tmp_path):
    """Forum members without an 'Akteur' column are a missing column, not a crash."""
    error = load_error(office_book(tmp_path, {"Gremienmitglieder!B3": None}))
    problems = [(p.sheet, p.row, p.message) for p in error.problems]
    assert problems == [("Gremienmitglieder", 3, "the column 'Akteur' (actor) is missing")]


def test_an_unknown_column_is_named_with_a_suggestion(tmp_path):
    """'Schülerzhal' is refused at its header cell with the column it resembles."""
    error = load_error(office_book(tmp_path, {"Akteure!E3": "Schülerzhal"}))
    expected = (
        "unknown column 'Schülerzhal'; did you mean 'Schülerzahl'? "
        "(a column of your own must start with '#')"
    )
    assert located(error) == [("Akteure!E3", expected)]


def test_a_missing_optional_column_that_a_record_needs_is_named_at_the_row(tmp_path):
    """A school on a sheet whose 'Schulform' header has a typo: the header and the row."""
    error = load_error(office_book(tmp_path, {"Akteure!D3": "Schulfrom"}))
    assert located(error) == [
        (
            "Akteure!D3",
            "unknown column 'Schulfrom'; did you mean 'Schulform'? "
            "(a column of your own must start with '#')",
        ),
        (
            "Akteure!A4",
            "'Schulform' is required, but the sheet has no column 'Schulform' (value 'gs-1')",
        ),
    ]


def test_a_column_of_the_office_own_is_ignored(tmp_path):
    """A column whose header starts with # holds notes that are not read."""
    cells = {"Akteure!H3": "# Notiz", "Akteure!H4": "=nicht lesen", "Akteure!H9": "Summe"}
    assert io.read(office_book(tmp_path, cells)) == OFFICE_NETWORK


def test_a_column_twice_is_named_at_its_second_header(tmp_path):
    """A second 'Name' column is refused at its header cell."""
    error = load_error(office_book(tmp_path, {"Akteure!H3": "Name"}))
    assert located(error) == [("Akteure!H3", "column 'Name' appears twice")]


def test_german_and_english_headers_mix(tmp_path):
    """An English header on a German sheet is read as its column."""
    cells = {"Akteure!E3": "pupils", "Akteure!F3": "municipality"}
    assert io.read(office_book(tmp_path, cells)) == OFFICE_NETWORK


# -- records -------------------------------------------------------------------------------------


def test_a_duplicate_id_is_reported_at_its_second_row(tmp_path):
    """A second actor 'ja' is named at its own id cell, not the first one's."""
    error = load_error(office_book(tmp_path, {"Akteure!A7": "ja"}))
    expected = "duplicate id 'ja', used by records #2, #3 of actors"
    assert located(error)[0] == ("Akteure!A7", expected)


def test_a_school_without_a_form_is_named_at_the_form_cell(tmp_path):
    """A Schule whose 'Schulform' cell is empty is named there."""
    error = load_error(office_book(tmp_path, {"Akteure!D4": None}))
    assert located(error) == [("Akteure!D4", "'Schulform' is required")]


def test_a_school_form_of_no_school_is_named(tmp_path):
    """A Grundschule form on the social work post is refused at that cell."""
    error = load_error(office_book(tmp_path, {"Akteure!D5": "Grundschule"}))
    expected = (
        "only a school has a school form, stages, pupils or rates, this actor is of kind "
        "'school_social_work' (value 'Grundschule')"
    )
    assert located(error) == [("Akteure!D5", expected)]


def test_a_latitude_without_its_longitude_names_the_missing_column(tmp_path):
    """'Breite' alone is not a place: the missing 'Länge' is named at the row."""
    error = load_error(office_book(tmp_path, {"Akteure!H3": "Breite", "Akteure!H4": "51,18"}))
    expected = "'Länge' is required, but the sheet has no column 'Länge' (value 'gs-1')"
    assert located(error) == [("Akteure!A4", expected)]


def test_a_schedule_without_its_first_meeting_is_named(tmp_path):
    """'monatlich' without a first meeting is named at the empty first-meeting cell."""
    cells = {"Gremien!E3": "Terminplan", "Gremien!F3": "erster Termin", "Gremien!E4": "monatlich"}
    error = load_error(office_book(tmp_path, cells))
    assert located(error) == [("Gremien!F4", "a schedule needs its first meeting")]


def test_a_schedule_on_a_sheet_without_first_meetings_is_named(tmp_path):
    """Without an 'erster Termin' column the schedule cell is named, no crash."""
    cells = {"Gremien!E3": "Terminplan", "Gremien!E4": "monatlich"}
    error = load_error(office_book(tmp_path, cells))
    expected = "a schedule needs its first meeting, but the sheet has no column 'erster Termin'"
    assert located(error) == [("Gremien!E4", expected)]


def test_a_first_meeting_without_a_schedule_is_named(tmp_path):
    """A first meeting on a sheet without a 'Terminplan' column is named at its cell."""
    cells = {"Gremien!E3": "erster Termin", "Gremien!E4": datetime(2025, 9, 1, 16)}
    error = load_error(office_book(tmp_path, cells))
    expected = "a first meeting needs a schedule, but the sheet has no column 'Terminplan'"
    assert located(error) == [("Gremien!E4", expected)]


def test_a_second_row_on_the_network_sheet_is_named(tmp_path):
    """The network sheet holds one row: a second is named at its first cell."""
    error = load_error(office_book(tmp_path, {"Netzwerk!A5": "Landkreis Zwei"}))
    assert located(error) == [("Netzwerk!A5", "the network sheet holds one row only")]


def test_an_empty_network_name_is_named_once(tmp_path):
    """A network sheet without a name gives one problem at the name cell."""
    error = load_error(office_book(tmp_path, {"Netzwerk!A4": None}))
    assert located(error) == [("Netzwerk!A4", "'Name' is required")]


def test_two_sheets_for_the_same_records_are_refused(tmp_path):
    """'Akteure' and 'actors' in one workbook: which one holds the actors is unclear."""
    extra = {"actors": [["id", "name", "kind"], ["kita-2", "Kita Regenbogen", "daycare"]]}
    error = load_error(office_book(tmp_path, extra=extra))
    expected = "two sheets hold 'Akteure' ('Akteure' and 'actors')"
    assert [(p.sheet, p.message) for p in error.problems] == [("actors", expected)]


# -- references ------------------------------------------------------------------------------------


def test_an_unknown_partner_is_named_at_the_akteur_2_cell(tmp_path):
    """A cooperation with an actor no row defines is named at 'Akteur 2'."""
    error = load_error(office_book(tmp_path, {"Kooperationen!C4": "gs-9"}))
    assert located(error) == [("Kooperationen!C4", "unknown actor 'gs-9'")]


def test_an_unknown_partner_typed_as_a_number_is_named_at_its_cell(tmp_path):
    """An unknown id typed as the number 99 is named at its own cell, 'Akteur 2'."""
    error = load_error(office_book(tmp_path, {"Kooperationen!C4": 99}))
    assert located(error) == [("Kooperationen!C4", "unknown actor '99'")]


def test_a_cooperation_of_an_actor_with_itself_is_named(tmp_path):
    """A cooperation of 'gs-1' with 'gs-1' is refused at the cooperation's row."""
    error = load_error(office_book(tmp_path, {"Kooperationen!C4": "gs-1"}))
    expected = "a cooperation needs two different actors ('gs-1', 'gs-1')"
    assert located(error) == [("Kooperationen!B4", expected)]


def test_an_unknown_forum_in_the_members_sheet_is_named(tmp_path):
    """A member of a forum no row defines is named at its 'Gremium' cell."""
    error = load_error(office_book(tmp_path, {"Gremienmitglieder!A5": "ak-9"}))
    assert located(error) == [("Gremienmitglieder!A5", "unknown forum 'ak-9'")]


def test_an_unknown_member_is_named_at_its_cell(tmp_path):
    """A member no row of actors defines is named at its 'Akteur' cell."""
    error = load_error(office_book(tmp_path, {"Gremienmitglieder!B5": "gs-9"}))
    assert located(error) == [("Gremienmitglieder!B5", "unknown actor 'gs-9'")]


def test_an_identifier_of_an_unknown_actor_is_named(tmp_path):
    """A school number of an actor no row defines is named at its 'Akteur' cell."""
    error = load_error(office_book(tmp_path, {"Kennungen!A4": "gs-9"}))
    assert located(error) == [("Kennungen!A4", "unknown actor 'gs-9'")]


def test_an_unknown_actor_in_a_flow_is_named_at_its_cell(tmp_path):
    """A flow to an actor no row defines is named at its 'nach' cell."""
    error = load_error(office_book(tmp_path, {"Übergänge!B4": "gs-9"}))
    assert located(error) == [("Übergänge!B4", "unknown actor 'gs-9'")]


def test_a_flow_after_an_unreadable_flow_is_named_at_its_own_row(tmp_path):
    """With the first flow unreadable, the second flow's problem is named in its own row."""
    second = ["kita-1", "gs-9", 2024, 3, "Kita → Grundschule"]
    cells = {f"Übergänge!{column}5": value for column, value in zip("ABCDE", second, strict=True)}
    cells["Übergänge!D4"] = "viele"
    error = load_error(office_book(tmp_path, cells))
    assert [cell for cell, _ in located(error)] == ["Übergänge!D4", "Übergänge!B5"]


def test_references_to_an_unreadable_actor_are_not_reported_again(tmp_path):
    """An actor with a bad cell is one problem; the rows naming it raise none."""
    error = load_error(office_book(tmp_path, {"Akteure!C5": "Schulsozialarbiet"}))
    assert [cell for cell, _ in located(error)] == ["Akteure!C5"]
