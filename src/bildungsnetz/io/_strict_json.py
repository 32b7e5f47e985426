"""Strict JSON: RFC 8259 text in UTF-8, read without surprises, every fault with its place.

:func:`parse` reads what :func:`json.loads` reads, minus what a person editing a file
never means and what would fail later, far from the file: duplicate keys (JSON keeps the
last one silently), ``NaN`` and ``Infinity`` (not JSON), integers with more digits than
any count needs (Python refuses more than 4300 digits with a bare ``ValueError``), numbers
too large for a float, strings with lone surrogates (not Unicode), nesting deeper than a
document needs (Python fails with ``RecursionError``) and text that is not UTF-8. Each
fault is a :class:`~bildungsnetz.errors.LoadProblem` with the file and the line or path,
all of them in one :class:`~bildungsnetz.errors.LoadError`.

Examples
--------
>>> parse('{"a": [1, 2.5, "x"]}', source="x.json")
{'a': [1, 2.5, 'x']}
>>> parse('{"a": 1, "a": 2}', source="x.json")
Traceback (most recent call last):
...
bildungsnetz.errors.LoadError: 1 problem while loading:
  x.json, a: duplicate key 'a' in one object; JSON would keep only the last
"""

from __future__ import annotations

import codecs
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from bildungsnetz.errors import LoadError, LoadProblem

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "JsonObject", "decode", "faults", "parse", "read"]

MAX_DEPTH = 64
"""The deepest nesting of arrays and objects accepted; a document of bildungsnetz needs 6."""
MAX_DIGITS = 15
"""The most digits an integer may have: what Excel and JavaScript keep exactly."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_LAST_WINS = "JSON would keep only the last"
_SHOWN = 20  # characters of a refused number shown in its message
_OTHER_ENCODINGS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


@dataclass(frozen=True, slots=True)
class _Bad:
    """A value the decoder met that is refused, kept in place so its path can be named."""

    message: str


class JsonObject(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    duplicates: tuple[str, ...] = ()

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> JsonObject:
        made = cls(pairs)
        if len(made) < len(pairs):
            keys = [key for key, _ in pairs]
            made.duplicates = tuple(sorted({key for key in keys if keys.count(key) > 1}))
        return made


def parse(text: str | bytes, *, source: str | None = None) -> Any:
    """Return the value of a JSON document, or raise one ``LoadError`` listing every fault.

    Parameters
    ----------
    text
        The document; bytes must be UTF-8, with or without byte order mark.
    source
        The file name the problems name.

    Returns
    -------
    value
        ``dict`` (in the document's order), ``list``, ``str``, ``int``, ``float``,
        ``bool`` and ``None``.

    Raises
    ------
    LoadError
        For text that is no UTF-8 or no JSON (with line and column), and for every
        duplicate key, ``NaN``/``Infinity``, oversized number, lone surrogate and too deep
        nesting (with its path).
    """
    value = read(decode(text, source=source), source=source)
    problems = [LoadProblem(message, file=source, path=path) for path, message in faults(value)]
    if problems:
        raise LoadError(problems)
    return value


def decode(text: str | bytes, *, source: str | None = None) -> str:
    """Return the text of a document: UTF-8 bytes decoded, a byte order mark dropped.

    A byte order mark of UTF-16 or UTF-32, or bytes laid out as UTF-16 or UTF-32 text
    without one, are refused by name: the format is UTF-8. Bytes that are no UTF-8 are
    refused with their offset and line.
    """
    if isinstance(text, str):
        return text.removeprefix("\ufeff")
    for mark, name in _OTHER_ENCODINGS.items():
        if text.startswith(mark):
            message = f"{name} text; save the file as UTF-8"
            raise LoadError([LoadProblem(message, file=source, row=1)])
    encoding = json.detect_encoding(text)
    if not encoding.startswith("utf-8"):
        message = f"{encoding.upper()} text; save the file as UTF-8"
        raise LoadError([LoadProblem(message, file=source, row=1)])
    try:
        return text.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = text[: error.start].count(b"\n") + 1
        message = (
            f"not UTF-8 text: byte {text[error.start : error.start + 1]!r} at offset "
            f"{error.start} ({error.reason}); save the file as UTF-8"
        )
        raise LoadError([LoadProblem(message, file=source, row=line)]) from None


def read(text: str, *, source: str | None = None) -> Any:
    """Return the value of a decoded document, refused values kept in place for :func:`faults`.

    Raises
    ------
    LoadError
        For text that is no JSON (with line and column) or nested too deep for the decoder.
    """
    try:
        return json.loads(
            text,
            object_pairs_hook=JsonObject.of,
            parse_int=_integer,
            parse_float=_real,
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        raise LoadError([LoadProblem(message, file=source, row=error.lineno)]) from None
    except RecursionError:
        line = _line_too_deep(text)
        message = f"arrays and objects nested more than {MAX_DEPTH} deep (from line {line})"
        raise LoadError([LoadProblem(message, file=source, row=line)]) from None


def _integer(text: str) -> int | _Bad:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        return _Bad(f"an integer of {digits} digits; at most {MAX_DIGITS} are read")
    return int(text)


def _real(text: str) -> float | _Bad:
    value = float(text)
    if math.isinf(value):
        shown = text if len(text) <= _SHOWN else f"{text[:_SHOWN]}…"
        return _Bad(f"the number {shown} is too large")
    return value


def _constant(text: str) -> _Bad:
    return _Bad(f"{text} is not a JSON number")


def faults(value: Any) -> list[tuple[str, str]]:
    """Return ``(path, message)`` for each fault in a value :func:`read` gave, in order.

    The value is walked without recursion; a path reads ``network.actors[0].name``.
    """
    faults = []
    stack: list[tuple[Any, str, int]] = [(value, "$", 0)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, _Bad):
            faults.append((path, item.message))
        elif isinstance(item, str):
            if _SURROGATE.search(item):
                faults.append((path, "text with a lone surrogate, which is no Unicode character"))
        elif isinstance(item, dict | list) and depth >= MAX_DEPTH:
            faults.append((path, f"arrays and objects nested more than {MAX_DEPTH} deep"))
        elif isinstance(item, dict):
            faults.extend(
                (_member(path, key), f"duplicate key {key!r} in one object; {_LAST_WINS}")
                for key in getattr(item, "duplicates", ())
            )
            for key, member in reversed(item.items()):
                if _SURROGATE.search(key):
                    faults.append((_member(path, key), "a key with a lone surrogate"))
                stack.append((member, _member(path, key), depth + 1))
        elif isinstance(item, list):
            positions = reversed(range(len(item)))
            stack.extend((item[index], f"{path}[{index}]", depth + 1) for index in positions)
    return faults


def _member(path: str, key: str) -> str:
    return key if path == "$" else f"{path}.{key}"


def _line_too_deep(text: str) -> int:
    """Return the line where nesting first passes ``MAX_DEPTH``, strings skipped."""
    depth, line, in_string, escaped = 0, 1, False, False
    for character in text:
        if in_string:
            in_string = escaped or character != '"'
            escaped = not escaped and character == "\\"
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif character in "]}":
            depth -= 1
        line += character == "\n"
    return line
