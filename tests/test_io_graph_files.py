"""GraphML and node-link JSON: what networkx and igraph read back from the files."""

import json
import os
import re
import xml.etree.ElementTree as ET  # the files parsed here are the tests' own
from datetime import date

import networkx as nx
import pytest
from hypothesis import given

from bildungsnetz import (
    Actor,
    ActorKind,
    Cooperation,
    EducationNetwork,
    Identifier,
    Location,
    SchoolProfile,
    io,
)
from bildungsnetz.io import EDGE_ATTRIBUTES, NODE_ATTRIBUTES
from graph_files_expected import comparable, expected_edge, expected_node, igraph_view
from strategies import networks

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

# Names a tool reads as something else than an attribute: the element id (GraphML, GEXF,
# igraph, node-link), igraph's and Cytoscape's vertex name, the ends and key of a node-link
# edge, GEXF's own fields, and the keys Gephi's GraphML import takes as label, position,
# size, colour or weight (by key id: "d3" and "d7" are yEd's labels).
RESERVED = {
    "id", "name", "source", "target", "key", "networkx_key",
    "start", "end", "spells", "slices", "pid", "parents", "viz", "type", "weight",
    "x", "y", "z", "xpos", "ypos", "size", "r", "g", "b",
    "edgelabel", "edgeid", "Edge Weight", "d3", "d7",
}  # fmt: skip


@pytest.fixture(scope="module")
def musterkreis_graphml(tmp_path_factory, musterkreis_network):
    path = tmp_path_factory.mktemp("graphml") / "musterkreis.graphml"
    io.write_graphml(musterkreis_network, path)
    return path


def read_back(path):
    return nx.read_graphml(path, force_multigraph=True, edge_key_type=str)


def edges_by_key(graph):
    return {key: (frozenset((u, v)), data) for u, v, key, data in graph.edges(keys=True, data=True)}


def test_networkx_reads_every_node_with_the_attributes_of_its_actor(
    musterkreis_graphml, musterkreis_network
):
    """Each node holds exactly the flattened, typed attributes its actor's fields give."""
    graph = read_back(musterkreis_graphml)
    expected = {actor.id: expected_node(actor) for actor in musterkreis_network.actors}
    assert dict(graph.nodes(data=True)) == expected
    types = {name: type(value) for data in expected.values() for name, value in data.items()}
    read_types = {name: type(v) for _, data in graph.nodes(data=True) for name, v in data.items()}
    assert read_types == types


def test_networkx_reads_every_cooperation_as_one_edge_keyed_by_its_id(
    musterkreis_graphml, musterkreis_network
):
    """Each cooperation is one edge between its actors, with the attributes of its fields."""
    graph = read_back(musterkreis_graphml)
    assert edges_by_key(graph) == {
        tie.id: (frozenset(tie.actors), expected_edge(tie))
        for tie in musterkreis_network.cooperations
    }


@pytest.mark.requires_module("igraph")
def test_igraph_reads_every_node_and_edge_with_the_same_values(
    musterkreis_graphml, musterkreis_network
):
    """igraph sees the actor ids as vertex ids, each cooperation as an edge, every value."""
    import igraph

    graph = igraph.Graph.Read_GraphML(str(musterkreis_graphml))
    vertices = {vertex["id"]: vertex.attributes() for vertex in graph.vs}
    # By tie_id, not by the edge id: igraph 1.0.0 gives each edge a vertex id as its "id"
    # (0.11 reads the GraphML edge ids right), so "id" is left out of the comparison too.
    edges = {
        edge["tie_id"]: (frozenset(graph.vs[end]["id"] for end in edge.tuple), edge)
        for edge in graph.es
    }
    node_values = {actor.id: expected_node(actor) for actor in musterkreis_network.actors}
    edge_values = {tie.id: expected_edge(tie) for tie in musterkreis_network.cooperations}
    assert {
        node: comparable({k: v for k, v in values.items() if k != "id"})
        for node, values in vertices.items()
    } == igraph_view(node_values)
    assert {
        key: comparable({k: v for k, v in edge.attributes().items() if k != "id"})
        for key, (_, edge) in edges.items()
    } == igraph_view(edge_values)
    assert {key: ends for key, (ends, _) in edges.items()} == {
        tie.id: frozenset(tie.actors) for tie in musterkreis_network.cooperations
    }
    assert graph.is_directed() is False


def test_attribute_names_avoid_what_the_tools_reserve():
    """No attribute is named like an element id, a vertex name or a Gephi property."""
    assert (set(NODE_ATTRIBUTES) | set(EDGE_ATTRIBUTES)) & RESERVED == set()
    assert set(NODE_ATTRIBUTES) & set(EDGE_ATTRIBUTES) == set()


