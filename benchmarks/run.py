"""Time loading and find_gaps at district, state and national size, beside plain networkx.

For every network it prints each phase with its median over ``--repeat`` runs (wall clock
and CPU seconds, microseconds per tie, the peak resident memory during the phase), the
peak memory of the process that loads the file and of the process that analyses it, the
memory the loaded network holds per tie, and two yardsticks measured in the same run:
building a plain ``nx.Graph`` of the same ties, and the straightforward networkx
composition that answers the same structural questions on ``graph.to_graph(network)``.
The targets of issue 10 are printed beside the measured values with PASS or FAIL.

Usage::

    python benchmarks/run.py                                # district and state
    python benchmarks/run.py --scale state --repeat 5
    python benchmarks/run.py --scale national --cache ~/.cache/bildungsnetz-bench
    python benchmarks/run.py --schools 2000 4000 --json scaling.json

``docs/performance.md`` explains every phase, ratio and target, and the ``--json`` schema.

Each network is written to a JSON file once (cached by size, seed and bildungsnetz
version in ``--cache``, by default a temporary directory removed afterwards). Then three
fresh child processes read that file, so each one's peak memory is its own: one times
``io.load``, one the analysis phases and the plain build, one the networkx composition.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import functools
import gc
import inspect
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

import bildungsnetz
from bildungsnetz import io
from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.datasets.synthetic import MAX_SCHOOLS
from bildungsnetz.gaps import DETECTORS, find_gaps
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.graph import to_graph
from bildungsnetz.model import Intensity
from bildungsnetz.rules import (
    GroupLinkage,
    NoSinglePointOfFailure,
    RequiredTie,
    RequiredTransitionCooperation,
    default_rules,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from bildungsnetz import EducationNetwork
    from bildungsnetz.rules import RuleSet

SCHEMA = "bildungsnetz-benchmark/1"
AS_OF = date(2025, 11, 1)
HORIZON = timedelta(days=1095)
DEFAULT_REPEAT = 3
NATIONAL_REPEAT = 1
CONSTRAINT_SAMPLE = 200
"""At most this many subject actors get ``nx.constraint``; its time is scaled up to all."""
CHILD = "--child"
"""First argument of the script when it runs as one of its own child processes."""
GB = 10**9
KB = 10**3

PLAIN_BUILD = "plain nx.Graph build"
FIND_GAPS = "find_gaps, cold"
FIND_GAPS_HORIZON = f"find_gaps, cold, horizon {HORIZON.days} days"
COMPOSITION = "networkx composition, total"
COMPOSITION_LINEAR = "networkx composition, without constraint"
MATCHED = "analysis + matching detectors"
MATCHED_LINEAR = "analysis + matching detectors, without constraint"
MATCHING_DETECTORS = (
    "find_missing_required_ties",
    "find_shallow_cooperation",
    "find_unreachable",
    "find_cut_actors",
    "find_cut_ties",
    "find_dependent_actors",
    "find_isolated_actors",
    "find_underlinked_groups",
    "find_insular_groups",
    "find_transitions_without_cooperation",
)
"""The detectors that answer the questions the networkx composition answers."""


@dataclass(frozen=True)
class Spec:
    """One network to measure: Musterkreis (``schools`` None) or ``synthetic(schools, seed)``."""

    schools: int | None
    seed: int = 0

    @property
    def label(self) -> str:
        """How the network is named in the output."""
        if self.schools is None:
            return "Musterkreis"
        return f"synthetic({self.schools}, seed={self.seed})"

    @property
    def key(self) -> str:
        """The spelling used on the command line of a child and in cache file names."""
        return "musterkreis" if self.schools is None else f"synthetic-{self.schools}-{self.seed}"

    @classmethod
    def parse(cls, key: str) -> Spec:
        """Read :attr:`key` back."""
        if key == "musterkreis":
            return cls(None)
        _, schools, seed = key.split("-")
        return cls(int(schools), int(seed))

    def build(self) -> EducationNetwork:
        """Generate the network."""
        if self.schools is None:
            return musterkreis()
        return synthetic(self.schools, seed=self.seed)


SCALES: dict[str, tuple[Spec, ...]] = {
    "district": (Spec(80), Spec(None)),
    "state": (Spec(900),),
    "national": (Spec(40_000),),
}
"""The networks of each scale: a district of 80 schools (and the shipped Musterkreis), a
state of 900 schools (Sachsen-Anhalt has 859 general schools), all of Germany."""


# Measuring -------------------------------------------------------------------------------


def _peak_bytes() -> int:
    """Peak resident memory of this process (``ru_maxrss``) in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak) if sys.platform == "darwin" else int(peak) * 1024


_DISCARDED_PEAK = [0]
"""The highest peak that :func:`_reset_peak` has cleared so far in this process."""


def _reset_peak() -> bool:
    """Start a new peak (Linux ``clear_refs``); False where the system cannot."""
    _DISCARDED_PEAK[0] = max(_DISCARDED_PEAK[0], _peak_bytes())
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _process_peak() -> int:
    """Peak resident memory of this process since it started, resets or not."""
    return max(_DISCARDED_PEAK[0], _peak_bytes())


