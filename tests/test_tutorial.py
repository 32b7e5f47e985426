"""The tutorial notebook runs top to bottom with a real Jupyter kernel and shows what it says.

``docs/tutorial.ipynb`` is stored without outputs, so the outputs checked here are made by
the installed library now, not kept from an older run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis
from bildungsnetz.gaps import key_figures

pytestmark = pytest.mark.requires_module("nbclient", "nbformat")

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "tutorial.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    import nbclient
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    folder = tmp_path_factory.mktemp("tutorial")
    client = nbclient.NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return notebook


def _code_cells(notebook: Any) -> list[Any]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def _text(cell: Any) -> str:
    """Return everything a cell printed or showed as text."""
    parts = []
    for output in cell.outputs:
        if output.output_type == "stream":
            parts.append(output.text)
        elif "text/plain" in output.get("data", {}):
            parts.append(output.data["text/plain"])
    return "".join(parts)


def _cell_with(notebook: Any, source: str) -> Any:
    (cell,) = [cell for cell in _code_cells(notebook) if source in cell.source]
    return cell


def test_the_stored_notebook_has_no_outputs_and_names_its_kernel():
    import nbformat

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    assert notebook.metadata.language_info.name == "python"
    for cell in _code_cells(notebook):
        assert cell.outputs == []
        assert cell.execution_count is None


def test_every_cell_runs_without_an_error(executed):
    cells = _code_cells(executed)
    assert cells
    for cell in cells:
        assert cell.execution_count is not None
        assert [o for o in cell.outputs if o.output_type == "error"] == []


def test_the_broken_workbook_is_refused_naming_the_cell_and_the_right_value(executed):
    text = _text(_cell_with(executed, '"Grundschuel"'))
    assert "1 problem while loading" in text
    assert "kaputt.xlsx, Akteure!D" in text
    assert "did you mean 'Grundschule'?" in text


def test_the_key_figures_are_those_of_the_example_district(executed):
    figures = key_figures(musterkreis())
    share = round(100 * figures.school_social_work_share)
    expected = f"{figures.schools} schools, {share}% with school social work"
    assert _text(_cell_with(executed, "bn.gaps.key_figures(network)")).strip() == expected


def test_the_report_is_the_one_find_gaps_gives(executed):
    report = find_gaps(musterkreis(), horizon=3 * 365)
    assert _text(_cell_with(executed, "report = bn.find_gaps(")) == repr(report)


def test_every_figure_is_shown_as_a_picture(executed):
    drawn = [cell for cell in _code_cells(executed) if "plot.draw_" in cell.source]
    assert len(drawn) == 5
    for cell in drawn:
        pictures = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert len(pictures) == 1, cell.source


def test_the_funding_cliff_opens_gaps_and_ends_esf_posts(executed):
    comparison = _text(_cell_with(executed, "bn.gaps.compare("))
    assert comparison.startswith("Before and after: ")
    assert "schools with school social work: " in comparison
    endings = _text(_cell_with(executed, "bn.gaps.endings(")).splitlines()
    assert endings
    assert all(line.startswith("31.07.2028") for line in endings)


def test_the_report_and_the_graph_files_are_written(executed):
    listed = _text(_cell_with(executed, "bn.io.write_gexf("))
    for name in ("bericht.html", "musterkreis.gexf", "musterkreis.graphml", "musterkreis.xlsx"):
        assert repr(name) in listed
