"""draw_transitions: the matrix and the flows publish exactly what the protected table does."""

import re
from collections import Counter

import numpy as np
import pytest

from bildungsnetz import Actor, EducationNetwork, SchoolProfile, TransitionFlow
from bildungsnetz.gaps import transition_matrix
from bildungsnetz.plot import draw_transitions
from bildungsnetz.privacy import DisclosurePolicy

pytestmark = pytest.mark.requires_extra("plot")

NUMBER = re.compile(r"\d+(?:\.\d{3})*")


def german(count):
    return f"{count:,}".replace(",", ".")


@pytest.fixture(scope="module")
def table(musterkreis_network):
    return transition_matrix(musterkreis_network.as_of(musterkreis_network.reference_date))


@pytest.fixture(scope="module")
def figure(musterkreis_network):
    return draw_transitions(musterkreis_network)


def matrix_texts(axes):
    """(row label, column label) -> the text in that cell; Σ for the totals."""
    rows = [t.get_text() for t in axes.get_yticklabels()]
    columns = [t.get_text() for t in axes.get_xticklabels()]
    return {
        (
            rows[round(text.get_position()[1])],
            columns[round(text.get_position()[0])],
        ): text.get_text()
        for text in axes.texts
    }


def all_texts(figure):
    return [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]


def raw_counts(network):
    """The unprotected pupil counts by group, summed from the flows of the latest year."""
    year = max(flow.year for flow in network.flows)
    counts = Counter()
    for flow in network.flows:
        if flow.year == year:
            source, target = network.actor(flow.source), network.actor(flow.target)
            counts[group(source), group(target)] += flow.pupils
    return counts


def group(actor):
    return actor.school.form.label() if actor.school else actor.kind.label()


def test_cells_show_the_table_and_a_full_stop_exactly_where_it_suppresses(figure, table):
    """Every cell and total shows what the table publishes: "." for None, "–" for nothing."""
    shown = matrix_texts(figure.axes[0])
    expected = {}
    for row in table.rows:
        for column in table.columns:
            count = table.cell(row, column)
            expected[row, column] = "." if count is None else ("–" if count == 0 else german(count))
        total = table.row_totals[row]
        expected[row, "Σ"] = "." if total is None else german(total)
    for column in table.columns:
        total = table.column_totals[column]
        expected["Σ", column] = "." if total is None else german(total)
    expected["Σ", "Σ"] = german(table.total)
    assert shown == expected
    assert "." in shown.values()


def test_no_suppressed_count_appears_anywhere_in_the_figure(figure, table, musterkreis_network):
    """The true values of the suppressed cells and totals are in no text of the figure."""
    raw = raw_counts(musterkreis_network.as_of(musterkreis_network.reference_date))
    hidden = {raw[cell] for cell, count in table.cells.items() if count is None}
    hidden |= {
        sum(n for (r, _), n in raw.items() if r == row)
        for row, total in table.row_totals.items()
        if total is None
    }
    hidden |= {
        sum(n for (_, c), n in raw.items() if c == column)
        for column, total in table.column_totals.items()
        if total is None
    }
    # A hidden count equal to a count the table shows elsewhere is that count, not a leak.
    shown = {count for count in table.cells.values() if count is not None}
    shown |= {n for n in [*table.row_totals.values(), *table.column_totals.values()] if n}
    tokens = {token for text in all_texts(figure) for token in NUMBER.findall(text)}
    assert hidden - shown
    assert {german(value) for value in hidden - shown} & tokens == set()


def test_suppressed_cells_have_no_colour(figure, table):
    """The image masks the suppressed and the empty cells; the others hold their counts."""
    axes = figure.axes[0]
    rows = [t.get_text() for t in axes.get_yticklabels()][:-1]
    columns = [t.get_text() for t in axes.get_xticklabels()][:-1]
    image = axes.images[0].get_array()
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            count = table.cell(row, column)
            assert bool(np.ma.getmaskarray(image)[i, j]) is (not count)
            if count:
                assert image[i, j] == count


def test_suppressed_flows_are_dashed_lines_whose_width_says_nothing(figure, table):
    """An arrow of a suppressed flow is dashed and as thin as every other suppressed one."""
    arrows = {patch.get_gid(): patch for patch in figure.axes[1].patches}
    suppressed = [f"{r} → {c}" for (r, c), count in table.cells.items() if count is None]
    published = {f"{r} → {c}": n for (r, c), n in table.cells.items() if n}
    assert set(arrows) == set(suppressed) | set(published)
    assert {arrows[gid].get_linestyle() for gid in suppressed} == {"--"}
    assert len({arrows[gid].get_linewidth() for gid in suppressed}) == 1
    widths = [arrows[gid].get_linewidth() for gid in sorted(published, key=published.get)]
    assert widths == sorted(widths)


def test_rows_and_columns_follow_the_stages(figure):
    """Kita comes first among the senders, Grundschule among the receivers, BBS last."""
    axes = figure.axes[0]
    rows = [t.get_text() for t in axes.get_yticklabels()]
    columns = [t.get_text() for t in axes.get_xticklabels()]
    assert rows[:2] == ["Kita", "Grundschule"]
    assert columns[0] == "Grundschule"
    assert columns[-2:] == ["Berufsbildende Schule", "Σ"]


def test_labels_are_english_on_request(musterkreis_network):
    """lang="en" labels axes, stages and groups in English."""
    figure = draw_transitions(musterkreis_network, lang="en")
    assert figure.axes[0].get_xlabel() == "to (receiving school form)"
    assert figure.axes[1].get_xticklabels()[0].get_text() == "day care"
    assert figure.axes[0].get_yticklabels()[0].get_text() == "day-care centre"


@pytest.fixture
def small_flows():
    """Two Kitas send 1 and 2 children, a third 9: the small counts must stay hidden."""
    kitas = [Actor(id=f"k{i}", name=f"Kita {i}", kind="daycare") for i in range(3)]
    schools = [
        Actor(id="gs", name="GS", kind="school", school=SchoolProfile(form="grundschule")),
        Actor(id="fs", name="FS", kind="school", school=SchoolProfile(form="foerderschule")),
    ]
    flows = [
        TransitionFlow(source="k0", target="gs", year=2024, pupils=1, transition="kita_to_primary"),
        TransitionFlow(source="k1", target="fs", year=2024, pupils=2, transition="kita_to_primary"),
        TransitionFlow(source="k2", target="gs", year=2024, pupils=9, transition="kita_to_primary"),
    ]
    return EducationNetwork(name="Klein", actors=[*kitas, *schools], flows=flows)


def test_counts_below_three_are_never_shown(small_flows):
    """With flows of 1 and 2 pupils, neither number nor anything revealing it appears."""
    figure = draw_transitions(small_flows)
    tokens = {token for text in all_texts(figure) for token in NUMBER.findall(text)}
    assert {"1", "2"} & tokens == set()
    assert "." in matrix_texts(figure.axes[0]).values()


def test_the_disclosure_policy_is_passed_on(small_flows):
    """A stricter threshold suppresses the 10 pupils too; the footnote names it."""
    figure = draw_transitions(small_flows, policy=DisclosurePolicy(threshold=20))
    assert set(matrix_texts(figure.axes[0]).values()) <= {".", "–"}
    assert any("weniger als 20" in text for text in all_texts(figure))
