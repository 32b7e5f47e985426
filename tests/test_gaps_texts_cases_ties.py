"""Exact texts of the required-tie findings and their suggestions, as a reader expects them.

Every count these texts show (partners needed and found, actors of a separate part,
partners and intensity levels, schools a proposed post serves, partners still missing
after a step) is taken at 1, at several and, where it can be, at 0, in the smallest network
that gives the finding; the German and English texts are written out in full.
"""

from __future__ import annotations

import pytest

import gap_shapes as shapes
from bildungsnetz import EducationNetwork
from bildungsnetz.gaps import (
    find_fragile_pairs,
    find_missing_required_ties,
    find_shallow_cooperation,
    find_unconfirmed_ties,
    find_unreachable,
)
from bildungsnetz.rules import RequiredTie, Selector

SSA = shapes.one_rule(shapes.ssa_rule())
SSA_THREE = shapes.one_rule(shapes.ssa_rule(min_partners=3))
SSA_COORDINATION = shapes.one_rule(shapes.ssa_rule(min_intensity="coordination"))
JA = shapes.one_rule(shapes.ja_rule(within=2))
JA_DIRECT = shapes.one_rule(
    RequiredTie(
        id="ja-direkt",
        subject=Selector(kind="school"),
        partner=Selector(kind="youth_welfare_office"),
        severity="high",
    )
)


def texts(gap):
    """The explanation of a finding: German, English."""
    return gap.explanation.de, gap.explanation.en


def reason(gap, *actors):
    """The reason of the suggestion for ``actors``: German, English."""
    [found] = [s for s in gap.suggestions if s.actors == actors]
    return found.reason.de, found.reason.en


# -- networks ------------------------------------------------------------------------------


def school_alone_with_office():
    """A school and the Jugendamt, not tied: the school's part is itself."""
    return EducationNetwork(
        name="Allein",
        actors=[
            shapes.school("gs", "GS Allein"),
            shapes.actor("ja", "youth_welfare_office", "Jugendamt"),
        ],
    )


def post_serving(schools, municipality=shapes.STADT):
    """GS Neu without school social work; the post SSA Nord serves ``schools`` other schools."""
    served = [shapes.school(f"gs-{n}", f"GS {n}") for n in range(1, schools + 1)]
    return EducationNetwork(
        name="Stelle",
        actors=[
            shapes.school("gs", "GS Neu"),
            *served,
            shapes.actor("ssa", "school_social_work", "SSA Nord", municipality=municipality),
        ],
        cooperations=[shapes.tie(item.id, "ssa", "placement") for item in served],
    )


def office_serving(schools):
    """GS Neu without a tie to the Jugendamt, which works with ``schools`` other schools."""
    served = [shapes.school(f"gs-{n}", f"GS {n}") for n in range(1, schools + 1)]
    return EducationNetwork(
        name="Jugendamt",
        actors=[
            shapes.school("gs", "GS Neu"),
            *served,
            shapes.actor("ja", "youth_welfare_office", "Jugendamt"),
        ],
        cooperations=[shapes.tie(item.id, "ja", "case_work") for item in served],
    )


# -- required ties -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "rules", "de", "en"),
    [
        pytest.param(
            shapes.school_with_posts,
            SSA,
            "GS Posten hat keine ausreichende direkte Verbindung zu „Schulsozialarbeit“ (Art: "
            "Einsatz an der Schule): gefunden 0, nötig eine.",
            "GS Posten lacks a direct tie to “school social work” (kind: placement): found 0.",
            id="1 needed, 0 found",
        ),
        pytest.param(
            shapes.school_with_posts,
            SSA_THREE,
            "GS Posten hat zu wenige direkte Verbindungen zu „Schulsozialarbeit“ (Art: Einsatz "
            "an der Schule): gefunden 0, nötig mindestens 3.",
            "GS Posten has too few direct ties to “school social work” (kind: placement): found "
            "0, at least 3 needed.",
            id="3 needed, 0 found",
        ),
        pytest.param(
            lambda: shapes.school_with_posts({"to": "ssa-1"}),
            SSA_THREE,
            "GS Posten hat zu wenige direkte Verbindungen zu „Schulsozialarbeit“ (Art: Einsatz "
            "an der Schule): gefunden 1, nötig mindestens 3.",
            "GS Posten has too few direct ties to “school social work” (kind: placement): found "
            "1, at least 3 needed.",
            id="3 needed, 1 found",
        ),
        pytest.param(
            lambda: shapes.chain_to_office(3),
            JA,
            "GS Kette erreicht das Jugendamt nicht in höchstens 2 Schritten; der Weg führt über "
            "mehr Stellen, als die Regel erlaubt.",
            "GS Kette does not reach the youth welfare office within 2 steps; the way runs "
            "through more hands than the rule allows.",
            id="farther than 2 steps",
        ),
    ],
)
def test_missing_required_tie_texts(network, rules, de, en):
    """A missing tie says how many partners are needed and found, in words that agree."""
    [gap] = find_missing_required_ties(network(), rules)
    assert texts(gap) == (de, en)


