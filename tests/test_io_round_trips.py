"""Round trips lose nothing: JSON, workbook, CSV folder and the sheets in memory."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import io
from bildungsnetz.datasets import musterkreis
from bildungsnetz.io.tables import from_grids, to_grids
from strategies import networks

LANGS = st.sampled_from(["de", "en"])


def through_grids(network, lang):
    return from_grids(sheet.grid() for sheet in to_grids(network, lang=lang).values())


def through_workbook(network, lang, folder):
    target = folder / "netz.xlsx"
    io.write_workbook(network, target, lang=lang)
    return io.read_workbook(target)


def through_csv(network, lang, folder):
    io.write_csv_folder(network, folder / "netz", lang=lang)
    return io.read_csv_folder(folder / "netz")


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    "through",
    [
        pytest.param(through_workbook, id="workbook", marks=pytest.mark.requires_extra("excel")),
        pytest.param(through_csv, id="csv"),
    ],
)
def test_musterkreis_comes_back_unchanged(through, lang, tmp_path):
    """JSON → workbook or CSV folder → network gives Musterkreis back, equal in every field."""
    network = io.loads(io.dumps(musterkreis()))
    assert through(network, lang, tmp_path) == network


@given(network=networks(), lang=LANGS)
def test_every_network_survives_the_sheets(network, lang):
    """Random networks with every kind of record and field come back from the sheets."""
    assert through_grids(network, lang) == network


@pytest.mark.requires_extra("excel")
@given(network=networks(max_actors=5), lang=LANGS)
def test_every_network_survives_a_workbook(network, lang, tmp_path_factory):
    """Also through a real .xlsx file: exact numbers, control characters, formulas as text."""
    assert through_workbook(network, lang, tmp_path_factory.mktemp("wb")) == network


@given(network=networks(max_actors=5), lang=LANGS)
def test_every_network_survives_a_csv_folder(network, lang, tmp_path_factory):
    """And through CSV files in German (;, UTF-8 with BOM, commas) and English."""
    assert through_csv(network, lang, tmp_path_factory.mktemp("csv")) == network


@pytest.mark.requires_extra("pandas")
def test_musterkreis_comes_back_from_frames():
    """JSON → frames → network gives Musterkreis back."""
    network = io.loads(io.dumps(musterkreis()))
    assert io.from_frames(io.to_frames(network)) == network


@pytest.mark.requires_extra("pandas")
@given(network=networks(), lang=LANGS)
def test_every_network_survives_frames(network, lang):
    """Random networks come back from pandas frames in either language."""
    assert io.from_frames(io.to_frames(network, lang=lang)) == network
