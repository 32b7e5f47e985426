"""The controlled vocabularies of the domain model, each value with German and English labels.

Values are stable lower-case English words (they are what JSON files contain); labels are
for display and may change between releases.

Examples
--------
>>> from bildungsnetz.model.enums import ActorKind, Intensity
>>> ActorKind.SCHOOL_SOCIAL_WORK.label()
'Schulsozialarbeit'
>>> ActorKind("school_social_work").label("en")
'school social work'
>>> Intensity.AWARENESS < Intensity.INTEGRATION
True
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "ActorKind",
    "CooperationKind",
    "CooperationLevel",
    "Formality",
    "ForumKind",
    "FundingSource",
    "Intensity",
    "Language",
    "PreventionTier",
    "SchoolForm",
    "Severity",
    "Stage",
    "Topic",
    "TransitionKind",
]

Language = Literal["de", "en"]
"""The languages labels and explanations are available in."""


class LabelledEnum(StrEnum):
    """A string enumeration whose members carry a German and an English display label.

    Examples
    --------
    >>> ActorKind.DAYCARE.label(), ActorKind.DAYCARE.label("en")
    ('Kita', 'day-care centre')
    """

    def label(self, lang: Language = "de") -> str:
        """Return the display label in ``lang`` (German by default)."""
        german, english = _LABELS[type(self), self.name]
        return german if lang == "de" else english


def register_labels(labels: Iterable[tuple[LabelledEnum, tuple[str, str]]]) -> None:
    """Record the (German, English) labels of an enumeration defined in another module.

    ``labels`` are (member, (German, English)) pairs, not a mapping: members of different
    enumerations with the same value (``SchoolForm.OTHER``, ``ForumKind.OTHER``) hash
    alike, so a mapping keyed by members would mix up their labels.
    """
    _LABELS.update({(type(member), member.name): label for member, label in labels})


class OrdinalEnum(LabelledEnum):
    """A labelled enumeration whose members are ordered as they are declared.

    Examples
    --------
    >>> Severity.HIGH > Severity.MEDIUM, Severity.HIGH.rank
    (True, 3)
    """

    @property
    def rank(self) -> int:
        """The 0-based position in the declared order."""
        ranks = _RANKS.get(type(self))
        if ranks is None:
            ranks = _RANKS[type(self)] = {member.name: i for i, member in enumerate(type(self))}
        return ranks[self.name]

    def _ordered(self, other: object) -> int | None:
        if type(other) is not type(self):
            return None
        assert isinstance(other, OrdinalEnum)
        return self.rank - other.rank

    def __lt__(self, other: object) -> bool:
        diff = self._ordered(other)
        return NotImplemented if diff is None else diff < 0

    def __le__(self, other: object) -> bool:
        diff = self._ordered(other)
        return NotImplemented if diff is None else diff <= 0

    def __gt__(self, other: object) -> bool:
        diff = self._ordered(other)
        return NotImplemented if diff is None else diff > 0

    def __ge__(self, other: object) -> bool:
        diff = self._ordered(other)
        return NotImplemented if diff is None else diff >= 0

    __hash__ = StrEnum.__hash__


# Ranks are looked up in sorting keys millions of times; enumerating the members each time
# would dominate the sort.
_RANKS: dict[type[OrdinalEnum], dict[str, int]] = {}


class ActorKind(LabelledEnum):
    """What kind of organisation, post or body an actor is.

    Examples
    --------
    >>> ActorKind("daycare").label(), ActorKind("daycare").label("en")
    ('Kita', 'day-care centre')
    """

    SCHOOL = "school"
    DAYCARE = "daycare"
    SCHOOL_SOCIAL_WORK = "school_social_work"
    COUNSELLING_TEACHER = "counselling_teacher"
    SCHOOL_PSYCHOLOGY = "school_psychology"
    YOUTH_WELFARE_OFFICE = "youth_welfare_office"
    YOUTH_WELFARE_PROVIDER = "youth_welfare_provider"
    PARENTS_COUNCIL = "parents_council"
    PUPILS_COUNCIL = "pupils_council"
    NETWORK_OFFICE = "network_office"
    EDUCATION_OFFICE = "education_office"
    DISTRICT_ADMINISTRATION = "district_administration"
    SCHOOL_AUTHORITY = "school_authority"
    MUNICIPALITY = "municipality"
    YOUTH_EMPLOYMENT_AGENCY = "youth_employment_agency"
    EMPLOYMENT_AGENCY = "employment_agency"
    CAREER_GUIDANCE = "career_guidance"
    MIGRATION_SERVICE = "migration_service"
    HEALTH_SERVICE = "health_service"
    ADULT_EDUCATION = "adult_education"
    ASSOCIATION = "association"
    EMPLOYER = "employer"
    OTHER = "other"


class SchoolForm(LabelledEnum):
    """The form of a school (Schulform), covering the forms of all German states.

    Examples
    --------
    >>> SchoolForm("hauptschule").label(), SchoolForm("hauptschule").label("en")
    ('Hauptschule', 'Hauptschule (lower secondary)')
    """

    GRUNDSCHULE = "grundschule"
    HAUPTSCHULE = "hauptschule"
    REALSCHULE = "realschule"
    SEKUNDARSCHULE = "sekundarschule"
    OBERSCHULE = "oberschule"
    GEMEINSCHAFTSSCHULE = "gemeinschaftsschule"
    GESAMTSCHULE = "gesamtschule"
    GYMNASIUM = "gymnasium"
    FOERDERSCHULE = "foerderschule"
    BERUFSBILDENDE_SCHULE = "berufsbildende_schule"
    ZWEITER_BILDUNGSWEG = "zweiter_bildungsweg"
    OTHER = "other"


class Stage(OrdinalEnum):
    """An educational stage (Bildungsstufe), in the order pupils pass through them.

    Examples
    --------
    >>> Stage("primary").label(), Stage("primary").label("en")
    ('Primarstufe', 'primary')
    >>> Stage.EARLY_CHILDHOOD < Stage.VOCATIONAL
    True
    """

    EARLY_CHILDHOOD = "early_childhood"
    PRIMARY = "primary"
    LOWER_SECONDARY = "lower_secondary"
    UPPER_SECONDARY = "upper_secondary"
    VOCATIONAL = "vocational"


class CooperationKind(LabelledEnum):
    """What a cooperation between two actors consists of.

    Examples
    --------
    >>> CooperationKind("agreement").label(), CooperationKind("agreement").label("en")
    ('Kooperationsvereinbarung', 'cooperation agreement')
    """

    PLACEMENT = "placement"
    AGREEMENT = "agreement"
    CASE_WORK = "case_work"
    REFERRAL = "referral"
    JOINT_PROJECT = "joint_project"
    TRANSITION = "transition"
    INFORMATION_EXCHANGE = "information_exchange"
    CONSULTATION = "consultation"
    OTHER = "other"


class Formality(OrdinalEnum):
    """How formally a cooperation is fixed, from least to most formal.

    Examples
    --------
    >>> Formality("verbal").label(), Formality("verbal").label("en")
    ('mündlich vereinbart', 'verbal')
    >>> Formality.INFORMAL < Formality.WRITTEN
    True
    """

    INFORMAL = "informal"
    VERBAL = "verbal"
    WRITTEN = "written"


class Intensity(OrdinalEnum):
    """How deep a cooperation goes, the ordinal scale of community-partnership tools.

    Examples
    --------
    >>> Intensity("cooperation").label(), Intensity("cooperation").label("en")
    ('Kooperation', 'cooperation')
    >>> Intensity.AWARENESS < Intensity.INTEGRATION
    True
    """

    AWARENESS = "awareness"
    COOPERATION = "cooperation"
    COORDINATION = "coordination"
    INTEGRATION = "integration"


class CooperationLevel(LabelledEnum):
    """The level a cooperation works on.

    Examples
    --------
    >>> CooperationLevel("operational").label(), CooperationLevel("operational").label("en")
    ('operativ', 'operational')
    """

    STRATEGIC = "strategic"
    OPERATIONAL = "operational"
    CASE = "case"


class ForumKind(LabelledEnum):
    """What kind of multi-party body a forum is.

    Examples
    --------
    >>> ForumKind("network_meeting").label(), ForumKind("network_meeting").label("en")
    ('Netzwerktreffen', 'network meeting')
    """

    WORKING_GROUP = "working_group"
    NETWORK_MEETING = "network_meeting"
    STEERING_GROUP = "steering_group"
    CONFERENCE = "conference"
    CASE_CONFERENCE = "case_conference"
    COMMITTEE = "committee"
    TRANSITION_FORUM = "transition_forum"
    OTHER = "other"


class TransitionKind(LabelledEnum):
    """The kind of transition a flow of pupils makes.

    Examples
    --------
    >>> kind = TransitionKind("primary_to_secondary")
    >>> kind.label(), kind.label("en")
    ('Grundschule → Sekundarstufe I', 'primary → lower secondary')
    """

    KITA_TO_PRIMARY = "kita_to_primary"
    PRIMARY_TO_SECONDARY = "primary_to_secondary"
    SECONDARY_TO_VOCATIONAL = "secondary_to_vocational"
    SECONDARY_TO_UPPER_SECONDARY = "secondary_to_upper_secondary"
    REGULAR_TO_SPECIAL = "regular_to_special"
    SPECIAL_TO_REGULAR = "special_to_regular"
    SCHOOL_TO_WORK = "school_to_work"


class PreventionTier(OrdinalEnum):
    """The prevention tier of an intervention, from broadest to most individual.

    Examples
    --------
    >>> PreventionTier("selective").label(), PreventionTier("selective").label("en")
    ('selektiv', 'selective')
    >>> PreventionTier.UNIVERSAL < PreventionTier.INDICATED
    True
    """

    UNIVERSAL = "universal"
    SELECTIVE = "selective"
    INDICATED = "indicated"


class Topic(LabelledEnum):
    """A topic of cooperation or intervention, including the cross-cutting themes.

    Examples
    --------
    >>> Topic("school_refusal").label(), Topic("school_refusal").label("en")
    ('Schulverweigerung', 'school refusal')
    """

    ABSENTEEISM = "absenteeism"
    SCHOOL_REFUSAL = "school_refusal"
    DROPOUT = "dropout"
    INCLUSION = "inclusion"
    MIGRATION = "migration"
    EARLY_CHILDHOOD = "early_childhood"
    TRANSITION = "transition"
    PARENTS = "parents"
    CAREER_ORIENTATION = "career_orientation"
    MENTAL_HEALTH = "mental_health"
    LANGUAGE = "language"
    CHILD_PROTECTION = "child_protection"
    VIOLENCE_PREVENTION = "violence_prevention"
    DIGITAL_MEDIA = "digital_media"
    PARTICIPATION = "participation"


class FundingSource(LabelledEnum):
    """Where the money of a funding programme comes from.

    Examples
    --------
    >>> FundingSource("federal").label(), FundingSource("federal").label("en")
    ('Bund', 'federal')
    """

    EU_ESF_PLUS = "eu_esf_plus"
    FEDERAL = "federal"
    STATE = "state"
    DISTRICT = "district"
    MUNICIPAL = "municipal"
    FOUNDATION = "foundation"
    OTHER = "other"


class Severity(OrdinalEnum):
    """How urgent a finding is, from least to most.

    Examples
    --------
    >>> Severity("low").label(), Severity("low").label("en")
    ('niedrig', 'low')
    >>> Severity.INFO < Severity.CRITICAL
    True
    """

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


_LABELS: dict[tuple[type[LabelledEnum], str], tuple[str, str]] = {}

register_labels(
    [
        (ActorKind.SCHOOL, ("Schule", "school")),
        (ActorKind.DAYCARE, ("Kita", "day-care centre")),
        (ActorKind.SCHOOL_SOCIAL_WORK, ("Schulsozialarbeit", "school social work")),
        (ActorKind.COUNSELLING_TEACHER, ("Beratungslehrkraft", "counselling teacher")),
        (ActorKind.SCHOOL_PSYCHOLOGY, ("Schulpsychologische Beratung", "school psychology")),
        (ActorKind.YOUTH_WELFARE_OFFICE, ("Jugendamt", "youth welfare office")),
        (
            ActorKind.YOUTH_WELFARE_PROVIDER,
            ("Freier Träger der Jugendhilfe", "youth welfare provider"),
        ),
        (ActorKind.PARENTS_COUNCIL, ("Elternvertretung", "parents' council")),
        (ActorKind.PUPILS_COUNCIL, ("Schülervertretung", "pupils' council")),
        (ActorKind.NETWORK_OFFICE, ("Netzwerkstelle Schulerfolg", "network office")),
        (ActorKind.EDUCATION_OFFICE, ("Bildungsbüro", "education office")),
        (ActorKind.DISTRICT_ADMINISTRATION, ("Kreisverwaltung", "district administration")),
        (ActorKind.SCHOOL_AUTHORITY, ("Schulbehörde", "school authority")),
        (ActorKind.MUNICIPALITY, ("Gemeinde", "municipality")),
        (ActorKind.YOUTH_EMPLOYMENT_AGENCY, ("Jugendberufsagentur", "youth employment agency")),
        (ActorKind.EMPLOYMENT_AGENCY, ("Agentur für Arbeit", "employment agency")),
        (ActorKind.CAREER_GUIDANCE, ("Berufsorientierung", "career guidance")),
        (ActorKind.MIGRATION_SERVICE, ("Migrationsdienst", "migration service")),
        (ActorKind.HEALTH_SERVICE, ("Gesundheitsdienst", "health service")),
        (ActorKind.ADULT_EDUCATION, ("Erwachsenenbildung", "adult education")),
        (ActorKind.ASSOCIATION, ("Verein", "association")),
        (ActorKind.EMPLOYER, ("Betrieb", "employer")),
        (ActorKind.OTHER, ("Sonstige", "other")),
        (SchoolForm.GRUNDSCHULE, ("Grundschule", "primary school")),
        (SchoolForm.HAUPTSCHULE, ("Hauptschule", "Hauptschule (lower secondary)")),
        (SchoolForm.REALSCHULE, ("Realschule", "Realschule (lower secondary)")),
        (SchoolForm.SEKUNDARSCHULE, ("Sekundarschule", "secondary school")),
        (SchoolForm.OBERSCHULE, ("Oberschule", "Oberschule (lower secondary)")),
        (SchoolForm.GEMEINSCHAFTSSCHULE, ("Gemeinschaftsschule", "community school")),
        (SchoolForm.GESAMTSCHULE, ("Gesamtschule", "comprehensive school")),
        (SchoolForm.GYMNASIUM, ("Gymnasium", "grammar school")),
        (SchoolForm.FOERDERSCHULE, ("Förderschule", "special school")),
        (SchoolForm.BERUFSBILDENDE_SCHULE, ("Berufsbildende Schule", "vocational school")),
        (
            SchoolForm.ZWEITER_BILDUNGSWEG,
            ("Schule des Zweiten Bildungswegs", "second-chance school"),
        ),
        (SchoolForm.OTHER, ("Sonstige Schule", "other school")),
        (Stage.EARLY_CHILDHOOD, ("Frühkindliche Bildung", "early childhood")),
        (Stage.PRIMARY, ("Primarstufe", "primary")),
        (Stage.LOWER_SECONDARY, ("Sekundarstufe I", "lower secondary")),
        (Stage.UPPER_SECONDARY, ("Sekundarstufe II", "upper secondary")),
        (Stage.VOCATIONAL, ("Berufliche Bildung", "vocational")),
        (CooperationKind.PLACEMENT, ("Einsatz an der Schule", "placement")),
        (CooperationKind.AGREEMENT, ("Kooperationsvereinbarung", "cooperation agreement")),
        (CooperationKind.CASE_WORK, ("Fallarbeit", "case work")),
        (CooperationKind.REFERRAL, ("Vermittlung", "referral")),
        (CooperationKind.JOINT_PROJECT, ("Gemeinsames Projekt", "joint project")),
        (CooperationKind.TRANSITION, ("Übergangskooperation", "transition cooperation")),
        (CooperationKind.INFORMATION_EXCHANGE, ("Informationsaustausch", "information exchange")),
        (CooperationKind.CONSULTATION, ("Beratung", "consultation")),
        (CooperationKind.OTHER, ("Sonstige Zusammenarbeit", "other cooperation")),
        (Formality.INFORMAL, ("informell", "informal")),
        (Formality.VERBAL, ("mündlich vereinbart", "verbal")),
        (Formality.WRITTEN, ("schriftlich vereinbart", "written")),
        (Intensity.AWARENESS, ("Kenntnis", "awareness")),
        (Intensity.COOPERATION, ("Kooperation", "cooperation")),
        (Intensity.COORDINATION, ("Koordination", "coordination")),
        (Intensity.INTEGRATION, ("Integration", "integration")),
        (CooperationLevel.STRATEGIC, ("strategisch", "strategic")),
        (CooperationLevel.OPERATIONAL, ("operativ", "operational")),
        (CooperationLevel.CASE, ("Einzelfall", "case")),
        (ForumKind.WORKING_GROUP, ("Arbeitskreis", "working group")),
        (ForumKind.NETWORK_MEETING, ("Netzwerktreffen", "network meeting")),
        (ForumKind.STEERING_GROUP, ("Steuerungsgruppe", "steering group")),
        (ForumKind.CONFERENCE, ("Konferenz", "conference")),
        (ForumKind.CASE_CONFERENCE, ("Fallkonferenz", "case conference")),
        (ForumKind.COMMITTEE, ("Ausschuss", "committee")),
        (ForumKind.TRANSITION_FORUM, ("Übergangsforum", "transition forum")),
        (ForumKind.OTHER, ("Sonstiges Gremium", "other body")),
        (TransitionKind.KITA_TO_PRIMARY, ("Kita → Grundschule", "day care → primary school")),
        (
            TransitionKind.PRIMARY_TO_SECONDARY,
            ("Grundschule → Sekundarstufe I", "primary → lower secondary"),
        ),
        (
            TransitionKind.SECONDARY_TO_VOCATIONAL,
            ("Sekundarstufe I → Berufsausbildung", "lower secondary → vocational training"),
        ),
        (
            TransitionKind.SECONDARY_TO_UPPER_SECONDARY,
            ("Sekundarstufe I → Sekundarstufe II", "lower secondary → upper secondary"),
        ),
        (
            TransitionKind.REGULAR_TO_SPECIAL,
            ("Regelschule → Förderschule", "regular school → special school"),
        ),
        (
            TransitionKind.SPECIAL_TO_REGULAR,
            ("Förderschule → Regelschule", "special school → regular school"),
        ),
        (TransitionKind.SCHOOL_TO_WORK, ("Schule → Beruf", "school → work")),
        (PreventionTier.UNIVERSAL, ("universell", "universal")),
        (PreventionTier.SELECTIVE, ("selektiv", "selective")),
        (PreventionTier.INDICATED, ("indiziert", "indicated")),
        (Topic.ABSENTEEISM, ("Schulabsentismus", "absenteeism")),
        (Topic.SCHOOL_REFUSAL, ("Schulverweigerung", "school refusal")),
        (Topic.DROPOUT, ("Schulabbruch", "drop-out")),
        (Topic.INCLUSION, ("Inklusion", "inclusion")),
        (Topic.MIGRATION, ("Migration", "migration")),
        (Topic.EARLY_CHILDHOOD, ("Frühkindliche Bildung", "early childhood education")),
        (Topic.TRANSITION, ("Übergänge", "transitions")),
        (Topic.PARENTS, ("Elternarbeit", "work with parents")),
        (Topic.CAREER_ORIENTATION, ("Berufsorientierung", "career orientation")),
        (Topic.MENTAL_HEALTH, ("Psychische Gesundheit", "mental health")),
        (Topic.LANGUAGE, ("Sprachförderung", "language support")),
        (Topic.CHILD_PROTECTION, ("Kinderschutz", "child protection")),
        (Topic.VIOLENCE_PREVENTION, ("Gewaltprävention", "violence prevention")),
        (Topic.DIGITAL_MEDIA, ("Medienbildung", "digital media")),
        (Topic.PARTICIPATION, ("Beteiligung", "participation")),
        (FundingSource.EU_ESF_PLUS, ("Europäischer Sozialfonds Plus (ESF+)", "EU ESF+")),
        (FundingSource.FEDERAL, ("Bund", "federal")),
        (FundingSource.STATE, ("Land", "state")),
        (FundingSource.DISTRICT, ("Landkreis", "district")),
        (FundingSource.MUNICIPAL, ("Kommune", "municipal")),
        (FundingSource.FOUNDATION, ("Stiftung", "foundation")),
        (FundingSource.OTHER, ("Sonstige", "other")),
        (Severity.INFO, ("Hinweis", "info")),
        (Severity.LOW, ("niedrig", "low")),
        (Severity.MEDIUM, ("mittel", "medium")),
        (Severity.HIGH, ("hoch", "high")),
        (Severity.CRITICAL, ("kritisch", "critical")),
    ]
)
