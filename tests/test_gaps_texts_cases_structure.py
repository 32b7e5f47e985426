"""Exact texts of brokers, closed circles, isolates, groups and data gaps, as a reader expects.

Every count these texts show (pairs, contacts, large forums, ties between groups, actors of
a municipality, rules that cannot be checked) is taken at 1, at several and, where it can
be, at 0, in the smallest network that gives the finding; the German and English texts are
written out in full.
"""

from __future__ import annotations

import pytest

import gap_shapes as shapes
from bildungsnetz import EducationNetwork, Forum
from bildungsnetz.gaps import (
    find_data_gaps,
    find_dependent_actors,
    find_exclusive_brokers,
    find_insular_groups,
    find_isolated_actors,
    find_underlinked_groups,
)
from bildungsnetz.rules import GroupLinkage, RegularContact, RuleSet, Selector

SPOF = shapes.one_rule(shapes.spof_rule())
BROKERS = shapes.one_rule(shapes.spof_rule(min_exclusive_pairs=1))
SSA = shapes.one_rule(shapes.ssa_rule())
MEETINGS = RegularContact(id="treffen", description="Treffen finden statt / meetings take place")


def texts(gap):
    """The explanation of a finding: German, English."""
    return gap.explanation.de, gap.explanation.en


def about(gaps, *actors):
    """The one finding whose actors begin with ``actors``."""
    [gap] = [gap for gap in gaps if gap.actors[: len(actors)] == actors]
    return gap


def linkage(min_ratio):
    """Schools and the Jugendamt are tied at least ``min_ratio`` times as densely as chance."""
    rule = GroupLinkage(
        id="schule-ja",
        first=Selector(kind="school"),
        second=Selector(kind="youth_welfare_office"),
        min_ratio=min_ratio,
        severity="high",
    )
    return shapes.one_rule(rule)


# -- networks ------------------------------------------------------------------------------


def four_in_a_circle():
    """A school and three associations, every pair of them tied (Burt constraint 0.926)."""
    names = "ABC"
    members = ["gs", *(f"verein-{x.lower()}" for x in names)]
    return EducationNetwork(
        name="Viererkreis",
        actors=[
            shapes.school("gs", "GS Im Kreis"),
            *(shapes.actor(f"verein-{x.lower()}", "association", f"Verein {x}") for x in names),
        ],
        cooperations=[shapes.tie(a, b) for i, a in enumerate(members) for b in members[i + 1 :]],
    )


def school_in_large_forums(count):
    """A school without ties in ``count`` working groups of fourteen (too large to be ties)."""
    others = [shapes.actor(f"verein-{n:02d}", "association") for n in range(1, 14)]
    forums = [
        Forum(
            id=f"ak-{n}",
            name=f"Arbeitskreis {n}",
            kind="working_group",
            convenor="verein-01",
            members={"gs", *(other.id for other in others)},
        )
        for n in range(1, count + 1)
    ]
    return EducationNetwork(
        name="Große Gremien",
        actors=[shapes.school("gs", "GS Allein"), *others],
        forums=forums,
    )


def triangle_with_office():
    """Two schools tied to each other and to the Jugendamt: 2 ties where 1.33 are expected."""
    return EducationNetwork(
        name="Dreieck",
        actors=[
            shapes.school("gs-1", "GS 1"),
            shapes.school("gs-2", "GS 2"),
            shapes.actor("ja", "youth_welfare_office", "Jugendamt"),
        ],
        cooperations=[
            shapes.tie("gs-1", "ja"),
            shapes.tie("gs-2", "ja"),
            shapes.tie("gs-1", "gs-2"),
        ],
    )


def island():
    """Three associations in Stadt tied only to each other, two in Land."""
    return EducationNetwork(
        name="Insel",
        actors=[
            *(shapes.actor(x, "association") for x in "abc"),
            *(shapes.actor(x, "association", municipality=shapes.LAND) for x in "xy"),
        ],
        cooperations=[shapes.tie("a", "b"), shapes.tie("b", "c"), shapes.tie("x", "y")],
    )


# -- brokers, closed circles, isolates -----------------------------------------------------


@pytest.mark.parametrize(
    ("leaves", "de", "en"),
    [
        pytest.param(
            2,
            "Netzwerkstelle ist für 1 Paar von Akteuren die einzige gemeinsame Verbindung (bei "
            "2 Kontakten). Viel Wissen und Vermittlung hängt an dieser einen Stelle; direkte "
            "Kontakte zwischen den Beteiligten oder eine Vertretung entlasten sie.",
            "Netzwerkstelle is the only common contact for 1 pair of actors (out of 2 "
            "contacts). Much knowledge and brokerage depends on this one place; direct contacts "
            "between the others or a deputy would relieve it.",
            id="1 pair",
        ),
        pytest.param(
            3,
            "Netzwerkstelle ist für 3 Paare von Akteuren die einzige gemeinsame Verbindung (bei "
            "3 Kontakten). Viel Wissen und Vermittlung hängt an dieser einen Stelle; direkte "
            "Kontakte zwischen den Beteiligten oder eine Vertretung entlasten sie.",
            "Netzwerkstelle is the only common contact for 3 pairs of actors (out of 3 "
            "contacts). Much knowledge and brokerage depends on this one place; direct contacts "
            "between the others or a deputy would relieve it.",
            id="3 pairs",
        ),
    ],
)
def test_exclusive_broker_texts(leaves, de, en):
    """An exclusive broker counts its pairs in their number."""
    [gap] = find_exclusive_brokers(shapes.star(leaves), BROKERS)
    assert texts(gap) == (de, en)


