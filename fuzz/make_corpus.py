"""Write the seed corpora of the fuzz targets from the shipped example data.

Usage: ``python fuzz/make_corpus.py`` (needs the extras ``excel``; rewrites
``fuzz/corpus/``). The seeds are small on purpose: a slice of Musterkreis of a few dozen
records in every format (the workbook as ``.xlsx`` and, as LibreOffice writes it, ``.ods``),
the first rows of the example survey, the default rules, and dates and schedules as the
example and the documentation write them.
"""

from __future__ import annotations

import sys
import tempfile
import zipfile
from datetime import date, datetime
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from targets import CSV_NAMES, SEPARATOR, small_network  # noqa: E402 (after the path)

from bildungsnetz import EducationNetwork, io, rules  # noqa: E402
from bildungsnetz.datasets import musterkreis, musterkreis_survey_path  # noqa: E402
from bildungsnetz.io.tables import to_grids  # noqa: E402

if TYPE_CHECKING:
    from bildungsnetz.io.cells import CellValue

DATES = [
    "2025-11-01",
    "01.11.2025",
    "1.8.2028",
    "5. März 2024",
    "Di, 5. Mrz. 2024",
    "31.07.2028",
    "1095",
    "29.02.2024",
]
SCHEDULES = [
    "FREQ=MONTHLY;BYDAY=2WE",
    "FREQ=WEEKLY;BYDAY=TH",
    "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE",
    "FREQ=MONTHLY;BYDAY=-1FR|2019-09-11T15:00:00+02:00[Europe/Berlin]",
    "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15;UNTIL=20300101T000000Z",
    "FREQ=DAILY;COUNT=10|2024-03-31T02:30:00+02:00[Europe/Berlin]",
]


def tiny() -> EducationNetwork:
    """Return a slice of Musterkreis with every kind of record, a few of each."""
    network = musterkreis()
    forum = network.forums[0]
    flows = network.flows[:4]
    intervention = network.interventions[0]
    ids = {forum.convenor, *sorted(forum.members)[:3]}
    ids |= {flow.source for flow in flows} | {flow.target for flow in flows}
    ids |= set(sorted(intervention.providers)[:1]) | set(sorted(intervention.sites)[:2])
    ids |= {a for tie in network.cooperations[:8] for a in tie.actors}
    while parents := {a.part_of for a in network.actors if a.id in ids} - ids - {None}:
        ids |= parents
    return EducationNetwork(
        name=network.name,
        region=network.region,
        reference_date=network.reference_date,
        actors=[a for a in network.actors if a.id in ids],
        cooperations=[t for t in network.cooperations if set(t.actors) <= ids][:12],
        forums=[forum.model_copy(update={"members": forum.members & ids})],
        flows=flows,
        interventions=[
            intervention.model_copy(
                update={
                    "providers": intervention.providers & ids,
                    "sites": intervention.sites & ids,
                }
            )
        ],
        programmes=network.programmes,
    )


# -- OpenDocument spreadsheets -------------------------------------------------------------
# The library writes no .ods, so the seeds of the ods target are written here the way
# LibreOffice writes them (tests/reliability/test_hostile_ods.py does the same by hand):
# a zip of mimetype (first, stored), content.xml and META-INF/manifest.xml.

ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
)
ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_TYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)
# How LibreOffice ends a sheet: empty runs to its last row and column.
ODS_PADDING = (
    '<table:table-row table:number-rows-repeated="1048560">'
    '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
)
# A formula that failed, as LibreOffice writes it (calamine reads it as an empty cell).
ODS_ERROR = (
    '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
    'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
    "</table:table-cell>"
)


