"""The flat search for a protecting rectangle against the straightforward one it replaced.

The search works on counts by position in the grid (``grid.cells``) with the hidden ones
marked in a bytearray; the reference here works on cells and sets, as first written.
"""

import math

from hypothesis import given
from hypothesis import strategies as st

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


def _reference_protect(grid, threshold):
    """The cells to suppress, each rectangle chosen by the reference search."""
    hidden = {cell for cell, value in grid.values.items() if value < threshold}
    for cell in sorted(hidden, key=lambda cell: (grid.is_margin(cell), cell)):
        hidden.update(_reference_rectangle(grid, cell, hidden, threshold))
    return hidden


def _reference_values(table):
    """The non-zero counts and margins of a table by ranks, summed one by one."""
    rows = sorted(table)
    columns = sorted({column for cells in table.values() for column in cells})
    values = {}
    for row, cells in table.items():
        for column, count in cells.items():
            if count:
                ends = (rows.index(row), len(columns)), (len(rows), columns.index(column))
                for cell in ((rows.index(row), columns.index(column)), *ends):
                    values[cell] = values.get(cell, 0) + count
                values[len(rows), len(columns)] = values.get((len(rows), len(columns)), 0) + count
    return values


def _rectangle_of(grid, cell, hidden, threshold):
    """The search's rectangle for ``cell`` as cells, ``hidden`` given as a set of cells."""
    marks = bytearray(other in hidden for other in grid.cells)
    corners = _rectangle(grid, grid.cells.index(cell), marks, threshold)
    return tuple(grid.cells[corner] for corner in corners)


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
        assert _rectangle_of(grid, cell, hidden, threshold) == expected


@given(tables())
def test_partners_are_every_rectangle_of_non_zero_corners(table):
    """The partner search finds exactly the pairs a scan of the whole grid finds, once each.

    With each the positions of its three other corners.
    """
    grid = _Grid.of(table)
    for row, column in grid.values:
        found = _partners(grid, row, column)
        pairs = [(other_row, other_column) for other_row, other_column, *_ in found]
        assert len(pairs) == len(set(pairs))
        assert sorted(pairs) == _reference_partners(grid, (row, column))
        for other_row, other_column, beside, across, far in found:
            corners = (row, other_column), (other_row, column), (other_row, other_column)
            assert tuple(grid.cells[corner] for corner in (beside, across, far)) == corners


@given(tables())
def test_grid_holds_the_counts_and_margins_by_position(table):
    """Every non-zero count and margin once, by position and by row and column."""
    grid = _Grid.of(table)
    assert grid.values == _reference_values(table)
    assert sorted(grid.cells) == sorted(grid.values)
    assert grid.counts == [grid.values[cell] for cell in grid.cells]
    for position, (row, column) in enumerate(grid.cells):
        assert grid.in_row[row][column] == position
        assert grid.in_column[column][row] == position
    assert sum(map(len, grid.in_row.values())) == len(grid.cells)
    assert sum(map(len, grid.in_column.values())) == len(grid.cells)


@given(tables(), st.integers(2, 6))
def test_protection_is_the_reference_protection(table, threshold):
    """The whole protection of a table hides what the reference search hides."""
    grid = _Grid.of(table)
    assert _protect(grid, threshold) == _reference_protect(grid, threshold)


@st.composite
def sparse_tables(draw):
    """Up to 30 x 12 cells, most absent, as flows between institutions are."""
    rows = draw(st.integers(1, 30))
    columns = draw(st.integers(1, 12))
    cells = st.dictionaries(
        st.integers(0, columns - 1).map(lambda column: f"s{column:02}"),
        st.one_of(st.integers(1, 3), st.integers(0, 60)),
        max_size=4,
    )
    return {f"k{row:02}": draw(cells) for row in range(rows)}


@given(sparse_tables(), st.integers(2, 8))
def test_protection_of_sparse_tables_is_the_reference_protection(table, threshold):
    """Long sparse tables, whose totals pair with many rows, hide what the reference hides."""
    grid = _Grid.of(table)
    assert _protect(grid, threshold) == _reference_protect(grid, threshold)


def test_rectangle_of_a_row_total_takes_the_reference_rectangle():
    """A small row total pairs with the total row: the same corners as the reference."""
    grid = _Grid.of({"a": {"x": 1, "y": 1}, "b": {"x": 7, "y": 9}, "c": {"x": 4}})
    row_total = (0, grid.total_column)
    expected = _reference_rectangle(grid, row_total, set(), 3)
    assert expected
    assert _rectangle_of(grid, row_total, set(), 3) == expected
