"""Hostile network files: every fault a LoadError naming file and place, the file left as it was.

The loader reads a file as its JSON Schema says: a document the schema refuses is refused,
with the record id and the field, and the file's text is never partly read.
"""

import copy
import json

import pytest

from bildungsnetz import EducationNetwork, io
from bildungsnetz.errors import LoadError

BASE = {
    "format": "bildungsnetz",
    "version": 1,
    "network": {
        "name": "Klein",
        "reference_date": "2025-11-01",
        "actors": [
            {
                "id": "gs1",
                "name": "GS Am Markt",
                "kind": "school",
                "school": {"form": "grundschule", "pupils": 180, "absence_rate": 0.05},
                "location": {"lat": 51.5, "lon": 11.9},
                "topics": ["inclusion"],
            },
            {"id": "kita1", "name": "Kita Sonnenschein", "kind": "daycare"},
        ],
        "cooperations": [
            {
                "id": "c1",
                "actors": ["kita1", "gs1"],
                "kind": "transition",
                "period": {"start": "2024-08-01"},
                "schedule": {
                    "rule": "FREQ=MONTHLY;BYDAY=1TU",
                    "start": "2024-09-03T16:00:00+02:00[Europe/Berlin]",
                },
            }
        ],
        "flows": [
            {
                "source": "kita1",
                "target": "gs1",
                "year": 2024,
                "pupils": 12,
                "transition": "kita_to_primary",
            }
        ],
        "interventions": [{"id": "iv1", "name": "Elterncafé", "tier": "universal", "capacity": 20}],
    },
}


def text_of(document) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


def problems_of(tmp_path, content: bytes) -> list:
    """Load ``content`` as a file and as bytes; return the problems, the file unchanged."""
    path = tmp_path / "netz.json"
    path.write_bytes(content)
    with pytest.raises(LoadError) as from_file:
        io.load(path)
    with pytest.raises(LoadError) as from_bytes:
        io.loads(content, source=str(path))
    assert path.read_bytes() == content
    assert from_file.value.problems == from_bytes.value.problems
    assert all(problem.file == str(path) for problem in from_file.value.problems)
    return list(from_file.value.problems)


def test_the_document_used_here_is_valid(tmp_path):
    """Without a fault the document loads, so each fault below is what is refused."""
    path = tmp_path / "netz.json"
    path.write_bytes(text_of(BASE))
    network = io.load(path)
    assert (network.actor("gs1").school.pupils, len(network.cooperations)) == (180, 1)
    assert io.loads(io.dumps(network)) == network


# --- text that is no JSON, or JSON no one means -----------------------------------------


def _pupils(text: str) -> bytes:
    raw = text_of(BASE).decode()
    return raw.replace('"pupils": 180', f'"pupils": {text}').encode()


def _with_key_twice(raw: bytes, old: str, new: str) -> bytes:
    assert old.encode() in raw
    return raw.replace(old.encode(), new.encode(), 1)


DEEP = b'{"format": "bildungsnetz", "version": 1, "network": {"name": "N", "actors": ['
DEEP += b"[" * 100_000 + b"]" * 100_000 + b"]}}"


