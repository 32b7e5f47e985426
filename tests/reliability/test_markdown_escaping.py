"""Hostile names in Markdown and HTML: never a heading, HTML, a link, a table cell or maths."""

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz import Actor, find_gaps
from bildungsnetz._markdown import code, escape
from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
from bildungsnetz.gaps import Table, transition_matrix
from bildungsnetz.io import read_survey
from bildungsnetz.rules import default_rules

HOSTILE = [
    "Kreis\n# Neuer Abschnitt\n<script>alert(1)</script>",
    "Kreis ### ",
    "<img src=x onerror=alert(1)>",
    "[Details](https://evil.example/?q=1)",
    "![x](https://evil.example/p.png)",
    "https://evil.example/a www.evil.example evil.example x@evil.example",
    "a | b | c",
    "**fett** _kursiv_ ~~weg~~ `code`",
    "- Liste",
    "1. Liste",
    "+ Liste",
    "=====",
    "> Zitat",
    "$x^2$ und $$y$$",
    "&lt;b&gt; &amp; &#60;",
    "Zeile\u2028Trenner\x85Ende\r\nneu\rund",
    "\\",
    "[^1]",
    "<!-- Kommentar -->",
    "<https://evil.example>",
    # Underscores next to underscores open emphasis (found by hypothesis): "__0__", "a__b_".
    "__0__",
    "a__b_ c",
    "snake_case _edge_",
]

# GitHub's Markdown, as markdown-it gives it: tables, strikethrough, raw HTML, bare links.

# Every test reads the Markdown back with markdown-it, as GitHub would show it.
pytestmark = pytest.mark.requires_module("markdown_it")


def _render(markdown):
    """Render as GitHub would (markdown-it's GFM preset; the test extra installs it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like", {"typographer": False}).render(markdown)


class _Tree(HTMLParser):
    """The tags and the text of rendered HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def rendered(markdown):
    tree = _Tree()
    tree.feed(_render(markdown))
    return tree.tags, "".join(tree.text)


def folded(text):
    return " ".join(text.split())


def test_every_hostile_text_renders_as_one_paragraph_of_itself():
    """Escaped, each text is one paragraph whose text is the original, on one line."""
    for text in HOSTILE:
        assert rendered(escape(text)) == (["p"], folded(text) + "\n"), text


@given(st.text(st.characters(exclude_characters="\x00")))
def test_any_text_renders_as_itself(text):
    """For any text, the escaped form renders to the same text, with no tag but a paragraph."""
    tags, shown = rendered(f"Name: {escape(text)}")
    assert tags == ["p"]
    assert shown == f"Name: {folded(text)}".strip() + "\n"


@given(st.text(st.characters(exclude_characters="\x00")))
def test_any_text_in_a_table_cell_stays_in_its_cell(text):
    """A table row with an escaped label has exactly its two cells."""
    tags, _ = rendered(f"| a | b |\n|---|---|\n| {escape(text)} | 1 |\n")
    assert tags.count("td") == 2
    assert not set(tags) - {"table", "thead", "tbody", "tr", "th", "td"}


def test_code_spans_hold_any_backticks():
    """An id with backticks stays one code span."""
    for text in ["a`b", "`a", "a``", "``"]:
        tags, shown = rendered(code(text))
        assert (tags, shown.strip()) == (["p", "code"], text)


def test_dollars_are_backslashed_for_mathjax():
    """Jupyter's MathJax reads $...$; escaped dollars are not maths."""
    assert "$" not in escape("$x$").replace("\\$", "")


def one_line(text):
    """Return ``text`` with its line breaks as spaces: a name is one line (the model refuses
    line breaks in names, see test_hostile_text.py); escape() is tested on them above."""
    return " ".join(text.split())


