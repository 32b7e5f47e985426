"""The base record and the annotated field types every model shares."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, PlainSerializer, WithJsonSchema

from bildungsnetz._repr import changed_fields

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Ags",
    "Id",
    "IdSet",
    "Name",
    "Record",
    "SortedSet",
    "Text",
    "TextSet",
]

T = TypeVar("T")

_MAX_ID_LENGTH = 128
_FORBIDDEN_IN_ID = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
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


def _normalise(value: str) -> str:
    # NFC so that "ü" typed as u + combining diaeresis compares equal to the precomposed
    # letter; Excel and web forms produce both.
    return unicodedata.normalize("NFC", value).strip()


def _check_name(value: str) -> str:
    value = _normalise(value)
    if not value:
        msg = "must not be empty"
        raise ValueError(msg)
    return value


def _check_id(value: str) -> str:
    value = _normalise(value)
    if not value:
        msg = "an id must not be empty"
        raise ValueError(msg)
    if len(value) > _MAX_ID_LENGTH:
        msg = f"an id has at most {_MAX_ID_LENGTH} characters, got {len(value)}"
        raise ValueError(msg)
    if _FORBIDDEN_IN_ID.search(value):
        msg = f"an id must not contain whitespace or control characters: {value!r}"
        raise ValueError(msg)
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


def _order_key(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return json.dumps(value.model_dump(mode="json"), sort_keys=True)
    return value


def _sorted_list(values: frozenset[Any]) -> list[Any]:
    # Sets have no order; sorting makes every dump byte-for-byte reproducible whatever
    # the interpreter's hash seed.
    return sorted(values, key=_order_key)


Text = Annotated[str, AfterValidator(_normalise)]
"""Free text, NFC-normalised and stripped; may be empty."""

Name = Annotated[
    str, AfterValidator(_check_name), WithJsonSchema({"type": "string", "minLength": 1})
]
"""A display name: NFC-normalised, stripped, not empty."""

Id = Annotated[
    str,
    AfterValidator(_check_id),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 128, "pattern": r"^\S+$"}),
]
"""A record id: NFC-normalised, 1 to 128 characters, no whitespace or control characters."""

Ags = Annotated[
    str,
    AfterValidator(_check_ags),
    WithJsonSchema({"type": "string", "pattern": r"^(0[1-9]|1[0-6])[0-9]{6}$"}),
]
"""An 8-digit Amtlicher Gemeindeschlüssel whose Land code is 01 to 16."""

SortedSet = Annotated[frozenset[T], PlainSerializer(_sorted_list, when_used="always")]
"""An immutable set that serialises to a sorted list (JSON arrays, ``model_dump()`` lists).

Sorted lists rather than sets in ``model_dump()`` too, because a set of records would
need hashable dictionaries."""

IdSet = SortedSet[Id]
"""A set of record ids."""

TextSet = SortedSet[Name]
"""A set of non-empty free-text labels."""
