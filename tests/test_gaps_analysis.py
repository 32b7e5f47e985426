"""What every detector shares: components, degree order and members of the day's graph."""

from __future__ import annotations

from datetime import date

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import Actor, ActorKind, Cooperation, EducationNetwork, SchoolForm, Stage
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.rules import Selector
from strategies import networks


def plain(analysis):
    """The analysis's graph as networkx, with actor ids as nodes."""
    return analysis.graph.to_networkx()


@given(networks())
def test_nodes_are_in_id_order(network):
    """The day's graph lists the actors by id, whatever the order of the records."""
    nodes = analyse(network).graph.nodes
    assert list(nodes) == sorted(nodes)


@given(networks())
def test_components_are_the_connected_components(network):
    """Nodes share a component number exactly when networkx puts them in one component."""
    analysis = analyse(network)
    by_label = {}
    for node, label in zip(analysis.graph.nodes, analysis.components.tolist(), strict=True):
        by_label.setdefault(label, set()).add(node)
    expected = sorted(sorted(part) for part in nx.connected_components(plain(analysis)))
    assert sorted(sorted(part) for part in by_label.values()) == expected


@given(networks())
def test_components_are_numbered_by_their_first_node(network):
    """Component numbers rise with the first node of each component."""
    labels = analyse(network).components.tolist()
    firsts = [labels.index(label) for label in sorted(set(labels))]
    assert firsts == sorted(firsts)


@given(networks())
def test_by_degree_sorts_by_contacts_then_id(network):
    """Most contacts first; equal counts in id order."""
    analysis = analyse(network)
    nodes, degree = analysis.graph.nodes, analysis.graph.degree
    expected = sorted(range(len(nodes)), key=lambda i: (-int(degree[i]), nodes[i]))
    assert analysis.by_degree == expected


@given(networks())
def test_by_degree_within_keeps_the_order_inside_each_component(network):
    """Each component's nodes come in the order of by_degree."""
    analysis = analyse(network)
    labels = analysis.components.tolist()
    for label in set(labels):
        expected = [i for i in analysis.by_degree if labels[i] == label]
        assert analysis.by_degree_within(label) == expected


@given(networks())
def test_component_ids_are_the_members(network):
    """component_ids names every actor of the actor's component."""
    analysis = analyse(network)
    graph = plain(analysis)
    for actor in analysis.graph.nodes:
        assert analysis.component_ids(actor) == nx.node_connected_component(graph, actor)


def test_main_component_ties_go_to_the_smallest_id():
    """Of two equally large components, the one holding the smallest actor id is the main one."""
    actors = [Actor(id=actor, name=actor, kind="other") for actor in ("z1", "z2", "a1", "a2")]
    ties = [
        Cooperation(id="t1", actors=("z1", "z2"), kind="agreement"),
        Cooperation(id="t2", actors=("a2", "a1"), kind="agreement"),
    ]
    analysis = analyse(EducationNetwork(name="Zwei", actors=actors, cooperations=ties))
    main = analysis.main_component
    members = {analysis.graph.nodes[i] for i in analysis.by_degree_within(main)}
    assert members == {"a1", "a2"}


@st.composite
def _network_and_selectors(draw):
    network = draw(networks())
    tags = sorted({tag for actor in network.actors for tag in actor.tags} | {"x"})
    selector = st.builds(
        Selector,
        kinds=st.frozensets(st.sampled_from(ActorKind), max_size=3),
        forms=st.frozensets(st.sampled_from(SchoolForm), max_size=2),
        stages=st.frozensets(st.sampled_from(Stage), max_size=2),
        tags=st.frozensets(st.sampled_from(tags), max_size=2),
    )
    return network, draw(st.lists(selector, min_size=1, max_size=4))


@given(_network_and_selectors())
def test_mask_matching_and_recorded_agree_with_the_selector_on_every_actor(case):
    """The masks grouped by kind are the selector asked actor by actor."""
    network, selectors = case
    analysis = analyse(network, as_of=network.reference_date or date(2025, 11, 1))
    for selector in selectors:
        expected = [selector.matches(actor) for actor in analysis.actors]
        assert analysis.mask(selector).tolist() == expected
        assert analysis.mask(selector) is analysis.mask(selector)
        assert analysis.matching(selector) == [
            actor for actor, hit in zip(analysis.actors, expected, strict=True) if hit
        ]
        assert analysis.recorded(selector) == any(selector.matches(a) for a in network.actors)
