"""Whole random networks for the properties in ``tests/reliability/test_properties.py``.

``strategies.networks`` draws any valid records but only Kita → Grundschule flows and at
most a handful of actors; ``strategies_districts.districts`` draws what the default rules
speak about, with plain ids. :func:`whole_networks` mixes what neither reaches:

- the edge cases every function must survive: no records at all, and exactly one actor
  (of any kind, a school with any profile, with or without a parent, funding and forums);
- random networks with actors of every kind, cooperations with periods and schedules,
  forums, flows of *every* transition kind the model finds plausible (small counts
  included, so suppression is exercised), interventions and programmes;
- pieces cut out of :func:`bildungsnetz.datasets.synthetic` districts: the generator is a
  seed of realistic shapes, the strategy chooses which actors survive and rewires the rest.

:func:`in_any_order` puts every collection in another order, sets included.
"""

from __future__ import annotations

import random
from datetime import date

from hypothesis import strategies as st

from bildungsnetz import (
    Actor,
    ActorKind,
    EducationNetwork,
    Forum,
    ForumKind,
    FundingSource,
    Programme,
    TransitionFlow,
    TransitionKind,
)
from bildungsnetz.datasets import synthetic

# The model's own plausibility check for flows: drawing only plausible flows this way
# keeps the strategy in step with the model without copying its table.
from bildungsnetz.model._integrity import _implausible
from strategies import _actor, ids, names, networks, periods, texts

__all__ = ["empty_networks", "in_any_order", "one_actor_networks", "whole_networks"]

KINDS = list(ActorKind)
pupil_counts = st.integers(0, 8) | st.integers(0, 400)


@st.composite
def empty_networks(draw: st.DrawFn) -> EducationNetwork:
    """A network with a name, perhaps a day and a region, and no records."""
    return EducationNetwork(
        name=draw(names),
        region=draw(texts),
        reference_date=draw(st.none() | st.dates(date(2000, 1, 1), date(2040, 12, 31))),
        description=draw(texts),
    )


@st.composite
def one_actor_networks(draw: st.DrawFn) -> EducationNetwork:
    """A single actor of any kind, perhaps funded, perhaps in a forum of its own."""
    programmes = [
        Programme(
            id=programme_id,
            name=draw(names),
            source=draw(st.sampled_from(FundingSource)),
            period=draw(periods()),
        )
        for programme_id in draw(st.lists(ids, max_size=1))
    ]
    actor = _actor(draw(ids), draw(st.sampled_from(KINDS)), draw, [p.id for p in programmes])
    forums = [
        Forum(
            id="f0",
            name=draw(names),
            kind=draw(st.sampled_from(ForumKind)),
            members={actor.id},
            convenor=actor.id,
            period=draw(periods()),
        )
    ][: draw(st.integers(0, 1))]
    return draw(empty_networks()).replace(
        actors=(actor,), forums=tuple(forums), programmes=tuple(programmes)
    )


@st.composite
def random_networks(draw: st.DrawFn, *, max_actors: int = 10) -> EducationNetwork:
    """``strategies.networks`` with flows of every transition kind added."""
    network = draw(networks(max_actors=max_actors))
    # Schools of every form, so that flows between Förderschulen, upper secondary and
    # vocational schools are drawn too (one actor kind in 22 is too rare for that).
    taken = {actor.id for actor in network.actors}
    schools = [
        _actor(f"schule-{number}", ActorKind.SCHOOL, draw, [])
        for number in range(draw(st.integers(0, 3)))
        if f"schule-{number}" not in taken
    ]
    actors = [*network.actors, *schools]
    return network.replace(actors=tuple(actors), flows=tuple(draw(any_flows(actors))))


@st.composite
def any_flows(draw: st.DrawFn, actors: list[Actor]) -> list[TransitionFlow]:
    """Plausible flows of every kind between the given actors, each key at most once."""
    if len(actors) < 2:
        return []
    flows: dict[tuple[str, str, int, str], TransitionFlow] = {}
    for _ in range(draw(st.integers(0, 8))):
        transition = draw(st.sampled_from(TransitionKind))
        pairs = [
            (source, target)
            for source in actors
            for target in actors
            if source is not target and _implausible(transition, source, target) is None
        ]
        if not pairs:
            continue
        source, target = draw(st.sampled_from(pairs))
        flow = TransitionFlow(
            source=source.id,
            target=target.id,
            year=draw(st.integers(2018, 2030)),
            pupils=draw(pupil_counts),
            transition=transition,
        )
        flows.setdefault(flow.key, flow)
    return list(flows.values())


@st.composite
def synthetic_pieces(draw: st.DrawFn) -> EducationNetwork:
    """Part of a synthetic district: a random subset of its actors and what still fits."""
    whole = synthetic(draw(st.integers(1, 2)), seed=draw(st.integers(0, 2**16)))
    keep = {actor.id for actor in whole.actors if draw(st.integers(0, 3))}
    actors = tuple(
        actor
        if actor.part_of in keep or actor.part_of is None
        # A parent that was cut away leaves its children without one.
        else actor.model_copy(update={"part_of": None})
        for actor in whole.actors
        if actor.id in keep
    )
    forums = tuple(
        forum.model_copy(
            update={
                "members": forum.members & keep,
                "convenor": forum.convenor if forum.convenor in keep else None,
            }
        )
        for forum in whole.forums
    )
    interventions = tuple(
        measure.model_copy(
            update={"providers": measure.providers & keep, "sites": measure.sites & keep}
        )
        for measure in whole.interventions
    )
    extra_flows = draw(any_flows(list(actors)))
    flows = {flow.key: flow for flow in whole.flows if flow.source in keep and flow.target in keep}
    for flow in extra_flows:
        flows.setdefault(flow.key, flow)
    return whole.replace(
        actors=actors,
        cooperations=tuple(tie for tie in whole.cooperations if set(tie.actors) <= keep),
        forums=forums,
        interventions=interventions,
        flows=tuple(flows.values()),
    )


def whole_networks(*, max_actors: int = 10) -> st.SearchStrategy[EducationNetwork]:
    """Empty, one-actor, random and synthetic-derived networks, in that order of simplicity."""
    return st.one_of(
        empty_networks(),
        one_actor_networks(),
        random_networks(max_actors=max_actors),
        random_networks(max_actors=max_actors),
        synthetic_pieces(),
    )


def in_any_order(network: EducationNetwork, seed: int) -> EducationNetwork:
    """The same records, every collection and every set inside a record rebuilt in another order.

    Sets of strings iterate in an order that depends on how they were built, so rebuilding
    each from a shuffled list catches code that publishes a set's iteration order.
    """
    generator = random.Random(seed)

    def reordered(items):
        items = list(items)
        generator.shuffle(items)
        return items

    def rebuilt_sets(record):
        changes = {
            field: frozenset(reordered(value))
            for field, value in record.__dict__.items()
            if isinstance(value, frozenset)
        }
        return record.model_copy(update=changes) if changes else record

    changes = {
        name: tuple(rebuilt_sets(record) for record in reordered(getattr(network, name)))
        for name in ("actors", "cooperations", "forums", "interventions", "programmes")
    }
    changes["flows"] = tuple(reordered(network.flows))
    return network.replace(**changes)
