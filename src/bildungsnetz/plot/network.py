"""The network as a picture: actors coloured by kind, ties as lines, findings as outlines.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> figure = draw_network(musterkreis())
>>> figure.get_suptitle()
'Kooperationsnetz – Musterkreis, Stand 01.11.2025'
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

import networkx as nx

from bildungsnetz._format import number
from bildungsnetz.graph import project
from bildungsnetz.model import ActorKind
from bildungsnetz.plot._style import (
    FIGSIZE,
    KIND_COLOURS,
    NO_FINDING,
    SEVERITY_COLOURS,
    check_lang,
    judged_day,
    marker,
    new_figure,
    set_title,
    severity_legend,
    show_empty,
    side_legend,
    snapshot,
    worst_severities,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bildungsnetz.gaps import GapReport
    from bildungsnetz.model import DayLike, EducationNetwork, Language, Severity

__all__ = ["draw_network"]

Position = tuple[float, float]

_TEXT = {
    "de": {
        "title": "Kooperationsnetz",
        "kinds": "Akteursart",
        "empty": "Keine Akteure an diesem Tag.",
        "summary": "{actors} Akteure, {ties} Verbindungen · Punktgröße: Zahl der Verbindungen",
        "longitude": "Längengrad (°)",
        "latitude": "Breitengrad (°)",
    },
    "en": {
        "title": "Cooperation network",
        "kinds": "Actor kind",
        "empty": "No actors on this day.",
        "summary": "{actors} actors, {ties} ties · marker size: number of ties",
        "longitude": "longitude (°)",
        "latitude": "latitude (°)",
    },
}


def draw_network(
    network: EducationNetwork,
    report: GapReport | None = None,
    *,
    as_of: DayLike | None = None,
    lang: Language = "de",
    layout: Literal["spring", "geographic"] = "spring",
    seed: int = 1,
    figsize: tuple[float, float] = FIGSIZE,
) -> Figure:
    """Draw the network: actors coloured by kind, the actors of findings outlined.

    The graph is :func:`bildungsnetz.graph.project` on the day: one line per pair of
    actors that cooperate, meet in a small forum or belong to each other. Each actor is
    a point in the colour of its kind, sized by its number of ties; an actor that a
    finding of ``report`` names is outlined in the colour of its worst finding's severity.

    Parameters
    ----------
    network
        The network.
    report
        Findings whose actors to outline, best of the same day (``find_gaps(network)``);
        none if ``None``.
    as_of
        The day to draw; the network's ``reference_date`` by default.
    lang
        The language of title, labels and legends: ``"de"`` or ``"en"``.
    layout
        ``"spring"``: a force-directed layout (Fruchterman–Reingold, ``seed`` fixed), which
        shows who is central; the axes carry no meaning and are hidden. ``"geographic"``:
        every actor with a ``location`` at its place (longitude and latitude, the aspect
        corrected for the latitude), the others placed by the force-directed layout
        around them.
    seed
        The seed of the force-directed layout; the same seed gives the same picture.
    figsize
        The size in inches.

    Returns
    -------
    figure
        A new matplotlib figure with one axes, the kinds legend and, with findings, a
        legend of the severities.

    Raises
    ------
    MissingDependencyError
        If matplotlib is not installed (``pip install "bildungsnetz[plot]"``).

    Notes
    -----
    The force-directed layout costs O(n²) per iteration for *n* actors; it is meant for a
    district of a few hundred actors, not a state.

    Examples
    --------
    >>> from bildungsnetz import find_gaps
    >>> from bildungsnetz.datasets import musterkreis
    >>> network = musterkreis()
    >>> figure = draw_network(network, find_gaps(network), lang="en")
    >>> kinds = figure.legends[0]
    >>> [text.get_text() for text in kinds.get_texts()][:2]
    ['school (78)', 'day-care centre (140)']
    """
    lang = check_lang(lang)
    if layout not in ("spring", "geographic"):
        msg = f"layout must be 'spring' or 'geographic', got {layout!r}"
        raise ValueError(msg)
    day = judged_day(network, as_of)
    graph = project(network, as_of=day)
    figure = new_figure("draw_network()", figsize)
    axes = figure.add_subplot()
    set_title(figure, _TEXT[lang]["title"], network, day, lang)
    if graph.number_of_nodes() == 0:
        show_empty(axes, _TEXT[lang]["empty"])
        return figure
    if layout == "geographic":
        positions = _geographic_positions(graph, snapshot(network, day), seed)
        _label_geographic_axes(axes, positions, lang)
    else:
        positions = _spring_positions(graph, seed)
        axes.set_axis_off()
    _draw_ties(axes, graph, positions)
    worst = worst_severities(report)
    _draw_actors(figure, axes, graph, positions, worst=worst, lang=lang)
    severity_legend(figure, {worst[node] for node in graph if node in worst}, lang)
    axes.set_title(
        _TEXT[lang]["summary"].format(
            actors=number(graph.number_of_nodes(), lang),
            ties=number(graph.number_of_edges(), lang),
        ),
        fontsize=9,
        color="#444444",
    )
    return figure


def _ordered(graph: nx.Graph) -> nx.Graph:
    """Return the graph with nodes and edges in sorted order, which the layout depends on."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(sorted(tuple(sorted(edge)) for edge in graph.edges()))
    return ordered


