"""Interventions: measures against school failure, by prevention tier and topic.

Examples
--------
>>> from bildungsnetz.model.intervention import Intervention
>>> measure = Intervention(id="iv1", name="Schulverweigerung – Die 2. Chance",
...                        tier="indicated", topics={"absenteeism", "school_refusal"},
...                        providers={"traeger1"}, sites={"sek1"})
>>> measure.tier.label(), sorted(topic.value for topic in measure.topics)
('indiziert', ['absenteeism', 'school_refusal'])
"""

from __future__ import annotations

from bildungsnetz.model._record import (
    Ags,
    Count,
    Id,
    IdSet,
    Name,
    Record,
    SortedSet,
    Text,
    TextSet,
)
from bildungsnetz.model.dates import Period, Validity
from bildungsnetz.model.enums import PreventionTier, Stage, Topic

__all__ = ["Intervention"]


class Intervention(Record):
    """A measure against school failure, drop-out or school refusal.

    Parameters
    ----------
    id
        A unique id.
    name
        The display name.
    tier
        Universal (all pupils), selective (risk groups) or indicated (individual cases).
    topics
        The topics it addresses.
    target_groups
        Free labels of the groups it is for ("Eltern", "Neuzugewanderte", ...).
    stages
        The stages it serves.
    providers
        Actors that run it.
    sites
        Actors where it runs (schools, Kitas).
    municipalities
        AGS of the municipalities it serves, if it serves an area rather than sites.
    period
        When it runs.
    funding
        Ids of the programmes that pay for it.
    capacity
        How many participants it can take at a time, at most
        :data:`~bildungsnetz.model.MAX_COUNT` (10,000,000).
    participants
        How many took part (an aggregate; small numbers are suppressed in every output),
        at most :data:`~bildungsnetz.model.MAX_COUNT`.
    description
        Free text.

    Examples
    --------
    >>> Intervention(id="iv2", name="Elterncafé", tier="universal").providers
    frozenset()
    """

    id: Id
    name: Name
    tier: PreventionTier
    topics: SortedSet[Topic] = frozenset()
    target_groups: TextSet = frozenset()
    stages: SortedSet[Stage] = frozenset()
    providers: IdSet = frozenset()
    sites: IdSet = frozenset()
    municipalities: SortedSet[Ags] = frozenset()
    period: Validity = Period()
    funding: IdSet = frozenset()
    capacity: Count | None = None
    participants: Count | None = None
    description: Text = ""
