"""The required-tie rules judged on whole arrays equal a walk through each school's ties.

``gaps/_shortfall.py`` classifies every subject of a rule in one pass over numpy arrays.
The straightforward version, kept here as the reference, asks each subject for its ties,
forums and paths one by one; both must classify every subject alike on random districts,
on random networks of any records and on a synthetic district.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import (
    find_fragile_pairs,
    find_missing_required_ties,
    find_shallow_cooperation,
    find_unconfirmed_ties,
    find_unreachable,
)
from bildungsnetz.gaps._analysis import UNREACHED, analyse
from bildungsnetz.gaps._shortfall import partner_load, shortfalls, tie_table
from bildungsnetz.gaps.required_ties import findings_about
from bildungsnetz.model import CooperationKind
from bildungsnetz.rules import RequiredTie, RuleSet, Selector, default_rules
from strategies import networks
from strategies_districts import districts

DETECTORS = [
    find_missing_required_ties,
    find_unreachable,
    find_fragile_pairs,
    find_shallow_cooperation,
    find_unconfirmed_ties,
]


def walked(analysis, rule, subject):
    """The reference: one subject's ties, forums and paths, walked one by one."""
    if rule.within > 1:
        return _walked_steps(analysis, rule, subject)
    good, shallow, unconfirmed = _walked_ties(analysis, rule, subject)
    if len(good) >= rule.min_partners:
        return None
    for kind, weak in (("shallow_cooperation", shallow), ("unconfirmed_tie", unconfirmed)):
        if weak:
            partners = tuple(sorted(weak))
            return (kind, len(good), partners, tuple(weak[p] for p in partners))
    return ("missing_required_tie", len(good), tuple(sorted(good)))


def _walked_ties(analysis, rule, subject):
    """The partners that count, and the first shallow and unconfirmed tie to the others."""
    network, index = analysis.network, analysis.graph.index
    actor = analysis.actors[subject]
    is_partner = analysis.mask(rule.partner)
    good, shallow, unconfirmed = set(), {}, {}
    for position, tie in enumerate(network.cooperations):
        partner = tie.other(actor.id) if actor.id in tie.actors else None
        if partner is None or not is_partner[index[partner]]:
            continue
        if rule.kinds and tie.kind not in rule.kinds:
            continue
        if not tie.confirmed:
            unconfirmed.setdefault(index[partner], position)
        elif rule.min_intensity and tie.intensity and tie.intensity < rule.min_intensity:
            shallow.setdefault(index[partner], position)
        else:
            good.add(index[partner])
    if rule.forums:
        for forum in network.forums:
            if actor.id in forum.participants and forum.size <= analysis.rules.max_forum_size:
                good.update(
                    index[m] for m in forum.participants if m != actor.id and is_partner[index[m]]
                )
    shallow = {p: t for p, t in shallow.items() if p not in good}
    unconfirmed = {p: t for p, t in unconfirmed.items() if p not in good and p not in shallow}
    return good, shallow, unconfirmed


def _walked_steps(analysis, rule, subject):
    graph = analysis.graph
    is_partner = analysis.mask(rule.partner)
    distance = {subject: 0}
    frontier = [subject]
    while frontier and not any(is_partner[node] for node in frontier):
        following = []
        for node in frontier:
            for other in graph.neighbors(node).tolist():
                if other not in distance:
                    distance[other] = distance[node] + 1
                    following.append(other)
        frontier = following
    reached = [node for node in frontier if is_partner[node]]
    steps = distance[reached[0]] if reached else UNREACHED
    if steps == 2:
        leading = [
            n
            for n in graph.neighbors(subject).tolist()
            if any(is_partner[m] for m in graph.neighbors(n).tolist())
        ]
        if len(leading) != 1:
            return None
        partners = sum(bool(is_partner[m]) for m in graph.neighbors(leading[0]).tolist())
        return ("fragile_pair", leading[0], partners)
    if steps <= rule.within:
        return None
    component = analysis.components[subject]
    in_part = any(is_partner[analysis.components == component])
    return ("missing_required_tie" if in_part else "unreachable",)


def arrayed(shortfall, within):
    """A shortfall in the reference's shape."""
    kind = shortfall.kind.value
    if within > 1:
        if kind == "fragile_pair":
            return (kind, shortfall.broker, shortfall.reached)
        return (kind,)
    if kind == "missing_required_tie":
        return (kind, shortfall.have, shortfall.good)
    return (kind, shortfall.have, shortfall.partners, shortfall.ties)


