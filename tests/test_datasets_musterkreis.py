"""Musterkreis: the shipped file, its labels and its proportions (gaps: see *_gaps.py)."""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date

import pytest

from bildungsnetz import io
from bildungsnetz.datasets import example_path, musterkreis
from bildungsnetz.datasets._musterkreis import build_musterkreis, main

REFERENCE = date(2025, 11, 1)
TOPICS = {
    "absenteeism", "school_refusal", "inclusion", "migration", "early_childhood", "transition",
    "parents", "career_orientation", "mental_health", "language",
}  # fmt: skip


@pytest.fixture(scope="module")
def network():
    return build_musterkreis()


@pytest.fixture(scope="module")
def kind(network):
    return {actor.id: actor.kind.value for actor in network.actors}


def schools(network, *forms):
    return [a for a in network.actors_of("school") if not forms or a.school.form.value in forms]


def partners(network, kind, actor_id, *, of_kind, tie_kind=None):
    ties = [t for t in network.ties_of(actor_id) if tie_kind in (None, t.kind.value)]
    return {t.other(actor_id) for t in ties if kind[t.other(actor_id)] == of_kind}


# The shipped file --------------------------------------------------------------------


def test_builder_equals_shipped_network(network):
    """The builder and the shipped JSON give equal networks."""
    assert network == musterkreis()


def test_builder_gives_shipped_text_byte_for_byte(network):
    """io.dumps of the builder's network is the shipped file, byte for byte."""
    assert io.dumps(network) == example_path().read_bytes().decode("utf-8")


def test_main_writes_the_shipped_file(tmp_path):
    """Running the module writes exactly the shipped file."""
    target = tmp_path / "musterkreis.json"
    assert main([str(target)]) == 0
    assert target.read_bytes() == example_path().read_bytes()


def test_build_is_deterministic(network):
    """Two builds give equal networks and the same text."""
    again = build_musterkreis()
    assert (again, io.dumps(again)) == (network, io.dumps(network))


def test_round_trip(network):
    """The network survives io.dumps and io.loads unchanged."""
    assert io.loads(io.dumps(network)) == network


# Labels and places -------------------------------------------------------------------


def test_is_labelled_as_invented(network):
    """Name, region and description say the district is invented."""
    assert network.name == "Musterkreis"
    assert network.region == "Musterkreis (erfunden), Sachsen-Anhalt"
    assert network.description.startswith("Erfundener Landkreis")
    assert "frei erfunden" in network.description


def test_reference_date(network):
    """The Stichtag is 1 November 2025."""
    assert network.reference_date == REFERENCE


def test_every_school_has_a_municipality(network):
    """Every school site has an AGS."""
    assert [a.id for a in schools(network) if a.municipality is None] == []


def test_ten_invented_municipalities_in_kreis_15099(network):
    """All actors with an AGS lie in ten municipalities of the unassigned Kreis 15 0 99."""
    codes = {a.municipality for a in network.actors if a.municipality}
    assert (len(codes), {code[:5] for code in codes}) == (10, {"15099"})


def test_names_are_nfc(network):
    """Every name is NFC-normalised."""
    names = [a.name for a in network.actors] + [f.name for f in network.forums]
    assert [n for n in names if unicodedata.normalize("NFC", n) != n] == []


# Proportions -------------------------------------------------------------------------


def test_school_forms(network):
    """78 school sites in the proportions of a Landkreis in Sachsen-Anhalt."""
    forms = Counter(a.school.form.value for a in schools(network))
    assert forms == {
        "grundschule": 44, "sekundarschule": 11, "gemeinschaftsschule": 4, "gymnasium": 7,
        "foerderschule": 8, "gesamtschule": 1, "berufsbildende_schule": 3,
    }  # fmt: skip


def test_vocational_school_has_three_sites(network):
    """The BBS is one school with two further sites that are part of it."""
    sites = [a for a in schools(network, "berufsbildende_schule") if a.part_of == "bbs"]
    assert [(a.id, sorted(a.tags)) for a in sites] == [
        ("bbs-bergheide", ["Standort"]),
        ("bbs-auenwalde", ["Standort"]),
    ]


def test_about_140_kitas(network):
    """Musterkreis has 140 Kitas."""
    assert len(network.actors_of("daycare")) == 140


def test_between_30_and_35_posts_of_school_social_work(network):
    """31 posts of school social work."""
    assert len(network.actors_of("school_social_work")) == 31


def test_every_post_is_employed_by_a_provider(network, kind):
    """Each post is part of one of five youth welfare providers."""
    employers = {a.part_of for a in network.actors_of("school_social_work")}
    assert {kind[e] for e in employers} == {"youth_welfare_provider"}
    assert len(employers) == 5


def test_every_post_is_placed_at_a_school(network, kind):
    """Each post has a placement tie with a school."""
    posts = network.actors_of("school_social_work")
    assert all(partners(network, kind, p.id, of_kind="school", tie_kind="placement") for p in posts)


@pytest.mark.parametrize(
    ("actor_id", "actor_kind"),
    [("ja", "youth_welfare_office"), ("nws", "network_office"), ("bb", "education_office"),
     ("kv", "district_administration"), ("lsa", "school_authority"),
     ("spb", "school_psychology"), ("jba", "youth_employment_agency"),
     ("brafo", "career_guidance"), ("bo-aa", "career_guidance"), ("jmd", "migration_service"),
     ("mbe", "migration_service"), ("ga", "health_service"), ("kjp", "health_service"),
     ("ker", "parents_council")],
)  # fmt: skip
def test_key_actors(network, actor_id, actor_kind):
    """The district's key offices and services exist with their kinds."""
    assert network.actor(actor_id).kind.value == actor_kind


