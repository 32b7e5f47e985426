"""Days and half-open validity periods, and a strict parser for German dates.

Examples
--------
>>> from datetime import date
>>> from bildungsnetz.model.dates import Period, parse_date
>>> parse_date("03.04.2025")
datetime.date(2025, 4, 3)
>>> parse_date("5. März 2024")
datetime.date(2024, 3, 5)
>>> esf = Period(start=date(2024, 8, 1), end="01.08.2028")
>>> date(2028, 7, 31) in esf, date(2028, 8, 1) in esf
(True, False)
"""

from __future__ import annotations

import numbers
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any, cast

from dateutil import parser as dateutil_parser
from pydantic import BeforeValidator, WrapValidator, model_validator

from bildungsnetz.model._record import Record

if TYPE_CHECKING:
    from pydantic import ValidatorFunctionWrapHandler

__all__ = [
    "LAST_DAY",
    "Day",
    "DayLike",
    "HorizonLike",
    "Period",
    "Validity",
    "parse_date",
    "to_day",
    "to_horizon",
]

# Two defaults that differ in every component: a component the text does not contain is
# filled in differently by each, which is how an incomplete date ("März 2024") shows.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What io.dumps writes: nothing to clean, and only ASCII digits (\d takes any script's).
_PLAIN_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_GERMAN_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_HAS_YEAR_OF_FOUR = re.compile(r"(?<!\d)\d{4}(?!\d)")


class _GermanParserInfo(dateutil_parser.parserinfo):
    """dateutil's vocabulary, in German, day before month."""

    def __init__(self) -> None:
        # parserinfo.__init__ indexes these lists, so they must be set before it runs.
        self.JUMP = [" ", ".", ",", ";", "-", "/", "'", "den", "am", "der"]
        self.WEEKDAYS = [
            ("Mo", "Montag"),
            ("Di", "Dienstag"),
            ("Mi", "Mittwoch"),
            ("Do", "Donnerstag"),
            ("Fr", "Freitag"),
            ("Sa", "Samstag"),
            ("So", "Sonntag"),
        ]
        # dateutil's stub allows up to three spellings per month; the parser takes any number.
        months: list[Any] = [
            ("Jan", "Januar", "Jän", "Jänner"),
            ("Feb", "Februar", "Febr"),
            ("Mär", "Mrz", "März", "Maerz"),
            ("Apr", "April"),
            ("Mai", "Mai"),
            ("Jun", "Juni"),
            ("Jul", "Juli"),
            ("Aug", "August"),
            ("Sep", "Sept", "September"),
            ("Okt", "Oktober"),
            ("Nov", "November"),
            ("Dez", "Dezember"),
        ]
        self.MONTHS = months
        self.HMS = []
        self.AMPM = []
        self.PERTAIN = []
        super().__init__(dayfirst=True, yearfirst=False)


_PARSER_INFO = _GermanParserInfo()


def parse_date(text: str) -> date:
    """Parse a date as Germans write it, refusing anything incomplete or ambiguous.

    Accepts ISO dates (``2025-04-03``), numeric dates with the day first (``03.04.2025``,
    ``3.4.2025``) and dates with German month names, written out or abbreviated, with or
    without a weekday (``5. März 2024``, ``Di, 5. Mrz. 2024``).

    Parameters
    ----------
    text
        The text to parse.

    Returns
    -------
    day
        The date. A component the text does not contain is never filled in (not from
        today, not from a default), so ``"März 2024"`` is an error.

    Raises
    ------
    ValueError
        If the text is not a complete, valid calendar date with a four-digit year, or
        carries a time of day or a time zone. No other error and no warning escapes.

    Examples
    --------
    >>> parse_date("03.04.2025")  # 3 April, not 4 March
    datetime.date(2025, 4, 3)
    >>> parse_date("Dienstag, 5. März 2024")
    datetime.date(2024, 3, 5)
    >>> parse_date("31.02.2024")
    Traceback (most recent call last):
    ...
    ValueError: not a valid date: '31.02.2024' (day is out of range for month)
    >>> parse_date("März 2024")
    Traceback (most recent call last):
    ...
    ValueError: incomplete date: 'März 2024' needs a day, a month and a year
    """
    if type(text) is str and _PLAIN_ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass  # the full reading below says why, in its words
    return _parse_date(text)


