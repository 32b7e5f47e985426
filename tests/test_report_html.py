"""GapReport.to_html: the whole report as one self-contained, printable HTML document."""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from datetime import date

import pytest

from bildungsnetz import (
    EducationNetwork,
    Location,
    Period,
    Programme,
    TransitionFlow,
    find_gaps,
)
from bildungsnetz._format import day
from bildungsnetz.cli import main
from bildungsnetz.errors import MissingDependencyError
from bildungsnetz.gaps import endings
from gap_shapes import actor, school, tie
from html_tree import parse
from strategies_districts import shuffled

pytestmark = pytest.mark.requires_extra("html")

EVIL_SCHOOL = '<script>alert(1)</script> & "x"'
EVIL_NETWORK = "</title><script>alert(2)</script>"
EVIL_PROGRAMME = "<img src=x onerror=alert(3)>"
COLLECTIONS = {
    "de": {
        "programmes": "Förderprogramme",
        "actors": "Akteure",
        "cooperations": "Kooperationen",
        "forums": "Gremien",
        "interventions": "Maßnahmen",
    },
    "en": {
        "programmes": "Programmes",
        "actors": "Actors",
        "cooperations": "Cooperations",
        "forums": "Forums",
        "interventions": "Interventions",
    },
}


def located(actor_record, lat, lon):
    """The actor placed at ``lat``, ``lon``."""
    return actor_record.model_copy(update={"location": Location(lat=lat, lon=lon)})


def small_district():
    """Four located schools and one without a place, a funded post, small flows.

    ``gs-evil`` (named like a script, two pupils) sends one pupil to ``sek-a`` and 30 to
    ``sek-b``; ``gs-c`` sends 25 and 20. The post at ``sek-a`` is paid by a programme
    named like an image tag that ends on 31.07.2027.
    """
    return EducationNetwork(
        name=EVIL_NETWORK,
        reference_date=date(2025, 11, 1),
        actors=[
            located(school("gs-evil", EVIL_SCHOOL, pupils=2), 51.0, 11.0),
            located(school("sek-a", "Sekundarschule Nord", form="sekundarschule"), 51.2, 11.1),
            located(school("sek-b", "Sekundarschule Ost", form="sekundarschule"), 51.05, 11.4),
            located(school("gs-c", "Grundschule Süd", pupils=180), 50.9, 11.2),
            school("gs-nowhere", "Grundschule Ohneort"),
            actor("ssa", "school_social_work", "SSA Nord", funding={"esf"}),
            actor("ja", "youth_welfare_office", "Jugendamt"),
        ],
        cooperations=[
            tie("sek-a", "ssa", "placement", funding={"esf"}),
            tie("ja", "sek-a"),
            tie("ja", "gs-evil", "case_work"),
        ],
        programmes=[
            Programme(
                id="esf",
                name=EVIL_PROGRAMME,
                source="eu_esf_plus",
                period=Period(end=date(2027, 8, 1)),
            )
        ],
        flows=[
            TransitionFlow(
                source=source, target=target, year=2024, pupils=n,
                transition="primary_to_secondary",
            )
            for source, target, n in [
                ("gs-evil", "sek-a", 1), ("gs-evil", "sek-b", 30),
                ("gs-c", "sek-a", 25), ("gs-c", "sek-b", 20),
            ]
        ],
    )  # fmt: skip


@pytest.fixture(scope="module")
def small():
    network = small_district()
    return network, find_gaps(network)


@pytest.fixture(scope="module")
def muster(musterkreis_network):
    report = find_gaps(musterkreis_network, horizon=1095)
    return musterkreis_network, report


@pytest.fixture(scope="module")
def muster_page(muster):
    network, report = muster
    return report.to_html(network=network)


def school_page(tree, name):
    """The profile of the school with this name."""
    return next(a for a in tree.iter("article", "bn-school") if a.find("h3").text() == name)


def flow_cells(page_element):
    """(direction, institution, shown count) for every row of a profile's transitions."""
    tables = list(page_element.iter("table", "bn-flows"))
    rows = tables[0].find("tbody").elements("tr") if tables else []
    return [
        (*(cell.text() for cell in row.elements("td")[1:3]), row.elements("td")[4].text())
        for row in rows
    ]


# -- escaping ------------------------------------------------------------------------------


