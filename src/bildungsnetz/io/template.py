"""The data-entry template: an empty workbook an office fills in without reading anything else.

:func:`write_template` writes an ``.xlsx`` workbook generated entirely from
:data:`~bildungsnetz.io.layout.SHEETS`, so it cannot drift from what
:func:`~bildungsnetz.io.read_workbook` reads: an instructions sheet first, then one sheet per
record type with a bold, frozen header row, a comment on every header explaining its column,
yellow headers for required columns, dropdowns for every enumeration, every ``ja``/``nein``
column and every reference to another sheet's ids, cells formatted so that school numbers keep
their leading zeros, and grey example rows that together form a small valid network.

The example rows are real rows: a template left as it is loads into the network
"Landkreis Beispiel" of three actors; deleted, it loads into an empty network named after the
file. Enumeration lists live on a hidden sheet (``Listen``), because a list typed into a
dropdown is capped at 255 characters; readers skip it and the instructions sheet.

Examples
--------
>>> import tempfile, pathlib
>>> from bildungsnetz.io import read_workbook, write_template
>>> with tempfile.TemporaryDirectory() as folder:
...     target = pathlib.Path(folder) / "vorlage.xlsx"
...     write_template(target)
...     network = read_workbook(target)
>>> network.name, [actor.id for actor in network.actors]
('Landkreis Beispiel', ['gs-beispiel', 'ssa-beispiel', 'kita-beispiel'])
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from bildungsnetz._optional import require
from bildungsnetz.io._formulas import formula_like
from bildungsnetz.io.cells import read_cell, write_cell
from bildungsnetz.io.layout import SHEETS, Column, Sheet
from bildungsnetz.io.tables import column_letter
from bildungsnetz.io.workbook import escape_text, save_atomic, text_cell, typed_cell

if TYPE_CHECKING:
    import os

    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

    from bildungsnetz.io.cells import CellValue
    from bildungsnetz.model.enums import LabelledEnum

__all__ = ["ROWS", "write_template"]

Language = Literal["de", "en"]

ROWS = 5000
"""The last row that gets dropdowns; a district's largest sheet holds a few thousand rows."""

_INSTRUCTIONS: dict[Language, str] = {"de": "Anleitung", "en": "instructions"}
_LISTS: dict[Language, str] = {"de": "Listen", "en": "lists"}
_YES_NO: dict[Language, str] = {"de": '"ja,nein"', "en": '"yes,no"'}
# Kept as text, so that Excel neither drops the zeros of 01234 nor reads 1-2 as a date.
_AS_TEXT = frozenset({"id", "ref", "refs", "ags", "agss", "name", "text", "texts", "rule", "zone"})
_FORMATS = {
    "date": "DD.MM.YYYY",
    "last_day": "DD.MM.YYYY",
    "local_time": "DD.MM.YYYY HH:MM",
    "share": "0 %",
}
_REQUIRED_FILL = "FFE699"  # yellow: the instructions name the colour
_HEADER_FILL = "DDEBF7"
_EXAMPLE_COLOUR = "7F7F7F"
_WIDTH = (12, 45)  # the narrowest and widest column, in characters
_GUIDE_WIDTH = 85
_GUIDE_LINE = 100  # characters of Calibri 11 on a line of the guide, a little fewer than fit


