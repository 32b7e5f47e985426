from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from pydantic import ValidationError

from bildungsnetz import MeetingSchedule
from strategies import schedules

BERLIN = ZoneInfo("Europe/Berlin")


def weekly_thursday() -> MeetingSchedule:
    return MeetingSchedule(
        rule="FREQ=WEEKLY;BYDAY=TH", start=datetime(2024, 10, 17, 16, 0, tzinfo=BERLIN)
    )


def test_meetings_keep_their_local_time_across_the_autumn_switch():
    """16:00 stays 16:00 local time when summer time ends (27 October 2024)."""
    meetings = weekly_thursday().occurrences(date(2024, 10, 17), date(2024, 11, 1))
    assert [(m.hour, m.utcoffset().total_seconds() / 3600) for m in meetings] == [
        (16, 2.0),
        (16, 2.0),
        (16, 1.0),
    ]


def test_meetings_keep_their_local_time_across_the_spring_switch():
    """16:00 stays 16:00 local time when summer time starts (30 March 2025)."""
    meetings = weekly_thursday().occurrences(date(2025, 3, 27), date(2025, 4, 4))
    assert [(m.day, m.hour, m.utcoffset().total_seconds() / 3600) for m in meetings] == [
        (27, 16, 1.0),
        (3, 16, 2.0),
    ]


def test_json_round_trip_keeps_the_zone_and_the_expansion():
    """After JSON, the schedule is equal and expands to the same local times."""
    schedule = weekly_thursday()
    text = schedule.model_dump_json()
    again = MeetingSchedule.model_validate_json(text)
    window = (date(2024, 10, 1), date(2025, 4, 30))
    assert (again, again.occurrences(*window)) == (schedule, schedule.occurrences(*window))
    assert '"2024-10-17T16:00:00+02:00[Europe/Berlin]"' in text


@given(schedules())
def test_every_schedule_survives_a_json_round_trip(schedule):
    """Equality and the zone name survive for any zone and any start."""
    again = MeetingSchedule.model_validate_json(schedule.model_dump_json())
    assert again == schedule
    assert again.zone.key == schedule.zone.key
    window = (date(2024, 1, 1), date(2026, 1, 1))
    assert again.occurrences(*window) == schedule.occurrences(*window)


def test_occurrences_only_inside_the_half_open_window():
    """The window's end is excluded, its start included."""
    schedule = MeetingSchedule(rule="FREQ=DAILY", start=datetime(2024, 1, 1, 0, 0, tzinfo=BERLIN))
    meetings = schedule.occurrences(date(2024, 1, 10), date(2024, 1, 12))
    assert [m.day for m in meetings] == [10, 11]


def test_an_endless_rule_expands_only_inside_the_window():
    """An endless daily rule yields just the days of a one-week window."""
    schedule = MeetingSchedule(rule="FREQ=DAILY", start=datetime(2000, 1, 1, 9, tzinfo=BERLIN))
    assert len(schedule.occurrences(date(2030, 1, 1), date(2030, 1, 8))) == 7


def test_an_empty_or_inverted_window_has_no_meetings():
    """A window whose end is not after its start is empty."""
    assert weekly_thursday().occurrences(date(2025, 1, 1), date(2024, 1, 1)) == ()


def test_last_before_finds_the_previous_meeting():
    """last_before returns the latest meeting strictly before the day."""
    meeting = weekly_thursday().last_before(date(2024, 10, 24))
    assert meeting == datetime(2024, 10, 17, 16, 0, tzinfo=BERLIN)


def test_last_before_the_start_is_none():
    """Before the first meeting there is no previous one."""
    assert weekly_thursday().last_before(date(2024, 1, 1)) is None


def test_window_bounds_must_be_aware():
    """A naive datetime as a window bound is refused."""
    with pytest.raises(ValueError, match="timezone-aware"):
        weekly_thursday().occurrences(datetime(2024, 1, 1), date(2025, 1, 1))


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (datetime(2024, 9, 3, 16), "IANA time zone"),
        (datetime(2024, 9, 3, 16, tzinfo=UTC), "IANA time zone"),
        (datetime(2024, 3, 31, 2, 30, tzinfo=BERLIN), "does not exist"),
        ("2024-09-03T16:00:00+02:00", "time zone name"),
        ("2024-09-03T16:00:00[Mars/Olympus]", "unknown time zone"),
    ],
)
def test_start_needs_a_named_zone_and_an_existing_time(start, message):
    """Fixed offsets, naive starts and wall times inside the DST gap are refused."""
    with pytest.raises(ValidationError, match=message):
        MeetingSchedule(rule="FREQ=WEEKLY", start=start)


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=HOURLY", "at most daily"),
        ("FREQ=WEEKLY;UNTIL=20250101T000000", "UTC"),
        ("nonsense", "not a valid RRULE"),
        ("DTSTART:20240101T000000\nRRULE:FREQ=DAILY", "expected one RRULE"),
        ("", "expected one RRULE"),
    ],
)
def test_rule_must_be_a_valid_coarse_rrule(rule, message):
    """Invalid, multi-line or sub-daily rules are refused."""
    with pytest.raises(ValidationError, match=message):
        MeetingSchedule(rule=rule, start=datetime(2024, 9, 3, 16, tzinfo=BERLIN))


def test_rule_accepts_the_rrule_prefix():
    """'RRULE:' is stripped, so both spellings give the same schedule."""
    start = datetime(2024, 9, 3, 16, tzinfo=BERLIN)
    assert MeetingSchedule(rule="RRULE:FREQ=WEEKLY", start=start) == MeetingSchedule(
        rule="freq=weekly", start=start
    )
