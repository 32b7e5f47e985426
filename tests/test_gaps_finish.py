"""Findings finished cheaply: one copy per finding, no validation, the same findings.

``gaps/_finish.py`` gives every finding its evidence in words and its verified suggestions
in one copy made without pydantic (``_verify.with_changes``). The straightforward version,
kept here as the reference, copies with ``model_copy`` once per change; both must give the
same findings, field for field and byte for byte.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from bildungsnetz.datasets import musterkreis
from bildungsnetz.gaps import find_gaps
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps._detectors import DAY_DETECTORS, JUDGES
from bildungsnetz.gaps._evidence import _line, details
from bildungsnetz.gaps._finish import finished, unfinished
from bildungsnetz.gaps._verify import verified, with_changes
from bildungsnetz.gaps.gap import Explanation, Gap, SuggestedTie
from strategies_districts import districts


def reference_finished(analysis, gaps, judges):
    """The straightforward version: a validated copy for the details, then verification."""
    described = [
        gap
        if gap.details or not gap.evidence
        else gap.model_copy(update={"details": details(analysis, gap.evidence)})
        for gap in gaps
    ]
    return sorted(verified(analysis, described, judges), key=lambda gap: gap.sort_key)


def as_json(gaps):
    """The findings as the JSON text a user reads."""
    return json.dumps([gap.model_dump(mode="json") for gap in gaps], ensure_ascii=False)


def raw_findings(network):
    """Every day detector's findings as found: no details, suggestions not verified."""
    with unfinished():
        return [gap for detector in DAY_DETECTORS for gap in detector(network)]


def finish_alike(network):
    """Finishing the raw findings: the cheap way == the straightforward way."""
    analysis = analyse(network)
    raw = raw_findings(network)
    cheap = finished(analysis, raw, JUDGES)
    expected = reference_finished(analysis, raw, JUDGES)
    assert cheap == expected
    assert as_json(cheap) == as_json(expected)
    return cheap


@given(network=districts())
def test_finished_findings_equal_the_straightforward_copies(network):
    """Random districts: the same findings, details and verified suggestions."""
    finish_alike(network.replace())


def test_finished_findings_of_the_example_district():
    """Musterkreis: hundreds of findings, many with details and suggestions, all alike."""
    found = finish_alike(musterkreis().replace())
    assert any(gap.details for gap in found)
    assert any(suggestion.closes for gap in found for suggestion in gap.suggestions)


@pytest.fixture
def gap():
    """A finding with evidence and one suggestion."""
    tie = SuggestedTie(
        actors=("gs", "ja"), kind="case_work", plausibility=0.5, reason=Explanation(de="d", en="e")
    )
    return Gap.create(
        kind="missing_required_tie",
        severity="high",
        actors=("gs",),
        rule="ja",
        evidence={"partners_found": 0},
        explanation=Explanation(de="Fehlt.", en="Missing."),
        suggestions=(tie,),
        method="test",
    )


def test_with_changes_equals_a_validated_copy(gap):
    """The copy equals model_copy with the same changes: every field, JSON, fields given."""
    lines = (Explanation(de="Gefunden: 0", en="Found: 0"),)
    cheap = with_changes(gap, details=lines, suggestions=())
    expected = gap.model_copy(update={"details": lines, "suggestions": ()})
    assert cheap == expected
    assert cheap.model_dump_json() == expected.model_dump_json()
    assert cheap.model_fields_set == expected.model_fields_set


def test_with_changes_leaves_the_original_alone(gap):
    """The finding copied from keeps its fields; the copy is a new, frozen object."""
    before = gap.model_dump_json()
    copy = with_changes(gap, score=3.0)
    assert gap.model_dump_json() == before
    assert (copy.score, gap.score) == (3.0, 0.0)
    with pytest.raises(ValueError, match="frozen"):
        copy.score = 4.0


def test_with_changes_of_a_suggestion(gap):
    """Suggestions are copied the same way, closes and remaining set."""
    tie = gap.suggestions[0]
    cheap = with_changes(tie, closes=("g-1",), remaining=2)
    assert cheap == tie.model_copy(update={"closes": ("g-1",), "remaining": 2})
    assert cheap.key == tie.key


def written_alone(analysis, evidence):
    """The evidence lines of one finding, each written anew (no lines shared)."""
    lines = (_line(analysis, evidence, key) for key in evidence)
    return tuple(line for line in lines if line is not None)


@given(districts())
def test_shared_evidence_lines_equal_lines_written_alone(network):
    """Random districts: every finding's lines as if written for it alone."""
    analysis = analyse(network)
    for gap in find_gaps(network):
        assert details(analysis, gap.evidence) == written_alone(analysis, gap.evidence)


def test_shared_evidence_lines_tell_a_flag_from_a_number():
    """True and 1 are equal keys of a dict, but not the same evidence."""
    analysis = analyse(musterkreis())
    numbers = details(analysis, {"school_year": 1})
    flags = details(analysis, {"school_year": True})
    assert [line.en for line in numbers + flags] == ["school year: 1", "school year: True"]
