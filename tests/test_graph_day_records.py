"""The records of a day as arrays (graph._day_records): the same as read record by record."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given

from bildungsnetz import EducationNetwork
from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.graph import _day_arrays, _day_records, _record_columns, to_arrays
from day_cases import edges_of_periods, network_and_day, records_of_the_day


def _fresh(network):
    """An equal network that shares no memo with ``network``."""
    return EducationNetwork.model_construct(**network.__dict__)


def assert_records_of_the_day(network, day):
    columns, records = _record_columns(network), _day_records(network, day)
    actors, ties = records_of_the_day(network, day)
    position = {actor.id: number for number, actor in enumerate(actors)}
    assert [columns.actors[i].id for i in records.actors.tolist()] == [a.id for a in actors]
    assert [columns.cooperations[i] for i in records.cooperations.tolist()] == ties
    assert records.first.tolist() == [position[tie.actors[0]] for tie in ties]
    assert records.second.tolist() == [position[tie.actors[1]] for tie in ties]
    links = [
        sorted((position[actor.id], position[actor.part_of]))
        for actor in actors
        if actor.part_of in position and actor.part_of != actor.id
    ]
    assert records.organisational.tolist() == links
    assert {a.dtype for a in (records.actors, records.cooperations, records.first)} == {
        np.dtype(np.int64)
    }


@given(network_and_day())
def test_the_records_of_a_day_are_those_alive_on_it_in_id_order(case):
    """Actors active on the day and ties current between two of them, by id, with their ends."""
    assert_records_of_the_day(*case)


@given(network_and_day(), network_and_day())
def test_a_second_day_is_taken_from_the_same_columns_as_the_first(first, second):
    """Asked for two days one after the other, each day holds its own records."""
    network, day = first
    assert_records_of_the_day(network, day)
    assert_records_of_the_day(network, second[1])


def test_the_example_on_several_days_holds_the_records_of_each():
    """Musterkreis before, on and after the end of its ESF+ money, and without a day."""
    network = musterkreis()
    for day in (None, date(2025, 11, 1), date(2028, 7, 31), date(2028, 8, 1), date(2040, 1, 1)):
        assert_records_of_the_day(network, day)


def test_records_that_start_or_end_on_the_day_are_judged_as_their_periods_say():
    """Start inclusive, end exclusive, for actors and ties, the day before, of and after."""
    network, days = edges_of_periods()
    for day in days:
        assert_records_of_the_day(network, day)
    on_the_day = _day_records(network, days[1])
    columns = _record_columns(network)
    assert [columns.actors[i].id for i in on_the_day.actors.tolist()] == [
        "also",
        "starts",
        "stays",
    ]
    assert [columns.cooperations[i].id for i in on_the_day.cooperations.tolist()] == [
        "a-always",
        "t-starts",
        "t-with-started",
    ]


def test_a_network_without_records_has_empty_columns():
    """No actors and no ties: empty arrays of every column, on any day."""
    network = EducationNetwork(name="leer")
    records = _day_records(network, date(2025, 1, 1))
    assert [records.actors.size, records.cooperations.size, records.first.size] == [0, 0, 0]


def assert_day_arrays_alike(network, day, max_forum_size):
    fast = _day_arrays(network, day, max_forum_size=max_forum_size)
    slow = to_arrays(_fresh(network._in_id_order(day)), max_forum_size=max_forum_size)
    assert fast.nodes == slow.nodes
    assert fast.indptr.tolist() == slow.indptr.tolist()
    assert fast.indices.tolist() == slow.indices.tolist()
    assert fast.params == slow.params


@given(network_and_day())
def test_the_graph_of_a_day_is_to_arrays_of_its_snapshot(case):
    """The tie ends taken from the columns give the graph that looking them up gives."""
    network, day = case
    for max_forum_size in (0, 3, 12):
        assert_day_arrays_alike(network, day, max_forum_size)


@pytest.mark.parametrize("day", [None, date(2025, 11, 1), date(2028, 10, 31)])
def test_the_graph_of_a_synthetic_district_on_a_day_is_to_arrays_of_its_snapshot(day):
    """A synthetic district with forums and organisational ties, on days records end."""
    assert_day_arrays_alike(synthetic(80, seed=1), day, 12)
