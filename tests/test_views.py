"""The Jupyter views: escaped, well-formed, deterministic, private, and right in content."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

import bildungsnetz as bn
import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import Actor, EducationNetwork, Identifier, Period, SchoolProfile
from bildungsnetz.gaps import Table, find_gaps, transition_matrix
from bildungsnetz.rules import RequiredTransitionCooperation

# Without Jinja2 a view is None by design, so that Jupyter shows the text repr.
pytestmark = pytest.mark.requires_module("jinja2")

HOSTILE = '<script>alert(1)</script> & "x"'
LONE_TWO = re.compile(r"(?<![\w.])2(?![\w.])")
BLOCKS = {"p", "div", "table", "caption", "tr", "td", "th", "dt", "dd", "li", "ul", "dl"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class Page(HTMLParser):
    """What a browser makes of a view: its tags, its text and its tables."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.open, self.problems, self.tags, self.texts = [], [], [], []
        self.tables, self._cell = [], None
        self.feed(text)
        self.close()
        self.problems.extend(f"<{tag}> not closed" for tag in self.open)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in BLOCKS:
            self.texts.append(" ")
        if tag not in VOID:
            self.open.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag):
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()
        if tag in {"td", "th"}:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        # Text inside <style> is not text a reader sees.
        if self.open[-1:] != ["style"]:
            self.texts.append(data)
            if self._cell is not None:
                self._cell.append(data)

    @property
    def text(self):
        return " ".join("".join(self.texts).split())


def hostile_school():
    return Actor(
        id="gs-x",
        name=HOSTILE,
        kind="school",
        school=SchoolProfile(form="grundschule", pupils=180),
        identifiers={Identifier(scheme=HOSTILE, value=HOSTILE)},
        tags={HOSTILE},
        description=HOSTILE,
    )


def hostile_report():
    network = nets.gappy_district().with_actors(shapes.actor("verein", "association", HOSTILE))
    return find_gaps(network.replace(name=HOSTILE))


def hostile_gap():
    return next(gap for gap in hostile_report() if "verein" in gap.actors)


VIEWS = {
    "actor": lambda: hostile_school()._repr_html_(),
    "network": lambda: EducationNetwork(
        name=HOSTILE, region=HOSTILE, actors=[hostile_school()]
    )._repr_html_(),
    "report": lambda: hostile_report()._repr_html_(),
    "gap": lambda: hostile_gap()._repr_html_(),
    "table": lambda: Table.from_counts(
        {(HOSTILE, HOSTILE): 5, ("b", HOSTILE): 4}, title=HOSTILE, pupils=True
    )._repr_html_(),
}


@pytest.mark.parametrize("name", VIEWS)
def test_view_shows_user_text_as_text_never_as_markup(name):
    """A name written as a script tag reaches the reader as text; no script tag exists."""
    page = Page(VIEWS[name]())
    assert (HOSTILE in page.text, "script" in page.tags) == (True, False)


@pytest.mark.parametrize("name", VIEWS)
def test_view_holds_user_text_only_escaped(name):
    """The raw text appears nowhere in the markup, only its escaped form."""
    view = VIEWS[name]()
    assert (HOSTILE in view, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in view) == (
        False,
        True,
    )


@pytest.mark.parametrize("name", VIEWS)
def test_view_is_well_formed(name):
    """Every tag the view opens it closes, in order."""
    assert Page(VIEWS[name]()).problems == []


@pytest.mark.parametrize("name", VIEWS)
def test_view_is_deterministic(name):
    """The same object gives the same view, byte for byte."""
    assert VIEWS[name]() == VIEWS[name]()


@pytest.mark.parametrize("name", VIEWS)
def test_view_style_is_scoped_to_the_view(name):
    """Every rule of the inline style starts with .bn-view, so nothing leaks into the page."""
    view = VIEWS[name]()
    style = view[view.index("<style>") + len("<style>") : view.index("</style>")]
    selectors = [s.strip() for rule in re.findall(r"([^{}]+)\{", style) for s in rule.split(",")]
    assert [s for s in selectors if not s.startswith(".bn-view")] == []