@pytest.mark.parametrize(
    ("network", "de", "en"),
    [
        pytest.param(
            shapes.closed_circle,
            "GS Im Kreis hat nur 2 Kontakte (Jugendamt und SSA), die miteinander verbunden "
            "sind: Hilfe und Informationen kommen aus einem geschlossenen Kreis. Ein Kontakt "
            "nach außen öffnet neue Wege.",
            "GS Im Kreis has only 2 contacts (Jugendamt and SSA), tied to each other: help and "
            "information come from one closed circle. A contact outside it opens new routes.",
            id="2 contacts",
        ),
        pytest.param(
            four_in_a_circle,
            "GS Im Kreis hat nur 3 Kontakte (Verein A, Verein B und Verein C), die alle "
            "miteinander verbunden sind: Hilfe und Informationen kommen aus einem geschlossenen "
            "Kreis. Ein Kontakt nach außen öffnet neue Wege.",
            "GS Im Kreis has only 3 contacts (Verein A, Verein B and Verein C), all tied to "
            "each other: help and information come from one closed circle. A contact outside "
            "it opens new routes.",
            id="3 contacts",
        ),
    ],
)
def test_dependent_actor_texts(network, de, en):
    """Two contacts are tied to each other; three and more are all tied to each other."""
    [gap] = find_dependent_actors(network(), SPOF)
    assert texts(gap) == (de, en)


@pytest.mark.parametrize(
    ("forums", "de", "en"),
    [
        pytest.param(
            0,
            "GS Allein (Schule) hat keine einzige Verbindung. Entweder fehlt die Zusammenarbeit "
            "oder sie ist nicht erfasst.",
            "GS Allein (school) has no tie at all. Either cooperation is missing or it has not "
            "been recorded.",
            id="no large forum",
        ),
        pytest.param(
            1,
            "GS Allein (Schule) hat keine einzige Verbindung außer der Mitgliedschaft in 1 "
            "großen Gremium. Entweder fehlt die Zusammenarbeit oder sie ist nicht erfasst.",
            "GS Allein (school) has no tie at all except membership in 1 large forum. Either "
            "cooperation is missing or it has not been recorded.",
            id="1 large forum",
        ),
        pytest.param(
            2,
            "GS Allein (Schule) hat keine einzige Verbindung außer der Mitgliedschaft in 2 "
            "großen Gremien. Entweder fehlt die Zusammenarbeit oder sie ist nicht erfasst.",
            "GS Allein (school) has no tie at all except membership in 2 large forums. Either "
            "cooperation is missing or it has not been recorded.",
            id="2 large forums",
        ),
    ],
)
def test_isolated_actor_texts(forums, de, en):
    """An isolated actor names the large forums it is in, in the dative after "in"."""
    gap = about(find_isolated_actors(school_in_large_forums(forums), SPOF), "gs")
    assert texts(gap) == (de, en)


# -- groups --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "min_ratio", "de", "en"),
    [
        pytest.param(
            lambda: shapes.chain_to_office(2),
            0.5,
            "Zwischen „Schule“ und „Jugendamt“ gibt es keine Verbindung; bei zufälliger Verteilung "
            "wären 0,3 zu erwarten (Verhältnis 0,00). Die beiden Bereiche arbeiten zu wenig "
            "zusammen.",
            "There are no ties between “school” and “youth welfare office”; a random network would "
            "have 0.3 (ratio 0.00). The two fields work together too little.",
            id="no tie",
        ),
        pytest.param(
            lambda: shapes.chain_to_office(1),
            2.5,
            "Zwischen „Schule“ und „Jugendamt“ gibt es 1 Verbindung; bei zufälliger Verteilung "
            "wären 0,5 zu erwarten (Verhältnis 2,00). Die beiden Bereiche arbeiten zu wenig "
            "zusammen.",
            "There is 1 tie between “school” and “youth welfare office”; a random network would "
            "have 0.5 (ratio 2.00). The two fields work together too little.",
            id="1 tie",
        ),
        pytest.param(
            triangle_with_office,
            2.0,
            "Zwischen „Schule“ und „Jugendamt“ gibt es 2 Verbindungen; bei zufälliger Verteilung "
            "wären 1,3 zu erwarten (Verhältnis 1,50). Die beiden Bereiche arbeiten zu wenig "
            "zusammen.",
            "There are 2 ties between “school” and “youth welfare office”; a random network would "
            "have 1.3 (ratio 1.50). The two fields work together too little.",
            id="2 ties",
        ),
    ],
)
def test_underlinked_groups_texts(network, min_ratio, de, en):
    """Underlinked groups count their ties, and say "keine" / "no" for none."""
    [gap] = find_underlinked_groups(network(), linkage(min_ratio))
    assert texts(gap) == (de, en)


