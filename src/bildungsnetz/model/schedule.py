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
>>> schedule.describe(), schedule.describe("en")
('jeden 1. Dienstag im Monat um 16:00 Uhr', 'the 1st Tuesday of every month at 16:00')
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, replace
from datetime import MAXYEAR, UTC, date, datetime, time, timedelta
from itertools import islice, takewhile
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rrulestr
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema, field_validator

from bildungsnetz.model._record import Record

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from bildungsnetz.model.enums import Language

__all__ = ["MeetingSchedule", "describe_rule"]

_ZONED = re.compile(r"(?P<instant>[^\[\]]+)\[(?P<zone>[^\[\]]+)\]")
# What the JSON Schema allows (a file is read as it says): RFC 9557 text with an extended
# ISO date in the years 1900 to 2199, which _in_years checks, and a zone name.
_ZONED_TEXT = re.compile(
    r"(19[0-9]{2}|2[01][0-9]{2})-[0-9]{2}-[0-9]{2}T[^\[\]]+\[[A-Za-z0-9_+\-/]+\]"
)
_ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")

# Bounds that keep every expansion finite and cheap, whatever a file says. dateutil expands
# a rule from its start, one period after another, until it passes the window; a start in
# year 1 or a window in year 9997 would cost millions of steps or overflow datetime.
_FIRST_YEAR, _LAST_YEAR = 1900, 2199
_SPAN_YEARS = 100
_SPAN = timedelta(days=round(_SPAN_YEARS * 365.2425))
# The Gregorian calendar repeats every 400 years, weekdays included (146,097 days = 20,871 weeks).
_CYCLE_YEARS = 400
_MAX_RULE_LENGTH = 500


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
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of zones ("America") or a name too long for a file name, as
        # ZoneInfo looks the name up on disk.
        msg = f"unknown time zone {match['zone']!r} in {value!r}"
        raise ValueError(msg) from None
    instant = _in_years(datetime.fromisoformat(match["instant"]))
    if not _ZONED_TEXT.fullmatch(value):
        msg = (
            "a meeting start is written as in '2024-09-03T16:00:00+02:00[Europe/Berlin]', "
            f"got {value!r}"
        )
        raise ValueError(msg)
    if instant.tzinfo is None:
        return instant.replace(tzinfo=zone)
    return instant.astimezone(zone)


def _in_years(value: datetime) -> datetime:
    # Checked before any conversion between zones: year 1 or 9999 would overflow it.
    if not _FIRST_YEAR <= value.year <= _LAST_YEAR:
        msg = (
            f"a meeting start lies in the years {_FIRST_YEAR} to {_LAST_YEAR}, "
            f"got {value.replace(tzinfo=None).isoformat()}"
        )
        raise ValueError(msg)
    return value


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
            "pattern": f"^{_ZONED_TEXT.pattern}$",
            "description": "RFC 9557 date-time with offset and IANA zone name",
        }
    ),
]


