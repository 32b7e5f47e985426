"""What every reader shares: the record type of each collection and its validator."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter

from bildungsnetz.model import (
    Actor,
    Cooperation,
    Forum,
    Intervention,
    Programme,
    TransitionFlow,
)

__all__ = ["COLLECTIONS", "adapter"]

COLLECTIONS: dict[str, type[BaseModel]] = {
    "actors": Actor,
    "cooperations": Cooperation,
    "forums": Forum,
    "flows": TransitionFlow,
    "interventions": Intervention,
    "programmes": Programme,
}
"""The record type of each collection of a network, in the network's order."""


@cache
def adapter(model: type[BaseModel]) -> TypeAdapter[Any]:
    """Return a validator for one record type, built once."""
    return TypeAdapter(model)
