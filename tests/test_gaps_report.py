"""The gap report: stable ids, order, selection, comparison and suggested ties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import EducationNetwork
from bildungsnetz.gaps import DETECTORS, Explanation, Gap, find_gaps
from strategies import networks


def gappy():
    """The report on the gappy district (missing, fragile, isolated, unconfirmed)."""
    return find_gaps(nets.gappy_district())


def reordered(network, random):
    """The same records, every collection in a random order."""
    fields = ("actors", "cooperations", "forums", "flows", "interventions", "programmes")
    changes = {}
    for name in fields:
        items = list(getattr(network, name))
        random.shuffle(items)
        changes[name] = tuple(items)
    return network.replace(**changes)


# -- stable ids ----------------------------------------------------------------------------


def test_id_ignores_severity_explanation_and_evidence():
    """The id hashes kind, actors, rule and key only."""
    common = {"kind": "cut_tie", "actors": ("a", "b"), "method": "m", "rule": "r"}
    first = Gap.create(severity="low", explanation=Explanation(de="x", en="x"), **common)
    second = Gap.create(
        severity="high", explanation=Explanation(de="y", en="y"), evidence={"n": 1}, **common
    )
    assert first.id == second.id


def test_id_depends_on_the_key():
    """Findings told apart by their key get different ids."""
    common = {
        "kind": "cut_tie",
        "actors": ("a",),
        "severity": "low",
        "method": "m",
        "explanation": Explanation(de="x", en="x"),
    }
    assert Gap.create(key={"p": 1}, **common).id != Gap.create(key={"p": 2}, **common).id


@pytest.mark.parametrize(
    "build", [nets.gappy_district, lambda: shapes.hanging_school(3)], ids=["gappy", "hanging"]
)
@given(random=st.randoms(use_true_random=False))
def test_json_does_not_depend_on_record_order(build, random):
    """Shuffling every collection of records gives the same report, byte for byte."""
    network = build()
    assert find_gaps(network).to_json() == find_gaps(reordered(network, random)).to_json()


@given(st.randoms(use_true_random=False))
def test_ids_do_not_depend_on_record_order_with_equal_parts(random):
    """Two equal halves joined by one actor get the same finding ids in any record order."""
    network = shapes.symmetric_halves()
    expected = {g.id for g in find_gaps(network)}
    assert expected == {g.id for g in find_gaps(reordered(network, random))}


# -- order and selection -------------------------------------------------------------------


def test_report_order_is_severity_descending_first():
    """High before medium before low; within low by kind order."""
    expected = ["missing_required_tie", "fragile_pair", "isolated_actor", "unconfirmed_tie"]
    assert expected == [g.kind.value for g in gappy()]


def test_filter_by_kind():
    """Filtering by kind keeps only that kind."""
    assert [g.actors for g in gappy().filter(kind="isolated_actor")] == [("verein",)]


def test_filter_by_several_kinds():
    """A collection of kinds keeps any of them, in report order."""
    kept = gappy().filter(kind=["unconfirmed_tie", "fragile_pair"])
    assert [g.kind.value for g in kept] == ["fragile_pair", "unconfirmed_tie"]


def test_filter_by_min_severity():
    """min_severity keeps findings at or above it."""
    assert [g.severity.value for g in gappy().filter(min_severity="medium")] == ["high", "medium"]


def test_filter_by_actor():
    """An actor keeps the findings that mention it."""
    kept = gappy().filter(actor="sek-land")
    assert [g.kind.value for g in kept] == ["fragile_pair", "unconfirmed_tie"]


def test_filter_by_rule():
    """A rule keeps the findings that breach it."""
    kept = gappy().filter(rule="school-social-work")
    assert [g.kind.value for g in kept] == ["missing_required_tie", "unconfirmed_tie"]


def test_by_actor():
    """Each actor maps to its findings in report order, actors sorted."""
    grouped = {actor: [g.kind.value for g in gaps] for actor, gaps in gappy().by_actor().items()}
    expected = {
        "gs-land": ["missing_required_tie", "fragile_pair"],
        "sek-land": ["fragile_pair", "unconfirmed_tie"],
        "ssa-sek-land": ["unconfirmed_tie"],
        "verein": ["isolated_actor"],
    }
    assert (sorted(expected), expected) == (list(grouped), grouped)


def test_counts():
    """Counts by severity and by kind."""
    expected = {
        "severity": {"high": 1, "medium": 1, "low": 2},
        "kind": {
            "missing_required_tie": 1,
            "fragile_pair": 1,
            "isolated_actor": 1,
            "unconfirmed_tie": 1,
        },
    }
    assert expected == gappy().counts()


# -- diff ----------------------------------------------------------------------------------


def diff_after_office_tie():
    """The gappy report against the same district with gs-land tied to the Jugendamt."""
    network = nets.gappy_district()
    after = network.with_cooperations(shapes.tie("gs-land", "ja", "case_work"))
    return find_gaps(network).diff(find_gaps(after))


def test_diff_closes_the_fragile_pair():
    """A direct tie to the Jugendamt closes the fragile pair."""
    assert [g.kind.value for g in diff_after_office_tie().closed] == ["fragile_pair"]


def test_diff_opens_nothing():
    """The new tie opens no finding."""
    assert diff_after_office_tie().opened == ()


def test_diff_keeps_the_rest_unchanged():
    """The other three findings stay, by id."""
    expected = ["missing_required_tie", "isolated_actor", "unconfirmed_tie"]
    assert expected == [g.kind.value for g in diff_after_office_tie().unchanged]


# -- suggestions ---------------------------------------------------------------------------


def test_identical_suggestions_are_merged():
    """A tie suggested by two findings is listed once."""
    network, rules = shapes.two_rules_one_remedy()
    pairs = [tie.actors for tie in find_gaps(network, rules).suggestions()]
    assert pairs == [("gs-1", "ja"), ("gs-2", "ja")]


def test_suggestions_rank_by_findings_closed():
    """The tie that closes two findings comes first and names both."""
    network, rules = shapes.two_rules_one_remedy()
    report = find_gaps(network, rules)
    both = sorted(g.id for g in report.filter(actor="gs-1", kind="missing_required_tie"))
    first, second = report.suggestions()
    assert (both, 1) == (list(first.closes), len(second.closes))


def test_missing_social_work_suggests_a_local_placement_first():
    """The first remedy is a placement with school social work of the same municipality."""
    network = nets.missing_social_work_variant()
    report = find_gaps(network)
    first = report.filter(kind="missing_required_tie")[0].suggested_ties[0]
    partner = network.actor(first.actors[1])
    assert (
        first.kind.value,
        partner.kind.value,
        partner.municipality,
    ) == ("placement", "school_social_work", nets.LAND)


# -- properties ----------------------------------------------------------------------------


def test_compliant_district_report_is_empty():
    """find_gaps finds nothing at all in the compliant district."""
    assert find_gaps(nets.compliant_district(), horizon=365).gaps == ()


def test_empty_and_one_actor_networks_run():
    """Both trivial networks give a report of data gaps (and the lone school's isolation)."""
    empty = find_gaps(EducationNetwork(name="Leer"), horizon=365)
    lone = find_gaps(EducationNetwork(name="Eins", actors=[shapes.school("gs", "GS")]))
    assert ({"data_gap"}, {"data_gap", "isolated_actor"}) == (
        {g.kind.value for g in empty},
        {g.kind.value for g in lone},
    )


@pytest.mark.parametrize("detector", DETECTORS)
@pytest.mark.parametrize(
    "network",
    [
        EducationNetwork(name="Leer"),
        EducationNetwork(name="Eins", actors=[shapes.school("gs", "GS")]),
    ],
    ids=["empty", "one-actor"],
)
def test_every_detector_runs_on_trivial_networks(detector, network):
    """Every detector of find_gaps returns a list on the empty and the one-actor network."""
    assert list is type(detector(network))


@given(networks())
def test_find_gaps_is_deterministic_on_any_network(network):
    """Any valid network gives a report, byte for byte the same for an equal copy."""
    copy = EducationNetwork.model_validate(network.model_dump(mode="json"))
    assert find_gaps(network, horizon=365).to_json() == find_gaps(copy, horizon=365).to_json()


@given(networks())
def test_find_gaps_leaves_any_network_unchanged(network):
    """find_gaps does not change the network it reads."""
    before = network.model_dump(mode="json")
    find_gaps(network, horizon=365)
    assert before == network.model_dump(mode="json")
