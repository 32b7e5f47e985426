"""Run one fuzz target with atheris (coverage-guided, libFuzzer underneath).

Usage::

    python fuzz/run.py TARGET [libFuzzer options]
    python fuzz/run.py json -runs=2000 -seed=1
    python fuzz/run.py schedule -max_total_time=300

The seeds in ``fuzz/corpus/TARGET`` are read first; new inputs that reach new code go to a
temporary folder, never into the repository. An input that computes longer than
``HANG_SECONDS`` (processor time) gets a :class:`targets.Hang` raised into it, so a hang is
reported with the place it loops in; libFuzzer's ``-timeout`` (60 s) catches what the alarm
cannot interrupt, and ``-rss_limit_mb`` (2 GiB) a blow-up of memory. A finding is written
to ``-artifact_prefix`` (default: the temporary folder) and ends the run with a non-zero
status. Warnings are errors, as in the test suite.

The findings already known, the files in ``fuzz/findings/TARGET`` (each reproduced by an
expected failure in ``tests/test_fuzz_findings.py``), are replayed first; an input that
fails the same way (same :func:`targets.signature`) is passed over, so that a run stops
only at something new. ``BILDUNGSNETZ_FUZZ_KNOWN=stop`` stops at the known ones too.
See ``fuzz/README.md``.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import atheris

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

HERE = Path(__file__).resolve().parent
DEFAULTS = {"-timeout": "60", "-rss_limit_mb": "2048", "-max_len": "65536"}
HANG_SECONDS = 5.0


def _arguments(target: str, options: list[str]) -> list[str]:
    work = Path(tempfile.mkdtemp(prefix=f"fuzz-{target}-"))
    given = {option.split("=", 1)[0] for option in options if option.startswith("-")}
    defaults = [f"{key}={value}" for key, value in DEFAULTS.items() if key not in given]
    if "-artifact_prefix" not in given:
        defaults.append(f"-artifact_prefix={work}/")
    # libFuzzer writes new inputs into the first folder and only reads the others.
    return [sys.argv[0], *defaults, *options, str(work), str(HERE / "corpus" / target)]


def _raise_hang(signum: int, frame: FrameType | None) -> None:
    msg = f"no result after {HANG_SECONDS} seconds"
    raise targets.Hang(msg)


def _timed(run: Callable[[bytes], None], data: bytes) -> None:
    signal.setitimer(signal.ITIMER_VIRTUAL, HANG_SECONDS)
    try:
        run(data)
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)


def _known(target: str) -> set[str]:
    """Replay the known findings of ``target``; return how each of them fails."""
    found = set()
    for file in sorted((HERE / "findings" / target).glob("*")):
        try:
            _timed(lambda data: targets.check(target, data), file.read_bytes())
        except Exception as error:
            found.add(targets.signature(error))
        else:
            print(f"fuzz: known finding {file.name} no longer fails (fixed?)", file=sys.stderr)
    return found


def _checker(target: str) -> Callable[[bytes], None]:
    known = set() if os.environ.get("BILDUNGSNETZ_FUZZ_KNOWN") == "stop" else _known(target)
    print(f"fuzz: passing over {len(known)} known finding(s): {sorted(known)}", file=sys.stderr)

    def check(data: bytes) -> None:
        try:
            _timed(lambda data: targets.check(target, data), data)
        except Exception as error:
            if targets.signature(error) not in known:
                raise

    return check


def main() -> None:
    """Fuzz the target named on the command line."""
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):  # noqa: PLR2004 (program and target)
        sys.exit(__doc__)
    target, options = sys.argv[1], sys.argv[2:]
    sys.path.insert(0, str(HERE))
    global targets  # noqa: PLW0603 (imported here, under instrumentation, for coverage)
    # Coverage of bildungsnetz guides every target; dateutil's parser only the dates target:
    # instrumented, dateutil's rrule runs many times slower and seems to hang.
    instrumented = ["bildungsnetz", "dateutil.parser"] if target == "dates" else ["bildungsnetz"]
    with atheris.instrument_imports(include=instrumented):
        import targets  # noqa: PLC0415
    if target not in targets.TARGETS:
        known = ", ".join(targets.TARGETS)
        sys.exit(f"unknown target {target!r}; known: {known}")
    if target == "survey":
        targets.small_network()  # built once, before the clock of the first input runs
    signal.signal(signal.SIGVTALRM, _raise_hang)
    # As in the test suite, a warning is an error: a library must not pass one on.
    warnings.simplefilter("error")
    atheris.Setup(_arguments(target, options), _checker(target))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
