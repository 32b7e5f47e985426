"""Every pupil count published about the flows of a school year, as facts for an audit.

A fact is ``(records, shown)``: the published number ``shown`` (``None`` where withheld) is
the sum of the pupils of ``records``, indices into the flows of the school year. The
labels are computed here from the actors, independently of the library's own helpers, so
that a fact is tied to the records it really sums. See
:func:`disclosure_audit.record_disclosures` for what an attacker can derive from them.
"""

from __future__ import annotations

import json
from collections import Counter

from bildungsnetz import find_gaps
from bildungsnetz.gaps import transition_matrix
from bildungsnetz.privacy import DEFAULT_POLICY

TRANSITION_FINDING = "transition_without_cooperation"


def latest_flows(network):
    """The flow records of the latest school year, in the network's order."""
    year = max(flow.year for flow in network.flows)
    return [flow for flow in network.flows if flow.year == year]


def _form(actor):
    return actor.school.form.label("en") if actor.school is not None else actor.kind.label("en")


def _institution(network):
    names = Counter(actor.name for actor in network.actors)
    return {
        actor.id: actor.name if names[actor.name] == 1 else f"{actor.name} ({actor.id})"
        for actor in network.actors
    }


def table_facts(network, by, *, policy=DEFAULT_POLICY):
    """The cells and totals of ``transition_matrix(network, by=by)`` as facts."""
    flows = latest_flows(network)
    if by == "form":
        label = {actor.id: _form(actor) for actor in network.actors}
    else:
        label = _institution(network)
    table = transition_matrix(network, by=by, policy=policy, lang="en")
    ends = [(label[flow.source], label[flow.target]) for flow in flows]
    facts = {}
    for row in table.rows:
        for column in table.columns:
            records = frozenset(i for i, pair in enumerate(ends) if pair == (row, column))
            facts[by, row, column] = (records, table.cell(row, column))
        records = frozenset(i for i, (source, _) in enumerate(ends) if source == row)
        facts[by, row, "Σ"] = (records, table.row_totals[row])
    for column in table.columns:
        records = frozenset(i for i, (_, target) in enumerate(ends) if target == column)
        facts[by, "Σ", column] = (records, table.column_totals[column])
    facts[by, "Σ", "Σ"] = (frozenset(range(len(flows))), table.total)
    return facts


def finding_facts(report, network):
    """The pupil counts of the transition findings, as the report's JSON publishes them."""
    flows = latest_flows(network)
    facts = {}
    for record in json.loads(report.to_json())["gaps"]:
        if record["kind"] != TRANSITION_FINDING:
            continue
        evidence, actors = record["evidence"], record["actors"]
        if "sending_kitas" in evidence:
            school, kitas = actors[0], set(actors[1:])
            records = frozenset(
                i
                for i, flow in enumerate(flows)
                if flow.target == school
                and flow.source in kitas
                and flow.transition.value == "kita_to_primary"
            )
        else:
            records = frozenset(
                i
                for i, flow in enumerate(flows)
                if (flow.source, flow.target) == tuple(actors)
                and flow.transition.value == evidence["transition"]
            )
        facts["finding", record["id"]] = (records, evidence["pupils"])
    return facts


def everything_published(network, rules=None, *, policy=DEFAULT_POLICY):
    """The exact counts of the latest flows and every fact published about them."""
    facts = {**table_facts(network, "form", policy=policy)}
    facts.update(table_facts(network, "institution", policy=policy))
    facts.update(finding_facts(find_gaps(network, rules, policy=policy), network))
    return [flow.pupils for flow in latest_flows(network)], facts
