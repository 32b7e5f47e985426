"""Interventions: uncovered topics, the coverage table, provider dependence."""

from __future__ import annotations

from datetime import date

import gap_shapes as shapes
import time_networks as times
from bildungsnetz import Period
from bildungsnetz.gaps import (
    coverage_table,
    find_provider_dependence,
    find_uncovered_topics,
)
from bildungsnetz.rules import ProviderDiversity, RequiredCoverage

STADT, LAND = shapes.STADT, shapes.LAND
DAY = times.STICHTAG


def coverage(per="municipality", tier=None):
    """Inclusion must be covered per municipality or school form (medium)."""
    return shapes.one_rule(
        RequiredCoverage(id="inklusion", topic="inclusion", per=per, tier=tier, severity="medium")
    )


def units(gaps):
    """The uncovered units, in report order."""
    return [gap.evidence["unit"] for gap in gaps]


# -- uncovered topics ------------------------------------------------------------------------


def test_service_area_covers_its_municipality_only():
    """An intervention for Stadt leaves Land uncovered."""
    network = times.two_municipalities(times.measure("a", municipalities={STADT}))
    assert units(find_uncovered_topics(network, coverage())) == [LAND]


def test_site_covers_its_municipality():
    """An intervention at the Grundschule in Stadt covers Stadt through its site."""
    network = times.two_municipalities(times.measure("a", sites={"gs-stadt"}))
    assert units(find_uncovered_topics(network, coverage())) == [LAND]


def test_intervention_without_area_or_sites_covers_the_whole_network():
    """An intervention with neither service area nor sites serves every municipality."""
    assert find_uncovered_topics(times.two_municipalities(times.measure("a")), coverage()) == []


def test_intervention_below_the_tier_floor_covers_nothing():
    """A universal intervention does not meet a rule asking for selective or above."""
    network = times.two_municipalities(times.measure("a"))
    assert units(find_uncovered_topics(network, coverage(tier="selective"))) == [STADT, LAND]


def test_intervention_above_the_tier_floor_covers():
    """An indicated intervention meets a rule asking for selective or above."""
    network = times.two_municipalities(times.measure("a", tier="indicated"))
    assert find_uncovered_topics(network, coverage(tier="selective")) == []


def test_intervention_on_another_topic_covers_nothing():
    """A migration intervention does not cover inclusion."""
    network = times.two_municipalities(times.measure("a", topics=("migration",)))
    assert units(find_uncovered_topics(network, coverage())) == [STADT, LAND]


def test_every_intervention_ended_leaves_every_municipality_uncovered():
    """An intervention whose end is the day judged on covers nothing any more."""
    network = times.two_municipalities(times.measure("a", period=Period(end=DAY)))
    assert units(find_uncovered_topics(network, coverage(), as_of=DAY)) == [STADT, LAND]


def test_intervention_ending_the_day_after_still_covers():
    """On its last day an intervention still covers."""
    network = times.two_municipalities(times.measure("a", period=Period(end=date(2025, 11, 2))))
    assert find_uncovered_topics(network, coverage(), as_of=DAY) == []


def test_intervention_starting_on_the_day_covers():
    """An intervention covers from its first day."""
    network = times.two_municipalities(times.measure("a", period=Period(start=DAY)))
    assert find_uncovered_topics(network, coverage(), as_of=DAY) == []


def test_no_interventions_in_the_data_is_no_uncovered_topic():
    """Without any intervention recorded, nothing is reported as uncovered (a data gap)."""
    assert find_uncovered_topics(times.two_municipalities(), coverage()) == []


def test_uncovered_finding_names_the_schools_of_the_unit():
    """The finding for Land names its school, counts it and has the rule's severity."""
    gap = find_uncovered_topics(
        times.two_municipalities(times.measure("a", municipalities={STADT})), coverage()
    )[0]
    assert (gap.actors, gap.severity.value, gap.evidence["schools"]) == (("sek-land",), "medium", 1)


def test_site_covers_its_school_form():
    """Per school form, an intervention at the Grundschule leaves the Sekundarschule uncovered."""
    network = times.two_municipalities(times.measure("a", sites={"gs-stadt"}))
    assert units(find_uncovered_topics(network, coverage(per="school_form"))) == ["sekundarschule"]


def test_stages_cover_the_forms_that_teach_them():
    """Per school form, an intervention for lower secondary leaves the Grundschule uncovered."""
    network = times.two_municipalities(times.measure("a", stages={"lower_secondary"}))
    assert units(find_uncovered_topics(network, coverage(per="school_form"))) == ["grundschule"]


