"""The RequiredTie detectors: missing, unreachable, fragile, shallow and unconfirmed."""

from __future__ import annotations

import pytest

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import EducationNetwork, Forum
from bildungsnetz.gaps import (
    find_fragile_pairs,
    find_missing_required_ties,
    find_shallow_cooperation,
    find_unconfirmed_ties,
    find_unreachable,
)
from bildungsnetz.rules import RequiredTie, Selector

DETECTORS = [
    find_missing_required_ties,
    find_unreachable,
    find_fragile_pairs,
    find_shallow_cooperation,
    find_unconfirmed_ties,
]


def summary(gaps):
    """Kind, severity, actors and rule of each finding, in the order given."""
    return [(g.kind.value, g.severity.value, g.actors, g.rule) for g in gaps]


# -- missing_required_tie -----------------------------------------------------------------


def test_school_without_social_work_is_missing_a_required_tie():
    """A school without any placement is reported once, high, under the default rule."""
    gaps = find_missing_required_ties(nets.missing_social_work_variant())
    expected = [("missing_required_tie", "high", ("gs-land",), "school-social-work")]
    assert expected == summary(gaps)


def test_missing_tie_evidence_counts_partners():
    """The evidence says how many partners were required and found."""
    gap = find_missing_required_ties(nets.missing_social_work_variant())[0]
    assert dict(gap.evidence) == {"partners_required": 1, "partners_found": 0}


def test_min_partners_exactly_met_is_no_finding():
    """Two placements satisfy a rule demanding two partners."""
    network = shapes.school_with_posts({"to": "ssa-1"}, {"to": "ssa-2"})
    rules = shapes.one_rule(shapes.ssa_rule(min_partners=2))
    assert find_missing_required_ties(network, rules) == []


def test_one_partner_short_is_missing():
    """One placement under a rule demanding two is a missing tie with one partner found."""
    network = shapes.school_with_posts({"to": "ssa-1"})
    gap = find_missing_required_ties(network, shapes.one_rule(shapes.ssa_rule(min_partners=2)))[0]
    expected = {"partners_required": 2, "partners_found": 1}
    assert expected == dict(gap.evidence)


def test_suggestions_never_propose_an_existing_partner():
    """A school one partner short is not advised to tie up with the partner it has."""
    network = shapes.school_with_posts({"to": "ssa-1"})
    gap = find_missing_required_ties(network, shapes.one_rule(shapes.ssa_rule(min_partners=2)))[0]
    proposed = {partner for tie in gap.suggested_ties for partner in tie.actors} - {"gs"}
    assert "ssa-1" not in proposed


def test_tie_of_another_kind_does_not_count():
    """An agreement with school social work is no placement."""
    network = shapes.school_with_posts({"to": "ssa-1", "kind": "agreement"})
    gaps = find_missing_required_ties(network, shapes.one_rule(shapes.ssa_rule()))
    assert [g.actors for g in gaps] == [("gs",)]


def test_partner_in_a_small_forum_counts_when_the_rule_allows_forums():
    """Sharing a forum of three with career guidance satisfies a forum rule."""
    network = forum_network(members={"gs", "bb", "verein"})
    assert find_missing_required_ties(network, shapes.one_rule(career_rule())) == []


def test_partner_in_a_forum_above_the_size_limit_does_not_count():
    """A forum larger than max_forum_size is no tie between its members."""
    network = forum_network(members={"gs", "bb", "verein"})
    rules = shapes.one_rule(career_rule(), max_forum_size=2)
    assert [g.actors for g in find_missing_required_ties(network, rules)] == [("gs",)]


def career_rule():
    """Every school works with career guidance, forums counting."""
    return RequiredTie(
        id="bo",
        subject=Selector(kind="school"),
        partner=Selector(kind="career_guidance"),
        forums=True,
    )


def forum_network(members):
    """A school, career guidance and an association, only linked through one forum."""
    return EducationNetwork(
        name="Forum",
        actors=[
            shapes.school("gs", "GS Forum"),
            shapes.actor("bb", "career_guidance", "Berufsberatung"),
            shapes.actor("verein", "association", "Verein"),
        ],
        forums=[Forum(id="ak", name="AK", kind="working_group", members=members)],
    )


