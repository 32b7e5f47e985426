"""The exceptions bildungsnetz raises.

A small tree after httpx: everything derives from :class:`BildungsnetzError`, and each
error that describes bad input also derives from the built-in exception a caller would
expect (``ValueError``, ``KeyError``, ``ImportError``). Errors about input carry **every**
problem found, each with its location, so that one run shows the whole list.

Examples
--------
>>> from bildungsnetz.errors import IntegrityProblem, NetworkIntegrityError
>>> error = NetworkIntegrityError(
...     [IntegrityProblem("cooperations", "c17", "actors", "unknown actor 'gs-99'")],
...     network="Musterkreis",
... )
>>> print(error)
1 problem in network 'Musterkreis':
  cooperations[c17].actors: unknown actor 'gs-99'
>>> isinstance(error, ValueError)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "BildungsnetzError",
    "IntegrityProblem",
    "LoadError",
    "LoadProblem",
    "MissingDependencyError",
    "NetworkIntegrityError",
    "UnknownActorError",
]


class BildungsnetzError(Exception):
    """Base class of every error raised on purpose by bildungsnetz.

    Examples
    --------
    >>> issubclass(LoadError, BildungsnetzError), issubclass(LoadError, ValueError)
    (True, True)
    """


@dataclass(frozen=True, slots=True, order=True)
class IntegrityProblem:
    """One inconsistency between the records of a network.

    Parameters
    ----------
    collection
        The collection the record belongs to (``"actors"``, ``"cooperations"``, ...).
    record
        The record's id, or ``#<index>`` for records without an id (transition flows).
    field
        The field that holds the problem.
    message
        What is wrong, naming the offending value.

    Examples
    --------
    >>> str(IntegrityProblem("actors", "gs1", "part_of", "unknown actor 'x'"))
    "actors[gs1].part_of: unknown actor 'x'"
    """

    collection: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.collection}[{self.record}].{self.field}: {self.message}"


class NetworkIntegrityError(BildungsnetzError, ValueError):
    """The records do not form a consistent network.

    ``problems`` lists every problem found, each with the record and field it concerns.

    Examples
    --------
    >>> from bildungsnetz import Cooperation, EducationNetwork
    >>> try:
    ...     EducationNetwork(name="X", cooperations=[
    ...         Cooperation(id="c1", actors=("a", "b"), kind="other")])
    ... except NetworkIntegrityError as error:
    ...     [str(problem) for problem in error.problems]
    ["cooperations[c1].actors: unknown actor 'a'", "cooperations[c1].actors: unknown actor 'b'"]
    """

    def __init__(self, problems: Iterable[IntegrityProblem], *, network: str | None = None) -> None:
        self.problems: tuple[IntegrityProblem, ...] = tuple(problems)
        self.network = network
        super().__init__(self._message())

    def _message(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        where = f" in network {self.network!r}" if self.network is not None else ""
        lines = [f"{count} {noun}{where}:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)


class UnknownActorError(BildungsnetzError, KeyError):
    """An actor id that the network does not contain.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> try:
    ...     musterkreis().actor("gibt-es-nicht")
    ... except UnknownActorError as error:
    ...     print(error)
    no actor with id 'gibt-es-nicht' in network 'Musterkreis'
    """

    def __init__(self, actor_id: str, *, network: str | None = None) -> None:
        self.actor_id = actor_id
        self.network = network
        super().__init__(actor_id)

    def __str__(self) -> str:
        where = f" in network {self.network!r}" if self.network is not None else ""
        return f"no actor with id {self.actor_id!r}{where}"


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """One problem in a file being loaded, with as much location as the format has.

    Parameters
    ----------
    message
        What is wrong, naming the offending value.
    file
        The file's name or path.
    sheet
        The worksheet (Excel only).
    row
        The 1-based row (tables) or line (JSON syntax errors).
    column
        The column name (tables) or character column (JSON syntax errors).
    path
        The place inside a JSON document, such as ``network.actors[3].school.form``,
        with the record id where there is one.
    cell
        The cell as a spreadsheet names it, such as ``Akteure!D7``.

    Examples
    --------
    >>> print(LoadProblem("Pflichtfeld fehlt", file="kreis.xlsx", sheet="Akteure", row=7,
    ...                   column="Name"))
    kreis.xlsx, sheet 'Akteure', row 7, column 'Name': Pflichtfeld fehlt
    >>> print(LoadProblem("unknown value 'Grundschuel'", file="kreis.xlsx", sheet="Akteure",
    ...                   row=7, column="Schulform", cell="Akteure!D7"))
    kreis.xlsx, Akteure!D7 (column 'Schulform'): unknown value 'Grundschuel'
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.cell is not None:
            parts.append(self.cell + (f" (column {self.column!r})" if self.column else ""))
            return f"{', '.join(parts)}: {self.message}"
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        if self.path is not None:
            parts.append(self.path)
        location = ", ".join(parts)
        return f"{location}: {self.message}" if location else self.message


class LoadError(BildungsnetzError, ValueError):
    """A file or document could not be read into a network.

    ``problems`` lists every problem found, each with its file, sheet, row, column or
    path. Nothing is returned and nothing is written when this is raised.

    Examples
    --------
    >>> from bildungsnetz import io
    >>> try:
    ...     io.loads("{", source="kaputt.json")
    ... except LoadError as error:
    ...     print(error)
    1 problem while loading:
      kaputt.json, row 1: not valid JSON: Expecting property name ... (line 1, column 2)
    """

    def __init__(self, problems: Iterable[LoadProblem]) -> None:
        self.problems: tuple[LoadProblem, ...] = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} while loading:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        super().__init__("\n".join(lines))


class MissingDependencyError(BildungsnetzError, ImportError):
    """An optional dependency is needed but not installed.

    The message names the extra that installs it, for example
    ``pip install "bildungsnetz[pandas]"``.

    Examples
    --------
    >>> print(MissingDependencyError("pandas", extra="pandas", feature="to_frame()"))
    to_frame() needs the optional dependency 'pandas', ...: pip install "bildungsnetz[pandas]"
    """

    def __init__(self, package: str, *, extra: str, feature: str) -> None:
        self.package = package
        self.extra = extra
        msg = (
            f"{feature} needs the optional dependency {package!r}, which is not installed; "
            f'install it with: pip install "bildungsnetz[{extra}]"'
        )
        super().__init__(msg, name=package)
