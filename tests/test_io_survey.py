"""Partner surveys read into cooperations: the shipped example, the files, the errors."""

import csv
import random
from dataclasses import replace
from datetime import date, datetime

import pytest

from bildungsnetz import Actor, EducationNetwork, find_gaps
from bildungsnetz.datasets import musterkreis_survey_path
from bildungsnetz.errors import LoadError, UnknownActorError
from bildungsnetz.io import SurveyMapping, read_survey

HEADER = [
    "Antwort ID",
    "Ihre Einrichtung",
    "Partnereinrichtung",
    "Art der Zusammenarbeit",
    "Intensität",
    "Häufigkeit",
    "Zusammenarbeit seit",
]
TYPO = "Erziehungs- und Familienberatungstelle Lindenau"


def write_survey(path, rows, *, separator=";", encoding="utf-8-sig"):
    """Write rows below the default header as a survey export; return the path."""
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=separator)
        writer.writerow(HEADER)
        writer.writerows([str(number), *row] for number, row in enumerate(rows, start=1))
    return path


@pytest.fixture
def services():
    """An office and three services of a small district, none tied yet."""
    return EducationNetwork(
        name="Klein",
        actors=[
            Actor(id="ja", name="Jugendamt Kleinkreis", kind="youth_welfare_office"),
            Actor(id="eb", name="Erziehungsberatung Kleinkreis", kind="youth_welfare_provider"),
            Actor(id="jh", name="Brücke Jugendhilfe gGmbH", kind="youth_welfare_provider"),
            Actor(id="mig", name="Migrationsdienst Kleinkreis", kind="migration_service"),
        ],
    )


# -- the shipped example -------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(musterkreis_network):
    """The shipped survey, read against Musterkreis."""
    return read_survey(musterkreis_survey_path(), musterkreis_network)


def test_example_gives_confirmed_and_one_sided_ties(example):
    """10 pairs named each other, 21 were named by one side (counted by hand from the file)."""
    assert (len(example.confirmed), len(example.one_sided)) == (10, 21)


def test_example_names_a_typo_for_review_and_two_unknowns(example):
    """Two misspelt partners await review; two organisations are no actors of Musterkreis."""
    review = [(item.name, [c.actor for c in item.candidates]) for item in example.review]
    unknown = [(item.name, item.role, item.rows) for item in example.unknown]
    assert review == [(TYPO, ["eb"]), ("Kita Sonenschein Lindenau", ["kita-sonnenschein-lindenau"])]
    assert unknown == [
        ("Jugendhilfeverbund Lindenau e. V.", "partner", (20,)),
        ("Sprachcafé Lindenau", "partner", (28,)),
    ]


def test_example_reports_the_services_that_did_not_answer(example):
    """14 of the 18 services answered, one of them naming no partner."""
    assert len(example.respondents) == 14
    assert "jh-regenbogen" in example.respondents
    assert example.non_respondents == ("brafo", "jh-weitblick", "kjp", "mia")


def test_example_matches_another_legal_form_capitals_and_an_id(example):
    """Names written differently from the network are matched, each stage shown."""
    loose = {match.name: (match.actor, match.stage) for match in example.matches}
    assert loose["Brücke Jugendhilfe GmbH"] == ("jh-bruecke", "normalised")
    assert loose["Kompass - Verein für Jugendsozialarbeit"] == ("jh-kompass", "normalised")
    assert loose["KITA REGENBOGEN LINDENAU"] == ("kita-regenbogen-lindenau", "normalised")
    assert loose["kita-pusteblume-lindenau"] == ("kita-pusteblume-lindenau", "id")


def test_example_reports_each_kind_of_differing_answer(example):
    """The four pairs that answered differently, one per question."""
    assert [(c.actors, c.question) for c in example.conflicts] == [
        (("ffs", "ga"), "since"),
        (("ja", "jh-bruecke"), "intensity"),
        (("ja", "jh-kompass"), "frequency"),
        (("jba", "jh-kompass"), "kind"),
    ]


