"""Short reprs and texts: one line for every object, however large Musterkreis makes it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter

import pytest

import bildungsnetz as bn
from bildungsnetz import Actor, EducationNetwork, Period, gaps, graph, io, metrics, rules
from bildungsnetz.datasets import musterkreis, musterkreis_survey_path

RECORDS = ("actors", "cooperations", "forums", "flows", "interventions", "programmes")


@pytest.fixture(scope="module")
def report(musterkreis_network):
    return bn.find_gaps(musterkreis_network)


def one_line(text, *, limit=300):
    """Whether ``text`` is a single line shorter than ``limit``."""
    return "\n" not in text and len(text) < limit


# -- the large objects: one line naming the key facts --------------------------------------


def test_report_repr_names_network_day_and_counts_by_severity(report):
    """The report's repr is one line with the network, the day and the counts."""
    counts = Counter(gap.severity.value for gap in report)
    text = repr(report)
    expected = [
        "'Musterkreis'",
        "as of 2025-11-01",
        f"{len(report)} findings",
        *(f"{counts[severity]} {severity}" for severity in counts),
    ]
    assert (one_line(text), [part for part in expected if part not in text]) == (True, [])


def test_report_repr_lists_severities_most_severe_first(report):
    """``(3 critical, 51 high, …)``: the order of severity, not of frequency."""
    text = repr(report)
    present = sorted({gap.severity for gap in report}, key=lambda s: -s.rank)
    positions = [text.index(f" {severity.value}") for severity in present]
    assert positions == sorted(positions)


def empty_report():
    """A report on a network without a day, its findings taken away."""
    return bn.find_gaps(EducationNetwork(name="Leer")).model_copy(update={"gaps": ()})


def test_repr_of_an_empty_report():
    """A report without findings says so in its repr."""
    assert repr(empty_report()) == "<GapReport 'Leer': 0 findings>"


def test_gap_repr_names_id_kind_severity_and_actors(report):
    """A finding's repr is one line with its id, kind, severity and actors."""
    gap = report[0]
    text = repr(gap)
    facts = [gap.id, gap.kind.value, gap.severity.value, gap.actors[0]]
    assert (one_line(text), [fact for fact in facts if fact not in text]) == (True, [])


def test_gap_repr_cuts_a_long_list_of_actors(report):
    """A finding about 25 schools names the first four and how many more."""
    gap = max(report, key=lambda g: len(g.actors))
    text = repr(gap)
    assert (len(gap.actors) > 4, one_line(text), f"…+{len(gap.actors) - 4}" in text) == (
        True,
        True,
        True,
    )


def test_every_gap_repr_is_one_short_line(report):
    """No finding of Musterkreis has a repr of more than a line."""
    assert [gap.id for gap in report if not one_line(repr(gap))] == []


def test_diff_and_comparison_reprs_count_the_findings(musterkreis_network, report):
    """Before and after: the reprs count opened, closed and unchanged findings."""
    later = musterkreis_network.as_of("2028-08-01")
    comparison = gaps.compare(musterkreis_network, later)
    diff = comparison.diff
    counts = f"{len(diff.closed)} closed, {len(diff.opened)} opened, {len(diff.unchanged)}"
    texts = [repr(diff), str(diff), repr(comparison)]
    assert (
        [one_line(text) for text in texts],
        counts in repr(comparison),
        f"{len(diff.opened)} opened" in repr(diff),
    ) == ([True, True, True], True, True)


def test_ruleset_repr_lists_rule_ids(report):
    """The default rules show their name, their number and the first rule ids."""
    ruleset = rules.default_rules()
    text = repr(ruleset)
    facts = [ruleset.name, f"{len(ruleset.rules)} rules", ruleset.rules[0].id]
    assert (one_line(text), [fact for fact in facts if fact not in text]) == (True, [])


def test_survey_result_repr_counts_what_it_holds(musterkreis_network):
    """The partner survey shows its file and how many ties it found."""
    result = io.read_survey(musterkreis_survey_path(), musterkreis_network)
    text = repr(result)
    facts = [
        "musterkreis_survey.csv",
        f"{len(result.cooperations)} cooperations",
        f"{len(result.confirmed)} confirmed",
        f"{len(result.conflicts)} conflicts",
    ]
    assert (one_line(text), [fact for fact in facts if fact not in text]) == (True, [])


@pytest.mark.parametrize("make", [gaps.transition_matrix, gaps.coverage_table])
def test_table_repr_gives_title_size_and_total(musterkreis_network, make):
    """A table's repr is its title, its size and its total, not its cells."""
    table = make(musterkreis_network)
    text = repr(table)
    facts = [table.title.replace("\\", "\\\\"), f"{len(table.rows)} rows", f"total {table.total}"]
    assert (one_line(text), [fact for fact in facts if fact not in text]) == (True, [])


def test_table_str_is_its_markdown(musterkreis_network):
    """``print(table)`` shows the table as Markdown, suppressed counts as dots."""
    table = gaps.transition_matrix(musterkreis_network)
    assert str(table) == table.to_markdown()


def test_graph_reprs_give_the_size(musterkreis_network):
    """Arrays are summarised by their size, not printed."""
    compact = graph.to_arrays(musterkreis_network, as_of="2025-11-01")
    simple = graph.project(musterkreis_network, as_of="2025-11-01")
    arrays = metrics.ArrayGraph.from_networkx(simple)
    size = f"{simple.number_of_nodes()} nodes, {simple.number_of_edges()} edges"
    assert (repr(arrays), repr(compact)) == (
        f"<ArrayGraph: {size}>",
        f"<CompactGraph 'Musterkreis' as of 2025-11-01: {size}>",
    )


