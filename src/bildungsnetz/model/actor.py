"""Actors: the organisations, posts and bodies of an education network.

Examples
--------
>>> from bildungsnetz.model.actor import Actor, SchoolProfile
>>> school = Actor(
...     id="gs1",
...     name="GS Am Markt",
...     kind="school",
...     school=SchoolProfile(form="grundschule", pupils=180),
...     municipality="15084275",
... )
>>> school.kind.label(), school.school.form.label(), sorted(school.school.stages)
('Schule', 'Grundschule', [<Stage.PRIMARY: 'primary'>])
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator, model_validator

from bildungsnetz._templates import render_or_none
from bildungsnetz.model._record import (
    Ags,
    Id,
    IdSet,
    Name,
    Pupils,
    Record,
    SortedSet,
    Text,
    TextSet,
)
from bildungsnetz.model.dates import Period, Validity
from bildungsnetz.model.enums import ActorKind, SchoolForm, Stage, Topic

__all__ = ["Actor", "Identifier", "Location", "SchoolProfile"]

Share = Annotated[float, Field(ge=0.0, le=1.0)]
"""A share of pupils, from 0 to 1."""

_USUAL_STAGES: dict[SchoolForm, frozenset[Stage]] = {
    SchoolForm.GRUNDSCHULE: frozenset({Stage.PRIMARY}),
    SchoolForm.HAUPTSCHULE: frozenset({Stage.LOWER_SECONDARY}),
    SchoolForm.REALSCHULE: frozenset({Stage.LOWER_SECONDARY}),
    SchoolForm.SEKUNDARSCHULE: frozenset({Stage.LOWER_SECONDARY}),
    SchoolForm.OBERSCHULE: frozenset({Stage.LOWER_SECONDARY}),
    SchoolForm.GEMEINSCHAFTSSCHULE: frozenset({Stage.LOWER_SECONDARY, Stage.UPPER_SECONDARY}),
    SchoolForm.GESAMTSCHULE: frozenset({Stage.LOWER_SECONDARY, Stage.UPPER_SECONDARY}),
    SchoolForm.GYMNASIUM: frozenset({Stage.LOWER_SECONDARY, Stage.UPPER_SECONDARY}),
    SchoolForm.FOERDERSCHULE: frozenset({Stage.PRIMARY, Stage.LOWER_SECONDARY}),
    SchoolForm.BERUFSBILDENDE_SCHULE: frozenset({Stage.UPPER_SECONDARY, Stage.VOCATIONAL}),
    SchoolForm.ZWEITER_BILDUNGSWEG: frozenset({Stage.LOWER_SECONDARY, Stage.UPPER_SECONDARY}),
    SchoolForm.OTHER: frozenset(),
}


class Identifier(Record):
    """An external identifier of an actor: a scheme and a value.

    Parameters
    ----------
    scheme
        What kind of identifier it is, such as ``"schulnummer"``, ``"ags"`` or
        ``"vereinsregister"``.
    value
        The identifier itself, as text (leading zeros matter).

    Examples
    --------
    >>> Identifier(scheme="schulnummer", value="0123")
    Identifier(scheme='schulnummer', value='0123')
    """

    scheme: Name
    value: Name


class Location(Record):
    """A point in WGS 84 coordinates.

    Examples
    --------
    >>> Location(lat=51.16, lon=11.97)
    Location(lat=51.16, lon=11.97)
    """

    lat: Annotated[float, Field(ge=-90.0, le=90.0)]
    lon: Annotated[float, Field(ge=-180.0, le=180.0)]


class SchoolProfile(Record):
    """What makes a school a school: its form, stages, size and need indicators.

    Parameters
    ----------
    form
        The school form (Schulform).
    stages
        The stages taught. Defaults to the usual stages of the form (a Grundschule teaches
        the primary stage, a Gymnasium both secondary stages).
    pupils
        The number of pupils (Schülerzahl), an aggregate, at most
        :data:`~bildungsnetz.model.MAX_PUPILS` (100,000).
    public
        Whether the school is run by a public body (öffentliche Schule) rather than a
        private one (Schule in freier Trägerschaft).
    absence_rate
        Share of lessons missed without excuse (Fehlquote), 0 to 1.
    without_qualification_rate
        Share of leavers without a school-leaving qualification
        (Abgänger ohne Abschluss), 0 to 1.
    special_needs_rate
        Share of pupils with special educational needs (sonderpädagogischer
        Förderbedarf), 0 to 1.
    migration_rate
        Share of pupils with a migration history (Zuwanderungsgeschichte), 0 to 1.

    Examples
    --------
    >>> profile = SchoolProfile(form="gymnasium", pupils=640, absence_rate=0.08,
    ...                         without_qualification_rate=0.05)
    >>> sorted(stage.value for stage in profile.stages)
    ['lower_secondary', 'upper_secondary']
    """

    form: SchoolForm
    stages: SortedSet[Stage] = frozenset()
    pupils: Pupils | None = None
    public: bool = True
    absence_rate: Share | None = None
    without_qualification_rate: Share | None = None
    special_needs_rate: Share | None = None
    migration_rate: Share | None = None

    @model_validator(mode="before")
    @classmethod
    def _usual_stages(cls, data: object) -> object:
        if isinstance(data, dict) and not data.get("stages") and "form" in data:
            try:
                form = SchoolForm(data["form"])
            except ValueError:
                return data  # the field validator reports the bad form
            return {**data, "stages": _USUAL_STAGES[form]}
        return data

    def teaches(self, stage: Stage) -> bool:
        """Return whether the school teaches ``stage``."""
        return stage in self.stages


class Actor(Record):
    """An organisation, post or body in the network.

    Actors are never persons: a school social worker appears as a post
    (``kind="school_social_work"``), not as a named employee.

    Parameters
    ----------
    id
        A unique id.
    name
        The display name.
    kind
        What kind of actor it is.
    school
        The school profile; required if and only if ``kind`` is ``"school"``.
    municipality
        The 8-digit AGS of the municipality the actor is located in.
    location
        Coordinates, if known.
    identifiers
        External identifiers (school number, register numbers, ...).
    part_of
        The id of the organisation this actor belongs to (a post's employer, a site's
        school); the chain must not loop.
    active
        When the actor exists (posts come and go with their funding).
    funding
        Ids of the programmes that fund the actor.
    topics
        Topics the actor works on.
    tags
        Free labels for the user's own grouping.

    Examples
    --------
    >>> post = Actor(id="ssa1", name="Schulsozialarbeit GS Am Markt",
    ...              kind="school_social_work", funding={"esf"})
    >>> post.is_school, sorted(post.funding)
    (False, ['esf'])
    """

    id: Id
    name: Name
    kind: ActorKind
    school: SchoolProfile | None = Field(default=None, validate_default=True)
    municipality: Ags | None = None
    location: Location | None = None
    identifiers: SortedSet[Identifier] = frozenset()
    part_of: Id | None = None
    active: Validity = Period()
    funding: IdSet = frozenset()
    topics: SortedSet[Topic] = frozenset()
    tags: TextSet = frozenset()
    description: Text = ""

    @field_validator("school")
    @classmethod
    def _school_profile_iff_school(
        cls, profile: SchoolProfile | None, info: ValidationInfo
    ) -> SchoolProfile | None:
        kind = info.data.get("kind")
        if kind is ActorKind.SCHOOL and profile is None:
            msg = "a school needs a school profile (school=SchoolProfile(form=...))"
            raise ValueError(msg)
        if kind is not None and kind is not ActorKind.SCHOOL and profile is not None:
            msg = f"only schools have a school profile, this actor is of kind {kind.value!r}"
            raise ValueError(msg)
        return profile

    @property
    def is_school(self) -> bool:
        """Whether the actor is a school."""
        return self.kind is ActorKind.SCHOOL

    def _repr_html_(self) -> str | None:
        """Return the actor for Jupyter (German), or ``None`` without Jinja2.

        Pupil counts pass through :mod:`bildungsnetz.privacy`: fewer than 3 show as ``.``.

        Examples
        --------
        >>> school = Actor(id="gs1", name="GS Am Markt", kind="school",
        ...                school=SchoolProfile(form="grundschule", pupils=180))
        >>> "<dd>180</dd>" in school._repr_html_()
        True
        """
        stages = () if self.school is None else sorted(self.school.stages)
        return render_or_none(
            "view_actor.html.j2",
            lang="de",
            actor=self,
            identifiers=sorted(self.identifiers, key=lambda i: (i.scheme, i.value)),
            stages=[stage.label("de") for stage in stages],
            topics=sorted(topic.label("de") for topic in self.topics),
            start=self.active.start,
            last=self.active.last_day,
        )
