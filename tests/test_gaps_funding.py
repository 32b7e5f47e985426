"""Funding cliffs and school social work on time-limited money."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import gap_shapes as shapes
import time_networks as times
from bildungsnetz import Intervention, Period, Severity
from bildungsnetz.gaps import find_funding_cliffs, find_temporary_placements
from bildungsnetz.rules import FundingContinuity, PermanentPlacement

CLIFFS = shapes.one_rule(FundingContinuity(id="foerderende", severity="high"))
PERMANENT = shapes.one_rule(PermanentPlacement(id="dauerhaft", severity="medium"))
TO_ESF_END = times.ESF_END - times.STICHTAG


def programmes_of(gaps):
    """The programmes the cliffs are about, in report order."""
    return [gap.evidence["programme"] for gap in gaps]


# -- which programmes are looked at --------------------------------------------------------


def test_programme_ending_exactly_at_the_horizon_is_reported():
    """ESF+ ending on as_of + horizon lies inside the window (as_of, as_of + horizon]."""
    network = times.funded_placement(tie_funding={"esf"})
    assert programmes_of(find_funding_cliffs(network, CLIFFS, horizon=TO_ESF_END)) == ["esf"]


def test_programme_ending_a_day_after_the_horizon_is_not_reported():
    """ESF+ ending one day after as_of + horizon lies outside the window."""
    network = times.funded_placement(tie_funding={"esf"})
    horizon = TO_ESF_END - timedelta(days=1)
    assert find_funding_cliffs(network, CLIFFS, horizon=horizon) == []


def test_without_horizon_every_future_end_is_reported():
    """Without a horizon, ESF+ three years ahead is reported."""
    network = times.funded_placement(tie_funding={"esf"})
    assert programmes_of(find_funding_cliffs(network, CLIFFS)) == ["esf"]


def test_programme_ended_on_the_day_is_not_reported():
    """A programme whose end is as_of has already ended."""
    network = times.funded_placement(tie_funding={"esf"})
    assert find_funding_cliffs(network, CLIFFS, as_of=times.ESF_END) == []


def test_programme_ending_the_day_after_is_reported():
    """A programme whose money runs out tomorrow is reported today."""
    network = times.funded_placement(tie_funding={"esf"})
    as_of = times.ESF_END - timedelta(days=1)
    assert programmes_of(find_funding_cliffs(network, CLIFFS, as_of=as_of)) == ["esf"]


def test_evidence_gives_the_last_day_with_money():
    """ESF+ ending (exclusively) on 2028-08-01 is reported as ending on 2028-07-31."""
    gap = find_funding_cliffs(times.funded_placement(tie_funding={"esf"}), CLIFFS)[0]
    assert gap.evidence["end"] == "2028-07-31"


# -- what rests on a programme -------------------------------------------------------------


def test_record_rests_on_the_programme_that_lasts_longest():
    """A tie paid by ESF+ and by an earlier federal programme rests on ESF+ only."""
    network = times.funded_placement(tie_funding={"esf", "bund"})
    assert programmes_of(find_funding_cliffs(network, CLIFFS)) == ["esf"]


def test_record_with_permanent_money_rests_on_nothing():
    """A tie paid by ESF+ and the district budget survives the end of ESF+."""
    network = times.funded_placement(tie_funding={"esf", "kreis"})
    assert find_funding_cliffs(network, CLIFFS) == []


def test_post_paid_by_the_programme_ends_with_it():
    """A post paid by ESF+ alone is counted among what ends."""
    gap = find_funding_cliffs(times.funded_placement(post_funding={"esf"}), CLIFFS)[0]
    expected = (1, 1, ("gs", "ssa"))
    assert (
        gap.evidence["actors"],
        gap.evidence["school_social_work_posts"],
        gap.actors,
    ) == expected


# -- severity ------------------------------------------------------------------------------


def test_school_losing_its_only_school_social_work_is_critical():
    """The only placement ends with ESF+: critical, the school named."""
    gap = find_funding_cliffs(times.funded_placement(tie_funding={"esf"}), CLIFFS)[0]
    expected = ("critical", 1, ("gs",))
    assert (
        gap.severity.value,
        gap.evidence["schools_losing_only_school_social_work"],
        gap.actors,
    ) == expected


def test_school_keeping_a_second_post_is_served_at_rule_severity():
    """The ESF+ placement ends but a permanent one stays: the rule's severity."""
    network = times.funded_placement(tie_funding={"esf"}, second_post_funding={"kreis"})
    gap = find_funding_cliffs(network, CLIFFS)[0]
    expected = ("high", 1, 0)
    assert (
        gap.severity.value,
        gap.evidence["schools_served"],
        gap.evidence["schools_losing_only_school_social_work"],
    ) == expected


def test_no_school_served_is_one_level_lower():
    """ESF+ paying only the tie between Jugendamt and provider: one level below the rule."""
    network = times.funded_placement()
    paid = network.cooperation("ja--traeger").model_copy(update={"funding": {"esf"}})
    gap = find_funding_cliffs(network.with_cooperations(paid), CLIFFS)[0]
    assert (gap.severity.value, gap.evidence["schools_served"]) == ("medium", 0)


