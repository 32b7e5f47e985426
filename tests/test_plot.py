"""What every figure of bildungsnetz.plot shares: files, titles, languages, purity, laziness."""

import subprocess
import sys

import pytest

import bildungsnetz
from bildungsnetz import EducationNetwork, find_gaps, io
from bildungsnetz.errors import MissingDependencyError
from bildungsnetz.plot import (
    draw_block_densities,
    draw_funding_timeline,
    draw_map,
    draw_network,
    draw_transitions,
)

pytestmark = pytest.mark.requires_extra("plot")

DRAWERS = {
    "network": draw_network,
    "blocks": draw_block_densities,
    "transitions": draw_transitions,
    "map": draw_map,
    "timeline": draw_funding_timeline,
}

TITLES = {
    "network": ("Kooperationsnetz", "Cooperation network"),
    "blocks": (
        "Verbindungen zwischen Akteursarten, beobachtet ÷ erwartet",
        "Ties between kinds of actors, observed ÷ expected",
    ),
    "transitions": ("Übergänge, Schuljahr 2024/25", "Transitions, school year 2024/25"),
    "map": ("Schulen und Schulsozialarbeit", "Schools and school social work"),
    "timeline": ("Was endet wann", "What ends when"),
}

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def report(musterkreis_network):
    return find_gaps(musterkreis_network)


def draw(name, network, report=None, **options):
    """Draw a figure, with the report for the two figures that outline findings."""
    if name in ("network", "map"):
        return DRAWERS[name](network, report, **options)
    return DRAWERS[name](network, **options)


def texts(figure):
    """Every text a figure shows, titles, ticks and legends included."""
    return [text.get_text() for text in figure.findobj(lambda artist: hasattr(artist, "get_text"))]


@pytest.mark.requires_module("matplotlib")
@pytest.mark.parametrize("name", DRAWERS)
def test_figure_of_musterkreis_renders_to_a_png_file(name, musterkreis_network, report, tmp_path):
    """Each figure is a Figure that saves as a PNG at 100 dpi, 10 × 7 inches."""
    from matplotlib.figure import Figure

    figure = draw(name, musterkreis_network, report)
    path = tmp_path / f"{name}.png"
    figure.savefig(path, dpi=100)
    assert isinstance(figure, Figure)
    assert tuple(figure.get_size_inches()) == (10.0, 7.0)
    assert path.read_bytes().startswith(PNG)


@pytest.mark.parametrize("name", DRAWERS)
def test_titles_are_german_by_default_and_english_on_request(name, musterkreis_network, report):
    """The title names what the figure shows, the network and the day, in the language."""
    german, english = TITLES[name]
    assert draw(name, musterkreis_network, report).get_suptitle() == (
        f"{german} – Musterkreis, Stand 01.11.2025"
    )
    assert draw(name, musterkreis_network, report, lang="en").get_suptitle() == (
        f"{english} – Musterkreis, as of 2025-11-01"
    )


@pytest.mark.parametrize("name", DRAWERS)
def test_another_day_is_named_in_the_title(name, musterkreis_network):
    """as_of judges another day and says so."""
    figure = draw(name, musterkreis_network, as_of="01.08.2028")
    assert figure.get_suptitle().endswith("Stand 01.08.2028")


@pytest.mark.requires_extra  # none: runs without the extra
@pytest.mark.parametrize("name", DRAWERS)
def test_an_unknown_language_is_refused(name, musterkreis_network):
    """Only German and English labels exist."""
    with pytest.raises(ValueError, match="lang must be 'de' or 'en', got 'fr'"):
        draw(name, musterkreis_network, lang="fr")


