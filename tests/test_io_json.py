import json
import os
import stat

import pytest
from hypothesis import given

from bildungsnetz import EducationNetwork, io
from bildungsnetz.errors import LoadError
from strategies import networks


def validator():
    """The JSON Schema of the format, as a validator (jsonschema is a test tool only)."""
    import jsonschema

    return jsonschema.Draft202012Validator(io.json_schema())


@given(networks())
def test_loads_inverts_dumps(network):
    """Every valid network survives a JSON round trip unchanged."""
    assert io.loads(io.dumps(network)) == network


@given(networks())
def test_dumps_is_stable_across_a_round_trip(network):
    """Dumping the loaded network gives the very same text."""
    text = io.dumps(network)
    assert io.dumps(io.loads(text)) == text


@pytest.mark.requires_module("jsonschema")
@given(networks())
def test_every_dumped_document_validates_against_the_schema(network):
    """The JSON Schema accepts every document dumps writes, indented or compact."""
    for indent in (2, None):
        validator().validate(json.loads(io.dumps(network, indent=indent)))


@pytest.mark.requires_module("jsonschema")
def test_schema_is_a_valid_draft_2020_12_schema():
    """The schema itself is valid under the 2020-12 meta-schema."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(io.json_schema())


def test_json_schema_returns_a_fresh_copy():
    """Changing the returned schema does not change the next one."""
    io.json_schema()["title"] = "changed"
    assert io.json_schema()["title"] == "bildungsnetz education network"


def test_dumps_writes_the_envelope_first(tiny_network):
    """The format name and version come first, then the network."""
    document = json.loads(io.dumps(tiny_network))
    assert list(document) == ["format", "version", "network"]
    assert (document["format"], document["version"]) == ("bildungsnetz", 1)


def test_dumps_leaves_out_defaults_and_sorts_sets(tiny_network):
    """Default values are not written; set members are sorted."""
    actor = json.loads(io.dumps(tiny_network))["network"]["actors"][1]
    assert actor == {
        "id": "ssa1",
        "name": "Schulsozialarbeit GS Am Markt",
        "kind": "school_social_work",
        "part_of": "traeger",
        "active": {"end": "2028-08-01"},
        "funding": ["esf"],
    }


def test_empty_network_round_trips():
    """A network without records is a valid document."""
    network = EducationNetwork(name="Leer")
    assert io.loads(io.dumps(network, indent=None)) == network


def test_save_and_load_round_trip(tmp_path, tiny_network):
    """save writes a file that load reads back equal."""
    target = tmp_path / "netz.json"
    io.save(tiny_network, target)
    assert io.load(target) == tiny_network
    assert target.read_text(encoding="utf-8") == io.dumps(tiny_network)


def test_save_leaves_no_temporary_files(tmp_path, tiny_network):
    """Only the target file remains in the folder."""
    io.save(tiny_network, tmp_path / "netz.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["netz.json"]


def test_save_replaces_an_existing_file_and_keeps_its_permissions(tmp_path, tiny_network):
    """Overwriting keeps the old file's mode instead of mkstemp's 0600."""
    target = tmp_path / "netz.json"
    target.write_text("alt", encoding="utf-8")
    target.chmod(0o644)
    io.save(tiny_network, target)
    assert (stat.S_IMODE(target.stat().st_mode), io.load(target)) == (0o644, tiny_network)


def test_failed_save_leaves_the_old_file_untouched(tmp_path, tiny_network, monkeypatch):
    """If the rename fails, the old file keeps its content and no temp file remains."""
    target = tmp_path / "netz.json"
    target.write_text("alter Inhalt", encoding="utf-8")

    def broken_replace(source, destination):
        message = "disk full"
        raise OSError(message)

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        io.save(tiny_network, target)
    assert target.read_text(encoding="utf-8") == "alter Inhalt"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["netz.json"]


def test_load_reports_every_invalid_record_with_path_and_id(tmp_path, tiny_network):
    """Each bad field is listed with its record's position and id, all at once."""
    document = json.loads(io.dumps(tiny_network))
    document["network"]["actors"][0]["kind"] = "kita"
    document["network"]["actors"][3]["municipality"] = "99999999"
    document["network"]["flows"][0]["pupils"] = -4
    source = tmp_path / "kaputt.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        io.load(source)
    assert [(p.file, p.path) for p in caught.value.problems] == [
        (str(source), "network.actors[0](gs1).kind"),
        (str(source), "network.actors[3](kita1).municipality"),
        (str(source), "network.flows[0].pupils"),
    ]


