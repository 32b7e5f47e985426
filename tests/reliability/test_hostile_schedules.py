"""Hostile recurrence rules and starts: refused at construction naming the field, or bounded."""

import io as text_io
import json
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import dateutil.rrule
import pytest
from pydantic import ValidationError

import bildungsnetz as bn
from bildungsnetz import MeetingSchedule
from bildungsnetz.cli import main
from bildungsnetz.errors import LoadError

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2024, 9, 3, 16, tzinfo=BERLIN)


def refusal(**fields: object) -> dict:
    """Return the single error of building a schedule from ``fields``."""
    with pytest.raises(ValidationError) as caught:
        MeetingSchedule(**{"rule": "FREQ=WEEKLY", "start": START, **fields})
    errors = caught.value.errors()
    assert len(errors) == 1
    return errors[0]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("FREQ=DAILY;FREQ=SECONDLY", "FREQ is given twice"),
        ("FREQ=WEEKLY;BYDAY=MO;BYDAY=TU", "BYDAY is given twice"),
        ("FREQ=SECONDLY", "at most daily"),
        ("FREQ=DAILY;BYHOUR=9,15", "BYHOUR takes one value"),
        ("FREQ=DAILY;BYMINUTE=0,30", "BYMINUTE takes one value"),
        ("FREQ=DAILY;BYSECOND=0,1", "BYSECOND takes one value"),
        ("FREQ=DAILY;INTERVAL=0", "INTERVAL takes a whole number from 1"),
        ("FREQ=DAILY;INTERVAL=" + "9" * 400, "INTERVAL takes a whole number from 1"),
        ("FREQ=DAILY;COUNT=99999999999999999999", "COUNT takes a whole number from 1"),
        ("FREQ=YEARLY;BYEASTER=99999999999999", "unknown part 'BYEASTER'"),
        ("FREQ=YEARLY;BYEASTER=0", "unknown part 'BYEASTER'"),
        ("FREQ=DAILY;BYYEARDAY=99999999999999", "BYYEARDAY takes numbers"),
        ("FREQ=DAILY;BYWEEKNO=54", "BYWEEKNO takes numbers"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY takes numbers"),
        ("FREQ=MONTHLY;BYSETPOS=367", "BYSETPOS takes numbers"),
        ("FREQ=YEARLY;BYMONTH=13", "BYMONTH takes numbers"),
        ("FREQ=DAILY;BYHOUR=24", "BYHOUR takes numbers"),
        ("FREQ=MONTHLY;BYDAY=99999999999MO", "BYDAY takes weekdays"),
        ("FREQ=MONTHLY;BYDAY=54MO", "BYDAY takes weekdays"),
        ("FREQ=MONTHLY;BYDAY=0MO", "BYDAY takes weekdays"),
        # RFC 5545: an ordinal counts the weekdays of a month or year, and only there.
        ("FREQ=MONTHLY;BYDAY=9WE", "weekdays of a month, from 1 to 5"),
        ("FREQ=MONTHLY;BYDAY=6WE", "weekdays of a month, from 1 to 5"),
        ("FREQ=MONTHLY;BYDAY=TU,-6FR", "weekdays of a month, from 1 to 5"),
        ("FREQ=YEARLY;BYMONTH=3;BYDAY=6WE", "weekdays of a month, from 1 to 5"),
        ("FREQ=WEEKLY;BYDAY=1TU", "only with FREQ=MONTHLY or YEARLY"),
        ("FREQ=DAILY;BYDAY=-1FR", "only with FREQ=MONTHLY or YEARLY"),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO", "without BYWEEKNO"),
        ("FREQ=WEEKLY;WKST=XX", "WKST takes a weekday"),
        ("FREQ=WEEKLY;UNTIL=99999999T999999Z", "UNTIL must be a UTC date"),
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20300101T000000Z", "COUNT and UNTIL exclude each other"),
        ("FREQ=WEEKLY;", "expected parts NAME=VALUE"),
        ("BYDAY=MO", "a rule needs FREQ"),
        ("FREQ=WEEKLY;BYDAY=" + ",".join(["MO"] * 200), "at most 500 characters"),
    ],
)
def test_a_hostile_rule_is_refused_naming_the_rule(rule, message):
    """Each fault is a ValidationError at ``rule`` whose message names the part."""
    error = refusal(rule=rule)
    assert error["loc"] == ("rule",)
    assert message in error["msg"]