def _trim() -> None:
    """Return the heap's free memory to the system (glibc), so that RSS is what is live."""
    with contextlib.suppress(OSError, AttributeError):
        # glibc keeps freed memory for reuse; returning it makes the figure what is live.
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _resident_bytes() -> int | None:
    """Resident memory of this process now, after collecting and trimming the heap."""
    gc.collect()
    _trim()
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


@dataclass
class Phase:
    """The runs of one phase: wall and CPU seconds, peak memory, what it found."""

    name: str
    group: str
    counted: bool = True
    runs: list[float] = field(default_factory=list)
    cpu_runs: list[float] = field(default_factory=list)
    peak_rss_bytes: int | None = None
    scale: float = 1.0
    answer: int | None = None
    note: str | None = None

    def record(self, wall: float, cpu: float, peak: int | None) -> None:
        """Add one run; times are multiplied by :attr:`scale` (1 unless sampled)."""
        self.runs.append(wall * self.scale)
        self.cpu_runs.append(cpu * self.scale)
        if peak is not None:
            self.peak_rss_bytes = max(self.peak_rss_bytes or 0, peak)

    @property
    def seconds(self) -> float | None:
        """Median wall-clock seconds, None if it did not run."""
        return statistics.median(self.runs) if self.runs else None

    def to_json(self) -> dict[str, Any]:
        """Return the phase as ``--json`` writes it."""
        return {
            "name": self.name,
            "group": self.group,
            "counted": self.counted,
            "seconds": self.seconds,
            "cpu_seconds": statistics.median(self.cpu_runs) if self.cpu_runs else None,
            "runs": self.runs,
            "cpu_runs": self.cpu_runs,
            "peak_rss_bytes": self.peak_rss_bytes,
            "answer": self.answer,
            "note": self.note,
        }


def _measure(phase: Phase, run: Callable[[], Any], *, peaks: bool) -> Any:
    """Run once, timed, with the collector as the library leaves it; return the result."""
    gc.collect()
    if peaks:
        # The phase's peak starts from what is live, not from what earlier phases freed.
        _trim()
    tracked = peaks and _reset_peak()
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    phase.record(wall, cpu, _peak_bytes() if tracked else None)
    return result


# Child: loading ---------------------------------------------------------------------------


def _load_task(path: Path, repeat: int) -> dict[str, Any]:
    """Time ``io.load`` and measure the peak and the memory the loaded network holds."""
    phase = Phase("io.load", "load")
    before = _resident_bytes()
    network = _measure(phase, lambda: io.load(path), peaks=False)
    load_peak = phase.peak_rss_bytes = _peak_bytes()
    after = _resident_bytes()
    counts = {"actors": len(network.actors), "cooperations": len(network.cooperations)}
    del network
    for _ in range(repeat - 1):
        _measure(phase, lambda: io.load(path), peaks=False)
    held = None if before is None or after is None else after - before
    return {
        **counts,
        "phases": [phase.to_json()],
        "load_peak_rss_bytes": load_peak,
        "held_after_load_bytes": held,
    }


# Child: the analysis ----------------------------------------------------------------------


MEMO = "_memo"
"""The private attribute in which a network keeps what it has computed (its analyses)."""


def _private(network: EducationNetwork) -> dict[str, Any]:
    """Return the private attributes of the network, checking that it has a memo."""
    private = network.__pydantic_private__
    if private is None or MEMO not in private:
        # Without it a copy could not be made cold; measuring warm caches would be wrong.
        msg = f"EducationNetwork has no private attribute {MEMO!r} any more; update run.py"
        raise RuntimeError(msg)
    return private


def _memo(network: EducationNetwork) -> dict[Any, Any]:
    """Return the dictionary of results memoised on the network (see :data:`MEMO`)."""
    memo: dict[Any, Any] = _private(network)[MEMO]
    return memo


def _fresh(network: EducationNetwork) -> EducationNetwork:
    """Return an equal network that has computed nothing yet, as one just loaded.

    Analyses are memoised on the (immutable) network, so an equal copy with an empty memo
    starts cold. The copy shares the records and the lookup tables, which are built once
    and never change, instead of validating and checking everything again as
    ``network.replace()`` does (seconds per copy at national size, for each phase).
    """
    copy = network.model_copy()
    # model_copy gives the copy its own dictionary of private attributes, holding the
    # same memo; the copy gets an empty one.
    _private(copy)[MEMO] = {}
    return copy


def _integrity_check(network: EducationNetwork) -> EducationNetwork:
    # An equal network built anew: every network-level check and the lookup tables.
    return network.replace()


