from datetime import date

import pytest
from hypothesis import given

from bildungsnetz import (
    Actor,
    Cooperation,
    EducationNetwork,
    Forum,
    Intervention,
    SchoolProfile,
    TransitionFlow,
)
from bildungsnetz.errors import IntegrityProblem, NetworkIntegrityError, UnknownActorError
from strategies import networks


def actor(actor_id, kind="other", **fields):
    if kind == "school" and "school" not in fields:
        fields["school"] = SchoolProfile(form="grundschule")
    return Actor(id=actor_id, name=actor_id.upper(), kind=kind, **fields)


def problems_of(**records):
    with pytest.raises(NetworkIntegrityError) as caught:
        EducationNetwork(name="Test", **records)
    return [str(problem) for problem in caught.value.problems]


def test_integrity_error_lists_every_problem_at_once():
    """Unknown ends, self-ties, duplicates, unknown funding: all in one error."""
    found = problems_of(
        actors=[actor("a"), actor("b"), actor("a")],
        cooperations=[
            Cooperation(id="c1", actors=("a", "zz"), kind="other"),
            Cooperation(id="c2", actors=("b", "b"), kind="other", funding={"esf"}),
        ],
    )
    assert found == [
        "actors[a].id: duplicate id 'a', used by records #0, #2 of actors",
        "cooperations[c1].actors: unknown actor 'zz'",
        "cooperations[c2].actors: a cooperation needs two different actors ('b', 'b')",
        "cooperations[c2].funding: unknown programme 'esf'",
    ]


def test_integrity_error_is_a_value_error_with_a_readable_message():
    """The message counts the problems and names the network."""
    with pytest.raises(ValueError, match=r"^2 problems in network 'Test':\n  forums"):
        EducationNetwork(
            name="Test", forums=[Forum(id="f", name="F", kind="other", convenor="x", members={"y"})]
        )


def test_problems_carry_record_and_field():
    """Each problem names collection, record id and field."""
    with pytest.raises(NetworkIntegrityError) as caught:
        EducationNetwork(
            name="T", interventions=[Intervention(id="iv", name="I", tier="universal", sites={"s"})]
        )
    assert caught.value.problems == (
        IntegrityProblem("interventions", "iv", "sites", "unknown actor 's'"),
    )


def test_unknown_references_are_found_in_every_collection():
    """Forums, flows, interventions, actors' part_of and funding are all checked."""
    found = problems_of(
        actors=[actor("a", part_of="ghost", funding={"nope"})],
        forums=[
            Forum(
                id="f", name="F", kind="other", convenor="c", members={"a", "m"}, funding={"nope"}
            )
        ],
        flows=[
            TransitionFlow(
                source="k", target="a", year=2024, pupils=3, transition="kita_to_primary"
            )
        ],
        interventions=[
            Intervention(id="i", name="I", tier="selective", providers={"p"}, funding={"nope"})
        ],
    )
    assert found == [
        "actors[a].part_of: unknown actor 'ghost'",
        "actors[a].funding: unknown programme 'nope'",
        "forums[f].convenor: unknown actor 'c'",
        "forums[f].members: unknown actor 'm'",
        "forums[f].funding: unknown programme 'nope'",
        "flows[0].source: unknown actor 'k'",
        "interventions[i].providers: unknown actor 'p'",
        "interventions[i].funding: unknown programme 'nope'",
    ]


def test_part_of_cycles_are_reported_once():
    """A loop of three parents is one problem, named from its smallest id."""
    found = problems_of(
        actors=[
            actor("b", part_of="c"),
            actor("c", part_of="a"),
            actor("a", part_of="b"),
            actor("d", part_of="a"),
        ]
    )
    assert found == ["actors[a].part_of: part_of forms a cycle: a → b → c → a"]


def test_an_actor_that_is_part_of_itself_is_a_cycle():
    """part_of pointing at the actor itself is a cycle of one."""
    assert problems_of(actors=[actor("a", part_of="a")]) == [
        "actors[a].part_of: part_of forms a cycle: a → a"
    ]


