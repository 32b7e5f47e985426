"""Hypothesis strategies that build valid records and networks."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from bildungsnetz import (
    Actor,
    ActorKind,
    Cooperation,
    CooperationKind,
    CooperationLevel,
    EducationNetwork,
    Formality,
    Forum,
    ForumKind,
    FundingSource,
    Identifier,
    Intensity,
    Intervention,
    Location,
    MeetingSchedule,
    Period,
    PreventionTier,
    Programme,
    SchoolForm,
    SchoolProfile,
    Stage,
    Topic,
    TransitionFlow,
    TransitionKind,
)
from bildungsnetz.model._lookalike import skeleton

ZONES = ["Europe/Berlin", "Europe/Vienna", "UTC", "America/New_York"]
RULES = [
    "FREQ=WEEKLY;BYDAY=TU",
    "FREQ=MONTHLY;BYDAY=1TU",
    "FREQ=DAILY;INTERVAL=14",
    "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15",
    "FREQ=WEEKLY;COUNT=10",
    "FREQ=MONTHLY;UNTIL=20300101T000000Z",
]

# Parts a rule may have beside FREQ, including some the words do not cover.
RULE_PARTS = {
    "INTERVAL": st.integers(1, 30).map(str),
    "BYDAY": st.lists(
        st.tuples(
            st.sampled_from(["", "1", "+2", "4", "-1", "-2", "20"]),
            st.sampled_from(["MO", "TU", "WE", "TH", "FR", "SA", "SU"]),
        ),
        min_size=1,
        max_size=3,
    ).map(lambda days: ",".join(f"{ordinal}{day}" for ordinal, day in days)),
    "BYMONTHDAY": st.lists(
        st.sampled_from([1, 13, 15, 31, -1, -2, -10]), min_size=1, max_size=3
    ).map(lambda days: ",".join(map(str, days))),
    "BYMONTH": st.lists(st.integers(1, 12), min_size=1, max_size=3).map(
        lambda months: ",".join(map(str, months))
    ),
    "COUNT": st.integers(1, 50).map(str),
    "UNTIL": st.sampled_from(["20300101T000000Z", "20251231T230000Z"]),
    "WKST": st.sampled_from(["MO", "SU"]),
    "BYSETPOS": st.sampled_from(["1", "-1"]),
    "BYHOUR": st.sampled_from(["9", "9,15"]),
    "BYWEEKNO": st.sampled_from(["1", "20"]),
    "BYYEARDAY": st.sampled_from(["100", "-1"]),
}

id_characters = st.characters(codec="utf-8", categories=("L", "N"), include_characters="-_.:/äöüß")
# Letters that show nothing (Hangul fillers): refused in ids like every invisible character.
_INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0"
ids = (
    st.text(id_characters, min_size=1, max_size=12)
    .map(lambda text: unicodedata.normalize("NFC", text))
    .filter(lambda text: text.strip() == text and len(text) <= 128 and text.isprintable())
    .filter(lambda text: not set(text) & set(_INVISIBLE_LETTERS))
)
# Names are one line: no controls, line separators, bidirectional overrides or isolates,
# byte order mark or noncharacters; at least one letter, digit, punctuation or symbol.
_NOT_IN_TEXT = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufff9\ufffa\ufffb"
_name_characters = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=_NOT_IN_TEXT
).filter(lambda character: (ord(character) & 0xFFFE) != 0xFFFE)
names = st.text(_name_characters, min_size=1, max_size=20).filter(
    lambda text: (
        any(unicodedata.category(c)[0] in "LNPS" and c not in _INVISIBLE_LETTERS for c in text)
        and not any(0xFDD0 <= ord(c) <= 0xFDEF for c in text)
    )
)
texts = st.text(_name_characters | st.sampled_from("\t\n\r"), max_size=20).filter(
    lambda text: not any(0xFDD0 <= ord(c) <= 0xFDEF for c in text)
)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
shares = st.none() | st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
ags = st.from_regex(r"(0[1-9]|1[0-6])[0-9]{6}", fullmatch=True)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Open, half-open or closed periods with start before end."""
    start = draw(st.none() | days)
    end = draw(st.none() | days)
    if start is not None and end is not None:
        if start == end:
            end = start + timedelta(days=1)
        elif start > end:
            start, end = end, start
    return Period(start=start, end=end)


