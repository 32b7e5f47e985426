"""One cell read the German way from a hand-typed workbook; a bad cell is named with its value."""

from datetime import date, datetime, time

import pytest

from bildungsnetz import io
from office_files import OFFICE_NETWORK, load_error, located, office_book

# Every workbook here is typed with openpyxl, as a person would (office_files.py).
pytestmark = pytest.mark.requires_module("openpyxl")

# -- enumerations --------------------------------------------------------------------------


def test_a_typo_in_a_label_suggests_the_label(tmp_path):
    """'Grundschuel' in the school form names Akteure!D4 and suggests 'Grundschule'."""
    error = load_error(office_book(tmp_path, {"Akteure!D4": "Grundschuel"}))
    expected = "unknown value 'Grundschuel'; did you mean 'Grundschule'? (value 'Grundschuel')"
    assert located(error) == [("Akteure!D4", expected)]


def test_an_unknown_value_without_a_close_match_lists_the_labels(tmp_path):
    """A value like no label names the cell and lists the German labels to choose from."""
    error = load_error(office_book(tmp_path, {"Kooperationen!D5": "Kaffeeklatsch"}))
    labels = (
        "Einsatz an der Schule, Kooperationsvereinbarung, Fallarbeit, Vermittlung, "
        "Gemeinsames Projekt, Übergangskooperation, Informationsaustausch, Beratung, "
        "Sonstige Zusammenarbeit"
    )
    expected = f"unknown value 'Kaffeeklatsch' (allowed: {labels}) (value 'Kaffeeklatsch')"
    assert located(error) == [("Kooperationen!D5", expected)]


@pytest.mark.parametrize("typed", ["grundschule", "GRUNDSCHULE", " Grundschule "])
def test_the_stable_english_value_and_any_case_are_read(tmp_path, typed):
    """The English value and the label in any case or with spaces mean the same form."""
    network = io.read(office_book(tmp_path, {"Akteure!D4": typed}))
    assert network == OFFICE_NETWORK


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31.02.2024", "not a valid date: '31.02.2024' (day is out of range for month)"),
        ("März 2024", "incomplete date: 'März 2024' needs a day, a month and a year"),
    ],
)
def test_a_date_that_is_no_day_is_named(tmp_path, typed, message):
    """A day that does not exist and a month without a day are refused at their cell."""
    error = load_error(office_book(tmp_path, {"Kooperationen!E4": typed}))
    assert located(error) == [("Kooperationen!E4", f"{message} (value {typed!r})")]


@pytest.mark.parametrize("typed", ["01.08.2024", "1.8.2024", "2024-08-01", datetime(2024, 8, 1)])
def test_german_and_iso_dates_and_date_cells_are_read(tmp_path, typed):
    """A German date, an ISO date and a real date cell give the same day."""
    network = io.read(office_book(tmp_path, {"Kooperationen!E4": typed}))
    assert network.cooperation("k1").period.start == date(2024, 8, 1)


def test_a_time_of_day_in_a_date_column_is_named(tmp_path):
    """A date cell with a time in a column of days is refused, naming the time."""
    error = load_error(office_book(tmp_path, {"Netzwerk!C4": datetime(2025, 11, 1, 9, 30)}))
    expected = (
        "expected a date without a time of day, got 2025-11-01 09:30:00 "
        "(value datetime.datetime(2025, 11, 1, 9, 30))"
    )
    assert located(error) == [("Netzwerk!C4", expected)]


def test_a_time_cell_in_a_date_column_is_named(tmp_path):
    """A cell holding only a time of day is no date."""
    error = load_error(office_book(tmp_path, {"Netzwerk!C4": time(9, 30)}))
    expected = (
        "expected a date such as 31.07.2028, got datetime.time(9, 30) (value datetime.time(9, 30))"
    )
    assert located(error) == [("Netzwerk!C4", expected)]


# -- numbers ---------------------------------------------------------------------------------


def test_a_share_typed_as_a_percentage_number_suggests_the_percent_sign(tmp_path):
    """12 typed into a share is refused with the hint '12 %'."""
    error = load_error(office_book(tmp_path, {"Akteure!G4": 12}))
    expected = "a share lies between 0 and 1, got 12.0; did you mean '12 %'? (value 12.0)"
    assert located(error) == [("Akteure!G4", expected)]


@pytest.mark.parametrize("typed", ["12 %", "12%", "12,0 %", 0.12, "0,12"])
def test_a_share_as_percentage_or_decimal_comma_is_read(tmp_path, typed):
    """'12 %', a decimal comma and a percentage cell's 0.12 are all twelve per cent."""
    network = io.read(office_book(tmp_path, {"Akteure!G4": typed}))
    assert network.actor("gs-1").school.absence_rate == pytest.approx(0.12)


def test_a_decimal_comma_is_read_in_coordinates(tmp_path):
    """Latitude 51,18 and longitude 11,97 are read with their decimal commas."""
    cells = {"Akteure!H3": "Breite", "Akteure!I3": "Länge", "Akteure!H4": "51,18"}
    network = io.read(office_book(tmp_path, cells | {"Akteure!I4": "11,97"}))
    location = network.actor("gs-1").location
    assert (location.lat, location.lon) == (51.18, 11.97)