def test_partner_ended_by_the_day_is_missing_at_every_school():
    """Posts that ended before the Stichtag leave every school without school social work."""
    gaps = find_missing_required_ties(nets.ended_social_work_variant())
    assert sorted(nets.SCHOOLS) == sorted(g.actors[0] for g in gaps)


def test_absent_partner_kind_gives_no_per_school_findings():
    """Without any school social work in the data no school is reported for it."""
    network = nets.no_social_work_kind_variant()
    found = [g for detector in DETECTORS for g in detector(network)]
    assert [g for g in found if g.rule == "school-social-work"] == []


# -- several steps: fragile, too far, unreachable -----------------------------------------


def test_direct_tie_to_the_office_is_no_finding():
    """A school tied to the Jugendamt itself meets the two-step rule."""
    network = shapes.chain_to_office(1)
    rules = shapes.one_rule(shapes.ja_rule())
    assert [g for detector in DETECTORS for g in detector(network, rules)] == []


def test_one_intermediary_is_a_fragile_pair():
    """Reaching the Jugendamt only through sek-land is fragile, one level below high."""
    gaps = find_fragile_pairs(nets.one_intermediary_variant())
    expected = [("fragile_pair", "medium", ("gs-land", "sek-land"), "youth-welfare-office")]
    assert expected == summary(gaps)


def test_fragile_pair_evidence():
    """The evidence counts one intermediary and the partners reached through it."""
    gap = find_fragile_pairs(shapes.chain_to_office(2), shapes.one_rule(shapes.ja_rule()))[0]
    assert dict(gap.evidence) == {"intermediaries": 1, "partners_reached": 1}


def test_two_intermediaries_are_not_fragile():
    """Two different neighbours that lead to the Jugendamt make the link robust."""
    network = nets.two_intermediaries_variant()
    assert [g for detector in DETECTORS for g in detector(network)] == []


def test_office_three_steps_away_is_missing_not_unreachable():
    """A connected school three steps from the Jugendamt is missing the tie, at rule severity."""
    network, rules = shapes.chain_to_office(3), shapes.one_rule(shapes.ja_rule())
    found = [g for detector in DETECTORS for g in detector(network, rules)]
    assert summary(found) == [("missing_required_tie", "high", ("gs",), "ja")]


def test_too_far_explanation_names_no_sentinel_distance():
    """The explanation of a too-distant partner never shows an internal 'infinity'."""
    network, rules = shapes.chain_to_office(3), shapes.one_rule(shapes.ja_rule())
    gap = find_missing_required_ties(network, rules)[0]
    assert "9223372036854775807" not in gap.explanation.en


def test_too_far_german_explanation_names_the_steps():
    """The German explanation says more than two steps, with the number."""
    network, rules = shapes.chain_to_office(3), shapes.one_rule(shapes.ja_rule())
    gap = find_missing_required_ties(network, rules)[0]
    assert "mehr als Schritte" not in gap.explanation.de


def test_office_in_another_part_is_unreachable():
    """A school whose part of the network holds no Jugendamt is unreachable, one level up."""
    network, rules = shapes.school_apart_from_office(), shapes.one_rule(shapes.ja_rule())
    found = [g for detector in DETECTORS for g in detector(network, rules)]
    assert summary(found) == [("unreachable", "critical", ("gs",), "ja")]


def test_unreachable_evidence_gives_the_size_of_the_part():
    """The school's part holds two actors (it and its parents' council)."""
    network, rules = shapes.school_apart_from_office(), shapes.one_rule(shapes.ja_rule())
    gap = find_unreachable(network, rules)[0]
    assert dict(gap.evidence) == {"component_size": 2, "within": 2}


def test_unreachable_suggests_the_office():
    """Unreachable proposes a tie to the Jugendamt."""
    network, rules = shapes.school_apart_from_office(), shapes.one_rule(shapes.ja_rule())
    gap = find_unreachable(network, rules)[0]
    assert [tie.actors for tie in gap.suggested_ties] == [("gs", "ja")]


# -- shallow and unconfirmed ---------------------------------------------------------------