def test_load_reports_record_and_integrity_problems_together(tiny_network):
    """A bad record and a dangling reference are both reported in one error."""
    document = json.loads(io.dumps(tiny_network))
    document["network"]["actors"][0]["kind"] = "kita"
    document["network"]["cooperations"][2]["actors"] = ["traeger", "nobody"]
    with pytest.raises(LoadError) as caught:
        io.loads(json.dumps(document))
    assert [p.path for p in caught.value.problems] == [
        "network.actors[0](gs1).kind",
        "network.cooperations[c3].actors",
    ]


def test_references_to_an_unreadable_record_are_not_reported_twice(tiny_network):
    """Ties to an actor whose record is invalid are not also 'unknown actor' problems."""
    document = json.loads(io.dumps(tiny_network))
    document["network"]["actors"][0]["name"] = ""
    with pytest.raises(LoadError) as caught:
        io.loads(json.dumps(document))
    assert [p.path for p in caught.value.problems] == ["network.actors[0](gs1).name"]


def test_loads_reports_integrity_problems_as_load_errors(tiny_network):
    """A duplicate id in a file is a LoadError naming the record."""
    document = json.loads(io.dumps(tiny_network))
    document["network"]["actors"].append(document["network"]["actors"][0])
    with pytest.raises(LoadError, match=r"network\.actors\[gs1\]\.id: duplicate id 'gs1'"):
        io.loads(json.dumps(document), source="netz.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"format": "x", "version": 1, "network": {"name": "N"}}', "expected format"),
        ('{"format": "bildungsnetz", "version": 2, "network": {"name": "N"}}', "version 1"),
        ('{"format": "bildungsnetz", "version": 1, "network": []}', "network as a JSON object"),
        (
            '{"format": "bildungsnetz", "version": 1, "network": {"name": "N"}, "x": 1}',
            "unknown members 'x'",
        ),
        (
            '{"format": "bildungsnetz", "version": 1, "network": {"name": "N", "actors": {}}}',
            "expected a JSON array",
        ),
        ('{"format": "bildungsnetz", "version": 1, "network": {}}', "Field required"),
    ],
)
def test_loads_refuses_malformed_documents(text, message):
    """Syntax, envelope and shape problems are LoadErrors with a precise message."""
    with pytest.raises(LoadError, match=message):
        io.loads(text)


def test_load_refuses_non_utf8_files(tmp_path):
    """A Latin-1 file is reported as not UTF-8, with the file named."""
    source = tmp_path / "latin1.json"
    source.write_bytes('{"name": "Müller"}'.encode("latin-1"))
    expected = r"latin1\.json, row 1: not UTF-8 text: byte b'\\xfc' at offset 11"
    with pytest.raises(LoadError, match=expected):
        io.load(source)


def test_load_accepts_a_byte_order_mark(tmp_path, tiny_network):
    """A UTF-8 BOM, as Windows editors write it, is ignored."""
    source = tmp_path / "bom.json"
    source.write_bytes(b"\xef\xbb\xbf" + io.dumps(tiny_network).encode())
    assert io.load(source) == tiny_network


def test_load_of_a_missing_file_raises_file_not_found(tmp_path):
    """A missing file is an OSError, not a LoadError."""
    with pytest.raises(FileNotFoundError):
        io.load(tmp_path / "fehlt.json")


def test_failed_load_leaves_the_file_untouched(tmp_path):
    """Reading a bad file never changes it."""
    source = tmp_path / "kaputt.json"
    source.write_text('{"format": "bildungsnetz"', encoding="utf-8")
    before = source.read_bytes()
    with pytest.raises(LoadError):
        io.load(source)
    assert source.read_bytes() == before
