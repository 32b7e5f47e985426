"""Cooperations: the ties between two actors.

Examples
--------
>>> from bildungsnetz.model.cooperation import Cooperation
>>> tie = Cooperation(id="c1", actors=("gs1", "ssa1"), kind="placement",
...                   formality="written", intensity="integration")
>>> tie.kind.label(), tie.other("gs1")
('Einsatz an der Schule', 'ssa1')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bildungsnetz.model._record import Id, IdSet, Record, SortedSet, Text
from bildungsnetz.model.dates import Day, Period, Validity
from bildungsnetz.model.enums import (
    CooperationKind,
    CooperationLevel,
    Formality,
    Intensity,
    Topic,
)
from bildungsnetz.model.schedule import MeetingSchedule

if TYPE_CHECKING:
    from datetime import date

__all__ = ["Cooperation"]


class Cooperation(Record):
    """A tie between two actors.

    Parameters
    ----------
    id
        A unique id.
    actors
        The two actors it connects. For a directed tie (a referral) the first is the
        source. The network refuses a tie of an actor with itself.
    kind
        What the cooperation consists of; ``placement`` means a service stationed at a
        school (school social work at a school).
    directed
        Whether the tie runs one way only (referrals). Most cooperation is mutual.
    formality
        How formally it is fixed (written agreement, verbal, informal), if known.
    intensity
        How deep it goes (awareness < cooperation < coordination < integration), if known.
    level
        Strategic, operational or case level, if known.
    period
        When the tie holds (half-open).
    schedule
        When the partners mean to meet, if they meet regularly.
    last_contact
        The day of the last known contact.
    topics
        What the cooperation is about.
    funding
        Ids of the programmes that pay for it.
    person_bound
        Whether the tie rests on a single person (it ends when that person leaves).
    confirmed
        Whether both sides reported it (``False`` for ties only one side named).
    description
        Free text.

    Examples
    --------
    >>> from datetime import date
    >>> Cooperation(id="c2", actors=("gs1", "kita1"), kind="transition",
    ...             period={"start": "01.08.2024"}).period.start
    datetime.date(2024, 8, 1)
    """

    id: Id
    actors: tuple[Id, Id]
    kind: CooperationKind
    directed: bool = False
    formality: Formality | None = None
    intensity: Intensity | None = None
    level: CooperationLevel | None = None
    period: Validity = Period()
    schedule: MeetingSchedule | None = None
    last_contact: Day | None = None
    topics: SortedSet[Topic] = frozenset()
    funding: IdSet = frozenset()
    person_bound: bool = False
    confirmed: bool = True
    description: Text = ""

    def other(self, actor_id: str) -> str:
        """Return the actor at the other end from ``actor_id``.

        Raises
        ------
        ValueError
            If ``actor_id`` is not an end of this tie.
        """
        first, second = self.actors
        if actor_id == first:
            return second
        if actor_id == second:
            return first
        msg = f"{actor_id!r} is not an end of cooperation {self.id!r} {self.actors!r}"
        raise ValueError(msg)

    def is_active(self, day: date) -> bool:
        """Return whether the tie holds on ``day``."""
        return self.period.contains(day)
