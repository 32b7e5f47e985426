"""The command line draws progress bars only for large work on a terminal."""

from __future__ import annotations

import io as text_io

import pytest

from bildungsnetz import cli
from bildungsnetz.datasets import example_path


class _Terminal(text_io.StringIO):
    def isatty(self) -> bool:
        return True


def _asked(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record the progress flags the command passes to load and find_gaps."""
    flags: list[bool] = []
    real_load, real_find = cli.load, cli.find_gaps

    def load(path, *, progress=False):
        flags.append(progress)
        return real_load(path)

    def find_gaps(*args, progress=False, **kwargs):
        flags.append(progress)
        return real_find(*args, **kwargs)

    monkeypatch.setattr(cli, "load", load)
    monkeypatch.setattr(cli, "find_gaps", find_gaps)
    return flags


def test_a_small_file_on_a_terminal_gets_no_bar(monkeypatch):
    flags = _asked(monkeypatch)
    monkeypatch.setattr("sys.stderr", _Terminal())
    assert cli.main(["report", str(example_path())], stdout=text_io.StringIO()) == 0
    assert flags == [False, False]


@pytest.mark.requires_module("tqdm")
def test_a_large_file_on_a_terminal_gets_bars(monkeypatch):
    flags = _asked(monkeypatch)
    monkeypatch.setattr("sys.stderr", _Terminal())
    monkeypatch.setattr(cli, "_LARGE_FILE", 1)
    monkeypatch.setattr(cli, "_LARGE_NETWORK", 1)
    assert cli.main(["report", str(example_path())], stdout=text_io.StringIO()) == 0
    assert flags == [True, True]


def test_large_work_without_a_terminal_gets_no_bar(monkeypatch):
    flags = _asked(monkeypatch)
    monkeypatch.setattr("sys.stderr", text_io.StringIO())
    monkeypatch.setattr(cli, "_LARGE_FILE", 1)
    monkeypatch.setattr(cli, "_LARGE_NETWORK", 1)
    assert cli.main(["report", str(example_path())], stdout=text_io.StringIO()) == 0
    assert flags == [False, False]


def test_without_tqdm_a_terminal_gets_no_bar_and_no_error(monkeypatch):
    flags = _asked(monkeypatch)
    monkeypatch.setattr("sys.stderr", _Terminal())
    monkeypatch.setattr(cli, "_LARGE_FILE", 1)
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: None)
    assert cli.main(["validate", str(example_path())], stdout=text_io.StringIO()) == 0
    assert flags == [False]
