r"""Graph files for Gephi, Cytoscape, igraph and networkx: GraphML, GEXF and node-link JSON.

The network's actors are the nodes and its cooperations the edges of an undirected
multigraph, one edge per cooperation keyed by its id, as :func:`bildungsnetz.graph.to_graph`
builds it. Every attribute is flattened to text, a whole number, a decimal number or a
truth value, because that is all GraphML and GEXF can hold:

- a field without a value (``None``, an empty set, an empty description) is left out;
- enumerations are written as their stable English values (``"grundschule"``);
- sets are joined with ``"; "`` in sorted order (a ``;`` inside a value is written ``\;``,
  as in the tables; :func:`bildungsnetz.io.cells.split_values` splits them again);
- days are ISO text (``"2028-08-01"``); periods keep the model's half-open meaning, so
  ``period_end`` is the first day on which a tie no longer holds;
- pupil counts pass through :func:`bildungsnetz.privacy.suppress`: below 3 they are left out.

Attribute names follow the model's fields (``school.form`` is ``form``, ``active.start`` is
``active_start``), with three exceptions that keep the names the tools reserve free: the
record id is the node or edge id and never an attribute named ``id`` (igraph and Gephi
would read it as the element's id; the cooperation id is repeated as ``tie_id``), the
actor's name is ``label`` (Gephi, Cytoscape and yEd
show it; igraph and Cytoscape take ``name`` as their own vertex name), and an edge
attribute that would share its name with a node attribute takes the prefix ``tie_``
(``tie_kind``), because a GraphML key carries its attribute's name as its id and Gephi
matches keys by id. The names are listed in :data:`NODE_ATTRIBUTES` and
:data:`EDGE_ATTRIBUTES`; the JSON format stays the lossless one.

:func:`read_graphml` reads GraphML written by other tools, refusing anything an XML file can
use to attack its reader.

Examples
--------
>>> import pathlib, tempfile
>>> import networkx as nx
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.io import write_graphml
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "musterkreis.graphml"
...     write_graphml(musterkreis(), path)
...     graph = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
>>> graph.nodes["nws"]["label"], graph.nodes["nws"]["kind"]
('Netzwerkstelle Schulerfolg Musterkreis', 'network_office')
"""

from __future__ import annotations

import io as _bytes_io
import json
import re
from datetime import timedelta
from operator import itemgetter
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn
from xml.etree import ElementTree  # only to write a tree defusedxml has parsed

import networkx as nx

from bildungsnetz._optional import require
from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.graph import to_graph
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.io.cells import join_values
from bildungsnetz.model.dates import to_day
from bildungsnetz.privacy import suppress

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable, Mapping
    from datetime import date

    from bildungsnetz.model import Actor, Cooperation, EducationNetwork, Period
    from bildungsnetz.model.dates import DayLike

__all__ = [
    "EDGE_ATTRIBUTES",
    "GRAPHML_MAX_BYTES",
    "NODE_ATTRIBUTES",
    "read_graphml",
    "to_node_link",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]

Value = str | int | float | bool
"""What a flattened attribute holds: the types GraphML and GEXF know."""

GRAPHML_MAX_BYTES = 100 * 1024 * 1024
"""The largest GraphML file :func:`read_graphml` reads unless told otherwise (100 MiB).

Parsing needs about ten times the file's size in memory; a district's network is far
smaller, all of Germany (two million ties) larger.
"""

NODE_ATTRIBUTES: Mapping[str, type[Value]] = MappingProxyType(
    {
        "label": str,
        "kind": str,
        "form": str,
        "stages": str,
        "pupils": int,
        "public": bool,
        "absence_rate": float,
        "without_qualification_rate": float,
        "special_needs_rate": float,
        "migration_rate": float,
        "municipality": str,
        "lat": float,
        "lon": float,
        "identifiers": str,
        "part_of": str,
        "active_start": str,
        "active_end": str,
        "funding": str,
        "topics": str,
        "tags": str,
        "description": str,
    }
)
"""Every node attribute, in the order written, with its type.

``label`` is the actor's name; ``form``, ``stages``, ``pupils`` (3 or more), ``public`` and
the four rates come from a school's profile; ``lat`` and ``lon`` from its location;
``identifiers`` are ``scheme:value`` pairs; ``active_start`` and ``active_end`` the
half-open period in which the actor exists.
"""

