import unicodedata
from datetime import date

import pytest
from pydantic import ValidationError

from bildungsnetz import (
    Actor,
    Cooperation,
    Forum,
    Identifier,
    Intervention,
    Programme,
    SchoolProfile,
    Stage,
    TransitionFlow,
)


def school(**changes):
    fields = {
        "id": "gs1",
        "name": "GS Am Markt",
        "kind": "school",
        "school": SchoolProfile(form="grundschule"),
    }
    return Actor(**{**fields, **changes})


def test_actor_keywords_match_the_design():
    """The constructor of DESIGN.md's example works as written."""
    actor = Actor(
        id="gs1", name="GS Am Markt", kind="school", school=SchoolProfile(form="grundschule")
    )
    assert (actor.id, actor.kind.value, actor.school.form.value) == ("gs1", "school", "grundschule")


def test_records_are_frozen():
    """Assigning to a field of a record fails."""
    actor = school()
    with pytest.raises(ValidationError, match="frozen"):
        actor.name = "anders"


def test_unknown_fields_are_refused():
    """A misspelt keyword is an error, not silently dropped."""
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        school(nmae="Tippfehler")


def test_school_needs_a_profile():
    """An actor of kind school without a profile is refused at the field 'school'."""
    with pytest.raises(ValidationError) as caught:
        Actor(id="gs1", name="GS", kind="school")
    assert caught.value.errors()[0]["loc"] == ("school",)


def test_only_schools_have_a_profile():
    """A Kita with a school profile is refused."""
    with pytest.raises(ValidationError, match="only schools have a school profile"):
        Actor(id="k1", name="Kita", kind="daycare", school=SchoolProfile(form="grundschule"))


def test_texts_are_nfc_normalised_and_stripped():
    """A decomposed umlaut and surrounding spaces are normalised away."""
    decomposed = unicodedata.normalize("NFD", "  Grundschule Müllerstraße ")
    assert school(name=decomposed).name == "Grundschule Müllerstraße"


def test_ids_are_nfc_normalised_so_equal_looking_ids_compare_equal():
    """An id typed with a combining character equals its precomposed form."""
    assert school(id=unicodedata.normalize("NFD", "gs-ä")).id == "gs-ä"


@pytest.mark.parametrize("bad_id", ["", "   ", "gs 1", "gs\t1", "gs\x001", "x" * 129])
def test_bad_ids_are_refused(bad_id):
    """Empty, too long, whitespace or control characters in ids are refused."""
    with pytest.raises(ValidationError, match="id"):
        school(id=bad_id)


def test_empty_names_are_refused():
    """A name of blanks is refused."""
    with pytest.raises(ValidationError, match="must not be empty"):
        school(name="  ")


@pytest.mark.parametrize("ags", ["15084275", "01001000", "16077001"])
def test_valid_ags_is_accepted(ags):
    """Eight digits with a Land code from 01 to 16 are an AGS."""
    assert school(municipality=ags).municipality == ags


@pytest.mark.parametrize(
    ("ags", "message"),
    [
        ("1508427", "exactly 8 digits"),
        ("150842750", "exactly 8 digits"),
        ("17084275", "Land code 01 to 16"),
        ("00084275", "Land code 01 to 16"),
        ("15O84275", "exactly 8 digits"),
    ],
)
def test_invalid_ags_is_refused(ags, message):
    """Wrong length, letters and Land codes outside 01..16 are refused."""
    with pytest.raises(ValidationError, match=message):
        school(municipality=ags)


def test_school_profile_defaults_to_the_usual_stages_of_its_form():
    """A Gymnasium teaches both secondary stages unless told otherwise."""
    assert SchoolProfile(form="gymnasium").stages == {Stage.LOWER_SECONDARY, Stage.UPPER_SECONDARY}


def test_school_profile_keeps_explicit_stages():
    """Given stages replace the default (a Gemeinschaftsschule with a primary stage)."""
    profile = SchoolProfile(form="gemeinschaftsschule", stages={"primary", "lower_secondary"})
    assert profile.stages == {Stage.PRIMARY, Stage.LOWER_SECONDARY}


def test_school_profile_keywords_match_the_design():
    """Need indicators are optional shares; pupils is a count."""
    profile = SchoolProfile(
        form="gymnasium", pupils=640, absence_rate=0.08, without_qualification_rate=0.05
    )
    assert (profile.pupils, profile.absence_rate, profile.special_needs_rate) == (640, 0.08, None)


