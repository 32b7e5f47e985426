"""Snapshots in id order and the lookup tables built on demand: the same as the long way."""

from __future__ import annotations

from datetime import date
from operator import attrgetter

from hypothesis import given

from bildungsnetz import ActorKind, EducationNetwork
from bildungsnetz.datasets import musterkreis
from day_cases import edges_of_periods, network_and_day, records_of_the_day


def in_id_order_the_long_way(network, day):
    """The snapshot on ``day`` sorted by id, every record read and tested on its own."""
    actors, ties = records_of_the_day(network, day)
    alive = {actor.id for actor in actors}

    def current(record):
        return day is None or record.period.contains(day)

    by_id = attrgetter("id")
    forums = [
        forum.model_copy(
            update={
                "convenor": forum.convenor if forum.convenor in alive else None,
                "members": forum.members & alive,
            }
        )
        for forum in network.forums
        if current(forum)
    ]
    interventions = [
        measure.model_copy(
            update={"providers": measure.providers & alive, "sites": measure.sites & alive}
        )
        for measure in network.interventions
        if current(measure)
    ]
    flows = [flow for flow in network.flows if {flow.source, flow.target} <= alive]
    changes = {
        "actors": tuple(
            actor if actor.part_of in alive | {None} else actor.model_copy(update={"part_of": None})
            for actor in actors
        ),
        "cooperations": tuple(ties),
        "forums": tuple(sorted(forums, key=by_id)),
        "interventions": tuple(sorted(interventions, key=by_id)),
        "flows": tuple(sorted(flows, key=attrgetter("key"))),
        "programmes": tuple(sorted(network.programmes, key=by_id)),
    }
    if day is not None:
        changes["reference_date"] = day
    return EducationNetwork(**{**network.__dict__, **changes})


@given(network_and_day())
def test_a_snapshot_in_id_order_holds_the_records_of_the_day_sorted(case):
    """Every collection of the snapshot is the day's records by id, checked like any network."""
    network, day = case
    assert network._in_id_order(day) == in_id_order_the_long_way(network, day)


def test_records_that_start_or_end_on_the_day_are_in_its_snapshot_as_their_periods_say():
    """Start inclusive, end exclusive, for actors and ties, the day before, of and after."""
    network, days = edges_of_periods()
    for day in days:
        assert network._in_id_order(day) == in_id_order_the_long_way(network, day)
    snapshot = network._in_id_order(days[1])
    assert [tie.id for tie in snapshot.cooperations] == ["a-always", "t-starts", "t-with-started"]


@given(network_and_day(), network_and_day())
def test_snapshots_of_two_days_share_the_sorting_and_each_holds_its_own_day(first, second):
    """The records sorted once serve every day; each snapshot is still its own day's."""
    network, day = first
    for chosen in (day, second[1], day):
        assert network._in_id_order(chosen) == in_id_order_the_long_way(network, chosen)


@given(network_and_day())
def test_as_of_keeps_the_records_of_the_day_in_their_order(case):
    """``as_of`` filters in record order: the day's records, each where it was."""
    network, day = case
    if day is None:
        return
    actors, ties = records_of_the_day(network, day)
    snapshot = network.as_of(day)
    assert {a.id for a in snapshot.actors} == {a.id for a in actors}
    assert snapshot.cooperations == tuple(t for t in network.cooperations if t in ties)


def assert_lookups_read_the_records(network):
    for actor in network.actors:
        assert network.actor(actor.id) is actor
        assert network.ties_of(actor.id) == tuple(
            tie for tie in network.cooperations if actor.id in tie.actors
        )
        assert network.forums_of(actor.id) == tuple(
            forum for forum in network.forums if actor.id in forum.participants
        )
    for kind in ActorKind:
        assert network.actors_of(kind) == tuple(a for a in network.actors if a.kind is kind)
    assert [network.cooperation(tie.id) for tie in network.cooperations] == list(
        network.cooperations
    )
    assert [network.forum(forum.id) for forum in network.forums] == list(network.forums)
    assert [network.intervention(m.id) for m in network.interventions] == list(
        network.interventions
    )
    assert [network.programme(p.id) for p in network.programmes] == list(network.programmes)


@given(network_and_day())
def test_the_lookups_of_a_network_and_its_snapshot_read_their_own_records(case):
    """Lookup tables built on first use answer as a pass over the records would."""
    network, day = case
    assert_lookups_read_the_records(network)
    assert_lookups_read_the_records(network._in_id_order(day))
    if day is not None:
        assert_lookups_read_the_records(network.as_of(day))


def test_the_lookups_of_the_example_and_its_snapshots_read_their_own_records():
    """Musterkreis, its snapshot after the ESF+ money and that snapshot in id order."""
    network = musterkreis()
    assert_lookups_read_the_records(network)
    assert_lookups_read_the_records(network.as_of(date(2028, 8, 1)))
    assert_lookups_read_the_records(network._in_id_order(date(2028, 8, 1)))