def _parse_date(text: str) -> date:
    """Parse a date the long way: the reference the fast path of ``parse_date`` must match."""
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    exact = _exact_date(cleaned, text)
    if exact is not None:
        return exact
    if _HAS_TIME.search(cleaned):
        msg = f"expected a date without a time of day, got {text!r}"
        raise ValueError(msg)
    if not any(character.isdigit() for character in cleaned):
        msg = f"not a date: {text!r}"
        raise ValueError(msg)
    if not _HAS_YEAR_OF_FOUR.search(cleaned):
        msg = f"a date needs a four-digit year, got {text!r}"
        raise ValueError(msg)
    try:
        first = _dateutil_parse(cleaned, _DEFAULT_A)
        second = _dateutil_parse(cleaned, _DEFAULT_B)
    except _ZoneInText:
        msg = f"not a valid date: {text!r} (a date has no time zone)"
        raise ValueError(msg) from None
    except (ValueError, ArithmeticError) as error:
        # ArithmeticError: dateutil reads a long run of digits as a decimal number, and
        # decimal's InvalidOperation or an OverflowError comes out of it.
        reason = (
            str(error).split(":", 1)[0]
            if isinstance(error, ValueError)
            else "a number out of range"
        )
        msg = f"not a valid date: {text!r} ({reason})"
        raise ValueError(msg) from None
    if first != second:
        msg = f"incomplete date: {text!r} needs a day, a month and a year"
        raise ValueError(msg)
    if first.time() != _DEFAULT_A.time():
        # dateutil reads a stray number such as "2025" after a date as a time of day.
        msg = f"not a valid date: {text!r} (unexpected text after the date)"
        raise ValueError(msg)
    return first.date()


class _ZoneInText(Exception):  # noqa: N818 (a signal between two private functions)
    """The text names a time zone, which no date has."""


def _refuse_zone(name: str | None, offset: int | None) -> None:
    # dateutil calls this for every text; it only warns (UnknownTimezoneWarning) about a
    # word it takes for a zone it does not know, and a date has no zone at all.
    if name is not None or offset is not None:
        raise _ZoneInText


def _dateutil_parse(cleaned: str, default: datetime) -> datetime:
    return dateutil_parser.parse(
        cleaned, parserinfo=_PARSER_INFO, default=default, tzinfos=_refuse_zone
    )


DayLike = date | datetime | str
"""What a day may be given as: a ``date``, a ``datetime`` or ``pandas.Timestamp`` (its
calendar day), or text as :func:`parse_date` reads it (``"2028-08-01"``, ``"01.08.2028"``)."""

HorizonLike = timedelta | int | DayLike
"""What a horizon may be given as: a ``timedelta`` of whole days, a number of days, or the
day to look ahead to (any :data:`DayLike`)."""

LAST_DAY = date.max
"""The last day an analysis can look ahead to: ``as_of`` plus ``horizon`` must not pass it."""

_ACCEPTED_DAYS = 'a date, datetime, pandas.Timestamp or text such as "2028-08-01" or "01.08.2028"'


def to_day(value: DayLike, *, name: str = "day") -> date:
    """Return ``value`` as a calendar day, or raise an error that names the argument.

    Parameters
    ----------
    value
        A ``date``; a ``datetime`` or ``pandas.Timestamp``, which stands for its calendar
        day (in its own time zone, if it has one); a ``numpy.datetime64``; or text as
        :func:`parse_date` reads it, ISO or German.
    name
        The argument's name, for the error message.

    Returns
    -------
    day
        The calendar day.

    Raises
    ------
    TypeError
        If ``value`` is of no accepted type (a number, say).
    ValueError
        If it is text that is no complete, valid date, or a missing timestamp (``NaT``).

    Examples
    --------
    >>> from datetime import datetime
    >>> to_day("01.08.2028"), to_day("2028-08-01"), to_day(datetime(2028, 8, 1, 9, 30))
    (datetime.date(2028, 8, 1), datetime.date(2028, 8, 1), datetime.date(2028, 8, 1))
    >>> to_day(20280801, name="as_of")
    Traceback (most recent call last):
    ...
    TypeError: as_of: expected a date, datetime, pandas.Timestamp or text such as "2028-08-01" or "01.08.2028", got 20280801 (int)
    """  # noqa: E501 (a doctest line cannot be wrapped)
    if isinstance(value, datetime):
        if value != value:  # noqa: PLR0124 (pandas.NaT is the one datetime unequal to itself)
            msg = f"{name}: a missing timestamp (NaT) is no day"
            raise ValueError(msg)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as error:
            msg = f"{name}: {error}"
            raise ValueError(msg) from None
    if type(value).__name__ == "datetime64":
        # numpy's datetime64 turns into a date once cut to whole days.
        return to_day(value.astype("datetime64[D]").item(), name=name)
    msg = f"{name}: expected {_ACCEPTED_DAYS}, got {value!r} ({type(value).__name__})"
    raise TypeError(msg)


