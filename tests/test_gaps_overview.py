"""Key figures, the funding timeline, school coverage: by hand and against the detectors."""

from collections import Counter
from datetime import date, timedelta

import pytest

from bildungsnetz import find_gaps
from bildungsnetz.gaps import find_funding_cliffs
from bildungsnetz.gaps.overview import Ending, endings, key_figures, school_coverage
from conftest import ESF_END

LAST_ESF_DAY = ESF_END - timedelta(days=1)


# -- by hand on the tiny network ---------------------------------------------------------


def test_key_figures_of_the_tiny_network(tiny_network):
    """1 school with its post; 5 actors, 3 ties, 1 forum, 1 measure, 1 programme."""
    figures = key_figures(tiny_network, as_of=date(2025, 1, 1))
    assert (figures.schools, figures.schools_with_school_social_work) == (1, 1)
    assert figures.school_social_work_share == 1.0
    counts = (figures.actors, figures.cooperations, figures.forums, figures.interventions)
    assert counts == (5, 3, 1, 1)
    assert figures.programmes == 1


def test_key_figures_after_the_money_runs_out(tiny_network):
    """On the first day without ESF+ the post and its placement are gone."""
    figures = key_figures(tiny_network, as_of=ESF_END)
    assert (figures.schools, figures.schools_with_school_social_work) == (1, 0)
    assert figures.school_social_work_share == 0.0
    assert figures.actors == 4


def test_no_schools_have_no_share(tiny_network):
    without = tiny_network.without_actors("gs1")
    assert key_figures(without, as_of=date(2025, 1, 1)).school_social_work_share is None


def test_the_tiny_timeline_lists_what_ends_with_esf(tiny_network):
    """The post, its placement and the measure end with ESF+, on its last day; so does ESF+."""
    found = endings(tiny_network, as_of=date(2025, 1, 1))
    assert found == (
        Ending(LAST_ESF_DAY, "actors", "ssa1", "Schulsozialarbeit GS Am Markt",
               "school_social_work", ("esf",)),
        Ending(LAST_ESF_DAY, "cooperations", "c1", "GS Am Markt – Schulsozialarbeit GS Am Markt",
               "placement", ("esf",)),
        Ending(LAST_ESF_DAY, "interventions", "iv1", "Soziales Lernen", "universal", ("esf",)),
        Ending(LAST_ESF_DAY, "programmes", "esf", "ESF+", "eu_esf_plus"),
    )  # fmt: skip


def test_a_horizon_before_the_end_lists_nothing(tiny_network):
    assert endings(tiny_network, as_of=date(2025, 1, 1), horizon=365) == ()


def test_a_horizon_reaching_the_end_lists_it(tiny_network):
    """The window is as the detectors': up to and including the day the period ends."""
    day = date(2025, 1, 1)
    reaching = (ESF_END - day).days
    assert len(endings(tiny_network, as_of=day, horizon=reaching)) == 4
    assert endings(tiny_network, as_of=day, horizon=reaching - 1) == ()


def test_an_own_end_before_the_money_is_not_blamed_on_the_money(tiny_network):
    """A tie that ends on its own before ESF+ does is listed with its own last day."""
    tie = tiny_network.cooperation("c1")
    early = tie.model_copy(
        update={"period": tie.period.model_copy(update={"end": date(2026, 1, 1)})}
    )
    network = tiny_network.with_cooperations(early)
    [ending] = [e for e in endings(network, as_of=date(2025, 1, 1)) if e.record == "c1"]
    assert (ending.last_day, ending.programmes) == (date(2025, 12, 31), ())


def test_a_record_also_paid_by_open_money_does_not_end(tiny_network):
    """Funded by ESF+ and by the district budget (no end), the measure goes on."""
    budget = tiny_network.programmes[0].model_copy(
        update={"id": "kreis", "name": "Kreishaushalt", "source": "district",
                "period": tiny_network.programmes[0].period.model_copy(update={"end": None})}
    )  # fmt: skip
    measure = tiny_network.interventions[0].model_copy(
        update={"funding": frozenset({"esf", "kreis"})}
    )
    network = tiny_network.replace(programmes=[*tiny_network.programmes, budget],
                                   interventions=[measure])  # fmt: skip
    assert "iv1" not in {e.record for e in endings(network, as_of=date(2025, 1, 1))}


def test_school_coverage_of_the_tiny_network(tiny_network):
    [school] = school_coverage(tiny_network, as_of=date(2025, 1, 1))
    assert (school.actor, school.form.value, school.school_social_work) == (
        "gs1",
        "grundschule",
        True,
    )
    assert (school.findings, school.severity) == (0, None)


def test_nothing_is_changed(tiny_network):
    before = tiny_network.model_dump()
    key_figures(tiny_network)
    endings(tiny_network, horizon=400)
    school_coverage(tiny_network, find_gaps(tiny_network, as_of=date(2025, 1, 1)))
    assert tiny_network.model_dump() == before


# -- against the detectors on Musterkreis -------------------------------------------------


def test_schools_without_school_social_work_are_the_rule_s_findings(musterkreis_network):
    """Schools minus those with school social work = the rule's missing-tie findings (45)."""
    figures = key_figures(musterkreis_network)
    missing = [
        gap
        for gap in find_gaps(musterkreis_network)
        if gap.rule == "school-social-work" and gap.kind == "missing_required_tie"
    ]
    assert figures.schools - figures.schools_with_school_social_work == len(missing) == 45
    coverage = school_coverage(musterkreis_network)
    assert {s.actor for s in coverage if not s.school_social_work} == {g.actors[0] for g in missing}


@pytest.mark.parametrize("programme", ["esf-plus", "stiftung-brueckenjahr"])
def test_the_timeline_agrees_with_the_funding_cliffs(musterkreis_network, programme):
    """What ends with a programme is what its funding-cliff finding counts."""
    [cliff] = [
        g for g in find_funding_cliffs(musterkreis_network) if g.evidence["programme"] == programme
    ]
    ending = Counter(
        e.collection for e in endings(musterkreis_network) if programme in e.programmes
    )
    counted = {key: cliff.evidence[key] for key in ("ties", "actors", "forums", "interventions")}
    assert {
        "ties": ending["cooperations"],
        "actors": ending["actors"],
        "forums": ending["forums"],
        "interventions": ending["interventions"],
    } == counted
    last = {
        e.last_day.isoformat() for e in endings(musterkreis_network) if programme in e.programmes
    }
    assert last == {cliff.evidence["end"]}


def test_coverage_counts_every_finding_naming_a_school(musterkreis_network):
    report = find_gaps(musterkreis_network)
    for school in school_coverage(musterkreis_network, report):
        naming = [gap for gap in report if school.actor in gap.actors]
        assert school.findings == len(naming)
        assert school.severity == (max(g.severity for g in naming) if naming else None)


def test_the_timeline_is_sorted_and_deterministic(musterkreis_network):
    found = endings(musterkreis_network)
    assert list(found) == sorted(found, key=lambda e: (e.last_day, e.collection, e.record))
    assert endings(musterkreis_network) == found
