"""Verify every suggestion before it is offered: applied alone, it must close a finding.

A detector proposes candidate remedies for its findings; :func:`verified` keeps those that
close the finding they are listed under (or are a step towards closing it) and fills in
``closes``: every finding of the list the remedy is verified to close. Nothing is
re-run: a *judge* per finding kind decides, from the analysis of the day, what the one
added tie, placement or site would change for that one finding. The judges look only at
what the change can touch (the two ends of a tie, the parts a cut actor separates, the
site of a measure), so verifying every suggestion of a state costs about as much as
finding the gaps.

The judges mirror the detectors; ``tests/test_gaps_suggestions_replay.py`` applies every
suggestion of Musterkreis and of random districts to the network, runs
:func:`~bildungsnetz.gaps.find_gaps` again and checks each claim.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from bildungsnetz.gaps.gap import Explanation

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from bildungsnetz.gaps._analysis import Analysis
    from bildungsnetz.gaps.gap import AnySuggestion, Gap, GapKind

__all__ = ["MAX_OFFERED", "Judge", "Outcome", "offered", "verified", "with_changes"]

MAX_OFFERED = 3
"""How many suggestions a finding offers at most."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one remedy does to one finding.

    ``closed``: the finding's concern is no longer found. Otherwise the remedy is a step:
    ``remaining`` says how much of the finding is left, ``note`` says it in words.
    """

    closed: bool
    remaining: int = 0
    note: Explanation | None = None


Key = tuple[str, ...]

Judge = Callable[["Analysis", "Gap", "AnySuggestion"], "Outcome | None"]
"""Decides what one remedy does to one finding: ``None`` when it neither closes nor
advances it."""


def verified(
    analysis: Analysis,
    gaps: Iterable[Gap],
    judges: Mapping[GapKind, Judge],
) -> list[Gap]:
    """Return the findings with only verified suggestions, each with what it closes.

    A suggestion stays with a finding when its judge says it closes that finding or is a
    step towards it; it is dropped otherwise. ``closes`` lists every finding of ``gaps``
    it is verified to close; suggestions are ranked: those that close their own finding
    first, then by the number of findings closed, plausibility and key, at most
    :data:`MAX_OFFERED`. Findings of kinds without a judge offer nothing.
    """
    found = list(gaps)
    return [
        gap if ranked is None else with_changes(gap, suggestions=ranked)
        for gap, ranked in zip(found, offered(analysis, found, judges), strict=True)
    ]


def offered(
    analysis: Analysis, gaps: list[Gap], judges: Mapping[GapKind, Judge]
) -> list[tuple[AnySuggestion, ...] | None]:
    """Return, per finding, its verified suggestions, or ``None`` where they stay as they are.

    What :func:`verified` sets, for a caller that changes more of a finding at once: each
    finding is copied once, not once per change.
    """
    # A suggestion's key is computed once here (it sorts), not at every lookup.
    keyed = [[(suggestion.key, suggestion) for suggestion in gap.suggestions] for gap in gaps]
    outcomes = _outcomes(analysis, gaps, keyed, judges)
    closed: dict[Key, tuple[str, ...]] = {}
    result: list[tuple[AnySuggestion, ...] | None] = []
    for gap, suggestions in zip(gaps, keyed, strict=True):
        kept: dict[Key, tuple[tuple[bool, int, float, Key], AnySuggestion]] = {}
        for key, suggestion in suggestions:
            judged = outcomes[key]
            own = judged.get(gap.id)
            if own is None or key in kept:
                continue
            closes = closed.get(key)
            if closes is None:
                closes = closed[key] = _closed(judged)
            settled = _settled(suggestion, own, closes)
            kept[key] = (_rank(settled, key), settled)
        ranked = tuple(settled for _, settled in sorted(kept.values(), key=_first)[:MAX_OFFERED])
        unchanged = len(ranked) == len(gap.suggestions) and all(
            mine is theirs for mine, theirs in zip(ranked, gap.suggestions, strict=True)
        )
        result.append(None if unchanged else ranked)
    return result


def _first(
    ranked: tuple[tuple[bool, int, float, Key], AnySuggestion],
) -> tuple[bool, int, float, Key]:
    return ranked[0]


def _outcomes(
    analysis: Analysis,
    gaps: list[Gap],
    keyed: list[list[tuple[Key, AnySuggestion]]],
    judges: Mapping[GapKind, Judge],
) -> dict[Key, dict[str, Outcome]]:
    """Judge every distinct remedy against the findings about the actors it touches."""
    about: dict[str, list[Gap]] = defaultdict(list)
    remedies: dict[Key, AnySuggestion] = {}
    for gap, suggestions in zip(gaps, keyed, strict=True):
        if gap.kind in judges:
            for actor in dict.fromkeys(gap.actors):
                about[actor].append(gap)
        for key, suggestion in suggestions:
            remedies.setdefault(key, suggestion)
    # A report verifies what its detectors verified already, plus the pairs across them:
    # judgements are kept with the analysis and made once.
    known: dict[tuple[Key, str], Outcome | None] = analysis.cache.setdefault("judged", {})
    outcomes = {}
    for key, remedy in remedies.items():
        judged = {}
        for gap in {g.id: g for actor in remedy.actors for g in about.get(actor, ())}.values():
            pair = (key, gap.id)
            if pair in known:
                outcome = known[pair]
            else:
                outcome = known[pair] = judges[gap.kind](analysis, gap, remedy)
            if outcome is not None:
                judged[gap.id] = outcome
        outcomes[key] = judged
    return outcomes


def _closed(judged: dict[str, Outcome]) -> tuple[str, ...]:
    return tuple(sorted(gap_id for gap_id, outcome in judged.items() if outcome.closed))


def _settled(suggestion: AnySuggestion, own: Outcome, closes: tuple[str, ...]) -> AnySuggestion:
    remaining = 0 if own.closed else own.remaining
    reason = suggestion.reason
    if own.note is not None and not reason.en.endswith(own.note.en):
        reason = Explanation(de=f"{reason.de} {own.note.de}", en=f"{reason.en} {own.note.en}")
    if (closes, remaining, reason) == (suggestion.closes, suggestion.remaining, suggestion.reason):
        return suggestion  # verified before, with the same result
    return with_changes(suggestion, closes=closes, remaining=remaining, reason=reason)


def _rank(suggestion: AnySuggestion, key: Key) -> tuple[bool, int, float, Key]:
    closes_own = suggestion.remaining == 0
    return (not closes_own, -len(suggestion.closes), -suggestion.plausibility, key)


Model = TypeVar("Model", bound=BaseModel)


def with_changes(model: Model, **changes: object) -> Model:
    """Return a copy of ``model`` with ``changes``, built without validation.

    The changed values are of the right types by construction (they come from validated
    models), so the copy is made directly: a shallow copy with them set, which keeps
    hundreds of thousands of findings cheap (pydantic's copy costs more, and
    ``model_construct`` more still, since it fills in every default again).
    """
    copy = type(model).__new__(type(model))
    object.__setattr__(copy, "__dict__", {**model.__dict__, **changes})
    object.__setattr__(copy, "__pydantic_extra__", model.__pydantic_extra__)
    # As pydantic's model_copy(update=...): the changed fields count as given.
    object.__setattr__(
        copy, "__pydantic_fields_set__", model.__pydantic_fields_set__ | changes.keys()
    )
    private = model.__pydantic_private__
    object.__setattr__(copy, "__pydantic_private__", None if private is None else dict(private))
    return copy
