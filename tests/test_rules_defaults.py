"""Tests of the default rules: the Schulerfolg policy as the rule set encodes it."""

import pytest

from bildungsnetz import rules as r
from bildungsnetz.rules import RequiredTie, Selector, default_rules

RULES = default_rules()
SCHOOL = Selector(kind="school")


@pytest.mark.parametrize(
    ("rule_id", "subject", "partner", "kinds", "within"),
    [
        ("school-social-work", SCHOOL, Selector(kind="school_social_work"), {"placement"}, 1),
        ("parents", SCHOOL, Selector(kind="parents_council"), set(), 1),
        ("youth-welfare-office", SCHOOL, Selector(kind="youth_welfare_office"), set(), 2),
        (
            "career-guidance",
            Selector(kind="school", stages={"lower_secondary"}),
            Selector(kinds={"career_guidance", "youth_employment_agency"}),
            set(),
            1,
        ),
    ],
)
def test_default_required_ties(rule_id, subject, partner, kinds, within):
    """The policy's required ties: who needs whom, of which kind, within how many steps."""
    rule = RULES.rule(rule_id)
    actual = (type(rule), rule.subject, rule.partner, rule.kinds, rule.within)
    assert actual == (RequiredTie, subject, partner, kinds, within)


def test_default_transition_flows_of_five_pupils_need_cooperation():
    """Every kind of flow of five or more pupils must be matched by a direct tie."""
    [rule] = RULES.of_type(r.RequiredTransitionCooperation)
    assert (rule.min_pupils, rule.transitions, rule.within) == (5, frozenset(), 1)


def test_default_cross_cutting_topics_are_covered_per_municipality():
    """Inclusion, migration, early childhood and the other cross-cutting topics, everywhere."""
    rules = RULES.of_type(r.RequiredCoverage)
    topics = {"absenteeism", "inclusion", "migration", "early_childhood", "transition", "parents"}
    actual = ({rule.topic for rule in rules}, {rule.per for rule in rules})
    assert actual == (topics, {"municipality"})


def test_default_need_rules_cover_absence_with_indicated_measures():
    """High absence calls for an indicated measure; leavers without a certificate too."""
    rules = {rule.indicator: rule for rule in RULES.of_type(r.NeedCoverage)}
    indicators = {"absence_rate", "without_qualification_rate"}
    assert (set(rules), rules["absence_rate"].tier) == (indicators, "indicated")


@pytest.mark.parametrize(
    "rule_type", [r.NoSinglePointOfFailure, r.FundingContinuity, r.PermanentPlacement]
)
def test_default_school_safeguards_concern_schools(rule_type):
    """Single points of failure, funding ends and permanent placement are judged for schools."""
    [rule] = RULES.of_type(rule_type)
    assert rule.subject == SCHOOL


def test_default_permanent_placement_is_about_school_social_work():
    """The permanent placement rule judges school social work."""
    [rule] = RULES.of_type(r.PermanentPlacement)
    assert rule.partner == Selector(kind="school_social_work")


def test_default_regular_contact_is_checked():
    """Scheduled meetings must take place (three may be missed)."""
    [rule] = RULES.of_type(r.RegularContact)
    assert rule.max_missed == 3
