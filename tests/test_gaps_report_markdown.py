"""The Markdown report renders as intended in CommonMark (Jupyter, GitHub)."""

import pytest

from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis

pytestmark = pytest.mark.requires_module("markdown_it")


def parse(markdown):
    """The tokens of the Markdown, as CommonMark reads it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").parse(markdown)


@pytest.fixture(scope="module")
def report():
    return find_gaps(musterkreis(), horizon=1095)


def top_level(tokens):
    """The block tokens outside any list or table, as (type, text)."""
    return [
        (t.type, t.content)
        for t in tokens
        if t.level == 0 and t.type not in {"inline"} and not t.type.startswith("t")
    ]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_every_finding_stays_inside_one_numbered_list(report, lang):
    """All items, item 10 and later included, form a single ordered list."""
    tokens = parse(report.to_markdown(lang))
    kinds = [kind for kind, _ in top_level(tokens)]
    assert kinds.count("ordered_list_open") == 1
    items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(items) > 10  # the separator below item 9 was where items used to break


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_paragraph_escapes_its_item(report, lang):
    """Between the count table and the end, nothing but the list stands at the top level."""
    tokens = parse(report.to_markdown(lang))
    start = next(i for i, t in enumerate(tokens) if t.type == "ordered_list_open")
    after = [t.type for t in tokens[start:] if t.level == 0]
    assert after == ["ordered_list_open", "ordered_list_close"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_evidence_and_suggestions_are_lists_in_their_item(report, lang):
    """The first finding's item holds its explanation and two bullet lists."""
    tokens = parse(report.to_markdown(lang))
    first_item = tokens[next(i for i, t in enumerate(tokens) if t.type == "list_item_open") :]
    end = next(i for i, t in enumerate(first_item) if t.type == "list_item_close" and t.level == 1)
    inside = first_item[:end]
    bullets = [t for t in inside if t.type == "bullet_list_open"]
    entries = [t for t in inside if t.type == "list_item_open" and t.level > 1]
    gap = report.gaps[0]
    assert (len(bullets), len(entries)) == (2, len(gap.details) + len(gap.suggestions))


def test_a_long_group_names_five_schools_and_how_many_more(report):
    """45 schools without school social work: five names, then "+40 weitere"."""
    line = next(
        line
        for line in report.to_markdown("de").splitlines()
        if "Fehlende Pflichtverbindung** (hoch, 45 Befunde)" in line
    )
    names = ", ".join(_first_names(report, 5))
    assert line.endswith(f"(hoch, 45 Befunde) – {names} +40 weitere")


def _first_names(report, count):
    gaps = report.filter(kind="missing_required_tie", rule="school-social-work")
    return [report.names[gap.actors[0]] for gap in gaps.gaps[:count]]


def test_the_full_list_stays_in_json_and_records(report):
    """Every one of the 45 schools is its own record."""
    records = [r for r in report.to_records() if r["rule"] == "school-social-work"]
    assert len([r for r in records if r["kind"] == "missing_required_tie"]) == 45


@pytest.mark.parametrize(("lang", "expected"), [("de", "1.095 Tage"), ("en", "1,095 days")])
def test_numbers_in_the_heading_are_written_as_the_language_writes_them(report, lang, expected):
    """The horizon of 1095 days has a thousands separator."""
    assert expected in report.to_markdown(lang).splitlines()[2]
