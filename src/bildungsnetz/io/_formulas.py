"""Text a spreadsheet program would take for a formula (CSV or formula injection).

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is a formula to Excel and LibreOffice
when they open a CSV file or when a person edits the cell; ``=HYPERLINK(...)`` in a name
becomes a link that sends data away, ``=cmd|...`` once ran programs (DDE). A tab or a
carriage return in front hides such a start, and Excel also reads the fullwidth and small
forms of these signs that East Asian input methods type (``＝`` U+FF1D, ``﹦`` U+FE66, ...),
which compatibility normalisation (NFKC) maps to the ASCII ones. Blanks in front are passed
over, because some programs trim them.

Examples
--------
>>> [formula_like(text) for text in ["=1+1", "＝HYPERLINK(1)", "  -2", "GS Am Markt", "a=b"]]
[True, True, True, False, False]
"""

from __future__ import annotations

import unicodedata

__all__ = ["formula_like"]

# OWASP's list (= + - @ tab CR) and the minus sign, which some locales type for "-".
_STARTS = frozenset("=+-@\t\r\u2212")
_BLANKS = frozenset(" \u00a0\u2007\u202f\u3000")


def formula_like(text: str) -> bool:
    """Return whether a spreadsheet program could read ``text`` as a formula."""
    for character in text:
        if character in _BLANKS:
            continue
        return character in _STARTS or unicodedata.normalize("NFKC", character)[:1] in _STARTS
    return False