def test_network_office_sits_in_the_education_office(network):
    """nws is part of bb, which is part of the district administration."""
    nws, bb = network.actor("nws"), network.actor("bb")
    assert (nws.name, nws.part_of, bb.part_of) == (
        "Netzwerkstelle Schulerfolg Musterkreis",
        "bb",
        "kv",
    )


def test_parents_councils_at_most_schools(network):
    """73 Schulelternräte and one Kreiselternrat."""
    assert len(network.actors_of("parents_council")) == 74


def test_counselling_teachers_at_some_secondary_schools(network):
    """Twelve counselling teachers, each part of a secondary school."""
    teachers = network.actors_of("counselling_teacher")
    forms = {network.actor(a.part_of).school.form.value for a in teachers}
    assert len(teachers) == 12
    assert "grundschule" not in forms


def test_need_indicators_are_realistic(network):
    """Absence mostly 3–10 %, a few high; about 10 % leave without qualification."""
    absence = sorted(a.school.absence_rate for a in schools(network))
    without = [a.school.without_qualification_rate for a in schools(network)]
    rated = [rate for rate in without if rate is not None]
    assert sum(rate > 0.1 for rate in absence) == 5
    assert 0.09 <= sum(rated) / len(rated) <= 0.12


# Forums, flows, interventions, programmes -----------------------------------------------


def test_forums(network):
    """The forums of the brief exist with their kinds and convenors."""
    forums = {f.id: (f.kind.value, f.convenor) for f in network.forums}
    assert forums["ak-absentismus"] == ("working_group", "nws")
    assert forums["nt-ssa"] == ("network_meeting", "nws")
    assert forums["sg"] == ("steering_group", "bb")
    assert forums["ueb-kita-gs-rosental"] == ("transition_forum", "gemeinde-rosental")


def test_network_meeting_has_every_post(network):
    """All posts of school social work are members of the Netzwerktreffen."""
    posts = {a.id for a in network.actors_of("school_social_work")}
    assert network.forum("nt-ssa").members == posts


def test_conference_has_about_300_members(network):
    """The Bildungskonferenz has about 300 member organisations."""
    assert 290 <= len(network.forum("bk").members) <= 310


def test_kita_transition_forum_lies_in_one_municipality(network):
    """The Kitas and schools of the transition forum all lie in Rosental."""
    members = [network.actor(m) for m in network.forum("ueb-kita-gs-rosental").members]
    places = {m.municipality for m in members if m.kind.value in ("daycare", "school")}
    assert places == {"15099060"}


def test_flows_cover_one_school_year_and_every_transition(network):
    """Flows of 2024 of the six kinds of transition between schools."""
    assert {f.year for f in network.flows} == {2024}
    assert {f.transition.value for f in network.flows} == {
        "kita_to_primary", "primary_to_secondary", "secondary_to_vocational",
        "secondary_to_upper_secondary", "regular_to_special", "special_to_regular",
    }  # fmt: skip


def test_kitas_send_to_one_to_three_grundschulen(network):
    """Each Kita sends children to one to three Grundschulen, some flows are tiny."""
    primary = {a.id for a in schools(network, "grundschule")}
    sent = Counter(f.source for f in network.flows if f.target in primary)
    assert set(sent.values()) == {1, 2, 3}
    assert any(f.pupils <= 2 for f in network.flows if f.target in primary)


def test_grundschulen_send_to_two_to_four_schools(network):
    """Each Grundschule sends its leavers to two to four secondary schools."""
    sent = Counter(f.source for f in network.flows if f.transition.value == "primary_to_secondary")
    assert set(sent.values()) <= {2, 3, 4}
    assert len(sent) == 44


def test_interventions_cover_every_tier_and_topic(network):
    """Interventions of all three tiers cover the ten cross-cutting topics."""
    tiers = {m.tier.value for m in network.interventions}
    topics = {t.value for m in network.interventions for t in m.topics}
    assert (tiers, topics >= TOPICS) == ({"universal", "selective", "indicated"}, True)


def test_esf_programme(network):
    """ESF+ runs from 2024-08-01; its last day is 2028-07-31."""
    esf = network.programme("esf-plus")
    assert (esf.source.value, esf.name) == ("eu_esf_plus", "Schulerfolg sichern (ESF+)")
    assert (esf.period.start, esf.period.last_day) == (date(2024, 8, 1), date(2028, 7, 31))


def test_district_budget_is_permanent(network):
    """The district budget is open-ended; a state and a foundation programme exist."""
    sources = {p.source.value for p in network.programmes}
    assert network.programme("kreishaushalt").is_time_limited is False
    assert {"state", "foundation", "district", "eu_esf_plus"} <= sources


def test_schedules_are_zoned_in_berlin(network):
    """Every meeting schedule starts in Europe/Berlin."""
    starts = [f.schedule.start for f in network.forums if f.schedule]
    starts += [t.schedule.start for t in network.cooperations if t.schedule]
    assert {start.tzinfo.key for start in starts} == {"Europe/Berlin"}
