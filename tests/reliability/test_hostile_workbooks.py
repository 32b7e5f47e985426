"""Corrupt, renamed and hostile workbooks: zip bombs, far-away cells, foreign compression.

Each is one :class:`LoadError` naming the file (and the member of its zip), raised before
python-calamine would take the memory; nothing comes back and the file is unchanged.

Elsewhere, not repeated here: a CSV file renamed ``.xlsx``, a truncated workbook, an empty
file, a zip of other things and text renamed ``.xls``:
``tests/test_io_workbook.py::test_a_file_that_is_no_workbook_raises_a_load_error``; the
same through ``io.read``: ``tests/test_io_files.py``.
"""

from __future__ import annotations

import re
import struct
import tracemalloc
import zipfile
import zlib

import pytest

from bildungsnetz import io
from bildungsnetz.io import _shown_errors, _workbook_zip
from office_files import office_book, refusal

pytestmark = pytest.mark.requires_module("openpyxl")

SHEET = "xl/worksheets/sheet2.xml"  # Akteure in office_book
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
TAIL = b"</sheetData></worksheet>"


def the_problem(path):
    """Return the one problem of reading ``path``; nothing came back, the file is unchanged."""
    [problem] = refusal(path, io.read_workbook).problems
    assert problem.file == str(path)
    return problem.message


def with_member(book, target, data=None, *, method=zipfile.ZIP_DEFLATED, raw=None):
    """Copy ``book`` to ``target`` with the Akteure sheet replaced by ``data`` (or raw deflate)."""
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            if info.filename != SHEET:
                copy.writestr(info, source.read(info), zipfile.ZIP_DEFLATED)
            elif raw is None:
                copy.writestr(SHEET, data, method)
            else:
                copy.writestr(SHEET, b"", zipfile.ZIP_DEFLATED)
    if raw is not None:
        _replace_deflated(target, raw)
    return target


def _replace_deflated(path, stream):
    """Put the deflate ``stream`` into the (empty) sheet member, declaring it still empty.

    The compressed size must be true, or no reader finds the data; the size it inflates to
    stays declared as 0 bytes: a zip bomb that lies about its size.
    """
    data = bytearray(path.read_bytes())
    name = SHEET.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30 : local + 30 + len(name)] != name:
        local = data.index(b"PK\x03\x04", local + 4)
    start = local + 30 + len(name) + struct.unpack("<H", data[local + 28 : local + 30])[0]
    old = struct.unpack("<I", data[local + 18 : local + 22])[0]
    shift = len(stream) - old
    data[local + 18 : local + 22] = struct.pack("<I", len(stream))
    data[start : start + old] = stream
    # The central directory moves by the difference; the offsets after the sheet too.
    directory = data.rindex(b"PK\x05\x06")
    offset = struct.unpack("<I", data[directory + 16 : directory + 20])[0] + shift
    data[directory + 16 : directory + 20] = struct.pack("<I", offset)
    position = offset
    while data[position : position + 4] == b"PK\x01\x02":
        header = struct.unpack("<I", data[position + 42 : position + 46])[0]
        if header == local:
            data[position + 20 : position + 24] = struct.pack("<I", len(stream))
        elif header > local:
            data[position + 42 : position + 46] = struct.pack("<I", header + shift)
        lengths = struct.unpack("<HHH", data[position + 28 : position + 34])
        position += 46 + sum(lengths)
    path.write_bytes(bytes(data))


