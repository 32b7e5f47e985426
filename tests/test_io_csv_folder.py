"""CSV folders as German Excel writes them: separators, encodings, names, formulas kept as text."""

import csv
import io as text_io

import pytest

from bildungsnetz import Actor, EducationNetwork, Location, SchoolProfile, io
from office_files import fingerprint, load_error, located

ACTORS = (
    "Kennung;Name;Art;Gemeinde\n"
    "traeger;Träger Jugendhilfe e. V.;Freier Träger der Jugendhilfe;01001000\n"
    "kita-1;Kita Sonnenschein;Kita;\n"
)
FLOWS = "von;nach;Schuljahr;Anzahl;Übergang\nkita-1;gs-1;2024/25;14;Kita → Grundschule\n"
SCHOOL = "gs-1;Grundschule Am Markt;Schule;15084275;Grundschule\n"

EXPECTED = EducationNetwork(
    name="kreis",
    actors=[
        Actor(
            id="traeger",
            name="Träger Jugendhilfe e. V.",
            kind="youth_welfare_provider",
            municipality="01001000",
        ),
        Actor(id="kita-1", name="Kita Sonnenschein", kind="daycare"),
    ],
)


def folder_of(tmp_path, files):
    """Write ``files`` (name -> bytes) into the folder ``kreis`` and return it."""
    folder = tmp_path / "kreis"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


# -- separators and encodings ----------------------------------------------------------------------


@pytest.mark.parametrize("separator", [";", ",", "\t"], ids=["semicolon", "comma", "tab"])
def test_the_separator_is_detected(tmp_path, separator):
    """';' as German Excel writes, ',' and a tab all give the same network."""
    data = ACTORS.replace(";", separator).encode("utf-8")
    assert io.read_csv_folder(folder_of(tmp_path, {"akteure.csv": data})) == EXPECTED


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_the_encoding_is_detected(tmp_path, encoding):
    """UTF-8 with or without byte order mark and Windows-1252 read 'Träger' alike."""
    data = ACTORS.encode(encoding)
    assert io.read_csv_folder(folder_of(tmp_path, {"akteure.csv": data})) == EXPECTED


def test_windows_1252_chosen_outright_is_read(tmp_path):
    """encoding='cp1252' reads what German Excel saved as 'CSV'."""
    folder = folder_of(tmp_path, {"akteure.csv": ACTORS.encode("cp1252")})
    assert io.read_csv_folder(folder, encoding="cp1252") == EXPECTED


def test_utf8_chosen_for_windows_1252_bytes_is_refused(tmp_path):
    """encoding='utf-8' for a Windows-1252 file names the byte that does not fit."""
    folder = folder_of(tmp_path, {"akteure.csv": ACTORS.encode("cp1252")})
    error = load_error(folder, lambda path: io.read_csv_folder(path, encoding="utf-8"))
    byte = ACTORS.encode("cp1252").index(b"\xe4")  # the ä of Träger
    expected = [
        (str(folder / "akteure.csv"), f"not utf-8 text: byte {byte} cannot be read as utf-8")
    ]
    assert [(p.file, p.message) for p in error.problems] == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            ACTORS.encode("cp1252") + b"\x81\n",
            f"neither UTF-8 nor Windows-1252 text (byte {len(ACTORS.encode('cp1252'))}); "
            "save the file as 'CSV UTF-8' or pass encoding=",
        ),
        (
            ACTORS.encode("utf-16"),
            "neither UTF-8 nor printable Windows-1252 text; save it as 'CSV UTF-8'",
        ),
    ],
    ids=["undefined-byte", "utf-16"],
)
def test_an_encoding_that_fits_neither_is_refused(tmp_path, data, message):
    """Bytes Windows-1252 lacks, or UTF-16 with its zero bytes, are never guessed."""
    folder = folder_of(tmp_path, {"akteure.csv": data})
    error = load_error(folder)
    assert [(p.file, p.message) for p in error.problems] == [(str(folder / "akteure.csv"), message)]


# -- file names ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Übergänge.csv", "uebergaenge.csv", "flows.csv", "ÜBERGÄNGE.CSV"])
def test_the_flows_file_is_recognised_by_any_of_its_names(tmp_path, name):
    """German with umlauts, German spelled out and English name the flows file."""
    actors = ACTORS.replace("Gemeinde\n", "Gemeinde;Schulform\n") + SCHOOL
    files = {"akteure.csv": actors.encode("utf-8"), name: FLOWS.encode("utf-8")}
    network = io.read_csv_folder(folder_of(tmp_path, files))
    assert [(flow.source, flow.target, flow.pupils) for flow in network.flows] == [
        ("kita-1", "gs-1", 14)
    ]


def test_an_unrelated_file_is_ignored(tmp_path):
    """notizen.csv, even in no encoding at all, is not read."""
    files = {"akteure.csv": ACTORS.encode("utf-8"), "notizen.csv": b"\xff\xfe\x00kaputt"}
    assert io.read_csv_folder(folder_of(tmp_path, files)) == EXPECTED


def test_a_folder_without_a_file_of_the_layout_is_refused(tmp_path):
    """A folder holding only other files does not load as an empty network."""
    folder = folder_of(tmp_path, {"notizen.csv": b"Kennung;Name\n"})
    expected = (
        "no sheet of a network: found 'notizen'; expected sheets named Netzwerk, Akteure, "
        "Kennungen, "
        "Kooperationen, Gremien, Gremienmitglieder, Übergänge, Maßnahmen, Förderprogramme "
        "(or their English names)"
    )
    assert [(p.file, p.message) for p in load_error(folder).problems] == [(str(folder), expected)]


