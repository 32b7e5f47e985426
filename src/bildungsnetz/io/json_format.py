"""Lossless JSON for education networks: dumps, loads, atomic save, load and the schema.

A document is an envelope with the format name, the format version and the network:
``{"format": "bildungsnetz", "version": 1, "network": {...}}``. Fields that hold their
default value are left out; sets are written as sorted arrays, meeting starts as RFC 9557
text with their time zone, so ``loads(dumps(network)) == network`` for every network and
the same network always gives the same bytes.

Reading is built for a national network (a million ties, half a gigabyte of JSON): the
document is read record by record, each record validated as soon as it is decoded, so the
parsed tree of the whole document never exists; the garbage collector is paused meanwhile.
A document the record-by-record reader does not expect (a syntax error, a key given twice,
``NaN``, an oversized number, an escaped surrogate) is read whole instead, by the strict
reader of :mod:`bildungsnetz.io._strict_json`, which reports every fault with its place.

Both read a file as its JSON Schema says (:func:`json_schema`): UTF-8 only, each key once,
numbers that are JSON numbers, and every value of the type the schema gives it
(``"pupils": "30"`` or ``"directed": 1`` is refused, not converted as pydantic would).
"""

from __future__ import annotations

import copy
import re
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from bildungsnetz._collector import paused
from bildungsnetz._progress import steps
from bildungsnetz.errors import LoadError, LoadProblem, NetworkIntegrityError
from bildungsnetz.io import _strict_json
from bildungsnetz.io._json_stream import Stream, pieces_of_bytes, pieces_of_text
from bildungsnetz.io._json_types import Types
from bildungsnetz.io._records import COLLECTIONS, adapter
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.model import EducationNetwork
from bildungsnetz.model._integrity import find_problems

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterator


__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "dumps", "json_schema", "load", "loads", "save"]

FORMAT_NAME = "bildungsnetz"
"""The value of the ``format`` member of every document."""

FORMAT_VERSION = 1
"""The version of the document format this release writes and reads."""

_MOST_SHOWN = 128
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


