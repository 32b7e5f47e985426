"""Every extra's entry points: they work with the extra, and name it without.

Each case is marked ``requires_extra``: with the extras installed it checks that the entry
point works; in core-only mode (``BILDUNGSNETZ_CORE_ONLY=1``, see ``core_only.py``) the same
case is the check that it raises :class:`~bildungsnetz.errors.MissingDependencyError`
naming its extra, before touching any file.
"""

from __future__ import annotations

import io as text_io
from pathlib import Path

import pytest

from bildungsnetz import find_gaps, interactive, io, plot
from bildungsnetz._progress import steps
from bildungsnetz.cli import main
from bildungsnetz.errors import LoadError
from bildungsnetz.gaps import transition_matrix
from core_only import TOOL_EXTRAS, extra_packages

REPOSITORY = Path(__file__).resolve().parent.parent
# A workbook of a slice of Musterkreis, the seed of the workbook fuzz target.
WORKBOOK = REPOSITORY / "fuzz" / "corpus" / "workbook" / "slice.xlsx"
GRAPHML = REPOSITORY / "fuzz" / "corpus" / "graphml" / "slice.graphml"


def _progress(network, folder):
    with steps(1, enabled=True, description="entry point", feature="test") as advance:
        advance("one")


def _survey_of(path, network):
    # A network workbook is no survey: read, it lacks the survey's columns.
    with pytest.raises(LoadError, match="column"):
        io.read_survey(path, network)


def _cli(*arguments):
    def run(network, folder):
        out = text_io.StringIO()
        assert main([str(a).format(folder=folder) for a in arguments], stdout=out) == 0

    return run


# extra -> (name, call(network, folder)); a call that returns must have done its work.
ENTRY_POINTS = {
    "pandas": [
        ("GapReport.to_frame", lambda network, folder: find_gaps(network).to_frame()),
        ("Table.to_frame", lambda network, folder: transition_matrix(network).to_frame()),
        ("io.to_frames", lambda network, folder: io.to_frames(network)),
        ("io.from_frames", lambda network, folder: io.from_frames(io.to_frames(network))),
    ],
    "excel": [
        ("io.write_workbook", lambda n, folder: io.write_workbook(n, folder / "k.xlsx")),
        ("io.read_workbook", lambda network, folder: io.read_workbook(WORKBOOK)),
        ("io.read", lambda network, folder: io.read(WORKBOOK)),
        ("io.write", lambda network, folder: io.write(network, folder / "k.xlsx")),
        ("io.write_template", lambda network, folder: io.write_template(folder / "v.xlsx")),
        ("io.read_survey", lambda network, folder: _survey_of(WORKBOOK, network)),
        ("cli template", _cli("template", "{folder}/vorlage.xlsx")),
        ("cli convert", _cli("convert", WORKBOOK, "{folder}/k.json")),
    ],
    "plot": [
        ("draw_network", lambda network, folder: plot.draw_network(network)),
        ("draw_map", lambda network, folder: plot.draw_map(network)),
        ("draw_block_densities", lambda network, folder: plot.draw_block_densities(network)),
        ("draw_transitions", lambda network, folder: plot.draw_transitions(network)),
        ("draw_funding_timeline", lambda n, folder: plot.draw_funding_timeline(n)),
    ],
    "html": [
        ("GapReport.to_html", lambda network, folder: find_gaps(network).to_html()),
        ("cli report --format html", _cli("report", "--example", "--format", "html")),
    ],
    "graphml": [
        ("io.read_graphml", lambda network, folder: io.read_graphml(GRAPHML)),
    ],
    "interactive": [
        ("interactive.view", lambda network, folder: interactive.view(network)),
        ("interactive.write_html", lambda n, folder: interactive.write_html(n, folder / "v.html")),
    ],
    "progress": [("_progress.steps(enabled=True)", _progress)],
    # contextily is in no extra the tests install, so this is the check in every mode.
    "tiles": [("draw_map(tiles=True)", lambda n, folder: plot.draw_map(n, tiles=True))],
}
CASES = [
    pytest.param(extra, call, id=f"{extra}: {name}", marks=pytest.mark.requires_extra(extra))
    for extra, calls in ENTRY_POINTS.items()
    for name, call in calls
]


def test_every_extra_that_enables_a_feature_has_its_entry_points_here():
    """Each extra of the package but all and the tools (test, docs...) is listed above."""
    assert set(ENTRY_POINTS) == set(extra_packages()) - {"all"} - TOOL_EXTRAS


@pytest.mark.parametrize(("extra", "call"), CASES)
def test_entry_point_works_with_its_extra(extra, call, tiny_network, tmp_path):
    """With the extra, the entry point does its work; without, it names the extra."""
    call(tiny_network, tmp_path)
    assert [path for path in tmp_path.iterdir() if path.name.startswith(".")] == []