def test_awareness_placement_is_shallow():
    """A placement below the default rule's intensity is shallow, one level below high."""
    gaps = find_shallow_cooperation(nets.shallow_social_work_variant())
    expected = [("shallow_cooperation", "medium", ("gs-land", "ssa-gs-land"), "school-social-work")]
    assert expected == summary(gaps)


def test_shallow_evidence_names_the_tie():
    """The evidence names the shallow tie and counts no sufficient partner."""
    gap = find_shallow_cooperation(nets.shallow_social_work_variant())[0]
    expected = {"partners_required": 1, "partners_sufficient": 0, "ties": "gs-land--ssa-gs-land"}
    assert expected == dict(gap.evidence)


def test_intensity_exactly_at_the_minimum_is_enough():
    """A placement at exactly min_intensity is not shallow."""
    network = shapes.school_with_posts({"to": "ssa-1", "intensity": "cooperation"})
    rules = shapes.one_rule(shapes.ssa_rule(min_intensity="cooperation"))
    assert [g for detector in DETECTORS for g in detector(network, rules)] == []


def test_unknown_intensity_is_not_reported():
    """A placement whose intensity nobody recorded is no evidence of shallowness."""
    network = nets.unknown_intensity_variant()
    assert [g for detector in DETECTORS for g in detector(network)] == []


def test_shallow_tie_beside_a_good_one_is_not_reported():
    """One placement deep enough satisfies the rule whatever the other is like."""
    network = shapes.school_with_posts(
        {"to": "ssa-1", "intensity": "awareness"}, {"to": "ssa-2", "intensity": "integration"}
    )
    rules = shapes.one_rule(shapes.ssa_rule(min_intensity="cooperation"))
    assert [g for detector in DETECTORS for g in detector(network, rules)] == []


def test_one_sided_placement_is_unconfirmed():
    """A placement only one side reported is unconfirmed, two levels below high."""
    gaps = find_unconfirmed_ties(nets.unconfirmed_social_work_variant())
    expected = [("unconfirmed_tie", "low", ("gs-land", "ssa-gs-land"), "school-social-work")]
    assert expected == summary(gaps)


def test_unconfirmed_severity_stops_at_info():
    """Two levels below a low rule is info, the bottom of the scale."""
    network = shapes.school_with_posts({"to": "ssa-1", "confirmed": False})
    gap = find_unconfirmed_ties(network, shapes.one_rule(shapes.ssa_rule(severity="low")))[0]
    assert gap.severity.value == "info"


def test_each_shortfall_is_classified_once():
    """A school with one unconfirmed placement is not also reported as missing it."""
    network = nets.unconfirmed_social_work_variant()
    found = [g for detector in DETECTORS for g in detector(network)]
    assert [g.kind.value for g in found] == ["unconfirmed_tie"]


# -- every detector ------------------------------------------------------------------------


@pytest.mark.parametrize("detector", DETECTORS)
def test_no_findings_on_the_compliant_district(detector):
    """The district that meets every rule gives no finding."""
    assert detector(nets.compliant_district()) == []


@pytest.mark.parametrize("detector", DETECTORS)
@pytest.mark.parametrize(
    "network",
    [
        EducationNetwork(name="Leer"),
        EducationNetwork(name="Eins", actors=[shapes.school("gs", "GS")]),
    ],
    ids=["empty", "one-actor"],
)
def test_empty_and_one_actor_networks(detector, network):
    """A network without ties gives no finding of these kinds and raises nothing."""
    assert detector(network) == []


@pytest.mark.parametrize("detector", DETECTORS)
def test_input_is_unchanged(detector):
    """A detector does not change the network it reads."""
    network = nets.gappy_district()
    before = network.model_dump()
    detector(network)
    assert before == network.model_dump()


def test_results_are_sorted():
    """Findings come in report order: larger schools (in whole hundreds) first, then by id."""
    gaps = find_missing_required_ties(nets.ended_social_work_variant())
    expected = ["sek-stadt", "sek-land", "gs-land", "gs-stadt"]
    assert expected == [g.actors[0] for g in gaps]


def test_results_are_repeatable():
    """An equal network built anew gives equal findings."""
    network = nets.ended_social_work_variant()
    again = EducationNetwork.model_validate(network.model_dump())
    assert find_missing_required_ties(network) == find_missing_required_ties(again)