def classify_alike(network, rules):
    """Every subject of every required-tie rule: arrays == walk."""
    analysis = analyse(network, rules)
    everyone = np.ones(len(analysis.graph.nodes), dtype=np.bool_)
    for rule in analysis.rules.of_type(RequiredTie):
        found = {s.subject: arrayed(s, rule.within) for s in shortfalls(analysis, rule, everyone)}
        subjects = np.flatnonzero(analysis.mask(rule.subject)).tolist()
        expected = {s: w for s in subjects if (w := walked(analysis, rule, s)) is not None}
        assert found == expected, rule.id


# Rules that use every option: several partners, intensities, kinds, forums, three steps.
WIDE_RULES = RuleSet(
    name="Breit",
    rules=[
        *default_rules().of_type(RequiredTie),
        RequiredTie(
            id="two-posts",
            subject=Selector(kind="school"),
            partner=Selector(kinds={"school_social_work", "youth_welfare_provider"}),
            min_partners=2,
            min_intensity="coordination",
            forums=True,
        ),
        RequiredTie(
            id="three-steps",
            subject=Selector(kind="school"),
            partner=Selector(kind="career_guidance"),
            within=3,
        ),
        RequiredTie(
            id="any-actor",
            subject=Selector(),
            partner=Selector(kinds={"school", "network_office"}),
            kinds={"agreement", "case_work", "placement"},
        ),
    ],
)


@given(network=districts(), rules=st.sampled_from([None, WIDE_RULES]))
def test_arrays_classify_every_subject_of_a_district_as_the_walk(network, rules):
    """Random districts, under the default rules and rules using every option."""
    classify_alike(network, rules)


@given(network=networks(max_actors=10))
def test_arrays_classify_every_subject_of_any_network_as_the_walk(network):
    """Random networks of every kind of record, forums and parents included."""
    classify_alike(network, WIDE_RULES)


@pytest.mark.parametrize("make", [musterkreis, lambda: synthetic(80, seed=1)])
def test_arrays_classify_the_example_and_a_synthetic_district_as_the_walk(make):
    """Hundreds of schools, every kind of shortfall among them."""
    classify_alike(make(), WIDE_RULES)


@given(network=districts())
def test_partner_load_counts_every_tie_to_a_subject(network):
    """A partner's load is the number of its cooperations whose other end is a subject."""
    analysis = analyse(network)
    for rule in analysis.rules.of_type(RequiredTie):
        subjects, partners = analysis.mask(rule.subject), analysis.mask(rule.partner)
        index = analysis.graph.index
        expected = [
            sum(
                1
                for tie in analysis.network.ties_of(actor.id)
                if subjects[index[tie.other(actor.id)]]
            )
            if partners[i]
            else 0
            for i, actor in enumerate(analysis.actors)
        ]
        assert partner_load(analysis, rule).tolist() == expected


def _essentials(gap):
    return gap.model_dump(mode="json", exclude={"suggestions", "details"})


@given(network=districts(), seed=st.integers(0, 2**32))
def test_findings_about_some_actors_are_the_detectors_findings_naming_them(network, seed):
    """What the horizon comparison asks for: every finding naming one of the actors."""
    analysis = analyse(network)
    chosen = np.random.default_rng(seed).random(len(analysis.graph.nodes)) < 0.3
    named = {analysis.graph.nodes[i] for i in np.flatnonzero(chosen)}
    expected = [
        _essentials(gap)
        for detector in DETECTORS
        for gap in detector(network)
        if named & set(gap.actors)
    ]
    found = [_essentials(gap) for gap in findings_about(analysis, chosen)]
    key = lambda record: record["id"]  # noqa: E731 (a sort key)
    assert sorted(found, key=key) == sorted(expected, key=key)


@given(networks())
def test_the_tie_table_holds_every_tie_of_the_day_as_its_record_says(network):
    """Column by column, entry t is the t-th cooperation of the day, read field by field."""
    analysis = analyse(network)
    table = tie_table(analysis)
    index, ties = analysis.graph.index, analysis.network.cooperations
    kinds = list(CooperationKind)
    assert table.first.tolist() == [index[tie.actors[0]] for tie in ties]
    assert table.second.tolist() == [index[tie.actors[1]] for tie in ties]
    assert table.kind.tolist() == [kinds.index(tie.kind) for tie in ties]
    assert table.confirmed.tolist() == [tie.confirmed for tie in ties]
    assert table.intensity.tolist() == [
        -1 if tie.intensity is None else tie.intensity.rank for tie in ties
    ]
    assert table.confirmed.dtype == np.bool_
    assert {column.dtype for column in (table.first, table.kind, table.intensity)} == {
        np.dtype(np.int64)
    }
