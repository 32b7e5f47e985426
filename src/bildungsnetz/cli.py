"""The command line: ``python -m bildungsnetz validate | summary | schema``.

Examples
--------
>>> from bildungsnetz.cli import main
>>> main(["summary", "--example", "--lang", "en"])  # doctest: +ELLIPSIS
Musterkreis
...
0
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import TYPE_CHECKING, TextIO

from bildungsnetz import __version__
from bildungsnetz.datasets import musterkreis
from bildungsnetz.errors import LoadError
from bildungsnetz.io import json_schema, load
from bildungsnetz.model import ActorKind, EducationNetwork, Language, SchoolForm

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

_OK = 0
_INVALID = 1

_HEADINGS: dict[str, dict[Language, str]] = {
    "kinds": {"de": "Akteure nach Art", "en": "Actors by kind"},
    "forms": {"de": "Schulen nach Schulform", "en": "Schools by form"},
    "records": {"de": "Datensätze", "en": "Records"},
    "kind": {"de": "Art", "en": "kind"},
    "form": {"de": "Schulform", "en": "form"},
    "count": {"de": "Anzahl", "en": "count"},
    "record": {"de": "Datensatz", "en": "record"},
}
_RECORD_LABELS: dict[str, dict[Language, str]] = {
    "actors": {"de": "Akteure", "en": "actors"},
    "cooperations": {"de": "Kooperationen", "en": "cooperations"},
    "forums": {"de": "Gremien", "en": "forums"},
    "flows": {"de": "Übergangsströme", "en": "transition flows"},
    "interventions": {"de": "Maßnahmen", "en": "interventions"},
    "programmes": {"de": "Förderprogramme", "en": "programmes"},
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bildungsnetz",
        description="Model education networks and find the gaps in their cooperation.",
    )
    parser.add_argument("--version", action="version", version=f"bildungsnetz {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a network file, listing every problem")
    validate.add_argument("file", help="a bildungsnetz JSON file")

    summary = commands.add_parser("summary", help="count the records by kind and school form")
    source = summary.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="a bildungsnetz JSON file")
    source.add_argument("--example", action="store_true", help="use the shipped Musterkreis")
    summary.add_argument("--lang", choices=["de", "en"], default="de", help="label language")

    commands.add_parser("schema", help="print the JSON Schema of network files")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line and return its exit status.

    Parameters
    ----------
    argv
        The arguments, without the program name; ``None`` reads ``sys.argv``.
    stdout
        Where to write results; ``None`` means ``sys.stdout``. Problems go to
        ``sys.stderr``.

    Returns
    -------
    status
        0 on success, 1 if the input is invalid (every problem is listed), 2 for a
        wrong command line.
    """
    arguments = _parser().parse_args(argv)
    out = sys.stdout if stdout is None else stdout
    if arguments.command == "schema":
        out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
        return _OK
    network = _read(arguments.file) if arguments.file else musterkreis()
    if network is None:
        return _INVALID
    if arguments.command == "validate":
        out.write(f"{arguments.file}: valid, {_counts_line(network)}\n")
        return _OK
    out.write(_summary(network, arguments.lang))
    return _OK


def _read(path: str) -> EducationNetwork | None:
    try:
        return load(path)
    except LoadError as error:
        sys.stderr.write(f"{error}\n")
    except OSError as error:
        sys.stderr.write(f"cannot read {path}: {error.strerror or error}\n")
    return None


def _counts_line(network: EducationNetwork) -> str:
    return ", ".join(
        f"{len(getattr(network, collection))} {collection}" for collection in _RECORD_LABELS
    )


def _summary(network: EducationNetwork, lang: Language) -> str:
    kinds = Counter(actor.kind for actor in network.actors)
    forms = Counter(actor.school.form for actor in network.actors if actor.school is not None)
    lines = [network.name]
    if network.description:
        lines.append(network.description)
    lines.append("")
    lines.extend(
        _table(
            _HEADINGS["records"][lang],
            (_HEADINGS["record"][lang], _HEADINGS["count"][lang]),
            [
                (labels[lang], len(getattr(network, name)))
                for name, labels in _RECORD_LABELS.items()
            ],
        )
    )
    lines.extend(
        _table(
            _HEADINGS["kinds"][lang],
            (_HEADINGS["kind"][lang], _HEADINGS["count"][lang]),
            [(kind.label(lang), kinds[kind]) for kind in ActorKind if kinds[kind]],
        )
    )
    lines.extend(
        _table(
            _HEADINGS["forms"][lang],
            (_HEADINGS["form"][lang], _HEADINGS["count"][lang]),
            [(form.label(lang), forms[form]) for form in SchoolForm if forms[form]],
        )
    )
    return "\n".join(lines) + "\n"


def _table(title: str, header: tuple[str, str], rows: list[tuple[str, int]]) -> list[str]:
    width = max([len(header[0]), *(len(label) for label, _ in rows)])
    number = max([len(header[1]), *(len(str(count)) for _, count in rows)])
    lines = [title, f"  {header[0]:<{width}}  {header[1]:>{number}}"]
    lines.append(f"  {'-' * width}  {'-' * number}")
    lines.extend(f"  {label:<{width}}  {count:>{number}}" for label, count in rows)
    lines.append(f"  {'Σ':<{width}}  {sum(count for _, count in rows):>{number}}")
    lines.append("")
    return lines
