"""Property: no suppressed pupil count is derivable from everything published together.

For random districts with many small flows, everything the library publishes about the
flows of a school year is collected: the transition matrix by form and by institution
(cells, row, column and grand totals, in both languages, as records and Markdown show
them), and the transition findings of the report as its JSON, records and texts publish
them. The audit (``disclosure_audit.record_disclosures``) then solves the linear
programmes of all these numbers together, every flow being at least 1: no withheld count
from 1 to 2 may be recomputed or shown to be below 3 (a withheld count of 3 or more
that the matrix determines may be recomputed: it was never small).
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import disclosure_audit as audit
import gap_shapes as shapes
import published_counts as published
import time_networks as times
from bildungsnetz import EducationNetwork, find_gaps
from bildungsnetz.rules import RequiredTransitionCooperation

SENDERS = {
    "kita-a": "kita_to_primary",
    "kita-b": "kita_to_primary",
    "kita-c": "kita_to_primary",
    "gs-a": "primary_to_secondary",
    "gs-b": "primary_to_secondary",
    "foes": "special_to_regular",
}
RECEIVERS = {
    "kita_to_primary": ["gs-a", "gs-b"],
    "primary_to_secondary": ["sek-a", "sek-b", "gym"],
    "special_to_regular": ["gs-a", "sek-a"],
}


def actors():
    return [
        *(
            shapes.actor(kita, "daycare", f"Kita {kita[-1].upper()}")
            for kita in SENDERS
            if "kita" in kita
        ),
        shapes.school("gs-a", "Grundschule A"),
        shapes.school("gs-b", "Grundschule B"),
        shapes.school("foes", "Förderschule", form="foerderschule"),
        shapes.school("sek-a", "Sekundarschule A", form="sekundarschule"),
        shapes.school("sek-b", "Sekundarschule B", form="sekundarschule"),
        shapes.school("gym", "Gymnasium", form="gymnasium"),
    ]


@st.composite
def districts(draw):
    """Up to 14 flows of 1 to 2 pupils, or 1 to 25, between fixed Kitas and schools."""
    flows = []
    for source, transition in SENDERS.items():
        for target in RECEIVERS[transition]:
            pupils = draw(st.one_of(st.just(0), st.integers(1, 2), st.integers(1, 25)))
            if pupils:
                flows.append(times.flow(source, target, pupils, transition))
    if not flows:
        flows.append(times.flow("kita-a", "gs-a", draw(st.integers(1, 2))))
    ties = draw(st.lists(st.sampled_from(sorted(SENDERS)), max_size=2, unique=True))
    cooperations = [shapes.tie(sender, RECEIVERS[SENDERS[sender]][0]) for sender in ties]
    return EducationNetwork(name="Zufall", actors=actors(), flows=flows, cooperations=cooperations)


rule_sets = st.sampled_from([None, 1, 3, 5]).map(
    lambda min_pupils: (
        None
        if min_pupils is None
        else shapes.one_rule(
            RequiredTransitionCooperation(id="flows", min_pupils=min_pupils, severity="high")
        )
    )
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(districts(), rule_sets)
def test_no_suppressed_count_is_derivable_from_everything_published(network, rules):
    """Matrices both ways, totals and findings together pin no withheld count."""
    counts, facts = published.everything_published(network, rules)
    _, pinned = audit.record_disclosures(counts, facts, 3)
    assert pinned == []


NUMBER = re.compile(r"(?<![\d/])\d+(?![\d/])")


@settings(max_examples=8, deadline=None)
@given(districts(), rule_sets)
def test_the_texts_of_the_findings_show_only_their_published_counts(network, rules):
    """Every number in a finding's German and English text is a count its evidence shows."""
    for record in find_gaps(network, rules).to_records():
        if record["kind"] != published.TRANSITION_FINDING:
            continue
        evidence = record["evidence"]
        allowed = {str(evidence[key]) for key in ("pupils", "sending_kitas") if key in evidence}
        for text in (record["explanation_de"], record["explanation_en"]):
            assert set(NUMBER.findall(text)) <= allowed, text
