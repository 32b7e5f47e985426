"""draw_map: schools at their places, filled by school social work, outlined by findings."""

import logging
import math
import sys
import types

import numpy as np
import pytest

from bildungsnetz import ActorKind, CooperationKind, find_gaps
from bildungsnetz.errors import MissingDependencyError
from bildungsnetz.plot import draw_map
from bildungsnetz.plot._style import SEVERITY_COLOURS
from bildungsnetz.plot.map import COVERED, UNCOVERED

pytestmark = pytest.mark.requires_extra("plot")


@pytest.fixture(scope="module")
def day_network(musterkreis_network):
    return musterkreis_network.as_of(musterkreis_network.reference_date)


@pytest.fixture(scope="module")
def report(musterkreis_network):
    return find_gaps(musterkreis_network)


@pytest.fixture(scope="module")
def figure(musterkreis_network, report):
    return draw_map(musterkreis_network, report)


def covered(network, school):
    """Whether a school social work post is placed at the school, from its ties."""
    return any(
        tie.kind is CooperationKind.PLACEMENT
        and network.actor(tie.other(school.id)).kind is ActorKind.SCHOOL_SOCIAL_WORK
        for tie in network.ties_of(school.id)
    )


def scatters(figure):
    return {points.get_gid(): points for points in figure.axes[0].collections}


def test_one_point_per_school_with_coordinates(figure, day_network):
    """The map has as many points as schools with a location, each at its place."""
    schools = [a for a in day_network.actors if a.kind is ActorKind.SCHOOL and a.location]
    offsets = np.vstack([p.get_offsets() for p in scatters(figure).values()])
    assert len(offsets) == len(schools) == 78
    assert sorted(map(tuple, offsets)) == sorted((s.location.lon, s.location.lat) for s in schools)


def test_schools_are_filled_by_their_school_social_work(figure, day_network):
    """Dark: a post is placed at the school; light: none is."""
    from matplotlib.colors import to_rgba

    schools = sorted(day_network.actors_of("school"), key=lambda school: school.id)
    for gid, colour, expected in (("covered", COVERED, True), ("uncovered", UNCOVERED, False)):
        group = [s for s in schools if covered(day_network, s) is expected]
        points = scatters(figure)[gid]
        assert [tuple(o) for o in points.get_offsets()] == [
            (s.location.lon, s.location.lat) for s in group
        ]
        assert np.allclose(points.get_facecolors(), to_rgba(colour))
    assert len(scatters(figure)["covered"].get_offsets()) == 33


def test_schools_of_findings_are_outlined_by_their_worst_severity(figure, report, day_network):
    """A school named by findings has the colour of the worst of them as its outline."""
    from matplotlib.colors import to_rgba

    worst = {}
    for gap in report:
        for actor in gap.actors:
            worst[actor] = max(worst.get(actor, gap.severity), gap.severity)
    schools = sorted(day_network.actors_of("school"), key=lambda school: school.id)
    for gid, expected in (("covered", True), ("uncovered", False)):
        group = [s.id for s in schools if covered(day_network, s) is expected]
        edges = scatters(figure)[gid].get_edgecolors()
        for school, edge in zip(group, edges, strict=True):
            colour = SEVERITY_COLOURS[worst[school]] if school in worst else "white"
            assert tuple(edge) == to_rgba(colour)


def test_the_aspect_is_corrected_for_the_latitude(figure, day_network):
    """A degree of longitude is drawn cos(latitude) as long as one of latitude."""
    latitudes = [s.location.lat for s in day_network.actors_of("school")]
    middle = (min(latitudes) + max(latitudes)) / 2
    assert math.isclose(figure.axes[0].get_aspect(), 1 / math.cos(math.radians(middle)))


@pytest.mark.parametrize(
    ("lang", "labels"),
    [("de", ["mit (33)", "ohne (45)"]), ("en", ["with (33)", "without (45)"])],
)
def test_the_legend_counts_schools_with_and_without(musterkreis_network, lang, labels):
    """The coverage legend names and counts both groups in the language."""
    figure = draw_map(musterkreis_network, lang=lang)
    legend = next(legend for legend in figure.legends if legend.get_gid() == "coverage")
    assert [text.get_text() for text in legend.get_texts()] == labels


def test_schools_without_coordinates_are_counted_not_drawn(musterkreis_network):
    """A school without a location is left out and the map says how many are."""
    school = musterkreis_network.actor("gym-schlossberg")
    network = musterkreis_network.with_actors(school.model_copy(update={"location": None}))
    figure = draw_map(network)
    assert sum(len(p.get_offsets()) for p in scatters(figure).values()) == 77
    assert figure.axes[0].get_title() == "1 von 78 Schulen ohne Koordinaten, nicht eingezeichnet"


def fake_contextily(add_basemap):
    module = types.ModuleType("contextily")
    positron = {"attribution": "(C) OpenStreetMap contributors (C) CARTO"}
    module.providers = types.SimpleNamespace(CartoDB=types.SimpleNamespace(Positron=positron))
    module.add_basemap = add_basemap
    return module


def test_tiles_that_cannot_be_fetched_leave_the_map_without_them(
    musterkreis_network, monkeypatch, caplog
):
    """No network: the map is drawn as without tiles and a warning is logged."""

    def offline(axes, **options):
        message = "no network"
        raise ConnectionError(message)

    monkeypatch.setitem(sys.modules, "contextily", fake_contextily(offline))
    with caplog.at_level(logging.WARNING, logger="bildungsnetz.plot.map"):
        figure = draw_map(musterkreis_network, tiles=True)
    assert [record.getMessage() for record in caplog.records] == [
        "map tiles could not be fetched, drawing without them: no network"
    ]
    assert len(figure.axes[0].images) == 0
    assert sum(len(p.get_offsets()) for p in scatters(figure).values()) == 78


def test_fetched_tiles_are_drawn_behind_the_schools_with_their_attribution(
    musterkreis_network, monkeypatch
):
    """The tiles cover the map's final extent, in longitude and latitude, with attribution."""
    calls = []

    def add_basemap(axes, **options):
        calls.append((axes.get_xlim(), options))
        axes.imshow(np.zeros((2, 2, 3)), extent=(*axes.get_xlim(), *axes.get_ylim()), zorder=0)

    monkeypatch.setitem(sys.modules, "contextily", fake_contextily(add_basemap))
    figure = draw_map(musterkreis_network, tiles=True)
    ((limits, options),) = calls
    assert options["crs"] == "EPSG:4326"
    assert options["attribution"] is False
    assert limits == figure.axes[0].get_xlim()
    assert len(figure.axes[0].images) == 1
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert "(C) OpenStreetMap contributors (C) CARTO" in texts


@pytest.mark.requires_extra  # none: runs without the extra
def test_tiles_without_contextily_raise_an_error_naming_the_tiles_extra(
    musterkreis_network, monkeypatch
):
    """Asking for tiles without contextily is an error telling what to install."""
    monkeypatch.setitem(sys.modules, "contextily", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "bildungsnetz\[tiles\]"'):
        draw_map(musterkreis_network, tiles=True)
