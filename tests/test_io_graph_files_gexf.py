"""Dynamic GEXF: the periods as spells for Gephi's timeline, read back by networkx."""

import re
import xml.etree.ElementTree as ET  # the files parsed here are the tests' own
from datetime import date, timedelta

import networkx as nx
import pytest
from hypothesis import given

from bildungsnetz import Actor, Cooperation, EducationNetwork, Period, io
from graph_files_expected import expected_edge, expected_node
from strategies import networks

GEXF = "http://www.gexf.net/1.2draft"
NS = {"g": GEXF}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@pytest.fixture
def timed_network():
    """Actors and ties with every kind of period, two ties between the same pair."""
    return EducationNetwork(
        name="Zeit",
        reference_date=date(2025, 11, 1),
        actors=[
            Actor(id="ssa", name="Post", kind="other", active=Period(end=date(2028, 8, 1))),
            Actor(id="gs", name="Schule", kind="other", active=Period(start=date(2020, 1, 1))),
            Actor(id="ja", name="Jugendamt", kind="youth_welfare_office"),
        ],
        cooperations=[
            Cooperation(
                id="einsatz",
                actors=("ssa", "gs"),
                kind="placement",
                period=Period(start=date(2024, 8, 1), end=date(2028, 8, 1)),
            ),
            Cooperation(
                id="ein-tag",
                actors=("gs", "ssa"),
                kind="consultation",
                period=Period(start=date(2025, 3, 1), end=date(2025, 3, 2)),
            ),
            Cooperation(id="immer", actors=("gs", "ja"), kind="agreement"),
        ],
    )


@pytest.fixture
def timed_gexf(tmp_path, timed_network):
    path = tmp_path / "zeit.gexf"
    io.write_gexf(timed_network, path)
    return path


def spells(element):
    return [(s.get("start"), s.get("end")) for s in element.findall("g:spells/g:spell", NS)]


def test_the_file_is_dynamic_gexf_1_2_with_dates(timed_gexf):
    """Root, namespace and version are GEXF 1.2; the graph is dynamic with dates as time."""
    root = ET.parse(timed_gexf).getroot()
    graph = root.find("g:graph", NS)
    assert (root.tag, root.get("version")) == (f"{{{GEXF}}}gexf", "1.2")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    assert (graph.get("defaultedgetype"), graph.get("name")) == ("undirected", "Zeit")


def test_half_open_periods_become_spells_ending_on_the_last_day(timed_gexf):
    """end is exclusive in the model, inclusive in GEXF: the spell ends a day earlier."""
    graph = ET.parse(timed_gexf).getroot().find("g:graph", NS)
    nodes = {node.get("id"): spells(node) for node in graph.iterfind("g:nodes/g:node", NS)}
    edges = {edge.get("id"): spells(edge) for edge in graph.iterfind("g:edges/g:edge", NS)}
    assert nodes == {"ssa": [(None, "2028-07-31")], "gs": [("2020-01-01", None)], "ja": []}
    assert edges == {
        "einsatz": [("2024-08-01", "2028-07-31")],
        "ein-tag": [("2025-03-01", "2025-03-01")],
        "immer": [],
    }


def test_networkx_reads_the_nodes_edges_and_attributes(timed_gexf, timed_network):
    """read_gexf gives the multigraph back, every attribute typed, keyed by cooperation id."""
    graph = nx.read_gexf(timed_gexf)
    assert (graph.is_multigraph(), graph.graph["mode"]) == (True, "dynamic")
    nodes = {
        node: {k: v for k, v in data.items() if k != "spells"}
        for node, data in graph.nodes(data=True)
    }
    assert nodes == {actor.id: expected_node(actor) for actor in timed_network.actors}
    edges = {
        key: (frozenset((u, v)), {k: val for k, val in data.items() if k not in {"spells", "id"}})
        for u, v, key, data in graph.edges(keys=True, data=True)
    }
    assert edges == {
        tie.id: (frozenset(tie.actors), expected_edge(tie)) for tie in timed_network.cooperations
    }
    assert graph.edges["gs", "ssa", "einsatz"]["spells"] == [("2024-08-01", "2028-07-31")]


