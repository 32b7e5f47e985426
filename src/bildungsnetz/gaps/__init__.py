"""Gap detection: network + rules -> typed, explained, ranked findings.

:func:`find_gaps` runs every detector and returns a :class:`GapReport`. Each detector is
also a pure function of its own, ``detector(network, rules=None, *, as_of=None)``,
returning a sorted list of :class:`Gap` findings.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_gaps
>>> report = find_gaps(musterkreis())
>>> report.gaps[0].explanation.text("en")  # doctest: +ELLIPSIS
'...'
"""

from bildungsnetz.gaps.compare import Comparison, MeasureChange, compare, headline_measures
from bildungsnetz.gaps.data_gaps import find_data_gaps
from bildungsnetz.gaps.dormant import find_dormant_ties
from bildungsnetz.gaps.expiring import DEFAULT_HORIZON, find_expiring_critical_ties
from bildungsnetz.gaps.find import DETECTORS, find_gaps
from bildungsnetz.gaps.funding import find_funding_cliffs, find_temporary_placements
from bildungsnetz.gaps.gap import (
    AnySuggestion,
    EvidenceValue,
    Explanation,
    Gap,
    GapKind,
    SuggestedMeasure,
    SuggestedPlacement,
    SuggestedTie,
    Suggestion,
)
from bildungsnetz.gaps.interventions import (
    coverage_table,
    find_provider_dependence,
    find_uncovered_topics,
    find_unmet_needs,
)
from bildungsnetz.gaps.overview import (
    Ending,
    KeyFigures,
    SchoolCoverage,
    endings,
    key_figures,
    school_coverage,
)
from bildungsnetz.gaps.report import GapDiff, GapReport
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
from bildungsnetz.gaps.table import Table
from bildungsnetz.gaps.transitions import find_transitions_without_cooperation, transition_matrix

__all__ = [
    "DEFAULT_HORIZON",
    "DETECTORS",
    "AnySuggestion",
    "Comparison",
    "Ending",
    "EvidenceValue",
    "Explanation",
    "Gap",
    "GapDiff",
    "GapKind",
    "GapReport",
    "KeyFigures",
    "MeasureChange",
    "SchoolCoverage",
    "SuggestedMeasure",
    "SuggestedPlacement",
    "SuggestedTie",
    "Suggestion",
    "Table",
    "compare",
    "coverage_table",
    "endings",
    "find_cut_actors",
    "find_cut_ties",
    "find_data_gaps",
    "find_dependent_actors",
    "find_dormant_ties",
    "find_exclusive_brokers",
    "find_expiring_critical_ties",
    "find_fragile_pairs",
    "find_funding_cliffs",
    "find_gaps",
    "find_insular_groups",
    "find_isolated_actors",
    "find_missing_required_ties",
    "find_provider_dependence",
    "find_shallow_cooperation",
    "find_temporary_placements",
    "find_transitions_without_cooperation",
    "find_unconfirmed_ties",
    "find_uncovered_topics",
    "find_underlinked_groups",
    "find_unmet_needs",
    "find_unreachable",
    "headline_measures",
    "key_figures",
    "school_coverage",
    "transition_matrix",
]
