"""Suppressed pupil counts cannot be derived from findings and matrices published together.

Each case is one leak the hostile-input review found (issue 11); the audit
(``disclosure_audit.record_disclosures``) solves the linear programmes of everything
published about the flows and names every withheld count that can be recomputed or shown
to be below 3.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import disclosure_audit as audit
import gap_shapes as shapes
import published_counts as published
import time_networks as times
from bildungsnetz import EducationNetwork, find_gaps
from bildungsnetz.gaps import transition_matrix
from bildungsnetz.rules import RequiredTransitionCooperation


def every_flow(min_pupils=1):
    """A rule set reporting every flow between institutions that do not cooperate."""
    rule = RequiredTransitionCooperation(id="flows", min_pupils=min_pupils, severity="high")
    return shapes.one_rule(rule)


def primary_to_secondary(counts):
    """Grundschulen gs-* sending ``counts[(gs, sek)]`` pupils to Sekundarschulen sek-*."""
    sources = sorted({source for source, _ in counts})
    targets = sorted({target for _, target in counts})
    return EducationNetwork(
        name="Wechsel",
        actors=[
            *(shapes.school(gs, f"Grundschule {gs[-1].upper()}") for gs in sources),
            *(
                shapes.school(sek, f"Sekundarschule {sek[-1].upper()}", form="sekundarschule")
                for sek in targets
            ),
        ],
        flows=[
            times.flow(source, target, n, "primary_to_secondary")
            for (source, target), n in counts.items()
        ],
    )


def leaks(network, rules=None):
    """Withheld counts recomputable, and small ones provably below 3, from all published."""
    counts, facts = published.everything_published(network, rules)
    return audit.record_disclosures(counts, facts, 3)


def test_a_flow_finding_and_the_matrix_do_not_give_back_a_flow_of_two():
    """The matrix hides 2, 10, 8 and 9 together; the findings used to show 10, 8 and 9."""
    network = primary_to_secondary(
        {("gs-a", "sek-a"): 2, ("gs-a", "sek-b"): 10, ("gs-b", "sek-a"): 8, ("gs-b", "sek-b"): 9}
    )
    report = find_gaps(network, every_flow())
    shown = sorted(
        (gap.actors, gap.evidence["pupils"])
        for gap in report.filter(kind="transition_without_cooperation")
    )
    assert (shown, leaks(network, every_flow())) == (
        [
            (("gs-a", "sek-a"), None),
            (("gs-a", "sek-b"), None),
            (("gs-b", "sek-a"), None),
            (("gs-b", "sek-b"), None),
        ],
        ([], []),
    )


def mixed_district():
    """Kitas, Grundschulen, a Förderschule and Sekundarschulen with a flow of 1 among them."""
    actors = [
        shapes.actor("kita-a", "daycare", "Kita A"),
        shapes.actor("kita-b", "daycare", "Kita B"),
        shapes.school("gs-a", "Grundschule A"),
        shapes.school("gs-b", "Grundschule B"),
        shapes.school("foes", "Förderschule", form="foerderschule"),
        shapes.school("sek-a", "Sekundarschule A", form="sekundarschule"),
        shapes.school("sek-b", "Sekundarschule B", form="sekundarschule"),
    ]
    flows = [
        times.flow("kita-a", "gs-a", 20),
        times.flow("kita-b", "gs-b", 15),
        times.flow("kita-a", "gs-b", 4),
        times.flow("foes", "gs-a", 1, "special_to_regular"),
        times.flow("foes", "sek-a", 6, "special_to_regular"),
        times.flow("gs-a", "sek-a", 12, "primary_to_secondary"),
        times.flow("gs-b", "sek-b", 9, "primary_to_secondary"),
        times.flow("gs-a", "sek-b", 5, "primary_to_secondary"),
    ]
    return EducationNetwork(name="Gemischt", actors=actors, flows=flows)


@pytest.mark.parametrize("rules", [None, "every"], ids=["default-rules", "every-flow"])
def test_the_tables_by_form_and_by_institution_together_reveal_no_count(rules):
    """Totals of one table do not fill in what the other suppresses (the "bridge" cells)."""
    network = mixed_district()
    assert leaks(network, every_flow() if rules else None) == ([], [])


def records_shuffled(network, rng):
    """The same network with its actors and flows in another order."""
    actors, flows = list(network.actors), list(network.flows)
    rng.shuffle(actors)
    rng.shuffle(flows)
    return EducationNetwork(name=network.name, actors=actors, flows=flows)


def everything_shown(network, rules):
    """Every table (both ways, both languages) and the findings' evidence, as published."""
    tables = [
        (table.to_records(), table.total)
        for by in ("form", "institution")
        for lang in ("de", "en")
        for table in [transition_matrix(network, by=by, lang=lang)]
    ]
    findings = sorted(
        (gap.id, json.dumps(dict(gap.evidence), sort_keys=True))
        for gap in find_gaps(network, rules).gaps
    )
    return tables, findings


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_what_is_suppressed_does_not_depend_on_the_order_of_the_records(rng):
    """Four (or any number of) shuffles of the records publish the very same numbers."""
    network = mixed_district()
    assert everything_shown(records_shuffled(network, rng), every_flow()) == everything_shown(
        network, every_flow()
    )