class MeetingSchedule(Record):
    """When a cooperation or forum is meant to meet: an RRULE and a zoned start.

    The start keeps its IANA time zone, so a meeting at 16:00 stays at 16:00 local time on
    both sides of the daylight-saving switch, also after a round trip through JSON (where
    the start is written as RFC 9557 text, ``2024-09-03T16:00:00+02:00[Europe/Berlin]``).
    Occurrences are only ever expanded inside an explicit window, and at most for 100 years
    after the start, so that no rule and no window costs more than that.

    Parameters
    ----------
    rule
        An RFC 5545 recurrence rule such as ``FREQ=MONTHLY;BYDAY=1TU``, with or without the
        ``RRULE:`` prefix, of at most 500 characters. Each part appears at most once, with
        the values RFC 5545 allows (``INTERVAL`` and ``COUNT`` from 1 to 9999); parts that
        are not in RFC 5545 (dateutil's ``BYEASTER``) are refused. Meetings recur at most
        daily: ``FREQ`` is ``DAILY`` or coarser, and ``BYHOUR``, ``BYMINUTE`` and
        ``BYSECOND`` take one value each. ``UNTIL`` must be given in UTC (``...Z``), as
        RFC 5545 requires for zoned starts, and excludes ``COUNT``.
    start
        The first meeting, timezone-aware with a :class:`zoneinfo.ZoneInfo` zone, in the
        years 1900 to 2199.

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

    rule: Annotated[str, WithJsonSchema({"type": "string", "maxLength": _MAX_RULE_LENGTH})]
    start: ZonedDateTime

    @field_validator("rule")
    @classmethod
    def _normalise_rule(cls, value: str) -> str:
        if len(value) > _MAX_RULE_LENGTH:
            # As given, prefix and blanks included, as the JSON Schema counts (maxLength).
            msg = f"a rule has at most {_MAX_RULE_LENGTH} characters, got {len(value)}"
            raise ValueError(msg)
        rule = _bare(value)
        if not rule or "\n" in rule or ":" in rule:
            msg = f"expected one RRULE such as 'FREQ=MONTHLY;BYDAY=1TU', got {value!r}"
            raise ValueError(msg)
        _checked(rule)
        return rule

    @field_validator("start")
    @classmethod
    def _named_zone(cls, value: datetime) -> datetime:
        if not isinstance(value.tzinfo, ZoneInfo):
            msg = (
                "a meeting start needs an IANA time zone such as ZoneInfo('Europe/Berlin'); "
                f"a missing zone or a fixed offset cannot follow daylight saving time: {value!r}"
            )
            raise ValueError(msg)
        _in_years(value)
        round_trip = value.astimezone(ZoneInfo("UTC")).astimezone(value.tzinfo)
        if round_trip.replace(tzinfo=None) != value.replace(tzinfo=None):
            msg = f"{value.replace(tzinfo=None).isoformat()} does not exist in {value.tzinfo.key}"
            raise ValueError(msg)
        return value

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
            timezone-aware. Any day of the calendar is allowed.

        Returns
        -------
        meetings
            Aware datetimes in the schedule's zone, in order; none later than 100 years
            after :attr:`start`.

        Notes
        -----
        The rule is expanded from :attr:`start` up to the end of the window, and never more
        than 100 years, so the cost is at most one step per day of a century.
        """
        first, stop = self._instant(start), self._instant(end)
        if stop <= first:
            return ()
        return tuple(meeting for meeting in self._meetings(stop) if first <= meeting < stop)

    def last_before(self, end: date | datetime) -> datetime | None:
        """Return the last meeting strictly before ``end``, or ``None`` if there was none.

        Like :meth:`occurrences`, it looks at most 100 years after :attr:`start`.
        """
        stop = self._instant(end)
        last = deque((meeting for meeting in self._meetings(stop) if meeting < stop), maxlen=1)
        return last[0] if last else None

    def describe(self, lang: Language = "de") -> str:
        """Say when the meetings are, in words and with the time of day of ``start``.

        Parameters
        ----------
        lang
            ``"de"`` (default) or ``"en"``.

        Returns
        -------
        text
            :func:`describe_rule` of the rule with the local time of ``start`` after it.
            A rule that sets its own hours or minutes (``BYHOUR``...) is described without
            the time of ``start``, which it overrides.

        Examples
        --------
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> schedule = MeetingSchedule(
        ...     rule="FREQ=MONTHLY;BYDAY=2WE",
        ...     start=datetime(2024, 9, 11, 16, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        ... )
        >>> schedule.describe()
        'jeden 2. Mittwoch im Monat um 16:00 Uhr'
        >>> schedule.describe("en")
        'the 2nd Wednesday of every month at 16:00'
        """
        at = None if _CLOCK_PARTS.search(self.rule) else f"{self.start:%H:%M}"
        return _in_words(self.rule, lang, at)

    def _meetings(self, stop: datetime) -> Iterator[datetime]:
        """Expand the rule from the start up to ``stop`` (inclusive), the span's end or UNTIL.

        dateutil checks ``UNTIL`` only when a day matches, so a rule that never matches
        (``FREQ=DAILY;INTERVAL=7;BYDAY=TU`` from a Monday) would run on to the year 9999,
        one step a day. The rule is therefore expanded in wall time shifted by whole
        400-year cycles of the Gregorian calendar, which repeat every date and weekday, so
        that the year 9999, where dateutil stops, lies at most 400 years after ``stop``.
        ``COUNT`` is applied by taking that many meetings of the rule without it.
        """
        parts = _checked(self.rule)
        last = min(stop, self.start + _SPAN)
        if parts.until is not None:
            last = min(last, parts.until)
        if last < self.start:
            # UNTIL before the start: no meeting, and a start shifted by the cycles that
            # bring UNTIL near the year 9999 would lie beyond it.
            return iter(())
        # A day more, because the comparison in wall time may differ around a DST switch.
        wall_last = last.astimezone(self.zone).replace(tzinfo=None) + timedelta(days=1)
        shift = _CYCLE_YEARS * ((MAXYEAR - wall_last.year) // _CYCLE_YEARS)
        recurrence = rrulestr(self.rule, dtstart=self.start)
        assert isinstance(recurrence, rrule)
        shifted = recurrence.replace(
            dtstart=_years_later(self.start.replace(tzinfo=None), shift),
            until=_years_later(wall_last, shift),
            count=None,
        )
        meetings = (_years_later(meeting, -shift).replace(tzinfo=self.zone) for meeting in shifted)
        counted = islice(meetings, parts.count) if parts.count is not None else meetings
        return takewhile(lambda meeting: meeting <= last, counted)

    def _instant(self, value: date | datetime) -> datetime:
        """Return a window bound in the schedule's zone, clamped to the span of meetings."""
        if isinstance(value, datetime):
            if value.tzinfo is None:
                msg = f"window bounds must be timezone-aware datetimes or dates, got {value!r}"
                raise ValueError(msg)
            moment = value
        else:
            moment = datetime.combine(value, time(0), tzinfo=self.zone)
        # Compared before converting: a bound in year 1 or 9999 would overflow the zone.
        first, last = self.start, self.start + _SPAN
        return (
            first if moment <= first else last if moment >= last else moment.astimezone(self.zone)
        )


# Which rules are accepted. The rule text is checked part by part against RFC 5545 before
# dateutil sees it, because dateutil takes the first FREQ of several, accepts INTERVAL=0
# (and then never advances) and its own BYEASTER with any number (and then fails).

_PART_NAMES = (
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
)  # fmt: skip
# Lists of numbers: the lowest and highest value, and whether negative ones count from the end.
_NUMBER_LISTS = {
    "BYSECOND": (0, 59, False),
    "BYMINUTE": (0, 59, False),
    "BYHOUR": (0, 23, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYMONTH": (1, 12, False),
    "BYSETPOS": (1, 366, True),
}
# More than one value of these would mean several meetings a day.
_ONE_A_DAY = ("BYHOUR", "BYMINUTE", "BYSECOND")
_INTEGER = re.compile(r"[+-]?[0-9]{1,4}")
_UTC_UNTIL = re.compile(r"[0-9]{8}T[0-9]{6}Z")
_WEEK_ORDINAL = 53
_MONTH_ORDINAL = 5
_WEEK_ORDINALS = {*range(-_WEEK_ORDINAL, 0), *range(1, _WEEK_ORDINAL + 1)}


def _years_later(moment: datetime, years: int) -> datetime:
    # Exact for multiples of 400 years, which keep 29 February and every weekday.
    return moment.replace(year=moment.year + years)


@dataclass(frozen=True, slots=True)
class _Checked:
    """What expanding a checked rule needs to know beyond dateutil: its limits."""

    count: int | None
    until: datetime | None


def _checked(rule: str) -> _Checked:
    """Check a rule (upper case, no prefix) against RFC 5545; ``ValueError`` names the part."""
    parts = _parts(rule)
    _check_frequency(rule, parts)
    for name, value in parts.items():
        _check_value(name, value)
    _check_week_ordinals(rule, parts)
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 1, tzinfo=UTC))
    except (ValueError, TypeError, OverflowError, IndexError) as error:
        msg = f"not a valid RRULE {rule!r}: {error}"
        raise ValueError(msg) from None
    return _Checked(
        count=int(parts["COUNT"]) if "COUNT" in parts else None,
        until=_utc_until(parts["UNTIL"]) if "UNTIL" in parts else None,
    )