@pytest.mark.parametrize(
    ("content", "path", "message"),
    [
        (_pupils("1" + "0" * 10_000), "network.actors[0](gs1).school.pupils", "10001 digits"),
        (_pupils("1" + "0" * 400), "network.actors[0](gs1).school.pupils", "401 digits"),
        (_pupils("1e400"), "network.actors[0](gs1).school.pupils", "1e400 is too large"),
        (_pupils("NaN"), "network.actors[0](gs1).school.pupils", "NaN is not a JSON number"),
        (_pupils("Infinity"), "network.actors[0](gs1).school.pupils", "Infinity is not"),
        (_pupils("-Infinity"), "network.actors[0](gs1).school.pupils", "-Infinity is not"),
        (
            _with_key_twice(text_of(BASE), '"name": "GS', '"name": "A", "name": "GS'),
            "network.actors[0](gs1).name",
            "duplicate key 'name'",
        ),
        (
            _with_key_twice(text_of(BASE), '"name": "Klein"', '"name": "A", "name": "Klein"'),
            "network.name",
            "duplicate key 'name'",
        ),
        (
            _with_key_twice(text_of(BASE), '"actors": [{', '"actors": [], "actors": [{'),
            "network.actors",
            "duplicate key 'actors'",
        ),
        (
            _with_key_twice(text_of(BASE), '"version": 1', '"version": 2, "version": 1'),
            "version",
            "duplicate key 'version'",
        ),
        (
            _with_key_twice(
                text_of(BASE), '"start": "2024-08-01"', '"start": 1, "start": "2024-08-01"'
            ),
            "network.cooperations[0](c1).period.start",
            "duplicate key 'start'",
        ),
        (
            text_of(BASE).replace(b"Elterncaf\xc3\xa9", b"Elterncaf\\udce9"),
            "network.interventions[0](iv1).name",
            "lone surrogate",
        ),
    ],
    ids=[
        "10**10000",
        "401-digits",
        "1e400",
        "NaN",
        "Infinity",
        "-Infinity",
        "key-twice-in-record",
        "key-twice-in-network",
        "collection-twice",
        "key-twice-in-envelope",
        "key-twice-in-period",
        "lone-surrogate",
    ],
)
def test_json_no_one_means_is_refused_with_its_place(tmp_path, content, path, message):
    """Oversized and non-JSON numbers, repeated keys, lone surrogates: refused by path."""
    problems = problems_of(tmp_path, content)
    assert [problem.path for problem in problems] == [path]
    assert message in problems[0].message


def test_nesting_a_hundred_thousand_deep_is_refused_with_its_line(tmp_path):
    """No RecursionError escapes: the line where the nesting gets too deep is named."""
    [problem] = problems_of(tmp_path, DEEP)
    assert (problem.row, problem.path) == (1, None)
    assert "nested more than 64 deep" in problem.message


def test_a_pupil_count_of_401_digits_never_reaches_the_analysis(tmp_path):
    """The count that made find_gaps raise OverflowError is refused at load."""
    with pytest.raises(LoadError, match=r"school\.pupils: an integer of 401 digits"):
        io.loads(_pupils("1" + "0" * 400))