def test_accepting_the_typo_confirms_the_tie_it_named(musterkreis_network):
    """Once a person accepts the misspelt name, the tie both sides named is confirmed."""
    result = read_survey(musterkreis_survey_path(), musterkreis_network, accept={TYPO: "eb"})
    tie = next(tie for tie in result.cooperations if tie.actors == ("eb", "ja"))
    assert (tie.confirmed, len(result.confirmed), len(result.review)) == (True, 11, 1)


def test_applied_example_is_a_valid_network_the_gap_finder_reads(example, musterkreis_network):
    """apply() adds the 31 ties; find_gaps runs and sees the one-sided ones as unconfirmed."""
    network = example.apply(musterkreis_network)
    report = find_gaps(network)
    assert len(network.cooperations) - len(musterkreis_network.cooperations) == 31
    assert len(report) > 0


def test_shuffled_rows_give_the_same_result(example, musterkreis_network, tmp_path):
    """The result does not depend on the order of the rows, only the row numbers do."""
    lines = musterkreis_survey_path().read_text(encoding="utf-8-sig").splitlines(keepends=True)
    body = lines[1:]
    random.Random(7).shuffle(body)
    shuffled = tmp_path / "gemischt.csv"
    shuffled.write_text("".join([lines[0], *body]), encoding="utf-8-sig")
    again = read_survey(shuffled, musterkreis_network)
    assert again.cooperations == example.cooperations
    assert again.non_respondents == example.non_respondents
    assert [i.name for i in again.review + again.unknown] == [
        i.name for i in example.review + example.unknown
    ]
    assert [replace(c, rows=()) for c in again.conflicts] == [
        replace(c, rows=()) for c in example.conflicts
    ]


def test_markdown_lists_what_a_person_should_check(example):
    """The summary counts, names the review with its accept= hint and the non-respondents."""
    text = example.to_markdown()
    assert "| Kooperationen, von beiden Seiten genannt | 10 |" in text
    assert f'accept={{"{TYPO}": "eb"}}' in text
    assert "- Weitblick Soziale Dienste gGmbH (`jh-weitblick`)" in text
    assert "## Unknown names" in example.to_markdown("en")


# -- files ---------------------------------------------------------------------------------


def test_both_sides_confirm_one_side_does_not(services, tmp_path):
    """A tie named by both sides is confirmed; one named by one side only is not."""
    path = write_survey(
        tmp_path / "befragung.csv",
        [
            ["Jugendamt Kleinkreis", "Erziehungsberatung Kleinkreis", "Fallarbeit", "", "", ""],
            ["Erziehungsberatung Kleinkreis", "Jugendamt Kleinkreis", "Fallarbeit", "", "", ""],
            ["Jugendamt Kleinkreis", "Migrationsdienst Kleinkreis", "Beratung", "", "", ""],
        ],
    )
    result = read_survey(path, services)
    assert [(tie.id, tie.confirmed) for tie in result.cooperations] == [
        ("befragung-eb-ja", True),
        ("befragung-ja-mig", False),
    ]


def test_differing_answers_keep_the_first_kind_the_stronger_intensity_the_earlier_day(
    services, tmp_path
):
    """Conflicts are decided in a stated order, and both frequencies go to the description."""
    path = write_survey(
        tmp_path / "befragung.csv",
        [
            ["ja", "eb", "Informationsaustausch", "Koordination", "monatlich", "01.08.2020"],
            ["eb", "ja", "Fallarbeit", "Kenntnis", "wöchentlich", "2019-09-01 00:00:00"],
        ],
    )
    result = read_survey(path, services)
    (tie,) = result.cooperations
    assert (tie.kind, tie.intensity, tie.period.start) == (
        "case_work",
        "coordination",
        date(2019, 9, 1),
    )
    assert tie.description.endswith(
        "Häufigkeit laut Befragung: wöchentlich (Erziehungsberatung Kleinkreis); "
        "monatlich (Jugendamt Kleinkreis)."
    )
    assert [c.question for c in result.conflicts] == ["frequency", "intensity", "kind", "since"]


