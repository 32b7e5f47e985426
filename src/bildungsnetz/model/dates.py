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

import re
from datetime import date, datetime
from typing import Annotated, Any

from dateutil import parser as dateutil_parser
from pydantic import BeforeValidator, model_validator

from bildungsnetz.model._record import Record

__all__ = ["Day", "Period", "parse_date"]

# Two defaults that differ in every component: a component the text does not contain is
# filled in differently by each, which is how an incomplete date ("März 2024") shows.
_DEFAULT_A = datetime(2000, 1, 1)
_DEFAULT_B = datetime(2001, 2, 2)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
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
        carries a time of day.

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
    cleaned = " ".join(text.replace("\u00a0", " ").split())
    if _ISO_DATE.fullmatch(cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError as error:
            msg = f"not a valid date: {text!r} ({error})"
            raise ValueError(msg) from None
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
        first = dateutil_parser.parse(cleaned, parserinfo=_PARSER_INFO, default=_DEFAULT_A)
        second = dateutil_parser.parse(cleaned, parserinfo=_PARSER_INFO, default=_DEFAULT_B)
    except (dateutil_parser.ParserError, OverflowError) as error:
        reason = str(error).split(":", 1)[0]
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


def _coerce_day(value: Any) -> Any:
    # Strings go through the German parser; everything else is left to pydantic, which
    # turns a midnight datetime into a date and refuses any other time.
    if isinstance(value, str):
        return parse_date(value)
    return value


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