def test_implausible_transitions_are_refused():
    """A Kita cannot receive primary-school leavers; a Gymnasium has no primary stage."""
    found = problems_of(
        actors=[
            actor("gs", "school"),
            actor("kita", "daycare"),
            actor("gym", "school", school=SchoolProfile(form="gymnasium")),
        ],
        flows=[
            TransitionFlow(
                source="gs", target="kita", year=2024, pupils=5, transition="primary_to_secondary"
            ),
            TransitionFlow(
                source="kita", target="gym", year=2024, pupils=5, transition="kita_to_primary"
            ),
        ],
    )
    assert found == [
        "flows[0].transition: implausible primary_to_secondary flow: the target must be a "
        "school with a lower secondary stage, but 'kita' is a daycare",
        "flows[1].transition: implausible kita_to_primary flow: the target must be a school "
        "with a primary stage, but 'gym' is a gymnasium",
    ]


def test_duplicate_flows_and_self_flows_are_refused():
    """The same flow twice, and a flow from a school to itself, are problems."""
    flow = TransitionFlow(
        source="k", target="gs", year=2024, pupils=3, transition="kita_to_primary"
    )
    found = problems_of(
        actors=[actor("gs", "school"), actor("k", "daycare")],
        flows=[
            flow,
            flow,
            TransitionFlow(
                source="gs", target="gs", year=2024, pupils=1, transition="regular_to_special"
            ),
        ],
    )
    assert found == [
        "flows[1].source: the same flow as flows[0] (k, gs, 2024, kita_to_primary)",
        "flows[2].target: a flow needs two different institutions, got 'gs' twice",
    ]


@pytest.mark.parametrize(
    ("transition", "source", "target"),
    [
        ("kita_to_primary", ("daycare", None), ("school", "grundschule")),
        ("primary_to_secondary", ("school", "grundschule"), ("school", "gymnasium")),
        ("secondary_to_upper_secondary", ("school", "sekundarschule"), ("school", "gymnasium")),
        (
            "secondary_to_vocational",
            ("school", "sekundarschule"),
            ("school", "berufsbildende_schule"),
        ),
        ("secondary_to_vocational", ("school", "sekundarschule"), ("employer", None)),
        ("regular_to_special", ("school", "grundschule"), ("school", "foerderschule")),
        ("special_to_regular", ("school", "foerderschule"), ("school", "sekundarschule")),
        ("school_to_work", ("school", "foerderschule"), ("youth_employment_agency", None)),
    ],
)
def test_plausible_transitions_are_accepted(transition, source, target):
    """Every kind of transition has a plausible pair of institutions."""

    def make(actor_id, kind_form):
        kind, form = kind_form
        profile = SchoolProfile(form=form) if form else None
        return Actor(id=actor_id, name=actor_id, kind=kind, school=profile)

    network = EducationNetwork(
        name="T",
        actors=[make("s", source), make("t", target)],
        flows=[TransitionFlow(source="s", target="t", year=2024, pupils=9, transition=transition)],
    )
    assert len(network.flows) == 1


def test_lookups(tiny_network):
    """actor, actors_of, ties_of and forums_of find what the records say."""
    assert tiny_network.actor("gs1").name == "GS Am Markt"
    assert [a.id for a in tiny_network.actors_of("school")] == ["gs1"]
    assert [t.id for t in tiny_network.ties_of("gs1")] == ["c1", "c2"]
    assert [f.id for f in tiny_network.forums_of("ssa1")] == ["ak"]
    assert tiny_network.actors_of("health_service") == ()


def test_unknown_actor_lookup_raises_a_key_error(tiny_network):
    """An unknown id raises UnknownActorError, a KeyError, naming the id."""
    with pytest.raises(UnknownActorError, match="no actor with id 'zz' in network 'Klein'"):
        tiny_network.actor("zz")
    with pytest.raises(KeyError):
        tiny_network.ties_of("zz")


def test_record_lookups_by_id(tiny_network):
    """cooperation, forum, intervention and programme find records by id."""
    assert (
        tiny_network.cooperation("c2").kind.value,
        tiny_network.forum("ak").name,
        tiny_network.intervention("iv1").tier.value,
        tiny_network.programme("esf").source.value,
    ) == ("transition", "Arbeitskreis", "universal", "eu_esf_plus")
    with pytest.raises(KeyError, match="no forum with id 'x'"):
        tiny_network.forum("x")


def test_as_of_drops_what_has_ended(tiny_network):
    """After the ESF+ end the funded post, its placement and its membership are gone."""
    after = tiny_network.as_of(date(2028, 8, 1))
    assert not after.has_actor("ssa1")
    assert [t.id for t in after.cooperations] == ["c2", "c3"]
    assert after.forum("ak").members == {"gs1"}
    assert after.intervention("iv1").providers == frozenset()
    assert after.reference_date == date(2028, 8, 1)


