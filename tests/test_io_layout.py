"""The sheet layout maps every field of the model, and its reference page cannot drift."""

from pathlib import Path

import pytest

from bildungsnetz.io.layout import SHEETS, normalised, reference
from bildungsnetz.model import (
    Actor,
    Cooperation,
    EducationNetwork,
    Forum,
    Identifier,
    Intervention,
    Location,
    MeetingSchedule,
    Period,
    Programme,
    SchoolProfile,
    TransitionFlow,
)

DOCS = Path(__file__).resolve().parent.parent / "docs" / "tables.md"
COLLECTIONS = {
    "actors": Actor,
    "cooperations": Cooperation,
    "forums": Forum,
    "flows": TransitionFlow,
    "interventions": Intervention,
    "programmes": Programme,
}
NESTED = {"school": SchoolProfile, "location": Location, "schedule": MeetingSchedule}
PERIODS = {"active", "period"}
# Fields held by a sheet of their own rather than a column.
SIDE_SHEETS = {("actors", "identifiers"): "identifiers", ("forums", "members"): "members"}


def field_paths(model, prefix=()):
    """Every leaf field of a model, as a path."""
    for name in model.model_fields:
        if name in NESTED:
            yield from field_paths(NESTED[name], (*prefix, name))
        elif name in PERIODS:
            yield from field_paths(Period, (*prefix, name))
        else:
            yield (*prefix, name)


def mapped_paths(sheet):
    """The field paths a sheet's columns fill, positions of a pair folded into the field."""
    return {
        tuple(step for step in column.path if isinstance(step, str)) for column in sheet.columns
    }


@pytest.mark.parametrize("collection", sorted(COLLECTIONS))
def test_every_field_of_every_record_has_a_column(collection):
    """Each field of a record, nested ones included, is filled from some column or sheet."""
    sheet = next(s for s in SHEETS.values() if s.collection == collection)
    expected = set(field_paths(COLLECTIONS[collection]))
    side = {(field,) for (owner, field) in SIDE_SHEETS if owner == collection}
    assert expected - mapped_paths(sheet) - side == set()


def test_the_network_sheet_holds_the_networks_own_fields():
    """Name, region, reference day and description: every field that is no collection."""
    own = set(EducationNetwork.model_fields) - set(COLLECTIONS)
    assert {path[0] for path in mapped_paths(SHEETS["network"])} == own


def test_side_sheets_hold_identifiers_and_members():
    """An identifier's scheme and value, a forum and its member."""
    assert mapped_paths(SHEETS["identifiers"]) == {
        ("actor",),
        *((f,) for f in Identifier.model_fields),
    }
    assert mapped_paths(SHEETS["members"]) == {("forum",), ("actor",)}


@pytest.mark.parametrize("key", sorted(SHEETS))
def test_headers_are_unique_in_both_languages(key):
    """No two columns of a sheet share a header, in German, English or across."""
    names = [n for c in SHEETS[key].columns for n in {normalised(c.key), normalised(c.de)}]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("key", sorted(SHEETS))
def test_references_and_enumerations_are_complete(key):
    """Every ref column names a sheet with ids; every enum column has its enumeration."""
    for column in SHEETS[key].columns:
        if column.kind in {"ref", "refs"}:
            assert SHEETS[column.refers_to].id_column is not None
        if column.kind in {"enum", "enums"}:
            assert column.enum is not None


def test_the_reference_page_is_the_generated_reference():
    """docs/tables.md holds exactly what reference() generates: it cannot drift."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("<!-- generated-reference -->\n", 1)[1].split("<!-- /generated", 1)[0]
    assert section == reference()
