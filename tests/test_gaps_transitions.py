"""Transition flows without cooperation, and pupil counts below 3 in the reports."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

import gap_shapes as shapes
import time_networks as times
from bildungsnetz import EducationNetwork, Forum, Period
from bildungsnetz.gaps import find_gaps, find_transitions_without_cooperation
from bildungsnetz.rules import RequiredTransitionCooperation


def flows_rule(min_pupils=5, *, max_forum_size=12, **options):
    """A rule set with only a transition rule (high) and the given forum size limit."""
    rule = RequiredTransitionCooperation(
        id="flows", min_pupils=min_pupils, severity="high", **options
    )
    return shapes.one_rule(rule, max_forum_size=max_forum_size)


def summary(gaps):
    """Severity and actors of each finding."""
    return [(gap.severity.value, gap.actors) for gap in gaps]


# -- min_pupils and what counts as cooperation --------------------------------------------


def test_flow_of_exactly_min_pupils_needs_cooperation():
    """A flow of five pupils under min_pupils=5 is reported."""
    gaps = find_transitions_without_cooperation(shapes.small_flow(5), flows_rule())
    assert [gap.actors for gap in gaps] == [("gs", "sek-1")]


def test_flow_one_below_min_pupils_is_not_reported():
    """A flow of four pupils under min_pupils=5 is not reported."""
    assert find_transitions_without_cooperation(shapes.small_flow(4), flows_rule()) == []


def test_direct_tie_of_any_kind_is_cooperation():
    """An agreement between sender and receiver closes the flow."""
    network = shapes.small_flow(5).with_cooperations(shapes.tie("gs", "sek-1"))
    assert find_transitions_without_cooperation(network, flows_rule()) == []


def test_shared_small_forum_is_cooperation():
    """A working group of three with both institutions closes the flow."""
    forum = Forum(id="ak", name="AK", kind="working_group", members={"gs", "sek-1", "verein"})
    network = shapes.small_flow(5).with_forums(forum)
    assert find_transitions_without_cooperation(network, flows_rule()) == []


def test_shared_large_forum_is_no_cooperation():
    """A working group above max_forum_size does not close the flow."""
    forum = Forum(id="ak", name="AK", kind="working_group", members={"gs", "sek-1", "verein"})
    network = shapes.small_flow(5).with_forums(forum)
    gaps = find_transitions_without_cooperation(network, flows_rule(max_forum_size=2))
    assert [gap.actors for gap in gaps] == [("gs", "sek-1")]


def test_shared_transition_forum_counts_whatever_its_size():
    """A transition forum above max_forum_size still closes the flow."""
    forum = Forum(id="uk", name="ÜK", kind="transition_forum", members={"gs", "sek-1", "verein"})
    network = shapes.small_flow(5).with_forums(forum)
    assert find_transitions_without_cooperation(network, flows_rule(max_forum_size=2)) == []


def test_shared_forum_does_not_count_when_the_rule_says_so():
    """With forums=False a shared small forum leaves the flow open."""
    forum = Forum(id="ak", name="AK", kind="working_group", members={"gs", "sek-1", "verein"})
    network = shapes.small_flow(5).with_forums(forum)
    gaps = find_transitions_without_cooperation(network, flows_rule(forums=False))
    assert [gap.actors for gap in gaps] == [("gs", "sek-1")]


def test_two_step_path_counts_within_two():
    """Sender and receiver both tied to one association cooperate within two steps."""
    assert find_transitions_without_cooperation(shapes.small_flow(5), flows_rule(within=2)) == []


def test_three_step_path_is_too_far_within_two():
    """A path gs–v1–v2–sek is no cooperation within two steps."""
    network = EducationNetwork(
        name="Kette",
        actors=[
            shapes.school("gs", "GS"),
            shapes.actor("v1", "association"),
            shapes.actor("v2", "association"),
            shapes.school("sek", "Sek", form="sekundarschule"),
        ],
        cooperations=[shapes.tie("gs", "v1"), shapes.tie("v1", "v2"), shapes.tie("v2", "sek")],
        flows=[times.flow("gs", "sek", 5, "primary_to_secondary")],
    )
    gaps = find_transitions_without_cooperation(network, flows_rule(within=2))
    assert [gap.actors for gap in gaps] == [("gs", "sek")]


def test_tie_ended_on_the_day_no_longer_counts():
    """A tie whose end is the day judged on has gone (the end is exclusive)."""
    ended = shapes.tie("gs", "sek-1", period=Period(end=date(2025, 1, 1)))
    network = shapes.small_flow(5).with_cooperations(ended)
    gaps = find_transitions_without_cooperation(network, flows_rule(), as_of=date(2025, 1, 1))
    assert [gap.actors for gap in gaps] == [("gs", "sek-1")]


def test_tie_starting_on_the_day_counts():
    """A tie whose start is the day judged on is already there (the start is inclusive)."""
    started = shapes.tie("gs", "sek-1", period=Period(start=date(2025, 1, 1)))
    network = shapes.small_flow(5).with_cooperations(started)
    assert find_transitions_without_cooperation(network, flows_rule(), as_of=date(2025, 1, 1)) == []


def test_only_the_latest_school_year_is_judged():
    """A large flow of 2023 is history when 2024 holds only a small one."""
    network = shapes.small_flow(2).with_flows(
        times.flow("gs", "sek-1", 30, "primary_to_secondary", 2023)
    )
    assert find_transitions_without_cooperation(network, flows_rule()) == []


def test_rule_checks_only_its_transitions():
    """A rule for Kita transitions ignores a flow from Grundschule to Sekundarschule."""
    rules = flows_rule(transitions={"kita_to_primary"})
    assert find_transitions_without_cooperation(shapes.small_flow(30), rules) == []


# -- severity --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pupils", "expected"),
    [
        ((20, 21, 21), "high"),  # four times min_pupils, a third of what gs passes on
        ((19, 21, 21), "medium"),  # below four times, below half
        ((5, 5), "high"),  # exactly half of what gs passes on
        ((5, 6), "medium"),  # 5 of 11: just below half
        ((5, 1, 5), "medium"),  # 5 of 11: the small flow counts towards what gs passes on
    ],
)
def test_severity_by_number_and_share(pupils, expected):
    """The rule's severity from 4 x min_pupils or half the sender's pupils, else one lower."""
    gaps = find_transitions_without_cooperation(shapes.small_flow(*pupils), flows_rule())
    assert [gap.severity.value for gap in gaps if gap.actors == ("gs", "sek-1")] == [expected]


def test_evidence_leaves_out_the_share_of_the_sender():
    """The evidence holds the count, school year and transition, not the share."""
    gap = find_transitions_without_cooperation(shapes.small_flow(5, 6), flows_rule())[0]
    assert sorted(gap.evidence) == ["pupils", "school_year", "transition"]


# -- a Grundschule that works with none of its Kitas ------------------------------------------


def test_school_without_any_kita_is_one_finding_for_all_kitas():
    """Two Kitas below min_pupils each, seven children together: one finding naming both."""
    gaps = find_transitions_without_cooperation(times.kitas_to_school(4, 3), flows_rule())
    assert summary(gaps) == [("high", ("gs", "kita-a", "kita-b"))]


def test_aggregate_finding_counts_children_and_kitas():
    """The aggregate finding publishes the total and the number of sending Kitas."""
    gap = find_transitions_without_cooperation(times.kitas_to_school(4, 3), flows_rule())[0]
    assert (gap.evidence["pupils"], gap.evidence["sending_kitas"]) == (7, 2)


def test_aggregate_replaces_the_per_kita_findings():
    """Two sizeable Kita flows into a school without Kita ties give one finding, not three."""
    gaps = find_transitions_without_cooperation(times.kitas_to_school(6, 5), flows_rule())
    assert summary(gaps) == [("high", ("gs", "kita-a", "kita-b"))]


def test_aggregate_keeps_the_rule_severity_for_a_small_total():
    """Five children from two Kitas (no flow large) still give the rule's severity."""
    gaps = find_transitions_without_cooperation(times.kitas_to_school(3, 2), flows_rule())
    assert summary(gaps) == [("high", ("gs", "kita-a", "kita-b"))]


