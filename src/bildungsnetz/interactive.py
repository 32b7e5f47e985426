"""The network to explore in Jupyter: sigma.js through ipysigma (extra ``interactive``).

:func:`view` returns a widget that draws the network as it stands on one day: actors
coloured by kind, sized by how many partners they have (or by betweenness), labelled with
their names, and, given a gap report, ringed in the colour of the most severe finding that
names them. Clicking an actor shows its kind, its measure and its findings; the search box
finds an actor by name. :func:`write_html` saves the same view as a standalone HTML page.

ipysigma is imported only when a view is made, so ``import bildungsnetz.interactive``
works without it; without it, the functions raise
:class:`~bildungsnetz.errors.MissingDependencyError` naming the extra.

Examples
--------
>>> from bildungsnetz import find_gaps, interactive
>>> from bildungsnetz.datasets import musterkreis
>>> network = musterkreis()
>>> widget = interactive.view(network, report=find_gaps(network))
>>> widget
Sigma(nx.Graph with 385 nodes and ... edges)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx

from bildungsnetz._optional import require
from bildungsnetz._templates import render
from bildungsnetz.graph import project
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.model import ActorKind, CooperationKind, Intensity, SchoolForm, Severity
from bildungsnetz.model.dates import to_day

if TYPE_CHECKING:
    import os
    from datetime import date

    from bildungsnetz.gaps import GapReport
    from bildungsnetz.model import EducationNetwork, Language
    from bildungsnetz.model.dates import DayLike

__all__ = ["KIND_COLOURS", "SEVERITY_COLOURS", "Size", "view", "write_html"]

Size = Literal["degree", "betweenness"]
"""What the size of an actor shows: its number of partners, or its betweenness."""

# One colour per kind, related kinds in related hues (schools and councils blue, day care
# green, the posts around schools purple, youth welfare teal, labour and career brown,
# offices grey), and none in the crimson, orange and yellow of the rings of findings.
KIND_COLOURS: dict[ActorKind, str] = {
    ActorKind.SCHOOL: "#1f5fa8",
    ActorKind.DAYCARE: "#5aa454",
    ActorKind.SCHOOL_SOCIAL_WORK: "#8e44ad",
    ActorKind.COUNSELLING_TEACHER: "#c39bd3",
    ActorKind.SCHOOL_PSYCHOLOGY: "#5b2c6f",
    ActorKind.YOUTH_WELFARE_OFFICE: "#00796b",
    ActorKind.YOUTH_WELFARE_PROVIDER: "#4db6ac",
    ActorKind.PARENTS_COUNCIL: "#7986cb",
    ActorKind.PUPILS_COUNCIL: "#9fa8da",
    ActorKind.NETWORK_OFFICE: "#111111",
    ActorKind.EDUCATION_OFFICE: "#4d4d4d",
    ActorKind.DISTRICT_ADMINISTRATION: "#7a7a7a",
    ActorKind.SCHOOL_AUTHORITY: "#34495e",
    ActorKind.MUNICIPALITY: "#a0a0a0",
    ActorKind.YOUTH_EMPLOYMENT_AGENCY: "#8c564b",
    ActorKind.EMPLOYMENT_AGENCY: "#b07b6e",
    ActorKind.CAREER_GUIDANCE: "#d7b49e",
    ActorKind.MIGRATION_SERVICE: "#d63384",
    ActorKind.HEALTH_SERVICE: "#2e7d32",
    ActorKind.ADULT_EDUCATION: "#9ccc65",
    ActorKind.ASSOCIATION: "#f48fb1",
    ActorKind.EMPLOYER: "#6d4c41",
    ActorKind.OTHER: "#c8c8c8",
}
"""The colour of each kind of actor, the same in every view and language."""

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.CRITICAL: "#9b1c31",
    Severity.HIGH: "#e8590c",
    Severity.MEDIUM: "#f2c200",
    Severity.LOW: "#4dabf7",
    Severity.INFO: "#adb5bd",
}
"""The colour of the ring around an actor named in a finding, by the most severe one."""

# Attribute names are what the widget's legend and panel show, so they are words; user
# text (names, ids) never becomes an attribute name or a category, because ipysigma
# writes those into its panels as HTML (values and names it escapes).
_WORDS: dict[str, tuple[str, str]] = {
    "kind": ("Art", "kind"),
    "form": ("Schulform", "school form"),
    "degree": ("Partner", "partners"),
    "betweenness": ("Zwischenzentralität", "betweenness"),
    "severity": ("Schwerste Lücke", "worst gap"),
    "findings": ("Befunde", "findings"),
    "kinds": ("Arten", "kinds"),
    "intensity": ("Stärke", "intensity"),
    "multiplexity": ("Verbindungen", "ties"),
    "forums": ("Gremien", "forums"),
    "part_of": ("gehört zu", "part of"),
}

_SYNC_TARGETS = ("camera", "hover", "layout", "selection")
_FEATURE = "bildungsnetz.interactive"


def _word(key: str, lang: Language) -> str:
    """Return the German or English word of ``key`` (an attribute name in the widget)."""
    german, english = _WORDS[key]
    return german if lang == "de" else english


def view(
    network: EducationNetwork,
    report: GapReport | None = None,
    *,
    as_of: DayLike | None = None,
    size: Size | None = "degree",
    lang: Language = "de",
) -> Any:
    """Return an interactive drawing of the network for Jupyter (an ipysigma widget).

    Parameters
    ----------
    network
        The network.
    report
        Gap findings to mark: every actor a finding names gets a ring in the colour of its
        most severe finding (:data:`SEVERITY_COLOURS`), thicker the more findings name it.
    as_of
        The day to draw; by default the report's day, else the network's
        ``reference_date``, else every record.
    size
        What an actor's size shows: ``"degree"`` (its number of partners in
        :func:`~bildungsnetz.graph.project`), ``"betweenness"`` (networkx's normalised
        betweenness centrality) or ``None`` (all the same size).
    lang
        The language of the legend, the kinds and the attribute names.

    Returns
    -------
    widget
        An ``ipysigma.Sigma`` widget; its ``graph`` is the drawn ``networkx.Graph`` with
        the attributes shown, keyed by actor id.

    Raises
    ------
    MissingDependencyError
        If ipysigma is not installed (``pip install "bildungsnetz[interactive]"``).
    ValueError
        If ``report`` is about another network, or ``size`` is not one of the above.

    Notes
    -----
    Positions come from networkx's spring layout with a fixed seed, so the same network
    is drawn the same way every time. The layout costs about O(n²) per iteration below
    500 actors and O(m) above; betweenness costs O(n·m), minutes for a whole state.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> widget = view(musterkreis(), size="betweenness", lang="en")
    >>> widget.graph.nodes["nws"]["kind"]
    'network office'
    """
    sigma: Any = require("ipysigma", extra="interactive", feature=f"{_FEATURE}.view()")
    graph, layout = _drawing(network, report=report, as_of=as_of, size=size, lang=lang)
    return sigma.Sigma(graph, layout=layout, **_options(graph, report, size, lang))


def write_html(
    network: EducationNetwork,
    path: str | os.PathLike[str],
    *,
    report: GapReport | None = None,
    as_of: DayLike | None = None,
    size: Size | None = "degree",
    lang: Language = "de",
) -> None:
    """Save the view of :func:`view` as a standalone HTML page, atomically.

    The page loads sigma.js and the Jupyter widget manager from their CDNs when opened, so
    it needs an internet connection to show; the data are in the file, as JSON. The same
    input gives the same bytes.

    Parameters
    ----------
    network, report, as_of, size, lang
        As for :func:`view`.
    path
        The file to write (replaced if it exists; a crash leaves the old file as it was).

    Raises
    ------
    MissingDependencyError
        If ipysigma is not installed (``pip install "bildungsnetz[interactive]"``).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = pathlib.Path(folder) / "netzwerk.html"
    ...     write_html(musterkreis(), page)
    ...     page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    feature = f"{_FEATURE}.write_html()"
    sigma: Any = require("ipysigma", extra="interactive", feature=feature)
    embed: Any = require("ipywidgets.embed", extra="interactive", feature=feature)
    graph, layout = _drawing(network, report=report, as_of=as_of, size=size, lang=lang)
    widget = sigma.Sigma(
        graph, layout=layout, raw_height="calc(100vh - 5em)", **_options(graph, report, size, lang)
    )
    try:
        # Only this widget's state: without state=, ipywidgets embeds every widget alive
        # in the process, other networks included.
        state = embed.dependency_state([widget])
        snippet = _stable_ids(embed.embed_snippet([widget], state=state, indent=None), state)
    finally:
        widget.close()
    page = render(
        "interactive.html.j2",
        feature=feature,
        lang=lang,
        name=network.name,
        day=graph.graph["as_of"],
        size=None if size is None else _word(size, lang),
        marked=None if report is None else _marked(graph, lang),
        snippet=snippet,
    )
    write_text_atomic(Path(path), page)


