"""benchmarks/run.py: its plan, its networkx composition, its --json document, its errors.

Nothing here asserts a time: the figures are checked for their shape and for adding up,
and the composition for answering the questions it claims to answer.
"""

import importlib.util
import json
import math
import statistics
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import bildungsnetz
from bildungsnetz import metrics
from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import (
    DETECTORS,
    find_gaps,
    find_missing_required_ties,
    find_unreachable,
)
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.rules import RequiredTie
from gap_shapes import chain_to_office, ja_rule, one_rule, school_apart_from_office

REPOSITORY = Path(__file__).resolve().parent.parent
SCRIPT = REPOSITORY / "benchmarks" / "run.py"
SCHEMA = json.loads((REPOSITORY / "benchmarks" / "result.schema.json").read_text("utf-8"))
TINY = 3
REPEAT = 2


def _script():
    """Import benchmarks/run.py, which is a script and not part of the package."""
    spec = importlib.util.spec_from_file_location("benchmarks_run", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


run = _script()

NX_STEPS = [
    "nx: to_graph(network, as_of)",
    "nx: nx.Graph(multigraph)",
    "nx: required ties, direct",
    "nx: reach within steps",
    "nx: articulation points",
    "nx: bridges",
    "nx: components and isolates",
    "nx: constraint",
    "nx: E-I index per municipality",
    "nx: block densities",
    "nx: transition flows",
]
PHASES = [
    "generate",
    "save JSON",
    "io.load",
    "integrity check",
    "shared analysis",
    *(detector.__name__ for detector in DETECTORS),
    "find_gaps, cold",
    "find_gaps, cold, horizon 1095 days",
    "plain nx.Graph build",
    *NX_STEPS,
    "networkx composition, total",
    "networkx composition, without constraint",
    "analysis + matching detectors",
    "analysis + matching detectors, without constraint",
]


def _bench(*arguments):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("bench-cache")


@pytest.fixture(scope="module")
def measured(cache, tmp_path_factory):
    """One run of the script on a tiny synthetic network: its output and its document."""
    out = tmp_path_factory.mktemp("bench") / "result.json"
    arguments = ["--schools", str(TINY), "--repeat", str(REPEAT), "--cache", str(cache)]
    done = _bench(*arguments, "--json", str(out))
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(out.read_text("utf-8"))


@pytest.fixture(scope="module")
def network_result(measured):
    (result,) = measured[1]["networks"]
    return result


def _phase(result, name):
    return next(phase for phase in result["phases"] if phase["name"] == name)


# The document ------------------------------------------------------------------------------


@pytest.mark.requires_module("jsonschema")
def test_the_document_follows_its_schema(measured):
    """The --json document validates against benchmarks/result.schema.json."""
    import jsonschema

    jsonschema.validate(measured[1], SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_schema_pins_every_key_the_script_writes():
    """Every object of the schema forbids keys it does not list, so new keys need a doc."""
    objects = [SCHEMA, *(d for d in SCHEMA["$defs"].values() if d.get("type") == "object")]
    assert all(obj["additionalProperties"] is False for obj in objects)
    assert all(set(obj["required"]) == set(obj["properties"]) for obj in objects)


def test_the_document_names_the_network_and_the_code(measured, network_result):
    """The document says what was measured, by which code and how."""
    document = measured[1]
    assert (document["schema"], document["as_of"], document["horizon_days"]) == (
        "bildungsnetz-benchmark/1",
        "2025-11-01",
        1095,
    )
    assert document["machine"]["bildungsnetz"] == bildungsnetz.__version__
    expected = synthetic(TINY, seed=0)
    assert (network_result["network"], network_result["scale"]) == (
        "synthetic(3, seed=0)",
        "custom",
    )
    assert (network_result["actors"], network_result["cooperations"]) == (
        len(expected.actors),
        len(expected.cooperations),
    )
    assert network_result["repeat"] == REPEAT


def test_phases_come_in_a_fixed_order(network_result):
    """Every phase appears once, in the documented order, detectors in DETECTORS order."""
    assert [phase["name"] for phase in network_result["phases"]] == PHASES


def test_every_counted_phase_reports_the_median_of_its_runs(network_result):
    """Counted phases ran --repeat times; seconds and cpu_seconds are the medians."""
    for phase in network_result["phases"]:
        if not phase["counted"]:
            continue
        assert len(phase["runs"]) == len(phase["cpu_runs"]) == REPEAT, phase["name"]
        assert phase["seconds"] == statistics.median(phase["runs"]), phase["name"]
        assert phase["cpu_seconds"] == statistics.median(phase["cpu_runs"]), phase["name"]


def test_generating_and_saving_are_not_counted(network_result):
    """Preparing the file is shown once and kept out of every ratio."""
    prepared = [phase for phase in network_result["phases"] if not phase["counted"]]
    assert [phase["name"] for phase in prepared] == ["generate", "save JSON"]
    assert all(len(phase["runs"]) == 1 for phase in prepared)


def test_the_find_gaps_phases_found_what_find_gaps_finds(network_result):
    """The children ran the real analysis on the real network: same number of findings."""
    network = synthetic(TINY, seed=0)
    cold = find_gaps(network, as_of=run.AS_OF)
    ahead = find_gaps(network, as_of=run.AS_OF, horizon=run.HORIZON)
    assert _phase(network_result, "find_gaps, cold")["answer"] == len(cold.gaps)
    assert _phase(network_result, run.FIND_GAPS_HORIZON)["answer"] == len(ahead.gaps)
    assert _phase(network_result, "plain nx.Graph build")["answer"] == len(network.cooperations)


def _run_by_run(result, names):
    runs = (_phase(result, name)["runs"] for name in names)
    return [sum(values) for values in zip(*runs, strict=True)]


def test_totals_add_up_their_phases_run_by_run(network_result):
    """The composition total is the sum of its steps in every run; likewise the others."""
    linear_steps = [name for name in NX_STEPS if name != "nx: constraint"]
    matched = ["shared analysis", *run.MATCHING_DETECTORS]
    linear_matched = [name for name in matched if name != "find_dependent_actors"]
    totals = {
        "networkx composition, total": NX_STEPS,
        "networkx composition, without constraint": linear_steps,
        "analysis + matching detectors": matched,
        "analysis + matching detectors, without constraint": linear_matched,
    }
    for total, members in totals.items():
        expected = _run_by_run(network_result, members)
        assert _phase(network_result, total)["runs"] == pytest.approx(expected), total


def test_ratios_divide_the_medians(network_result):
    """Each ratio divides the medians of its two phases, wall-clock and CPU time alike."""
    assert len(network_result["ratios"]) == 6
    for ratio in network_result["ratios"]:
        top = _phase(network_result, ratio["numerator"])["seconds"]
        bottom = _phase(network_result, ratio["denominator"])["seconds"]
        assert ratio["value"] == pytest.approx(top / bottom)
        top = _phase(network_result, ratio["numerator"])["cpu_seconds"]
        bottom = _phase(network_result, ratio["denominator"])["cpu_seconds"]
        assert ratio["cpu_value"] == pytest.approx(top / bottom)


def test_memory_figures_are_consistent(network_result):
    """Peaks are positive; the per-tie figure is the held memory over the ties."""
    memory = network_result["memory"]
    assert memory["load_peak_rss_bytes"] > 0
    assert _phase(network_result, "io.load")["peak_rss_bytes"] == memory["load_peak_rss_bytes"]
    assert memory["analysis_process_peak_rss_bytes"] >= memory["analysis_load_peak_rss_bytes"]
    assert memory["session_peak_rss_bytes"] <= memory["analysis_process_peak_rss_bytes"]
    assert memory["bytes_per_tie"] == pytest.approx(
        memory["held_after_load_bytes"] / network_result["cooperations"]
    )


def test_no_targets_are_judged_for_a_custom_size(network_result):
    """The issue's targets belong to the state and national scales only."""
    assert network_result["targets"] == []


def test_the_printout_lists_the_phases_in_the_documents_order(measured):
    """Every phase is printed once, in the same order as in the document."""
    printed = measured[0].splitlines()
    start = printed.index(next(line for line in printed if line.startswith("  phase ")))
    end = printed.index("  memory")
    rows = [line for line in printed[start + 1 : end] if not line.startswith("   ")]
    names = [row[2:52].strip().removesuffix(" (not counted)") for row in rows]
    assert names == PHASES


def test_the_cache_keeps_the_file_and_a_second_run_reuses_it(measured, cache, tmp_path):
    """The file is kept by size, seed and version; the next run does not generate it."""
    kept = cache / f"synthetic-{TINY}-0-bildungsnetz-{bildungsnetz.__version__}.json"
    assert sorted(cache.iterdir()) == [kept]
    out = tmp_path / "again.json"
    done = _bench(
        "--schools", str(TINY), "--repeat", "1", "--cache", str(cache), "--json", str(out)
    )
    assert done.returncode == 0, done.stderr
    (result,) = json.loads(out.read_text("utf-8"))["networks"]
    generate = _phase(result, "generate")
    assert (generate["seconds"], generate["runs"], generate["note"]) == (
        None,
        [],
        "cached file used",
    )
    assert sorted(cache.iterdir()) == [kept]


# Cold copies and the shared analysis -------------------------------------------------------


def _memo_keys(network):
    return set(run._memo(network))


def test_a_fresh_copy_is_equal_and_cold():
    """Equal records, the same lookup tables, but nothing computed: analyse starts anew."""
    network = synthetic(TINY, seed=0)
    warm = analyse(network, as_of=run.AS_OF)
    fresh = run._fresh(network)
    assert fresh == network
    assert fresh.actors is network.actors
    assert run._memo(fresh) == {}
    assert run._memo(fresh) is not run._memo(network)
    assert analyse(fresh, as_of=run.AS_OF) is not warm
    # The original keeps its own memo and analysis.
    assert analyse(network, as_of=run.AS_OF) is warm


def test_a_fresh_copy_refuses_a_network_without_the_memo(monkeypatch):
    """If the network's memo is renamed, the script stops instead of measuring warm caches."""
    monkeypatch.setattr(run, "MEMO", "_no_such_memo")
    with pytest.raises(RuntimeError, match="_no_such_memo"):
        run._fresh(musterkreis())


def _state(shared):
    """What a detector could find cached: memo keys, attributes of the analysis and graph."""
    analysis = analyse(shared.network, as_of=run.AS_OF)
    return (
        _memo_keys(shared.network),
        _memo_keys(analysis.network),
        set(vars(analysis)),
        {name: len(value) for name, value in vars(analysis).items() if isinstance(value, dict)},
        set(vars(analysis.graph)),
    )


def test_the_shared_analysis_is_restored_to_what_analyse_left():
    """After any detector (with horizon too) the caches are as right after analyse."""
    network = synthetic(80, seed=0)
    shared = run.SharedAnalysis(network)
    analysed = shared.restored()
    before = _state(shared)
    analysis = analyse(analysed, as_of=run.AS_OF)
    find_gaps(analysed, as_of=run.AS_OF, horizon=run.HORIZON)
    assert _state(shared) != before
    assert shared.restored() is analysed
    assert _state(shared) == before
    assert analyse(analysed, as_of=run.AS_OF) is analysis
    assert analysis.cache == {}


def _findings(result):
    return [gap.model_dump(mode="json") for gap in result]


@pytest.mark.parametrize(
    "network", [musterkreis(), synthetic(80, seed=1)], ids=["musterkreis", "synthetic-80"]
)
def test_detectors_on_the_restored_analysis_find_what_they_find_cold(network):
    """Each detector after all others on the shared copy equals it on its own cold copy."""
    shared = run.SharedAnalysis(network)
    for detector in [*DETECTORS, *reversed(DETECTORS)]:
        call = run._detector_call(detector)
        alone = run._fresh(network)
        analyse(alone, as_of=run.AS_OF)
        assert _findings(call(shared.restored())) == _findings(call(alone)), detector.__name__


def test_every_round_starts_from_its_own_copies():
    """Cold copies are new each time; the analysed copy is shared until a cold one is asked."""
    network = synthetic(TINY, seed=0)
    start = run._Round(network)
    assert start.loaded() is network
    first, second = start.cold(), start.cold()
    assert first is not second
    assert first is not network
    analysed = start.analysed()
    assert start.analysed() is analysed
    assert analysed is not network
    start.cold()
    assert start.analysed() is not analysed


# Plan, cache names and targets -------------------------------------------------------------


def test_the_default_plan_is_a_district_and_a_state():
    """Without arguments: synthetic(80) and Musterkreis, then synthetic(900)."""
    assert [(scale, spec.label) for scale, spec in run.plan(None, [])] == [
        ("district", "synthetic(80, seed=0)"),
        ("district", "Musterkreis"),
        ("state", "synthetic(900, seed=0)"),
    ]


def test_custom_sizes_come_after_the_scales_and_alone_without_them():
    """--schools adds custom networks; given alone, it replaces the default scales."""
    assert [spec.schools for _, spec in run.plan(None, [5, 7])] == [5, 7]
    assert [(scale, spec.schools) for scale, spec in run.plan(["national"], [5, 5])] == [
        ("national", 40_000),
        ("custom", 5),
    ]


@pytest.mark.parametrize("spec", [run.Spec(None), run.Spec(80), run.Spec(40_000, seed=3)])
def test_a_network_spec_survives_the_child_command_line(spec):
    """A child reads back the network it is given."""
    assert run.Spec.parse(spec.key) == spec


def test_cache_files_are_named_by_size_seed_and_version(tmp_path):
    """Another seed, size or bildungsnetz version never reuses a file."""
    names = {run.cache_path(tmp_path, run.Spec(n, seed=s)).name for n in (80, 900) for s in (0, 1)}
    assert len(names) == 4
    assert all(bildungsnetz.__version__ in name for name in names)


def _fake(seconds, **memory):
    phases = [
        {"name": name, "seconds": value, "cpu_seconds": value, "peak_rss_bytes": None}
        for name, value in seconds
    ]
    return phases, {"bytes_per_tie": None, "load_peak_rss_bytes": 0, **memory}


def test_state_targets_allow_the_limit_itself():
    """A ratio of exactly 8 (12 with horizon) passes; a little more fails."""
    phases, memory = _fake(
        [(run.FIND_GAPS, 8.0), (run.FIND_GAPS_HORIZON, 12.01), (run.PLAIN_BUILD, 1.0)]
    )
    targets = run._targets("state", phases, memory, run._ratios(phases))
    assert [(t["measured"], t["limit"], t["passed"]) for t in targets] == [
        (8.0, 8.0, True),
        (12.01, 12.0, False),
    ]


def test_national_targets_are_strict_limits():
    """Load, find_gaps, memory and memory per tie must stay below their limits."""
    phases, memory = _fake(
        [("io.load", 29.9), (run.FIND_GAPS_HORIZON, 60.0)],
        load_peak_rss_bytes=3_999_999_999,
        session_peak_rss_bytes=4_000_000_000,
        bytes_per_tie=1999.0,
    )
    targets = run._targets("national", phases, memory, [])
    assert [(t["name"], t["passed"]) for t in targets] == [
        ("io.load", True),
        (run.FIND_GAPS_HORIZON, False),
        ("peak RSS, loading", True),
        ("peak RSS, load + find_gaps with horizon", False),
        ("memory held after load", True),
    ]


@pytest.mark.parametrize("scale", ["district", "custom"])
def test_other_scales_judge_no_target(scale):
    """The issue sets no target for a district or a custom size."""
    phases, memory = _fake([(run.FIND_GAPS, 100.0), (run.PLAIN_BUILD, 1.0)])
    assert run._targets(scale, phases, memory, run._ratios(phases)) == []


# Argument errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--repeat", "0"], "--repeat: must be 1 or more, got 0"),
        (["--scale", "county"], "--scale: invalid choice: 'county'"),
        (["--schools", "0"], "--schools: must be from 1 to 40,000, got 0"),
        (["--schools", "40001"], "--schools: must be from 1 to 40,000, got 40001"),
        (["--schools", "many"], "--schools: invalid _schools value: 'many'"),
    ],
)
def test_bad_arguments_exit_2_naming_the_option(arguments, message, capsys):
    """A bad option stops the script before it measures anything."""
    with pytest.raises(SystemExit) as stopped:
        run.main(arguments)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def test_a_json_file_in_a_missing_folder_is_refused_before_measuring(tmp_path, capsys):
    """Minutes of measuring are not lost to an output path that cannot be written."""
    with pytest.raises(SystemExit) as stopped:
        run.main(["--schools", "1", "--json", str(tmp_path / "nowhere" / "out.json")])
    assert stopped.value.code == 2
    assert "--json: folder" in capsys.readouterr().err