def test_user_strings_reach_the_document_only_escaped(small):
    """A script-like school, network and programme name are text, never markup."""
    network, report = small
    page = report.to_html(network=network)
    assert [raw for raw in (EVIL_SCHOOL, EVIL_NETWORK, EVIL_PROGRAMME) if raw in page] == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;x&#34;" in page
    assert "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in page


def test_the_escaped_document_parses_balanced_without_script_or_image(small):
    """Parsed, the tags balance and no script, image or event handler exists."""
    network, report = small
    tree = parse(report.to_html(network=network))
    elements = list(tree.iter())
    assert [e.tag for e in elements if e.tag in {"script", "img", "iframe", "object"}] == []
    assert [e.tag for e in elements if any(name.startswith("on") for name in e.attrs)] == []


def test_user_strings_read_back_as_written(small):
    """The browser shows each name as it was written: title, heading, profile, timeline."""
    network, report = small
    tree = parse(report.to_html(network=network))
    title = tree.find("title").text()
    timeline = tree.find("table", "bn-timeline-table")
    causes = [row.elements("td")[3].text() for row in timeline.iter("tr") if row.elements("td")]
    assert (EVIL_NETWORK in title, EVIL_NETWORK in tree.find("h1").text()) == (True, True)
    assert school_page(tree, EVIL_SCHOOL).find("h3").text() == EVIL_SCHOOL
    assert all(EVIL_PROGRAMME in cause for cause in causes)
    assert any(
        circle.find("title").text().startswith(EVIL_SCHOOL)
        for circle in tree.find("svg", "bn-map-svg").iter("circle")
    )


# -- the same content as the Markdown report -------------------------------------------------


def markdown_items(report, lang):
    """Each item of to_markdown as rendered by a CommonMark parser, in its parts."""
    from markdown_it import MarkdownIt

    tree = parse(MarkdownIt("commonmark").render(report.to_markdown(lang)))
    items = []
    for item in tree.find("ol").elements("li"):
        title, explanation, *headings = item.elements("p")
        head = title.text().removeprefix(title.find("strong").text())
        severity, _, names = head.partition(")")
        severity, _, counted = severity.strip(" (").partition(", ")
        lists = {p.text(): ul for p, ul in zip(headings, item.elements("ul"), strict=True)}
        evidence = lists.get("Belege:" if lang == "de" else "Evidence:")
        tips = lists.get("Vorschläge:" if lang == "de" else "Suggestions:")
        items.append(
            {
                "kind": title.find("strong").text(),
                "severity": severity,
                "count": counted.split(" ")[0] if counted else "",
                "names": names.removeprefix(" – "),
                "explanation": explanation.text(),
                "evidence": [li.text() for li in evidence.elements("li")] if evidence else [],
                "suggestions": [li.text() for li in tips.elements("li")] if tips else [],
            }
        )
    return items


def html_items(page):
    """Each finding of the HTML document, in the same parts."""
    items = []
    for item in parse(page).find("ol", "bn-findings").elements("li"):
        grouped = list(item.iter("span", "bn-grouped"))
        names = list(item.iter("span", "bn-names"))
        evidence = list(item.iter("ul", "bn-evidence"))
        tips = list(item.iter("ul", "bn-suggestions"))
        items.append(
            {
                "kind": item.find("span", "bn-kind").text(),
                "severity": item.find("span", "bn-badge").text(),
                "count": grouped[0].text().split(" ")[1] if grouped else "",
                "names": names[0].text() if names else "",
                "explanation": item.find("p", "bn-explanation").text(),
                "evidence": [li.text() for li in evidence[0].elements("li")] if evidence else [],
                "suggestions": [li.text() for li in tips[0].elements("li")] if tips else [],
            }
        )
    return items


@pytest.mark.requires_module("markdown_it")
@pytest.mark.parametrize("lang", ["de", "en"])
def test_findings_match_the_markdown_report_item_for_item(muster, lang):
    """Same items in the same order: kind, severity, count, names, text, evidence, tips."""
    _, report = muster
    expected = markdown_items(report, lang)
    shown = html_items(report.to_html(lang))
    assert len(shown) == len(expected) > 20
    assert [i for i, (a, b) in enumerate(zip(shown, expected, strict=True)) if a != b] == []