def test_intervention_whose_only_site_has_closed_does_not_cover_land():
    """An intervention sited at a closed school in Stadt does not cover Land."""
    closed = shapes.school("gs-alt", "GS Alt").model_copy(
        update={"active": Period(end=date(2024, 8, 1))}
    )
    network = times.two_municipalities(times.measure("a", sites={"gs-alt"}), extra_actors=[closed])
    assert LAND in units(find_uncovered_topics(network, coverage(), as_of=DAY))


# -- coverage_table ----------------------------------------------------------------------------


def test_coverage_table_counts_per_municipality_and_topic():
    """Stadt has its own and the district-wide intervention on inclusion, Land only the latter."""
    network = times.two_municipalities(
        times.measure("a", topics=("inclusion", "migration"), municipalities={STADT}),
        times.measure("b"),
    )
    table = coverage_table(network)
    cells = [table.cell(STADT, "Inklusion"), table.cell(LAND, "Inklusion")]
    assert [*cells, table.cell(LAND, "Migration")] == [2, 1, 0]


def test_coverage_table_applies_the_tier_floor():
    """With tier='selective' a universal intervention is not counted."""
    network = times.two_municipalities(times.measure("a"), times.measure("b", tier="selective"))
    assert coverage_table(network, tier="selective").cell(STADT, "Inklusion") == 1


def test_coverage_table_counts_only_running_interventions():
    """An intervention that ended on the day is not counted."""
    network = times.two_municipalities(
        times.measure("a", period=Period(end=DAY)), times.measure("b")
    )
    assert coverage_table(network, as_of=DAY).cell(STADT, "Inklusion") == 1


def test_coverage_table_agrees_with_the_detector_on_a_stage_nobody_teaches():
    """A measure for a stage no school teaches counts for no school form, as the detector says."""
    network = times.two_municipalities(times.measure("a", stages={"vocational"}))
    uncovered = units(find_uncovered_topics(network, coverage(per="school_form")))
    counted = coverage_table(network, per="school_form").cell("Grundschule", "Inklusion")
    assert (uncovered, counted) == (["grundschule", "sekundarschule"], 0)


# -- provider dependence -----------------------------------------------------------------------


def dependence(min_providers=2):
    """Every tier and topic needs ``min_providers`` providers (medium)."""
    return shapes.one_rule(
        ProviderDiversity(id="traeger", min_providers=min_providers, severity="medium")
    )


def dimensions(gaps):
    """The (dimension, value) pairs reported, sorted."""
    return sorted(
        next((k, v) for k, v in g.evidence.items() if k in ("tier", "topic")) for g in gaps
    )


def test_one_provider_is_reported_for_its_tier_and_topic():
    """One universal inclusion measure by one provider: a finding for the tier and the topic."""
    network = times.two_municipalities(times.measure("a", providers={"traeger-stadt"}))
    expected = [("tier", "universal"), ("topic", "inclusion")]
    assert dimensions(find_provider_dependence(network, dependence())) == expected


def test_exactly_min_providers_is_enough():
    """Two providers meet min_providers=2."""
    network = times.two_municipalities(
        times.measure("a", providers={"traeger-stadt", "traeger-land"})
    )
    assert find_provider_dependence(network, dependence()) == []


def test_one_provider_short_is_reported():
    """Two providers fall short of min_providers=3."""
    network = times.two_municipalities(
        times.measure("a", providers={"traeger-stadt", "traeger-land"})
    )
    expected = [("tier", "universal"), ("topic", "inclusion")]
    assert dimensions(find_provider_dependence(network, dependence(3))) == expected


def test_tiers_and_topics_are_judged_separately():
    """Two providers share the topic, but each tier rests on one of them."""
    network = times.two_municipalities(
        times.measure("a", providers={"traeger-stadt"}),
        times.measure("b", tier="selective", providers={"traeger-land"}),
    )
    expected = [("tier", "selective"), ("tier", "universal")]
    assert dimensions(find_provider_dependence(network, dependence())) == expected


def test_ended_intervention_leaves_its_provider_out():
    """A second provider whose intervention ended on the day does not count."""
    network = times.two_municipalities(
        times.measure("a", providers={"traeger-stadt"}),
        times.measure("b", providers={"traeger-land"}, period=Period(end=DAY)),
    )
    gaps = find_provider_dependence(network, dependence(), as_of=DAY)
    assert sorted({gap.actors for gap in gaps}) == [("traeger-stadt",)]
