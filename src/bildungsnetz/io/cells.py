r"""One cell of a table, read and written the way German offices write it.

Reading accepts what people type and what spreadsheet programs store: German labels or
the stable English values of enumerations (``Grundschule`` or ``grundschule``), German and
ISO dates and real date cells, decimal commas, percentages (``12 %``), ``ja``/``nein``,
several values separated by ``;``. Ids stay text, so leading zeros of school numbers
survive. A value that cannot be read raises :class:`CellError` naming it, with the closest
allowed value where there is one (``Grundschuel`` → ``Grundschule``).

Examples
--------
>>> from bildungsnetz.io.cells import read_cell, write_cell
>>> from bildungsnetz.io.layout import SHEETS
>>> form = SHEETS["actors"].column("school_form")
>>> read_cell("Grundschule", form), write_cell("grundschule", form, "de")
('grundschule', 'Grundschule')
>>> read_cell("Grundschuel", form)
Traceback (most recent call last):
...
bildungsnetz.io.cells.CellError: unknown value 'Grundschuel'; did you mean 'Grundschule'?
>>> read_cell("12 %", SHEETS["actors"].column("absence_rate"))
0.12
"""

from __future__ import annotations

import difflib
import math
import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bildungsnetz.io._shown_errors import ShownError
from bildungsnetz.io.layout import normalised
from bildungsnetz.model import parse_date

if TYPE_CHECKING:
    from collections.abc import Callable

    from bildungsnetz.io.layout import Column
    from bildungsnetz.model.enums import LabelledEnum

__all__ = [
    "DEFAULT_ZONE",
    "CellError",
    "CellValue",
    "join_values",
    "read_cell",
    "split_values",
    "write_cell",
]

CellValue = str | int | float | bool | date | datetime | None
"""What a cell holds once written: text, a number, a truth value, a date or nothing."""

DEFAULT_ZONE = "Europe/Berlin"
"""The time zone of a meeting schedule whose zone cell is empty."""

_TRUE = {"ja", "j", "yes", "y", "wahr", "true", "x", "1"}
_FALSE = {"nein", "n", "no", "falsch", "false", "0"}
# What offices write for how often they meet, as recurrence rules.
_RULE_WORDS = {
    "taeglich": "FREQ=DAILY",
    "woechentlich": "FREQ=WEEKLY",
    "alle2wochen": "FREQ=WEEKLY;INTERVAL=2",
    "14taegig": "FREQ=WEEKLY;INTERVAL=2",
    "vierzehntaegig": "FREQ=WEEKLY;INTERVAL=2",
    "monatlich": "FREQ=MONTHLY",
    "alle2monate": "FREQ=MONTHLY;INTERVAL=2",
    "vierteljaehrlich": "FREQ=MONTHLY;INTERVAL=3",
    "quartalsweise": "FREQ=MONTHLY;INTERVAL=3",
    "halbjaehrlich": "FREQ=MONTHLY;INTERVAL=6",
    "jaehrlich": "FREQ=YEARLY",
    "weekly": "FREQ=WEEKLY",
    "monthly": "FREQ=MONTHLY",
    "quarterly": "FREQ=MONTHLY;INTERVAL=3",
    "yearly": "FREQ=YEARLY",
}
_GERMAN_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
_ENGLISH_THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+")
_DASHES = {"-", "–"}  # an en dash is how German tables mark "none"
_TEXTUAL = {"id", "ref", "refs", "name", "text", "texts"}


class CellError(ValueError):
    """A cell whose value cannot be read; the message names the value.

    Examples
    --------
    >>> from bildungsnetz.io.layout import SHEETS
    >>> try:
    ...     read_cell("zwölf", SHEETS["flows"].column("pupils"))
    ... except CellError as error:
    ...     print(error)
    expected a number, got 'zwölf'
    """


