"""Every suggestion does what it claims: applied alone, find_gaps no longer finds what it closes.

The replay is independent of the judges in ``gaps._verify``: it applies each suggestion to
the network (a new cooperation, a placement, a measure at one more site), runs the whole
of :func:`find_gaps` again and compares concerns (a finding that only changed shape, such
as a missing partner that became a fragile one, is not closed).
"""

import pytest
from hypothesis import HealthCheck, given, settings

from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis
from strategies_districts import districts


def replayed(network, report):
    """Suggestion key -> the concerns find_gaps reports with that suggestion applied."""
    after = {}
    for suggestion in report.suggestions():
        changed = suggestion.apply(network)
        after[suggestion.key] = {gap.concern for gap in find_gaps(changed, as_of=report.as_of)}
    return after


def broken_claims(network, report):
    """Every claim a suggestion makes that the replay refutes, as readable strings."""
    concern = {gap.id: gap.concern for gap in report}
    after = replayed(network, report)
    broken = []
    for gap in report:
        for suggestion in gap.suggestions:
            still = after[suggestion.key]
            for closed in suggestion.closes:
                if concern[closed] in still:
                    broken.append(f"{suggestion.key} does not close {closed}")
            closes_own = gap.id in suggestion.closes
            if (suggestion.remaining == 0) != closes_own:
                broken.append(f"{suggestion.key} on {gap.id}: remaining and closes disagree")
            if suggestion.remaining and gap.concern not in still:
                broken.append(f"{suggestion.key} is called a step but closes {gap.id}")
    return broken


@pytest.fixture(scope="module")
def musterkreis_report():
    return find_gaps(musterkreis())


def test_every_musterkreis_suggestion_closes_what_it_claims(musterkreis_report):
    """Replayed one at a time, each of Musterkreis's suggestions closes every finding it names."""
    assert broken_claims(musterkreis(), musterkreis_report) == []


def test_every_musterkreis_suggestion_closes_or_advances_its_own_finding(musterkreis_report):
    """No suggestion is offered that leaves its finding as it was."""
    offered = [(gap, s) for gap in musterkreis_report for s in gap.suggestions]
    assert offered
    assert all(gap.id in s.closes or s.remaining > 0 for gap, s in offered)


def test_musterkreis_offers_placements_of_existing_posts_for_school_social_work(
    musterkreis_report,
):
    """Schools without school social work get placements of posts, never an agreement."""
    gaps = musterkreis_report.filter(rule="school-social-work", kind="missing_required_tie")
    forms = {s.type for gap in gaps for s in gap.suggestions}
    assert (len(gaps), forms) == (45, {"placement"})


def test_musterkreis_offers_measures_for_unmet_needs(musterkreis_report):
    """An unmet need is answered by extending a running measure to the school."""
    gaps = musterkreis_report.filter(kind="unmet_need")
    assert {s.type for gap in gaps for s in gap.suggestions} == {"measure"}


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(network=districts())
def test_every_suggestion_in_random_districts_closes_what_it_claims(network):
    """The same replay on random districts of every shape."""
    assert broken_claims(network, find_gaps(network)) == []
