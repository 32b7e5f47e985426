"""Run the docstring examples of the installed package, module by module."""

import doctest
import importlib

import pytest

from test_public_api import all_modules

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("module_name", all_modules())
def test_docstring_examples_run(module_name):
    """Every example in the module's docstrings gives the output it shows."""
    module = importlib.import_module(module_name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report = []
    for test in finder.find(module, module_name):
        runner.run(test, out=report.append)
    assert (runner.failures, "".join(report)) == (0, "")