def read_cell(value: Any, column: Column) -> Any:
    """Return what a cell means for its column, or ``None`` for an empty cell.

    Parameters
    ----------
    value
        The cell as a reader found it: text, a number, a truth value, a date or nothing.
    column
        The column it stands in.

    Returns
    -------
    meaning
        Text, a number, a date, an enumeration value, or a list of them for a column of
        several values; ``None`` when the cell is empty.

    Raises
    ------
    CellError
        Naming the value, with the closest allowed value where there is one.

    Examples
    --------
    >>> from datetime import datetime
    >>> from bildungsnetz.io.layout import SHEETS
    >>> actors = SHEETS["actors"]
    >>> read_cell("Inklusion; Migration", actors.column("topics"))
    ['inclusion', 'migration']
    >>> read_cell(datetime(2028, 7, 31), actors.column("valid_until"))  # the day after
    datetime.date(2028, 8, 1)
    >>> read_cell(1001000.0, actors.column("municipality"))  # Land 01 lost its zero
    '01001000'
    >>> read_cell("nein", SHEETS["cooperations"].column("confirmed"))
    False
    """
    if isinstance(value, ShownError):
        # calamine would have read it as empty: a count that shows #DIV/0! is no count.
        msg = f"the cell shows the error {value.code} instead of a value"
        raise CellError(msg)
    if _empty(value, column):
        return None
    if column.multiple:
        items = (
            [_text(item).strip() for item in value]
            if isinstance(value, list | tuple | set | frozenset)
            else split_values(_text(value))
        )
        return [_read_one(item, column.item) for item in items] or None
    return _read_one(value, column)


def _read_one(value: Any, column: Column) -> Any:
    return _READERS[column.kind](value, column)


def _enum_of(value: Any, column: Column) -> str:
    assert column.enum is not None
    return _enum(value, column.enum)


def _rule(value: Any, _: Column) -> str:
    text = _text(value).strip()
    return _RULE_WORDS.get(normalised(text), text)


_READERS: dict[str, Callable[[Any, Column], Any]] = {
    "id": lambda value, _: _text(value),
    "ref": lambda value, _: _text(value),
    "name": lambda value, _: _text(value),
    "text": lambda value, _: _text(value),
    "zone": lambda value, _: _zone(_text(value)),
    "enum": _enum_of,
    "ags": lambda value, _: _ags(value),
    "date": lambda value, _: _day(value),
    "last_day": lambda value, _: _day(value) + timedelta(days=1),
    "local_time": lambda value, _: _local_time(value),
    "rule": _rule,
    "bool": lambda value, _: _bool(value),
    "count": lambda value, _: _whole(value, year=False),
    "year": lambda value, _: _whole(value, year=True),
    "share": lambda value, _: _share(value),
    "float": lambda value, _: _float(value),
}


def write_cell(value: Any, column: Column, lang: Literal["de", "en"]) -> CellValue:
    """Return how a value of the model is written into a cell of ``column``.

    Enumerations as German labels (``lang="de"``) or their stable English values, several
    values joined with ``; ``, the end of a period as its last day, a meeting start as its
    wall-clock time, truth values as ``ja``/``nein`` or ``yes``/``no``.

    Examples
    --------
    >>> from datetime import date
    >>> from bildungsnetz.io.layout import SHEETS
    >>> until = SHEETS["programmes"].column("valid_until")
    >>> write_cell(date(2028, 8, 1), until, "de")  # the model keeps the first day after
    datetime.date(2028, 7, 31)
    >>> write_cell(frozenset({"inclusion", "migration"}), SHEETS["actors"].column("topics"), "de")
    'Inklusion; Migration'
    """
    if value is None:
        return None
    if column.multiple:
        items = sorted(str(_write_one(item, column.item, lang)) for item in value)
        return join_values(items) if items else None
    return _write_one(value, column, lang)


def _write_one(value: Any, column: Column, lang: Literal["de", "en"]) -> CellValue:
    writer = _WRITERS.get(column.kind)
    if writer is not None:
        return writer(value, column, lang)
    if isinstance(value, bool | int | float | date):
        return value
    return str(value)


