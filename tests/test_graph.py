"""Tests of the bridge from the model to networkx graphs and compact arrays."""

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import Actor, Cooperation, EducationNetwork, Forum, Period, TransitionFlow
from bildungsnetz.graph import project, to_arrays, to_graph, transition_graph
from strategies import networks

ESF_END = date(2028, 8, 1)


@pytest.fixture
def multiplex_network():
    """Three parallel ties a-b, a forum of three (c, d, e), a forum of four, f part of a."""
    return EducationNetwork(
        name="Mehrfach",
        actors=[
            *(Actor(id=actor_id, name=actor_id, kind="other") for actor_id in "abcde"),
            Actor(id="f", name="Stelle", kind="school_social_work", part_of="a"),
        ],
        cooperations=[
            Cooperation(id="t2", actors=("a", "b"), kind="agreement", intensity="awareness"),
            Cooperation(id="t1", actors=("b", "a"), kind="case_work", intensity="coordination"),
            Cooperation(id="t3", actors=("a", "b"), kind="agreement", confirmed=False),
        ],
        forums=[
            Forum(id="klein", name="Klein", kind="working_group", convenor="e", members={"c", "d"}),
            Forum(id="gross", name="Groß", kind="conference", members={"a", "b", "c", "d"}),
        ],
    )


def _flow(source, target, year, pupils, transition):
    return TransitionFlow(
        source=source, target=target, year=year, pupils=pupils, transition=transition
    )


@pytest.fixture
def flow_network():
    """A Kita and a Grundschule with flows in two years, and two kinds into a Förderschule."""
    return EducationNetwork(
        name="Übergänge",
        actors=[
            Actor(id="kita", name="Kita", kind="daycare"),
            Actor(id="gs", name="GS", kind="school", school={"form": "grundschule"}),
            Actor(id="fs", name="FS", kind="school", school={"form": "foerderschule"}),
        ],
        flows=[
            _flow("kita", "gs", 2023, 11, "kita_to_primary"),
            _flow("kita", "gs", 2024, 14, "kita_to_primary"),
            _flow("gs", "fs", 2024, 6, "primary_to_secondary"),
            _flow("gs", "fs", 2024, 2, "regular_to_special"),
        ],
    )


def _edge_set(graph):
    return {frozenset(edge) for edge in graph.edges()}


def _pairs(*pairs):
    return {frozenset(pair) for pair in pairs}


def _keys(graph):
    return sorted(key for _, _, key in graph.edges(keys=True))


# to_graph --------------------------------------------------------------------------------


def test_to_graph_has_one_edge_per_cooperation_keyed_by_id(tiny_network):
    """Every cooperation becomes one edge between its actors whose key is its id."""
    edges = {(frozenset((u, v)), key) for u, v, key in to_graph(tiny_network).edges(keys=True)}
    expected = {(frozenset(("gs1", "ssa1")), "c1"), (frozenset(("gs1", "kita1")), "c2")}
    assert edges == expected | {(frozenset(("traeger", "ja")), "c3")}


def test_to_graph_keeps_parallel_ties_apart(multiplex_network):
    """Three ties between the same pair are three edges."""
    assert to_graph(multiplex_network).number_of_edges("a", "b") == 3


def test_to_graph_edge_attributes_are_string_values(multiplex_network):
    """An edge carries kind, intensity, formality and the flags, enumerations as strings."""
    assert to_graph(multiplex_network).edges["a", "b", "t1"] == {
        "kind": "case_work",
        "intensity": "coordination",
        "formality": None,
        "directed": False,
        "confirmed": True,
        "person_bound": False,
    }


def test_to_graph_node_attributes(tiny_network):
    """A node carries name, kind, school form, municipality and part_of."""
    nodes = to_graph(tiny_network).nodes
    school = {"name": "GS Am Markt", "kind": "school", "form": "grundschule"}
    post = {"name": "Schulsozialarbeit GS Am Markt", "kind": "school_social_work", "form": None}
    assert (nodes["gs1"], nodes["ssa1"]) == (
        {**school, "municipality": None, "part_of": None},
        {**post, "municipality": None, "part_of": "traeger"},
    )