def test_empty_answers_give_a_tie_of_other_kind_without_a_start(services, tmp_path):
    """A partner named without further answers is 'Sonstige Zusammenarbeit', open-ended."""
    path = write_survey(tmp_path / "befragung.csv", [["ja", "mig", "", "", "", ""]])
    (tie,) = read_survey(path, services).cooperations
    assert (tie.kind, tie.intensity, tie.period.start) == ("other", None, None)


def test_a_row_without_partner_counts_as_an_answer(services, tmp_path):
    """A respondent who named nobody answered all the same."""
    path = write_survey(tmp_path / "befragung.csv", [["mig", "", "", "", "", ""]])
    result = read_survey(path, services)
    assert (result.respondents, result.cooperations) == (("mig",), ())
    assert result.non_respondents == ()


def test_sent_to_chooses_who_counts_as_not_answering(services, tmp_path):
    """Actor ids or a test on actors say whom the survey went to."""
    path = write_survey(tmp_path / "befragung.csv", [["jh", "ja", "", "", "", ""]])
    assert read_survey(path, services).non_respondents == ("eb",)
    by_ids = read_survey(path, services, sent_to=["ja", "jh", "mig"])
    by_test = read_survey(path, services, sent_to=lambda actor: actor.id != "jh")
    assert (by_ids.non_respondents, by_test.non_respondents) == (("ja", "mig"), ("eb", "ja", "mig"))
    with pytest.raises(UnknownActorError):
        read_survey(path, services, sent_to=["gibt-es-nicht"])


def test_windows_1252_with_commas_reads_as_well(services, tmp_path):
    """German Excel's "CSV" (Windows-1252) with , as separator is detected."""
    path = write_survey(
        tmp_path / "befragung.csv",
        [["Brücke Jugendhilfe gGmbH", "ja", "Fallarbeit", "Kooperation", "", ""]],
        separator=",",
        encoding="cp1252",
    )
    assert [tie.actors for tie in read_survey(path, services).cooperations] == [("ja", "jh")]


@pytest.mark.requires_module("openpyxl")
def test_a_workbook_reads_like_its_csv(services, tmp_path):
    """The first sheet of a workbook, date cells included, gives the same ties."""
    import openpyxl

    rows = [["1", "ja", "eb", "Fallarbeit", "Kooperation", "monatlich", datetime(2019, 9, 1)]]
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "befragung.xlsx")
    text_rows = [[*row[1:6], "01.09.2019"] for row in rows]
    from_csv = read_survey(write_survey(tmp_path / "befragung.csv", text_rows), services)
    from_workbook = read_survey(tmp_path / "befragung.xlsx", services)
    assert from_workbook.cooperations == from_csv.cooperations


def test_other_headers_are_read_through_a_mapping(services, tmp_path):
    """A survey with other questions names its columns; unasked questions are None."""
    path = tmp_path / "andere.csv"
    path.write_text("Einrichtung;Partner;Art\nja;eb;Fallarbeit\n", encoding="utf-8")
    mapping = SurveyMapping(
        respondent="Einrichtung",
        partner="Partner",
        kind="Art",
        intensity=None,
        frequency=None,
        since=None,
    )
    assert [tie.kind for tie in read_survey(path, services, mapping=mapping).cooperations] == [
        "case_work"
    ]


