"""Tests of the rules about required ties."""

import pytest
from pydantic import ValidationError

from bildungsnetz.rules import RequiredTie, Selector


def _tie(rule_id="r", **options):
    return RequiredTie(
        id=rule_id, subject=Selector(kind="school"), partner=Selector(kind="daycare"), **options
    )


DIRECT_OPTIONS = [("kinds", {"placement"}), ("min_intensity", "cooperation"), ("min_partners", 2)]


@pytest.mark.parametrize(("option", "value"), DIRECT_OPTIONS)
def test_required_tie_refuses_direct_options_over_several_steps(option, value):
    """kinds, min_intensity and min_partners with within > 1 are refused by name."""
    with pytest.raises(ValidationError, match=f"{option} only apply to direct ties"):
        _tie(within=2, **{option: value})


@pytest.mark.parametrize(("option", "value"), DIRECT_OPTIONS)
def test_required_tie_accepts_direct_options_for_direct_ties(option, value):
    """The same options are fine with within=1."""
    assert _tie(within=1, **{option: value}).within == 1
