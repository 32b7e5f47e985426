"""The education network: the aggregate root that holds and checks all records.

Examples
--------
>>> from bildungsnetz import Actor, Cooperation, EducationNetwork, SchoolProfile
>>> network = EducationNetwork(
...     name="Beispiel",
...     actors=[
...         Actor(id="gs1", name="GS Am Markt", kind="school",
...               school=SchoolProfile(form="grundschule")),
...         Actor(id="ssa1", name="Schulsozialarbeit GS Am Markt",
...               kind="school_social_work"),
...     ],
...     cooperations=[Cooperation(id="c1", actors=("gs1", "ssa1"), kind="placement")],
... )
>>> [tie.id for tie in network.ties_of("gs1")]
['c1']
>>> EducationNetwork(name="Kaputt", cooperations=[
...     Cooperation(id="c1", actors=("gs1", "gs1"), kind="agreement")])
Traceback (most recent call last):
...
bildungsnetz.errors.NetworkIntegrityError: 2 problems in network 'Kaputt':
  cooperations[c1].actors: unknown actor 'gs1'
  cooperations[c1].actors: a cooperation needs two different actors ('gs1', 'gs1')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import and_, attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from pydantic import PrivateAttr, ValidationError

from bildungsnetz._templates import render_or_none
from bildungsnetz.errors import NetworkIntegrityError, UnknownActorError
from bildungsnetz.model._integrity import find_problems
from bildungsnetz.model._record import Name, Record, Text
from bildungsnetz.model.actor import Actor
from bildungsnetz.model.cooperation import Cooperation
from bildungsnetz.model.dates import Day, to_day
from bildungsnetz.model.enums import ActorKind, SchoolForm
from bildungsnetz.model.flow import TransitionFlow
from bildungsnetz.model.forum import Forum
from bildungsnetz.model.intervention import Intervention
from bildungsnetz.model.programme import Programme

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from bildungsnetz.model.dates import DayLike

__all__ = ["EducationNetwork"]


class _Index:
    """The lookup tables of a network, each built on its first use.

    A snapshot that a detector asks only for actors never builds the table of ties by
    actor (the bulk of a large network).
    """

    def __init__(self, network: EducationNetwork) -> None:
        # The record tuples, not the network: no cycle between a network and its index.
        self._actors = network.actors
        self._cooperations = network.cooperations
        self._forums = network.forums
        self._interventions = network.interventions
        self._programmes = network.programmes

    @cached_property
    def actors(self) -> dict[str, Actor]:
        return _by_id(self._actors)

    @cached_property
    def by_kind(self) -> dict[ActorKind, tuple[Actor, ...]]:
        by_kind: dict[ActorKind, list[Actor]] = defaultdict(list)
        for actor in self._actors:
            by_kind[actor.kind].append(actor)
        return {kind: tuple(items) for kind, items in by_kind.items()}

    @cached_property
    def ties(self) -> dict[str, tuple[Cooperation, ...]]:
        return _ties_by_actor(self._cooperations)

    @cached_property
    def forums_of(self) -> dict[str, tuple[Forum, ...]]:
        forums_of: dict[str, list[Forum]] = defaultdict(list)
        for forum in self._forums:
            for participant in sorted(forum.participants):
                forums_of[participant].append(forum)
        return {actor_id: tuple(items) for actor_id, items in forums_of.items()}

    @cached_property
    def cooperations(self) -> dict[str, Cooperation]:
        return _by_id(self._cooperations)

    @cached_property
    def forums(self) -> dict[str, Forum]:
        return _by_id(self._forums)

    @cached_property
    def interventions(self) -> dict[str, Intervention]:
        return _by_id(self._interventions)

    @cached_property
    def programmes(self) -> dict[str, Programme]:
        return _by_id(self._programmes)


def _by_id(records: tuple[_Keyed, ...]) -> dict[str, _Keyed]:
    # zip and map build the table in C: a nation has a million ties.
    return dict(zip(map(_ID, records), records, strict=True))


def _ties_by_actor(ties: Iterable[Cooperation]) -> dict[str, tuple[Cooperation, ...]]:
    by_actor: dict[str, list[Cooperation]] = defaultdict(list)
    for tie in ties:
        first, second = tie.actors
        by_actor[first].append(tie)
        if second != first:
            by_actor[second].append(tie)
    return {actor_id: tuple(items) for actor_id, items in by_actor.items()}


@dataclass(frozen=True, slots=True)
class _IdOrder:
    """A network's records sorted by id (flows by key), as a snapshot in id order keeps them."""

    actors: tuple[Actor, ...]
    cooperations: tuple[Cooperation, ...]
    forums: tuple[Forum, ...]
    interventions: tuple[Intervention, ...]
    programmes: tuple[Programme, ...]
    flows: tuple[TransitionFlow, ...]


