"""Cheap paths of the required-tie suggestions and of the later day equal the plain ones.

The suggestions of a required-tie finding are ranked once per municipality, not once per
finding; a cut tie names its cooperations from a sorted index of the day's pairs, not
from a walk through an actor's ties; on the last day of a horizon closed circles and
isolation are judged only around what ends. The straightforward versions, kept here as
the references, must give the same on random districts.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import find_dependent_actors, find_isolated_actors
from bildungsnetz.gaps import required_ties as required
from bildungsnetz.gaps._analysis import analyse, ties_between, ties_of
from bildungsnetz.gaps._finish import unfinished
from bildungsnetz.gaps.expiring import _next_to
from bildungsnetz.gaps.structure import _dependent_among, _isolated_among
from bildungsnetz.model import CooperationKind
from bildungsnetz.rules import NoSinglePointOfFailure, RequiredTie, RuleSet, default_rules
from strategies import networks
from strategies_districts import STICHTAG, districts


def suggested_per_finding(check, actor, *, exclude):
    """The reference: every finding ranks its candidates itself (the code before)."""
    if not check.suggest:
        return ()
    candidates = [p for p in check.nearby.near(actor) if p.id != actor.id and p.id not in exclude]
    load = check.load
    busiest = max([load.get(p.id, 0) for p in candidates] or [0]) or 1
    placed = CooperationKind.PLACEMENT in check.rule.kinds

    def plausibility(partner):
        local = partner.municipality is not None and partner.municipality == actor.municipality
        busy = load.get(partner.id, 0)
        fit = 1 - busy / (busiest + 1) if placed else busy / busiest
        return round(0.2 + 0.4 * local + 0.2 * fit, 3)

    scored = sorted(((plausibility(p), p) for p in candidates), key=lambda x: (-x[0], x[1].id))
    return tuple(
        required._proposal(check, actor, p, value) for value, p in scored[: required._CANDIDATES]
    )


def report_with(network, monkeypatch=None, rules=None):
    """The report's JSON, with the suggestions ranked per finding if ``monkeypatch``."""
    if monkeypatch is None:
        return find_gaps(network.replace(), rules, as_of=STICHTAG).to_json()
    with monkeypatch.context() as patched:
        patched.setattr(required, "_suggest", suggested_per_finding)
        return find_gaps(network.replace(), rules, as_of=STICHTAG).to_json()


def wide_rules():
    """The default rules with closed circles counted from a constraint of one half."""
    changed = [
        rule.model_copy(update={"max_constraint": 0.5})
        if isinstance(rule, NoSinglePointOfFailure)
        else rule
        for rule in default_rules().rules
    ]
    return RuleSet(name="Weit", rules=changed)


def three_partners():
    """The default rules with three direct partners required: the busiest is often had."""
    changed = [
        rule.model_copy(update={"min_partners": 3})
        if isinstance(rule, RequiredTie) and rule.within == 1
        else rule
        for rule in default_rules().rules
    ]
    return RuleSet(name="Drei", rules=changed)


@given(network=districts(), rules=st.sampled_from([None, three_partners()]))
def test_suggestions_ranked_per_municipality_equal_those_ranked_per_finding(network, rules):
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert report_with(network, rules=rules) == report_with(network, monkeypatch, rules)


@pytest.mark.parametrize("rules", [None, three_partners()])
@pytest.mark.parametrize("make", [musterkreis, lambda: synthetic(80, seed=2)])
def test_suggestions_of_the_example_and_a_district_equal_those_ranked_per_finding(make, rules):
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert report_with(make(), rules=rules) == report_with(make(), monkeypatch, rules)


