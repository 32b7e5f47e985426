"""Small networks with dates: funding, meetings, endings, flows and interventions.

Each builder makes one thing happen on a known day, so that the detectors that look at
time (funding cliffs, temporary placements, dormant and expiring ties) have a right answer
known by construction. Periods are half-open: ``end`` is the first day without the record.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import gap_networks as nets
from bildungsnetz import (
    EducationNetwork,
    Forum,
    Intervention,
    MeetingSchedule,
    Period,
    Programme,
    TransitionFlow,
)
from gap_shapes import LAND, actor, school, tie

STICHTAG = date(2025, 11, 1)
BERLIN = ZoneInfo("Europe/Berlin")
ESF_END = date(2028, 8, 1)
"""The ESF+ money runs to 31 July 2028: its period ends (exclusively) on 1 August."""
BUND_END = date(2027, 1, 1)
"""A federal programme that runs out before ESF+."""
DST_END_2025 = date(2025, 10, 26)
"""Clocks go back from CEST to CET in Germany on this Sunday."""
FERN = "15085040"
"""A municipality in another district."""


def programmes():
    """ESF+ (ends 2028-08-01), a federal programme (ends 2027-01-01), the district budget."""
    return [
        Programme(id="esf", name="ESF+", source="eu_esf_plus", period=Period(end=ESF_END)),
        Programme(id="bund", name="Bundesprogramm", source="federal", period=Period(end=BUND_END)),
        Programme(id="kreis", name="Kreishaushalt", source="district"),
    ]


def funded_placement(tie_funding=(), post_funding=(), *, second_post_funding=None):
    """A school with a school social work post, tied to the Jugendamt and a provider.

    ``gs`` has the post ``ssa`` by a placement paid from ``tie_funding``; the post itself
    is paid from ``post_funding``. With ``second_post_funding`` a second post ``ssa-2`` is
    placed at the school, its tie and post both paid from that. ``gs``–``ja`` and
    ``ja``–``traeger`` are unfunded, so the school stays in the main part whatever ends.
    """
    actors = [
        school("gs", "GS Am Markt"),
        actor("ssa", "school_social_work", "SSA Markt", funding=set(post_funding)),
        actor("ja", "youth_welfare_office", "Jugendamt"),
        actor("traeger", "youth_welfare_provider", "Jugendhilfe e. V."),
    ]
    ties = [
        tie("gs", "ssa", "placement", funding=set(tie_funding)),
        tie("gs", "ja", "case_work"),
        tie("ja", "traeger"),
    ]
    if second_post_funding is not None:
        actors.append(
            actor("ssa-2", "school_social_work", "SSA Zwei", funding=set(second_post_funding))
        )
        ties.append(tie("gs", "ssa-2", "placement", funding=set(second_post_funding)))
    return EducationNetwork(
        name="Platzierung",
        reference_date=STICHTAG,
        actors=actors,
        cooperations=ties,
        programmes=programmes(),
    )


def weekly_tuesdays(hour=16, minute=0):
    """A weekly meeting on Tuesdays from 2 September 2025, local time in Berlin."""
    return MeetingSchedule(
        rule="FREQ=WEEKLY;BYDAY=TU",
        start=datetime(2025, 9, 2, hour, minute, tzinfo=BERLIN),
    )


def daily(hour, minute=0, *, first=date(2025, 9, 1)):
    """A daily meeting from ``first`` at ``hour:minute`` local time in Berlin."""
    return MeetingSchedule(
        rule="FREQ=DAILY",
        start=datetime.combine(first, time(hour, minute), tzinfo=BERLIN),
    )


def scheduled_tie(last_contact, schedule=None, *, period=None, reference_date=None):
    """A school and the Jugendamt tied by case work meant to meet on ``schedule``.

    The schedule is weekly on Tuesdays at 16:00 unless given; the tie last met on
    ``last_contact``.
    """
    return EducationNetwork(
        name="Termine",
        reference_date=reference_date,
        actors=[school("gs", "GS Am Markt"), actor("ja", "youth_welfare_office", "Jugendamt")],
        cooperations=[
            tie(
                "gs",
                "ja",
                "case_work",
                schedule=schedule or weekly_tuesdays(),
                last_contact=last_contact,
                period=period or Period(),
            )
        ],
    )


def scheduled_forum(last_contact):
    """A working group convened by ``nws`` with ``gs`` and ``ja``, meeting on Tuesdays."""
    return EducationNetwork(
        name="Arbeitskreis",
        actors=[
            school("gs", "GS Am Markt"),
            actor("ja", "youth_welfare_office", "Jugendamt"),
            actor("nws", "network_office", "Netzwerkstelle"),
        ],
        forums=[
            Forum(
                id="ak",
                name="Arbeitskreis Übergang",
                kind="working_group",
                convenor="nws",
                members={"gs", "ja"},
                schedule=weekly_tuesdays(),
                last_contact=last_contact,
            )
        ],
    )


def ending_placement(end):
    """The compliant district, but the Grundschule Land's placement ends on ``end``.

    The post ``ssa-gs-land`` stays; only the tie ends, so the school then lacks school
    social work (high) and the post is left without any tie.
    """
    network = nets.compliant_district()
    placement = network.cooperation("gs-land--ssa-gs-land")
    return network.with_cooperations(placement.model_copy(update={"period": Period(end=end)}))


def ending_post(end):
    """The compliant district, but the Grundschule Land's post and its placement end on ``end``."""
    network = ending_placement(end)
    post = network.actor("ssa-gs-land")
    return network.with_actors(post.model_copy(update={"active": Period(end=end)}))


# -- flows and interventions (dated by their school year and period) ------------------


def flow(source, target, pupils, transition="kita_to_primary", year=2024):
    """One flow of ``pupils`` in the school year starting in ``year``."""
    return TransitionFlow(
        source=source, target=target, year=year, pupils=pupils, transition=transition
    )


def kitas_to_school(*pupils):
    """Kitas kita-a, kita-b, ... sending ``pupils[i]`` children to ``gs``; nobody is tied."""
    ids = [f"kita-{letter}" for letter in "abcdef"[: len(pupils)]]
    return EducationNetwork(
        name="Kitas",
        actors=[
            school("gs", "GS Am Anger"),
            *(actor(kita, "daycare", f"Kita {kita[-1].upper()}") for kita in ids),
        ],
        flows=[flow(kita, "gs", count) for kita, count in zip(ids, pupils, strict=True)],
    )


def measure(measure_id, tier="universal", topics=("inclusion",), **fields):
    """An intervention named after its id."""
    return Intervention(id=measure_id, name=measure_id, tier=tier, topics=set(topics), **fields)


def two_municipalities(*interventions, absence=0.0, extra_actors=()):
    """A Grundschule in Stadt (with ``absence``), a Sekundarschule in Land, three providers.

    The providers sit in Stadt, in Land (same district) and in another district.
    """
    return EducationNetwork(
        name="Kreis",
        actors=[
            school("gs-stadt", "GS Stadt", absence_rate=absence),
            school("sek-land", "Sek Land", form="sekundarschule", municipality=LAND),
            actor("traeger-stadt", "youth_welfare_provider"),
            actor("traeger-land", "youth_welfare_provider", municipality=LAND),
            actor("traeger-fern", "youth_welfare_provider", municipality=FERN),
            *extra_actors,
        ],
        interventions=interventions,
    )