def _parts(rule: str) -> dict[str, str]:
    if len(rule) > _MAX_RULE_LENGTH:
        msg = f"a rule has at most {_MAX_RULE_LENGTH} characters, got {len(rule)}"
        raise ValueError(msg)
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, equals, value = part.partition("=")
        if not equals or not value:
            msg = f"not a valid RRULE {rule!r}: expected parts NAME=VALUE, got {part!r}"
            raise ValueError(msg)
        if name not in _PART_NAMES:
            msg = f"unknown part {name!r} in {rule!r}; RFC 5545 rules have {', '.join(_PART_NAMES)}"
            raise ValueError(msg)
        if name in parts:
            msg = f"{name} is given twice in {rule!r}; each part of a rule appears at most once"
            raise ValueError(msg)
        parts[name] = value
    return parts


def _check_value(name: str, value: str) -> None:
    if name in _NUMBER_LISTS:
        lowest, highest, from_end = _NUMBER_LISTS[name]
        _check_numbers(name, value, lowest, highest, from_end=from_end)
    elif name in {"COUNT", "INTERVAL"}:
        _positive(name, value)
    elif name == "UNTIL":
        _utc_until(value)
    elif name == "WKST" and value not in _WEEKDAY_CODES:
        msg = f"WKST takes a weekday, one of {', '.join(_WEEKDAY_CODES)}, got {value!r}"
        raise ValueError(msg)
    elif name == "BYDAY":
        for item in value.split(","):
            match = _BYDAY_ITEM.fullmatch(item)
            if match is None or (match["ordinal"] and int(match["ordinal"]) not in _WEEK_ORDINALS):
                msg = (
                    "BYDAY takes weekdays such as 'TU', '1TU' or '-1FR' (ordinals up to 53), "
                    f"got {item!r}"
                )
                raise ValueError(msg)