def test_german_thousands_are_read_in_a_count(tmp_path):
    """'1.250' pupils are one thousand two hundred and fifty."""
    network = io.read(office_book(tmp_path, {"Akteure!E4": "1.250"}))
    assert network.actor("gs-1").school.pupils == 1250


def test_a_negative_count_is_named(tmp_path):
    """A negative number of pupils in a flow is refused at its cell with its value."""
    error = load_error(office_book(tmp_path, {"Übergänge!D4": -3}))
    expected = "Input should be greater than or equal to 0 (value -3.0)"
    assert located(error) == [("Übergänge!D4", expected)]


def test_a_fraction_in_a_count_is_named(tmp_path):
    """14,5 pupils are refused: a count is whole."""
    error = load_error(office_book(tmp_path, {"Übergänge!D4": "14,5"}))
    assert located(error) == [
        ("Übergänge!D4", "expected a whole number, got '14,5' (value '14,5')")
    ]


def test_a_school_year_as_a_number_is_read(tmp_path):
    """A school year typed as the number 2024 is the school year 2024/25."""
    network = io.read(office_book(tmp_path, {"Übergänge!C4": 2024}))
    assert network == OFFICE_NETWORK


# -- truth values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ja", True), ("x", True), ("WAHR", True), (True, True), ("nein", False), (False, False)],
)
def test_ja_nein_x_and_truth_cells_are_read(tmp_path, typed, expected):
    """ja, x, WAHR and a TRUE cell are yes; nein and a FALSE cell are no."""
    network = io.read(office_book(tmp_path, {"Kooperationen!F4": typed}))
    assert network.cooperation("k1").person_bound is expected


def test_a_truth_value_that_is_none_is_named(tmp_path):
    """'vielleicht' is neither ja nor nein."""
    error = load_error(office_book(tmp_path, {"Kooperationen!F4": "vielleicht"}))
    expected = "expected ja or nein, got 'vielleicht' (value 'vielleicht')"
    assert located(error) == [("Kooperationen!F4", expected)]


# -- ids, school numbers and AGS -----------------------------------------------------------------


def test_ids_typed_as_numbers_are_read_as_text(tmp_path):
    """An id typed as the number 1234 is the id '1234' wherever it is used."""
    cells = {"Akteure!A7": 1234, "Kooperationen!C5": 1234.0, "Übergänge!A4": 1234}
    network = io.read(office_book(tmp_path, cells))
    assert network.cooperation("k2").actors == ("gs-1", "1234")


def test_school_numbers_with_leading_zeros_survive(tmp_path):
    """A school number typed as text '00815' keeps its zeros."""
    network = io.read(office_book(tmp_path, {"Kennungen!C4": "00815"}))
    assert [i.value for i in network.actor("gs-1").identifiers] == ["00815"]


def test_an_ags_that_lost_its_leading_zero_gets_it_back(tmp_path):
    """An AGS typed as the number 1001000 is the AGS '01001000' of Flensburg."""
    network = io.read(office_book(tmp_path, {"Akteure!F4": 1001000}))
    assert network.actor("gs-1").municipality == "01001000"


def test_an_ags_with_too_few_digits_is_named(tmp_path):
    """An AGS typed as the text '123' is refused at its cell."""
    error = load_error(office_book(tmp_path, {"Akteure!F4": "123"}))
    expected = "an AGS (Amtlicher Gemeindeschlüssel) has exactly 8 digits, got '123' (value '123')"
    assert located(error) == [("Akteure!F4", expected)]


def test_an_ags_typed_as_text_without_its_leading_zero_gets_a_hint_not_a_guess(tmp_path):
    """The text '1001000' (a CSV saved by Excel) is refused, naming the AGS it likely is."""
    error = load_error(office_book(tmp_path, {"Akteure!F4": "1001000"}))
    expected = (
        "an AGS (Amtlicher Gemeindeschlüssel) has exactly 8 digits, got '1001000'; "
        "with its leading zero it is '01001000' (value '1001000')"
    )
    assert located(error) == [("Akteure!F4", expected)]


# -- empty cells ---------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [None, "   "])
def test_an_empty_required_cell_is_named(tmp_path, typed):
    """An actor without a name is refused at its name cell."""
    error = load_error(office_book(tmp_path, {"Akteure!B5": typed}))
    assert located(error) == [("Akteure!B5", "'Name' is required")]


def test_a_dash_is_empty_in_a_column_of_numbers(tmp_path):
    """'-' in the pupils column means no number."""
    network = io.read(office_book(tmp_path, {"Akteure!E4": "-"}))
    assert network.actor("gs-1").school.pupils is None


def test_a_dash_is_text_in_a_column_of_text(tmp_path):
    """'-' as a name is the name '-', not an empty cell."""
    network = io.read(office_book(tmp_path, {"Akteure!B6": "-"}))
    assert network.actor("ja").name == "-"
