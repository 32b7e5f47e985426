from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bildungsnetz import Period, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03.04.2025", date(2025, 4, 3)),
        ("3.4.2025", date(2025, 4, 3)),
        ("2025-04-03", date(2025, 4, 3)),
        ("5. März 2024", date(2024, 3, 5)),
        ("5. Maerz 2024", date(2024, 3, 5)),
        ("5. Mrz. 2024", date(2024, 3, 5)),
        ("05.März.2024", date(2024, 3, 5)),
        ("Dienstag, 5. März 2024", date(2024, 3, 5)),
        ("1. Dezember 2026", date(2026, 12, 1)),
        ("31. Jan 2024", date(2024, 1, 31)),
        ("  29.02.2024\u00a0", date(2024, 2, 29)),
        ("12/03/2024", date(2024, 3, 12)),
    ],
)
def test_parse_date_reads_german_dates(text, expected):
    """Numeric dates are read day first; German month names are understood."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("März 2024", "incomplete date"),
        ("2024", "incomplete date"),
        ("31.02.2024", "day is out of range"),
        ("29.02.2023", "day is out of range"),
        ("2024-02-30", "day is out of range"),
        ("3.4.25", "four-digit year"),
        ("03.04.2025 14:00", "without a time"),
        ("5.3.2024 2025", "unexpected text"),
        ("", "not a date"),
        ("morgen", "not a date"),
        ("5. Foo 2024", "not a valid date"),
    ],
)
def test_parse_date_refuses_incomplete_or_invalid_text(text, reason):
    """Nothing is filled in from today or a default: incomplete text is an error."""
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_back_every_german_numeric_date(day):
    """Any calendar day written as DD.MM.YYYY parses back to itself."""
    assert parse_date(day.strftime("%d.%m.%Y")) == day


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_back_every_iso_date(day):
    """Any calendar day written in ISO form parses back to itself."""
    assert parse_date(day.isoformat()) == day


def test_period_is_half_open():
    """The start day is inside, the end day is the first day outside."""
    period = Period(start=date(2024, 8, 1), end=date(2028, 8, 1))
    assert [
        period.contains(day)
        for day in (date(2024, 7, 31), date(2024, 8, 1), date(2028, 7, 31), date(2028, 8, 1))
    ] == [False, True, True, False]


def test_open_period_contains_every_day():
    """A period without start and end always holds."""
    assert [Period().contains(date(1900, 1, 1)), Period().contains(date(2999, 1, 1))] == [
        True,
        True,
    ]


def test_period_refuses_end_before_start():
    """An inverted period is refused with both days named."""
    with pytest.raises(ValidationError, match="start=2025-01-01 end=2024-01-01"):
        Period(start=date(2025, 1, 1), end=date(2024, 1, 1))


def test_period_refuses_empty_period():
    """start == end would be an empty half-open period."""
    with pytest.raises(ValidationError, match="must start before it ends"):
        Period(start=date(2025, 1, 1), end=date(2025, 1, 1))


def test_period_reads_german_date_strings():
    """Period fields accept the German notation through parse_date."""
    assert Period(start="01.08.2024", end="1. August 2028") == Period(
        start=date(2024, 8, 1), end=date(2028, 8, 1)
    )


def test_period_reports_an_invalid_date_string_at_its_field():
    """An invalid day in a period is reported at the field that holds it."""
    with pytest.raises(ValidationError) as caught:
        Period(start="31.02.2024")
    assert [error["loc"] for error in caught.value.errors()] == [("start",)]


def test_period_last_day_is_the_day_before_end():
    """last_day is the last day inside the period."""
    assert Period(end=date(2028, 8, 1)).last_day == date(2028, 7, 31)


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2028, 7, 31), False),
        (date(2028, 8, 1), True),
        (date(2029, 8, 1), True),
        (date(2029, 8, 2), False),
        (None, False),
    ],
)
def test_ends_between_uses_a_half_open_window(end, expected):
    """A period ends inside [first, stop) if its end day falls there."""
    period = Period(start=date(2020, 1, 1), end=end)
    assert period.ends_between(date(2028, 8, 1), date(2029, 8, 2)) is expected


@given(st.dates(), st.dates(), st.dates(), st.dates())
def test_overlaps_agrees_with_a_shared_day(a, b, c, d):
    """Two closed periods overlap exactly when some day lies in both."""
    first = Period(start=min(a, b), end=max(a, b)) if a != b else Period(start=a)
    second = Period(start=min(c, d), end=max(c, d)) if c != d else Period(start=c)
    shared = max(first.start, second.start)  # the earliest candidate day in both
    assert first.overlaps(second) == (first.contains(shared) and second.contains(shared))