def _check_frequency(rule: str, parts: dict[str, str]) -> None:
    frequency = parts.get("FREQ")
    if frequency is None:
        msg = f"a rule needs FREQ, as in 'FREQ=MONTHLY;BYDAY=1TU', got {rule!r}"
        raise ValueError(msg)
    if frequency not in _ALLOWED_FREQUENCIES:
        msg = (
            f"a meeting recurs at most daily: FREQ is one of {', '.join(_ALLOWED_FREQUENCIES)}, "
            f"got {frequency!r} in {rule!r}"
        )
        raise ValueError(msg)
    if "COUNT" in parts and "UNTIL" in parts:
        msg = f"COUNT and UNTIL exclude each other (RFC 5545), got both in {rule!r}"
        raise ValueError(msg)
    for name in _ONE_A_DAY:
        if "," in parts.get(name, ""):
            msg = f"a meeting recurs at most daily: {name} takes one value, got {parts[name]!r}"
            raise ValueError(msg)


def _check_week_ordinals(rule: str, parts: dict[str, str]) -> None:
    """Refuse a BYDAY ordinal the frequency has no room for (RFC 5545, 3.3.10).

    An ordinal counts the weekdays of a month (MONTHLY, or YEARLY with BYMONTH: at most
    five) or of a year (YEARLY: at most 53), and no other frequency takes one. dateutil
    fails on the ninth Wednesday of a month with an IndexError, and searches to the year
    9999 for the sixth.
    """
    ordinals = [
        int(match["ordinal"])
        for item in parts.get("BYDAY", "").split(",")
        if (match := _BYDAY_ITEM.fullmatch(item)) is not None and match["ordinal"]
    ]
    if not ordinals:
        return
    frequency = parts["FREQ"]
    if frequency not in {"MONTHLY", "YEARLY"} or "BYWEEKNO" in parts:
        msg = (
            f"BYDAY takes an ordinal such as '1TU' only with FREQ=MONTHLY or YEARLY and "
            f"without BYWEEKNO (RFC 5545), got {parts['BYDAY']!r} in {rule!r}"
        )
        raise ValueError(msg)
    in_a_month = frequency == "MONTHLY" or "BYMONTH" in parts
    highest = _MONTH_ORDINAL if in_a_month else _WEEK_ORDINAL
    if any(abs(ordinal) > highest for ordinal in ordinals):
        scope = "a month" if in_a_month else "a year"
        msg = (
            f"BYDAY ordinals count the weekdays of {scope}, from 1 to {highest} or -{highest} "
            f"to -1, got {parts['BYDAY']!r} in {rule!r}"
        )
        raise ValueError(msg)


def _check_numbers(name: str, value: str, lowest: int, highest: int, *, from_end: bool) -> None:
    for item in value.split(","):
        number = int(item) if _INTEGER.fullmatch(item) else None
        if number is None or not (lowest <= abs(number) <= highest and (number >= 0 or from_end)):
            allowed = f"{lowest} to {highest}" + (f" or -{highest} to -1" if from_end else "")
            msg = f"{name} takes numbers from {allowed}, got {item!r}"
            raise ValueError(msg)


