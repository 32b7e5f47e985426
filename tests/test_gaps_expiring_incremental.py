"""The later day judged incrementally gives what judging the whole later day gives.

``find_expiring_critical_ties`` judges on the last day of the horizon only what the
endings touch. The straightforward version, kept here as the reference, runs every static
detector on that day and attributes each new finding; both must agree on random districts
whose records start and end at random around the horizon.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import time_networks as times
from bildungsnetz import Period
from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import (
    find_dependent_actors,
    find_exclusive_brokers,
    find_expiring_critical_ties,
    find_gaps,
    find_insular_groups,
    find_isolated_actors,
    find_uncovered_topics,
    find_underlinked_groups,
    find_unmet_needs,
)
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps._detectors import STATIC_DETECTORS, static_findings
from bildungsnetz.gaps._finish import finished, unfinished
from bildungsnetz.gaps.expiring import (
    _LATER_DAY,
    _brokers_among,
    _caused,
    _ending_ties,
    _EndingIndex,
    _endings,
    _finding,
    _later_findings,
)
from bildungsnetz.gaps.gap import GapKind
from bildungsnetz.model.dates import to_horizon
from bildungsnetz.privacy import DEFAULT_POLICY, DisclosurePolicy
from bildungsnetz.rules import NoSinglePointOfFailure, RuleSet, default_rules
from strategies_districts import STICHTAG, districts

COLLECTIONS = {"actors": "active", "cooperations": "period", "forums": "period"}
COLLECTIONS["interventions"] = "period"


def full_recomputation(network, horizon, rules=None, policy=DEFAULT_POLICY):
    """The reference: every static detector on both days, each new finding attributed."""
    start = analyse(network, rules)
    ahead = to_horizon(horizon, start=start.as_of)
    if start.as_of is None:
        return []
    later = start.as_of + ahead
    before = {gap.id for gap in static_findings(network, start.rules, start.as_of, policy)}
    found = static_findings(network, start.rules, later, policy)
    opened = [gap for gap in found if gap.id not in before]
    endings = _endings(start, start.as_of, later)
    index = _EndingIndex(endings)
    blamed = defaultdict(list)
    for gap in opened:
        for ending in index.candidates(gap):
            if _caused(ending, gap):
                blamed[ending].append(gap)
    params = {**start.params, "horizon_days": ahead.days, "horizon_end": later.isoformat()}
    gaps = [_finding(ending, found, params, start.network) for ending, found in blamed.items()]
    return finished(start, gaps)


def as_json(gaps):
    """The findings as the JSON text a user reads."""
    return json.dumps([gap.model_dump(mode="json") for gap in gaps], ensure_ascii=False)


def incremental_equals_full(network, horizon, rules=None):
    """Judge in two fresh copies, so that neither reuses what the other computed."""
    incremental = find_expiring_critical_ties(network.replace(), rules, horizon=horizon)
    expected = full_recomputation(network.replace(), horizon, rules)
    assert as_json(incremental) == as_json(expected)
    return incremental


def sensitive_rules():
    """The default rules with every exclusive pair and a looser constraint counted."""
    rules = default_rules()
    changed = [
        rule.model_copy(update={"min_exclusive_pairs": 1, "max_constraint": 0.5})
        if isinstance(rule, NoSinglePointOfFailure)
        else rule
        for rule in rules.rules
    ]
    return RuleSet(name="Empfindlich", rules=changed)


# Days around the Stichtag and the ends of the horizons tried: on, just before and just
# after each edge, so that records start and end exactly where the comparison changes.
DAYS = [
    STICHTAG + timedelta(days=offset)
    for offset in (-400, -1, 0, 1, 2, 200, 364, 365, 366, 1094, 1095, 1096, 2000)
]


@st.composite
def timed_districts(draw):
    """Random districts whose actors, ties, forums and measures start and end at random."""
    network = draw(districts(max_schools=5))
    changes = {}
    for collection, field in COLLECTIONS.items():
        records = []
        for record in getattr(network, collection):
            if draw(st.booleans()):
                records.append(record)
                continue
            start, end = draw(st.none() | st.sampled_from(DAYS)), draw(st.sampled_from(DAYS))
            if start is not None and start >= end:
                start = None
            records.append(record.model_copy(update={field: Period(start=start, end=end)}))
        changes[collection] = tuple(records)
    return network.replace(**changes)


@given(
    network=timed_districts(),
    horizon=st.sampled_from([1, 365, 1095]),
    rules=st.sampled_from([None, sensitive_rules()]),
)
def test_incremental_later_day_equals_the_full_recomputation(network, horizon, rules):
    """Random starts and ends around the horizon: the same findings, byte for byte.

    With the default rules and with rules under which every exclusive pair and most
    closed circles count, so that brokers and dependent actors open as well.
    """
    incremental_equals_full(network, horizon, rules)


@pytest.mark.parametrize("horizon", [365, 1095])
def test_musterkreis_incremental_equals_full(horizon):
    """The example district, whose ESF+ posts end on 2028-07-31 (within 1095 days)."""
    found = incremental_equals_full(musterkreis(), horizon)
    assert bool(found) == (horizon == 1095)


@pytest.mark.parametrize("seed", [0, 1])
def test_synthetic_district_incremental_equals_full(seed):
    """A synthetic district with many endings: the same findings, and some of them."""
    assert incremental_equals_full(synthetic(80, seed=seed), 1095)


def test_a_tie_starting_within_the_horizon_is_judged_on_the_later_day():
    """A new placement elsewhere is in the later day; both ways agree on what ends."""
    network = times.ending_placement(date(2026, 3, 1))
    tie = network.cooperation("gs-land--ssa-gs-land")
    later = tie.model_copy(
        update={"id": "neu", "period": Period(start=date(2026, 4, 1)), "confirmed": False}
    )
    incremental_equals_full(network.with_cooperations(later), 365)


def test_nothing_ends_nothing_is_judged():
    """Without endings within the horizon there is nothing to blame and no later day."""
    network = musterkreis().replace()
    assert find_expiring_critical_ties(network, horizon=1) == []
    assert ("analysis", analyse(network).rules, date(2025, 11, 2)) not in (
        network.__pydantic_private__["_memo"]
    )


def _essentials(gap):
    return gap.model_dump(mode="json", exclude={"suggestions", "details"})


def brokers_alike(network, rules, choose):
    """Exclusive brokers counted around the chosen actors == counted on the whole network."""
    analysis = analyse(network, rules)
    chosen = choose(len(analysis.graph.nodes))
    index = analysis.graph.index
    expected = [
        _essentials(gap)
        for gap in find_exclusive_brokers(network, rules)
        if chosen[index[gap.actors[0]]]
    ]
    found = sorted(_brokers_among(analysis, chosen), key=lambda gap: gap.sort_key)
    assert [_essentials(gap) for gap in found] == expected
    known = {record["id"] for record in expected[::2]}
    unknown = [gap.id for gap in _brokers_among(analysis, chosen, known) if gap.id not in known]
    assert sorted(unknown) == sorted(record["id"] for record in expected[1::2])
    return expected


@given(network=districts(), seed=st.integers(0, 2**32))
def test_brokers_counted_around_some_actors_equal_the_whole_count(network, seed):
    """Random districts, every exclusive pair counted, a random third of the actors."""
    generator = np.random.default_rng(seed)
    brokers_alike(network, sensitive_rules(), lambda n: generator.random(n) < 0.3)


@pytest.mark.parametrize("make", [musterkreis, lambda: synthetic(80, seed=0)])
def test_brokers_of_hundreds_of_pairs_counted_around_some_actors(make):
    """The default threshold: the hubs of real-sized districts, every fifth actor chosen."""
    assert brokers_alike(make(), None, lambda n: np.arange(n) % 5 == 0)


def test_every_static_detector_is_judged_or_never_blamed():
    """The table that drives the later day holds each static detector once.

    Judged around what ends (ties, actors and forums, or interventions) or, for the group
    detectors whose findings name no actor and are never blamed, not run at all.
    """
    listed = [detector for judged in _LATER_DAY for detector in judged.detectors]
    assert sorted(listed, key=repr) == sorted(STATIC_DETECTORS, key=repr)
    assert len(set(listed)) == len(listed)
    unjudged = [
        detector for judged in _LATER_DAY if judged.judge is None for detector in judged.detectors
    ]
    assert sorted(unjudged, key=repr) == sorted(
        [find_underlinked_groups, find_insular_groups], key=repr
    )
    assert all((judged.judge is None) == (judged.blamed is None) for judged in _LATER_DAY)


def test_the_later_day_runs_what_the_table_holds(monkeypatch):
    """Each judge of the table is run when its kind of record ends, and nothing else is."""
    network = musterkreis()
    start = analyse(network)
    later = start.as_of + timedelta(days=1095)
    endings = _endings(start, start.as_of, later)
    assert {ending.collection for ending in endings} >= {"actors", "interventions"}
    calls = []
    table = tuple(
        judged
        if judged.judge is None
        else type(judged)(
            judged.detectors, judged.blamed, lambda day, j=judged: calls.append(j) or []
        )
        for judged in _LATER_DAY
    )
    monkeypatch.setattr("bildungsnetz.gaps.expiring._LATER_DAY", table)
    assert _later_findings(network, start.rules, later, endings, set()) == []
    assert calls == [judged for judged in _LATER_DAY if judged.judge is not None]
    calls.clear()
    ties = [ending for ending in endings if ending.collection != "interventions"]
    _later_findings(network, start.rules, later, ties, set())
    assert calls == [judged for judged in _LATER_DAY if judged.blamed == "ties"]


@given(network=timed_districts(), horizon=st.sampled_from([1, 365, 1095]))
def test_ending_ties_are_those_of_the_day_whose_end_lies_within(network, horizon):
    """Chosen from the columns of day numbers: what a pass over the day's ties chooses."""
    analysis = analyse(network, sensitive_rules(), as_of=STICHTAG)
    later = STICHTAG + timedelta(days=horizon)
    expected = [
        tie
        for tie in analysis.network.cooperations
        if tie.period.end is not None and STICHTAG < tie.period.end <= later
    ]
    assert _ending_ties(analysis, STICHTAG, later) == expected