def test_school_losing_its_only_indicated_measure_is_critical():
    """The one indicated measure at the school ends with ESF+: critical."""
    network = times.funded_placement().with_interventions(
        Intervention(
            id="iv", name="Einzelfallhilfe", tier="indicated", sites={"gs"}, funding={"esf"}
        )
    )
    gap = find_funding_cliffs(network, CLIFFS)[0]
    assert (gap.severity.value, gap.evidence["schools_losing_only_indicated_measure"]) == (
        "critical",
        1,
    )


def test_school_losing_its_link_to_the_main_part_is_critical():
    """A second school tied to the rest only by an ESF+ tie is cut off: critical."""
    network = times.funded_placement().with_actors(shapes.school("gs-x", "GS Außen"))
    network = network.with_cooperations(shapes.tie("gs-x", "ja", funding={"esf"}))
    gap = find_funding_cliffs(network, CLIFFS)[0]
    assert (gap.severity.value, gap.evidence["schools_cut_off"]) == ("critical", 1)


def test_esf_placement_of_a_permanently_paid_post_is_not_critical():
    """An ESF+ placement of a post on the district budget is no loss of school social work.

    The module says a placement's funding is that of the tie and of the post together.
    """
    network = times.funded_placement(tie_funding={"esf"}, post_funding={"kreis"})
    gaps = find_funding_cliffs(network, CLIFFS)
    assert [gap.severity.value for gap in gaps if gap.severity is Severity.CRITICAL] == []


def test_universal_measure_at_a_school_serves_the_school():
    """A universal measure at the school ending with ESF+ serves the school: rule severity."""
    network = times.funded_placement().with_interventions(
        Intervention(
            id="iv", name="Soziales Lernen", tier="universal", sites={"gs"}, funding={"esf"}
        )
    )
    gap = find_funding_cliffs(network, CLIFFS)[0]
    assert (gap.severity.value, gap.evidence["schools_served"], gap.actors) == ("high", 1, ("gs",))


# -- temporary placements --------------------------------------------------------------------


def test_placement_on_time_limited_money_is_temporary():
    """A placement paid by ESF+ alone is reported at the rule's severity."""
    gaps = find_temporary_placements(times.funded_placement(tie_funding={"esf"}), PERMANENT)
    assert [(gap.severity.value, gap.actors) for gap in gaps] == [("medium", ("gs", "ssa"))]


@pytest.mark.parametrize(
    ("tie_funding", "post_funding"),
    [({"esf", "kreis"}, ()), ({"esf"}, {"kreis"}), ((), {"kreis"})],
    ids=["permanent-on-tie", "permanent-on-post", "only-post-permanent"],
)
def test_permanent_money_on_tie_or_post_makes_the_placement_permanent(tie_funding, post_funding):
    """A permanent programme on the tie or on the post: no finding."""
    network = times.funded_placement(tie_funding=tie_funding, post_funding=post_funding)
    assert find_temporary_placements(network, PERMANENT) == []


def test_placement_without_recorded_funding_is_not_judged():
    """Nobody recorded how the placement is paid: no finding."""
    assert find_temporary_placements(times.funded_placement(), PERMANENT) == []


def test_one_permanent_placement_among_two_is_enough():
    """An ESF+ placement beside a permanent one: no finding."""
    network = times.funded_placement(tie_funding={"esf"}, second_post_funding={"kreis"})
    assert find_temporary_placements(network, PERMANENT) == []


def test_two_time_limited_placements_give_one_finding_for_the_school():
    """Two placements on ESF+ and federal money: one finding naming both posts."""
    network = times.funded_placement(tie_funding={"esf"}, second_post_funding={"bund"})
    gaps = find_temporary_placements(network, PERMANENT)
    assert [gap.actors for gap in gaps] == [("gs", "ssa", "ssa-2")]


def test_evidence_gives_the_last_day_of_the_earliest_money():
    """ESF+ and federal placements: the money ends on 2026-12-31 at the earliest."""
    network = times.funded_placement(tie_funding={"esf"}, second_post_funding={"bund"})
    gap = find_temporary_placements(network, PERMANENT)[0]
    assert gap.evidence["earliest_end"] == "2026-12-31"


def test_money_ending_exactly_at_the_horizon_is_one_level_more_severe():
    """ESF+ ending on as_of + horizon makes the finding one level more severe."""
    network = times.funded_placement(tie_funding={"esf"})
    gap = find_temporary_placements(network, PERMANENT, horizon=TO_ESF_END)[0]
    assert gap.severity.value == "high"


def test_money_ending_after_the_horizon_keeps_the_rule_severity():
    """ESF+ ending a day after as_of + horizon leaves the rule's severity."""
    network = times.funded_placement(tie_funding={"esf"})
    horizon = TO_ESF_END - timedelta(days=1)
    gap = find_temporary_placements(network, PERMANENT, horizon=horizon)[0]
    assert gap.severity.value == "medium"


def test_placement_ended_on_the_day_is_not_judged():
    """A placement whose end is as_of has gone, and with it the finding."""
    network = times.funded_placement(tie_funding={"esf"})
    ended = network.cooperation("gs--ssa").model_copy(update={"period": Period(end=times.STICHTAG)})
    assert find_temporary_placements(network.with_cooperations(ended), PERMANENT) == []


def test_programme_ended_before_the_day_is_not_reported():
    """Federal money that ran out before as_of is no cliff ahead, though a tie still names it."""
    network = times.funded_placement(tie_funding={"bund"})
    assert find_funding_cliffs(network, CLIFFS, as_of=date(2027, 3, 1)) == []