def test_every_reference_in_the_file_resolves(tmp_path, musterkreis_network):
    """Values name declared attributes of their class, edges name existing nodes, ids unique."""
    path = tmp_path / "musterkreis.gexf"
    io.write_gexf(musterkreis_network, path)
    graph = ET.parse(path).getroot().find("g:graph", NS)
    declared = {
        (attributes.get("class"), attribute.get("id")): attribute.get("type")
        for attributes in graph.iterfind("g:attributes", NS)
        for attribute in attributes.iterfind("g:attribute", NS)
    }
    nodes = [node.get("id") for node in graph.iterfind("g:nodes/g:node", NS)]
    edges = list(graph.iterfind("g:edges/g:edge", NS))
    used = {
        (kind, value.get("for"))
        for kind, elements in (("node", graph.iterfind("g:nodes/g:node", NS)), ("edge", edges))
        for element in elements
        for value in element.iterfind("g:attvalues/g:attvalue", NS)
    }
    assert used <= set(declared)
    assert set(declared.values()) <= {"string", "long", "double", "boolean"}
    assert len(nodes) == len(set(nodes)) == len(musterkreis_network.actors)
    assert len({edge.get("id") for edge in edges}) == len(musterkreis_network.cooperations)
    assert {end for edge in edges for end in (edge.get("source"), edge.get("target"))} <= set(nodes)
    days = [d for element in graph.iter(f"{{{GEXF}}}spell") for d in element.attrib.values()]
    assert days
    assert all(DAY.fullmatch(day) for day in days)


def test_the_file_carries_the_data_day_not_the_writing_day(tmp_path, timed_network, monkeypatch):
    """lastmodifieddate is the reference date, so a file written tomorrow has the same bytes."""
    io.write_gexf(timed_network, tmp_path / "heute.gexf")
    monkeypatch.setattr("networkx.readwrite.gexf.time.strftime", lambda _: "2099-12-31")
    io.write_gexf(timed_network, tmp_path / "morgen.gexf")
    assert (tmp_path / "heute.gexf").read_bytes() == (tmp_path / "morgen.gexf").read_bytes()
    meta = ET.parse(tmp_path / "heute.gexf").getroot().find("g:meta", NS)
    assert meta.get("lastmodifieddate") == "2025-11-01"


def test_without_a_reference_date_the_file_has_no_date_and_still_time(tmp_path):
    """A network without reference date or periods: no date stamp, still dynamic and dated."""
    network = EducationNetwork(name="Ohne", actors=[Actor(id="a", name="A", kind="other")])
    io.write_gexf(network, tmp_path / "ohne.gexf")
    root = ET.parse(tmp_path / "ohne.gexf").getroot()
    graph = root.find("g:graph", NS)
    assert root.find("g:meta", NS).get("lastmodifieddate") is None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")


def closed(period):
    """The spells networkx reads for a period: its first and last day, 'None' where open."""
    if period.start is None and period.end is None:
        return None
    first = "None" if period.start is None else period.start.isoformat()
    last = "None" if period.end is None else (period.end - timedelta(days=1)).isoformat()
    return [(first, last)]


@given(networks())
def test_random_networks_keep_every_record_and_period(tmp_path_factory, network):
    """Any valid network comes back from read_gexf with its records and their spells."""
    path = tmp_path_factory.mktemp("zufall") / "netz.gexf"
    io.write_gexf(network, path)
    graph = nx.read_gexf(path)
    assert {node: data.get("spells") for node, data in graph.nodes(data=True)} == {
        actor.id: closed(actor.active) for actor in network.actors
    }
    assert {
        data["tie_id"]: (frozenset((u, v)), data.get("spells"))
        for u, v, data in graph.edges(data=True)
    } == {tie.id: (frozenset(tie.actors), closed(tie.period)) for tie in network.cooperations}
