"""Keep the documentation honest: the reference matches the installed code, links resolve.

The package under test is the installed one; the documentation is read from the repository
beside this file.
"""

import enum
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

import bildungsnetz.gaps
import bildungsnetz.metrics
import bildungsnetz.model
import bildungsnetz.rules
from bildungsnetz import SchoolForm, SchoolProfile
from bildungsnetz.gaps import GapKind

DOCS = Path(__file__).resolve().parent.parent / "docs"
DATA_MODEL = DOCS / "data-model.md"
GAPS = DOCS / "gaps.md"
METRICS = DOCS / "metrics.md"


def _exported(base):
    """Return the classes `bildungsnetz.model` exports that derive from `base`."""
    values = (getattr(bildungsnetz.model, name) for name in bildungsnetz.model.__all__)
    return [value for value in values if isinstance(value, type) and issubclass(value, base)]


MODELS = _exported(BaseModel)
ENUMS = _exported(enum.Enum)
RULE_TYPES = [
    value
    for value in (getattr(bildungsnetz.rules, name) for name in bildungsnetz.rules.__all__)
    if isinstance(value, type) and issubclass(value, BaseModel) and "type" in value.model_fields
]

_HEADING = re.compile(r"(#{1,6})\s+(.*)")
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE_SPAN = re.compile(r"`[^`]*`")


def _lines_outside_code(text):
    """Yield the lines of a Markdown text that are not inside fenced code blocks."""
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            yield line


def _section(text, title):
    """Return the lines of the section headed `` `title` `` up to the next heading as high."""
    lines = list(_lines_outside_code(text))
    for start, line in enumerate(lines):
        match = _HEADING.fullmatch(line.strip())
        if match and match[2].strip() == f"`{title}`":
            level = len(match[1])
            section = []
            for following in lines[start + 1 :]:
                heading = _HEADING.fullmatch(following.strip())
                if heading and len(heading[1]) <= level:
                    break
                section.append(following)
            return section
    pytest.fail(f"{DATA_MODEL.name} has no section headed `{title}`")


def _cells(line):
    """Split a Markdown table row into its stripped cells."""
    return [cell.strip() for cell in _CELL_SEPARATOR.split(line.strip().strip("|"))]


def _table_rows(section, first_header):
    """Return the body rows of the tables in `section` whose first header cell is given."""
    rows = []
    in_table = False
    for line in section:
        if not line.lstrip().startswith("|"):
            in_table = False
            continue
        if not in_table:
            in_table = True
            wanted = _cells(line)[0] == first_header
            continue
        if wanted and not set(line.strip()) <= set("|-: "):
            rows.append(_cells(line))
    return rows


def _documented_fields(model):
    return [row[0] for row in _table_rows(_section(_data_model(), model.__name__), "Field")]


def _documented_values(enumeration):
    rows = _table_rows(_section(_data_model(), enumeration.__name__), "Value")
    return {row[0]: row[1:3] for row in rows}


def _data_model():
    return DATA_MODEL.read_text(encoding="utf-8")


def _page_rows(page, first_header):
    """Return the body rows of every table on `page` whose first header cell is given."""
    lines = list(_lines_outside_code(page.read_text(encoding="utf-8")))
    return _table_rows(lines, first_header)


def _code_names(*pages):
    """Return the identifiers written as inline code (`name`, `module.name(...)`) on the pages."""
    names = set()
    for page in pages:
        text = "\n".join(_lines_outside_code(page.read_text(encoding="utf-8")))
        names.update(re.findall(r"\w+", " ".join(_CODE_SPAN.findall(text))))
    return names


def _relative_links(page):
    """Return the targets of the links in `page` that are not URLs, as (file, anchor)."""
    text = "\n".join(_lines_outside_code(page.read_text(encoding="utf-8")))
    links = []
    for target in _LINK.findall(_CODE_SPAN.sub("", text)):
        if not re.match(r"[a-z][a-z0-9+.-]*:", target):
            file, _, anchor = target.partition("#")
            links.append((page.parent / file if file else page, anchor))
    return links


def _anchors(page):
    """Return the anchors GitHub gives the headings of `page`."""
    anchors = set()
    for line in _lines_outside_code(page.read_text(encoding="utf-8")):
        match = _HEADING.fullmatch(line.strip())
        if match:
            slug = re.sub(r"[^\w\- ]", "", match[2].strip().lower()).replace(" ", "-")
            suffix = 0
            while (anchor := slug if suffix == 0 else f"{slug}-{suffix}") in anchors:
                suffix += 1
            anchors.add(anchor)
    return anchors


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_field_of_a_model_is_in_its_reference_table(model):
    """Each field of an exported model has a row in the table of the model's section."""
    documented = set(_documented_fields(model))
    assert [f"`{name}`" for name in model.model_fields if f"`{name}`" not in documented] == []


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_reference_documents_no_field_a_model_lacks(model):
    """A model's table lists no field the model does not have, and none twice."""
    expected = sorted(f"`{name}`" for name in model.model_fields)
    assert sorted(_documented_fields(model)) == expected


