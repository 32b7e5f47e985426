"""The normative model: who should cooperate with whom, as data.

A :class:`RuleSet` is a list of rules, loadable from and savable to JSON. Each rule states
an expectation of the Schulerfolg policy ("every school has school social work", "every
sizeable transition flow is matched by cooperation"); the detectors in
:mod:`bildungsnetz.gaps` report where the network falls short of it.

Examples
--------
>>> from bildungsnetz.rules import RequiredTie, RuleSet, Selector, default_rules
>>> rule = RequiredTie(id="ssa", subject=Selector(kind="school"),
...                    partner=Selector(kind="school_social_work"), kinds={"placement"},
...                    severity="high")
>>> rule.partner.kinds
frozenset({<ActorKind.SCHOOL_SOCIAL_WORK: 'school_social_work'>})
>>> RuleSet.from_json(default_rules().to_json()) == default_rules()
True
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bildungsnetz.errors import LoadError, LoadProblem
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.model import (
    ActorKind,
    CooperationKind,
    Intensity,
    PreventionTier,
    SchoolForm,
    Severity,
    Stage,
    Topic,
    TransitionKind,
)
from bildungsnetz.model._record import Id, Name, SortedSet, Text

if TYPE_CHECKING:
    import os

    from bildungsnetz.model import Actor

__all__ = [
    "INDICATOR_LABELS",
    "AnyRule",
    "FundingContinuity",
    "GroupLinkage",
    "Indicator",
    "NeedCoverage",
    "NoSinglePointOfFailure",
    "PermanentPlacement",
    "ProviderDiversity",
    "RegularContact",
    "RequiredCoverage",
    "RequiredTie",
    "RequiredTransitionCooperation",
    "Rule",
    "RuleSet",
    "Selector",
    "default_rules",
    "load",
    "save",
]

Indicator = Literal[
    "absence_rate", "without_qualification_rate", "special_needs_rate", "migration_rate"
]
"""The need indicators of a school profile a rule can test."""

INDICATOR_LABELS: dict[str, tuple[str, str]] = {
    "absence_rate": ("Fehlquote", "absence rate"),
    "without_qualification_rate": (
        "Anteil der Abgänger ohne Abschluss",
        "share of leavers without a qualification",
    ),
    "special_needs_rate": (
        "Anteil mit sonderpädagogischem Förderbedarf",
        "share with special educational needs",
    ),
    "migration_rate": ("Anteil mit Zuwanderungsgeschichte", "share with a migration history"),
}
"""German and English names of the need indicators."""

RULES_FORMAT = "bildungsnetz-rules"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Selector(_Frozen):
    """Which actors a rule speaks about.

    Every criterion given must hold; an empty selector matches every actor.

    Parameters
    ----------
    kind
        A single actor kind (shorthand for ``kinds={kind}``).
    kinds
        Actor kinds, any of which matches.
    forms
        School forms, any of which matches (only schools have a form).
    stages
        Stages, any of which the school must teach.
    tags
        Tags, all of which the actor must carry.

    Examples
    --------
    >>> from bildungsnetz import Actor, SchoolProfile
    >>> secondary = Selector(kind="school", stages={"lower_secondary"})
    >>> secondary.matches(Actor(id="gym", name="Gymnasium", kind="school",
    ...                         school=SchoolProfile(form="gymnasium")))
    True
    >>> secondary.describe("en")
    'school (lower secondary)'
    """

    kind: ActorKind | None = None
    kinds: SortedSet[ActorKind] = frozenset()
    forms: SortedSet[SchoolForm] = frozenset()
    stages: SortedSet[Stage] = frozenset()
    tags: SortedSet[Name] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _merge_kind(cls, data: Any) -> Any:
        # One spelling inside: `kind` is folded into `kinds`, so equal selectors compare
        # equal however they were written.
        if isinstance(data, dict) and data.get("kind") is not None:
            kinds = data.get("kinds") or ()
            kinds = [kinds] if isinstance(kinds, str) else list(kinds)
            return {**data, "kind": None, "kinds": [*kinds, data["kind"]]}
        return data

    def matches(self, actor: Actor) -> bool:
        """Return whether ``actor`` is one of the actors this selector means."""
        if self.kinds and actor.kind not in self.kinds:
            return False
        if self.forms and (actor.school is None or actor.school.form not in self.forms):
            return False
        if self.stages and (actor.school is None or not self.stages & actor.school.stages):
            return False
        return self.tags <= actor.tags

    def describe(self, lang: Literal["de", "en"] = "de") -> str:
        """Return a short description such as ``"Schule (Sekundarstufe I)"``."""
        joiner = " oder " if lang == "de" else " or "
        anything = "Akteur" if lang == "de" else "actor"
        text = joiner.join(kind.label(lang) for kind in sorted(self.kinds)) or anything
        details = [form.label(lang) for form in sorted(self.forms)]
        details += [stage.label(lang) for stage in sorted(self.stages)]
        details += sorted(self.tags)
        return f"{text} ({', '.join(details)})" if details else text


class _Rule(_Frozen):
    id: Id
    severity: Severity = Severity.MEDIUM
    description: Text = ""


class RequiredTie(_Rule):
    """Every subject actor needs ``min_partners`` partners within ``within`` steps.

    Parameters
    ----------
    id
        A unique id; gap findings name the rule they breach by it.
    subject
        The actors the rule applies to.
    partner
        The partners they need.
    kinds
        Cooperation kinds that count for a direct tie (empty: any kind). Forum
        co-membership counts only if ``forums`` is true.
    min_partners
        How many different partners are needed (direct ties only).
    within
        The number of steps: 1 means a direct tie, 2 allows one intermediary. Over
        several steps any tie or small forum counts, so ``kinds``, ``min_intensity`` and
        ``min_partners`` must keep their defaults.
    min_intensity
        The intensity a direct tie needs; weaker ties are reported as shallow.
    forums
        Whether sharing a small forum counts as a direct tie.
    severity
        How serious a breach is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RequiredTie(id="ja", subject=Selector(kind="school"),
    ...             partner=Selector(kind="youth_welfare_office"), within=2).within
    2
    """

    type: Literal["required_tie"] = "required_tie"
    subject: Selector
    partner: Selector
    kinds: SortedSet[CooperationKind] = frozenset()
    min_partners: Annotated[int, Field(ge=1)] = 1
    within: Annotated[int, Field(ge=1, le=3)] = 1
    min_intensity: Intensity | None = None
    forums: bool = False

    @model_validator(mode="after")
    def _direct_options_need_direct_ties(self) -> RequiredTie:
        # Over several steps only reachability counts: a path has no kind, no intensity,
        # and counting distinct partners around hubs would not stay linear.
        if self.within > 1:
            direct_only = {
                "kinds": bool(self.kinds),
                "min_intensity": self.min_intensity is not None,
                "min_partners": self.min_partners != 1,
            }
            used = [name for name, given in direct_only.items() if given]
            if used:
                listed = ", ".join(used)
                msg = f"{listed} only apply to direct ties (within=1), got within={self.within}"
                raise ValueError(msg)
        return self


class RequiredTransitionCooperation(_Rule):
    """Institutions that exchange ``min_pupils`` or more pupils must cooperate.

    Parameters
    ----------
    id
        A unique id.
    transitions
        The kinds of transition it applies to (empty: all).
    min_pupils
        The smallest flow that needs cooperation.
    within
        Steps allowed between the two institutions (1: a direct tie).
    forums
        Whether a shared transition forum counts as cooperation.
    severity
        How serious a breach is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RequiredTransitionCooperation(id="flows", min_pupils=5).min_pupils
    5
    """

    type: Literal["required_transition_cooperation"] = "required_transition_cooperation"
    transitions: SortedSet[TransitionKind] = frozenset()
    min_pupils: Annotated[int, Field(ge=1)] = 5
    within: Annotated[int, Field(ge=1, le=3)] = 1
    forums: bool = True


class RequiredCoverage(_Rule):
    """A topic must be covered by an active intervention in every unit.

    Parameters
    ----------
    id
        A unique id.
    topic
        The topic that must be covered.
    per
        The unit: every municipality, or every school form present.
    tier
        The prevention tier the intervention must have at least (``None``: any).
    severity
        How serious a gap is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RequiredCoverage(id="inklusion", topic="inclusion", per="municipality").per
    'municipality'
    """

    type: Literal["required_coverage"] = "required_coverage"
    topic: Topic
    per: Literal["municipality", "school_form"] = "municipality"
    tier: PreventionTier | None = None


class NeedCoverage(_Rule):
    """Schools whose need indicator reaches a threshold need a targeted intervention.

    Parameters
    ----------
    id
        A unique id.
    indicator
        The need indicator of the school profile.
    threshold
        The share from which a school counts as in need.
    tier
        The least prevention tier the intervention at the school must have.
    subject
        The schools the rule applies to.
    severity
        How serious a gap is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> NeedCoverage(id="fehlzeiten", indicator="absence_rate", threshold=0.1,
    ...              tier="indicated").threshold
    0.1
    """

    type: Literal["need_coverage"] = "need_coverage"
    indicator: Indicator
    threshold: Annotated[float, Field(ge=0.0, le=1.0)]
    tier: PreventionTier = PreventionTier.SELECTIVE
    subject: Selector = Selector(kind=ActorKind.SCHOOL)


class NoSinglePointOfFailure(_Rule):
    """No subject actor may hang on a single actor or a single tie.

    Parameters
    ----------
    id
        A unique id.
    subject
        The actors that must not be cut off (schools, by default).
    min_exclusive_pairs
        How many pairs an actor must alone connect to be reported as an exclusive broker.
    max_constraint
        Burt's constraint from which a subject actor with two or more contacts is reported
        as dependent on one closed circle.
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> NoSinglePointOfFailure(id="spof").subject.kinds
    frozenset({<ActorKind.SCHOOL: 'school'>})
    """

    type: Literal["no_single_point_of_failure"] = "no_single_point_of_failure"
    subject: Selector = Selector(kind=ActorKind.SCHOOL)
    min_exclusive_pairs: Annotated[int, Field(ge=1)] = 100
    max_constraint: Annotated[float, Field(gt=0.0)] = 0.9


class GroupLinkage(_Rule):
    """Two groups of actors must be tied at least ``min_ratio`` times as densely as chance.

    Parameters
    ----------
    id
        A unique id.
    first, second
        The two groups.
    min_ratio
        The least ratio of observed to expected ties (expected under a random graph with
        the same degrees).
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> GroupLinkage(id="schule-jugendhilfe", first=Selector(kind="school"),
    ...              second=Selector(kind="youth_welfare_provider")).min_ratio
    0.5
    """

    type: Literal["group_linkage"] = "group_linkage"
    first: Selector
    second: Selector
    min_ratio: Annotated[float, Field(gt=0.0)] = 0.5


class ProviderDiversity(_Rule):
    """Every prevention tier and every topic needs offers from several providers.

    Parameters
    ----------
    id
        A unique id.
    min_providers
        How many different providers a tier or topic needs among its active
        interventions.
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> ProviderDiversity(id="traeger").min_providers
    2
    """

    type: Literal["provider_diversity"] = "provider_diversity"
    min_providers: Annotated[int, Field(ge=2)] = 2


class PermanentPlacement(_Rule):
    """School social work at a school must not rest only on time-limited money.

    Parameters
    ----------
    id
        A unique id.
    subject
        The actors whose placements are judged (schools).
    partner
        The placed service (school social work).
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> PermanentPlacement(id="dauerhaft").partner.kinds
    frozenset({<ActorKind.SCHOOL_SOCIAL_WORK: 'school_social_work'>})
    """

    type: Literal["permanent_placement"] = "permanent_placement"
    subject: Selector = Selector(kind=ActorKind.SCHOOL)
    partner: Selector = Selector(kind=ActorKind.SCHOOL_SOCIAL_WORK)


class FundingContinuity(_Rule):
    """Nothing critical may hang on money that runs out.

    Checked for every programme with an end: what ends with it, which subject actors
    lose their only school social work or their only indicated measure, whether the
    network falls apart.

    Parameters
    ----------
    id
        A unique id.
    subject
        The actors whose losses make a funding end critical (schools).
    severity
        How serious a funding end is when it costs something.
    description
        What the rule means, for people.

    Examples
    --------
    >>> FundingContinuity(id="foerderende").severity
    <Severity.HIGH: 'high'>
    """

    type: Literal["funding_continuity"] = "funding_continuity"
    subject: Selector = Selector(kind=ActorKind.SCHOOL)
    severity: Severity = Severity.HIGH


class RegularContact(_Rule):
    """Ties and forums with a meeting schedule must actually meet.

    Parameters
    ----------
    id
        A unique id.
    max_missed
        How many scheduled meetings may pass after the last contact before the tie or
        forum counts as dormant.
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RegularContact(id="treffen").max_missed
    3
    """

    type: Literal["regular_contact"] = "regular_contact"
    max_missed: Annotated[int, Field(ge=1)] = 3


AnyRule = (
    RequiredTie
    | RequiredTransitionCooperation
    | RequiredCoverage
    | NeedCoverage
    | NoSinglePointOfFailure
    | GroupLinkage
    | ProviderDiversity
    | PermanentPlacement
    | FundingContinuity
    | RegularContact
)
"""Any rule."""

Rule = Annotated[AnyRule, Field(discriminator="type")]
"""Any rule, told apart in JSON by its ``type`` member."""

R = TypeVar("R", bound=BaseModel)


class RuleSet(_Frozen):
    """A named, ordered set of rules with unique ids.

    Parameters
    ----------
    name
        The rule set's name.
    rules
        The rules.
    max_forum_size
        Forums up to this size count as ties between all their participants.
    insular_threshold
        Groups (municipalities) whose E-I index is at or below this are reported as insular.
    description
        What the rules mean, for people.

    Examples
    --------
    >>> rules = default_rules()
    >>> rules.rule("school-social-work").severity
    <Severity.HIGH: 'high'>
    """

    name: Name
    rules: tuple[Rule, ...] = ()
    max_forum_size: Annotated[int, Field(ge=0)] = 12
    insular_threshold: Annotated[float, Field(ge=-1.0, le=1.0)] = -0.9
    description: Text = ""

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleSet:
        counts = Counter(rule.id for rule in self.rules)
        duplicates = sorted(rule_id for rule_id, count in counts.items() if count > 1)
        if duplicates:
            msg = f"rule ids must be unique, repeated: {', '.join(duplicates)}"
            raise ValueError(msg)
        return self

    def rule(self, rule_id: str) -> AnyRule:
        """Return the rule with ``rule_id`` (``KeyError`` if there is none)."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        msg = f"no rule with id {rule_id!r} in rule set {self.name!r}"
        raise KeyError(msg)

    def of_type(self, rule_type: type[R]) -> tuple[R, ...]:
        """Return the rules of one type, in order."""
        return tuple(rule for rule in self.rules if isinstance(rule, rule_type))

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return the rule set as a JSON document.

        Examples
        --------
        >>> default_rules().to_json().splitlines()[1]
        '  "format": "bildungsnetz-rules",'
        """
        body = self.model_dump(mode="json", exclude_defaults=False)
        document = {"format": RULES_FORMAT, "version": 1, **body}
        return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, *, source: str | None = None) -> RuleSet:
        """Read a rule set from a JSON document written by :meth:`to_json`.

        Raises
        ------
        LoadError
            Listing every problem with its path.

        Examples
        --------
        >>> RuleSet.from_json('{"format": "bildungsnetz-rules", "version": 1, "name": "leer"}')
        RuleSet(name='leer', rules=(), max_forum_size=12, insular_threshold=-0.9, description='')
        """
        try:
            payload = json.loads(text)
        except json.JSONDecodeError as error:
            message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
            raise LoadError([LoadProblem(message, file=source, row=error.lineno)]) from None
        if not isinstance(payload, dict) or payload.get("format") != RULES_FORMAT:
            message = f"expected a JSON object with format {RULES_FORMAT!r}"
            raise LoadError([LoadProblem(message, file=source, path="format")])
        version = payload.get("version")
        if type(version) is not int or version != 1:
            message = f"this release reads rule format version 1, got {version!r}"
            raise LoadError([LoadProblem(message, file=source, path="version")])
        body = {key: value for key, value in payload.items() if key not in {"format", "version"}}
        try:
            return cls.model_validate(body)
        except ValidationError as error:
            raise LoadError(_problems(error, source, body)) from None


def _problems(
    error: ValidationError, source: str | None, body: dict[str, Any]
) -> list[LoadProblem]:
    found = []
    given = body.get("rules")
    rules: list[Any] = given if isinstance(given, list) else []
    for detail in error.errors(include_url=False):
        location = list(detail["loc"])
        path = ""
        if len(location) >= 2 and location[0] == "rules" and isinstance(location[1], int):  # noqa: PLR2004
            # pydantic adds the rule's type tag after the index; the document has none.
            position = location[1]
            rule = rules[position] if position < len(rules) else None
            rule_id = rule.get("id") if isinstance(rule, dict) else None
            path = f"rules[{position}]" + (f"({rule_id})" if isinstance(rule_id, str) else "")
            location = location[3:] if len(location) > 2 else []  # noqa: PLR2004
        path += "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location)
        message = detail["msg"].removeprefix("Value error, ")
        found.append(LoadProblem(message, file=source, path=path.lstrip(".") or "$"))
    return found


def load(path: str | os.PathLike[str]) -> RuleSet:
    """Read a rule set from a JSON file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "regeln.json"
    ...     save(default_rules(), target)
    ...     load(target) == default_rules()
    True
    """
    source = Path(path)
    return RuleSet.from_json(source.read_bytes(), source=str(source))


def save(rules: RuleSet, path: str | os.PathLike[str]) -> None:
    """Write a rule set to a JSON file atomically (see :func:`bildungsnetz.io.save`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save(default_rules(), pathlib.Path(folder) / "regeln.json")
    """
    write_text_atomic(Path(path), rules.to_json())


_SECONDARY = Selector(kind=ActorKind.SCHOOL, stages={Stage.LOWER_SECONDARY})
_CROSS_CUTTING = (
    Topic.ABSENTEEISM,
    Topic.INCLUSION,
    Topic.MIGRATION,
    Topic.EARLY_CHILDHOOD,
    Topic.TRANSITION,
    Topic.PARENTS,
)


def default_rules() -> RuleSet:
    """Return the rules of the Schulerfolg policy.

    School social work at every school; cooperation with parents at every school; every
    school reaches the youth welfare office within two steps; secondary schools are tied
    to career guidance or the youth employment agency; every sizeable transition flow is
    matched by cooperation (Kitas and Grundschulen included); the cross-cutting topics are
    covered in every municipality; schools with high absence or many leavers without a
    qualification have targeted measures; no school hangs on one actor or one tie; schools
    and youth welfare are tied more than by chance; every tier and topic has several
    providers; school social work rests on permanent money; nothing critical hangs on
    money that runs out; scheduled meetings take place.

    Examples
    --------
    >>> rules = default_rules()
    >>> [rule.id for rule in rules.rules][:3]
    ['school-social-work', 'parents', 'youth-welfare-office']
    """
    school = Selector(kind=ActorKind.SCHOOL)
    rules: list[Any] = [
        RequiredTie(
            id="school-social-work",
            subject=school,
            partner=Selector(kind=ActorKind.SCHOOL_SOCIAL_WORK),
            kinds={CooperationKind.PLACEMENT},
            min_intensity=Intensity.COOPERATION,
            severity=Severity.HIGH,
            description="Schulsozialarbeit an jeder Schule / school social work at every school",
        ),
        RequiredTie(
            id="parents",
            subject=school,
            partner=Selector(kind=ActorKind.PARENTS_COUNCIL),
            severity=Severity.MEDIUM,
            description="Zusammenarbeit mit Eltern an jeder Schule / "
            "work with parents at every school",
        ),
        RequiredTie(
            id="youth-welfare-office",
            subject=school,
            partner=Selector(kind=ActorKind.YOUTH_WELFARE_OFFICE),
            within=2,
            severity=Severity.HIGH,
            description="Jede Schule erreicht das Jugendamt in höchstens zwei Schritten / "
            "every school reaches the youth welfare office within two steps",
        ),
        RequiredTie(
            id="career-guidance",
            subject=_SECONDARY,
            partner=Selector(kinds={ActorKind.CAREER_GUIDANCE, ActorKind.YOUTH_EMPLOYMENT_AGENCY}),
            forums=True,
            severity=Severity.MEDIUM,
            description="Schulen der Sekundarstufe I arbeiten mit Berufsorientierung oder "
            "Jugendberufsagentur / secondary schools work with career guidance",
        ),
        RequiredTie(
            id="pupil-participation",
            subject=school,
            partner=Selector(kind=ActorKind.PUPILS_COUNCIL),
            forums=True,
            severity=Severity.LOW,
            description="Schülervertretungen sind beteiligt / pupils' councils take part",
        ),
        RequiredTransitionCooperation(
            id="transition-flows",
            min_pupils=5,
            severity=Severity.HIGH,
            description="Übergänge mit mindestens 5 Kindern sind durch Kooperation begleitet / "
            "transitions of 5 or more pupils are matched by cooperation",
        ),
        *(
            RequiredCoverage(
                id=f"coverage-{topic.value.replace('_', '-')}",
                topic=topic,
                per="municipality",
                severity=Severity.MEDIUM,
                description=f"{topic.label('de')} in jeder Gemeinde / "
                f"{topic.label('en')} in every municipality",
            )
            for topic in _CROSS_CUTTING
        ),
        NeedCoverage(
            id="need-absence",
            indicator="absence_rate",
            threshold=0.10,
            tier=PreventionTier.INDICATED,
            severity=Severity.HIGH,
            description="Schulen mit mindestens 10 % Fehlzeiten haben eine indizierte "
            "Maßnahme / schools with 10 % absence or more have an indicated measure",
        ),
        NeedCoverage(
            id="need-qualification",
            indicator="without_qualification_rate",
            threshold=0.15,
            tier=PreventionTier.SELECTIVE,
            severity=Severity.HIGH,
            description="Schulen mit mindestens 15 % Abgängen ohne Abschluss haben eine "
            "gezielte Maßnahme / schools with 15 % leavers without a qualification have a "
            "targeted measure",
        ),
        NoSinglePointOfFailure(
            id="single-point-of-failure",
            subject=school,
            severity=Severity.HIGH,
            description="Keine Schule hängt an einem einzigen Akteur oder einer einzigen "
            "Verbindung / no school hangs on one actor or one tie",
        ),
        GroupLinkage(
            id="schools-youth-welfare",
            first=school,
            second=Selector(
                kinds={
                    ActorKind.YOUTH_WELFARE_OFFICE,
                    ActorKind.YOUTH_WELFARE_PROVIDER,
                    ActorKind.SCHOOL_SOCIAL_WORK,
                }
            ),
            min_ratio=0.5,
            severity=Severity.MEDIUM,
            description="Schule und Jugendhilfe sind enger verbunden als der Zufall / "
            "schools and youth welfare are tied more densely than chance",
        ),
        ProviderDiversity(
            id="provider-diversity",
            min_providers=2,
            severity=Severity.MEDIUM,
            description="Jede Präventionsstufe und jedes Thema hat mehrere Träger / "
            "every prevention tier and topic has several providers",
        ),
        PermanentPlacement(
            id="permanent-school-social-work",
            severity=Severity.MEDIUM,
            description="Schulsozialarbeit dauerhaft an allen Schulen, nicht nur aus "
            "Projektmitteln / permanent school social work, not only project money",
        ),
        FundingContinuity(
            id="funding-continuity",
            severity=Severity.HIGH,
            description="Nichts Kritisches hängt an auslaufendem Geld / nothing critical "
            "hangs on money that runs out",
        ),
        RegularContact(
            id="regular-contact",
            max_missed=3,
            severity=Severity.LOW,
            description="Verabredete Treffen finden statt / scheduled meetings take place",
        ),
    ]
    return RuleSet(
        name="Schulerfolg sichern",
        rules=tuple(rules),
        description="Die Erwartungen der Netzwerkstelle Schulerfolg an die Kooperation "
        "im Landkreis",
    )
