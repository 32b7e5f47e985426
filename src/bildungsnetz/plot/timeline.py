"""What ends when: the funding cliff as bars per month, the deciding programmes named.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> figure = draw_funding_timeline(musterkreis())
>>> figure.axes[0].get_ylabel()
'Anzahl, die endet'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from bildungsnetz._format import day as format_day
from bildungsnetz._format import number
from bildungsnetz.gaps.overview import endings
from bildungsnetz.model import to_horizon
from bildungsnetz.plot._style import (
    FIGSIZE,
    check_lang,
    judged_day,
    new_figure,
    set_title,
    show_empty,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from bildungsnetz.gaps import Ending
    from bildungsnetz.model import DayLike, EducationNetwork, HorizonLike, Language

__all__ = ["draw_funding_timeline"]

Month = tuple[int, int]

# From the money to what it pays for, the order the bars are stacked in.
COLLECTIONS = ("programmes", "actors", "cooperations", "forums", "interventions")

COLLECTION_COLOURS = {
    "programmes": "#252525",
    "actors": "#d62728",
    "cooperations": "#1f77b4",
    "forums": "#9467bd",
    "interventions": "#2ca02c",
}

# Notes on bars nearer to an edge than this share of the width hang inwards.
_EDGE = 0.2
# Month steps for the ticks, the first that gives at most _TICKS ticks is taken.
_STEPS = (1, 2, 3, 4, 6, 12, 24, 60, 120)
_TICKS = 9

_MONTHS = {
    "de": ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}

_COLLECTIONS = {
    "de": {
        "programmes": "Förderprogramme",
        "actors": "Stellen und Akteure",
        "cooperations": "Kooperationen",
        "forums": "Gremien",
        "interventions": "Maßnahmen",
    },
    "en": {
        "programmes": "funding programmes",
        "actors": "posts and actors",
        "cooperations": "cooperations",
        "forums": "forums",
        "interventions": "interventions",
    },
}

_TEXT = {
    "de": {
        "title": "Was endet wann",
        "legend": "Es endet",
        "count": "Anzahl, die endet",
        "month": "Monat des letzten Tages",
        "as_of": "Stichtag {day}",
        "horizon": "bis {day}",
        "own": "eigene Laufzeit",
        "empty": "Nichts endet{window}.",
    },
    "en": {
        "title": "What ends when",
        "legend": "Ending",
        "count": "number ending",
        "month": "month of the last day",
        "as_of": "as of {day}",
        "horizon": "until {day}",
        "own": "own period",
        "empty": "Nothing ends{window}.",
    },
}


def draw_funding_timeline(
    network: EducationNetwork,
    *,
    as_of: DayLike | None = None,
    horizon: HorizonLike | None = None,
    lang: Language = "de",
    figsize: tuple[float, float] = FIGSIZE,
) -> Figure:
    """Draw what ends when: programmes, posts, ties, forums and interventions, per month.

    The endings are those of :func:`bildungsnetz.gaps.overview.endings`: a record ends on
    the last day of its own period or of the money it rests on. They are counted per
    month of their last day, one stacked bar per month, coloured by collection; above
    each bar stand its total, its last days and the programmes whose end ends its
    records (the funding cliff). A vertical line marks the day looked ahead from, a
    dashed one the end of the horizon.

    Parameters
    ----------
    network
        The network.
    as_of
        The day to look ahead from; the network's ``reference_date`` by default.
    horizon
        Only what ends within this time after ``as_of`` (whole days, a ``timedelta`` or
        the day up to which to look); everything ahead if ``None``.
    lang
        The language of title, labels and legends: ``"de"`` or ``"en"``.
    figsize
        The size in inches.

    Returns
    -------
    figure
        A new matplotlib figure with one axes: a bar container per collection that ends
        at all, one bar per month; the bars' heights add up to the number of endings.

    Raises
    ------
    MissingDependencyError
        If matplotlib is not installed (``pip install "bildungsnetz[plot]"``).

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> figure = draw_funding_timeline(musterkreis(), horizon=3 * 365, lang="en")
    >>> int(sum(bar.get_height() for bars in figure.axes[0].containers for bar in bars))
    65
    """
    lang = check_lang(lang)
    day = judged_day(network, as_of)
    ended = endings(network, as_of=day, horizon=horizon)
    last = None if horizon is None or day is None else day + to_horizon(horizon, start=day)
    figure = new_figure("draw_funding_timeline()", figsize)
    axes = figure.add_subplot()
    set_title(figure, _TEXT[lang]["title"], network, day, lang)
    if not ended:
        window = (
            ""
            if last is None
            else " " + _TEXT[lang]["horizon"].format(day=format_day(last - timedelta(days=1), lang))
        )
        show_empty(axes, _TEXT[lang]["empty"].format(window=window))
        return figure
    months = sorted({(ending.last_day.year, ending.last_day.month) for ending in ended})
    _draw_bars(figure, axes, ended, months, lang)
    _format_axes(axes, ended, day, last, lang)
    _annotate(axes, network, ended, months, lang)
    _mark_days(axes, day, last, lang)
    return figure


def _middle(month: Month) -> int:
    """Return where a month's bar stands: the 15th, as a day number (see _x)."""
    return _x(date(month[0], month[1], 15))