def _id_order(network: EducationNetwork) -> _IdOrder:
    by_id = attrgetter("id")
    return _IdOrder(
        actors=tuple(sorted(network.actors, key=by_id)),
        cooperations=tuple(sorted(network.cooperations, key=by_id)),
        forums=tuple(sorted(network.forums, key=by_id)),
        interventions=tuple(sorted(network.interventions, key=by_id)),
        programmes=tuple(sorted(network.programmes, key=by_id)),
        flows=tuple(sorted(network.flows, key=attrgetter("key"))),
    )


_Keyed = TypeVar("_Keyed", Actor, Cooperation, Forum, Intervention, Programme)
_T = TypeVar("_T")


_R = TypeVar("_R")


def _given(method: str, record_type: type[_R], given: tuple[Any, ...]) -> tuple[_R, ...]:
    """Return the records given to ``method``, or raise a ``TypeError`` that shows the call.

    A list passed as one argument (``with_cooperations(ties)`` for
    ``with_cooperations(*ties)``) would otherwise fail far inside with an
    ``AttributeError`` of the list.
    """
    noun = "id" if record_type is str else record_type.__name__
    for position, item in enumerate(given, start=1):
        if isinstance(item, record_type):
            continue
        kind = type(item).__name__
        if isinstance(item, list | tuple | set | frozenset) or hasattr(item, "__next__"):
            msg = (
                f"{method}() takes each {noun} as an argument of its own, as in "
                f"{method}(*items), not {method}(items); argument {position} is of type {kind}"
            )
        else:
            msg = f"{method}() takes {noun}s; argument {position} is of type {kind}"
        raise TypeError(msg)
    return given


def _replace_by_id(current: tuple[_Keyed, ...], new: Iterable[_Keyed]) -> tuple[_Keyed, ...]:
    replacements = {item.id: item for item in new}
    kept = tuple(replacements.pop(item.id, item) for item in current)
    return kept + tuple(replacements.values())


