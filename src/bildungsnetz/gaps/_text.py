"""Wording shared by the detectors' explanations, in German and English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bildungsnetz._format import number, percent

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bildungsnetz.gaps._analysis import Analysis
    from bildungsnetz.model import CooperationKind, Language
    from bildungsnetz.rules import RuleSet, Selector

__all__ = [
    "accusative",
    "amount",
    "decimal",
    "kinds_phrase",
    "listing",
    "names",
    "number",
    "percent",
    "quoted",
    "rule_name",
]


def quoted(text: str, lang: Language) -> str:
    """Return ``text`` in the quotation marks of ``lang``."""
    return f"„{text}“" if lang == "de" else f"“{text}”"


def listing(items: Iterable[str], lang: Language, *, limit: int = 5) -> str:
    """Return "a, b und c" (or "a, b and c"), shortened after ``limit`` items."""
    values = list(items)
    more = len(values) - limit
    shown = values[:limit]
    joiner = " und " if lang == "de" else " and "
    if more > 0:
        rest = f"{more} weitere" if lang == "de" else f"{more} more"
        return ", ".join(shown) + joiner + rest
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + joiner + shown[-1]


def names(analysis: Analysis, actor_ids: Iterable[str], lang: Language, *, limit: int = 5) -> str:
    """Return the names of the actors as a listing."""
    return listing((analysis.name(actor_id) for actor_id in actor_ids), lang, limit=limit)


def kinds_phrase(kinds: Iterable[CooperationKind], lang: Language) -> str:
    """Return the cooperation kinds as a listing of labels, or "" for none."""
    return listing((kind.label(lang) for kind in sorted(kinds)), lang, limit=10)


def decimal(value: float, lang: Language, *, places: int = 2) -> str:
    """Return a number with ``places`` decimals: ``0,25`` in German, ``0.25`` in English."""
    return number(value, lang, places=places)


def amount(count: int, one: str, many: str, *, lang: Language) -> str:
    """Return "1 Schule", "3 Schulen" or "1.200 Kinder": the count and the noun in its number."""
    return f"{number(count, lang)} {one if count == 1 else many}"


# The German accusative with article of the kinds a rule asks for as a partner.
_ACCUSATIVE_DE = {
    "youth_welfare_office": "das Jugendamt",
    "school_social_work": "die Schulsozialarbeit",
    "school_psychology": "die Schulpsychologische Beratung",
    "network_office": "die Netzwerkstelle",
    "education_office": "das Bildungsbüro",
    "youth_employment_agency": "die Jugendberufsagentur",
    "career_guidance": "die Berufsorientierung",
    "parents_council": "eine Elternvertretung",
    "pupils_council": "eine Schülervertretung",
    "counselling_teacher": "eine Beratungslehrkraft",
    "school_authority": "die Schulbehörde",
}


def accusative(selector: Selector, lang: Language) -> str:
    """Return the partners a selector means as the object of a sentence.

    ``das Jugendamt`` / ``the youth welfare office`` for one known kind; otherwise
    ``einen Akteur der Art „…“`` / ``an actor of the kind “…”``.
    """
    kinds = sorted(kind.value for kind in selector.kinds)
    plain = not (selector.forms or selector.stages or selector.tags)
    if plain and len(kinds) == 1 and kinds[0] in _ACCUSATIVE_DE:
        return _ACCUSATIVE_DE[kinds[0]] if lang == "de" else f"the {selector.describe('en')}"
    if lang == "de":
        return f"einen Akteur der Art {quoted(selector.describe('de'), 'de')}"
    return f"an actor of the kind {quoted(selector.describe('en'), 'en')}"


def rule_name(rules: RuleSet, rule_id: str, lang: Language) -> str:
    """Return a rule as people know it: its description in the language, else its id.

    The default rules describe themselves as ``"deutsch / english"``.
    """
    try:
        description = rules.rule(rule_id).description
    except KeyError:
        description = ""
    german, _, english = description.partition(" / ")
    text = (german if lang == "de" else english or german).strip()
    return quoted(text, lang) if text else quoted(rule_id, lang)