def write_template(
    path: str | os.PathLike[str], *, lang: Language = "de", overwrite: bool = False
) -> None:
    """Write an empty workbook to fill in: instructions, dropdowns, comments, example rows.

    Parameters
    ----------
    path
        Where to write it; it must end in ``.xlsx``. The file is written atomically.
    lang
        ``"de"`` (the default) for German sheet names, headers, help, dropdown labels and
        instructions; ``"en"`` for the English headers and the stable English values.
    overwrite
        Whether to replace an existing file. ``False`` by default, because the usual name
        of a template is the name of the file an office has filled in.

    Raises
    ------
    ValueError
        If ``path`` does not end in ``.xlsx``.
    FileExistsError
        If ``path`` exists and ``overwrite`` is ``False``.
    PermissionError
        If ``path`` is read-only, also with ``overwrite=True`` (see
        :mod:`bildungsnetz.io.atomic`); the file is left as it is.
    MissingDependencyError
        If the extra ``excel`` is not installed.

    Notes
    -----
    Every sheet of :data:`~bildungsnetz.io.layout.SHEETS` gets its header row (yellow where
    the column is required), a comment per header with the column's help text, a column
    width that fits and a number format: text for ids, names and AGS (leading zeros stay),
    ``DD.MM.YYYY`` for days, ``0 %`` for shares. Rows 2 to :data:`ROWS` get dropdowns: the
    labels of each enumeration (from the hidden sheet ``Listen``), ``ja``/``nein``, and for
    each reference the ids of the sheet it names. A column that holds several values takes
    one value from its dropdown and accepts more typed with ``;`` after an information
    message. An id column warns about spaces and duplicates. The example rows, from each
    column's ``example`` and each sheet's ``more_examples``, are grey and italic.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import openpyxl
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "vorlage.xlsx"
    ...     write_template(target)
    ...     book = openpyxl.load_workbook(target)
    >>> book.sheetnames[:3], book["Akteure"].freeze_panes, book["Listen"].sheet_state
    (['Anleitung', 'Netzwerk', 'Akteure'], 'A2', 'hidden')
    >>> print(book["Akteure"]["D1"].comment.text.splitlines()[0])
    Nur bei Schulen, dort Pflicht: Grundschule, Sekundarschule, Gymnasium, Förderschule, ...
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        msg = f"a template is an .xlsx workbook, got {target.name!r}"
        raise ValueError(msg)
    if target.exists() and not overwrite:
        msg = f"{str(target)!r} exists; choose another name or pass overwrite=True"
        raise FileExistsError(msg)
    openpyxl = require("openpyxl", extra="excel", feature="write_template()")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    _write_guide(workbook.create_sheet(_INSTRUCTIONS[lang]), lang, target.name)
    lists = _List.plan(lang)
    for sheet in SHEETS.values():
        _write_sheet(workbook.create_sheet(sheet.name(lang)), sheet, lang, lists)
    _write_lists(workbook.create_sheet(_LISTS[lang]), lists)
    workbook.active = 0
    save_atomic(workbook, target)


# -- the hidden sheet of enumeration lists ---------------------------------------------------


@dataclass(frozen=True)
class _List:
    """One enumeration's labels, in a column of the hidden lists sheet."""

    enum: type[LabelledEnum]
    title: str
    values: tuple[str, ...]
    letter: str
    sheet: str

    @property
    def formula(self) -> str:
        """The range a dropdown refers to."""
        last = len(self.values) + 1
        return f"'{self.sheet}'!${self.letter}$2:${self.letter}${last}"

    @staticmethod
    def plan(lang: Language) -> dict[type[LabelledEnum], _List]:
        """Return a column for every enumeration the layout uses, in the order of first use."""
        found: dict[type[LabelledEnum], _List] = {}
        for sheet in SHEETS.values():
            for column in sheet.columns:
                if column.enum is None or column.enum in found:
                    continue
                values = tuple(
                    member.label("de") if lang == "de" else member.value for member in column.enum
                )
                title = f"{column.header(lang)} ({sheet.name(lang)})"
                letter = column_letter(len(found))
                found[column.enum] = _List(column.enum, title, values, letter, _LISTS[lang])
        return found


def _write_lists(worksheet: Worksheet, lists: dict[type[LabelledEnum], _List]) -> None:
    for position, item in enumerate(lists.values(), start=1):
        cells = [item.title, *item.values]
        for row, value in enumerate(cells, start=1):
            _put_text(worksheet, row, position, value)
        worksheet.cell(1, position).font = _font(bold=True)
        worksheet.column_dimensions[item.letter].width = _width(cells)
    worksheet.freeze_panes = "A2"
    # Hidden, not "very hidden": an office that wants to see the lists can show the sheet.
    worksheet.sheet_state = "hidden"


# -- one sheet of records --------------------------------------------------------------------


