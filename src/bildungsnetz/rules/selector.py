"""Selectors: which actors a rule speaks about.

A :class:`Selector` picks actors by kind, school form, stage and tags. Rules hold one or
two of them: the subject actors a rule applies to and, for required ties, the partners
those actors need.

Examples
--------
>>> from bildungsnetz.rules import Selector
>>> Selector(kind="school", forms={"grundschule"}).describe("en")
'school (primary school)'
>>> Selector(kind="school") == Selector(kinds={"school"})
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import model_validator

from bildungsnetz.model import ActorKind, SchoolForm, Stage
from bildungsnetz.model._record import Name, SortedSet
from bildungsnetz.rules._base import FrozenModel

if TYPE_CHECKING:
    from bildungsnetz.model import Actor

__all__ = ["Selector"]


class Selector(FrozenModel):
    """Which actors a rule speaks about.

    Every criterion given must hold; an empty selector matches every actor.

    Parameters
    ----------
    kind
        A single actor kind (shorthand for ``kinds={kind}``).
    kinds
        Actor kinds, any of which matches.
    forms
        School forms, any of which matches (only schools have a form).
    stages
        Stages, any of which the school must teach.
    tags
        Tags, all of which the actor must carry.

    Examples
    --------
    >>> from bildungsnetz import Actor, SchoolProfile
    >>> secondary = Selector(kind="school", stages={"lower_secondary"})
    >>> secondary.matches(Actor(id="gym", name="Gymnasium", kind="school",
    ...                         school=SchoolProfile(form="gymnasium")))
    True
    >>> secondary.describe("en")
    'school (lower secondary)'
    """

    kind: ActorKind | None = None
    kinds: SortedSet[ActorKind] = frozenset()
    forms: SortedSet[SchoolForm] = frozenset()
    stages: SortedSet[Stage] = frozenset()
    tags: SortedSet[Name] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _merge_kind(cls, data: Any) -> Any:
        # One spelling inside: `kind` is folded into `kinds`, so equal selectors compare
        # equal however they were written.
        if isinstance(data, dict) and data.get("kind") is not None:
            kinds = data.get("kinds") or ()
            kinds = [kinds] if isinstance(kinds, str) else list(kinds)
            return {**data, "kind": None, "kinds": [*kinds, data["kind"]]}
        return data

    def matches(self, actor: Actor) -> bool:
        """Return whether ``actor`` is one of the actors this selector means."""
        if self.kinds and actor.kind not in self.kinds:
            return False
        if self.forms and (actor.school is None or actor.school.form not in self.forms):
            return False
        if self.stages and (actor.school is None or not self.stages & actor.school.stages):
            return False
        return self.tags <= actor.tags

    def describe(self, lang: Literal["de", "en"] = "de") -> str:
        """Return a short description such as ``"Schule (Sekundarstufe I)"``."""
        joiner = " oder " if lang == "de" else " or "
        anything = "Akteur" if lang == "de" else "actor"
        text = joiner.join(kind.label(lang) for kind in sorted(self.kinds)) or anything
        details = [form.label(lang) for form in sorted(self.forms)]
        details += [stage.label(lang) for stage in sorted(self.stages)]
        details += sorted(self.tags)
        return f"{text} ({', '.join(details)})" if details else text