def test_the_busiest_partner_left_out_ranks_the_others_anew():
    """A subject tied to the busiest post already: the rest is ranked without it."""
    rankings, anew = [], []
    ranked, scored = required._Nearby._ranked, required._Nearby.scored

    def counted_ranking(self, actor):
        rankings.append(actor.id)
        return ranked(self, actor)

    def counted_scores(self, actor, partners, busiest):
        anew.append(actor.id)
        return scored(self, actor, partners, busiest)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(required._Nearby, "_ranked", counted_ranking)
        monkeypatch.setattr(required._Nearby, "scored", counted_scores)
        cheap = report_with(synthetic(80, seed=0), rules=three_partners())
    analysis = analyse(synthetic(80, seed=0), three_partners(), as_of=STICHTAG)
    findings = sum(bool(gap.suggestions) for gap in required._evaluate(analysis))
    # Every ranking scores once; the rest are findings whose busiest partner is left out.
    assert len(anew) > len(rankings)
    assert len(rankings) < findings
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert cheap == report_with(synthetic(80, seed=0), monkeypatch, three_partners())


def brute_ties_between(analysis, one, other):
    """The reference: every cooperation of the day, asked for its two ends."""
    index = analysis.graph.index
    return [
        position
        for position, tie in enumerate(analysis.network.cooperations)
        if sorted(index[actor] for actor in tie.actors) == sorted((one, other))
    ]


@given(network=networks(max_actors=8), day=st.none() | st.just(STICHTAG))
def test_ties_between_two_nodes_are_every_tie_with_those_ends(network, day):
    analysis = analyse(network, as_of=day)
    size = len(analysis.graph.nodes)
    for one in range(size):
        for other in range(size):
            assert ties_between(analysis, one, other) == brute_ties_between(analysis, one, other)


def naming(gaps, actors):
    """The findings that name one of ``actors``, as the comparison over a horizon sees them."""
    return [(gap.id, gap.severity, gap.score) for gap in gaps if set(gap.actors) & actors]


@given(
    network=districts(),
    seed=st.integers(0, 2**32),
    rules=st.sampled_from([None, wide_rules()]),
)
def test_circles_and_isolation_judged_around_some_actors_are_those_naming_them(
    network, seed, rules
):
    analysis = analyse(network, rules, as_of=STICHTAG)
    touched = np.random.default_rng(seed).random(len(analysis.graph.nodes)) < 0.3
    chosen = {analysis.graph.nodes[row] for row in np.flatnonzero(touched).tolist()}
    with unfinished():
        dependent = find_dependent_actors(network, rules, as_of=STICHTAG)
        isolated = find_isolated_actors(network, rules, as_of=STICHTAG)
        around = sorted(_dependent_among(analysis, _next_to(analysis, touched)), key=_order)
        alone = sorted(_isolated_among(analysis, touched), key=_order)
    assert naming(around, chosen) == naming(dependent, chosen)
    assert naming(alone, chosen) == naming(isolated, chosen)
    # Isolated findings name only their actor: none about an actor not chosen.
    assert all(gap.actors[0] in chosen for gap in alone)


def _order(gap):
    return gap.sort_key


def test_the_neighbourhood_of_no_actor_is_empty_and_of_all_is_all():
    analysis = analyse(musterkreis())
    size = len(analysis.graph.nodes)
    assert not _next_to(analysis, np.zeros(size, dtype=np.bool_)).any()
    assert _next_to(analysis, np.ones(size, dtype=np.bool_)).all()


@given(network=networks(max_actors=8), day=st.none() | st.just(STICHTAG))
def test_ties_of_an_actor_from_the_tie_table_are_the_networks_in_order(network, day):
    analysis = analyse(network, as_of=day)
    for actor in analysis.actors:
        assert ties_of(analysis, actor.id) == list(analysis.network.ties_of(actor.id))


@pytest.mark.parametrize("make", [musterkreis, lambda: synthetic(80, seed=1)])
def test_ties_of_every_actor_of_a_district_are_the_networks_in_order(make):
    analysis = analyse(make(), as_of=STICHTAG)
    for actor in analysis.actors:
        assert ties_of(analysis, actor.id) == list(analysis.network.ties_of(actor.id))
