"""Tests of statistical disclosure control: suppression, rounding, secondary suppression."""

import random
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz.privacy import (
    DEFAULT_POLICY,
    DisclosurePolicy,
    format_count,
    suppress,
    suppress_table,
)

tables = st.dictionaries(
    st.sampled_from(["Kita A", "Kita B", "Kita C", "Kita D", "Kita E"]),
    st.dictionaries(
        st.sampled_from(["GS 1", "GS 2", "GS 3", "GS 4", "GS 5"]), st.integers(0, 9), max_size=5
    ),
    max_size=5,
)
policies = st.builds(
    DisclosurePolicy, threshold=st.integers(1, 6), rounding=st.sampled_from([None, 3, 5, 10])
)


def _lines(table):
    """Row and column -> the (row, column) cells present in it."""
    lines = defaultdict(list)
    for row, cells in table.items():
        for column in cells:
            lines["row", row].append((row, column))
            lines["column", column].append((row, column))
    return lines


def _revealing_lines(table, published):
    """Lines with exactly one suppressed cell while another cell of the line is non-zero."""
    revealing = []
    for line, cells in _lines(table).items():
        hidden = [cell for cell in cells if published[cell[0]][cell[1]] is None]
        others = [table[row][column] for row, column in cells if (row, column) not in hidden]
        if len(hidden) == 1 and any(others):
            revealing.append(line)
    return revealing


# suppress --------------------------------------------------------------------------------


def test_zero_is_shown():
    """Zero reveals nothing about a person and is published."""
    assert suppress(0) == 0


@pytest.mark.parametrize("count", [1, 2])
def test_one_and_two_are_suppressed_by_default(count):
    """The default threshold of 3 suppresses counts of 1 and 2."""
    assert suppress(count) is None


@pytest.mark.parametrize("count", [3, 4, 38, 1250])
def test_counts_from_the_threshold_are_shown_unchanged(count):
    """Without rounding, a count at or above the threshold is published as it is."""
    assert suppress(count) == count


def test_default_policy_is_threshold_three_without_rounding():
    """The default matches the statistical offices: below 3 suppressed, no rounding."""
    assert (DEFAULT_POLICY.threshold, DEFAULT_POLICY.rounding) == (3, None)


def test_threshold_is_configurable():
    """With threshold 5, counts up to 4 are suppressed and 5 is shown."""
    policy = DisclosurePolicy(threshold=5)
    assert [suppress(n, policy=policy) for n in (0, 1, 4, 5)] == [0, None, None, 5]


def test_threshold_one_suppresses_nothing():
    """A threshold of 1 publishes every count."""
    policy = DisclosurePolicy(threshold=1)
    assert [suppress(n, policy=policy) for n in (0, 1, 2)] == [0, 1, 2]


@pytest.mark.parametrize(
    ("base", "counts", "expected"),
    [
        (3, [3, 4, 5, 7, 8], [3, 3, 6, 6, 9]),
        (5, [3, 7, 8, 12, 13], [5, 5, 10, 10, 15]),
        (10, [5, 14, 15, 25, 104], [10, 10, 20, 30, 100]),
    ],
)
def test_rounding_to_a_base_half_up(base, counts, expected):
    """Shown counts are rounded to the nearest multiple of the base, halves upwards."""
    policy = DisclosurePolicy(rounding=base)
    assert [suppress(n, policy=policy) for n in counts] == expected


def test_rounding_does_not_reveal_suppressed_counts():
    """A count below the threshold stays suppressed even when it would round to a number."""
    assert suppress(2, policy=DisclosurePolicy(rounding=3)) is None


def test_negative_count_is_refused():
    """A negative count is a ValueError naming it."""
    with pytest.raises(ValueError, match="-1"):
        suppress(-1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"threshold": 0}, "threshold must be at least 1, got 0"),
        ({"threshold": -3}, "threshold must be at least 1, got -3"),
        ({"rounding": 7}, "rounding must be None or one of 3, 5, 10, got 7"),
        ({"rounding": 0}, "rounding must be None or one of 3, 5, 10, got 0"),
    ],
)
def test_bad_policy_is_refused(options, message):
    """An impossible threshold or rounding base is a ValueError saying what is allowed."""
    with pytest.raises(ValueError, match=message):
        DisclosurePolicy(**options)


def test_policy_is_frozen():
    """A policy cannot be changed after it is made."""
    with pytest.raises(AttributeError):
        DEFAULT_POLICY.threshold = 1  # type: ignore[misc]


# format_count ----------------------------------------------------------------------------


def test_format_count_shows_a_dot_for_suppressed():
    """A suppressed count is shown as '.', as the statistical offices do."""
    assert format_count(None) == "."


