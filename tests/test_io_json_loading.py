"""Loading large files: record by record, collector paused, small records, progress."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import tempfile
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bildungsnetz import find_gaps, io
from bildungsnetz._collector import paused
from bildungsnetz.datasets import synthetic
from bildungsnetz.datasets._musterkreis import build_musterkreis
from bildungsnetz.errors import LoadError, MissingDependencyError
from bildungsnetz.io import _json_stream, _strict_json, json_format
from bildungsnetz.model import _record, dates
from strategies import networks

COLLECTIONS = ["actors", "cooperations", "forums", "flows", "interventions", "programmes"]


# --- the same result as reading the whole tree ---------------------------------------


def _outcome(read):
    """What a reading gives: the network with the fields given per record, or the error."""
    try:
        network = read()
    except (LoadError, ValueError, TypeError, RecursionError) as error:
        return ("error", type(error).__name__, str(error))
    given = [
        record.model_dump(mode="json", exclude_unset=True)
        for name in COLLECTIONS
        for record in getattr(network, name)
    ]
    return ("ok", io.dumps(network), given)


def _whole(text, source=None):
    """The reference: the document parsed as one tree by the strict reader."""
    decoded = _strict_json.decode(text, source=source)
    return json_format._network(json_format._read_whole(decoded, source))


@contextmanager
def _pieces_of(size):
    """Read the text in pieces of ``size``, so that values are cut at every place."""
    before = _json_stream.PIECE
    _json_stream.PIECE = size
    try:
        yield
    finally:
        _json_stream.PIECE = before


_EDITS = st.one_of(
    st.tuples(st.just("delete"), st.floats(0, 1)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(list(',:{}[]" \n1\\ä–\ufeff'))),
    st.tuples(st.just("cut"), st.floats(0, 1)),
    st.tuples(st.just("repeat"), st.sampled_from(['"name"', '"actors"', '"format"', '"network"'])),
)


def _edited(text, edit):
    where = int(edit[1] * len(text)) if isinstance(edit[1], float) else 0
    if edit[0] == "delete":
        return text[:where] + text[where + 1 :]
    if edit[0] == "insert":
        return text[:where] + edit[2] + text[where:]
    if edit[0] == "cut":
        return text[:where]
    start = text.find(edit[1])
    if start < 0:
        return text
    # The member again, first with another value: JSON keeps the last one.
    value = '{"name": "Q"}' if edit[1] == '"network"' else '"Q"'
    value = "[]" if edit[1] == '"actors"' else value
    return text[:start] + f"{edit[1]}: {value}, " + text[start:]


@given(
    networks(),
    st.lists(_EDITS, max_size=2),
    st.sampled_from([1, 3, 64, _json_stream.PIECE]),
    st.sampled_from([None, 2]),
)
def test_reading_record_by_record_equals_reading_the_whole_tree(network, edits, piece, indent):
    """Valid or broken, every document reads (or fails) exactly as read as one tree."""
    text = io.dumps(network, indent=indent)
    for edit in edits:
        text = _edited(text, edit)
    with _pieces_of(piece):
        assert _outcome(lambda: io.loads(text)) == _outcome(lambda: _whole(text))


@given(networks(), st.sampled_from([1, 5, _json_stream.PIECE]), st.binary(max_size=3))
@example(None, 1, b"\xef\xbb\xbf")
@example(None, 1, b"\xef\xbb\xbf\xef\xbb\xbf")
@example(None, 1, b"\xff\xfe")
def test_reading_bytes_record_by_record_equals_reading_them_whole(network, piece, prefix):
    """A file or bytes, with byte order marks or bytes that are no UTF-8, read as before."""
    raw = prefix + (io.dumps(network) if network is not None else "{}").encode()
    with tempfile.TemporaryDirectory() as folder, _pieces_of(piece):
        path = Path(folder) / "netz.json"
        path.write_bytes(raw)
        source = str(path)
        expected = _outcome(lambda: _whole(raw, source))
        assert _outcome(lambda: io.load(path)) == expected
        # Named as the caller wrote it, the file is still named as pathlib writes it.
        assert _outcome(lambda: io.load(f"{folder}//./netz.json")) == expected
    assert _outcome(lambda: io.loads(raw)) == _outcome(lambda: _whole(raw))


def test_a_member_given_twice_is_refused_with_its_place():
    """JSON would keep the last value of a repeated member: the loader refuses it instead."""
    text = '{"format": "bildungsnetz", "version": 1, "network": {"name": "A", "name": "B"}}'
    with pytest.raises(LoadError) as caught:
        io.loads(text)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("network.name", "duplicate key 'name' in one object; JSON would keep only the last")
    ]


def test_a_collection_given_twice_is_refused_with_its_place():
    """A repeated collection is refused, not read from its last value."""
    text = (
        '{"format": "bildungsnetz", "version": 1, "network": {"name": "N",'
        ' "actors": [{"id": "a"}], "actors": []}}'
    )
    with pytest.raises(LoadError) as caught:
        io.loads(text)
    assert [p.path for p in caught.value.problems] == ["network.actors"]


@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_the_stream_reads_values_cut_anywhere_by_the_pieces(size):
    """Elements, numbers, keys and whitespace split across pieces read as json.loads reads them."""
    text = ' { "a" : [ 12345 , "x y" ,\n{"k": [1, 2]}  ,  -0.5e3 , null ] ,\t"b" : 7 } \n'
    stream = _json_stream.Stream(_json_stream.pieces_of_text(text), lambda *_, **__: None)
    read = {}
    with _pieces_of(size):
        for key in stream.members():
            read[key] = list(stream.elements()) if stream.next_is("[") else stream.value()
        stream.finish()
    assert read == json.loads(text)


def test_text_after_the_document_is_a_syntax_error():
    """Anything but whitespace after the document is refused with its position."""
    text = '{"format": "bildungsnetz", "version": 1, "network": {"name": "N"}} x'
    with pytest.raises(LoadError, match=r"not valid JSON: Extra data \(line 1, column 68\)"):
        io.loads(text)


def test_a_number_cut_by_a_piece_is_read_whole():
    """A value that ends where a piece ends is read again with the next piece."""
    text = '{"format": "bildungsnetz", "version": 1, "network": {"name": "N", "actors": [12345]}}'
    for size in range(1, 12):
        with _pieces_of(size), pytest.raises(LoadError) as caught:
            io.loads(text)
        assert [p.path for p in caught.value.problems] == ["network.actors[0]"]


# --- the garbage collector -----------------------------------------------------------


@pytest.fixture
def collector():
    """Give the collector back as the test found it, whatever the test does to it."""
    enabled, threshold = gc.isenabled(), gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    if enabled:
        gc.enable()
    else:
        gc.disable()


def _state():
    return gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        None,  # the tiny network, read successfully
        '{"format": "bildungsnetz", "version": 1, "network": {"name": ""}}',
        '{"format": "bildungsnetz", "version": 1, "network": {"name": "N"}',
    ],
    ids=["success", "invalid-record", "syntax-error"],
)
def test_a_load_leaves_the_collector_as_it_found_it(
    collector, tmp_path, tiny_network, enabled, text
):
    """Enabled or not, thresholds and frozen objects: the same after a load, even a failed one."""
    source = tmp_path / "netz.json"
    source.write_text(io.dumps(tiny_network) if text is None else text, encoding="utf-8")
    gc.set_threshold(500, 7, 3)
    if not enabled:
        gc.disable()
    before = _state()
    for read in (lambda: io.load(source), lambda: io.loads(source.read_text(encoding="utf-8"))):
        try:
            read()
        except LoadError:
            assert text is not None
        assert _state() == before == (enabled, (500, 7, 3), 0)


def test_the_collector_is_paused_while_the_network_is_checked(monkeypatch, tiny_network):
    """The whole load, up to the checks of the network, runs without the collector."""
    from bildungsnetz.model import network as network_module

    seen = []
    check = network_module.find_problems

    def watched(records, **options):
        seen.append(gc.isenabled())
        return check(records, **options)

    monkeypatch.setattr(network_module, "find_problems", watched)
    assert gc.isenabled()
    io.loads(io.dumps(tiny_network))
    assert (set(seen), gc.isenabled()) == ({False}, True)


def test_nested_pauses_leave_the_outermost_in_charge(collector):
    """An inner pause, even one that fails, does not enable the collector early."""
    with paused():
        with pytest.raises(RuntimeError), paused():
            raise RuntimeError
        assert not gc.isenabled()
    assert gc.isenabled()


def test_objects_frozen_before_a_load_stay_frozen(collector, tiny_network):
    """A program's own gc.freeze() is left alone: what it froze is still frozen after a load.

    Not the freeze count: a load may legitimately free frozen objects (the tables that share
    equal sets are emptied when they grow past their limit), which lowers the count.
    """
    program = [[]]  # a container the collector tracks, frozen by the program
    gc.freeze()
    try:
        io.loads(io.dumps(tiny_network))
        assert gc.get_freeze_count() > 0
        assert all(item is not program for item in gc.get_objects())
    finally:
        gc.unfreeze()
    assert any(item is program for item in gc.get_objects())


def test_the_loaded_records_go_straight_to_the_oldest_generation(collector, tiny_network):
    """The next collections do not walk the records a load made on their way to old age."""
    network = io.loads(io.dumps(tiny_network))
    oldest = {id(item) for item in gc.get_objects(generation=2)}
    assert all(id(tie) in oldest for tie in network.cooperations)


# --- memory --------------------------------------------------------------------------


def _traced(make):
    """Return what ``make()`` makes and the memory it holds, with no shared values yet."""
    for table in (_record._SETS, _record._FIELD_SETS, dates._PERIODS, dates._DAYS):
        table.clear()
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        made = make()
        gc.collect()
        return made, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_a_loaded_network_is_no_bigger_than_one_built_in_memory():
    """Musterkreis read from JSON holds the memory of Musterkreis built in Python, ±10 %."""
    text = io.dumps(build_musterkreis())
    built, built_size = _traced(build_musterkreis)
    del built
    _, loaded_size = _traced(lambda: io.loads(text))
    assert 0.9 * built_size <= loaded_size <= 1.1 * built_size


def test_a_loaded_network_takes_less_than_two_kilobytes_a_tie():
    """A synthetic district read from JSON: everything it holds, per tie, under 2 kB."""
    text = io.dumps(synthetic(80, seed=0))
    loaded, size = _traced(lambda: io.loads(text))
    assert size / len(loaded.cooperations) < 2048


def test_references_share_the_strings_of_the_ids_they_refer_to():
    """Every end of a loaded tie is the very string of its actor's id."""
    network = io.loads(io.dumps(synthetic(10, seed=1)))
    ids = {actor.id: actor.id for actor in network.actors}
    assert all(end is ids[end] for tie in network.cooperations for end in tie.actors)


