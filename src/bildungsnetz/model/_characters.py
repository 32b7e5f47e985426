"""Which characters ids, names and texts may hold, and how a refusal names the culprit.

An id is compared by machines and read by people, so every character in it must be one a
person sees: letters, marks, digits, punctuation and symbols of any script. Refused are the
characters that are invisible or change how the text around them is shown: controls,
spaces, format characters (bidirectional overrides and isolates, zero-width spaces and
joiners, the byte order mark, the soft hyphen), other default-ignorable characters
(variation selectors, fillers), private-use characters, surrogates, noncharacters and
code points Unicode has not assigned; and a combining mark as the first character, where
it has nothing to combine with.

A name is one line of text in any script: it refuses controls (tabs, newlines, NUL, the
escape that starts an ANSI terminal sequence), line and paragraph separators, the
bidirectional embeddings, overrides and isolates, the byte order mark, surrogates and
noncharacters; it must show at least one visible character. Zero-width joiners and
non-joiners, the direction marks and the soft hyphen stay allowed inside a name, because
Persian, Arabic and Indic writing and German hyphenation use them. A multi-line text
(a description) refuses the same as a name but keeps tabs and line breaks, and may show
nothing.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

__all__ = [
    "ID_FORBIDDEN",
    "NAME_FORBIDDEN",
    "TEXT_FORBIDDEN",
    "describe",
    "id_problem",
    "pattern",
    "text_problem",
]

# Closed ranges of code points. Fixed here rather than derived from ``unicodedata``, so that
# the JSON Schema built from them is the same on every Python version (each ships its own
# Unicode version); the checks below add what the running Python knows beyond them.
ID_FORBIDDEN: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0020),  # C0 controls and the space
    (0x007F, 0x00A0),  # DELETE, C1 controls, NO-BREAK SPACE
    (0x00AD, 0x00AD),  # SOFT HYPHEN
    (0x034F, 0x034F),  # COMBINING GRAPHEME JOINER
    (0x0600, 0x0605),  # Arabic number signs (format characters)
    (0x061C, 0x061C),  # ARABIC LETTER MARK
    (0x06DD, 0x06DD),  # ARABIC END OF AYAH
    (0x070F, 0x070F),  # SYRIAC ABBREVIATION MARK
    (0x0890, 0x0891),  # Arabic pound and piastre marks above
    (0x08E2, 0x08E2),  # ARABIC DISPUTED END OF AYAH
    (0x115F, 0x1160),  # Hangul fillers
    (0x1680, 0x1680),  # OGHAM SPACE MARK
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x2000, 0x200F),  # spaces, zero-width space, joiners, direction marks
    (0x2028, 0x202F),  # line and paragraph separators, embeddings and overrides
    (0x205F, 0x206F),  # word joiner, invisible operators, isolates, deprecated formats
    (0x3000, 0x3000),  # IDEOGRAPHIC SPACE
    (0x3164, 0x3164),  # HANGUL FILLER
    (0xE000, 0xF8FF),  # private use
    (0xFDD0, 0xFDEF),  # noncharacters
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # ZERO WIDTH NO-BREAK SPACE, the byte order mark
    (0xFFA0, 0xFFA0),  # HALFWIDTH HANGUL FILLER
    (0xFFF0, 0xFFFB),  # interlinear annotation
    (0xFFFE, 0xFFFF),  # noncharacters
    (0x110BD, 0x110BD),  # KAITHI NUMBER SIGN
    (0x110CD, 0x110CD),  # KAITHI NUMBER SIGN ABOVE
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    *((plane << 16 | 0xFFFE, plane << 16 | 0xFFFF) for plane in range(1, 14)),
    (0xE0000, 0xE0FFF),  # tags and variation selectors
    (0xEFFFE, 0x10FFFF),  # noncharacters and the private-use planes 15 and 16
)
"""Code points an id must not hold (closed ranges); see the module's docstring."""

_NONCHARACTERS: tuple[tuple[int, int], ...] = (
    (0xFDD0, 0xFDEF),
    *((plane << 16 | 0xFFFE, plane << 16 | 0xFFFF) for plane in range(17)),
)

