"""draw_network: one point per actor, coloured by kind, outlined by its worst finding."""

from collections import Counter

import numpy as np
import pytest

from bildungsnetz import ActorKind, find_gaps
from bildungsnetz.graph import project
from bildungsnetz.plot import draw_network
from bildungsnetz.plot._style import KIND_COLOURS, SEVERITY_COLOURS

pytestmark = pytest.mark.requires_extra("plot")


@pytest.fixture(scope="module")
def day_network(musterkreis_network):
    return musterkreis_network.as_of(musterkreis_network.reference_date)


@pytest.fixture(scope="module")
def report(musterkreis_network):
    return find_gaps(musterkreis_network)


@pytest.fixture(scope="module")
def figure(musterkreis_network, report):
    return draw_network(musterkreis_network, report)


def points_by_kind(figure):
    return {points.get_gid(): points for points in figure.axes[0].collections[1:]}


def worst_of_actors(report, network):
    """Actor -> the worst severity of the findings naming it (forums and measures left out)."""
    actors = {actor.id for actor in network.actors}
    worst = {}
    for gap in report:
        for actor in set(gap.actors) & actors:
            worst[actor] = max(worst.get(actor, gap.severity), gap.severity)
    return worst


def legend(figure, gid):
    return next(legend for legend in figure.legends if legend.get_gid() == gid)


def test_one_point_per_actor_of_the_day(figure, day_network):
    """The scatters hold as many points as the network has actors on its reference day."""
    assert sum(len(points.get_offsets()) for points in points_by_kind(figure).values()) == len(
        day_network.actors
    )


def test_each_kind_is_one_scatter_with_its_actors(figure, day_network):
    """A scatter per kind present, with as many points as actors of that kind."""
    counts = Counter(actor.kind.value for actor in day_network.actors)
    assert {kind: len(p.get_offsets()) for kind, p in points_by_kind(figure).items()} == counts


def test_points_and_legend_share_the_colour_of_their_kind(figure, day_network):
    """Every point of a kind has the kind's colour, and so has the kind's legend entry."""
    from matplotlib.colors import to_rgba

    kinds = legend(figure, "kinds")
    entries = {
        text.get_text(): handle.get_markerfacecolor()
        for text, handle in zip(kinds.get_texts(), kinds.legend_handles, strict=True)
    }
    counts = Counter(actor.kind for actor in day_network.actors)
    for kind, points in points_by_kind(figure).items():
        colour = KIND_COLOURS[ActorKind(kind)]
        assert np.allclose(points.get_facecolors(), to_rgba(colour))
        label = f"{ActorKind(kind).label()} ({counts[ActorKind(kind)]})"
        assert to_rgba(entries[label]) == to_rgba(colour)
    assert len(set(KIND_COLOURS.values())) == len(ActorKind)


def test_actors_of_findings_are_outlined_by_their_worst_severity(figure, report, day_network):
    """An actor named by findings has the colour of the worst of them as its outline."""
    from matplotlib.colors import to_rgba

    worst = worst_of_actors(report, day_network)
    outlined = {}
    for kind, points in points_by_kind(figure).items():
        actors = sorted(a.id for a in day_network.actors if a.kind == kind)
        for actor, edge in zip(actors, points.get_edgecolors(), strict=True):
            outlined[actor] = tuple(edge)
    assert worst
    for actor, severity in worst.items():
        assert outlined[actor] == to_rgba(SEVERITY_COLOURS[severity])
    assert {outlined[a] for a in outlined if a not in worst} == {to_rgba("white")}


def test_the_severity_legend_lists_the_severities_that_occur(figure, report, day_network):
    """The outline legend names each severity of the findings about actors, worst first."""
    severities = sorted(set(worst_of_actors(report, day_network).values()), reverse=True)
    labels = [text.get_text() for text in legend(figure, "severities").get_texts()]
    assert labels == [severity.label() for severity in severities]


@pytest.mark.requires_module("matplotlib")
def test_without_a_report_nothing_is_outlined_and_there_is_no_severity_legend(
    musterkreis_network,
):
    """No findings given, no outlines and no legend for them."""
    from matplotlib.colors import to_rgba

    figure = draw_network(musterkreis_network)
    edges = np.vstack([p.get_edgecolors() for p in points_by_kind(figure).values()])
    assert np.allclose(edges, to_rgba("white"))
    assert [legend.get_gid() for legend in figure.legends] == ["kinds"]


def test_one_line_per_tie_of_the_projection(figure, musterkreis_network):
    """The lines are the edges of graph.project on the day."""
    graph = project(musterkreis_network, as_of=musterkreis_network.reference_date)
    lines = figure.axes[0].collections[0]
    assert lines.get_gid() == "ties"
    assert len(lines.get_segments()) == graph.number_of_edges()


def test_legend_labels_are_english_on_request(musterkreis_network):
    """lang="en" labels the kinds in English."""
    labels = [
        t.get_text()
        for t in legend(draw_network(musterkreis_network, lang="en"), "kinds").get_texts()
    ]
    assert labels[:3] == ["school (78)", "day-care centre (140)", "school social work (31)"]


def test_the_geographic_layout_puts_actors_at_their_places(musterkreis_network, day_network):
    """layout="geographic" draws every actor with a location at its longitude and latitude."""
    figure = draw_network(musterkreis_network, layout="geographic")
    places = {}
    for kind, points in points_by_kind(figure).items():
        actors = sorted((a for a in day_network.actors if a.kind == kind), key=lambda a: a.id)
        for actor, offset in zip(actors, points.get_offsets(), strict=True):
            places[actor.id] = tuple(offset)
    assert places == {a.id: (a.location.lon, a.location.lat) for a in day_network.actors}
    assert figure.axes[0].get_xlabel() == "Längengrad (°)"


def test_the_geographic_layout_places_actors_without_coordinates_too(tiny_network):
    """Actors without a place are laid out among the others rather than dropped."""
    figure = draw_network(tiny_network, layout="geographic")
    assert sum(len(p.get_offsets()) for p in points_by_kind(figure).values()) == 5


def test_another_seed_gives_another_spring_layout(musterkreis_network):
    """The seed decides the force-directed layout."""
    first = points_by_kind(draw_network(musterkreis_network, seed=1))["school"].get_offsets()
    second = points_by_kind(draw_network(musterkreis_network, seed=2))["school"].get_offsets()
    assert not np.allclose(first, second)


@pytest.mark.requires_extra  # none: runs without the extra
def test_an_unknown_layout_is_refused(musterkreis_network):
    """Only the two layouts exist."""
    with pytest.raises(ValueError, match="layout must be 'spring' or 'geographic'"):
        draw_network(musterkreis_network, layout="circle")
