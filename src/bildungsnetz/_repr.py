"""Short reprs: one line a person can read, however large the object.

pydantic's default repr prints every field of every nested record; for a gap report of
Musterkreis that is over 200,000 characters. Records therefore show only the fields that
differ from their defaults (:func:`changed_fields`), with long collections cut short
(:func:`shortened`), and aggregates show a summary (``<GapReport 'Musterkreis' …>``).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Set
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pydantic import BaseModel

__all__ = ["MAX_ITEMS", "Shown", "changed_fields", "clipped", "shortened"]

MAX_ITEMS = 4
"""Collections longer than this show their first items and how many more."""

_MAX_TEXT = 80


class Shown:
    """A value whose repr is the given text (for ``__repr_args__``).

    Examples
    --------
    >>> Shown("{'a', …+3}")
    {'a', …+3}
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def clipped(text: str, *, limit: int = _MAX_TEXT) -> str:
    """Return ``text`` as a repr, cut at ``limit`` characters (user text can be long).

    Examples
    --------
    >>> clipped("Musterkreis"), clipped("x" * 80, limit=5)
    ("'Musterkreis'", "'xxxx…'")
    """
    if len(text) <= limit:
        return repr(text)
    return repr(text[: limit - 1] + "…")


def shortened(value: Any) -> Any:
    """Return ``value`` ready for a short repr: enums as their values, collections cut.

    Examples
    --------
    >>> shortened(frozenset({"b", "a"})), shortened(tuple("abcdefg"))
    ({'a', 'b'}, ('a', 'b', 'c', 'd', …+3))
    """
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        return Shown(clipped(value))
    if isinstance(value, Set):
        # Sorted by their text, so that the repr does not depend on the hash seed.
        items = sorted(repr(shortened(item)) for item in value)
        return Shown("{" + _joined(items) + "}") if items else Shown("set()")
    if isinstance(value, tuple):
        items = [repr(shortened(item)) for item in value]
        return Shown("(" + _joined(items) + ("," if len(items) == 1 else "") + ")")
    if isinstance(value, Mapping):
        return Shown(f"{{…{len(value)} keys}}" if value else "{}")
    return value


def changed_fields(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """Yield the fields of ``model`` that differ from their defaults, shortened.

    For ``__repr_args__``: a record shows what was given for it, not every empty set.

    Examples
    --------
    >>> from bildungsnetz import Actor, Period
    >>> Actor(id="a", name="A", kind="other", topics={"parents"}, active=Period(start="2024-08-01"))
    Actor(id='a', name='A', kind='other', active=Period(start='2024-08-01'), topics={'parents'})
    """
    for name, field in type(model).model_fields.items():
        if not field.repr:
            continue
        value = getattr(model, name)
        if not field.is_required() and value == field.get_default(call_default_factory=True):
            continue
        if isinstance(value, date):
            # As the JSON writes it, which the field also reads: '2028-08-01', not
            # datetime.date(2028, 8, 1), and a meeting's zone as its name.
            value = Shown(repr(model.model_dump(mode="json", include={name})[name]))
        yield name, shortened(value)


def _joined(items: Iterable[str]) -> str:
    listed = list(items)
    shown = ", ".join(listed[:MAX_ITEMS])
    if len(listed) > MAX_ITEMS:
        shown += f", …+{len(listed) - MAX_ITEMS}"
    return shown
