"""Tests of selectors: which actors a rule speaks about."""

import pytest

from bildungsnetz import Actor
from bildungsnetz.rules import Selector


def _school(actor_id, form, tags):
    return Actor(id=actor_id, name=actor_id, kind="school", school={"form": form}, tags=tags)


ACTORS = (
    _school("gym", "gymnasium", {"Ganztag", "MINT"}),
    _school("gs", "grundschule", {"MINT"}),
    Actor(id="kita", name="Kita", kind="daycare"),
)


SELECTIONS = {
    "empty-matches-all": (Selector(), [True, True, True]),
    "kind": (Selector(kind="school"), [True, True, False]),
    "kinds-any": (Selector(kinds={"daycare", "other"}), [False, False, True]),
    "forms-schools-only": (Selector(forms={"gymnasium"}), [True, False, False]),
    "stages-any": (Selector(stages={"lower_secondary", "vocational"}), [True, False, False]),
    "tags-all": (Selector(tags={"MINT", "Ganztag"}), [True, False, False]),
    "and": (Selector(kind="school", stages={"primary"}, tags={"MINT"}), [False, True, False]),
}


@pytest.mark.parametrize(("selector", "expected"), SELECTIONS.values(), ids=SELECTIONS.keys())
def test_selector_matches(selector, expected):
    """Every given criterion must hold; kinds, forms and stages match any of their values."""
    assert [selector.matches(actor) for actor in ACTORS] == expected


def test_selector_kind_is_folded_into_kinds():
    """kind is shorthand for kinds: both spellings give equal selectors."""
    assert Selector(kind="school") == Selector(kinds={"school"})


def test_selector_kind_joins_given_kinds():
    """kind and kinds together mean the union of both."""
    assert Selector(kind="school", kinds={"daycare"}) == Selector(kinds={"school", "daycare"})