def _write_enum(value: Any, column: Column, lang: Literal["de", "en"]) -> str:
    assert column.enum is not None
    member = column.enum(value)
    return member.label("de") if lang == "de" else member.value


def _write_bool(value: Any, _: Column, lang: Literal["de", "en"]) -> str:
    yes, no = ("ja", "nein") if lang == "de" else ("yes", "no")
    return yes if value else no


_WRITERS: dict[str, Callable[[Any, Column, Literal["de", "en"]], CellValue]] = {
    "enum": _write_enum,
    "bool": _write_bool,
    # The model keeps the first day after a period; people write its last day.
    "last_day": lambda value, _, __: value - timedelta(days=1),
    # A meeting's wall-clock time; its zone has a column of its own.
    "local_time": lambda value, _, __: value.replace(tzinfo=None),
    "zone": lambda value, _, __: getattr(value.tzinfo, "key", DEFAULT_ZONE),
}


def split_values(text: str) -> list[str]:
    r"""Return the values of a cell that holds several, separated by ``;``.

    A ``;`` inside a value is written ``\;``, a backslash ``\\``.

    Examples
    --------
    >>> split_values("Inklusion; Migration ;")
    ['Inklusion', 'Migration']
    >>> split_values(r"Eltern\; Lehrkräfte; Kinder")
    ['Eltern; Lehrkräfte', 'Kinder']
    """
    values: list[str] = []
    current: list[str] = []
    characters = iter(text)
    for character in characters:
        if character == "\\":
            current.append(next(characters, "\\"))
        elif character == ";":
            values.append("".join(current))
            current = []
        else:
            current.append(character)
    values.append("".join(current))
    return [value.strip() for value in values if value.strip()]


def join_values(values: Any) -> str:
    r"""Return values as one cell, separated by ``; `` (``;`` and ``\`` in a value escaped).

    Examples
    --------
    >>> print(join_values(["Eltern; Lehrkräfte", "Kinder"]))
    Eltern\; Lehrkräfte; Kinder
    >>> split_values(join_values(["a\\", "b"]))
    ['a\\', 'b']
    """
    return "; ".join(str(value).replace("\\", "\\\\").replace(";", "\\;") for value in values)


# -- readers of one value ------------------------------------------------------------------


def _empty(value: Any, column: Column) -> bool:
    if value is None:
        return True
    if isinstance(value, list | tuple | set | frozenset):
        return not value
    if isinstance(value, float) and math.isnan(value):
        return True
    if not isinstance(value, str):
        return False
    # A dash marks "none" in German tables, but in a text or an id it is the text itself.
    stripped = value.strip()
    return not stripped or (stripped in _DASHES and column.kind not in _TEXTUAL)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        # A number typed into a cell that is not formatted as text: 1234.0 is "1234".
        return str(int(value))
    if isinstance(value, datetime | date):
        msg = f"expected text, got the date {value.isoformat()}"
        raise CellError(msg)
    return str(value)


@cache
def _choices(enum: type[LabelledEnum]) -> dict[str, LabelledEnum]:
    found: dict[str, LabelledEnum] = {}
    for member in enum:
        for spelling in (member.value, member.label("de"), member.label("en"), member.name):
            found.setdefault(normalised(spelling), member)
    return found