def test_a_misnamed_sheet_file_is_named_not_skipped(tmp_path):
    """'uebergang.csv' beside 'akteure.csv' would lose every flow without a word."""
    files = {"akteure.csv": ACTORS.encode(), "uebergang.csv": FLOWS.encode()}
    folder = folder_of(tmp_path, files)
    [problem] = load_error(folder).problems
    assert (problem.file, problem.sheet) == (str(folder / "uebergang.csv"), "uebergang")
    assert problem.message.startswith("sheet 'uebergang' is not read: did you mean 'Übergänge'?")


def test_a_missing_folder_raises_file_not_found(tmp_path):
    """A folder that does not exist raises FileNotFoundError, an OSError."""
    with pytest.raises(FileNotFoundError):
        io.read_csv_folder(tmp_path / "fehlt")


# -- cells -----------------------------------------------------------------------------------------


def test_a_bad_cell_is_named_as_excel_names_it(tmp_path):
    """A typo in row 3 of akteure.csv is named akteure!C3 with its value."""
    folder = folder_of(tmp_path, {"akteure.csv": ACTORS.replace(";Kita;", ";Kitta;").encode()})
    expected = "unknown value 'Kitta'; did you mean 'Kita'? (value 'Kitta')"
    assert located(load_error(folder)) == [("akteure!C3", expected)]


def test_an_unknown_actor_in_a_flow_is_named_at_its_cell(tmp_path):
    """A flow to an actor no row defines is named in its file at its cell."""
    files = {"akteure.csv": ACTORS.encode(), "Übergänge.csv": FLOWS.encode()}
    folder = folder_of(tmp_path, files)
    problems = [(p.file, p.cell, p.message) for p in load_error(folder).problems]
    assert problems == [(str(folder / "Übergänge.csv"), "Übergänge!B2", "unknown actor 'gs-1'")]


def test_reading_never_touches_the_files(tmp_path):
    """A failed reading leaves every file of the folder as it was."""
    folder = folder_of(tmp_path, {"akteure.csv": ACTORS.replace(";Kita;", ";Kitta;").encode()})
    before = fingerprint(folder / "akteure.csv")
    load_error(folder)
    assert fingerprint(folder / "akteure.csv") == before


def test_german_numbers_and_dates_are_written_and_read(tmp_path):
    """Written in German, a share has a decimal comma and a day reads 31.07.2028."""
    network = EducationNetwork(
        name="kreis",
        actors=[
            Actor(
                id="gs-1",
                name="GS",
                kind="school",
                school=SchoolProfile(form="grundschule", absence_rate=0.045),
                active={"end": "2028-08-01"},
            )
        ],
    )
    io.write_csv_folder(network, tmp_path / "kreis", lang="de")
    text = (tmp_path / "kreis" / "akteure.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text_io.StringIO(text), delimiter=";"))
    assert (rows[0]["Fehlquote"], rows[0]["gültig bis"]) == ("0,045", "31.07.2028")


# -- formulas stay text ----------------------------------------------------------------------------

RISKY = ['=HYPERLINK("https://example.org";"Klick")', "+49 30 1234567", "-", "@x", "'quoted"]


def risky_network():
    actors = [
        Actor(id=f"a{i}", name=text, kind="daycare", description=text)
        for i, text in enumerate(RISKY)
    ]
    actors.append(
        Actor(id="w", name="\t=1+1", kind="daycare", location=Location(lat=51.2, lon=-3.5))
    )
    return EducationNetwork(name="kreis", actors=actors)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_texts_like_formulas_come_back_exactly(tmp_path, lang):
    """=, +, -, @ and an apostrophe in front come back from a CSV folder as typed."""
    io.write_csv_folder(risky_network(), tmp_path / "kreis", lang=lang)
    assert io.read_csv_folder(tmp_path / "kreis") == risky_network()


def written_rows(tmp_path):
    io.write_csv_folder(risky_network(), tmp_path / "kreis", lang="en")
    text = (tmp_path / "kreis" / "actors.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text_io.StringIO(text)))


def test_texts_like_formulas_are_written_behind_an_apostrophe(tmp_path):
    """Each such text starts its cell in the file with an apostrophe."""
    descriptions = [row["description"] for row in written_rows(tmp_path)][: len(RISKY)]
    assert descriptions == [f"'{text}" for text in RISKY]


def test_numbers_are_written_without_an_apostrophe(tmp_path):
    """A negative longitude is a plain number in the file."""
    assert written_rows(tmp_path)[-1]["lon"] == "-3.5"


# -- writing over a folder -------------------------------------------------------------------------


def test_writing_in_english_over_a_german_folder_replaces_its_files(tmp_path):
    """The folder holds one file per sheet afterwards, and reads back."""
    io.write_csv_folder(EXPECTED, tmp_path / "kreis", lang="de")
    io.write_csv_folder(EXPECTED, tmp_path / "kreis", lang="en")
    assert io.read_csv_folder(tmp_path / "kreis") == EXPECTED


def test_writing_over_a_folder_keeps_other_files(tmp_path):
    """Files that are no sheet of the layout stay where they are."""
    folder = folder_of(tmp_path, {"notizen.csv": b"Notiz\n", "akteure.csv": ACTORS.encode()})
    io.write_csv_folder(EXPECTED, folder, lang="en")
    assert (folder / "notizen.csv").read_bytes() == b"Notiz\n"


def test_a_load_error_is_a_value_error(tmp_path):
    """Callers that catch ValueError catch a broken CSV folder too."""
    folder = folder_of(tmp_path, {"akteure.csv": ACTORS.replace(";Kita;", ";Kitta;").encode()})
    with pytest.raises(ValueError, match="akteure!C3"):
        io.read_csv_folder(folder)
