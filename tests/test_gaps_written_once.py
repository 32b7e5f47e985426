"""What is computed or written once (per institution, rule or measure) against each time."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings

from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import find_missing_required_ties, find_uncovered_topics
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps._text import accusative, kinds_phrase, quoted
from bildungsnetz.gaps.required_ties import _wanted
from bildungsnetz.gaps.transitions import (
    _flow_table,
    _group_key,
    _institution_labels,
    _latest_flows,
    _protected_flows,
    _Published,
)
from bildungsnetz.privacy import DEFAULT_POLICY, DisclosurePolicy
from bildungsnetz.rules import RequiredTie, default_rules
from strategies_districts import STICHTAG, districts


def _reference_flow_table(network, year, labels):
    """The flow table as first written: each flow's two ends grouped as they come."""
    years = {flow.year for flow in network.flows}
    chosen = year if year is not None else (max(years) if years else None)
    counts = defaultdict(lambda: defaultdict(int))
    groups = {}
    for flow in network.flows:
        if flow.year != chosen:
            continue
        for actor_id in (flow.source, flow.target):
            groups[labels[actor_id]] = _group_key(network.actor(actor_id))
        counts[labels[flow.source]][labels[flow.target]] += flow.pupils
    return counts, groups


def _assert_same_flow_table(network):
    labels = _institution_labels(network)
    years = sorted({flow.year for flow in network.flows})
    for year in (None, *years):
        counts, groups = _flow_table(network, year, labels)
        expected_counts, expected_groups = _reference_flow_table(network, year, labels)
        assert counts == expected_counts
        # The groups in the same order too: the memo key of the protected table lists them.
        assert list(groups.items()) == list(expected_groups.items())


@settings(max_examples=40, deadline=None)
@given(districts())
def test_flow_table_is_the_reference_on_random_districts(network):
    """Counts and groups (and their order) of random districts are the reference's."""
    _assert_same_flow_table(network)


def test_flow_table_is_the_reference_on_shipped_networks():
    """Musterkreis and a synthetic district give the reference's flow table."""
    _assert_same_flow_table(musterkreis())
    _assert_same_flow_table(synthetic(80, seed=1))


def _reference_wanted(rule):
    """A missing tie's partner phrase written from the rule each time, as first written."""
    if rule.within != 1:
        return accusative(rule.partner, "de"), accusative(rule.partner, "en")
    kinds_de = f" (Art: {kinds_phrase(rule.kinds, 'de')})" if rule.kinds else ""
    kinds_en = f" (kind: {kinds_phrase(rule.kinds, 'en')})" if rule.kinds else ""
    return (
        f"{quoted(rule.partner.describe('de'), 'de')}{kinds_de}",
        f"{quoted(rule.partner.describe('en'), 'en')}{kinds_en}",
    )


def test_wanted_partners_are_the_reference_for_every_default_rule():
    """Every required-tie rule's wanted partners read as the phrase written each time."""
    rules = default_rules().of_type(RequiredTie)
    assert rules
    for rule in rules:
        assert _wanted(rule) == _reference_wanted(rule)
        farther = rule.model_copy(update={"within": 2})
        assert _wanted(farther) == _reference_wanted(farther)


def test_missing_tie_texts_name_the_wanted_partners():
    """Each missing-tie finding of Musterkreis says its rule's wanted partners."""
    network = musterkreis()
    rules = {rule.id: rule for rule in default_rules().of_type(RequiredTie)}
    gaps = find_missing_required_ties(network)
    assert gaps
    for gap in gaps:
        to_de, to_en = _reference_wanted(rules[gap.rule])
        assert to_de in gap.explanation.de
        assert to_en in gap.explanation.en


def test_measure_extension_reasons_are_written_in_full():
    """A proposed extension names the measure, its tier and the site, in both languages."""
    network = synthetic(80, seed=0)
    measures = {measure.id: measure for measure in network.interventions}
    sites = {actor.id: actor for actor in network.actors}
    suggestions = [s for gap in find_uncovered_topics(network) for s in gap.suggestions]
    assert suggestions
    for suggestion in suggestions:
        measure, site = measures[suggestion.intervention], sites[suggestion.site]
        assert suggestion.reason.de.startswith(quoted(measure.name, "de"))
        assert suggestion.reason.de.endswith(f"und kann auch an {site.name} stattfinden.")
        assert f"(Stufe {quoted(measure.tier.label('de'), 'de')})" in suggestion.reason.de
        assert suggestion.reason.en.endswith(f"and can also take place at {site.name}.")


@pytest.mark.parametrize("make", [musterkreis, lambda: synthetic(80, seed=2)])
def test_findings_publish_the_fine_table_of_the_nested_protection(make):
    """The counts findings may show are those of the matrix by institution beside by form."""
    analysis = analyse(make(), None, as_of=STICHTAG)
    for policy in (DEFAULT_POLICY, DisclosurePolicy(threshold=5)):
        fine, _ = _protected_flows(analysis.network, None, policy)
        published = _Published(analysis, policy, _latest_flows(analysis.network))
        assert published.table == fine