EDGE_ATTRIBUTES: Mapping[str, type[Value]] = MappingProxyType(
    {
        "tie_id": str,
        "tie_kind": str,
        "directed": bool,
        "from_actor": str,
        "to_actor": str,
        "formality": str,
        "intensity": str,
        "intensity_rank": int,
        "level": str,
        "period_start": str,
        "period_end": str,
        "schedule_rule": str,
        "schedule_start": str,
        "last_contact": str,
        "tie_topics": str,
        "tie_funding": str,
        "person_bound": bool,
        "confirmed": bool,
        "tie_description": str,
    }
)
"""Every edge attribute, in the order written, with its type.

``tie_id`` repeats the cooperation id, which is also the edge id: igraph 1.0 reads the
edge ids of GraphML wrongly (it gives each edge the id of a vertex), and a Gephi user sees
it as a column beside the others. ``from_actor`` and ``to_actor`` are written for directed
ties only (an undirected edge has no order); ``intensity_rank`` counts from 1 (awareness)
to 4 (integration), for Gephi's edge thickness; ``schedule_start`` is RFC 9557 text with
the time zone.
"""

# Characters XML 1.0 cannot hold in any form, not even as a character reference.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
_GRAPHML_ROOT = "{http://graphml.graphdrawing.org/xmlns}graphml"
_GRAPHML_GRAPH = "{http://graphml.graphdrawing.org/xmlns}graph"
_GRAPHML_KEY = "{http://graphml.graphdrawing.org/xmlns}key"
_GRAPHML_NODE = "{http://graphml.graphdrawing.org/xmlns}node"
_GRAPHML_EDGE = "{http://graphml.graphdrawing.org/xmlns}edge"
_GRAPHML_PORT = "{http://graphml.graphdrawing.org/xmlns}port"


def write_graphml(
    network: EducationNetwork, path: str | os.PathLike[str], *, as_of: DayLike | None = None
) -> None:
    """Write the network as GraphML, for Gephi, Cytoscape, igraph, yEd and networkx.

    Nodes are the actors, edges the cooperations (one per cooperation, its id as the edge
    id), with the attributes of :data:`NODE_ATTRIBUTES` and :data:`EDGE_ATTRIBUTES`.
    The file is written atomically, in UTF-8; the same network gives the same bytes,
    whatever the order of its records.

    Parameters
    ----------
    network
        The network.
    path
        The file to write, such as ``musterkreis.graphml``.
    as_of
        If given, the network as it stands on that day.

    Raises
    ------
    ValueError
        If an id holds a character XML cannot hold (U+FFFE, U+FFFF). In texts such
        characters (also control characters other than tab and line feed) are written as
        U+FFFD, and line breaks as line feeds.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import igraph
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "musterkreis.graphml"
    ...     write_graphml(musterkreis(), path, as_of="01.08.2028")
    ...     graph = igraph.Graph.Read_GraphML(str(path))
    >>> graph.vs.find(id="nws")["label"]
    'Netzwerkstelle Schulerfolg Musterkreis'
    """
    graph = _export_graph(network, as_of=as_of, xml=True)
    buffer = _bytes_io.BytesIO()
    # The plain writer, not nx.write_graphml: that one is lxml's when lxml is installed,
    # which writes other bytes. Keys named after their attribute keep Gephi from taking
    # the key "d3" for the node label and "d7" for the edge label, as it does for yEd.
    nx.write_graphml_xml(graph, buffer, named_key_ids=True)
    _write_xml(buffer.getvalue(), Path(path))