def _positive(name: str, value: str) -> int:
    if not (_INTEGER.fullmatch(value) and int(value) in _POSITIVE):
        msg = f"{name} takes a whole number from 1 to {_POSITIVE[-1]}, got {value!r}"
        raise ValueError(msg)
    return int(value)


def _utc_until(value: str) -> datetime:
    msg = (
        "UNTIL must be a UTC date and time such as 20250701T000000Z, as RFC 5545 requires "
        f"for a zoned start, got {value!r}"
    )
    if _UTC_UNTIL.fullmatch(value) is None:
        raise ValueError(msg)
    try:
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(msg) from None


# The rule in words. The rule text is read part by part and never expanded, so an endless
# rule costs no more than any other. Parts and combinations the words do not cover get a
# generic phrase with the rule itself, never an error.

_CLOCK_PARTS = re.compile(r"(?:^|;)BY(?:HOUR|MINUTE|SECOND)=")
_WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY_ITEM = re.compile(r"(?P<ordinal>[+-]?[0-9]{1,2})?(?P<weekday>MO|TU|WE|TH|FR|SA|SU)")
_NUMBER = re.compile(r"[+-]?[0-9]{1,4}")
_UNTIL = re.compile(r"(?P<day>[0-9]{4}-?[0-9]{2}-?[0-9]{2})(?:T[0-9]{2}:?[0-9]{2}:?[0-9]{2}Z?)?")
# Counted from the start, the 53rd Monday of a year is the last there can be; counted from
# the end, the words go to the fifth to last.
_ORDINALS = {*range(1, 54), *range(-5, 0)}
_MONTHDAYS = {*range(1, 32), *range(-5, 0)}
_POSITIVE = range(1, 10_000)

