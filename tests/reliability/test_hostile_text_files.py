"""Hostile Unicode in files: every problem at once, with its place; the file unchanged.

The JSON document, CSV folder, workbook and survey readers refuse what the models refuse
(test_hostile_text.py), the JSON Schema agrees with the JSON reader, and properties check
the id alphabet: any id of it survives a round trip, any forbidden character is named.
"""

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from bildungsnetz import Actor, EducationNetwork, io
from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
from bildungsnetz.errors import LoadError
from bildungsnetz.model._characters import ID_FORBIDDEN, NAME_FORBIDDEN, TEXT_FORBIDDEN

RLO = "\u202e"
HOSTILE_ACTORS = [
    {"id": f"gs{RLO}1", "name": "GS", "kind": "other"},
    {"id": "gs2", "name": "Schule\x00", "kind": "other"},
    {"id": "gs3", "name": "\u200b\u200d", "kind": "other"},
    {"id": "schule-a", "name": "A", "kind": "other"},
    {"id": "schule-\u0430", "name": "A", "kind": "other"},
    {"id": "schule-\u00e4", "name": "Ä", "kind": "other"},
    {"id": "schule-a\u0308", "name": "Ä", "kind": "other"},
]
HOSTILE_TIE = {"id": "c1", "actors": ["gs2", "schule-a"], "kind": "other", "description": "\x1b[2J"}


def document(actors, cooperations=(), name="Kreis"):
    """Return a bildungsnetz JSON document of these records."""
    network = {"name": name, "actors": list(actors), "cooperations": list(cooperations)}
    return json.dumps({"format": "bildungsnetz", "version": 1, "network": network})


