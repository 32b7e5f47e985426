"""Tests of rule sets and their JSON form: lookups, round trips, load errors, files."""

import json
import os
from typing import get_args

import pytest
from pydantic import ValidationError

from bildungsnetz import rules as r
from bildungsnetz.errors import LoadError
from bildungsnetz.rules import RequiredTie, RuleSet, Selector, default_rules


def _tie(rule_id="r", **options):
    return RequiredTie(
        id=rule_id, subject=Selector(kind="school"), partner=Selector(kind="daycare"), **options
    )


def test_rule_set_refuses_duplicate_ids_naming_them():
    """Repeated rule ids are refused, each named once in the message."""
    rules = (_tie("b"), _tie("a"), _tie("b"), r.RegularContact(id="a"), _tie("c"))
    with pytest.raises(ValidationError, match=r"repeated: a, b(?!,)"):
        RuleSet(name="doppelt", rules=rules)


def test_rule_returns_the_rule_with_the_id():
    """rule() finds a rule by its id."""
    rules = RuleSet(name="r", rules=(_tie("a"), r.RegularContact(id="b")))
    assert rules.rule("b") == r.RegularContact(id="b")


def test_rule_with_unknown_id_is_a_key_error():
    """rule() raises KeyError naming the missing id."""
    with pytest.raises(KeyError, match="'fehlt'"):
        RuleSet(name="r", rules=(_tie("a"),)).rule("fehlt")


def test_of_type_returns_the_rules_of_one_type_in_order():
    """of_type() keeps the order of the set and skips other types."""
    rules = RuleSet(name="r", rules=(_tie("x"), r.RegularContact(id="y"), _tie("z")))
    assert tuple(rule.id for rule in rules.of_type(RequiredTie)) == ("x", "z")


def _every_rule_type():
    school = Selector(kind="school", forms={"sekundarschule"}, tags={"Ganztag"})
    psychology = Selector(kind="school_psychology")
    rules = (
        RequiredTie(
            id="tie",
            subject=school,
            partner=Selector(kinds={"school_social_work", "school_psychology"}),
            kinds={"placement", "agreement"},
            min_partners=2,
            min_intensity="coordination",
            forums=True,
            severity="critical",
            description="Beschreibung",
        ),
        r.RequiredTransitionCooperation(
            id="flow", transitions={"kita_to_primary"}, min_pupils=7, within=2, forums=False
        ),
        r.RequiredCoverage(id="cov", topic="migration", per="school_form", tier="selective"),
        r.NeedCoverage(
            id="need",
            indicator="migration_rate",
            threshold=0.4,
            tier="indicated",
            subject=Selector(stages={"primary"}),
        ),
        r.NoSinglePointOfFailure(id="spof", min_exclusive_pairs=3, max_constraint=0.5),
        r.GroupLinkage(id="link", first=school, second=psychology, min_ratio=1.5),
        r.ProviderDiversity(id="div", min_providers=3),
        r.PermanentPlacement(id="perm", partner=psychology),
        r.FundingContinuity(id="money", severity="low"),
        r.RegularContact(id="contact", max_missed=1),
    )
    return RuleSet(
        name="Alle",
        rules=rules,
        max_forum_size=8,
        insular_threshold=-0.5,
        description="jede Regelart",
    )


def test_json_round_trip_of_default_rules():
    """The default rules survive to_json and from_json unchanged."""
    rules = default_rules()
    assert RuleSet.from_json(rules.to_json()) == rules


def test_json_round_trip_of_every_rule_type():
    """A set with every rule type and non-default options survives a round trip."""
    rules = _every_rule_type()
    assert RuleSet.from_json(rules.to_json()) == rules


def test_hand_made_set_covers_every_rule_type():
    """The round-trip set really holds a rule of each type a rule set accepts."""
    assert {type(rule) for rule in _every_rule_type().rules} == set(get_args(r.AnyRule))


def _load_error(text):
    with pytest.raises(LoadError) as caught:
        RuleSet.from_json(text, source="regeln.json")
    return [(problem.file, problem.path) for problem in caught.value.problems]


def _document(**changes):
    return json.dumps({"format": "bildungsnetz-rules", "version": 1, "name": "r", **changes})


def test_from_json_bad_json_is_a_load_error_with_line():
    """Broken JSON is a LoadError naming the file and the line."""
    with pytest.raises(LoadError) as caught:
        RuleSet.from_json('{\n  "name": ', source="regeln.json")
    problem = caught.value.problems[0]
    assert (problem.file, problem.row) == ("regeln.json", 2)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('["a"]', "format"),
        ("{}", "format"),
        ('{"format": "bildungsnetz", "version": 1}', "format"),
        *((_document(version=version), "version") for version in (2, "1", None, True)),
    ],
)
def test_from_json_wrong_envelope_is_a_load_error(text, path):
    """A document of another format, or any version but the integer 1, is refused there."""
    assert _load_error(text) == [("regeln.json", path)]


def test_from_json_invalid_rule_points_at_the_field():
    """A rule with an invalid value is a LoadError whose path leads to the field."""
    rule = {"type": "regular_contact", "id": "a", "max_missed": 0}
    # The convention of the network loader: position, record id, field as in the document.
    problems = _load_error(_document(rules=[_tie("ok").model_dump(mode="json"), rule]))
    assert problems == [("regeln.json", "rules[1](a).max_missed")]


def test_from_json_reports_every_invalid_rule():
    """Each invalid rule is its own problem: an unknown type and an unknown member."""
    rules = [{"type": "nope", "id": "a"}, {"type": "regular_contact", "id": "b", "extra": 1}]
    assert len(_load_error(_document(rules=rules))) == 2


def test_from_json_duplicate_ids_is_a_load_error():
    """Repeated ids in a document are a LoadError naming the id."""
    rules = [{"type": "regular_contact", "id": "a"}] * 2
    with pytest.raises(LoadError, match="repeated: a"):
        RuleSet.from_json(_document(rules=rules))


# load and save ---------------------------------------------------------------------------


def test_load_inverts_save(tmp_path):
    """A saved rule set loads back equal."""
    target = tmp_path / "regeln.json"
    r.save(_every_rule_type(), target)
    assert r.load(target) == _every_rule_type()


def test_load_errors_name_the_file(tmp_path):
    """A LoadError from a file names that file."""
    target = tmp_path / "kaputt.json"
    target.write_text("{", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        r.load(target)
    assert caught.value.problems[0].file == str(target)


def test_failed_save_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    """If the final rename fails, the old file is untouched and no temporary remains."""
    target = tmp_path / "regeln.json"
    target.write_text("alt", encoding="utf-8")

    def fail(*args, **kwargs):
        msg = "Datenträger voll"
        raise OSError(msg)

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="Datenträger voll"):
        r.save(default_rules(), target)
    assert (
        sorted(path.name for path in tmp_path.iterdir()),
        target.read_text(encoding="utf-8"),
    ) == (["regeln.json"], "alt")
