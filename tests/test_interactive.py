"""The interactive network view: what it draws, what it marks, the page it writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date

import networkx as nx
import pytest

import bildungsnetz as bn
from bildungsnetz import ActorKind, Severity, graph, interactive
from bildungsnetz.errors import MissingDependencyError

pytestmark = pytest.mark.requires_extra("interactive")

HOSTILE = "<script>alert(1)</script>"
STATE = re.compile(r'<script type="application/vnd.jupyter.widget-state\+json">\n(.*?)\n</script>')


@pytest.fixture(scope="module")
def network():
    return bn.datasets.musterkreis()


@pytest.fixture(scope="module")
def report(network):
    return bn.find_gaps(network)


@pytest.fixture
def made():
    """Widgets made by a test, closed after it (ipywidgets keeps every open widget)."""
    widgets = []

    def make(*args, **kwargs):
        widget = interactive.view(*args, **kwargs)
        widgets.append(widget)
        return widget

    yield make
    for widget in widgets:
        widget.close()


def nodes(widget):
    """The widget's nodes as it sends them to the browser: key -> attributes."""
    return {node["key"]: node["attributes"] for node in widget.data["nodes"]}


def states(page):
    """The widget states embedded in an HTML page written by write_html."""
    return json.loads(STATE.search(page).group(1))["state"]


# -- what the view draws ----------------------------------------------------------------


def test_view_draws_every_actor_and_every_pair_of_the_day(network, made):
    """One node per actor on the reference day, one edge per pair of partners."""
    day = network.reference_date
    widget = made(network)
    expected = graph.project(network, as_of=day)
    drawn = {(e["source"], e["target"]) for e in widget.data["edges"]}
    assert (set(nodes(widget)), len(drawn)) == (
        {actor.id for actor in network.as_of(day).actors},
        expected.number_of_edges(),
    )


def test_size_is_the_number_of_partners(network, made):
    """An actor's size attribute is its degree in the projected graph, counted by networkx."""
    projected = graph.project(network, as_of=network.reference_date)
    drawn = {key: attributes["Partner"] for key, attributes in nodes(made(network)).items()}
    assert drawn == dict(projected.degree())


def test_size_can_be_betweenness(network, made):
    """With size="betweenness" the attribute is networkx's betweenness, rounded to 6 places."""
    projected = graph.project(network, as_of=network.reference_date)
    expected = {
        node: round(value, 6) for node, value in nx.betweenness_centrality(projected).items()
    }
    drawn = nodes(made(network, size="betweenness"))
    assert {key: attributes["Zwischenzentralität"] for key, attributes in drawn.items()} == expected


def test_size_none_draws_every_actor_alike(network, made):
    """Without a measure no size attribute is sent and every node has the default size."""
    widget = made(network, size=None)
    sent = {key for attributes in nodes(widget).values() for key in attributes}
    assert (sent & {"Partner", "Zwischenzentralität"}, widget.visual_variables["nodeSize"]) == (
        set(),
        {"type": "constant", "default": 6},
    )


def test_an_unknown_size_is_refused(network):
    """A misspelt measure is an error that names the choices."""
    with pytest.raises(ValueError, match="'degree', 'betweenness' or None"):
        interactive.view(network, size="degre")


def test_actors_are_coloured_by_their_kind_in_german(network, made):
    """Colour shows the kind, labelled in German, each kind in its own colour."""
    widget = made(network)
    kinds = {actor.id: actor.kind.label() for actor in network.actors}
    palette = dict(widget.visual_variables["nodeColor"]["palette"])
    drawn = nodes(widget)
    assert (
        {key: attributes["Art"] for key, attributes in drawn.items()},
        widget.visual_variables["nodeColor"]["attribute"],
        {kind.label(): colour for kind, colour in interactive.KIND_COLOURS.items()},
    ) == ({key: kinds[key] for key in drawn}, "Art", palette)


def test_labels_are_names(network, made):
    """Each node's label is the actor's name."""
    drawn = nodes(made(network))
    assert {key: a["label"] for key, a in drawn.items()} == {
        actor.id: actor.name for actor in network.actors if actor.id in drawn
    }


def test_english_view_has_english_words(network, made):
    """lang="en" labels kinds, measures and rings in English."""
    drawn = nodes(made(network, lang="en"))
    assert (drawn["nws"]["kind"], "partners" in drawn["nws"]) == ("network office", True)