def test_a_json_file_reports_every_hostile_text_with_its_path(tmp_path):
    """Bad ids, names and texts, an NFC duplicate and a look-alike: all at once, by path."""
    path = tmp_path / "kreis.json"
    path.write_text(document(HOSTILE_ACTORS, [HOSTILE_TIE]), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(LoadError) as caught:
        io.load(path)
    assert path.read_bytes() == before
    shown = [f"{problem.path}: {problem.message}" for problem in caught.value.problems]
    assert [text.split(":")[0] for text in shown] == [
        "network.actors[0]('gs\\u202e1').id",
        "network.actors[1](gs2).name",
        "network.actors[2](gs3).name",
        "network.cooperations[0](c1).description",
        "network.actors[schule-ä].id",
        "network.actors[schule-а].id",
    ]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at position 3" in shown[0]
    assert "U+0000 NULL at position 7" in shown[1]
    assert "at least one visible character" in shown[2]
    assert "U+001B ESCAPE at position 1" in shown[3]
    assert "duplicate id 'schule-ä'" in shown[4]
    assert "U+0430 CYRILLIC SMALL LETTER A at position 8" in shown[5]
    # The message shows every culprit escaped: printed, it cannot reorder or colour a line.
    assert RLO not in str(caught.value)
    assert "\x1b" not in str(caught.value)


def test_a_json_file_with_a_hostile_member_name_shows_it_escaped():
    """An unknown member whose name holds an escape is named, escaped."""
    actor = {"id": "a", "name": "A", "kind": "other", "\x1b[31mrot": 1}
    with pytest.raises(LoadError) as caught:
        io.loads(document([actor]))
    assert "\x1b" not in str(caught.value)
    assert "'\\x1b[31mrot'" in str(caught.value)


def test_a_csv_folder_reports_every_hostile_text_at_its_cell(tmp_path):
    """Ids, names and look-alikes in a CSV folder are refused at their cells."""
    network = EducationNetwork(
        name="Kreis", actors=[Actor(id=f"a{i}", name=f"A{i}", kind="other") for i in range(5)]
    )
    folder = tmp_path / "kreis"
    io.write(network, folder)
    actors = folder / "actors.csv"
    text = actors.read_text(encoding="utf-8")
    text = text.replace("a0,A0", f"a{RLO}0,A0").replace("a1,A1", 'a1,"A\x1b[31m1"')
    text = text.replace("a2,A2", "a2,\u200b").replace("a3,A3", "\u0430\u0034,A3")
    actors.write_text(text, encoding="utf-8")
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    with pytest.raises(LoadError) as caught:
        io.read_csv_folder(folder)
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before
    problems = caught.value.problems
    assert [(problem.cell, problem.column) for problem in problems] == [
        ("actors!A2", "id"),
        ("actors!B3", "name"),
        ("actors!B4", "name"),
        ("actors!A5", "id"),
    ]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at position 2" in problems[0].message
    assert "U+001B ESCAPE at position 2" in problems[1].message
    assert "at least one visible character" in problems[2].message
    assert "looks like 'a4'" in problems[3].message
    assert "U+0430 CYRILLIC SMALL LETTER A at position 1" in problems[3].message


@pytest.mark.requires_extra("excel")
@pytest.mark.requires_module("openpyxl")
def test_a_workbook_reports_every_hostile_text_at_its_cell(tmp_path):
    """Zero-width, bidi and look-alike ids and names in a workbook, each at its cell."""
    import openpyxl

    network = EducationNetwork(
        name="Kreis", actors=[Actor(id=f"a{i}", name=f"A{i}", kind="other") for i in range(4)]
    )
    path = tmp_path / "kreis.xlsx"
    io.write(network, path)
    book = openpyxl.load_workbook(path)
    sheet = book["actors"]
    sheet["A2"] = "a\u200b0"
    sheet["B3"] = f"Schule {RLO}lieb"
    sheet["A4"] = "\u0430\u0033"  # Cyrillic а: looks like a3
    book.save(path)
    before = path.read_bytes()
    with pytest.raises(LoadError) as caught:
        io.read_workbook(path)
    assert path.read_bytes() == before
    problems = caught.value.problems
    assert [problem.cell for problem in problems] == ["actors!A2", "actors!B3", "actors!A4"]
    assert "U+200B ZERO WIDTH SPACE at position 2" in problems[0].message
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at position 8" in problems[1].message
    assert "looks like 'a3'" in problems[2].message


def test_a_survey_answer_with_an_escape_is_refused_at_its_cell(tmp_path):
    """A frequency or a name with controls or an override never reaches a description."""
    lines = musterkreis_survey_path().read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace("wöchentlich", f"wöchentlich\x1b[2J{RLO}")
    lines[2] = lines[2].replace('"de";"', '"de";"\x00')
    path = tmp_path / "umfrage.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(LoadError) as caught:
        io.read_survey(path, musterkreis())
    assert path.read_bytes() == before
    problems = caught.value.problems
    assert [problem.cell for problem in problems] == ["umfrage!I2", "umfrage!E3"]
    assert "U+001B ESCAPE at position 12" in problems[0].message
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at position 16" in problems[0].message
    assert "U+0000 NULL at position 1" in problems[1].message


# -- the JSON Schema agrees with the reader ------------------------------------------------


def validator():
    """The JSON Schema of the format, as a validator (jsonschema is a test tool only)."""
    import jsonschema

    return jsonschema.Draft202012Validator(io.json_schema())


def reader_accepts(text):
    """Whether the JSON reader accepts the document."""
    try:
        io.loads(text)
    except LoadError:
        return False
    return True


# Outside the schema's reach, documented in docs/file-format: code points Unicode has not
# assigned (Python versions differ), a combining mark first, a name showing nothing visible.
AGREED_IDS = [
    *[f"gs{character}1" for character in "\u202e\u2066\u200b\u200d\ufeff\u00ad\ue000\x00\x1b"],
    *["\ufdd0x", "x\U000f0000", "x\U000e0041", "a b", "a\u3000b", "x\x85"],
    "gs-am-hügel",
    "школа-5",
    "مدرسة-النور",
    "e=mc²",
    " padded ",  # stripped by the model, allowed around the id by the schema
    "x" * 128,
    "x" * 129,
]
AGREED_NAMES = [
    *[f"Sch{character}ule" for character in "\x00\t\n\x1b\x7f\x9b\u2028\u202e\u2067\ufeff"],
    "Schule\n",
    "\nSchule",
    "   ",
    "Grundschule Am Hügel",
    "Ayşe-Gül Öztürk-Verein",
    "Школа № 5",
    "مدرسة النور",
    "کتاب\u200cخانه",
]
AGREED_TEXTS = ["a\nb\tc\r\n", "a\x1bb", f"a{RLO}b", "a\x00", "", "  "]


@pytest.mark.requires_module("jsonschema")
@pytest.mark.parametrize("record_id", AGREED_IDS)
def test_schema_and_reader_agree_on_ids(record_id):
    """An id the reader refuses, the schema refuses, and the other way round."""
    text = document([{"id": record_id, "name": "A", "kind": "other"}])
    assert validator().is_valid(json.loads(text)) == reader_accepts(text)


@pytest.mark.requires_module("jsonschema")
@pytest.mark.parametrize("name", AGREED_NAMES)
def test_schema_and_reader_agree_on_names(name):
    """Names: one line, no control or override, something besides whitespace."""
    text = document([{"id": "a", "name": name, "kind": "other"}])
    assert validator().is_valid(json.loads(text)) == reader_accepts(text)


@pytest.mark.requires_module("jsonschema")
@pytest.mark.parametrize("description", AGREED_TEXTS)
def test_schema_and_reader_agree_on_texts(description):
    """Texts: line breaks and tabs, no other control, no override."""
    text = document([{"id": "a", "name": "A", "kind": "other", "description": description}])
    assert validator().is_valid(json.loads(text)) == reader_accepts(text)


@pytest.mark.requires_module("jsonschema")
@pytest.mark.parametrize("table", [ID_FORBIDDEN, NAME_FORBIDDEN, TEXT_FORBIDDEN])
def test_schema_refuses_both_ends_of_every_forbidden_range(table):
    """The first and last code point of every range, inside a value, fail the schema."""
    field = {id(ID_FORBIDDEN): "id", id(NAME_FORBIDDEN): "name"}.get(id(table), "description")
    check = validator()
    for start, end in table:
        for code in {start, end}:
            actor = {"id": "a", "name": "A", "kind": "other", field: f"x{chr(code)}y"}
            assert not check.is_valid(json.loads(document([actor]))), hex(code)


@pytest.mark.parametrize("table", [ID_FORBIDDEN, NAME_FORBIDDEN, TEXT_FORBIDDEN])
def test_forbidden_ranges_are_sorted_and_apart(table):
    """Each table is sorted, its ranges disjoint, within the code space."""
    ends = [code for pair in table for code in pair]
    assert all(start <= end for start, end in table)
    assert ends == sorted(ends)
    assert len(set(ends)) >= len(table)
    assert ends[-1] <= 0x10FFFF


def test_every_control_space_format_and_private_character_is_refused_in_ids():
    """Every code point of those categories, as the running Python knows them."""
    refused = {"Cc", "Cf", "Co", "Zs", "Zl", "Zp"}
    culprits = [chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) in refused]
    assert len(culprits) > 137_000  # the private-use planes alone hold 137,468
    for character in culprits[::97] + [c for c in culprits if ord(c) < 0x10000]:
        named = unicodedata.normalize("NFC", character)  # U+2000 EN QUAD is U+2002 EN SPACE
        with pytest.raises(ValidationError, match=f"U\\+{ord(named):04X} "):
            Actor(id=f"a{character}b", name="A", kind="other")


