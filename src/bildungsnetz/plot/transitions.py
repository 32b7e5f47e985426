"""Where pupils go: the transition matrix by school form and the flows between the stages.

Every number and every width comes from :func:`bildungsnetz.gaps.transition_matrix`, whose
table has already suppressed the small counts, so the figure publishes nothing the table
does not.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> figure = draw_transitions(musterkreis())
>>> figure.axes[0].get_ylabel()
'von (abgebende Einrichtung)'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz._format import number
from bildungsnetz.gaps import transition_matrix
from bildungsnetz.model import ActorKind, SchoolForm, Stage
from bildungsnetz.plot._style import (
    FIGSIZE,
    check_lang,
    judged_day,
    new_figure,
    set_title,
    show_empty,
    snapshot,
)
from bildungsnetz.privacy import DEFAULT_POLICY, SUPPRESSED, DisclosurePolicy

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bildungsnetz.gaps import Table
    from bildungsnetz.model import DayLike, EducationNetwork, Language

__all__ = ["draw_transitions"]

TOTAL = "Σ"
NONE = "–"
"""What a cell without pupils shows: the sign of German official statistics for nothing."""

_SUPPRESSED_FILL = "#d9d9d9"

_STAGES = {
    "de": ["Kita", "Primarstufe", "Sekundarstufe I", "Sekundarstufe II, Beruf", "Beruf"],
    "en": ["day care", "primary", "lower secondary", "upper secondary, vocational", "vocational"],
}

_TEXT = {
    "de": {
        "title": "Übergänge",
        "year": "Schuljahr {year}",
        "rows": "von (abgebende Einrichtung)",
        "columns": "nach (aufnehmende Schulform)",
        "matrix": "Schülerinnen und Schüler je Übergang",
        "flows": "Ströme zwischen den Stufen",
        "legend": f"{NONE} niemand · . gesperrt (weniger als {{least}} oder daraus "
        "rückrechenbar) · Linienbreite nach Zahl, gestrichelt: gesperrt",
        "empty": "Keine Übergänge in den Daten.",
    },
    "en": {
        "title": "Transitions",
        "year": "school year {year}",
        "rows": "from (sending institution)",
        "columns": "to (receiving school form)",
        "matrix": "Pupils per transition",
        "flows": "Flows between the stages",
        "legend": f"{NONE} none · . suppressed (fewer than {{least}} or would reveal one) · "
        "line width by count, dashed: suppressed",
        "empty": "No transitions in the data.",
    },
}


def draw_transitions(
    network: EducationNetwork,
    *,
    as_of: DayLike | None = None,
    lang: Language = "de",
    year: int | None = None,
    policy: DisclosurePolicy = DEFAULT_POLICY,
    figsize: tuple[float, float] = FIGSIZE,
) -> Figure:
    """Draw the pupil flows of a school year: the matrix by school form and the flows.

    Left, the table of :func:`bildungsnetz.gaps.transition_matrix` (senders in rows,
    receivers in columns, Kita first and the forms in the order pupils pass through
    them) with its totals; each cell is coloured by its count. Right, the same flows as
    arrows between the stages (Kita → primary → lower secondary → upper secondary and
    vocational), as wide as their counts.

    Disclosure control holds as in the table: a count the table suppresses is shown as
    ``.``, is not coloured and has no width (its arrow is a thin dashed line), and the
    totals are those the table publishes. ``–`` marks a cell without pupils.

    Parameters
    ----------
    network
        The network.
    as_of
        The day whose actors count; the network's ``reference_date`` by default.
    lang
        The language of title, labels and legends: ``"de"`` or ``"en"``.
    year
        The school year by its starting calendar year; the latest in the data by default.
    policy
        How pupil counts are protected.
    figsize
        The size in inches.

    Returns
    -------
    figure
        A new matplotlib figure with two axes: the matrix (an image whose array masks
        the suppressed and empty cells) and the flows.

    Raises
    ------
    MissingDependencyError
        If matplotlib is not installed (``pip install "bildungsnetz[plot]"``).

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> figure = draw_transitions(musterkreis(), lang="en")
    >>> figure.axes[0].get_title()
    'Pupils per transition'
    >>> "." in [text.get_text() for text in figure.axes[0].texts]
    True
    """
    lang = check_lang(lang)
    day = judged_day(network, as_of)
    current = snapshot(network, day)
    years = {flow.year for flow in current.flows}
    chosen = year if year is not None else max(years, default=None)
    figure = new_figure("draw_transitions()", figsize)
    heading = _TEXT[lang]["title"]
    if chosen is not None:
        school_year = f"{chosen}/{(chosen + 1) % 100:02d}"
        heading += f", {_TEXT[lang]['year'].format(year=school_year)}"
    set_title(figure, heading, network, day, lang)
    table = transition_matrix(current, year=chosen, policy=policy, lang=lang)
    if not table.rows:
        show_empty(figure.add_subplot(), _TEXT[lang]["empty"])
        return figure
    matrix_axes, flow_axes = figure.subplots(2, 1, height_ratios=[5, 4])
    rows = _in_stage_order(table.rows, lang)
    columns = _in_stage_order(table.columns, lang)
    _draw_matrix(matrix_axes, table, rows, columns, lang)
    _draw_flows(flow_axes, table, _stage_of_groups(current, lang), lang)
    figure.supxlabel(
        _TEXT[lang]["legend"].format(least=policy.threshold), fontsize=8, color="#444444"
    )
    return figure


def _order(lang: Language) -> dict[str, int]:
    """Return the place of each group label: Kita, then the school forms as declared."""
    labels = [ActorKind.DAYCARE.label(lang), *(form.label(lang) for form in SchoolForm)]
    return {label: place for place, label in enumerate(labels)}


def _in_stage_order(labels: tuple[str, ...], lang: Language) -> list[str]:
    order = _order(lang)
    return sorted(labels, key=lambda label: (order.get(label, len(order)), label))


def _stage_of_groups(network: EducationNetwork, lang: Language) -> dict[str, int]:
    """Return the first stage each group of the table teaches (Kitas: early childhood)."""
    stages: dict[str, int] = {ActorKind.DAYCARE.label(lang): Stage.EARLY_CHILDHOOD.rank}
    for actor in network.actors:
        if actor.school is not None and actor.school.stages:
            label = actor.school.form.label(lang)
            first = min(stage.rank for stage in actor.school.stages)
            stages[label] = min(first, stages.get(label, first))
    return stages


def _draw_matrix(
    axes: Axes, table: Table, rows: list[str], columns: list[str], lang: Language
) -> None:
    from matplotlib.colors import LogNorm  # noqa: PLC0415 (optional: new_figure() required it)
    from matplotlib.patches import Rectangle  # noqa: PLC0415 (as above)

    # nan where nothing is published or no pupil moved: imshow masks it, uncoloured.
    counts = np.full((len(rows), len(columns)), np.nan)
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            count = table.cell(row, column)
            # Only published, non-zero counts have a colour; a suppressed one has none.
            if count:
                counts[i, j] = count
    largest = float(np.nanmax(counts)) if not np.isnan(counts).all() else 1.0
    image = axes.imshow(
        counts, cmap="Blues", norm=LogNorm(vmin=1, vmax=max(largest, 10.0)), aspect="auto"
    )
    image.set_gid("transition-matrix")
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            count = table.cell(row, column)
            if count is None:
                axes.add_patch(
                    Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor=_SUPPRESSED_FILL,
                              hatch="///", edgecolor="white", linewidth=0)
                )  # fmt: skip
            dark = count is not None and count > largest ** (2 / 3)
            _cell_text(axes, j, i, count, lang, color="white" if dark else "black")
        _cell_text(axes, len(columns), i, table.row_totals.get(row), lang, weight="bold")
    for j, column in enumerate(columns):
        _cell_text(axes, j, len(rows), table.column_totals.get(column), lang, weight="bold")
    _cell_text(axes, len(columns), len(rows), table.total, lang, weight="bold")
    axes.axvline(len(columns) - 0.5, color="#444444", linewidth=1)
    axes.axhline(len(rows) - 0.5, color="#444444", linewidth=1)
    axes.set_xlim(-0.5, len(columns) + 0.5)
    axes.set_ylim(len(rows) + 0.5, -0.5)
    axes.set_xticks(
        range(len(columns) + 1), [*columns, TOTAL], rotation=20, ha="right",
        rotation_mode="anchor", fontsize=8,
    )  # fmt: skip
    axes.set_yticks(range(len(rows) + 1), [*rows, TOTAL])
    axes.tick_params(length=0)
    axes.set_xlabel(_TEXT[lang]["columns"])
    axes.set_ylabel(_TEXT[lang]["rows"])
    axes.set_title(_TEXT[lang]["matrix"], fontsize=10)


def _cell_text(
    axes: Axes,
    x: int,
    y: int,
    count: int | None,
    lang: Language,
    *,
    color: str = "black",
    weight: str = "normal",
) -> None:
    if count is None:
        # A lone full stop is easy to miss; it is the one sign that must not be.
        text, size, weight = SUPPRESSED, 14, "bold"
    else:
        text, size = (NONE if count == 0 else number(count, lang)), 9
    axes.text(x, y, text, ha="center", va="center", fontsize=size, color=color, weight=weight)


def _draw_flows(axes: Axes, table: Table, stage_of: dict[str, int], lang: Language) -> None:
    """Draw each group at its first stage and an arrow per flow, as wide as its count."""
    from matplotlib.patches import FancyArrowPatch  # noqa: PLC0415 (optional, required)

    groups = _in_stage_order(tuple({*table.rows, *table.columns}), lang)
    columns: dict[int, list[str]] = {}
    for group in groups:
        columns.setdefault(stage_of.get(group, Stage.VOCATIONAL.rank), []).append(group)
    # Stages side by side from left to right, the groups of a stage one above the other.
    slots = {stage: slot for slot, stage in enumerate(sorted(columns))}
    tallest = max(len(members) for members in columns.values())
    places = {
        group: (float(slots[stage]), _spread(place, len(members), tallest))
        for stage, members in columns.items()
        for place, group in enumerate(members)
    }
    published = [count for count in table.cells.values() if count]
    widest = max(published, default=1)
    for (row, column), count in sorted(table.cells.items()):
        if count == 0:
            continue
        start, end = places[row], places[column]
        # Forward flows run straight; flows within a stage or back bend around the boxes.
        bend = 0.0 if start[0] < end[0] else (0.5 if start[0] == end[0] else 0.25)
        arrow = FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>",
            mutation_scale=12,
            connectionstyle=f"arc3,rad={bend}",
            linewidth=1.2 if count is None else 0.8 + 8 * count / widest,
            linestyle="--" if count is None else "-",
            color="#525252" if count is None else "#2171b5",
            alpha=0.75,
            shrinkA=14,
            shrinkB=14,
            zorder=1,
        )
        arrow.set_gid(f"{row} → {column}")
        axes.add_patch(arrow)
    for group, (x, y) in places.items():
        axes.text(
            x, y, group, ha="center", va="center", fontsize=9, zorder=2,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#444444"},
        )  # fmt: skip
    stages = sorted(columns)
    axes.set_xticks(range(len(stages)), [_STAGES[lang][stage] for stage in stages])
    axes.set_xlim(-0.5, len(stages) - 0.5)
    axes.set_ylim(-tallest / 2, tallest / 2)
    axes.set_yticks([])
    axes.tick_params(length=0)
    for side in ("top", "right", "left", "bottom"):
        axes.spines[side].set_visible(False)
    axes.set_title(_TEXT[lang]["flows"], fontsize=10)


def _spread(place: int, members: int, tallest: int) -> float:
    """Return the height of a group: a stage's groups spread over the tallest stage's height."""
    if members == 1:
        return 0.0
    gap = min((tallest - 1) / (members - 1), 2.0)
    return ((members - 1) / 2 - place) * gap