def hostile_network():
    """Musterkreis named hostile, each school's name hostile too (with its id, to stay unique)."""
    network = musterkreis()
    schools = [actor.id for actor in network.actors if actor.kind == "school"]
    names = {
        school: f"{one_line(HOSTILE[i % len(HOSTILE)])} {school}"
        for i, school in enumerate(schools)
    }
    actors = tuple(
        Actor.model_validate({**actor.model_dump(), "name": names[actor.id]})
        if actor.id in names
        else actor
        for actor in network.actors
    )
    return network.replace(name=one_line(HOSTILE[0]), actors=actors)


NETWORK = hostile_network()
ALLOWED_REPORT_TAGS = {"h1", "p", "table", "thead", "tbody", "tr", "th", "td", "ol", "ul", "li"}


def test_report_heading_is_one_heading_with_the_names_as_text():
    """Network and rule-set names form no heading, HTML, link or table of their own."""
    rules = default_rules().model_copy(update={"name": HOSTILE[3] + " | " + HOSTILE[2]})
    report = find_gaps(NETWORK, rules)
    for lang, title in (("de", "Lücken im Netzwerk"), ("en", "Gaps in the network")):
        markdown = report.to_markdown(lang, limit=0)
        tags, shown = rendered(markdown.split("\n\n|")[0])  # the heading and its line
        assert tags == ["h1", "p"]
        assert shown.startswith(f"{title} {folded(one_line(HOSTILE[0]))}\n")
        assert folded(rules.name) in shown


def test_report_findings_with_hostile_names_add_no_markup():
    """The whole report: only its own headings, lists, tables and emphasis; no link or HTML."""
    tags, shown = rendered(find_gaps(NETWORK).to_markdown("en"))
    assert tags.count("h1") == 1
    assert set(tags) <= ALLOWED_REPORT_TAGS | {"strong", "em"}
    assert "a" not in tags
    assert folded(HOSTILE[2]) in shown


def test_transition_matrix_labels_stay_in_their_cells():
    """Hostile institution names as labels: every row has its cells; no link, HTML or heading."""
    table = transition_matrix(NETWORK, by="institution")
    tags, shown = rendered(table.to_markdown())
    rows = len(table.rows) + 2  # header and totals
    assert tags.count("tr") == rows
    assert tags.count("td") + tags.count("th") == rows * (len(table.columns) + 2)
    assert set(tags) == {"table", "thead", "tbody", "tr", "th", "td"}
    assert any(folded(HOSTILE[3]) in line for line in shown.splitlines())


def test_table_title_and_columns_are_escaped():
    """A hostile title and column label stay text in the header row."""
    table = Table.from_counts({("a", HOSTILE[6]): 5}, title=HOSTILE[1], pupils=False)
    tags, shown = rendered(table.to_markdown())
    assert tags.count("th") == 3
    assert folded(HOSTILE[6]) in shown


@pytest.mark.requires_extra("html")
def test_html_outputs_escape_hostile_names():
    """The HTML report and the table view show hostile names as text, never as markup."""
    report = find_gaps(NETWORK)
    table = transition_matrix(NETWORK, by="institution")
    for page in (report.to_html("de", network=NETWORK), table._repr_html_()):
        assert "<script>alert(1)</script>" not in page
        assert "<img src=x" not in page
        assert html.escape("<img src=x onerror=alert(1)>", quote=False) in page


def test_survey_summary_escapes_names_from_the_responses(tmp_path):
    """Names typed by respondents cannot add headings, links or HTML to the survey summary."""
    lines = musterkreis_survey_path().read_text(encoding="utf-8-sig").splitlines()
    hostile_line = lines[1].replace("Brücke Jugendhilfe GmbH", "<b>[x](https://evil.example)</b> #")
    path = tmp_path / "umfrage.csv"
    path.write_text("\n".join([lines[0], hostile_line, *lines[2:]]) + "\n", encoding="utf-8")
    result = read_survey(path, musterkreis())
    assert [item.name for item in result.unknown if "evil" in item.name]
    tags, shown = rendered(result.to_markdown("en"))
    assert "a" not in tags
    assert "b" not in tags
    assert "<b>[x](https://evil.example)</b> #" in shown
