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
    """Base class of every error raised on purpose by bildungsnetz."""


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
    """An actor id that the network does not contain."""

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
    """

    message: str
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(self.file)
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
    """

    def __init__(self, package: str, *, extra: str, feature: str) -> None:
        self.package = package
        self.extra = extra
        msg = (
            f"{feature} needs the optional dependency {package!r}, which is not installed; "
            f'install it with: pip install "bildungsnetz[{extra}]"'
        )
        super().__init__(msg, name=package)