def loads(
    text: str | bytes, *, source: str | None = None, progress: bool = False
) -> EducationNetwork:
    """Read a network from a JSON document.

    Parameters
    ----------
    text
        The document, as text or UTF-8 bytes.
    source
        A name for the document (a file name) used in error messages.
    progress
        Show a progress bar on standard error (extra ``progress``): how much of the
        document is read, then the checks of the whole network.

    Returns
    -------
    network
        The network, checked as a whole.

    Raises
    ------
    LoadError
        Listing every problem: text that is not UTF-8 (UTF-16 and UTF-32 by name; a
        UTF-8 byte order mark is dropped), JSON syntax, keys given twice, ``NaN`` and
        ``Infinity``, integers of more than 15 digits, lone surrogates, nesting deeper
        than 64, the envelope, each invalid record with its path and id (values of a type
        the JSON Schema does not allow included), and every inconsistency between the
        records.
    TypeError
        If ``text`` is neither ``str`` nor ``bytes``.
    MissingDependencyError
        If ``progress`` is true and tqdm (extra ``progress``) is not installed.

    Notes
    -----
    Records are validated one by one as the document is read, so memory holds the text
    and the records but never the parsed tree of the whole document; the garbage
    collector is paused while reading (and restored as it was, also on error). Ids are
    interned and equal periods and sets shared, so a record read from a file takes no
    more memory than one built in Python. A national network (a million ties) reads in
    well under a minute on one core.

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
    if not isinstance(text, str | bytes | bytearray):
        message = f"loads() reads a document given as str or bytes, got {type(text).__name__}"
        raise TypeError(message)
    with paused():
        given = bytes(text) if isinstance(text, bytearray) else text
        decoded = _strict_json.decode(given, source=source)
        with _bar(len(decoded), unit="char", progress=progress, feature="loads") as advance:
            parts = _read_by_record(pieces_of_text(decoded), source, advance)
            if parts is None:
                parts = _read_whole(decoded, source)
            advance("checks", amount=0)
            return _network(parts)


def _bar(total: int, *, unit: str, progress: bool, feature: str) -> Any:
    return steps(
        total,
        enabled=progress,
        description="load",
        unit=unit,
        feature=f"{feature}(progress=True)",
    )


class _Parts:
    """What reading a document gave, before the network is checked as a whole."""

    def __init__(self, source: str | None) -> None:
        self.source = source
        self.fields: dict[str, Any] = {}
        self.problems: list[LoadProblem] = []
        self.unreadable: set[str] = set()


_RECORD = re.compile(r"network\.(?P<collection>\w+)\[(?P<position>\d+)\]")


def _read_whole(text: str, source: str | None) -> _Parts:
    """Read the document as one tree: the reference reading, and the one for every fault.

    Faults of the JSON itself (duplicate keys, ``NaN``, oversized numbers, lone
    surrogates, deep nesting) are reported with their paths; a record holding one is not
    read further, the other records are, as usual.
    """
    payload = _strict_json.read(text, source=source)
    faults = _strict_json.faults(payload)
    parts = _Parts(source)
    faulty: dict[str, set[int]] = {}
    for path, message in faults:
        record = _RECORD.match(path)
        if record is None or record["collection"] not in COLLECTIONS:
            # A fault outside the records: nothing else of the document can be trusted.
            raise LoadError(LoadProblem(m, file=source, path=p) for p, m in faults)
        collection, position = record["collection"], int(record["position"])
        faulty.setdefault(collection, set()).add(position)
        item = payload["network"][collection][position]
        labelled = _label(collection, position, item) + path[record.end() :]
        parts.problems.append(LoadProblem(message, file=source, path=labelled))
    for key, value in _unwrap(payload, source).items():
        if key in COLLECTIONS:
            _records(key, value, parts, faulty.get(key, set()))
        else:
            parts.fields[key] = value
    return parts


def _read_by_record(
    pieces: Iterator[tuple[str, int]], source: str | None, advance: Callable[..., None]
) -> _Parts | None:
    """Read the document record by record, or return ``None`` if it is unusual.

    Unusual is anything the whole-tree reading might report or read differently: a
    syntax error, a member given twice (JSON keeps the last), an exception other than a
    record's validation error. That reading then runs instead and reports it as before.
    """
    stream = Stream(pieces, advance)
    parts = _Parts(source)
    envelope: dict[str, Any] = {}
    try:
        for key in stream.members():
            if key == "network" and stream.next_is("{"):
                _network_members(stream, parts)
                envelope[key] = {}  # stands for the network object, read above
            else:
                envelope[key] = stream.value()
        stream.finish()
    except Exception:
        return None  # anything unusual: the whole-tree reading reports it as before
    _unwrap(envelope, source)
    return parts


def _network_members(stream: Stream, parts: _Parts) -> None:
    for key in stream.members():
        if key in COLLECTIONS and stream.next_is("["):
            parts.fields[key] = _streamed_records(key, stream, parts)
        elif key in COLLECTIONS:
            _records(key, stream.value(), parts, set())
        else:
            parts.fields[key] = stream.value()


def _streamed_records(collection: str, stream: Stream, parts: _Parts) -> list[Any]:
    validate = adapter(COLLECTIONS[collection]).validator.validate_python
    definition = COLLECTIONS[collection].__name__
    stream.label = collection
    records: list[Any] = []
    append = records.append
    for position, item in enumerate(stream.elements()):
        try:
            wrong = _types().problems(definition, item) if type(item) is dict else []
            if wrong:
                _wrong_types(collection, position, item, wrong, parts)
            else:
                append(validate(item))
        except ValidationError as error:
            _invalid(collection, position, item, error, parts)
    return records


def _unwrap(payload: Any, source: str | None) -> dict[str, Any]:
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
    # 1.0 is the integer 1 to JSON Schema, as "version": {"const": 1} reads it.
    if type(version) not in (int, float) or version != FORMAT_VERSION:
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


def _network(parts: _Parts) -> EducationNetwork:
    fields, problems, source = parts.fields, parts.problems, parts.source
    header_fields = {key: value for key, value in fields.items() if key not in COLLECTIONS}
    wrong = _types().problems("EducationNetwork", header_fields)
    problems.extend(LoadProblem(m, file=source, path=f"network.{p}") for p, m in wrong)
    try:
        EducationNetwork.model_validate(header_fields)
    except ValidationError as error:
        problems.extend(_besides(_problems(error, "network", source), "network", wrong))
    if problems:
        readable = SimpleNamespace(**{key: tuple(fields.get(key, ())) for key in COLLECTIONS})
        integrity = find_problems(readable, assume_known=parts.unreadable)
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


def _records(collection: str, items: Any, parts: _Parts, faulty: set[int]) -> None:
    records: list[Any] = []
    parts.fields[collection] = records
    if not isinstance(items, list):
        message = f"expected a JSON array, got {type(items).__name__}"
        parts.problems.append(LoadProblem(message, file=parts.source, path=f"network.{collection}"))
        return
    validate = adapter(COLLECTIONS[collection]).validator.validate_python
    definition = COLLECTIONS[collection].__name__
    for position, item in enumerate(items):
        # Each raw record goes as soon as it is read: the tree and the records it
        # becomes are never in memory together.
        items[position] = None
        if position in faulty:
            _unreadable(item, parts)  # its faults are reported already
            continue
        try:
            wrong = _types().problems(definition, item) if isinstance(item, dict) else []
            if wrong:
                _wrong_types(collection, position, item, wrong, parts)
            else:
                records.append(validate(item))
        except ValidationError as error:
            _invalid(collection, position, item, error, parts)


def _invalid(
    collection: str, position: int, item: Any, error: ValidationError, parts: _Parts
) -> None:
    parts.problems.extend(_problems(error, _label(collection, position, item), parts.source))
    _unreadable(item, parts)


def _wrong_types(
    collection: str, position: int, item: Any, wrong: list[tuple[str, str]], parts: _Parts
) -> None:
    """Report the values of a wrong JSON type, and what else the validator finds."""
    label = _label(collection, position, item)
    source = parts.source
    parts.problems.extend(LoadProblem(m, file=source, path=f"{label}.{p}") for p, m in wrong)
    try:
        adapter(COLLECTIONS[collection]).validator.validate_python(item)
    except ValidationError as error:
        parts.problems.extend(_besides(_problems(error, label, source), label, wrong))
    _unreadable(item, parts)


def _besides(
    found: list[LoadProblem], label: str, wrong: list[tuple[str, str]]
) -> list[LoadProblem]:
    """Drop the validator's word on a value of a wrong JSON type: that is said already."""
    said = tuple(f"{label}.{path}" for path, _ in wrong)
    return [problem for problem in found if not (problem.path or "").startswith(said)]


