"""draw_block_densities: the heatmap holds observed ÷ expected ties, checked by hand."""

import math
from collections import Counter

import numpy as np
import pytest

from bildungsnetz import ActorKind, Cooperation, EducationNetwork
from bildungsnetz.graph import project
from bildungsnetz.plot import draw_block_densities

pytestmark = pytest.mark.requires_extra("plot")


def by_hand(graph, expected, min_expected=1.0):
    """Observed ÷ expected ties between kinds, straight from the edges (nan: no ratio)."""
    kinds = [
        kind for kind in ActorKind if kind.value in set(dict(graph.nodes(data="kind")).values())
    ]
    index = {kind.value: i for i, kind in enumerate(kinds)}
    kind_of = dict(graph.nodes(data="kind"))
    size = len(kinds)
    ties = np.zeros((size, size))
    for first, second in graph.edges():
        a, b = index[kind_of[first]], index[kind_of[second]]
        ties[a, b] += 1
        if a != b:
            ties[b, a] += 1
    members = Counter(kind_of.values())
    degrees = Counter()
    for node, degree in graph.degree():
        degrees[kind_of[node]] += degree
    m, n = graph.number_of_edges(), graph.number_of_nodes()
    ratios = np.full((size, size), np.nan)
    for a, first in enumerate(kinds):
        for b, second in enumerate(kinds):
            na, nb = members[first.value], members[second.value]
            possible = na * (na - 1) / 2 if a == b else na * nb
            if expected == "degree":
                da, db = degrees[first.value], degrees[second.value]
                expectation = da * da / (4 * m) if a == b else da * db / (2 * m)
            else:
                expectation = possible * m / (n * (n - 1) / 2)
            if possible and expectation >= min_expected:
                ratios[a, b] = ties[a, b] / expectation
    return kinds, ties, ratios


@pytest.fixture(scope="module")
def graph(musterkreis_network):
    return project(musterkreis_network, as_of=musterkreis_network.reference_date)


@pytest.mark.parametrize("expected", ["degree", "uniform"])
def test_the_heatmap_holds_the_ratios_computed_by_hand(musterkreis_network, graph, expected):
    """The image's array is observed ÷ expected ties per pair of kinds, masked where none."""
    _, _, ratios = by_hand(graph, expected)
    image = draw_block_densities(musterkreis_network, expected=expected).axes[0].images[0]
    shown = np.ma.getdata(image.get_array()).astype(float)
    shown[np.ma.getmaskarray(image.get_array())] = np.nan
    assert np.allclose(shown, ratios, equal_nan=True)
    assert not np.isnan(ratios).all()


def test_fewer_expected_ties_leave_fewer_cells_grey(musterkreis_network, graph):
    """min_expected decides which cells are judged at all."""
    _, _, ratios = by_hand(graph, "degree", min_expected=0.1)
    image = draw_block_densities(musterkreis_network, min_expected=0.1).axes[0].images[0]
    assert (np.ma.getmaskarray(image.get_array()) == np.isnan(ratios)).all()
    assert np.isnan(ratios).sum() < np.isnan(by_hand(graph, "degree")[2]).sum()


def test_cells_are_labelled_with_the_observed_ties(musterkreis_network, graph):
    """The number in each cell is the ties observed between the two kinds."""
    _, ties, _ = by_hand(graph, "degree")
    axes = draw_block_densities(musterkreis_network).axes[0]
    labels = {
        (round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in axes.texts
    }
    assert labels == {
        (a, b): f"{int(ties[a, b]):,}".replace(",", ".")
        for a in range(ties.shape[0])
        for b in range(ties.shape[1])
    }


@pytest.mark.parametrize("lang", ["de", "en"])
def test_rows_and_columns_are_the_kinds_present_in_their_order(musterkreis_network, graph, lang):
    """Both axes list the kinds of the day in the order of ActorKind, in the language."""
    kinds, _, _ = by_hand(graph, "degree")
    axes = draw_block_densities(musterkreis_network, lang=lang).axes[0]
    labels = [kind.label(lang) for kind in kinds]
    assert [t.get_text() for t in axes.get_xticklabels()] == labels
    assert [t.get_text() for t in axes.get_yticklabels()] == labels
    assert axes.get_xlabel() == {"de": "Akteursart", "en": "Actor kind"}[lang]


def test_the_colour_bar_says_what_the_colours_mean(musterkreis_network):
    """The second axes is the colour bar, labelled and ticked at the factors."""
    figure = draw_block_densities(musterkreis_network, lang="en")
    colour_bar = figure.axes[1]
    assert colour_bar.get_ylabel() == "observed ÷ expected ties (1 = as expected)"
    assert [t.get_text() for t in colour_bar.get_yticklabels()] == [
        "≤ 1/16", "1/4", "1", "4", "≥ 16"
    ]  # fmt: skip


def test_a_kind_of_one_actor_has_no_ratio_with_itself():
    """No pair is possible within a kind of one actor, so that cell stays grey."""
    network = EducationNetwork(
        name="Zwei",
        actors=[
            {"id": "ja", "name": "Jugendamt", "kind": "youth_welfare_office"},
            {"id": "t1", "name": "Träger 1", "kind": "youth_welfare_provider"},
            {"id": "t2", "name": "Träger 2", "kind": "youth_welfare_provider"},
        ],
        cooperations=[
            Cooperation(id="c1", actors=("ja", "t1"), kind="agreement"),
            Cooperation(id="c2", actors=("ja", "t2"), kind="agreement"),
            Cooperation(id="c3", actors=("t1", "t2"), kind="agreement"),
        ],
    )
    ratios = draw_block_densities(network, min_expected=0.0).axes[0].images[0].get_array()
    assert np.ma.getmaskarray(ratios).tolist() == [[True, False], [False, False]]
    # Degrees 2 and 4 of 6 stubs: ja–träger expects 2 · 4 / 6 ties and has 2.
    assert math.isclose(ratios[0, 1], 2 / (2 * 4 / 6))