def test_as_of_on_the_last_day_keeps_everything(tiny_network):
    """On 31 July 2028 the post still exists (periods are half-open)."""
    assert tiny_network.as_of(date(2028, 7, 31)).replace(reference_date=None) == tiny_network


def test_as_of_does_not_change_the_original(tiny_network):
    """A snapshot is a new network; the original keeps all records."""
    before = tiny_network.model_dump()
    tiny_network.as_of(date(2030, 1, 1))
    assert tiny_network.model_dump() == before


def test_without_actors_removes_every_reference(tiny_network):
    """Removing an actor removes its ties, flows, memberships and part_of pointers."""
    smaller = tiny_network.without_actors("traeger", "kita1")
    assert ([t.id for t in smaller.cooperations], smaller.flows, smaller.actor("ssa1").part_of) == (
        ["c1"],
        (),
        None,
    )


def test_with_cooperations_adds_and_replaces_by_id(tiny_network):
    """A new id is appended, a known id is replaced in place."""
    changed = tiny_network.with_cooperations(
        Cooperation(id="c2", actors=("gs1", "kita1"), kind="agreement"),
        Cooperation(id="c9", actors=("gs1", "ja"), kind="case_work"),
    )
    assert [(t.id, t.kind.value) for t in changed.cooperations] == [
        ("c1", "placement"),
        ("c2", "agreement"),
        ("c3", "agreement"),
        ("c9", "case_work"),
    ]


def test_with_records_are_checked(tiny_network):
    """A change that breaks integrity raises like construction does."""
    with pytest.raises(NetworkIntegrityError, match="unknown actor 'zz'"):
        tiny_network.with_cooperations(Cooperation(id="c9", actors=("gs1", "zz"), kind="other"))


def test_with_flows_replaces_a_flow_with_the_same_key(tiny_network):
    """A flow with the same ends, year and kind replaces the old count."""
    changed = tiny_network.with_flows(
        TransitionFlow(
            source="kita1", target="gs1", year=2024, pupils=20, transition="kita_to_primary"
        )
    )
    assert [f.pupils for f in changed.flows] == [20]


def test_model_validate_checks_the_whole_network():
    """The dictionary route raises NetworkIntegrityError too, not a ValidationError."""
    with pytest.raises(NetworkIntegrityError, match="unknown actor 'b'"):
        EducationNetwork.model_validate(
            {
                "name": "T",
                "actors": [{"id": "a", "name": "A", "kind": "other"}],
                "cooperations": [{"id": "c", "actors": ["a", "b"], "kind": "other"}],
            }
        )


def test_model_validate_json_checks_the_whole_network():
    """The JSON route raises NetworkIntegrityError too."""
    with pytest.raises(NetworkIntegrityError, match="unknown actor 'x'"):
        EducationNetwork.model_validate_json(
            '{"name": "T", "forums": [{"id": "f", "name": "F", "kind": "other", "convenor": "x"}]}'
        )


def test_network_is_frozen(tiny_network):
    """Fields of a network cannot be reassigned."""
    with pytest.raises(ValueError, match="frozen"):
        tiny_network.name = "Neu"


def test_equal_networks_are_equal_and_hash_alike(tiny_network):
    """A rebuilt network equals the original and has the same hash."""
    rebuilt = EducationNetwork(**tiny_network.__dict__)
    assert (rebuilt == tiny_network, hash(rebuilt) == hash(tiny_network)) == (True, True)


def test_empty_network_is_valid():
    """A network with a name only is valid and has no actors."""
    network = EducationNetwork(name="Leer")
    assert (network.actors, network.actors_of("school")) == ((), ())


@given(networks())
def test_snapshot_of_a_valid_network_is_valid(network):
    """as_of never produces dangling references: rebuilding it runs every check."""
    snapshot = network.as_of(date(2026, 1, 1))
    assert EducationNetwork(**snapshot.__dict__) == snapshot


@pytest.mark.requires_module("jinja2")
def test_html_summary_escapes_the_network_name():
    """The Jupyter summary shows user text escaped, never as markup."""
    network = EducationNetwork(name="<script>alert(1)</script>")
    page = network._repr_html_()
    assert ("<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page) == (False, True)
