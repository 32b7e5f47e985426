"""Keep the documentation site whole: every page in the navigation, every public name in the API.

The site itself is built by ``.ci/run`` (``sphinx-build -W --keep-going -n``), not here: the
build needs the ``docs`` extra, which the test environment does not install, and it writes
the generated API pages into the source tree. These tests read the sources only.
"""

import importlib
import inspect
import re
import tomllib
from pathlib import Path

import pytest

import bildungsnetz
from bildungsnetz.gaps import GapKind

DOCS = Path(__file__).resolve().parent.parent / "docs"
ROOT = "index"
# Generated or not pages at all: the build output, the autosummary templates and the
# per-name API pages autosummary writes at build time.
NOT_PAGES = ("_build", "_templates", "api/generated")
PAGE_SUFFIXES = (".md", ".rst", ".ipynb")

CATALOGUE_PARTS = ("**Question:**", "**Method:**", "**Formula:**", "**Source:**", "**Example:**")

NAMESPACES = [
    name for name in bildungsnetz.__all__ if inspect.ismodule(getattr(bildungsnetz, name))
]
# Public modules a user imports explicitly, because they need an extra.
EXPLICIT = ["interactive"]

_MYST_DIRECTIVE = re.compile(r"^```\{(\w+)\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_RST_DIRECTIVE = re.compile(r"^\.\. (\w+)::[^\n]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)", re.MULTILINE)


def _pages():
    """Return every page of the site by its name (``gaps``, ``api/model``)."""
    pages = set()
    for path in DOCS.rglob("*"):
        relative = path.relative_to(DOCS).as_posix()
        if path.suffix in PAGE_SUFFIXES and not relative.startswith(NOT_PAGES):
            pages.add(relative.removesuffix(path.suffix))
    return pages


def _source(page):
    """Return the file of a page."""
    return next(
        DOCS / f"{page}{suffix}" for suffix in PAGE_SUFFIXES if (DOCS / f"{page}{suffix}").exists()
    )


def _directive_entries(page, directive):
    """Return the entries (lines that are not options) of every such directive on a page."""
    text = _source(page).read_text(encoding="utf-8")
    bodies = [body for name, body in _MYST_DIRECTIVE.findall(text) if name == directive]
    bodies += [body for name, body in _RST_DIRECTIVE.findall(text) if name == directive]
    entries = []
    for body in bodies:
        for line in body.splitlines():
            entry = line.strip()
            if entry and not entry.startswith(":"):
                entries.append(entry)
    return entries


def _toctree(page):
    """Return the pages the toctrees of a page name, resolved against the page's folder."""
    folder = page.rpartition("/")[0]
    targets = []
    for entry in _directive_entries(page, "toctree"):
        link = re.search(r"<([^>]+)>$", entry)
        target = link[1] if link else entry
        targets.append(
            target.lstrip("/")
            if target.startswith("/")
            else "/".join(filter(None, [folder, target]))
        )
    return targets


def _reachable():
    """Return the pages reachable from the root through toctrees."""
    seen, todo = set(), [ROOT]
    while todo:
        page = todo.pop()
        if page not in seen:
            seen.add(page)
            todo.extend(target for target in _toctree(page) if target in _pages())
    return seen


def test_the_site_has_the_pages_of_the_brief():
    """The root, the new pages and the API pages exist, so the checks below check something."""
    assert _pages() >= {
        "index",
        "getting-started",
        "privacy",
        "performance",
        "api",
        "changelog",
        "api/bildungsnetz",
        *(f"api/{name}" for name in NAMESPACES),
    }


def test_every_page_is_in_the_navigation():
    """Every page, a notebook too, is reachable from the root's toctree (else Sphinx warns)."""
    assert sorted(_pages() - _reachable()) == []


@pytest.mark.parametrize("page", sorted(_pages()))
def test_toctree_entries_name_existing_pages(page):
    """A toctree names only pages that exist."""
    assert [target for target in _toctree(page) if target not in _pages()] == []


def test_the_api_page_lists_every_public_module():
    """The API overview lists the package and each namespace it exports, with a page for each."""
    modules = [*NAMESPACES, *EXPLICIT]
    expected = ["bildungsnetz", *(f"bildungsnetz.{name}" for name in modules)]
    assert sorted(_directive_entries("api", "autosummary")) == sorted(expected)
    assert sorted(_toctree("api")) == sorted(
        ["api/bildungsnetz", *(f"api/{name}" for name in modules)]
    )


@pytest.mark.parametrize("name", [*NAMESPACES, *EXPLICIT])
def test_a_module_page_documents_every_name_of_its_all(name):
    """Each namespace's page documents its module and lists exactly the names of its __all__."""
    module = importlib.import_module(f"bildungsnetz.{name}")
    page = f"api/{name}"
    assert f".. automodule:: bildungsnetz.{name}" in _source(page).read_text(encoding="utf-8")
    assert sorted(_directive_entries(page, "autosummary")) == sorted(module.__all__)


def test_the_package_page_names_every_top_level_name():
    """The page of `bildungsnetz` itself names each name `import bildungsnetz as bn` offers."""
    text = _source("api/bildungsnetz").read_text(encoding="utf-8")
    assert [name for name in bildungsnetz.__all__ if f"`bn.{name}`" not in text] == []


def _catalogue_entries():
    """Return the text under each ``### `kind``` heading of the gap catalogue in gaps.md."""
    text = (DOCS / "gaps.md").read_text(encoding="utf-8")
    catalogue = text.split("\n## Gap catalogue\n", 1)[1].split("\n## ", 1)[0]
    entries = re.split(r"^### `(\w+)`$", catalogue, flags=re.MULTILINE)[1:]
    return dict(zip(entries[::2], entries[1::2], strict=True))


def test_the_gap_catalogue_has_an_entry_for_every_gap_kind():
    """The catalogue has one entry per GapKind, in the order of the enumeration."""
    assert list(_catalogue_entries()) == [kind.value for kind in GapKind]


@pytest.mark.parametrize("kind", [kind.value for kind in GapKind])
def test_a_catalogue_entry_gives_question_method_formula_source_and_example(kind):
    """Each entry names its question, method, formula and source, and shows a runnable example."""
    entry = _catalogue_entries().get(kind, "")
    assert [part for part in CATALOGUE_PARTS if part not in entry] == []
    assert f'"{kind}"' in entry
    assert ">>> " in entry


def test_the_extras_table_lists_every_extra_of_the_package():
    """Getting started names each extra of pyproject.toml, and no other."""
    pyproject = tomllib.loads((DOCS.parent / "pyproject.toml").read_text(encoding="utf-8"))
    extras = set(pyproject["project"]["optional-dependencies"])
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", page, flags=re.MULTILINE))
    assert listed == extras
