"""Hostile LibreOffice workbooks (``.ods``): cells that show an error, repeated rows and cells.

OpenDocument writes a run of equal rows or cells once, with ``table:number-rows-repeated``
and ``table:number-columns-repeated``, so a file of a kilobyte can declare a billion rows.
Empty runs cost nothing; a value past Excel's last row or column (which python-calamine
would drop without a word) and a block of values past 50 million cells (which would take
calamine gigabytes before it aborts the process) are refused, naming the sheet and row.
A cell whose formula shows an error is named at its cell, all of them at once. Each refusal
is one :class:`LoadError`; nothing partial comes back and the file is unchanged.

The files are written by hand as LibreOffice writes them (an error cell has
``calcext:value-type="error"`` and its text, ``office:string-value=""``); the parts
calamine does not read (styles, settings) are left out.
"""

from __future__ import annotations

import struct
import tracemalloc
import zipfile

import pytest

from bildungsnetz import io
from bildungsnetz.errors import LoadError
from bildungsnetz.io import _ods_tables, _shown_errors, _workbook_zip
from office_files import refusal

pytestmark = pytest.mark.requires_extra("excel")

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
PADDING = (  # how LibreOffice ends a sheet: empty runs to its last row and column
    '<table:table-row table:number-rows-repeated="1048570">'
    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
)


def text(value):
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def number(value):
    return (
        f'<table:table-cell office:value-type="float" office:value="{value}">'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def error(shown, *, calcext=True, repeated=1):
    """A formula cell showing ``shown``, as LibreOffice writes it (``calcext``) or older ones."""
    kind = ' calcext:value-type="error"' if calcext else ""
    runs = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    return (
        f'<table:table-cell table:formula="of:=1/0" office:value-type="string" '
        f'office:string-value=""{kind}{runs}><text:p>{shown}</text:p></table:table-cell>'
    )


def row(*cells, repeated=1):
    runs = f' table:number-rows-repeated="{repeated}"' if repeated > 1 else ""
    return f"<table:table-row{runs}>{''.join(cells)}</table:table-row>"


ACTORS = [
    row(*map(text, ["Kennung", "Name", "Art", "Schulform", "Schülerzahl"])),
    row(*map(text, ["gs-1", "Grundschule Am Markt", "Schule", "Grundschule"]), number(180)),
    row(*map(text, ["ja", "Jugendamt", "Jugendamt"])),
]
NETWORK = [row(text("Name")), row(text("Landkreis Beispiel"))]


def ods_book(folder, actors=(), *, name="kreis.ods", extra=None):
    """Write a workbook of the sheets Netzwerk and Akteure (rows added), and ``extra`` ones."""
    tables = {"Netzwerk": NETWORK, "Akteure": [*ACTORS, *actors], **(extra or {})}
    body = "".join(
        f'<table:table table:name="{title}">{"".join(rows)}</table:table>'
        for title, rows in tables.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} '
        f'office:version="1.3"><office:body><office:spreadsheet>{body}'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    path = folder / name
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED)
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def refused(path):
    """Return the problems of reading ``path``; nothing came back and the file is unchanged."""
    return refusal(path).problems


def peak_of(action):
    """Return what ``action`` returns and the most memory Python held while it ran."""
    tracemalloc.start()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


SMALL = 8 << 20  # a few MiB; a row at a time for a million rows would be hundreds


def test_the_hand_made_book_is_read(tmp_path):
    """The book as written, padded the way LibreOffice pads a sheet, is read."""
    network = io.read(ods_book(tmp_path, [PADDING]))
    assert network.actor("gs-1").school.pupils == 180
    assert [actor.id for actor in network.actors] == ["gs-1", "ja"]


# -- cells that show an error -------------------------------------------------------------------


def test_cells_that_show_an_error_are_named_all_at_once(tmp_path):
    """LibreOffice's error cells, its Err:502 and an older file's #N/A: each at its cell."""
    actors = [
        row(*map(text, ["kita-1", "Kita", "Kita", ""]), error("#DIV/0!")),
        row(*map(text, ["kita-2", "Kita 2", "Kita"]), error("Err:502"), error("#VALUE!")),
        row(*map(text, ["kita-3"]), error("#N/A", calcext=False), text("Kita")),
    ]
    problems = refused(ods_book(tmp_path, actors))
    shows = "the cell shows the error {0} instead of a value (value '{0}')"
    assert sorted((p.sheet, p.row, p.column, p.cell, p.message) for p in problems) == [
        ("Akteure", 4, "Schülerzahl", "Akteure!E4", shows.format("#DIV/0!")),
        ("Akteure", 5, "Schulform", "Akteure!D5", shows.format("Err:502")),
        ("Akteure", 5, "Schülerzahl", "Akteure!E5", shows.format("#VALUE!")),
        ("Akteure", 6, "Name", "Akteure!B6", shows.format("#N/A")),
    ]
    assert {p.file for p in problems} == {str(tmp_path / "kreis.ods")}