@pytest.mark.parametrize("enumeration", ENUMS, ids=lambda enumeration: enumeration.__name__)
def test_every_enumeration_value_has_a_row_with_its_german_label(enumeration):
    """Each value appears in its enumeration's table beside its exact German label."""
    documented = _documented_values(enumeration)
    expected = {f"`{member.value}`": member.label("de") for member in enumeration}
    assert {value: labels[0] for value, labels in documented.items()} == expected


@pytest.mark.parametrize("enumeration", ENUMS, ids=lambda enumeration: enumeration.__name__)
def test_english_labels_in_the_reference_match_the_code(enumeration):
    """Each value's English label in the reference is exactly what label("en") returns."""
    documented = _documented_values(enumeration)
    expected = {f"`{member.value}`": member.label("en") for member in enumeration}
    assert {value: labels[1] for value, labels in documented.items()} == expected


def test_default_stages_table_matches_the_school_profile():
    """The table of usual stages per school form is what SchoolProfile fills in."""
    rows = _table_rows(_section(_data_model(), "SchoolProfile"), "School form")
    documented = {form: set(re.findall(r"`(\w+)`", stages)) for form, stages in rows}
    expected = {
        f"`{form.value}`": {stage.value for stage in SchoolProfile(form=form).stages}
        for form in SchoolForm
    }
    assert documented == expected


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda page: page.name)
def test_relative_links_point_to_existing_files(page):
    """Every relative link in a documentation page names a file that exists."""
    broken = [str(target) for target, _ in _relative_links(page) if not target.exists()]
    assert broken == []


@pytest.mark.parametrize("page", sorted(DOCS.glob("*.md")), ids=lambda page: page.name)
def test_link_anchors_name_a_heading_of_their_page(page):
    """Every #anchor in a relative link is the anchor of a heading on the page it names."""
    broken = [
        f"{target.name}#{anchor}"
        for target, anchor in _relative_links(page)
        if anchor and target.suffix == ".md" and target.exists() and anchor not in _anchors(target)
    ]
    assert broken == []


def test_the_documentation_pages_exist():
    """The pages the index links to are there, so the link test has something to check."""
    assert {page.name for page in DOCS.glob("*.md")} >= {
        "index.md",
        "architecture.md",
        "data-model.md",
        "gaps.md",
        "metrics.md",
        "surveys.md",
    }


def test_every_gap_kind_has_a_row_with_its_german_label():
    """The gap kinds table of gaps.md lists each GapKind value beside its German label."""
    documented = {row[0]: row[1] for row in _page_rows(GAPS, "Kind")}
    assert documented == {f"`{kind.value}`": kind.label("de") for kind in GapKind}


def test_every_default_rule_has_a_row_in_the_rules_table():
    """The default rules table of gaps.md lists exactly the ids of default_rules()."""
    documented = sorted(row[0] for row in _page_rows(GAPS, "Rule"))
    expected = sorted(f"`{rule.id}`" for rule in bildungsnetz.rules.default_rules().rules)
    assert documented == expected


def test_the_default_rules_table_names_the_type_of_each_rule():
    """Each default rule's row names the class of the rule."""
    documented = {row[0]: row[1] for row in _page_rows(GAPS, "Rule")}
    expected = {
        f"`{rule.id}`": f"`{type(rule).__name__}`"
        for rule in bildungsnetz.rules.default_rules().rules
    }
    assert documented == expected


def test_every_rule_type_has_a_row_with_its_json_tag():
    """The rule types table of gaps.md lists each rule class of rules.__all__ with its type."""
    documented = {row[0]: row[1] for row in _page_rows(GAPS, "Rule type")}
    expected = {
        f"`{rule.__name__}`": f"`{rule.model_fields['type'].default}`" for rule in RULE_TYPES
    }
    assert documented == expected


@pytest.mark.parametrize("name", bildungsnetz.rules.__all__)
def test_every_public_name_of_rules_is_in_the_gap_reference(name):
    """Each name that bildungsnetz.rules exports appears as code in gaps.md."""
    assert name in _code_names(GAPS)


@pytest.mark.parametrize("name", bildungsnetz.gaps.__all__)
def test_every_public_name_of_gaps_is_documented(name):
    """Each name that bildungsnetz.gaps exports appears as code in gaps.md or metrics.md."""
    assert name in _code_names(GAPS, METRICS)


@pytest.mark.parametrize("name", bildungsnetz.metrics.__all__)
def test_every_public_name_of_metrics_is_documented(name):
    """Each name that bildungsnetz.metrics exports appears as code in gaps.md or metrics.md."""
    assert name in _code_names(GAPS, METRICS)
