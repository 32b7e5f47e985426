"""Days at the end of the calendar: a ValueError naming the limit, never a raw OverflowError.

Every public function that takes ``as_of`` is called with the last day Python's dates
hold, and every one that takes a ``horizon`` with a horizon reaching past it. The lists
are found by looking at the signatures of the public modules, so that a new function is
checked without being added here.
"""

import importlib
import inspect
from datetime import date

import pytest

from bildungsnetz.datasets import musterkreis
from bildungsnetz.model import LAST_DAY, to_horizon

MODULES = {
    "bildungsnetz": None,
    "bildungsnetz.gaps": None,
    "bildungsnetz.graph": None,
    "bildungsnetz.io": None,
    "bildungsnetz.plot": "plot",
    "bildungsnetz.interactive": "interactive",
}
CALLS_WITH_A_PATH = {"write_graphml", "write_node_link", "write_html"}


def _public_functions(parameter, *, needs_extras=True):
    found = []
    for module_name, extra in MODULES.items():
        module = importlib.import_module(module_name)
        for name in module.__all__:
            function = getattr(module, name)
            if inspect.isfunction(function) and parameter in inspect.signature(function).parameters:
                needed = extra is not None and needs_extras
                marks = [pytest.mark.requires_extra(extra)] if needed else []
                found.append(pytest.param(function, id=f"{module_name}.{name}", marks=marks))
    return found


def _call(function, tmp_path, **options):
    arguments = [musterkreis()]
    if function.__name__ in CALLS_WITH_A_PATH:
        arguments.append(tmp_path / f"out-{function.__name__}.txt")
    return function(*arguments, **options)


def test_the_lists_hold_the_functions_of_the_issue():
    """find_gaps and the detectors looking ahead are among the functions checked."""
    ahead = {param.id for param in _public_functions("horizon")}
    assert {
        "bildungsnetz.find_gaps",
        "bildungsnetz.gaps.find_funding_cliffs",
        "bildungsnetz.gaps.find_expiring_critical_ties",
        "bildungsnetz.gaps.find_temporary_placements",
        "bildungsnetz.gaps.endings",
        "bildungsnetz.plot.draw_funding_timeline",
    } <= ahead
    assert len(_public_functions("as_of")) > len(ahead)


# The arguments are checked before an extra is needed, so this holds without extras too.
@pytest.mark.parametrize("function", _public_functions("horizon", needs_extras=False))
@pytest.mark.parametrize("as_of", [date(9997, 1, 1), date(9999, 12, 31)])
def test_a_horizon_past_the_last_day_is_a_value_error_naming_it(function, as_of, tmp_path):
    """as_of plus horizon beyond 9999-12-31: ValueError with the days and the limit."""
    with pytest.raises(ValueError, match=r"horizon: 1095 days after .* passes 9999-12-31"):
        _call(function, tmp_path, as_of=as_of, horizon=1095)


def _looks_ahead_by_default(function):
    horizon = inspect.signature(function).parameters.get("horizon")
    return horizon is not None and horizon.default not in (None, inspect.Parameter.empty)


@pytest.mark.parametrize("function", _public_functions("as_of"))
def test_the_last_day_as_of_is_judged_or_refused_by_name(function, tmp_path):
    """as_of on the last day works; a function looking ahead by default names the limit."""
    if _looks_ahead_by_default(function):
        with pytest.raises(ValueError, match=r"days after 9999-12-31 passes 9999-12-31"):
            _call(function, tmp_path, as_of=LAST_DAY)
    else:
        _call(function, tmp_path, as_of=LAST_DAY)


def test_a_horizon_up_to_the_last_day_is_accepted():
    """The limit is inclusive: a horizon ending on 9999-12-31 is fine."""
    assert to_horizon(365, start=date(9998, 12, 31)).days == 365
    assert to_horizon(date(9999, 12, 31), start=date(9998, 12, 31)).days == 365


@pytest.mark.parametrize("start", [None, date(2025, 11, 1)])
def test_a_horizon_of_more_days_than_the_calendar_holds_is_a_value_error(start):
    """The fuzz finding dates/to-horizon-overflow: no OverflowError from timedelta."""
    with pytest.raises(ValueError, match=r"horizon: 222100222100 days after .* passes 9999-12-31"):
        to_horizon("222100222100", start=start)
