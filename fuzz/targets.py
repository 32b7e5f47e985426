"""Fuzz targets: every loader and parser of bildungsnetz, fed arbitrary bytes.

Each target takes the bytes a fuzzer made and hands them to one loader or parser of the
installed package, the way a user's file or text would reach it. The rule is the same for
all: only the errors the function documents may escape (:data:`Target.allowed`), which for
the file loaders means the library's own :class:`bildungsnetz.errors.BildungsnetzError`.
Any other exception, a hang or a blow-up of memory is a finding.

This module imports no fuzzer, so the tests can replay the findings with it
(``tests/test_fuzz_findings.py``); ``fuzz/run.py`` drives it with atheris.
"""

from __future__ import annotations

import contextlib
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pydantic import ValidationError

import bildungsnetz
from bildungsnetz import EducationNetwork, find_gaps, io, rules
from bildungsnetz.errors import BildungsnetzError, MissingDependencyError
from bildungsnetz.io.csv_folder import file_name
from bildungsnetz.io.layout import SHEETS
from bildungsnetz.model import MeetingSchedule, describe_rule, parse_date, to_day, to_horizon

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CSV_NAMES",
    "SEPARATOR",
    "TARGETS",
    "Hang",
    "Target",
    "check",
    "signature",
    "small_network",
]

# A CSV folder is one input: its files joined by this separator, each starting with one
# byte that picks the file's name from CSV_NAMES (so the fuzzer cannot write elsewhere).
SEPARATOR = b"\n\x1c\x1c\n"
CSV_NAMES = tuple(file_name(key, lang) for key in SHEETS for lang in ("de", "en"))

_PACKAGE = Path(bildungsnetz.__file__).resolve().parent

# The day the day and horizon converters count from, and the window a schedule is
# expanded in: the reference day of Musterkreis and the school year around it.
REFERENCE_DAY = date(2025, 11, 1)
BERLIN = ZoneInfo("Europe/Berlin")
SCHEDULE_START = datetime(2024, 9, 3, 16, 0, tzinfo=BERLIN)
WINDOW = (datetime(2025, 8, 1, tzinfo=BERLIN), datetime(2026, 8, 1, tzinfo=BERLIN))


@dataclass(frozen=True)
class Target:
    """One loader or parser under fuzzing.

    Parameters
    ----------
    run
        Feeds the bytes to the function under test.
    allowed
        The exceptions the function documents; any other one is a finding.
    """

    run: Callable[[bytes], object]
    allowed: tuple[type[BaseException], ...]

    def check(self, data: bytes) -> None:
        """Run on ``data``; let only a finding escape."""
        try:
            self.run(data)
        except MissingDependencyError:
            raise  # the library's own, but no answer to the input
        except self.allowed:
            pass


def check(name: str, data: bytes) -> None:
    """Run target ``name`` on ``data``; let only a finding escape.

    Examples
    --------
    >>> check("json", b"{")
    >>> check("dates", "31.02.2024".encode())
    """
    TARGETS[name].check(data)


class Hang(Exception):  # noqa: N818 (a hang, reported as what it is)
    """Raised into a target that ran past its time (see ``fuzz/run.py``)."""


def signature(error: BaseException) -> str:
    """Say where a finding comes from: its type and the innermost frame of the library.

    Two inputs with the same signature are taken for the same finding.

    Examples
    --------
    >>> try:
    ...     to_horizon(1.5)
    ... except TypeError as error:
    ...     print(signature(error))
    TypeError in bildungsnetz/model/dates.py:to_horizon
    """
    frames = []
    trace = error.__traceback__
    while trace is not None:
        frames.append(trace.tb_frame.f_code)
        trace = trace.tb_next
    ours = [code for code in frames if Path(code.co_filename).is_relative_to(_PACKAGE)]
    code = (ours or frames)[-1]
    file = Path(code.co_filename)
    place = file.relative_to(_PACKAGE.parent) if ours else Path(*file.parts[-2:])
    return f"{type(error).__name__} in {place.as_posix()}:{code.co_name}"


@cache
def _scratch() -> Path:
    # One folder per process, reused for every input: a fuzzer runs thousands a second.
    return Path(tempfile.mkdtemp(prefix="bildungsnetz-fuzz-"))


def _as_file(data: bytes, suffix: str) -> Path:
    path = _scratch() / f"input{suffix}"
    path.write_bytes(data)
    return path