def _write_sheet(
    worksheet: Worksheet, sheet: Sheet, lang: Language, lists: dict[type[LabelledEnum], _List]
) -> None:
    worksheet.append([text_cell(worksheet, column.header(lang)) for column in sheet.columns])
    examples = sheet.examples()
    for example in examples:
        worksheet.append(
            [typed_cell(worksheet, _example(example.get(c.key), c, lang)) for c in sheet.columns]
        )
    worksheet.freeze_panes = "A2"
    for position, column in enumerate(sheet.columns):
        _format_column(worksheet, position, column, lang, examples)
        validation = _validation(sheet, position, lang, lists)
        if validation is not None:
            worksheet.add_data_validation(validation)


def _example(text: str | None, column: Column, lang: Language) -> CellValue:
    """Return an example as the cell a person's typing would give: a day, a number, a label."""
    if not text:
        return None
    if column.kind in {"rule", "zone"}:
        # "vierteljährlich" reads better than the rule it stands for; English gets the rule.
        return text if lang == "de" else read_cell(text, column)
    return write_cell(read_cell(text, column), column, lang)


def _format_column(
    worksheet: Worksheet,
    position: int,
    column: Column,
    lang: Language,
    examples: list[dict[str, str]],
) -> None:
    from openpyxl.comments import Comment  # noqa: PLC0415 (imported with the extra)
    from openpyxl.styles import PatternFill  # noqa: PLC0415

    letter = column_letter(position)
    number_format = "@" if column.kind in _AS_TEXT else _FORMATS.get(column.kind)
    if number_format is not None:
        # The column's own format applies to the cells a person types into later.
        worksheet.column_dimensions[letter].number_format = number_format
    header = worksheet.cell(1, position + 1)
    header.font = _font(bold=True)
    fill = _REQUIRED_FILL if column.required else _HEADER_FILL
    header.fill = PatternFill("solid", start_color=fill, end_color=fill)
    text = _comment(column, lang)
    header.comment = Comment(text, "bildungsnetz", width=320, height=_comment_height(text))
    for row in range(2, len(examples) + 2):
        cell = worksheet.cell(row, position + 1)
        cell.font = _font(italic=True, color=_EXAMPLE_COLOUR)
        if number_format is not None:
            cell.number_format = number_format
    shown = [column.header(lang), *(example.get(column.key, "") for example in examples)]
    if column.enum is not None and not column.multiple:
        shown.extend(member.label("de") if lang == "de" else member.value for member in column.enum)
    worksheet.column_dimensions[letter].width = _width(shown)


def _width(texts: list[str]) -> float:
    narrowest, widest = _WIDTH
    return min(max([narrowest, *(len(text) + 2 for text in texts)]), widest)


_COMMENT_WORDS: dict[Language, dict[str, str]] = {
    "de": {
        "required": "Pflichtangabe.",
        "list": "Aus der Liste wählen.",
        "several": "Aus der Liste wählen; mehrere Werte mit ; trennen.",
        "ref": "Aus der Liste wählen: die Kennungen im Blatt {sheet}.",
        "refs": "Aus der Liste wählen (Kennungen im Blatt {sheet}); mehrere mit ; trennen.",
    },
    "en": {
        "required": "Required.",
        "list": "Pick from the list.",
        "several": "Pick from the list; separate several values with ;.",
        "ref": "Pick from the list: the ids on the sheet {sheet}.",
        "refs": "Pick from the list (ids on the sheet {sheet}); separate several with ;.",
    },
}


def _comment(column: Column, lang: Language) -> str:
    words = _COMMENT_WORDS[lang]
    lines = [column.help_de if lang == "de" else column.help_en]
    if column.required:
        lines.append(words["required"])
    if column.refers_to is not None:
        key = "refs" if column.multiple else "ref"
        lines.append(words[key].format(sheet=SHEETS[column.refers_to].name(lang)))
    elif column.enum is not None or column.kind == "bool":
        lines.append(words["several" if column.multiple else "list"])
    return "\n".join(lines)


def _comment_height(text: str) -> int:
    # About 45 characters fit a line of a 320-point wide note; 15 points a line.
    lines = sum(math.ceil(max(len(line), 1) / 45) for line in text.splitlines())
    return 15 * lines + 20


# -- dropdowns -------------------------------------------------------------------------------

