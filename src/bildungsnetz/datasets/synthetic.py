"""Synthetic education networks of any size, from one district to all of Germany.

:func:`synthetic` builds invented districts with the structure and proportions of
Musterkreis (see :mod:`bildungsnetz.datasets._musterkreis`): the same kinds of actors per
school, the same school forms in the same shares, about 1.8 Kitas per school, school
social work at about four schools in ten, the same kinds of ties drawn with the same
probabilities, transition flows, forums and interventions. Above the districts stands
one school authority per Land, tied to every school of its Land.

Every name, place and AGS is invented (the Regierungsbezirk digit 9 is used by no Land,
so no code belongs to a real municipality). The output depends only on ``n_schools``
and ``seed``: no global random state, no hash of strings.

Examples
--------
>>> from bildungsnetz.datasets import synthetic
>>> network = synthetic(80, seed=1)
>>> len(network.actors_of("school")), len(network.actors_of("daycare"))
(80, 144)
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from bildungsnetz.model import (
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
    Intensity,
    Intervention,
    Location,
    MeetingSchedule,
    Period,
    PreventionTier,
    Programme,
    SchoolForm,
    SchoolProfile,
    Topic,
    TransitionFlow,
    TransitionKind,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from bildungsnetz.datasets._musterkreis import Chances, Draw

__all__ = ["MAX_SCHOOLS", "SCHOOLS_PER_DISTRICT", "synthetic"]

MAX_SCHOOLS = 40_000
"""The largest ``n_schools``: about all schools of Germany."""

SCHOOLS_PER_DISTRICT = 80
"""Schools per district on average, as in Musterkreis."""

_GS = SchoolForm.GRUNDSCHULE
_SEK = SchoolForm.SEKUNDARSCHULE
_GEM = SchoolForm.GEMEINSCHAFTSSCHULE
_IGS = SchoolForm.GESAMTSCHULE
_GYM = SchoolForm.GYMNASIUM
_FOES = SchoolForm.FOERDERSCHULE
_BBS = SchoolForm.BERUFSBILDENDE_SCHULE
_LOWER = (_SEK, _GEM, _IGS)
_C = CooperationKind
_K = ActorKind
_T = TransitionKind


@dataclass(frozen=True, slots=True)
class _Land:
    code: int
    abbreviation: str
    name: str
    schools: int  # general schools, rounded; only the shares matter
    lat: float
    lon: float


# General schools per Land (Destatis, around 2023, rounded to show the proportions, not
# the exact counts) and an inland point of each Land for the invented coordinates.
_LAENDER = (
    _Land(1, "sh", "Schleswig-Holstein", 790, 54.2, 9.8),
    _Land(2, "hh", "Hamburg", 450, 53.55, 10.0),
    _Land(3, "ni", "Niedersachsen", 2900, 52.8, 9.2),
    _Land(4, "hb", "Bremen", 200, 53.1, 8.8),
    _Land(5, "nw", "Nordrhein-Westfalen", 5400, 51.5, 7.6),
    _Land(6, "he", "Hessen", 1800, 50.6, 9.0),
    _Land(7, "rp", "Rheinland-Pfalz", 1550, 49.9, 7.4),
    _Land(8, "bw", "Baden-Württemberg", 4500, 48.6, 9.0),
    _Land(9, "by", "Bayern", 4700, 48.9, 11.4),
    _Land(10, "sl", "Saarland", 320, 49.4, 6.95),
    _Land(11, "be", "Berlin", 900, 52.5, 13.4),
    _Land(12, "bb", "Brandenburg", 900, 52.4, 13.0),
    _Land(13, "mv", "Mecklenburg-Vorpommern", 560, 53.8, 12.5),
    _Land(14, "sn", "Sachsen", 1450, 51.0, 13.3),
    _Land(15, "st", "Sachsen-Anhalt", 860, 51.9, 11.7),
    _Land(16, "th", "Thüringen", 880, 50.9, 11.0),
)

# fmt: off
_NAME_STARTS = (
    "Linden", "Berg", "Auen", "Elster", "Mühl", "Rosen", "Falken", "Wiesen", "Birken", "Heide",
    "Eichen", "Buchen", "Erlen", "Tannen", "Weiden", "Stein", "Sonnen", "Kirch", "Hohen", "Neu",
    "Grün", "Wald", "Bach", "Hasel", "Kranich", "Lerchen", "Fichten", "Ulmen", "Espen", "Kiefern",
)
_NAME_ENDS = (
    "au", "berg", "feld", "heide", "walde", "brück", "hagen", "tal", "ried", "grund", "kamp",
    "dorf", "stedt", "hausen", "rode", "furt", "wiese", "born", "hof", "leben",
)
_STREETS = (
    "Am Markt", "Am Park", "An der Linde", "Am Sportplatz", "Nord", "Süd", "West", "Ost",
    "Am Schlossberg", "Am Anger", "An der Mühle", "Am Stadtwald", "Lindenstraße", "Am Bahnhof",
)
_KITA_NAMES = (
    "Sonnenschein", "Pusteblume", "Regenbogen", "Zwergenland", "Spatzennest", "Kleeblatt",
    "Löwenzahn", "Sternschnuppe", "Wirbelwind", "Märchenland", "Schatzkiste", "Wichtelhaus",
    "Bienenkorb", "Villa Kunterbunt", "Am Park", "Rasselbande", "Knirpsenland", "Kinderland",
)
# fmt: on
_LABEL = {
    _GS: "Grundschule",
    _SEK: "Sekundarschule",
    _GEM: "Gemeinschaftsschule",
    _IGS: "Gesamtschule",
    _GYM: "Gymnasium",
    _FOES: "Förderschule",
    _BBS: "Berufsbildende Schulen",
}
_SHORT = {_GS: "gs", _SEK: "sek", _GEM: "gem", _IGS: "igs", _GYM: "gym", _FOES: "foes", _BBS: "bbs"}
_PUPIL_RANGE = {
    _GS: (70, 360),
    _SEK: (220, 520),
    _GEM: (300, 560),
    _IGS: (600, 900),
    _GYM: (420, 900),
    _FOES: (60, 160),
    _BBS: (400, 1500),
}
_PARTNERS = (
    ("bib", "Stadtbibliothek", _K.OTHER),
    ("jugendclub", "Jugendclub", _K.ASSOCIATION),
    ("sv", "Sportverein", _K.ASSOCIATION),
    ("heimatverein", "Heimatverein", _K.ASSOCIATION),
)


# --- The proportions of Musterkreis ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Template:
    """What a synthetic district copies from Musterkreis."""

    draw: Callable[[int], Draw]
    chances: Chances
    tie_defaults: Mapping[CooperationKind, tuple[Formality, Intensity, CooperationLevel]]
    row_changes: Callable[[str], dict[str, Any]]
    central_actors: tuple[tuple[str, str, str, str, str], ...]
    core_ties: tuple[tuple[str, str, str, str, str], ...]
    town_names: tuple[str, ...]
    town_index: Mapping[str, int]
    form_counts: Mapping[SchoolForm, int]
    absence: Mapping[SchoolForm, tuple[float, float]]
    without_qualification: Mapping[SchoolForm, tuple[float, float]]
    special_needs: Mapping[SchoolForm, tuple[float, float]]
    migration: Mapping[str, tuple[float, float]]
    post_chance: Mapping[SchoolForm, float]
    shared_post_chance: float
    funding_keys: tuple[str, ...]
    kitas_per_school: float
    towns_per_school: float
    reference_date: date
    year: int
    esf: Period
    contact_days: tuple[date, ...]


@cache
def _template() -> _Template:
    # Read on first use, not at import: the datasets package imports this module, and
    # ``python -m bildungsnetz.datasets._musterkreis`` must not find _musterkreis imported
    # already (runpy would warn and run the module a second time).
    from bildungsnetz.datasets import _musterkreis as mk  # noqa: PLC0415

    form_of = {site[0]: site[2] for site in mk.SCHOOL_SITES}
    posts_at = Counter(form_of[post[1][0]] for post in mk.POSTS)
    # Every main site of a BBS has a post in Musterkreis; its two further sites have none.
    post_chance = {form: posts_at[form] / mk.FORM_COUNTS[form] for form in mk.FORM_COUNTS}
    post_chance[_BBS] = 1.0
    reference = mk.REFERENCE_DATE
    return _Template(
        draw=mk.Draw,
        chances=mk.CHANCES,
        tie_defaults=mk.TIE_DEFAULTS,
        row_changes=mk.row_changes,
        central_actors=mk.CENTRAL_ACTORS,
        core_ties=mk.CORE_TIES,
        town_names=tuple(town.name for town in mk.TOWNS),
        town_index={town.key: index for index, town in enumerate(mk.TOWNS)},
        form_counts=mk.FORM_COUNTS,
        absence=mk.ABSENCE,
        without_qualification=mk.WITHOUT_QUALIFICATION,
        special_needs=mk.SPECIAL_NEEDS,
        migration=mk.MIGRATION,
        post_chance=post_chance,
        shared_post_chance=sum(len(post[1]) > 1 for post in mk.POSTS) / posts_at[_GS],
        funding_keys=tuple(post[3] for post in mk.POSTS),
        kitas_per_school=sum(mk.KITAS.values()) / len(mk.SCHOOL_SITES),
        towns_per_school=len(mk.TOWNS) / len(mk.SCHOOL_SITES),
        reference_date=reference,
        year=mk.YEAR,
        esf=Period(start=mk.ESF_START, end=mk.ESF_END),
        contact_days=tuple(
            date.fromordinal(reference.toordinal() - days) for days in range(2, 241)
        ),
    )


# Musterkreis has three schools without parents' council (of 76 with their own), three of
# 34 secondary schools without career guidance, one of 44 Grundschulen that ignores its
# Kitas, one big transition without cooperation and one school tied to its authority only.
_NO_PARENTS_CHANCE = 3 / 76
_NO_CAREER_CHANCE = 3 / 34
_IGNORES_KITAS_CHANCE = 1 / 44
_UNMATCHED_FLOW_CHANCE = 1 / 90
_ISOLATED_CHANCE = 1 / 78
_COUNSELLING_CHANCE = 12 / 23
_HIGH_NEED_CHANCE = 4 / 11
_SIZEABLE = 5
_HIGH_ABSENCE = 0.12
_BERLIN = ZoneInfo("Europe/Berlin")

_WRITTEN = Formality.WRITTEN
_VERBAL = Formality.VERBAL
_STRATEGIC = CooperationLevel.STRATEGIC
_COOPERATION = Intensity.COOPERATION
_COORDINATION = Intensity.COORDINATION
_INTEGRATION = Intensity.INTEGRATION
_LEAVING = frozenset(
    {TransitionKind.SECONDARY_TO_VOCATIONAL, TransitionKind.SECONDARY_TO_UPPER_SECONDARY}
)
_FUNDING = {
    "esf": frozenset({"esf-plus"}),
    "mixed": frozenset({"esf-plus", "land", "haushalt"}),
    "district": frozenset({"haushalt"}),
    "state": frozenset({"land"}),
}


# --- Records without a second validation ----------------------------------------------

_Model = TypeVar("_Model", bound=BaseModel)


class _Trusted(Generic[_Model]):
    """Make records of one model from values that are valid already, without validation.

    A validated tie costs about 13 µs and 1.8 kB, a constructed one 6 µs and 0.55 kB (the
    set of given fields is shared). For all of Germany that is 38 s and 2.8 GB at peak
    against 31 s and 1.5 GB: memory the analyses that follow need. This module only
    passes enum members, frozensets, tuples and validated sub-records, every field
    explicitly; the tests compare the result with a fully validated rebuild, type by type.
    """

    def __init__(self, model: type[_Model]) -> None:
        self._model = model
        fields = model.model_fields
        for name, info in fields.items():
            # A default factory would be called anew per record; none of ours has one.
            assert info.default_factory is None, name
        self._defaults = {
            name: info.default for name, info in fields.items() if not info.is_required()
        }
        self._names = frozenset(fields)
        self._given = set(fields)

    def __call__(self, **values: Any) -> _Model:
        unknown = values.keys() - self._names
        if unknown:
            msg = f"{self._model.__name__} has no fields {sorted(unknown)}"
            raise TypeError(msg)
        return self._model.model_construct(self._given, **{**self._defaults, **values})


_ACTOR = _Trusted(Actor)
_TIE = _Trusted(Cooperation)
_FLOW = _Trusted(TransitionFlow)


@cache
def _topics(words: str) -> frozenset[Topic]:
    # Shared per combination: a million ties need only a few dozen sets.
    return frozenset(Topic(word) for word in words.split())


@cache
def _since(year: int, month: int = 8) -> Period:
    return Period(start=date(year, month, 1))


@cache
def _period(start: date | None, end: date | None) -> Period:
    return Period(start=start, end=end)


_SCHOOL_SUPERVISION = Period(start=date(2008, 1, 1))
_FOREVER = Period()


# --- The plan: districts per Land, schools per district --------------------------------


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` by largest remainders (Hamilton)."""
    whole = sum(weights)
    quotas = [total * weight / whole for weight in weights]
    counts = [math.floor(quota) for quota in quotas]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts


@dataclass(frozen=True, slots=True)
class _Plan:
    land: _Land
    number: int  # within the Land, from 1
    schools: int


def _plan(n_schools: int, draw: Draw) -> list[_Plan]:
    districts = max(1, round(n_schools / SCHOOLS_PER_DISTRICT))
    per_land = _apportion(districts, [land.schools for land in _LAENDER])
    lands = [land for land, count in zip(_LAENDER, per_land, strict=True) for _ in range(count)]
    weights = [draw.uniform(0.7, 1.3) for _ in lands]
    extra = _apportion(n_schools - districts, weights)
    plans: list[_Plan] = []
    numbers: dict[int, int] = {}
    for land, schools in zip(lands, extra, strict=True):
        numbers[land.code] = numbers.get(land.code, 0) + 1
        plans.append(_Plan(land, numbers[land.code], schools + 1))
    return plans


@dataclass(slots=True)
class _Records:
    actors: list[Actor] = field(default_factory=list)
    cooperations: list[Cooperation] = field(default_factory=list)
    forums: list[Forum] = field(default_factory=list)
    flows: list[TransitionFlow] = field(default_factory=list)
    interventions: list[Intervention] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)


@dataclass(slots=True)
class _Place:
    id: str
    name: str
    ags: str
    lat: float
    lon: float
    primaries: list[str] = field(default_factory=list)
    partner: str = ""