@pytest.mark.parametrize(("lang", "more"), [("de", "+40 weitere"), ("en", "+40 more")])
def test_a_group_names_five_actors_and_how_many_more(muster, lang, more):
    """The 45 schools without school social work are one item: five names and +40."""
    _, report = muster
    runs = Counter((g.kind, g.rule, g.severity) for g in report.gaps if len(g.actors) == 1)
    key = next(key for key, size in runs.items() if size == 45)
    first = [g.actors[0] for g in report.gaps if (g.kind, g.rule, g.severity) == key][:5]
    expected = ", ".join(report.names[actor] for actor in first) + f" {more}"
    items = html_items(report.to_html(lang))
    assert [item["names"] for item in items if item["count"] == "45"] == [expected]


def test_the_count_table_matches_the_markdown_one(muster):
    """Severity, kind and count per row, in the Markdown report's order."""
    _, report = muster
    markdown = [
        tuple(cell.strip() for cell in line.strip("|").split("|"))
        for line in report.to_markdown().splitlines()
        if line.startswith("| ") and not line.startswith("| Schwere")
    ]
    table = parse(report.to_html()).find("table", "bn-counts").find("tbody")
    assert [tuple(td.text() for td in tr.elements("td")) for tr in table.elements("tr")] == (
        markdown
    )


# -- determinism ---------------------------------------------------------------------------


def test_the_same_report_gives_the_same_bytes(muster, muster_page):
    """Rendered twice, and from a fresh report, the document is byte for byte the same."""
    network, report = muster
    again = find_gaps(network, horizon=1095).to_html(network=network)
    assert (report.to_html(network=network) == muster_page, again == muster_page) == (True, True)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_order_of_the_input_records_does_not_matter(musterkreis_network, lang):
    """Every collection shuffled, the document is the same."""
    mixed = shuffled(musterkreis_network, 11)
    expected = find_gaps(musterkreis_network).to_html(lang, network=musterkreis_network)
    assert find_gaps(mixed).to_html(lang, network=mixed) == expected


# -- privacy -------------------------------------------------------------------------------


def test_a_school_of_two_pupils_shows_its_size_withheld(small):
    """Two pupils are shown as the withheld mark, not as 2."""
    network, report = small
    tree = parse(report.to_html(network=network))
    sizes = {
        name: school_page(tree, name).find("dd", "bn-pupils").text()
        for name in (EVIL_SCHOOL, "Grundschule Süd", "Sekundarschule Nord")
    }
    assert sizes == {
        EVIL_SCHOOL: ".",
        "Grundschule Süd": "180",
        "Sekundarschule Nord": "nicht erfasst",
    }


def test_a_flow_of_one_pupil_is_withheld_on_both_profiles(small):
    """The flow of one pupil shows as the mark at its sender and at its receiver."""
    network, report = small
    tree = parse(report.to_html(network=network))
    sender = flow_cells(school_page(tree, EVIL_SCHOOL))
    receiver = flow_cells(school_page(tree, "Sekundarschule Nord"))
    assert ("nach", "Sekundarschule Nord", ".") in sender
    assert ("von", EVIL_SCHOOL, ".") in receiver


def test_no_total_reveals_a_withheld_flow(small, muster_page):
    """Where a total is shown, the withheld flows beside it could each be 3 or more.

    Given the total and the shown flows, k withheld flows add up to what is left; each
    is at least 1, so one of them can be at most (left - (k - 1)): that must reach 3.
    """
    network, report = small
    pages = [parse(report.to_html(network=network)), parse(muster_page)]
    revealing = []
    for tree in pages:
        for article in tree.iter("article", "bn-school"):
            for direction in ("von", "nach"):
                cells = [c for c in flow_cells(article) if c[0] == direction]
                if not cells:
                    continue
                *flows, (_, _, total) = cells
                withheld = [c for c in flows if c[2] == "."]
                if withheld and total != ".":
                    left = int(total.replace(".", "")) - sum(
                        int(c[2].replace(".", "")) for c in flows if c[2] != "."
                    )
                    if left - (len(withheld) - 1) < 3:
                        revealing.append((article.find("h3").text(), direction))
    assert revealing == []


