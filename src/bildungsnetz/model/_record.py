"""The base record and the annotated field types every model shares."""

from __future__ import annotations

import json
import re
import unicodedata
from sys import intern
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
)

from bildungsnetz._repr import changed_fields
from bildungsnetz.model._characters import (
    ID_FORBIDDEN,
    NAME_FORBIDDEN,
    TEXT_FORBIDDEN,
    id_problem,
    pattern,
    text_problem,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "MAX_COUNT",
    "MAX_PUPILS",
    "Ags",
    "Count",
    "Id",
    "IdSet",
    "Name",
    "Pupils",
    "Record",
    "SortedSet",
    "Text",
    "TextSet",
]

T = TypeVar("T")

MAX_PUPILS = 100_000
"""The most pupils a school or a transition flow may count.

Germany's largest vocational schools teach about 10,000 pupils; a count ten times that is
a typing error, and a count of hundreds of digits would overflow the arithmetic of the
analysis (``OverflowError`` in ``find_gaps``). A file's pupil count above it is refused
as the JSON Schema of the format says (``"maximum": 100000``)."""

MAX_COUNT = 10_000_000
"""The most participants or places an intervention may count: more than any Land has pupils."""

_MAX_ID_LENGTH = 128
# 1 to 128 visible ASCII characters: already NFC, nothing to strip, nothing forbidden.
_PLAIN_ID = re.compile(rf"[!-~]{{1,{_MAX_ID_LENGTH}}}")
# Bounds of the tables of shared values: they save memory, they must not hoard it.
_SHARED_LIMIT = 1 << 14
_AGS_DIGITS = 8
_AGS = re.compile(rf"\d{{{_AGS_DIGITS}}}")
_LAST_LAND = 16


class Record(BaseModel):
    """Base of every domain record: immutable, strict about unknown fields."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
    )

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The fields given, not every empty set: a repr that fits on a line.
        return changed_fields(self)

    def model_post_init(self, context: Any, /) -> None:
        """Share the set of given field names with every record given the same fields.

        pydantic makes one such set per record, the largest part of a small record; a
        national network read from a file has a million records and a few dozen
        different sets. pydantic copies the set before it changes it (``model_copy``).
        """
        given = self.__pydantic_fields_set__
        shared = _FIELD_SETS.setdefault(frozenset(given), given)
        if shared is not given:
            object.__setattr__(self, "__pydantic_fields_set__", shared)
        elif len(_FIELD_SETS) > _SHARED_LIMIT:
            _FIELD_SETS.clear()


_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _normalise(value: str) -> str:
    # NFC so that "ü" typed as u + combining diaeresis compares equal to the precomposed
    # letter; Excel and web forms produce both.
    return unicodedata.normalize("NFC", value).strip()


def _check_text(value: str) -> str:
    value = _normalise(value)
    problem = text_problem(value, lines=True)
    if problem is not None:
        raise ValueError(problem)
    return value


def _check_name(value: str) -> str:
    value = _normalise(value)
    if not value:
        msg = "must not be empty"
        raise ValueError(msg)
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _check_id(value: str) -> str:
    # Interned, so that every reference to a record shares the record's id string.
    if type(value) is str and _PLAIN_ID.fullmatch(value):
        return intern(value)
    value = _checked_id(value)
    return intern(value) if type(value) is str else value


def _checked_id(value: str) -> str:
    """Check an id in full: the reference that the fast path of ``_check_id`` must match."""
    value = _normalise(value)
    if not value:
        msg = "an id must not be empty"
        raise ValueError(msg)
    if len(value) > _MAX_ID_LENGTH:
        msg = f"an id has at most {_MAX_ID_LENGTH} characters, got {len(value)}"
        raise ValueError(msg)
    problem = id_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


def _check_ags(value: str) -> str:
    value = value.strip()
    if not _AGS.fullmatch(value):
        msg = f"an AGS (Amtlicher Gemeindeschlüssel) has exactly 8 digits, got {value!r}"
        if len(value) == _AGS_DIGITS - 1 and value.isdigit():
            # Spreadsheets drop the leading zero of Länder 01 to 09; never pad it silently.
            msg += f"; with its leading zero it is '0{value}'"
        raise ValueError(msg)
    land = int(value[:2])
    if not 1 <= land <= _LAST_LAND:
        msg = f"an AGS starts with a Land code 01 to 16, got {value[:2]!r} in {value!r}"
        raise ValueError(msg)
    return value


def _shared_set(values: frozenset[T]) -> frozenset[T]:
    """Return the one shared set equal to ``values`` and of the same item type.

    Most records hold a few small sets out of a few dozen different ones; sharing them
    saves a few hundred bytes a record. The item type is part of the key, because a set
    of topics compares equal to the set of their values as plain ids.
    """
    key = (type(next(iter(values), None)), values)
    shared = _SETS.get(key)
    if shared is None:
        shared = _SETS[key] = values
        if len(_SETS) > _SHARED_LIMIT:
            _SETS.clear()
    return shared


_SETS: dict[tuple[type, frozenset[Any]], frozenset[Any]] = {}


def _order_key(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), sort_keys=True)
    return value


def _sorted_list(values: frozenset[Any]) -> list[Any]:
    # Sets have no order; sorting makes every dump byte-for-byte reproducible whatever
    # the interpreter's hash seed.
    return sorted(values, key=_order_key)


Text = Annotated[
    str,
    AfterValidator(_check_text),
    WithJsonSchema({"type": "string", "pattern": pattern(TEXT_FORBIDDEN)}),
]
"""Free text, NFC-normalised and stripped; may be empty and hold line breaks and tabs, but
no other control character, no bidirectional override or isolate, no byte order mark."""

Name = Annotated[
    str,
    AfterValidator(_check_name),
    WithJsonSchema(
        {"type": "string", "minLength": 1, "pattern": pattern(NAME_FORBIDDEN, visible_first=True)}
    ),
]
"""A display name: NFC-normalised, stripped, one line, showing a visible character.

No control character (tab, newline, NUL, escape), line or paragraph separator,
bidirectional override or isolate, byte order mark or noncharacter."""

Id = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "maxLength": _MAX_ID_LENGTH,
            "pattern": pattern(ID_FORBIDDEN),
        }
    ),
]
"""A record id: NFC-normalised, 1 to 128 visible characters of any script.

No whitespace, control, format (bidirectional, zero-width, byte order mark, soft hyphen),
private-use or unassigned character, noncharacter or surrogate, and no combining mark
first (see ``bildungsnetz.model._characters``)."""

Ags = Annotated[
    str,
    AfterValidator(_check_ags),
    WithJsonSchema({"type": "string", "pattern": r"^(0[1-9]|1[0-6])[0-9]{6}$"}),
]
"""An 8-digit Amtlicher Gemeindeschlüssel whose Land code is 01 to 16."""

SortedSet = Annotated[
    frozenset[T], AfterValidator(_shared_set), PlainSerializer(_sorted_list, when_used="always")
]
"""An immutable set that serialises to a sorted list (JSON arrays, ``model_dump()`` lists).

Sorted lists rather than sets in ``model_dump()`` too, because a set of records would
need hashable dictionaries."""

IdSet = SortedSet[Id]
"""A set of record ids."""

TextSet = SortedSet[Name]
"""A set of non-empty free-text labels."""

Pupils = Annotated[int, Field(ge=0, le=MAX_PUPILS)]
"""A number of pupils, from 0 to :data:`MAX_PUPILS`."""

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
"""A number of participants or places, from 0 to :data:`MAX_COUNT`."""
