"""The actors the seed names are asked for by the default rules, and their absence is one gap.

The page of the Netzwerkstelle Schulerfolg the project started from names school social
work, counselling teachers (Beratungslehrkräfte), parents and the Netzwerkstelle itself.
For each, a default rule asks for it; when the data hold none of them, the report says so
once (a ``data_gap``), not once per school.
"""

import pytest

from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis
from bildungsnetz.rules import RequiredTie, default_rules

# Seed actor -> the kinds that stand for it in the data, and the rules that ask for them.
SEED_ACTORS = {
    "Schulsozialarbeiter:innen": (
        {"school_social_work"},
        {"school-social-work"},
    ),
    "Beratungslehrkräfte": (
        {"counselling_teacher", "school_psychology"},
        {"counselling-teacher"},
    ),
    "Eltern": ({"parents_council"}, {"parents"}),
    "Netzwerkstelle": ({"network_office"}, {"network-office-support"}),
}


def _partner_kinds(rule_id):
    rule = default_rules().rule(rule_id)
    assert isinstance(rule, RequiredTie)
    return {kind.value for kind in rule.partner.kinds}


@pytest.mark.parametrize("actor", sorted(SEED_ACTORS))
def test_every_actor_the_seed_names_is_asked_for(actor):
    """A default rule requires a tie to each actor the seed names, by the kinds it has."""
    kinds, rule_ids = SEED_ACTORS[actor]
    assert all(_partner_kinds(rule_id) == kinds for rule_id in rule_ids)


@pytest.mark.parametrize("actor", sorted(SEED_ACTORS))
def test_an_actor_missing_from_the_data_is_one_data_gap(actor):
    """Without any actor of those kinds, one data gap names the rule; no school is blamed."""
    kinds, rule_ids = SEED_ACTORS[actor]
    network = musterkreis()
    absent = network.without_actors(*(a.id for a in network.actors if a.kind.value in kinds))
    report = find_gaps(absent)
    data_gaps = [g for g in report.filter(kind="data_gap") if set(rule_ids) & _rules_of(g)]
    blamed = [g for g in report if g.rule in rule_ids and g.kind.value != "data_gap"]
    assert (len(data_gaps), blamed) == (1, [])


def _rules_of(gap):
    return set(str(gap.evidence["rules"]).split(", "))


def test_secondary_school_without_counselling_teacher_or_school_psychology_is_found():
    """Musterkreis's two Förderschulen with a lower secondary stage lack both."""
    report = find_gaps(musterkreis()).filter(rule="counselling-teacher")
    assert [gap.actors[0] for gap in report] == ["foes-lindenau-gb", "foes-muehlhagen"]


def test_counselling_gap_suggests_school_psychology_not_another_schools_teacher():
    """The remedy is consultation with school psychology, never a teacher of another school."""
    report = find_gaps(musterkreis()).filter(rule="counselling-teacher")
    proposed = {(s.actors[1], s.kind.value) for gap in report for s in gap.suggestions}
    assert proposed == {("spb", "consultation")}


def test_parents_gap_never_proposes_another_schools_parents_council():
    """A Schulelternrat belongs to its own school; the Kreiselternrat is proposed instead."""
    report = find_gaps(musterkreis()).filter(rule="parents")
    network = musterkreis()
    proposed = {s.actors[1] for gap in report for s in gap.suggestions}
    assert all(network.actor(partner).part_of is None for partner in proposed)
