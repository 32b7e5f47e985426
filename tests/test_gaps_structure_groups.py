"""The group detectors of the structure module: underlinked groups and insular municipalities."""

from __future__ import annotations

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import EducationNetwork
from bildungsnetz.gaps import find_insular_groups, find_underlinked_groups
from bildungsnetz.rules import GroupLinkage, RuleSet, Selector


def summary(gaps):
    """Kind, severity, actors and rule of each finding, in the order given."""
    return [(g.kind.value, g.severity.value, g.actors, g.rule) for g in gaps]


def linkage(min_ratio):
    """Schools and the Jugendamt must be tied ``min_ratio`` times as densely as by chance."""
    rule = GroupLinkage(
        id="schule-ja",
        first=Selector(kind="school"),
        second=Selector(kind="youth_welfare_office"),
        min_ratio=min_ratio,
        severity="high",
    )
    return shapes.one_rule(rule)


def school_and_office():
    """One school tied to the Jugendamt: one tie where 0.5 are expected (ratio 2)."""
    return shapes.chain_to_office(1)


def test_groups_tied_below_the_ratio_are_underlinked():
    """Ratio 2 under a minimum of 2.5 is underlinked at the rule's severity."""
    gaps = find_underlinked_groups(school_and_office(), linkage(2.5))
    assert summary(gaps) == [("underlinked_groups", "high", (), "schule-ja")]


def test_underlinked_evidence():
    """The evidence gives observed and expected ties and their ratio."""
    gap = find_underlinked_groups(school_and_office(), linkage(2.5))[0]
    assert dict(gap.evidence) == {"ties": 1, "expected_ties": 0.5, "ratio": 2.0}


def test_ratio_exactly_at_the_minimum_is_enough():
    """Ratio 2 meets a minimum of 2."""
    assert find_underlinked_groups(school_and_office(), linkage(2.0)) == []


def test_absent_group_is_not_judged():
    """Without any Jugendamt there is nothing to compare (that is a data gap)."""
    network = EducationNetwork(name="Eins", actors=[shapes.school("gs", "GS")])
    assert find_underlinked_groups(network, linkage(0.5)) == []


def municipality_network(outside_municipality):
    """A triangle in STADT with one tie from its member c to d, located as given."""
    return EducationNetwork(
        name="Gemeinde",
        actors=[
            *(shapes.actor(x, "association") for x in "abc"),
            shapes.actor("d", "association", municipality=outside_municipality),
        ],
        cooperations=[
            shapes.tie("a", "b"),
            shapes.tie("b", "c"),
            shapes.tie("a", "c"),
            shapes.tie("c", "d"),
        ],
    )


def test_closed_municipality_is_insular():
    """Three actors tied only to each other are insular, low, keyed by the AGS."""
    network = EducationNetwork(
        name="Insel",
        actors=[
            *(shapes.actor(x, "association") for x in "abc"),
            *(shapes.actor(x, "association", municipality=nets.LAND) for x in "xy"),
        ],
        cooperations=[shapes.tie("a", "b"), shapes.tie("b", "c"), shapes.tie("x", "y")],
    )
    gap = find_insular_groups(network)[0]
    expected = ("low", {"municipality": nets.STADT, "ei_index": -1.0, "actors": 3})
    assert expected == (gap.severity.value, dict(gap.evidence))


def test_a_single_municipality_is_never_insular():
    """When every located actor shares one AGS (a kreisfreie Stadt), nothing is insular."""
    network = EducationNetwork(
        name="Stadt",
        actors=[shapes.actor(x, "association") for x in "abc"],
        cooperations=[shapes.tie("a", "b"), shapes.tie("b", "c")],
    )
    assert find_insular_groups(network) == []


def test_index_exactly_at_the_threshold_is_insular():
    """One tie out against three inside (E-I -0.5) is insular at threshold -0.5."""
    rules = RuleSet(name="Insel", insular_threshold=-0.5)
    assert [
        g.evidence["ei_index"] for g in find_insular_groups(municipality_network(nets.LAND), rules)
    ] == [-0.5]


def test_index_above_the_threshold_is_not_insular():
    """E-I -0.5 is above a threshold of -0.6."""
    rules = RuleSet(name="Insel", insular_threshold=-0.6)
    assert find_insular_groups(municipality_network(nets.LAND), rules) == []


def test_ties_to_actors_without_a_municipality_lead_out():
    """A tie to an actor without an AGS leads out of the municipality (E-I -0.5, not -1)."""
    rules = RuleSet(name="Insel", insular_threshold=-0.6)
    assert find_insular_groups(municipality_network(None), rules) == []


def test_municipality_of_two_is_not_judged():
    """Groups under three actors are too small to call insular."""
    network = EducationNetwork(
        name="Zwei",
        actors=[shapes.actor(x, "association") for x in "ab"],
        cooperations=[shapes.tie("a", "b")],
    )
    assert find_insular_groups(network) == []
