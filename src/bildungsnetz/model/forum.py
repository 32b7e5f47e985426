"""Forums: multi-party bodies such as working groups, network meetings and conferences.

Examples
--------
>>> from bildungsnetz.model.forum import Forum
>>> forum = Forum(id="ak-abs", name="Arbeitskreis Schulabsentismus", kind="working_group",
...               convenor="nws", members={"ja", "gs1", "ssa1"}, topics={"absenteeism"})
>>> forum.size, sorted(forum.participants)
(4, ['gs1', 'ja', 'nws', 'ssa1'])
"""

from __future__ import annotations

from bildungsnetz.model._record import Id, IdSet, Name, Record, SortedSet, Text
from bildungsnetz.model.dates import Day, Period, Validity
from bildungsnetz.model.enums import ForumKind, Topic
from bildungsnetz.model.schedule import MeetingSchedule

__all__ = ["Forum"]


class Forum(Record):
    """A multi-party body: working group, network meeting, steering group, conference.

    Parameters
    ----------
    id
        A unique id.
    name
        The display name.
    kind
        What kind of body it is.
    convenor
        The actor that convenes it (often the network office), if any.
    members
        The member actors (organisations, posts), not persons.
    topics
        What it works on.
    schedule
        When it is meant to meet.
    period
        When it exists.
    funding
        Ids of the programmes that pay for it.
    last_contact
        The day it last met.
    description
        Free text.

    Examples
    --------
    >>> Forum(id="bk", name="Bildungskonferenz", kind="conference").size
    0
    """

    id: Id
    name: Name
    kind: ForumKind
    convenor: Id | None = None
    members: IdSet = frozenset()
    topics: SortedSet[Topic] = frozenset()
    schedule: MeetingSchedule | None = None
    period: Validity = Period()
    funding: IdSet = frozenset()
    last_contact: Day | None = None
    description: Text = ""

    @property
    def participants(self) -> frozenset[str]:
        """The members and the convenor."""
        if self.convenor is None:
            return self.members
        return self.members | {self.convenor}

    @property
    def size(self) -> int:
        """The number of participants (members and convenor)."""
        return len(self.participants)
