"""Every detector's ids, texts and order are independent of record order and hash seed."""

import hashlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis
from bildungsnetz.gaps import DETECTORS, coverage_table, transition_matrix
from strategies_districts import districts, shuffled

HORIZON = 1095


def _options(detector):
    return {"horizon": HORIZON} if "horizon" in inspect.signature(detector).parameters else {}


def findings_json(gaps):
    """The findings as JSON text: what a user reads and diffs, byte for byte."""
    return json.dumps([gap.model_dump(mode="json") for gap in gaps], ensure_ascii=False)


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda detector: detector.__name__)
@given(network=districts(), seed=st.integers(0, 2**32))
def test_every_detector_gives_the_same_json_in_any_record_order(detector, network, seed):
    """Shuffling every collection of a district changes nothing a detector publishes."""
    options = _options(detector)
    expected = findings_json(detector(network, **options))
    assert findings_json(detector(shuffled(network, seed), **options)) == expected


@given(network=districts(), seed=st.integers(0, 2**32))
def test_the_report_and_tables_are_the_same_in_any_record_order(network, seed):
    """find_gaps with a horizon, the transition matrix and the coverage table."""
    other = shuffled(network, seed)
    assert (
        find_gaps(other, horizon=HORIZON).to_json() == find_gaps(network, horizon=HORIZON).to_json()
    )
    assert transition_matrix(other).to_records() == transition_matrix(network).to_records()
    by_institution = transition_matrix(network, by="institution").to_records()
    assert transition_matrix(other, by="institution").to_records() == by_institution
    assert coverage_table(other).to_records() == coverage_table(network).to_records()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_musterkreis_shuffled_gives_the_same_report(seed):
    """The example district in three other record orders: the same JSON report."""
    network = musterkreis()
    expected = find_gaps(network, horizon=HORIZON).to_json()
    assert find_gaps(shuffled(network, seed), horizon=HORIZON).to_json() == expected


_SCRIPT = """
import hashlib, inspect, json, sys
sys.path.insert(0, {tests!r})
from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis
from bildungsnetz.gaps import DETECTORS, transition_matrix
from strategies_districts import shuffled
network = shuffled(musterkreis(), 7)
digest = hashlib.sha256()
for detector in DETECTORS:
    options = {{"horizon": 1095}} if "horizon" in inspect.signature(detector).parameters else {{}}
    gaps = detector(network, **options)
    digest.update(json.dumps([g.model_dump(mode="json") for g in gaps]).encode())
digest.update(find_gaps(network, horizon=1095).to_json().encode())
digest.update(json.dumps(transition_matrix(network, by="institution").to_records()).encode())
print(digest.hexdigest())
"""


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    """Three interpreters with other PYTHONHASHSEEDs print the same digest of every output."""
    tests = str(Path(__file__).parent)
    digests = set()
    for seed in ("0", "1", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", _SCRIPT.format(tests=tests)],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
            cwd=tmp_path,
        )
        digests.add(result.stdout.strip())
    assert len(digests) == 1
    assert len(next(iter(digests))) == len(hashlib.sha256().hexdigest())
