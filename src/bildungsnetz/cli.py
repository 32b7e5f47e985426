"""The command line: ``python -m bildungsnetz COMMAND``.

- ``validate FILE``: check a network, listing every problem with its place.
- ``summary FILE``: count the records by kind and school form.
- ``report FILE``: find the gaps in a network and report them.
- ``convert SOURCE TARGET``: convert between JSON, workbook and CSV folder.
- ``template OUT``: write an empty workbook for an office to fill in.
- ``export FILE OUT``: write a graph file for Gephi, Cytoscape or igraph (GraphML, GEXF,
  node-link JSON).
- ``schema``: print the JSON Schema of network files.

Every command that reads a network takes a JSON file, a workbook (``.xlsx``, ``.ods``, ...)
or a folder of CSV files, told apart by the path.

Examples
--------
>>> from bildungsnetz.cli import main
>>> main(["summary", "--example", "--lang", "en"])  # doctest: +ELLIPSIS
Musterkreis
...
0
>>> main(["report", "--example", "--lang", "en", "--limit", "1"])  # doctest: +ELLIPSIS
# Gaps in the network Musterkreis
...
0
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from bildungsnetz import __version__
from bildungsnetz.datasets import musterkreis
from bildungsnetz.errors import LoadError
from bildungsnetz.gaps import find_gaps
from bildungsnetz.io import (
    json_schema,
    load,
    read,
    write,
    write_gexf,
    write_graphml,
    write_node_link,
    write_template,
)
from bildungsnetz.io.files import kind_of
from bildungsnetz.model import ActorKind, EducationNetwork, Language, SchoolForm, parse_date
from bildungsnetz.rules import load as load_rules

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

__all__ = ["main"]

_OK = 0
_INVALID = 1
# A JSON file this large takes several seconds to load (about a minute for all of
# Germany), and a network with this many cooperations as long to analyse: worth a bar.
_LARGE_FILE = 50_000_000
_LARGE_NETWORK = 100_000
_FILE_HELP = "a network: a .json file, a workbook (.xlsx, .ods, ...) or a folder of CSV files"
_GRAPH_FILES = (".graphml", ".gexf", ".json")

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
    validate.add_argument("file", help=_FILE_HELP)

    summary = commands.add_parser("summary", help="count the records by kind and school form")
    source = summary.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help=_FILE_HELP)
    source.add_argument("--example", action="store_true", help="use the shipped Musterkreis")
    summary.add_argument("--lang", choices=["de", "en"], default="de", help="label language")

    convert = commands.add_parser(
        "convert", help="convert between JSON, workbook (.xlsx) and CSV folder, by the paths"
    )
    convert.add_argument("source", help=_FILE_HELP)
    convert.add_argument("target", help="a .json file, an .xlsx workbook or a folder")
    convert.add_argument(
        "--lang", choices=["de", "en"], default="de", help="language of sheets and headers"
    )

    template = commands.add_parser(
        "template",
        help="write an empty workbook to fill in: dropdowns, comments, examples, instructions",
    )
    template.add_argument("out", help="the .xlsx workbook to write, such as vorlage.xlsx")
    template.add_argument(
        "--lang", choices=["de", "en"], default="de", help="language of sheets and headers"
    )
    template.add_argument("--force", action="store_true", help="replace an existing file")

    export = commands.add_parser(
        "export", help="write a graph file for Gephi, Cytoscape or igraph, by the ending of OUT"
    )
    source = export.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help=_FILE_HELP)
    source.add_argument("--example", action="store_true", help="use the shipped Musterkreis")
    export.add_argument(
        "out", help="a .graphml, .gexf (dynamic, for Gephi's timeline) or .json (node-link) file"
    )
    export.add_argument(
        "--as-of", type=_day, help="the network on this day (03.04.2025); not for .gexf"
    )

    commands.add_parser("schema", help="print the JSON Schema of network files")

    report = commands.add_parser("report", help="find the gaps in a network and report them")
    source = report.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help=_FILE_HELP)
    source.add_argument("--example", action="store_true", help="use the shipped Musterkreis")
    report.add_argument("--format", choices=["md", "json", "html"], default="md")
    report.add_argument("--lang", choices=["de", "en"], default="de", help="report language")
    report.add_argument("--as-of", type=_day, help="judge the network on this day (03.04.2025)")
    report.add_argument(
        "--horizon", type=_days, help="look this many days ahead for what ends (e.g. 1095)"
    )
    report.add_argument("--rules", help="a rule set JSON file (default: Schulerfolg policy)")
    report.add_argument("--limit", type=_count, help="show at most this many items (md only)")
    return parser


def _day(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _days(text: str) -> int:
    if not text.isdigit():
        msg = f"expected a whole number of days, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) == 0:
        msg = f"expected a positive whole number, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


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

    Examples
    --------
    >>> main(["validate", "keine-datei.json"])
    1
    """
    arguments = _parser().parse_args(argv)
    out = sys.stdout if stdout is None else stdout
    if arguments.command in {"schema", "convert", "template"}:
        return _write_command(arguments, out)
    network = _read(arguments.file) if arguments.file else musterkreis()
    if network is None:
        return _INVALID
    if arguments.command == "validate":
        out.write(f"{arguments.file}: valid, {_counts_line(network)}\n")
        return _OK
    if arguments.command == "report":
        return _report(network, arguments, out)
    if arguments.command == "export":
        return _export(network, arguments.out, arguments.as_of, out)
    out.write(_summary(network, arguments.lang))
    return _OK


