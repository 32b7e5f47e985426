"""Hostile text for the day and horizon converters: only ``ValueError``, never a warning.

Elsewhere: German dates that do not exist in cells, ``tests/reliability/test_hostile_cells.py``;
the converters' ordinary errors, ``tests/test_model_dates.py`` and
``tests/test_model_day_arguments.py``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bildungsnetz.model import parse_date, to_day, to_horizon

START = date(2025, 11, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # dateutil reads a word after a time as a zone and warns (found by fuzzing).
        ("2902022200\x000501AAAA", "a date has no time zone"),
        ("03042025 0000 MEZ", "month must be in 1..12"),
        ("5. März 2024 0000 UTC", "a date has no time zone"),
        ("5. März 2024 0000 +0100", "a date has no time zone"),
        # A long run of digits becomes decimal's InvalidOperation inside dateutil (fuzzing).
        ("1\x00:9\x009\x009999\x00\x00\x00" + "0" * 34 + "\x00.2028", "a number out of range"),
    ],
)
def test_parse_date_raises_only_value_error(text, reason):
    """Each is a ValueError naming the text and why, not a warning or another error."""
    with pytest.raises(ValueError, match="not a valid date") as caught:
        parse_date(text)
    assert repr(text) in str(caught.value)
    assert reason in str(caught.value)
    with pytest.raises(ValueError, match=r"^as_of: not a valid date"):
        to_day(text, name="as_of")


@pytest.mark.parametrize("value", ["222100222100", 3_652_059, 10**400, "9" * 400])
def test_a_horizon_beyond_the_calendar_is_a_value_error(value):
    """A horizon longer than Python's dates reach is refused, not an OverflowError (fuzzing)."""
    with pytest.raises(ValueError, match=r"^horizon: \d+ days after \S+ passes 9999-12-31"):
        to_horizon(value, start=START)


def test_the_longest_horizon_is_accepted():
    """3,652,058 days, from 1 January of year 1 to 31 December 9999, is a horizon."""
    assert to_horizon(3_652_058) == timedelta(days=3_652_058)
    assert date.min + to_horizon(3_652_058) == date.max


@pytest.mark.parametrize("text", ["²", "½", "2⁰"])
def test_digits_of_other_kinds_are_no_number_of_days(text):
    """Superscripts and fractions are digits to str.isdigit but no number; read as a day."""
    with pytest.raises(ValueError, match="horizon"):
        to_horizon(text, start=START)
