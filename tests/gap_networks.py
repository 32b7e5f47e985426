"""The compliant district and its variants, each breaking exactly one default rule.

``compliant_district()`` satisfies every rule of :func:`bildungsnetz.rules.default_rules`;
each ``..._variant`` breaks exactly one thing in it; ``gappy_district()`` combines four
known gaps for the report tests. Minimal shapes for single detectors live in
``gap_shapes``.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from bildungsnetz import (
    Cooperation,
    EducationNetwork,
    Forum,
    Intervention,
    MeetingSchedule,
    Period,
    Programme,
    Topic,
    TransitionFlow,
)
from gap_shapes import LAND, STADT, actor, school, tie

__all__ = ["LAND", "STADT"]

STICHTAG = date(2025, 11, 1)
SCHOOLS = ("gs-stadt", "sek-stadt", "gs-land", "sek-land")
CROSS_CUTTING = (
    Topic.ABSENTEEISM,
    Topic.INCLUSION,
    Topic.MIGRATION,
    Topic.EARLY_CHILDHOOD,
    Topic.TRANSITION,
    Topic.PARENTS,
)


# -- the compliant district and its variants ---------------------------------------------


def _school_actors():
    return [
        school(
            "gs-stadt", "GS Am Markt", pupils=180, absence_rate=0.04, without_qualification_rate=0.0
        ),
        school(
            "sek-stadt",
            "Sekundarschule Stadt",
            form="sekundarschule",
            pupils=420,
            absence_rate=0.12,
            without_qualification_rate=0.08,
        ),
        school(
            "gs-land",
            "GS Am Anger",
            municipality=LAND,
            pupils=120,
            absence_rate=0.03,
            without_qualification_rate=0.0,
        ),
        school(
            "sek-land",
            "Sekundarschule Land",
            form="sekundarschule",
            municipality=LAND,
            pupils=310,
            absence_rate=0.06,
            without_qualification_rate=0.10,
        ),
    ]


def _posts_and_ties(schools):
    posts, ties = [], []
    for item in schools:
        where = item.municipality
        posts += [
            actor(
                f"ssa-{item.id}",
                "school_social_work",
                f"Schulsozialarbeit {item.name}",
                where,
                funding={"kreis"},
            ),
            actor(f"ev-{item.id}", "parents_council", f"Elternrat {item.name}", where),
            actor(f"sv-{item.id}", "pupils_council", f"Schülerrat {item.name}", where),
        ]
        ties += [
            tie(
                item.id,
                f"ssa-{item.id}",
                "placement",
                intensity="coordination",
                formality="written",
                funding={"kreis"},
            ),
            tie(item.id, f"ev-{item.id}", "information_exchange"),
            tie(item.id, f"sv-{item.id}", "information_exchange"),
            tie(item.id, "ja", "case_work"),
            tie("nws", f"ssa-{item.id}", "consultation"),
        ]
        if item.school is not None and item.school.teaches("lower_secondary"):
            posts.append(
                actor(
                    f"blk-{item.id}",
                    "counselling_teacher",
                    f"Beratungslehrkraft {item.name}",
                    where,
                    part_of=item.id,
                )
            )
            ties += [
                tie(item.id, f"blk-{item.id}", "information_exchange"),
                tie("nws", f"blk-{item.id}", "consultation"),
            ]
    return posts, ties


def compliant_district():
    """Two municipalities, four schools, every default rule met (Stichtag 2025-11-01).

    Every school has its own school social work (placement, coordination, permanent
    district money), parents' council and pupils' council, and a direct tie to the youth
    welfare office; both Sekundarschulen have a counselling teacher and work with career
    guidance; the Netzwerkstelle is in contact with every post and counselling teacher;
    every flow is matched
    by a transition tie; two providers run every tier and topic, the cross-cutting topics
    are covered in both municipalities, and the one school above the absence threshold
    has an indicated measure. Removing any one actor or tie leaves every school connected.
    """
    schools = _school_actors()
    posts, ties = _posts_and_ties(schools)
    others = [
        actor("ja", "youth_welfare_office", "Jugendamt"),
        actor("bb", "career_guidance", "Berufsberatung"),
        actor("nws", "network_office", "Netzwerkstelle Schulerfolg"),
        actor("traeger-1", "youth_welfare_provider", "Jugendhilfe Stadt e. V."),
        actor("traeger-2", "youth_welfare_provider", "Caritas Land", LAND),
        actor("kita-stadt", "daycare", "Kita Sonnenschein"),
        actor("kita-land", "daycare", "Kita Regenbogen", LAND),
    ]
    ties += [
        tie("sek-stadt", "bb"),
        tie("sek-land", "bb"),
        tie("kita-stadt", "gs-stadt", "transition"),
        tie("kita-land", "gs-land", "transition"),
        tie("gs-stadt", "sek-stadt", "transition"),
        tie("gs-land", "sek-land", "transition"),
        tie("kita-stadt", "traeger-1"),
        tie("kita-land", "traeger-2"),
    ]
    steering = Forum(
        id="steuergruppe",
        name="Steuergruppe Schulerfolg",
        kind="steering_group",
        convenor="nws",
        members={"ja", "bb", "traeger-1", "traeger-2"},
        schedule=MeetingSchedule(
            rule="FREQ=MONTHLY;BYDAY=1TU",
            start=datetime(2024, 9, 3, 16, 0, tzinfo=ZoneInfo("Europe/Berlin")),
        ),
        last_contact=date(2025, 10, 7),
    )
    providers = {"traeger-1", "traeger-2"}
    interventions = [
        Intervention(
            id="praevention-stadt",
            name="Prävention Stadt",
            tier="universal",
            topics=set(CROSS_CUTTING),
            providers=providers,
            municipalities={STADT},
            funding={"kreis"},
        ),
        Intervention(
            id="praevention-land",
            name="Prävention Land",
            tier="universal",
            topics=set(CROSS_CUTTING),
            providers=providers,
            municipalities={LAND},
            funding={"kreis"},
        ),
        Intervention(
            id="einzelfallhilfe",
            name="Einzelfallhilfe",
            tier="indicated",
            topics={Topic.ABSENTEEISM},
            providers=providers,
            sites={"sek-stadt"},
            funding={"kreis"},
        ),
    ]
    flows = [
        TransitionFlow(
            source="kita-stadt",
            target="gs-stadt",
            year=2024,
            pupils=20,
            transition="kita_to_primary",
        ),
        TransitionFlow(
            source="kita-land", target="gs-land", year=2024, pupils=15, transition="kita_to_primary"
        ),
        TransitionFlow(
            source="gs-stadt",
            target="sek-stadt",
            year=2024,
            pupils=25,
            transition="primary_to_secondary",
        ),
        TransitionFlow(
            source="gs-land",
            target="sek-land",
            year=2024,
            pupils=18,
            transition="primary_to_secondary",
        ),
    ]
    return EducationNetwork(
        name="Kreis Muster",
        reference_date=STICHTAG,
        actors=[*schools, *posts, *others],
        cooperations=ties,
        forums=[steering],
        flows=flows,
        interventions=interventions,
        programmes=[Programme(id="kreis", name="Kreishaushalt", source="district")],
    )


def _replace_tie(network, tie_id, **changes):
    old = network.cooperation(tie_id)
    return network.with_cooperations(Cooperation(**{**dict(old), **changes}))


def missing_social_work_variant():
    """As compliant, but the Grundschule Land has no school social work at all."""
    return compliant_district().without_actors("ssa-gs-land")


def shallow_social_work_variant():
    """As compliant, but the placement at the Grundschule Land is mere awareness."""
    return _replace_tie(compliant_district(), "gs-land--ssa-gs-land", intensity="awareness")


def unknown_intensity_variant():
    """As compliant, but nobody recorded the intensity of the Grundschule Land placement."""
    return _replace_tie(compliant_district(), "gs-land--ssa-gs-land", intensity=None)


def unconfirmed_social_work_variant():
    """As compliant, but only one side reported the Grundschule Land placement."""
    return _replace_tie(compliant_district(), "gs-land--ssa-gs-land", confirmed=False)


def one_intermediary_variant():
    """As compliant, but the Grundschule Land reaches the Jugendamt only via sek-land.

    Its Kita still ties it to the rest through traeger-2 (three steps to the Jugendamt),
    so nothing else hangs on sek-land.
    """
    return compliant_district().without_cooperations("gs-land--ja")


def two_intermediaries_variant():
    """As one_intermediary, plus a tie to traeger-2: two ways to the Jugendamt in two steps."""
    return one_intermediary_variant().with_cooperations(tie("gs-land", "traeger-2"))


def ended_social_work_variant():
    """As compliant, but every school social work post ended on 2025-08-01 (before Stichtag)."""
    network = compliant_district()
    ended = [
        post.model_copy(update={"active": Period(end=date(2025, 8, 1))})
        for post in network.actors_of("school_social_work")
    ]
    return network.with_actors(*ended)


def no_social_work_kind_variant():
    """As compliant, but the data hold no school social work actor of any date."""
    network = compliant_district()
    return network.without_actors(*(a.id for a in network.actors_of("school_social_work")))


def ended_interventions_variant():
    """As compliant, but every intervention ended on 2025-08-01 (before the Stichtag)."""
    network = compliant_district()
    ended = [
        measure.model_copy(update={"period": Period(end=date(2025, 8, 1))})
        for measure in network.interventions
    ]
    return network.with_interventions(*ended)


def gappy_district():
    """The compliant district with four known gaps, one of each severity from high down.

    ``gs-land`` has no school social work (missing, high) and reaches the Jugendamt only
    via ``sek-land`` (fragile, medium); the ``sek-land`` placement is unconfirmed (low);
    the association ``verein`` has no tie at all (isolated, low).
    """
    network = missing_social_work_variant().without_cooperations("gs-land--ja")
    unconfirmed = network.cooperation("sek-land--ssa-sek-land").model_copy(
        update={"confirmed": False}
    )
    return network.with_cooperations(unconfirmed).with_actors(
        actor("verein", "association", "Förderverein")
    )
