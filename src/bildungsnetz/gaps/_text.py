"""Wording shared by the detectors' explanations, in German and English."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bildungsnetz.gaps._analysis import Analysis
    from bildungsnetz.model import CooperationKind, Language

__all__ = ["amount", "decimal", "kinds_phrase", "listing", "names", "number", "percent", "quoted"]


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


def number(value: float, lang: Language, *, places: int = 0) -> str:
    """Return a number as people write it: ``2.031``, ``0,25`` (German), ``2,031``, ``0.25``."""
    text = f"{value:,.{places}f}"
    if lang == "de":
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def decimal(value: float, lang: Language, *, places: int = 2) -> str:
    """Return a number with ``places`` decimals: ``0,25`` in German, ``0.25`` in English."""
    return number(value, lang, places=places)


def percent(value: float, lang: Language) -> str:
    """Return a share as a whole percentage: ``26 %`` in German, ``26%`` in English."""
    whole = number(round(value * 100), lang)
    return f"{whole} %" if lang == "de" else f"{whole}%"


def amount(count: int, one: str, many: str, *, lang: Language) -> str:
    """Return "1 Schule", "3 Schulen" or "1.200 Kinder": the count and the noun in its number."""
    return f"{number(count, lang)} {one if count == 1 else many}"