@pytest.mark.parametrize(
    "start",
    [
        datetime(1, 1, 1, 0, 0, tzinfo=BERLIN),
        datetime(1, 1, 1, 12, 0, tzinfo=BERLIN),
        datetime(1899, 12, 31, 23, 0, tzinfo=BERLIN),
        datetime(2200, 1, 1, 0, 0, tzinfo=BERLIN),
        datetime(9999, 12, 31, 23, 0, tzinfo=BERLIN),
        "0001-01-01T00:00:00+01:00[Europe/Berlin]",
        "9999-12-31T23:59:59-12:00[Europe/Berlin]",
        "0001-01-01T00:00:00[Pacific/Kiritimati]",
    ],
)
def test_a_start_outside_1900_to_2199_is_refused_naming_the_start(start):
    """Year 1 and 9999 raise a ValidationError at ``start``, never an OverflowError."""
    error = refusal(start=start)
    assert error["loc"] == ("start",)
    assert "years 1900 to 2199" in error["msg"]


def test_the_first_and_last_accepted_years_expand():
    """Starts in 1900 and 2199 are accepted and expand in a window at the edge of the calendar."""
    for year in (1900, 2199):
        schedule = MeetingSchedule(
            rule="FREQ=YEARLY", start=datetime(year, 1, 1, 0, 0, tzinfo=BERLIN)
        )
        assert schedule.occurrences(date(1, 1, 1), date(9999, 12, 31))[0] == schedule.start


@pytest.mark.parametrize(
    ("first", "end"),
    [
        (date(1, 1, 1), date(9999, 12, 31)),
        (datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, tzinfo=UTC)),
        (datetime(1, 1, 1, tzinfo=ZoneInfo("Pacific/Kiritimati")), date(9999, 12, 31)),
    ],
)
def test_windows_at_the_edges_of_the_calendar_are_bounded(first, end):
    """Any window gives at most a century of meetings after the start, without overflow."""
    daily = MeetingSchedule(rule="FREQ=DAILY", start=START)
    meetings = daily.occurrences(first, end)
    assert meetings[0] == START
    assert START.year + 99 <= meetings[-1].year <= START.year + 100
    assert len(meetings) == (meetings[-1].date() - START.date()).days + 1
    assert daily.last_before(end) == meetings[-1]


def test_a_window_after_the_span_is_empty():
    """A window in the years 9997 to 9999 holds no meeting of a rule that started in 2024."""
    daily = MeetingSchedule(rule="FREQ=DAILY", start=START)
    assert daily.occurrences(date(9997, 1, 1), date(9999, 12, 31)) == ()


@pytest.mark.parametrize(
    "rule",
    ["FREQ=MONTHLY;BYDAY=5WE", "FREQ=MONTHLY;BYDAY=-5FR", "FREQ=YEARLY;BYDAY=53MO",
     "FREQ=YEARLY;BYDAY=-53SU", "FREQ=YEARLY;BYMONTH=3;BYDAY=-5WE"],
)  # fmt: skip
def test_the_largest_ordinals_are_accepted_and_expand(rule):
    """The fifth weekday of a month and the 53rd of a year are rules that expand."""
    schedule = MeetingSchedule(rule=rule, start=START)
    meetings = schedule.occurrences(date(2024, 1, 1), date(2060, 1, 1))
    assert meetings != ()
    assert schedule.last_before(date(2060, 1, 1)) == meetings[-1]


@pytest.mark.parametrize(
    "until", ["10021002T000000Z", "19000101T000000Z", "20240903T135959Z"]
)  # fmt: skip
def test_an_until_before_the_start_gives_no_meeting(until):
    """UNTIL before the start (the year 1002, found by fuzzing) is no meeting, no ValueError."""
    schedule = MeetingSchedule(rule=f"FREQ=YEARLY;BYMONTH=3;UNTIL={until}", start=START)
    assert schedule.occurrences(date(1900, 1, 1), date(2199, 1, 1)) == ()
    assert schedule.last_before(date(2199, 1, 1)) is None


