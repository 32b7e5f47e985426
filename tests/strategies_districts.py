"""Hypothesis strategies for small random districts shaped like the real thing.

``tests/strategies.py`` builds networks of any records; these build what the default
rules speak about (schools of several forms, Kitas, school social work posts, the
Jugendamt, parents' councils, career guidance, transition flows, interventions and
programmes that end), so that every detector finds something on many of them. Ids are
plain (``gs0``, ``ssa1``); :func:`shuffled` puts every collection in a random order.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from bildungsnetz import (
    Actor,
    Cooperation,
    EducationNetwork,
    Forum,
    Intervention,
    MeetingSchedule,
    Period,
    Programme,
    SchoolProfile,
    TransitionFlow,
)

__all__ = ["STICHTAG", "districts", "shuffled"]

STICHTAG = date(2025, 11, 1)
MUNICIPALITIES = ("15099010", "15099020", "15099030", "15084040")
FORMS = ("grundschule", "sekundarschule", "gymnasium", "foerderschule", "gemeinschaftsschule")
SECONDARY = ("sekundarschule", "gymnasium", "gemeinschaftsschule")
# The kinds besides schools, Kitas and posts, with how many of each a district may have.
OFFICES = {
    "youth_welfare_office": ("ja", 1),
    "youth_welfare_provider": ("jh", 2),
    "parents_council": ("er", 2),
    "pupils_council": ("sr", 1),
    "career_guidance": ("bo", 1),
    "youth_employment_agency": ("jba", 1),
    "school_psychology": ("spb", 1),
    "network_office": ("nws", 1),
    "counselling_teacher": ("blk", 2),
}
TIE_KINDS = ("agreement", "case_work", "information_exchange", "joint_project", "consultation")
ENDS = (None, None, date(2026, 8, 1), date(2028, 8, 1))
shares = st.none() | st.sampled_from([0.0, 0.05, 0.1, 0.12, 0.15, 0.16, 0.2, 0.3])


@st.composite
def districts(draw: st.DrawFn, *, max_schools: int = 6) -> EducationNetwork:
    """A valid district of up to ``max_schools`` schools and a few dozen other records."""
    places = draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=1, max_size=3, unique=True))
    programmes = _programmes(draw)
    funding = (
        st.frozensets(st.sampled_from([p.id for p in programmes]), max_size=2)
        if (programmes)
        else st.just(frozenset())
    )
    schools = _schools(draw, places, max_schools)
    kitas = [
        Actor(
            id=f"kita{i}",
            name=f"Kita {i}",
            kind="daycare",
            municipality=draw(st.sampled_from(places)),
        )
        for i in range(draw(st.integers(0, 4)))
    ]
    offices = _offices(draw, places, schools)
    providers = [a.id for a in offices if a.kind.value == "youth_welfare_provider"]
    posts = [
        Actor(
            id=f"ssa{i}",
            name=f"Schulsozialarbeit {i}",
            kind="school_social_work",
            municipality=draw(st.none() | st.sampled_from(places)),
            part_of=draw(st.none() | st.sampled_from(providers)) if providers else None,
            funding=draw(funding),
            active=Period(end=draw(st.sampled_from(ENDS))),
        )
        for i in range(draw(st.integers(0, 3)))
    ]
    actors = [*schools, *kitas, *offices, *posts]
    ties = _ties(draw, actors, schools, posts, funding)
    return EducationNetwork(
        name="Zufallskreis",
        reference_date=draw(st.sampled_from([STICHTAG, STICHTAG, None])),
        actors=actors,
        cooperations=ties,
        forums=_forums(draw, actors, funding),
        flows=_flows(draw, schools, kitas),
        interventions=_interventions(draw, actors, schools, places, funding),
        programmes=programmes,
    )


def _programmes(draw: st.DrawFn) -> list[Programme]:
    ends = draw(st.lists(st.sampled_from(ENDS), max_size=3))
    return [
        Programme(id=f"p{i}", name=f"Programm {i}", source="eu_esf_plus", period=Period(end=end))
        for i, end in enumerate(ends)
    ]


def _schools(draw: st.DrawFn, places: list[str], most: int) -> list[Actor]:
    schools = []
    for i in range(draw(st.integers(1, most))):
        form = draw(st.sampled_from(FORMS))
        profile = SchoolProfile(
            form=form,
            pupils=draw(st.none() | st.integers(0, 900)),
            absence_rate=draw(shares),
            without_qualification_rate=draw(shares),
        )
        prefix = "gs" if form == "grundschule" else "sek"
        schools.append(
            Actor(
                id=f"{prefix}{i}",
                name=f"{profile.form.label()} {i}",
                kind="school",
                school=profile,
                municipality=draw(st.sampled_from(places)),
            )
        )
    return schools


def _offices(draw: st.DrawFn, places: list[str], schools: list[Actor]) -> list[Actor]:
    offices = []
    for kind, (prefix, most) in OFFICES.items():
        for i in range(draw(st.integers(0, most))):
            parent = None
            if kind in {"counselling_teacher", "parents_council"} and draw(st.booleans()):
                parent = draw(st.sampled_from([s.id for s in schools]))
            offices.append(
                Actor(
                    id=f"{prefix}{i}",
                    name=f"{prefix.upper()} {i} e. V."
                    if kind == "youth_welfare_provider"
                    else f"{prefix.upper()} {i}",
                    kind=kind,
                    municipality=draw(st.none() | st.sampled_from(places)),
                    part_of=parent,
                    active=Period(end=draw(st.sampled_from(ENDS))),
                )
            )
    return offices


def _ties(draw, actors, schools, posts, funding) -> list[Cooperation]:
    ids = [a.id for a in actors]
    ties = []
    for post in posts:
        for school in draw(
            st.lists(st.sampled_from(schools), max_size=2, unique_by=lambda a: a.id)
        ):
            ties.append(
                Cooperation(
                    id=f"p-{school.id}-{post.id}",
                    actors=(school.id, post.id),
                    kind="placement",
                    intensity=draw(
                        st.none() | st.sampled_from(["awareness", "cooperation", "integration"])
                    ),
                    confirmed=draw(st.booleans() | st.just(True)),
                    funding=draw(funding),
                    period=Period(end=draw(st.sampled_from(ENDS))),
                )
            )
    if len(ids) >= 2:
        for number in range(draw(st.integers(0, 2 * len(ids)))):
            first, second = draw(
                st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)
            )
            scheduled = draw(st.booleans())
            ties.append(
                Cooperation(
                    id=f"c{number}",
                    actors=(first, second),
                    kind=draw(st.sampled_from(TIE_KINDS)),
                    confirmed=draw(st.booleans() | st.just(True)),
                    funding=draw(funding),
                    period=Period(end=draw(st.sampled_from(ENDS))),
                    schedule=_monthly() if scheduled else None,
                    last_contact=draw(st.sampled_from([date(2025, 1, 15), date(2025, 10, 1)]))
                    if scheduled
                    else None,
                )
            )
    return ties


def _monthly() -> MeetingSchedule:
    start = datetime(2024, 9, 11, 16, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    return MeetingSchedule(rule="FREQ=MONTHLY;BYDAY=2WE", start=start)


def _forums(draw, actors, funding) -> list[Forum]:
    ids = [a.id for a in actors]
    forums = []
    for number in range(draw(st.integers(0, 2 if len(ids) > 1 else 0))):
        members = draw(st.frozensets(st.sampled_from(ids), min_size=2, max_size=6))
        forums.append(
            Forum(
                id=f"ak{number}",
                name=f"Arbeitskreis {number}",
                kind=draw(st.sampled_from(["working_group", "transition_forum", "conference"])),
                members=members,
                funding=draw(funding),
                period=Period(end=draw(st.sampled_from(ENDS))),
            )
        )
    return forums


def _flows(draw, schools, kitas) -> list[TransitionFlow]:
    primaries = [s.id for s in schools if s.school.form.value == "grundschule"]
    secondaries = [s.id for s in schools if s.school.form.value in SECONDARY]
    pairs = [(k.id, p, "kita_to_primary") for k in kitas for p in primaries]
    pairs += [(p, s, "primary_to_secondary") for p in primaries for s in secondaries]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8)) if pairs else []
    return [
        TransitionFlow(
            source=source,
            target=target,
            year=2024,
            pupils=draw(st.integers(0, 40)),
            transition=kind,
        )
        for source, target, kind in chosen
    ]


def _interventions(draw, actors, schools, places, funding) -> list[Intervention]:
    providers = [
        a.id for a in actors if a.kind.value in {"youth_welfare_provider", "youth_welfare_office"}
    ]
    school_ids = [s.id for s in schools]
    measures = []
    for number in range(draw(st.integers(0, 3))):
        measures.append(
            Intervention(
                id=f"m{number}",
                name=f"Maßnahme {number}",
                tier=draw(st.sampled_from(["universal", "selective", "indicated"])),
                topics=draw(
                    st.frozensets(
                        st.sampled_from(["absenteeism", "inclusion", "migration", "parents"]),
                        min_size=1,
                        max_size=2,
                    )
                ),
                providers=draw(st.frozensets(st.sampled_from(providers), max_size=2))
                if providers
                else frozenset(),
                sites=draw(st.frozensets(st.sampled_from(school_ids), max_size=2)),
                municipalities=draw(st.frozensets(st.sampled_from(places), max_size=1)),
                funding=draw(funding),
                period=Period(end=draw(st.sampled_from(ENDS))),
            )
        )
    return measures


def shuffled(network: EducationNetwork, seed: int) -> EducationNetwork:
    """The same records, every collection in another order."""
    generator = random.Random(seed)
    changes = {}
    for name in ("actors", "cooperations", "forums", "flows", "interventions", "programmes"):
        items = list(getattr(network, name))
        generator.shuffle(items)
        changes[name] = tuple(items)
    return network.replace(**changes)
