"""The two graphics of the HTML report: the map of the schools and the funding timeline.

Both are drawn as inline SVG by the templates ``report_map.html.j2`` and
``report_timeline.html.j2``; this module computes what they draw (positions, sizes and
the texts), so that the templates only lay it out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bildungsnetz._format import number
from bildungsnetz.model import Severity

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from bildungsnetz.gaps.overview import Ending, SchoolCoverage
    from bildungsnetz.model import EducationNetwork, Language

__all__ = ["map_view", "timeline_view"]

_TIMELINE_COLLECTIONS = ("programmes", "actors", "cooperations", "forums", "interventions")

# Map marks: the larger, the more severe the school's worst finding.
_RADIUS: dict[Severity | None, float] = {
    None: 3.5,
    Severity.INFO: 4.0,
    Severity.LOW: 4.5,
    Severity.MEDIUM: 5.5,
    Severity.HIGH: 7.0,
    Severity.CRITICAL: 8.5,
}
_MAP_WIDTH = 720.0
_MAP_MAX_HEIGHT = 560.0
_MAP_PAD = 18.0
_MAP_FOOT = 30.0  # room below the points for the scale bar
_KM_PER_DEGREE = 111.32
_SCALE_LENGTHS_KM = (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)

_TIMELINE_WIDTH = 760.0
_TIMELINE_LABEL = 104.0  # left of the bars: the day
_TIMELINE_BAR = 520.0
_TIMELINE_ROW = 54.0
_TIMELINE_TOP = 6.0
_CAUSE_CHARACTERS = 96  # what fits below a bar; the table has the whole text


@dataclass(frozen=True)
class _Point:
    anchor: str
    x: float
    y: float
    r: float
    school_social_work: bool
    severity: str
    tooltip: str


@dataclass(frozen=True)
class _Map:
    width: float
    height: float
    points: tuple[_Point, ...]
    scale_x: float
    scale_y: float
    scale_length: float
    scale_label: str
    legend: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class _Segment:
    collection: str
    label: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class _TimelineRow:
    last_day: date
    y: float
    total: int
    total_x: float
    segments: tuple[_Segment, ...]
    cause: str


@dataclass(frozen=True)
class _TimelineLine:
    last_day: date
    collection: str
    count: int
    cause: str


@dataclass(frozen=True)
class _Timeline:
    width: float
    height: float
    label_x: float
    bar_x: float
    rows: tuple[_TimelineRow, ...]
    lines: tuple[_TimelineLine, ...]
    legend: tuple[tuple[str, str], ...]


def map_view(
    schools: tuple[SchoolCoverage, ...],
    anchors: Mapping[str, str],
    *,
    lang: Language,
    words: Mapping[str, str],
) -> _Map | None:
    """Place the schools by longitude and latitude: east is right, north is up.

    Equirectangular, with a degree of longitude shortened by the cosine of the middle
    latitude so that distances east and north are to the same scale; a district is small
    enough for that to be true to within a per cent.
    """
    located = [school for school in schools if school.location is not None]
    if not located:
        return None
    lats = [school.location.lat for school in located if school.location is not None]
    lons = [school.location.lon for school in located if school.location is not None]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x, span_y = (max(lons) - min(lons)) * shrink, max(lats) - min(lats)
    inner = _MAP_WIDTH - 2 * _MAP_PAD
    scale = min(
        inner / span_x if span_x else math.inf,
        (_MAP_MAX_HEIGHT - 2 * _MAP_PAD - _MAP_FOOT) / span_y if span_y else math.inf,
    )
    if math.isinf(scale):  # every school at one place
        scale = 1.0
    offset_x = _MAP_PAD + (inner - span_x * scale) / 2
    height = span_y * scale + 2 * _MAP_PAD + _MAP_FOOT
    points = []
    for school in located:
        assert school.location is not None
        points.append(
            _Point(
                anchor=anchors[school.actor],
                x=round(offset_x + (school.location.lon - min(lons)) * shrink * scale, 1),
                y=round(_MAP_PAD + (max(lats) - school.location.lat) * scale, 1),
                r=_RADIUS[school.severity],
                school_social_work=school.school_social_work,
                severity="none" if school.severity is None else school.severity.value,
                tooltip=_tooltip(school, lang=lang, words=words),
            )
        )
    # The largest marks first, so that a small one is never hidden under a large one.
    points.sort(key=lambda point: (-point.r, point.anchor))
    km, pixels = _scale_bar(scale, shrink)
    return _Map(
        width=_MAP_WIDTH,
        height=round(height, 1),
        points=tuple(points),
        scale_x=_MAP_PAD,
        scale_y=round(height - _MAP_PAD / 2, 1),
        scale_length=pixels,
        scale_label=f"{number(km, lang, places=1 if km < 1 else 0)} km",
        legend=tuple(
            (
                "none" if severity is None else severity.value,
                words["no_finding"] if severity is None else severity.label(lang),
                radius,
            )
            for severity, radius in _RADIUS.items()
        ),
    )


def _tooltip(school: SchoolCoverage, *, lang: Language, words: Mapping[str, str]) -> str:
    social_work = words["with_ssa"] if school.school_social_work else words["without_ssa"]
    worst = (
        words["no_finding"]
        if school.severity is None
        else f"{words['worst']}: {school.severity.label(lang)} "
        f"({number(school.findings, lang)} {words['findings']})"
    )
    return f"{school.name} – {school.form.label(lang)}, {social_work}, {worst}"


def _scale_bar(scale: float, shrink: float) -> tuple[float, float]:
    """Return a round length in km about a fifth of the map wide, and its length in pixels."""
    del shrink  # a km east and a km north have the same length on this map
    pixels_per_km = scale / _KM_PER_DEGREE
    wanted = _MAP_WIDTH / 5 / pixels_per_km
    km = max([length for length in _SCALE_LENGTHS_KM if length <= wanted], default=0.5)
    return km, round(km * pixels_per_km, 1)


def timeline_view(
    ended: tuple[Ending, ...], network: EducationNetwork, *, words: Mapping[str, str]
) -> _Timeline:
    """Return the bars (one per last day, a segment per collection) and the table's lines."""
    programmes = {programme.id: programme.name for programme in network.programmes}
    by_day: dict[date, dict[str, list[Ending]]] = defaultdict(lambda: defaultdict(list))
    for ending in ended:
        by_day[ending.last_day][ending.collection].append(ending)
    widest = max(
        (sum(len(found) for found in collections.values()) for collections in by_day.values()),
        default=0,
    )
    rows, lines = [], []
    for position, (last_day, collections) in enumerate(sorted(by_day.items())):
        total = sum(len(found) for found in collections.values())
        segments, done = [], 0
        for collection in _TIMELINE_COLLECTIONS:
            count = len(collections.get(collection, ()))
            if not count:
                continue
            x = _TIMELINE_LABEL + done / widest * _TIMELINE_BAR
            done += count
            segments.append(
                _Segment(
                    collection=collection,
                    label=words[f"ending_{collection}"],
                    count=count,
                    x=round(x, 1),
                    width=round(_TIMELINE_LABEL + done / widest * _TIMELINE_BAR - x, 1),
                )
            )
            cause = _cause(collections[collection], programmes, words=words)
            lines.append(_TimelineLine(last_day, words[f"ending_{collection}"], count, cause))
        whole = _cause(
            [ending for found in collections.values() for ending in found],
            programmes,
            words=words,
        )
        rows.append(
            _TimelineRow(
                last_day=last_day,
                y=_TIMELINE_TOP + position * _TIMELINE_ROW,
                total=total,
                total_x=round(_TIMELINE_LABEL + total / widest * _TIMELINE_BAR + 6, 1),
                segments=tuple(segments),
                cause=_shortened(whole),
            )
        )
    return _Timeline(
        width=_TIMELINE_WIDTH,
        height=_TIMELINE_TOP + len(rows) * _TIMELINE_ROW,
        label_x=_TIMELINE_LABEL - 10,
        bar_x=_TIMELINE_LABEL,
        rows=tuple(rows),
        lines=tuple(lines),
        legend=tuple(
            (collection, words[f"ending_{collection}"]) for collection in _TIMELINE_COLLECTIONS
        ),
    )


def _cause(found: list[Ending], programmes: Mapping[str, str], *, words: Mapping[str, str]) -> str:
    """Return why these records end: the programmes whose end ends them, or their own end."""
    ending_programmes = {programme for ending in found for programme in ending.programmes} | {
        ending.record for ending in found if ending.collection == "programmes"
    }
    parts = []
    if ending_programmes:
        named = sorted(programmes.get(programme, programme) for programme in ending_programmes)
        parts.append(words["ends_with"].format(names=", ".join(named)))
    if any(not ending.programmes and ending.collection != "programmes" for ending in found):
        parts.append(words["own_period"])
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def _shortened(text: str) -> str:
    if len(text) <= _CAUSE_CHARACTERS:
        return text
    return text[: _CAUSE_CHARACTERS - 1].rstrip() + "…"