_MESSAGES: dict[Language, dict[str, tuple[str, str]]] = {
    "de": {
        "list": ("Wert aus der Liste", "Bitte einen Wert aus der Liste wählen."),
        "ref": (
            "Kennung aus der Liste",
            "Bitte eine Kennung wählen, die im Blatt {sheet} steht (dort zuerst eintragen).",
        ),
        "several": (
            "Mehrere Werte?",
            "Der Wert steht so nicht in der Liste. Mehrere Werte trennen Sie mit ; "
            "(erster Wert; zweiter Wert). OK übernimmt die Eingabe.",
        ),
        "id": (
            "Kennung",
            "Eine Kennung ist eindeutig und hat keine Leerzeichen, zum Beispiel gs-am-markt.",
        ),
    },
    "en": {
        "list": ("Value from the list", "Please pick a value from the list."),
        "ref": (
            "Id from the list",
            "Please pick an id that is on the sheet {sheet} (enter it there first).",
        ),
        "several": (
            "Several values?",
            "The value is not in the list as it stands. Separate several values with ; "
            "(first value; second value). OK keeps what you typed.",
        ),
        "id": ("Id", "An id is unique and has no spaces, such as gs-am-markt."),
    },
}


def _validation(
    sheet: Sheet, position: int, lang: Language, lists: dict[type[LabelledEnum], _List]
) -> DataValidation | None:
    """Return the column's dropdown (or id check), or ``None`` for a column typed freely."""
    column = sheet.columns[position]
    letter = column_letter(position)
    if column.kind == "id":
        # The first cell is relative to the range's first cell, as Excel reads a validation
        # formula. Both name their sheet: LibreOffice resolves a reference without one
        # against a sheet of its own choosing.
        first = f"'{sheet.name(lang)}'!{letter}2"
        formula = f'AND(ISERROR(FIND(" ",{first})),COUNTIF({_id_range(sheet, lang)},{first})=1)'
        return _dropdown("custom", formula, "id", letter, lang, style="warning")
    source, message = _source(column, lang, lists)
    if source is None:
        return None
    if column.multiple:
        # One value comes from the list; several are typed, so the check only informs.
        return _dropdown("list", source, "several", letter, lang, style="information")
    target = SHEETS[column.refers_to].name(lang) if column.refers_to else ""
    return _dropdown("list", source, message, letter, lang, sheet=target)


def _source(
    column: Column, lang: Language, lists: dict[type[LabelledEnum], _List]
) -> tuple[str | None, str]:
    if column.enum is not None:
        return lists[column.enum].formula, "list"
    if column.kind == "bool":
        return _YES_NO[lang], "list"
    if column.refers_to is not None:
        return _id_range(SHEETS[column.refers_to], lang), "ref"
    return None, ""


def _id_range(sheet: Sheet, lang: Language) -> str:
    id_column = sheet.id_column
    assert id_column is not None, f"the sheet {sheet.key!r} has no ids to refer to"
    letter = column_letter(sheet.columns.index(id_column))
    return f"'{sheet.name(lang)}'!${letter}$2:${letter}${ROWS}"


def _dropdown(
    kind: Literal["list", "custom"],
    formula: str,
    message: str,
    letter: str,
    lang: Language,
    *,
    style: Literal["stop", "warning", "information"] = "stop",
    sheet: str = "",
) -> DataValidation:
    from openpyxl.worksheet.datavalidation import (  # noqa: PLC0415 (imported with the extra)
        DataValidation,
    )

    title, text = _MESSAGES[lang][message]
    validation = DataValidation(
        type=kind,
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle=style,
        errorTitle=title,
        error=text.format(sheet=sheet),
    )
    validation.add(f"{letter}2:{letter}{ROWS}")
    return validation


# -- the instructions ----------------------------------------------------------------------

