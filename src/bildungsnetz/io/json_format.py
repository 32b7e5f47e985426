"""Lossless JSON for education networks: dumps, loads, atomic save, load and the schema.

A document is an envelope with the format name, the format version and the network:
``{"format": "bildungsnetz", "version": 1, "network": {...}}``. Fields that hold their
default value are left out; sets are written as sorted arrays, meeting starts as RFC 9557
text with their time zone, so ``loads(dumps(network)) == network`` for every network and
the same network always gives the same bytes.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bildungsnetz.errors import LoadError, LoadProblem, NetworkIntegrityError
from bildungsnetz.io._records import COLLECTIONS, adapter
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.model import EducationNetwork
from bildungsnetz.model._integrity import find_problems

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "dumps", "json_schema", "load", "loads", "save"]

FORMAT_NAME = "bildungsnetz"
"""The value of the ``format`` member of every document."""

FORMAT_VERSION = 1
"""The version of the document format this release writes and reads."""

_SCHEMA_ID = "https://bildungsnetz.invalid/schema/network-v1.json"


class _Document(BaseModel):
    """A bildungsnetz JSON document."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["bildungsnetz"] = "bildungsnetz"
    version: Literal[1] = 1
    network: EducationNetwork


def dumps(network: EducationNetwork, *, indent: int | None = 2) -> str:
    """Return the network as a JSON document.

    Parameters
    ----------
    network
        The network to write.
    indent
        Spaces per level, or ``None`` for the most compact form.

    Returns
    -------
    text
        The document, ending in a newline; the same network always gives the same text.

    Examples
    --------
    >>> from bildungsnetz import io
    >>> from bildungsnetz.datasets import musterkreis
    >>> network = musterkreis()
    >>> text = io.dumps(network)
    >>> text.splitlines()[:3]
    ['{', '  "format": "bildungsnetz",', '  "version": 1,']
    >>> io.loads(text) == network
    True
    """
    document = _Document(network=network)
    text = document.model_dump_json(exclude_defaults=True, indent=indent)
    # exclude_defaults would drop the envelope too: it must always be there.
    head = '{"format":"bildungsnetz","version":1,' if indent is None else ""
    if indent is None:
        return head + text[1:] + "\n"
    pad = " " * indent
    envelope = f'{{\n{pad}"format": "bildungsnetz",\n{pad}"version": 1,'
    return envelope + text[1:] + "\n"


def loads(text: str | bytes, *, source: str | None = None) -> EducationNetwork:
    """Read a network from a JSON document.

    Parameters
    ----------
    text
        The document, as text or UTF-8 bytes.
    source
        A name for the document (a file name) used in error messages.

    Returns
    -------
    network
        The network, checked as a whole.

    Raises
    ------
    LoadError
        Listing every problem: JSON syntax, envelope, each invalid record with its path
        and id, and every inconsistency between the records.

    Examples
    --------
    >>> from bildungsnetz import io
    >>> io.loads('{"format": "bildungsnetz", "version": 1, "network": {"name": "Leer"}}')
    EducationNetwork(name='Leer', actors=0, cooperations=0, forums=0, flows=0, interventions=0, programmes=0)
    >>> io.loads('{"format": "bildungsnetz", "version": 1, "network": {"name": "X",'
    ...          ' "actors": [{"id": "a", "name": "A", "kind": "kita"}]}}', source="x.json")
    Traceback (most recent call last):
    ...
    bildungsnetz.errors.LoadError: 1 problem while loading:
      x.json, network.actors[0](a).kind: Input should be 'school', ...
    """  # noqa: E501 (a doctest output line cannot be wrapped)
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        problem = LoadProblem(
            f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
            file=source,
            row=error.lineno,
        )
        raise LoadError([problem]) from None
    except UnicodeDecodeError as error:
        raise LoadError([LoadProblem(f"not UTF-8 text: {error}", file=source)]) from None
    network_data = _unwrap(payload, source)
    return _network_from(network_data, source)


def _unwrap(payload: Any, source: str | None) -> Mapping[str, Any]:
    if not isinstance(payload, dict):
        problem = LoadProblem(
            f"expected a JSON object, got {type(payload).__name__}", file=source, path="$"
        )
        raise LoadError([problem])
    problems = []
    if payload.get("format") != FORMAT_NAME:
        message = f"expected format {FORMAT_NAME!r}, got {payload.get('format')!r}"
        problems.append(LoadProblem(message, file=source, path="format"))
    version = payload.get("version")
    if type(version) is not int or version != FORMAT_VERSION:
        message = (
            f"this release reads format version {FORMAT_VERSION}, got {version!r}; "
            "a newer file needs a newer bildungsnetz"
        )
        problems.append(LoadProblem(message, file=source, path="version"))
    network = payload.get("network")
    if not isinstance(network, dict):
        message = f"expected the network as a JSON object, got {type(network).__name__}"
        problems.append(LoadProblem(message, file=source, path="network"))
    unknown = sorted(set(payload) - {"format", "version", "network"})
    if unknown:
        message = f"unknown members {', '.join(map(repr, unknown))}"
        problems.append(LoadProblem(message, file=source, path="$"))
    if problems:
        raise LoadError(problems)
    assert isinstance(network, dict)
    return network


