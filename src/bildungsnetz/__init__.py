"""bildungsnetz: model education networks and find the gaps in their cooperation structures.

``import bildungsnetz as bn`` gives the domain model (:class:`EducationNetwork`,
:class:`Actor`, :class:`Cooperation`, ... and their enumerations) and the namespaces
``bn.io``, ``bn.datasets`` and ``bn.errors``.

Examples
--------
>>> import bildungsnetz as bn
>>> network = bn.datasets.musterkreis()
>>> network.name
'Musterkreis'
"""

from bildungsnetz import datasets, errors, io, model
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
    "io",
    "model",
    "parse_date",
]
