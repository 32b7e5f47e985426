"""Data gaps: rules the data cannot answer give one finding per rule, never one per school."""

from __future__ import annotations

import pytest

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import EducationNetwork
from bildungsnetz.gaps import (
    find_data_gaps,
    find_gaps,
    find_missing_required_ties,
    find_uncovered_topics,
)
from bildungsnetz.rules import (
    FundingContinuity,
    GroupLinkage,
    NeedCoverage,
    NoSinglePointOfFailure,
    PermanentPlacement,
    ProviderDiversity,
    RegularContact,
    RequiredCoverage,
    RequiredTransitionCooperation,
    Selector,
    default_rules,
)

ONE_SCHOOL = EducationNetwork(name="Eins", actors=[shapes.school("gs", "GS")])


def missing(gaps):
    """Rule and what is missing, for each data gap."""
    return [(g.rule, g.evidence["missing"]) for g in gaps]


def test_absent_partner_kind_is_one_data_gap():
    """A rule about school social work, with none in the data, is one medium data gap."""
    gaps = find_data_gaps(shapes.chain_to_office(1), shapes.one_rule(shapes.ssa_rule()))
    expected = [("data_gap", "medium", (), "ssa")]
    assert expected == [(g.kind.value, g.severity.value, g.actors, g.rule) for g in gaps]


def test_absent_partner_kind_evidence_names_the_kind():
    """The evidence names the kind the data lack."""
    gaps = find_data_gaps(shapes.chain_to_office(1), shapes.one_rule(shapes.ssa_rule()))
    assert missing(gaps) == [("ssa", "school social work")]


def test_absent_partner_kind_gives_no_per_school_finding():
    """No school is reported for lacking a kind the data do not hold."""
    network = nets.no_social_work_kind_variant()
    assert find_missing_required_ties(network, shapes.one_rule(shapes.ssa_rule())) == []


def test_one_data_gap_however_many_schools():
    """Four schools without pupils' councils in the data give one finding, nothing else."""
    network = nets.compliant_district()
    network = network.without_actors(*(a.id for a in network.actors_of("pupils_council")))
    found = find_gaps(network)
    assert [(g.kind.value, g.rule) for g in found] == [("data_gap", "pupil-participation")]


def test_kind_ended_by_the_day_is_no_data_gap():
    """Posts that existed but ended before the Stichtag are a real loss, not missing data."""
    assert find_data_gaps(nets.ended_social_work_variant()) == []


def test_kind_ended_by_the_day_is_missing_at_the_schools():
    """The ended posts leave each school with a missing tie instead."""
    gaps = find_gaps(nets.ended_social_work_variant())
    kinds = {(g.kind.value, g.rule) for g in gaps}
    assert {("missing_required_tie", "school-social-work")} == kinds


def test_interventions_ended_by_the_day_are_no_data_gap():
    """Interventions that ran but ended before the Stichtag are no gap in the data."""
    assert find_data_gaps(nets.ended_interventions_variant()) == []


def test_interventions_ended_by_the_day_leave_topics_uncovered():
    """Once every intervention has ended, every cross-cutting topic is uncovered everywhere."""
    gaps = find_uncovered_topics(nets.ended_interventions_variant())
    expected = {
        (topic.value, municipality)
        for topic in nets.CROSS_CUTTING
        for municipality in (nets.STADT, nets.LAND)
    }
    assert expected == {(g.evidence["topic"], g.evidence["unit"]) for g in gaps}


@pytest.mark.parametrize(
    ("rule", "network", "expected"),
    [
        (NoSinglePointOfFailure(id="r"), shapes.star(2), "school"),
        (PermanentPlacement(id="r"), ONE_SCHOOL, "school social work"),
        (NeedCoverage(id="r", indicator="absence_rate", threshold=0.1), ONE_SCHOOL, "absence_rate"),
        (RequiredTransitionCooperation(id="r"), ONE_SCHOOL, "flows"),
        (RequiredCoverage(id="r", topic="inclusion"), ONE_SCHOOL, "interventions"),
        (ProviderDiversity(id="r"), ONE_SCHOOL, "interventions"),
        (RegularContact(id="r"), shapes.chain_to_office(1), "schedules"),
        (
            GroupLinkage(
                id="r",
                first=Selector(kind="school"),
                second=Selector(kind="youth_welfare_provider"),
            ),
            ONE_SCHOOL,
            "youth welfare provider",
        ),
    ],
    ids=[
        "subject",
        "placement",
        "indicator",
        "flows",
        "coverage",
        "providers",
        "schedules",
        "group",
    ],
)
def test_each_rule_type_names_what_the_data_lack(rule, network, expected):
    """Every rule type the data cannot answer gives one data gap naming the missing part."""
    assert [("r", expected)] == missing(find_data_gaps(network, shapes.one_rule(rule)))


def test_indicator_of_one_school_is_enough():
    """A need rule is answerable as soon as one school has the indicator."""
    network = EducationNetwork(
        name="Bedarf",
        actors=[shapes.school("gs-1", "GS 1"), shapes.school("gs-2", "GS 2", absence_rate=0.02)],
    )
    rule = NeedCoverage(id="r", indicator="absence_rate", threshold=0.1)
    assert find_data_gaps(network, shapes.one_rule(rule)) == []


def test_funding_rule_without_schools_is_a_data_gap():
    """Funding continuity about schools cannot be checked without any school."""
    rules = shapes.one_rule(FundingContinuity(id="r"))
    assert missing(find_data_gaps(shapes.star(2), rules)) == [("r", "school")]


def test_empty_network_names_every_default_rule_once():
    """On an empty network each missing fact is one data gap naming every rule it stops."""
    gaps = find_data_gaps(EducationNetwork(name="Leer"))
    named = sorted(rule for g in gaps for rule in g.evidence["rules"].split(", "))
    assert sorted(rule.id for rule in default_rules().rules) == named
    assert len(gaps) == len({g.evidence["missing"] for g in gaps})


def test_explanation_names_the_rule():
    """Both languages name the rule that cannot be checked."""
    gap = find_data_gaps(shapes.chain_to_office(1), shapes.one_rule(shapes.ssa_rule()))[0]
    assert ("„ssa“" in gap.explanation.de, "“ssa”" in gap.explanation.en) == (True, True)


def test_no_data_gaps_in_the_compliant_district():
    """The compliant district holds everything every default rule needs."""
    assert find_data_gaps(nets.compliant_district()) == []


def test_one_actor_network_runs():
    """A single school gives data gaps for everything but needs nothing else."""
    gaps = find_data_gaps(ONE_SCHOOL)
    assert {"data_gap"} == {g.kind.value for g in gaps}


def test_input_is_unchanged():
    """Finding data gaps does not change the network."""
    network = nets.no_social_work_kind_variant()
    before = network.model_dump()
    find_data_gaps(network)
    assert before == network.model_dump()


def test_results_are_sorted():
    """Data gaps come in report order (by id, all else being equal)."""
    gaps = find_data_gaps(EducationNetwork(name="Leer"))
    assert sorted(g.id for g in gaps) == [g.id for g in gaps]
