"""Write the seed corpora of the fuzz targets from the shipped example data.

Usage: ``python fuzz/make_corpus.py`` (needs the extras ``excel``; rewrites
``fuzz/corpus/``). The seeds are small on purpose: a slice of Musterkreis of a few dozen
records in every format, the first rows of the example survey, the default rules, and
dates and schedules as the example and the documentation write them.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from targets import CSV_NAMES, SEPARATOR, small_network  # noqa: E402 (after the path)

from bildungsnetz import EducationNetwork, io, rules  # noqa: E402
from bildungsnetz.datasets import musterkreis, musterkreis_survey_path  # noqa: E402

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