def test_no_profile_shows_a_count_of_one_or_two_pupils(small, muster_page):
    """Every shown count of pupils, size or flow, is the mark or at least 3."""
    network, report = small
    small_counts = []
    for page in (report.to_html(network=network), muster_page):
        tree = parse(page)
        for article in tree.iter("article", "bn-school"):
            shown = [article.find("dd", "bn-pupils").text()]
            shown += [td.text() for td in article.iter("td", "bn-flow-pupils")]
            small_counts += [n for n in shown if n in {"1", "2"}]
    assert small_counts == []


# -- map -----------------------------------------------------------------------------------


def map_points(tree):
    """School name -> (cx, cy) of its mark on the map, through the link to its profile."""
    names = {a.attrs["id"]: a.find("h3").text() for a in tree.iter("article", "bn-school")}
    return {
        names[link.attrs["href"][1:]]: (
            float(link.find("circle").attrs["cx"]),
            float(link.find("circle").attrs["cy"]),
        )
        for link in tree.find("svg", "bn-map-svg").iter("a")
    }


def test_the_map_has_one_mark_per_school_with_coordinates(small):
    """Four located schools are four marks; the fifth is listed below the map."""
    network, report = small
    tree = parse(report.to_html(network=network))
    assert len(list(tree.find("svg", "bn-map-svg").iter("circle"))) == 4
    assert set(map_points(tree)) == {
        EVIL_SCHOOL, "Sekundarschule Nord", "Sekundarschule Ost", "Grundschule Süd"
    }  # fmt: skip
    assert [li.text() for li in tree.find("ul", "bn-unlocated").elements("li")] == [
        "Grundschule Ohneort"
    ]


def test_the_map_puts_east_right_and_north_up(musterkreis_network, muster_page):
    """For every pair of schools: further east is further right, further north higher."""
    places = {a.name: a.location for a in musterkreis_network.actors if a.school and a.location}
    points = map_points(parse(muster_page))
    assert len(points) == len(places) == 78
    wrong = [
        (a, b)
        for a in points
        for b in points
        if (places[a].lon < places[b].lon and points[a][0] > points[b][0])
        or (places[a].lat < places[b].lat and points[a][1] < points[b][1])
    ]
    assert wrong == []


def test_the_map_keeps_distances_east_and_north_to_one_scale(musterkreis_network, muster_page):
    """A degree east is cos(latitude) of a degree north on the map (within 2 %)."""
    places = {a.name: a.location for a in musterkreis_network.actors if a.school and a.location}
    points = map_points(parse(muster_page))
    west, east = min(points, key=lambda n: places[n].lon), max(points, key=lambda n: places[n].lon)
    south, north = (
        min(points, key=lambda n: places[n].lat),
        max(points, key=lambda n: places[n].lat),
    )
    middle = math.radians(
        (min(p.lat for p in places.values()) + max(p.lat for p in places.values())) / 2
    )
    per_degree_east = (points[east][0] - points[west][0]) / (places[east].lon - places[west].lon)
    per_degree_north = (points[south][1] - points[north][1]) / (
        places[north].lat - places[south].lat
    )
    assert per_degree_east / per_degree_north == pytest.approx(math.cos(middle), rel=0.02)


# -- timeline ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("horizon", [None, 400, 1095])
def test_the_timeline_counts_what_endings_lists(musterkreis_network, lang, horizon):
    """Table and bars count, by last day and collection, exactly the records endings gives."""
    report = find_gaps(musterkreis_network, horizon=horizon)
    tree = parse(report.to_html(lang, network=musterkreis_network))
    expected = Counter(
        (day(e.last_day, lang), COLLECTIONS[lang][e.collection])
        for e in endings(musterkreis_network, as_of=report.as_of, horizon=horizon)
    )
    section = tree.by_id("timeline")
    rows = [tr.elements("td") for tr in section.iter("tr") if tr.elements("td")]
    table = {(cells[0].text(), cells[1].text()): int(cells[2].text()) for cells in rows}
    bars = Counter()
    for group in section.iter("g", "bn-timeline-row"):
        when = group.find("text", "bn-timeline-day").text()
        for rect in group.iter("rect"):
            label, _, count = rect.find("title").text().rpartition(": ")
            bars[when, label] = int(count)
        assert int(group.find("text", "bn-timeline-total").text()) == sum(
            n for (d, _), n in expected.items() if d == when
        )
    assert (table, dict(bars)) == (dict(expected), dict(expected))