# -- properties ------------------------------------------------------------------------------

id_alphabet = st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S")).filter(
    lambda character: not any(start <= ord(character) <= end for start, end in ID_FORBIDDEN)
)
valid_ids = (
    st.text(id_alphabet, min_size=2, max_size=30)
    .map(lambda text: unicodedata.normalize("NFC", text))
    .filter(lambda text: 2 <= len(text) <= 128 and unicodedata.category(text[0])[0] != "M")
)
forbidden_in_ids = st.sampled_from(ID_FORBIDDEN).flatmap(lambda pair: st.integers(pair[0], pair[1]))


@given(valid_ids)
def test_any_id_of_the_alphabet_survives_a_round_trip(record_id):
    """Built, written and read back, the id is the same string."""
    network = EducationNetwork(name="X", actors=[Actor(id=record_id, name="A", kind="other")])
    assert io.loads(io.dumps(network)).actors[0].id == record_id


@given(valid_ids, forbidden_in_ids, st.data())
def test_any_id_with_a_forbidden_character_is_refused_naming_it(record_id, code, data):
    """Wherever a forbidden character stands inside an id, it is named with its place."""
    place = data.draw(st.integers(1, len(record_id) - 1))
    hostile = record_id[:place] + chr(code) + record_id[place:]
    with pytest.raises(ValidationError) as caught:
        Actor(id=hostile, name="A", kind="other")
    named = ord(unicodedata.normalize("NFC", chr(code)))  # U+2000 EN QUAD is U+2002 EN SPACE
    assert f"U+{named:04X} " in str(caught.value)


@given(
    st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=2, max_size=20),
    st.sampled_from(NAME_FORBIDDEN).flatmap(lambda pair: st.integers(pair[0], pair[1])),
    st.data(),
)
def test_any_name_with_a_forbidden_character_is_refused_naming_it(name, code, data):
    """Controls, separators, overrides, isolates, BOM, noncharacters inside a name."""
    place = data.draw(st.integers(1, len(name) - 1))
    hostile = name[:place] + chr(code) + name[place:]
    with pytest.raises(ValidationError) as caught:
        Actor(id="a", name=hostile, kind="other")
    assert f"U+{code:04X} " in str(caught.value)