class EducationNetwork(Record):
    """All actors, cooperations, forums, flows, interventions and programmes of a network.

    Construction checks the records against each other and raises one
    :class:`~bildungsnetz.errors.NetworkIntegrityError` listing every problem: unknown
    references anywhere, duplicate ids, self-ties, ``part_of`` cycles, implausible
    transitions. A network is immutable; methods such as :meth:`as_of` and
    :meth:`with_cooperations` return new networks. Records keep the order they were
    given in.

    Parameters
    ----------
    name
        The network's name, usually the district's.
    region
        The region it covers, as free text.
    reference_date
        The day the data describe (Stichtag), if known. :meth:`as_of` sets it.
    actors, cooperations, forums, flows, interventions, programmes
        The records.
    description
        Free text, such as the data's source.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> network = musterkreis()
    >>> network.actor("nws").name
    'Netzwerkstelle Schulerfolg Musterkreis'
    >>> len(network.actors_of("school")) > 70
    True
    """

    name: Name
    region: Text = ""
    reference_date: Day | None = None
    actors: tuple[Actor, ...] = ()
    cooperations: tuple[Cooperation, ...] = ()
    forums: tuple[Forum, ...] = ()
    flows: tuple[TransitionFlow, ...] = ()
    interventions: tuple[Intervention, ...] = ()
    programmes: tuple[Programme, ...] = ()
    description: Text = ""

    _index: _Index = PrivateAttr()
    # Results derived from this immutable network (snapshots, graphs) kept for reuse by
    # bildungsnetz itself; invisible to equality, hashing and serialisation.
    _memo: dict[Hashable, Any] = PrivateAttr(default_factory=dict)

    # The whole-network check runs in __init__, after pydantic has validated the fields,
    # so that NetworkIntegrityError reaches a caller of the constructor unchanged. On the
    # model_validate routes pydantic calls __init__ itself and wraps any ValueError in a
    # ValidationError; those routes unwrap it again.
    def __init__(self, **data: Any) -> None:
        super().__init__(**data)
        self._raise_problems()

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Any = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate a mapping into a network, then check the whole (see the class)."""
        try:
            return super().model_validate(
                obj,
                strict=strict,
                extra=extra,
                from_attributes=from_attributes,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as error:
            raise _unwrapped(error) from None

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Any = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate a JSON document into a network, then check the whole (see the class)."""
        try:
            return super().model_validate_json(
                json_data,
                strict=strict,
                extra=extra,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as error:
            raise _unwrapped(error) from None

    def model_post_init(self, context: Any, /) -> None:
        """Build the lookup tables (no checks: they run after validation)."""
        self._index = _Index(self)

    @property
    def _lookup(self) -> _Index:
        # Read past pydantic's __getattr__, which is slow for private attributes; lookups
        # run millions of times on a large network.
        index: _Index = self.__pydantic_private__["_index"]  # type: ignore[index]
        return index

    def _memoised(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """Return ``compute()``, computed once per network and ``key``."""
        memo: dict[Hashable, Any] = self.__pydantic_private__["_memo"]  # type: ignore[index]
        if key not in memo:
            memo[key] = compute()
        return cast("_T", memo[key])

    def _raise_problems(self) -> None:
        problems = find_problems(self)
        if problems:
            raise NetworkIntegrityError(problems, network=self.name)

    def __eq__(self, other: object) -> bool:
        # The lookup tables are derived from the records; comparing them too would only
        # cost time.
        if not isinstance(other, EducationNetwork):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __hash__(self) -> int:
        return hash(tuple(self.__dict__.values()))

    def __repr__(self) -> str:
        return (
            f"EducationNetwork(name={self.name!r}, actors={len(self.actors)}, "
            f"cooperations={len(self.cooperations)}, forums={len(self.forums)}, "
            f"flows={len(self.flows)}, interventions={len(self.interventions)}, "
            f"programmes={len(self.programmes)})"
        )

    __str__ = __repr__

    def _repr_html_(self) -> str | None:
        """Return a summary for Jupyter (German): records, actors by kind, schools by form.

        ``None`` without Jinja2, so that Jupyter shows the repr instead.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis
        >>> "<td>Kita</td>" in musterkreis()._repr_html_()
        True
        """
        kinds = Counter(actor.kind for actor in self.actors)
        forms = Counter(actor.school.form for actor in self.actors if actor.school is not None)
        return render_or_none(
            "view_network.html.j2",
            lang="de",
            network=self,
            kinds=[(kind.label("de"), kinds[kind]) for kind in ActorKind if kinds[kind]],
            forms=[(form.label("de"), forms[form]) for form in SchoolForm if forms[form]],
        )

    # Lookups -------------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor:
        """Return the actor with ``actor_id`` in O(1).

        Raises
        ------
        UnknownActorError
            If there is no such actor.
        """
        try:
            return self._lookup.actors[actor_id]
        except KeyError:
            raise UnknownActorError(actor_id, network=self.name) from None

    def has_actor(self, actor_id: str) -> bool:
        """Return whether the network has an actor with ``actor_id``."""
        return actor_id in self._lookup.actors

    def actors_of(self, kind: ActorKind | str) -> tuple[Actor, ...]:
        """Return the actors of ``kind``, in network order."""
        return self._lookup.by_kind.get(ActorKind(kind), ())

    def ties_of(self, actor_id: str) -> tuple[Cooperation, ...]:
        """Return the cooperations ``actor_id`` takes part in, in O(degree).

        Raises
        ------
        UnknownActorError
            If there is no such actor.
        """
        if actor_id not in self._lookup.actors:
            raise UnknownActorError(actor_id, network=self.name)
        return self._lookup.ties.get(actor_id, ())

    def forums_of(self, actor_id: str) -> tuple[Forum, ...]:
        """Return the forums ``actor_id`` convenes or belongs to.

        Raises
        ------
        UnknownActorError
            If there is no such actor.
        """
        if actor_id not in self._lookup.actors:
            raise UnknownActorError(actor_id, network=self.name)
        return self._lookup.forums_of.get(actor_id, ())

    def cooperation(self, cooperation_id: str) -> Cooperation:
        """Return the cooperation with ``cooperation_id`` (``KeyError`` if absent)."""
        return _lookup(self._lookup.cooperations, cooperation_id, "cooperation")

    def forum(self, forum_id: str) -> Forum:
        """Return the forum with ``forum_id`` (``KeyError`` if absent)."""
        return _lookup(self._lookup.forums, forum_id, "forum")

    def intervention(self, intervention_id: str) -> Intervention:
        """Return the intervention with ``intervention_id`` (``KeyError`` if absent)."""
        return _lookup(self._lookup.interventions, intervention_id, "intervention")

    def programme(self, programme_id: str) -> Programme:
        """Return the programme with ``programme_id`` (``KeyError`` if absent)."""
        return _lookup(self._lookup.programmes, programme_id, "programme")

    # New networks from this one ------------------------------------------------------

    def replace(self, **changes: Any) -> EducationNetwork:
        """Return a new network with some fields replaced, checked like any other.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis
        >>> musterkreis().replace(name="Testkreis").name
        'Testkreis'
        """
        return type(self)(**{**self.__dict__, **changes})

    def with_actors(self, *actors: Actor) -> EducationNetwork:
        """Return a new network with ``actors`` added, replacing those with the same id."""
        actors = _given("with_actors", Actor, actors)
        return self.replace(actors=_replace_by_id(self.actors, actors))

    def with_cooperations(self, *cooperations: Cooperation) -> EducationNetwork:
        """Return a new network with ``cooperations`` added or replaced by id.

        Raises
        ------
        TypeError
            If an argument is no :class:`Cooperation`; a list of them passed as one
            argument is named as such: call ``with_cooperations(*ties)``. Every ``with_*``
            and ``without_*`` method checks its arguments alike.

        Examples
        --------
        >>> from bildungsnetz import Cooperation
        >>> from bildungsnetz.datasets import musterkreis
        >>> network = musterkreis()
        >>> extra = Cooperation(id="neu", actors=("nws", "ja"), kind="agreement")
        >>> len(network.with_cooperations(extra).cooperations) - len(network.cooperations)
        1
        """
        cooperations = _given("with_cooperations", Cooperation, cooperations)
        return self.replace(cooperations=_replace_by_id(self.cooperations, cooperations))

    def with_forums(self, *forums: Forum) -> EducationNetwork:
        """Return a new network with ``forums`` added or replaced by id."""
        forums = _given("with_forums", Forum, forums)
        return self.replace(forums=_replace_by_id(self.forums, forums))

    def with_interventions(self, *interventions: Intervention) -> EducationNetwork:
        """Return a new network with ``interventions`` added or replaced by id."""
        interventions = _given("with_interventions", Intervention, interventions)
        return self.replace(interventions=_replace_by_id(self.interventions, interventions))

    def with_programmes(self, *programmes: Programme) -> EducationNetwork:
        """Return a new network with ``programmes`` added or replaced by id."""
        programmes = _given("with_programmes", Programme, programmes)
        return self.replace(programmes=_replace_by_id(self.programmes, programmes))

    def with_flows(self, *flows: TransitionFlow) -> EducationNetwork:
        """Return a new network with ``flows`` added, replacing flows with the same key."""
        flows = _given("with_flows", TransitionFlow, flows)
        replacements = {flow.key: flow for flow in flows}
        kept = tuple(replacements.pop(flow.key, flow) for flow in self.flows)
        return self.replace(flows=kept + tuple(replacements.values()))

    def without_cooperations(self, *cooperation_ids: str) -> EducationNetwork:
        """Return a new network without the given cooperations (unknown ids are ignored)."""
        dropped = set(_given("without_cooperations", str, cooperation_ids))
        return self.replace(
            cooperations=tuple(tie for tie in self.cooperations if tie.id not in dropped)
        )

    def without_actors(self, *actor_ids: str) -> EducationNetwork:
        """Return a new network without the given actors and every reference to them.

        Their ties and flows go; they leave forums, interventions and the ``part_of`` of
        their parts. Unknown ids are ignored.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis
        >>> network = musterkreis()
        >>> smaller = network.without_actors("nws")
        >>> smaller.has_actor("nws"), len(smaller.cooperations) < len(network.cooperations)
        (False, True)
        """
        dropped = _given("without_actors", str, actor_ids)
        return self._restricted(set(self._lookup.actors) - set(dropped), day=None)

    def as_of(self, day: DayLike) -> EducationNetwork:
        """Return the network as it stands on ``day``.

        Actors, cooperations, forums and interventions whose period does not contain
        ``day`` are dropped, with every reference to a dropped actor. Flows (history)
        and programmes (definitions) are kept. ``reference_date`` becomes ``day``, which
        may be anything :func:`~bildungsnetz.model.to_day` reads (``"01.08.2028"``, a
        ``datetime``, a ``pandas.Timestamp``).

        Examples
        --------
        >>> from datetime import date
        >>> from bildungsnetz.datasets import musterkreis
        >>> network = musterkreis()
        >>> after_esf = network.as_of(date(2028, 8, 1))
        >>> len(after_esf.cooperations) < len(network.as_of(date(2028, 7, 31)).cooperations)
        True
        """
        chosen = to_day(day, name="day")

        def snapshot() -> EducationNetwork:
            alive = {actor.id for actor in self.actors if actor.active.contains(chosen)}
            return self._restricted(alive, day=chosen)

        return self._memoised(("as_of", chosen), snapshot)

    def _in_id_order(self, day: date | None) -> EducationNetwork:
        """Return the network on ``day`` (all of it, without one) with records in id order.

        What the gap detectors judge: the same records whatever order they came in, built
        in one pass (one index) rather than as a snapshot and then a sorted copy. The
        records are sorted once per network; each day filters them in that order.
        """

        def ordered() -> EducationNetwork:
            if day is None:
                alive = set(self._lookup.actors)
            else:
                alive = {actor.id for actor in self.actors if actor.active.contains(day)}
            return self._restricted(alive, day=day, order=self._by_id())

        return self._memoised(("in_id_order", day), ordered)

    def _by_id(self) -> _IdOrder:
        """Return the records sorted by id (flows by key), sorted once per network."""
        return self._memoised(("by_id",), lambda: _id_order(self))

    def _tie_columns(self, *, sorted_by_id: bool) -> _TieColumns:
        """Return the columns of the ties (sorted by id or in record order), read once."""
        if sorted_by_id:
            return self._memoised(
                ("tie_columns", "by_id"), lambda: _TieColumns.of(self._by_id().cooperations)
            )
        return self._memoised(("tie_columns", None), lambda: _TieColumns.of(self.cooperations))

    def _restricted(
        self, alive: set[str], *, day: date | None, order: _IdOrder | None = None
    ) -> EducationNetwork:
        """Return the records of ``alive`` actors on ``day``, in ``order`` (or this network's)."""
        records = self if order is None else order

        def current(period_holder: Cooperation | Forum | Intervention) -> bool:
            return day is None or period_holder.period.contains(day)

        actors = tuple(
            actor
            if actor.part_of is None or actor.part_of in alive
            else actor.model_copy(update={"part_of": None})
            for actor in records.actors
            if actor.id in alive
        )
        forums = tuple(_restrict_forum(forum, alive) for forum in records.forums if current(forum))
        interventions = tuple(
            measure.model_copy(
                update={
                    "providers": measure.providers & alive,
                    "sites": measure.sites & alive,
                }
            )
            for measure in records.interventions
            if current(measure)
        )
        flows = tuple(
            flow for flow in records.flows if flow.source in alive and flow.target in alive
        )
        changes: dict[str, Any] = {
            "actors": actors,
            "cooperations": self._tie_columns(sorted_by_id=order is not None).current(alive, day),
            "forums": forums,
            "interventions": interventions,
            "flows": flows,
        }
        if day is not None:
            changes["reference_date"] = day
        if order is not None:
            changes["programmes"] = order.programmes
        # Dropping records together with every reference to them keeps a valid network
        # valid (a property test rebuilds snapshots with every check to make sure), so
        # the whole-network check is not run again: on all of Germany it costs seconds.
        return type(self).model_construct(**{**self.__dict__, **changes})


@dataclass(frozen=True, slots=True)
class _TieColumns:
    """Ties with what decides whether each holds on a day: its period (a code) and its ends.

    Read from the records once per network, so that a day's ties are chosen by C-level
    maps over lists; ties share few distinct periods, each asked about a day once.
    """

    ties: tuple[Cooperation, ...]
    periods: tuple[tuple[date | None, date | None], ...]
    codes: list[int]
    firsts: list[str]
    seconds: list[str]

    @classmethod
    def of(cls, ties: tuple[Cooperation, ...]) -> _TieColumns:
        bounds = list(map(_BOUNDS, map(_PERIOD, ties)))
        distinct = tuple(dict.fromkeys(bounds))
        number = {period: code for code, period in enumerate(distinct)}
        pairs = list(map(_ACTORS, ties))
        return cls(
            ties=ties,
            periods=distinct,
            codes=list(map(number.__getitem__, bounds)),
            firsts=list(map(_FIRST, pairs)),
            seconds=list(map(_SECOND, pairs)),
        )

    def current(self, alive: set[str], day: date | None) -> tuple[Cooperation, ...]:
        """Return the ties whose period holds ``day`` (any, without one) and ends are alive."""
        ends = map(
            and_, map(alive.__contains__, self.firsts), map(alive.__contains__, self.seconds)
        )
        if day is None:
            return tuple(compress(self.ties, ends))
        holds = [
            (start is None or start <= day) and (end is None or day < end)
            for start, end in self.periods
        ]
        return tuple(compress(self.ties, map(and_, map(holds.__getitem__, self.codes), ends)))


_ID = attrgetter("id")
_PERIOD, _ACTORS, _BOUNDS = attrgetter("period"), attrgetter("actors"), attrgetter("start", "end")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _unwrapped(error: ValidationError) -> Exception:
    """Return the NetworkIntegrityError pydantic wrapped, or the ValidationError itself."""
    for detail in error.errors(include_url=False):
        cause = detail.get("ctx", {}).get("error")
        if isinstance(cause, NetworkIntegrityError):
            return cause
    return error


def _restrict_forum(forum: Forum, alive: set[str]) -> Forum:
    convenor = forum.convenor if forum.convenor in alive else None
    if convenor == forum.convenor and forum.members <= alive:
        return forum
    return forum.model_copy(update={"convenor": convenor, "members": forum.members & alive})


def _lookup(table: Mapping[str, _T], key: str, what: str) -> _T:
    try:
        return table[key]
    except KeyError:
        msg = f"no {what} with id {key!r}"
        raise KeyError(msg) from None