@given(network=timed_districts(), horizon=st.sampled_from([365, 1095]))
def test_uncovered_topics_of_the_later_day_of_what_ends_are_all_judged(network, horizon):
    """Coverage is judged for the topics of ending measures: all their findings, no other."""
    later = STICHTAG + timedelta(days=horizon)
    endings = _endings(analyse(network, as_of=STICHTAG), STICHTAG, later)
    measures = [ending for ending in endings if ending.collection == "interventions"]
    topics = set().union(*(ending.topics for ending in measures))
    with unfinished():
        judged = [
            gap
            for gap in _later_findings(network, default_rules(), later, endings, set())
            if gap.kind is GapKind.UNCOVERED_TOPIC
        ]
        whole = find_uncovered_topics(network, as_of=later)
    expected = [gap for gap in whole if measures and gap.evidence["topic"] in topics]
    assert sorted(judged, key=lambda gap: gap.sort_key) == expected


@given(network=timed_districts(), horizon=st.sampled_from([365, 1095]))
def test_circles_and_isolation_of_the_later_day_naming_what_ends_are_all_judged(network, horizon):
    """Judged around what ends: every such finding naming a touched actor, and no other."""
    rules = sensitive_rules()
    later = STICHTAG + timedelta(days=horizon)
    endings = _endings(analyse(network, rules, as_of=STICHTAG), STICHTAG, later)
    ties = [ending for ending in endings if ending.collection != "interventions"]
    touched = set().union(*(ending.touches for ending in ties))
    kinds = {GapKind.DEPENDENT_ACTOR, GapKind.ISOLATED_ACTOR}
    with unfinished():
        judged = {
            gap.id: gap
            for gap in _later_findings(network, rules, later, endings, set())
            if gap.kind in kinds
        }
        whole = [
            *find_dependent_actors(network, rules, as_of=later),
            *find_isolated_actors(network, rules, as_of=later),
        ]
    naming = {gap.id for gap in whole if set(gap.actors) & touched}
    assert naming <= set(judged) <= {gap.id for gap in whole}
    assert all(judged[gap.id] == gap for gap in whole if gap.id in judged)