_WEEKDAYS = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTHS = {
    "de": (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip
# Ordinals counted from the end: -1, -2, ... (German in the form after "jeden" and "am").
_FROM_LAST = {
    "de": ("letzten", "vorletzten", "drittletzten", "viertletzten", "fünftletzten"),
    "en": ("last", "second to last", "third to last", "fourth to last", "fifth to last"),
}
# Each frequency once per period and every n periods.
_PERIODS = {
    "DAILY": {"de": ("jeden Tag", "alle {n} Tage"), "en": ("every day", "every {n} days")},
    "WEEKLY": {"de": ("jede Woche", "alle {n} Wochen"), "en": ("every week", "every {n} weeks")},
    "MONTHLY": {
        "de": ("jeden Monat", "alle {n} Monate"),
        "en": ("every month", "every {n} months"),
    },
    "YEARLY": {"de": ("jedes Jahr", "alle {n} Jahre"), "en": ("every year", "every {n} years")},
}


def describe_rule(rule: str, lang: Language = "de") -> str:
    """Say an RFC 5545 recurrence rule in German or English words.

    Covers ``FREQ`` (``DAILY`` to ``YEARLY``) with ``INTERVAL``, ``BYDAY`` with and without
    ordinals (``1TU``, ``-1FR``), ``BYMONTHDAY``, ``BYMONTH``, ``COUNT`` and ``UNTIL``;
    ``WKST`` changes no words and is passed over. Any other part (``BYSETPOS``, ``BYHOUR``,
    ``BYWEEKNO``, ``BYYEARDAY``...) or a combination without plain words (a weekday *and* a
    day of the month) gets a generic phrase that shows the rule in parentheses.

    Parameters
    ----------
    rule
        The rule, as :class:`MeetingSchedule` stores it or with the ``RRULE:`` prefix, in
        any case.
    lang
        ``"de"`` (default) or ``"en"``.

    Returns
    -------
    text
        The rule in words, ``"jeden letzten Freitag im Monat"``; ``UNTIL`` as its date
        (German ``01.01.2030``, English ISO ``2030-01-01``). Never raises: text that is no
        rule at all gets the generic phrase too.

    Notes
    -----
    Reads the text of the rule and never expands it, in time linear in its length. Rules
    the words cover are rewritten first into an equivalent one where that gives plainer
    words: ``FREQ=DAILY;BYDAY=MO`` is said as ``montags``.

    Examples
    --------
    >>> describe_rule("FREQ=MONTHLY;BYDAY=-1FR")
    'jeden letzten Freitag im Monat'
    >>> describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE", "en")
    'every 2 weeks on Mondays and Wednesdays'
    >>> describe_rule("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15;UNTIL=20300101T000000Z")
    'jeden 15. im März, bis 01.01.2030'
    >>> describe_rule("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", "en")
    'regularly (FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR)'
    """
    return _in_words(rule, lang, None)


@dataclass(frozen=True, slots=True)
class _Rule:
    """The parts of a rule the words cover, checked and sorted.

    ``weekdays`` are (weekday, ordinal) with Monday 0 and ordinal 0 for "every".
    """

    frequency: str
    interval: int
    weekdays: tuple[tuple[int, int], ...]
    monthdays: tuple[int, ...]
    months: tuple[int, ...]
    count: int | None
    until: date | None


def _bare(rule: str) -> str:
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    return text.upper()


def _in_words(rule: str, lang: Language, at: str | None) -> str:
    language: Language = "de" if lang == "de" else "en"
    text = _bare(rule)
    parsed = _parse(text)
    when = None if parsed is None else _when(_simplified(parsed), language)
    clock = "" if at is None else (f" um {at} Uhr" if language == "de" else f" at {at}")
    if parsed is None or when is None:
        return f"{'regelmäßig' if language == 'de' else 'regularly'}{clock} ({text})"
    return f"{when}{clock}{_limits(parsed, language)}"


def _parse(text: str) -> _Rule | None:
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, _, value = part.partition("=")
        if name in parts or not value:
            return None
        parts[name] = value
    known = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL", "WKST"}
    if not parts.keys() <= known or parts.get("FREQ") not in _PERIODS:
        return None
    if parts.get("WKST", "MO") not in _WEEKDAY_CODES:
        return None
    try:
        until = parts.get("UNTIL")
        return _Rule(
            frequency=parts["FREQ"],
            interval=_numbers(parts.get("INTERVAL", "1"), _POSITIVE)[0],
            weekdays=_weekdays(parts.get("BYDAY", "")),
            monthdays=_numbers(parts.get("BYMONTHDAY", ""), _MONTHDAYS),
            months=_numbers(parts.get("BYMONTH", ""), range(1, 13)),
            count=_numbers(parts["COUNT"], _POSITIVE)[0] if "COUNT" in parts else None,
            until=None if until is None else _until(until),
        )
    except (KeyError, ValueError):
        return None


def _numbers(value: str, allowed: range | set[int]) -> tuple[int, ...]:
    """Read a list such as ``1,15,-1`` of numbers from ``allowed``."""
    numbers = set()
    for item in value.split(",") if value else ():
        if not _NUMBER.fullmatch(item) or int(item) not in allowed:
            msg = f"expected numbers from {min(allowed)} to {max(allowed)}, got {item!r}"
            raise ValueError(msg)
        numbers.add(int(item))
    return tuple(sorted(numbers, key=_from_start_then_end))


def _weekdays(value: str) -> tuple[tuple[int, int], ...]:
    days = set()
    for item in value.split(",") if value else ():
        match = _BYDAY_ITEM.fullmatch(item)
        if match is None or (match["ordinal"] and int(match["ordinal"]) not in _ORDINALS):
            msg = f"expected a weekday such as 'TU', '1TU' or '-1FR', got {item!r}"
            raise ValueError(msg)
        days.add((_WEEKDAY_CODES.index(match["weekday"]), int(match["ordinal"] or 0)))
    return tuple(sorted(days, key=lambda day: (day[0], _from_start_then_end(day[1]))))


def _from_start_then_end(ordinal: int) -> tuple[bool, int]:
    return ordinal < 0, ordinal


def _until(value: str) -> date:
    match = _UNTIL.fullmatch(value)
    if match is None:
        msg = f"expected UNTIL as 20300101 or 20300101T000000Z, got {value!r}"
        raise ValueError(msg)
    return date.fromisoformat(match["day"])


def _simplified(rule: _Rule) -> _Rule:
    """Rewrite ``rule`` as an equivalent one with plainer words, if there is one."""
    frequency = rule.frequency
    if frequency == "DAILY" and rule.interval == 1 and (rule.weekdays or rule.monthdays):
        frequency = "MONTHLY" if rule.monthdays else "WEEKLY"
    if frequency == "MONTHLY" and rule.interval == 1 and rule.months:
        frequency = "YEARLY"
    return replace(rule, frequency=frequency)


def _when(rule: _Rule, lang: Language) -> str | None:
    """Say ``rule`` without its limits, or return ``None`` if the words do not cover it."""
    every = any(ordinal == 0 for _, ordinal in rule.weekdays)
    counted = any(ordinal != 0 for _, ordinal in rule.weekdays)
    if (rule.weekdays and rule.monthdays) or (every and counted):
        return None  # Friday the 13th; every Monday and the 1st Tuesday
    if every:
        # Every Tuesday: the period changes nothing, unless it is every n weeks.
        covered = rule.interval == 1 or rule.frequency == "WEEKLY"
        return _on_weekdays(rule, lang) if covered else None
    if rule.frequency == "MONTHLY" and rule.months:
        return None  # every n months, but only some months (n = 1 became YEARLY)
    if not (rule.weekdays or rule.monthdays):
        return f"{_every(rule, lang)}{_in_months(rule, lang)}"
    # The 2nd Wednesday, the 15th: of every month, of a year or of some of its months.
    yearly = rule.frequency == "YEARLY" and (counted or bool(rule.months))
    return _days_of_period(rule, lang) if rule.frequency == "MONTHLY" or yearly else None


def _on_weekdays(rule: _Rule, lang: Language) -> str:
    """Say "every 2 weeks on Mondays and Wednesdays in July"."""
    names = [_WEEKDAYS[lang][day] for day, _ in rule.weekdays]
    on = _join([f"{name.lower()}s" if lang == "de" else f"{name}s" for name in names], lang)
    every = f"{_every(rule, lang)} " if rule.interval > 1 else ""
    return f"{every}{on if lang == 'de' else f'on {on}'}{_in_months(rule, lang)}"


def _days_of_period(rule: _Rule, lang: Language) -> str:
    """Say "the 2nd Wednesday", "the 1st and last day" of a month or year."""
    if rule.weekdays:
        ordinals: dict[int, list[str]] = {}
        for day, ordinal in rule.weekdays:
            ordinals.setdefault(day, []).append(_ordinal(ordinal, lang))
        named = [f"{_join(of, lang)} {_WEEKDAYS[lang][day]}" for day, of in ordinals.items()]
        what = _join(named, lang)
    else:
        what = _join([_ordinal(day, lang) for day in rule.monthdays], lang)
        if rule.monthdays[-1] < 0:
            what += " Tag" if lang == "de" else " day"
    months = _month_names(rule, lang)
    yearly = rule.frequency == "YEARLY"
    if lang == "de":
        where = months or ("Jahr" if yearly else "Monat")
        if rule.interval == 1:
            return f"jeden {what} im {where}"
        return f"{_every(rule, lang)} am {what}" + (f" im {where}" if yearly else "")
    unit = "year" if yearly else "month"
    every = (
        f"every {unit}" if rule.interval == 1 else f"every {_ordinal(rule.interval, lang)} {unit}"
    )
    return f"the {what} of {months} {every}" if months else f"the {what} of {every}"


def _every(rule: _Rule, lang: Language) -> str:
    once, every_n = _PERIODS[rule.frequency][lang]
    return once if rule.interval == 1 else every_n.format(n=rule.interval)


def _in_months(rule: _Rule, lang: Language) -> str:
    if not rule.months:
        return ""
    return f" {'im' if lang == 'de' else 'in'} {_month_names(rule, lang)}"


def _month_names(rule: _Rule, lang: Language) -> str:
    return _join([_MONTHS[lang][month - 1] for month in rule.months], lang)


def _ordinal(number: int, lang: Language) -> str:
    if number < 0:
        return _FROM_LAST[lang][-number - 1]
    if lang == "de":
        return f"{number}."
    teens = number % 100 in {11, 12, 13}
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _limits(rule: _Rule, lang: Language) -> str:
    limits = []
    if rule.count is not None:
        if lang == "de":
            limits.append("einmal" if rule.count == 1 else f"{rule.count}-mal")
        else:
            limits.append("once" if rule.count == 1 else f"{rule.count} times")
    if rule.until is not None:
        limits.append(
            f"bis {rule.until:%d.%m.%Y}" if lang == "de" else f"until {rule.until.isoformat()}"
        )
    return "".join(f", {limit}" for limit in limits)


def _join(items: Sequence[str], lang: Language) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'und' if lang == 'de' else 'and'} {items[-1]}"
