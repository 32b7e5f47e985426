"""The structural detectors: cut actors and ties, brokers, dependence and isolation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import EducationNetwork, Forum
from bildungsnetz.gaps import (
    find_cut_actors,
    find_cut_ties,
    find_dependent_actors,
    find_exclusive_brokers,
    find_insular_groups,
    find_isolated_actors,
    find_underlinked_groups,
)

DETECTORS = [
    find_cut_actors,
    find_cut_ties,
    find_exclusive_brokers,
    find_dependent_actors,
    find_isolated_actors,
    find_underlinked_groups,
    find_insular_groups,
]
SPOF = shapes.one_rule(shapes.spof_rule())


def summary(gaps):
    """Kind, severity, actors and rule of each finding, in the order given."""
    return [(g.kind.value, g.severity.value, g.actors, g.rule) for g in gaps]


# -- cut actors and cut ties ---------------------------------------------------------------


def test_cut_actor_of_one_school_in_eleven_has_rule_severity():
    """nws alone holds one school of eleven (under a tenth): high, as the rule says."""
    gaps = find_cut_actors(shapes.hanging_school(10), SPOF)
    assert summary(gaps) == [("cut_actor", "high", ("nws", "gs-x"), "spof")]


def test_cut_actor_of_a_tenth_of_the_schools_is_critical():
    """One school of ten is exactly a tenth: critical."""
    gaps = find_cut_actors(shapes.hanging_school(9), SPOF)
    assert summary(gaps) == [("cut_actor", "critical", ("nws", "gs-x"), "spof")]


def test_cut_actor_evidence():
    """The evidence counts what is cut off: the school and its post."""
    gap = find_cut_actors(shapes.hanging_school(10), SPOF)[0]
    expected = {
        "actors_cut_off": 2,
        "subjects_cut_off": 1,
        "share_of_subjects": 0.0909,
        "parts": 1,
        "parts_on_one_tie": 0,
    }
    assert expected == dict(gap.evidence)


def test_part_hanging_on_one_tie_is_no_cut_actor():
    """A school tied to nws by a single tie is left to cut_tie."""
    network = shapes.hanging_school(10).without_cooperations("ssa-x--nws")
    assert find_cut_actors(network, SPOF) == []


def test_cut_tie_cutting_off_a_school():
    """The one tie from nws to the Jugendamt holds the school on: one level below high."""
    gaps = find_cut_ties(shapes.hanging_school(10), SPOF)
    assert summary(gaps) == [("cut_tie", "medium", ("nws", "ja", "gs-x"), "spof")]


def test_cut_tie_evidence():
    """The evidence counts the three actors cut off and names the tie."""
    gap = find_cut_ties(shapes.hanging_school(10), SPOF)[0]
    expected = {
        "actors_cut_off": 3,
        "subjects_cut_off": 1,
        "equal_halves": False,
        "ties": "nws--ja",
    }
    assert expected == dict(gap.evidence)


def test_cut_tie_suggests_a_second_link_for_the_school():
    """The remedy ties the cut-off school into the main part, not through the cut tie."""
    gap = find_cut_ties(shapes.hanging_school(10), SPOF)[0]
    assert [tie.actors[0] for tie in gap.suggested_ties] == ["gs-x"]


def test_cut_tie_remedy_leads_out_of_the_cut_off_part():
    """The second link joins the school to an actor outside the part, not to nws it has."""
    gap = find_cut_ties(shapes.hanging_school(2), SPOF)[0]
    inside = {"nws", "gs-x", "ssa-x"}
    assert [tie.actors for tie in gap.suggested_ties if set(tie.actors) <= inside] == []


def test_tie_cutting_off_no_school_is_not_reported():
    """A parents' council hanging on its school is no single point of failure for schools."""
    assert find_cut_ties(nets.compliant_district()) == []