class SharedAnalysis:
    """A cold copy with the shared analysis done, put back to that state for each detector.

    Inside ``find_gaps`` every detector starts from the shared analysis of the day, with
    no detector's results cached yet. Preparing that state anew for each of the
    detectors (an equal copy and ``analyse``) took minutes at national size, so it is
    prepared once per round and, before each detector, everything the previous detector
    added is removed again: the entries of every memo (the network's and its snapshots',
    among them the analyses of other days) and the attributes and caches of the analysis
    and its compact graph (cached properties, and the dictionaries that ``analyse`` leaves
    empty).
    """

    def __init__(self, network: EducationNetwork) -> None:
        self.network = _fresh(network)
        analysis = analyse(self.network, as_of=AS_OF)
        networks = {id(self.network): self.network, id(analysis.network): analysis.network}
        networks |= {
            id(value): value
            for value in _memo(self.network).values()
            if isinstance(value, type(network))
        }
        self._memos = [(memo, dict(memo)) for memo in map(_memo, networks.values())]
        self._objects = [(item, dict(vars(item))) for item in (analysis, analysis.graph)]
        # The caches analyse leaves empty (the analysis's cache, masks, distances).
        self._emptied = [
            value
            for _, attributes in self._objects
            for value in attributes.values()
            if isinstance(value, dict) and not value
        ]

    def restored(self) -> EducationNetwork:
        """Return the network with its shared analysis exactly as ``analyse`` left it."""
        for memo, entries in self._memos:
            memo.clear()
            memo.update(entries)
        for item, attributes in self._objects:
            vars(item).clear()
            vars(item).update(attributes)
        for cache in self._emptied:
            cache.clear()
        return self.network


def plain_graph(network: EducationNetwork) -> nx.Graph:
    """Build the plain ``nx.Graph`` of the network's actors and cooperations (the yardstick)."""
    graph = nx.Graph()
    graph.add_nodes_from(actor.id for actor in network.actors)
    graph.add_edges_from(tie.actors for tie in network.cooperations)
    return graph


def _detector_call(detector: Callable[..., Any]) -> Callable[[EducationNetwork], Any]:
    keywords: dict[str, Any] = {"as_of": AS_OF}
    if "horizon" in inspect.signature(detector).parameters:
        keywords["horizon"] = HORIZON
    return lambda network: detector(network, **keywords)


class _Round:
    """What the phases of one round start from: the loaded network, a cold or analysed copy."""

    def __init__(self, network: EducationNetwork) -> None:
        self._network = network
        self._shared: SharedAnalysis | None = None

    def loaded(self) -> EducationNetwork:
        """Return the network as loaded (dropping the shared analysis, if any)."""
        self._shared = None
        return self._network

    def cold(self) -> EducationNetwork:
        """Return a new cold copy (dropping the shared analysis, if any)."""
        self._shared = None
        return _fresh(self._network)

    def analysed(self) -> EducationNetwork:
        """Return the round's shared analysed copy, restored (made on first use)."""
        if self._shared is None:
            self._shared = SharedAnalysis(self._network)
        return self._shared.restored()


Step = tuple[Phase, "Callable[[_Round], Any]", "Callable[[Any], Any]"]


def _analysis_steps() -> list[Step]:
    """Every analysis phase in order: the phase, its untimed setup and its timed run."""
    steps: list[Step] = [
        (Phase("integrity check", "analysis"), _Round.loaded, _integrity_check),
        (Phase("shared analysis", "analysis"), _Round.cold, lambda n: analyse(n, as_of=AS_OF)),
    ]
    steps += [
        (Phase(detector.__name__, "detector"), _Round.analysed, _detector_call(detector))
        for detector in DETECTORS
    ]
    steps += [
        (Phase(FIND_GAPS, "find_gaps"), _Round.cold, lambda n: find_gaps(n, as_of=AS_OF)),
        (
            Phase(FIND_GAPS_HORIZON, "find_gaps"),
            _Round.cold,
            lambda n: find_gaps(n, as_of=AS_OF, horizon=HORIZON),
        ),
        (Phase(PLAIN_BUILD, "reference"), _Round.loaded, plain_graph),
    ]
    return steps


def _answer(result: Any) -> int | None:
    """How many findings (or ties) a phase produced, to show it did its work."""
    if hasattr(result, "gaps"):
        return len(result.gaps)
    if isinstance(result, list):
        return len(result)
    if isinstance(result, nx.Graph):
        return int(result.number_of_edges())
    return None


def _analysis_task(path: Path, repeat: int) -> dict[str, Any]:
    """Time the analysis, every detector, find_gaps and the plain build, round by round."""
    network = io.load(path)
    load_peak = _peak_bytes()
    per_phase = _reset_peak()
    steps = _analysis_steps()
    # Round by round rather than phase by phase, so that a busy spell of the shared
    # machine spreads over all phases instead of falling on one.
    for _ in range(repeat):
        start = _Round(network)
        for phase, setup, run in steps:
            prepared = setup(start)
            result = _measure(phase, functools.partial(run, prepared), peaks=True)
            phase.answer = _answer(result)
            del prepared, result
        del start
    return {
        "phases": [phase.to_json() for phase, _, _ in steps],
        "load_peak_rss_bytes": load_peak,
        "process_peak_rss_bytes": _process_peak(),
        "peaks_per_phase": per_phase,
    }


# Child: the straightforward networkx composition ------------------------------------------


@dataclass
class Composition:
    """What the steps of the networkx composition share: the network, rules and graphs."""

    network: EducationNetwork
    rules: RuleSet = field(default_factory=default_rules)
    multigraph: Any = None
    graph: Any = None
    isolates: list[str] = field(default_factory=list)


def nx_to_graph(state: Composition) -> int:
    """Convert the network on the day into a MultiGraph with attributes (``to_graph``)."""
    state.multigraph = to_graph(state.network, as_of=AS_OF)
    return int(state.multigraph.number_of_edges())


def nx_simple_graph(state: Composition) -> int:
    """Collapse parallel ties: ``nx.Graph(multigraph)``."""
    state.graph = nx.Graph(state.multigraph)
    return int(state.graph.number_of_edges())


