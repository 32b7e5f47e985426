"""Days and horizons as people give them: to_day, to_horizon and every public function."""

import inspect
from datetime import date, datetime, timedelta, timezone

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import bildungsnetz as bn
from bildungsnetz.model import to_day, to_horizon

STICHTAG = date(2028, 8, 1)
SAME_DAY = [
    STICHTAG,
    "01.08.2028",
    "1. August 2028",
    "2028-08-01",
    datetime(2028, 8, 1, 9, 30),
    datetime(2028, 8, 1, 23, 30, tzinfo=timezone(timedelta(hours=2))),
    np.datetime64("2028-08-01T12:00"),
]


@pytest.mark.parametrize("value", SAME_DAY, ids=repr)
def test_to_day_reads_every_accepted_form(value):
    """Dates, datetimes, datetime64 and German or ISO text all give the day."""
    assert to_day(value) == STICHTAG


@pytest.mark.requires_module("pandas")
def test_to_day_and_to_horizon_read_pandas_values():
    """A Timestamp is its day, a Timedelta a horizon, NaT neither (naming the argument)."""
    import pandas as pd

    assert to_day(pd.Timestamp("2028-08-01 12:00")) == STICHTAG
    assert to_horizon(pd.Timedelta(days=1095)) == timedelta(days=1095)
    with pytest.raises(ValueError, match=r"as_of: a missing timestamp \(NaT\) is no day"):
        to_day(pd.NaT, name="as_of")
    with pytest.raises(ValueError, match=r"horizon: a missing timestamp \(NaT\) is no day"):
        to_horizon(pd.NaT)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_to_day_reads_back_german_and_iso_text(day):
    """Any day written the German or the ISO way reads back as itself."""
    assert (to_day(day.strftime("%d.%m.%Y")), to_day(day.isoformat())) == (day, day)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (3.5, TypeError, "as_of: expected a date"),
        (20280801, TypeError, "got 20280801 (int)"),
        (True, TypeError, "got True (bool)"),
        (None, TypeError, "got None (NoneType)"),
        ("31.02.2028", ValueError, "as_of: not a valid date: '31.02.2028'"),
        ("August 2028", ValueError, "as_of: incomplete date"),
    ],
    ids=repr,
)
def test_to_day_names_the_argument_in_its_error(value, error, message):
    """A value that is no day raises one clear error naming the argument."""
    with pytest.raises(error) as raised:
        to_day(value, name="as_of")
    assert message in str(raised.value)


@pytest.mark.parametrize("value", [1095, "1095", " 1095 ", np.int64(1095), timedelta(days=1095)])
def test_to_horizon_reads_days_and_durations(value):
    """Numbers of days, digit text and whole-day durations are horizons."""
    assert to_horizon(value) == timedelta(days=1095)


def test_to_horizon_reads_a_day_relative_to_the_start():
    """A day to look ahead to counts from the day judged on."""
    assert to_horizon("01.08.2028", start=date(2025, 11, 1)) == timedelta(days=1004)


@pytest.mark.parametrize(
    ("value", "start", "error", "message"),
    [
        (-1, None, ValueError, "horizon must not be negative, got -1 days"),
        (timedelta(days=-3), None, ValueError, "must not be negative"),
        (timedelta(hours=36), None, ValueError, "horizon must be whole days"),
        (3.5, None, TypeError, "horizon: expected a number of days"),
        (False, None, TypeError, "got False (bool)"),
        ("01.08.2028", None, ValueError, "needs a day to start from"),
        ("01.08.2024", date(2025, 11, 1), ValueError, "lies before the day judged on"),
        ("drei Jahre", None, ValueError, "horizon: not a date"),
    ],
    ids=repr,
)
def test_to_horizon_names_the_argument_in_its_error(value, start, error, message):
    """A value that is no horizon raises one clear error naming the argument."""
    with pytest.raises(error) as raised:
        to_horizon(value, start=start)
    assert message in str(raised.value)


# -- every public function -------------------------------------------------------------------