@given(network=timed_districts(), horizon=st.sampled_from([365, 1095]))
def test_unmet_needs_of_the_later_day_about_what_ends_are_all_judged(network, horizon):
    """Needs are judged of the sites and providers of ending measures: all, and no other."""
    later = STICHTAG + timedelta(days=horizon)
    endings = _endings(analyse(network, as_of=STICHTAG), STICHTAG, later)
    measures = [ending for ending in endings if ending.collection == "interventions"]
    served = set().union(*(ending.touches for ending in measures))
    with unfinished():
        judged = [
            gap
            for gap in _later_findings(network, default_rules(), later, endings, set())
            if gap.kind is GapKind.UNMET_NEED
        ]
        whole = find_unmet_needs(network, as_of=later)
    expected = [gap for gap in whole if set(gap.actors) & served]
    assert sorted(judged, key=lambda gap: gap.sort_key) == expected


def test_unmet_needs_of_a_synthetic_district_judged_about_what_ends():
    """Many measures end in a synthetic district: the needs of their sites, as found whole."""
    network = synthetic(80, seed=0)
    start = analyse(network)
    later = start.as_of + timedelta(days=1095)
    endings = _endings(start, start.as_of, later)
    with unfinished():
        judged = [
            gap
            for gap in _later_findings(network, start.rules, later, endings, set())
            if gap.kind in {GapKind.UNMET_NEED, GapKind.UNCOVERED_TOPIC}
        ]
        whole = [
            *find_unmet_needs(network, as_of=later),
            *find_uncovered_topics(network, as_of=later),
        ]
    assert judged
    assert {gap.id for gap in judged} <= {gap.id for gap in whole}
    blamed = [gap for gap in whole if any(_caused(e, gap) for e in endings)]
    assert {gap.id for gap in blamed} <= {gap.id for gap in judged}