@dataclass(slots=True)
class _School:
    id: str
    form: SchoolForm
    place: _Place
    profile: SchoolProfile
    pupils: int
    site_of: str | None = None
    council: str | None = None
    posts: list[str] = field(default_factory=list)
    counsellor: str | None = None
    isolated: bool = False
    ignores_kitas: bool = False


# --- One district ---------------------------------------------------------------------


class _District:
    """Draws one district into the shared records, section by section."""

    def __init__(
        self, out: _Records, draw: Draw, plan: _Plan, authority: str, template: _Template
    ) -> None:
        self.t = template
        self.out = out
        self.draw = draw
        self.plan = plan
        land = plan.land
        self.prefix = f"{land.abbreviation}{plan.number:02d}"
        # Land, Regierungsbezirk 9 (used by no Land, so no real AGS), Kreis: two digits
        # suffice, as Nordrhein-Westfalen, the largest Land, gets 96 districts at most.
        assert plan.number < 100, plan  # noqa: PLR2004
        self.code = f"{land.code:02d}9{plan.number:02d}"
        self.lat = land.lat + draw.uniform(-0.8, 0.8)
        self.lon = land.lon + draw.uniform(-1.0, 1.0)
        self.places: list[_Place] = []
        self.schools: list[_School] = []
        self.kitas: list[tuple[str, _Place, str]] = []  # id, municipality, home Grundschule
        self.first_flow = 0
        self.posts: dict[str, tuple[list[str], Period, frozenset[str]]] = {}
        self.keys: set[tuple[CooperationKind, str, str]] = set()
        self.isolated: set[str] = set()
        self.count = 0
        self.ids = {row[0]: f"{self.prefix}-{row[0]}" for row in template.central_actors}
        self.ids["lsa"] = authority
        self.budget = f"{self.prefix}-haushalt"
        self.funding = {
            key: frozenset(
                {"land": f"land-{land.abbreviation}", "haushalt": self.budget}.get(item, item)
                for item in items
            )
            for key, items in _FUNDING.items()
        }
        self.name = ""
        self.names: dict[str, str] = {}

    def build(self) -> None:
        self.add_places()
        self.add_central()
        self.add_schools()
        self.add_kitas()
        self.add_posts()
        self.add_councils()
        self.add_flows()
        self.add_core_ties()
        self.add_post_ties()
        self.add_school_ties()
        self.add_kita_ties()
        self.add_flow_ties()
        self.add_forums()
        self.add_interventions()
        self.out.programmes.append(
            Programme(id=self.budget, name=f"Haushalt {self.name}", source=FundingSource.DISTRICT)
        )

    # Records ----------------------------------------------------------------------

    def near(self, lat: float, lon: float, spread: float) -> Location:
        return Location(
            lat=round(lat + self.draw.uniform(-spread, spread), 4),
            lon=round(lon + self.draw.uniform(-spread, spread), 4),
        )

    def actor(
        self, actor_id: str, name: str, kind: ActorKind, place: _Place, **fields: Any
    ) -> None:
        self.names[actor_id] = name
        self.out.actors.append(
            _ACTOR(
                id=actor_id,
                name=name,
                kind=kind,
                municipality=place.ags,
                location=self.near(place.lat, place.lon, 0.02),
                **fields,
            )
        )

    def tie(
        self, kind: CooperationKind, first: str, second: str, topics: str = "", **changes: Any
    ) -> None:
        low, high = (first, second) if first < second else (second, first)
        key = (kind, low, high)
        # An isolated school keeps only its tie to the school authority (kind "other").
        isolated = low in self.isolated or high in self.isolated
        if key in self.keys or (isolated and kind is not _C.OTHER):
            return
        self.keys.add(key)
        self.count += 1
        formality, intensity, level = self.t.tie_defaults[kind]
        values: dict[str, Any] = {
            "id": f"{self.prefix}-c{self.count:05d}",
            "actors": (first, second),
            "kind": kind,
            "formality": formality,
            "intensity": intensity,
            "level": level,
            "last_contact": self.t.contact_days[int(self.draw.unit() * len(self.t.contact_days))],
            "topics": _topics(topics),
        }
        values.update(changes)
        self.out.cooperations.append(_TIE(**values))

    def flow(self, source: str, target: str, pupils: int, transition: TransitionKind) -> None:
        self.out.flows.append(
            _FLOW(
                source=source, target=target, year=self.t.year, pupils=pupils, transition=transition
            )
        )

    def since(self, first: int, last: int) -> Period:
        return _since(self.draw.integer(first, last))

    # Actors -----------------------------------------------------------------------

    def add_places(self) -> None:
        count = max(1, round(self.plan.schools * self.t.towns_per_school))
        names: list[str] = []
        while len(names) < count:
            name = self.draw.pick(_NAME_STARTS) + self.draw.pick(_NAME_ENDS)
            if name not in names:
                names.append(name)
        for number, name in enumerate(names, start=1):
            spread = 0.0 if number == 1 else 0.2
            self.places.append(
                _Place(
                    id=f"{self.prefix}-ort{number:02d}",
                    name=name,
                    ags=f"{self.code}{number:03d}",
                    lat=round(self.lat + self.draw.uniform(-spread, spread), 4),
                    lon=round(self.lon + self.draw.uniform(-spread, spread), 4),
                )
            )
        self.name = f"Landkreis {names[0]}"

    def add_central(self) -> None:
        renames = {
            town: self.places[index % len(self.places)].name
            for index, town in enumerate(self.t.town_names)
        }
        renames["Musterkreis"] = self.name
        special_funding = {
            "nws": self.funding["mixed"],
            "brafo": self.funding["mixed"] - {self.budget},
            "jmd": frozenset({"bund-jmd"}),
        }
        for actor_id, name, kind, town, parent in self.t.central_actors:
            if actor_id == "lsa":
                continue  # the school authority of the Land stands above the districts
            for old, new in renames.items():
                name = name.replace(old, new)  # noqa: PLW2901 (the row's name, localised)
            self.actor(
                self.ids[actor_id],
                name,
                ActorKind(kind),
                self.places[self.t.town_index[town] % len(self.places)],
                part_of=self.ids[parent] if parent else None,
                funding=special_funding.get(actor_id, frozenset()),
            )
        for number, place in enumerate(self.places):
            kind = "Stadt" if number == 0 else "Gemeinde"
            self.actor(place.id, f"{kind} {place.name}", _K.MUNICIPALITY, place)
            short, label, partner_kind = _PARTNERS[number % len(_PARTNERS)]
            place.partner = f"{self.prefix}-{short}{number + 1:02d}"
            self.actor(place.partner, f"{label} {place.name}", partner_kind, place)

    def add_schools(self) -> None:
        counts = _apportion(self.plan.schools, list(self.t.form_counts.values()))
        weights = [
            3.0 if number == 0 else self.draw.uniform(0.6, 1.4)
            for number in range(len(self.places))
        ]
        for form, count in zip(self.t.form_counts, counts, strict=True):
            if form is _GS:
                spread = _apportion(count, weights)
                places = [p for p, k in zip(self.places, spread, strict=True) for _ in range(k)]
            else:
                places = [self.places[self.weighted(weights)] for _ in range(count)]
            for number, place in enumerate(places, start=1):
                self.add_school(form, number, place)

    def weighted(self, weights: Sequence[float]) -> int:
        target = self.draw.unit() * sum(weights)
        for index, weight in enumerate(weights):
            target -= weight
            if target < 0:
                return index
        return len(weights) - 1

    def add_school(self, form: SchoolForm, number: int, place: _Place) -> None:
        school_id = f"{self.prefix}-{_SHORT[form]}{number:02d}"
        main = next((s.id for s in self.schools if s.form is _BBS), None) if form is _BBS else None
        same = sum(1 for s in self.schools if s.form is form and s.place is place)
        label = _LABEL[form]
        if main is not None:
            name = f"{_LABEL[_BBS]} {self.name}, Standort {place.name}"
        elif form is _BBS:
            name = f"{label} {self.name}"
        elif same:
            name = f"{label} {_STREETS[same % len(_STREETS)]} {place.name}"
        else:
            name = f"{label} {place.name}"
        profile = self.profile(form, place)
        assert profile.pupils is not None
        school = _School(school_id, form, place, profile, profile.pupils, site_of=main)
        school.isolated = self.draw.chance(_ISOLATED_CHANCE)
        if school.isolated:
            self.isolated.add(school_id)
        school.ignores_kitas = form is _GS and self.draw.chance(_IGNORES_KITAS_CHANCE)
        self.schools.append(school)
        if form is _GS:
            place.primaries.append(school_id)
        self.actor(
            school_id,
            name,
            _K.SCHOOL,
            place,
            school=profile,
            part_of=main,
            tags=frozenset({"Standort"}) if main else frozenset(),
        )

    def profile(self, form: SchoolForm, place: _Place) -> SchoolProfile:
        pupils = self.draw.integer(*_PUPIL_RANGE[form])
        size = "city" if place is self.places[0] else "town"
        without_range = self.t.without_qualification.get(form)
        absence = round(self.draw.uniform(*self.t.absence[form]), 3)
        without = None if without_range is None else round(self.draw.uniform(*without_range), 3)
        if form is _SEK and self.draw.chance(_HIGH_NEED_CHANCE):
            absence = round(self.draw.uniform(0.12, 0.17), 3)
            without = round(self.draw.uniform(0.18, 0.26), 3)
        return SchoolProfile(
            form=form,
            pupils=pupils,
            absence_rate=absence,
            without_qualification_rate=without,
            special_needs_rate=round(self.draw.uniform(*self.t.special_needs[form]), 3),
            migration_rate=round(self.draw.uniform(*self.t.migration[size]), 3),
        )

    def add_kitas(self) -> None:
        primaries = [school.id for school in self.schools if school.form is _GS]
        place_of = {school.id: school.place for school in self.schools}
        provider = self.ids["jh-regenbogen"]
        for number in range(round(self.plan.schools * self.t.kitas_per_school)):
            home = primaries[number % len(primaries)]
            place = place_of[home]
            kita_id = f"{self.prefix}-kita{number + 1:03d}"
            name = f"Kita {_KITA_NAMES[number % len(_KITA_NAMES)]} {place.name}"
            if number >= len(_KITA_NAMES):
                name = f"{name} {number // len(_KITA_NAMES) + 1}"
            # Most Kitas are run by their municipality, every third by a provider.
            parent = provider if number % 3 == 2 else place.id  # noqa: PLR2004
            self.actor(kita_id, name, _K.DAYCARE, place, part_of=parent)
            self.kitas.append((kita_id, place, home))

    def add_posts(self) -> None:
        providers = [self.ids[provider] for provider in _PROVIDERS]
        for school in self.schools:
            chance = 1.0 if school.form is _BBS else self.t.post_chance[school.form]
            if school.site_of or school.posts or school.isolated or not self.draw.chance(chance):
                continue
            served = [school]
            partner = self.free_neighbour(school)
            if partner is not None and self.draw.chance(self.t.shared_post_chance):
                served.append(partner)
            post_id = f"{self.prefix}-ssa{len(self.posts) + 1:02d}"
            key = self.draw.pick(self.t.funding_keys)
            if key == "esf":
                esf = self.t.esf
                start = date(2022, 8, 1) if self.draw.chance(0.5) else esf.start
                active = _period(start, esf.end)
            else:
                active = self.since(2009, 2023)
            names = " und ".join(self.names[s.id] for s in served)
            self.actor(
                post_id,
                f"Schulsozialarbeit {names}",
                _K.SCHOOL_SOCIAL_WORK,
                school.place,
                part_of=providers[len(self.posts) % len(providers)],
                funding=self.funding[key],
                active=active,
                topics=_topics("absenteeism parents child_protection"),
            )
            for each in served:
                each.posts.append(post_id)
            self.posts[post_id] = ([s.id for s in served], active, self.funding[key])

    def free_neighbour(self, school: _School) -> _School | None:
        if school.form is not _GS:
            return None
        return next(
            (
                other
                for other in self.schools
                if other.form is _GS
                and other.place is school.place
                and not other.isolated
                and not other.posts
                and other is not school
            ),
            None,
        )

    def add_councils(self) -> None:
        for school in self.schools:
            if school.site_of or school.isolated or self.draw.chance(_NO_PARENTS_CHANCE):
                continue
            school.council = f"{school.id}-ser"
            self.actor(
                school.council,
                f"Schulelternrat {self.names[school.id]}",
                _K.PARENTS_COUNCIL,
                school.place,
                part_of=school.id,
            )
        for school in self.schools:
            counselling = school.form in {_SEK, _GEM, _IGS, _GYM} and not school.isolated
            if counselling and self.draw.chance(_COUNSELLING_CHANCE):
                school.counsellor = f"{school.id}-blk"
                self.actor(
                    school.counsellor,
                    f"Beratungslehrkraft {self.names[school.id]}",
                    _K.COUNSELLING_TEACHER,
                    school.place,
                    part_of=school.id,
                )

    # Flows ------------------------------------------------------------------------

    def of_form(self, *forms: SchoolForm) -> list[_School]:
        return [school for school in self.schools if school.form in forms]

    def nearest(self, place: _Place, candidates: list[_School]) -> _School | None:
        local = [school for school in candidates if school.place is place]
        pool = local or candidates
        return pool[int(self.draw.unit() * len(pool))] if pool else None

    def add_flows(self) -> None:
        self.first_flow = len(self.out.flows)
        self.add_kita_flows()
        lower = self.of_form(*_LOWER)
        gymnasia = self.of_form(_GYM)
        special = self.of_form(_FOES)
        for school in self.of_form(_GS):
            self.primary_flows(school, lower, gymnasia, special)
        for school in self.schools:
            self.leaver_flows(school, gymnasia)

    def add_kita_flows(self) -> None:
        pupils = {school.id: school.pupils for school in self.schools}
        homes: dict[str, int] = {}
        for _kita, _place, home in self.kitas:
            homes[home] = homes.get(home, 0) + 1
        for kita, place, home in self.kitas:
            primaries = place.primaries
            position = primaries.index(home)
            base = pupils[home] / 4 * 0.85 / homes[home]
            self.flow(
                kita, home, max(5, round(base * self.draw.uniform(0.75, 1.25))), _T.KITA_TO_PRIMARY
            )
            for step, chance, most in ((1, 0.7, 4), (2, 0.3, 2)):
                if len(primaries) > step and self.draw.chance(chance):
                    other = primaries[(position + step) % len(primaries)]
                    self.flow(kita, other, self.draw.integer(1, most), _T.KITA_TO_PRIMARY)

    def primary_flows(
        self, school: _School, lower: list[_School], gymnasia: list[_School], special: list[_School]
    ) -> None:
        cohort = round(school.pupils / 4 * self.draw.uniform(0.95, 1.02))
        main = self.nearest(school.place, lower)
        gymnasium = self.nearest(school.place, gymnasia)
        targets: list[tuple[_School, int]] = []
        if gymnasium is not None:
            share = self.draw.uniform(0.28, 0.44) if main is not None else 1.0
            targets.append((gymnasium, round(cohort * share)))
        further = [other for other in lower if other is not main]
        if further:
            targets.append((further[int(self.draw.unit() * len(further))], self.draw.integer(1, 4)))
        if special and self.draw.chance(0.5):
            target = self.nearest(school.place, special)
            assert target is not None
            self.flow(school.id, target.id, self.draw.integer(1, 2), _T.REGULAR_TO_SPECIAL)
        if main is not None:
            targets.insert(0, (main, cohort - sum(count for _, count in targets)))
        for target, count in targets:
            if count > 0:
                self.flow(school.id, target.id, count, _T.PRIMARY_TO_SECONDARY)

    def leaver_flows(self, school: _School, gymnasia: list[_School]) -> None:
        vocational = self.nearest(school.place, self.of_form(_BBS))
        if vocational is not None and school.form in {*_LOWER, _FOES, _GYM}:
            share = {_GYM: 0.01, _FOES: 0.06}.get(school.form, 0.1)
            leavers = max(1, round(school.pupils * share * self.draw.uniform(0.8, 1.2)))
            self.flow(school.id, vocational.id, leavers, _T.SECONDARY_TO_VOCATIONAL)
        if school.form is _SEK and gymnasia:
            target = self.nearest(school.place, gymnasia)
            assert target is not None
            self.flow(
                school.id, target.id, self.draw.integer(2, 7), _T.SECONDARY_TO_UPPER_SECONDARY
            )
        if school.form is _FOES:
            back = self.nearest(school.place, self.of_form(_GS, *_LOWER))
            if back is not None:
                self.flow(school.id, back.id, self.draw.integer(1, 2), _T.SPECIAL_TO_REGULAR)

    # Ties -------------------------------------------------------------------------

    def add_core_ties(self) -> None:
        for kind, first, second, topics, flags in self.t.core_ties:
            if first in self.ids and second in self.ids:
                changes = self.t.row_changes(flags)
                changes["period"] = self.since(2009, 2019)
                self.tie(_C(kind), self.ids[first], self.ids[second], topics, **changes)
        ids = self.ids
        for provider in _PROVIDERS:
            nws_period, ja_period = self.since(2009, 2016), self.since(2005, 2015)
            self.tie(_C.AGREEMENT, ids["nws"], ids[provider], "absenteeism", period=nws_period)
            self.tie(_C.AGREEMENT, ids["ja"], ids[provider], "child_protection", period=ja_period)
        for place in self.places:
            self.tie(_C.INFORMATION_EXCHANGE, self.ids["nws"], place.id, "transition")
            self.tie(
                _C.AGREEMENT, self.ids["bb"], place.id, "transition", period=self.since(2015, 2018)
            )
            self.tie(_C.INFORMATION_EXCHANGE, self.ids["kv"], place.id)

    def add_post_ties(self) -> None:
        ids = self.ids
        primary = {school.id for school in self.of_form(_GS)}
        clubs = {
            school_id: s.place.partner
            for s in self.schools
            for school_id in [s.id]
            if "-jugendclub" in s.place.partner
        }
        for post_id, (schools, active, funding) in self.posts.items():
            for school_id in schools:
                self.tie(
                    _C.PLACEMENT,
                    post_id,
                    school_id,
                    "absenteeism parents",
                    period=active,
                    funding=funding,
                )
            self.tie(_C.CONSULTATION, ids["nws"], post_id, "absenteeism", period=active)
            self.tie(
                _C.CASE_WORK, post_id, ids["ja"], "child_protection absenteeism", period=active
            )
            self.tie(_C.CONSULTATION, post_id, ids["spb"], "school_refusal", period=active)
            if schools[0] in primary:
                self.tie(_C.REFERRAL, post_id, ids["eb"], "parents", directed=True, period=active)
            elif self.draw.chance(self.t.chances.post_to_psychiatry):
                self.tie(
                    _C.REFERRAL, post_id, ids["kjp"], "mental_health", directed=True, period=active
                )
            club = clubs.get(schools[0])
            if club and self.draw.chance(self.t.chances.post_to_youth_club):
                self.tie(_C.JOINT_PROJECT, post_id, club, "participation", period=active)

    def add_school_ties(self) -> None:
        for school in self.schools:
            self.tie(
                _C.OTHER,
                self.ids["lsa"],
                school.id,
                description="Schulaufsicht",
                period=_SCHOOL_SUPERVISION,
            )
            if school.isolated:
                continue
            self.parent_ties(school)
            self.support_ties(school)
            self.partner_ties(school)
            self.career_ties(school)
            self.migration_and_health_ties(school)
            if school.counsellor:
                self.counsellor_ties(school, school.counsellor)
        for place in self.places:
            for first, second in zip(place.primaries, place.primaries[1:], strict=False):
                if self.draw.chance(self.t.chances.primary_pair):
                    self.tie(_C.JOINT_PROJECT, first, second, "transition")

    def parent_ties(self, school: _School) -> None:
        council = school.council
        if school.site_of:
            council = next((s.council for s in self.schools if s.id == school.site_of), None)
        if council is None:
            return
        self.tie(
            _C.CONSULTATION, school.id, council, "parents", formality=_WRITTEN, level=_STRATEGIC
        )
        if not school.site_of:
            self.tie(_C.INFORMATION_EXCHANGE, council, self.ids["ker"], "parents", level=_STRATEGIC)

    def support_ties(self, school: _School) -> None:
        ids = self.ids
        primary = school.form is _GS
        self.tie(
            _C.INFORMATION_EXCHANGE,
            ids["nws"],
            school.id,
            "transition" if primary else "absenteeism",
        )
        if not primary or self.draw.chance(self.t.chances.primary_to_office):
            self.tie(
                _C.AGREEMENT,
                school.id,
                ids["ja"],
                "child_protection absenteeism",
                period=self.since(2012, 2022),
            )
        if not primary or self.draw.chance(self.t.chances.primary_to_office):
            self.tie(_C.CONSULTATION, school.id, ids["spb"], "school_refusal")
        if primary or school.form is _FOES:
            self.tie(
                _C.INFORMATION_EXCHANGE,
                school.id,
                ids["ga"],
                "early_childhood" if primary else "inclusion",
            )
        if primary:
            self.tie(_C.CONSULTATION, school.id, ids["eb"], "parents")
            special = self.nearest(school.place, self.of_form(_FOES))
            if special is not None:
                self.tie(
                    _C.CONSULTATION,
                    special.id,
                    school.id,
                    "inclusion",
                    description="Mobiler Sonderpädagogischer Dienst",
                )

    def partner_ties(self, school: _School) -> None:
        if self.draw.chance(self.t.chances.school_to_local_partner):
            self.tie(_C.JOINT_PROJECT, school.id, school.place.partner, "participation")
        for partner, chance in self.t.chances.school_to_district_partner:
            if self.draw.chance(chance):
                self.tie(_C.JOINT_PROJECT, school.id, self.ids[partner])

    def career_ties(self, school: _School) -> None:
        lower = school.form in _LOWER
        if school.form is _GS or (
            (lower or school.form in {_GYM, _FOES}) and self.draw.chance(_NO_CAREER_CHANCE)
        ):
            return
        if lower or school.form is _FOES:
            self.tie(
                _C.JOINT_PROJECT,
                self.ids["brafo"],
                school.id,
                "career_orientation",
                formality=_WRITTEN,
            )
        self.tie(_C.CONSULTATION, self.ids["bo-aa"], school.id, "career_orientation")
        if school.form is _BBS or (lower and school.place is self.places[0]):
            self.tie(_C.JOINT_PROJECT, self.ids["jba"], school.id, "career_orientation transition")

    def migration_and_health_ties(self, school: _School) -> None:
        profile = school.profile
        migration = profile.migration_rate or 0.0
        if migration >= 0.12:  # noqa: PLR2004 (a high share, as in Musterkreis)
            self.tie(_C.INFORMATION_EXCHANGE, school.id, self.ids["jmd"], "migration language")
        if migration >= 0.15:  # noqa: PLR2004 (a very high share)
            self.tie(_C.INFORMATION_EXCHANGE, self.ids["mia"], school.id, "migration parents")
        absence = profile.absence_rate or 0.0
        if school.form in {*_LOWER, _FOES} and absence >= 0.09:  # noqa: PLR2004
            self.tie(_C.CONSULTATION, self.ids["kjp"], school.id, "mental_health school_refusal")

    def counsellor_ties(self, school: _School, teacher: str) -> None:
        self.tie(_C.INFORMATION_EXCHANGE, teacher, school.id, intensity=_INTEGRATION)
        self.tie(_C.CONSULTATION, self.ids["spb"], teacher, "school_refusal mental_health")
        for post_id in school.posts:
            self.tie(_C.CASE_WORK, teacher, post_id, "absenteeism", period=self.posts[post_id][1])

    def add_kita_ties(self) -> None:
        ids = self.ids
        for kita, place, _home in self.kitas:
            self.tie(
                _C.AGREEMENT,
                kita,
                ids["ja"],
                "child_protection",
                description="Vereinbarung nach § 8a SGB VIII",
                period=self.since(2012, 2020),
            )
            self.tie(_C.INFORMATION_EXCHANGE, kita, ids["ga"], "early_childhood")
            self.tie(_C.CONSULTATION, ids["kfb"], kita, "early_childhood")
            if self.draw.chance(self.t.chances.kita_to_counselling):
                self.tie(_C.CONSULTATION, kita, ids["eb"], "parents")
            if self.draw.chance(self.t.chances.kita_to_early_support):
                self.tie(_C.CONSULTATION, ids["ffs"], kita, "inclusion early_childhood")
            for partner, chance in self.t.chances.kita_to_district_partner:
                if self.draw.chance(chance):
                    self.tie(_C.JOINT_PROJECT, kita, ids[partner])
            if self.draw.chance(self.t.chances.kita_to_local_partner):
                self.tie(_C.JOINT_PROJECT, kita, place.partner, "language")

    def add_flow_ties(self) -> None:
        ignoring = {school.id for school in self.schools if school.ignores_kitas}
        for flow in self.out.flows[self.first_flow :]:
            kind = flow.transition
            small = flow.pupils < _SIZEABLE
            if kind is _T.KITA_TO_PRIMARY:
                if flow.target in ignoring or (
                    small and not self.draw.chance(self.t.chances.small_kita_flow)
                ):
                    continue
                self.transition_tie(flow.source, flow.target, "transition early_childhood", 0.75)
            elif kind is _T.PRIMARY_TO_SECONDARY:
                chance = self.t.chances.small_primary_flow if small else 1 - _UNMATCHED_FLOW_CHANCE
                if self.draw.chance(chance):
                    self.transition_tie(flow.source, flow.target, "transition", 0.4)
            elif kind in _LEAVING and (
                not small or self.draw.chance(self.t.chances.small_leaver_flow)
            ):
                self.transition_tie(flow.source, flow.target, "transition career_orientation", 0.4)

    def transition_tie(self, source: str, target: str, topics: str, written: float) -> None:
        formality = _WRITTEN if self.draw.chance(written) else _VERBAL
        intensity = _COORDINATION if self.draw.chance(0.3) else _COOPERATION
        self.tie(
            _C.TRANSITION,
            source,
            target,
            topics,
            formality=formality,
            intensity=intensity,
            period=self.since(2014, 2023),
        )

    # Forums and interventions -----------------------------------------------------

    def add_forums(self) -> None:
        ids = self.ids
        posts = list(self.posts)
        lower = [school.id for school in self.of_form(*_LOWER)]
        seat = self.places[0]
        transition = [kita for kita, place, _home in self.kitas if place is seat]
        conference = [
            actor_id
            for actor_id in self.names
            if not actor_id.endswith(("-ser", "-blk")) and actor_id != ids["bb"]
        ]
        providers = [ids[p] for p in _PROVIDERS]
        case_posts = [post for post, (schools, _, _) in self.posts.items() if schools[0] in lower]
        # fmt: off
        specs: list[tuple[str, str, ForumKind, str, Iterable[str], str, int]] = [
            ("ak-absentismus", "Arbeitskreis Schulabsentismus", ForumKind.WORKING_GROUP, "nws",
             [ids["ja"], ids["spb"], ids["kjp"], ids["jh-kompass"], *lower, *case_posts],
             "absenteeism school_refusal", 0),
            ("nt-ssa", "Netzwerktreffen Schulsozialarbeit", ForumKind.NETWORK_MEETING, "nws",
             posts, "absenteeism parents child_protection", 1),
            ("bk", f"Bildungskonferenz {self.name}", ForumKind.CONFERENCE, "bb", conference,
             "transition early_childhood career_orientation inclusion", 2),
            ("sg", "Steuerungsgruppe Schulerfolg", ForumKind.STEERING_GROUP, "bb",
             [ids[key] for key in ("kv", "nws", "ja", "lsa", "jba", "ker", "spb")],
             "absenteeism transition", 3),
            ("ueb-kita-gs", f"Übergangsforum Kita–Grundschule {seat.name}",
             ForumKind.TRANSITION_FORUM, seat.id, [*transition, *seat.primaries, ids["kfb"]],
             "transition early_childhood", 4),
            ("ak-schule-beruf", "Arbeitskreis Übergang Schule–Beruf", ForumKind.WORKING_GROUP,
             "jba", [*(ids[key] for key in ("bo-aa", "brafo", "bwz", "jc", "nws", "jmd")),
                     *(school.id for school in self.of_form(_BBS)), *lower],
             "career_orientation transition", 5),
            ("jhausschuss", f"Jugendhilfeausschuss {self.name}", ForumKind.COMMITTEE, "kv",
             [ids["ja"], *providers, ids["ker"], ids["nws"]], "child_protection", 6),
            ("fk-schulvermeidung", "Fallkonferenz Schulvermeidung", ForumKind.CASE_CONFERENCE,
             "ja", [ids["spb"], ids["kjp"], ids["nws"], *case_posts[:4]],
             "school_refusal absenteeism", -1),
        ]
        # fmt: on
        for forum_id, name, kind, convenor, members, topics, plan in specs:
            schedule = None if plan < 0 else _forum_schedule(plan)
            dormant = schedule is not None and self.draw.chance(0.1)
            last = _DORMANT_SINCE if dormant else _last_meeting(plan, self.t.reference_date)
            self.out.forums.append(
                Forum(
                    id=f"{self.prefix}-{forum_id}",
                    name=name,
                    kind=kind,
                    convenor=ids.get(convenor, convenor),
                    members=set(members),
                    topics=_topics(topics),
                    schedule=schedule,
                    period=_FOREVER if schedule is None else _period(schedule.start.date(), None),
                    last_contact=last,
                )
            )

    def add_interventions(self) -> None:
        for spec in self.measures():
            measure_id, name, tier, topics, providers, where, funding, period = spec
            sites = [site for site in where if not site.isdigit()]
            areas = [area for area in where if area.isdigit()]
            self.out.interventions.append(
                Intervention(
                    id=f"{self.prefix}-{measure_id}",
                    name=name,
                    tier=tier,
                    topics=_topics(topics),
                    providers={self.ids[p] for p in providers},
                    sites=set(sites),
                    municipalities=set(areas),
                    funding=funding,
                    period=period,
                )
            )

    def measures(self) -> list[_MeasureSpec]:
        lower = [school.id for school in self.of_form(*_LOWER)]
        high_need = [
            school.id
            for school in self.of_form(_SEK)
            if (school.profile.absence_rate or 0.0) >= _HIGH_ABSENCE
        ]
        areas = [place.ags for place in self.places]
        kitas = [kita for kita, _place, _home in self.kitas]
        primaries = [school.id for school in self.of_form(_GS)]
        universal, selective, indicated = PreventionTier
        esf = frozenset({"esf-plus"})
        budget = frozenset({self.budget})
        esf_period = self.t.esf
        # Like Musterkreis: most high-need schools have an indicated measure, not all;
        # migration and inclusion are not offered everywhere.
        served = [school for school in high_need if self.draw.chance(0.75)]
        migration = [area for area in areas if self.draw.chance(0.8)]
        inclusion = [area for area in areas if self.draw.chance(0.9)]
        # fmt: off
        return [
            ("iv-fehlzeiten", "Fehlzeitenmonitoring", universal, "absenteeism", ("nws",), lower,
             self.funding["mixed"], _since(2023)),
            ("iv-brafo", "BRAFO – Berufsorientierung", universal, "career_orientation",
             ("brafo",), lower, esf, esf_period),
            ("iv-schuleingang", "Schuleingangsuntersuchung", universal,
             "early_childhood transition", ("ga",), areas, budget, _FOREVER),
            ("iv-sprachfoerderung", "Sprachförderung in Kitas", universal,
             "language early_childhood", ("jh-regenbogen",), kitas[::10], budget, _since(2021)),
            ("iv-elterncafe", "Elterncafé an Grundschulen", universal, "parents",
             ("jh-bruecke",), primaries[::8], budget, _since(2020)),
            ("iv-psychoedukation", "Psychische Gesundheit im Klassenzimmer", universal,
             "mental_health", ("kjp",), lower[::2], budget, _since(2023)),
            ("iv-fruehwarnsystem", "Frühwarnsystem Schulabsentismus", selective, "absenteeism",
             ("jh-kompass",), served + lower[::3], self.funding["mixed"], _since(2022)),
            ("iv-jmd", "Bildungsberatung für junge Zugewanderte", selective,
             "migration language", ("jmd",), migration, frozenset({"bund-jmd"}), _FOREVER),
            ("iv-inklusion", "Inklusive Lernbegleitung", selective, "inclusion",
             ("jh-weitblick",), inclusion, budget, _since(2018)),
            ("iv-berufseinstieg", "Berufseinstiegsbegleitung", selective,
             "career_orientation dropout", ("bwz",), lower[::2], esf, esf_period),
            ("iv-neustart", "Projekt Neustart – zurück in die Schule", indicated,
             "absenteeism school_refusal", ("jh-kompass",), served,
             self.funding[self.draw.pick(self.t.funding_keys)], _since(2016)),
            ("iv-sprechstunde", "Sprechstunde Schulvermeidung", indicated,
             "school_refusal mental_health", ("kjp",), [self.ids["kjp"]], frozenset(),
             _since(2019, 1)),
            ("iv-clearing", "Clearingstelle Schulabsentismus", indicated, "absenteeism",
             ("ja", "spb"), [self.ids["ja"]], budget, _since(2020)),
        ]
        # fmt: on