def write_gexf(network: EducationNetwork, path: str | os.PathLike[str]) -> None:
    """Write the network as dynamic GEXF 1.2, whose timeline Gephi plays through the years.

    Every actor and every tie with a validity period carries it as a spell, so Gephi's
    timeline shows the network as it stood on each day; records valid forever have no
    spell. The model's periods are half-open (``end`` is the first day without validity),
    GEXF's are closed, so a spell ends on the period's last day: a post funded up to
    31 July 2028 (``end=2028-08-01``) has ``<spell end="2028-07-31"/>``. Attributes are
    those of :func:`write_graphml`; the edge id is the cooperation id, repeated in the
    attribute ``networkx_key`` by which networkx restores its edge keys. The file is
    written atomically; the same network gives the same bytes.

    Parameters
    ----------
    network
        The network, with every record of every day.
    path
        The file to write, such as ``musterkreis.gexf``.

    Raises
    ------
    ValueError
        If an id holds a character XML cannot hold.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import networkx as nx
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "musterkreis.gexf"
    ...     write_gexf(musterkreis(), path)
    ...     graph = nx.read_gexf(path)
    >>> graph.graph["mode"], graph.nodes["ssa-birkenfelde"]["spells"]
    ('dynamic', [('2022-08-01', '2028-07-31')])
    """
    graph = _export_graph(network, as_of=None, xml=True)
    graph.graph.update(mode="dynamic", name=_xml_text(network.name))
    for actor in network.actors:
        _add_spell(graph.nodes[actor.id], actor.active)
    for tie in network.cooperations:
        first, second = sorted(tie.actors)
        data = graph.edges[first, second, tie.id]
        data["id"] = tie.id
        _add_spell(data, tie.period)
    buffer = _bytes_io.BytesIO()
    nx.write_gexf(graph, buffer)
    _write_xml(_steady_gexf_head(buffer.getvalue(), network.reference_date), Path(path))


def to_node_link(network: EducationNetwork, *, as_of: DayLike | None = None) -> dict[str, Any]:
    """Return the network as node-link data, the JSON form of networkx and D3.

    Parameters
    ----------
    network
        The network.
    as_of
        If given, the network as it stands on that day.

    Returns
    -------
    data
        ``{"directed": False, "multigraph": True, "graph": {"name": ..., "as_of": ...},
        "nodes": [...], "edges": [...]}``: nodes sorted by id with ``"id"`` and the
        attributes of :data:`NODE_ATTRIBUTES`, edges sorted by cooperation id with
        ``"source"``, ``"target"``, ``"key"`` (the cooperation id) and the attributes of
        :data:`EDGE_ATTRIBUTES`. ``nx.node_link_graph(data, edges="edges")`` makes it a
        graph again.

    Examples
    --------
    >>> import networkx as nx
    >>> from bildungsnetz.datasets import musterkreis
    >>> data = to_node_link(musterkreis(), as_of="2028-08-01")
    >>> data["graph"]
    {'name': 'Musterkreis', 'as_of': '2028-08-01'}
    >>> node = data["nodes"][0]
    >>> node["id"], node["label"], node["kind"]
    ('aa', 'Agentur für Arbeit Lindenau', 'employment_agency')
    >>> graph = nx.node_link_graph(data, edges="edges")
    >>> graph.number_of_edges() == len(musterkreis().as_of("2028-08-01").cooperations)
    True
    """
    graph = _export_graph(network, as_of=as_of, xml=False)
    graph.graph["name"] = network.name
    if as_of is not None:
        graph.graph["as_of"] = to_day(as_of, name="as_of").isoformat()
    data: dict[str, Any] = nx.node_link_data(graph, edges="edges")
    data["edges"].sort(key=lambda edge: edge["key"])
    return data