def ods_cell(value: CellValue, *, repeated: int = 1) -> str:
    """Return one cell of content.xml holding ``value``, typed as LibreOffice types it."""
    runs = f' table:number-columns-repeated="{repeated}"' if repeated > 1 else ""
    if value is None:
        return f"<table:table-cell{runs}/>"
    if isinstance(value, bool):
        kind = f'office:value-type="boolean" office:boolean-value="{str(value).lower()}"'
    elif isinstance(value, int | float):
        kind = f'office:value-type="float" office:value="{value!r}"'
    elif isinstance(value, datetime):
        kind = f'office:value-type="date" office:date-value="{value:%Y-%m-%dT%H:%M:%S}"'
    elif isinstance(value, date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
    else:
        kind = 'office:value-type="string"'
    shown = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f"<table:table-cell {kind}{runs}>{shown}</table:table-cell>"


def ods_row(values: list[CellValue], *, runs: bool = False, extra: str = "") -> str:
    """Return one row; with ``runs``, equal neighbouring cells as one repeated cell."""
    if runs:
        cells = [
            ods_cell(value, repeated=len(list(group)))
            for (_, value), group in groupby(values, key=lambda value: (type(value), value))
        ]
    else:
        cells = [ods_cell(value) for value in values]
    return f"<table:table-row>{''.join(cells)}{extra}</table:table-row>"


def ods_book(tables: dict[str, list[str]], *, packed: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Return the bytes of an .ods file of the named tables, each a list of rows."""
    body = "".join(
        f"<table:table table:name={quoteattr(name)}>{''.join(rows)}</table:table>"
        for name, rows in tables.items()
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} '
        f'office:version="1.3"><office:body><office:spreadsheet>{body}'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with tempfile.SpooledTemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w") as book:
            # A fixed time stamp: the same network gives the same seed.
            for name, text, method in [
                ("mimetype", ODS_TYPE, zipfile.ZIP_STORED),
                ("META-INF/manifest.xml", ODS_MANIFEST, zipfile.ZIP_DEFLATED),
                ("content.xml", content, packed),
            ]:
                member = zipfile.ZipInfo(name, date_time=(2025, 11, 1, 0, 0, 0))
                member.compress_type = method
                book.writestr(member, text)
        buffer.seek(0)
        return buffer.read()


def ods_seeds(network: EducationNetwork) -> dict[str, bytes]:
    """Return the .ods seeds: the slice as written, with runs and padding, with errors."""
    english = to_grids(network, lang="en")
    german = to_grids(network, lang="de")
    plain = {
        sheet.name: [ods_row(list(sheet.headers)), *(ods_row(row) for row in sheet.rows)]
        for sheet in english.values()
    }
    # As LibreOffice saves: equal neighbouring cells as one repeated cell, every sheet
    # padded with empty rows to the last row and column.
    repeated = {
        sheet.name: [
            ods_row(list(sheet.headers), runs=True),
            *(ods_row(row, runs=True) for row in sheet.rows),
            ODS_PADDING,
        ]
        for sheet in german.values()
    }
    # Errors where the layout reads nothing: beside the actors' table, past two empty
    # columns, and on a sheet of the office's own. They are read as the target reads them.
    errors = dict(plain)
    actors = english["actors"]
    width = len(actors.headers)
    beside = [*actors.rows[0], *[None] * (width - len(actors.rows[0]) + 2)]
    errors[actors.name] = [
        plain[actors.name][0],
        ods_row(beside, extra=ODS_ERROR),
        *plain[actors.name][2:],
    ]
    errors["Nebenrechnung"] = [ods_row(["Summe"], extra=ODS_ERROR)]
    return {
        "slice.ods": ods_book(plain),
        "slice-repeated.ods": ods_book(repeated),
        "slice-errors.ods": ods_book(errors),
        "actors-stored.ods": ods_book(few_actors(network), packed=zipfile.ZIP_STORED),
    }


def few_actors(network: EducationNetwork) -> dict[str, list[str]]:
    """Return the sheets of a few actors, repeats and an error cell, for a stored content.xml.

    Deflated, a change of one byte garbles everything after it; stored, the fuzzer's
    changes reach the XML itself, and the walk through its rows and cells (which runs
    before calamine checks the member's checksum).
    """
    few = [actor for actor in network.actors if actor.part_of is None and not actor.funding]
    grids = to_grids(
        network.replace(
            actors=few[:2], cooperations=[], forums=[], flows=[], interventions=[], programmes=[]
        ),
        lang="de",
    )
    actors = grids["actors"]
    first, *others = actors.rows
    return {
        grids["network"].name: [
            ods_row(grids["network"].headers),
            ods_row(grids["network"].rows[0]),
        ],
        actors.name: [
            ods_row(actors.headers, runs=True),
            ods_row(first, runs=True, extra=ODS_ERROR),  # beside the table: not read
            *(ods_row(row, runs=True) for row in others),
            ODS_PADDING,
        ],
    }


def write(target: str, name: str, data: bytes) -> None:
    """Write one seed."""
    folder = HERE / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main() -> None:
    """Write every seed."""
    network = tiny()
    document = io.dumps(network).encode()
    for target in ("json", "json_file", "report"):
        write(target, "slice.json", document)
        write(target, "empty.json", io.dumps(EducationNetwork(name="leer")).encode())
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        io.write_workbook(network, folder / "slice.xlsx")
        write("workbook", "slice.xlsx", (folder / "slice.xlsx").read_bytes())
        for name, data in ods_seeds(network).items():
            write("ods", name, data)
        io.write_graphml(network, folder / "slice.graphml")
        write("graphml", "slice.graphml", (folder / "slice.graphml").read_bytes())
        for lang in ("de", "en"):
            io.write_csv_folder(network, folder / lang, lang=lang)
            parts = [
                bytes([CSV_NAMES.index(file.name)]) + file.read_bytes()
                for file in sorted((folder / lang).iterdir())
            ]
            write("csv_folder", f"slice-{lang}", SEPARATOR.join(parts))
    survey = musterkreis_survey_path().read_bytes().splitlines(keepends=True)
    write("survey", "musterkreis-head.csv", b"".join(survey[:12]))
    assert small_network().actors  # the survey target's network builds
    write("rules", "default.json", rules.default_rules().to_json().encode())
    for number, text in enumerate(DATES):
        write("dates", f"date-{number}", text.encode())
    for number, text in enumerate(SCHEDULES):
        write("schedule", f"rule-{number}", text.encode())


if __name__ == "__main__":
    main()