def _counts(rule: RequiredTie, data: dict[str, Any]) -> bool:
    """Whether a tie's kind and intensity satisfy a direct required-tie rule."""
    if rule.kinds and data["kind"] not in rule.kinds:
        return False
    if rule.min_intensity is None:
        return True
    return data["intensity"] is not None and Intensity(data["intensity"]) >= rule.min_intensity


def nx_required_ties(state: Composition) -> set[tuple[str, str]]:
    """Subjects of each direct RequiredTie rule with too few partners over qualifying ties."""
    network, multigraph = state.network, state.multigraph
    missing = set()
    for rule in state.rules.of_type(RequiredTie):
        if rule.within != 1:
            continue
        for node in multigraph:
            if not rule.subject.matches(network.actor(node)):
                continue
            partners = {
                other
                for _, other, data in multigraph.edges(node, data=True)
                if rule.partner.matches(network.actor(other)) and _counts(rule, data)
            }
            if len(partners) < rule.min_partners:
                missing.add((rule.id, node))
    return missing


def nx_reach(state: Composition) -> set[tuple[str, str]]:
    """Subjects of each RequiredTie rule over several steps that reach no partner in time."""
    network, graph = state.network, state.graph
    unreachable = set()
    for rule in state.rules.of_type(RequiredTie):
        if rule.within == 1:
            continue
        sources = [node for node in graph if rule.partner.matches(network.actor(node))]
        reached = (
            nx.multi_source_dijkstra_path_length(graph, sources, cutoff=rule.within)
            if sources
            else {}
        )
        unreachable |= {
            (rule.id, node)
            for node in graph
            if node not in reached and rule.subject.matches(network.actor(node))
        }
    return unreachable


def nx_cut_actors(state: Composition) -> set[str]:
    """``nx.articulation_points``."""
    return set(nx.articulation_points(state.graph))


def nx_cut_ties(state: Composition) -> list[tuple[str, str]]:
    """``nx.bridges`` of the simple graph that are not doubled by a parallel tie."""
    multigraph = state.multigraph
    return [
        (one, other)
        for one, other in nx.bridges(state.graph)
        if multigraph.number_of_edges(one, other) == 1
    ]


def nx_components(state: Composition) -> int:
    """``nx.connected_components`` and ``nx.isolates``; the number of components."""
    components = list(nx.connected_components(state.graph))
    state.isolates = list(nx.isolates(state.graph))
    return len(components)


def constraint_subjects(state: Composition) -> tuple[list[str], list[str]]:
    """Subjects with two or more contacts, and the sample of them ``nx.constraint`` gets.

    The sample takes every k-th subject in id order, so that it is spread over the whole
    network, and has at most :data:`CONSTRAINT_SAMPLE` actors.
    """
    network, graph = state.network, state.graph
    subjects = sorted(
        {
            node
            for rule in state.rules.of_type(NoSinglePointOfFailure)
            for node in graph
            if graph.degree(node) >= 2 and rule.subject.matches(network.actor(node))  # noqa: PLR2004 (one contact is a cut tie)
        }
    )
    step = max(1, math.ceil(len(subjects) / CONSTRAINT_SAMPLE))
    return subjects, subjects[::step]


def nx_constraint(state: Composition, sample: Sequence[str]) -> set[str]:
    """``nx.constraint`` of the sampled subjects; those at or above the rule's maximum."""
    scores = nx.constraint(state.graph, nodes=sample)
    limits = [rule.max_constraint for rule in state.rules.of_type(NoSinglePointOfFailure)]
    return {node for node, value in scores.items() if any(value >= limit for limit in limits)}


def nx_insular_groups(state: Composition) -> list[str]:
    """E-I index of every municipality over the simple graph; the insular ones."""
    graph, multigraph = state.graph, state.multigraph
    groups = {node: multigraph.nodes[node]["municipality"] or "" for node in graph}
    sizes = Counter(groups.values())
    internal: Counter[str] = Counter()
    external: Counter[str] = Counter()
    for one, other in graph.edges():
        if groups[one] == groups[other]:
            internal[groups[one]] += 1
        else:
            external[groups[one]] += 1
            external[groups[other]] += 1
    insular = []
    for group in sorted(sizes):
        ties = internal[group] + external[group]
        if group and sizes[group] >= 3 and ties:  # noqa: PLR2004 (as find_insular_groups)
            index = (external[group] - internal[group]) / ties
            if index <= state.rules.insular_threshold:
                insular.append(group)
    return insular


def nx_underlinked_groups(state: Composition) -> list[str]:
    """Ties between the two groups of each GroupLinkage rule against ``D1 * D2 / 2m``."""
    network, graph = state.network, state.graph
    underlinked = []
    for rule in state.rules.of_type(GroupLinkage):
        first = {node for node in graph if rule.first.matches(network.actor(node))}
        second = {
            node for node in graph if node not in first and rule.second.matches(network.actor(node))
        }
        ties = sum(
            1
            for one, other in graph.edges()
            if (one in first and other in second) or (one in second and other in first)
        )
        degrees = dict(graph.degree())
        expected = (
            sum(degrees[node] for node in first)
            * sum(degrees[node] for node in second)
            / (2 * max(1, graph.number_of_edges()))
        )
        if expected and ties / expected < rule.min_ratio:
            underlinked.append(rule.id)
    return underlinked


