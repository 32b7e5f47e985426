"""find_gaps(progress=True): a bar on standard error, one step per detector; silent by default.

Also what find_gaps does around the run: the cyclic garbage collector is paused while the
report is made and restored after, even when the run fails.
"""

from __future__ import annotations

import gc
import sys

import pytest

import bildungsnetz.gaps.find as find_module
from bildungsnetz._optional import require
from bildungsnetz.datasets import musterkreis
from bildungsnetz.errors import MissingDependencyError
from bildungsnetz.gaps import find_gaps


def test_find_gaps_is_silent_by_default(capsys):
    """Without progress=True nothing is printed, on either stream."""
    find_gaps(musterkreis().replace(), horizon=1095)
    assert capsys.readouterr() == ("", "")


@pytest.mark.requires_extra("progress")
def test_progress_draws_a_bar_named_find_gaps_on_standard_error(capsys):
    """The bar is on standard error, titled find_gaps; standard output stays clean."""
    find_gaps(musterkreis().replace(), progress=True)
    out, err = capsys.readouterr()
    assert out == ""
    assert "find_gaps" in err
    assert "step" in err


@pytest.fixture
def counting(monkeypatch):
    """Replace tqdm's bar by one that counts its steps and labels; return its class."""
    tqdm = require("tqdm", extra="progress", feature="find_gaps(progress=True)")

    class _Counting(tqdm.tqdm):
        """A bar that remembers its total, every step and every label it was given."""

        bars: list[tqdm.tqdm] = []  # noqa: RUF012 (the bars of one test, read after the run)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.steps, self.labels = 0, []
            _Counting.bars.append(self)

        def update(self, n=1):
            self.steps += n
            return super().update(n)

        def set_postfix_str(self, s="", refresh=True):
            self.labels.append(s)
            return super().set_postfix_str(s, refresh)

    monkeypatch.setattr(tqdm, "tqdm", _Counting)
    return _Counting


@pytest.mark.requires_extra("progress")
@pytest.mark.parametrize("horizon", [None, 1095])
def test_the_bar_reaches_its_total_one_step_per_detector(counting, horizon):
    """Every detector, the analysis and the suggestions are a step; the last fills the bar."""
    find_gaps(musterkreis().replace(), horizon=horizon, progress=True)
    (bar,) = counting.bars
    assert bar.steps == bar.total
    assert bar.labels[0] == "analysis"
    assert "find_missing_required_ties" in bar.labels
    assert ("find_expiring_critical_ties" in bar.labels) == (horizon is not None)
    assert bar.labels[-1] == "suggestions"


@pytest.mark.requires_extra("progress")
def test_the_bar_is_full_when_the_day_was_judged_before(counting):
    """A second report of the same network reuses the detectors' findings, in one step."""
    network = musterkreis().replace()
    find_gaps(network)
    counting.bars = []
    find_gaps(network, progress=True)
    (bar,) = counting.bars
    assert bar.steps == bar.total


@pytest.mark.requires_extra("progress")
def test_progress_changes_nothing_in_the_report():
    """The same JSON with and without the bar."""
    expected = find_gaps(musterkreis().replace(), horizon=1095).to_json()
    assert find_gaps(musterkreis().replace(), horizon=1095, progress=True).to_json() == expected


def test_without_tqdm_progress_names_the_extra(monkeypatch):
    """tqdm missing: MissingDependencyError names the extra and what asked for it."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(MissingDependencyError, match=r"bildungsnetz\[progress\]") as caught:
        find_gaps(musterkreis(), progress=True)
    assert "find_gaps(progress=True)" in str(caught.value)


def test_without_tqdm_the_default_run_needs_no_tqdm(monkeypatch):
    """Silent runs never import tqdm."""
    monkeypatch.setitem(sys.modules, "tqdm", None)
    assert len(find_gaps(musterkreis().replace())) > 0


def test_the_collector_is_running_again_after_a_report():
    """gc is enabled after find_gaps, as before it."""
    find_gaps(musterkreis().replace())
    assert gc.isenabled()


def test_the_collector_is_running_again_after_a_failed_report():
    """A horizon that cannot be read fails inside the run; gc is enabled all the same."""
    with pytest.raises(ValueError, match="horizon"):
        find_gaps(musterkreis().replace(), horizon="nächstes Jahr")
    assert gc.isenabled()


def test_a_paused_collector_stays_paused():
    """A caller who paused the collector gets it back paused."""
    gc.disable()
    try:
        find_gaps(musterkreis().replace())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_paused_during_the_run(monkeypatch):
    """While the detectors run, the collector does not (checked from inside a detector)."""
    seen = []
    original = find_module.find_expiring_critical_ties

    def spying(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(find_module, "find_expiring_critical_ties", spying)
    find_gaps(musterkreis().replace(), horizon=1095)
    assert seen == [False]


@pytest.mark.parametrize("frozen", [False, True])
def test_the_collector_keeps_its_thresholds_and_frozen_objects(frozen):
    """Thresholds and the caller's frozen objects as before; what the run keeps is old."""
    threshold = gc.get_threshold()
    network = musterkreis().replace()
    if frozen:
        gc.freeze()
    try:
        before = gc.get_freeze_count()
        report = find_gaps(network)
        assert gc.get_threshold() == threshold
        assert gc.isenabled()
        young = [gc.get_objects(generation=0), gc.get_objects(generation=1)]
        in_young = any(item is report for generation in young for item in generation)
        if frozen:
            # Nothing of the run is frozen (frozen objects can only have been freed).
            assert gc.get_freeze_count() <= before
            assert in_young
        else:
            # Nothing is frozen, and the report was handed to the oldest generation.
            assert gc.get_freeze_count() == before == 0
            assert not in_young
            assert any(item is report for item in gc.get_objects(generation=2))
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