def _enum(value: Any, enum: type[LabelledEnum]) -> str:
    text = _text(value).strip()
    member = _choices(enum).get(normalised(text))
    if member is not None:
        return member.value
    labels = {member.label("de"): member for member in enum} | {m.value: m for m in enum}
    close = difflib.get_close_matches(text, list(labels), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    msg = f"unknown value {text!r}{hint}"
    if not close:
        shown = ", ".join(member.label("de") for member in enum)
        msg += f" (allowed: {shown})"
    raise CellError(msg)


def _ags(value: Any) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A numeric cell loses the leading zero of Land 01 to 09: every AGS has 8 digits.
        return f"{int(value):08d}"
    return _text(value).strip()


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        if value.time() != datetime.min.time():
            msg = f"expected a date without a time of day, got {value.isoformat(sep=' ')}"
            raise CellError(msg)
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError as error:
            raise CellError(str(error)) from None
    msg = f"expected a date such as 31.07.2028, got {value!r}"
    raise CellError(msg)


_LOCAL_TIME = re.compile(
    r"(?P<day>\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})[ T,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2}))?(?: ?Uhr)?"
)


def _local_time(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        # A date-time cell at midnight comes back from some readers as a plain date.
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        match = _LOCAL_TIME.fullmatch(value.strip())
        if match is not None:
            day = _day(match["day"])
            try:
                # A wall-clock time: the zone has its own column.
                return datetime(
                    day.year,
                    day.month,
                    day.day,
                    int(match["hour"]),
                    int(match["minute"]),
                    int(match["second"] or 0),
                )
            except ValueError as error:
                msg = f"not a valid time of day: {value!r} ({error})"
                raise CellError(msg) from None
    msg = f"expected a date and time such as 01.09.2025 16:00, got {value!r}"
    raise CellError(msg)


def _zone(text: str) -> str:
    name = text.strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a folder of zones ("America") or a name too long for a file name, as
        # ZoneInfo looks the name up on disk.
        msg = f"unknown time zone {name!r}; write a name such as {DEFAULT_ZONE!r}"
        raise CellError(msg) from None
    return name


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in {0, 1}:
        return bool(value)
    text = normalised(_text(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    msg = f"expected ja or nein, got {value!r}"
    raise CellError(msg)


def _decimal(text: str) -> Decimal:
    """Read a number as Germans and others write it: 1.250,5 / 1,250.5 / 0,25 / 0.25."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    if _GERMAN_THOUSANDS.fullmatch(cleaned) and cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    elif "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in cleaned:
        cleaned = (
            cleaned.replace(",", "")
            if _ENGLISH_THOUSANDS.fullmatch(cleaned) and cleaned.count(",") > 1
            else cleaned.replace(",", ".")
        )
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        msg = f"expected a number, got {text!r}"
        raise CellError(msg) from None
    # "Infinity", "NaN" and "1e999999999" are numbers to Decimal, none to a table: the
    # last would become an integer of a billion digits.
    if not number.is_finite() or number.adjusted() > _LARGEST_EXPONENT:
        msg = f"expected a number, got {text!r}"
        raise CellError(msg)
    return number


_LARGEST_EXPONENT = 30


def _whole(value: Any, *, year: bool) -> int:
    if isinstance(value, bool):
        msg = f"expected a whole number, got {value!r}"
        raise CellError(msg)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        msg = f"expected a whole number, got {value!r}"
        raise CellError(msg)
    text = _text(value).strip()
    if year and re.fullmatch(r"\d{4}/\d{2}", text):
        return int(text[:4])  # a school year written 2024/25
    if _GERMAN_THOUSANDS.fullmatch(text):
        text = text.replace(".", "")  # 1.250 pupils
    number = _decimal(text)
    if number != number.to_integral_value():
        msg = f"expected a whole number, got {value!r}"
        raise CellError(msg)
    return int(number)


def _float(value: Any) -> float:
    if isinstance(value, bool):
        msg = f"expected a number, got {value!r}"
        raise CellError(msg)
    if isinstance(value, int | float):
        return float(value)
    return float(_decimal(_text(value)))


def _share(value: Any) -> float:
    if isinstance(value, str) and value.strip().endswith("%"):
        return float(_decimal(value.strip().removesuffix("%")) / 100)
    share = _float(value)
    if 1 < share <= 100:  # noqa: PLR2004 (a percentage typed without its sign)
        number = f"{share:g}".replace(".", ",")
        msg = f"a share lies between 0 and 1, got {value!r}; did you mean '{number} %'?"
        raise CellError(msg)
    return share
