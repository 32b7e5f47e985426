"""The HTML report in a real browser: layout at two widths, the graphics drawn, print styles.

Runs Debian's Chromium through Playwright (``executable_path``; Playwright downloads no
browser of its own). In CI (``CI`` set) a missing Chromium or Playwright fails the tests;
elsewhere they are skipped, saying what is missing.
"""

from __future__ import annotations

import importlib.util
import os
import shutil

import pytest

from bildungsnetz import find_gaps

pytestmark = pytest.mark.requires_module("playwright")

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = [1280, 800]

# Every heading of a section, with what would hide it or squeeze it to nothing.
HIDDEN_HEADINGS = """() => [...document.querySelectorAll('section > h2')].filter(h => {
  const box = h.getBoundingClientRect(), style = getComputedStyle(h);
  return box.width === 0 || box.height === 0 || style.visibility !== 'visible'
    || style.display === 'none' || Number(style.opacity) === 0;
}).map(h => h.textContent)"""

# Cells whose content is wider than the cell: text running out of its column.
OVERFLOWING_CELLS = """() => [...document.querySelectorAll('td, th')]
  .filter(cell => cell.scrollWidth > cell.clientWidth + 1)
  .map(cell => cell.textContent.trim())"""

SIZE = """selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return [Math.round(box.width), Math.round(box.height)];
}"""


def _missing():
    """Return what the browser tests lack, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright is not installed (extra test)"
    if shutil.which("chromium") is None:
        return "Chromium is not installed (Debian: apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests, but {missing}")
    if missing:
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def report_file(musterkreis_network, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "bericht.html"
    report = find_gaps(musterkreis_network, horizon=1095)
    path.write_text(report.to_html(network=musterkreis_network), encoding="utf-8")
    return path


@pytest.fixture
def opened(browser, report_file):
    """Open the report at a width; record every request that is not for the file itself."""
    pages = []
    requests = []

    def open_at(width):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.goto(report_file.as_uri())
        pages.append(page)
        return page

    open_at.requests = requests
    yield open_at
    for page in pages:
        page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_is_wider_than_the_window(opened, width):
    """No horizontal scrolling at a laptop's width nor at a narrow window's."""
    page = opened(width)
    assert page.evaluate("[document.documentElement.scrollWidth, innerWidth]") == [width, width]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_section_heading_is_shown(opened, width):
    """Overview, map, timeline, findings and school profiles each show their heading."""
    page = opened(width)
    assert page.evaluate("document.querySelectorAll('section > h2').length") == 5
    assert page.evaluate(HIDDEN_HEADINGS) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_map_and_the_timeline_are_drawn(opened, width):
    """Both graphics take room on the page, the map about as high as wide or more."""
    page = opened(width)
    map_width, map_height = page.evaluate(SIZE, ".bn-map-svg")
    timeline_width, timeline_height = page.evaluate(SIZE, ".bn-timeline-svg")
    assert min(map_width, map_height, timeline_width, timeline_height) > 0
    assert map_width > width / 2


@pytest.mark.parametrize("width", WIDTHS)
def test_no_text_runs_out_of_its_table_cell(opened, width):
    """Every cell of every table is as wide as its content."""
    page = opened(width)
    assert page.evaluate(OVERFLOWING_CELLS) == []


def test_the_page_asks_for_nothing_from_elsewhere(opened):
    """Loading and rendering the report requests no other address at all."""
    page = opened(1280)
    page.wait_for_load_state("networkidle")
    assert [url for url in opened.requests if not url.startswith("file:")] == []


def test_print_hides_the_navigation_and_breaks_before_each_profile(opened):
    """In print, the contents are hidden and every school profile starts a page."""
    page = opened(1280)
    page.emulate_media(media="print")
    shown = page.evaluate("getComputedStyle(document.querySelector('.bn-toc')).display")
    breaks = page.evaluate(
        "[...new Set([...document.querySelectorAll('.bn-school')]"
        ".map(s => getComputedStyle(s).breakBefore))]"
    )
    assert (shown, breaks) == ("none", ["page"])


def test_a_screenshot_shows_the_top_of_the_report(opened, tmp_path):
    """A PNG of the first screen, for a person to look at (not compared with anything)."""
    page = opened(1280)
    shot = tmp_path / "report-1280.png"
    page.screenshot(path=shot)
    assert shot.read_bytes().startswith(b"\x89PNG")