_PROVIDERS = ("jh-bruecke", "jh-kompass", "jh-auenland", "jh-regenbogen", "jh-weitblick")
_MeasureSpec = tuple[
    str, str, PreventionTier, str, tuple[str, ...], list[str], frozenset[str], Period
]
# Forum schedules, one per kind of forum: RRULE, first meeting, hour.
_FORUM_PLANS = (
    ("FREQ=MONTHLY;BYDAY=2WE", date(2019, 9, 11), 15),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU", date(2024, 9, 3), 9),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=3WE", date(2025, 3, 19), 9),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", date(2024, 9, 2), 13),
    ("FREQ=MONTHLY;INTERVAL=4;BYDAY=2TH", date(2024, 9, 12), 16),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH", date(2024, 10, 17), 14),
    ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH", date(2024, 9, 12), 17),
)
_DORMANT_SINCE = date(2024, 6, 12)
_LAST_CASE_CONFERENCE = date(2025, 10, 14)


@cache
def _forum_schedule(plan: int) -> MeetingSchedule:
    rule, first, hour = _FORUM_PLANS[plan]
    start = datetime(first.year, first.month, first.day, hour, tzinfo=_BERLIN)
    return MeetingSchedule(rule=rule, start=start)


@cache
def _last_meeting(plan: int, reference: date) -> date:
    if plan < 0:
        return _LAST_CASE_CONFERENCE
    meeting = _forum_schedule(plan).last_before(reference)
    assert meeting is not None
    return meeting.date()


