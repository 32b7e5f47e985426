"""Small cross tables (transition matrices, coverage tables) with totals, ready to publish.

Examples
--------
>>> from bildungsnetz.gaps.table import Table
>>> table = Table.from_counts(
...     {("Kita A", "GS 1"): 12, ("Kita A", "GS 2"): 2, ("Kita B", "GS 1"): 9},
...     title="Übergänge", pupils=True,
... )
>>> table.cell("Kita A", "GS 2") is None
True
>>> print(table.to_markdown())  # doctest: +NORMALIZE_WHITESPACE
| Übergänge | GS 1 | GS 2 | Σ |
|---|---:|---:|---:|
| Kita A | . | . | 14 |
| Kita B | 9 | 0 | 9 |
| Σ | . | . | 23 |
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bildungsnetz._markdown import escape
from bildungsnetz._optional import require
from bildungsnetz._repr import clipped
from bildungsnetz._templates import render_or_none
from bildungsnetz.privacy import (
    DEFAULT_POLICY,
    DisclosurePolicy,
    ProtectedTable,
    format_count,
    protect_table,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

__all__ = ["Table"]

_TOTAL = "Σ"


@dataclass(frozen=True)
class Table:
    """A table of counts with row and column totals, small pupil counts suppressed.

    Build it with :meth:`from_counts`. For counts of pupils, cells and totals pass through
    :func:`bildungsnetz.privacy.protect_table` (with secondary suppression of the fewest,
    smallest cells and totals), so a suppressed count is ``None`` everywhere the table is
    shown.

    Parameters
    ----------
    title
        What the rows are (shown in the corner).
    rows, columns
        The labels, in order.
    cells
        ``(row, column) -> count`` or ``None`` if suppressed; absent pairs are zero.
    row_totals, column_totals
        Totals as published (``None`` if suppressed).
    total
        The grand total as published.

    Examples
    --------
    >>> table = Table.from_counts({("GS", "Sek"): 40, ("GS", "Gym"): 2}, title="t", pupils=True)
    >>> table.cell("GS", "Sek"), table.cell("GS", "Gym")
    (None, None)
    """

    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], int | None] = field(default_factory=dict)
    row_totals: Mapping[str, int | None] = field(default_factory=dict)
    column_totals: Mapping[str, int | None] = field(default_factory=dict)
    total: int | None = 0

    @classmethod
    def from_counts(
        cls,
        counts: Mapping[tuple[str, str], int],
        *,
        title: str,
        pupils: bool,
        policy: DisclosurePolicy = DEFAULT_POLICY,
        rows: tuple[str, ...] | None = None,
        columns: tuple[str, ...] | None = None,
    ) -> Table:
        """Build a table from raw counts, protecting them if they count pupils.

        Parameters
        ----------
        counts
            ``(row, column) -> count``.
        title
            What the rows are.
        pupils
            Whether the counts are pupils (then they are suppressed as ``policy`` says).
        policy
            The disclosure rules for pupil counts.
        rows, columns
            The order of the labels; sorted labels by default.
        """
        row_labels = tuple(sorted({row for row, _ in counts})) if rows is None else rows
        column_labels = (
            tuple(sorted({column for _, column in counts})) if columns is None else columns
        )
        _check_labels(counts, row_labels, column_labels)
        grid: dict[str, dict[str, int]] = {row: {} for row in row_labels}
        for (row, column), count in counts.items():
            grid[row][column] = count
        row_sums = {row: sum(grid[row].values()) for row in row_labels}
        column_sums: dict[str, int] = defaultdict(int)
        for row in row_labels:
            for column, count in grid[row].items():
                column_sums[column] += count
        if not pupils:
            return cls(
                title=title,
                rows=row_labels,
                columns=column_labels,
                cells={(r, c): n for r, cells in grid.items() for c, n in cells.items()},
                row_totals=dict(row_sums),
                column_totals={c: column_sums.get(c, 0) for c in column_labels},
                total=sum(row_sums.values()),
            )
        return cls._protected(title, row_labels, column_labels, grid, policy)

    @classmethod
    def _protected(
        cls,
        title: str,
        rows: tuple[str, ...],
        columns: tuple[str, ...],
        grid: dict[str, dict[str, int]],
        policy: DisclosurePolicy,
    ) -> Table:
        protected = protect_table(grid, policy=policy)
        return cls.from_protected(protected, title=title, rows=rows, columns=columns)

    @classmethod
    def from_protected(
        cls,
        protected: ProtectedTable[str, str],
        *,
        title: str,
        rows: tuple[str, ...] | None = None,
        columns: tuple[str, ...] | None = None,
    ) -> Table:
        """Build a table from counts protected already, such as those of ``protect_nested``.

        Parameters
        ----------
        protected
            The cells and totals as they may be published.
        title
            What the rows are.
        rows, columns
            The order of the labels; sorted labels by default.

        Examples
        --------
        >>> from bildungsnetz.privacy import protect_table
        >>> protected = protect_table({"Kita A": {"GS 1": 12, "GS 2": 2}})
        >>> Table.from_protected(protected, title="t").column_totals
        {'GS 1': None, 'GS 2': None}
        """
        row_labels = tuple(sorted(protected.cells)) if rows is None else rows
        column_labels = tuple(sorted(protected.column_totals)) if columns is None else columns
        return cls(
            title=title,
            rows=row_labels,
            columns=column_labels,
            cells={
                (row, column): shown
                for row in row_labels
                for column, shown in protected.cells.get(row, {}).items()
            },
            row_totals={row: protected.row_totals.get(row, 0) for row in row_labels},
            # A column without a single count has no entry there; its total is 0.
            column_totals={c: protected.column_totals.get(c, 0) for c in column_labels},
            total=protected.total,
        )

    def __repr__(self) -> str:
        """Return one line: the title, the size and the total as published.

        Examples
        --------
        >>> Table.from_counts({("a", "x"): 5, ("b", "x"): 1}, title="t", pupils=True)
        <Table 't': 2 rows × 1 column, total 6>
        """
        rows, columns = len(self.rows), len(self.columns)
        return (
            f"<Table {clipped(self.title)}: {rows} row{'' if rows == 1 else 's'} × "
            f"{columns} column{'' if columns == 1 else 's'}, total {format_count(self.total)}>"
        )

    def __str__(self) -> str:
        """Return the table as Markdown (see :meth:`to_markdown`)."""
        return self.to_markdown()

    def _repr_html_(self) -> str | None:
        """Return the table for Jupyter, suppressed counts as ``.``; ``None`` without Jinja2.

        Examples
        --------
        >>> table = Table.from_counts({("a", "x"): 5, ("b", "x"): 1}, title="t", pupils=True)
        >>> '<td class="bn-num">.</td>' in table._repr_html_()
        True
        """
        suppressed = None in self.cells.values() or None in self.row_totals.values()
        suppressed = suppressed or None in self.column_totals.values() or self.total is None
        return render_or_none("view_table.html.j2", lang="de", table=self, suppressed=suppressed)

    def cell(self, row: str, column: str) -> int | None:
        """Return the published count of a cell (0 for an empty one, ``None`` if suppressed)."""
        return self.cells.get((row, column), 0)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one dictionary per row: the row label, the cells and the total.

        Examples
        --------
        >>> Table.from_counts({("a", "x"): 5}, title="t", pupils=False).to_records()
        [{'t': 'a', 'x': 5, 'Σ': 5}]
        """
        return [
            {
                self.title: row,
                **{column: self.cell(row, column) for column in self.columns},
                _TOTAL: self.row_totals.get(row),
            }
            for row in self.rows
        ]

    def to_markdown(self) -> str:
        """Return the table as Markdown; suppressed counts show as ``.``.

        Labels and title are escaped: a name cannot split a cell, add a row, a heading,
        HTML or a link (see :doc:`/data-protection`).

        Examples
        --------
        >>> print(Table.from_counts({("a", "x"): 5}, title="t", pupils=False).to_markdown())
        | t | x | Σ |
        |---|---:|---:|
        | a | 5 | 5 |
        | Σ | 5 | 5 |
        """
        columns = [escape(column) for column in self.columns]
        header = f"| {escape(self.title)} | " + " | ".join(columns) + f" | {_TOTAL} |"
        rule = "|---|" + "---:|" * (len(self.columns) + 1)
        lines = [header, rule]
        for row in self.rows:
            cells = [format_count(self.cell(row, column)) for column in self.columns]
            total = format_count(self.row_totals.get(row))
            lines.append(f"| {escape(row)} | " + " | ".join([*cells, total]) + " |")
        totals = [format_count(self.column_totals.get(column)) for column in self.columns]
        lines.append(f"| {_TOTAL} | " + " | ".join([*totals, format_count(self.total)]) + " |")
        return "\n".join(lines)

    def to_frame(self) -> pd.DataFrame:
        """Return the table as a pandas DataFrame (suppressed cells are missing values).

        Raises
        ------
        MissingDependencyError
            If pandas is not installed (``pip install "bildungsnetz[pandas]"``).

        Examples
        --------
        >>> Table.from_counts({("a", "x"): 5}, title="t", pupils=False).to_frame().shape
        (1, 2)
        """
        require("pandas", extra="pandas", feature="Table.to_frame()")
        import pandas as pd  # noqa: PLC0415 (optional: require() named its extra if missing)

        return pd.DataFrame.from_records(self.to_records()).set_index(self.title)


def _check_labels(
    counts: Mapping[tuple[str, str], int], rows: tuple[str, ...], columns: tuple[str, ...]
) -> None:
    problems = []
    if _TOTAL in rows or _TOTAL in columns:
        problems.append(f"{_TOTAL!r} is reserved for the totals")
    missing_rows = sorted({row for row, _ in counts} - set(rows))
    missing_columns = sorted({column for _, column in counts} - set(columns))
    if missing_rows:
        problems.append(f"counts have rows not in rows=: {', '.join(map(repr, missing_rows))}")
    if missing_columns:
        problems.append(
            f"counts have columns not in columns=: {', '.join(map(repr, missing_columns))}"
        )
    if problems:
        msg = "; ".join(problems)
        raise ValueError(msg)