def test_to_graph_has_every_actor_as_node_in_network_order(tiny_network):
    """The nodes are the actor ids in the order of the network."""
    assert list(to_graph(tiny_network).nodes) == [actor.id for actor in tiny_network.actors]


def test_to_graph_records_function_and_params(tiny_network):
    """graph.graph names the network, the function and as_of as ISO text."""
    assert to_graph(tiny_network, as_of=date(2025, 1, 15)).graph == {
        "name": "Klein",
        "function": "bildungsnetz.graph.to_graph",
        "params": {"as_of": "2025-01-15"},
    }


def test_to_graph_as_of_drops_ended_actors_and_their_ties(tiny_network):
    """On the day the ESF+ money ends, the funded post and its placement are gone."""
    graph = to_graph(tiny_network, as_of=ESF_END)
    assert (set(graph.nodes), _keys(graph)) == ({"gs1", "traeger", "kita1", "ja"}, ["c2", "c3"])


def test_to_graph_as_of_drops_ended_ties_between_live_actors(tiny_network):
    """A cooperation that ended before the day is dropped although both actors remain."""
    ended = Period(end=date(2020, 1, 1))
    old = Cooperation(id="alt", actors=("gs1", "ja"), kind="agreement", period=ended)
    graph = to_graph(tiny_network.with_cooperations(old), as_of=date(2025, 1, 1))
    assert _keys(graph) == ["c1", "c2", "c3"]


# project ---------------------------------------------------------------------------------


def test_project_collapses_parallel_ties(multiplex_network):
    """Ties and a forum on one pair become one edge: multiplexity, strongest intensity, ids."""
    assert project(multiplex_network, max_forum_size=4).edges["a", "b"] == {
        "multiplexity": 4,
        "intensity": "coordination",
        "ties": ("t1", "t2", "t3"),
        "forums": ("gross",),
        "kinds": ("agreement", "case_work"),
        "confirmed": True,
        "organisational": False,
    }


def test_project_intensity_none_when_no_tie_has_one(tiny_network):
    """An edge of ties without a recorded intensity has intensity None."""
    assert project(tiny_network).edges["gs1", "kita1"]["intensity"] is None


def test_project_ties_forum_members_up_to_the_limit(multiplex_network):
    """A forum of exactly max_forum_size participants ties them all; one of four does not."""
    graph = project(multiplex_network, max_forum_size=3)
    assert _edge_set(graph) == _pairs("ab", "cd", "ce", "de", "af")


def test_project_forum_one_above_the_limit_adds_no_edges(multiplex_network):
    """The forum of four adds its pairs at limit 4 and none at limit 3."""
    at_four = _edge_set(project(multiplex_network, max_forum_size=4))
    at_three = _edge_set(project(multiplex_network, max_forum_size=3))
    assert at_four - at_three == _pairs("ac", "ad", "bc", "bd")


def test_project_default_limit_is_twelve():
    """By default a forum of 13 adds no edges; the limit is recorded."""
    members = {f"m{number}" for number in range(13)}
    actors = [Actor(id=member, name=member, kind="other") for member in sorted(members)]
    forum = Forum(id="bk", name="Konferenz", kind="conference", members=members)
    graph = project(EducationNetwork(name="Groß", actors=actors, forums=[forum]))
    assert (graph.number_of_edges(), graph.graph["params"]["max_forum_size"]) == (0, 12)


def test_project_forum_edge_attributes(multiplex_network):
    """A forum-only edge has multiplexity 1, the forum id, no ties, and counts as confirmed."""
    assert project(multiplex_network, max_forum_size=3).edges["c", "e"] == {
        "multiplexity": 1,
        "intensity": None,
        "ties": (),
        "forums": ("klein",),
        "kinds": (),
        "confirmed": True,
        "organisational": False,
    }