def test_a_folder_is_refused_as_json_output(tmp_path, capsys):
    """--json names a file."""
    with pytest.raises(SystemExit):
        run.main(["--schools", "1", "--json", str(tmp_path)])
    assert "is a folder" in capsys.readouterr().err


def test_a_file_is_refused_as_cache(tmp_path, capsys):
    """--cache names a folder."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SystemExit):
        run.main(["--schools", "1", "--cache", str(blocker)])
    assert "is not a folder" in capsys.readouterr().err


# The networkx composition answers the questions it claims ---------------------------------


def _composed(network, rules=None):
    state = run.Composition(network) if rules is None else run.Composition(network, rules)
    run.nx_to_graph(state)
    run.nx_simple_graph(state)
    return state


@pytest.mark.parametrize(
    "network", [musterkreis(), synthetic(80, seed=0)], ids=["musterkreis", "synthetic-80"]
)
def test_direct_required_ties_match_find_gaps(network):
    """For rules without forums: the subjects find_gaps reports as missing or shallow."""
    state = _composed(network)
    missing = run.nx_required_ties(state)
    report = find_gaps(network, as_of=run.AS_OF)
    kinds = {"missing_required_tie", "shallow_cooperation"}
    rules = [r for r in state.rules.of_type(RequiredTie) if r.within == 1 and not r.forums]
    assert rules
    for rule in rules:
        expected = {g.actors[0] for g in report.gaps if g.rule == rule.id and g.kind in kinds}
        assert {node for rule_id, node in missing if rule_id == rule.id} == expected, rule.id


@pytest.mark.parametrize(
    ("network", "unreachable"),
    [
        (chain_to_office(2), []),
        (chain_to_office(3), [("ja", "gs")]),
        (school_apart_from_office(), [("ja", "gs")]),
    ],
    ids=["two-steps", "three-steps", "apart"],
)
def test_reach_within_steps_matches_find_gaps(network, unreachable):
    """Too far or in another part: the school find_gaps reports as missing or unreachable."""
    rules = one_rule(ja_rule(within=2))
    assert sorted(run.nx_reach(_composed(network, rules))) == unreachable
    found = find_missing_required_ties(network, rules) + find_unreachable(network, rules)
    assert [(gap.rule, gap.actors[0]) for gap in found] == unreachable


def test_cut_actors_and_ties_match_the_librarys_measures():
    """Articulation points and single bridges equal metrics.cut_actors and cut_ties."""
    state = _composed(musterkreis())
    assert run.nx_cut_actors(state) == set(metrics.cut_actors(state.graph))
    single = {
        frozenset(edge)
        for edge in metrics.cut_ties(state.graph)
        if state.multigraph.number_of_edges(*edge) == 1
    }
    assert {frozenset(edge) for edge in run.nx_cut_ties(state)} == single


def test_components_count_what_networkx_counts():
    """The components step counts the connected components and keeps the isolates."""
    state = _composed(musterkreis())
    assert run.nx_components(state) == nx.number_connected_components(state.graph)
    assert state.isolates == list(nx.isolates(state.graph))


def test_insular_groups_match_the_librarys_ei_index():
    """The E-I step flags the municipalities metrics.group_ei_index puts at or below -0.9."""
    network = synthetic(80, seed=0)
    state = _composed(network)
    groups = {node: state.multigraph.nodes[node]["municipality"] or "" for node in state.graph}
    scores = metrics.group_ei_index(state.graph, groups)
    sizes = {group: list(groups.values()).count(group) for group in scores}
    expected = [
        group
        for group, value in sorted(scores.items())
        if group and sizes[group] >= 3 and not math.isnan(value)
        if value <= state.rules.insular_threshold
    ]
    assert run.nx_insular_groups(state) == expected


def test_block_densities_match_the_librarys_measure():
    """The block step's verdict equals metrics.block_densities against the degree model."""
    network = synthetic(80, seed=0)
    state = _composed(network)
    expected = []
    for rule in state.rules.of_type(run.GroupLinkage):
        groups = {}
        for node in state.graph:
            actor = network.actor(node)
            first, second = rule.first.matches(actor), rule.second.matches(actor)
            groups[node] = "a" if first else ("b" if second else "c")
        block = metrics.block_densities(state.graph, groups, expected="degree")[("a", "b")]
        if block.expected_ties and block.ratio < rule.min_ratio:
            expected.append(rule.id)
    assert run.nx_underlinked_groups(state) == expected


