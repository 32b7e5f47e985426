"""Exact texts of cut actors and cut ties, as a reader expects them.

Every count these texts show (actors and schools cut off, parts, actors per half, parts
still hanging after a suggested tie) is taken at 1 and at several, in the smallest network
that gives the finding; the German and English texts are written out in full. A cut actor
always cuts off two actors or more (one school alone on one tie is that tie's finding), so
its "verliert 1 Akteur" never shows. The generic checks over all findings (number
agreement, number format) are in ``test_gaps_texts.py``.
"""

from __future__ import annotations

import pytest

import gap_shapes as shapes
from bildungsnetz import EducationNetwork
from bildungsnetz.gaps import find_cut_actors, find_cut_ties

SPOF = shapes.one_rule(shapes.spof_rule())


def texts(gap):
    """The explanation of a finding: German, English."""
    return gap.explanation.de, gap.explanation.en


def reason(gap, *actors):
    """The reason of the suggestion for ``actors``: German, English."""
    [found] = [s for s in gap.suggestions if s.actors == actors]
    return found.reason.de, found.reason.en


def about(gaps, *actors):
    """The one finding whose actors begin with ``actors``."""
    [gap] = [gap for gap in gaps if gap.actors[: len(actors)] == actors]
    return gap


# -- networks ------------------------------------------------------------------------------


def two_schools_in_one_part():
    """``hanging_school(9)`` with GS Zusatz tied to GS Außen and ``nws``: one part, two schools."""
    return (
        shapes.hanging_school(9)
        .with_actors(shapes.school("gs-z", "GS Zusatz"))
        .with_cooperations(shapes.tie("gs-z", "gs-x"), shapes.tie("gs-z", "nws"))
    )


def two_schools_on_one_tie():
    """Of sixteen schools, two are tied only to ``nws``, and ``nws`` only to the Jugendamt."""
    return shapes.lone_schools(16, 2).without_cooperations("nws--bb")


def two_schools_alone():
    """Two schools tied to each other and nothing else: halves of one actor each."""
    return EducationNetwork(
        name="Paar",
        actors=[shapes.school("gs-a", "GS A"), shapes.school("gs-b", "GS B")],
        cooperations=[shapes.tie("gs-a", "gs-b", "transition")],
    )


# -- cut actors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "de", "en"),
    [
        pytest.param(
            lambda: shapes.hanging_school(9),
            "Ohne Netzwerkstelle verlieren 2 Akteure die Verbindung zum übrigen Netzwerk, "
            "darunter 1 Schule: GS Außen. Alles läuft über Netzwerkstelle; eine zweite "
            "Verbindung macht das Netz robust.",
            "Without Netzwerkstelle, 2 actors lose contact with the rest of the network, among "
            "them 1 school: GS Außen. Everything runs through Netzwerkstelle; a second link "
            "makes the network robust.",
            id="1 school, 1 part",
        ),
        pytest.param(
            two_schools_in_one_part,
            "Ohne Netzwerkstelle verlieren 3 Akteure die Verbindung zum übrigen Netzwerk, "
            "darunter 2 Schulen: GS Außen und GS Zusatz. Alles läuft über Netzwerkstelle; eine "
            "zweite Verbindung macht das Netz robust.",
            "Without Netzwerkstelle, 3 actors lose contact with the rest of the network, among "
            "them 2 schools: GS Außen and GS Zusatz. Everything runs through Netzwerkstelle; a "
            "second link makes the network robust.",
            id="2 schools, 1 part",
        ),
        pytest.param(
            lambda: shapes.two_parts_on_one_actor(18),
            "Ohne Netzwerkstelle verlieren 3 Akteure die Verbindung zum übrigen Netzwerk, "
            "darunter 2 Schulen in 2 getrennten Teilen: GS Außen und GS Abseits. Alles läuft "
            "über Netzwerkstelle; eine zweite Verbindung für jeden Teil macht das Netz robust.",
            "Without Netzwerkstelle, 3 actors lose contact with the rest of the network, among "
            "them 2 schools in 2 separate parts: GS Außen and GS Abseits. Everything runs "
            "through Netzwerkstelle; a second link for each part makes the network robust.",
            id="2 schools, 2 parts",
        ),
        pytest.param(
            lambda: shapes.lone_schools(16, 3),
            "Ohne Netzwerkstelle verlieren 3 Akteure die Verbindung zum übrigen Netzwerk, "
            "darunter 3 Schulen in 3 getrennten Teilen: GS 01, GS 02 und GS 03. Alles läuft "
            "über Netzwerkstelle; eine zweite Verbindung für jeden Teil macht das Netz robust.",
            "Without Netzwerkstelle, 3 actors lose contact with the rest of the network, among "
            "them 3 schools in 3 separate parts: GS 01, GS 02 and GS 03. Everything runs "
            "through Netzwerkstelle; a second link for each part makes the network robust.",
            id="3 schools, 3 parts",
        ),
    ],
)
def test_cut_actor_texts(network, de, en):
    """A cut actor counts the actors, schools and parts it cuts off in their number."""
    assert texts(about(find_cut_actors(network(), SPOF), "nws")) == (de, en)