@pytest.mark.requires_extra  # none: runs without the extra
def test_every_kind_and_severity_has_its_own_colour():
    """The palettes cover every kind and every severity, no two alike."""
    kinds, severities = interactive.KIND_COLOURS, interactive.SEVERITY_COLOURS
    assert (
        set(kinds) == set(ActorKind),
        len(set(kinds.values())) == len(kinds),
        set(severities) == set(Severity),
        len(set(severities.values())) == len(severities),
        set(kinds.values()) & set(severities.values()),
    ) == (True, True, True, True, set())


def test_categories_are_only_our_own_words(network, report, made):
    """ipysigma writes category values into its legend as HTML: they are never user text."""
    widget = made(network, report=report)
    kinds = {kind.label() for kind in ActorKind}
    severities = {severity.label() for severity in Severity}
    drawn = nodes(widget).values()
    assert (
        {a["Art"] for a in drawn} <= kinds,
        {a["Schwerste Lücke"] for a in drawn if "Schwerste Lücke" in a} <= severities,
    ) == (True, True)


def test_layout_places_every_actor_the_same_way_each_time(network, made):
    """Positions come from a seeded layout: every node has one, and they do not change."""
    first, second = made(network), made(network)
    assert (set(first.layout) == set(nodes(first)), first.layout == second.layout) == (True, True)


# -- what the view marks -----------------------------------------------------------------


def test_marked_actors_are_exactly_those_named_in_findings(network, report, made):
    """An actor carries a severity if and only if a finding names it."""
    drawn = nodes(made(network, report=report))
    named = {actor for gap in report for actor in gap.actors} & set(drawn)
    marked = {key for key, attributes in drawn.items() if "Schwerste Lücke" in attributes}
    assert (len(named) > 0, marked) == (True, named)


def test_mark_is_the_most_severe_finding_and_counts_them(network, report, made):
    """The ring shows the most severe finding; its width the number of findings."""
    drawn = nodes(made(network, report=report))
    worst, counts = {}, {}
    for gap in report:
        for actor in set(gap.actors):
            worst[actor] = max(worst.get(actor, gap.severity), gap.severity)
            counts[actor] = counts.get(actor, 0) + 1
    expected = {a: (worst[a].label(), counts[a]) for a in worst if a in drawn}
    assert {
        key: (attributes["Schwerste Lücke"], attributes["Befunde"])
        for key, attributes in drawn.items()
        if "Schwerste Lücke" in attributes
    } == expected


def test_rings_show_severity_and_unmarked_actors_have_none(network, report, made):
    """Border colour by severity, border width by findings, none without a finding."""
    variables = made(network, report=report).visual_variables
    assert (
        variables["nodeBorderColor"]["attribute"],
        dict(variables["nodeBorderColor"]["palette"]),
        variables["nodeBorderRatio"]["attribute"],
        variables["nodeBorderRatio"]["default"],
    ) == (
        "Schwerste Lücke",
        {s.label(): colour for s, colour in interactive.SEVERITY_COLOURS.items()},
        "Befunde",
        0,
    )


def test_without_a_report_nothing_is_marked(network, made):
    """No report, no rings."""
    widget = made(network)
    assert (
        [key for key, attributes in nodes(widget).items() if "Schwerste Lücke" in attributes],
        widget.visual_variables["nodeBorderColor"]["type"],
    ) == ([], "disabled")


def test_view_draws_the_report_day_by_default(network, made):
    """With a report of another day the view shows the network on that day."""
    day = date(2028, 8, 1)
    later = bn.find_gaps(network, as_of=day)
    drawn = nodes(made(network, report=later))
    assert set(drawn) == {actor.id for actor in network.as_of(day).actors}


def test_as_of_overrides_the_report_day(network, report, made):
    """An explicit day wins; findings about actors gone by then mark nobody."""
    day = date(2028, 8, 1)
    drawn = nodes(made(network, report=report, as_of=day))
    assert set(drawn) == {actor.id for actor in network.as_of(day).actors}


def test_a_report_about_another_network_is_refused(network, report):
    """Marks from another network's report would mark the wrong actors."""
    other = network.replace(name="Anderswo")
    with pytest.raises(ValueError, match="the report is about 'Musterkreis'"):
        interactive.view(other, report=report)


# -- the page -----------------------------------------------------------------------------


