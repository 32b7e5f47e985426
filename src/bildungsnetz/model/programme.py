"""Programmes: the funding lines that pay for posts, ties and interventions.

Examples
--------
>>> from datetime import date
>>> from bildungsnetz.model.programme import Programme
>>> esf = Programme(id="esf", name="Schulerfolg sichern (ESF+)", source="eu_esf_plus",
...                 period={"start": date(2024, 8, 1), "end": date(2028, 8, 1)})
>>> esf.is_time_limited, esf.period.last_day
(True, datetime.date(2028, 7, 31))
"""

from __future__ import annotations

from bildungsnetz.model._record import Id, Name, Record, Text
from bildungsnetz.model.dates import Period, Validity
from bildungsnetz.model.enums import FundingSource

__all__ = ["Programme"]


class Programme(Record):
    """A funding line (Förderprogramm) or budget.

    Parameters
    ----------
    id
        A unique id, referenced by the ``funding`` of other records.
    name
        The display name.
    source
        Where the money comes from.
    period
        When the money flows. A programme with an end is project money
        (Projektförderung); an open-ended one is a permanent budget line.
    description
        Free text.

    Examples
    --------
    >>> Programme(id="kreis", name="Kreishaushalt", source="district").is_time_limited
    False
    """

    id: Id
    name: Name
    source: FundingSource
    period: Validity = Period()
    description: Text = ""

    @property
    def is_time_limited(self) -> bool:
        """Whether the money ends on a known day."""
        return self.period.end is not None
