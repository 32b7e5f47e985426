"""The gap report's outputs: records, frame, JSON, Markdown, HTML, and pupil privacy."""

from __future__ import annotations

import json
import re

import pytest
from pydantic import ValidationError

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import EducationNetwork, TransitionFlow
from bildungsnetz.gaps import find_gaps
from bildungsnetz.rules import RequiredTransitionCooperation

FLOWS = shapes.one_rule(RequiredTransitionCooperation(id="flows", min_pupils=1))
COLUMNS = [
    "id",
    "concern",
    "kind",
    "severity",
    "score",
    "actors",
    "actor_names",
    "rule",
    "evidence",
    "details_de",
    "details_en",
    "explanation_de",
    "explanation_en",
    "suggestions",
    "method",
    "params",
]


def gappy():
    """The report on the gappy district (missing, fragile, isolated, unconfirmed)."""
    return find_gaps(nets.gappy_district())


def test_records_have_every_column():
    """Each record holds exactly the documented fields."""
    assert [sorted(COLUMNS)] * 4 == [sorted(record) for record in gappy().to_records()]


@pytest.mark.requires_extra("pandas")
def test_frame_has_the_columns_in_order():
    """The data frame has one row per finding and the columns in their order."""
    frame = gappy().to_frame()
    assert (list(frame.columns), len(frame)) == (COLUMNS, 4)


def test_json_parses_with_the_findings():
    """to_json is JSON with the format marker and every finding."""
    document = json.loads(gappy().to_json())
    assert ("bildungsnetz-gaps", [g.id for g in gappy()]) == (
        document["format"],
        [g["id"] for g in document["gaps"]],
    )


def test_json_is_deterministic():
    """Two reports on equal networks give the same bytes."""
    again = EducationNetwork.model_validate(nets.gappy_district().model_dump())
    assert gappy().to_json() == find_gaps(again).to_json()


def test_markdown_in_german_holds_the_german_explanations():
    """Every German explanation appears in the German Markdown."""
    text = gappy().to_markdown("de")
    assert [g.id for g in gappy() if g.explanation.de not in text] == []


def test_markdown_in_english_holds_the_english_explanations():
    """Every English explanation appears in the English Markdown."""
    text = gappy().to_markdown("en")
    assert [g.id for g in gappy() if g.explanation.en not in text] == []


def test_markdown_of_a_compliant_district_says_so():
    """Without findings the Markdown says no gaps were found."""
    assert "Keine Lücken gefunden." in find_gaps(nets.compliant_district()).to_markdown("de")


@pytest.mark.requires_module("jinja2")
def test_html_escapes_actor_names():
    """An actor named like a script tag is shown escaped, never as markup."""
    network = nets.gappy_district().with_actors(
        shapes.actor("verein", "association", "<script>alert(1)</script>")
    )
    html = find_gaps(network)._repr_html_()
    assert ("<script>" in html, "&lt;script&gt;alert(1)" in html) == (False, True)


def test_markdown_keeps_names_from_becoming_links():
    """A name written like a Markdown link stays text in the Markdown."""
    network = nets.gappy_district().with_actors(
        shapes.actor("verein", "association", "[Klick](https://example.org)")
    )
    assert "[Klick](https://example.org)" not in find_gaps(network).to_markdown("de")


def test_markdown_keeps_names_from_becoming_headings():
    """A line break in a name is refused; in a record built unchecked, it starts no heading."""
    with pytest.raises(ValidationError, match=r"U\+000A LINE FEED at position 7"):
        shapes.actor("verein", "association", "Verein\n\n# Gehackt")
    # model_copy(update=...) does not validate: the report must escape what slips past.
    hostile = shapes.actor("verein", "association", "Verein")
    hostile = hostile.model_copy(update={"name": "Verein\n\n# Gehackt"})
    network = nets.gappy_district().with_actors(hostile)
    lines = find_gaps(network).to_markdown("de").splitlines()
    assert [line for line in lines if line.startswith("# Gehackt")] == []


@pytest.mark.requires_module("jinja2")
def test_html_escapes_the_network_name():
    """The network's name in the caption is escaped too."""
    network = nets.gappy_district().replace(name="<b>Kreis</b>")
    assert "<b>" not in find_gaps(network)._repr_html_()


# -- privacy -------------------------------------------------------------------------------

LONE_TWO = re.compile(r"(?<![\w.])2(?![\w.])")


def test_small_flow_evidence_is_suppressed():
    """A flow of two pupils publishes neither its count nor its share."""
    gap = find_gaps(shapes.small_flow(2), FLOWS)[0]
    assert (gap.evidence["pupils"], "share_of_sender" in gap.evidence) == (None, False)


@pytest.mark.requires_module("jinja2")
def test_small_flow_count_appears_in_no_output():
    """The one finding shows the count of two in neither JSON, Markdown, HTML nor records."""
    report = find_gaps(shapes.small_flow(2), FLOWS)
    outputs = {
        "json": json.dumps(json.loads(report.to_json())["gaps"], ensure_ascii=False),
        "markdown-de": report.to_markdown("de"),
        "markdown-en": report.to_markdown("en"),
        "html": report._repr_html_(),
        "records": json.dumps(report.to_records(), ensure_ascii=False),
    }
    leaks = [name for name, text in outputs.items() if LONE_TWO.search(text)]
    assert (len(report), leaks) == (1, [])


def test_small_kita_total_is_suppressed():
    """Children from Kitas summed to two are not published either."""
    network = shapes.chain_to_office(1).replace(
        actors=(*shapes.chain_to_office(1).actors, shapes.actor("kita", "daycare", "Kita")),
        flows=(
            TransitionFlow(
                source="kita", target="gs", year=2024, pupils=2, transition="kita_to_primary"
            ),
        ),
    )
    gap = find_gaps(network, FLOWS).filter(kind="transition_without_cooperation")[0]
    assert None is gap.evidence["pupils"]


def test_small_flow_cannot_be_derived_from_a_published_share():
    """A suppressed flow of two is not revealed by another flow's count and share.

    The matrix by institution hides the 6 beside the 2 (its row total would give the 2
    back), so the finding about the 6 withholds it too.
    """
    report = find_gaps(shapes.small_flow(2, 6), FLOWS)
    evidence = report.filter(actor="sek-2")[0].evidence
    assert (evidence["pupils"], "share_of_sender" in evidence) == (None, False)