def _network_from(data: Mapping[str, Any], source: str | None) -> EducationNetwork:
    problems: list[LoadProblem] = []
    fields: dict[str, Any] = {}
    unreadable: set[str] = set()
    for key, value in data.items():
        if key in COLLECTIONS:
            records, bad_ids = _records(key, value, source, problems)
            fields[key] = records
            unreadable |= bad_ids
        else:
            fields[key] = value
    header_fields = {key: value for key, value in fields.items() if key not in COLLECTIONS}
    try:
        EducationNetwork.model_validate(header_fields)
    except ValidationError as error:
        problems.extend(_problems(error, "network", source))
        header_fields = {"name": "?"}
    if problems:
        readable = SimpleNamespace(**{key: tuple(fields.get(key, ())) for key in COLLECTIONS})
        integrity = find_problems(readable, assume_known=unreadable)
        problems.extend(
            LoadProblem(problem.message, file=source, path=f"network.{_location(problem)}")
            for problem in integrity
        )
        raise LoadError(problems)
    try:
        return EducationNetwork(**fields)
    except NetworkIntegrityError as error:
        raise LoadError(
            LoadProblem(problem.message, file=source, path=f"network.{_location(problem)}")
            for problem in error.problems
        ) from None


def _location(problem: Any) -> str:
    return f"{problem.collection}[{problem.record}].{problem.field}"


def _records(
    collection: str, items: Any, source: str | None, problems: list[LoadProblem]
) -> tuple[list[Any], set[str]]:
    if not isinstance(items, list):
        message = f"expected a JSON array, got {type(items).__name__}"
        problems.append(LoadProblem(message, file=source, path=f"network.{collection}"))
        return [], set()
    validator = adapter(COLLECTIONS[collection])
    records: list[Any] = []
    unreadable: set[str] = set()
    for position, item in enumerate(items):
        try:
            records.append(validator.validate_python(item))
        except ValidationError as error:
            record_id = item.get("id") if isinstance(item, dict) else None
            label = f"[{position}]" + (f"({record_id})" if isinstance(record_id, str) else "")
            problems.extend(_problems(error, f"network.{collection}{label}", source))
            if isinstance(record_id, str):
                unreadable.add(record_id.strip())
    return records, unreadable


def _problems(error: ValidationError, prefix: str, source: str | None) -> list[LoadProblem]:
    found = []
    for detail in error.errors(include_url=False):
        path = prefix + "".join(
            f"[{part}]" if isinstance(part, int) else f".{part}" for part in detail["loc"]
        )
        message = detail["msg"].removeprefix("Value error, ")
        found.append(LoadProblem(message, file=source, path=path))
    return found


def save(
    network: EducationNetwork, path: str | os.PathLike[str], *, indent: int | None = 2
) -> None:
    """Write the network to a JSON file atomically.

    The document is written to a temporary file beside ``path``, flushed to disk and
    renamed over ``path`` in one step: a crash or a full disk leaves the old file as it
    was, never half a file.

    Parameters
    ----------
    network
        The network to write.
    path
        Where to write it.
    indent
        Spaces per level, or ``None`` for the most compact form.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from bildungsnetz import io
    >>> from bildungsnetz.datasets import musterkreis
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "musterkreis.json"
    ...     io.save(musterkreis(), target)
    ...     io.load(target) == musterkreis()
    True
    """
    write_text_atomic(Path(path), dumps(network, indent=indent))


def load(path: str | os.PathLike[str]) -> EducationNetwork:
    """Read a network from a JSON file written by :func:`save` or :func:`dumps`.

    Parameters
    ----------
    path
        The file.

    Returns
    -------
    network
        The network, checked as a whole.

    Raises
    ------
    LoadError
        Listing every problem in the file, each with its path inside the document.
    OSError
        If the file cannot be read.

    Examples
    --------
    >>> from bildungsnetz import io
    >>> from bildungsnetz.datasets import example_path
    >>> io.load(example_path()).name
    'Musterkreis'
    """
    source = Path(path)
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problem = LoadProblem(
            f"not UTF-8 text: {error.reason} at byte {error.start}", file=str(source)
        )
        raise LoadError([problem]) from None
    return loads(text, source=str(source))


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that every document validates against.

    The same schema ships with the package as ``bildungsnetz/io/network.schema.json``.

    Returns
    -------
    schema
        A fresh copy; changing it changes nothing else.

    Examples
    --------
    >>> from bildungsnetz import io
    >>> schema = io.json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(schema["properties"])
    ['format', 'network', 'version']
    """
    return copy.deepcopy(_schema())


@cache
def _schema() -> dict[str, Any]:
    schema = _Document.model_json_schema(mode="validation")
    schema["required"] = ["format", "version", "network"]
    for definition in [schema, *schema.get("$defs", {}).values()]:
        _shorten_descriptions(definition)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_ID,
        **schema,
        "title": "bildungsnetz education network",
    }


def _shorten_descriptions(definition: dict[str, Any]) -> None:
    # Class docstrings become descriptions; their numpydoc sections and doctests belong
    # in the documentation, not in the schema.
    description = definition.get("description")
    if isinstance(description, str):
        definition["description"] = description.split("\n\n", 1)[0].replace("\n", " ")