@pytest.mark.parametrize("name", DRAWERS)
def test_the_same_input_gives_the_same_bytes(name, musterkreis_network, report, tmp_path):
    """Figures are deterministic: the layout's seed is fixed, nothing depends on order."""
    first, second = tmp_path / "first.png", tmp_path / "second.png"
    draw(name, musterkreis_network, report).savefig(first, dpi=50)
    draw(name, musterkreis_network, report).savefig(second, dpi=50)
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("name", DRAWERS)
def test_drawing_does_not_change_the_network(name, musterkreis_network, report):
    """A figure reads the network and the report; both stay as they were."""
    before, findings = io.dumps(musterkreis_network), report.to_json()
    draw(name, musterkreis_network, report)
    assert (io.dumps(musterkreis_network), report.to_json()) == (before, findings)


@pytest.mark.parametrize("name", DRAWERS)
def test_an_empty_network_gives_a_figure_that_says_so(name):
    """No actors: a titled figure with a message in the middle instead of a crash."""
    figure = draw(name, EducationNetwork(name="Leer"))
    assert figure.get_suptitle().endswith("– Leer")
    assert any(text.startswith(("Kein", "Nichts")) for text in texts(figure))


def test_a_network_without_coordinates_gives_a_map_that_says_so(tiny_network):
    """The map of schools without coordinates counts them instead of drawing nothing."""
    figure = draw_map(tiny_network)
    assert "Keine der 1 Schulen hat Koordinaten." in texts(figure)


def test_a_network_without_flows_gives_a_transition_figure_that_says_so(tiny_network):
    """Without pupil flows there is no matrix, only the message."""
    figure = draw_transitions(tiny_network.replace(flows=[]), lang="en")
    assert "No transitions in the data." in texts(figure)
    assert len(figure.axes) == 1


def test_a_network_without_endings_gives_a_timeline_that_says_so(musterkreis_network):
    """Nothing ends within a month of the reference day of Musterkreis."""
    figure = draw_funding_timeline(musterkreis_network, horizon=30)
    assert "Nichts endet bis 30.11.2025." in texts(figure)


def _run(code, folder):
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=folder,
    )
    return result.stdout.strip()


@pytest.mark.requires_extra  # none: runs without the extra
def test_importing_bildungsnetz_and_its_plot_module_does_not_import_matplotlib(tmp_path):
    """bn.plot is there at once; matplotlib is imported when a figure is drawn."""
    code = (
        "import sys, bildungsnetz as bn, bildungsnetz.plot\n"
        "print('matplotlib' in sys.modules, callable(bn.plot.draw_map))"
    )
    assert _run(code, tmp_path) == "False True"


@pytest.mark.requires_module("matplotlib")
def test_drawing_never_touches_pyplot(tmp_path):
    """Figures are made without pyplot, so its global state (and backend) stays untouched."""
    code = (
        "import sys, bildungsnetz as bn\n"
        "from bildungsnetz import plot\n"
        "network = bn.datasets.musterkreis()\n"
        "report = bn.find_gaps(network)\n"
        "plot.draw_network(network, report); plot.draw_map(network, report)\n"
        "plot.draw_block_densities(network); plot.draw_transitions(network)\n"
        "plot.draw_funding_timeline(network).savefig('t.png')\n"
        "print('matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    )
    assert _run(code, tmp_path) == "True False"


@pytest.mark.requires_extra  # none: runs without the extra
def test_plot_is_in_the_public_surface():
    """`import bildungsnetz as bn` offers bn.plot with its five functions."""
    assert bildungsnetz.plot.__all__ == sorted(DRAWERS[name].__name__ for name in DRAWERS)


@pytest.mark.requires_extra  # none: runs without the extra
@pytest.mark.parametrize("name", DRAWERS)
def test_missing_matplotlib_raises_an_error_naming_the_plot_extra(
    name, musterkreis_network, monkeypatch
):
    """Without matplotlib a figure raises MissingDependencyError telling what to install."""
    for module in [module for module in sys.modules if module.split(".")[0] == "matplotlib"]:
        monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "bildungsnetz\[plot\]"'):
        draw(name, musterkreis_network)
