"""Run the examples in the documentation pages, so that they stay true."""

import doctest
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
FENCE = re.compile(r"^\s*```.*$", re.MULTILINE)


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda page: page.name)
def test_documentation_examples_run(page, tmp_path, monkeypatch):
    """Every example on the page gives the output it shows (files go to a scratch folder)."""
    monkeypatch.chdir(tmp_path)
    # A closing code fence right after an example's output would read as part of it.
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report = []
    runner.run(test, out=report.append)
    assert (runner.failures, "".join(report)) == (0, "")