@pytest.mark.requires_module("IPython")
@pytest.mark.parametrize("name", VIEWS)
def test_without_jinja2_jupyter_falls_back_to_the_text_repr(name, monkeypatch):
    """Without Jinja2 every view is None and Jupyter shows text/plain only."""
    from IPython.core.formatters import DisplayFormatter

    objects = {
        "actor": hostile_school,
        "network": lambda: EducationNetwork(name="Leer"),
        "report": hostile_report,
        "gap": hostile_gap,
        "table": lambda: Table.from_counts({("a", "x"): 5}, title="t", pupils=False),
    }
    shown = objects[name]()
    monkeypatch.setitem(sys.modules, "jinja2", None)
    data, _ = DisplayFormatter().format(shown)
    assert (shown._repr_html_(), sorted(data)) == (None, ["text/plain"])


@pytest.mark.requires_module("IPython")
def test_with_jinja2_jupyter_shows_the_html_view():
    """With Jinja2 Jupyter receives the view as text/html."""
    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(bn.datasets.musterkreis())
    assert sorted(data) == ["text/html", "text/plain"]


def test_report_view_is_the_same_whatever_the_hash_seed():
    """The report view of Musterkreis is byte for byte the same under two hash seeds."""
    code = (
        "import hashlib, bildungsnetz as bn; "
        "print(hashlib.sha256(bn.find_gaps(bn.datasets.musterkreis())"
        "._repr_html_().encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1


# -- privacy --------------------------------------------------------------------------------


def test_actor_view_suppresses_a_school_of_two_pupils():
    """A school of two pupils shows "." where the count would be, and no 2 anywhere."""
    tiny = Actor(
        id="gs", name="GS", kind="school", school=SchoolProfile(form="grundschule", pupils=2)
    )
    page = Page(tiny._repr_html_())
    assert ("Schüler:innen . Zeitraum" in page.text, LONE_TWO.findall(page.text)) == (True, [])


def test_actor_view_shows_a_count_from_three_on():
    """Three pupils are published as they are."""
    school = Actor(
        id="gs", name="GS", kind="school", school=SchoolProfile(form="grundschule", pupils=3)
    )
    assert "Schüler:innen 3" in Page(school._repr_html_()).text


def test_table_and_report_views_of_a_flow_of_two_publish_no_two():
    """The transition matrix and the report of a flow of two pupils never show the 2."""
    network = shapes.small_flow(2)
    rules = shapes.one_rule(RequiredTransitionCooperation(id="flows", min_pupils=1))
    texts = {
        "matrix": Page(transition_matrix(network)._repr_html_()).text,
        "report": Page(find_gaps(network, rules)._repr_html_()).text,
        "gap": Page(find_gaps(network, rules)[0]._repr_html_()).text,
    }
    assert {name: LONE_TWO.findall(text) for name, text in texts.items()} == {
        "matrix": [],
        "report": [],
        "gap": [],
    }


# -- content --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report():
    return find_gaps(bn.datasets.musterkreis())


def test_report_view_counts_findings_by_kind_and_severity(report):
    """The count table holds, per kind and severity, the findings counted independently."""
    counts, kinds = Counter((g.kind, g.severity) for g in report), Counter(g.kind for g in report)
    table = Page(report._repr_html_()).tables[0]
    severities = sorted({g.severity for g in report}, key=lambda s: -s.rank)
    expected = [
        ["Art", *(s.label() for s in severities), "Σ"],
        *(
            [
                kind.label(),
                *(str(counts[kind, s]) if counts[kind, s] else "" for s in severities),
                str(kinds[kind]),
            ]
            for kind in bn.gaps.GapKind
            if kinds[kind]
        ),
        ["Σ", *(str(sum(counts[k, s] for k in kinds)) for s in severities), str(len(report))],
    ]
    assert table == expected


def test_report_view_lists_the_first_ten_findings(report):
    """The findings table has the first ten findings with their explanations, in order."""
    rows = Page(report._repr_html_()).tables[1][1:]
    assert [(row[0], row[1], row[2], row[4]) for row in rows] == [
        (str(n), gap.severity.label(), gap.kind.label(), gap.explanation.de)
        for n, gap in enumerate(report[:10], start=1)
    ]


def test_report_view_names_three_actors_and_counts_the_rest(report):
    """A finding about many actors names three and says how many more."""
    position, gap = max(enumerate(report[:10]), key=lambda item: len(item[1].actors))
    cell = Page(report._repr_html_()).tables[1][1 + position][3]
    names = ", ".join(report.names[actor] for actor in gap.actors[:3])
    assert cell == f"{names} +{len(gap.actors) - 3} weitere"


def test_report_view_says_how_many_findings_it_leaves_out(report):
    """Below the table: how many more there are and how to see them all."""
    text = Page(report._repr_html_()).text
    expected = (
        f"… {len(report) - 10} weitere Befunde; alle mit report.to_markdown() oder "
        "report.to_html()."
    )
    assert expected in text


def test_report_view_of_a_report_without_findings():
    """A report without findings says so instead of empty tables."""
    empty = find_gaps(EducationNetwork(name="Leer")).model_copy(update={"gaps": ()})
    page = Page(empty._repr_html_())
    assert ("Keine Lücken gefunden." in page.text, page.tables) == (True, [])


def test_gap_view_shows_kind_severity_explanation_evidence_and_remedies(report):
    """A finding's view holds everything a reader needs to act on it."""
    gap = next(g for g in report if g.details and g.suggestions)
    text = Page(gap._repr_html_()).text
    parts = [
        gap.kind.label(),
        gap.severity.label(),
        gap.explanation.de,
        *(line.de for line in gap.details),
        *(suggestion.reason.de for suggestion in gap.suggestions),
        *gap.actors,
    ]
    assert [part for part in parts if part not in text] == []


def test_actor_view_shows_the_period_as_its_last_day():
    """The end of a period is exclusive; the view shows the last day inside it."""
    post = Actor(
        id="ssa",
        name="Schulsozialarbeit",
        kind="school_social_work",
        active=Period(start=date(2022, 8, 1), end=date(2028, 8, 1)),
    )
    last = date(2028, 8, 1) - timedelta(days=1)
    assert f"Zeitraum 01.08.2022 – {last:%d.%m.%Y}" in Page(post._repr_html_()).text


def test_actor_view_shows_kind_form_ids_and_municipality(musterkreis_network):
    """A school's view names its kind, form, id, school number and AGS."""
    school = musterkreis_network.actor("gs-lindenhof")
    text = Page(school._repr_html_()).text
    parts = [
        school.name,
        "Schule · Grundschule",
        "Kennung gs-lindenhof",
        *(f"{i.scheme} {i.value}" for i in school.identifiers),
        f"Gemeinde (AGS) {school.municipality}",
        f"Schüler:innen {school.school.pupils}",
    ]
    assert [part for part in parts if part not in text] == []


def test_network_view_counts_actors_by_kind(musterkreis_network):
    """The network view's actor table holds the actors per kind, counted independently."""
    counts = Counter(actor.kind for actor in musterkreis_network.actors)
    table = Page(musterkreis_network._repr_html_()).tables[1]
    expected = [[kind.label(), str(counts[kind])] for kind in bn.ActorKind if counts[kind]]
    assert table[1:] == expected


@pytest.mark.parametrize("make", [transition_matrix, bn.gaps.coverage_table])
def test_table_view_shows_the_cells_of_the_markdown(musterkreis_network, make):
    """Every cell of the view is the Markdown's cell: the same counts, the same dots."""
    table = make(musterkreis_network)
    view = Page(table._repr_html_()).tables[0]
    # Cells as Markdown shows them: labels are escaped ("von \\ nach" shows "von \ nach").
    markdown = [
        [re.sub(r"\\(.)", r"\1", cell.strip()) for cell in line.strip("|").split("|")]
        for line in table.to_markdown().splitlines()
        if not line.startswith("|---")
    ]

    def same(shown, written):
        # The view writes thousands as people read them (2.031); a dot alone is withheld.
        return shown == written or (written != "." and shown.replace(".", "") == written)

    mismatches = [
        (shown, written)
        for row_shown, row_written in zip(view, markdown, strict=True)
        for shown, written in zip(row_shown, row_written, strict=True)
        if not same(shown, written)
    ]
    assert mismatches == []


def test_table_view_explains_the_dots_only_when_there_are_some():
    """The note on withheld counts appears when a count is withheld, not otherwise."""
    withheld = Table.from_counts({("a", "x"): 5, ("b", "x"): 1}, title="t", pupils=True)
    complete = Table.from_counts({("a", "x"): 5, ("b", "x"): 4}, title="t", pupils=True)
    note = "aus Gründen des Datenschutzes nicht veröffentlicht"
    assert (note in withheld._repr_html_(), note in complete._repr_html_()) == (True, False)


def test_views_are_small_enough_for_a_notebook(report):
    """The report view stays small however many findings there are (ten rows)."""
    assert len(report._repr_html_()) < 40_000


def test_report_view_digest_changes_with_the_report(report):
    """Different reports give different views (the view is not a constant)."""
    first = hashlib.sha256(report._repr_html_().encode()).hexdigest()
    fewer = report.filter(min_severity="high")
    assert hashlib.sha256(fewer._repr_html_().encode()).hexdigest() != first
