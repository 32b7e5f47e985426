"""The JSON types the schema allows, checked in a record before pydantic converts it.

pydantic reads a record laxly: ``"30"`` and ``true`` become the integers 30 and 1, ``"yes"``
and ``1`` become ``True``, the number 0 becomes the day 1970-01-01. That is convenient for
records built in Python, but a file is read as the JSON Schema of the format
(:func:`bildungsnetz.io.json_schema`) says, and the schema allows none of it. The tables
here are built from that schema, so that the loader refuses exactly the types it refuses:
an integer field takes a JSON integer (or a number with nothing after the point, which is
an integer to JSON Schema), a number field any JSON number, a boolean field ``true`` or
``false``, a day an ISO date such as ``"2024-08-01"`` (``"format": "date"``; German
dates are for spreadsheets and Python), and a set no value twice (``uniqueItems``). A
wrong type that pydantic refuses by itself (a number for a text, text for a set, an
object for a number) is left to pydantic.

Examples
--------
>>> from bildungsnetz.io import json_schema
>>> types = Types(json_schema())
>>> types.problems("TransitionFlow", {"year": "2024", "pupils": True, "source": "a"})
[('year', 'expected an integer, got the string "2024"'), ('pupils', 'expected an integer, got the boolean true')]
"""  # noqa: E501 (a doctest output line cannot be wrapped)

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Any

from bildungsnetz.io._strict_json import JsonObject

__all__ = ["Types"]

_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "date": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "array": (list,),
    "object": (dict, JsonObject),  # the strict reader's objects remember repeated keys
}
_JSON_NAMES = {
    str: "the string",
    int: "the integer",
    float: "the number",
    bool: "the boolean",
    type(None): "",
    list: "an array",
    dict: "an object",
    JsonObject: "an object",
}
_WANTED = {
    "string": "text",
    "date": 'a date as text ("2024-08-01")',
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
    "array": "an array",
    "object": "an object",
}
_Fields = tuple[tuple[str, "_Field"], ...]
"""The fields of an object to look at, in the schema's order, with what each may hold."""
_ABSENT = object()
_SHOWN = 40  # characters of a refused value shown in its message
# RFC 3339 full-date, what "format": "date" means; whether the day exists, pydantic says.
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True, slots=True)
class _Field:
    """What one property of an object may hold."""

    types: frozenset[type]
    wanted: str
    integer: bool  # a float with nothing after the point counts as an integer
    object: str | None  # the definition of an object it may hold
    members: _Fields | None  # the fields of that object to look at
    items: _Field | None  # what each element of an array may hold, if to look at
    unique: bool  # the array is a set: no element twice
    day: bool  # a string of format "date": an ISO day, YYYY-MM-DD
    settled: frozenset[type] = frozenset()  # types of values right as they are, no further look
    flat_set: bool = False  # a set whose items pydantic checks: only repeats to look for


