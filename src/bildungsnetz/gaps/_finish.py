"""What every finding gets before a detector hands it out."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from bildungsnetz.gaps._evidence import details
from bildungsnetz.gaps._verify import offered, with_changes

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from bildungsnetz.gaps._analysis import Analysis
    from bildungsnetz.gaps._verify import Judge
    from bildungsnetz.gaps.gap import Gap, GapKind

__all__ = ["finished", "unfinished"]

_UNFINISHED: ContextVar[bool] = ContextVar("unfinished", default=False)


@contextmanager
def unfinished() -> Iterator[None]:
    """Let the detectors called inside hand out their findings as found, in order.

    Comparing two days needs only what identifies a finding (id, kind, severity, score,
    actors); evidence in words and verified suggestions would be computed for nothing.
    Nothing is cached in this state, so no later call sees an unfinished finding.
    """
    token = _UNFINISHED.set(True)
    try:
        yield
    finally:
        _UNFINISHED.reset(token)


def finished(
    analysis: Analysis, gaps: Iterable[Gap], judges: Mapping[GapKind, Judge] | None = None
) -> list[Gap]:
    """Return the findings with their evidence in words, verified suggestions, in order.

    Every public detector returns its findings through here, so a detector called on its
    own gives what :func:`~bildungsnetz.gaps.find_gaps` gives (bar the suggestions' links
    to the other detectors' findings).
    """
    if _UNFINISHED.get():
        return sorted(gaps, key=lambda gap: gap.sort_key)
    found = list(gaps)
    result = []
    for gap, ranked in zip(found, offered(analysis, found, judges or {}), strict=True):
        # One copy per finding, whatever changes: the evidence in words, the suggestions.
        changes: dict[str, object] = {}
        if not gap.details and gap.evidence:
            changes["details"] = details(analysis, gap.evidence)
        if ranked is not None:
            changes["suggestions"] = ranked
        result.append(with_changes(gap, **changes) if changes else gap)
    return sorted(result, key=lambda gap: gap.sort_key)