_GUIDE: dict[Language, tuple[tuple[str, str], ...]] = {
    "de": (
        ("title", "Vorlage: das Bildungsnetzwerk des Landkreises erfassen"),
        (
            "text",
            "Mit dieser Arbeitsmappe hält die Netzwerkstelle Schulerfolg fest, wer im "
            "Landkreis mit wem zusammenarbeitet: Schulen, Kitas, Schulsozialarbeit, Jugendamt, "
            "freie Träger, Gremien, Maßnahmen und die Förderprogramme, die sie bezahlen. "
            "bildungsnetz liest die ausgefüllte Mappe, prüft sie und zeigt die Lücken im "
            "Netzwerk: Schulen ohne Schulsozialarbeit, Übergänge ohne Kooperation, Stellen, "
            "deren Förderung endet.",
        ),
        ("heading", "Die Blätter"),
        ("sheets", ""),
        ("heading", "So füllen Sie die Vorlage aus"),
        (
            "item",
            "Eine Zeile je Eintrag. Die erste Zeile mit den Überschriften bleibt, wie sie ist. "
            "Gelbe Überschriften sind Pflichtangaben. Jede Überschrift hat einen Kommentar "
            "(rotes Dreieck), der die Spalte erklärt: mit der Maus darauf zeigen.",
        ),
        (
            "item",
            "Die grauen, kursiven Zeilen sind Beispiele, die zusammen ein kleines Netzwerk "
            "ergeben. Überschreiben Sie sie mit Ihren Daten oder kopieren Sie sie als Muster. "
            "Beispielzeilen, die stehen bleiben, sind echte Einträge und werden mitgelesen: "
            "Löschen Sie sie (ganze Zeilen löschen), wenn Sie sie nicht brauchen. Die graue "
            "Schrift selbst spielt keine Rolle.",
        ),
        (
            "item",
            "Arten, Schulformen, Themen, Stufen und ja/nein wählen Sie aus der Auswahlliste "
            "(Pfeil rechts neben der Zelle). Tippen Sie sie nicht ab.",
        ),
        (
            "item",
            "Jeder Akteur, jede Kooperation, jedes Gremium, jede Maßnahme und jedes "
            "Förderprogramm bekommt eine Kennung: kurz, eindeutig, ohne Leerzeichen, zum "
            "Beispiel gs-am-markt. Andere Blätter verweisen mit der Kennung darauf; ihre "
            "Auswahllisten zeigen die Kennungen, die schon eingetragen sind. Tragen Sie "
            "deshalb zuerst die Akteure und die Förderprogramme ein.",
        ),
        (
            "item",
            "Daten schreiben Sie als Tag.Monat.Jahr: 31.07.2028; Datum und Uhrzeit als "
            "01.09.2025 16:00. Anteile als 4 % oder 0,04.",
        ),
        (
            "item",
            "Mehrere Werte in einer Zelle trennen Sie mit ; (Schulabsentismus; Elternarbeit). "
            "Die Auswahlliste setzt einen Wert ein; weitere tippen Sie dazu und bestätigen "
            "die Nachfrage mit OK.",
        ),
        (
            "item",
            "Lassen Sie eine Zelle leer, wenn Sie etwas nicht wissen. Raten Sie nicht.",
        ),
        (
            "item",
            "Tragen Sie niemals Namen von Schülerinnen, Schülern oder Beschäftigten ein. Die "
            "Vorlage erfasst nur Einrichtungen, Stellen (Schulsozialarbeit Grundschule Am "
            "Markt, nicht die Person) und Anzahlen.",
        ),
        (
            "item",
            "Eigene Notizen: Eine Spalte, deren Überschrift mit # beginnt (# Bemerkung), "
            "und eigene Blätter werden beim Einlesen übersprungen.",
        ),
        ("heading", "Prüfen und auswerten"),
        (
            "text",
            "Speichern Sie die Mappe als .xlsx. Dann prüft dieser Befehl sie und meldet jeden "
            "Fehler mit seiner Zelle, zum Beispiel Akteure!D3 (column 'Schulform'): unknown "
            "value 'Grundschuel'; did you mean 'Grundschule'?",
        ),
        ("code", "python -m bildungsnetz validate {file}"),
        ("text", "Dieser Befehl zeigt die Lücken im Netzwerk:"),
        ("code", "python -m bildungsnetz report {file}"),
    ),
    "en": (
        ("title", "Template: record a district's education network"),
        (
            "text",
            "This workbook records who works with whom in a district: schools, day-care "
            "centres, school social work, the youth welfare office, providers, forums, "
            "interventions and the programmes that fund them. bildungsnetz reads the workbook "
            "once filled in, checks it and reports the gaps in the network.",
        ),
        ("heading", "The sheets"),
        ("sheets", ""),
        ("heading", "How to fill it in"),
        (
            "item",
            "One row per record. Keep the header row as it is. Yellow headers are required. "
            "Every header has a comment explaining its column.",
        ),
        (
            "item",
            "The grey italic rows are examples that together form a small network. Overwrite "
            "them or copy them. Example rows left in place are real rows and are read: delete "
            "the whole rows if you do not need them. The grey font itself does not matter.",
        ),
        (
            "item",
            "Pick kinds, school forms, topics, stages and yes/no from the dropdowns.",
        ),
        (
            "item",
            "Every actor, cooperation, forum, intervention and programme gets an id: short, "
            "unique, without spaces, such as gs-am-markt. Other sheets refer to it; their "
            "dropdowns list the ids entered so far, so enter actors and programmes first.",
        ),
        (
            "item",
            "Write days as 31.07.2028 or 2028-07-31, a day and time as 01.09.2025 16:00, "
            "shares as 4 % or 0.04.",
        ),
        (
            "item",
            "Separate several values in one cell with ; (absenteeism; parents).",
        ),
        ("item", "Leave a cell empty when you do not know. Do not guess."),
        (
            "item",
            "Never enter names of pupils or staff: only organisations, posts and counts.",
        ),
        (
            "item",
            "Notes of your own: a column whose header starts with # and sheets of your own "
            "are skipped when reading.",
        ),
        ("heading", "Check and analyse"),
        ("text", "Save the workbook as .xlsx. This command checks it, naming each cell:"),
        ("code", "python -m bildungsnetz validate {file}"),
        ("text", "This one reports the gaps in the network:"),
        ("code", "python -m bildungsnetz report {file}"),
    ),
}


