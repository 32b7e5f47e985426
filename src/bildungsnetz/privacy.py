"""Statistical disclosure control for every published count of pupils.

German statistical offices suppress small cells (shown as ``.``) or round counts to a base
(Sachsen-Anhalt to 3, others to 5, the employment agency to 10). bildungsnetz publishes
pupil counts only through this module: below ``threshold`` a count is suppressed, and
in a table published with its totals, the fewest and smallest further counts are
suppressed so that no total reveals a suppressed one (secondary suppression by the
hypercube method, :func:`protect_table`).

Examples
--------
>>> from bildungsnetz import privacy
>>> privacy.suppress(2), privacy.suppress(38)
(None, 38)
>>> privacy.format_count(privacy.suppress(2))
'.'
>>> privacy.suppress(38, policy=privacy.DisclosurePolicy(rounding=5))
40
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

import numpy as np

__all__ = [
    "DEFAULT_POLICY",
    "SUPPRESSED",
    "DisclosurePolicy",
    "ProtectedTable",
    "format_count",
    "protect_nested",
    "protect_table",
    "suppress",
    "suppress_table",
]

SUPPRESSED = "."
"""How a suppressed cell is shown, as German statistical offices show it."""

Row = TypeVar("Row", bound=Hashable)
Column = TypeVar("Column", bound=Hashable)
RowGroup = TypeVar("RowGroup", bound=Hashable)
ColumnGroup = TypeVar("ColumnGroup", bound=Hashable)

_ROUNDING_BASES = (3, 5, 10)


@dataclass(frozen=True, slots=True)
class DisclosurePolicy:
    """How small counts are protected.

    Parameters
    ----------
    threshold
        Counts from 1 up to ``threshold - 1`` are suppressed (default 3: counts of 1 and
        2 are never shown). Zero is shown: it reveals nothing about a person.
    rounding
        ``None`` (no rounding), or a base of 3, 5 or 10 to which every shown count is
        rounded.

    Examples
    --------
    >>> DisclosurePolicy(threshold=5).threshold
    5
    >>> DisclosurePolicy(rounding=7)
    Traceback (most recent call last):
    ...
    ValueError: rounding must be None or one of 3, 5, 10, got 7
    """

    threshold: int = 3
    rounding: int | None = None

    def __post_init__(self) -> None:
        if self.threshold < 1:
            msg = f"threshold must be at least 1, got {self.threshold}"
            raise ValueError(msg)
        if self.rounding is not None and self.rounding not in _ROUNDING_BASES:
            msg = f"rounding must be None or one of 3, 5, 10, got {self.rounding}"
            raise ValueError(msg)


DEFAULT_POLICY = DisclosurePolicy()
"""Suppress counts of pupils below 3, no rounding."""


def suppress(count: int, *, policy: DisclosurePolicy = DEFAULT_POLICY) -> int | None:
    """Return the count as it may be published, or ``None`` if it must be suppressed.

    Parameters
    ----------
    count
        A count of pupils (not negative).
    policy
        The disclosure rules.

    Returns
    -------
    shown
        ``None`` for a count from 1 to ``threshold - 1``; otherwise the count, rounded
        half up to the policy's base if it has one (but never a non-zero count to 0).

    Examples
    --------
    >>> [suppress(n) for n in (0, 1, 2, 3)]
    [0, None, None, 3]
    >>> suppress(7, policy=DisclosurePolicy(rounding=3))
    6
    """
    if count < 0:
        msg = f"a count of pupils cannot be negative, got {count}"
        raise ValueError(msg)
    if 0 < count < policy.threshold:
        return None
    if policy.rounding is None or count == 0:
        return count
    base = policy.rounding
    # A count that exists is never shown as 0: that would claim there were no pupils.
    return max(base, (count + base // 2) // base * base)


def format_count(shown: int | None) -> str:
    """Return a published count as text, ``"."`` for a suppressed one.

    Examples
    --------
    >>> format_count(None), format_count(1250)
    ('.', '1250')
    """
    return SUPPRESSED if shown is None else str(shown)


@dataclass(frozen=True)
class ProtectedTable(Generic[Row, Column]):
    """A table of counts with its totals, as it may be published.

    Made by :func:`protect_table`. A suppressed count is ``None``; every other count is
    what :func:`suppress` shows for it (rounded if the policy rounds).

    Parameters
    ----------
    cells
        The cells in the shape of the table given: the same rows with the same cells in
        the same order.
    row_totals
        Row -> its total, for every row of the table.
    column_totals
        Column -> its total, for every column that has a cell, in the order the columns
        first appear.
    total
        The grand total.

    Examples
    --------
    >>> protected = protect_table({"Kita A": {"GS 1": 2, "GS 2": 7},
    ...                            "Kita B": {"GS 1": 5, "GS 2": 6}})
    >>> protected.cells
    {'Kita A': {'GS 1': None, 'GS 2': None}, 'Kita B': {'GS 1': None, 'GS 2': None}}
    >>> protected.row_totals, protected.column_totals, protected.total
    ({'Kita A': 9, 'Kita B': 11}, {'GS 1': 7, 'GS 2': 13}, 20)
    """

    cells: dict[Row, dict[Column, int | None]]
    row_totals: dict[Row, int | None]
    column_totals: dict[Column, int | None]
    total: int | None


def protect_table(
    table: Mapping[Row, Mapping[Column, int]],
    *,
    policy: DisclosurePolicy = DEFAULT_POLICY,
) -> ProtectedTable[Row, Column]:
    """Protect a table with its totals: suppress small counts and a few small ones beside them.

    Primary suppression removes every count, cell or total, from 1 to ``threshold - 1``.
    Secondary suppression then hides few and small further counts so that what
    is published (the shown cells and totals) cannot tell that a suppressed count is
    small: an attacker who knows that suppressed counts are at least 1 (zeros are shown)
    must still find it possible for each one to reach the threshold.

    This is the hypercube method, as in tau-Argus, the statistical offices' tool. Extend
    the table by its margins, a total row and a total column, and give the total row and
    column the sign -1, all others +1: the counts times the signs of their row and column
    then add up to zero along every row and column. So the four corners of any rectangle
    (two rows, two columns, totals among them or not) can change by ``+u`` and ``-u`` in
    turn, in those signs, and every published sum still holds. If all four corners are
    suppressed (none of them zero), nobody can tell the true table from the changed one
    as long as every corner stays at least 1.

    For each primary count, in the order of its labels (totals last), the rectangle with
    that count as a corner is chosen that lets it reach the threshold and newly
    suppresses, in this order of importance, the fewest totals, the fewest cells and the
    smallest sum; counts already suppressed cost nothing, remaining ties go to the
    smaller labels. A rectangle inside the table therefore wins over one that hides
    totals. One through the total row and the total column always exists and lets the
    count grow without bound, so every primary count is protected.

    Parameters
    ----------
    table
        Rows of cells (counts of pupils); missing cells count as zero and stay absent.
        Labels are ordered by their natural order, by their ``repr`` if they cannot be
        compared; the result does not depend on the order the rows and cells are given in.
    policy
        The disclosure rules.

    Returns
    -------
    protected
        The cells in the table's shape and the totals, suppressed counts ``None``, the
        others rounded as the policy says.

    Raises
    ------
    ValueError
        If a count is negative.

    See Also
    --------
    suppress_table : Only the cells.

    Notes
    -----
    The hypercube method: Hundepool et al., *Statistical Disclosure Control*, Wiley 2012,
    ch. 4. One rectangle is chosen per primary count, greedily in a fixed order: a
    heuristic, so the pattern is not always the smallest possible, but every suppressed
    count can take more than one value given everything shown, and every primary count a
    value of at least the threshold.

    Only rectangles whose four corners are not zero are tried: for a count in row ``i``
    and column ``j``, the second column is one of the non-zero counts of row ``i``, the
    second row one of column ``j``. With ``n`` non-zero counts the cost is O(n log n) to
    order the labels and index the counts by row and column plus, per primary count,
    about the product of the non-zero counts in its row and its column; a total is paired
    from its shorter side, so a small total costs what its few cells cost. An
    institution-level matrix of 6,000 Kitas and 2,000 schools with 20,000 flows is
    protected in one to two seconds.

    Examples
    --------
    >>> flows = {"Kita A": {"GS 1": 12, "GS 2": 2, "GS 3": 20},
    ...          "Kita B": {"GS 1": 9, "GS 2": 15, "GS 3": 4}}
    >>> protected = protect_table(flows)
    >>> protected.cells["Kita A"], protected.cells["Kita B"]
    ({'GS 1': None, 'GS 2': None, 'GS 3': 20}, {'GS 1': None, 'GS 2': None, 'GS 3': 4})
    >>> protected.row_totals, protected.total
    ({'Kita A': 34, 'Kita B': 28}, 62)

    A single row has no second row of cells, so the column totals join the rectangle:

    >>> protect_table({"Kita A": {"GS 1": 12, "GS 2": 2}}).column_totals
    {'GS 1': None, 'GS 2': None}
    """
    grid = _Grid.of(table)
    return _published(table, grid, _protect(grid, policy.threshold), policy)


def protect_nested(
    table: Mapping[Row, Mapping[Column, int]],
    *,
    row_groups: Mapping[Row, RowGroup],
    column_groups: Mapping[Column, ColumnGroup],
    policy: DisclosurePolicy = DEFAULT_POLICY,
) -> tuple[ProtectedTable[Row, Column], ProtectedTable[RowGroup, ColumnGroup]]:
    """Protect a table and the coarser table of its groups, to be published together.

    Two tables of the same counts, one by institution and one by school form, each
    protected on its own, can reveal together what neither reveals alone: the school-form
    table publishes a sum of cells that the institution table suppresses, and the sum of a
    form's institution totals gives a form total that the form table suppresses. Here the
    fine table is protected as :func:`protect_table` protects it, and the coarse table
    publishes a count only if it is not small and the published fine table already
    determines it (it is the sum of shown fine counts, or follows from them and the fine
    totals): so it adds nothing to what the fine table tells. A small coarse count stays
    open too: it sums small fine counts only, and the rectangle that lets one of them reach
    the threshold cannot take that growth back inside the coarse count, since a shrinking
    corner there would be small and would not let it reach the threshold.

    Parameters
    ----------
    table
        Rows of cells (counts of pupils); missing cells count as zero and stay absent.
    row_groups, column_groups
        The group of every row and every column of ``table``.
    policy
        The disclosure rules.

    Returns
    -------
    fine, coarse
        The table and the table of its groups, as they may be published together. The
        coarse table's rows and columns are the groups, in the order they first appear.

    Raises
    ------
    ValueError
        If a count is negative or a row or column has no group.

    See Also
    --------
    protect_table : One table alone.

    Notes
    -----
    Whether a coarse count follows from the fine table is decided exactly, over the
    linear equations of the fine table's rows, columns and totals: the suppressed fine
    counts are the edges of a bipartite graph between the lines of the table, and a sum
    of them follows from the published numbers if and only if it can be written as one
    value per line summed over both ends of every suppressed count (a potential). That
    costs one pass over the suppressed counts per component, for all coarse counts at
    once.

    Examples
    --------
    >>> flows = {"Kita A": {"GS 1": 12, "GS 2": 2, "GS 3": 20},
    ...          "Kita B": {"GS 1": 9, "GS 2": 15, "GS 3": 4},
    ...          "FöS": {"GS 1": 1, "Sek": 8}}
    >>> forms = {"Kita A": "Kita", "Kita B": "Kita", "FöS": "Förderschule",
    ...          "GS 1": "GS", "GS 2": "GS", "GS 3": "GS", "Sek": "Sek"}
    >>> fine, coarse = protect_nested(flows, row_groups=forms, column_groups=forms)
    >>> coarse.cells
    {'Kita': {'GS': 62}, 'Förderschule': {'GS': None, 'Sek': None}}
    >>> coarse.row_totals, coarse.column_totals, coarse.total
    ({'Kita': 62, 'Förderschule': 9}, {'GS': None, 'Sek': None}, 71)
    """
    grid = _Grid.of(table)
    coarse_table = _grouped(table, row_groups, column_groups)
    coarse_grid = _Grid.of(coarse_table)
    members = _members(grid, coarse_grid, row_groups, column_groups)
    hidden = _protect(grid, policy.threshold)
    determined = _determined(grid, hidden, members)
    coarse_hidden = {
        cell
        for cell, value in coarse_grid.values.items()
        if value < policy.threshold or cell not in determined
    }
    return (
        _published(table, grid, hidden, policy),
        _published(coarse_table, coarse_grid, coarse_hidden, policy),
    )


def _grouped(
    table: Mapping[Row, Mapping[Column, int]],
    row_groups: Mapping[Row, RowGroup],
    column_groups: Mapping[Column, ColumnGroup],
) -> dict[RowGroup, dict[ColumnGroup, int]]:
    """Return the table of the groups: the sums of the cells of each pair of groups."""
    coarse: dict[RowGroup, dict[ColumnGroup, int]] = {}
    for row, cells in table.items():
        if row not in row_groups:
            msg = f"row {row!r} has no group"
            raise ValueError(msg)
        sums = coarse.setdefault(row_groups[row], {})
        for column, count in cells.items():
            if column not in column_groups:
                msg = f"column {column!r} has no group"
                raise ValueError(msg)
            group = column_groups[column]
            sums[group] = sums.get(group, 0) + count
    return coarse


def _members(
    grid: _Grid,
    coarse: _Grid,
    row_groups: Mapping[Any, Any],
    column_groups: Mapping[Any, Any],
) -> dict[Cell, frozenset[Cell]]:
    """Return the non-zero fine counts that each non-zero coarse count sums, totals included."""
    row_of = {rank: coarse.row_rank[row_groups[row]] for row, rank in grid.row_rank.items()}
    row_of[grid.total_row] = coarse.total_row
    column_of = {
        rank: coarse.column_rank[column_groups[column]] for column, rank in grid.column_rank.items()
    }
    column_of[grid.total_column] = coarse.total_column
    members: dict[Cell, set[Cell]] = defaultdict(set)
    for row, column in grid.values:
        members[row_of[row], column_of[column]].add((row, column))
    return {cell: frozenset(cells) for cell, cells in members.items()}


def _published(
    table: Mapping[Row, Mapping[Column, int]],
    grid: _Grid,
    hidden: set[Cell],
    policy: DisclosurePolicy,
) -> ProtectedTable[Row, Column]:
    """Return the table and its totals as published, the ``hidden`` counts ``None``."""
    # Thousands of cells share a few hundred distinct counts: each is rounded once.
    shown = {count: suppress(count, policy=policy) for count in {0, *grid.values.values()}}
    row_rank, column_rank = grid.row_rank, grid.column_rank
    total_row, total_column = grid.total_row, grid.total_column

    def published(cell: Cell, count: int) -> int | None:
        return None if cell in hidden else shown[count]

    cells: dict[Row, dict[Column, int | None]] = {}
    row_totals: dict[Row, int | None] = {}
    for row, counts in table.items():
        rank = row_rank[row]
        cells[row] = {
            column: None if (rank, column_rank[column]) in hidden else shown[count]
            for column, count in counts.items()
        }
        row_totals[row] = published((rank, total_column), sum(counts.values()))
    columns = dict.fromkeys(column for counts in table.values() for column in counts)
    return ProtectedTable(
        cells=cells,
        row_totals=row_totals,
        column_totals={
            column: published(
                (total_row, column_rank[column]),
                grid.values.get((total_row, column_rank[column]), 0),
            )
            for column in columns
        },
        total=published((total_row, total_column), grid.values.get((total_row, total_column), 0)),
    )


def _determined(
    grid: _Grid, hidden: set[Cell], members: Mapping[Cell, frozenset[Cell]]
) -> set[Cell]:
    """Return the coarse counts that the published fine table determines (see protect_nested).

    With the total row and column signed -1, a suppressed fine count ``x`` at row ``r`` and
    column ``c`` is ``sign(r) * sign(c) * y``, and the published numbers fix the sum of the
    ``y`` at every line. A sum of suppressed counts, written over the ``y``, follows from
    them exactly when its weight on every suppressed count is ``p[r] + p[c]`` for some
    values ``p`` of the lines: those are set along a spanning forest and checked on the
    remaining suppressed counts, for every coarse count at once.
    """
    unknown = sorted(cell for cell in hidden if cell in grid.values)
    coarse_of = {fine: coarse for coarse, cells in members.items() for fine in cells}
    open_sums = sorted({coarse_of[cell] for cell in unknown})
    if not open_sums:
        return set(members)
    column_of_sum = {cell: i for i, cell in enumerate(open_sums)}
    column_node = grid.total_row + 1

    def sign(cell: Cell) -> int:
        return (-1 if cell[0] == grid.total_row else 1) * (
            -1 if cell[1] == grid.total_column else 1
        )

    ends = [(row, column_node + column) for row, column in unknown]
    weights = [(column_of_sum[coarse_of[cell]], sign(cell)) for cell in unknown]
    potential = np.zeros((column_node + grid.total_column + 1, len(open_sums)), dtype=np.int64)
    tree = _spanning_forest(ends, potential.shape[0])
    for node, parent, edge in tree:
        potential[node] = -potential[parent]
        where, weight = weights[edge]
        potential[node, where] += weight
    in_tree = {edge for _, _, edge in tree}
    rest = [edge for edge in range(len(unknown)) if edge not in in_tree]
    open_now = np.zeros(len(open_sums), dtype=bool)
    for start in range(0, len(rest), 4096):
        chunk = rest[start : start + 4096]
        first = np.array([ends[edge][0] for edge in chunk])
        second = np.array([ends[edge][1] for edge in chunk])
        residual = potential[first] + potential[second]
        rows = np.arange(len(chunk))
        sums = np.array([weights[edge][0] for edge in chunk])
        residual[rows, sums] -= np.array([weights[edge][1] for edge in chunk])
        open_now |= residual.any(axis=0)
    return set(members) - {
        cell for cell, is_open in zip(open_sums, open_now, strict=True) if is_open
    }


def _spanning_forest(ends: list[tuple[int, int]], nodes: int) -> list[tuple[int, int, int]]:
    """Return (node, parent, edge) along a breadth-first spanning forest, parents first."""
    adjacent: list[list[tuple[int, int]]] = [[] for _ in range(nodes)]
    for edge, (first, second) in enumerate(ends):
        adjacent[first].append((second, edge))
        adjacent[second].append((first, edge))
    seen = [False] * nodes
    order: list[tuple[int, int, int]] = []
    for root in range(nodes):
        if seen[root] or not adjacent[root]:
            continue
        seen[root] = True
        queue = deque([root])
        while queue:
            node = queue.popleft()
            for other, edge in adjacent[node]:
                if not seen[other]:
                    seen[other] = True
                    order.append((other, node, edge))
                    queue.append(other)
    return order


def suppress_table(
    table: Mapping[Row, Mapping[Column, int]],
    *,
    policy: DisclosurePolicy = DEFAULT_POLICY,
) -> dict[Row, dict[Column, int | None]]:
    """Return the cells of a table as published beside its row, column and grand totals.

    The cells of :func:`protect_table`. Small counts are suppressed, and for each the
    cheapest rectangle of further suppressed counts (cells inside the table rather than
    totals, then as few and as small as possible), so that no shown total reveals a
    suppressed count or shows it to be small: the hypercube method, see there. Publish
    the totals only as :func:`protect_table` gives them: a total it suppresses is part of
    the protection.

    Parameters
    ----------
    table
        Rows of cells; missing cells count as zero and stay absent.
    policy
        The disclosure rules.

    Returns
    -------
    published
        The same shape, with suppressed cells ``None`` and the others rounded as the
        policy says.

    Raises
    ------
    ValueError
        If a count is negative.

    Notes
    -----
    The hypercube method: Hundepool et al., *Statistical Disclosure Control*, Wiley 2012,
    ch. 4. The cost is that of :func:`protect_table`.

    Examples
    --------
    >>> flows = {"Kita A": {"GS 1": 12, "GS 2": 2, "GS 3": 20},
    ...          "Kita B": {"GS 1": 9, "GS 2": 15, "GS 3": 4}}
    >>> suppress_table(flows)["Kita A"]
    {'GS 1': None, 'GS 2': None, 'GS 3': 20}
    >>> suppress_table(flows)["Kita B"]
    {'GS 1': None, 'GS 2': None, 'GS 3': 4}
    """
    return protect_table(table, policy=policy).cells


Cell = tuple[int, int]

_TOTAL_WEIGHT = 4
"""The cost of hiding a total: more than the three cells of a rectangle together."""
Label = TypeVar("Label", bound=Hashable)


def _in_label_order(labels: Iterable[Label]) -> list[Label]:
    """Return the labels sorted, so that the order they were given in does not matter."""
    items = list(labels)
    try:
        return cast("list[Label]", sorted(cast("list[Any]", items)))
    except TypeError:
        # Labels of different types have no common order; their text has one.
        return sorted(items, key=repr)


@dataclass
class _Grid:
    """A table extended by its margins, its labels replaced by their ranks.

    Rows and columns are numbered in label order; the total row and the total column come
    last. Only non-zero counts are kept. The search for rectangles works on the counts by
    position (``cells``, ``counts``): each row and each column knows its non-zero counts
    as column or row -> position, so a corner is found by one lookup of a small integer.
    """

    row_rank: dict[Hashable, int]
    column_rank: dict[Hashable, int]
    values: dict[Cell, int]
    cells: list[Cell] = field(init=False)
    counts: list[int] = field(init=False)
    in_row: dict[int, dict[int, int]] = field(init=False)
    in_column: dict[int, dict[int, int]] = field(init=False)
    weights: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.cells = list(self.values)
        self.counts = list(self.values.values())
        total_row, total_column = self.total_row, self.total_column
        # What newly hiding a count costs: a total more than any number of cells (see
        # _rectangle).
        self.weights = [
            _TOTAL_WEIGHT if row == total_row or column == total_column else 1
            for row, column in self.cells
        ]
        in_row: dict[int, dict[int, int]] = defaultdict(dict)
        in_column: dict[int, dict[int, int]] = defaultdict(dict)
        for position, (row, column) in enumerate(self.cells):
            in_row[row][column] = position
            in_column[column][row] = position
        self.in_row, self.in_column = in_row, in_column

    @property
    def total_row(self) -> int:
        return len(self.row_rank)

    @property
    def total_column(self) -> int:
        return len(self.column_rank)

    @classmethod
    def of(cls, table: Mapping[Row, Mapping[Column, int]]) -> _Grid:
        row_rank: dict[Hashable, int] = {
            row: rank for rank, row in enumerate(_in_label_order(table))
        }
        columns = _in_label_order({column for cells in table.values() for column in cells})
        column_rank: dict[Hashable, int] = {column: rank for rank, column in enumerate(columns)}
        values: dict[Cell, int] = {}
        row_sums: dict[int, int] = defaultdict(int)
        column_sums: dict[int, int] = defaultdict(int)
        for row, cells in table.items():
            rank = row_rank[row]
            for column, count in cells.items():
                if count < 0:
                    msg = (
                        f"a count of pupils cannot be negative, got {count} "
                        f"(row {row!r}, column {column!r})"
                    )
                    raise ValueError(msg)
                if count:
                    other = column_rank[column]
                    values[rank, other] = count
                    row_sums[rank] += count
                    column_sums[other] += count
        total_row, total_column = len(row_rank), len(column_rank)
        values.update(((row, total_column), count) for row, count in row_sums.items())
        values.update(((total_row, column), count) for column, count in column_sums.items())
        if row_sums:
            values[total_row, total_column] = sum(row_sums.values())
        return cls(row_rank, column_rank, values)

    def is_margin(self, cell: Cell) -> bool:
        return cell[0] == self.total_row or cell[1] == self.total_column


def _protect(grid: _Grid, threshold: int) -> set[Cell]:
    """Return the cells to suppress: the small ones and their rectangles (see protect_table)."""
    # By position: 1 where hidden. A rectangle's corners are looked up once per rectangle
    # of every primary count, so a list index beats hashing a tuple of the cell.
    hidden = bytearray(len(grid.cells))
    primary = [position for position, count in enumerate(grid.counts) if count < threshold]
    for position in primary:
        hidden[position] = 1
    # Label order, not the order the records came in, decides which rectangle is taken.
    cells = grid.cells
    weights = grid.weights
    order = sorted(primary, key=lambda position: (weights[position], cells[position]))
    for position in order:
        for corner in _rectangle(grid, position, hidden, threshold):
            hidden[corner] = 1
    return {cell for cell, is_hidden in zip(cells, hidden, strict=True) if is_hidden}


def _rectangle(
    grid: _Grid,
    position: int,
    hidden: bytearray,
    threshold: int,
) -> tuple[int, ...]:
    """Return the positions of the other three corners of the cheapest rectangle for a count.

    ``position`` is the count's place in ``grid.cells``; ``hidden`` is 1 at the positions
    already suppressed. Rectangles that let the count reach the threshold come first (the
    others only by how far they let it go), then those with the fewest new totals, cells
    and pupils, then labels. When the count grows by u, the corners that shrink by u must
    stay at least 1: two plain rows change the corners of a column in opposite directions
    (what one gains, the other loses); with the total row among them, in the same
    direction (a total grows with its cell). Likewise two columns. The loop runs once per
    rectangle of a hidden count, the bulk of protecting a large table, so it is written
    out flat.
    """
    counts, weights = grid.counts, grid.weights
    total_row, total_column = grid.total_row, grid.total_column
    row, column = grid.cells[position]
    count = counts[position]
    row_plain, column_plain = row != total_row, column != total_column
    best_key: tuple[int, ...] | None = None
    best: tuple[int, ...] = ()
    for other_row, other_column, beside, across, far in _partners(grid, row, column):
        rows_opposite = row_plain and other_row != total_row
        columns_opposite = column_plain and other_column != total_column
        # How far the count can grow: the smallest shrinking corner less one; without a
        # shrinking corner, without bound. Only how far short of the threshold it stays
        # matters (the key then prefers the rectangles that go furthest).
        room = counts[beside] if columns_opposite else threshold
        if rows_opposite and counts[across] < room:
            room = counts[across]
        if rows_opposite != columns_opposite and counts[far] < room:
            room = counts[far]
        short = threshold - count - room + 1
        # A corner already hidden costs nothing; the weights order the rectangles by new
        # totals first, new cells second.
        cost = pupils = 0
        if not hidden[beside]:
            cost += weights[beside]
            pupils += counts[beside]
        if not hidden[across]:
            cost += weights[across]
            pupils += counts[across]
        if not hidden[far]:
            cost += weights[far]
            pupils += counts[far]
        key = (short if short > 0 else 0, cost, pupils, other_row, other_column)
        if best_key is None or key < best_key:
            best_key, best = key, (beside, across, far)
    return best


def _partners(grid: _Grid, row: int, column: int) -> list[tuple[int, int, int, int, int]]:
    """Return the rectangles of non-zero counts with the count at ``row`` and ``column``.

    Each as (other row, other column, and the positions of the corners beside, across
    and far). A total pairs with every row or column that has a count, so the lists are
    walked from the shorter side: a small row total of a matrix with thousands of rows
    then costs what its few cells cost.
    """
    if len(grid.in_row[row]) <= len(grid.in_column[column]):
        return _partners_along(row, grid.in_row[row], column, grid.in_column)
    # Along the column, the roles of rows and columns swap; so do the corners beside and
    # across and the coordinates of the partner.
    return [
        (other_row, other_column, beside, across, far)
        for other_column, other_row, across, beside, far in _partners_along(
            column, grid.in_column[column], row, grid.in_row
        )
    ]


def _partners_along(
    line: int,
    in_line: dict[int, int],
    crossing: int,
    in_crossings: dict[int, dict[int, int]],
) -> list[tuple[int, int, int, int, int]]:
    """Return the rectangles found along one line (a row, or a column with roles swapped).

    ``in_line`` holds the counts of ``line`` by crossing line, ``in_crossings`` those of
    every crossing line by line. Each rectangle as (other line, other crossing, the
    corners on ``line``, on ``crossing`` and the far one).
    """
    here = in_crossings[crossing]
    found: list[tuple[int, int, int, int, int]] = []
    for other_crossing, beside in in_line.items():
        if other_crossing == crossing:
            continue
        there = in_crossings[other_crossing]
        if len(here) <= len(there):
            found += [
                (other_line, other_crossing, beside, across, far)
                for other_line, across in here.items()
                if other_line != line and (far := there.get(other_line)) is not None
            ]
        else:
            found += [
                (other_line, other_crossing, beside, across, far)
                for other_line, far in there.items()
                if other_line != line and (across := here.get(other_line)) is not None
            ]
    return found
