"""The README promises two commands and shows a report: keep both true."""

import io
import re
from pathlib import Path

from bildungsnetz.cli import main

REPOSITORY = Path(__file__).resolve().parent.parent
README = (REPOSITORY / "README.md").read_text(encoding="utf-8")
EXCERPT_ARGUMENTS = ["report", "--example", "--lang", "en", "--horizon", "1095", "--limit", "9"]


def quick_start_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```console\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands():
    """One command installs and runs the main job, one installs and runs the tests."""
    commands = quick_start_commands()
    assert [("bildungsnetz report --example" in c, "pytest" in c) for c in commands] == [
        (True, False),
        (False, True),
    ]


def test_ci_runs_the_readme_test_command():
    """.ci/run calls the README's test command verbatim."""
    assert quick_start_commands()[1] in (REPOSITORY / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_report_excerpt_is_what_the_command_prints():
    """The README report is the current output of its command (paste it anew if not)."""
    out = io.StringIO()
    assert main(EXCERPT_ARGUMENTS, stdout=out) == 0
    excerpt = README.split("<!-- report-excerpt -->\n", 1)[1].split("<!-- /report-excerpt -->", 1)[
        0
    ]
    assert excerpt.strip() == f"```markdown\n{out.getvalue().rstrip()}\n```"


def test_readme_report_shows_the_situations_of_the_example():
    """The excerpt shows the ESF+ end, a big flow without cooperation and a dormant group."""
    excerpt = README.split("<!-- report-excerpt -->", 1)[1]
    for phrase in ("2028-07-31", "transition without cooperation", "dormant tie", "unmet need"):
        assert phrase in excerpt
