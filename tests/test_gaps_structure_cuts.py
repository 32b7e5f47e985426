"""Cut actors complete: one finding for every part an actor alone holds, cut ties once."""

from __future__ import annotations

import networkx as nx
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

import gap_shapes as shapes
from bildungsnetz import ActorKind, find_gaps
from bildungsnetz.gaps import find_cut_actors, find_cut_ties
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps.structure import _bridges, _splits
from bildungsnetz.rules import NoSinglePointOfFailure, RuleSet, Selector
from strategies import networks

SPOF = shapes.one_rule(shapes.spof_rule())


def test_office_alone_linking_ten_of_sixteen_schools_is_one_critical_cut_actor():
    """Ten schools each on its own tie to nws: one cut actor naming all ten, critical."""
    gaps = find_cut_actors(shapes.lone_schools(16, 10), SPOF)
    lone = tuple(f"gs-{n:02d}" for n in range(1, 11))
    assert [(g.severity.value, g.actors) for g in gaps] == [("critical", ("nws", *lone))]


def test_office_alone_linking_ten_schools_counts_every_part():
    """The evidence covers all ten parts, each on one tie."""
    gap = find_cut_actors(shapes.lone_schools(16, 10), SPOF)[0]
    expected = {
        "actors_cut_off": 10,
        "subjects_cut_off": 10,
        "share_of_subjects": 0.625,
        "parts": 10,
        "parts_on_one_tie": 10,
    }
    assert dict(gap.evidence) == expected


def test_the_cut_ties_inside_a_cut_actor_stay_their_own_findings():
    """Each of the ten single ties is also a cut tie; the report shows both levels."""
    kinds = [g.kind.value for g in find_gaps(shapes.lone_schools(16, 10), SPOF)]
    assert (kinds.count("cut_actor"), kinds.count("cut_tie")) == (1, 10)


def test_two_schools_of_twenty_on_one_actor_are_both_counted():
    """A school on two ties and one on a single tie: one finding, two schools, both named."""
    gap = find_cut_actors(shapes.two_parts_on_one_actor(18), SPOF)[0]
    counts = (gap.evidence["subjects_cut_off"], gap.evidence["parts"])
    assert (gap.actors, counts) == (("nws", "gs-x", "gs-y"), (2, 2))


def test_cut_actor_severity_covers_every_part():
    """Two schools of twenty are a tenth: critical, though each part alone would not be."""
    gap = find_cut_actors(shapes.two_parts_on_one_actor(18), SPOF)[0]
    assert gap.severity.value == "critical"


def test_explanation_names_every_school_cut_off():
    """Both schools are named in both languages."""
    gap = find_cut_actors(shapes.two_parts_on_one_actor(18), SPOF)[0]
    assert all(name in gap.explanation.en for name in ("GS Außen", "GS Abseits"))
    assert all(name in gap.explanation.de for name in ("GS Außen", "GS Abseits"))


def test_one_school_on_one_tie_is_only_a_cut_tie():
    """Losing nws cuts off one school on one tie: that is the cut tie's finding alone."""
    assert find_cut_actors(shapes.lone_schools(16, 1), SPOF) == []
    assert [g.actors for g in find_cut_ties(shapes.lone_schools(16, 1), SPOF)] == [("gs-01", "nws")]


def test_cut_actor_suggestions_are_steps_towards_closing_it():
    """A second link for one of ten parts is a step that says how many parts remain."""
    gap = find_cut_actors(shapes.lone_schools(16, 10), SPOF)[0]
    assert [(s.actors[0], s.remaining) for s in gap.suggestions][:1] == [("gs-01", 9)]
    assert "9 Teile" in gap.suggestions[0].reason.de


def test_cut_tie_between_equal_halves_names_each_actor_once():
    """The tie between two halves names its ends once, then the schools of both halves."""
    gaps = find_cut_ties(shapes.chain_halves(), SPOF)
    assert [g.actors for g in gaps] == [("gs-a", "gs-b")]