def write_node_link(
    network: EducationNetwork, path: str | os.PathLike[str], *, as_of: DayLike | None = None
) -> None:
    """Write :func:`to_node_link` as a JSON file: UTF-8, sorted keys, atomically.

    Parameters
    ----------
    network
        The network.
    path
        The file to write, such as ``musterkreis-graph.json``.
    as_of
        If given, the network as it stands on that day.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "musterkreis-graph.json"
    ...     write_node_link(musterkreis(), path)
    ...     sorted(json.loads(path.read_text(encoding="utf-8")))
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    text = json.dumps(
        to_node_link(network, as_of=as_of), ensure_ascii=False, indent=2, sort_keys=True
    )
    write_text_atomic(Path(path), text + "\n")


def read_graphml(path: str | os.PathLike[str], *, max_bytes: int = GRAPHML_MAX_BYTES) -> nx.Graph:
    """Read a GraphML file written by another tool, safely.

    The file is refused before parsing if it is larger than ``max_bytes``. It is then
    parsed by defusedxml (extra ``graphml``), which refuses a document type declaration
    (``<!DOCTYPE ...>``) and with it every entity: the "billion laughs" and quadratic
    blowup attacks, whose few kilobytes expand to gigabytes, and external entities, which
    read local files or fetch URLs. Only then does networkx read the graph. The file is
    never changed.

    Parameters
    ----------
    path
        The GraphML file.
    max_bytes
        The largest file size read, :data:`GRAPHML_MAX_BYTES` (100 MiB) by default.

    Returns
    -------
    graph
        What :func:`networkx.read_graphml` returns: a ``Graph`` or ``DiGraph``, or a
        ``MultiGraph`` or ``MultiDiGraph`` if the file has parallel edges. Node ids and
        edge ids stay text.

    Raises
    ------
    LoadError
        Naming the file: too large, empty, not XML, a DTD or entity, not GraphML, or
        GraphML networkx cannot read.
    FileNotFoundError
        If there is no such file (other ``OSError`` if it cannot be read).
    MissingDependencyError
        If defusedxml is not installed (extra ``graphml``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "musterkreis.graphml"
    ...     write_graphml(musterkreis(), path)
    ...     graph = read_graphml(path)
    >>> graph.number_of_nodes(), graph.nodes["ja"]["label"]
    (385, 'Jugendamt Musterkreis')
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     bomb = pathlib.Path(folder) / "bombe.graphml"
    ...     _ = bomb.write_text('<!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">]><graphml>&a;</graphml>')
    ...     read_graphml(bomb)
    Traceback (most recent call last):
    ...
    bildungsnetz.errors.LoadError: 1 problem while loading:
      .../bombe.graphml: refused: the file has a document type declaration (<!DOCTYPE ...>), ...
    """
    if max_bytes < 0:
        msg = f"max_bytes cannot be negative, got {max_bytes}"
        raise ValueError(msg)
    source = Path(path)
    data = _bounded_bytes(source, max_bytes)
    defused = require("defusedxml.ElementTree", extra="graphml", feature="read_graphml()")
    try:
        root = defused.fromstring(data, forbid_dtd=True)
    except defused.DTDForbidden:
        _refuse(source, _DTD_REFUSED)
    except (defused.EntitiesForbidden, defused.ExternalReferenceForbidden):
        _refuse(source, _ENTITY_REFUSED)
    except defused.ParseError as error:
        line = error.position[0] if error.position else None
        _refuse(source, f"not well-formed XML: {error}", row=line)
    except (LookupError, ValueError) as error:
        # An encoding Python does not know (LookupError) or expat cannot read (ValueError:
        # UTF-7 and other multi-byte encodings).
        _refuse(source, f"not readable XML: {error}", row=1)
    if root.tag != _GRAPHML_ROOT:
        _refuse(source, f"not GraphML: the root element is <{root.tag}>, expected {_GRAPHML_ROOT}")
    if root.find(_GRAPHML_GRAPH) is None:
        _refuse(source, "GraphML without a <graph> element")
    try:
        # networkx parses with the standard library again; defusedxml has just shown that
        # these bytes declare no DTD, so there is nothing left for an entity to expand.
        return nx.parse_graphml(_without_warnings(root, data), edge_key_type=str)
    except (nx.NetworkXError, KeyError, ValueError, TypeError, AttributeError) as error:
        _refuse(source, f"GraphML that networkx cannot read: {error}")


def _without_warnings(root: Any, data: bytes) -> bytes:
    """Return the document with what networkx would warn about made explicit or removed.

    A ``<key>`` without ``attr.type`` is a string (the GraphML default), said explicitly;
    ``<port>`` elements, which networkx does not read, are dropped. The file is not
    touched; only when something changes is the parsed tree written out again.
    """
    changed = False
    for key in root.iter(_GRAPHML_KEY):
        if key.get("attr.type") is None and key.get("yfiles.type") is None:
            key.set("attr.type", "string")
            changed = True
    for element in [*root.iter(_GRAPHML_NODE), *root.iter(_GRAPHML_EDGE)]:
        for port in element.findall(_GRAPHML_PORT):
            element.remove(port)
            changed = True
    if not changed:
        return data
    written: bytes = ElementTree.tostring(root, encoding="utf-8")
    return written


_DTD_REFUSED = (
    "refused: the file has a document type declaration (<!DOCTYPE ...>), which can define "
    "entities that expand to gigabytes or read other files and URLs; GraphML needs none "
    "(remove it if you trust the file)"
)
_ENTITY_REFUSED = "refused: the file uses entities, which can expand to gigabytes or read files"


def _bounded_bytes(source: Path, max_bytes: int) -> bytes:
    with source.open("rb") as handle:
        size = source.stat().st_size
        if size > max_bytes:
            _refuse(source, _too_big(size, max_bytes))
        # A file may grow while it is read, and a device reports no size at all.
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        _refuse(source, _too_big(len(data), max_bytes))
    if not data.strip():
        _refuse(source, "the file is empty; GraphML starts with <graphml>")
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return (
        f"the file has {size:,} bytes or more, above the limit of {max_bytes:,} bytes; "
        "pass a larger max_bytes to read it"
    )


def _refuse(source: Path, message: str, *, row: int | None = None) -> NoReturn:
    raise LoadError([LoadProblem(message, file=str(source), row=row)]) from None


# -- the graph of an export -----------------------------------------------------------------


def _export_graph(network: EducationNetwork, *, as_of: DayLike | None, xml: bool) -> nx.MultiGraph:
    """Return the multigraph of ``to_graph`` with flat attributes, nodes and edges in id order."""
    current = network if as_of is None else network.as_of(to_day(as_of, name="as_of"))
    structure = to_graph(current)
    if xml:
        _check_xml_ids(structure)
    text = _xml_text if xml else _same
    graph = nx.MultiGraph()
    for node in sorted(structure.nodes):
        graph.add_node(node, **_flat(_actor_values(current.actor(node)), text))
    for first, second, key in sorted(structure.edges(keys=True), key=itemgetter(2)):
        values = _flat(_tie_values(current.cooperation(key)), text)
        graph.add_edge(*sorted((first, second)), key, **values)
    return graph


def _actor_values(actor: Actor) -> dict[str, Any]:
    school = actor.school
    location = actor.location
    values: dict[str, Any] = {
        "label": actor.name,
        "kind": actor.kind.value,
        "municipality": actor.municipality,
        "identifiers": _joined(f"{i.scheme}:{i.value}" for i in actor.identifiers),
        "part_of": actor.part_of,
        "active_start": _iso(actor.active.start),
        "active_end": _iso(actor.active.end),
        "funding": _joined(actor.funding),
        "topics": _joined(topic.value for topic in actor.topics),
        "tags": _joined(actor.tags),
        "description": actor.description or None,
    }
    if location is not None:
        values.update(lat=float(location.lat), lon=float(location.lon))
    if school is not None:
        values.update(
            form=school.form.value,
            stages=_joined(stage.value for stage in school.stages),
            pupils=None if school.pupils is None else suppress(school.pupils),
            public=school.public,
            absence_rate=_float(school.absence_rate),
            without_qualification_rate=_float(school.without_qualification_rate),
            special_needs_rate=_float(school.special_needs_rate),
            migration_rate=_float(school.migration_rate),
        )
    return {name: values.get(name) for name in NODE_ATTRIBUTES}


def _tie_values(tie: Cooperation) -> dict[str, Any]:
    schedule = tie.schedule
    values: dict[str, Any] = {
        "tie_id": tie.id,
        "tie_kind": tie.kind.value,
        "directed": tie.directed,
        "formality": None if tie.formality is None else tie.formality.value,
        "intensity": None if tie.intensity is None else tie.intensity.value,
        "intensity_rank": None if tie.intensity is None else tie.intensity.rank + 1,
        "level": None if tie.level is None else tie.level.value,
        "period_start": _iso(tie.period.start),
        "period_end": _iso(tie.period.end),
        "last_contact": _iso(tie.last_contact),
        "tie_topics": _joined(topic.value for topic in tie.topics),
        "tie_funding": _joined(tie.funding),
        "person_bound": tie.person_bound,
        "confirmed": tie.confirmed,
        "tie_description": tie.description or None,
    }
    if tie.directed:
        values.update(from_actor=tie.actors[0], to_actor=tie.actors[1])
    if schedule is not None:
        values.update(
            schedule_rule=schedule.rule,
            schedule_start=schedule.model_dump(mode="json")["start"],
        )
    return {name: values.get(name) for name in EDGE_ATTRIBUTES}


def _flat(values: dict[str, Any], text: Callable[[str], str]) -> dict[str, Value]:
    return {
        name: text(value) if isinstance(value, str) else value
        for name, value in values.items()
        if value is not None
    }


def _joined(values: Iterable[str]) -> str | None:
    return join_values(sorted(values)) or None


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def _same(text: str) -> str:
    return text


def _xml_text(text: str) -> str:
    # An XML reader turns every line break into a line feed; writing them so keeps the
    # text the same in the file and in every tool.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_IN_XML.sub(_REPLACEMENT, text)


def _check_xml_ids(structure: nx.MultiGraph) -> None:
    # A text may lose a character XML cannot hold; an id may not, or two records could merge.
    ids = [("actor", node) for node in structure.nodes]
    ids += [("cooperation", key) for _, _, key in structure.edges(keys=True)]
    for record, record_id in ids:
        if _NOT_IN_XML.search(record_id):
            msg = f"the {record} id {record_id!r} holds a character XML cannot hold"
            raise ValueError(msg)


# -- GEXF ------------------------------------------------------------------------------------


def _add_spell(data: dict[str, Any], period: Period) -> None:
    if period.start is None and period.end is None:
        return
    last = None if period.end is None else period.end - timedelta(days=1)
    data["spells"] = [(_iso(period.start), _iso(last))]


def _steady_gexf_head(document: bytes, day: date | None) -> bytes:
    """Return the document with the data's day, not today's, and always timeformat="date".

    networkx stamps the day of writing into ``<meta lastmodifieddate=...>``, which would
    make every file differ from yesterday's, and declares the time format only when some
    record has a period.
    """
    stamp = b"" if day is None else f' lastmodifieddate="{day.isoformat()}"'.encode()
    document = re.sub(rb' lastmodifieddate="[^"]*"', stamp, document, count=1)
    if b'timeformat="' not in document.partition(b"<nodes")[0]:
        document = re.sub(rb"(<graph [^>]*)>", rb'\1 timeformat="date">', document, count=1)
    return document


def _write_xml(document: bytes, target: Path) -> None:
    text = document.decode("utf-8")
    write_text_atomic(target, text if text.endswith("\n") else text + "\n")
