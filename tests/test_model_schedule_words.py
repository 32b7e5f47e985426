from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st
from pydantic import ValidationError

from bildungsnetz.model import MeetingSchedule, describe_rule
from strategies import rule_texts, schedules

BERLIN = ZoneInfo("Europe/Berlin")

# rule, German, English
IN_WORDS = [
    ("FREQ=DAILY", "jeden Tag", "every day"),
    ("FREQ=DAILY;INTERVAL=2", "alle 2 Tage", "every 2 days"),
    ("FREQ=DAILY;INTERVAL=14", "alle 14 Tage", "every 14 days"),
    ("FREQ=WEEKLY", "jede Woche", "every week"),
    ("FREQ=WEEKLY;INTERVAL=2", "alle 2 Wochen", "every 2 weeks"),
    ("FREQ=MONTHLY", "jeden Monat", "every month"),
    ("FREQ=MONTHLY;INTERVAL=3", "alle 3 Monate", "every 3 months"),
    ("FREQ=YEARLY", "jedes Jahr", "every year"),
    ("FREQ=YEARLY;INTERVAL=2", "alle 2 Jahre", "every 2 years"),
    ("FREQ=WEEKLY;BYDAY=TU", "dienstags", "on Tuesdays"),
    ("FREQ=WEEKLY;BYDAY=MO,WE", "montags und mittwochs", "on Mondays and Wednesdays"),
    (
        "FREQ=WEEKLY;BYDAY=SU,FR,SA,MO",
        "montags, freitags, samstags und sonntags",
        "on Mondays, Fridays, Saturdays and Sundays",
    ),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "alle 2 Wochen donnerstags", "every 2 weeks on Thursdays"),
    ("FREQ=WEEKLY;BYDAY=TU;WKST=SU", "dienstags", "on Tuesdays"),
    ("FREQ=DAILY;BYDAY=MO,FR", "montags und freitags", "on Mondays and Fridays"),
    ("FREQ=MONTHLY;BYDAY=1TU", "jeden 1. Dienstag im Monat", "the 1st Tuesday of every month"),
    ("FREQ=MONTHLY;BYDAY=2WE", "jeden 2. Mittwoch im Monat", "the 2nd Wednesday of every month"),
    ("FREQ=MONTHLY;BYDAY=+3TH", "jeden 3. Donnerstag im Monat", "the 3rd Thursday of every month"),
    ("FREQ=MONTHLY;BYDAY=4SA", "jeden 4. Samstag im Monat", "the 4th Saturday of every month"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "jeden letzten Freitag im Monat", "the last Friday of every month"),
    (
        "FREQ=MONTHLY;BYDAY=-2FR",
        "jeden vorletzten Freitag im Monat",
        "the second to last Friday of every month",
    ),
    (
        "FREQ=MONTHLY;BYDAY=3TU,1TU",
        "jeden 1. und 3. Dienstag im Monat",
        "the 1st and 3rd Tuesday of every month",
    ),
    (
        "FREQ=MONTHLY;BYDAY=-1FR,1TU",
        "jeden 1. Dienstag und letzten Freitag im Monat",
        "the 1st Tuesday and last Friday of every month",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE",
        "alle 2 Monate am 2. Mittwoch",
        "the 2nd Wednesday of every 2nd month",
    ),
    ("FREQ=MONTHLY;BYDAY=MO", "montags", "on Mondays"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", "jeden 15. im Monat", "the 15th of every month"),
    (
        "FREQ=MONTHLY;BYMONTHDAY=15,1",
        "jeden 1. und 15. im Monat",
        "the 1st and 15th of every month",
    ),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", "jeden letzten Tag im Monat", "the last day of every month"),
    (
        "FREQ=MONTHLY;BYMONTHDAY=-1,1",
        "jeden 1. und letzten Tag im Monat",
        "the 1st and last day of every month",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
        "alle 3 Monate am 15.",
        "the 15th of every 3rd month",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=11;BYMONTHDAY=1",
        "alle 11 Monate am 1.",
        "the 1st of every 11th month",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=21;BYMONTHDAY=2",
        "alle 21 Monate am 2.",
        "the 2nd of every 21st month",
    ),
    ("FREQ=YEARLY;BYMONTH=3", "jedes Jahr im März", "every year in March"),
    ("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15", "jeden 15. im März", "the 15th of March every year"),
    (
        "FREQ=YEARLY;BYMONTH=9,3;BYMONTHDAY=1",
        "jeden 1. im März und September",
        "the 1st of March and September every year",
    ),
    (
        "FREQ=YEARLY;INTERVAL=2;BYMONTH=3;BYMONTHDAY=15",
        "alle 2 Jahre am 15. im März",
        "the 15th of March every 2nd year",
    ),
    (
        "FREQ=YEARLY;BYMONTH=11;BYDAY=-1FR",
        "jeden letzten Freitag im November",
        "the last Friday of November every year",
    ),
    ("FREQ=YEARLY;BYDAY=20MO", "jeden 20. Montag im Jahr", "the 20th Monday of every year"),
    (
        "FREQ=MONTHLY;BYMONTH=1,3;BYDAY=1TU",
        "jeden 1. Dienstag im Januar und März",
        "the 1st Tuesday of January and March every year",
    ),
    ("FREQ=DAILY;BYMONTH=7", "jeden Tag im Juli", "every day in July"),
    (
        "FREQ=WEEKLY;BYDAY=TU;BYMONTH=8,7",
        "dienstags im Juli und August",
        "on Tuesdays in July and August",
    ),
    (
        "FREQ=YEARLY;BYMONTH=1,2,12;BYDAY=WE",
        "mittwochs im Januar, Februar und Dezember",
        "on Wednesdays in January, February and December",
    ),
    ("FREQ=WEEKLY;COUNT=10", "jede Woche, 10-mal", "every week, 10 times"),
    (
        "FREQ=MONTHLY;BYDAY=1TU;COUNT=1",
        "jeden 1. Dienstag im Monat, einmal",
        "the 1st Tuesday of every month, once",
    ),
    (
        "FREQ=MONTHLY;UNTIL=20300101T000000Z",
        "jeden Monat, bis 01.01.2030",
        "every month, until 2030-01-01",
    ),
    (
        "FREQ=WEEKLY;BYDAY=FR;UNTIL=20250704",
        "freitags, bis 04.07.2025",
        "on Fridays, until 2025-07-04",
    ),
    ("RRULE:freq=weekly;byday=tu", "dienstags", "on Tuesdays"),
]