def _guide_lines(lang: Language, file: str) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    for style, text in _GUIDE[lang]:
        if style == "sheets":
            lines.extend(
                ("sheet", f"{sheet.name(lang)}: {sheet.help_de if lang == 'de' else sheet.help_en}")
                for sheet in SHEETS.values()
            )
        else:
            lines.append((style, text.format(file=file)))
    return lines


def _write_guide(worksheet: Worksheet, lang: Language, file: str) -> None:
    from openpyxl.styles import Alignment  # noqa: PLC0415 (imported with the extra)
    from openpyxl.worksheet.properties import PageSetupProperties  # noqa: PLC0415

    fonts = {
        "title": _font(bold=True, size=14),
        "heading": _font(bold=True, size=12),
        "code": _font(name="Consolas"),
    }
    worksheet.column_dimensions["A"].width = _GUIDE_WIDTH
    row = 0
    for style, text in _guide_lines(lang, file):
        row += 1 + (style == "heading")  # a blank row above each heading
        shown = f"• {text}" if style == "item" else text
        _put_text(worksheet, row, 1, shown)
        cell = worksheet.cell(row, 1)
        cell.font = fonts.get(style) or _font()
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        # LibreOffice does not fit the height of wrapped rows when it opens a file.
        lines = math.ceil(len(shown) / _GUIDE_LINE)
        if lines > 1:
            worksheet.row_dimensions[row].height = 15 * lines + 2
    worksheet.sheet_view.showGridLines = False
    # Printed, the instructions fit the width of a page.
    worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0


def _font(**options: Any) -> Font:
    """Return the workbook's font, Calibri 11, with ``options`` changed."""
    from openpyxl.styles import Font  # noqa: PLC0415 (imported with the extra)

    # A font without a name is shown in whatever font the program falls back to.
    return Font(**{"name": "Calibri", "size": 11, **options})


def _put_text(worksheet: Worksheet, row: int, column: int, text: str) -> None:
    """Write text as text, never as a formula, even if it starts with ``=``."""
    cell: Any = worksheet.cell(row, column)
    # Set past openpyxl's own reading, which turns text starting with = into a formula.
    cell._value = escape_text(text)
    cell.data_type = "s"
    cell.quotePrefix = formula_like(text)
