"""The outer levels of a large JSON document, read piece by piece.

A national network is half a gigabyte of JSON. ``json.loads`` would hold the text, then the
tree of every record, and the records made from it, all at once. :class:`Stream` reads
the document's objects member by member and its arrays element by element, decoding each
value with the json module's own scanner, from text decoded a mebibyte at a time: what is
in memory at once is one piece of text and one element.

The structure between the values is read here, and only where it is exactly what
``json.loads`` accepts and reads alike; anything else (a syntax error, a member given twice,
which ``json.loads`` resolves by keeping the last) raises :class:`Unusual`, and the caller
reads the document whole instead.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["PIECE", "Stream", "Unusual", "pieces_of_bytes", "pieces_of_text"]

PIECE = 1 << 20
"""How much is decoded at a time: bytes of a file, characters of a text."""

_WHITESPACE = re.compile(r"[ \t\n\r]*")  # JSON's, as the json module skips it
# What follows an element of an array: whitespace, a comma or the closing bracket, and
# the whitespace before the next element.
_AFTER_ELEMENT = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")
_MAX_DIGITS = 15  # as bildungsnetz.io._strict_json reads integers
# A lone surrogate is no Unicode character. An escaped surrogate (\ud800) or the character
# itself in a text given as str sends the document to the strict whole reading, which
# tells a lone one from a pair.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAIL = 5  # characters of the previous piece that an escape may start in
_SCAN_STRING: Callable[[str, int, bool], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class Unusual(Exception):  # noqa: N818 (a signal to read the document whole, not an error)
    """The document is not one the stream reads exactly as ``json.loads`` would."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    made = dict(pairs)
    if len(made) < len(pairs):
        raise Unusual  # a key given twice: the strict reading names it
    return made


def _integer(text: str) -> int:
    if len(text) > _MAX_DIGITS and len(text.lstrip("-")) > _MAX_DIGITS:
        raise Unusual
    return int(text)


def _real(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):
        raise Unusual
    return value


def _constant(text: str) -> Any:
    raise Unusual  # NaN and Infinity are no JSON


_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder(  # type: ignore[attr-defined]
    object_pairs_hook=_pairs, parse_int=_integer, parse_float=_real, parse_constant=_constant
).scan_once


def pieces_of_bytes(data: bytes) -> Iterator[tuple[str, int]]:
    """Yield the UTF-8 text of ``data`` (a byte order mark dropped) and the bytes of each piece.

    Raises ``UnicodeDecodeError`` where the bytes are no UTF-8.
    """
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    view = memoryview(data)
    for start in range(0, len(view), PIECE):
        chunk = view[start : start + PIECE]
        yield decoder.decode(chunk), len(chunk)
    yield decoder.decode(b"", final=True), 0


def pieces_of_text(text: str) -> Iterator[tuple[str, int]]:
    """Yield ``text`` in pieces, each with its number of characters.

    Raises :class:`Unusual` at a surrogate character: text from bytes cannot hold one,
    text given as ``str`` can, and only the strict reading tells it apart.
    """
    for start in range(0, len(text), PIECE):
        piece = text[start : start + PIECE]
        if not piece.isascii() and _SURROGATE.search(piece):
            raise Unusual
        yield piece, len(piece)


class Stream:
    """A JSON document read value by value from pieces of its text.

    Parameters
    ----------
    pieces
        The text in pieces, each with the amount it stands for on a progress bar.
    advance
        Called as ``advance(label, amount=...)`` for each piece read.
    """

    def __init__(self, pieces: Iterator[tuple[str, int]], advance: Callable[..., None]) -> None:
        self._pieces: Iterator[tuple[str, int]] | None = pieces
        self._advance = advance
        self._text = ""
        self._position = 0  # everything before it is read
        self._tail = ""  # the end of the last piece, where an escape may begin
        self.label = "network"
        """What is being read, for the progress bar."""

    # Reading the pieces -------------------------------------------------------------

    def _more(self) -> bool:
        """Add at least as much text as there is unread; ``False`` at the end."""
        if self._pieces is None:
            return False
        text = self._text[self._position :]
        wanted = max(len(text), 1)
        added: list[str] = []
        size = 0
        for piece, amount in self._pieces:
            self._advance(self.label, amount=amount)
            self._watch(piece)
            added.append(piece)
            size += len(piece)
            if size >= wanted:
                break
        else:
            self._pieces = None
        self._text = text + "".join(added)
        self._position = 0
        return size > 0 or self._pieces is not None

    def _watch(self, piece: str) -> None:
        """Raise :class:`Unusual` where an escaped surrogate is: the strict reading decides."""
        text = self._tail + piece
        if "\\" in text and _SURROGATE_ESCAPE.search(text):
            raise Unusual
        self._tail = piece[-_TAIL:]

    def _skip(self) -> str:
        """Skip whitespace and return the next character, or ``""`` at the end."""
        while True:
            position = _WHITESPACE.match(self._text, self._position).end()  # type: ignore[union-attr]
            self._position = position
            if position < len(self._text):
                return self._text[position]
            if not self._more():
                return ""

    def _take(self, expected: str) -> None:
        """Read the character ``expected`` after whitespace."""
        if self._skip() != expected:
            raise Unusual
        self._position += 1

    def _complete(self, read: Callable[[str, int], tuple[Any, int]]) -> Any:
        """Return what ``read(text, position)`` reads, with text enough to be sure of it.

        A value that fails or ends where the text ends may be cut off (a number, a
        string): read it again with more text, up to the end of the document.
        """
        while True:
            text = self._text
            try:
                value, end = read(text, self._position)
            except RecursionError:
                raise Unusual from None
            except (StopIteration, ValueError):
                if not self._more():
                    raise Unusual from None
                continue
            if end < len(text) or not self._more():
                self._position = end
                return value

    # Reading the document -----------------------------------------------------------

    def next_is(self, character: str) -> bool:
        """Return whether the next value starts with ``character``."""
        return self._skip() == character

    def value(self) -> Any:
        """Decode the next value."""
        self._skip()
        return self._complete(_SCAN)

    def members(self) -> Iterator[str]:
        """Yield the keys of the next object; the caller reads each member's value."""
        self._take("{")
        if self._skip() == "}":
            self._position += 1
            return
        seen: set[str] = set()
        while True:
            self._take('"')
            key = self._complete(_key)
            if key in seen:
                raise Unusual
            seen.add(key)
            self._take(":")
            yield key
            if self._skip() == "}":
                self._position += 1
                return
            self._take(",")

    def elements(self) -> Iterator[Any]:
        """Yield the decoded elements of the next array."""
        self._take("[")
        if self._skip() == "]":
            self._position += 1
            return
        while True:
            element, last = self._complete(_element)
            yield element
            if last:
                return

    def finish(self) -> None:
        """Make sure nothing but whitespace follows the document."""
        if self._skip():
            raise Unusual


def _key(text: str, position: int) -> tuple[str, int]:
    return _SCAN_STRING(text, position, True)


def _element(text: str, position: int) -> tuple[tuple[Any, bool], int]:
    """Read an element and what follows it: ``((element, is_last), end)``."""
    element, end = _SCAN(text, position)
    after = _AFTER_ELEMENT.match(text, end)
    if after is None:
        if _WHITESPACE.match(text, end).end() < len(text):  # type: ignore[union-attr]
            raise Unusual
        # The text ends before the comma or bracket: read again with more text.
        return (element, False), len(text)
    return (element, after.group(1) == "]"), after.end()
