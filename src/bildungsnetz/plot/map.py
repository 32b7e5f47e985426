"""Where the schools are, which have school social work, and how bad their findings are.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> figure = draw_map(musterkreis())
>>> figure.axes[0].get_xlabel()
'Längengrad (°)'
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

from bildungsnetz._format import number
from bildungsnetz._optional import require
from bildungsnetz.gaps.overview import school_coverage
from bildungsnetz.plot._style import (
    FIGSIZE,
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
)

if TYPE_CHECKING:
    from types import ModuleType

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bildungsnetz.gaps import GapReport, SchoolCoverage
    from bildungsnetz.model import DayLike, EducationNetwork, Language

__all__ = ["draw_map"]

logger = logging.getLogger(__name__)

COVERED = "#2166ac"
UNCOVERED = "#bdbdbd"

_TEXT = {
    "de": {
        "title": "Schulen und Schulsozialarbeit",
        "coverage": "Schulsozialarbeit",
        "covered": "mit ({count})",
        "uncovered": "ohne ({count})",
        "longitude": "Längengrad (°)",
        "latitude": "Breitengrad (°)",
        "unplaced": "{count} von {schools} Schulen ohne Koordinaten, nicht eingezeichnet",
        "no_schools": "Keine Schulen an diesem Tag.",
        "no_places": "Keine der {schools} Schulen hat Koordinaten.",
    },
    "en": {
        "title": "Schools and school social work",
        "coverage": "School social work",
        "covered": "with ({count})",
        "uncovered": "without ({count})",
        "longitude": "longitude (°)",
        "latitude": "latitude (°)",
        "unplaced": "{count} of {schools} schools without coordinates, not drawn",
        "no_schools": "No schools on this day.",
        "no_places": "None of the {schools} schools has coordinates.",
    },
}


def draw_map(
    network: EducationNetwork,
    report: GapReport | None = None,
    *,
    as_of: DayLike | None = None,
    lang: Language = "de",
    tiles: bool = False,
    figsize: tuple[float, float] = FIGSIZE,
) -> Figure:
    """Draw the schools at their places, filled by school social work, outlined by findings.

    Each school with a ``location`` (WGS 84) is a point at its longitude and latitude, in
    an equirectangular projection whose aspect is corrected by the cosine of the middle
    latitude, which is true to shape at the scale of a district. Schools with school
    social work are filled dark, the others light
    (:func:`bildungsnetz.gaps.overview.school_coverage`); a school that a finding of
    ``report`` names is outlined in the colour of its worst finding's severity. Schools
    without coordinates are counted below the map.

    Parameters
    ----------
    network
        The network.
    report
        Findings whose schools to outline, best of the same day; none if ``None``.
    as_of
        The day; the network's ``reference_date`` by default.
    lang
        The language of title, labels and legends: ``"de"`` or ``"en"``.
    tiles
        Draw a map background of web tiles (CARTO Positron, from OpenStreetMap data)
        behind the schools. Needs contextily (``pip install "bildungsnetz[tiles]"``) and
        a network connection; if the tiles cannot be fetched, the map is drawn without
        them and a warning is logged.
    figsize
        The size in inches.

    Returns
    -------
    figure
        A new matplotlib figure with one axes: one scatter for the schools with school
        social work and one for those without, in id order.

    Raises
    ------
    MissingDependencyError
        If matplotlib is not installed (``pip install "bildungsnetz[plot]"``), or
        ``tiles`` is true and contextily is not (``pip install "bildungsnetz[tiles]"``).

    Examples
    --------
    >>> from bildungsnetz import find_gaps
    >>> from bildungsnetz.datasets import musterkreis
    >>> network = musterkreis()
    >>> figure = draw_map(network, find_gaps(network), lang="en")
    >>> sum(len(points.get_offsets()) for points in figure.axes[0].collections)
    78
    """
    lang = check_lang(lang)
    # Asked for tiles without contextily is an error before any work, not a silent map.
    contextily = (
        require("contextily", extra="tiles", feature="draw_map(tiles=True)") if tiles else None
    )
    day = judged_day(network, as_of)
    schools = school_coverage(network, report, as_of=day)
    placed = [school for school in schools if school.location is not None]
    figure = new_figure("draw_map()", figsize)
    axes = figure.add_subplot()
    set_title(figure, _TEXT[lang]["title"], network, day, lang)
    if not placed:
        empty = "no_places" if schools else "no_schools"
        show_empty(axes, _TEXT[lang][empty].format(schools=number(len(schools), lang)))
        return figure
    _draw_schools(figure, axes, placed, lang)
    if len(placed) < len(schools):
        axes.set_title(
            _TEXT[lang]["unplaced"].format(
                count=number(len(schools) - len(placed), lang),
                schools=number(len(schools), lang),
            ),
            fontsize=9,
            color="#444444",
        )
    if contextily is not None:
        _add_tiles(figure, axes, contextily)
    return figure


def _draw_schools(
    figure: Figure, axes: Axes, schools: list[SchoolCoverage], lang: Language
) -> None:
    handles = []
    for covered, colour, label in (
        (True, COVERED, "covered"),
        (False, UNCOVERED, "uncovered"),
    ):
        group = [school for school in schools if school.school_social_work is covered]
        points = axes.scatter(
            [school.location.lon for school in group],  # type: ignore[union-attr]
            [school.location.lat for school in group],  # type: ignore[union-attr]
            s=50,
            c=colour,
            edgecolors=[
                NO_FINDING if school.severity is None else SEVERITY_COLOURS[school.severity]
                for school in group
            ],
            linewidths=[0.6 if school.severity is None else 2.0 for school in group],
            zorder=3,
        )
        points.set_gid(label)
        handles.append(marker(colour, _TEXT[lang][label].format(count=number(len(group), lang))))
    side_legend(figure, handles, _TEXT[lang]["coverage"], gid="coverage")
    severity_legend(
        figure, {school.severity for school in schools if school.severity is not None}, lang
    )
    latitudes = [school.location.lat for school in schools]  # type: ignore[union-attr]
    middle = (min(latitudes) + max(latitudes)) / 2
    # Equirectangular: a degree of longitude is cos(latitude) as long as one of latitude.
    axes.set_aspect(1 / math.cos(math.radians(middle)), adjustable="datalim")
    axes.margins(0.08)
    axes.set_xlabel(_TEXT[lang]["longitude"])
    axes.set_ylabel(_TEXT[lang]["latitude"])
    axes.grid(color="#e0e0e0", linewidth=0.5, zorder=0)


def _add_tiles(figure: Figure, axes: Axes, contextily: ModuleType) -> None:
    """Draw web tiles behind the schools, or log why there are none."""
    source = contextily.providers.CartoDB.Positron
    # The layout and the aspect settle the axes' limits only when drawn; the tiles must
    # cover the limits as they will be.
    figure.draw_without_rendering()
    try:
        # contextily's own attribution calls pyplot.draw(), which would touch pyplot's
        # current figure; the attribution is added here instead.
        contextily.add_basemap(axes, crs="EPSG:4326", source=source, attribution=False, zorder=0)
    except OSError as error:  # requests' and PIL's errors are OSErrors
        logger.warning("map tiles could not be fetched, drawing without them: %s", error)
        return
    axes.text(
        0.005, 0.005, source["attribution"], transform=axes.transAxes, fontsize=7,
        color="#444444", va="bottom",
    )  # fmt: skip