NAME_FORBIDDEN: tuple[tuple[int, int], ...] = tuple(
    sorted(
        {
            (0x0000, 0x001F),  # C0 controls: NUL, tab, newline, the escape of ANSI sequences
            (0x007F, 0x009F),  # DELETE and C1 controls
            (0x2028, 0x2029),  # line and paragraph separators
            (0x202A, 0x202E),  # bidirectional embeddings and overrides
            (0x2066, 0x2069),  # bidirectional isolates
            (0xFEFF, 0xFEFF),  # the byte order mark
            (0xFFF9, 0xFFFB),  # interlinear annotation
            *_NONCHARACTERS,
        }
    )
)
"""Code points a name must not hold (closed ranges)."""

TEXT_FORBIDDEN: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008),  # C0 controls but tab, line feed and carriage return
    (0x000B, 0x000C),
    (0x000E, 0x001F),
    *NAME_FORBIDDEN[1:],
)
"""Code points a multi-line text must not hold (closed ranges)."""

_CATEGORIES_FORBIDDEN_IN_IDS = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp", "Zs"})
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x09: "CHARACTER TABULATION",
    0x0A: "LINE FEED",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
    0x85: "NEXT LINE",
    0x9B: "CONTROL SEQUENCE INTRODUCER",
}
# A refusal lists this many characters, then how many more there are: a megabyte of NUL
# must not make a megabyte of message.
_MOST_LISTED = 3
# Lone surrogates cannot be written as UTF-8: a name holding one could never be saved.
_SURROGATES = (0xD800, 0xDFFF)
_LAST_OF_BMP = 0xFFFF
_MOST_QUOTED = 60
_PLAIN_NAME = re.compile(r"[ -~\u00a1-\u00ac\u00ae-\u02ff]+")


def _starts(table: tuple[tuple[int, int], ...]) -> list[int]:
    return [start for start, _ in table]


_ID_STARTS = _starts(ID_FORBIDDEN)
_NAME_STARTS = _starts(NAME_FORBIDDEN)
_TEXT_STARTS = _starts(TEXT_FORBIDDEN)


def _in(code: int, table: tuple[tuple[int, int], ...], starts: list[int]) -> bool:
    index = bisect_right(starts, code) - 1
    return index >= 0 and code <= table[index][1]


def describe(character: str) -> str:
    r"""Return a character as ``U+202E RIGHT-TO-LEFT OVERRIDE``, also for the unnamed ones.

    Examples
    --------
    >>> describe("\u202e"), describe("\x1b"), describe("\ue000")
    ('U+202E RIGHT-TO-LEFT OVERRIDE', 'U+001B ESCAPE', 'U+E000 private-use character')
    """
    code = ord(character)
    name = unicodedata.name(character, "") or _CONTROL_NAMES.get(code) or _kind(code)
    return f"U+{code:04X} {name}"


def _kind(code: int) -> str:
    if _in(code, _NONCHARACTERS, _starts(_NONCHARACTERS)):
        return "noncharacter"
    return {
        "Cc": "control character",
        "Co": "private-use character",
        "Cs": "surrogate",
    }.get(unicodedata.category(chr(code)), "unassigned code point")


def _forbidden_in_id(character: str) -> bool:
    code = ord(character)
    return _in(code, ID_FORBIDDEN, _ID_STARTS) or (
        unicodedata.category(character) in _CATEGORIES_FORBIDDEN_IN_IDS
    )


def _forbidden_in_name(character: str, *, lines: bool) -> bool:
    code = ord(character)
    if lines:
        return _in(code, TEXT_FORBIDDEN, _TEXT_STARTS) or _SURROGATES[0] <= code <= _SURROGATES[1]
    return _in(code, NAME_FORBIDDEN, _NAME_STARTS) or _SURROGATES[0] <= code <= _SURROGATES[1]


def _listed(value: str, places: list[int]) -> str:
    shown = [f"{describe(value[place])} at position {place + 1}" for place in places]
    if len(shown) > _MOST_LISTED:
        shown[_MOST_LISTED:] = [f"and {len(shown) - _MOST_LISTED} more"]
    return ", ".join(shown)


