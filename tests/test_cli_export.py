"""python -m bildungsnetz export: graph files by the ending of OUT."""

import json
import subprocess
import sys

import networkx as nx
import pytest

from bildungsnetz import io
from bildungsnetz.cli import main
from bildungsnetz.datasets import example_path


def test_export_of_the_example_writes_graphml(tmp_path, capsys, musterkreis_network):
    """--example writes the shipped network; the file equals io.write_graphml's."""
    target = tmp_path / "kreis.graphml"
    assert main(["export", "--example", str(target)]) == 0
    assert capsys.readouterr().out == f"{target}: 385 actors as nodes, 2122 cooperations as edges\n"
    io.write_graphml(musterkreis_network, tmp_path / "direkt.graphml")
    assert target.read_bytes() == (tmp_path / "direkt.graphml").read_bytes()


@pytest.mark.parametrize(
    "suffix",
    [".gexf", ".json", pytest.param(".GraphML", marks=pytest.mark.requires_extra("graphml"))],
)
def test_export_chooses_the_format_by_the_ending(tmp_path, suffix, musterkreis_network):
    """.gexf is GEXF, .json node-link data, the ending in any case."""
    target = tmp_path / f"kreis{suffix}"
    assert main(["export", str(example_path()), str(target)]) == 0
    if suffix == ".gexf":
        graph = nx.read_gexf(target)
    elif suffix == ".json":
        graph = nx.node_link_graph(json.loads(target.read_text(encoding="utf-8")), edges="edges")
    else:
        graph = io.read_graphml(target)
    assert set(graph.nodes) == {actor.id for actor in musterkreis_network.actors}
    assert graph.number_of_edges() == len(musterkreis_network.cooperations)


@pytest.mark.requires_extra("graphml")
def test_export_reads_a_csv_folder(tmp_path, tiny_network):
    """Any form io.read reads is a source, here a folder of CSV files."""
    io.write(tiny_network, tmp_path / "netz")
    assert main(["export", str(tmp_path / "netz"), str(tmp_path / "netz.graphml")]) == 0
    assert set(io.read_graphml(tmp_path / "netz.graphml").nodes) == {
        actor.id for actor in tiny_network.actors
    }


def test_export_as_of_writes_the_day(tmp_path, capsys, musterkreis_network):
    """--as-of takes German dates and writes the network of that day."""
    target = tmp_path / "kreis.json"
    assert main(["export", "--example", str(target), "--as-of", "01.08.2028"]) == 0
    day = musterkreis_network.as_of("2028-08-01")
    assert capsys.readouterr().out.endswith(
        f"{len(day.actors)} actors as nodes, {len(day.cooperations)} cooperations as edges\n"
    )
    assert json.loads(target.read_text(encoding="utf-8"))["graph"]["as_of"] == "2028-08-01"


def test_export_refuses_as_of_for_gexf(tmp_path, capsys):
    """A GEXF file holds every day; --as-of with it is an error that says why."""
    target = tmp_path / "kreis.gexf"
    assert main(["export", "--example", str(target), "--as-of", "01.08.2028"]) == 1
    assert "a GEXF file holds every day" in capsys.readouterr().err
    assert not target.exists()


def test_export_refuses_another_ending(tmp_path, capsys):
    """OUT must end in .graphml, .gexf or .json."""
    assert main(["export", "--example", str(tmp_path / "kreis.xml")]) == 1
    assert "name a .graphml, .gexf or .json file" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_of_an_invalid_file_lists_its_problems(tmp_path, capsys):
    """A network file that cannot be read exits 1 with its problems, writing nothing."""
    source = tmp_path / "kaputt.json"
    source.write_text("{", encoding="utf-8")
    assert main(["export", str(source), str(tmp_path / "kaputt.graphml")]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kaputt.json"]


def test_export_into_a_missing_folder_says_it_cannot_write(tmp_path, capsys):
    """An OUT whose folder does not exist exits 1 naming it."""
    target = tmp_path / "fehlt" / "kreis.graphml"
    assert main(["export", "--example", str(target)]) == 1
    assert f"cannot write {target}" in capsys.readouterr().err


def test_export_needs_a_source_and_an_out():
    """Without OUT, or without FILE and --example, the command line is wrong: status 2."""
    for arguments in (["export"], ["export", "kreis.graphml"]):
        result = subprocess.run(
            [sys.executable, "-m", "bildungsnetz", *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (result.returncode, "usage:" in result.stderr) == (2, True)