def test_repeated_error_cells_are_each_named(tmp_path):
    """An error cell repeated over two columns and two rows is four cells that show it."""
    repeated = row(*map(text, ["kita-1", "Kita", "Kita"]), error("#REF!", repeated=2), repeated=2)
    problems = refused(ods_book(tmp_path, [repeated]))
    assert sorted(p.cell for p in problems) == [
        "Akteure!D4",
        "Akteure!D5",
        "Akteure!E4",
        "Akteure!E5",
    ]


@pytest.mark.requires_extra  # the zip is followed before calamine is needed
@pytest.mark.parametrize("piece", [1, 7, 64])
def test_an_error_cell_cut_between_pieces_is_found(tmp_path, monkeypatch, piece):
    """However content.xml is cut while it inflates, each error cell is found once, whole."""
    actors = [row(text("kita-1"), error("#DIV/0!", repeated=2)), row(error("Err:502"))]
    path = ods_book(tmp_path, actors)
    expected = [
        _shown_errors.ErrorCells("Akteure", 4, 2, "#DIV/0!", columns=2),
        _shown_errors.ErrorCells("Akteure", 5, 1, "Err:502"),
    ]
    assert _workbook_zip.check_workbook_zip(path) == expected
    monkeypatch.setattr(_workbook_zip, "_PIECE", piece)
    assert _workbook_zip.check_workbook_zip(path) == expected


def test_a_formula_that_shows_text_is_read_as_it(tmp_path):
    """A formula whose text looks like no error is read as the text it shows."""
    formula = (
        '<table:table-cell table:formula="of:=&quot;Kita&quot;" office:value-type="string" '
        'office:string-value="Kita" calcext:value-type="string"><text:p>Kita</text:p>'
        "</table:table-cell>"
    )
    network = io.read(ods_book(tmp_path, [row(text("kita-1"), text("Sonne"), formula)]))
    assert network.actor("kita-1").kind == "daycare"


def test_an_error_outside_the_tables_is_not_read(tmp_path):
    """A sheet of the office's own and a cell beside a table without a header: read as before.

    Only what the layout reads is refused; a side calculation may show #N/A.
    """
    beside = row(*map(text, ["kita-1", "Kita", "Kita"]), "<table:table-cell/>" * 5, error("#N/A"))
    own = {"Nebenrechnung": [row(text("Summe"), error("#DIV/0!"))]}
    network = io.read(ods_book(tmp_path, [beside], extra=own))
    assert [actor.id for actor in network.actors] == ["gs-1", "ja", "kita-1"]


# -- a broken zip -------------------------------------------------------------------------------


def declaring_one_byte_less(path, member):
    """Make the zip of ``path`` declare ``member`` a byte shorter than it is, in both headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as book:
        offset = book.getinfo(member).header_offset
    # The central directory's entry: its signature, 42 bytes of fields, then the name.
    central = data.index(b"PK\x01\x02", offset)
    while data[central + 46 : central + 46 + len(member)] != member.encode():
        central = data.index(b"PK\x01\x02", central + 4)
    for size_at in (offset + 22, central + 24):  # local header, central directory
        (size,) = struct.unpack_from("<I", data, size_at)
        struct.pack_into("<I", data, size_at, size - 1)
    path.write_bytes(data)


def test_a_mimetype_longer_than_declared_is_no_readable_workbook(tmp_path):
    """calamine's OSError for it (found by fuzzing) is a LoadError naming the file."""
    path = ods_book(tmp_path)
    declaring_one_byte_less(path, "mimetype")
    [problem] = refused(path)
    assert problem.file == str(path)
    assert problem.message == (
        "not a readable workbook (OSError: File is larger than its declared uncompressed size)"
    )


def test_a_file_gone_before_calamine_reads_it_is_an_os_error(tmp_path, monkeypatch):
    """The system's errors stay OSErrors: the file removed after the checks, before calamine."""
    path = ods_book(tmp_path)

    def remove_it(source):
        source.unlink()
        return []

    monkeypatch.setattr("bildungsnetz.io.workbook.check_workbook_zip", remove_it)
    with pytest.raises(OSError, match=r"\(os error 2\)$") as caught:
        io.read_workbook(path)
    assert not isinstance(caught.value, LoadError)


