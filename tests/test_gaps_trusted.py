"""Findings and remedies built without validation are what validation would build.

The detectors build findings (``Gap.create``) and remedies (``_trusted``) without
validating them again. Every finding and remedy of the reports of Musterkreis, synthetic
districts and random districts, with and without a horizon, is validated here: a copy
validated from its dump, and one validated from the fields it was given, equal it and
dump to the same JSON. A detector that built an invalid finding fails here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import find_gaps
from bildungsnetz.gaps.gap import Explanation, Gap, SuggestedMeasure, SuggestedTie
from bildungsnetz.model import CooperationKind
from strategies_districts import STICHTAG, districts


def assert_valid(model):
    """``model`` equals its validated copies and dumps as they do, fields given included."""
    kind = type(model)
    from_dump = kind.model_validate(model.model_dump())
    given_fields = {name: getattr(model, name) for name in model.model_fields_set}
    from_given = kind(**given_fields)
    assert from_dump == model
    assert from_given == model
    assert from_given.model_fields_set == model.model_fields_set
    assert from_dump.model_dump_json() == model.model_dump_json()
    assert from_given.model_dump_json() == model.model_dump_json()
    # Equal is not enough: 3 == 3.0, but other writers than pydantic's tell them apart.
    types = {name: type(value) for name, value in model}
    assert types == {name: type(value) for name, value in from_given}


def assert_report_valid(report):
    """Every finding of ``report`` and every remedy it offers passes :func:`assert_valid`."""
    for gap in report.gaps:
        assert_valid(gap)
        for suggestion in gap.suggestions:
            assert_valid(suggestion)
            assert_valid(suggestion.reason)
        assert_valid(gap.explanation)


@pytest.mark.parametrize("horizon", [None, 1095])
def test_every_finding_of_musterkreis_is_valid(horizon):
    """The example district, with and without the horizon its ESF+ posts end in."""
    report = find_gaps(musterkreis(), horizon=horizon)
    assert len(report.gaps) > 0
    assert_report_valid(report)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_finding_of_a_synthetic_district_is_valid(seed):
    """Synthetic districts with a horizon: every kind of remedy is among their findings."""
    report = find_gaps(synthetic(80, seed=seed), as_of=STICHTAG, horizon=1095)
    types = {type(s) for gap in report.gaps for s in gap.suggestions}
    assert len(types) >= 2, types  # ties and placements at least
    assert_report_valid(report)


@settings(max_examples=30, deadline=None)
@given(districts(), st.sampled_from([None, 365, 1095]))
def test_every_finding_of_a_random_district_is_valid(network, horizon):
    """Random districts shaped like real ones, judged on the Stichtag."""
    assert_report_valid(find_gaps(network, as_of=STICHTAG, horizon=horizon))


def test_an_invalid_remedy_fails_the_check():
    """A plausibility beyond 1 passes ``_trusted`` but not the check of this module."""
    reason = Explanation(de="-", en="-")
    wrong = SuggestedTie._trusted(
        actors=("a", "b"), kind=CooperationKind.CASE_WORK, plausibility=1.5, reason=reason
    )
    with pytest.raises(ValidationError):
        assert_valid(wrong)


def _cut_tie():
    return Gap.create(
        kind="cut_tie",
        severity="low",
        actors=("a", "b"),
        explanation=Explanation(de="-", en="-"),
        method="m",
    )


def test_a_whole_number_score_fails_the_check():
    """A score given as an int would be written as one: validation makes it a float."""
    gap = _cut_tie()
    wrong = Gap._trusted(**{**dict(gap), "score": 3})
    with pytest.raises(AssertionError):
        assert_valid(wrong)


def test_trusted_keeps_the_defaults_and_what_was_given():
    """Fields not given are at their defaults and not recorded as set."""
    measure = SuggestedMeasure._trusted(
        intervention="m-1", site="gs", plausibility=0.5, reason=Explanation(de="-", en="-")
    )
    assert (measure.providers, measure.closes, measure.remaining, measure.type) == (
        (),
        (),
        0,
        "measure",
    )
    assert measure.model_fields_set == {"intervention", "site", "plausibility", "reason"}


def test_trusted_refuses_unknown_and_missing_fields():
    """A misspelt field or a missing one is a TypeError, not a half-built model."""
    reason = Explanation(de="-", en="-")
    with pytest.raises(TypeError, match="plausability"):
        SuggestedTie._trusted(actors=("a", "b"), kind="case_work", plausability=0.5, reason=reason)
    with pytest.raises(TypeError, match="plausibility"):
        SuggestedTie._trusted(actors=("a", "b"), kind="case_work", reason=reason)


def test_trusted_models_are_frozen():
    """Built without validation, a finding still refuses assignment."""
    gap = _cut_tie()
    with pytest.raises(ValidationError):
        gap.score = 2.0