@given(st.permutations(range(5)))
def test_cut_actor_findings_do_not_depend_on_record_order(order):
    """Two equal halves joined by nws give the same findings whatever the actor order."""
    network = shapes.symmetric_halves()
    shuffled = network.replace(actors=tuple(network.actors[i] for i in order))
    expected = [g.id for g in find_cut_actors(network, SPOF)]
    assert expected == [g.id for g in find_cut_actors(shuffled, SPOF)]


# -- exclusive brokers ---------------------------------------------------------------------


def test_broker_at_the_minimum_is_medium():
    """Three exclusive pairs meet a minimum of three: medium."""
    rules = shapes.one_rule(shapes.spof_rule(min_exclusive_pairs=3))
    gaps = find_exclusive_brokers(shapes.star(3), rules)
    assert summary(gaps) == [("exclusive_broker", "medium", ("nws",), "spof")]


def test_broker_below_the_minimum_is_not_reported():
    """One exclusive pair is below a minimum of three."""
    rules = shapes.one_rule(shapes.spof_rule(min_exclusive_pairs=3))
    assert find_exclusive_brokers(shapes.star(2), rules) == []


def test_broker_evidence():
    """The evidence counts exclusive pairs and contacts."""
    rules = shapes.one_rule(shapes.spof_rule(min_exclusive_pairs=3))
    gap = find_exclusive_brokers(shapes.star(3), rules)[0]
    assert dict(gap.evidence) == {"exclusive_pairs": 3, "contacts": 3}


def star_with_leaf_ties(count):
    """star(7) (21 exclusive pairs) with ``count`` ties between leaves, one pair fewer each."""
    pairs = [("verein-1", "verein-2"), ("verein-3", "verein-4")][:count]
    return shapes.star(7).with_cooperations(*(shapes.tie(a, b) for a, b in pairs))


def test_broker_at_twenty_times_the_minimum_is_high():
    """Exactly twenty exclusive pairs against a minimum of one: high."""
    rules = shapes.one_rule(shapes.spof_rule(min_exclusive_pairs=1))
    gaps = find_exclusive_brokers(star_with_leaf_ties(1), rules)
    assert [(g.evidence["exclusive_pairs"], g.severity.value) for g in gaps] == [(20, "high")]


def test_broker_below_twenty_times_the_minimum_stays_medium():
    """Nineteen exclusive pairs against a minimum of one: medium."""
    rules = shapes.one_rule(shapes.spof_rule(min_exclusive_pairs=1))
    gaps = find_exclusive_brokers(star_with_leaf_ties(2), rules)
    assert [(g.evidence["exclusive_pairs"], g.severity.value) for g in gaps] == [(19, "medium")]


# -- dependent actors ----------------------------------------------------------------------


def test_school_in_a_closed_circle_is_dependent():
    """A school whose two contacts are tied to each other is dependent, low."""
    gaps = find_dependent_actors(shapes.closed_circle(), SPOF)
    assert summary(gaps) == [("dependent_actor", "low", ("gs", "ja", "ssa"), "spof")]


def test_dependent_evidence():
    """The evidence gives Burt's constraint of the triangle, 1.125, and two contacts."""
    gap = find_dependent_actors(shapes.closed_circle(), SPOF)[0]
    assert dict(gap.evidence) == {"constraint": 1.125, "contacts": 2}


def test_constraint_exactly_at_the_maximum_is_reported():
    """Reaching max_constraint counts."""
    rules = shapes.one_rule(shapes.spof_rule(max_constraint=1.125))
    assert [g.actors for g in find_dependent_actors(shapes.closed_circle(), rules)] == [
        ("gs", "ja", "ssa")
    ]


def test_open_contacts_are_not_dependent():
    """Two contacts not tied to each other (constraint 0.5) are no closed circle."""
    assert find_dependent_actors(shapes.open_pair(), SPOF) == []


def test_single_contact_is_left_to_cut_ties():
    """A school with one contact (constraint 1) is not reported as dependent."""
    assert find_dependent_actors(shapes.chain_to_office(1), SPOF) == []


