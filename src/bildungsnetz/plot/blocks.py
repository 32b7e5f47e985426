"""Which kinds of actors are tied to each other more or less than chance would have it.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> figure = draw_block_densities(musterkreis())
>>> figure.axes[0].get_xlabel()
'Akteursart'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz._format import number
from bildungsnetz.graph import project
from bildungsnetz.metrics import block_densities
from bildungsnetz.model import ActorKind
from bildungsnetz.plot._style import (
    FIGSIZE,
    check_lang,
    judged_day,
    new_figure,
    set_title,
    show_empty,
)

if TYPE_CHECKING:
    import numpy.typing as npt
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bildungsnetz.metrics import BlockDensity
    from bildungsnetz.metrics.blocks import Expectation
    from bildungsnetz.model import DayLike, EducationNetwork, Language

__all__ = ["draw_block_densities"]

if TYPE_CHECKING:
    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

# The colour scale ends at a sixteenth and sixteen times the expected ties; beyond, the
# difference is plain and the colour saturates.
_LIMIT = 16.0
# Beyond this factor either way a cell is dark enough for white numbers.
_DARK = 4.0

_TEXT = {
    "de": {
        "title": "Verbindungen zwischen Akteursarten, beobachtet ÷ erwartet",
        "axis": "Akteursart",
        "degree": "Erwartung: zufällig verknüpft bei denselben Graden (Konfigurationsmodell)",
        "uniform": "Erwartung: zufällig verknüpft bei derselben Dichte",
        "colour": "beobachtete ÷ erwartete Verbindungen (1 = wie erwartet)",
        "cells": "Zahl: beobachtete Verbindungen · grau: weniger als {least} erwartet",
        "empty": "Keine Verbindungen an diesem Tag.",
    },
    "en": {
        "title": "Ties between kinds of actors, observed ÷ expected",
        "axis": "Actor kind",
        "degree": "Expectation: random ties with the same degrees (configuration model)",
        "uniform": "Expectation: random ties at the same density",
        "colour": "observed ÷ expected ties (1 = as expected)",
        "cells": "Number: observed ties · grey: fewer than {least} expected",
        "empty": "No ties on this day.",
    },
}


def draw_block_densities(
    network: EducationNetwork,
    *,
    as_of: DayLike | None = None,
    lang: Language = "de",
    expected: Expectation = "degree",
    min_expected: float = 1.0,
    figsize: tuple[float, float] = FIGSIZE,
) -> Figure:
    """Draw the ties between kinds of actors against what chance would give, as a heatmap.

    Rows and columns are the kinds of actor the network has on the day (in the order of
    :class:`~bildungsnetz.model.ActorKind`). Each cell is coloured by the ratio of
    observed to expected ties between the two kinds, which equals the ratio of observed to
    expected density, from :func:`bildungsnetz.metrics.block_densities` on
    :func:`bildungsnetz.graph.project` of the day; it is labelled with the number of
    ties observed. Red cells are kinds that work together less than chance would have
    it, blue ones more. A cell in which fewer than ``min_expected`` ties are expected is
    grey and has no ratio: no tie where a fifth of one is expected is no finding. So is a
    cell in which no pair is possible (within a kind of one actor).

    Parameters
    ----------
    network
        The network.
    as_of
        The day; the network's ``reference_date`` by default.
    lang
        The language of title, labels and legends: ``"de"`` or ``"en"``.
    expected
        The chance model: ``"degree"``, a random network in which every actor keeps its
        number of ties (the configuration model), or ``"uniform"``, one of the same
        density.
    min_expected
        The fewest expected ties for which a cell shows a ratio.
    figsize
        The size in inches.

    Returns
    -------
    figure
        A new matplotlib figure: the heatmap (an image whose array holds the ratios,
        masked where there is none) and its colour bar.

    Raises
    ------
    MissingDependencyError
        If matplotlib is not installed (``pip install "bildungsnetz[plot]"``).

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> figure = draw_block_densities(musterkreis(), lang="en")
    >>> ratios = figure.axes[0].images[0].get_array()
    >>> ratios.shape
    (21, 21)
    """
    lang = check_lang(lang)
    day = judged_day(network, as_of)
    graph = project(network, as_of=day)
    figure = new_figure("draw_block_densities()", figsize)
    axes = figure.add_subplot()
    set_title(figure, _TEXT[lang]["title"], network, day, lang)
    if graph.number_of_edges() == 0:
        show_empty(axes, _TEXT[lang]["empty"])
        return figure
    blocks = block_densities(graph, "kind", expected=expected)
    present = {kind for _, kind in graph.nodes(data="kind")}
    kinds = [kind for kind in ActorKind if kind.value in present]
    _draw_heatmap(figure, axes, kinds, blocks, min_expected=min_expected, lang=lang)
    axes.set_title(_TEXT[lang][expected], fontsize=9, color="#444444")
    return figure


def _draw_heatmap(
    figure: Figure,
    axes: Axes,
    kinds: list[ActorKind],
    blocks: dict[tuple[object, object], BlockDensity],
    *,
    min_expected: float,
    lang: Language,
) -> None:
    from matplotlib import colormaps  # noqa: PLC0415 (optional: new_figure() required it)
    from matplotlib.colors import FuncNorm  # noqa: PLC0415 (as above)

    size = len(kinds)
    # nan where there is no ratio: imshow masks it and paints it in the "bad" grey.
    ratios = np.full((size, size), np.nan)
    ties = np.zeros((size, size), dtype=np.int64)
    for row, first in enumerate(kinds):
        for column, second in enumerate(kinds):
            block = blocks.get((first.value, second.value)) or blocks[second.value, first.value]
            ties[row, column] = block.ties
            if block.possible and block.expected_ties >= min_expected:
                ratios[row, column] = block.ratio
    # A ratio is a factor: a half and twice as many lie equally far from 1, on a log scale.
    norm = FuncNorm((_log_ratio, np.exp2), vmin=1 / _LIMIT, vmax=_LIMIT, clip=True)
    # Cells as wide as the figure allows: the long kind labels leave more width than height.
    image = axes.imshow(
        ratios, cmap=colormaps["RdBu"].with_extremes(bad="#d9d9d9"), norm=norm, aspect="auto"
    )
    _label_cells(axes, ties, ratios, lang)
    labels = [kind.label(lang) for kind in kinds]
    axes.set_xticks(range(size), labels, rotation=60, ha="right", rotation_mode="anchor")
    axes.set_yticks(range(size), labels)
    axes.tick_params(labelsize=8)
    axes.set_xlabel(_TEXT[lang]["axis"])
    axes.set_ylabel(_TEXT[lang]["axis"])
    ticks = [1 / _LIMIT, 1 / 4, 1, 4, _LIMIT]
    colourbar = figure.colorbar(image, ax=axes, shrink=0.8, ticks=ticks)
    colourbar.ax.set_yticklabels(["≤ 1/16", "1/4", "1", "4", "≥ 16"])
    colourbar.set_label(_TEXT[lang]["colour"])
    least = number(min_expected, lang, places=0 if min_expected == int(min_expected) else 1)
    figure.supxlabel(_TEXT[lang]["cells"].format(least=least), fontsize=8, color="#444444")


def _log_ratio(ratios: FloatArray) -> FloatArray:
    # No ties at all is as far below as the scale goes, not minus infinity.
    logs: FloatArray = np.log2(np.maximum(ratios, 1 / _LIMIT))
    return logs


def _label_cells(axes: Axes, ties: IntArray, ratios: FloatArray, lang: Language) -> None:
    size = ties.shape[0]
    for row in range(size):
        for column in range(size):
            ratio = ratios[row, column]
            # White on the darker ends of the scale (nan compares false: a grey cell).
            dark = ratio <= 1 / _DARK or ratio >= _DARK
            axes.text(
                column,
                row,
                number(int(ties[row, column]), lang),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if dark else "black",
            )