@pytest.mark.parametrize(
    ("network", "rules", "partner", "de", "en"),
    [
        pytest.param(
            lambda: post_serving(0),
            SSA,
            "ssa",
            "SSA Nord arbeitet in derselben Gemeinde und ist bisher an keiner Schule eingesetzt.",
            "SSA Nord works in the same municipality and is not placed at any school yet.",
            id="post at no school",
        ),
        pytest.param(
            lambda: post_serving(1),
            SSA,
            "ssa",
            "SSA Nord arbeitet in derselben Gemeinde und ist bereits an 1 Schule eingesetzt "
            "(GS 1).",
            "SSA Nord works in the same municipality and is already placed at 1 school (GS 1).",
            id="post at 1 school",
        ),
        pytest.param(
            lambda: post_serving(2, municipality=shapes.LAND),
            SSA,
            "ssa",
            "SSA Nord arbeitet in der Nähe und ist bereits an 2 Schulen eingesetzt (GS 1 und "
            "GS 2).",
            "SSA Nord works nearby and is already placed at 2 schools (GS 1 and GS 2).",
            id="post nearby at 2 schools",
        ),
        pytest.param(
            lambda: office_serving(0),
            JA_DIRECT,
            "ja",
            "Jugendamt arbeitet in derselben Gemeinde und ist bisher mit keiner passenden "
            "Stelle verbunden.",
            "Jugendamt works in the same municipality and is not linked to any matching actor yet.",
            id="office linked to none",
        ),
        pytest.param(
            lambda: office_serving(1),
            JA_DIRECT,
            "ja",
            "Jugendamt arbeitet in derselben Gemeinde und ist bisher mit 1 passenden Stelle "
            "verbunden.",
            "Jugendamt works in the same municipality and is linked to 1 matching actor so far.",
            id="office linked to 1",
        ),
        pytest.param(
            lambda: office_serving(2),
            JA_DIRECT,
            "ja",
            "Jugendamt arbeitet in derselben Gemeinde und ist bisher mit 2 passenden Stellen "
            "verbunden.",
            "Jugendamt works in the same municipality and is linked to 2 matching actors so far.",
            id="office linked to 2",
        ),
        pytest.param(
            lambda: shapes.school_with_posts({"to": "ssa-1"}),
            SSA_THREE,
            "ssa-2",
            "SSA 2 arbeitet in derselben Gemeinde und ist bisher an keiner Schule eingesetzt. "
            "Ein Schritt: danach fehlt noch 1 Partner.",
            "SSA 2 works in the same municipality and is not placed at any school yet. A step: "
            "1 partner is still missing after it.",
            id="step, 1 partner left",
        ),
        pytest.param(
            shapes.school_with_posts,
            SSA_THREE,
            "ssa-2",
            "SSA 2 arbeitet in derselben Gemeinde und ist bisher an keiner Schule eingesetzt. "
            "Ein Schritt: danach fehlen noch 2 Partner.",
            "SSA 2 works in the same municipality and is not placed at any school yet. A step: "
            "2 partners are still missing after it.",
            id="step, 2 partners left",
        ),
    ],
)
def test_missing_required_tie_suggestion_texts(network, rules, partner, de, en):
    """A proposed partner's reason counts the schools it serves and the partners still missing."""
    [gap] = find_missing_required_ties(network(), rules)
    assert reason(gap, "gs", partner) == (de, en)


@pytest.mark.parametrize(
    ("network", "de", "en"),
    [
        pytest.param(
            school_alone_with_office,
            "GS Allein erreicht keinen Akteur der Art „Jugendamt“, auch nicht über Umwege: Der "
            "Teil des Netzwerks, in dem GS Allein liegt (1 Akteur), ist vom Rest getrennt.",
            "GS Allein cannot reach any youth welfare office, not even indirectly: the part of "
            "the network it lies in (1 actor) is cut off from the rest.",
            id="part of 1",
        ),
        pytest.param(
            shapes.school_apart_from_office,
            "GS Abseits erreicht keinen Akteur der Art „Jugendamt“, auch nicht über Umwege: Der "
            "Teil des Netzwerks, in dem GS Abseits liegt (2 Akteure), ist vom Rest getrennt.",
            "GS Abseits cannot reach any youth welfare office, not even indirectly: the part of "
            "the network it lies in (2 actors) is cut off from the rest.",
            id="part of 2",
        ),
    ],
)
def test_unreachable_texts(network, de, en):
    """An unreachable school counts the actors of its part in their number."""
    [gap] = find_unreachable(network(), JA)
    assert texts(gap) == (de, en)


def test_fragile_pair_texts():
    """A fragile pair names the one intermediary."""
    [gap] = find_fragile_pairs(shapes.chain_to_office(2), JA)
    assert texts(gap) == (
        "GS Kette erreicht das Jugendamt nur über verein-1. Fällt verein-1 aus, reißt die "
        "Verbindung ab.",
        "GS Kette reaches the youth welfare office only through verein-1. If verein-1 drops "
        "out, the link is lost.",
    )