def test_graphml_keys_are_named_after_their_attribute_and_unique(musterkreis_graphml):
    """Gephi matches keys by id, so each id is its attribute's name, once per file."""
    keys = ET.parse(musterkreis_graphml).getroot().findall(f"{GRAPHML}key")
    ids = [key.get("id") for key in keys]
    assert ids == [key.get("attr.name") for key in keys]
    assert len(ids) == len(set(ids))
    assert set(ids) & RESERVED == set()


def test_graphml_holds_no_graph_data_for_gephi_to_complain_about(musterkreis_graphml):
    """Gephi's GraphML import reports every key of graph scope as a severe issue."""
    root = ET.parse(musterkreis_graphml).getroot()
    assert {key.get("for") for key in root.findall(f"{GRAPHML}key")} == {"node", "edge"}


@pytest.fixture
def sparse_network():
    """Actors and a tie with most fields empty, a school of 2 pupils, a school of 3."""
    return EducationNetwork(
        name="Dünn",
        actors=[
            Actor(id="a", name="A", kind="other"),
            Actor(
                id="klein",
                name="Zwergschule",
                kind="school",
                school=SchoolProfile(form="grundschule", pupils=2),
            ),
            Actor(
                id="drei",
                name="Dreierschule",
                kind="school",
                school=SchoolProfile(form="foerderschule", pupils=3, public=False),
                location=Location(lat=51, lon=12),
                identifiers={Identifier(scheme="schulnummer", value="0123")},
                tags={"Eltern; Lehrkräfte", "Nord"},
            ),
        ],
        cooperations=[Cooperation(id="t", actors=("a", "klein"), kind="other")],
    )


def test_none_is_left_out_not_written_as_text(tmp_path, sparse_network):
    """Fields without a value have no attribute; no value reads "None"."""
    path = tmp_path / "duenn.graphml"
    io.write_graphml(sparse_network, path)
    graph = read_back(path)
    assert graph.nodes["a"] == {"label": "A", "kind": "other"}
    assert graph.edges["a", "klein", "t"] == {
        "tie_id": "t",
        "tie_kind": "other",
        "directed": False,
        "person_bound": False,
        "confirmed": True,
    }
    assert "None" not in path.read_text(encoding="utf-8")


def test_pupil_counts_below_three_are_not_written(tmp_path, sparse_network):
    """A school of 2 pupils has no pupil count in any format; one of 3 has it."""
    io.write_graphml(sparse_network, tmp_path / "g.graphml")
    io.write_gexf(sparse_network, tmp_path / "g.gexf")
    linked = io.to_node_link(sparse_network)
    graphml = read_back(tmp_path / "g.graphml")
    gexf = nx.read_gexf(tmp_path / "g.gexf")
    nodes = {node["id"]: node for node in linked["nodes"]}
    assert [g.nodes["klein"].get("pupils") for g in (graphml, gexf)] == [None, None]
    assert "pupils" not in nodes["klein"]
    assert [graphml.nodes["drei"]["pupils"], gexf.nodes["drei"]["pupils"]] == [3, 3]
    assert nodes["drei"]["pupils"] == 3


def test_sets_are_joined_sorted_with_semicolons_escaped(tmp_path, sparse_network):
    """Tags come as one text, sorted, a ; inside a tag escaped; split_values splits them."""
    io.write_graphml(sparse_network, tmp_path / "g.graphml")
    node = read_back(tmp_path / "g.graphml").nodes["drei"]
    assert (node["tags"], node["identifiers"]) == ("Eltern\\; Lehrkräfte; Nord", "schulnummer:0123")
    assert io.cells.split_values(node["tags"]) == ["Eltern; Lehrkräfte", "Nord"]
    assert (node["lat"], node["public"], node["form"]) == (51.0, False, "foerderschule")


def test_as_of_writes_the_network_of_that_day(tmp_path, musterkreis_network):
    """With as_of, the nodes and edges are those of network.as_of(day)."""
    day = date(2028, 8, 1)
    io.write_graphml(musterkreis_network, tmp_path / "g.graphml", as_of=day)
    graph = read_back(tmp_path / "g.graphml")
    snapshot = musterkreis_network.as_of(day)
    assert set(graph.nodes) == {actor.id for actor in snapshot.actors}
    assert set(edges_by_key(graph)) == {tie.id for tie in snapshot.cooperations}
    assert len(graph.nodes) < len(musterkreis_network.actors)


def test_texts_xml_cannot_hold_are_replaced_and_line_breaks_kept(tmp_path):
    """A control character becomes U+FFFD, a carriage return a line feed.

    The model refuses controls in names; a record built without validation
    (``model_construct``) still cannot make the writer write what XML cannot hold.
    """
    actor = Actor.model_construct(
        id="a", name="A\x01B", kind=ActorKind.OTHER, description="eins\r\nzwei\rdrei"
    )
    network = EducationNetwork(name="Kaputt", actors=[actor])
    io.write_graphml(network, tmp_path / "g.graphml")
    assert read_back(tmp_path / "g.graphml").nodes["a"] == {
        "label": "A\ufffdB",
        "kind": "other",
        "description": "eins\nzwei\ndrei",
    }