def to_horizon(
    value: HorizonLike, *, start: date | None = None, name: str = "horizon"
) -> timedelta:
    """Return ``value`` as a look-ahead of whole days, or raise an error that names it.

    Parameters
    ----------
    value
        A ``timedelta`` (``pandas.Timedelta`` too) of whole days; a whole number of days
        (also as text, ``"1095"``); or a day (any :data:`DayLike`): look ahead until that
        day, so that what no longer holds on it counts as ending.
    start
        The day the horizon is counted from; needed when ``value`` is a day. Given, the
        horizon must not reach past :data:`LAST_DAY` (31 December 9999, the last day
        Python's dates hold).
    name
        The argument's name, for the error message.

    Returns
    -------
    horizon
        A ``timedelta`` of whole, non-negative days.

    Raises
    ------
    TypeError
        If ``value`` is of no accepted type (a float, say).
    ValueError
        If it is negative, not whole days, a day before ``start``, a day without a
        ``start`` to count from, or reaches from ``start`` (or, without one, from the
        first day of the calendar) past :data:`LAST_DAY`.

    Examples
    --------
    >>> from datetime import date
    >>> to_horizon(1095).days, to_horizon("1095").days
    (1095, 1095)
    >>> to_horizon("01.08.2028", start=date(2025, 11, 1)).days  # ESF+ no longer pays then
    1004
    >>> to_horizon(-1)
    Traceback (most recent call last):
    ...
    ValueError: horizon must not be negative, got -1 days
    >>> to_horizon(1095, start=date(9997, 1, 1))
    Traceback (most recent call last):
    ...
    ValueError: horizon: 1095 days after 9997-01-01 passes 9999-12-31, the last day an analysis can look ahead to
    """  # noqa: E501 (a doctest line cannot be wrapped)
    if isinstance(value, timedelta):
        if value != value:  # noqa: PLR0124 (pandas.NaT)
            msg = f"{name}: a missing duration (NaT) is no horizon"
            raise ValueError(msg)
        days = value.days
        if value != timedelta(days=days):
            msg = f"{name} must be whole days, got {value}"
            raise ValueError(msg)
    elif isinstance(value, numbers.Integral) and not isinstance(value, bool):
        days = int(value)
    elif isinstance(value, str) and value.strip().isdecimal():
        days = int(value.strip())
    else:
        try:
            last = to_day(cast("DayLike", value), name=name)
        except TypeError:
            msg = (
                f"{name}: expected a number of days, a timedelta or a day to look ahead to, "
                f"got {value!r} ({type(value).__name__})"
            )
            raise TypeError(msg) from None
        days = _days_until(last, start, name)
    if days < 0:
        msg = f"{name} must not be negative, got {days} days"
        raise ValueError(msg)
    if days > (LAST_DAY - (start or date.min)).days:
        after = "the first day of the calendar" if start is None else start.isoformat()
        msg = (
            f"{name}: {days} days after {after} passes {LAST_DAY.isoformat()}, "
            "the last day an analysis can look ahead to"
        )
        raise ValueError(msg)
    return timedelta(days=days)


def _days_until(last: date, start: date | None, name: str) -> int:
    if start is None:
        msg = f"{name}: a day to look ahead to needs a day to start from (as_of or reference_date)"
        raise ValueError(msg)
    if last < start:
        msg = f"{name}: {last.isoformat()} lies before the day judged on, {start.isoformat()}"
        raise ValueError(msg)
    return (last - start).days


def _exact_date(cleaned: str, text: str) -> date | None:
    """Read the two exact forms, 31.07.2028 and 2028-07-31, without the general parser."""
    numeric = _GERMAN_NUMERIC.fullmatch(cleaned)
    try:
        if numeric is not None:
            day, month, year = (int(part) for part in numeric.groups())
            return date(year, month, day)
        if _ISO_DATE.fullmatch(cleaned):
            return date.fromisoformat(cleaned)
    except ValueError as error:
        msg = f"not a valid date: {text!r} ({error})"
        raise ValueError(msg) from None
    return None