def nx_transitions(state: Composition) -> int:
    """Flows of the day with enough pupils whose two ends are not within the rule's steps."""
    graph = state.graph
    unmatched = 0
    for rule in state.rules.of_type(RequiredTransitionCooperation):
        for flow in state.network.as_of(AS_OF).flows:
            if flow.pupils < rule.min_pupils or (
                rule.transitions and flow.transition not in rule.transitions
            ):
                continue
            if flow.source not in graph:
                unmatched += 1
            elif rule.within == 1:
                unmatched += not graph.has_edge(flow.source, flow.target)
            else:
                near = nx.single_source_shortest_path_length(graph, flow.source, rule.within)
                unmatched += flow.target not in near
    return unmatched


def _composition_round(network: EducationNetwork, phases: dict[str, Phase]) -> None:
    """Run every step of the composition once on a fresh copy, each timed on its own."""
    state = Composition(_fresh(network))
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("nx: to_graph(network, as_of)", lambda: nx_to_graph(state)),
        ("nx: nx.Graph(multigraph)", lambda: nx_simple_graph(state)),
        ("nx: required ties, direct", lambda: nx_required_ties(state)),
        ("nx: reach within steps", lambda: nx_reach(state)),
        ("nx: articulation points", lambda: nx_cut_actors(state)),
        ("nx: bridges", lambda: nx_cut_ties(state)),
        ("nx: components and isolates", lambda: nx_components(state)),
    ]
    for name, run in steps:
        phase = phases.setdefault(name, Phase(name, "networkx"))
        phase.answer = _size(_measure(phase, run, peaks=True))
    subjects, sample = constraint_subjects(state)
    phase = phases.setdefault("nx: constraint", Phase("nx: constraint", "networkx"))
    phase.scale = len(subjects) / len(sample) if sample else 1.0
    phase.note = (
        f"measured on {len(sample):,} of {len(subjects):,} subjects, time scaled up"
        if len(sample) < len(subjects)
        else f"all {len(subjects):,} subjects"
    )
    phase.answer = len(_measure(phase, lambda: nx_constraint(state, sample), peaks=True))
    rest: list[tuple[str, Callable[[], Any]]] = [
        ("nx: E-I index per municipality", lambda: nx_insular_groups(state)),
        ("nx: block densities", lambda: nx_underlinked_groups(state)),
        ("nx: transition flows", lambda: nx_transitions(state)),
    ]
    for name, run in rest:
        phase = phases.setdefault(name, Phase(name, "networkx"))
        phase.answer = _size(_measure(phase, run, peaks=True))


def _size(result: Any) -> int:
    return result if isinstance(result, int) else len(result)


def _networkx_task(path: Path, repeat: int) -> dict[str, Any]:
    """Time the straightforward networkx composition, step by step."""
    network = io.load(path)
    load_peak = _peak_bytes()
    phases: dict[str, Phase] = {}
    for _ in range(repeat):
        _composition_round(network, phases)
    return {
        "phases": [phase.to_json() for phase in phases.values()],
        "load_peak_rss_bytes": load_peak,
        "process_peak_rss_bytes": _process_peak(),
    }


# Child: generating and saving -------------------------------------------------------------


def _generate_task(spec: Spec, path: Path) -> dict[str, Any]:
    """Generate the network and save it (each timed once, neither counted)."""
    generate = Phase("generate", "prepare", counted=False)
    save = Phase("save JSON", "prepare", counted=False)
    network = _measure(generate, spec.build, peaks=False)
    _measure(save, lambda: io.save(network, path), peaks=False)
    return {"phases": [generate.to_json(), save.to_json()]}


def _child_main(argv: Sequence[str]) -> int:
    """Run one task in this fresh process and print its figures as JSON on stdout."""
    parser = argparse.ArgumentParser(prog="run.py --child")
    parser.add_argument("task", choices=["generate", "load", "analysis", "networkx"])
    parser.add_argument("spec")
    parser.add_argument("file", type=Path)
    parser.add_argument("repeat", type=int)
    arguments = parser.parse_args(argv)
    if arguments.task == "generate":
        result = _generate_task(Spec.parse(arguments.spec), arguments.file)
    else:
        tasks = {"load": _load_task, "analysis": _analysis_task, "networkx": _networkx_task}
        result = tasks[arguments.task](arguments.file, arguments.repeat)
    json.dump(result, sys.stdout)
    return 0


# Parent: one network ----------------------------------------------------------------------


def _in_child(task: str, spec: Spec, path: Path, repeat: int) -> dict[str, Any]:
    """Run a task in a fresh interpreter, so that its peak memory is its own."""
    print(f"  {spec.label}: {task} ...", file=sys.stderr, flush=True)
    command = [sys.executable, str(Path(__file__).resolve()), CHILD, task, spec.key, str(path)]
    # The command is this script and its own arguments, no user text reaches a shell.
    done = subprocess.run(  # noqa: S603
        [*command, str(repeat)], stdout=subprocess.PIPE, text=True, check=False
    )
    if done.returncode != 0:
        msg = f"the {task} child for {spec.label} failed with exit code {done.returncode}"
        raise RuntimeError(msg)
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def cache_path(folder: Path, spec: Spec) -> Path:
    """Where the JSON file of a network is kept: by size, seed and bildungsnetz version."""
    return folder / f"{spec.key}-bildungsnetz-{bildungsnetz.__version__}.json"