def test_cut_tie_between_equal_halves_counts_one_half():
    """Each half loses the other: two actors on a side, both schools concerned."""
    gap = find_cut_ties(shapes.chain_halves(), SPOF)[0]
    expected = {"actors_cut_off": 2, "subjects_cut_off": 2, "equal_halves": True}
    assert {key: gap.evidence[key] for key in expected} == expected


def test_cut_tie_between_equal_halves_says_what_is_cut_off():
    """The explanation speaks of two equal halves and names both schools."""
    text = find_cut_ties(shapes.chain_halves(), SPOF)[0].explanation.en
    assert "two equally large halves" in text
    assert ("GS A" in text, "GS B" in text, "2 actors each" in text) == (True, True, True)


def test_a_step_says_what_remains_once_in_a_report():
    """Verified by the detector and again by the report, the step's note appears once."""
    report = find_gaps(shapes.lone_schools(16, 10), SPOF)
    reason = report.filter(kind="cut_actor")[0].suggestions[0].reason
    assert (reason.de.count("Ein Schritt"), reason.en.count("A step")) == (1, 1)


@given(networks(), st.sampled_from(sorted(ActorKind)))
def test_every_part_a_cut_actor_holds_counts_its_subjects_as_networkx_does(network, kind):
    """Parts, sizes and subjects of each split: removing the actor in networkx, part by part."""
    rule = NoSinglePointOfFailure(id="spof", subject=Selector(kinds={kind}))
    analysis = analyse(network, RuleSet(name="r", rules=(rule,)))
    graph = analysis.graph.to_networkx()
    subjects = {actor.id for actor in analysis.actors if actor.kind is kind}
    for actor, split in _splits(analysis, rule).items():
        component = nx.node_connected_component(graph, actor)
        pieces = list(nx.connected_components(graph.subgraph(component - {actor})))
        separated = [set(part) for part in split.members]
        rest = set(component) - {actor} - set().union(*separated)
        assert sorted(map(sorted, [*separated, *([rest] if rest else [])])) == sorted(
            map(sorted, pieces)
        )
        expected = [len(part & subjects) for part in separated]
        expected.append(len(rest & subjects))
        assert [part.subjects for part in split.parts] == expected
        for position, part in enumerate([*separated, rest]):
            assert split.subjects_in(position) == sorted(part & subjects)


def test_selectors_that_differ_only_far_into_a_tag_are_kept_apart():
    """Caches keyed by the selector, not its (shortened) repr: two long tags stay two."""
    long_tag = "a" * 90
    tagged = shapes.lone_schools(6, 3)
    schools = [actor for actor in tagged.actors if actor.kind is ActorKind.SCHOOL]
    marked = {actor.id for actor in schools[:2]}
    actors = tuple(
        actor.model_copy(update={"tags": frozenset({long_tag + "x"})})
        if actor.id in marked
        else actor
        for actor in tagged.actors
    )
    network = tagged.replace(actors=actors)
    first = Selector(kinds={ActorKind.SCHOOL}, tags={long_tag + "x"})
    second = Selector(kinds={ActorKind.SCHOOL}, tags={long_tag + "y"})
    assert repr(first) == repr(second)
    rules = RuleSet(
        name="r",
        rules=(
            NoSinglePointOfFailure(id="x", subject=first),
            NoSinglePointOfFailure(id="y", subject=second),
        ),
    )
    analysis = analyse(network, rules)
    for selector in (first, second):
        mask = analysis.mask(selector).astype(int)
        expected = np.bincount(analysis.components, weights=mask, minlength=1)
        assert analysis.component_counts(selector).tolist() == expected.astype(int).tolist()
    gaps = find_cut_actors(network, rules)
    assert {gap.rule for gap in gaps} == {"x"}
    for rule in rules.rules:
        chosen = {a.id for a in analysis.actors if rule.subject.matches(a)}
        for split in _splits(analysis, rule).values():
            counted = sum(part.subjects for part in split.parts)
            assert counted == len(chosen & analysis.component_ids(split.actor) - {split.actor})
        for bridge in _bridges(analysis, rule).values():
            assert bridge.selector == rule.subject
