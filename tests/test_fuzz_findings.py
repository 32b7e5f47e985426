"""The fuzz targets (fuzz/targets.py) on their seeds and on every finding the fuzzers made.

A finding is an input in ``fuzz/findings/TARGET/`` that makes a loader or parser fail in a
way it does not document. Each one is an expected failure here, strict, with the error it
raises today: when the library is fixed, the test passes, strict xfail turns that into a
failure, and whoever fixed it moves the input from ``findings`` to ``corpus`` and drops it
from :data:`FINDINGS`.
"""

from __future__ import annotations

import importlib.util
import signal
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from bildungsnetz import io
from bildungsnetz.errors import LoadError, LoadProblem
from core_only import CORE_ONLY, extra_packages, installed

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


def _load_targets():
    spec = importlib.util.spec_from_file_location("bildungsnetz_fuzz_targets", FUZZ / "targets.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


targets = _load_targets()

# The extra a target's loader needs; the others need none.
TARGET_EXTRAS = {"workbook": "excel", "ods": "excel", "graphml": "graphml"}
# Processor seconds an input may take before it counts as a hang, as in fuzz/run.py.
HANG_SECONDS = 5.0


@dataclass(frozen=True)
class Finding:
    """An input that fails a target, the error it raises and what is wrong."""

    target: str
    file: str
    raises: type[BaseException]
    reason: str


def _warning(module, name):  # an error type of another package
    return getattr(importlib.import_module(module), name)


FINDINGS: list[Finding] = []


def _needs(target):
    extra = TARGET_EXTRAS.get(target)
    return [] if extra is None else [pytest.mark.requires_extra(extra)]


def _has_extra(target):
    extra = TARGET_EXTRAS.get(target)
    return extra is None or (not CORE_ONLY and all(installed(p) for p in extra_packages()[extra]))


def _raise_hang(signum, frame):
    msg = f"no result after {HANG_SECONDS} seconds of processor time"
    raise targets.Hang(msg)


@pytest.fixture
def bounded():
    """Raise Hang into a run that computes too long (processor time, as fuzz/run.py)."""
    previous = signal.signal(signal.SIGVTALRM, _raise_hang)
    signal.setitimer(signal.ITIMER_VIRTUAL, HANG_SECONDS)
    yield
    signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    signal.signal(signal.SIGVTALRM, previous)


def test_every_loader_and_parser_has_a_target():
    """The targets are the loaders and parsers the fuzzing covers, and fuzz/README.md names."""
    assert set(targets.TARGETS) == {
        "json",
        "json_file",
        "report",
        "workbook",
        "ods",
        "csv_folder",
        "graphml",
        "survey",
        "rules",
        "dates",
        "schedule",
    }
    readme = (FUZZ / "README.md").read_text(encoding="utf-8")
    assert [name for name in targets.TARGETS if f"`{name}`" not in readme] == []


def test_every_target_has_seeds():
    """Each target starts from seeds made from the shipped example (fuzz/make_corpus.py)."""
    assert [t for t in targets.TARGETS if not any((FUZZ / "corpus" / t).iterdir())] == []


ODS_SEEDS = FUZZ / "corpus" / "ods"


@pytest.mark.requires_extra("excel")
@pytest.mark.parametrize("seed", ["slice.ods", "slice-repeated.ods", "slice-errors.ods"])
def test_the_ods_seeds_are_the_workbook_seed(seed):
    """Each .ods seed (written by make_corpus.py, not by the library) reads as the .xlsx one."""
    workbook = io.read_workbook(FUZZ / "corpus" / "workbook" / "slice.xlsx")
    assert io.read_workbook(ODS_SEEDS / seed) == workbook
    assert (ODS_SEEDS / seed).stat().st_size < 8_000


@pytest.mark.requires_extra("excel")
def test_the_stored_ods_seed_is_two_actors_of_the_workbook_seed():
    """Its content.xml is stored as it is (the fuzzer changes the XML) and holds two actors."""
    with zipfile.ZipFile(ODS_SEEDS / "actors-stored.ods") as book:
        assert book.getinfo("content.xml").compress_type == zipfile.ZIP_STORED
    workbook = io.read_workbook(FUZZ / "corpus" / "workbook" / "slice.xlsx")
    actors = io.read_workbook(ODS_SEEDS / "actors-stored.ods").actors
    assert len(actors) == 2
    assert [workbook.actor(actor.id) for actor in actors] == list(actors)


def test_the_ods_seeds_hold_repeats_and_error_cells():
    """The seeds reach what the .ods walk follows: repeated rows and cells, cells showing errors."""

    def content(seed):
        with zipfile.ZipFile(ODS_SEEDS / seed) as book:
            return book.read("content.xml")

    assert b"number-rows-repeated" not in content("slice.ods")
    assert b"number-columns-repeated" in content("slice-repeated.ods")
    assert b'table:number-rows-repeated="1048560"' in content("slice-repeated.ods")
    assert content("slice-errors.ods").count(b'calcext:value-type="error"') == 2
    stored = content("actors-stored.ods")
    assert b"number-columns-repeated" in stored
    assert b"number-rows-repeated" in stored
    assert stored.count(b'calcext:value-type="error"') == 1


SEEDS = [
    pytest.param(target, seed, id=f"{target}/{seed.name}", marks=_needs(target))
    for target in targets.TARGETS
    for seed in sorted((FUZZ / "corpus" / target).iterdir())
]


@pytest.mark.parametrize(("target", "seed"), SEEDS)
def test_every_seed_passes_its_target(target, seed, bounded):
    """A seed is good input: it runs through its target without any error."""
    targets.TARGETS[target].run(seed.read_bytes())


def test_every_finding_is_listed():
    """Every file in fuzz/findings has its expected failure below, and only those."""
    files = {(path.parent.name, path.name) for path in (FUZZ / "findings").glob("*/*")}
    assert files == {(finding.target, finding.file) for finding in FINDINGS}


def _raising(error):
    def run(data):
        raise error

    return run


def test_a_target_lets_out_only_what_is_not_allowed():
    """An allowed error is passed over; any other one, a warning made an error too, escapes."""
    allowed = (targets.BildungsnetzError,)
    targets.Target(_raising(LoadError([LoadProblem("kaputt")])), allowed).check(b"")
    for error in (ValueError("raw"), UserWarning("passed on"), targets.Hang()):
        with pytest.raises(type(error)):
            targets.Target(_raising(error), allowed).check(b"")


@pytest.mark.parametrize(
    "finding",
    [
        pytest.param(
            finding,
            id=f"{finding.target}/{finding.file}",
            marks=[
                *_needs(finding.target),
                pytest.mark.xfail(
                    _has_extra(finding.target),
                    reason=finding.reason,
                    raises=finding.raises,
                    strict=True,
                ),
            ],
        )
        for finding in FINDINGS
    ]
    # With no finding open, one case that says so: an empty parameter set would be a skip.
    or [pytest.param(None, id="none-open")],
)
def test_finding_no_longer_fails(finding, bounded):
    """The input runs through its target with nothing undocumented escaping."""
    if finding is None:
        assert list((FUZZ / "findings").glob("*/*")) == []
        return
    data = (FUZZ / "findings" / finding.target / finding.file).read_bytes()
    try:
        targets.check(finding.target, data)
    except targets.Hang as hang:
        # Where the alarm struck may be a frame pytest cannot show; the reason says enough.
        raise targets.Hang(str(hang)) from None
