"""Records that end within the horizon and the gaps their end opens; find_gaps' horizon.

The compliant district is judged on its Stichtag 2025-11-01 with a horizon of 365 days,
so the window is (2025-11-01, 2026-11-01].
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import gap_networks as nets
import time_networks as times
from bildungsnetz import Period
from bildungsnetz.gaps import find_expiring_critical_ties, find_gaps

YEAR = timedelta(days=365)
HORIZON_END = date(2026, 11, 1)
SPRING = date(2026, 3, 1)


def expiring(network, horizon=YEAR):
    """The expiring findings as (collection, record) pairs."""
    gaps = find_expiring_critical_ties(network, horizon=horizon)
    return [(gap.evidence["collection"], gap.evidence["record"]) for gap in gaps]


def ending(network, **ends):
    """``network`` with the given interventions ending on the given days."""
    changed = [
        network.intervention(measure).model_copy(update={"period": Period(end=end)})
        for measure, end in ends.items()
    ]
    return network.with_interventions(*changed)


def by_record(network):
    """Record -> kinds of the findings its end opens."""
    gaps = find_expiring_critical_ties(network, horizon=YEAR)
    return {gap.evidence["record"]: gap.evidence["opened_kinds"] for gap in gaps}


# -- ties ------------------------------------------------------------------------------------


def test_placement_ending_within_the_horizon_is_reported():
    """The only placement of a school ends in spring: one finding for that tie."""
    assert expiring(times.ending_placement(SPRING)) == [("cooperations", "gs-land--ssa-gs-land")]


def test_finding_names_the_tie_its_last_day_and_what_opens():
    """The finding names both actors, the last day and the kinds of gap that open.

    The post keeps its contact with the Netzwerkstelle, so only the school's missing
    school social work opens.
    """
    gap = find_expiring_critical_ties(times.ending_placement(SPRING), horizon=YEAR)[0]
    expected = (("gs-land", "ssa-gs-land"), "2026-02-28", 1, "missing_required_tie")
    evidence = gap.evidence
    assert (
        gap.actors,
        evidence["end"],
        evidence["opened_gaps"],
        evidence["opened_kinds"],
    ) == expected


def test_severity_is_that_of_the_most_severe_opened_gap():
    """Missing school social work (high) and an isolated post (lower) make the tie high."""
    gap = find_expiring_critical_ties(times.ending_placement(SPRING), horizon=YEAR)[0]
    assert gap.severity.value == "high"


def test_severity_follows_the_opened_gaps():
    """Ending the parents' tie opens a medium gap at most, so the finding is medium."""
    network = nets.compliant_district()
    tie = network.cooperation("gs-land--ev-gs-land")
    network = network.with_cooperations(tie.model_copy(update={"period": Period(end=SPRING)}))
    assert [g.severity.value for g in find_expiring_critical_ties(network, horizon=YEAR)] == [
        "medium"
    ]


def test_tie_ending_exactly_at_the_horizon_counts():
    """A tie whose end is as_of + horizon is gone on that day and is reported."""
    network = times.ending_placement(HORIZON_END)
    assert expiring(network) == [("cooperations", "gs-land--ssa-gs-land")]


def test_tie_ending_the_day_after_the_horizon_does_not_count():
    """A tie whose end is as_of + horizon + 1 day is still there at the horizon."""
    assert expiring(times.ending_placement(HORIZON_END + timedelta(days=1))) == []


def test_tie_ended_on_the_day_is_not_expiring():
    """A tie whose end is as_of has already gone: its gap exists now, nothing expires."""
    assert expiring(times.ending_placement(times.STICHTAG)) == []


def test_tie_ending_the_day_after_as_of_is_expiring():
    """A tie that still exists on as_of and ends the next day is reported."""
    network = times.ending_placement(times.STICHTAG + timedelta(days=1))
    assert expiring(network) == [("cooperations", "gs-land--ssa-gs-land")]