# Parts and combinations the words do not cover.
NOT_IN_WORDS = [
    "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
    "FREQ=DAILY;BYHOUR=9,15",
    "FREQ=WEEKLY;BYMINUTE=30",
    "FREQ=YEARLY;BYWEEKNO=20",
    "FREQ=YEARLY;BYYEARDAY=100",
    "FREQ=YEARLY;BYEASTER=0",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=MONTHLY;BYDAY=MO,1TU",
    "FREQ=WEEKLY;BYDAY=1TU",
    "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
    "FREQ=MONTHLY;INTERVAL=2;BYMONTH=3",
    "FREQ=YEARLY;BYMONTHDAY=15",
    "FREQ=MONTHLY;BYMONTHDAY=-10",
    "FREQ=DAILY;INTERVAL=2;BYDAY=MO",
]


@pytest.mark.parametrize(("rule", "german", "english"), IN_WORDS)
def test_rule_in_words(rule, german, english):
    """Each covered rule reads as the German and English text of the table."""
    assert (describe_rule(rule), describe_rule(rule, "en")) == (german, english)


@pytest.mark.parametrize("rule", NOT_IN_WORDS)
def test_rule_not_in_words_is_shown_in_parentheses(rule):
    """A rule the words do not cover gets a generic phrase with the rule itself."""
    assert (describe_rule(rule), describe_rule(rule, "en")) == (
        f"regelmäßig ({rule})",
        f"regularly ({rule})",
    )


