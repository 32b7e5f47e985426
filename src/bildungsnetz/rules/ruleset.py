"""Rule sets: a named, ordered set of rules, and its JSON file format.

A :class:`RuleSet` holds rules of any type (:data:`AnyRule`; in JSON each rule is told
apart by its ``type`` member, :data:`Rule`). :meth:`RuleSet.to_json` and
:meth:`RuleSet.from_json` convert it to and from a JSON document; :func:`load` and
:func:`save` read and write such a document as a file. Every problem in a document is
reported at once, as a :class:`~bildungsnetz.errors.LoadError` whose paths lead to the
rule and field concerned.

Examples
--------
>>> from bildungsnetz.rules import RegularContact, RuleSet
>>> rules = RuleSet(name="Treffen", rules=(RegularContact(id="treffen"),))
>>> RuleSet.from_json(rules.to_json()) == rules
True
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, Field, ValidationError, model_validator

from bildungsnetz._repr import MAX_ITEMS, Shown, changed_fields
from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.io._strict_json import parse
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.model._record import Name, Text
from bildungsnetz.rules._base import FrozenModel
from bildungsnetz.rules.continuity import FundingContinuity, PermanentPlacement, RegularContact
from bildungsnetz.rules.coverage import NeedCoverage, ProviderDiversity, RequiredCoverage
from bildungsnetz.rules.structure import GroupLinkage, NoSinglePointOfFailure
from bildungsnetz.rules.ties import RequiredTie, RequiredTransitionCooperation

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

__all__ = ["AnyRule", "Rule", "RuleSet", "load", "save"]

RULES_FORMAT = "bildungsnetz-rules"


AnyRule = (
    RequiredTie
    | RequiredTransitionCooperation
    | RequiredCoverage
    | NeedCoverage
    | NoSinglePointOfFailure
    | GroupLinkage
    | ProviderDiversity
    | PermanentPlacement
    | FundingContinuity
    | RegularContact
)
"""Any rule."""

Rule = Annotated[AnyRule, Field(discriminator="type")]
"""Any rule, told apart in JSON by its ``type`` member."""

R = TypeVar("R", bound=BaseModel)


class RuleSet(FrozenModel):
    """A named, ordered set of rules with unique ids.

    Parameters
    ----------
    name
        The rule set's name.
    rules
        The rules.
    max_forum_size
        Forums up to this size count as ties between all their participants.
    insular_threshold
        Groups (municipalities) whose E-I index is at or below this are reported as insular.
    description
        What the rules mean, for people.

    Examples
    --------
    >>> from bildungsnetz.rules import default_rules
    >>> rules = default_rules()
    >>> rules.rule("school-social-work").severity
    <Severity.HIGH: 'high'>
    """

    name: Name
    rules: tuple[Rule, ...] = ()
    max_forum_size: Annotated[int, Field(ge=0, le=1_000_000)] = 12
    insular_threshold: Annotated[float, Field(ge=-1.0, le=1.0)] = -0.9
    description: Text = ""

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The rules by id: each rule's own repr is a line, 25 of them are a page.
        for name, value in changed_fields(self):
            yield name, self._rule_ids() if name == "rules" else value

    def _rule_ids(self) -> Shown:
        ids = ", ".join(rule.id for rule in self.rules[:MAX_ITEMS])
        more = len(self.rules) - MAX_ITEMS
        return Shown(f"<{len(self.rules)} rules: {ids}{f', …+{more}' if more > 0 else ''}>")

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleSet:
        counts = Counter(rule.id for rule in self.rules)
        duplicates = sorted(rule_id for rule_id, count in counts.items() if count > 1)
        if duplicates:
            msg = f"rule ids must be unique, repeated: {', '.join(duplicates)}"
            raise ValueError(msg)
        return self

    def rule(self, rule_id: str) -> AnyRule:
        """Return the rule with ``rule_id`` (``KeyError`` if there is none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        msg = f"no rule with id {rule_id!r} in rule set {self.name!r}"
        raise KeyError(msg)

    def of_type(self, rule_type: type[R]) -> tuple[R, ...]:
        """Return the rules of one type, in order."""
        return tuple(rule for rule in self.rules if isinstance(rule, rule_type))

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the rule set as a JSON document.

        Examples
        --------
        >>> from bildungsnetz.rules import default_rules
        >>> default_rules().to_json().splitlines()[1]
        '  "format": "bildungsnetz-rules",'
        """
        body = self.model_dump(mode="json", exclude_defaults=False)
        document = {"format": RULES_FORMAT, "version": 1, **body}
        return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str | None = None) -> RuleSet:
        """Read a rule set from a JSON document written by :meth:`to_json`.

        Raises
        ------
        LoadError
            Listing every problem with its path: text that is no UTF-8 or no JSON,
            duplicate keys, ``NaN``, numbers of more than 15 digits, nesting deeper than 64,
            and every invalid rule.

        Examples
        --------
        >>> RuleSet.from_json('{"format": "bildungsnetz-rules", "version": 1, "name": "leer"}')
        RuleSet(name='leer')
        """
        payload = parse(text, source=source)
        if not isinstance(payload, dict) or payload.get("format") != RULES_FORMAT:
            message = f"expected a JSON object with format {RULES_FORMAT!r}"
            raise LoadError([LoadProblem(message, file=source, path="format")])
        version = payload.get("version")
        if type(version) is not int or version != 1:
            message = f"this release reads rule format version 1, got {version!r}"
            raise LoadError([LoadProblem(message, file=source, path="version")])
        body = {key: value for key, value in payload.items() if key not in {"format", "version"}}
        try:
            return cls.model_validate(body)
        except ValidationError as error:
            raise LoadError(_problems(error, source, body)) from None


def _problems(
    error: ValidationError, source: str | None, body: dict[str, Any]
) -> list[LoadProblem]:
    found = []
    given = body.get("rules")
    rules: list[Any] = given if isinstance(given, list) else []
    for detail in error.errors(include_url=False):
        location = list(detail["loc"])
        path = ""
        if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):  # noqa: PLR2004
            # pydantic adds the rule's type tag after the index; the document has none.
            position = location[1]
            rule = rules[position] if position < len(rules) else None
            rule_id = rule.get("id") if isinstance(rule, dict) else None
            path = f"rules[{position}]" + (f"({rule_id})" if isinstance(rule_id, str) else "")
            location = location[3:] if len(location) > 2 else []  # noqa: PLR2004
        path += "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location)
        message = detail["msg"].removeprefix("Value error, ")
        found.append(LoadProblem(message, file=source, path=path.lstrip(".") or "$"))
    return found


def load(path: str | os.PathLike[str]) -> RuleSet:
    """Read a rule set from a JSON file.

    Raises
    ------
    LoadError
        Listing every problem of the file with its line or path (see
        :meth:`RuleSet.from_json`); nothing is returned.
    OSError
        If the file cannot be read (``FileNotFoundError``, ``PermissionError``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from bildungsnetz.rules import default_rules
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "regeln.json"
    ...     save(default_rules(), target)
    ...     load(target) == default_rules()
    True
    """
    source = Path(path)
    return RuleSet.from_json(source.read_bytes(), source=str(source))


def save(rules: RuleSet, path: str | os.PathLike[str]) -> None:
    """Write a rule set to a JSON file atomically (see :func:`bildungsnetz.io.save`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from bildungsnetz.rules import default_rules
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save(default_rules(), pathlib.Path(folder) / "regeln.json")
    """
    write_text_atomic(Path(path), rules.to_json())
