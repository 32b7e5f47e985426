"""Cells that show an error (``#DIV/0!``, ``#N/A``, ``Err:502``) instead of a value.

python-calamine reads such a cell as an empty one, in ``.xlsx`` (``t="e"``) and ``.ods``
(``calcext:value-type="error"``) alike, so a count that shows ``#DIV/0!`` would be read
as no count. :mod:`bildungsnetz.io._workbook_zip` finds them while it inflates the sheets;
:func:`marked` puts a :class:`ShownError` into each one's place in the grid, and
:func:`bildungsnetz.io.cells.read_cell` refuses it, so that a cell the layout reads is
named with the error it shows, and one it does not read (a note, a sheet of the office's
own) is left alone.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["ERROR_TEXT", "ErrorCells", "ShownError", "marked", "sheet_members", "shown_text"]

ERROR_TEXT = re.compile(
    r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!|FIELD!"
    r"|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|EXTERNAL!|PYTHON!)|Err:\d{3}"
)
"""What Excel and LibreOffice show in a cell whose formula failed."""

_LONGEST_CODE = 40  # a localised error text is short; more of a hostile one is not shown
_MARKUP = re.compile(r"<[^>]*>")
_SHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\s([^>]*)>")
_ATTRIBUTE = re.compile(rb"""(?:^|\s)([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True, slots=True)
class ShownError:
    """A cell that shows an error instead of a value; ``code`` is what it shows."""

    code: str

    def __repr__(self) -> str:
        return repr(self.code)

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class ErrorCells:
    """A block of cells (one, or a repeated run of an ``.ods``) showing the same error.

    ``row`` and ``column`` count from 1, as a spreadsheet does.
    """

    sheet: str
    row: int
    column: int
    code: str
    rows: int = 1
    columns: int = 1


def shown_text(markup: bytes) -> str:
    """Return the text of a cell's XML (tags dropped, entities read), shortened."""
    text = html.unescape(_MARKUP.sub("", markup.decode("utf-8", "replace"))).strip()
    return text if len(text) <= _LONGEST_CODE else text[:_LONGEST_CODE] + "…"


def sheet_members(workbook: bytes, relationships: bytes) -> dict[str, str]:
    """Return each worksheet's zip member -> its name, from an ``.xlsx``'s workbook parts."""
    targets = {}
    for match in _RELATIONSHIP.finditer(relationships):
        attributes = _attributes(match[1])
        if "Id" in attributes and "Target" in attributes:
            target = attributes["Target"]
            member = target[1:] if target.startswith("/") else "xl/" + target
            targets[attributes["Id"]] = posixpath.normpath(member)
    members = {}
    for match in _SHEET.finditer(workbook):
        attributes = _attributes(match[1])
        reference = next((v for k, v in attributes.items() if k.endswith(":id")), None)
        if "name" in attributes and reference in targets:
            members[targets[reference]] = attributes["name"]
    return members


def _attributes(text: bytes) -> dict[str, str]:
    return {
        match[1].decode("ascii", "replace"): html.unescape(
            (match[2] if match[2] is not None else match[3]).decode("utf-8", "replace")
        )
        for match in _ATTRIBUTE.finditer(text)
    }


def marked(name: str, rows: list[list[Any]], errors: list[ErrorCells]) -> list[list[Any]]:
    """Return ``rows``, a :class:`ShownError` in place of each error cell of sheet ``name``."""
    for block in errors:
        if block.sheet != name:
            continue
        shown = ShownError(block.code)
        for row in range(block.row - 1, block.row - 1 + block.rows):
            while len(rows) <= row:
                rows.append([])
            cells = rows[row]
            last = block.column - 1 + block.columns
            if len(cells) < last:
                cells.extend([None] * (last - len(cells)))
            cells[block.column - 1 : last] = [shown] * block.columns
    return rows
