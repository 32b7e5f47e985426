"""Cut actors and cut ties with the parts they cut off."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given

from bildungsnetz.metrics import Cut, cut_actors, cut_actors_and_ties, cut_ties
from strategies_graphs import graphs, snapshot

# A triangle 0-1-2 with a tail 2-3-4: 2 and 3 are cut actors, 2-3 and 3-4 cut ties.
KITE = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4)])


def ordered(parts, position):
    """Largest first; on equal sizes the part holding the earliest node first."""
    return sorted(parts, key=lambda part: (-len(part), min(position[v] for v in part)))


def brute_actors(graph):
    """Remove each node in turn and look at what is left of its component."""
    position = {v: k for k, v in enumerate(graph)}
    result = {}
    for v in graph:
        rest = graph.subgraph(nx.node_connected_component(graph, v) - {v})
        parts = ordered([frozenset(c) for c in nx.connected_components(rest)], position)
        if len(parts) > 1:
            result[v] = (len(parts[0]), tuple(parts[1:]))
    return result


def brute_ties(graph):
    """Remove each tie in turn and see whether its ends fall apart."""
    position = {v: k for k, v in enumerate(graph)}
    result = {}
    for u, v in graph.edges:
        cut = graph.copy()
        cut.remove_edge(u, v)
        if u == v or nx.has_path(cut, u, v):
            continue
        sides = {u: nx.node_connected_component(cut, u), v: nx.node_connected_component(cut, v)}
        kept, lost = ordered([frozenset(s) for s in sides.values()], position)
        kept_end, lost_end = (u, v) if u in kept else (v, u)
        result[kept_end, lost_end] = (len(kept), lost)
    return dict(sorted(result.items(), key=lambda item: [position[v] for v in item[0]]))


def test_cut_actors_by_hand():
    """2 holds the tail {3, 4} on; 3 holds {4} on."""
    cuts = cut_actors(KITE)
    expected = {2: (2, (frozenset({3, 4}),)), 3: (3, (frozenset({4}),))}
    assert expected == {v: (c.kept, c.separated) for v, c in cuts.items()}


def test_cut_actor_splitting_three_ways():
    """A star's centre separates every leaf; the first leaf counts as the part kept."""
    cut = cut_actors(nx.star_graph(3))[0]
    assert ((1, 1), 1, (frozenset({2}), frozenset({3}))) == (cut.sizes, cut.kept, cut.separated)


def test_cut_ties_by_hand():
    """Each tail tie is keyed with its end on the larger side first."""
    cuts = cut_ties(KITE)
    expected = {(2, 3): (3, frozenset({3, 4})), (3, 4): (4, frozenset({4}))}
    assert expected == {tie: (c.kept, c.separated[0]) for tie, c in cuts.items()}


def test_cut_tie_keyed_from_larger_side():
    """A tie whose first-found end is on the small side is still keyed larger side first."""
    graph = nx.Graph([("leaf", "hub"), ("hub", "a"), ("a", "b"), ("b", "hub")])
    assert list(cut_ties(graph)) == [("hub", "leaf")]


@given(graphs(max_nodes=12))
def test_cut_actors_match_networkx(graph):
    """The cut actors are networkx's articulation points, in graph order."""
    expected = [v for v in graph if v in set(nx.articulation_points(graph))]
    assert expected == list(cut_actors(graph))


@given(graphs(max_nodes=12))
def test_cut_actor_parts_match_removal(graph):
    """The parts cut off are those left when the node is actually removed."""
    actual = {v: (c.kept, c.separated) for v, c in cut_actors(graph).items()}
    assert brute_actors(graph) == actual


@given(graphs(max_nodes=12))
def test_cut_actor_sizes_match_parts(graph):
    """sizes lists the sizes of the separated parts, largest first."""
    for cut in cut_actors(graph).values():
        assert [len(part) for part in cut.separated] == list(cut.sizes)


@given(graphs(max_nodes=12))
def test_cut_ties_match_networkx(graph):
    """The cut ties are networkx's bridges."""
    expected = {frozenset(tie) for tie in nx.bridges(graph)}
    assert expected == {frozenset(tie) for tie in cut_ties(graph)}


@given(graphs(max_nodes=12))
def test_cut_tie_sides_match_removal(graph):
    """Keys, order, kept sizes and separated sides equal those found by removing each tie."""
    actual = {tie: (c.kept, c.separated[0]) for tie, c in cut_ties(graph).items()}
    assert list(brute_ties(graph).items()) == list(actual.items())


