"""Hostile Unicode in ids, names and texts: refused naming the record and the code point.

Ids hold only visible characters; names are one visible line; texts refuse controls but
line breaks and tabs; ids equal after NFC are duplicates and ids that look alike (NFKC,
Cyrillic and Greek look-alikes) are reported like duplicates. Through the models and
through the JSON, workbook, CSV and survey readers, which report every problem at once with
its place and leave their input as it was.
"""

import copy
import unicodedata

import pytest
from pydantic import ValidationError

from bildungsnetz import (
    Actor,
    Cooperation,
    EducationNetwork,
    Forum,
    Intervention,
    Programme,
    TransitionFlow,
    io,
)
from bildungsnetz.datasets import musterkreis
from bildungsnetz.errors import NetworkIntegrityError
from bildungsnetz.io._survey_names import NameMatcher

# Each: the character, how a refusal names it.
HOSTILE_IN_IDS = [
    ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\u202b", "U+202B RIGHT-TO-LEFT EMBEDDING"),
    ("\u202c", "U+202C POP DIRECTIONAL FORMATTING"),
    ("\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("\u2068", "U+2068 FIRST STRONG ISOLATE"),
    ("\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\u200c", "U+200C ZERO WIDTH NON-JOINER"),
    ("\u200d", "U+200D ZERO WIDTH JOINER"),
    ("\u200e", "U+200E LEFT-TO-RIGHT MARK"),
    ("\u2060", "U+2060 WORD JOINER"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\u00ad", "U+00AD SOFT HYPHEN"),
    ("\u00a0", "U+00A0 NO-BREAK SPACE"),
    ("\u3164", "U+3164 HANGUL FILLER"),
    ("\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
    ("\ue000", "U+E000 private-use character"),
    ("\U000f0000", "U+F0000 private-use character"),
    ("\ufdd0", "U+FDD0 noncharacter"),
    ("\uffff", "U+FFFF noncharacter"),
    ("\U0001fffe", "U+1FFFE noncharacter"),
    ("\x00", "U+0000 NULL"),
    ("\t", "U+0009 CHARACTER TABULATION"),
    ("\n", "U+000A LINE FEED"),
    ("\x1b", "U+001B ESCAPE"),
    ("\x7f", "U+007F DELETE"),
    ("\x85", "U+0085 NEXT LINE"),
    ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
    ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\u0378", "U+0378 unassigned code point"),
    ("\ud800", "U+D800 surrogate"),
]

HOSTILE_IN_NAMES = [
    ("\x00", "U+0000 NULL"),
    ("\t", "U+0009 CHARACTER TABULATION"),
    ("\n", "U+000A LINE FEED"),
    ("\r", "U+000D CARRIAGE RETURN"),
    ("\x1b", "U+001B ESCAPE"),
    ("\x7f", "U+007F DELETE"),
    ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER"),
    ("\u2028", "U+2028 LINE SEPARATOR"),
    ("\u2029", "U+2029 PARAGRAPH SEPARATOR"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u202d", "U+202D LEFT-TO-RIGHT OVERRIDE"),
    ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\ufdd0", "U+FDD0 noncharacter"),
    ("\ud800", "U+D800 surrogate"),
]

VALID_IDS = [
    "gs-am-hügel",
    "schule-ä",
    "ayşe-gül-öztürk",
    "مدرسة-النور",
    "школа-5",
    "σχολείο-1",
    "学校-7",
    "विद्यालय",  # holds combining vowel signs after the first letter
    "gs_1.2:3/4#a@b",
    "e=mc²",
    "kita-☀",
]

VALID_NAMES = [
    "Grundschule Am Hügel",
    "Ayşe-Gül Öztürk-Verein",
    "مدرسة النور الابتدائية",
    "Школа № 5 имени А. С. Пушкина",
    "Σχολείο Αθηνών",
    "בית ספר יסודי",
    "کتاب\u200cخانه مرکزی",  # Persian: a zero-width non-joiner inside a word
    "विद्यालय",
    "Grund\u00adschule Nord",  # a soft hyphen from a word processor
    "Kita Sonnenschein ☀️",  # an emoji with its variation selector
    "–",
]


def refusal(make, **fields):
    """Return the message of the single error of building a record from ``fields``."""
    given_fields = copy.deepcopy(fields)
    with pytest.raises(ValidationError) as caught:
        make(**fields)
    assert fields == given_fields  # the input is unchanged
    errors = caught.value.errors()
    assert len(errors) == 1, errors
    return errors[0]["loc"], errors[0]["msg"]


# -- ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("character", "named"), HOSTILE_IN_IDS)
def test_an_id_with_an_invisible_or_control_character_is_refused_naming_it(character, named):
    """The refusal names the code point, its name and its position, counted from 1."""
    loc, message = refusal(Actor, id=f"gs{character}1", name="GS", kind="school_psychology")
    assert loc == ("id",)
    assert f"{named} at position 3" in message


@pytest.mark.parametrize(
    ("make", "fields", "field"),
    [
        (Actor, {"name": "A", "kind": "other"}, "id"),
        (Cooperation, {"actors": ("a", "b"), "kind": "other"}, "id"),
        (Forum, {"name": "F", "kind": "working_group"}, "id"),
        (Intervention, {"name": "I", "tier": "universal"}, "id"),
        (Programme, {"name": "P", "source": "state"}, "id"),
        (Actor, {"id": "a", "name": "A", "kind": "other"}, "part_of"),
        (Cooperation, {"id": "c", "kind": "other"}, "actors"),
        (Forum, {"id": "f", "name": "F", "kind": "working_group"}, "members"),
        (Intervention, {"id": "i", "name": "I", "tier": "universal"}, "sites"),
        (Actor, {"id": "a", "name": "A", "kind": "other"}, "funding"),
    ],
)
def test_every_id_and_reference_refuses_a_right_to_left_override(make, fields, field):
    """Record ids and references to them share the check."""
    hostile = "gs\u202e1"
    value = {
        "actors": (hostile, "b"),
        "members": {hostile},
        "sites": {hostile},
        "funding": {hostile},
    }.get(field, hostile)
    loc, message = refusal(make, **fields, **{field: value})
    assert loc[0] == field
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at position 3" in message


def test_every_forbidden_character_of_an_id_is_named_at_once():
    """Three culprits, three names and positions; the id is shown escaped."""
    _, message = refusal(Actor, id="a\u200bb\u202ec\ufeff", name="A", kind="other")
    assert (
        "U+200B ZERO WIDTH SPACE at position 2, U+202E RIGHT-TO-LEFT OVERRIDE at position 4, "
        "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 6"
    ) in message
    assert "'a\\u200bb\\u202ec\\ufeff'" in message
    assert "\u202e" not in message


def test_a_long_list_of_culprits_is_cut_short():
    """Ten thousand NUL make a short message, not ten thousand names."""
    _, message = refusal(Actor, id="a", name="a" + "\x00" * 10_000, kind="other")
    assert "and 9997 more" in message
    assert len(message) < 500


def test_an_id_starting_with_a_combining_mark_is_refused():
    """A mark with nothing to combine with stands first only in a forged id."""
    _, message = refusal(Actor, id="\u0301gs", name="A", kind="other")
    assert "must not start with a combining mark" in message
    assert "U+0301 COMBINING ACUTE ACCENT" in message


@pytest.mark.parametrize("record_id", VALID_IDS)
def test_visible_ids_of_every_script_stay_valid(record_id):
    """Letters, marks, digits, punctuation and symbols of any script make an id."""
    assert Actor(id=record_id, name="A", kind="other").id == record_id


def test_every_id_of_the_example_district_is_valid_as_it_is():
    """The shipped example keeps every id (the alphabet only refuses invisible characters)."""
    network = musterkreis()
    text = io.dumps(network)
    assert io.loads(text) == network
    records = [*network.actors, *network.cooperations, *network.forums, *network.programmes]
    assert all(Actor(id=record.id, name="A", kind="other").id == record.id for record in records)


# -- names and texts ---------------------------------------------------------------------------


@pytest.mark.parametrize(("character", "named"), HOSTILE_IN_NAMES)
def test_a_name_with_a_control_or_bidi_override_is_refused_naming_it(character, named):
    """Names are one line without controls, overrides or isolates."""
    loc, message = refusal(Actor, id="a", name=f"Sch{character}ule", kind="other")
    assert loc == ("name",)
    assert f"{named} at position 4" in message


@pytest.mark.parametrize(
    ("make", "fields", "field"),
    [
        (EducationNetwork, {}, "name"),
        (Forum, {"id": "f", "kind": "working_group"}, "name"),
        (Intervention, {"id": "i", "tier": "universal"}, "name"),
        (Programme, {"id": "p", "source": "state"}, "name"),
        (Actor, {"id": "a", "name": "A", "kind": "other"}, "tags"),
    ],
)
def test_every_name_refuses_an_ansi_escape_sequence(make, fields, field):
    """The escape that starts a terminal colour or cursor sequence is a control character."""
    value = "Kreis \x1b[2J\x1b[31mrot"
    with pytest.raises(ValidationError) as caught:
        make(**fields, **{field: {value} if field == "tags" else value})
    assert "U+001B ESCAPE at position 7" in str(caught.value)


@pytest.mark.parametrize(
    "name",
    ["\u200b", "\u200b\u200d\u2060", "\u0301\u0308", " \u200b\u3000", "\u00ad", "\u200c "],
)
def test_a_name_that_shows_nothing_is_refused(name):
    """Zero-width characters, combining marks and spaces alone show no name."""
    loc, message = refusal(Actor, id="a", name=name, kind="other")
    assert loc == ("name",)
    assert "must show at least one visible character" in message


@pytest.mark.parametrize("name", VALID_NAMES)
def test_names_of_every_script_stay_valid_and_unchanged(name):
    """German, Turkish, Arabic, Cyrillic, Greek, Hebrew, Persian and Hindi names are kept."""
    assert Actor(id="a", name=name, kind="other").name == unicodedata.normalize("NFC", name)


def test_a_description_keeps_line_breaks_and_tabs_but_refuses_escapes():
    """Free text may span lines; controls other than tab and line breaks are refused."""
    text = "Erste Zeile\n\tzweite Zeile\r\ndritte"
    assert Programme(id="p", name="P", source="state", description=text).description == text
    loc, message = refusal(
        Programme, id="p", name="P", source="state", description="a\n\x1b[31mb\u202ec"
    )
    assert loc == ("description",)
    assert "U+001B ESCAPE at position 3, U+202E RIGHT-TO-LEFT OVERRIDE at position 9" in message


# -- duplicates after normalisation and look-alikes --------------------------------------------


def problems_of(*ids):
    """Return the integrity problems of a network of actors with ``ids``, as text."""
    records = [Actor(id=record_id, name="A", kind="other") for record_id in ids]
    with pytest.raises(NetworkIntegrityError) as caught:
        EducationNetwork(name="X", actors=records)
    return [str(problem) for problem in caught.value.problems]


def _field(record):
    return {
        Actor: "actors",
        Cooperation: "cooperations",
        Forum: "forums",
        Intervention: "interventions",
        Programme: "programmes",
    }[type(record)]


def test_ids_equal_after_nfc_are_duplicates():
    """'schule-ä' composed and decomposed is one id: NFC on input makes them equal."""
    composed, decomposed = "schule-\u00e4", "schule-a\u0308"
    assert composed != decomposed
    assert problems_of(composed, decomposed) == [
        "actors[schule-ä].id: duplicate id 'schule-ä', used by records #0, #1 of actors"
    ]


@pytest.mark.parametrize(
    ("plain", "twin", "named"),
    [
        ("schule-a", "schule-\u0430", "U+0430 CYRILLIC SMALL LETTER A at position 8"),
        ("KITA-OST", "KITA-\u041eST", "U+041E CYRILLIC CAPITAL LETTER O at position 6"),
        ("gs-pio", "gs-\u03c1io", "U+03C1 GREEK SMALL LETTER RHO at position 4"),
        ("gs-fi", "gs-\ufb01", "U+FB01 LATIN SMALL LIGATURE FI at position 4"),
        ("GS1", "\uff27\uff33\uff11", "U+FF27 FULLWIDTH LATIN CAPITAL LETTER G at position 1"),
        ("gs-2", "gs-\u2461", "U+2461 CIRCLED DIGIT TWO at position 4"),
    ],
)
def test_ids_that_look_alike_are_reported_as_probable_twins(plain, twin, named):
    """NFKC-equal and Cyrillic/Greek look-alike ids are problems at the look-alike."""
    problems = problems_of(plain, twin)
    assert len(problems) == 1
    assert problems[0].startswith(f"actors[{twin}].id: id {twin!r} looks like {plain!r}")
    assert named in problems[0]


@pytest.mark.parametrize("make", [Cooperation, Forum, Intervention, Programme])
def test_look_alike_ids_are_found_in_every_collection(make):
    """Ties, forums, measures and programmes are checked like actors."""
    fields = {
        Cooperation: {"actors": ("a", "b"), "kind": "other"},
        Forum: {"name": "F", "kind": "working_group"},
        Intervention: {"name": "I", "tier": "universal"},
        Programme: {"name": "P", "source": "state"},
    }[make]
    actors = [Actor(id=i, name=i, kind="other") for i in ("a", "b")]
    records = [make(id="c-o", **fields), make(id="c-\u043e", **fields)]
    with pytest.raises(NetworkIntegrityError) as caught:
        EducationNetwork(name="X", actors=actors, **{_field(records[0]): records})
    [problem] = caught.value.problems
    assert (problem.record, problem.field) == ("c-\u043e", "id")
    assert "U+043E CYRILLIC SMALL LETTER O at position 3" in problem.message


@pytest.mark.parametrize(
    "ids",
    [
        ("schule-a", "schule-ä"),  # a visible difference
        ("школа", "shkola"),
        ("gs-l", "gs-1", "gs-I"),  # one script tells these apart
        ("GS1", "gs1"),
        ("σχολείο", "sxoleio"),
    ],
)
def test_ids_that_differ_visibly_are_no_twins(ids):
    """Only what a reader cannot tell apart is reported."""
    network = EducationNetwork(name="X", actors=[Actor(id=i, name=i, kind="other") for i in ids])
    assert [actor.id for actor in network.actors] == list(ids)


def test_look_alike_problems_come_in_a_fixed_order():
    """Several twins are listed sorted, whatever the hash seed orders sets by."""
    ids = ["b-o", "b-\u043e", "a-o", "a-\u043e", "c-\u03bf", "c-o"]
    problems = problems_of(*ids)
    assert [problem.split("]")[0] for problem in problems] == [
        "actors[a-\u043e",
        "actors[b-\u043e",
        "actors[c-\u03bf",
    ]


def test_a_reference_to_a_look_alike_says_which_id_it_imitates():
    """An unknown reference that prints like a known id names that id and the culprit."""
    school = Actor(id="gs-1", name="GS", kind="school", school={"form": "grundschule"})
    work = Actor(id="ja", name="JA", kind="youth_employment_agency", funding={"esf"})
    with pytest.raises(NetworkIntegrityError) as caught:
        EducationNetwork(
            name="X",
            actors=[school, work.model_copy(update={"funding": frozenset({"\uff45sf"})})],
            programmes=[Programme(id="esf", name="ESF+", source="eu_esf_plus")],
            cooperations=[Cooperation(id="c", actors=("gs-\u0031", "j\u0430"), kind="other")],
            flows=[
                TransitionFlow(
                    source="g\u0455-1",
                    target="ja",
                    year=2024,
                    pupils=5,
                    transition="school_to_work",
                )
            ],
        )
    assert [str(problem) for problem in caught.value.problems] == [
        "actors[ja].funding: unknown programme 'ｅsf'; it looks like the programme 'esf' "
        "(U+FF45 FULLWIDTH LATIN SMALL LETTER E at position 1)",
        "cooperations[c].actors: unknown actor 'jа'; it looks like the actor 'ja' "
        "(U+0430 CYRILLIC SMALL LETTER A at position 2)",
        "flows[0].source: unknown actor 'gѕ-1'; it looks like the actor 'gs-1' "
        "(U+0455 CYRILLIC SMALL LETTER DZE at position 2)",
    ]


# -- names compared where the survey looks for the actor a name means --------------------------


def matcher_of(*names):
    """A survey's name matcher over actors with these names (ids n0, n1, ...)."""
    actors = [Actor(id=f"n{i}", name=name, kind="other") for i, name in enumerate(names)]
    return NameMatcher(EducationNetwork(name="X", actors=actors), accept={})


@pytest.mark.parametrize(
    "written",
    [
        "Grundschule Am H\u00fcg\u0435l",  # Cyrillic е
        "GRUNDSCHULE \u0410M HÜGEL",  # Cyrillic А
        "Grundschule Am Hu\u0308gel",  # decomposed ü
        "\uff27rundschule Am Hügel",  # full-width G
        "\u0412ildungsbüro Am Hügel",  # Cyrillic В, whose lower case looks like no Latin letter
    ],
)
def test_a_look_alike_name_means_the_actor_it_imitates(written):
    """Look-alike letters, decomposed umlauts and full-width forms fold when names compare."""
    actors = ("Grundschule Am Hügel", "Grundschule Am Berg", "Bildungsbüro Am Hügel")
    match = matcher_of(*actors).match(written)
    assert match.actor == ("n2" if "üro" in written else "n0")


def test_names_in_other_scripts_stay_apart():
    """Two Arabic or two Cyrillic names are not folded to one (empty) key."""
    matcher = matcher_of("مدرسة النور", "مدرسة الأمل", "Школа № 5", "Гимназия № 1")
    assert matcher.match("مدرسة النور.").actor == "n0"
    assert matcher.match("школа № 5").actor == "n2"
    assert matcher.match("Детский сад").candidates == ()
