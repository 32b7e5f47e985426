"""Time find_gaps and every detector on the example district and on synthetic networks.

Each network size runs in a fresh child process, so its peak memory (ru_maxrss) is its own.
Every step is repeated and its median reported; the last column divides the median by the
number of cooperations, so near-linear steps show a roughly constant cost per tie from
district to state size.

Usage::

    python benchmarks/run.py                      # Musterkreis, a district, a state
    python benchmarks/run.py --sizes 80 900 --repeat 5
    python benchmarks/run.py --sizes 40000 --repeat 1   # all of Germany (minutes, ~5 GB)

For Musterkreis it also times reading the network from JSON, from a workbook and from a
CSV folder, one after another in the same process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bildungsnetz import io
from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import DETECTORS, find_gaps
from bildungsnetz.gaps._analysis import analyse

if TYPE_CHECKING:
    from collections.abc import Callable

SIZES = ("example", "80", "900")
AS_OF = date(2025, 11, 1)
HORIZON = timedelta(days=3 * 365)


def _median_seconds(
    step: Callable[[Any], Any], repeat: int, setup: Callable[[], Any] = lambda: None
) -> float:
    """Median wall time of ``step(setup())``; the setup is not timed."""
    times = []
    for _ in range(repeat):
        prepared = setup()
        start = time.perf_counter()
        step(prepared)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _network(size: str) -> Any:
    return musterkreis() if size == "example" else synthetic(int(size), seed=0)


def _fresh(network: Any) -> Any:
    # Analyses are cached on the (immutable) network; an equal copy starts cold.
    return network.replace()


def _reading(network: Any, repeat: int) -> list[tuple[str, float]]:
    """Time reading the network from JSON, a workbook and a CSV folder, side by side."""
    folder = Path(tempfile.mkdtemp(prefix="bildungsnetz-bench-"))
    try:
        io.save(network, folder / "netz.json")
        io.write_workbook(network, folder / "netz.xlsx", lang="de")
        io.write_csv_folder(network, folder / "csv", lang="de")
        return [
            (
                "read JSON (io.load)",
                _median_seconds(lambda _: io.load(folder / "netz.json"), repeat),
            ),
            (
                "read workbook (io.read_workbook)",
                _median_seconds(lambda _: io.read_workbook(folder / "netz.xlsx"), repeat),
            ),
            (
                "read CSV folder (io.read_csv_folder)",
                _median_seconds(lambda _: io.read_csv_folder(folder / "csv"), repeat),
            ),
        ]
    finally:
        shutil.rmtree(folder)


def _measure(size: str, repeat: int) -> list[tuple[str, float]]:
    rows = [("build network", _median_seconds(lambda _: _network(size), 1))]
    network = _network(size)
    if size == "example":
        rows += _reading(network, repeat)
    rows.append(("check integrity (copy)", _median_seconds(lambda _: _fresh(network), repeat)))
    rows.append(
        (
            "analysis (snapshot, CSR graph)",
            _median_seconds(
                lambda fresh: analyse(fresh, as_of=AS_OF), repeat, lambda: _fresh(network)
            ),
        )
    )

    def prepared() -> Any:
        # Each detector starts from a network whose shared analysis exists but whose
        # detector caches are empty, as inside find_gaps.
        fresh = _fresh(network)
        analyse(fresh, as_of=AS_OF)
        return fresh

    for detector in DETECTORS:
        keywords: dict[str, Any] = {"as_of": AS_OF}
        if detector.__name__ in {
            "find_funding_cliffs",
            "find_temporary_placements",
            "find_expiring_critical_ties",
        }:
            keywords["horizon"] = HORIZON
        rows.append(
            (
                detector.__name__,
                _median_seconds(lambda w, d=detector, k=keywords: d(w, **k), repeat, prepared),
            )
        )
    rows.append(
        (
            "find_gaps (cold, horizon)",
            _median_seconds(
                lambda fresh: find_gaps(fresh, as_of=AS_OF, horizon=HORIZON),
                repeat,
                lambda: _fresh(network),
            ),
        )
    )
    return rows


def _child(size: str, repeat: int, queue: Any) -> None:
    network = _network(size)
    rows = _measure(size, repeat)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((len(network.actors), len(network.cooperations), rows, peak_mb))


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for every size asked for and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=list(SIZES),
        help="'example' or numbers of schools for synthetic networks",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per step (median)")
    arguments = parser.parse_args(argv)
    context = multiprocessing.get_context("spawn")
    results = {}
    for size in arguments.sizes:
        queue = context.Queue()
        process = context.Process(target=_child, args=(size, arguments.repeat, queue))
        process.start()
        results[size] = queue.get()
        process.join()
    _print(results, arguments.repeat)
    return 0


def _print(results: dict[str, Any], repeat: int) -> None:
    print(f"median of {repeat} runs per step; as_of {AS_OF}, horizon {HORIZON.days} days")
    for size, (actors, ties, rows, peak_mb) in results.items():
        label = "Musterkreis" if size == "example" else f"synthetic, {size} schools"
        print(f"\n{label}: {actors:,} actors, {ties:,} cooperations, peak {peak_mb:,.0f} MB")
        print(f"  {'step':<40} {'seconds':>10} {'µs per tie':>12}")
        for name, seconds in rows:
            per_tie = seconds / ties * 1e6 if ties else float("nan")
            print(f"  {name:<40} {seconds:>10.3f} {per_tie:>12.2f}")


if __name__ == "__main__":
    sys.exit(main())