def test_redundant_tie_ending_opens_nothing():
    """The end of the Kita's tie to its provider leaves no new gap and no finding."""
    network = nets.compliant_district()
    tie = network.cooperation("kita-stadt--traeger-1")
    network = network.with_cooperations(tie.model_copy(update={"period": Period(end=SPRING)}))
    assert expiring(network) == []


# -- posts -----------------------------------------------------------------------------------


def test_tie_ending_with_its_post_gives_one_finding_for_the_post():
    """Post and placement end on the same day: one finding, for the post."""
    assert expiring(times.ending_post(SPRING)) == [("actors", "ssa-gs-land")]


def test_tie_outlasting_its_post_gives_one_finding_for_the_post():
    """The post ends in spring, its placement in summer: one finding, for the post."""
    network = times.ending_placement(date(2026, 6, 1))
    post = network.actor("ssa-gs-land").model_copy(update={"active": Period(end=SPRING)})
    assert expiring(network.with_actors(post)) == [("actors", "ssa-gs-land")]


# -- interventions ---------------------------------------------------------------------------


def test_ending_indicated_measure_opens_an_unmet_need():
    """The indicated measure at the Sekundarschule Stadt ends: an unmet need is blamed on it."""
    network = ending(nets.compliant_district(), einzelfallhilfe=SPRING)
    assert by_record(network) == {"einzelfallhilfe": "unmet_need"}


def test_interventions_and_ties_are_blamed_for_their_own_kinds_of_gap():
    """Measure and placement of one school end: the measure gets the need, the tie the rest."""
    network = ending(nets.compliant_district(), einzelfallhilfe=SPRING)
    tie = network.cooperation("sek-stadt--ssa-sek-stadt")
    network = network.with_cooperations(tie.model_copy(update={"period": Period(end=SPRING)}))
    expected = {"einzelfallhilfe": "unmet_need", "sek-stadt--ssa-sek-stadt": "missing_required_tie"}
    assert by_record(network) == expected


def test_intervention_for_another_municipality_is_not_blamed_for_an_uncovered_topic():
    """Only the Stadt measure opens gaps when a short Land measure ends beside a lasting one."""
    network = ending(nets.compliant_district(), **{"praevention-stadt": SPRING})
    short = network.intervention("praevention-land").model_copy(
        update={"id": "land-kurz", "period": Period(end=SPRING)}
    )
    assert list(by_record(network.with_interventions(short))) == ["praevention-stadt"]


# -- when nothing is reported ------------------------------------------------------------------


def test_without_a_day_nothing_is_reported():
    """No as_of and no reference_date: the detector does not assume today."""
    network = times.ending_placement(SPRING).replace(reference_date=None)
    assert expiring(network) == []


def test_nothing_ending_gives_nothing():
    """The compliant district has nothing that ends."""
    assert expiring(nets.compliant_district()) == []


# -- find_gaps' horizon ------------------------------------------------------------------------


def test_horizon_in_days_equals_the_timedelta():
    """horizon=365 gives the same report as horizon=timedelta(days=365)."""
    network = times.ending_placement(SPRING)
    assert find_gaps(network, horizon=365).to_json() == find_gaps(network, horizon=YEAR).to_json()


def test_find_gaps_reports_expiring_ties_within_the_horizon():
    """With a horizon, find_gaps includes the expiring placement and records the days."""
    report = find_gaps(times.ending_placement(SPRING), horizon=365)
    found = [gap.evidence["record"] for gap in report.filter(kind="expiring_critical_tie")]
    assert (report.horizon_days, found) == (365, ["gs-land--ssa-gs-land"])


@pytest.mark.parametrize("horizon", [-1, timedelta(days=-1)], ids=["days", "timedelta"])
def test_negative_horizon_is_refused(horizon):
    """A horizon reaching into the past raises ValueError naming it."""
    with pytest.raises(ValueError, match="horizon must not be negative"):
        find_gaps(nets.compliant_district(), horizon=horizon)
