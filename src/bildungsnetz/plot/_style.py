"""What every figure shares: the blank figure, the day, the colours, the empty message.

matplotlib is imported here only inside :func:`new_figure`, through
:func:`bildungsnetz._optional.require`, so that importing :mod:`bildungsnetz.plot` costs
nothing and a missing matplotlib is an error naming the ``plot`` extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bildungsnetz._format import day as format_day
from bildungsnetz._optional import require
from bildungsnetz.model import ActorKind, Severity, to_day

if TYPE_CHECKING:
    from datetime import date

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    from bildungsnetz.gaps import GapReport
    from bildungsnetz.model import DayLike, EducationNetwork, Language

__all__: list[str] = []

FIGSIZE = (10.0, 7.0)
"""Inches; at 100 dpi every text of every figure stays readable."""

# One fixed colour per kind, whatever kinds a network has, so that the same kind looks the
# same in every figure. The kinds most networks have most of get the strongest hues.
KIND_COLOURS: dict[ActorKind, str] = {
    ActorKind.SCHOOL: "#1f77b4",
    ActorKind.DAYCARE: "#f2b701",
    ActorKind.SCHOOL_SOCIAL_WORK: "#2ca02c",
    ActorKind.COUNSELLING_TEACHER: "#98df8a",
    ActorKind.SCHOOL_PSYCHOLOGY: "#17becf",
    ActorKind.YOUTH_WELFARE_OFFICE: "#d62728",
    ActorKind.YOUTH_WELFARE_PROVIDER: "#ff9896",
    ActorKind.PARENTS_COUNCIL: "#c5b0d5",
    ActorKind.PUPILS_COUNCIL: "#9467bd",
    ActorKind.NETWORK_OFFICE: "#000000",
    ActorKind.EDUCATION_OFFICE: "#555555",
    ActorKind.DISTRICT_ADMINISTRATION: "#7f7f7f",
    ActorKind.SCHOOL_AUTHORITY: "#aec7e8",
    ActorKind.MUNICIPALITY: "#c7c7c7",
    ActorKind.YOUTH_EMPLOYMENT_AGENCY: "#8c564b",
    ActorKind.EMPLOYMENT_AGENCY: "#c49c94",
    ActorKind.CAREER_GUIDANCE: "#e377c2",
    ActorKind.MIGRATION_SERVICE: "#ff7f0e",
    ActorKind.HEALTH_SERVICE: "#bcbd22",
    ActorKind.ADULT_EDUCATION: "#dbdb8d",
    ActorKind.ASSOCIATION: "#9edae5",
    ActorKind.EMPLOYER: "#393b79",
    ActorKind.OTHER: "#f7b6d2",
}

# From pale to dark, as the severities rise (after ColorBrewer YlOrRd).
SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.INFO: "#969696",
    Severity.LOW: "#fecc5c",
    Severity.MEDIUM: "#fd8d3c",
    Severity.HIGH: "#e31a1c",
    Severity.CRITICAL: "#67000d",
}

# Drawn behind a marker that no finding names.
NO_FINDING = "#ffffff"

WORST_FINDING = {"de": "Schwerster Befund", "en": "Worst finding"}
AS_OF = {"de": "Stand", "en": "as of"}


def check_lang(lang: str) -> Language:
    """Return ``lang`` if it is a language labels exist in, else raise a ``ValueError``."""
    if lang not in ("de", "en"):
        msg = f"lang must be 'de' or 'en', got {lang!r}"
        raise ValueError(msg)
    return "de" if lang == "de" else "en"


def new_figure(feature: str, figsize: tuple[float, float]) -> Figure:
    """Return a new figure of its own, outside pyplot's global state.

    A figure made by ``matplotlib.figure.Figure`` belongs to the caller alone: pyplot does
    not keep it alive, show it or close it, and it renders with any backend.
    """
    require("matplotlib", extra="plot", feature=feature)
    from matplotlib.figure import Figure  # noqa: PLC0415 (optional: require() named its extra)

    return Figure(figsize=figsize, layout="constrained")


def judged_day(network: EducationNetwork, as_of: DayLike | None) -> date | None:
    """Return the day a figure shows: ``as_of``, else the network's reference date."""
    return to_day(as_of, name="as_of") if as_of is not None else network.reference_date


def snapshot(network: EducationNetwork, day: date | None) -> EducationNetwork:
    """Return the network on the day (all of it without one)."""
    return network if day is None else network.as_of(day)


def set_title(
    figure: Figure, text: str, network: EducationNetwork, day: date | None, lang: Language
) -> None:
    """Give a figure its title: what it shows, the network's name and the day."""
    dated = "" if day is None else f", {AS_OF[lang]} {format_day(day, lang)}"
    # Left-aligned, so that a long name runs away from the legends at the top right.
    figure.suptitle(f"{text} – {network.name}{dated}", fontsize=13, x=0.02, ha="left")


def worst_severities(report: GapReport | None) -> dict[str, Severity]:
    """Return each actor a finding names with the worst severity among its findings."""
    worst: dict[str, Severity] = {}
    for gap in report.gaps if report is not None else ():
        for actor in gap.actors:
            if actor not in worst or gap.severity > worst[actor]:
                worst[actor] = gap.severity
    return worst


def marker(colour: str, label: str, *, edge: str | None = None) -> Line2D:
    """Return a legend entry: a round marker of one size, whatever the points' sizes."""
    from matplotlib.lines import Line2D  # noqa: PLC0415 (optional: new_figure() required it)

    return Line2D(
        [],
        [],
        linestyle="none",
        marker="o",
        markersize=8,
        markerfacecolor=colour,
        markeredgecolor=edge or colour,
        markeredgewidth=2.0 if edge else 0.5,
        label=label,
    )


def side_legend(
    figure: Figure, handles: list[Line2D], heading: str, *, gid: str, top: bool = True
) -> None:
    """Add a legend right of the axes, at the top or the bottom (so that two fit)."""
    if not handles:
        return
    legend = figure.legend(
        handles=handles,
        title=heading,
        loc="outside right upper" if top else "outside right lower",
        frameon=False,
        fontsize=9,
        title_fontsize=10,
        alignment="left",
    )
    legend.set_gid(gid)


def severity_legend(figure: Figure, severities: set[Severity], lang: Language) -> None:
    """Add the legend of the outline colours, for the severities that occur, worst first."""
    handles = [
        marker(NO_FINDING, severity.label(lang), edge=SEVERITY_COLOURS[severity])
        for severity in sorted(severities, reverse=True)
    ]
    side_legend(figure, handles, WORST_FINDING[lang], gid="severities", top=False)


def show_empty(axes: Axes, message: str) -> None:
    """Say in the middle of empty axes why there is nothing to show."""
    axes.set_xticks([])
    axes.set_yticks([])
    axes.text(
        0.5,
        0.5,
        message,
        transform=axes.transAxes,
        ha="center",
        va="center",
        fontsize=12,
        color="#555555",
        wrap=True,
    )
