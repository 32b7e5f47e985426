"""Unmet needs: schools from a need threshold on without a fitting measure at their site."""

from __future__ import annotations

import pytest

import gap_shapes as shapes
import time_networks as times
from bildungsnetz import Period
from bildungsnetz.gaps import find_unmet_needs
from bildungsnetz.rules import NeedCoverage
from time_networks import FERN

STADT = shapes.STADT
DAY = times.STICHTAG


def need(threshold=0.10, tier="indicated"):
    """Schools from ``threshold`` absence need a measure of ``tier`` (high)."""
    return shapes.one_rule(
        NeedCoverage(
            id="fehlzeiten",
            indicator="absence_rate",
            threshold=threshold,
            tier=tier,
            severity="high",
        )
    )


# -- thresholds and measures ---------------------------------------------------------------


def test_value_equal_to_the_threshold_is_in_need():
    """A school at exactly the threshold without a measure is reported."""
    gaps = find_unmet_needs(times.two_municipalities(absence=0.25), need(threshold=0.25))
    assert [gap.actors for gap in gaps] == [("gs-stadt",)]


def test_value_just_below_the_threshold_is_not_in_need():
    """A school just below the threshold is not reported."""
    assert find_unmet_needs(times.two_municipalities(absence=0.249), need(threshold=0.25)) == []


def test_measure_of_the_tier_at_the_site_meets_the_need():
    """An indicated intervention at the school meets an indicated rule."""
    network = times.two_municipalities(
        times.measure("a", tier="indicated", sites={"gs-stadt"}), absence=0.3
    )
    assert find_unmet_needs(network, need()) == []


def test_measure_above_the_tier_at_the_site_meets_the_need():
    """An indicated intervention at the school meets a selective rule."""
    network = times.two_municipalities(
        times.measure("a", tier="indicated", sites={"gs-stadt"}), absence=0.3
    )
    assert find_unmet_needs(network, need(tier="selective")) == []


def test_measure_below_the_tier_at_the_site_does_not_meet_the_need():
    """A selective intervention at the school does not meet an indicated rule."""
    network = times.two_municipalities(
        times.measure("a", tier="selective", sites={"gs-stadt"}), absence=0.3
    )
    assert [gap.actors for gap in find_unmet_needs(network, need())] == [("gs-stadt",)]


@pytest.mark.parametrize(
    "where",
    [{"sites": {"sek-land"}}, {"municipalities": {STADT}}],
    ids=["other-school", "service-area-only"],
)
def test_measure_not_at_the_school_does_not_meet_the_need(where):
    """An indicated intervention elsewhere or only for the area is not at the school."""
    network = times.two_municipalities(times.measure("a", tier="indicated", **where), absence=0.3)
    assert [gap.actors for gap in find_unmet_needs(network, need())] == [("gs-stadt",)]


def test_measure_ended_on_the_day_does_not_meet_the_need():
    """An indicated intervention whose end is the day judged on has gone."""
    network = times.two_municipalities(
        times.measure("a", tier="indicated", sites={"gs-stadt"}, period=Period(end=DAY)),
        absence=0.3,
    )
    assert [gap.actors for gap in find_unmet_needs(network, need(), as_of=DAY)] == [("gs-stadt",)]


def test_measure_starting_on_the_day_meets_the_need():
    """An indicated intervention starting on the day judged on is there."""
    network = times.two_municipalities(
        times.measure("a", tier="indicated", sites={"gs-stadt"}, period=Period(start=DAY)),
        absence=0.3,
    )
    assert find_unmet_needs(network, need(), as_of=DAY) == []


@pytest.mark.parametrize(
    ("absence", "threshold", "expected"),
    [
        (0.374, 0.25, "high"),
        (0.375, 0.25, "critical"),
        (0.15, 0.10, "critical"),  # the default absence threshold: 15 % is 1.5 x 10 %
        (0.149, 0.10, "high"),
    ],
)
def test_severity_rises_one_level_from_one_and_a_half_times_the_threshold(
    absence, threshold, expected
):
    """Rule severity below 1.5 x threshold, one level higher from it on."""
    gap = find_unmet_needs(times.two_municipalities(absence=absence), need(threshold=threshold))[0]
    assert gap.severity.value == expected


def test_suggestions_extend_measures_of_the_tier_nearest_first():
    """Running indicated measures come to the school: same municipality, district, elsewhere."""
    network = times.two_municipalities(
        times.measure("a", tier="indicated", sites={"sek-land"}, providers={"traeger-land"}),
        times.measure("b", tier="indicated", municipalities={STADT}, providers={"traeger-stadt"}),
        times.measure("c", tier="indicated", municipalities={FERN}, providers={"traeger-fern"}),
        absence=0.3,
    )
    gap = find_unmet_needs(network, need())[0]
    expected = [
        (("measure", "b", "gs-stadt"), 0.9),
        (("measure", "a", "gs-stadt"), 0.6),
        (("measure", "c", "gs-stadt"), 0.4),
    ]
    assert [(s.key, s.plausibility) for s in gap.suggestions] == expected


def test_every_measure_suggestion_closes_the_need():
    """Each extension is verified to close the finding it is listed under."""
    network = times.two_municipalities(
        times.measure("a", tier="indicated", sites={"sek-land"}), absence=0.3
    )
    gap = find_unmet_needs(network, need())[0]
    assert [(s.closes, s.remaining) for s in gap.suggestions] == [((gap.id,), 0)]


def test_a_measure_for_other_stages_is_not_offered():
    """A measure for lower secondary pupils is not extended to a Grundschule."""
    network = times.two_municipalities(
        times.measure("a", tier="indicated", sites={"sek-land"}, stages={"lower_secondary"}),
        absence=0.3,
    )
    assert find_unmet_needs(network, need())[0].suggestions == ()


def test_suggestions_leave_out_providers_below_the_tier():
    """A provider of universal measures only is not suggested for an indicated need."""
    network = times.two_municipalities(times.measure("a", providers={"traeger-stadt"}), absence=0.3)
    assert find_unmet_needs(network, need())[0].suggested_ties == ()