def _spring_positions(graph: nx.Graph, seed: int) -> dict[str, Position]:
    positions = nx.spring_layout(_ordered(graph), seed=seed)
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def _geographic_positions(
    graph: nx.Graph, network: EducationNetwork, seed: int
) -> dict[str, Position]:
    placed = {
        actor.id: (actor.location.lon, actor.location.lat)
        for actor in network.actors
        if actor.location is not None and actor.id in graph
    }
    if not placed:
        return _spring_positions(graph, seed)
    if len(placed) == graph.number_of_nodes():
        return placed
    # The actors without a place settle among those with one, at the spacing of the map.
    xs, ys = zip(*placed.values(), strict=True)
    spread = max(max(xs) - min(xs), max(ys) - min(ys), 0.01)
    positions = nx.spring_layout(
        _ordered(graph),
        pos=dict(sorted(placed.items())),
        fixed=sorted(placed),
        k=spread / math.sqrt(graph.number_of_nodes()),
        seed=seed,
    )
    return {node: (float(x), float(y)) for node, (x, y) in positions.items()}


def _label_geographic_axes(axes: Axes, positions: dict[str, Position], lang: Language) -> None:
    latitudes = [y for _, y in positions.values()]
    middle = (min(latitudes) + max(latitudes)) / 2
    # Equirectangular: a degree of longitude is cos(latitude) as long as one of latitude.
    axes.set_aspect(1 / math.cos(math.radians(middle)), adjustable="datalim")
    axes.set_xlabel(_TEXT[lang]["longitude"])
    axes.set_ylabel(_TEXT[lang]["latitude"])


def _draw_ties(axes: Axes, graph: nx.Graph, positions: dict[str, Position]) -> None:
    from matplotlib.collections import LineCollection  # noqa: PLC0415 (optional, required)

    segments = [
        (positions[first], positions[second])
        for first, second in sorted(tuple(sorted(edge)) for edge in graph.edges())
    ]
    lines = LineCollection(segments, colors="#888888", linewidths=0.4, alpha=0.35, zorder=1)
    lines.set_gid("ties")
    axes.add_collection(lines)


def _draw_actors(
    figure: Figure,
    axes: Axes,
    graph: nx.Graph,
    positions: dict[str, Position],
    *,
    worst: dict[str, Severity],
    lang: Language,
) -> None:
    """Draw one scatter per kind (in the order of ActorKind), its actors in id order."""
    handles = []
    for kind in ActorKind:
        actors = sorted(node for node, value in graph.nodes(data="kind") if value == kind.value)
        if not actors:
            continue
        points = axes.scatter(
            [positions[actor][0] for actor in actors],
            [positions[actor][1] for actor in actors],
            s=[10 + 6 * math.sqrt(graph.degree(actor)) for actor in actors],
            c=KIND_COLOURS[kind],
            edgecolors=[
                SEVERITY_COLOURS[worst[actor]] if actor in worst else NO_FINDING for actor in actors
            ],
            linewidths=[1.8 if actor in worst else 0.4 for actor in actors],
            zorder=2,
        )
        points.set_gid(kind.value)
        label = f"{kind.label(lang)} ({number(len(actors), lang)})"
        handles.append(marker(KIND_COLOURS[kind], label))
    side_legend(figure, handles, _TEXT[lang]["kinds"], gid="kinds")
