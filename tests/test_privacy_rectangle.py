"""The flat search for a protecting rectangle against the straightforward one it replaced."""

import math

from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import privacy
from bildungsnetz.privacy import _Grid, _partners, _protect, _rectangle


def _reference_corners(grid, cell, partner):
    """How far a rectangle lets ``cell`` grow, and its other three corners (as first written)."""
    (row, column), (other_row, other_column) = cell, partner
    beside, across, far = (row, other_column), (other_row, column), (other_row, other_column)
    rows_opposite = grid.total_row not in (row, other_row)
    columns_opposite = grid.total_column not in (column, other_column)
    shrinks = {
        beside: columns_opposite,
        across: rows_opposite,
        far: rows_opposite != columns_opposite,
    }
    room = min(
        (grid.values[corner] for corner, shrinking in shrinks.items() if shrinking),
        default=math.inf,
    )
    return grid.values[cell] + room - 1, (beside, across, far)


def _reference_partners(grid, cell):
    """Every (row, column) whose rectangle with ``cell`` has four non-zero corners, by scan."""
    row, column = cell
    rows = {other for other, _ in grid.values}
    columns = {other for _, other in grid.values}
    return [
        (other_row, other_column)
        for other_row in sorted(rows - {row})
        for other_column in sorted(columns - {column})
        if {(row, other_column), (other_row, column), (other_row, other_column)}
        <= grid.values.keys()
    ]


def _reference_rectangle(grid, cell, hidden, threshold):
    """The cheapest protecting rectangle, every key built from the corners one by one."""
    best_key, best = None, ()
    for partner in _reference_partners(grid, cell):
        reach, corners = _reference_corners(grid, cell, partner)
        new = [corner for corner in corners if corner not in hidden]
        key = (
            reach < threshold,
            -min(reach, threshold),
            sum(grid.is_margin(corner) for corner in new),
            len(new),
            sum(grid.values[corner] for corner in new),
            *partner,
        )
        if best_key is None or key < best_key:
            best_key, best = key, corners
    return best


@st.composite
def tables(draw):
    """Up to 7 x 7 cells of 0 to 40 pupils, many of them small, some absent."""
    rows = draw(st.integers(1, 7))
    columns = draw(st.integers(1, 7))
    count = st.one_of(st.none(), st.integers(0, 4), st.integers(0, 40))
    table = {}
    for row in range(rows):
        cells = {f"c{column}": draw(count) for column in range(columns)}
        table[f"r{row}"] = {column: n for column, n in cells.items() if n is not None}
    return table


@given(tables(), st.integers(2, 6), st.data())
def test_rectangle_is_the_reference_rectangle(table, threshold, data):
    """For every cell and any set of hidden cells, the same rectangle as the reference."""
    grid = _Grid.of(table)
    cells = sorted(grid.values)
    hidden = set(data.draw(st.lists(st.sampled_from(cells)))) if cells else set()
    for cell in cells:
        expected = _reference_rectangle(grid, cell, hidden, threshold)
        assert _rectangle(grid, cell, hidden, threshold) == expected


@given(tables())
def test_partners_are_every_rectangle_of_non_zero_corners(table):
    """The partner search finds exactly the pairs a scan of the whole grid finds, once each."""
    grid = _Grid.of(table)
    for cell in grid.values:
        found = list(_partners(grid, cell))
        assert len(found) == len(set(found))
        assert sorted(found) == _reference_partners(grid, cell)


@given(tables(), st.integers(2, 6))
def test_protection_is_the_reference_protection(table, threshold):
    """The whole protection of a table hides what the reference search hides."""
    grid = _Grid.of(table)
    expected_grid = _Grid.of(table)
    original = privacy._rectangle
    privacy._rectangle = _reference_rectangle
    try:
        expected = _protect(expected_grid, threshold)
    finally:
        privacy._rectangle = original
    assert _protect(grid, threshold) == expected


def test_rectangle_of_a_row_total_takes_the_reference_rectangle():
    """A small row total pairs with the total row: the same corners as the reference."""
    grid = _Grid.of({"a": {"x": 1, "y": 1}, "b": {"x": 7, "y": 9}, "c": {"x": 4}})
    row_total = (0, grid.total_column)
    expected = _reference_rectangle(grid, row_total, set(), 3)
    assert expected
    assert _rectangle(grid, row_total, set(), 3) == expected