# --- results -------------------------------------------------------------------------


@pytest.mark.parametrize("make", [build_musterkreis, lambda: synthetic(80, seed=0)])
def test_a_loaded_network_gives_the_report_of_the_network_it_was_saved_from(make):
    """Gap reports of a network and of its JSON copy are the same bytes."""
    network = make()
    loaded = io.loads(io.dumps(network))
    assert loaded == network
    assert find_gaps(loaded).to_json() == find_gaps(network).to_json()


# --- progress ------------------------------------------------------------------------


def test_loading_is_silent_by_default(capsys, tmp_path, tiny_network):
    """Without progress=True nothing is printed."""
    io.save(tiny_network, tmp_path / "netz.json")
    io.load(tmp_path / "netz.json")
    io.loads(io.dumps(tiny_network))
    assert capsys.readouterr() == ("", "")


def test_silent_loading_does_not_import_tqdm(tmp_path, tiny_network):
    """The progress extra is not needed unless a bar is asked for."""
    io.save(tiny_network, tmp_path / "netz.json")
    code = (
        "import sys\n"
        "from bildungsnetz import io\n"
        f"io.load({str(tmp_path / 'netz.json')!r})\n"
        "print('tqdm' in sys.modules)\n"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "False"


@pytest.mark.requires_extra("progress")
@pytest.mark.parametrize("route", ["load", "loads"])
def test_progress_shows_a_bar_on_standard_error(capsys, tmp_path, tiny_network, route):
    """progress=True draws a bar of the document read, then of the checks."""
    source = tmp_path / "netz.json"
    io.save(tiny_network, source)
    if route == "load":
        network = io.load(source, progress=True)
    else:
        network = io.loads(source.read_text(encoding="utf-8"), progress=True)
    out, err = capsys.readouterr()
    assert (network, out) == (tiny_network, "")
    assert "load" in err
    # Bytes in multiples of 1024, characters of 1000: 2382 bytes show as 2.33k.
    size = source.stat().st_size
    shown = size / 1024 if route == "load" else len(source.read_text(encoding="utf-8")) / 1000
    assert f"/{shown:.2f}k" in err


@pytest.mark.parametrize("route", ["load", "loads"])
def test_progress_without_tqdm_names_the_extra(monkeypatch, tmp_path, tiny_network, route):
    """Asking for a bar without tqdm is a MissingDependencyError naming extra progress."""
    source = tmp_path / "netz.json"
    io.save(tiny_network, source)
    text = source.read_text(encoding="utf-8")
    read = (lambda: io.load(source, progress=True)) if route == "load" else None
    read = read or (lambda: io.loads(text, progress=True))
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(MissingDependencyError, match=rf"{route}\(progress=True\).*\[progress\]"):
        read()
    assert gc.isenabled()


def test_the_progress_option_is_keyword_only(tmp_path, tiny_network):
    """progress cannot be passed by position."""
    io.save(tiny_network, tmp_path / "netz.json")
    with pytest.raises(TypeError):
        io.load(tmp_path / "netz.json", True)  # type: ignore[misc]
    with pytest.raises(TypeError):
        io.loads(json.dumps({}), None, True)  # type: ignore[misc]