def _skipped(name: str) -> dict[str, Any]:
    note = "cached file used"
    return Phase(name, "prepare", counted=False, note=note).to_json()


def measure_network(scale: str, spec: Spec, folder: Path, repeat: int) -> dict[str, Any]:
    """Measure one network in fresh child processes and return every figure."""
    path = cache_path(folder, spec)
    if path.exists():
        prepared = {"phases": [_skipped("generate"), _skipped("save JSON")]}
    else:
        prepared = _in_child("generate", spec, path, 1)
    loading = _in_child("load", spec, path, repeat)
    analysis = _in_child("analysis", spec, path, repeat)
    composition = _in_child("networkx", spec, path, repeat)
    phases = [
        *prepared["phases"],
        *loading["phases"],
        *analysis["phases"],
        *composition["phases"],
    ]
    ties = loading["cooperations"]
    held = loading["held_after_load_bytes"]
    memory = {
        "load_peak_rss_bytes": loading["load_peak_rss_bytes"],
        "held_after_load_bytes": held,
        "bytes_per_tie": None if held is None or not ties else held / ties,
        "analysis_process_peak_rss_bytes": analysis["process_peak_rss_bytes"],
        "analysis_load_peak_rss_bytes": analysis["load_peak_rss_bytes"],
        "peaks_per_phase": analysis["peaks_per_phase"],
        "networkx_process_peak_rss_bytes": composition["process_peak_rss_bytes"],
    }
    memory["session_peak_rss_bytes"] = _session_peak(memory, analysis["phases"])
    phases += _totals(phases)
    ratios = _ratios(phases)
    return {
        "scale": scale,
        "network": spec.label,
        "schools": spec.schools,
        "seed": None if spec.schools is None else spec.seed,
        "actors": loading["actors"],
        "cooperations": ties,
        "file_bytes": path.stat().st_size,
        "repeat": repeat,
        "phases": phases,
        "memory": memory,
        "ratios": ratios,
        "targets": _targets(scale, phases, memory, ratios),
    }


def summed(name: str, phases: list[dict[str, Any]], members: Sequence[str]) -> dict[str, Any]:
    """Add up the runs of the named phases, run by run, into a phase of its own."""
    chosen = [phase for phase in phases if phase["name"] in members]
    runs = [sum(values) for values in zip(*(phase["runs"] for phase in chosen), strict=True)]
    cpu = [sum(values) for values in zip(*(phase["cpu_runs"] for phase in chosen), strict=True)]
    peaks = [phase["peak_rss_bytes"] for phase in chosen if phase["peak_rss_bytes"] is not None]
    total = Phase(name, "total", runs=runs, cpu_runs=cpu, peak_rss_bytes=max(peaks, default=None))
    total.note = "sum of " + ", ".join(phase["name"] for phase in chosen)
    return total.to_json()