@pytest.mark.parametrize(
    ("network", "school", "de", "en"),
    [
        pytest.param(
            lambda: shapes.two_parts_on_one_actor(18),
            "gs-x",
            "Berufsberatung ist im Netzwerk gut verbunden und schafft einen zweiten Weg.",
            "Berufsberatung is well connected and opens a second route.",
            id="closes",
        ),
        pytest.param(
            lambda: shapes.two_parts_on_one_actor(18),
            "gs-y",
            "Berufsberatung ist im Netzwerk gut verbunden und schafft einen zweiten Weg. Ein "
            "Schritt: danach hängt noch 1 Teil mit Schulen nur an Netzwerkstelle.",
            "Berufsberatung is well connected and opens a second route. A step: 1 part with "
            "schools still hangs on Netzwerkstelle alone.",
            id="1 part left",
        ),
        pytest.param(
            lambda: shapes.lone_schools(16, 3),
            "gs-01",
            "Berufsberatung ist im Netzwerk gut verbunden und schafft einen zweiten Weg. Ein "
            "Schritt: danach hängen noch 2 Teile mit Schulen nur an Netzwerkstelle.",
            "Berufsberatung is well connected and opens a second route. A step: 2 parts with "
            "schools still hang on Netzwerkstelle alone.",
            id="2 parts left",
        ),
    ],
)
def test_cut_actor_suggestion_texts(network, school, de, en):
    """A second link for one part says how many parts still hang on the cut actor."""
    gap = about(find_cut_actors(network(), SPOF), "nws")
    assert reason(gap, school, "bb") == (de, en)


# -- cut ties ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "ends", "de", "en"),
    [
        pytest.param(
            lambda: shapes.lone_schools(16, 1),
            ("gs-01", "nws"),
            "GS 01 hängt an einer einzigen Verbindung: GS 01 – Netzwerkstelle. Reißt sie ab, "
            "ist 1 Akteur vom Netzwerk getrennt.",
            "GS 01 hangs on a single tie: GS 01 – Netzwerkstelle. If it breaks, 1 actor is cut "
            "off from the network.",
            id="1 actor",
        ),
        pytest.param(
            lambda: shapes.hanging_school(9),
            ("nws", "ja"),
            "GS Außen hängt an einer einzigen Verbindung: Netzwerkstelle – Jugendamt. Reißt sie "
            "ab, sind 3 Akteure vom Netzwerk getrennt.",
            "GS Außen hangs on a single tie: Netzwerkstelle – Jugendamt. If it breaks, 3 actors "
            "are cut off from the network.",
            id="3 actors, 1 school",
        ),
        pytest.param(
            two_schools_on_one_tie,
            ("nws", "ja"),
            "GS 01 und GS 02 hängen an einer einzigen Verbindung: Netzwerkstelle – Jugendamt. "
            "Reißt sie ab, sind 3 Akteure vom Netzwerk getrennt.",
            "GS 01 and GS 02 hang on a single tie: Netzwerkstelle – Jugendamt. If it breaks, 3 "
            "actors are cut off from the network.",
            id="3 actors, 2 schools",
        ),
        pytest.param(
            shapes.chain_halves,
            ("gs-a", "gs-b"),
            "Die Verbindung GS A – GS B ist die einzige zwischen zwei gleich großen Hälften des "
            "Netzwerks (je 2 Akteure). Reißt sie ab, verlieren beide Hälften den Kontakt "
            "zueinander, und mit ihnen GS A und GS B.",
            "The tie GS A – GS B is the only one between two equally large halves of the "
            "network (2 actors each). If it breaks, the halves lose contact with each other, "
            "and with them GS A and GS B.",
            id="equal halves of 2",
        ),
        pytest.param(
            two_schools_alone,
            ("gs-a", "gs-b"),
            "Die Verbindung GS A – GS B ist die einzige zwischen zwei gleich großen Hälften des "
            "Netzwerks (je 1 Akteur). Reißt sie ab, verlieren beide Hälften den Kontakt "
            "zueinander, und mit ihnen GS A und GS B.",
            "The tie GS A – GS B is the only one between two equally large halves of the "
            "network (1 actor each). If it breaks, the halves lose contact with each other, and "
            "with them GS A and GS B.",
            id="equal halves of 1",
        ),
    ],
)
def test_cut_tie_texts(network, ends, de, en):
    """A cut tie names its schools and counts the actors it cuts off in their number."""
    assert texts(about(find_cut_ties(network(), SPOF), *ends)) == (de, en)


# -- evidence lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "lines"),
    [
        pytest.param(
            lambda: about(find_cut_actors(shapes.hanging_school(9), SPOF), "nws"),
            [
                "Abgeschnittene Akteure: 2",
                "Abgeschnittene Schulen: 1",
                "Anteil aller Schulen: 10 %",
                "Getrennte Teile: 1",
                "davon an nur einer Verbindung: 0",
            ],
            id="cut_actor",
        ),
        pytest.param(
            lambda: about(find_cut_ties(shapes.lone_schools(16, 1), SPOF), "gs-01"),
            [
                "Abgeschnittene Akteure: 1",
                "Abgeschnittene Schulen: 1",
                "Zwei gleich große Hälften: nein",
                "Verbindungen: GS 01 – Netzwerkstelle (Kooperationsvereinbarung)",
            ],
            id="cut_tie",
        ),
    ],
)
def test_evidence_lines(finding, lines):
    """The evidence of one finding per kind reads as German lines with labels."""
    assert [line.de for line in finding().details] == lines