def _x(day: date) -> int:
    # Days as plain numbers (proleptic ordinals): ticks and labels are then ours, in the
    # figure's language, not matplotlib's date handling in the process's locale.
    return day.toordinal()


def _draw_bars(
    figure: Figure, axes: Axes, ended: tuple[Ending, ...], months: list[Month], lang: Language
) -> None:
    counts: Counter[tuple[str, Month]] = Counter(
        (ending.collection, (ending.last_day.year, ending.last_day.month)) for ending in ended
    )
    below = dict.fromkeys(months, 0)
    handles = []
    for collection in COLLECTIONS:
        heights = [counts[collection, month] for month in months]
        if not any(heights):
            continue
        label = _COLLECTIONS[lang][collection]
        bars = axes.bar(
            [_middle(month) for month in months],
            heights,
            width=24,
            bottom=[below[month] for month in months],
            color=COLLECTION_COLOURS[collection],
            label=label,
            zorder=2,
        )
        for month, height in zip(months, heights, strict=True):
            below[month] += height
        handles.append(bars)
    figure.legend(
        handles=handles,
        title=_TEXT[lang]["legend"],
        loc="outside right upper",
        frameon=False,
        fontsize=9,
        title_fontsize=10,
        alignment="left",
    ).set_gid("collections")


def _annotate(
    axes: Axes,
    network: EducationNetwork,
    ended: tuple[Ending, ...],
    months: list[Month],
    lang: Language,
) -> None:
    """Write above each bar its total, its last days and the programmes that decide."""
    names = {programme.id: programme.name for programme in network.programmes}
    by_month: dict[Month, list[Ending]] = defaultdict(list)
    for ending in ended:
        by_month[ending.last_day.year, ending.last_day.month].append(ending)
    for month in months:
        group = by_month[month]
        days = sorted({ending.last_day for ending in group})
        programmes = sorted(
            {names.get(p, p) for ending in group for p in ending.programmes}
            | {ending.name for ending in group if ending.collection == "programmes"}
        )
        lines = [
            f"{number(len(group), lang)} · " + ", ".join(format_day(d, lang) for d in days),
            *programmes,
        ]
        axes.annotate(
            "\n".join(lines),
            (_middle(month), len(group)),
            xytext=(0, 4),
            textcoords="offset points",
            ha=_alignment(axes, _middle(month)),
            va="bottom",
            fontsize=8,
        )


def _alignment(axes: Axes, where: int) -> Literal["left", "center", "right"]:
    """Return how to align a note on a bar so that it stays inside the axes."""
    start, end = axes.get_xlim()
    place = (where - start) / (end - start)
    # A note may be wider than the bars are apart; near an edge it hangs inwards.
    if place < _EDGE:
        return "left"
    return "right" if place > 1 - _EDGE else "center"


def _mark_days(axes: Axes, day: date | None, last: date | None, lang: Language) -> None:
    if day is not None:
        axes.axvline(_x(day), color="#444444", linewidth=1.2, zorder=3)
        axes.annotate(
            _TEXT[lang]["as_of"].format(day=format_day(day, lang)),
            (_x(day), 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -3),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=8,
        )
    if last is not None:
        axes.axvline(_x(last), color="#444444", linewidth=1, linestyle="--", zorder=3)
        axes.annotate(
            _TEXT[lang]["horizon"].format(day=format_day(last - timedelta(days=1), lang)),
            (_x(last), 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(-3, -3),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=8,
        )


def _format_axes(
    axes: Axes, ended: tuple[Ending, ...], day: date | None, last: date | None, lang: Language
) -> None:
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 (optional, required)

    first = min(ending.last_day for ending in ended)
    final = max(ending.last_day for ending in ended)
    start = min(first, day) if day is not None else first
    end = max(final, last) if last is not None else final
    margin = max(timedelta(days=45), (end - start) / 20)
    axes.set_xlim(_x(start - margin), _x(end + margin))
    ticks = _month_ticks(start - margin, end + margin)
    axes.set_xticks(
        [_x(tick) for tick in ticks],
        [f"{_MONTHS[lang][tick.month - 1]} {tick.year}" for tick in ticks],
    )
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    tallest = max(Counter((e.last_day.year, e.last_day.month) for e in ended).values())
    # Room above the tallest bar for its note.
    axes.set_ylim(0, tallest * 1.25 + 1)
    axes.set_ylabel(_TEXT[lang]["count"])
    axes.set_xlabel(_TEXT[lang]["month"])
    axes.grid(axis="y", color="#e0e0e0", linewidth=0.5, zorder=0)


def _month_ticks(start: date, end: date) -> list[date]:
    """Return first days of months from start to end, a round number of months apart."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((step for step in _STEPS if months / step <= _TICKS), _STEPS[-1])
    # Ticks on months divisible by the step (January, April, July, ... for three).
    first = (start.year * 12 + start.month - 1) // step * step + step
    last = end.year * 12 + end.month - 1
    return [date(index // 12, index % 12 + 1, 1) for index in range(first, last + 1, step)]
