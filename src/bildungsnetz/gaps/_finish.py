"""What every finding gets before a detector hands it out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bildungsnetz.gaps._evidence import details
from bildungsnetz.gaps._verify import verified, with_changes

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from bildungsnetz.gaps._analysis import Analysis
    from bildungsnetz.gaps._verify import Judge
    from bildungsnetz.gaps.gap import Gap, GapKind

__all__ = ["finished"]


def finished(
    analysis: Analysis, gaps: Iterable[Gap], judges: Mapping[GapKind, Judge] | None = None
) -> list[Gap]:
    """Return the findings with their evidence in words, verified suggestions, in order.

    Every public detector returns its findings through here, so a detector called on its
    own gives what :func:`~bildungsnetz.gaps.find_gaps` gives (bar the suggestions' links
    to the other detectors' findings).
    """
    described = [
        gap
        if gap.details or not gap.evidence
        else with_changes(gap, details=details(analysis, gap.evidence))
        for gap in gaps
    ]
    return sorted(verified(analysis, described, judges or {}), key=lambda gap: gap.sort_key)