@pytest.mark.parametrize(
    "field", ["absence_rate", "without_qualification_rate", "special_needs_rate", "migration_rate"]
)
@pytest.mark.parametrize("value", [-0.01, 1.01, 8.0])
def test_shares_lie_between_zero_and_one(field, value):
    """A share of 8 (a percentage given by mistake) is refused."""
    with pytest.raises(ValidationError, match=field):
        SchoolProfile(form="grundschule", **{field: value})


def test_identifiers_keep_leading_zeros():
    """Identifier values are text, so a school number 0123 keeps its zero."""
    assert Identifier(scheme="schulnummer", value="0123").value == "0123"


def test_cooperation_keywords_match_the_design():
    """Cooperation(id, actors, kind) with everything else defaulted."""
    tie = Cooperation(id="c1", actors=("gs1", "ssa1"), kind="placement")
    assert (tie.actors, tie.directed, tie.confirmed, tie.person_bound, tie.intensity) == (
        ("gs1", "ssa1"),
        False,
        True,
        False,
        None,
    )


def test_cooperation_other_end():
    """other() returns the partner and refuses an actor that is not an end."""
    tie = Cooperation(id="c1", actors=("gs1", "ssa1"), kind="placement")
    assert (tie.other("gs1"), tie.other("ssa1")) == ("ssa1", "gs1")
    with pytest.raises(ValueError, match="not an end"):
        tie.other("ja")


def test_cooperation_needs_exactly_two_actors():
    """Three ends are refused."""
    with pytest.raises(ValidationError, match="actors"):
        Cooperation(id="c1", actors=("a", "b", "c"), kind="other")


def test_cooperation_reads_german_last_contact():
    """last_contact accepts a German date."""
    tie = Cooperation(id="c1", actors=("a", "b"), kind="other", last_contact="5. März 2024")
    assert tie.last_contact == date(2024, 3, 5)


def test_forum_participants_include_the_convenor():
    """size counts the members and the convenor once."""
    forum = Forum(
        id="f", name="AK", kind="working_group", convenor="nws", members={"nws", "ja", "gs1"}
    )
    assert (forum.size, forum.participants) == (3, {"nws", "ja", "gs1"})


def test_flow_keywords_match_the_design():
    """A flow needs no id; its key identifies it."""
    flow = TransitionFlow(
        source="gs1", target="sek1", year=2024, pupils=38, transition="primary_to_secondary"
    )
    assert (flow.key, flow.school_year) == (
        ("gs1", "sek1", 2024, "primary_to_secondary"),
        "2024/25",
    )


@pytest.mark.parametrize(("field", "value"), [("pupils", -1), ("year", 1850), ("year", 2500)])
def test_flow_refuses_impossible_numbers(field, value):
    """Negative pupils and years outside 1990..2100 are refused."""
    fields = {
        "source": "a",
        "target": "b",
        "year": 2024,
        "pupils": 3,
        "transition": "kita_to_primary",
        field: value,
    }
    with pytest.raises(ValidationError, match=field):
        TransitionFlow(**fields)


def test_intervention_keywords_match_the_design():
    """Intervention(id, name, tier, topics, providers, sites, period, funding)."""
    measure = Intervention(
        id="iv1",
        name="Die 2. Chance",
        tier="indicated",
        topics={"absenteeism"},
        providers={"t1"},
        sites={"sek1"},
        period={"start": date(2024, 8, 1)},
        funding={"esf"},
    )
    assert (measure.tier.value, sorted(measure.topics), sorted(measure.funding)) == (
        "indicated",
        ["absenteeism"],
        ["esf"],
    )


def test_programme_with_an_end_is_time_limited():
    """An ESF+ programme ends; a district budget line does not."""
    esf = Programme(
        id="esf",
        name="ESF+",
        source="eu_esf_plus",
        period={"start": date(2024, 8, 1), "end": date(2028, 8, 1)},
    )
    budget = Programme(id="kreis", name="Kreishaushalt", source="district")
    assert (esf.is_time_limited, budget.is_time_limited) == (True, False)


def test_sets_accept_lists_and_compare_as_sets():
    """Reference collections are sets: order and repetition do not matter."""
    first = Intervention(id="i", name="I", tier="universal", sites=["a", "b", "a"])
    second = Intervention(id="i", name="I", tier="universal", sites=["b", "a"])
    assert first == second


def test_records_are_hashable():
    """Frozen records can be set members and dictionary keys."""
    assert len({school(), school(), school(id="gs2")}) == 2