class Types:
    """The JSON types of every object definition of a schema, to check records against.

    Parameters
    ----------
    schema
        The JSON Schema of the format, as :func:`bildungsnetz.io.json_schema` returns it.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        definitions = schema["$defs"]
        fields: dict[str, dict[str, _Field]] = {
            name: {key: _field(spec, definitions) for key, spec in definition["properties"].items()}
            for name, definition in definitions.items()
            if "properties" in definition
        }
        self._fields = {name: _to_look_at(name, fields) for name in fields}

    def problems(self, definition: str, record: dict[str, Any]) -> list[tuple[str, str]]:
        """Return ``(path, message)`` for every value of a wrong JSON type in ``record``.

        Parameters
        ----------
        definition
            The name of the record's definition in the schema (``"Actor"``,
            ``"Cooperation"``, ``"EducationNetwork"`` for the network's own fields, ...).
        record
            The record as the JSON decoder gave it.

        Returns
        -------
        problems
            Paths relative to the record (``school.pupils``, ``topics``), in the schema's
            order of the fields; empty for a record of the right types.

        Notes
        -----
        Only the fields pydantic would convert are looked at (numbers, booleans, days,
        sets and the objects holding them); a record costs a few dictionary look-ups, so
        that reading a national network stays fast.
        """
        found: list[tuple[str, str]] = []
        _check(record, self._fields[definition], "", found)
        return found


def _check(record: dict[str, Any], fields: _Fields, prefix: str, found: list[Any]) -> None:
    get = record.get
    iso = _ISO_DAY.fullmatch
    for key, field in fields:
        value = get(key, _ABSENT)
        kind = type(value)
        # The usual values, right as they are, are passed over here without a call.
        if (
            value is _ABSENT
            or kind in field.settled
            or (kind is str and field.day and iso(value))
            or (kind is list and field.flat_set and _distinct(value))
        ):
            continue
        _check_value(value, field, f"{prefix}{key}", found)


def _check_value(value: Any, field: _Field, path: str, found: list[Any]) -> None:
    kind = type(value)
    integral = field.integer and kind is float and value.is_integer()
    if (kind not in field.types and not integral) or (
        field.day and kind is str and not _ISO_DAY.fullmatch(value)
    ):
        found.append((path, f"expected {field.wanted}, got {_shown(value)}"))
    elif isinstance(value, dict) and field.members is not None:
        _check(value, field.members, f"{path}.", found)
    elif kind is list:
        items = field.items
        if items is not None:
            for position, item in enumerate(value):
                _check_value(item, items, f"{path}[{position}]", found)
        if field.unique and not _distinct(value):
            found.append((path, "a set lists each value once; a value is given twice"))


def _distinct(values: list[Any]) -> bool:
    try:
        return len(set(values)) == len(values)
    except TypeError:  # objects: compared by their JSON text, as the schema compares them
        texts = {json.dumps(value, sort_keys=True) for value in values}
        return len(texts) == len(values)


def _shown(value: Any) -> str:
    name = _JSON_NAMES.get(type(value), type(value).__name__)
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > _SHOWN:
        text = f"{text[:_SHOWN]}…"
    return f"{name} {text}".strip()


def _to_look_at(name: str, fields: dict[str, dict[str, _Field]]) -> _Fields:
    return tuple(
        (key, _linked(field, fields))
        for key, field in fields[name].items()
        if _converted(field, fields)
    )


def _linked(field: _Field, fields: dict[str, dict[str, _Field]]) -> _Field:
    """Fill in the fields of the object the field may hold, and of its items."""
    members = _to_look_at(field.object, fields) if field.object else None
    items = None if field.items is None else _linked(field.items, fields)
    if items is not None and not _converted(items, fields):
        items = None  # pydantic refuses a wrong item by itself
    further = field.day or members is not None or items is not None or field.unique
    settled = field.types & {type(None)} if further else field.types
    flat_set = field.unique and items is None
    return replace(field, members=members, items=items, settled=settled, flat_set=flat_set)


def _converted(field: _Field, fields: dict[str, dict[str, _Field]]) -> bool:
    """Whether pydantic would convert a value of a wrong type: whether to look at it."""
    if field.types & {int, float, bool} or field.day or field.unique:
        return True
    if field.object is not None:
        return any(_converted(member, fields) for member in fields[field.object].values())
    return field.items is not None and _converted(field.items, fields)


def _field(spec: dict[str, Any], definitions: dict[str, Any]) -> _Field:
    names: list[str] = []
    members: str | None = None
    items: _Field | None = None
    unique = day = False
    for option in spec.get("anyOf", [spec]):
        if "$ref" in option:
            members = option["$ref"].rsplit("/", 1)[1]
            option = definitions[members]  # noqa: PLW2901 (the definition it refers to)
            if "properties" not in option:
                members = None  # an enumeration: a string
        kind = option.get("type")
        if option.get("format") == "date":
            kind, day = "date", True  # a string, named as what it holds
        names.extend([kind] if isinstance(kind, str) else kind or [])
        if "items" in option:
            items = _field(option["items"], definitions)
        elif "prefixItems" in option:
            items = _field({"anyOf": option["prefixItems"]}, definitions)
        unique = unique or bool(option.get("uniqueItems"))
    types = frozenset(kind for name in names for kind in _PYTHON_TYPES[name])
    wanted = " or ".join(_WANTED[name] for name in dict.fromkeys(names) if name != "null")
    if "null" in names:
        wanted += " or null"
    return _Field(types, wanted, "integer" in names, members, None, items, unique, day)
