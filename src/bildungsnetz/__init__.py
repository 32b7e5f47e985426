"""bildungsnetz: model education networks and find the gaps in their cooperation structures.

``import bildungsnetz as bn`` gives the domain model (:class:`EducationNetwork`,
:class:`Actor`, :class:`Cooperation`, ... and their enumerations), :func:`find_gaps`, and
the namespaces ``bn.io``, ``bn.graph``, ``bn.metrics``, ``bn.rules``, ``bn.gaps``,
``bn.privacy``, ``bn.datasets``, ``bn.errors`` and ``bn.plot`` (figures; it imports
matplotlib only when a figure is drawn).

Examples
--------
>>> import bildungsnetz as bn
>>> network = bn.datasets.musterkreis()
>>> report = bn.find_gaps(network)
>>> report.network, report.gaps[0].severity.value
('Musterkreis', 'critical')
"""

from bildungsnetz import (
    datasets,
    errors,
    gaps,
    graph,
    io,
    metrics,
    model,
    plot,
    privacy,
    rules,
)
from bildungsnetz.gaps import find_gaps
from bildungsnetz.model import (
    Actor,
    ActorKind,
    Cooperation,
    CooperationKind,
    CooperationLevel,
    EducationNetwork,
    Formality,
    Forum,
    ForumKind,
    FundingSource,
    Identifier,
    Intensity,
    Intervention,
    Location,
    MeetingSchedule,
    Period,
    PreventionTier,
    Programme,
    SchoolForm,
    SchoolProfile,
    Severity,
    Stage,
    Topic,
    TransitionFlow,
    TransitionKind,
    parse_date,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "ActorKind",
    "Cooperation",
    "CooperationKind",
    "CooperationLevel",
    "EducationNetwork",
    "Formality",
    "Forum",
    "ForumKind",
    "FundingSource",
    "Identifier",
    "Intensity",
    "Intervention",
    "Location",
    "MeetingSchedule",
    "Period",
    "PreventionTier",
    "Programme",
    "SchoolForm",
    "SchoolProfile",
    "Severity",
    "Stage",
    "Topic",
    "TransitionFlow",
    "TransitionKind",
    "__version__",
    "datasets",
    "errors",
    "find_gaps",
    "gaps",
    "graph",
    "io",
    "metrics",
    "model",
    "parse_date",
    "plot",
    "privacy",
    "rules",
]
