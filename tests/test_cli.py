import json
import subprocess
import sys

import pytest

from bildungsnetz import io
from bildungsnetz.cli import main
from bildungsnetz.datasets import example_path
from bildungsnetz.rules import RuleSet, save


def run(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "bildungsnetz", *arguments],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )


def test_validate_accepts_a_valid_file():
    """A valid file exits 0 and says so with its counts."""
    result = run("validate", str(example_path()))
    assert (result.returncode, result.stderr) == (0, "")
    assert ": valid, " in result.stdout


def test_validate_lists_every_problem_and_exits_1(tmp_path, tiny_network):
    """An invalid file exits 1 and lists every problem on stderr."""
    document = json.loads(io.dumps(tiny_network))
    document["network"]["actors"][0]["kind"] = "kita"
    document["network"]["cooperations"][2]["actors"] = ["traeger", "nobody"]
    source = tmp_path / "kaputt.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(source))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "2 problems while loading:"
    assert "network.actors[0](gs1).kind" in result.stderr
    assert "network.cooperations[c3].actors: unknown actor 'nobody'" in result.stderr


def test_validate_reports_a_missing_file(tmp_path):
    """A missing file exits 1 with a message naming it."""
    result = run("validate", str(tmp_path / "fehlt.json"))
    assert (result.returncode, "cannot read" in result.stderr) == (1, True)


def test_summary_of_the_example_counts_schools_by_form():
    """summary --example prints a table with the Grundschulen counted."""
    result = run("summary", "--example")
    assert result.returncode == 0
    line = next(
        line for line in result.stdout.splitlines() if line.strip().startswith("Grundschule")
    )
    assert int(line.split()[-1]) > 30


def test_summary_in_english(capsys):
    """--lang en labels the tables in English."""
    assert main(["summary", "--example", "--lang", "en"]) == 0
    assert "Actors by kind" in capsys.readouterr().out


def test_summary_of_a_file_equals_summary_of_the_example(capsys):
    """summary FILE on the shipped file prints what --example prints."""
    main(["summary", str(example_path())])
    from_file = capsys.readouterr().out
    main(["summary", "--example"])
    assert from_file == capsys.readouterr().out


def test_schema_prints_the_json_schema(capsys):
    """schema prints exactly io.json_schema()."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == io.json_schema()


def test_summary_needs_a_file_or_example():
    """Without FILE or --example the command line is wrong: exit 2."""
    with pytest.raises(SystemExit) as caught:
        main(["summary"])
    assert caught.value.code == 2


def test_report_of_the_example_in_markdown_is_german_by_default():
    """report --example prints the German Markdown report and exits 0."""
    result = run("report", "--example", "--limit", "3")
    assert (result.returncode, result.stdout.splitlines()[0]) == (
        0,
        "# Lücken im Netzwerk Musterkreis",
    )


def test_report_json_is_the_report_document(capsys):
    """--format json prints GapReport.to_json() of the example."""
    assert main(["report", "--example", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["format"], document["network"], document["as_of"]) == (
        "bildungsnetz-gaps",
        "Musterkreis",
        "2025-11-01",
    )


@pytest.mark.requires_extra("html")
def test_report_html_is_a_page_in_the_chosen_language(capsys):
    """--format html --lang en prints the whole English document, school profiles and all."""
    assert main(["report", "--example", "--format", "html", "--lang", "en"]) == 0
    page = capsys.readouterr().out
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert ('<th scope="col">Severity</th>' in page, '<section id="schools"' in page) == (
        True,
        True,
    )


def test_report_reads_a_german_day_and_a_horizon(capsys):
    """--as-of takes German dates; --horizon adds what ends within it."""
    assert (
        main(
            ["report", "--example", "--format", "json", "--as-of", "1.11.2025", "--horizon", "1095"]
        )
        == 0
    )
    document = json.loads(capsys.readouterr().out)
    assert (document["as_of"], document["horizon_days"]) == ("2025-11-01", 1095)
    assert "expiring_critical_tie" in document["counts"]["kind"]


def test_report_refuses_an_invalid_day():
    """An impossible --as-of is a command-line error (exit 2)."""
    with pytest.raises(SystemExit) as caught:
        main(["report", "--example", "--as-of", "31.02.2025"])
    assert caught.value.code == 2


def test_report_uses_a_rule_file(tmp_path, capsys):
    """--rules reads a rule set; a report under an empty rule set has only structural gaps."""
    rules = tmp_path / "regeln.json"
    save(RuleSet(name="Leer"), rules)
    assert main(["report", "--example", "--format", "json", "--rules", str(rules)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["rules"], set(document["counts"]["kind"]) <= {"isolated_actor"}) == (
        "Leer",
        True,
    )


def test_report_lists_every_problem_of_a_bad_rule_file(tmp_path, capsys):
    """A broken rule file exits 1 and says what is wrong where."""
    rules = tmp_path / "regeln.json"
    rules.write_text('{"format": "bildungsnetz-rules", "version": 1, "name": ""}', encoding="utf-8")
    assert main(["report", "--example", "--rules", str(rules)]) == 1
    assert "regeln.json, name: must not be empty" in capsys.readouterr().err


@pytest.mark.requires_extra("excel")
def test_template_writes_a_workbook_that_validates(tmp_path, capsys):
    """template OUT writes the data-entry workbook, says where, and it validates as it is."""
    target = tmp_path / "vorlage.xlsx"
    assert main(["template", str(target)]) == 0
    assert capsys.readouterr().out.startswith(f"template written to {target.resolve()}\n")
    assert main(["validate", str(target)]) == 0
    assert "valid, 3 actors, 2 cooperations" in capsys.readouterr().out


@pytest.mark.requires_extra("excel")
def test_template_keeps_an_existing_file_unless_forced(tmp_path, capsys):
    """An existing file is kept (exit 1, naming --force); with --force it is replaced."""
    target = tmp_path / "vorlage.xlsx"
    target.write_bytes(b"ausgefuellt")
    assert main(["template", str(target)]) == 1
    assert "pass --force to replace it" in capsys.readouterr().err
    assert target.read_bytes() == b"ausgefuellt"
    assert main(["template", str(target), "--force", "--lang", "en"]) == 0
    assert io.read_workbook(target).name == "Landkreis Beispiel"


def test_template_refuses_another_ending(tmp_path, capsys):
    """A template is an .xlsx workbook: another ending exits 1 with the reason."""
    assert main(["template", str(tmp_path / "vorlage.ods")]) == 1
    assert "a template is an .xlsx workbook" in capsys.readouterr().err