@pytest.mark.requires_module("openpyxl")
def test_a_microsoft_forms_export_is_read_through_a_mapping(services, tmp_path):
    """Forms' own columns (ID, Startzeit, E-Mail, ...) are skipped; its date cells read."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(
        ["ID", "Startzeit", "Fertigstellungszeit", "E-Mail", "Name", "Ihre Einrichtung",
         "Mit wem arbeiten Sie zusammen?", "Art der Zusammenarbeit", "Seit wann?"]
    )  # fmt: skip
    submitted = datetime(2025, 10, 2, 9, 14, 31)
    sheet.append(
        [1, submitted, submitted, "anonymous", None, "Jugendamt Kleinkreis",
         "Erziehungsberatung Kleinkreis", "Fallarbeit", datetime(2019, 9, 1)]
    )  # fmt: skip
    sheet.append(
        [2, submitted, submitted, "anonymous", None, "Erziehungsberatung Kleinkreis",
         "Jugendamt Kleinkreis", "Fallarbeit", "01.09.2019"]
    )  # fmt: skip
    workbook.save(tmp_path / "Partnerbefragung(1-2).xlsx")
    mapping = SurveyMapping(
        respondent="Ihre Einrichtung",
        partner="Mit wem arbeiten Sie zusammen?",
        kind="Art der Zusammenarbeit",
        intensity=None,
        frequency=None,
        since="Seit wann?",
    )
    result = read_survey(tmp_path / "Partnerbefragung(1-2).xlsx", services, mapping=mapping)
    [tie] = result.cooperations
    assert (tie.actors, tie.kind, tie.period.start) == (("eb", "ja"), "case_work", date(2019, 9, 1))
    assert [tie.actors for tie in result.confirmed] == [("eb", "ja")]


def test_a_forms_answer_with_several_options_is_refused_at_its_cell(services, tmp_path):
    """'Fallarbeit;Gremium;' (Forms' several choices) is no kind: named, not half read."""
    path = write_survey(tmp_path / "forms.csv", [["ja", "eb", "Fallarbeit;Gremium;", "", "", ""]])
    with pytest.raises(LoadError) as caught:
        read_survey(path, services)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (2, "Art der Zusammenarbeit")
    assert "'Fallarbeit;Gremium;'" in problem.message


# -- errors --------------------------------------------------------------------------------


def test_bad_cells_are_all_listed_with_row_column_and_value(services, tmp_path):
    """A misspelt kind (with the label meant) and an unreadable date, in one LoadError."""
    path = write_survey(
        tmp_path / "befragung.csv",
        [
            ["ja", "eb", "Falarbeit", "", "", ""],
            ["eb", "ja", "Fallarbeit", "", "", "31.02.2020"],
        ],
    )
    with pytest.raises(LoadError) as caught:
        read_survey(path, services)
    problems = caught.value.problems
    assert [(p.row, p.column, p.cell) for p in problems] == [
        (2, "Art der Zusammenarbeit", "befragung!D2"),
        (3, "Zusammenarbeit seit", "befragung!G3"),
    ]
    assert "did you mean 'Fallarbeit'? (value 'Falarbeit')" in problems[0].message
    assert "'31.02.2020'" in problems[1].message


def test_a_missing_column_is_named(services, tmp_path):
    """A header without a mapped column says which one is missing."""
    path = tmp_path / "befragung.csv"
    path.write_text("Ihre Einrichtung;Partnereinrichtung\nja;eb\n", encoding="utf-8")
    with pytest.raises(LoadError, match="the column 'Art der Zusammenarbeit' is missing"):
        read_survey(path, services)


def test_a_respondent_naming_itself_is_an_error(services, tmp_path):
    """A tie of an actor with itself cannot be a cooperation."""
    path = write_survey(tmp_path / "befragung.csv", [["ja", "Jugendamt Kleinkreis"] + [""] * 4])
    with pytest.raises(LoadError, match="names itself"):
        read_survey(path, services)


def test_a_row_without_respondent_is_an_error(services, tmp_path):
    """Answers that belong to nobody are reported, not dropped."""
    path = write_survey(tmp_path / "befragung.csv", [["", "eb", "Fallarbeit", "", "", ""]])
    with pytest.raises(LoadError, match="no respondent"):
        read_survey(path, services)
