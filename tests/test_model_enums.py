import pytest

from bildungsnetz import (
    ActorKind,
    CooperationKind,
    CooperationLevel,
    Formality,
    ForumKind,
    FundingSource,
    Intensity,
    PreventionTier,
    SchoolForm,
    Severity,
    Stage,
    Topic,
    TransitionKind,
)

ENUMS = [
    ActorKind,
    CooperationKind,
    CooperationLevel,
    Formality,
    ForumKind,
    FundingSource,
    Intensity,
    PreventionTier,
    SchoolForm,
    Severity,
    Stage,
    Topic,
    TransitionKind,
]


@pytest.mark.parametrize("enum", ENUMS)
def test_every_value_has_german_and_english_labels(enum):
    """Each member has a non-empty label in both languages."""
    assert all(member.label("de") and member.label("en") for member in enum)


@pytest.mark.parametrize("enum", ENUMS)
def test_german_labels_are_unique_within_an_enumeration(enum):
    """Two values never share a German label, so displays stay unambiguous."""
    labels = [member.label("de") for member in enum]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("enum", ENUMS)
def test_values_are_stable_lower_case_words(enum):
    """Values are lower-case ASCII words with underscores, as JSON files hold them."""
    assert all(
        member.value.isascii() and member.value == member.value.lower() and " " not in member.value
        for member in enum
    )


def test_design_names_the_required_actor_kinds():
    """DESIGN.md's list of actor kinds is covered."""
    required = {
        "school",
        "daycare",
        "school_social_work",
        "counselling_teacher",
        "school_psychology",
        "youth_welfare_office",
        "youth_welfare_provider",
        "parents_council",
        "pupils_council",
        "network_office",
        "education_office",
        "district_administration",
        "school_authority",
        "municipality",
        "youth_employment_agency",
        "employment_agency",
        "career_guidance",
        "migration_service",
        "health_service",
        "adult_education",
        "association",
        "other",
    }
    assert required <= {kind.value for kind in ActorKind}


def test_intensity_is_ordered_as_declared():
    """awareness < cooperation < coordination < integration."""
    assert sorted(Intensity, reverse=True) == [
        Intensity.INTEGRATION,
        Intensity.COORDINATION,
        Intensity.COOPERATION,
        Intensity.AWARENESS,
    ]


def test_severity_order_is_not_alphabetical():
    """Severity sorts by urgency, not by its values' spelling."""
    assert max(Severity) is Severity.CRITICAL
    assert sorted([Severity.HIGH, Severity.INFO, Severity.LOW]) == [
        Severity.INFO,
        Severity.LOW,
        Severity.HIGH,
    ]


def test_enum_members_compare_equal_to_their_values():
    """StrEnum members equal and hash like their values, for use with plain strings."""
    assert ActorKind.SCHOOL == "school"
    assert {ActorKind.SCHOOL: 1}["school"] == 1


def test_labels_default_to_german():
    """label() without a language gives the German label."""
    assert (TransitionKind.KITA_TO_PRIMARY.label(), Topic.ABSENTEEISM.label("en")) == (
        "Kita → Grundschule",
        "absenteeism",
    )


@pytest.mark.parametrize(
    ("member", "german"),
    [
        (SchoolForm.OTHER, "Sonstige Schule"),
        (ForumKind.OTHER, "Sonstiges Gremium"),
        (CooperationKind.OTHER, "Sonstige Zusammenarbeit"),
        (CooperationKind.TRANSITION, "Übergangskooperation"),
        (Topic.TRANSITION, "Übergänge"),
    ],
)
def test_members_with_equal_values_keep_their_own_labels(member, german):
    """SchoolForm.OTHER and FundingSource.OTHER share a value but not a label."""
    assert member.label() == german