def test_the_timeline_names_the_programme_that_causes_an_ending(muster_page):
    """The ESF+ cliff is caused by the ESF+ programme, named in the bar and the table."""
    section = parse(muster_page).by_id("timeline")
    causes = [t.text() for t in section.iter("text", "bn-timeline-cause")]
    assert [c for c in causes if "Schulerfolg sichern (ESF+)" in c] != []


# -- the document --------------------------------------------------------------------------


def test_the_document_loads_nothing_from_elsewhere(muster_page):
    """No address, no script, no stylesheet link, no image source, no font import."""
    lowered = muster_page.lower()
    found = [
        marker
        for marker in ("http://", "https://", "src=", "<script", "<link", "url(", "@import")
        if marker in lowered
    ]
    assert found == []


def test_the_document_has_charset_language_and_viewport(muster_page):
    """A complete HTML5 document that a phone shows at its width."""
    tree = parse(muster_page)
    metas = [m.attrs for m in tree.iter("meta")]
    assert tree.attrs["doctype"] == "DOCTYPE html"
    assert tree.find("html").attrs["lang"] == "de"
    assert {"charset": "utf-8"} in metas
    assert {"name": "viewport", "content": "width=device-width, initial-scale=1"} in metas


def test_the_contents_link_to_every_section(muster_page):
    """The table of contents lists the five sections, each link finding its target."""
    tree = parse(muster_page)
    links = [a.attrs["href"] for a in tree.find("nav", "bn-toc").iter("a")]
    assert links == ["#overview", "#map", "#timeline", "#findings", "#schools"]
    assert [tree.by_id(link[1:]).tag for link in links] == ["section"] * 5


def test_print_starts_each_school_profile_on_a_new_page(muster_page):
    """The print styles hide the navigation and break the page before each profile."""
    style = parse(muster_page).find("style").text()
    printing = style.split("@media print", 1)[1]
    assert re.search(r"\.bn-school \{ break-before: page;", printing)
    assert re.search(r"\.bn-toc, \.bn-report \.bn-school-index \{ display: none; \}", printing)


def test_every_school_has_a_profile_linking_its_findings(musterkreis_network, muster_page):
    """One profile per school, and each finding link leads to a finding of the report."""
    tree = parse(muster_page)
    profiles = list(tree.iter("article", "bn-school"))
    findings = {li.attrs["id"] for li in tree.find("ol", "bn-findings").elements("li")}
    links = [a.attrs["href"][1:] for p in profiles for a in p.iter("a")]
    assert len(profiles) == len(musterkreis_network.actors_of("school")) == 78
    assert (len(links) > 78, set(links) <= findings) == (True, True)


def test_the_key_figures_are_those_of_the_network(muster):
    """Schools, share with school social work, cooperations as key_figures counts them."""
    network, report = muster
    tree = parse(report.to_html("en", network=network))
    figures = {
        div.find("dt").text(): div.elements("dd")[0].text()
        for div in tree.find("dl", "bn-figures").elements("div")
    }
    assert figures["Schools"] == "78"
    assert figures["with school social work"] == "42%"
    assert figures["confirmed by both sides"] == "99.7%"


def test_without_the_network_the_document_has_the_findings_only(muster):
    """Header, overview and findings; a line says what is left out and why."""
    _, report = muster
    tree = parse(report.to_html("en"))
    sections = [s.attrs["id"] for s in tree.iter("section")]
    assert sections == ["overview", "findings"]
    assert tree.by_id("without-network").text().startswith("Without the network's data")
    assert list(tree.iter("dl", "bn-figures")) == []


@pytest.mark.requires_extra  # none: runs without the extra
def test_without_jinja2_the_error_names_the_extra(muster, monkeypatch):
    """The extra html is what installs Jinja2."""
    _, report = muster
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingDependencyError, match=r"bildungsnetz\[html\]"):
        report.to_html()


# -- command line --------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "heading"), [("de", "Schulprofile"), ("en", "School profiles")])
def test_the_report_command_writes_the_whole_document(capsys, lang, heading):
    """report --example --format html writes the document with the network's sections."""
    assert main(["report", "--example", "--format", "html", "--lang", lang]) == 0
    tree = parse(capsys.readouterr().out)
    assert tree.find("html").attrs["lang"] == lang
    assert tree.by_id("schools").find("h2").text() == heading
    assert len(list(tree.iter("article", "bn-school"))) == 78