def test_long_chain_needs_no_recursion():
    """A path of 100,000 actors is searched without recursion; the middle one halves it."""
    cut = cut_actors(nx.path_graph(100_000))[50_000]
    assert (cut.sizes, cut.cut_off + 1) == ((49_999,), 50_000)


def test_long_chain_parts_are_spelled_out_on_demand():
    """The members of a separated part are the nodes beyond the cut actor."""
    cut = cut_actors(nx.path_graph(1_000))[10]
    assert (frozenset(range(10)),) == cut.separated


def test_equal_cuts_compare_equal():
    """Cuts from two searches of the same graph are equal and hash alike."""
    first, second = cut_actors(KITE)[2], cut_actors(KITE.copy())[2]
    assert (first, hash(first)) == (second, hash(second))


def test_cut_repr_shows_sizes():
    """The repr shows the sizes, not the internals."""
    assert repr(cut_actors(KITE)[3]) == "Cut(sizes=(1,), kept=3)"


def test_cut_is_frozen():
    """A cut cannot be changed."""
    with pytest.raises(AttributeError):
        cut_actors(KITE)[3].kept = 1


@pytest.mark.parametrize("measure", [cut_actors, cut_ties])
def test_graphs_without_cuts(measure):
    """Empty graphs, single nodes and cycles have no cuts."""
    assert [measure(g) for g in (nx.Graph(), nx.empty_graph(1), nx.cycle_graph(5))] == [{}, {}, {}]


@pytest.mark.parametrize("measure", [cut_actors, cut_ties])
def test_self_loops_are_ignored(measure):
    """A self-loop neither makes nor hides a cut."""
    looped = KITE.copy()
    looped.add_edges_from([(4, 4), (2, 2)])
    assert measure(KITE) == measure(looped)


@pytest.mark.parametrize("measure", [cut_actors, cut_ties])
def test_directed_graph_is_refused(measure):
    """Directed ties must be made undirected explicitly."""
    with pytest.raises(nx.NetworkXNotImplemented, match="to_undirected"):
        measure(nx.DiGraph([(0, 1)]))


@pytest.mark.parametrize("measure", [cut_actors, cut_ties])
def test_input_is_not_mutated(measure):
    """The graph is unchanged afterwards."""
    graph = nx.karate_club_graph()
    before = snapshot(graph)
    measure(graph)
    assert before == snapshot(graph)


def test_cut_type_is_exported():
    """Cut is part of the public surface, for type annotations."""
    assert isinstance(cut_ties(KITE)[2, 3], Cut)


def parts(cuts):
    """Everything a cut says, for comparing two results."""
    return [(key, cut.sizes, cut.kept, cut.separated) for key, cut in cuts.items()]


@given(graphs(max_nodes=12, self_loops=True))
def test_one_search_gives_both(graph):
    """cut_actors_and_ties returns what cut_actors and cut_ties return, in the same order."""
    actors, ties = cut_actors_and_ties(graph)
    assert (parts(actors), parts(ties)) == (parts(cut_actors(graph)), parts(cut_ties(graph)))


@given(graphs(max_nodes=12))
def test_one_search_matches_networkx(graph):
    """Its cut actors are the articulation points and its cut ties the bridges."""
    actors, ties = cut_actors_and_ties(graph)
    expected = (set(nx.articulation_points(graph)), {frozenset(t) for t in nx.bridges(graph)})
    assert (set(actors), {frozenset(t) for t in ties}) == expected


def test_star_of_many_leaves_with_isolates():
    """A hub with 5,000 leaves cuts each off; isolated nodes and other components are apart."""
    graph = nx.star_graph(5_000)
    graph.add_nodes_from(["alone", "also alone"])
    graph.add_edges_from([("x", "y"), ("y", "z")])
    actors, ties = cut_actors_and_ties(graph)
    assert (actors[0].sizes, actors[0].kept, actors["y"].sizes, len(ties)) == (
        (1,) * 4_999,
        1,
        (1,),
        5_002,
    )


def test_one_search_refuses_directed_graphs():
    """Directed ties must be made undirected explicitly."""
    with pytest.raises(nx.NetworkXNotImplemented, match="to_undirected"):
        cut_actors_and_ties(nx.DiGraph([(0, 1)]))
