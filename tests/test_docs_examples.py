"""Run the examples in the documentation pages, so that they stay true."""

import doctest
import re
from pathlib import Path

import pytest

from test_doctests import Runner

DOCS = Path(__file__).resolve().parent.parent / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
FENCE = re.compile(r"^\s*```.*$", re.MULTILINE)


# Pages whose examples use an extra (see test_doctests.NEEDS).
NEEDS = {
    "excel-vorlage.md": pytest.mark.requires_extra("excel"),
    "graph-files.md": pytest.mark.requires_extra("graphml"),
    "jupyter.md": pytest.mark.requires_module("jinja2"),
    "plots.md": pytest.mark.requires_extra("plot"),
    "privacy.md": pytest.mark.requires_extra("pandas", "html"),
    "report.md": pytest.mark.requires_extra("html"),
    "tables.md": pytest.mark.requires_extra("excel", "pandas"),
}


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(page, id=page.name, marks=NEEDS.get(page.name, ()))
        for page in sorted(DOCS.glob("*.md"))
    ],
)
def test_documentation_examples_run(page, tmp_path, monkeypatch):
    """Every example on the page gives the output it shows (files go to a scratch folder)."""
    monkeypatch.chdir(tmp_path)
    # A closing code fence right after an example's output would read as part of it.
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = Runner(optionflags=FLAGS)
    report = []
    runner.run(test, out=report.append)
    runner.raise_missing()
    assert (runner.failures, "".join(report)) == (0, "")
