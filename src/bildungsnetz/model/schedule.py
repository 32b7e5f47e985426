"""Recurring meetings as an RFC 5545 recurrence rule with a start in a named time zone.

Examples
--------
>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> from bildungsnetz.model.schedule import MeetingSchedule
>>> schedule = MeetingSchedule(
...     rule="FREQ=MONTHLY;BYDAY=1TU",
...     start=datetime(2024, 9, 3, 16, 0, tzinfo=ZoneInfo("Europe/Berlin")),
... )
>>> [meeting.isoformat() for meeting in schedule.occurrences(date(2024, 10, 1), date(2024, 12, 1))]
['2024-10-01T16:00:00+02:00', '2024-11-05T16:00:00+01:00']
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema, field_validator

from bildungsnetz.model._record import Record

__all__ = ["MeetingSchedule"]

_ZONED = re.compile(r"(?P<instant>[^\[\]]+)\[(?P<zone>[^\[\]]+)\]")
_FREQUENCY = re.compile(r"(?:^|;)FREQ=(?P<name>[A-Z]+)")
_ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}


def _read_zoned(value: Any) -> Any:
    # RFC 9557 text such as "2024-09-03T16:00:00+02:00[Europe/Berlin]" keeps the zone's
    # name, which an offset alone would lose (and with it every later DST switch).
    if not isinstance(value, str):
        return value
    match = _ZONED.fullmatch(value.strip())
    if match is None:
        msg = (
            "a meeting start needs a time zone name, "
            f"as in '2024-09-03T16:00:00+02:00[Europe/Berlin]', got {value!r}"
        )
        raise ValueError(msg)
    try:
        zone = ZoneInfo(match["zone"])
    except (ZoneInfoNotFoundError, ValueError):
        msg = f"unknown time zone {match['zone']!r} in {value!r}"
        raise ValueError(msg) from None
    instant = datetime.fromisoformat(match["instant"])
    if instant.tzinfo is None:
        return instant.replace(tzinfo=zone)
    return instant.astimezone(zone)


def _write_zoned(value: datetime) -> str:
    assert isinstance(value.tzinfo, ZoneInfo)
    return f"{value.isoformat()}[{value.tzinfo.key}]"


ZonedDateTime = Annotated[
    datetime,
    BeforeValidator(_read_zoned),
    PlainSerializer(_write_zoned, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[^\[\]]+\[[A-Za-z0-9_+\-/]+\]$",
            "description": "RFC 9557 date-time with offset and IANA zone name",
        }
    ),
]


class MeetingSchedule(Record):
    """When a cooperation or forum is meant to meet: an RRULE and a zoned start.

    The start keeps its IANA time zone, so a meeting at 16:00 stays at 16:00 local time on
    both sides of the daylight-saving switch, also after a round trip through JSON (where
    the start is written as RFC 9557 text, ``2024-09-03T16:00:00+02:00[Europe/Berlin]``).
    Occurrences are only ever expanded inside an explicit window.

    Parameters
    ----------
    rule
        An RFC 5545 recurrence rule such as ``FREQ=MONTHLY;BYDAY=1TU``, with or without the
        ``RRULE:`` prefix. Frequencies finer than daily are refused: nobody meets hourly.
        ``UNTIL`` must be given in UTC (``...Z``), as RFC 5545 requires for zoned starts.
    start
        The first meeting, timezone-aware with a :class:`zoneinfo.ZoneInfo` zone.

    Examples
    --------
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> weekly = MeetingSchedule(
    ...     rule="FREQ=WEEKLY;BYDAY=TH",
    ...     start=datetime(2024, 10, 24, 9, 30, tzinfo=ZoneInfo("Europe/Berlin")),
    ... )
    >>> [m.strftime("%d.%m. %H:%M %Z") for m in weekly.occurrences(
    ...     datetime(2024, 10, 24, tzinfo=ZoneInfo("Europe/Berlin")),
    ...     datetime(2024, 11, 1, tzinfo=ZoneInfo("Europe/Berlin")))]
    ['24.10. 09:30 CEST', '31.10. 09:30 CET']
    """

    rule: str
    start: ZonedDateTime

    @field_validator("rule")
    @classmethod
    def _normalise_rule(cls, value: str) -> str:
        rule = value.strip()
        if rule.upper().startswith("RRULE:"):
            rule = rule[len("RRULE:") :]
        if not rule or "\n" in rule or ":" in rule:
            msg = f"expected one RRULE such as 'FREQ=MONTHLY;BYDAY=1TU', got {value!r}"
            raise ValueError(msg)
        return rule.upper()

    @field_validator("start")
    @classmethod
    def _named_zone(cls, value: datetime) -> datetime:
        if not isinstance(value.tzinfo, ZoneInfo):
            msg = (
                "a meeting start needs an IANA time zone such as ZoneInfo('Europe/Berlin'); "
                f"a missing zone or a fixed offset cannot follow daylight saving time: {value!r}"
            )
            raise ValueError(msg)
        round_trip = value.astimezone(ZoneInfo("UTC")).astimezone(value.tzinfo)
        if round_trip.replace(tzinfo=None) != value.replace(tzinfo=None):
            msg = f"{value.replace(tzinfo=None).isoformat()} does not exist in {value.tzinfo.key}"
            raise ValueError(msg)
        return value

    def model_post_init(self, context: Any, /) -> None:
        """Check that the rule expands from the start (raises ``ValueError`` if not)."""
        self._recurrence()
        frequency = _FREQUENCY.search(self.rule)
        if frequency is None or frequency["name"] not in _ALLOWED_FREQUENCIES:
            msg = f"a meeting recurs at most daily, got {self.rule!r}"
            raise ValueError(msg)

    def _recurrence(self) -> rrule:
        try:
            parsed = rrulestr(self.rule, dtstart=self.start)
        except (ValueError, TypeError) as error:
            msg = f"not a valid RRULE {self.rule!r}: {error}"
            raise ValueError(msg) from None
        assert isinstance(parsed, rrule)
        return parsed

    @property
    def zone(self) -> ZoneInfo:
        """The time zone the meetings are held in."""
        assert isinstance(self.start.tzinfo, ZoneInfo)
        return self.start.tzinfo

    def occurrences(self, start: date | datetime, end: date | datetime) -> tuple[datetime, ...]:
        """Return the meetings in the half-open window ``[start, end)``.

        Parameters
        ----------
        start, end
            The window. Dates mean midnight in the schedule's zone; datetimes must be
            timezone-aware.

        Returns
        -------
        meetings
            Aware datetimes in the schedule's zone, in order.
        """
        first, stop = self._instant(start), self._instant(end)
        if stop <= first:
            return ()
        meetings = self._recurrence().between(first, stop, inc=True)
        return tuple(meeting for meeting in meetings if first <= meeting < stop)

    def last_before(self, end: date | datetime) -> datetime | None:
        """Return the last meeting strictly before ``end``, or ``None`` if there was none."""
        meeting = self._recurrence().before(self._instant(end), inc=False)
        assert meeting is None or isinstance(meeting, datetime)
        return meeting

    def _instant(self, value: date | datetime) -> datetime:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                msg = f"window bounds must be timezone-aware datetimes or dates, got {value!r}"
                raise ValueError(msg)
            return value.astimezone(self.zone)
        return datetime.combine(value, time(0), tzinfo=self.zone)