# -- repeated rows and cells ---------------------------------------------------------------------


def test_a_billion_empty_rows_at_the_end_cost_nothing(tmp_path):
    """A kilobyte declaring 10**9 empty rows of 10**9 cells is read as the rows it holds."""
    empty = row('<table:table-cell table:number-columns-repeated="1000000000"/>', repeated=10**9)
    path = ods_book(tmp_path, [empty])
    assert path.stat().st_size < 1024
    network, peak = peak_of(lambda: io.read(path))
    assert [actor.id for actor in network.actors] == ["gs-1", "ja"]
    assert peak < SMALL


@pytest.mark.parametrize(
    ("rows", "message", "first"),
    [
        # A value after a billion empty rows: calamine would drop it without a word.
        (
            [row("<table:table-cell/>", repeated=10**9), row(text("kita-1"))],
            "refused: a value past the last row a sheet may have (1,048,576)",
            10**9 + 4,
        ),
        # A row of values repeated past the last row.
        (
            [row(text("kita-1"), repeated=2_000_000)],
            "refused: a value past the last row a sheet may have (1,048,576)",
            1_048_577,
        ),
        # A value past column XFD.
        (
            [row('<table:table-cell table:number-columns-repeated="16384"/>', text("x"))],
            "refused: a value in column 16,385, past the last a sheet may have (16,384)",
            4,
        ),
        # 60 million cells of values, which calamine would lay out in gigabytes.
        (
            [row('<table:table-cell table:number-columns-repeated="1000" office:value-type='
                 '"string"><text:p>x</text:p></table:table-cell>', repeated=60_000)],
            "refused: the sheet spans 60,003 rows and 1,000 columns, more than 50,000,000 cells",
            4,
        ),
    ],
    ids=["after-a-billion-empty-rows", "rows-past-the-last", "past-xfd", "a-block-of-values"],
)  # fmt: skip
def test_a_sheet_past_the_bounds_is_refused_by_sheet_and_row(tmp_path, rows, message, first):
    """A kilobyte that reaches too far is one problem naming the sheet and row, found cheaply."""
    path = ods_book(tmp_path, rows)
    assert path.stat().st_size < 1024
    problems, peak = peak_of(lambda: refused(path))
    [problem] = problems
    assert (problem.file, problem.sheet, problem.row) == (str(path), "Akteure", first)
    assert problem.message == f"{message}; delete what stands far outside the tables"
    assert peak < SMALL


def test_a_row_of_values_repeated_past_what_the_file_holds_is_refused(tmp_path):
    """Two million cells of values from a kilobyte (found by fuzzing): refused, cheaply.

    Within the bound of 50 million cells, calamine and Python would still take hundreds of
    megabytes for it (gigabytes at ten million cells); a sheet may span a million cells
    more than its content.xml has bytes, no more.
    """
    values = (
        '<table:table-cell table:number-columns-repeated="100" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell>"
    )
    path = ods_book(tmp_path, [row(values, repeated=20_000)])
    assert path.stat().st_size < 1024
    problems, peak = peak_of(lambda: refused(path))
    [problem] = problems
    assert (problem.file, problem.sheet, problem.row) == (str(path), "Akteure", 4)
    start = (
        "refused: repeated rows or cells of values make the sheet span 20,003 rows and 100 "
        "columns, more cells than its "
    )
    assert problem.message.startswith(start)
    read = int(problem.message[len(start) :].split(" bytes can hold")[0].replace(",", ""))
    assert _ods_tables.FREE_CELLS + read < 20_003 * 100
    with zipfile.ZipFile(path) as book:
        assert read < len(book.read("content.xml"))
    assert peak < SMALL


@pytest.mark.requires_extra  # the zip is followed before calamine is needed
def test_a_million_cells_of_values_from_a_kilobyte_pass_the_bounds(tmp_path):
    """A million cells (200,000 rows of 5 columns) are what a sheet may span freely."""
    values = (
        '<table:table-cell table:number-columns-repeated="4" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell>"
    )
    filler = row(values, repeated=_ods_tables.FREE_CELLS // 5 - 3)
    assert _workbook_zip.check_workbook_zip(ods_book(tmp_path, [filler])) == []


@pytest.mark.requires_extra  # constants only
def test_the_bounds_are_those_of_excel():
    """1,048,576 rows and 16,384 columns (XFD), as a sheet of Excel or LibreOffice has."""
    assert (_ods_tables.MAX_ROWS, _ods_tables.MAX_COLUMNS) == (1_048_576, 16_384)
