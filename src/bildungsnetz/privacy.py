"""Statistical disclosure control for every published count of pupils.

German statistical offices suppress small cells (shown as ``.``) or round counts to a base
(Sachsen-Anhalt to 3, others to 5, the employment agency to 10). bildungsnetz publishes
pupil counts only through this module: below ``threshold`` a count is suppressed, and
where totals are shown beside the cells, further cells are suppressed so that no total
reveals a suppressed one (secondary suppression).

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

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

__all__ = [
    "DEFAULT_POLICY",
    "SUPPRESSED",
    "DisclosurePolicy",
    "format_count",
    "suppress",
    "suppress_table",
]

SUPPRESSED = "."
"""How a suppressed cell is shown, as German statistical offices show it."""

Row = TypeVar("Row", bound=Hashable)
Column = TypeVar("Column", bound=Hashable)

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


def suppress_table(
    table: Mapping[Row, Mapping[Column, int]],
    *,
    policy: DisclosurePolicy = DEFAULT_POLICY,
) -> dict[Row, dict[Column, int | None]]:
    """Suppress the small cells of a table and enough others to protect them in totals.

    Primary suppression removes every cell below the threshold. Secondary suppression
    then protects them against the row and column totals, which are assumed to be shown
    beside the table. A line (row or column) is unsafe when it has exactly one suppressed
    cell (its total minus the others reveals it), or when its suppressed cells add up to
    so little that one of them is pinned below the threshold: with ``k`` suppressed
    cells summing to ``s``, each is at least 1, so each is at most ``s - (k - 1)``, and
    that bound must reach the threshold. In every unsafe line the smallest non-zero cell
    still shown is suppressed too, until no line is unsafe or an unsafe line has nothing
    left to suppress.

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

    Examples
    --------
    >>> flows = {"Kita A": {"GS 1": 12, "GS 2": 2, "GS 3": 20},
    ...          "Kita B": {"GS 1": 9, "GS 2": 15, "GS 3": 4}}
    >>> suppress_table(flows)["Kita A"]
    {'GS 1': 12, 'GS 2': None, 'GS 3': None}
    >>> suppress_table(flows)["Kita B"]
    {'GS 1': 9, 'GS 2': None, 'GS 3': None}
    """
    hidden = {
        (row, column)
        for row, cells in table.items()
        for column, count in cells.items()
        if suppress(count, policy=policy) is None
    }
    _protect(table, hidden, policy.threshold)
    return {
        row: {
            column: None if (row, column) in hidden else suppress(count, policy=policy)
            for column, count in cells.items()
        }
        for row, cells in table.items()
    }


Line = tuple[str, Hashable]


@dataclass
class _Lines:
    """The rows and columns of a table with what is suppressed in each."""

    members: dict[Line, list[tuple[int, int, tuple[Hashable, Hashable]]]]
    hidden_count: dict[Line, int]
    hidden_sum: dict[Line, int]
    threshold: int

    def unsafe(self, line: Line) -> bool:
        count = self.hidden_count[line]
        return count == 1 or (count > 1 and self.hidden_sum[line] - (count - 1) < self.threshold)

    def hide(self, count: int, cell: tuple[Hashable, Hashable]) -> list[Line]:
        """Record ``cell`` as suppressed; return its two lines."""
        touched = [("row", cell[0]), ("column", cell[1])]
        for line in touched:
            self.hidden_count[line] += 1
            self.hidden_sum[line] += count
        return touched


def _lines_of(
    table: Mapping[Row, Mapping[Column, int]], hidden: set[tuple[Row, Column]], threshold: int
) -> _Lines:
    members: dict[Line, list[tuple[int, int, tuple[Hashable, Hashable]]]] = defaultdict(list)
    for row, cells in table.items():
        for position, (column, count) in enumerate(cells.items()):
            members["row", row].append((count, position, (row, column)))
            members["column", column].append((count, position, (row, column)))
    for items in members.values():
        items.sort(key=lambda item: (item[0], item[1]))
    lines = _Lines(dict(members), dict.fromkeys(members, 0), dict.fromkeys(members, 0), threshold)
    for row, cells in table.items():
        for column, count in cells.items():
            if (row, column) in hidden:
                lines.hide(count, (row, column))
    return lines


def _protect(
    table: Mapping[Row, Mapping[Column, int]], hidden: set[tuple[Row, Column]], threshold: int
) -> None:
    """Add cells to ``hidden`` until every row and column is safe (see suppress_table).

    A work list of unsafe lines keeps this near O(cells log cells), so whole transition
    matrices of a state can be protected.
    """
    lines = _lines_of(table, hidden, threshold)
    pending = [line for line in lines.members if lines.unsafe(line)]
    while pending:
        line = pending.pop()
        if not lines.unsafe(line):
            continue
        partner = next(
            (item for item in lines.members[line] if item[0] > 0 and item[2] not in hidden),
            None,
        )
        if partner is None:
            continue
        count, _, cell = partner
        hidden.add(cell)  # type: ignore[arg-type]
        pending.extend(touched for touched in lines.hide(count, cell) if lines.unsafe(touched))
        if lines.unsafe(line):
            pending.append(line)