def test_last_before_a_day_at_the_end_of_the_calendar():
    """``last_before(9997-01-01)`` is the last meeting of the span, not an OverflowError."""
    weekly = MeetingSchedule(rule="FREQ=WEEKLY;COUNT=5", start=START)
    assert weekly.last_before(date(9997, 1, 1)) == datetime(2024, 10, 1, 16, tzinfo=BERLIN)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=DAILY;INTERVAL=7;BYDAY=WE",  # from a Tuesday: never a Wednesday
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3",  # from September: never March
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31;COUNT=5",
    ],
)
def test_a_rule_that_never_matches_stops(rule, monkeypatch):
    """dateutil stops only in year 9999; the expansion takes at most five centuries of steps."""
    steps = []
    rebuild = dateutil.rrule._iterinfo.rebuild

    def counted(self, year, month):
        steps.append((year, month))
        return rebuild(self, year, month)

    monkeypatch.setattr(dateutil.rrule._iterinfo, "rebuild", counted)
    schedule = MeetingSchedule(rule=rule, start=START)
    assert schedule.occurrences(date(2024, 1, 1), date(2025, 1, 1)) == ()
    assert schedule.last_before(date(2025, 1, 1)) is None
    # One rebuild a month at most; without the bound, dateutil runs on to 9999 (96,000).
    assert len(steps) <= 2 * 12 * 500


NETWORK = {
    "format": "bildungsnetz",
    "version": 1,
    "network": {
        "name": "Hostile",
        "reference_date": "2025-06-01",
        "actors": [
            {"id": "gs", "name": "GS", "kind": "school", "school": {"form": "grundschule"}},
            {"id": "ssa", "name": "SSA", "kind": "school_social_work"},
        ],
        "cooperations": [
            {
                "id": "c1",
                "actors": ["gs", "ssa"],
                "kind": "placement",
                "last_contact": "2020-01-01",
                "schedule": {
                    "rule": "FREQ=DAILY;FREQ=SECONDLY",
                    "start": "2020-01-01T00:00:00+01:00[Europe/Berlin]",
                },
            }
        ],
    },
}


def hostile_text(rule: str = "FREQ=DAILY;FREQ=SECONDLY", start: str | None = None) -> str:
    document = json.loads(json.dumps(NETWORK))
    schedule = document["network"]["cooperations"][0]["schedule"]
    schedule["rule"] = rule
    if start is not None:
        schedule["start"] = start
    return json.dumps(document)


@pytest.mark.parametrize(
    ("rule", "start", "field", "message"),
    [
        ("FREQ=DAILY;FREQ=SECONDLY", None, "rule", "FREQ is given twice"),
        ("FREQ=DAILY;INTERVAL=0", None, "rule", "INTERVAL"),
        ("FREQ=DAILY;BYHOUR=0,1,2,3;BYMINUTE=0,30", None, "rule", "at most daily"),
        ("FREQ=YEARLY;BYEASTER=99999999999999", None, "rule", "BYEASTER"),
        ("FREQ=DAILY", "0001-01-01T00:00:00+01:00[Europe/Berlin]", "start", "1900 to 2199"),
    ],
)
def test_a_small_file_with_a_hostile_schedule_is_a_load_error(rule, start, field, message):
    """A file of some 600 bytes is refused by ``io.loads``, naming the record and the field."""
    text = hostile_text(rule, start)
    assert len(text.encode()) < 700
    with pytest.raises(LoadError) as caught:
        bn.io.loads(text, source="hostile.json")
    [problem] = caught.value.problems
    assert problem.file == "hostile.json"
    assert "cooperations[0]" in problem.path
    assert "c1" in problem.path
    assert problem.path.endswith(f"schedule.{field}")
    assert message in problem.message


def test_report_on_a_hostile_file_ends_with_the_load_error(tmp_path, capsys):
    """``python -m bildungsnetz report`` stops with the problem and leaves the file alone."""
    path = tmp_path / "hostile.json"
    path.write_text(hostile_text(), encoding="utf-8")
    before = path.read_bytes()
    out = text_io.StringIO()
    assert main(["report", str(path)], stdout=out) != 0
    assert out.getvalue() == ""
    assert "schedule.rule" in capsys.readouterr().err
    assert path.read_bytes() == before
