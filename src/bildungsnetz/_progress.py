"""Progress bars for long runs, silent unless asked for (extra ``progress``, tqdm).

A national network takes a minute to load and another to analyse; ``progress=True`` on
:func:`bildungsnetz.io.load` and :func:`bildungsnetz.find_gaps` shows how far they are,
on standard error. Without it nothing is printed and tqdm is not imported.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from bildungsnetz._optional import require

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["steps"]


def _silent(label: str, /, *, amount: int = 1) -> None:
    """Do nothing: the progress of a run nobody asked to watch."""


@contextmanager
def steps(
    total: int, *, enabled: bool, description: str, unit: str = "step", feature: str
) -> Iterator[Callable[..., None]]:
    """Yield ``advance(label, *, amount=1)``, which moves a bar of ``total`` forward.

    Parameters
    ----------
    total
        How many units the run has.
    enabled
        Whether to show a bar at all; if not, ``advance`` does nothing and tqdm is not
        imported.
    description
        The bar's title (``"find_gaps"``).
    unit
        What is counted (``"step"``, ``"record"``).
    feature
        What asked for it, for the message if tqdm is missing (``"find_gaps(progress=True)"``).

    Raises
    ------
    MissingDependencyError
        If ``enabled`` and tqdm (extra ``progress``) is not installed.

    Examples
    --------
    >>> with steps(3, enabled=False, description="example", feature="this example") as advance:
    ...     for label in ("load", "check", "analyse"):
    ...         advance(label)
    """
    if not enabled:
        yield _silent
        return
    tqdm: Any = require("tqdm", extra="progress", feature=feature)
    # Bytes and characters read best in thousands and millions (12.3MB/s, not 12345678B/s).
    scaled = unit in {"B", "char"}
    bar = tqdm.tqdm(
        total=total,
        desc=description,
        unit=unit,
        unit_scale=scaled,
        unit_divisor=1024 if unit == "B" else 1000,
        file=sys.stderr,
        leave=False,
    )

    def advance(label: str, /, *, amount: int = 1) -> None:
        bar.set_postfix_str(label, refresh=False)
        bar.update(amount)

    try:
        yield advance
    finally:
        bar.close()