@st.composite
def schedules(draw: st.DrawFn) -> MeetingSchedule:
    """Schedules with a zoned start, often near a daylight-saving switch."""
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    local = draw(
        st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31))
    ).replace(second=0, microsecond=0)
    start = local.replace(tzinfo=zone)
    # Skip wall times that do not exist in the zone (the spring-forward gap).
    utc = start.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if utc.replace(tzinfo=None) != local:
        start = (local + timedelta(hours=1)).replace(tzinfo=zone)
    return MeetingSchedule(rule=draw(st.sampled_from(RULES)), start=start)


@st.composite
def rule_texts(draw: st.DrawFn) -> str:
    """RRULE texts from FREQ and a few other parts, not all of which MeetingSchedule accepts."""
    frequency = draw(st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]))
    names = draw(st.lists(st.sampled_from(sorted(RULE_PARTS)), unique=True, max_size=4))
    if "COUNT" in names and "UNTIL" in names:
        names.remove("UNTIL")  # RFC 5545 forbids both; dateutil warns
    return ";".join([f"FREQ={frequency}", *(f"{name}={draw(RULE_PARTS[name])}" for name in names)])


school_profiles = st.builds(
    SchoolProfile,
    form=st.sampled_from(SchoolForm),
    stages=st.frozensets(st.sampled_from(Stage)),
    pupils=st.none() | st.integers(min_value=0, max_value=3000),
    public=st.booleans(),
    absence_rate=shares,
    without_qualification_rate=shares,
    special_needs_rate=shares,
    migration_rate=shares,
)


def _actor(actor_id: str, kind: ActorKind, draw: st.DrawFn, programmes: list[str]) -> Actor:
    return Actor(
        id=actor_id,
        name=draw(names),
        kind=kind,
        school=draw(school_profiles) if kind is ActorKind.SCHOOL else None,
        municipality=draw(st.none() | ags),
        location=draw(
            st.none()
            | st.builds(
                Location,
                lat=st.floats(-90, 90, allow_nan=False),
                lon=st.floats(-180, 180, allow_nan=False),
            )
        ),
        identifiers=draw(
            st.frozensets(st.builds(Identifier, scheme=names, value=names), max_size=2)
        ),
        active=draw(periods()),
        funding=draw(st.frozensets(st.sampled_from(programmes), max_size=2))
        if programmes
        else frozenset(),
        topics=draw(st.frozensets(st.sampled_from(Topic), max_size=3)),
        tags=draw(st.frozensets(names, max_size=2)),
        description=draw(texts),
    )


@st.composite
def networks(draw: st.DrawFn, *, max_actors: int = 8) -> EducationNetwork:
    """Valid networks with every kind of record and every optional field exercised."""
    programme_ids = draw(st.lists(ids, max_size=3, unique_by=skeleton))
    programmes = [
        Programme(
            id=programme_id,
            name=draw(names),
            source=draw(st.sampled_from(FundingSource)),
            period=draw(periods()),
            description=draw(texts),
        )
        for programme_id in programme_ids
    ]
    # Unique as a reader sees them: ids that look alike are refused like equal ones.
    actor_ids = draw(st.lists(ids, max_size=max_actors, unique_by=skeleton))
    actors = [
        _actor(actor_id, draw(st.sampled_from(ActorKind)), draw, programme_ids)
        for actor_id in actor_ids
    ]
    actors = _with_acyclic_parents(draw, actors)
    cooperations = draw(_cooperations(actor_ids, programme_ids))
    forums = draw(_forums(actor_ids, programme_ids))
    interventions = draw(_interventions(actor_ids, programme_ids))
    flows = _plausible_flows(draw, actors)
    return EducationNetwork(
        name=draw(names),
        region=draw(texts),
        reference_date=draw(st.none() | days),
        actors=actors,
        cooperations=cooperations,
        forums=forums,
        flows=flows,
        interventions=interventions,
        programmes=programmes,
        description=draw(texts),
    )


def _with_acyclic_parents(draw: st.DrawFn, actors: list[Actor]) -> list[Actor]:
    # A parent always comes earlier in the list, so part_of can never loop.
    result = []
    for position, actor in enumerate(actors):
        if position and draw(st.booleans()):
            parent = actors[draw(st.integers(0, position - 1))].id
            result.append(actor.model_copy(update={"part_of": parent}))
        else:
            result.append(actor)
    return result