def test_write_html_writes_a_page_with_the_view(network, report, tmp_path):
    """The page holds one widget with every actor, and a heading with the day."""
    target = tmp_path / "netzwerk.html"
    interactive.write_html(network, target, report=report)
    page = target.read_text(encoding="utf-8")
    (state,) = states(page).values()
    keys = {node["key"] for node in state["state"]["data"]["nodes"]}
    assert (
        page.startswith("<!DOCTYPE html>"),
        "<strong>Netzwerk Musterkreis</strong> · Stand 01.11.2025" in page,
        keys,
    ) == (True, True, {a.id for a in network.as_of(network.reference_date).actors})


def test_write_html_is_deterministic(network, report, tmp_path):
    """The same input writes the same bytes, also under another hash seed."""
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    interactive.write_html(network, first, report=report)
    interactive.write_html(network, second, report=report)
    code = (
        "import sys, bildungsnetz as bn; from bildungsnetz import interactive; "
        "n = bn.datasets.musterkreis(); "
        "interactive.write_html(n, sys.argv[1], report=bn.find_gaps(n))"
    )
    third = tmp_path / "c.html"
    subprocess.run(
        [sys.executable, "-c", code, str(third)],
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "7"},
    )
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()


def test_write_html_holds_no_other_widget(network, tmp_path, made):
    """A view made before in the same session does not end up in the page."""
    other = bn.EducationNetwork(
        name="Geheim", actors=[bn.Actor(id="x", name="Nur hier", kind="other")]
    )
    made(other)
    target = tmp_path / "netzwerk.html"
    interactive.write_html(network, target)
    page = target.read_text(encoding="utf-8")
    assert (len(states(page)), "Nur hier" in page) == (1, False)


def test_a_script_name_cannot_open_a_script_in_the_page(network, tmp_path):
    """A name written as a script tag stays data: escaped in the heading, inert in the JSON."""
    nws = network.actor("nws").model_copy(update={"name": HOSTILE})
    hostile = network.replace(
        name=HOSTILE, actors=tuple(nws if a.id == "nws" else a for a in network.actors)
    )
    target = tmp_path / "netzwerk.html"
    interactive.write_html(hostile, target)
    page = target.read_text(encoding="utf-8")
    (state,) = states(page).values()
    labels = {node["key"]: node["attributes"]["label"] for node in state["state"]["data"]["nodes"]}
    assert (
        HOSTILE in page,
        len(re.findall(r"<script", page, flags=re.IGNORECASE)),
        "Netzwerk &lt;script&gt;alert(1)&lt;/script&gt;" in page,
        labels["nws"],
        state["state"]["name"],
    ) == (False, 4, True, HOSTILE, HOSTILE)


def test_write_html_replaces_a_file_atomically(network, tmp_path, monkeypatch):
    """A failure while rendering leaves the old file as it was and no temporary file."""
    target = tmp_path / "netzwerk.html"
    target.write_text("alt", encoding="utf-8")

    def broken(*args, **kwargs):
        msg = "disk full"
        raise OSError(msg)

    monkeypatch.setattr("bildungsnetz.io.atomic.os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        interactive.write_html(network, target)
    assert (target.read_text(encoding="utf-8"), sorted(p.name for p in tmp_path.iterdir())) == (
        "alt",
        ["netzwerk.html"],
    )


# -- the extra ----------------------------------------------------------------------------


@pytest.mark.requires_extra  # none: runs without the extra
def test_importing_bildungsnetz_does_not_import_ipysigma():
    """ipysigma and ipywidgets load only when a view is made, not on import."""
    code = (
        "import sys, bildungsnetz, bildungsnetz.interactive; "
        "print(sorted({'ipysigma', 'ipywidgets'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.requires_extra  # none: runs without the extra
@pytest.mark.parametrize("call", ["view", "write_html"])
def test_missing_ipysigma_names_the_extra(network, tmp_path, monkeypatch, call):
    """Without ipysigma both functions say which extra to install, and write nothing."""
    monkeypatch.setitem(sys.modules, "ipysigma", None)
    target = tmp_path / "netzwerk.html"
    arguments = (network,) if call == "view" else (network, target)
    with pytest.raises(MissingDependencyError, match=r'pip install "bildungsnetz\[interactive\]"'):
        getattr(interactive, call)(*arguments)
    assert target.exists() is False