@pytest.mark.parametrize(
    ("ties", "de", "en"),
    [
        pytest.param(
            [{"to": "ssa-1", "intensity": "awareness"}],
            "GS Posten arbeitet mit SSA 1 nur auf der Stufe „Kenntnis“ zusammen; nötig ist "
            "mindestens „Koordination“.",
            "GS Posten works with SSA 1 only at the level “awareness”; at least “coordination” "
            "is needed.",
            id="1 partner, 1 level",
        ),
        pytest.param(
            [
                {"to": "ssa-1", "intensity": "awareness"},
                {"to": "ssa-2", "intensity": "awareness"},
            ],
            "GS Posten arbeitet mit SSA 1 und SSA 2 nur auf der Stufe „Kenntnis“ zusammen; "
            "nötig ist mindestens „Koordination“.",
            "GS Posten works with SSA 1 and SSA 2 only at the level “awareness”; at least "
            "“coordination” is needed.",
            id="2 partners, 1 level",
        ),
        pytest.param(
            [
                {"to": "ssa-1", "intensity": "awareness"},
                {"to": "ssa-2", "intensity": "cooperation"},
            ],
            "GS Posten arbeitet mit SSA 1 und SSA 2 nur auf den Stufen „Kenntnis“ und "
            "„Kooperation“ zusammen; nötig ist mindestens „Koordination“.",
            "GS Posten works with SSA 1 and SSA 2 only at the levels “awareness” and "
            "“cooperation”; at least “coordination” is needed.",
            id="2 partners, 2 levels",
        ),
    ],
)
def test_shallow_cooperation_texts(ties, de, en):
    """Shallow cooperation names its partners and its levels in their number."""
    [gap] = find_shallow_cooperation(shapes.school_with_posts(*ties), SSA_COORDINATION)
    assert texts(gap) == (de, en)


@pytest.mark.parametrize(
    ("ties", "de", "en"),
    [
        pytest.param(
            [{"to": "ssa-1", "confirmed": False}],
            "Die Verbindung zwischen GS Posten und SSA 1 hat nur eine Seite gemeldet; sie "
            "sollte mit beiden Seiten bestätigt werden.",
            "Only one side reported the tie between GS Posten and SSA 1; it should be confirmed "
            "with both.",
            id="1 partner",
        ),
        pytest.param(
            [{"to": "ssa-1", "confirmed": False}, {"to": "ssa-2", "confirmed": False}],
            "Die Verbindungen von GS Posten zu SSA 1 und SSA 2 hat jeweils nur eine Seite "
            "gemeldet; sie sollten mit beiden Seiten bestätigt werden.",
            "Only one side reported each of the ties of GS Posten with SSA 1 and SSA 2; they "
            "should be confirmed with both.",
            id="2 partners",
        ),
    ],
)
def test_unconfirmed_tie_texts(ties, de, en):
    """Unconfirmed ties speak of one tie or of each of several."""
    [gap] = find_unconfirmed_ties(shapes.school_with_posts(*ties), SSA)
    assert texts(gap) == (de, en)


# -- evidence lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "lines"),
    [
        pytest.param(
            lambda: find_missing_required_ties(shapes.chain_to_office(3), JA)[0],
            ["Nötige Partner: 1", "Gefundene Partner: 0", "Weiter entfernt als: 2 Schritte"],
            id="missing_required_tie",
        ),
        pytest.param(
            lambda: find_unreachable(shapes.school_apart_from_office(), JA)[0],
            ["Akteure im getrennten Teil: 2", "Erlaubte Schritte: 2"],
            id="unreachable",
        ),
        pytest.param(
            lambda: find_fragile_pairs(shapes.chain_to_office(2), JA)[0],
            ["Vermittler: 1", "Erreichte Partner: 1"],
            id="fragile_pair",
        ),
        pytest.param(
            lambda: find_shallow_cooperation(
                shapes.school_with_posts({"to": "ssa-1", "intensity": "awareness"}),
                SSA_COORDINATION,
            )[0],
            [
                "Nötige Partner: 1",
                "Ausreichende Partner: 0",
                "Verbindungen: GS Posten – SSA 1 (Einsatz an der Schule)",
            ],
            id="shallow_cooperation",
        ),
        pytest.param(
            lambda: find_unconfirmed_ties(
                shapes.school_with_posts(
                    {"to": "ssa-1", "confirmed": False}, {"to": "ssa-2", "confirmed": False}
                ),
                SSA,
            )[0],
            [
                "Nötige Partner: 1",
                "Ausreichende Partner: 0",
                "Verbindungen: GS Posten – SSA 1 (Einsatz an der Schule) und GS Posten – SSA 2 "
                "(Einsatz an der Schule)",
            ],
            id="unconfirmed_tie",
        ),
    ],
)
def test_evidence_lines(finding, lines):
    """The evidence of one finding per kind reads as German lines with labels."""
    assert [line.de for line in finding().details] == lines
