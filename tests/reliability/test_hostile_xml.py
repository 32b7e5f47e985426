"""Hostile and odd XML for ``read_graphml``: encodings expat cannot read, untyped keys, ports.

Elsewhere, not repeated here: a DTD, billion laughs, quadratic blowup, internal and external
entities (a local file, a URL), an external parameter entity and an external DTD, each
refused by defusedxml with a LoadError naming the file, the file unchanged:
``tests/test_io_graph_files_read.py::test_a_hostile_or_broken_file_is_a_load_error_naming_it``
and ``::test_a_refused_bomb_was_never_expanded``; size limits and damaged files there too.
"""

from __future__ import annotations

import pytest

from bildungsnetz import io
from bildungsnetz.errors import LoadError

pytestmark = pytest.mark.requires_extra("graphml")

GRAPH = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}'
    '<graph edgedefault="undirected"><node id="a">{node}</node><node id="b"/>'
    '<edge source="a" target="b">{edge}</edge></graph></graphml>'
)


@pytest.mark.parametrize("encoding", ["utf-7", "UTF-7", "utf-16", "utf-32"])
def test_an_encoding_expat_cannot_read_is_a_load_error(tmp_path, encoding):
    """UTF-7 (found by fuzzing) and the other multi-byte encodings, declared over ASCII bytes."""
    path = tmp_path / "fremd.graphml"
    data = f"<?xml version='1.0' encoding='{encoding}'?>\n{GRAPH}".encode("ascii")
    path.write_bytes(data)
    result = None
    with pytest.raises(LoadError) as caught:
        result = io.read_graphml(path)
    assert result is None
    [problem] = caught.value.problems
    assert (problem.file, problem.row) == (str(path), 1)
    assert problem.message.startswith(("not readable XML", "not well-formed XML"))
    assert path.read_bytes() == data


def test_a_key_without_a_type_is_text_without_a_warning(tmp_path):
    """GraphML's default type is string: the value is read as text, and nothing warns."""
    keys = '<key id="d0" for="node" attr.name="note"/>'
    text = GRAPH.format(keys=keys, node='<data key="d0">0042</data>', edge="")
    path = tmp_path / "ohne-typ.graphml"
    path.write_text(text, encoding="utf-8")
    graph = io.read_graphml(path)  # pytest turns any warning into an error
    assert graph.nodes["a"] == {"note": "0042"}
    assert path.read_text(encoding="utf-8") == text


def test_ports_are_passed_over_without_a_warning(tmp_path):
    """<port> elements, which networkx does not read, are left out; the graph is read."""
    text = GRAPH.format(keys="", node='<port name="n"/>', edge='<port name="e"/>')
    path = tmp_path / "ports.graphml"
    path.write_text(text, encoding="utf-8")
    graph = io.read_graphml(path)
    assert sorted(graph.edges) == [("a", "b")]