def _label(collection: str, position: int, item: Any) -> str:
    record_id = _record_id(item)
    shown = "" if record_id is None else f"({_shown(record_id)})"
    return f"network.{collection}[{position}]{shown}"


def _record_id(item: Any) -> str | None:
    record_id = item.get("id") if isinstance(item, dict) else None
    return record_id if isinstance(record_id, str) else None


def _unreadable(item: Any, parts: _Parts) -> None:
    record_id = _record_id(item)
    if record_id is not None:
        parts.unreadable.add(record_id.strip())


def _problems(error: ValidationError, prefix: str, source: str | None) -> list[LoadProblem]:
    found = []
    for detail in error.errors(include_url=False):
        path = prefix + "".join(
            f"[{part}]" if isinstance(part, int) else f".{_shown(part)}" for part in detail["loc"]
        )
        message = detail["msg"].removeprefix("Value error, ")
        found.append(LoadProblem(message, file=source, path=path))
    return found


def _shown(text: str) -> str:
    # An invalid id or an unknown member name comes from the file: escaped where it holds
    # what a terminal would act on (a bidirectional override, an escape), and shortened.
    if text.isprintable() and len(text) <= _MOST_SHOWN:
        return text
    return repr(text[:_MOST_SHOWN]) + ("…" if len(text) > _MOST_SHOWN else "")


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


def load(path: str | os.PathLike[str], *, progress: bool = False) -> EducationNetwork:
    """Read a network from a JSON file written by :func:`save` or :func:`dumps`.

    Parameters
    ----------
    path
        The file.
    progress
        Show a progress bar on standard error (extra ``progress``): how much of the
        file is read, then the checks of the whole network. Silent by default.

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
    MissingDependencyError
        If ``progress`` is true and tqdm (extra ``progress``) is not installed.

    Notes
    -----
    Fast and small enough for all of Germany on one laptop core: see :func:`loads`.

    Examples
    --------
    >>> from bildungsnetz import io
    >>> from bildungsnetz.datasets import example_path
    >>> io.load(example_path()).name
    'Musterkreis'
    """
    file = Path(path)
    source = str(file)
    raw = file.read_bytes()
    with (
        paused(),
        _bar(len(raw), unit="B", progress=progress, feature="load") as advance,
    ):
        parts = _read_by_record(pieces_of_bytes(raw), source, advance)
        if parts is None:
            parts = _read_whole(_strict_json.decode(raw, source=source), source)
        del raw  # half a gigabyte for a national network, and no longer needed
        advance("checks", amount=0)
        return _network(parts)


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
def _types() -> Types:
    return Types(_schema())


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
