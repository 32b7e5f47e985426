"""The domain model: pydantic records for actors, ties, forums, flows, measures and money.

Every record is immutable (``frozen``) and refuses unknown fields. Texts are
NFC-normalised and stripped, ids are checked, enumerations are string enums with German
and English labels. :class:`EducationNetwork` holds the records and checks them against
each other. This layer imports no networkx.

Examples
--------
>>> from bildungsnetz.model import Actor, SchoolProfile
>>> Actor(id="gs1", name="GS Am Markt", kind="school",
...       school=SchoolProfile(form="grundschule")).school.form.label()
'Grundschule'
"""

from bildungsnetz.model._record import MAX_COUNT, MAX_PUPILS
from bildungsnetz.model.actor import Actor, Identifier, Location, SchoolProfile
from bildungsnetz.model.cooperation import Cooperation
from bildungsnetz.model.dates import (
    LAST_DAY,
    DayLike,
    HorizonLike,
    Period,
    parse_date,
    to_day,
    to_horizon,
)
from bildungsnetz.model.enums import (
    ActorKind,
    CooperationKind,
    CooperationLevel,
    Formality,
    ForumKind,
    FundingSource,
    Intensity,
    Language,
    PreventionTier,
    SchoolForm,
    Severity,
    Stage,
    Topic,
    TransitionKind,
)
from bildungsnetz.model.flow import TransitionFlow
from bildungsnetz.model.forum import Forum
from bildungsnetz.model.intervention import Intervention
from bildungsnetz.model.network import EducationNetwork
from bildungsnetz.model.programme import Programme
from bildungsnetz.model.schedule import MeetingSchedule, describe_rule

__all__ = [
    "LAST_DAY",
    "MAX_COUNT",
    "MAX_PUPILS",
    "Actor",
    "ActorKind",
    "Cooperation",
    "CooperationKind",
    "CooperationLevel",
    "DayLike",
    "EducationNetwork",
    "Formality",
    "Forum",
    "ForumKind",
    "FundingSource",
    "HorizonLike",
    "Identifier",
    "Intensity",
    "Intervention",
    "Language",
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
    "describe_rule",
    "parse_date",
    "to_day",
    "to_horizon",
]
