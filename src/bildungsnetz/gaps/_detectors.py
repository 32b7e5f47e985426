"""The detectors of the report, grouped by what they need."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bildungsnetz.gaps import interventions, required_ties, structure, transitions
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps.data_gaps import find_data_gaps
from bildungsnetz.gaps.dormant import find_dormant_ties
from bildungsnetz.gaps.funding import find_funding_cliffs, find_temporary_placements
from bildungsnetz.gaps.interventions import (
    find_provider_dependence,
    find_uncovered_topics,
    find_unmet_needs,
)
from bildungsnetz.gaps.required_ties import (
    find_fragile_pairs,
    find_missing_required_ties,
    find_shallow_cooperation,
    find_unconfirmed_ties,
    find_unreachable,
)
from bildungsnetz.gaps.structure import (
    find_cut_actors,
    find_cut_ties,
    find_dependent_actors,
    find_exclusive_brokers,
    find_insular_groups,
    find_isolated_actors,
    find_underlinked_groups,
)
from bildungsnetz.gaps.transitions import find_transitions_without_cooperation
from bildungsnetz.privacy import DEFAULT_POLICY, DisclosurePolicy

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    from bildungsnetz.gaps._verify import Judge
    from bildungsnetz.gaps.gap import Gap, GapKind
    from bildungsnetz.model import EducationNetwork
    from bildungsnetz.rules import RuleSet

__all__ = [
    "DAY_DETECTORS",
    "HORIZON_DETECTORS",
    "JUDGES",
    "PUPIL_DETECTORS",
    "STATIC_DETECTORS",
    "TIMELESS_DETECTORS",
    "static_findings",
]

_STRUCTURE: tuple[Callable[..., list[Gap]], ...] = (
    find_missing_required_ties,
    find_unreachable,
    find_fragile_pairs,
    find_shallow_cooperation,
    find_unconfirmed_ties,
    find_cut_actors,
    find_cut_ties,
    find_exclusive_brokers,
    find_dependent_actors,
    find_isolated_actors,
    find_underlinked_groups,
    find_insular_groups,
    find_uncovered_topics,
    find_unmet_needs,
    find_provider_dependence,
)

PUPIL_DETECTORS: tuple[Callable[..., list[Gap]], ...] = (find_transitions_without_cooperation,)
"""Detectors that publish pupil counts and take a disclosure ``policy``."""

STATIC_DETECTORS: tuple[Callable[..., list[Gap]], ...] = (*_STRUCTURE, *PUPIL_DETECTORS)
"""Detectors that judge the network as it stands on one day; compared over time."""

DAY_DETECTORS: tuple[Callable[..., list[Gap]], ...] = (
    *_STRUCTURE,
    find_dormant_ties,
    find_data_gaps,
)
"""Detectors that judge one day and take nothing else."""

TIMELESS_DETECTORS: tuple[Callable[..., list[Gap]], ...] = (find_dormant_ties, find_data_gaps)
"""Day detectors that are not compared over a horizon."""


def static_findings(
    network: EducationNetwork,
    rules: RuleSet,
    day: date | None,
    policy: DisclosurePolicy = DEFAULT_POLICY,
    advance: Callable[..., None] | None = None,
) -> list[Gap]:
    """Return the findings of every static detector on ``day``, computed once.

    ``find_gaps`` and the comparison over a horizon both need them; the analysis of the
    day keeps them. ``advance(name)``, if given, is called after each detector (or once
    for all of them when they ran before), for a progress bar.
    """
    advance = advance or _ignore
    analysis = analyse(network, rules, as_of=day)
    key = f"static_findings:{policy!r}"
    if key not in analysis.cache:
        found = []
        for detector in _STRUCTURE:
            found += detector(network, rules, as_of=day)
            advance(detector.__name__)
        for detector in PUPIL_DETECTORS:
            found += detector(network, rules, as_of=day, policy=policy)
            advance(detector.__name__)
        analysis.cache[key] = found
    else:
        advance("static detectors", amount=len(STATIC_DETECTORS))
    findings: list[Gap] = analysis.cache[key]
    return findings


def _ignore(label: str, /, *, amount: int = 1) -> None:
    """Report no progress."""


HORIZON_DETECTORS: tuple[Callable[..., list[Gap]], ...] = (
    find_funding_cliffs,
    find_temporary_placements,
)
"""Detectors that look ahead and take a ``horizon``."""


JUDGES: dict[GapKind, Judge] = {
    **required_ties.JUDGES,
    **structure.JUDGES,
    **transitions.JUDGES,
    **interventions.JUDGES,
}
"""Every finding kind whose closing a suggestion can be verified, with its judge."""