# --- The whole --------------------------------------------------------------------------


def _checked(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = f"{name} must be an int from {low:,} to {high:,}, got {value!r}"
        raise ValueError(msg)
    number = int(value)
    if not low <= number <= high:
        msg = f"{name} must be from {low:,} to {high:,}, got {number:,}"
        raise ValueError(msg)
    return number


def _german(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _authority(out: _Records, land: _Land) -> str:
    authority = f"{land.abbreviation}-schulbehoerde"
    out.actors.append(
        _ACTOR(
            id=authority,
            name=f"Landesschulbehörde {land.name}",
            kind=_K.SCHOOL_AUTHORITY,
            location=Location(lat=land.lat, lon=land.lon),
        )
    )
    out.programmes.append(
        Programme(
            id=f"land-{land.abbreviation}",
            name=f"Landesprogramm Schulerfolg {land.name}",
            source=FundingSource.STATE,
        )
    )
    return authority


def _programmes(template: _Template) -> list[Programme]:
    return [
        Programme(
            id="esf-plus",
            name="Schulerfolg sichern (ESF+)",
            source=FundingSource.EU_ESF_PLUS,
            period=template.esf,
        ),
        Programme(
            id="bund-jmd",
            name="Bundesprogramm Jugendmigrationsdienste",
            source=FundingSource.FEDERAL,
        ),
    ]


def synthetic(n_schools: int, *, seed: int = 0) -> EducationNetwork:
    """Generate an invented network of districts with the structure of Musterkreis.

    The schools are spread over about ``n_schools / 80`` districts (at least one), the
    districts over the Länder in proportion to their real numbers of schools. Each
    district has its own offices (network office, education office, youth welfare
    office, health office, school psychology, youth employment agency, career guidance,
    migration services), five youth welfare providers, municipalities with a local
    partner each, Kitas (about 1.8 per school), school social work at about four schools
    in ten (some posts funded by ESF+ alone, ending on 2028-08-01), parents' councils,
    counselling teachers, forums, one school year of transition flows and interventions
    of every prevention tier. One school authority per Land is tied to all its schools.
    Gaps occur at the rates of Musterkreis: schools without school social work or
    parents' council, Grundschulen ignoring their Kitas, unmatched transitions,
    uncovered topics, dormant working groups.

    Parameters
    ----------
    n_schools
        The number of school actors (BBS sites included), from 1 to 40,000; 40,000 is
        about all general and vocational schools of Germany.
    seed
        The seed; the same seed gives an equal network and the same JSON text.

    Returns
    -------
    network
        The network, checked as a whole like any other.

    Raises
    ------
    ValueError
        If ``n_schools`` is not an int from 1 to 40,000 or ``seed`` not an int.

    Notes
    -----
    All of Germany (40,000 schools) gives about 195,000 actors, 1.08 million
    cooperations and 250,000 flows in about 30 seconds with a peak of 1.5 GB (measured on
    a two-core laptop-class machine). Records are assembled without re-validating every
    field (see ``_Trusted``); the network's consistency checks run as always. The cost
    grows linearly with ``n_schools``.

    Examples
    --------
    >>> network = synthetic(80, seed=1)
    >>> len(network.actors_of("school")), len(network.actors_of("school_authority"))
    (80, 1)
    >>> synthetic(80, seed=1) == network, synthetic(80, seed=2) == network
    (True, False)
    """
    schools = _checked(n_schools, "n_schools", 1, MAX_SCHOOLS)
    seed = _checked(seed, "seed", 0, 2**63 - 1)
    template = _template()
    draw = template.draw(seed)
    plans = _plan(schools, draw)
    out = _Records(programmes=_programmes(template))
    authorities = {
        land.code: _authority(out, land)
        for land in _LAENDER
        if any(plan.land is land for plan in plans)
    }
    for plan in plans:
        _District(out, draw, plan, authorities[plan.land.code], template).build()
    return EducationNetwork(
        name=f"Synthetisches Bildungsnetz ({_german(schools)} Schulen, Seed {seed})",
        region="Deutschland (synthetisch)",
        reference_date=template.reference_date,
        actors=tuple(out.actors),
        cooperations=tuple(out.cooperations),
        forums=tuple(out.forums),
        flows=tuple(out.flows),
        interventions=tuple(out.interventions),
        programmes=tuple(out.programmes),
        description=(
            "Synthetische Daten von bildungsnetz.datasets.synthetic: alle Namen, Orte und "
            "Schlüssel sind erfunden; Struktur und Größenverhältnisse folgen dem "
            "Musterkreis."
        ),
    )