def test_insular_group_texts():
    """An insular municipality counts its actors and gives its E-I index."""
    [gap] = find_insular_groups(island())
    assert texts(gap) == (
        "Die 3 Akteure von AGS 15084275 sind fast nur untereinander verbunden (E-I-Index "
        "-1,00). Verbindungen über die Gemeindegrenze hinaus öffnen Zugang zu Angeboten und "
        "Fachwissen.",
        "The 3 actors of AGS 15084275 are tied almost only to each other (E-I index -1.00). "
        "Ties across the boundary open access to services and expertise.",
    )


# -- data gaps -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rules", "de", "en"),
    [
        pytest.param(
            shapes.one_rule(MEETINGS),
            "Die Regel „Treffen finden statt“ lässt sich nicht prüfen: keine Kooperation und "
            "kein Gremium hat einen Terminplan. Fehlen diese Angaben nur in den Daten, sollten "
            "sie erfasst werden; fehlen sie in der Wirklichkeit, ist das selbst eine Lücke.",
            "The rule “meetings take place” cannot be checked: no cooperation or forum has a "
            "meeting schedule. If only the data lack them, they should be recorded; if reality "
            "lacks them, that is a gap in itself.",
            id="1 rule",
        ),
        pytest.param(
            RuleSet(name="Zwei", rules=(MEETINGS, RegularContact(id="treffen-2"))),
            "Die Regeln „Treffen finden statt“ und „treffen-2“ lassen sich nicht prüfen: keine "
            "Kooperation und kein Gremium hat einen Terminplan. Fehlen diese Angaben nur in den "
            "Daten, sollten sie erfasst werden; fehlen sie in der Wirklichkeit, ist das selbst "
            "eine Lücke.",
            "The rules “meetings take place” and “treffen-2” cannot be checked: no cooperation "
            "or forum has a meeting schedule. If only the data lack them, they should be "
            "recorded; if reality lacks them, that is a gap in itself.",
            id="2 rules",
        ),
        pytest.param(
            SSA,
            "Die Regel „ssa“ lässt sich nicht prüfen: die Daten enthalten keine Akteure der Art "
            "„Schulsozialarbeit“. Fehlen diese Angaben nur in den Daten, sollten sie erfasst "
            "werden; fehlen sie in der Wirklichkeit, ist das selbst eine Lücke.",
            "The rule “ssa” cannot be checked: the data contain no actors of the kind “school "
            "social work”. If only the data lack them, they should be recorded; if reality "
            "lacks them, that is a gap in itself.",
            id="kind not recorded",
        ),
    ],
)
def test_data_gap_texts(rules, de, en):
    """A data gap names its rule or rules, with the verb in their number."""
    [gap] = find_data_gaps(shapes.chain_to_office(1), rules)
    assert texts(gap) == (de, en)


# -- evidence lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "lines"),
    [
        pytest.param(
            lambda: find_exclusive_brokers(shapes.star(3), BROKERS)[0],
            ["Paare nur über diesen Akteur: 3", "Kontakte: 3"],
            id="exclusive_broker",
        ),
        pytest.param(
            lambda: find_dependent_actors(shapes.closed_circle(), SPOF)[0],
            ["Beschränkung nach Burt: 1,125", "Kontakte: 2"],
            id="dependent_actor",
        ),
        pytest.param(
            lambda: about(find_isolated_actors(school_in_large_forums(1), SPOF), "gs"),
            ["Große Gremien: 1"],
            id="isolated_actor",
        ),
        pytest.param(
            lambda: find_underlinked_groups(triangle_with_office(), linkage(2.0))[0],
            ["Verbindungen: 2", "Erwartete Verbindungen: 1,33", "Verhältnis: 1,5"],
            id="underlinked_groups",
        ),
        pytest.param(
            lambda: find_insular_groups(island())[0],
            ["Gemeinde: AGS 15084275", "E-I-Index: -1", "Akteure: 3"],
            id="insular_group",
        ),
        pytest.param(
            lambda: find_data_gaps(
                shapes.chain_to_office(1),
                RuleSet(name="Zwei", rules=(MEETINGS, RegularContact(id="treffen-2"))),
            )[0],
            ["Betroffene Regeln: „Treffen finden statt“ und „treffen-2“"],
            id="data_gap",
        ),
    ],
)
def test_evidence_lines(finding, lines):
    """The evidence of one finding per kind reads as German lines with labels."""
    assert [line.de for line in finding().details] == lines