@pytest.mark.parametrize(
    ("content", "row", "message"),
    [
        (text_of(BASE).decode().encode("utf-16"), 1, "UTF-16 text; save the file as UTF-8"),
        (text_of(BASE).decode().encode("utf-16-le"), 1, "UTF-16-LE text; save the file as"),
        (text_of(BASE).decode().encode("utf-16-be"), 1, "UTF-16-BE text; save the file as"),
        (text_of(BASE).decode().encode("utf-32"), 1, "UTF-32 text; save the file as UTF-8"),
        (text_of(BASE).decode().encode("utf-32-le"), 1, "UTF-32-LE text; save the file as"),
        (
            text_of(BASE).replace(b"Elterncaf\xc3\xa9", b"Elterncaf\xe9"),
            1,
            "not UTF-8 text: byte b'\\xe9' at offset",
        ),
        (b'{\n"format":\n "bildungsnetz\xc3("}', 3, "not UTF-8 text: byte b'\\xc3' at offset 26"),
    ],
    ids=["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "latin-1", "cut-sequence"],
)
def test_text_that_is_no_utf8_is_refused_with_its_line(tmp_path, content, row, message):
    """The format is UTF-8: other encodings by name, bad bytes by offset and line."""
    [problem] = problems_of(tmp_path, content)
    assert problem.row == row
    assert message in problem.message


def test_a_byte_order_mark_is_read_alike_by_every_route(tmp_path):
    """A UTF-8 byte order mark is dropped: by load, by loads of bytes and of text."""
    expected = io.loads(text_of(BASE))
    content = b"\xef\xbb\xbf" + text_of(BASE)
    path = tmp_path / "netz.json"
    path.write_bytes(content)
    assert io.load(path) == expected
    assert io.loads(content) == expected
    assert io.loads(content.decode("utf-8")) == expected  # the mark as U+FEFF


def test_loads_refuses_what_is_neither_text_nor_bytes():
    """A clear TypeError, not one from deep inside the json module."""
    with pytest.raises(TypeError, match=r"loads\(\) reads a document given as str or bytes"):
        io.loads(None)  # type: ignore[arg-type]


def test_every_problem_comes_at_once(tmp_path):
    """A repeated key, a wrong type and an unknown reference: all three, nothing read."""
    document = copy.deepcopy(BASE)
    document["network"]["flows"][0]["pupils"] = "12"
    document["network"]["cooperations"][0]["actors"] = ["kita1", "gs9"]
    content = _with_key_twice(text_of(document), '"name": "GS', '"name": "A", "name": "GS')
    problems = problems_of(tmp_path, content)
    assert [problem.path for problem in problems] == [
        "network.actors[0](gs1).name",
        "network.flows[0].pupils",
        "network.cooperations[c1].actors",
    ]


def test_a_record_with_a_repeated_key_is_not_read_but_not_reported_twice(tmp_path):
    """A tie to an actor whose record has a repeated key is not called unknown."""
    content = _with_key_twice(text_of(BASE), '"name": "Kita', '"kind": "daycare", "name": "Kita')
    problems = problems_of(tmp_path, content)
    assert [problem.path for problem in problems] == ["network.actors[1](kita1).kind"]


def test_a_repeated_key_names_a_hostile_id_escaped_as_every_problem_does():
    """The label of a JSON fault shows the record's id as other problems show it."""
    actor = '{"id": "a\u202eb", "id": "a\u202eb", "kind": "school", "name": "A"}'
    network = f'{{"name": "x", "actors": [{actor}]}}'
    document = f'{{"format": "bildungsnetz", "version": 1, "network": {network}}}'
    with pytest.raises(LoadError) as caught:
        io.loads(document, source="x.json")
    assert [problem.path for problem in caught.value.problems] == [
        "network.actors[0]('a\\u202eb').id"
    ]


# --- types as the schema says them -------------------------------------------------------


def _set(path):
    """Return an edit that sets the value at ``path`` (keys and positions) of a document."""

    def edit(document, value):
        *parents, last = path
        target = document
        for part in parents:
            target = target[part]
        target[last] = value

    return edit


RULE = "FREQ=MONTHLY;BYDAY=1TU"
GS1 = ("network", "actors", 0)
C1 = ("network", "cooperations", 0)
FLOW = ("network", "flows", 0)

# (case, where, value, the loader's path of the problem or None if valid)
TYPE_CASES = [
    ("pupils-true", (*GS1, "school", "pupils"), True, "actors[0](gs1).school.pupils"),
    ("pupils-text", (*GS1, "school", "pupils"), "30", "actors[0](gs1).school.pupils"),
    ("pupils-fraction", (*GS1, "school", "pupils"), 30.5, "actors[0](gs1).school.pupils"),
    ("pupils-whole-float", (*GS1, "school", "pupils"), 30.0, None),
    ("pupils-null", (*GS1, "school", "pupils"), None, None),
    ("pupils-negative", (*GS1, "school", "pupils"), -1, "actors[0](gs1).school.pupils"),
    ("pupils-above-maximum", (*GS1, "school", "pupils"), 100_001, "actors[0](gs1).school.pupils"),
    ("pupils-at-maximum", (*GS1, "school", "pupils"), 100_000, None),
    ("public-yes", (*GS1, "school", "public"), "yes", "actors[0](gs1).school.public"),
    ("public-one", (*GS1, "school", "public"), 1, "actors[0](gs1).school.public"),
    ("public-null", (*GS1, "school", "public"), None, "actors[0](gs1).school.public"),
    ("public-false", (*GS1, "school", "public"), False, None),
    ("rate-text", (*GS1, "school", "absence_rate"), "0.1", "actors[0](gs1).school.absence_rate"),
    ("rate-true", (*GS1, "school", "absence_rate"), True, "actors[0](gs1).school.absence_rate"),
    ("rate-integer", (*GS1, "school", "absence_rate"), 0, None),
    ("lat-text", (*GS1, "location", "lat"), "51.5", "actors[0](gs1).location.lat"),
    ("topics-twice", (*GS1, "topics"), ["inclusion", "inclusion"], "actors[0](gs1).topics"),
    ("topics-text", (*GS1, "topics"), "inclusion", "actors[0](gs1).topics"),
    ("name-number", (*GS1, "name"), 5, "actors[0](gs1).name"),
    ("kind-number", (*GS1, "kind"), 1, "actors[0](gs1).kind"),
    ("reference-date-zero", ("network", "reference_date"), 0, "reference_date"),
    ("reference-date-german", ("network", "reference_date"), "01.11.2025", "reference_date"),
    ("reference-date-invalid", ("network", "reference_date"), "2025-02-30", "reference_date"),
    ("reference-date-null", ("network", "reference_date"), None, None),
    ("name-of-network-list", ("network", "name"), ["Klein"], "name"),
    ("directed-one", (*C1, "directed"), 1, "cooperations[0](c1).directed"),
    ("directed-text", (*C1, "directed"), "true", "cooperations[0](c1).directed"),
    ("directed-true", (*C1, "directed"), True, None),
    ("confirmed-zero", (*C1, "confirmed"), 0, "cooperations[0](c1).confirmed"),
    ("period-start-zero", (*C1, "period", "start"), 0, "cooperations[0](c1).period.start"),
    ("last-contact-float", (*C1, "last_contact"), 1.5, "cooperations[0](c1).last_contact"),
    ("actors-one", (*C1, "actors"), ["gs1"], "cooperations[0](c1).actors"),
    ("actors-text", (*C1, "actors"), "gs1", "cooperations[0](c1).actors"),
    # Blanks count as the schema counts them: a rule of 501 characters as given.
    ("rule-501", (*C1, "schedule", "rule"), " " * 479 + RULE, "c1).schedule.rule"),
    ("rule-500", (*C1, "schedule", "rule"), " " * 478 + RULE, None),
    (
        "schedule-start-1899",
        (*C1, "schedule", "start"),
        "1899-09-05T16:00:00+01:00[Europe/Berlin]",
        "cooperations[0](c1).schedule.start",
    ),
    (
        "schedule-start-2199",
        (*C1, "schedule", "start"),
        "2199-09-03T16:00:00+02:00[Europe/Berlin]",
        None,
    ),
    (
        "schedule-start-2200",
        (*C1, "schedule", "start"),
        "2200-09-03T16:00:00+02:00[Europe/Berlin]",
        "cooperations[0](c1).schedule.start",
    ),
    (
        "schedule-start-basic-iso",
        (*C1, "schedule", "start"),
        "20240903T160000+02:00[Europe/Berlin]",
        "cooperations[0](c1).schedule.start",
    ),
    ("year-text", (*FLOW, "year"), "2024", "flows[0].year"),
    ("year-whole-float", (*FLOW, "year"), 2024.0, None),
    ("flow-pupils-text", (*FLOW, "pupils"), "12", "flows[0].pupils"),
    ("flow-pupils-above-maximum", (*FLOW, "pupils"), 100_001, "flows[0].pupils"),
    (
        "capacity-above-maximum",
        ("network", "interventions", 0, "capacity"),
        10_000_001,
        "interventions[0](iv1).capacity",
    ),
    ("version-whole-float", ("version",), 1.0, None),
    ("version-true", ("version",), True, "version"),
]


@pytest.mark.requires_module("jsonschema")
@pytest.mark.parametrize(
    ("where", "value", "place"),
    [case[1:] for case in TYPE_CASES],
    ids=[case[0] for case in TYPE_CASES],
)
def test_the_loader_refuses_exactly_what_the_schema_refuses(where, value, place):
    """Type soup from spreadsheets: the loader's verdict is the JSON Schema's, by id and field."""
    import jsonschema

    document = copy.deepcopy(BASE)
    _set(where)(document, value)
    schema = jsonschema.Draft202012Validator(
        io.json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    content = text_of(document)
    try:
        network = io.loads(content, source="netz.json")
    except LoadError as error:
        paths = [problem.path or "" for problem in error.problems]
        assert (schema.is_valid(document), place is not None) == (False, True), paths
        expected = place if place == "version" else f"network.{place}"
        assert any(path.startswith(expected) or path.endswith(place) for path in paths), paths
    else:
        assert (schema.is_valid(document), place) == (True, None)
        assert isinstance(network, EducationNetwork)
        assert io.loads(io.dumps(network)) == network


@pytest.mark.requires_module("jsonschema")
def test_the_shipped_example_loads_unchanged_and_validates():
    """The example file passes the strict loader and the schema, and round-trips."""
    import jsonschema

    from bildungsnetz.datasets import example_path, musterkreis

    raw = example_path().read_bytes()
    jsonschema.Draft202012Validator(io.json_schema()).validate(json.loads(raw))
    assert io.load(example_path()) == musterkreis()
    assert example_path().read_bytes() == raw