def _write_command(arguments: argparse.Namespace, out: TextIO) -> int:
    """Run a command that writes something other than a reading of one network."""
    if arguments.command == "schema":
        out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
        return _OK
    if arguments.command == "convert":
        return _convert(arguments.source, arguments.target, arguments.lang, out)
    return _template(arguments.out, arguments.lang, out, force=arguments.force)


def _report(network: EducationNetwork, arguments: argparse.Namespace, out: TextIO) -> int:
    chosen = None
    if arguments.rules:
        try:
            chosen = load_rules(arguments.rules)
        except LoadError as error:
            sys.stderr.write(f"{error}\n")
            return _INVALID
        except OSError as error:
            sys.stderr.write(f"cannot read {arguments.rules}: {error.strerror or error}\n")
            return _INVALID
    report = find_gaps(
        network,
        chosen,
        as_of=arguments.as_of,
        horizon=arguments.horizon,
        progress=_show_progress(len(network.cooperations) >= _LARGE_NETWORK),
    )
    if arguments.format == "json":
        out.write(report.to_json())
    elif arguments.format == "html":
        out.write(report.to_html(arguments.lang, network=network))
    else:
        out.write(report.to_markdown(arguments.lang, limit=arguments.limit))
    return _OK


def _convert(source: str, target: str, lang: Language, out: TextIO) -> int:
    network = _read(source)
    if network is None:
        return _INVALID
    try:
        write(network, target, lang=lang)
    except (ValueError, OSError) as error:
        sys.stderr.write(f"cannot write {target}: {error}\n")
        return _INVALID
    out.write(f"{source} → {target}: {_counts_line(network)}\n")
    return _OK


def _export(network: EducationNetwork, target: str, as_of: date | None, out: TextIO) -> int:
    suffix = Path(target).suffix.lower()
    if suffix not in _GRAPH_FILES:
        sys.stderr.write(f"cannot write {target}: name a .graphml, .gexf or .json file\n")
        return _INVALID
    if suffix == ".gexf" and as_of is not None:
        sys.stderr.write(
            f"cannot write {target} --as-of: a GEXF file holds every day, for Gephi's timeline; "
            "leave out --as-of, or write .graphml or .json\n"
        )
        return _INVALID
    try:
        if suffix == ".gexf":
            write_gexf(network, target)
        elif suffix == ".graphml":
            write_graphml(network, target, as_of=as_of)
        else:
            write_node_link(network, target, as_of=as_of)
    except (ValueError, OSError) as error:
        sys.stderr.write(f"cannot write {target}: {error}\n")
        return _INVALID
    shown = network if as_of is None else network.as_of(as_of)
    actors, ties = len(shown.actors), len(shown.cooperations)
    out.write(f"{target}: {actors} actors as nodes, {ties} cooperations as edges\n")
    return _OK


def _template(target: str, lang: Language, out: TextIO, *, force: bool) -> int:
    try:
        write_template(target, lang=lang, overwrite=force)
    except FileExistsError:
        sys.stderr.write(f"{target} exists; choose another name or pass --force to replace it\n")
        return _INVALID
    except (ValueError, OSError) as error:
        sys.stderr.write(f"cannot write {target}: {error}\n")
        return _INVALID
    out.write(
        f"template written to {Path(target).resolve()}\n"
        f"fill it in, then check it: python -m bildungsnetz validate {target}\n"
    )
    return _OK


def _show_progress(large: bool) -> bool:
    """Whether to draw a bar: for large work, on a terminal, if tqdm is installed.

    Never required: without tqdm (extra ``progress``) the command runs without a bar.
    """
    return large and sys.stderr.isatty() and importlib.util.find_spec("tqdm") is not None


def _is_json(path: str) -> bool:
    try:
        return kind_of(path) == "json"
    except ValueError:
        return False  # read() says why the form cannot be told


def _read(path: str) -> EducationNetwork | None:
    try:
        if _is_json(path):
            return load(path, progress=_show_progress(Path(path).stat().st_size >= _LARGE_FILE))
        return read(path)
    except LoadError as error:
        sys.stderr.write(f"{error}\n")
    except OSError as error:
        sys.stderr.write(f"cannot read {path}: {error.strerror or error}\n")
    return None


def _counts_line(network: EducationNetwork) -> str:
    counts = ((len(getattr(network, collection)), collection) for collection in _RECORD_LABELS)
    # every collection name is a plural in -s: "1 forum", "2 forums"
    return ", ".join(f"{n} {name.removesuffix('s') if n == 1 else name}" for n, name in counts)


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
