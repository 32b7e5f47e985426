r"""The Markdown summary of a survey for the person who checks it, in German or English.

Names from the responses, actor names and ids are escaped (:mod:`bildungsnetz._markdown`):
whatever a respondent typed, it shows as text, never as a heading, HTML or a link.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
>>> from bildungsnetz.io import read_survey
>>> text = survey_markdown(read_survey(musterkreis_survey_path(), musterkreis()), "en")
>>> print(text.splitlines()[0])
# Partner survey musterkreis_survey\.csv
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import PurePath
from typing import TYPE_CHECKING

from bildungsnetz._format import day as format_day
from bildungsnetz._markdown import code, escape
from bildungsnetz.model import CooperationKind, Intensity

if TYPE_CHECKING:
    from collections.abc import Iterator

    from bildungsnetz.io.survey import Answer, SurveyResult, Unmatched
    from bildungsnetz.model.enums import Language

__all__ = ["survey_markdown"]

_TEXTS: dict[Language, dict[str, str]] = {
    "de": {
        "title": "Partnerbefragung",
        "count": "Anzahl",
        "respondents": "Antwortende",
        "non_respondents": "ohne Antwort",
        "confirmed": "Kooperationen, von beiden Seiten genannt",
        "one_sided": "Kooperationen, nur von einer Seite genannt",
        "review": "Namen zu prüfen",
        "unknown": "unbekannte Namen",
        "conflicts": "abweichende Angaben",
        "review_head": "Namen zu prüfen",
        "review_note": (
            "Diese Namen sind keinem Akteur sicher zuzuordnen; ihre Zeilen sind nicht "
            "übernommen. Ein gemeinter Akteur wird mit {example} übernommen, "
            "ein Name, der kein Akteur des Netzwerks ist, mit {rejected}."
        ),
        "maybe": "vielleicht",
        "similarity": "Ähnlichkeit",
        "unknown_head": "Unbekannte Namen",
        "unknown_note": "Diese Namen gleichen keinem Akteur des Netzwerks; ihre Zeilen sind "
        "nicht übernommen.",
        "non_respondents_head": "Ohne Antwort",
        "conflicts_head": "Abweichende Angaben",
        "kept": "übernommen",
        "all_kept": "beide in der Beschreibung",
        "one_sided_head": "Nur von einer Seite genannt, obwohl beide geantwortet haben",
        "names": "nennt",
        "not_back": "umgekehrt nicht",
        "matches_head": "Nicht wörtlich zugeordnete Namen",
        "respondent": "Antwortende",
        "partner": "Partner",
        "row": "Zeile",
        "rows": "Zeilen",
        "kind": "Art der Zusammenarbeit",
        "intensity": "Intensität",
        "frequency": "Häufigkeit",
        "since": "seit",
        "normalised": "normalisiert",
        "accepted": "übernommen",
    },
    "en": {
        "title": "Partner survey",
        "count": "Count",
        "respondents": "respondents",
        "non_respondents": "no answer",
        "confirmed": "cooperations named by both sides",
        "one_sided": "cooperations named by one side only",
        "review": "names to review",
        "unknown": "unknown names",
        "conflicts": "differing answers",
        "review_head": "Names to review",
        "review_note": (
            "These names match no actor for certain; their rows are left out. Accept the "
            "actor meant with {example}, or declare a name no actor of the "
            "network with {rejected}."
        ),
        "maybe": "maybe",
        "similarity": "similarity",
        "unknown_head": "Unknown names",
        "unknown_note": "These names resemble no actor of the network; their rows are left out.",
        "non_respondents_head": "No answer",
        "conflicts_head": "Differing answers",
        "kept": "kept",
        "all_kept": "both in the description",
        "one_sided_head": "Named by one side only, although both answered",
        "names": "names",
        "not_back": "not the other way round",
        "matches_head": "Names matched other than word for word",
        "respondent": "respondent",
        "partner": "partner",
        "row": "row",
        "rows": "rows",
        "kind": "kind of cooperation",
        "intensity": "intensity",
        "frequency": "frequency",
        "since": "since",
        "normalised": "normalised",
        "accepted": "accepted",
    },
}


def survey_markdown(result: SurveyResult, lang: Language = "de") -> str:
    """Return the summary of a survey result as Markdown: counts, then what to check.

    Sections without entries are left out.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis, musterkreis_survey_path
    >>> from bildungsnetz.io import read_survey
    >>> result = read_survey(musterkreis_survey_path(), musterkreis())
    >>> print(survey_markdown(result, "en").split("## Unknown names")[1].strip()[:160])
    These names resemble no actor of the network; their rows are left out.
    <BLANKLINE>
    - “Jugendhilfeverbund Lindenau e. V.” (partner, row 20)
    ...
    """
    texts = _TEXTS[lang]
    title = escape(PurePath(result.source).name) if result.source else ""
    lines = [f"# {texts['title']} {title}".rstrip(), "", *_counts(result, texts)]
    for section in (_review, _unknown, _non_respondents, _conflicts, _one_sided, _matches):
        body = list(section(result, texts, lang))
        if body:
            lines.extend(["", *body])
    return "\n".join(lines) + "\n"


def _counts(result: SurveyResult, texts: dict[str, str]) -> list[str]:
    counts = {
        "respondents": len(result.respondents),
        "non_respondents": len(result.non_respondents),
        "confirmed": len(result.confirmed),
        "one_sided": len(result.one_sided),
        "review": len(result.review),
        "unknown": len(result.unknown),
        "conflicts": len(result.conflicts),
    }
    rows = [f"| {texts[key]} | {count} |" for key, count in counts.items()]
    return [f"| | {texts['count']} |", "|---|---:|", *rows]


def _review(result: SurveyResult, texts: dict[str, str], lang: Language) -> Iterator[str]:
    if not result.review:
        return
    first = result.review[0]
    # JSON strings are Python strings too, whatever quotes or backslashes a name holds.
    name, actor = json.dumps(first.name, ensure_ascii=False), json.dumps(first.candidates[0].actor)
    note = texts["review_note"].format(
        example=code(f"accept={{{name}: {actor}}}"), rejected=code(f"accept={{{name}: None}}")
    )
    yield from (f"## {texts['review_head']}", "", note, "")
    for item in result.review:
        options = ", ".join(
            f"{escape(candidate.name)} ({code(candidate.actor)}, {texts['similarity']} "
            f"{_number(candidate.similarity, lang)})"
            for candidate in item.candidates
        )
        yield f"- {_quoted(item.name, lang)} ({_where(item, texts)}): {texts['maybe']} {options}"


def _unknown(result: SurveyResult, texts: dict[str, str], lang: Language) -> Iterator[str]:
    if not result.unknown:
        return
    yield from (f"## {texts['unknown_head']}", "", texts["unknown_note"], "")
    for item in result.unknown:
        yield f"- {_quoted(item.name, lang)} ({_where(item, texts)})"


def _non_respondents(result: SurveyResult, texts: dict[str, str], lang: Language) -> Iterator[str]:
    if not result.non_respondents:
        return
    yield from (f"## {texts['non_respondents_head']}", "")
    for actor_id in result.non_respondents:
        yield f"- {escape(result.actor_names[actor_id])} ({code(actor_id)})"


def _conflicts(result: SurveyResult, texts: dict[str, str], lang: Language) -> Iterator[str]:
    if not result.conflicts:
        return
    yield from (f"## {texts['conflicts_head']}", "")
    for conflict in result.conflicts:
        first, second = (escape(result.actor_names[actor_id]) for actor_id in conflict.actors)
        answers = ", ".join(
            f"{_answer(value, lang)} ({escape(result.actor_names[respondent])})"
            for respondent, value in conflict.answers
        )
        kept = texts["all_kept"] if conflict.kept is None else _answer(conflict.kept, lang)
        yield (
            f"- {first} – {second}, {texts[conflict.question]}: {answers}; "
            f"{texts['kept']}: {kept} ({_rows(conflict.rows, texts)})"
        )


def _one_sided(result: SurveyResult, texts: dict[str, str], lang: Language) -> Iterator[str]:
    answered = set(result.respondents)
    named = set(result.named)
    lines = [
        f"- {escape(result.actor_names[first])} {texts['names']} "
        f"{escape(result.actor_names[second])}, "
        f"{texts['not_back']}"
        for first, second in result.named
        if second in answered and (second, first) not in named
    ]
    if lines:
        yield from (f"## {texts['one_sided_head']}", "", *lines)


def _matches(result: SurveyResult, texts: dict[str, str], lang: Language) -> Iterator[str]:
    loose = [match for match in result.matches if match.stage in {"normalised", "accepted"}]
    if not loose:
        return
    yield from (f"## {texts['matches_head']}", "")
    for match in loose:
        yield (
            f"- {_quoted(match.name, lang)} → {escape(result.actor_names[match.actor])} "
            f"({code(match.actor)}), {texts[match.stage]} ({_rows(match.rows, texts)})"
        )


def _where(item: Unmatched, texts: dict[str, str]) -> str:
    return f"{texts[item.role]}, {_rows(item.rows, texts)}"


def _rows(rows: tuple[int, ...], texts: dict[str, str]) -> str:
    word = texts["row"] if len(rows) == 1 else texts["rows"]
    return f"{word} {', '.join(str(row) for row in rows)}"


def _quoted(name: str, lang: Language) -> str:
    return f"„{escape(name)}“" if lang == "de" else f"“{escape(name)}”"


def _number(value: float, lang: Language) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "de" else text


def _answer(value: Answer, lang: Language) -> str:
    if isinstance(value, date):
        return format_day(value, lang)
    if isinstance(value, CooperationKind | Intensity):
        return value.label(lang)
    return escape(value)
