"""Whole-network consistency checks; every problem is collected, none stops the search."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Protocol

from bildungsnetz.errors import IntegrityProblem
from bildungsnetz.model._characters import describe
from bildungsnetz.model._lookalike import lookalike_characters, skeleton
from bildungsnetz.model.enums import ActorKind, SchoolForm, Stage, TransitionKind

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence

    from bildungsnetz.model.actor import Actor
    from bildungsnetz.model.cooperation import Cooperation
    from bildungsnetz.model.flow import TransitionFlow
    from bildungsnetz.model.forum import Forum
    from bildungsnetz.model.intervention import Intervention
    from bildungsnetz.model.programme import Programme

__all__ = ["find_problems"]


class _Records(Protocol):
    @property
    def actors(self) -> tuple[Actor, ...]: ...
    @property
    def cooperations(self) -> tuple[Cooperation, ...]: ...
    @property
    def forums(self) -> tuple[Forum, ...]: ...
    @property
    def flows(self) -> tuple[TransitionFlow, ...]: ...
    @property
    def interventions(self) -> tuple[Intervention, ...]: ...
    @property
    def programmes(self) -> tuple[Programme, ...]: ...


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


def find_problems(
    records: _Records, *, assume_known: Collection[str] = ()
) -> list[IntegrityProblem]:
    """Return every inconsistency between the records, in a deterministic order.

    ``assume_known`` names ids whose records exist but could not be read (a loader that
    reports invalid records does not want every reference to them reported as well).
    """
    actors: dict[str, Actor | None] = {actor.id: actor for actor in records.actors}
    programmes = {programme.id for programme in records.programmes} | set(assume_known)
    for known in assume_known:
        actors.setdefault(known, None)
    problems: list[IntegrityProblem] = []
    for collection, items in (
        ("actors", records.actors),
        ("cooperations", records.cooperations),
        ("forums", records.forums),
        ("interventions", records.interventions),
        ("programmes", records.programmes),
    ):
        ids = {item.id for item in items}
        problems.extend(_duplicate_ids(collection, items, ids))
        problems.extend(_lookalike_ids(collection, ids))
    problems.extend(_actor_problems(records.actors, actors, programmes))
    problems.extend(_part_of_cycles(records.actors, actors))
    problems.extend(_cooperation_problems(records.cooperations, actors, programmes))
    problems.extend(_forum_problems(records.forums, actors, programmes))
    problems.extend(_flow_problems(records.flows, actors))
    problems.extend(_intervention_problems(records.interventions, actors, programmes))
    return problems


def _duplicate_ids(
    collection: str, items: Sequence[_HasId], ids: set[str]
) -> Iterator[IntegrityProblem]:
    if len(ids) == len(items):
        return  # the usual case, without a list of positions per id
    positions: dict[str, list[int]] = defaultdict(list)
    for position, item in enumerate(items):
        positions[item.id].append(position)
    for record_id, places in positions.items():
        if len(places) > 1:
            listed = ", ".join(f"#{place}" for place in places)
            message = f"duplicate id {record_id!r}, used by records {listed} of {collection}"
            yield IntegrityProblem(collection, record_id, "id", message)


def _lookalike_ids(collection: str, ids: set[str]) -> Iterator[IntegrityProblem]:
    """Yield a problem per id that looks like another id of the collection (see _lookalike).

    Each is reported at the id that is not the plain one (an ASCII id, else the smallest),
    naming the characters that make the difference. Ids that are equal after NFC are equal
    ids already (every id is NFC), so they are reported as duplicates.
    """
    if "".join(ids).isascii():
        return  # the usual case: ASCII ids look alike only when they are equal
    groups: dict[str, list[str]] = defaultdict(list)
    for record_id in ids:
        groups[skeleton(record_id)].append(record_id)
    for key in sorted(groups):  # sets iterate in an order that changes with the hash seed
        group = groups[key]
        if len(group) == 1:
            continue
        plain, *others = sorted(group, key=lambda record_id: (not record_id.isascii(), record_id))
        for record_id in others:
            message = (
                f"id {record_id!r} looks like {plain!r} of {collection} "
                f"({_characters_of(record_id)}): "
                "probably the same record twice, or one posing as the other"
            )
            yield IntegrityProblem(collection, record_id, "id", message)


def _unknown(
    where: tuple[str, str, str],
    references: Iterable[str],
    known: Mapping[str, object] | set[str],
    what: str,
) -> Iterator[IntegrityProblem]:
    """Yield a problem at ``where`` (collection, record, field) per unknown reference."""
    collection, record, field = where
    for reference in sorted(set(references)):
        if reference not in known:
            message = f"unknown {what} {reference!r}{_looks_like(reference, known, what)}"
            yield IntegrityProblem(collection, record, field, message)


def _looks_like(reference: str, known: Mapping[str, object] | set[str], what: str) -> str:
    """Return a hint naming the known id an unknown reference imitates, or nothing.

    A reference with a Cyrillic "а" to the actor "schule-a" prints like a known id; the
    hint says which one it looks like. Only a known id that is its own skeleton (plain
    Latin, the usual case) is found, in constant time per unknown reference.
    """
    twin = skeleton(reference)
    if twin != reference and twin in known:
        return f"; it looks like the {what} {twin!r} ({_characters_of(reference)})"
    return ""


def _characters_of(text: str) -> str:
    return ", ".join(
        f"{describe(character)} at position {place}"
        for place, character in lookalike_characters(text)
    )


def _actor_problems(
    items: Sequence[Actor], actors: Mapping[str, Actor | None], programmes: set[str]
) -> Iterator[IntegrityProblem]:
    for actor in items:
        # Most records refer only to what exists; only the others are looked at closely.
        if (actor.part_of is None or actor.part_of in actors) and actor.funding <= programmes:
            continue
        if actor.part_of is not None:
            yield from _unknown(("actors", actor.id, "part_of"), [actor.part_of], actors, "actor")
        yield from _unknown(("actors", actor.id, "funding"), actor.funding, programmes, "programme")


def _part_of_cycles(
    items: Sequence[Actor], actors: Mapping[str, Actor | None]
) -> Iterator[IntegrityProblem]:
    # Each actor has at most one parent, so following parents from every unvisited actor
    # finds every cycle in linear time; a cycle is reported once, at its smallest id.
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for actor in items:
        path: list[str] = []
        current: str | None = actor.id
        while current is not None and current not in state:
            parent = actors.get(current)
            if parent is None:
                break
            state[current] = 1
            path.append(current)
            current = parent.part_of
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :]
            first = min(cycle)
            start = cycle.index(first)
            ordered = [*cycle[start:], *cycle[:start], first]
            message = "part_of forms a cycle: " + " → ".join(ordered)
            yield IntegrityProblem("actors", first, "part_of", message)
        for visited in path:
            state[visited] = 2


def _cooperation_problems(
    items: Sequence[Cooperation], actors: Mapping[str, Actor | None], programmes: set[str]
) -> Iterator[IntegrityProblem]:
    for tie in items:
        first, second = tie.actors
        if first != second and first in actors and second in actors and tie.funding <= programmes:
            continue
        yield from _unknown(("cooperations", tie.id, "actors"), tie.actors, actors, "actor")
        if tie.actors[0] == tie.actors[1]:
            message = f"a cooperation needs two different actors {tie.actors!r}"
            yield IntegrityProblem("cooperations", tie.id, "actors", message)
        yield from _unknown(
            ("cooperations", tie.id, "funding"), tie.funding, programmes, "programme"
        )


def _forum_problems(
    items: Sequence[Forum], actors: Mapping[str, Actor | None], programmes: set[str]
) -> Iterator[IntegrityProblem]:
    for forum in items:
        if (
            (forum.convenor is None or forum.convenor in actors)
            and actors.keys() >= forum.members
            and forum.funding <= programmes
        ):
            continue
        if forum.convenor is not None:
            yield from _unknown(("forums", forum.id, "convenor"), [forum.convenor], actors, "actor")
        yield from _unknown(("forums", forum.id, "members"), forum.members, actors, "actor")
        yield from _unknown(("forums", forum.id, "funding"), forum.funding, programmes, "programme")


def _flow_problems(
    items: Sequence[TransitionFlow], actors: Mapping[str, Actor | None]
) -> Iterator[IntegrityProblem]:
    seen: dict[tuple[str, str, int, str], int] = {}
    for position, flow in enumerate(items):
        record = str(position)
        for field in ("source", "target"):
            end = getattr(flow, field)
            if end not in actors:
                message = f"unknown actor {end!r}{_looks_like(end, actors, 'actor')}"
                yield IntegrityProblem("flows", record, field, message)
        if flow.source == flow.target:
            message = f"a flow needs two different institutions, got {flow.source!r} twice"
            yield IntegrityProblem("flows", record, "target", message)
        elif (source := actors.get(flow.source)) and (target := actors.get(flow.target)):
            reason = _implausible(flow.transition, source, target)
            if reason is not None:
                message = f"implausible {flow.transition.value} flow: {reason}"
                yield IntegrityProblem("flows", record, "transition", message)
        if flow.key in seen:
            message = f"the same flow as flows[{seen[flow.key]}] ({', '.join(map(str, flow.key))})"
            yield IntegrityProblem("flows", record, "source", message)
        else:
            seen[flow.key] = position


def _teaches(stage: Stage) -> Callable[[Actor], bool]:
    return lambda actor: actor.school is not None and stage in actor.school.stages


def _is_special(actor: Actor) -> bool:
    return actor.school is not None and actor.school.form is SchoolForm.FOERDERSCHULE


def _is_regular(actor: Actor) -> bool:
    return actor.school is not None and actor.school.form is not SchoolForm.FOERDERSCHULE


def _is_daycare(actor: Actor) -> bool:
    return actor.kind is ActorKind.DAYCARE


def _is_school(actor: Actor) -> bool:
    return actor.school is not None


def _leads_to_work(actor: Actor) -> bool:
    return actor.kind not in {ActorKind.SCHOOL, ActorKind.DAYCARE}


def _vocational_destination(actor: Actor) -> bool:
    return _teaches(Stage.VOCATIONAL)(actor) or _leads_to_work(actor)


# For each kind of transition: what the sender must be, what the receiver must be.
_PLAUSIBLE: dict[
    TransitionKind, tuple[Callable[[Actor], bool], str, Callable[[Actor], bool], str]
] = {
    TransitionKind.KITA_TO_PRIMARY: (
        _is_daycare,
        "a Kita",
        _teaches(Stage.PRIMARY),
        "a school with a primary stage",
    ),
    TransitionKind.PRIMARY_TO_SECONDARY: (
        _teaches(Stage.PRIMARY),
        "a school with a primary stage",
        _teaches(Stage.LOWER_SECONDARY),
        "a school with a lower secondary stage",
    ),
    TransitionKind.SECONDARY_TO_UPPER_SECONDARY: (
        _teaches(Stage.LOWER_SECONDARY),
        "a school with a lower secondary stage",
        _teaches(Stage.UPPER_SECONDARY),
        "a school with an upper secondary stage",
    ),
    TransitionKind.SECONDARY_TO_VOCATIONAL: (
        _is_school,
        "a school",
        _vocational_destination,
        "a vocational school or a place of training",
    ),
    TransitionKind.REGULAR_TO_SPECIAL: (
        _is_regular,
        "a regular school",
        _is_special,
        "a Förderschule",
    ),
    TransitionKind.SPECIAL_TO_REGULAR: (
        _is_special,
        "a Förderschule",
        _is_regular,
        "a regular school",
    ),
    TransitionKind.SCHOOL_TO_WORK: (
        _is_school,
        "a school",
        _leads_to_work,
        "an actor outside school and day care",
    ),
}


def _describe(actor: Actor) -> str:
    if actor.school is not None:
        return f"{actor.id!r} is a {actor.school.form.value}"
    return f"{actor.id!r} is a {actor.kind.value}"


def _implausible(transition: TransitionKind, source: Actor, target: Actor) -> str | None:
    source_ok, source_needs, target_ok, target_needs = _PLAUSIBLE[transition]
    reasons = []
    if not source_ok(source):
        reasons.append(f"the source must be {source_needs}, but {_describe(source)}")
    if not target_ok(target):
        reasons.append(f"the target must be {target_needs}, but {_describe(target)}")
    return "; ".join(reasons) if reasons else None


def _intervention_problems(
    items: Sequence[Intervention], actors: Mapping[str, Actor | None], programmes: set[str]
) -> Iterator[IntegrityProblem]:
    for measure in items:
        if (
            actors.keys() >= measure.providers
            and actors.keys() >= measure.sites
            and measure.funding <= programmes
        ):
            continue
        yield from _unknown(
            ("interventions", measure.id, "providers"), measure.providers, actors, "actor"
        )
        yield from _unknown(("interventions", measure.id, "sites"), measure.sites, actors, "actor")
        yield from _unknown(
            ("interventions", measure.id, "funding"), measure.funding, programmes, "programme"
        )
