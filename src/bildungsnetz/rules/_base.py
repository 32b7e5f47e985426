"""The bases every rule model shares: frozen, strict, with an id, a severity and a text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from bildungsnetz._repr import changed_fields
from bildungsnetz.model import Severity
from bildungsnetz.model._record import Id, Text

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["FrozenModel", "RuleBase"]


class FrozenModel(BaseModel):
    """Base of selectors, rules and rule sets: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The options given, not every default: a repr that fits on a line.
        return changed_fields(self)


class RuleBase(FrozenModel):
    """Base of every rule: the members all rule types have.

    Each rule type adds a ``type`` tag (its name in JSON) and its own options.

    Parameters
    ----------
    id
        A unique id within its rule set; gap findings name the rule they breach by it.
    severity
        How serious a breach is.
    description
        What the rule means, for people.
    """

    id: Id
    severity: Severity = Severity.MEDIUM
    description: Text = ""
