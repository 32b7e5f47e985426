"""Run the docstring examples of the installed package, module by module."""

import doctest
import importlib

import pytest

from bildungsnetz.errors import MissingDependencyError
from test_public_api import all_modules

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# Modules whose examples use an extra (core_only.py: without it, each is the check that
# the example raises MissingDependencyError naming one of them), or, for the views that
# are None without Jinja2 by design, that need a module.
NEEDS = {
    "bildungsnetz._templates": pytest.mark.requires_extra("html"),
    "bildungsnetz.gaps.gap": pytest.mark.requires_module("jinja2"),
    "bildungsnetz.gaps.report": pytest.mark.requires_extra("pandas", "html"),
    "bildungsnetz.gaps.table": pytest.mark.requires_extra("pandas"),
    "bildungsnetz.interactive": pytest.mark.requires_extra("interactive"),
    "bildungsnetz.io.files": pytest.mark.requires_extra("excel"),
    "bildungsnetz.io.frame_files": pytest.mark.requires_module("pandas", "openpyxl"),
    "bildungsnetz.io.frames": pytest.mark.requires_extra("pandas"),
    "bildungsnetz.io.graph_files": pytest.mark.requires_extra("graphml"),
    "bildungsnetz.io.template": pytest.mark.requires_extra("excel"),
    "bildungsnetz.io.workbook": pytest.mark.requires_extra("excel"),
    "bildungsnetz.model.actor": pytest.mark.requires_module("jinja2"),
    "bildungsnetz.model.network": pytest.mark.requires_module("jinja2"),
    "bildungsnetz.plot": pytest.mark.requires_extra("plot"),
    **{
        f"bildungsnetz.plot.{figure}": pytest.mark.requires_extra("plot")
        for figure in ("blocks", "map", "network", "timeline", "transitions")
    },
}


class Runner(doctest.DocTestRunner):
    """A doctest runner that keeps the first MissingDependencyError an example raised."""

    missing = None

    def report_unexpected_exception(self, out, test, example, exc_info):
        if isinstance(exc_info[1], MissingDependencyError) and self.missing is None:
            self.missing = exc_info[1]
        super().report_unexpected_exception(out, test, example, exc_info)

    def raise_missing(self):
        """Raise the MissingDependencyError, the failure that matters, if there was one."""
        if self.missing is not None:
            raise self.missing


@pytest.mark.parametrize(
    "module_name",
    [pytest.param(name, marks=NEEDS.get(name, ())) for name in all_modules()],
)
def test_docstring_examples_run(module_name):
    """Every example in the module's docstrings gives the output it shows."""
    module = importlib.import_module(module_name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = Runner(optionflags=FLAGS)
    report = []
    for test in finder.find(module, module_name):
        runner.run(test, out=report.append)
    runner.raise_missing()
    assert (runner.failures, "".join(report)) == (0, "")