def test_project_part_of_is_an_organisational_edge(multiplex_network):
    """A post and its employer are tied organisationally."""
    edge = project(multiplex_network).edges["a", "f"]
    assert (edge["organisational"], edge["multiplexity"], edge["ties"]) == (True, 1, ())


def test_project_records_params(tiny_network):
    """graph.graph records as_of and max_forum_size."""
    assert project(tiny_network, max_forum_size=5).graph == {
        "name": "Klein",
        "function": "bildungsnetz.graph.project",
        "params": {"as_of": None, "max_forum_size": 5},
    }


@pytest.mark.parametrize("build", [project, to_arrays])
def test_negative_max_forum_size_is_refused(tiny_network, build):
    """A negative forum size limit is a ValueError naming the value."""
    with pytest.raises(ValueError, match="-1"):
        build(tiny_network, max_forum_size=-1)


# transition_graph ------------------------------------------------------------------------


def test_transition_graph_takes_the_latest_year_by_default(flow_network):
    """Without a year, the flows of the latest school year are used."""
    graph = transition_graph(flow_network)
    assert (graph.graph["params"]["year"], graph.edges["kita", "gs"]["pupils"]) == (2024, 14)


def test_transition_graph_sums_pupils_over_kinds(flow_network):
    """Two kinds of transition between the same schools add up on one edge."""
    assert transition_graph(flow_network).edges["gs", "fs"] == {
        "pupils": 8,
        "transitions": ("primary_to_secondary", "regular_to_special"),
    }


def test_transition_graph_explicit_year(flow_network):
    """An explicit year takes only that year's flows."""
    graph = transition_graph(flow_network, year=2023)
    assert list(graph.edges(data="pupils")) == [("kita", "gs", 11)]


def test_transition_graph_is_directed_with_every_actor(flow_network):
    """Edges run from source to target; all actors are nodes."""
    graph = transition_graph(flow_network)
    assert (list(graph.nodes), graph.has_edge("gs", "kita")) == (["kita", "gs", "fs"], False)


# to_arrays -------------------------------------------------------------------------------


@given(networks())
def test_to_arrays_has_the_nodes_and_edges_of_project(network):
    """The compact form holds exactly the nodes and edges of the projection."""
    compact = to_arrays(network).to_networkx()
    projected = project(network)
    actual = (list(compact.nodes), _edge_set(compact))
    assert actual == (list(projected.nodes), _edge_set(projected))


@given(networks())
def test_to_arrays_neighbours_sorted_unique_without_self_loops(network):
    """Every neighbour list is strictly increasing and never holds the node itself."""
    compact = to_arrays(network)
    for node in range(len(compact.nodes)):
        neighbours = compact.neighbors(node).tolist()
        assert (neighbours, node in neighbours) == (sorted(set(neighbours)), False)


@given(networks())
def test_to_scipy_is_symmetric(network):
    """The adjacency matrix equals its transpose."""
    matrix = to_arrays(network).to_scipy()
    assert (matrix != matrix.T).nnz == 0


def test_to_arrays_counts_parallel_ties_once(multiplex_network):
    """Parallel ties and a shared forum on one pair are one edge in the compact form."""
    compact = to_arrays(multiplex_network, max_forum_size=4)
    neighbours = compact.neighbors(compact.index["a"]).tolist()
    assert (compact.number_of_edges(), neighbours) == (9, [compact.index[x] for x in "bcdf"])


def test_to_arrays_records_params(tiny_network):
    """The compact form records how it was made."""
    assert to_arrays(tiny_network, as_of=date(2025, 1, 1)).params == {
        "name": "Klein",
        "function": "bildungsnetz.graph.to_arrays",
        "params": {
            "as_of": "2025-01-01",
            "max_forum_size": 12,
            "without_actors": [],
            "without_cooperations": [],
            "without_forums": [],
        },
    }


