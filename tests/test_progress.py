"""Progress bars: silent and tqdm-free unless asked for, closed even when the run fails."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bildungsnetz._progress import steps
from bildungsnetz.errors import MissingDependencyError


def test_disabled_progress_prints_nothing(capsys):
    with steps(2, enabled=False, description="find_gaps", feature="test") as advance:
        advance("one")
        advance("two", amount=1)
    assert capsys.readouterr() == ("", "")


def test_disabled_progress_does_not_import_tqdm():
    code = (
        "import sys\n"
        "from bildungsnetz._progress import steps\n"
        "with steps(1, enabled=False, description='x', feature='x') as advance:\n"
        "    advance('x')\n"
        "print('tqdm' in sys.modules)\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


@pytest.mark.requires_extra("progress")
def test_enabled_progress_shows_a_bar_of_the_total_on_standard_error(capsys):
    with steps(3, enabled=True, description="find_gaps", feature="test") as advance:
        advance("analysis")
        advance("detectors", amount=2)
    err = capsys.readouterr().err
    assert "find_gaps" in err
    assert "/3" in err


@pytest.mark.requires_extra("progress")
def test_bytes_are_shown_in_binary_multiples(capsys):
    """A 3 MiB file shows a total of 3.00M bytes, not of 3145728."""
    size = 3 * 1024 * 1024
    with steps(size, enabled=True, description="load", unit="B", feature="test") as advance:
        advance("read", amount=size)
    err = capsys.readouterr().err
    assert "/3.00M" in err
    assert str(size) not in err


@pytest.mark.requires_extra("progress")
def test_steps_are_counted_one_by_one(capsys):
    """Steps are not scaled: a total of 1500 steps shows as 1500, never as 1.50k."""
    with steps(1500, enabled=True, description="find_gaps", feature="test") as advance:
        advance("all", amount=1500)
    err = capsys.readouterr().err
    assert "/1500 " in err
    assert "1.50k" not in err


def _failing_run() -> None:
    with steps(2, enabled=True, description="load", feature="test") as advance:
        advance("first")
        message = "broken"
        raise ValueError(message)


@pytest.mark.requires_module("tqdm")
def test_the_bar_is_closed_when_the_run_fails():
    import tqdm  # the test extra installs it; imported here to see the bars

    with pytest.raises(ValueError, match="broken"):
        _failing_run()
    assert len(tqdm.tqdm._instances) == 0


def test_without_tqdm_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with (
        pytest.raises(MissingDependencyError, match=r"bildungsnetz\[progress\]"),
        steps(1, enabled=True, description="load", feature="load(progress=True)"),
    ):
        pass