def test_an_id_xml_cannot_hold_is_refused_and_nothing_written(tmp_path):
    """An id with U+FFFF cannot be written without merging it with another: ValueError.

    The model refuses noncharacters in ids; this is the writer's own defence, for a record
    built without validation (``model_construct``).
    """
    actor = Actor.model_construct(id="a\uffff", name="A", kind=ActorKind.OTHER)
    network = EducationNetwork(name="X", actors=[actor])
    with pytest.raises(ValueError, match=re.escape("the actor id 'a\\uffff' holds a character")):
        io.write_graphml(network, tmp_path / "g.graphml")
    assert list(tmp_path.iterdir()) == []


@given(networks())
def test_random_networks_round_trip_through_graphml(tmp_path_factory, network):
    """Any valid network comes back from networkx with its actors and cooperations."""
    path = tmp_path_factory.mktemp("zufall") / "netz.graphml"
    io.write_graphml(network, path)
    graph = read_back(path)
    assert set(graph.nodes) == {actor.id for actor in network.actors}
    assert edges_by_key(graph) == {
        tie.id: (frozenset(tie.actors), expected_edge(tie)) for tie in network.cooperations
    }
    assert dict(graph.nodes(data=True)) == {
        actor.id: expected_node(actor) for actor in network.actors
    }


# -- node-link JSON -----------------------------------------------------------------------


def test_node_link_restores_the_multigraph(musterkreis_network):
    """nx.node_link_graph gives back every node and every edge with its key and values."""
    graph = nx.node_link_graph(io.to_node_link(musterkreis_network), edges="edges")
    assert (graph.is_multigraph(), graph.is_directed()) == (True, False)
    assert dict(graph.nodes(data=True)) == {
        actor.id: expected_node(actor, xml=False) for actor in musterkreis_network.actors
    }
    assert edges_by_key(graph) == {
        tie.id: (frozenset(tie.actors), expected_edge(tie, xml=False))
        for tie in musterkreis_network.cooperations
    }


def test_node_link_is_sorted_and_names_the_network_and_day(musterkreis_network):
    """Nodes in id order, edges in cooperation id order, the day of the snapshot in graph."""
    data = io.to_node_link(musterkreis_network, as_of="01.08.2028")
    ids = [node["id"] for node in data["nodes"]]
    keys = [edge["key"] for edge in data["edges"]]
    assert (ids, keys) == (sorted(ids), sorted(keys))
    assert data["graph"] == {"name": "Musterkreis", "as_of": "2028-08-01"}
    assert io.to_node_link(musterkreis_network)["graph"] == {"name": "Musterkreis"}


def test_node_link_file_is_utf8_json_with_sorted_keys(tmp_path, sparse_network):
    """The file is the data as JSON: UTF-8 without escapes, sorted keys, a final newline."""
    path = tmp_path / "graph.json"
    io.write_node_link(sparse_network, path)
    text = path.read_bytes().decode("utf-8")
    assert json.loads(text) == io.to_node_link(sparse_network)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "Dünn" in text


# -- the same bytes, whatever the order ----------------------------------------------------


WRITERS = {"graphml": io.write_graphml, "gexf": io.write_gexf, "json": io.write_node_link}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_same_network_same_bytes_whatever_the_record_order(tmp_path, musterkreis_network, suffix):
    """Writing twice, or with the records reversed, gives the same bytes."""
    shuffled = musterkreis_network.replace(
        actors=musterkreis_network.actors[::-1],
        cooperations=musterkreis_network.cooperations[::-1],
    )
    paths = [tmp_path / f"{n}.{suffix}" for n in range(3)]
    for network, path in zip(
        [musterkreis_network, musterkreis_network, shuffled], paths, strict=True
    ):
        WRITERS[suffix](network, path)
    assert len({path.read_bytes() for path in paths}) == 1


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    tmp_path, tiny_network, monkeypatch, suffix
):
    """If the disk fails while writing, the old file stays as it was."""
    target = tmp_path / f"netz.{suffix}"
    target.write_text("alter Inhalt", encoding="utf-8")

    def broken_fsync(descriptor):
        message = "disk full"
        raise OSError(message)

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        WRITERS[suffix](tiny_network, target)
    assert target.read_text(encoding="utf-8") == "alter Inhalt"
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_graphml_is_well_formed_utf8_with_a_declaration(musterkreis_graphml):
    """The file starts with an XML declaration of UTF-8 and ends with a newline."""
    text = musterkreis_graphml.read_text(encoding="utf-8")
    assert re.match(r"<\?xml version='1.0' encoding='utf-8'\?>\n<graphml ", text)
    assert text.endswith("</graphml>\n")
