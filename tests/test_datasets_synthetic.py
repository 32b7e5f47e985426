"""synthetic(): deterministic, proportional to Musterkreis, valid at every size."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from pydantic import BaseModel

from bildungsnetz import EducationNetwork, io
from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.datasets.synthetic import _LAENDER as LAENDER
from bildungsnetz.datasets.synthetic import MAX_SCHOOLS

ESF_END = date(2028, 8, 1)


@pytest.fixture(scope="module")
def large():
    return synthetic(2_000, seed=7)


@pytest.fixture(scope="module")
def district():
    return synthetic(80, seed=7)


def shape(value):
    """The types inside a value, recursively: what validation would have produced."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, tuple((k, shape(v)) for k, v in value.__dict__.items()))
    if isinstance(value, frozenset):
        return ("frozenset", tuple(sorted({type(item).__name__ for item in value})))
    if isinstance(value, tuple):
        return ("tuple", tuple(shape(item) for item in value))
    return type(value).__name__


def form_shares(network):
    counts = Counter(actor.school.form for actor in network.actors_of("school"))
    return {form: count / sum(counts.values()) for form, count in counts.items()}


# Determinism ---------------------------------------------------------------------------


def test_same_seed_gives_an_equal_network(district):
    """Two calls with the same seed give equal networks."""
    assert synthetic(80, seed=7) == district


def test_same_seed_gives_the_same_text(district):
    """Two calls with the same seed give the same JSON text."""
    assert io.dumps(synthetic(80, seed=7)) == io.dumps(district)


def test_different_seeds_differ(district):
    """Another seed gives another network."""
    assert synthetic(80, seed=8) != district


# Validity ------------------------------------------------------------------------------


@pytest.mark.parametrize("n_schools", [1, 2, 80, 300])
def test_equals_a_fully_validated_rebuild(n_schools):
    """Records built without validation equal a validated rebuild, type for type."""
    network = synthetic(n_schools, seed=3)
    rebuilt = io.loads(io.dumps(network))
    assert (rebuilt == network, shape(rebuilt) == shape(network)) == (True, True)


@pytest.mark.parametrize("n_schools", [1, 2, 80])
def test_small_sizes_give_valid_networks(n_schools):
    """Tiny and single-district networks are built and checked as a whole."""
    network = synthetic(n_schools, seed=0)
    assert isinstance(network, EducationNetwork)
    assert len(network.actors_of("school")) == n_schools


def test_every_municipality_code_is_invented(large):
    """Every AGS uses Regierungsbezirk 9, which no Land has."""
    codes = {actor.municipality for actor in large.actors if actor.municipality}
    assert {code[2] for code in codes} == {"9"}


# Proportions ---------------------------------------------------------------------------


def test_exact_number_of_schools(large):
    """The network has exactly n_schools school actors."""
    assert len(large.actors_of("school")) == 2_000


def test_about_one_district_per_80_schools(large):
    """2,000 schools are spread over 25 districts, each with its own network office."""
    assert len(large.actors_of("network_office")) == 25


def test_kitas_scale_with_schools(large):
    """There are about 1.75 Kitas per school."""
    assert 1.7 <= len(large.actors_of("daycare")) / 2_000 <= 1.85


def test_school_forms_in_the_proportions_of_musterkreis(large):
    """Each school form has Musterkreis's share within one percentage point."""
    expected, actual = form_shares(musterkreis()), form_shares(large)
    assert {form: s for form, s in expected.items() if abs(actual[form] - s) > 0.01} == {}


def test_actor_kinds_in_the_proportions_of_musterkreis(large):
    """Posts, parents' councils and offices per school match Musterkreis within 15 %."""
    reference = musterkreis()
    factor = 2_000 / len(reference.actors_of("school"))
    for kind in ("school_social_work", "parents_council", "youth_welfare_office", "municipality"):
        expected = len(reference.actors_of(kind)) * factor
        assert abs(len(large.actors_of(kind)) - expected) <= 0.15 * expected, kind


def test_ties_per_school_like_musterkreis(large):
    """Cooperations per school are within 10 % of Musterkreis's."""
    reference = musterkreis()
    expected = len(reference.cooperations) / len(reference.actors_of("school"))
    assert abs(len(large.cooperations) / 2_000 - expected) <= 0.1 * expected


def test_districts_follow_the_schools_of_the_laender(large):
    """Each Land gets its share of the 25 districts, rounded up or down."""
    offices = Counter(a.id[:2] for a in large.actors_of("network_office"))
    total = sum(land.schools for land in LAENDER)
    quotas = {land.abbreviation: 25 * land.schools / total for land in LAENDER}
    off = {land: quota for land, quota in quotas.items() if abs(offices[land] - quota) >= 1}
    assert off == {}


def test_one_school_authority_per_land_with_districts(large):
    """Every Land that has a district has one school authority."""
    lands = {a.id[:2] for a in large.actors_of("network_office")}
    assert {a.id for a in large.actors_of("school_authority")} == {
        f"{land}-schulbehoerde" for land in lands
    }


def test_school_authority_is_tied_to_every_school_of_its_land(large):
    """Each school has exactly one tie to the school authority of its Land."""
    authority = {a.id for a in large.actors_of("school_authority")}
    for school in large.actors_of("school"):
        ends = [t.other(school.id) for t in large.ties_of(school.id)]
        assert [end[:2] for end in ends if end in authority] == [school.id[:2]]


def test_flows_and_interventions_in_every_district(large):
    """Every district has transition flows of several kinds and interventions of every tier."""
    assert len({f.transition for f in large.flows}) >= 6
    assert {m.tier.value for m in large.interventions} == {"universal", "selective", "indicated"}


def test_some_posts_end_with_esf(large):
    """Posts funded by ESF+ alone end on 2028-08-01, as in Musterkreis."""
    posts = large.actors_of("school_social_work")
    ending = [p for p in posts if p.active.end == ESF_END]
    assert 0.2 <= len(ending) / len(posts) <= 0.45


# Arguments -----------------------------------------------------------------------------


@pytest.mark.parametrize("n_schools", [0, -1, MAX_SCHOOLS + 1])
def test_out_of_range_sizes_are_refused(n_schools):
    """n_schools must lie between 1 and 40,000."""
    with pytest.raises(ValueError, match="n_schools must be from 1 to 40,000"):
        synthetic(n_schools)


@pytest.mark.parametrize("n_schools", [2.5, "80", None, True])
def test_non_integer_sizes_are_refused(n_schools):
    """n_schools must be an int (not a bool, float or string)."""
    with pytest.raises(ValueError, match="n_schools must be an int"):
        synthetic(n_schools)


@pytest.mark.parametrize("seed", ["1", 1.0, -1])
def test_bad_seeds_are_refused(seed):
    """The seed must be a non-negative int."""
    with pytest.raises(ValueError, match="seed must be"):
        synthetic(80, seed=seed)