@cache
def small_network() -> EducationNetwork:
    """Return the network the survey target matches names against: a slice of Musterkreis."""
    from bildungsnetz.datasets import musterkreis  # noqa: PLC0415 (only the survey needs it)

    network = musterkreis()
    keep = {actor.id for actor in network.actors if actor.kind not in {"school", "daycare"}}
    # Posts at a school go with it (their part_of would point at nothing).
    while orphans := {
        actor.id for actor in network.actors if actor.id in keep and actor.part_of not in keep
    } - {actor.id for actor in network.actors if actor.part_of is None}:
        keep -= orphans
    return EducationNetwork(
        name=network.name,
        reference_date=network.reference_date,
        actors=[actor for actor in network.actors if actor.id in keep],
        cooperations=[tie for tie in network.cooperations if set(tie.actors) <= keep],
        programmes=network.programmes,
    )


def _json(data: bytes) -> object:
    return io.loads(data, source="fuzz.json")


def _json_file(data: bytes) -> object:
    return io.load(_as_file(data, ".json"))


def _report(data: bytes) -> object:
    # Beyond the loader: a file that loads must also be analysed and reported without error.
    network = io.loads(data, source="fuzz.json")
    report = find_gaps(network, horizon=365)
    report.to_markdown(lang="en")
    return report.to_json()


def _workbook(suffix: str) -> Callable[[bytes], object]:
    # One reading for every kind of workbook; the suffix picks calamine's reader (and, for
    # .ods, the library's own walk through content.xml).
    def read(data: bytes) -> object:
        return io.read_workbook(_as_file(data, suffix))

    return read


def _csv_folder(data: bytes) -> object:
    folder = _scratch() / "folder"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for part in data.split(SEPARATOR):
        if part:
            (folder / CSV_NAMES[part[0] % len(CSV_NAMES)]).write_bytes(part[1:])
    return io.read_csv_folder(folder)


def _graphml(data: bytes) -> object:
    return io.read_graphml(_as_file(data, ".graphml"))


def _survey(data: bytes) -> object:
    result = io.read_survey(_as_file(data, ".csv"), small_network())
    result.to_markdown()
    return result.apply(small_network())


def _rules(data: bytes) -> object:
    return rules.load(_as_file(data, ".json"))


def _text(data: bytes) -> str:
    # Text parsers get text: the bytes as UTF-8, undecodable bytes as U+FFFD.
    return data.decode("utf-8", errors="replace")


def _dates(data: bytes) -> object:
    text = _text(data)
    for parse in (
        parse_date,
        lambda value: to_day(value, name="as_of"),
        lambda value: to_horizon(value, start=REFERENCE_DAY),
    ):
        with contextlib.suppress(ValueError):
            parse(text)
    return None


def _schedule(data: bytes) -> object:
    # "rule|start": the RRULE, then optionally the start as the JSON form writes it.
    rule, bar, start = _text(data).partition("|")
    describe_rule(rule)  # documented never to raise
    try:
        schedule = MeetingSchedule.model_validate(
            {"rule": rule, "start": start if bar else SCHEDULE_START}
        )
    except ValidationError:
        return None
    # A schedule that was accepted must expand, say itself and round-trip without error.
    schedule.occurrences(*WINDOW)
    schedule.last_before(WINDOW[1])
    schedule.describe("de")
    schedule.describe("en")
    return MeetingSchedule.model_validate(schedule.model_dump(mode="json"))


TARGETS: dict[str, Target] = {
    "json": Target(_json, (BildungsnetzError,)),
    "json_file": Target(_json_file, (BildungsnetzError,)),
    "report": Target(_report, (BildungsnetzError,)),
    "workbook": Target(_workbook(".xlsx"), (BildungsnetzError,)),
    "ods": Target(_workbook(".ods"), (BildungsnetzError,)),
    "csv_folder": Target(_csv_folder, (BildungsnetzError,)),
    "graphml": Target(_graphml, (BildungsnetzError,)),
    "survey": Target(_survey, (BildungsnetzError,)),
    "rules": Target(_rules, (BildungsnetzError,)),
    # parse_date, to_day and to_horizon document ValueError (TypeError only for a value of
    # the wrong type, which text is not): _dates catches ValueError itself, per converter.
    "dates": Target(_dates, ()),
    # MeetingSchedule documents ValueError, which pydantic raises as a ValidationError from
    # the constructor; _schedule allows it there and nowhere else.
    "schedule": Target(_schedule, ()),
}