# -- a Grundschule and all its Kitas -----------------------------------------------------------

NUMBERS = re.compile(r"(?<![\d/])\d+(?![\d/])")


def five_from_five():
    """Five Kitas sending one child each to a Grundschule that works with none of them."""
    return times.kitas_to_school(1, 1, 1, 1, 1)


def kita_finding(report):
    (gap,) = report.filter(kind="transition_without_cooperation").gaps
    return gap


def test_five_children_from_five_kitas_withhold_the_total():
    """With the number of Kitas (and their names) shown, a total of 5 would give each 1."""
    report = find_gaps(five_from_five(), every_flow())
    gap = kita_finding(report)
    assert (gap.evidence["pupils"], gap.evidence["sending_kitas"], gap.score) == (None, 5, 0.0)
    assert leaks(five_from_five(), every_flow()) == ([], [])


HTML = pytest.mark.requires_extra("html")
FRAME = pytest.mark.requires_extra("pandas")


@pytest.mark.parametrize(
    "render",
    [
        lambda report: report.to_json(),
        lambda report: report.to_markdown("de"),
        lambda report: report.to_markdown("en"),
        lambda report: json.dumps(report.to_records(), ensure_ascii=False),
        pytest.param(lambda report: report.to_frame().to_csv(), marks=FRAME),
        pytest.param(lambda report: report.to_html("de"), marks=HTML),
        pytest.param(lambda report: report.to_html("en"), marks=HTML),
    ],
    ids=["json", "markdown-de", "markdown-en", "records", "frame", "html-de", "html-en"],
)
def test_five_children_from_five_kitas_in_no_output(render):
    """No output and no language says 5 children beside the 5 Kitas."""
    text = render(find_gaps(five_from_five(), every_flow()))
    assert re.search(r"\b5 (Kinder|children)\b|\"pupils\": 5\b|\"score\": 5\.0", text) is None


def test_the_kitas_are_listed_by_id_not_by_size():
    """The order of the Kitas would rank their withheld counts."""
    gap = kita_finding(find_gaps(times.kitas_to_school(1, 2, 1), every_flow()))
    assert gap.actors == ("gs", "kita-a", "kita-b", "kita-c")


def test_a_kita_total_shown_by_the_matrix_is_published():
    """Seven children from two Kitas: the school's column total, shown, is the total."""
    gap = kita_finding(find_gaps(times.kitas_to_school(4, 3), every_flow(min_pupils=5)))
    assert (gap.evidence["pupils"], gap.evidence["sending_kitas"]) == (7, 2)