@st.composite
def _cooperations(
    draw: st.DrawFn, actor_ids: list[str], programmes: list[str]
) -> list[Cooperation]:
    if len(actor_ids) < 2:
        return []
    count = draw(st.integers(0, 10))
    ties = []
    for number in range(count):
        first, second = draw(
            st.lists(st.sampled_from(actor_ids), min_size=2, max_size=2, unique=True)
        )
        ties.append(
            Cooperation(
                id=f"c{number}",
                actors=(first, second),
                kind=draw(st.sampled_from(CooperationKind)),
                directed=draw(st.booleans()),
                formality=draw(st.none() | st.sampled_from(Formality)),
                intensity=draw(st.none() | st.sampled_from(Intensity)),
                level=draw(st.none() | st.sampled_from(CooperationLevel)),
                period=draw(periods()),
                schedule=draw(st.none() | schedules()),
                last_contact=draw(st.none() | days),
                topics=draw(st.frozensets(st.sampled_from(Topic), max_size=3)),
                funding=draw(st.frozensets(st.sampled_from(programmes), max_size=2))
                if programmes
                else frozenset(),
                person_bound=draw(st.booleans()),
                confirmed=draw(st.booleans()),
                description=draw(texts),
            )
        )
    return ties


@st.composite
def _forums(draw: st.DrawFn, actor_ids: list[str], programmes: list[str]) -> list[Forum]:
    members = st.frozensets(st.sampled_from(actor_ids)) if actor_ids else st.just(frozenset())
    return [
        Forum(
            id=f"f{number}",
            name=draw(names),
            kind=draw(st.sampled_from(ForumKind)),
            convenor=draw(st.none() | st.sampled_from(actor_ids)) if actor_ids else None,
            members=draw(members),
            topics=draw(st.frozensets(st.sampled_from(Topic), max_size=3)),
            schedule=draw(st.none() | schedules()),
            period=draw(periods()),
            funding=draw(st.frozensets(st.sampled_from(programmes), max_size=2))
            if programmes
            else frozenset(),
            last_contact=draw(st.none() | days),
            description=draw(texts),
        )
        for number in range(draw(st.integers(0, 3)))
    ]


@st.composite
def _interventions(
    draw: st.DrawFn, actor_ids: list[str], programmes: list[str]
) -> list[Intervention]:
    some_actors = (
        st.frozensets(st.sampled_from(actor_ids), max_size=3) if actor_ids else st.just(frozenset())
    )
    return [
        Intervention(
            id=f"i{number}",
            name=draw(names),
            tier=draw(st.sampled_from(PreventionTier)),
            topics=draw(st.frozensets(st.sampled_from(Topic), max_size=3)),
            target_groups=draw(st.frozensets(names, max_size=2)),
            stages=draw(st.frozensets(st.sampled_from(Stage), max_size=2)),
            providers=draw(some_actors),
            sites=draw(some_actors),
            municipalities=draw(st.frozensets(ags, max_size=2)),
            period=draw(periods()),
            funding=draw(st.frozensets(st.sampled_from(programmes), max_size=2))
            if programmes
            else frozenset(),
            capacity=draw(st.none() | st.integers(0, 500)),
            participants=draw(st.none() | st.integers(0, 500)),
            description=draw(texts),
        )
        for number in range(draw(st.integers(0, 3)))
    ]


def _plausible_flows(draw: st.DrawFn, actors: list[Actor]) -> list[TransitionFlow]:
    daycares = [actor.id for actor in actors if actor.kind is ActorKind.DAYCARE]
    primaries = [
        actor.id
        for actor in actors
        if actor.school is not None and Stage.PRIMARY in actor.school.stages
    ]
    flows = []
    for source in daycares:
        for target in primaries:
            if draw(st.booleans()):
                flows.append(
                    TransitionFlow(
                        source=source,
                        target=target,
                        year=draw(st.integers(2015, 2030)),
                        pupils=draw(st.integers(0, 60)),
                        transition=TransitionKind.KITA_TO_PRIMARY,
                    )
                )
    return flows