def _quoted(value: str) -> str:
    # repr() escapes every character that is not printable, so the message shows the
    # culprit as \u202e instead of letting it reorder the terminal line.
    if len(value) > _MOST_QUOTED:
        return repr(value[:_MOST_QUOTED]) + f" (…, {len(value)} characters)"
    return repr(value)


def id_problem(value: str) -> str | None:
    r"""Return why ``value`` (NFC, stripped) cannot be an id's characters, or ``None``.

    Positions count characters from 1.

    Examples
    --------
    >>> id_problem("gs-am-hügel") is None
    True
    >>> print(id_problem("gs\u202eab"))
    an id holds only visible characters; 'gs\u202eab' has U+202E RIGHT-TO-LEFT OVERRIDE at ...
    """
    places = [place for place, character in enumerate(value) if _forbidden_in_id(character)]
    if places:
        return f"an id holds only visible characters; {_quoted(value)} has {_listed(value, places)}"
    if value and unicodedata.category(value[0]).startswith("M"):
        return (
            f"an id must not start with a combining mark; {_quoted(value)} starts with "
            f"{describe(value[0])}"
        )
    return None


def text_problem(value: str, *, lines: bool = False) -> str | None:
    r"""Return why ``value`` (NFC, stripped) cannot be a name or text, or ``None``.

    Parameters
    ----------
    value
        The text.
    lines
        Whether it may hold tabs and line breaks (a description), or is one line (a name).

    Examples
    --------
    >>> text_problem("Ayşe-Gül Öztürk-Verein") is None
    True
    >>> print(text_problem("Schule\x1b[31m"))
    a name must not hold U+001B ESCAPE at position 7 (controls, ...); 'Schule\x1b[31m'
    """
    if _PLAIN_NAME.fullmatch(value):
        return None  # the usual case: printable Latin text
    places = [
        place for place, character in enumerate(value) if _forbidden_in_name(character, lines=lines)
    ]
    what = "a text" if lines else "a name"
    if places:
        return (
            f"{what} must not hold {_listed(value, places)} (controls, "
            f"{'' if lines else 'line breaks, '}bidirectional overrides); {_quoted(value)}"
        )
    # A description may be blank; a name must show something.
    if not lines and value and not any(map(_visible, value)):
        return f"{what} must show at least one visible character; {_quoted(value)}"
    return None


def _visible(character: str) -> bool:
    category = unicodedata.category(character)
    if category in {"Cn", "Co"}:
        # A letter of a newer Unicode than this Python's, or a glyph of a private font.
        return True
    return category[0] in "LNPS" and not _in(ord(character), ID_FORBIDDEN, _ID_STARTS)


def pattern(table: tuple[tuple[int, int], ...], *, visible_first: bool = False) -> str:
    r"""Return a regular expression, for JSON Schema, of text that avoids the code points.

    Whitespace around the text is allowed, because the model strips it (``str.strip``)
    before it checks what is left. With ``visible_first``, the text must hold something
    besides whitespace; otherwise it must be non-empty only if the table forbids the space.

    Code points beyond the Basic Multilingual Plane are written as themselves, because
    ``\u`` escapes of surrogate pairs mean two characters to Python's ``re``.

    Examples
    --------
    >>> pattern(((0x00, 0x20),)).startswith(r"^[\u0009-\u000d")
    True
    """
    space = _class(_STRIPPED)
    forbidden = _class(table)
    if visible_first:
        return f"^[{space}]*[^{forbidden}{space}][^{forbidden}]*[{space}]*$"
    repeat = "+" if _in(0x20, table, _starts(table)) else "*"
    return f"^[{space}]*[^{forbidden}]{repeat}[{space}]*$"


# What str.strip() removes: the characters for which str.isspace() is true.
_STRIPPED: tuple[tuple[int, int], ...] = (
    (0x0009, 0x000D),
    (0x001C, 0x0020),
    (0x0085, 0x0085),
    (0x00A0, 0x00A0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)


def _class(table: tuple[tuple[int, int], ...]) -> str:
    parts = []
    for start, end in table:
        first, last = _escaped(start), _escaped(end)
        parts.append(first if start == end else f"{first}-{last}")
    return "".join(parts)


def _escaped(code: int) -> str:
    return f"\\u{code:04x}" if code <= _LAST_OF_BMP else chr(code)