# -- isolated actors -----------------------------------------------------------------------


def test_isolated_school_is_medium():
    """A school without any tie is isolated, medium, and names no rule."""
    network = EducationNetwork(name="Eins", actors=[shapes.school("gs", "GS")])
    assert summary(find_isolated_actors(network)) == [("isolated_actor", "medium", ("gs",), None)]


def test_isolated_association_is_low():
    """Any other actor without a tie is isolated, low."""
    network = EducationNetwork(name="Eins", actors=[shapes.actor("verein", "association")])
    assert [g.severity.value for g in find_isolated_actors(network)] == ["low"]


def test_small_forum_is_a_tie():
    """Members of a small working group are not isolated."""
    assert find_isolated_actors(forum_of(3)) == []


def test_only_a_large_forum_leaves_an_actor_isolated():
    """Members of a forum above max_forum_size are isolated, with the forum as evidence."""
    gaps = find_isolated_actors(forum_of(13))
    assert [dict(g.evidence) for g in gaps] == [{"large_forums": 1}] * 13


def forum_of(size):
    """``size`` associations that only share one conference."""
    members = [shapes.actor(f"verein-{n:02d}", "association") for n in range(size)]
    return EducationNetwork(
        name="Konferenz",
        actors=members,
        forums=[
            Forum(
                id="bk",
                name="Bildungskonferenz",
                kind="conference",
                members={m.id for m in members},
            )
        ],
    )


# -- every detector ------------------------------------------------------------------------


@pytest.mark.parametrize("detector", DETECTORS)
def test_no_findings_on_the_compliant_district(detector):
    """The district that meets every rule gives no finding."""
    assert detector(nets.compliant_district()) == []


@pytest.mark.parametrize("detector", [d for d in DETECTORS if d is not find_isolated_actors])
@pytest.mark.parametrize(
    "network",
    [
        EducationNetwork(name="Leer"),
        EducationNetwork(name="Eins", actors=[shapes.school("gs", "GS")]),
    ],
    ids=["empty", "one-actor"],
)
def test_empty_and_one_actor_networks(detector, network):
    """A network without ties gives no structural finding and raises nothing."""
    assert detector(network) == []


def test_empty_network_has_no_isolates():
    """Nobody is isolated where nobody is."""
    assert find_isolated_actors(EducationNetwork(name="Leer")) == []


@pytest.mark.parametrize("detector", DETECTORS)
def test_input_is_unchanged(detector):
    """A detector does not change the network it reads."""
    network = shapes.hanging_school(3)
    before = network.model_dump()
    detector(network, SPOF)
    assert before == network.model_dump()


def several_of_each():
    """hanging_school(3) plus two schools on one tie each and two isolates."""
    return (
        shapes.hanging_school(3)
        .with_actors(
            shapes.school("gs-l1", "GS Leaf 1"),
            shapes.school("gs-l2", "GS Leaf 2"),
            shapes.school("gs-iso", "GS Allein"),
            shapes.actor("verein", "association", "Verein", municipality=shapes.LAND),
        )
        .with_cooperations(shapes.tie("gs-l1", "ja"), shapes.tie("gs-l2", "bb"))
    )


BROKERS = shapes.one_rule(shapes.spof_rule(min_exclusive_pairs=1))


@pytest.mark.parametrize("detector", DETECTORS)
def test_results_are_sorted(detector):
    """Every detector returns its findings in report order."""
    gaps = detector(several_of_each(), BROKERS)
    assert sorted(gaps, key=lambda g: g.sort_key) == gaps


def test_results_are_repeatable():
    """An equal network built anew gives equal findings from every detector."""
    network = several_of_each()
    again = EducationNetwork.model_validate(network.model_dump())
    assert [d(network, BROKERS) for d in DETECTORS] == [d(again, BROKERS) for d in DETECTORS]
