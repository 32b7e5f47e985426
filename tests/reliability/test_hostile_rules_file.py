"""Hostile rule files: every fault a LoadError naming file and place, the file left as it was."""

import io as text_io
import json

import pytest
from pydantic import ValidationError

from bildungsnetz import rules
from bildungsnetz.cli import main
from bildungsnetz.datasets import example_path
from bildungsnetz.errors import LoadError
from bildungsnetz.rules import RequiredTie, Selector

HEAD = '{"format": "bildungsnetz-rules", "version": 1, "name": "Kreis"'
TIE = '{"type": "required_tie", "id": "ssa", "subject": {"kind": "school"}, '
TIE += '"partner": {"kind": "school_social_work"}'


def document(rest: str) -> str:
    return f'{HEAD}, "rules": [{TIE}{rest}}}]}}'


def problems_of(tmp_path, content: bytes) -> list:
    """Load ``content`` as a rule file; return its problems after checking the file is unchanged."""
    path = tmp_path / "regeln.json"
    path.write_bytes(content)
    with pytest.raises(LoadError) as caught:
        rules.load(path)
    assert path.read_bytes() == content
    assert all(problem.file == str(path) for problem in caught.value.problems)
    return list(caught.value.problems)


def test_the_document_used_here_is_valid(tmp_path):
    """Without a fault, the document loads, so each fault below is what is refused."""
    path = tmp_path / "regeln.json"
    path.write_text(document(""), encoding="utf-8")
    assert rules.load(path).rule("ssa").partner == Selector(kind="school_social_work")


@pytest.mark.parametrize(
    ("content", "row", "message"),
    [
        (document("").replace("Kreis", "Kreis \xe4").encode("cp1252"), 1, "not UTF-8 text"),
        (b'{\n"name": "\xff\xfe"}', 2, "not UTF-8 text"),
        (document("").encode("utf-16"), 1, "UTF-16 text"),
        (document("").encode("utf-32"), 1, "UTF-32 text"),
        (("[" * 100_000 + "]" * 100_000).encode(), 1, "nested more than 64 deep"),
        (b'{"format": "bildungsnetz-rules",\n "version": 1,\n "name": }', 3, "not valid JSON"),
    ],
)
def test_text_that_cannot_be_read_is_a_load_error_with_its_line(tmp_path, content, row, message):
    """Bytes that are no UTF-8 JSON, or nest too deep, name the line; no raw exception escapes."""
    [problem] = problems_of(tmp_path, content)
    assert problem.row == row
    assert message in problem.message


@pytest.mark.parametrize(
    ("rest", "path", "message"),
    [
        (', "id": "twice"', "rules[0].id", "duplicate key 'id'"),
        (', "min_partners": ' + "1" * 10_000, "rules[0].min_partners", "10000 digits"),
        (', "min_partners": NaN', "rules[0].min_partners", "NaN is not a JSON number"),
        (', "min_partners": -Infinity', "rules[0].min_partners", "-Infinity is not a JSON"),
        (', "min_partners": 1e400', "rules[0].min_partners", "too large"),
        (', "description": "\\ud800"', "rules[0].description", "lone surrogate"),
        (', "description": ' + "[" * 70 + "]" * 70, "rules[0].description", "64 deep"),
    ],
)
def test_json_a_reader_would_misread_is_a_load_error_with_its_path(tmp_path, rest, path, message):
    """Duplicate keys, NaN, huge numbers, lone surrogates and deep nesting name their path."""
    [problem] = problems_of(tmp_path, document(rest).encode())
    assert problem.path.startswith(path)
    assert message in problem.message


REGULAR_CONTACT = '{"type": "regular_contact", "id": "rc", "max_missed": 100000000000000'


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (document(', "min_partners": 100000000000000'), "min_partners"),
        (document("").replace("}]}", f"}}, {REGULAR_CONTACT}}}]}}"), "max_missed"),
    ],
)
def test_a_count_beyond_any_district_is_a_load_error(tmp_path, text, field):
    """A count of 10^14 (15 digits, so it is read) is refused by the rule, naming the field."""
    [problem] = problems_of(tmp_path, text.encode())
    assert problem.path.endswith(field)
    assert "less than or equal to" in problem.message


def test_a_huge_count_in_python_is_a_validation_error():
    """Built in Python, a 400-digit ``min_partners`` fails at construction, not in the report."""
    with pytest.raises(ValidationError) as caught:
        RequiredTie(
            id="x",
            subject=Selector(kind="school"),
            partner=Selector(kind="school_social_work"),
            min_partners=10**400,
        )
    assert caught.value.errors()[0]["loc"] == ("min_partners",)


def test_report_with_a_hostile_rule_file_stops_with_the_problem(tmp_path, capsys):
    """``report --rules`` names the file and the problem, writes nothing and changes nothing."""
    path = tmp_path / "regeln.json"
    content = document(', "id": "twice"').encode()
    path.write_bytes(content)
    out = text_io.StringIO()
    assert main(["report", str(example_path()), "--rules", str(path)], stdout=out) != 0
    assert out.getvalue() == ""
    error = capsys.readouterr().err
    assert str(path) in error
    assert "duplicate key 'id'" in error
    assert path.read_bytes() == content


def test_every_problem_of_a_file_comes_at_once(tmp_path):
    """Several faults in one file are reported together, each with its path."""
    text = json.dumps({"format": "bildungsnetz-rules", "version": 1, "name": "x"})
    text = text[:-1] + ', "max_forum_size": NaN, "insular_threshold": Infinity, "name": "y"}'
    paths = [problem.path for problem in problems_of(tmp_path, text.encode())]
    assert sorted(paths) == ["insular_threshold", "max_forum_size", "name"]
