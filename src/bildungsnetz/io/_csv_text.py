r"""CSV text as German Excel and survey tools save it: encoding and separator detected.

Shared by the CSV folder reader (:mod:`bildungsnetz.io.csv_folder`) and the survey reader
(:mod:`bildungsnetz.io.survey`). The encoding is UTF-8 with or without byte order mark,
else Windows-1252, the encoding German Excel saves "CSV" in; Windows-1252 is taken only
when the bytes are no UTF-8 and only decodes to printable text. The separator is the one
the header line uses most: ``;`` (German Excel), ``,`` or a tab.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder, "liste.csv")
...     _ = path.write_bytes("Name;Ort\nKita Löwenzahn;Lindenau\n".encode("cp1252"))
...     csv_rows(decoded(path, "auto"))
[['Name', 'Ort'], ['Kita Löwenzahn', 'Lindenau']]
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Literal

from bildungsnetz.errors import LoadError, LoadProblem

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Encoding", "csv_rows", "decoded", "separator"]

Encoding = Literal["auto", "utf-8", "utf-8-sig", "cp1252"]
"""How a CSV file's bytes are read: ``"auto"`` detects, the others choose one."""

_SEPARATORS = ";,\t"


def separator(text: str) -> str:
    r"""Return the separator the header line uses most: ``;``, ``,`` or a tab.

    Headers hold none of them, so the first non-empty line tells, whatever the quoting
    of the rows below.

    Examples
    --------
    >>> separator("Kennung;Name\nja;Jugendamt, Musterkreis\n"), separator("a,b\n")
    (';', ',')
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {candidate: header.count(candidate) for candidate in _SEPARATORS}
    best = max(counts, key=lambda candidate: counts[candidate])
    return best if counts[best] else ","


def decoded(file: Path, encoding: Encoding) -> str:
    r"""Return the text of a CSV file, its encoding detected or chosen.

    Raises
    ------
    LoadError
        If the bytes are not text in the encoding (or in none that ``"auto"`` tries).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "mit-bom.csv")
    ...     _ = path.write_text("Kennung;Name\n", encoding="utf-8-sig")
    ...     decoded(path, "auto")
    'Kennung;Name\n'
    """
    raw = file.read_bytes()
    if encoding != "auto":
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            message = f"not {encoding} text: byte {error.start} cannot be read as {encoding}"
            raise LoadError([LoadProblem(message, file=str(file))]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as error:
        message = (
            f"neither UTF-8 nor Windows-1252 text (byte {error.start}); save the file as "
            "'CSV UTF-8' or pass encoding="
        )
        raise LoadError([LoadProblem(message, file=str(file))]) from None
    if any(not (character.isprintable() or character in "\r\n\t") for character in text):
        message = "neither UTF-8 nor printable Windows-1252 text; save it as 'CSV UTF-8'"
        raise LoadError([LoadProblem(message, file=str(file))])
    return text


def csv_rows(text: str) -> list[list[str]]:
    r"""Return the rows of CSV text, split at the separator its header line uses.

    Examples
    --------
    >>> csv_rows('"Name";"Ort"\r\n"Jugendamt; Abteilung 2";"Lindenau"\r\n')
    [['Name', 'Ort'], ['Jugendamt; Abteilung 2', 'Lindenau']]
    """
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=separator(text)))