def test_network_repr_is_unchanged(musterkreis_network):
    """The network keeps its constructor-like repr with the record counts."""
    text = repr(musterkreis_network)
    assert (one_line(text), text.startswith("EducationNetwork(name='Musterkreis', actors=")) == (
        True,
        True,
    )


# -- records: the fields given, one line, evaluable ----------------------------------------


def test_record_repr_leaves_out_defaults():
    """An actor given three fields shows three fields, not every empty set."""
    actor = Actor(id="a", name="A", kind="other")
    assert repr(actor) == "Actor(id='a', name='A', kind='other')"


def test_record_repr_writes_days_as_the_json_does():
    """Days as ISO text and enumerations as their values, as a constructor accepts them."""
    actor = Actor(id="a", name="A", kind="other", active=Period(start="2024-08-01"))
    assert repr(actor) == "Actor(id='a', name='A', kind='other', active=Period(start='2024-08-01'))"


@pytest.mark.parametrize("collection", RECORDS)
def test_every_record_of_musterkreis_has_a_short_repr(musterkreis_network, collection):
    """No record of Musterkreis has a repr longer than a line of 500 characters."""
    records = getattr(musterkreis_network, collection)
    assert [r for r in records if not one_line(repr(r), limit=500)] == []


# Every forum of Musterkreis has more members than a repr shows.
@pytest.mark.parametrize("collection", [name for name in RECORDS if name != "forums"])
def test_a_record_repr_that_is_not_cut_builds_the_record_again(musterkreis_network, collection):
    """``eval(repr(record)) == record`` wherever nothing was shortened."""
    namespace = {name: getattr(bn, name) for name in bn.__all__}
    records = [r for r in getattr(musterkreis_network, collection) if "…" not in repr(r)]
    assert (len(records) > 0, [r for r in records if eval(repr(r), namespace) != r]) == (True, [])


def test_rule_reprs_build_the_rules_again():
    """The default rules evaluate back from their reprs wherever nothing was shortened."""
    namespace = {name: getattr(rules, name) for name in rules.__all__}
    kept = [rule for rule in rules.default_rules().rules if "…" not in repr(rule)]
    assert (len(kept) > 0, [r.id for r in kept if eval(repr(r), namespace) != r]) == (True, [])


def test_record_repr_cuts_long_collections():
    """A forum of 18 members shows four of them and how many more."""
    forum = musterkreis().forums[0]
    text = repr(forum)
    assert (len(forum.members) > 4, f"…+{len(forum.members) - 4}" in text) == (True, True)


def test_short_reprs_keep_equality_and_json(musterkreis_network):
    """Reprs change nothing else: records still compare and serialise by every field."""
    actor = musterkreis_network.actors[0]
    copy = Actor.model_validate_json(actor.model_dump_json())
    changed = actor.model_copy(update={"description": "anders"})
    assert (copy == actor, changed == actor, "description" in actor.model_dump()) == (
        True,
        False,
        True,
    )


def test_set_reprs_do_not_depend_on_the_hash_seed():
    """A record's sets are shown in sorted order, whatever the interpreter's hash seed."""
    code = "from bildungsnetz.datasets import musterkreis; print(repr(musterkreis().forums[0]))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


# -- texts: str() is a short summary -------------------------------------------------------


def test_report_str_is_a_short_german_summary(report):
    """``print(report)`` shows counts and the first findings in at most 40 lines."""
    lines = str(report).splitlines()
    assert (
        len(lines) <= 40,
        lines[0],
        f"… {len(report) - 5} weitere Befunde: report.to_markdown() zeigt alle." in lines,
    ) == (True, "Lücken im Netzwerk Musterkreis", True)


def test_report_str_counts_every_kind(report):
    """Each kind's line carries its count, as counted independently."""
    text = str(report)
    counts = Counter(gap.kind for gap in report)
    missing = [kind for kind, n in counts.items() if f"{n}  {kind.label()}" not in text]
    assert missing == []


def test_report_str_names_the_first_findings_by_name(report):
    """The first findings are listed with the names of their actors, not their ids."""
    text = str(report)
    first = report[0]
    assert f"1. {first.severity.label()} – {first.kind.label()} – " in text
    assert report.names[first.actors[0]] in text


def test_report_str_of_an_empty_report():
    """Without findings the text says so."""
    assert str(empty_report()).splitlines()[-1] == "Keine Lücken gefunden."


def test_gap_str_shows_explanation_evidence_and_remedies(report):
    """``print(gap)``: kind, severity, explanation, evidence and suggestions in a few lines."""
    gap = next(g for g in report if g.details and g.suggestions)
    lines = str(gap).splitlines()
    assert (
        lines[0].startswith(f"{gap.kind.label()} ({gap.severity.label()}): "),
        lines[1],
        f"- {gap.details[0].de}" in lines,
        "Vorschläge:" in lines,
        len(lines) <= 14,
    ) == (True, gap.explanation.de, True, True, True)


def test_comparison_str_is_its_german_text(musterkreis_network):
    """``print(comparison)`` is the committee summary in German."""
    comparison = gaps.compare(musterkreis_network, musterkreis_network)
    assert str(comparison) + "\n" == comparison.to_text("de")