def _totals(phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sum the composition and the detectors that answer the same questions, for the ratios."""
    composition = [phase["name"] for phase in phases if phase["group"] == "networkx"]
    matched = ["shared analysis", *MATCHING_DETECTORS]
    return [
        summed(COMPOSITION, phases, composition),
        summed(COMPOSITION_LINEAR, phases, [n for n in composition if n != "nx: constraint"]),
        summed(MATCHED, phases, matched),
        summed(MATCHED_LINEAR, phases, [n for n in matched if n != "find_dependent_actors"]),
    ]


def _session_peak(memory: dict[str, Any], phases: list[dict[str, Any]]) -> int:
    """Peak of a session that loads the file and runs find_gaps with a horizon."""
    if not memory["peaks_per_phase"]:
        # Without a peak per phase, the whole analysis process is the honest upper bound.
        peak: int = memory["analysis_process_peak_rss_bytes"]
        return peak
    horizon = next(phase for phase in phases if phase["name"] == FIND_GAPS_HORIZON)
    return max(int(memory["analysis_load_peak_rss_bytes"]), int(horizon["peak_rss_bytes"]))


def _seconds(phases: list[dict[str, Any]], name: str, key: str = "seconds") -> float | None:
    return next((phase[key] for phase in phases if phase["name"] == name), None)


def _divided(top: float | None, bottom: float | None) -> float | None:
    return None if top is None or not bottom else top / bottom


RATIOS = (
    (FIND_GAPS, PLAIN_BUILD, 8.0),
    (FIND_GAPS_HORIZON, PLAIN_BUILD, 12.0),
    (FIND_GAPS, COMPOSITION, None),
    (MATCHED, COMPOSITION, None),
    (FIND_GAPS, COMPOSITION_LINEAR, None),
    (MATCHED_LINEAR, COMPOSITION_LINEAR, None),
)
"""Numerator, denominator and the issue's limit at state size (None: no target)."""


def _ratios(phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ratios = []
    for numerator, denominator, limit in RATIOS:
        value = _divided(_seconds(phases, numerator), _seconds(phases, denominator))
        cpu = _divided(
            _seconds(phases, numerator, "cpu_seconds"),
            _seconds(phases, denominator, "cpu_seconds"),
        )
        ratios.append(
            {
                "numerator": numerator,
                "denominator": denominator,
                "value": value,
                "cpu_value": cpu,
                "limit": limit,
            }
        )
    return ratios


def _target(
    name: str, measured: float | None, limit: float, unit: str, *, strict: bool = True
) -> dict[str, Any]:
    """Judge one target: ``measured < limit`` (``<=`` unless ``strict``)."""
    passed = measured is not None and (measured < limit if strict else measured <= limit)
    return {
        "name": name,
        "measured": measured,
        "comparison": "<" if strict else "<=",
        "limit": limit,
        "unit": unit,
        "passed": passed,
    }


def _targets(
    scale: str,
    phases: list[dict[str, Any]],
    memory: dict[str, Any],
    ratios: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """Judge the targets of issue 10 that apply at this scale."""
    if scale == "state":
        return [
            _target(
                f"{ratio['numerator']} / {ratio['denominator']}",
                ratio["value"],
                limit,
                "x",
                strict=False,
            )
            for ratio in ratios
            if (limit := ratio["limit"]) is not None
        ]
    if scale != "national":
        return []
    session = memory["session_peak_rss_bytes"]
    per_tie = memory["bytes_per_tie"]
    return [
        _target("io.load", _seconds(phases, "io.load"), 30.0, "s"),
        _target(FIND_GAPS_HORIZON, _seconds(phases, FIND_GAPS_HORIZON), 60.0, "s"),
        _target("peak RSS, loading", memory["load_peak_rss_bytes"] / GB, 4.0, "GB"),
        _target("peak RSS, load + find_gaps with horizon", session / GB, 4.0, "GB"),
        _target("memory held after load", None if per_tie is None else per_tie / KB, 2.0, "KB/tie"),
    ]


# Parent: the report -----------------------------------------------------------------------


def _git_commit() -> str | None:
    """Return the commit of the bildungsnetz source measured, if it is a git checkout."""
    folder = Path(bildungsnetz.__file__).resolve().parent
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        # A fixed git command on the package's own folder.
        done = subprocess.run(  # noqa: S603
            ["git", "-C", str(folder), "rev-parse", "--short", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            return done.stdout.strip()
    return None


def _proc_field(path: str, name: str) -> str | None:
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == name:
                return value.strip()
    return None


def machine() -> dict[str, Any]:
    """Describe the machine, interpreter and packages the figures were measured with."""
    memory = _proc_field("/proc/meminfo", "MemTotal")
    return {
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or None,
        "cores": os.cpu_count(),
        "memory_bytes": None if memory is None else int(memory.split()[0]) * 1024,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": {
            name: metadata.version(name) for name in ("networkx", "numpy", "pydantic", "scipy")
        },
        "bildungsnetz": bildungsnetz.__version__,
        "commit": _git_commit(),
    }


def _megabytes(value: float | None) -> str:
    return "n/a" if value is None else f"{value / 10**6:,.1f} MB"


def _print_header(info: dict[str, Any]) -> None:
    packages = ", ".join(f"{name} {version}" for name, version in info["packages"].items())
    print(
        f"bildungsnetz {info['bildungsnetz']} (commit {info['commit'] or 'unknown'}), "
        f"Python {info['python']}, {packages}"
    )
    print(
        f"machine: {info['cpu'] or 'unknown CPU'}, {info['cores']} cores, "
        f"{_megabytes(info['memory_bytes'])} memory, {info['platform']}"
    )
    print(
        f"judged on {AS_OF}, horizon {HORIZON.days} days; seconds are medians of wall-clock "
        "time; MB = 10^6 bytes"
    )


def _print_phases(result: dict[str, Any]) -> None:
    ties = result["cooperations"]
    print(f"  {'phase':<50} {'seconds':>9} {'cpu s':>9} {'µs/tie':>9} {'peak MB':>9}  found")
    for phase in result["phases"]:
        name = phase["name"] + ("" if phase["counted"] else " (not counted)")
        seconds, cpu, peak = phase["seconds"], phase["cpu_seconds"], phase["peak_rss_bytes"]
        cells = [
            "" if seconds is None else f"{seconds:.3f}",
            "" if cpu is None else f"{cpu:.3f}",
            "" if seconds is None or not ties else f"{seconds / ties * 1e6:.2f}",
            "" if peak is None else f"{peak / 10**6:,.0f}",
        ]
        found = "" if phase["answer"] is None else f"{phase['answer']:,}"
        print(f"  {name:<50} {cells[0]:>9} {cells[1]:>9} {cells[2]:>9} {cells[3]:>9}  {found}")
        if phase["note"] and phase["group"] != "total":
            print(f"  {'':<4}{phase['note']}")


def _print_memory(memory: dict[str, Any]) -> None:
    per_tie = memory["bytes_per_tie"]
    print("  memory")
    rows = [
        ("peak RSS, loading process", _megabytes(memory["load_peak_rss_bytes"])),
        (
            "memory held after load",
            _megabytes(memory["held_after_load_bytes"])
            + ("" if per_tie is None else f", {per_tie / KB:,.2f} KB per tie"),
        ),
        ("peak RSS, analysis process", _megabytes(memory["analysis_process_peak_rss_bytes"])),
        ("peak RSS, load + find_gaps with horizon", _megabytes(memory["session_peak_rss_bytes"])),
        ("peak RSS, networkx process", _megabytes(memory["networkx_process_peak_rss_bytes"])),
    ]
    for name, value in rows:
        print(f"    {name:<42} {value}")


def _times(value: float | None) -> str:
    """Write a ratio with two decimals, or two significant digits when it is tiny."""
    if value is None:
        return "n/a"
    # Below a tenth, two decimals would print a ratio of 0.004 as 0.00.
    return f"{value:,.2f}x" if value >= 0.1 else f"{value:.2g}x"  # noqa: PLR2004


def _print_ratios(result: dict[str, Any]) -> None:
    print(f"  ratios {'wall':>8} {'cpu':>9}")
    for ratio in result["ratios"]:
        value, cpu = _times(ratio["value"]), _times(ratio["cpu_value"])
        print(f"  {'':<6} {value:>8} {cpu:>9}  {ratio['numerator']} / {ratio['denominator']}")
    if result["targets"]:
        print(f"  targets of issue 10 at {result['scale']} size")
    for target in result["targets"]:
        measured = "n/a" if target["measured"] is None else f"{target['measured']:,.2f}"
        verdict = "PASS" if target["passed"] else "FAIL"
        limit = f"{target['comparison']} {target['limit']:g} {target['unit']}"
        print(f"    {verdict}  {measured:>9} {target['unit']:<6} {limit:<12}  {target['name']}")


def print_network(result: dict[str, Any]) -> None:
    """Print the figures of one network."""
    print(
        f"\n{result['scale']}: {result['network']}: {result['actors']:,} actors, "
        f"{result['cooperations']:,} cooperations, JSON {_megabytes(result['file_bytes'])}, "
        f"median of {result['repeat']} run{'s' if result['repeat'] != 1 else ''}"
    )
    _print_phases(result)
    _print_memory(result["memory"])
    _print_ratios(result)


# Parent: the command line -----------------------------------------------------------------


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        msg = f"must be 1 or more, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _schools(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_SCHOOLS:
        msg = f"must be from 1 to {MAX_SCHOOLS:,}, got {value}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run.py", description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--scale",
        nargs="+",
        choices=list(SCALES),
        help="district: synthetic(80, seed=0) and Musterkreis; state: synthetic(900, seed=0); "
        "national: synthetic(40000, seed=0) (default: district state, unless --schools)",
    )
    parser.add_argument(
        "--schools",
        nargs="+",
        type=_schools,
        default=[],
        metavar="N",
        help="also measure synthetic(N, seed=0) for each N (no targets are judged)",
    )
    parser.add_argument(
        "--repeat",
        type=_positive,
        metavar="N",
        help=f"runs per phase, medians reported (default {DEFAULT_REPEAT}, "
        f"{NATIONAL_REPEAT} at national scale)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        metavar="DIR",
        help="keep the generated JSON files in this folder, by size, seed and version "
        "(default: a temporary folder removed afterwards)",
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write every figure here")
    return parser


def _checked(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> None:
    """Refuse output and cache paths that cannot work before measuring for minutes."""
    if arguments.json is not None and not arguments.json.parent.is_dir():
        parser.error(f"--json: folder {str(arguments.json.parent)!r} does not exist")
    if arguments.json is not None and arguments.json.is_dir():
        parser.error(f"--json: {str(arguments.json)!r} is a folder")
    if arguments.cache is not None and arguments.cache.exists() and not arguments.cache.is_dir():
        parser.error(f"--cache: {str(arguments.cache)!r} is not a folder")


def plan(scales: Sequence[str] | None, schools: Sequence[int]) -> list[tuple[str, Spec]]:
    """List the networks to measure: the scales asked for, then the custom sizes."""
    chosen = scales if scales is not None else ([] if schools else ["district", "state"])
    networks = [(scale, spec) for scale in chosen for spec in SCALES[scale]]
    networks += [("custom", Spec(n)) for n in schools]
    return list(dict.fromkeys(networks))


@contextlib.contextmanager
def _cache(folder: Path | None) -> Iterator[Path]:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="bildungsnetz-bench-") as temporary:
        yield Path(temporary)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure every network asked for, print the figures and write them as JSON if asked."""
    arguments_list = list(sys.argv[1:] if argv is None else argv)
    if arguments_list[:1] == [CHILD]:
        return _child_main(arguments_list[1:])
    parser = _parser()
    arguments = parser.parse_args(arguments_list)
    _checked(parser, arguments)
    info = machine()
    _print_header(info)
    sys.stdout.flush()
    results = []
    with _cache(arguments.cache) as folder:
        for scale, spec in plan(arguments.scale, arguments.schools):
            default = NATIONAL_REPEAT if scale == "national" else DEFAULT_REPEAT
            repeat = arguments.repeat or default
            results.append(measure_network(scale, spec, folder, repeat))
            print_network(results[-1])
            sys.stdout.flush()
    if arguments.json is not None:
        document = {
            "schema": SCHEMA,
            "argv": arguments_list,
            "as_of": AS_OF.isoformat(),
            "horizon_days": HORIZON.days,
            "machine": info,
            "networks": results,
        }
        arguments.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
