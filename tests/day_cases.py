"""A network and a day on which to judge it: the shared cases of the day-record tests."""

from __future__ import annotations

from datetime import date, timedelta
from operator import attrgetter

from hypothesis import strategies as st

from bildungsnetz import Actor, Cooperation, EducationNetwork, Period
from strategies import days, networks

__all__ = ["edges_of_periods", "network_and_day", "records_of_the_day"]


@st.composite
def network_and_day(draw: st.DrawFn, *, max_actors: int = 8) -> tuple[EducationNetwork, object]:
    """A valid network and a day (or None): often a day on which some record starts or ends."""
    network = draw(networks(max_actors=max_actors))
    periods = [actor.active for actor in network.actors]
    periods += [record.period for record in (*network.cooperations, *network.forums)]
    bounds = sorted({day for period in periods for day in (period.start, period.end) if day})
    # Mostly a bound: off-by-one errors show on the first and the last day of a period.
    choice = draw(st.sampled_from(["none", "any", "bound", "bound"] if bounds else ["none", "any"]))
    if choice == "bound":
        return network, draw(st.sampled_from(bounds))
    return network, None if choice == "none" else draw(days)


def records_of_the_day(network, day):
    """Return the actors and cooperations of ``day`` sorted by id, the long way."""
    alive = [a for a in network.actors if day is None or a.active.contains(day)]
    ids = {actor.id for actor in alive}
    ties = [
        tie
        for tie in network.cooperations
        if (day is None or tie.period.contains(day)) and set(tie.actors) <= ids
    ]
    by_id = attrgetter("id")
    return sorted(alive, key=by_id), sorted(ties, key=by_id)


def edges_of_periods() -> tuple[EducationNetwork, list[date]]:
    """A network whose records start and end on the days returned, each side of each bound."""
    day = date(2026, 8, 1)
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    actors = [
        Actor(id="ends", name="Endet", kind="other", active=Period(end=day)),
        Actor(id="starts", name="Beginnt", kind="other", active=Period(start=day)),
        Actor(id="stays", name="Bleibt", kind="other"),
        Actor(id="also", name="Auch", kind="other", active=Period(start=before, end=after)),
    ]
    ties = [
        Cooperation(id="t-ends", actors=("stays", "also"), kind="other", period=Period(end=day)),
        Cooperation(
            id="t-starts", actors=("also", "stays"), kind="other", period=Period(start=day)
        ),
        Cooperation(id="t-with-ended", actors=("ends", "stays"), kind="other"),
        Cooperation(id="t-with-started", actors=("stays", "starts"), kind="other"),
        Cooperation(id="a-always", actors=("also", "stays"), kind="other"),
    ]
    network = EducationNetwork(name="Ränder", actors=actors, cooperations=ties)
    return network, [before, day, after]