def _drawing(
    network: EducationNetwork,
    *,
    report: GapReport | None = None,
    as_of: DayLike | None = None,
    size: Size | None = "degree",
    lang: Language = "de",
) -> tuple[nx.Graph, dict[str, dict[str, float]]]:
    """Return the graph a view draws, with its attributes, and the positions of its actors."""
    if size not in {"degree", "betweenness", None}:
        msg = f"size must be 'degree', 'betweenness' or None, got {size!r}"
        raise ValueError(msg)
    if report is not None and report.network != network.name:
        msg = f"the report is about {report.network!r}, the network is {network.name!r}"
        raise ValueError(msg)
    day = _day(network, report, as_of)
    simple = project(network, as_of=day)
    graph = nx.Graph(name=network.name, as_of=day)
    measure = _measure(simple, size)
    marks = _marks(report, simple)
    for node, data in simple.nodes(data=True):
        graph.add_node(node, **_node(data, measure.get(node), marks.get(node), size, lang))
    for first, second, data in simple.edges(data=True):
        graph.add_edge(first, second, **_edge(data, lang))
    positions = nx.spring_layout(simple, seed=1) if len(simple) else {}
    layout = {
        node: {"x": round(float(x), 4), "y": round(float(y), 4)}
        for node, (x, y) in positions.items()
    }
    return graph, layout


