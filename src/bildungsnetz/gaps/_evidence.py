"""The evidence of a finding as people read it: labels, numbers, names, in both languages.

``Gap.evidence`` keeps the machine values (ids, ISO dates, rule text, shares); ``Gap.details``
says the same in words, one line per item: German labels and number format in German
(``Anteil aller Schulen: 62,5 %``, ``Paare nur über diesen Akteur: 6.702``), names instead
of ids, meeting rules in words (``jeden 2. Mittwoch im Monat``). Every evidence key a
detector writes has an entry here; a test makes sure none is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bildungsnetz._format import day as format_day
from bildungsnetz.gaps._text import decimal, listing, number, percent, rule_name
from bildungsnetz.gaps.gap import EvidenceValue, Explanation, GapKind
from bildungsnetz.model import PreventionTier, SchoolForm, Topic, TransitionKind
from bildungsnetz.model.schedule import describe_rule
from bildungsnetz.privacy import SUPPRESSED
from bildungsnetz.rules import INDICATOR_LABELS

if TYPE_CHECKING:
    from bildungsnetz.gaps._analysis import Analysis
    from bildungsnetz.model import Language

__all__ = ["FIELDS", "details"]

Format = Callable[["Analysis", Mapping[str, EvidenceValue], str, "Language"], str]


@dataclass(frozen=True, slots=True)
class Field:
    """How one evidence item is shown: its label in both languages and its formatter."""

    de: str
    en: str
    show: Format | None  # None: the explanation says it already


def details(analysis: Analysis, evidence: Mapping[str, EvidenceValue]) -> tuple[Explanation, ...]:
    """Return the evidence as lines for people, in the detector's order.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> from bildungsnetz.gaps._analysis import analyse
    >>> lines = details(analyse(musterkreis()), {"share_of_subjects": 0.625, "contacts": 6702})
    >>> [line.de for line in lines]
    ['Anteil aller Schulen: 63 %', 'Kontakte: 6.702']
    >>> [line.en for line in lines]
    ['share of all schools: 63%', 'contacts: 6,702']
    """
    # A line depends only on its item and the analysis (each formatter reads its own
    # item), and thousands of findings share items such as "partners found: 0": each
    # line is written once per analysis. The type is part of the item: True == 1.
    written: dict[tuple[str, type, EvidenceValue], Explanation | None] = analysis.cache.setdefault(
        "evidence_lines", {}
    )
    lines = []
    for key, value in evidence.items():
        item = (key, type(value), value)
        if item not in written:
            written[item] = _line(analysis, evidence, key)
        line = written[item]
        if line is not None:
            lines.append(line)
    return tuple(lines)


def _line(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str
) -> Explanation | None:
    field = FIELDS.get(key, _UNKNOWN)
    if field.show is None:
        return None
    de = f"{field.de}: {field.show(analysis, evidence, key, 'de')}"
    en = f"{field.en}: {field.show(analysis, evidence, key, 'en')}"
    return Explanation(de=de, en=en)


# -- formatters --------------------------------------------------------------------------


def _count(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    value = evidence[key]
    if value is None:
        return SUPPRESSED
    assert isinstance(value, int | float)
    return number(value, lang)


def _pupils(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    if evidence[key] is None:
        return f"gesperrt ({SUPPRESSED})" if lang == "de" else f"withheld ({SUPPRESSED})"
    return _count(analysis, evidence, key, lang)


def _steps(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    count = evidence[key]
    assert isinstance(count, int)
    if lang == "de":
        return f"{number(count, lang)} {'Schritt' if count == 1 else 'Schritte'}"
    return f"{number(count, lang)} {'step' if count == 1 else 'steps'}"


def _share(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    value = evidence[key]
    assert isinstance(value, int | float)
    return percent(value, lang)


def _decimal(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    value = evidence[key]
    assert isinstance(value, int | float)
    text = decimal(value, lang, places=3)
    separator = "," if lang == "de" else "."
    return text.rstrip("0").rstrip(separator) if separator in text else text


def _flag(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    yes = bool(evidence[key])
    return ("ja" if yes else "nein") if lang == "de" else ("yes" if yes else "no")


def _day(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    day = date.fromisoformat(str(evidence[key]))
    return format_day(day, lang)


def _text(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, __: Language) -> str:
    return str(evidence[key])


def _topic(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    return Topic(str(evidence[key])).label(lang)


def _tier(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    return PreventionTier(str(evidence[key])).label(lang)


def _transition(
    _: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    return TransitionKind(str(evidence[key])).label(lang)


def _indicator(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    german, english = INDICATOR_LABELS[str(evidence[key])]
    return german if lang == "de" else english


def _kinds(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    kinds = [GapKind(value).label(lang) for value in str(evidence[key]).split(", ") if value]
    return listing(kinds, lang, limit=10)


def _schedule(_: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language) -> str:
    return describe_rule(str(evidence[key]), lang)


def _programme(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, _: Language
) -> str:
    programme_id = str(evidence[key])
    try:
        return analysis.network.programme(programme_id).name
    except KeyError:
        return programme_id


def _municipality(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, _: Language
) -> str:
    ags = str(evidence[key])
    return analysis.municipality_name(ags)


def _unit(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    unit = str(evidence[key])
    try:
        return SchoolForm(unit).label(lang)
    except ValueError:
        return analysis.municipality_name(unit)


def _ties(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    value = evidence[key]
    if isinstance(value, int):
        return number(value, lang)
    named = [_tie_name(analysis, tie_id, lang) for tie_id in str(value).split(", ") if tie_id]
    return listing(named, lang, limit=10)


def _tie_name(analysis: Analysis, tie_id: str, lang: Language) -> str:
    if tie_id == "part_of":
        return "organisatorische Zugehörigkeit" if lang == "de" else "one is part of the other"
    if tie_id == "forum":
        return "ein gemeinsames kleines Gremium" if lang == "de" else "a shared small forum"
    try:
        tie = analysis.network.cooperation(tie_id)
    except KeyError:
        return tie_id
    pair = " – ".join(analysis.name(actor) for actor in tie.actors)
    return f"{pair} ({tie.kind.label(lang)})"


_COLLECTIONS = {
    "cooperations": ("Kooperation", "cooperation"),
    "actors": ("Akteur", "actor"),
    "interventions": ("Maßnahme", "intervention"),
    "forums": ("Gremium", "forum"),
}


def _collection(
    _: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    german, english = _COLLECTIONS.get(str(evidence[key]), (str(evidence[key]),) * 2)
    return german if lang == "de" else english


def _record(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    record, collection = str(evidence[key]), evidence.get("collection")
    lookups: dict[str, Callable[[str], str]] = {
        "cooperations": lambda tie_id: _tie_name(analysis, tie_id, lang),
        "actors": analysis.name,
        "interventions": lambda measure_id: analysis.network.intervention(measure_id).name,
        "forums": lambda forum_id: analysis.network.forum(forum_id).name,
    }
    try:
        return lookups[str(collection)](record)
    except KeyError:
        return record


def _rules(
    analysis: Analysis, evidence: Mapping[str, EvidenceValue], key: str, lang: Language
) -> str:
    named = [rule_name(analysis.rules, rule_id, lang) for rule_id in str(evidence[key]).split(", ")]
    return listing(named, lang, limit=10)


_UNKNOWN = Field("", "", None)

FIELDS: dict[str, Field] = {
    # required ties
    "partners_required": Field("Nötige Partner", "partners required", _count),
    "partners_found": Field("Gefundene Partner", "partners found", _count),
    "partners_sufficient": Field("Ausreichende Partner", "sufficient partners", _count),
    "more_steps_than": Field("Weiter entfernt als", "farther than", _steps),
    "component_size": Field("Akteure im getrennten Teil", "actors in the separate part", _count),
    "within": Field("Erlaubte Schritte", "steps allowed", _count),
    "intermediaries": Field("Vermittler", "intermediaries", _count),
    "partners_reached": Field("Erreichte Partner", "partners reached", _count),
    # structure
    "actors_cut_off": Field("Abgeschnittene Akteure", "actors cut off", _count),
    "subjects_cut_off": Field("Abgeschnittene Schulen", "schools cut off", _count),
    "share_of_subjects": Field("Anteil aller Schulen", "share of all schools", _share),
    "parts": Field("Getrennte Teile", "separate parts", _count),
    "parts_on_one_tie": Field("davon an nur einer Verbindung", "of them on one tie", _count),
    "equal_halves": Field("Zwei gleich große Hälften", "two equal halves", _flag),
    "ties": Field("Verbindungen", "ties", _ties),
    "exclusive_pairs": Field("Paare nur über diesen Akteur", "pairs only through it", _count),
    "contacts": Field("Kontakte", "contacts", _count),
    "constraint": Field("Beschränkung nach Burt", "Burt's constraint", _decimal),
    "large_forums": Field("Große Gremien", "large forums", _count),
    "expected_ties": Field("Erwartete Verbindungen", "expected ties", _decimal),
    "ratio": Field("Verhältnis", "ratio", _decimal),
    "municipality": Field("Gemeinde", "municipality", _municipality),
    "ei_index": Field("E-I-Index", "E-I index", _decimal),
    "actors": Field("Akteure", "actors", _count),
    # data
    "missing": Field("Es fehlt", "missing", None),
    "rules": Field("Betroffene Regeln", "rules concerned", _rules),
    # transitions
    "pupils": Field("Schüler:innen", "pupils", _pupils),
    "school_year": Field("Schuljahr", "school year", _text),
    "transition": Field("Übergang", "transition", _transition),
    "sending_kitas": Field("Abgebende Kitas", "sending Kitas", _count),
    # interventions
    "topic": Field("Thema", "topic", _topic),
    "unit": Field("Bereich", "area", _unit),
    "schools": Field("Schulen", "schools", _count),
    "indicator": Field("Kennzahl", "indicator", _indicator),
    "value": Field("Wert", "value", _share),
    "threshold": Field("Schwelle", "threshold", _share),
    "providers": Field("Träger", "providers", _count),
    "interventions": Field("Maßnahmen", "interventions", _count),
    "tier": Field("Präventionsstufe", "prevention tier", _tier),
    # time and money
    "collection": Field("Art des Eintrags", "kind of record", _collection),
    "record": Field("Eintrag", "record", _record),
    "end": Field("Letzter Tag", "last day", _day),
    "opened_gaps": Field("Neue Lücken", "new gaps", _count),
    "opened_kinds": Field("Arten der neuen Lücken", "kinds of new gaps", _kinds),
    "programme": Field("Programm", "programme", _programme),
    "forums": Field("Gremien", "forums", _count),
    "school_social_work_posts": Field(
        "Stellen der Schulsozialarbeit", "school social work posts", _count
    ),
    "schools_served": Field("Betroffene Schulen", "schools affected", _count),
    "schools_losing_only_school_social_work": Field(
        "Schulen ohne ihre einzige Schulsozialarbeit",
        "schools losing their only school social work",
        _count,
    ),
    "schools_losing_only_indicated_measure": Field(
        "Schulen ohne ihre einzige indizierte Maßnahme",
        "schools losing their only indicated measure",
        _count,
    ),
    "schools_cut_off": Field(
        "Schulen ohne Verbindung zum Netzwerk", "schools cut off from the network", _count
    ),
    "posts": Field("Stellen", "posts", _count),
    "earliest_end": Field("Erstes Förderende", "first end of funding", _day),
    "missed_meetings": Field("Ausgefallene Treffen", "missed meetings", _count),
    "last_contact": Field("Letzter Kontakt", "last contact", _day),
    "days_since": Field("Tage seitdem", "days since", _count),
    "schedule": Field("Terminplan", "schedule", _schedule),
}
"""Every evidence key a detector writes, with its labels and how its value is shown."""
