"""draw_funding_timeline: one stacked bar per month, adding up to the endings."""

from collections import Counter
from datetime import date

import pytest

from bildungsnetz.gaps import endings
from bildungsnetz.plot import draw_funding_timeline

pytestmark = pytest.mark.requires_extra("plot")

COLLECTIONS = {
    "Förderprogramme": "programmes",
    "Stellen und Akteure": "actors",
    "Kooperationen": "cooperations",
    "Gremien": "forums",
    "Maßnahmen": "interventions",
}


def bars(figure):
    """Collection -> {x of a bar: its height}, from the bar containers."""
    return {
        COLLECTIONS[container.get_label()]: {
            bar.get_x() + bar.get_width() / 2: bar.get_height() for bar in container
        }
        for container in figure.axes[0].containers
    }


@pytest.mark.parametrize("horizon", [None, 3 * 365, 500])
def test_bar_heights_add_up_to_the_endings(musterkreis_network, horizon):
    """Every ending is one unit of one bar, within the horizon."""
    figure = draw_funding_timeline(musterkreis_network, horizon=horizon)
    total = sum(sum(heights.values()) for heights in bars(figure).values())
    assert total == len(endings(musterkreis_network, horizon=horizon))


def test_each_collection_is_counted_per_month(musterkreis_network):
    """A bar is the endings of a collection whose last day falls in its month."""
    expected = Counter(
        (e.collection, date(e.last_day.year, e.last_day.month, 15).toordinal())
        for e in endings(musterkreis_network)
    )
    shown = Counter(
        {
            (collection, round(x)): height
            for collection, heights in bars(draw_funding_timeline(musterkreis_network)).items()
            for x, height in heights.items()
            if height
        }
    )
    assert shown == expected


def test_bars_stack_in_a_fixed_order(musterkreis_network):
    """Programmes at the bottom, then posts, ties, forums and measures."""
    figure = draw_funding_timeline(musterkreis_network)
    labels = [container.get_label() for container in figure.axes[0].containers]
    assert labels == ["Förderprogramme", "Stellen und Akteure", "Kooperationen", "Gremien",
                      "Maßnahmen"]  # fmt: skip


def test_the_cliff_names_its_day_and_its_programme(musterkreis_network):
    """The bar of July 2028 says how many end, on which day, and with which programme."""
    figure = draw_funding_timeline(musterkreis_network)
    notes = [text.get_text() for text in figure.axes[0].texts]
    cliff = [e for e in endings(musterkreis_network) if e.last_day == date(2028, 7, 31)]
    assert f"{len(cliff)} · 31.07.2028\nSchulerfolg sichern (ESF+)" in notes


def test_the_day_looked_ahead_from_is_marked(musterkreis_network):
    """A vertical line at the reference day, labelled with it."""
    axes = draw_funding_timeline(musterkreis_network, lang="en").axes[0]
    lines = [line.get_xdata()[0] for line in axes.get_lines()]
    assert lines == [date(2025, 11, 1).toordinal()]
    assert "as of 2025-11-01" in [text.get_text() for text in axes.texts]


def test_the_end_of_the_horizon_is_marked(musterkreis_network):
    """With a horizon, a second line marks its end, labelled with its last day."""
    axes = draw_funding_timeline(musterkreis_network, horizon=1000).axes[0]
    lines = [line.get_xdata()[0] for line in axes.get_lines()]
    assert lines == [date(2025, 11, 1).toordinal(), date(2028, 7, 28).toordinal()]
    assert "bis 27.07.2028" in [text.get_text() for text in axes.texts]


@pytest.mark.parametrize(("lang", "first"), [("de", "Jan 2026"), ("en", "Jan 2026")])
def test_months_are_named_in_the_language(musterkreis_network, lang, first):
    """Tick labels are month names of our own, whatever the process's locale."""
    axes = draw_funding_timeline(musterkreis_network, lang=lang).axes[0]
    labels = [text.get_text() for text in axes.get_xticklabels()]
    assert labels[0] == first
    assert all(label.split()[0] in ("Jan", "Jul") for label in labels)


def test_german_month_names_differ_where_the_languages_do(musterkreis_network):
    """October is Okt in German, Oct in English."""
    german, english = (
        [t.get_text() for t in draw_funding_timeline(musterkreis_network, horizon=500, lang=lang)
         .axes[0].get_xticklabels()]
        for lang in ("de", "en")
    )  # fmt: skip
    assert "Okt 2026" in german
    assert "Oct 2026" in english
    assert len(german) == len(english)


def test_axis_labels_are_english_on_request(musterkreis_network):
    """lang="en" labels the axes and the legend in English."""
    figure = draw_funding_timeline(musterkreis_network, lang="en")
    assert figure.axes[0].get_ylabel() == "number ending"
    assert figure.axes[0].get_xlabel() == "month of the last day"
    assert figure.legends[0].get_title().get_text() == "Ending"