def _day(network: EducationNetwork, report: GapReport | None, as_of: DayLike | None) -> date | None:
    if as_of is not None:
        return to_day(as_of, name="as_of")
    if report is not None and report.as_of is not None:
        return report.as_of
    return network.reference_date


def _measure(graph: nx.Graph, size: Size | None) -> dict[str, float]:
    if size == "degree":
        return {node: float(degree) for node, degree in graph.degree()}
    if size == "betweenness":
        return {node: round(value, 6) for node, value in nx.betweenness_centrality(graph).items()}
    return {}


def _marks(report: GapReport | None, graph: nx.Graph) -> dict[str, tuple[Severity, int]]:
    """Return the most severe finding and the number of findings of each actor named."""
    if report is None:
        return {}
    worst: dict[str, Severity] = {}
    counts: Counter[str] = Counter()
    for gap in report:
        for actor in dict.fromkeys(gap.actors):
            if actor in graph:
                counts[actor] += 1
                worst[actor] = max(worst.get(actor, gap.severity), gap.severity)
    return {actor: (worst[actor], counts[actor]) for actor in worst}


def _node(
    data: dict[str, Any],
    measure: float | None,
    mark: tuple[Severity, int] | None,
    size: Size | None,
    lang: Language,
) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "label": data["name"],
        _word("kind", lang): ActorKind(data["kind"]).label(lang),
    }
    if data["form"] is not None:
        attributes[_word("form", lang)] = SchoolForm(data["form"]).label(lang)
    if size is not None and measure is not None:
        attributes[_word(size, lang)] = int(measure) if size == "degree" else measure
    if mark is not None:
        attributes[_word("severity", lang)] = mark[0].label(lang)
        attributes[_word("findings", lang)] = mark[1]
    return attributes


def _edge(data: dict[str, Any], lang: Language) -> dict[str, Any]:
    kinds = [CooperationKind(kind).label(lang) for kind in data["kinds"]]
    if data["organisational"]:
        kinds.append(_word("part_of", lang))
    attributes: dict[str, Any] = {
        _word("kinds", lang): ", ".join(kinds),
        _word("multiplexity", lang): data["multiplexity"],
    }
    if data["intensity"] is not None:
        attributes[_word("intensity", lang)] = Intensity(data["intensity"]).label(lang)
    if data["forums"]:
        attributes[_word("forums", lang)] = len(data["forums"])
    return attributes


def _options(
    graph: nx.Graph, report: GapReport | None, size: Size | None, lang: Language
) -> dict[str, Any]:
    """Return the widget's keyword arguments: colours, sizes, rings, a stable state."""
    options: dict[str, Any] = {
        "name": graph.graph["name"],
        "node_color": _word("kind", lang),
        "node_color_palette": {kind.label(lang): colour for kind, colour in KIND_COLOURS.items()},
        "max_categorical_colors": len(KIND_COLOURS),
        "default_edge_color": "#c8c8c8",
        "edge_size": _word("multiplexity", lang),
        "edge_size_range": (0.5, 3),
        # A set in ipysigma's defaults, whose order would change with the hash seed.
        "sync_targets": _SYNC_TARGETS,
    }
    if size is None:
        # ipysigma reads a "size" attribute by default; there is none to read.
        options |= {"node_size": None, "default_node_size": 6}
    else:
        options["node_size"] = _word(size, lang)
        options["node_size_range"] = (3, 16)
    if report is not None:
        options |= {
            "node_border_color": _word("severity", lang),
            "node_border_color_palette": {
                severity.label(lang): colour for severity, colour in SEVERITY_COLOURS.items()
            },
            "default_node_border_color": "#ffffff",
            "node_border_ratio": _word("findings", lang),
            "node_border_ratio_range": (0.25, 0.5),
            # Actors no finding names get no ring at all.
            "default_node_border_ratio": 0,
        }
    return options


def _marked(graph: nx.Graph, lang: Language) -> int:
    """Return how many actors have a ring (a finding names them)."""
    key = _word("severity", lang)
    return sum(1 for _, data in graph.nodes(data=True) if key in data)


def _stable_ids(snippet: str, state: dict[str, Any]) -> str:
    """Return the snippet with the widgets' random ids replaced by hashes of its content.

    ipywidgets names each widget by a random UUID; the same page should be the same bytes.
    """
    ids = sorted(state)
    content = snippet
    for model_id in ids:
        content = content.replace(model_id, "")
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    for number, model_id in enumerate(ids):
        snippet = snippet.replace(model_id, f"{digest[:24]}{number:08x}")
    return snippet