def test_the_constraint_sample_is_spread_and_bounded(monkeypatch):
    """At most CONSTRAINT_SAMPLE subjects, every k-th in id order; all when few enough."""
    state = _composed(synthetic(80, seed=0))
    subjects, sample = run.constraint_subjects(state)
    assert sample == subjects
    monkeypatch.setattr(run, "CONSTRAINT_SAMPLE", 10)
    subjects, sample = run.constraint_subjects(state)
    step = math.ceil(len(subjects) / 10)
    assert (len(sample), sample) == (len(subjects[::step]), subjects[::step])
    assert len(sample) <= 10
    assert all(state.graph.degree(node) >= 2 for node in subjects)


def test_constraint_flags_what_the_librarys_constraint_flags():
    """nx.constraint on the sample agrees with metrics.constraint at the rule's limit."""
    state = _composed(musterkreis())
    _, sample = run.constraint_subjects(state)
    scores = metrics.constraint(state.graph)
    (rule,) = state.rules.of_type(run.NoSinglePointOfFailure)
    expected = {node for node in sample if scores[node] >= rule.max_constraint}
    assert run.nx_constraint(state, sample) == expected


def test_a_sampled_phase_scales_its_time_up():
    """A phase measured on a sample reports its time times the scale."""
    phase = run.Phase("nx: constraint", "networkx", scale=4.0)
    phase.record(0.5, 0.25, None)
    assert (phase.runs, phase.cpu_runs, phase.seconds) == ([2.0], [1.0], 2.0)
