"""Dormant ties and forums: scheduled meetings missed since the last contact.

The weekly tie meets on Tuesdays at 16:00 in Berlin; it last met on Tuesday 7 October
2025. Clocks go back on Sunday 26 October, inside every window below.
"""

from __future__ import annotations

from datetime import date

import pytest

import gap_shapes as shapes
import time_networks as times
from bildungsnetz import Period
from bildungsnetz.gaps import find_dormant_ties
from bildungsnetz.rules import RegularContact

LAST = date(2025, 10, 7)


def contact(max_missed=3):
    """Scheduled meetings may be missed ``max_missed - 1`` times (medium)."""
    return shapes.one_rule(RegularContact(id="treffen", max_missed=max_missed, severity="medium"))


def missed(gaps):
    """The missed meetings of each finding."""
    return [gap.evidence["missed_meetings"] for gap in gaps]


def test_exactly_max_missed_meetings_make_a_tie_dormant():
    """Three Tuesdays missed (14, 21, 28 October) under max_missed=3: dormant."""
    gaps = find_dormant_ties(times.scheduled_tie(LAST), contact(), as_of=date(2025, 11, 4))
    assert [(gap.actors, gap.severity.value) for gap in gaps] == [(("gs", "ja"), "medium")]


def test_one_meeting_short_of_max_missed_is_not_dormant():
    """Three Tuesdays missed under max_missed=4: not yet dormant."""
    gaps = find_dormant_ties(times.scheduled_tie(LAST), contact(4), as_of=date(2025, 11, 4))
    assert gaps == []


def test_meeting_on_the_day_itself_is_not_yet_missed():
    """Judged on Tuesday 4 November, that day's 16:00 meeting is not counted."""
    gaps = find_dormant_ties(times.scheduled_tie(LAST), contact(1), as_of=date(2025, 11, 4))
    assert missed(gaps) == [3]


def test_meeting_the_day_before_is_missed():
    """Judged on Wednesday 5 November, Tuesday's meeting is counted."""
    gaps = find_dormant_ties(times.scheduled_tie(LAST), contact(1), as_of=date(2025, 11, 5))
    assert missed(gaps) == [4]


def test_meeting_on_the_day_of_the_last_contact_is_not_missed():
    """A contact on a meeting day covers that meeting: nothing missed the day after."""
    network = times.scheduled_tie(date(2025, 10, 14))
    assert find_dormant_ties(network, contact(1), as_of=date(2025, 10, 15)) == []


def test_meeting_the_day_after_the_last_contact_is_missed():
    """A contact on Monday 13 October does not cover Tuesday's meeting."""
    network = times.scheduled_tie(date(2025, 10, 13))
    assert missed(find_dormant_ties(network, contact(1), as_of=date(2025, 10, 15))) == [1]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [(date(2025, 10, 28), "medium"), (date(2025, 10, 29), "high")],
    ids=["two-missed", "three-missed"],
)
def test_severity_rises_from_three_times_max_missed(as_of, expected):
    """Under max_missed=1, two missed meetings keep the rule's severity, three raise it."""
    gaps = find_dormant_ties(times.scheduled_tie(LAST), contact(1), as_of=as_of)
    assert [gap.severity.value for gap in gaps] == [expected]


def test_evidence_states_the_last_contact_and_the_days_since():
    """The evidence gives the count, the last contact, the days since and the schedule."""
    gap = find_dormant_ties(times.scheduled_tie(LAST), contact(), as_of=date(2025, 11, 4))[0]
    expected = {
        "missed_meetings": 3,
        "last_contact": "2025-10-07",
        "days_since": 28,
        "schedule": "FREQ=WEEKLY;BYDAY=TU",
    }
    assert dict(gap.evidence) == expected


# -- daylight saving time ---------------------------------------------------------------------


@pytest.mark.parametrize("hour", [0, 16, 23])
def test_daily_meetings_across_the_autumn_switch_count_once_a_day(hour):
    """Daily meetings on 26 and 27 October count, the one on 28 October (the day) does not."""
    network = times.scheduled_tie(date(2025, 10, 25), times.daily(hour, 30))
    gaps = find_dormant_ties(network, contact(1), as_of=date(2025, 10, 28))
    assert missed(gaps) == [2]


def test_daily_meeting_in_the_skipped_spring_hour_still_counts():
    """A 02:30 meeting on 30 March 2025 (the hour clocks skip) is one of three missed."""
    schedule = times.daily(2, 30, first=date(2025, 3, 1))
    network = times.scheduled_tie(date(2025, 3, 28), schedule)
    gaps = find_dormant_ties(network, contact(1), as_of=date(2025, 4, 1))
    assert missed(gaps) == [3]


# -- what is judged -------------------------------------------------------------------------


def test_without_a_day_nothing_is_judged():
    """No as_of and no reference_date: the detector does not assume today."""
    assert find_dormant_ties(times.scheduled_tie(LAST), contact(1)) == []


def test_reference_date_is_the_day_by_default():
    """Without as_of, the network's reference_date is the day judged on."""
    network = times.scheduled_tie(LAST, reference_date=date(2025, 11, 4))
    assert missed(find_dormant_ties(network, contact(1))) == [3]


def test_tie_without_a_last_contact_is_not_judged():
    """A scheduled tie nobody recorded a contact for gives no finding."""
    network = times.scheduled_tie(None)
    assert find_dormant_ties(network, contact(1), as_of=date(2025, 11, 4)) == []


def test_tie_ended_on_the_day_is_not_judged():
    """A tie whose end is the day judged on has gone and cannot be dormant."""
    network = times.scheduled_tie(LAST, period=Period(end=date(2025, 11, 4)))
    assert find_dormant_ties(network, contact(1), as_of=date(2025, 11, 4)) == []


def test_tie_ending_the_day_after_is_judged():
    """On its last day a scheduled tie is still judged."""
    network = times.scheduled_tie(LAST, period=Period(end=date(2025, 11, 5)))
    assert missed(find_dormant_ties(network, contact(1), as_of=date(2025, 11, 4))) == [3]


def test_dormant_forum_is_named_first_with_its_participants():
    """A forum's finding names the forum, then its convenor and members in order."""
    gaps = find_dormant_ties(times.scheduled_forum(LAST), contact(), as_of=date(2025, 11, 4))
    assert [gap.actors for gap in gaps] == [("ak", "gs", "ja", "nws")]
