"""German and English texts read right: number agreement, number format, no ids or keys.

Every text a finding shows people (explanation, evidence lines, suggestion reasons) of
Musterkreis, the test districts and random districts is checked for the slips a reader
notices: a count with a noun in the wrong number, a decimal point in German, a raw key or
meeting rule, a doubled period.
"""

import re

import pytest
from hypothesis import given

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis
from bildungsnetz.gaps import DETECTORS
from bildungsnetz.gaps._evidence import FIELDS
from strategies_districts import districts

NOUNS = {
    "de": [
        ("Schule", "Schulen"),
        ("Akteur", "Akteure"),
        ("Kita", "Kitas"),
        ("Kind", "Kinder"),
        ("Stelle", "Stellen"),
        ("Teil", "Teile"),
        ("Befund", "Befunde"),
        ("Lücke", "Lücken"),
        ("Maßnahme", "Maßnahmen"),
        ("Kooperation", "Kooperationen"),
        ("Gremium", "Gremien"),
        ("Termin", "Termine"),
        ("Verbindung", "Verbindungen"),
        ("Kontakt", "Kontakte"),
        ("Paar", "Paare"),
        ("Schritt", "Schritte"),
        ("Tag", "Tage"),
    ],
    "en": [
        ("school", "schools"),
        ("actor", "actors"),
        ("Kita", "Kitas"),
        ("child", "children"),
        ("post", "posts"),
        ("part", "parts"),
        ("finding", "findings"),
        ("gap", "gaps"),
        ("intervention", "interventions"),
        ("cooperation", "cooperations"),
        ("forum", "forums"),
        ("meeting", "meetings"),
        ("partner", "partners"),
        ("tie", "ties"),
        ("contact", "contacts"),
        ("pair", "pairs"),
        ("step", "steps"),
        ("pupil", "pupils"),
        ("day", "days"),
    ],
}


def slips(text, lang):
    """Every slip in one text, as readable strings."""
    found = []
    for one, many in NOUNS[lang]:
        if re.search(rf"(?<![\d.,]){'1'} {many}\b", text):
            found.append(f"1 with plural {many!r}")
        # "10 school social work posts": school is an attribute there, not the noun.
        if re.search(rf"(?<![\d.,])(?!1 )\d+(?:[.,]\d{{3}})* {one}\b(?! social work)", text):
            found.append(f"a count with singular {one!r}")
    if re.search(r"(?<=[^.]\.)\.(?!\.)", text):
        found.append("doubled period")
    if "FREQ=" in text or re.search(r"\b[a-z]+_[a-z_]+\b", text):
        found.append("a raw key or meeting rule")
    # In German 6.702 is six thousand; 0.032 or 1.25 are decimals written the English way.
    decimal_point = (
        r"(?<![\d.])(0\.\d+|\d+\.\d{1,2})(?![\d.])" if lang == "de" else r"\d,\d{1,2}(?!\d)"
    )
    if re.search(decimal_point, text):
        found.append("a decimal separator of the other language")
    codes = r"\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}|\d{4}/\d{2}|AGS \d{8}"
    if re.search(r"\d{4,}", re.sub(codes, "", text)):
        found.append("a large number without thousands separator")
    if lang == "de" and re.search(r"\bzum Stufe\b|\bzur Thema\b", text):
        found.append("wrong article")
    return found


def texts_of(gaps):
    """(lang, text) of everything the findings show people."""
    for gap in gaps:
        for lang in ("de", "en"):
            yield lang, gap.explanation.text(lang)
            for line in gap.details:
                yield lang, line.text(lang)
            for suggestion in gap.suggestions:
                yield lang, suggestion.reason.text(lang)


def all_slips(gaps):
    return sorted(
        {(lang, slip, text) for lang, text in texts_of(gaps) for slip in slips(text, lang)}
    )


NETWORKS = {
    "musterkreis": musterkreis,
    "gappy": nets.gappy_district,
    "lone schools": lambda: shapes.lone_schools(16, 10),
    "one lone school": lambda: shapes.lone_schools(16, 1),
    "halves": shapes.chain_halves,
    "two parts": lambda: shapes.two_parts_on_one_actor(18),
    "apart": shapes.school_apart_from_office,
    "circle": shapes.closed_circle,
    "star": lambda: shapes.star(120),
}


@pytest.mark.parametrize("name", sorted(NETWORKS))
def test_no_slips_in_the_findings_of_the_test_networks(name):
    """Every text of every finding reads right, with and without a horizon."""
    network = NETWORKS[name]()
    assert all_slips(find_gaps(network, horizon=1095)) == []


@given(network=districts())
def test_no_slips_in_random_districts(network):
    """Random districts give findings of every kind and number; none has a slip."""
    assert all_slips(find_gaps(network, horizon=1095)) == []


@pytest.mark.parametrize(
    ("text", "lang", "slip"),
    [
        ("1 Schulen", "de", "1 with plural 'Schulen'"),
        ("3 Schule", "de", "a count with singular 'Schule'"),
        ("(1 actors)", "en", "1 with plural 'actors'"),
        ("Kompass e. V..", "de", "doubled period"),
        ("schools_losing_only_school_social_work: 10", "en", "a raw key or meeting rule"),
        ("Dichte: 0.032", "de", "a decimal separator of the other language"),
        ("6702 Paare", "de", "a large number without thousands separator"),
        ("Maßnahme zum Stufe", "de", "wrong article"),
    ],
)
def test_the_checker_finds_the_slips_the_issue_reported(text, lang, slip):
    """The checks above would catch each slip once reported on Musterkreis."""
    assert slip in slips(text, lang)


def test_every_evidence_key_has_labels_and_a_format():
    """No detector writes evidence the report cannot show in words."""
    keys = {
        key
        for network in (musterkreis(), nets.gappy_district(), shapes.lone_schools(16, 10))
        for detector in DETECTORS
        for gap in detector(
            network, **({"horizon": 1095} if "horizon" in detector.__code__.co_varnames else {})
        )
        for key in gap.evidence
    }
    assert keys - set(FIELDS) == set()