# A flow of 55 pupils between two schools whose only tie ends within a year: its finding
# on the later day is of the rule's severity where the count is shown, one level lower
# where it is withheld, and so is the ending blamed for it.
_FLOW = ("igs-lindenau", "bbs")
_WITHHOLD_ALL = DisclosurePolicy(threshold=1000)


def _flow_tie_ending():
    network = musterkreis()
    ties = {tie.id for tie in network.cooperations if set(tie.actors) == set(_FLOW)}
    end = network.reference_date + timedelta(days=100)
    changed = [
        tie.model_copy(update={"period": Period(start=tie.period.start, end=end)})
        if tie.id in ties
        else tie
        for tie in network.cooperations
    ]
    return network.replace(cooperations=tuple(changed)), ties


@pytest.mark.parametrize("policy", [DEFAULT_POLICY, _WITHHOLD_ALL])
def test_the_disclosure_policy_of_find_gaps_reaches_the_later_day(policy):
    """find_gaps with a policy and a horizon: the expiring findings of that policy."""
    network, ties = _flow_tie_ending()
    report = find_gaps(network.replace(), horizon=365, policy=policy)
    reported = [gap for gap in report.gaps if gap.kind is GapKind.EXPIRING_CRITICAL_TIE]
    direct = find_expiring_critical_ties(network.replace(), horizon=365, policy=policy)
    expected = full_recomputation(network.replace(), 365, policy=policy)
    assert as_json(direct) == as_json(expected)
    assert [gap.id for gap in reported] == [gap.id for gap in expected]
    assert [gap.severity for gap in reported] == [gap.severity for gap in expected]
    blamed = [gap for gap in reported if gap.evidence["record"] in ties]
    assert [gap.evidence["opened_kinds"] for gap in blamed] == ["transition_without_cooperation"]
    assert blamed[0].severity == ("high" if policy == DEFAULT_POLICY else "medium")
