"""The template, filled in as a person would, loads into a valid network and its report runs."""

import subprocess
import sys
from datetime import date

import pytest

import bildungsnetz
from bildungsnetz.io import read_workbook, write_template
from template_filling import Person

pytestmark = pytest.mark.requires_extra("excel")


def fill_in_saaleck(person):
    """Enter the district Saaleck: examples overwritten, copied and extended, in entry order."""
    person.fill("Netzwerk", 2, {"Name": "Landkreis Saaleck", "Stichtag": "01.11.2025"})
    # The programme row of the example is the office's own ESF+ money: it stays as it is.
    person.fill(
        "Akteure",
        2,
        {"Kennung": "gs-saaleck", "Name": "Grundschule Saaleck", "Schülerzahl": 212},
    )
    person.fill(
        "Akteure",
        3,
        {
            "Kennung": "ssa-saaleck",
            "Name": "Schulsozialarbeit Grundschule Saaleck",
            "Förderung": "esf-plus",
        },
    )
    person.fill("Akteure", 4, {"Kennung": "kita-regenbogen", "Name": "Kita Regenbogen"})
    person.copy_row("Akteure", 2, 5)
    person.fill(
        "Akteure",
        5,
        {
            "Kennung": "sek-saaleck",
            "Name": "Sekundarschule Saaleck",
            "Schulform": "Sekundarschule",
            "Schülerzahl": 340,
            "öffentlich": "nein",
        },
    )
    person.copy_row("Akteure", 4, 6)
    person.fill("Akteure", 6, {"Kennung": "kita-sonnenblume", "Name": "Kita Sonnenblume"})
    person.fill(
        "Akteure",
        7,
        {"Kennung": "ja-kreis", "Name": "Jugendamt Landkreis Saaleck", "Art": "Jugendamt"},
    )
    person.fill("Kennungen", 2, {"Akteur": "gs-saaleck", "Wert": "01234"})
    person.fill("Kennungen", 3, {"Akteur": "sek-saaleck", "Schema": "Schulnummer", "Wert": "04711"})
    fill_in_ties(person)
    fill_in_forum_flows_and_measure(person)


def fill_in_ties(person):
    person.fill(
        "Kooperationen",
        2,
        {"Kennung": "koop-ssa", "Akteur 1": "gs-saaleck", "Akteur 2": "ssa-saaleck"},
    )
    person.fill(
        "Kooperationen",
        3,
        {"Kennung": "koop-kita-1", "Akteur 1": "kita-regenbogen", "Akteur 2": "gs-saaleck"},
    )
    person.copy_row("Kooperationen", 3, 4)
    person.fill("Kooperationen", 4, {"Kennung": "koop-kita-2", "Akteur 1": "kita-sonnenblume"})
    person.fill(
        "Kooperationen",
        5,
        {
            "Kennung": "koop-ja",
            "Akteur 1": "ja-kreis",
            "Akteur 2": "sek-saaleck",
            "Art": "Fallarbeit",
            "Form": "informell",
            "gültig ab": date(2023, 9, 1),  # a date cell, as Excel makes of 01.09.2023
            "Themen": "Schulabsentismus; Kinderschutz",  # one picked, one typed after ;
            "personengebunden": "ja",
        },
    )


def fill_in_forum_flows_and_measure(person):
    person.fill(
        "Gremien",
        2,
        {"Kennung": "ak-saaleck", "Name": "AK Schulabsentismus", "Einladende Stelle": "ja-kreis"},
    )
    for row, member in enumerate(["gs-saaleck", "ssa-saaleck", "ja-kreis"], start=2):
        person.fill("Gremienmitglieder", row, {"Gremium": "ak-saaleck", "Akteur": member})
    person.fill("Übergänge", 2, {"von": "kita-regenbogen", "nach": "gs-saaleck"})
    person.copy_row("Übergänge", 2, 3)
    person.fill("Übergänge", 3, {"von": "kita-sonnenblume", "Anzahl": 17})
    person.fill(
        "Übergänge",
        4,
        {
            "von": "gs-saaleck",
            "nach": "sek-saaleck",
            "Schuljahr": "2024/25",
            "Anzahl": 30,
            "Übergang": "Grundschule → Sekundarstufe I",
        },
    )
    person.fill(
        "Maßnahmen",
        2,
        {
            "Kennung": "clearing-saaleck",
            "Träger": "ssa-saaleck",
            "Orte": "gs-saaleck; sek-saaleck",
            "gültig ab": "01.08.2024",
        },
    )


@pytest.fixture
def filled_in(tmp_path):
    path = tmp_path / "vorlage.xlsx"
    write_template(path)
    person = Person(path)
    fill_in_saaleck(person)
    assert person.picked >= 25  # the values above that came from dropdowns
    return person.save()


def test_the_filled_in_template_is_the_network_the_person_meant(filled_in):
    """Every record entered is there, with leading zeros, German days and picked labels."""
    network = read_workbook(filled_in)
    assert (network.name, network.reference_date) == ("Landkreis Saaleck", date(2025, 11, 1))
    assert [actor.id for actor in network.actors] == [
        "gs-saaleck",
        "ssa-saaleck",
        "kita-regenbogen",
        "sek-saaleck",
        "kita-sonnenblume",
        "ja-kreis",
    ]
    school = network.actor("sek-saaleck")
    assert (school.school.form, school.school.pupils, school.school.public) == (
        "sekundarschule",
        340,
        False,
    )
    assert {i.value for a in network.actors for i in a.identifiers} == {"01234", "04711"}
    assert len(network.cooperations) == 4
    assert network.forums[0].members == frozenset({"gs-saaleck", "ssa-saaleck", "ja-kreis"})
    assert [(f.source, f.target, f.pupils) for f in network.flows] == [
        ("kita-regenbogen", "gs-saaleck", 24),
        ("kita-sonnenblume", "gs-saaleck", 17),
        ("gs-saaleck", "sek-saaleck", 30),
    ]
    case_work = network.cooperation("koop-ja")
    assert (case_work.period.start, case_work.topics, case_work.person_bound) == (
        date(2023, 9, 1),
        frozenset({"absenteeism", "child_protection"}),
        True,
    )
    assert network.interventions[0].sites == frozenset({"gs-saaleck", "sek-saaleck"})


def test_the_report_of_the_filled_in_template_runs(filled_in):
    """find_gaps reads the network and its Markdown report names the district."""
    report = bildungsnetz.find_gaps(read_workbook(filled_in))
    assert report.to_markdown().startswith("# Lücken im Netzwerk Landkreis Saaleck")


def test_validate_accepts_the_filled_in_template(filled_in):
    """python -m bildungsnetz validate exits 0 on it and counts its records."""
    result = subprocess.run(
        [sys.executable, "-m", "bildungsnetz", "validate", str(filled_in)],
        capture_output=True,
        text=True,
        check=False,
        encoding="utf-8",
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith(
        "valid, 6 actors, 4 cooperations, 1 forum, 3 flows, 1 intervention, 1 programme\n"
    )