def test_school_with_one_kita_tie_gets_per_kita_findings():
    """Tied to Kita A, the school is reported only for the sizeable flow from Kita B."""
    network = times.kitas_to_school(6, 5).with_cooperations(
        shapes.tie("kita-a", "gs", "transition")
    )
    gaps = find_transitions_without_cooperation(network, flows_rule())
    assert [gap.actors for gap in gaps] == [("kita-b", "gs")]


# -- pupil counts below 3 ---------------------------------------------------------------------

LEAK = re.compile(
    r"(?<![\w.])[12] (Schüler|Kinder|pupils|children)"
    r"|\"pupils\": [12]\b|pupils: [12]\b|\"score\": [12]\.0"
)


def small_counts_report():
    """Flows of 1 and 2 pupils and a Kita sending 2 children, judged under min_pupils=1."""
    network = times.kitas_to_school(2).with_actors(
        shapes.school("sek-a", "Sekundarschule A", form="sekundarschule"),
        shapes.school("sek-b", "Sekundarschule B", form="sekundarschule"),
    )
    network = network.with_flows(
        times.flow("gs", "sek-a", 1, "primary_to_secondary"),
        times.flow("gs", "sek-b", 2, "primary_to_secondary"),
    )
    return find_gaps(network, flows_rule(min_pupils=1))


