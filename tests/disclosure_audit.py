"""What an attacker can learn from a published table: the range of every suppressed count.

A table is seen extended by its margins, keyed ``(row, column)`` with :data:`TOTAL` for the
total row and column. Given everything published (shown cells and totals fixed, every row,
column and the grand total adding up, suppressed counts at least 1 because zeros are
shown), :func:`feasible_ranges` solves two linear programmes per suppressed count for the
smallest and largest value it can take.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import linprog

TOTAL = ("total",)  # a key no test label equals


def extended(table):
    """The exact counts of ``{row: {column: count}}`` with margins, zeros included."""
    columns = list(dict.fromkeys(column for cells in table.values() for column in cells))
    grid = {(row, column): table[row].get(column, 0) for row in table for column in columns}
    for row in table:
        grid[row, TOTAL] = sum(grid[row, column] for column in columns)
    for column in [*columns, TOTAL]:
        grid[TOTAL, column] = sum(grid[row, column] for row in table)
    return grid


def published(protected):
    """A :class:`~bildungsnetz.privacy.ProtectedTable` keyed like :func:`extended`."""
    columns = list(protected.column_totals)
    grid = {
        (row, column): cells.get(column, 0)
        for row, cells in protected.cells.items()
        for column in columns
    }
    grid.update({(row, TOTAL): shown for row, shown in protected.row_totals.items()})
    grid.update({(TOTAL, column): shown for column, shown in protected.column_totals.items()})
    grid[TOTAL, TOTAL] = protected.total
    return grid


def published_table(table):
    """A :class:`~bildungsnetz.gaps.table.Table` keyed like :func:`extended`."""
    grid = {
        (row, column): table.cell(row, column) for row in table.rows for column in table.columns
    }
    grid.update({(row, TOTAL): table.row_totals[row] for row in table.rows})
    grid.update({(TOTAL, column): table.column_totals[column] for column in table.columns})
    grid[TOTAL, TOTAL] = table.total
    return grid


def _relations(keys):
    """Each row and column of the extended table as (parts, total)."""
    rows = list(dict.fromkeys(row for row, _ in keys if row != TOTAL))
    columns = list(dict.fromkeys(column for _, column in keys if column != TOTAL))
    for row in [*rows, TOTAL]:
        yield [(row, column) for column in columns], (row, TOTAL)
    for column in [*columns, TOTAL]:
        yield [(row, column) for row in rows], (TOTAL, column)


def feasible_ranges(exact, shown):
    """Suppressed key -> (smallest, largest) value consistent with what is shown."""
    hidden = [key for key, value in shown.items() if value is None]
    index = {key: i for i, key in enumerate(hidden)}
    matrix, rhs = [], []
    for parts, total in _relations(exact):
        coefficients = np.zeros(len(hidden))
        known = 0
        for key, sign in [*((part, 1) for part in parts), (total, -1)]:
            if key in index:
                coefficients[index[key]] += sign
            else:
                known += sign * exact[key]
        if coefficients.any():
            matrix.append(coefficients)
            rhs.append(-known)
    ranges = {}
    for key, i in index.items():
        bounds = []
        for sign in (1, -1):
            objective = np.zeros(len(hidden))
            objective[i] = sign
            solution = linprog(
                objective,
                A_eq=np.array(matrix) if matrix else None,
                b_eq=np.array(rhs) if rhs else None,
                bounds=[(1, None)] * len(hidden),
                method="highs",
            )
            unbounded = 3
            if solution.status == unbounded:
                bounds.append(math.inf)
                continue
            assert solution.status == 0, solution.message
            bounds.append(sign * solution.fun)
        ranges[key] = (bounds[0], bounds[1])
    return ranges


def disclosures(exact, shown, threshold):
    """Suppressed keys that can be recomputed, and small ones that cannot reach the threshold."""
    ranges = feasible_ranges(exact, shown)
    recomputed = sorted(str(key) for key, (low, high) in ranges.items() if high - low < 1e-6)
    pinned = sorted(
        str(key)
        for key, (_, high) in ranges.items()
        if 0 < exact[key] < threshold and high < threshold - 1e-6
    )
    return recomputed, pinned


def record_ranges(counts, facts):
    """Hidden fact -> (smallest, largest) value its records can sum to, given the shown facts.

    ``counts`` are the exact counts of some records (flows); ``facts`` map a key to
    ``(records, shown)``, a published number that is the sum of the counts of ``records``
    (indices into ``counts``), ``shown`` being ``None`` where it is withheld. An attacker
    knows every shown fact, that a record of 0 is 0 (zeros are shown) and that every other
    record is at least 1; two linear programmes per withheld fact give its range.
    """
    unknown = [i for i, count in enumerate(counts) if count]
    index = {record: i for i, record in enumerate(unknown)}

    def row(records):
        coefficients = np.zeros(len(unknown))
        for record in records:
            if record in index:
                coefficients[index[record]] += 1
        return coefficients

    shown = [(row(records), value) for records, value in facts.values() if value is not None]
    matrix = np.array([coefficients for coefficients, _ in shown]) if shown else None
    rhs = np.array([value for _, value in shown], dtype=float) if shown else None
    ranges = {}
    for key, (records, value) in facts.items():
        if value is not None:
            continue
        objective = row(records)
        if not objective.any():
            ranges[key] = (0, 0)
            continue
        bounds = []
        for sign in (1, -1):
            solution = linprog(
                sign * objective,
                A_eq=matrix,
                b_eq=rhs,
                bounds=[(1, None)] * len(unknown),
                method="highs",
            )
            unbounded = 3
            if solution.status == unbounded:
                bounds.append(math.inf)
                continue
            assert solution.status == 0, (key, solution.message)
            bounds.append(sign * solution.fun)
        ranges[key] = (bounds[0], bounds[1])
    return ranges


def record_disclosures(counts, facts, threshold):
    """Withheld facts that can be recomputed, and small ones that cannot reach the threshold."""
    ranges = record_ranges(counts, facts)
    exact = {key: sum(counts[i] for i in records) for key, (records, _) in facts.items()}
    recomputed = sorted(
        str(key) for key, (low, high) in ranges.items() if exact[key] and high - low < 1e-6
    )
    pinned = sorted(
        str(key)
        for key, (_, high) in ranges.items()
        if 0 < exact[key] < threshold and high < threshold - 1e-6
    )
    return recomputed, pinned
