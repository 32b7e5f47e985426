"""Names in a survey matched to actors: exact, normalised, fuzzy for review, accepted."""

import pytest

from bildungsnetz import Actor, EducationNetwork
from bildungsnetz.errors import UnknownActorError
from bildungsnetz.io import read_survey
from bildungsnetz.io._survey_names import NameMatcher, name_key
from test_io_survey import write_survey


@pytest.fixture
def district():
    """An office, a provider, two Kitas of one name in two towns, and a school."""
    return EducationNetwork(
        name="Klein",
        actors=[
            Actor(id="ja", name="Jugendamt Kleinkreis", kind="youth_welfare_office"),
            Actor(id="jh", name="Brücke Jugendhilfe gGmbH", kind="youth_welfare_provider"),
            Actor(id="kita-a", name="Kita Sonnenschein Auendorf", kind="daycare"),
            Actor(id="kita-b", name="Kita Sonnenschein Birkenau", kind="daycare"),
            Actor(
                id="gs", name="Grundschule Am Markt", kind="school", school={"form": "grundschule"}
            ),
        ],
    )


@pytest.fixture
def matcher(district):
    return NameMatcher(district, accept={})


@pytest.mark.parametrize(
    ("name", "actor", "stage"),
    [
        ("gs", "gs", "id"),
        ("Grundschule Am Markt", "gs", "name"),
        ("  Grundschule   Am Markt ", "gs", "name"),
        ("grundschule am markt", "gs", "normalised"),
        ("Brücke Jugendhilfe GmbH", "jh", "normalised"),
        ("Bruecke Jugendhilfe", "jh", "normalised"),
        ("BRÜCKE JUGENDHILFE gemeinnützige GmbH", "jh", "normalised"),
    ],
)
def test_each_stage_matches_what_it_should(matcher, name, actor, stage):
    """Exact id, exact name, then the normalised name, in that order."""
    match = matcher.match(name)
    assert (match.actor, match.stage) == (actor, stage)


def test_a_typo_is_offered_for_review_not_taken(matcher):
    """A close name is a candidate with its similarity, never a match."""
    match = matcher.match("Kita Sonenschein Auendorf")
    assert match.actor is None
    assert [(c.actor, c.similarity >= 0.85) for c in match.candidates] == [("kita-a", True)]


def test_a_name_two_actors_share_asks_which_is_meant(district):
    """Two actors of one normalised name are both candidates."""
    twins = district.with_actors(Actor(id="ja2", name="JUGENDAMT Kleinkreis", kind="other"))
    match = NameMatcher(twins, accept={}).match("Jugendamt  kleinkreis.")
    assert (match.actor, [c.actor for c in match.candidates]) == (None, ["ja", "ja2"])


def test_a_name_unlike_every_actor_has_no_candidate(matcher):
    """An organisation the network does not hold is unknown."""
    assert matcher.match("Tafel Kleinkreis e. V.").candidates == ()


def test_legal_forms_are_dropped_only_at_the_end():
    """'e. V.' and 'GmbH' at the end fold away; a name that is only a legal form stays."""
    assert name_key("Jugendwerk e. V.") == name_key("Jugendwerk eV") == "jugendwerk"
    assert name_key("GmbH") == "gmbh"
    assert name_key("AG Jugend Nord") == "agjugendnord"


def test_accept_decides_a_review_or_declares_no_actor(district, tmp_path):
    """accept= maps a name to the actor meant, or None moves it to the unknown names."""
    path = write_survey(
        tmp_path / "befragung.csv",
        [
            ["ja", "Kita Sonenschein Auendorf", "", "", "", ""],
            ["ja", "Kita Sonenschein", "", "", "", ""],
        ],
    )
    before = read_survey(path, district)
    after = read_survey(
        path, district, accept={"Kita Sonenschein Auendorf": "kita-a", "Kita Sonenschein": None}
    )
    assert [item.name for item in before.review] == ["Kita Sonenschein Auendorf"]
    assert [item.name for item in before.unknown] == ["Kita Sonenschein"]
    assert (after.review, [item.name for item in after.unknown]) == ((), ["Kita Sonenschein"])
    assert [(tie.actors, tie.confirmed) for tie in after.cooperations] == [
        (("ja", "kita-a"), False)
    ]
    assert any(m.stage == "accepted" for m in after.matches)


def test_accepting_an_actor_the_network_lacks_is_refused(district, tmp_path):
    """A typo in accept= is an error, not a silent miss."""
    path = write_survey(tmp_path / "befragung.csv", [["ja", "gs", "", "", "", ""]])
    with pytest.raises(UnknownActorError):
        read_survey(path, district, accept={"Kita": "kita-c"})


def test_an_unknown_respondent_is_reported_and_its_rows_left_out(district, tmp_path):
    """A respondent that matches no actor stands in the unknown names with its rows."""
    path = write_survey(
        tmp_path / "befragung.csv",
        [["Tafel Kleinkreis", "ja", "", "", "", ""], ["Tafel Kleinkreis", "gs", "", "", "", ""]],
    )
    result = read_survey(path, district)
    assert [(i.name, i.role, i.rows) for i in result.unknown] == [
        ("Tafel Kleinkreis", "respondent", (2, 3))
    ]
    assert result.cooperations == ()


def test_the_same_partner_named_twice_by_one_side_stays_one_sided(district, tmp_path):
    """Two rows of one respondent about one partner make one tie, not a confirmed one."""
    path = write_survey(
        tmp_path / "befragung.csv",
        [
            ["ja", "gs", "Beratung", "", "", ""],
            ["ja", "Grundschule Am Markt", "Beratung", "", "", ""],
        ],
    )
    (tie,) = read_survey(path, district).cooperations
    assert (tie.actors, tie.confirmed) == (("gs", "ja"), False)