def test_small_counts_are_suppressed_in_evidence_and_score():
    """Every transition finding on counts of 1 or 2 publishes None and scores 0."""
    gaps = small_counts_report().filter(kind="transition_without_cooperation")
    assert [(g.evidence["pupils"], g.score) for g in gaps] == [(None, 0.0)] * 3


HTML = pytest.mark.requires_extra("html")


@pytest.mark.parametrize(
    "render",
    [
        lambda report: report.to_json(),
        lambda report: report.to_markdown("de"),
        lambda report: report.to_markdown("en"),
        pytest.param(lambda report: report.to_html("de"), marks=HTML),
        pytest.param(lambda report: report.to_html("en"), marks=HTML),
        lambda report: json.dumps(report.to_records(), ensure_ascii=False),
    ],
    ids=["json", "markdown-de", "markdown-en", "html-de", "html-en", "records"],
)
def test_small_counts_appear_in_no_output(render):
    """No output states a count of 1 or 2 pupils or children."""
    report = small_counts_report()
    assert (
        len(report.filter(kind="transition_without_cooperation")),
        LEAK.findall(render(report)),
    ) == (3, [])


def test_a_day_whose_flows_differ_publishes_its_own_table():
    """Protected once per table: a later day without a Kita is not given the first day's."""
    network = times.kitas_to_school(2, 9, 20)
    network = network.with_actors(
        shapes.school("sek-1", "Sek 1", form="sekundarschule"),
        network.actor("kita-a").model_copy(update={"active": Period(end=date(2026, 1, 1))}),
    ).with_flows(times.flow("gs", "sek-1", 4, "primary_to_secondary"))
    rules = flows_rule(min_pupils=1)
    first, later = date(2025, 11, 1), date(2026, 3, 1)
    before = find_transitions_without_cooperation(network, rules, as_of=first)
    after_the_first = find_transitions_without_cooperation(network, rules, as_of=later)
    alone = find_transitions_without_cooperation(network.replace(), rules, as_of=later)
    pupils = [gap.evidence["pupils"] for gap in after_the_first]
    assert pupils != [gap.evidence["pupils"] for gap in before]
    assert pupils == [gap.evidence["pupils"] for gap in alone]
    assert after_the_first == alone