def _coerce_day(value: Any) -> Any:
    # Strings go through the German parser; everything else is left to pydantic, which
    # turns a midnight datetime into a date and refuses any other time.
    if type(value) is str:
        # A network has a million dates and a few thousand different ones: each text is
        # parsed once, and equal days share one object.
        day = _DAYS.get(value)
        if day is None:
            day = _DAYS[value] = parse_date(value)
            if len(_DAYS) > _SHARED_DAYS:
                _DAYS.clear()
        return day
    if isinstance(value, str):
        return parse_date(value)
    return value


_DAYS: dict[str, date] = {}
_SHARED_DAYS = 1 << 14


Day = Annotated[date, BeforeValidator(_coerce_day)]
"""A calendar day; strings are read with :func:`parse_date`."""


class Period(Record):
    """A half-open validity period: ``start`` inclusive, ``end`` exclusive.

    ``None`` leaves a side open, so ``Period()`` is valid forever. ``end`` is the first day
    on which the record no longer holds: a programme that runs to 31 July 2028 ends on
    1 August 2028.

    Parameters
    ----------
    start
        The first day of validity, or ``None`` if it always held.
    end
        The first day of no longer holding, or ``None`` if open-ended.

    Examples
    --------
    >>> from datetime import date
    >>> period = Period(start=date(2024, 8, 1), end=date(2028, 8, 1))
    >>> period.contains(date(2024, 8, 1)), period.contains(date(2028, 8, 1))
    (True, False)
    >>> period.last_day
    datetime.date(2028, 7, 31)
    >>> Period(start=date(2025, 1, 1), end=date(2024, 1, 1))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Period
    ...
    """

    start: Day | None = None
    end: Day | None = None

    @model_validator(mode="after")
    def _start_before_end(self) -> Period:
        if self.start is not None and self.end is not None and self.start >= self.end:
            msg = (
                f"a period must start before it ends (end is exclusive), "
                f"got start={self.start.isoformat()} end={self.end.isoformat()}"
            )
            raise ValueError(msg)
        return self

    @property
    def is_open_ended(self) -> bool:
        """Whether the period has no end."""
        return self.end is None

    @property
    def last_day(self) -> date | None:
        """The last day inside the period, or ``None`` if it is open-ended."""
        return None if self.end is None else date.fromordinal(self.end.toordinal() - 1)

    def contains(self, day: date) -> bool:
        """Return whether ``day`` lies inside the period."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.contains(day)

    def ends_between(self, first: date, stop: date) -> bool:
        """Return whether the period ends on a day in ``[first, stop)``.

        "Ends on a day" means ``end`` (the first day without validity) falls in the window.
        """
        return self.end is not None and first <= self.end < stop

    def overlaps(self, other: Period) -> bool:
        """Return whether the two periods share at least one day."""
        starts_before_other_ends = self.start is None or other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts


def _shared_period(value: Any, handler: ValidatorFunctionWrapHandler) -> Period:
    """Validate a period, returning one shared object per distinct period.

    A national network has a million ties and a few hundred different periods; sharing
    them saves half a kilobyte a tie. Text read before (``{"start": "2024-08-01"}``) is
    not even parsed again: the same input always gives the same period.
    """
    text_key = _text_key(value)
    if text_key is not None and (known := _PERIODS.get(text_key)) is not None:
        return known
    period: Period = handler(value)
    if type(period) is Period:
        given = period.__pydantic_fields_set__
        # The fields given count too, as model_dump(exclude_unset=True) shows them.
        value_key = (period.start, period.end, "start" in given, "end" in given)
        period = _PERIODS.setdefault(value_key, period)
        if text_key is not None:
            _PERIODS[text_key] = period
        if len(_PERIODS) > _SHARED_PERIODS:
            _PERIODS.clear()
    return period


def _text_key(value: Any) -> tuple[object, object] | None:
    """Return the key of a period given as text, as read from JSON, or ``None``."""
    if type(value) is not dict:
        return None
    start = value.get("start", ...)
    end = value.get("end", ...)
    if len(value) != (start is not ...) + (end is not ...):
        return None  # another member: an error for the validator to report
    if not (start is None or start is ... or type(start) is str):
        return None
    if not (end is None or end is ... or type(end) is str):
        return None
    return (start, end)


_PERIODS: dict[Any, Period] = {}
_SHARED_PERIODS = 1 << 14

Validity = Annotated[Period, WrapValidator(_shared_period)]
"""A :class:`Period` field whose equal periods share one object."""