def deflated(piece, times):
    """Deflate ``piece`` repeated ``times`` times, without ever holding the repetition."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    out = [packer.compress(HEAD)]
    out += [packer.compress(piece) for _ in range(times)]
    out.append(packer.compress(TAIL) + packer.flush())
    return b"".join(out)


# -- zip bombs -------------------------------------------------------------------------------------


def test_a_bomb_that_declares_its_size_is_refused_unopened(tmp_path):
    """A sheet declared as 2 GiB is refused by its declared size before anything inflates."""
    book = office_book(tmp_path)
    target = tmp_path / "bombe.xlsx"
    with_member(book, target, raw=deflated(b"<row><c><v>1</v></c></row>", 1000))
    data = bytearray(target.read_bytes())
    # Declare 2 GiB in the central directory entry of the sheet.
    entry = data.index(b"PK\x01\x02")
    while not data[entry + 46 :].startswith(SHEET.encode()):
        entry = data.index(b"PK\x01\x02", entry + 4)
    data[entry + 24 : entry + 28] = struct.pack("<I", 2**31)
    target.write_bytes(bytes(data))
    message = the_problem(target)
    assert message.startswith("refused: the workbook declares 2,147,")
    assert "zip bomb" in message


def test_a_bomb_that_lies_about_its_size_is_refused_by_what_it_inflates_to(tmp_path, monkeypatch):
    """A sheet declared empty that inflates to 48 MiB, past a 32 MiB bound: refused.

    The bound is lowered so that the test stays small; the sizes the zip declares are not
    believed, what comes out of the inflater is counted, a piece at a time.
    """
    monkeypatch.setattr(_workbook_zip, "MAX_UNPACKED_BYTES", 32 << 20)
    # White space between the tags: what is counted is bytes, whatever they hold.
    stream = deflated(b" " * (1 << 20), 48)
    assert len(stream) < (1 << 20)
    target = with_member(office_book(tmp_path), tmp_path / "bombe.xlsx", raw=stream)
    tracemalloc.start()
    try:
        message = the_problem(target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message.startswith("refused: the workbook inflates to more than 33,554,432 bytes")
    # A few pieces of one MiB, never the 48 MiB.
    assert peak < 16 << 20


def test_the_real_bound_is_a_gibibyte(tmp_path):
    """The default bound: 1 GiB unpacked, 50 million cells a sheet."""
    assert (_workbook_zip.MAX_UNPACKED_BYTES, _workbook_zip.MAX_SHEET_CELLS) == (
        1 << 30,
        50_000_000,
    )


# -- cells far away --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "far"),
    [
        (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Kennung</t></is></c></row>'
         b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "XFD1048576"),
        # A wide first row and a far last row: the block spans both.
        (b'<row r="1"><c r="XFD1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>1</v>'
         b"</c></row>", "XFD1"),
        # Rows and cells without references count on from the last.
        (b"<row>" + b"<c><v>1</v></c>" * 16384 + b'</row><row r="5000"/>', "?"),
    ],
    ids=["corner", "edges", "unreferenced"],
)  # fmt: skip
def test_a_sheet_spanning_billions_of_cells_is_refused(tmp_path, cells, far):
    """Two cells, A1 and XFD1048576, would make calamine lay out 17 billion and abort."""
    target = with_member(office_book(tmp_path), tmp_path / "weit.xlsx", HEAD + cells + TAIL)
    message = the_problem(target)
    assert message.startswith(f"refused: {SHEET} spans ")
    assert f"(up to cell {far})" in message
    assert "more than 50,000,000 cells" in message


LAST_ROW = "past the last row a sheet may have (1,048,576)"
LAST_COLUMN = "past the last column a sheet may have (16,384, XFD)"


@pytest.mark.parametrize(
    ("cell", "where"),
    [
        ("A1048577", f"a cell in row 1,048,577, {LAST_ROW}"),
        # Eight digits: once taken for a cell without reference, and laid out as 50 million rows.
        ("A50000000", f"a cell in row 50,000,000, {LAST_ROW}"),
        ("A" + "9" * 30, f"a cell in row 1,000,000,000,000, {LAST_ROW}"),
        ("XFE1", f"a cell in column 16,385 (XFE1), {LAST_COLUMN}"),
        ("ZZZZ1", f"a cell in column 16,385 (ZZZZ1), {LAST_COLUMN}"),
    ],
)
def test_a_cell_past_the_last_row_or_column_is_refused(tmp_path, cell, where):
    """One far cell past Excel's grid, which calamine would lay out row by row, is refused."""
    row = cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cells = f'<row r="{row}"><c r="{cell}"><v>1</v></c></row>'.encode()
    target = with_member(office_book(tmp_path), tmp_path / "weit.xlsx", HEAD + cells + TAIL)
    message = the_problem(target)
    assert message == f"refused: {SHEET} has {where}; delete what stands far outside the tables"


def test_a_sheet_of_any_member_name_is_followed(tmp_path):
    """A sheet stored under another name than xl/worksheets/ is followed all the same."""
    far = HEAD + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + TAIL
    target = tmp_path / "versteckt.xlsx"
    with zipfile.ZipFile(office_book(tmp_path)) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            copy.writestr(info, source.read(info))
        copy.writestr("xl/anderswo.xml", far)
    assert "xl/anderswo.xml spans 1,048,576 rows" in the_problem(target)