def test_text_that_is_no_rule_is_shown_too():
    """describe_rule does not raise for text that is not a rule."""
    assert describe_rule("every other tuesday", "en") == "regularly (EVERY OTHER TUESDAY)"


@pytest.mark.parametrize(
    ("rule", "german", "english"),
    [
        (
            "FREQ=MONTHLY;BYDAY=2WE",
            "jeden 2. Mittwoch im Monat um 16:00 Uhr",
            "the 2nd Wednesday of every month at 16:00",
        ),
        (
            "FREQ=WEEKLY;COUNT=10",
            "jede Woche um 16:00 Uhr, 10-mal",
            "every week at 16:00, 10 times",
        ),
        (
            "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR",
            "regelmäßig um 16:00 Uhr (FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR)",
            "regularly at 16:00 (FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR)",
        ),
        (
            "FREQ=DAILY;BYHOUR=9",
            "regelmäßig (FREQ=DAILY;BYHOUR=9)",
            "regularly (FREQ=DAILY;BYHOUR=9)",
        ),
    ],
)
def test_a_schedule_says_its_local_time_of_day(rule, german, english):
    """describe() puts the local start time before the limits, unless the rule sets hours."""
    schedule = MeetingSchedule(rule=rule, start=datetime(2024, 9, 11, 16, 0, tzinfo=BERLIN))
    assert (schedule.describe(), schedule.describe("en")) == (german, english)


def test_the_time_of_day_is_the_local_time_in_summer_and_winter():
    """A start in winter and one in summer both say 09:30 local time."""
    starts = [
        datetime(2024, 1, 4, 9, 30, tzinfo=BERLIN),
        datetime(2024, 7, 4, 9, 30, tzinfo=BERLIN),
    ]
    texts = {MeetingSchedule(rule="FREQ=WEEKLY", start=s).describe("en") for s in starts}
    assert texts == {"every week at 09:30"}


@pytest.mark.parametrize(
    ("rule", "plainer"),
    [
        ("FREQ=DAILY;BYDAY=MO,WE", "FREQ=WEEKLY;BYDAY=MO,WE"),
        ("FREQ=DAILY;BYMONTHDAY=1,-1", "FREQ=MONTHLY;BYMONTHDAY=1,-1"),
        ("FREQ=MONTHLY;BYMONTH=1,3;BYDAY=1TU", "FREQ=YEARLY;BYMONTH=1,3;BYDAY=1TU"),
        ("FREQ=MONTHLY;BYMONTH=3;BYMONTHDAY=15", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15"),
    ],
)
def test_a_rule_said_like_a_plainer_one_has_the_same_meetings(rule, plainer):
    """Where the words rewrite a rule, the rewritten rule expands to the same meetings."""
    start = datetime(2024, 1, 1, 16, 0, tzinfo=BERLIN)
    window = (date(2024, 1, 1), date(2027, 1, 1))
    one, other = MeetingSchedule(rule=rule, start=start), MeetingSchedule(rule=plainer, start=start)
    assert (one.describe(), one.occurrences(*window)) == (
        other.describe(),
        other.occurrences(*window),
    )


@given(schedules(), st.sampled_from(["de", "en"]))
def test_every_generated_schedule_is_said_in_words(schedule, lang):
    """The rules of the test networks all read as words, none as the raw rule."""
    text = schedule.describe(lang)
    assert "FREQ=" not in text or text.endswith(f"({schedule.rule})")


@given(rule_texts(), st.sampled_from(["de", "en"]))
def test_every_accepted_rule_is_described_without_error(rule, lang):
    """Any rule MeetingSchedule accepts gets words or the generic phrase, never an error."""
    try:
        schedule = MeetingSchedule(rule=rule, start=datetime(2024, 9, 3, 16, tzinfo=BERLIN))
    except ValidationError:
        reject()
    text = schedule.describe(lang)
    assert text.endswith(f"({schedule.rule})") or "FREQ=" not in text