def _public_functions():
    """Every public function and method of bildungsnetz that takes as_of or horizon."""
    found = {}
    for namespace in (bn, bn.gaps, bn.graph, bn.model):
        for name in namespace.__all__:
            value = getattr(namespace, name)
            if inspect.isfunction(value):
                found[f"{namespace.__name__}.{name}"] = value
    found["EducationNetwork.as_of"] = bn.EducationNetwork.as_of
    return {
        name: function
        for name, function in sorted(found.items())
        if {"as_of", "horizon", "as_of_before", "as_of_after", "day"}
        & set(inspect.signature(function).parameters)
    }


FUNCTIONS = _public_functions()


def _call(function, network, **days):
    if function is bn.EducationNetwork.as_of:
        return function(network, days.get("as_of", STICHTAG))
    parameters = inspect.signature(function).parameters
    if "as_of_before" in parameters:
        day = days.get("as_of", STICHTAG)
        return function(network, network, as_of_before=day, as_of_after=day)
    return function(network, **{key: value for key, value in days.items() if key in parameters})


def test_the_discovery_finds_the_functions_the_issue_names():
    """find_gaps, every detector, the graph bridge and the network's as_of are covered."""
    expected = {
        "bildungsnetz.find_gaps",
        "bildungsnetz.gaps.find_expiring_critical_ties",
        "bildungsnetz.gaps.find_funding_cliffs",
        "bildungsnetz.gaps.compare",
        "bildungsnetz.gaps.coverage_table",
        "bildungsnetz.graph.to_arrays",
        "EducationNetwork.as_of",
    }
    assert expected <= set(FUNCTIONS)


@pytest.mark.requires_module("pandas")
@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_public_function_reads_days_as_people_give_them(name, musterkreis_network):
    """German text, ISO text, datetime and Timestamp give what the date itself gives."""
    import pandas as pd

    function = FUNCTIONS[name]
    expected = _call(function, musterkreis_network, as_of=STICHTAG)
    for value in ("01.08.2028", "2028-08-01", datetime(2028, 8, 1, 15), pd.Timestamp(STICHTAG)):
        assert _result(_call(function, musterkreis_network, as_of=value)) == _result(expected)


def _result(value):
    # Reports and tables compare by their JSON or records; graphs by their edges.
    if hasattr(value, "to_json"):
        return value.to_json()
    if hasattr(value, "to_records"):
        return value.to_records()
    if hasattr(value, "number_of_edges"):
        made = value.params if hasattr(value, "params") else value.graph
        return (value.number_of_edges(), made["params"]["as_of"])
    if isinstance(value, list):
        return [gap.id for gap in value]
    return value


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_public_function_refuses_a_number_as_day(name, musterkreis_network):
    """A float is no day: TypeError naming the argument, from every function."""
    function = FUNCTIONS[name]
    with pytest.raises(TypeError, match=r"(as_of|day): expected a date"):
        _call(function, musterkreis_network, as_of=3.5)


HORIZON_FUNCTIONS = sorted(
    name
    for name, function in FUNCTIONS.items()
    if "horizon" in inspect.signature(function).parameters
)


@pytest.mark.requires_module("pandas")
@pytest.mark.parametrize("name", HORIZON_FUNCTIONS)
def test_every_horizon_takes_days_durations_and_a_day(name, musterkreis_network):
    """1095, "1095", a timedelta and the day it reaches give the same findings."""
    import pandas as pd

    function = FUNCTIONS[name]
    reference = musterkreis_network.reference_date
    ahead = timedelta(days=1095)
    expected = _result(_call(function, musterkreis_network, horizon=ahead))
    for value in (1095, "1095", pd.Timedelta(days=1095), reference + ahead):
        assert _result(_call(function, musterkreis_network, horizon=value)) == expected


@pytest.mark.parametrize("name", HORIZON_FUNCTIONS)
def test_every_horizon_refuses_a_negative_number(name, musterkreis_network):
    """A negative horizon is a ValueError naming the argument."""
    with pytest.raises(ValueError, match="horizon must not be negative"):
        _call(FUNCTIONS[name], musterkreis_network, horizon=-1)