def test_to_arrays_without_records_equals_the_network_without_them(tiny_network):
    """Leaving records out gives the graph of the network that lacks them."""
    smaller = tiny_network.without_actors("kita1").without_cooperations("c3")
    smaller = smaller.replace(forums=())
    compact = to_arrays(
        tiny_network,
        without_actors={"kita1"},
        without_cooperations={"c3"},
        without_forums={"ak"},
    )
    expected = to_arrays(smaller)
    assert (compact.nodes, compact.indptr.tolist(), compact.indices.tolist()) == (
        expected.nodes,
        expected.indptr.tolist(),
        expected.indices.tolist(),
    )


def _expected_compact(network, *, max_forum_size, actors, ties, forums):
    """The nodes and edges of to_arrays without some records, built the plain way."""
    nodes = [actor.id for actor in network.actors if actor.id not in actors]
    alive = set(nodes)
    pairs = [tie.actors for tie in network.cooperations if tie.id not in ties]
    for forum in network.forums:
        members = sorted(forum.participants)
        if forum.id not in forums and 2 <= len(members) <= max_forum_size:
            pairs += list(itertools.combinations(members, 2))
    pairs += [(actor.id, actor.part_of) for actor in network.actors if actor.part_of]
    edges = {frozenset(pair) for pair in pairs if set(pair) <= alive and pair[0] != pair[1]}
    return nodes, edges


@given(st.data())
def test_to_arrays_without_random_records_matches_the_plain_build(data):
    """Leaving out any actors, ties and forums drops exactly their nodes and pairs.

    The network's pairs are kept with it between calls, so the calls also check that what
    one call leaves out does not stay out in the next.
    """
    network = data.draw(networks())
    for _ in range(3):
        actors = data.draw(st.sets(st.sampled_from([a.id for a in network.actors] or ["x"])))
        ties = data.draw(st.sets(st.sampled_from([t.id for t in network.cooperations] or ["x"])))
        forums = data.draw(st.sets(st.sampled_from([f.id for f in network.forums] or ["x"])))
        limit = data.draw(st.integers(0, 4))
        compact = to_arrays(
            network,
            max_forum_size=limit,
            without_actors=actors,
            without_cooperations=ties,
            without_forums=forums,
        )
        graph = compact.to_networkx()
        actual = list(graph.nodes), {frozenset(edge) for edge in graph.edges}
        expected = _expected_compact(
            network, max_forum_size=limit, actors=actors, ties=ties, forums=forums
        )
        assert actual == expected


def test_to_arrays_of_an_empty_network():
    """A network without actors gives an empty compact graph."""
    compact = to_arrays(EducationNetwork(name="Leer"))
    actual = (compact.nodes, compact.indptr.tolist(), compact.number_of_edges())
    assert actual == ((), [0], 0)


# purity and determinism ------------------------------------------------------------------

BUILDERS = {
    "to_graph": lambda network: to_graph(network, as_of=date(2025, 1, 1)),
    "project": lambda network: project(network, as_of=date(2025, 1, 1)),
    "transition_graph": transition_graph,
    "to_arrays": lambda network: to_arrays(network, as_of=date(2025, 1, 1)),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_builders_leave_the_network_unchanged(tiny_network, name):
    """No bridge function changes the network it is given."""
    before = tiny_network.model_dump()
    BUILDERS[name](tiny_network)
    assert tiny_network.model_dump() == before


@given(networks())
def test_builders_leave_random_networks_unchanged(network):
    """No bridge function changes any valid network."""
    # JSON mode: the Python-mode dump cannot hold sets of identifiers (sets of dicts).
    before = network.model_dump(mode="json")
    for build in BUILDERS.values():
        build(network)
    assert network.model_dump(mode="json") == before


def _fingerprint(result):
    if hasattr(result, "indptr"):
        return (result.nodes, result.indptr.tolist(), result.indices.tolist(), result.params)
    return (list(result.nodes(data=True)), list(result.edges(data=True)), result.graph)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_builders_are_deterministic(multiplex_network, name):
    """Equal networks give the same nodes, edges, attributes and parameters in the same order."""
    build = BUILDERS[name]
    copy = multiplex_network.replace()
    assert _fingerprint(build(copy)) == _fingerprint(build(multiplex_network))
