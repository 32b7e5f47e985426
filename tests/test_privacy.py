"""Tests of statistical disclosure control: suppression, rounding, secondary suppression."""

import random
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

import disclosure_audit as audit
from bildungsnetz.privacy import (
    DEFAULT_POLICY,
    DisclosurePolicy,
    ProtectedTable,
    format_count,
    protect_nested,
    protect_table,
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


@st.composite
def small_tables(draw):
    """Up to 6 x 6 cells of 0 to 40 pupils, many of them small, some absent."""
    rows = [f"r{i}" for i in range(draw(st.integers(1, 6)))]
    columns = [f"c{j}" for j in range(draw(st.integers(1, 6)))]
    count = st.one_of(st.none(), st.integers(0, 4), st.integers(0, 40))
    table = {}
    for row in rows:
        cells = {column: draw(count) for column in columns}
        table[row] = {column: n for column, n in cells.items() if n is not None}
    return table


thresholds = st.integers(3, 5)


def _hidden(protected):
    """The suppressed keys of a protected table, totals included (see disclosure_audit)."""
    return sorted(str(key) for key, shown in audit.published(protected).items() if shown is None)


def _revealing_lines(shown):
    """Lines of the extended table with exactly one suppressed number beside a non-zero one."""
    lines = defaultdict(list)
    for (row, column), value in shown.items():
        lines["row", row].append(value)
        lines["column", column].append(value)
    return [
        line
        for line, values in lines.items()
        if values.count(None) == 1 and any(v for v in values if v is not None)
    ]


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
    """In a single row the smaller other cell is suppressed too (with both column totals)."""
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
    """A sparse 300 x 300 transition matrix is protected with no revealing line or total."""
    rng = random.Random(2024)
    table = {
        f"Kita {i}": {f"GS {j}": rng.randint(0, 12) for j in rng.sample(range(300), 8)}
        for i in range(300)
    }
    assert _revealing_lines(audit.published(protect_table(table))) == []


def test_suppress_table_is_the_cells_of_protect_table():
    """suppress_table returns exactly the cells protect_table publishes."""
    table = {"Kita A": {"GS 1": 12, "GS 2": 2}, "Kita B": {"GS 1": 9, "GS 2": 15}}
    assert suppress_table(table) == protect_table(table).cells


# protect_table: examples -----------------------------------------------------------------


def test_protect_table_keeps_the_totals_beside_one_small_cell():
    """One small cell is protected by three cells inside the table; every total is shown."""
    protected = protect_table({"Kita A": {"GS 1": 2, "GS 2": 7}, "Kita B": {"GS 1": 5, "GS 2": 6}})
    totals = (protected.row_totals, protected.column_totals, protected.total)
    assert totals == ({"Kita A": 9, "Kita B": 11}, {"GS 1": 7, "GS 2": 13}, 20)


def test_protect_table_finds_the_minimal_pattern_of_a_3x3_table():
    """Two small cells share the one 2 x 2 block that protects both; nothing else is hidden.

    a-x (1) needs a hidden partner in its row and its column, as does b-y (2). Four cells
    can only do that as the block {a, b} x {x, y}; all totals stay shown.
    """
    table = {
        "a": {"x": 1, "y": 9, "z": 20},
        "b": {"x": 12, "y": 2, "z": 30},
        "c": {"x": 40, "y": 50, "z": 60},
    }
    assert protect_table(table) == ProtectedTable(
        cells={
            "a": {"x": None, "y": None, "z": 20},
            "b": {"x": None, "y": None, "z": 30},
            "c": {"x": 40, "y": 50, "z": 60},
        },
        row_totals={"a": 30, "b": 44, "c": 150},
        column_totals={"x": 53, "y": 61, "z": 110},
        total=224,
    )


def test_protect_table_protects_a_small_row_total_like_a_cell():
    """A row total of 2 is suppressed, and so is the other row total that would reveal it."""
    protected = protect_table({"a": {"x": 1, "y": 1}, "b": {"x": 5, "y": 6}})
    assert protected == ProtectedTable(
        cells={"a": {"x": None, "y": None}, "b": {"x": None, "y": None}},
        row_totals={"a": None, "b": None},
        column_totals={"x": 6, "y": 7},
        total=13,
    )


def test_protect_table_uses_the_column_totals_of_a_single_row():
    """With no second row, the column totals of the small cell and its partner are hidden."""
    protected = protect_table({"Kita A": {"GS 1": 12, "GS 2": 2, "GS 3": 20}})
    actual = (protected.column_totals, protected.row_totals, protected.total)
    assert actual == ({"GS 1": None, "GS 2": None, "GS 3": 20}, {"Kita A": 34}, 34)


def test_protect_table_rounds_shown_totals():
    """With a rounding policy, totals are rounded like cells."""
    protected = protect_table({"a": {"x": 12, "y": 17}}, policy=DisclosurePolicy(rounding=5))
    actual = (protected.row_totals, protected.column_totals, protected.total)
    assert actual == ({"a": 30}, {"x": 10, "y": 15}, 30)


def test_protect_table_refuses_a_negative_count():
    """A negative count is a ValueError naming it with its row and column."""
    with pytest.raises(ValueError, match=r"got -4 \(row 'a', column 'x'\)"):
        protect_table({"a": {"x": -4}})


def test_protect_table_orders_labels_that_cannot_be_compared():
    """Rows labelled by numbers and text are protected the same in either order."""
    first = {1: {"x": 2, "y": 8}, "b": {"x": 7, "y": 9}}
    second = {"b": {"y": 9, "x": 7}, 1: {"y": 8, "x": 2}}
    assert protect_table(first) == protect_table(second)


# protect_table: properties ---------------------------------------------------------------


@given(small_tables(), thresholds)
def test_protect_table_discloses_no_suppressed_count(table, threshold):
    """No suppressed count can be recomputed, and no small one shown to be below threshold.

    Linear programming over everything published (shown cells and totals, suppressed
    counts at least 1) gives each suppressed count, totals included, a range: it must be
    wider than one value, and reach the threshold for every small count.
    """
    protected = protect_table(table, policy=DisclosurePolicy(threshold=threshold))
    exact, shown = audit.extended(table), audit.published(protected)
    assert audit.disclosures(exact, shown, threshold) == ([], [])


@given(small_tables(), thresholds)
def test_protect_table_suppresses_every_small_count_and_total(table, threshold):
    """Every cell or total from 1 to threshold - 1 is suppressed."""
    protected = protect_table(table, policy=DisclosurePolicy(threshold=threshold))
    shown = audit.published(protected)
    small = [key for key, n in audit.extended(table).items() if 0 < n < threshold]
    assert [key for key in small if shown[key] is not None] == []


@given(small_tables(), thresholds)
def test_protect_table_never_suppresses_zero(table, threshold):
    """Zero cells and zero totals are always shown."""
    shown = audit.published(protect_table(table, policy=DisclosurePolicy(threshold=threshold)))
    zeros = [key for key, n in audit.extended(table).items() if n == 0]
    assert [shown[key] for key in zeros] == [0] * len(zeros)


@given(small_tables(), thresholds, st.randoms(use_true_random=False))
def test_protect_table_does_not_depend_on_the_order_of_rows_and_cells(table, threshold, rng):
    """Shuffling the rows and the cells within them gives the same suppression pattern."""
    rows = list(table)
    rng.shuffle(rows)
    shuffled = {}
    for row in rows:
        cells = list(table[row].items())
        rng.shuffle(cells)
        shuffled[row] = dict(cells)
    policy = DisclosurePolicy(threshold=threshold)
    assert _hidden(protect_table(shuffled, policy=policy)) == _hidden(
        protect_table(table, policy=policy)
    )


# protect_nested ------------------------------------------------------------------------------


def _nested_facts(table, fine, coarse, row_groups, column_groups):
    """Every number of both tables as a fact over the cells of ``table`` (see disclosure_audit)."""
    cells = [(row, column) for row, counts in table.items() for column in counts]
    keys = {
        "cell": lambda cell: cell,
        "row": lambda cell: cell[0],
        "column": lambda cell: cell[1],
        "group": lambda cell: (row_groups[cell[0]], column_groups[cell[1]]),
        "group row": lambda cell: row_groups[cell[0]],
        "group column": lambda cell: column_groups[cell[1]],
    }

    def fact(kind, value, shown):
        key = keys[kind]
        return (frozenset(i for i, cell in enumerate(cells) if key(cell) == value), shown)

    facts = {("all",): (frozenset(range(len(cells))), fine.total)}
    for row, shown in fine.cells.items():
        facts.update({("cell", row, c): fact("cell", (row, c), n) for c, n in shown.items()})
        facts["row", row] = fact("row", row, fine.row_totals[row])
    for column, total in fine.column_totals.items():
        facts["column", column] = fact("column", column, total)
    for group, shown in coarse.cells.items():
        facts.update({("group", group, o): fact("group", (group, o), n) for o, n in shown.items()})
        facts["group row", group] = fact("group row", group, coarse.row_totals[group])
    for other, total in coarse.column_totals.items():
        facts["group column", other] = fact("group column", other, total)
    return [table[row][column] for row, column in cells], facts


@given(small_tables(), thresholds)
def test_protect_nested_tables_together_disclose_no_small_count(table, threshold):
    """Fine and coarse table together pin no small count below the threshold."""
    row_groups = {row: int(row[1:]) % 2 for row in table}
    column_groups = {column: int(column[1:]) % 3 for cells in table.values() for column in cells}
    policy = DisclosurePolicy(threshold=threshold)
    fine, coarse = protect_nested(
        table, row_groups=row_groups, column_groups=column_groups, policy=policy
    )
    counts, facts = _nested_facts(table, fine, coarse, row_groups, column_groups)
    assert fine == protect_table(table, policy=policy)
    assert audit.record_disclosures(counts, facts, threshold)[1] == []


def test_protect_nested_refuses_a_row_without_a_group():
    """Every row and column needs a group."""
    with pytest.raises(ValueError, match="row 'b' has no group"):
        protect_nested({"a": {"x": 5}, "b": {"x": 4}}, row_groups={"a": 1}, column_groups={"x": 1})
