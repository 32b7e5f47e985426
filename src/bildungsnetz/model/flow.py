"""Transition flows: aggregated numbers of pupils moving between two institutions.

Examples
--------
>>> from bildungsnetz.model.flow import TransitionFlow
>>> flow = TransitionFlow(source="gs1", target="sek1", year=2024, pupils=38,
...                       transition="primary_to_secondary")
>>> flow.transition.label(), flow.school_year
('Grundschule → Sekundarstufe I', '2024/25')
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from bildungsnetz.model._record import Id, Pupils, Record
from bildungsnetz.model.enums import TransitionKind

__all__ = ["TransitionFlow"]

_FIRST_YEAR = 1990
_LAST_YEAR = 2100


class TransitionFlow(Record):
    """The pupils who moved from one institution to another in one school year.

    An aggregate, never a list of pupils. Whether the transition fits the two
    institutions (a Kita sends children to a school with a primary stage) is checked by
    the network, which knows both ends.

    Parameters
    ----------
    source
        The sending institution.
    target
        The receiving institution.
    year
        The school year, by the calendar year it starts in (2024 means 2024/25).
    pupils
        How many pupils moved, at most :data:`~bildungsnetz.model.MAX_PUPILS` (100,000).
    transition
        The kind of transition.

    Examples
    --------
    >>> TransitionFlow(source="kita1", target="gs1", year=2024, pupils=12,
    ...                transition="kita_to_primary").key
    ('kita1', 'gs1', 2024, 'kita_to_primary')
    """

    source: Id
    target: Id
    year: Annotated[int, Field(ge=_FIRST_YEAR, le=_LAST_YEAR)]
    pupils: Pupils
    transition: TransitionKind

    @property
    def key(self) -> tuple[str, str, int, str]:
        """What identifies the flow: ends, school year and kind of transition."""
        return (self.source, self.target, self.year, self.transition.value)

    @property
    def school_year(self) -> str:
        """The school year as Germans write it, such as ``"2024/25"``."""
        return f"{self.year}/{(self.year + 1) % 100:02d}"
