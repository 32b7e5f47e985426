"""The bases every rule model shares: frozen, strict, with an id, a severity and a text."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bildungsnetz.model import Severity
from bildungsnetz.model._record import Id, Text

__all__ = ["FrozenModel", "RuleBase"]


class FrozenModel(BaseModel):
    """Base of selectors, rules and rule sets: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


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