@pytest.mark.parametrize(("shown", "text"), [(0, "0"), (3, "3"), (1250, "1250")])
def test_format_count_shows_numbers_plainly(shown, text):
    """A published count is its digits, without separators."""
    assert format_count(shown) == text


# suppress_table --------------------------------------------------------------------------


def test_suppress_table_primary_suppression():
    """A small cell is suppressed; a zero beside it is shown."""
    published = suppress_table({"Kita A": {"GS 1": 12, "GS 2": 2, "GS 3": 0}})
    assert (published["Kita A"]["GS 2"], published["Kita A"]["GS 3"]) == (None, 0)


def test_suppress_table_secondary_suppression_in_a_row():
    """The smallest other non-zero cell of the row is suppressed too."""
    published = suppress_table({"Kita A": {"GS 1": 12, "GS 2": 2, "GS 3": 20, "GS 4": 0}})
    assert published == {"Kita A": {"GS 1": None, "GS 2": None, "GS 3": 20, "GS 4": 0}}


def test_suppress_table_secondary_suppression_in_a_column():
    """A single small cell in a column takes its smallest non-zero neighbour along."""
    published = suppress_table(
        {"Kita A": {"GS 1": 2}, "Kita B": {"GS 1": 9}, "Kita C": {"GS 1": 7}}
    )
    assert published == {"Kita A": {"GS 1": None}, "Kita B": {"GS 1": 9}, "Kita C": {"GS 1": None}}


def test_suppress_table_lone_small_cell_stays_single():
    """A small cell with only zeros beside it cannot be protected further; zeros stay shown."""
    assert suppress_table({"Kita A": {"GS 1": 2, "GS 2": 0}}) == {
        "Kita A": {"GS 1": None, "GS 2": 0}
    }


def test_suppress_table_without_small_cells_shows_everything():
    """A table without small counts is published unchanged."""
    table = {"Kita A": {"GS 1": 12, "GS 2": 0}, "Kita B": {"GS 1": 9, "GS 2": 15}}
    assert suppress_table(table) == table


def test_suppress_table_rounds_shown_cells():
    """With a rounding policy, every shown cell is rounded."""
    published = suppress_table(
        {"Kita A": {"GS 1": 12, "GS 2": 17}}, policy=DisclosurePolicy(rounding=5)
    )
    assert published == {"Kita A": {"GS 1": 10, "GS 2": 15}}


@given(tables, policies)
def test_suppress_table_no_line_reveals_a_single_suppressed_cell(table, policy):
    """No row or column has exactly one suppressed cell unless all its other cells are zero."""
    assert _revealing_lines(table, suppress_table(table, policy=policy)) == []


@given(tables, policies)
def test_suppress_table_suppresses_every_small_cell(table, policy):
    """Every cell from 1 to threshold - 1 is suppressed."""
    published = suppress_table(table, policy=policy)
    small = [
        (r, c) for r, cells in table.items() for c, n in cells.items() if 0 < n < policy.threshold
    ]
    assert [(r, c) for r, c in small if published[r][c] is not None] == []


@given(tables)
def test_suppress_table_never_suppresses_zero(table):
    """Zero cells are always shown."""
    published = suppress_table(table)
    zeros = [(r, c) for r, cells in table.items() for c, n in cells.items() if n == 0]
    assert [published[r][c] for r, c in zeros] == [0] * len(zeros)


@given(tables)
def test_suppress_table_keeps_the_shape(table):
    """The same rows with the same cells in the same order come back; none are added."""
    published = suppress_table(table)
    shape = [(row, list(cells)) for row, cells in published.items()]
    assert shape == [(row, list(cells)) for row, cells in table.items()]


@given(tables, policies)
def test_suppress_table_shown_cells_equal_suppress(table, policy):
    """Every shown cell is what suppress() publishes for its count."""
    published = suppress_table(table, policy=policy)
    shown = [(r, c) for r, cells in published.items() for c, n in cells.items() if n is not None]
    expected = [suppress(table[r][c], policy=policy) for r, c in shown]
    assert [published[r][c] for r, c in shown] == expected


@given(tables)
def test_suppress_table_does_not_change_its_input(table):
    """The table given is left as it was."""
    before = {row: dict(cells) for row, cells in table.items()}
    suppress_table(table)
    assert table == before


def test_suppress_table_of_an_empty_table():
    """An empty table stays empty."""
    assert suppress_table({}) == {}


def test_suppress_table_protects_a_large_sparse_table():
    """A sparse 300 x 300 transition matrix is protected with no revealing line."""
    rng = random.Random(2024)
    table = {
        f"Kita {i}": {f"GS {j}": rng.randint(0, 12) for j in rng.sample(range(300), 8)}
        for i in range(300)
    }
    assert _revealing_lines(table, suppress_table(table)) == []