def test_a_tag_longer_than_a_mebibyte_is_refused(tmp_path):
    """A cell tag padded past 1 MiB cannot hide its reference across the pieces."""
    tag = b"<row><c " + b'x="1" ' * 600_000 + b'r="XFD1048576"><v>1</v></c></row>'
    target = with_member(office_book(tmp_path), tmp_path / "lang.xlsx", HEAD + tag + TAIL)
    assert "has a tag of over 1,048,576 bytes" in the_problem(target)


def test_a_sparse_sheet_declaring_the_whole_grid_is_read_as_its_cells(tmp_path):
    """A dimension of A1:XFD1048576 over a few cells is not believed: read as before, cheaply."""
    book = office_book(tmp_path)
    with zipfile.ZipFile(book) as source:
        sheet, count = re.subn(
            rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:XFD1048576"/>', source.read(SHEET)
        )
    assert count == 1
    target = with_member(book, tmp_path / "weit.xlsx", sheet)
    tracemalloc.start()
    try:
        network = io.read_workbook(target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert network == io.read_workbook(book)
    assert peak < 8 << 20  # a dense grid of 17 billion cells would not fit anywhere


@pytest.mark.parametrize("piece", [1, 7, 64])
def test_an_error_cell_cut_between_pieces_is_found(tmp_path, monkeypatch, piece):
    """However the sheet is cut while it inflates, each error cell is found once, whole."""
    cells = (
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Kennung</t></is></c>'
        b'<c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
        b'<row r="2"><c r="C2" s="3" t="e"><v>#N/A</v></c><c r="D2"><v>1</v></c></row>'
    )
    target = with_member(office_book(tmp_path), tmp_path / "fehler.xlsx", HEAD + cells + TAIL)
    expected = [
        _shown_errors.ErrorCells("Akteure", 1, 2, "#DIV/0!"),
        _shown_errors.ErrorCells("Akteure", 2, 3, "#N/A"),
    ]
    assert _workbook_zip.check_workbook_zip(target) == expected
    monkeypatch.setattr(_workbook_zip, "_PIECE", piece)
    assert _workbook_zip.check_workbook_zip(target) == expected


@pytest.mark.parametrize(
    "target",
    ["worksheets/sheet3.xml", "/xl/worksheets/sheet3.xml", "worksheets/../worksheets/sheet3.xml"],
)
def test_the_sheet_of_an_error_cell_is_found_by_the_workbook_parts(target):
    """Relative and absolute targets, an escaped name: the member is the sheet the user named."""
    workbook = (
        b'<workbook><sheets><sheet name="A &amp; B" sheetId="1" r:id="rId7"/></sheets></workbook>'
    )
    relationships = f'<Relationships><Relationship Id="rId7" Target="{target}"/></Relationships>'
    members = _shown_errors.sheet_members(workbook, relationships.encode())
    assert members == {"xl/worksheets/sheet3.xml": "A & B"}


# -- compression ---------------------------------------------------------------------------------


def test_a_member_compressed_another_way_is_refused(tmp_path):
    """bzip2 inside a workbook (no office program writes it) is no readable workbook."""
    target = tmp_path / "bzip2.xlsx"
    with_member(office_book(tmp_path), target, HEAD + TAIL, method=zipfile.ZIP_BZIP2)
    message = the_problem(target)
    assert message.startswith("not a readable workbook (NotImplementedError:")
    assert SHEET in message


def test_an_ordinary_workbook_passes_the_bounds(tmp_path):
    """The hand-made book, deflated or stored, is read as before."""
    book = office_book(tmp_path)
    stored = tmp_path / "stored.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(stored, "w") as copy:
        for info in source.infolist():
            copy.writestr(info.filename, source.read(info), zipfile.ZIP_STORED)
    assert io.read_workbook(stored) == io.read_workbook(book)


def test_a_workbook_cut_at_its_start_is_no_readable_workbook(tmp_path):
    """Its members start before the file does (found by fuzzing): a LoadError, not an OSError."""
    book = office_book(tmp_path)
    target = tmp_path / "abgeschnitten.xlsx"
    target.write_bytes(book.read_bytes()[3000:])
    assert zipfile.is_zipfile(target)  # the directory at the end is whole
    assert the_problem(target).startswith("not a readable workbook (BadZipFile:")


def test_column_letters_and_numbers_are_inverse():
    """Every column of a sheet, A to XFD, has the letters whose number it is."""
    assert _workbook_zip._letters(1) == b"A"
    assert _workbook_zip._letters(28) == b"AB"
    assert _workbook_zip._letters(16_384) == b"XFD"
    for column in range(1, 16_385):
        assert _workbook_zip._column(_workbook_zip._letters(column)) == column
