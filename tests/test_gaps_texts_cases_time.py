"""Exact texts of what ends or has stopped: expiring ties, funding cliffs, placements, dormancy.

Every count these texts show (new gaps, posts, actors, cooperations, interventions, forums
and schools that end with the money, posts of a school, missed meetings) is taken at 1, at
several and, where it can be, at 0, in the smallest network that gives the finding; the
German and English texts are written out in full, as a reader expects them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

import gap_networks as nets
import gap_shapes as shapes
import time_networks as times
from bildungsnetz import EducationNetwork, Forum, Period
from bildungsnetz.gaps import (
    find_dormant_ties,
    find_expiring_critical_ties,
    find_funding_cliffs,
    find_temporary_placements,
)
from bildungsnetz.rules import FundingContinuity, PermanentPlacement, RegularContact

YEAR = timedelta(days=365)
SPRING = date(2026, 3, 1)
CLIFFS = shapes.one_rule(FundingContinuity(id="foerderende", severity="high"))
PERMANENT = shapes.one_rule(PermanentPlacement(id="dauerhaft", severity="medium"))
MEETINGS = shapes.one_rule(RegularContact(id="treffen", max_missed=1, severity="medium"))


def texts(gap):
    """The explanation of a finding: German, English."""
    return gap.explanation.de, gap.explanation.en


def expiring(network):
    """The one expiring finding of ``network`` within a year of its Stichtag."""
    [gap] = find_expiring_critical_ties(network, horizon=YEAR)
    return gap


# -- networks ------------------------------------------------------------------------------


def ending_in_spring(network, *, actor=None, intervention=None):
    """``network`` with one actor or intervention ending on 1 March 2026."""
    if actor is not None:
        changed = network.actor(actor).model_copy(update={"active": Period(end=SPRING)})
        return network.with_actors(changed)
    measure = network.intervention(intervention)
    return network.with_interventions(measure.model_copy(update={"period": Period(end=SPRING)}))


def two_needs_on_one_measure():
    """The compliant district, its Sekundarschule Stadt also above the qualification threshold.

    Its one indicated measure meets both needs; when it ends, both open.
    """
    network = nets.compliant_district()
    school = network.actor("sek-stadt")
    profile = school.school.model_copy(update={"without_qualification_rate": 0.2})
    return network.with_actors(school.model_copy(update={"school": profile}))


def posts_on_esf(count):
    """``count`` schools, each placed with its own post paid from ESF+ and tied to the Jugendamt."""
    schools = range(1, count + 1)
    return EducationNetwork(
        name="ESF+",
        reference_date=times.STICHTAG,
        actors=[
            shapes.actor("ja", "youth_welfare_office", "Jugendamt"),
            *(shapes.school(f"gs-{n}", f"GS {n}") for n in schools),
            *(
                shapes.actor(f"ssa-{n}", "school_social_work", f"SSA {n}", funding={"esf"})
                for n in schools
            ),
        ],
        cooperations=[
            *(shapes.tie(f"gs-{n}", f"ssa-{n}", "placement") for n in schools),
            *(shapes.tie(f"gs-{n}", "ja", "case_work") for n in schools),
        ],
        programmes=times.programmes(),
    )


def with_esf(network, *, actors=(), forums=0, interventions=()):
    """``network`` with ``actors`` paid from ESF+, ESF+ forums and ESF+ ``interventions``."""
    paid = [network.actor(a).model_copy(update={"funding": {"esf"}}) for a in actors]
    groups = [
        Forum(
            id=f"ak-{n}",
            name=f"AK {n}",
            kind="working_group",
            convenor="ja",
            members={"gs", "traeger"},
            funding={"esf"},
        )
        for n in range(1, forums + 1)
    ]
    return network.with_actors(*paid).with_forums(*groups).with_interventions(*interventions)


def school_on_one_esf_tie():
    """The placement network, its school tied to the rest only by an ESF+ tie to the Jugendamt."""
    network = times.funded_placement().with_actors(
        shapes.actor("bb", "career_guidance", "Berufsberatung")
    )
    esf_tie = network.cooperation("gs--ja").model_copy(update={"funding": {"esf"}})
    return network.with_cooperations(esf_tie, shapes.tie("ja", "bb"))


# -- expiring critical ties ----------------------------------------------------------------

AFTER = "Jetzt ist Zeit, die Anschlussfinanzierung oder einen Ersatz zu klären."
AFTER_EN = "Now is the time to settle follow-up funding or a replacement."


@pytest.mark.parametrize(
    ("network", "de", "en"),
    [
        pytest.param(
            lambda: times.ending_placement(SPRING),
            "Die Kooperation GS Am Anger – Schulsozialarbeit GS Am Anger endet am 28.02.2026. "
            f"Danach entsteht 1 neue Lücke: Fehlende Pflichtverbindung (GS Am Anger). {AFTER}",
            "The cooperation GS Am Anger – Schulsozialarbeit GS Am Anger ends on 2026-02-28. "
            f"Afterwards 1 new gap opens: missing required tie (GS Am Anger). {AFTER_EN}",
            id="a tie, 1 gap",
        ),
        pytest.param(
            lambda: ending_in_spring(two_needs_on_one_measure(), intervention="einzelfallhilfe"),
            "Die Maßnahme Einzelfallhilfe endet am 28.02.2026. Danach entstehen 2 neue Lücken: "
            f"2 × Ungedeckter Bedarf (Sekundarschule Stadt). {AFTER}",
            "The intervention Einzelfallhilfe ends on 2026-02-28. Afterwards 2 new gaps open: 2 "
            f"× unmet need (Sekundarschule Stadt). {AFTER_EN}",
            id="an intervention, 2 gaps of one kind and school",
        ),
        pytest.param(
            lambda: ending_in_spring(nets.compliant_district(), actor="sek-land"),
            "Sekundarschule Land endet am 28.02.2026. Danach entstehen 2 neue Lücken: "
            "Isolierter Akteur (Elternrat Sekundarschule Land) und Isolierter Akteur "
            f"(Schülerrat Sekundarschule Land). {AFTER}",
            "Sekundarschule Land ends on 2026-02-28. Afterwards 2 new gaps open: isolated actor "
            f"(Elternrat Sekundarschule Land) and isolated actor (Schülerrat Sekundarschule "
            f"Land). {AFTER_EN}",
            id="an actor, 2 gaps",
        ),
        pytest.param(
            lambda: ending_in_spring(nets.compliant_district(), actor="ja"),
            "Jugendamt endet am 28.02.2026. Danach entstehen 4 neue Lücken: Nicht erreichbar "
            "(Sekundarschule Stadt), Nicht erreichbar (Sekundarschule Land), Nicht erreichbar "
            f"(GS Am Anger) und 1 weitere. {AFTER}",
            "Jugendamt ends on 2026-02-28. Afterwards 4 new gaps open: unreachable "
            "(Sekundarschule Stadt), unreachable (Sekundarschule Land), unreachable (GS Am "
            f"Anger) and 1 more. {AFTER_EN}",
            id="an actor, 4 gaps, 1 more",
        ),
        pytest.param(
            lambda: ending_in_spring(nets.compliant_district(), intervention="praevention-land"),
            "Die Maßnahme Prävention Land endet am 28.02.2026. Danach entstehen 6 neue Lücken: "
            f"6 × Unabgedecktes Thema. {AFTER}",
            "The intervention Prävention Land ends on 2026-02-28. Afterwards 6 new gaps open: 6 "
            f"× uncovered topic. {AFTER_EN}",
            id="topics are named by kind alone",
        ),
    ],
)
def test_expiring_critical_tie_texts(network, de, en):
    """An ending record counts the new gaps in their number and lists them, counted."""
    assert texts(expiring(network())) == (de, en)


# -- funding cliffs ------------------------------------------------------------------------

ENDS = "Am 31.07.2028 endet „ESF+“. Damit endet, was nur aus diesem Programm bezahlt wird:"
ENDS_EN = "On 2028-07-31 “ESF+” ends, and with it everything paid only from it:"


@pytest.mark.parametrize(
    ("network", "de", "en"),
    [
        pytest.param(
            lambda: posts_on_esf(1),
            f"{ENDS} 1 Stelle der Schulsozialarbeit und 1 Kooperation. Betroffen: 1 Schule. 1 "
            "Schule verliert ihre einzige Schulsozialarbeit: GS 1.",
            f"{ENDS_EN} 1 school social work post and 1 cooperation. Affected: 1 school. 1 "
            "school loses its only school social work: GS 1.",
            id="1 post, 1 school",
        ),
        pytest.param(
            lambda: posts_on_esf(2),
            f"{ENDS} 2 Stellen der Schulsozialarbeit und 2 Kooperationen. Betroffen: 2 Schulen. "
            "2 Schulen verlieren ihre einzige Schulsozialarbeit: GS 1 und GS 2.",
            f"{ENDS_EN} 2 school social work posts and 2 cooperations. Affected: 2 schools. 2 "
            "schools lose their only school social work: GS 1 and GS 2.",
            id="2 posts, 2 schools",
        ),
        pytest.param(
            lambda: times.funded_placement(post_funding={"esf"}, second_post_funding={"kreis"}),
            f"{ENDS} 1 Stelle der Schulsozialarbeit und 1 Kooperation. Betroffen: 1 Schule.",
            f"{ENDS_EN} 1 school social work post and 1 cooperation. Affected: 1 school.",
            id="a school keeping another post",
        ),
        pytest.param(
            lambda: with_esf(times.funded_placement(post_funding={"esf"}), actors=["traeger"]),
            f"{ENDS} 1 Stelle der Schulsozialarbeit, 1 weiterer Akteur und 1 Kooperation. "
            "Betroffen: 1 Schule. 1 Schule verliert ihre einzige Schulsozialarbeit: GS Am Markt.",
            f"{ENDS_EN} 1 school social work post, 1 other actor and 1 cooperation. Affected: 1 "
            "school. 1 school loses its only school social work: GS Am Markt.",
            id="a post and 1 other actor",
        ),
        pytest.param(
            lambda: with_esf(times.funded_placement(), actors=["traeger"]),
            f"{ENDS} 1 Akteur.",
            f"{ENDS_EN} 1 actor.",
            id="1 actor, no school",
        ),
        pytest.param(
            lambda: with_esf(times.funded_placement(), actors=["traeger", "ja"]),
            f"{ENDS} 2 Akteure.",
            f"{ENDS_EN} 2 actors.",
            id="2 actors, no school",
        ),
        pytest.param(
            lambda: with_esf(times.funded_placement(), forums=1),
            f"{ENDS} 1 Gremium.",
            f"{ENDS_EN} 1 forum.",
            id="1 forum",
        ),
        pytest.param(
            lambda: with_esf(
                times.funded_placement(),
                forums=2,
                interventions=[
                    times.measure("a", funding={"esf"}),
                    times.measure("b", funding={"esf"}),
                ],
            ),
            f"{ENDS} 2 Maßnahmen und 2 Gremien.",
            f"{ENDS_EN} 2 interventions and 2 forums.",
            id="2 interventions, 2 forums",
        ),
        pytest.param(
            lambda: with_esf(
                times.funded_placement(),
                interventions=[
                    times.measure("hilfe", tier="indicated", sites={"gs"}, funding={"esf"})
                ],
            ),
            f"{ENDS} 1 Maßnahme. Betroffen: 1 Schule. 1 Schule verliert ihre einzige indizierte "
            "Maßnahme: GS Am Markt.",
            f"{ENDS_EN} 1 intervention. Affected: 1 school. 1 school loses its only indicated "
            "measure: GS Am Markt.",
            id="an indicated measure",
        ),
        pytest.param(
            school_on_one_esf_tie,
            f"{ENDS} 1 Kooperation. 1 Schule verliert die Verbindung zum übrigen Netzwerk: GS "
            "Am Markt.",
            f"{ENDS_EN} 1 cooperation. 1 school loses its link to the network: GS Am Markt.",
            id="a school cut off",
        ),
    ],
)
def test_funding_cliff_texts(network, de, en):
    """A cliff counts what ends in its number; each sentence about schools only when it applies."""
    [gap] = find_funding_cliffs(network(), CLIFFS)
    assert texts(gap) == (de, en)


# -- temporary placements ------------------------------------------------------------------

DEMAND = "Gefordert ist eine dauerhafte Verortung der Schulsozialarbeit an allen Schulen."
DEMAND_EN = "The demand is a permanent place for school social work at every school."
PAID = "Die Schulsozialarbeit an GS Am Markt wird nur aus befristeten Programmen bezahlt;"
PAID_EN = "School social work at GS Am Markt is paid only from time-limited programmes;"


@pytest.mark.parametrize(
    ("second_post", "de", "en"),
    [
        pytest.param(
            None,
            f"{PAID} das Geld endet spätestens am 31.07.2028 (Stelle: SSA Markt). {DEMAND}",
            f"{PAID_EN} the money ends by 2028-07-31 (post: SSA Markt). {DEMAND_EN}",
            id="1 post",
        ),
        pytest.param(
            {"esf"},
            f"{PAID} das Geld endet spätestens am 31.07.2028 (Stellen: SSA Markt und SSA Zwei). "
            f"{DEMAND}",
            f"{PAID_EN} the money ends by 2028-07-31 (posts: SSA Markt and SSA Zwei). {DEMAND_EN}",
            id="2 posts, one end",
        ),
        pytest.param(
            {"bund"},
            f"{PAID} das Geld für SSA Zwei endet zuerst, spätestens am 31.12.2026 (Stellen: SSA "
            f"Markt und SSA Zwei). {DEMAND}",
            f"{PAID_EN} the money for SSA Zwei ends first, by 2026-12-31 (posts: SSA Markt and "
            f"SSA Zwei). {DEMAND_EN}",
            id="2 posts, two ends",
        ),
    ],
)
def test_temporary_placement_texts(second_post, de, en):
    """A school's posts are named in their number; of two ends, the first is the one meant."""
    network = times.funded_placement(tie_funding={"esf"}, second_post_funding=second_post)
    [gap] = find_temporary_placements(network, PERMANENT)
    assert texts(gap) == (de, en)


# -- dormant ties --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "de", "en"),
    [
        pytest.param(
            times.scheduled_tie,
            "GS Am Markt – Jugendamt soll sich regelmäßig treffen (dienstags um 16:00 Uhr), der "
            "letzte Kontakt war aber am 01.10.2025; seitdem ist 1 Termin ausgefallen. Die "
            "Zusammenarbeit ruht und sollte neu belebt oder beendet werden.",
            "GS Am Markt – Jugendamt is meant to meet regularly (on Tuesdays at 16:00), but the "
            "last contact was on 2025-10-01; 1 meeting has passed since. The cooperation is "
            "dormant and should be revived or ended.",
            id="a tie, 1 meeting",
        ),
        pytest.param(
            times.scheduled_forum,
            "Arbeitskreis Übergang soll sich regelmäßig treffen (dienstags um 16:00 Uhr), der "
            "letzte Kontakt war aber am 01.10.2025; seitdem ist 1 Termin ausgefallen. Die "
            "Zusammenarbeit ruht und sollte neu belebt oder beendet werden.",
            "Arbeitskreis Übergang is meant to meet regularly (on Tuesdays at 16:00), but the "
            "last contact was on 2025-10-01; 1 meeting has passed since. The cooperation is "
            "dormant and should be revived or ended.",
            id="a forum, 1 meeting",
        ),
    ],
)
def test_dormant_tie_texts(network, de, en):
    """A tie or a forum that missed one meeting says so in the singular."""
    [gap] = find_dormant_ties(network(date(2025, 10, 1)), MEETINGS, as_of=date(2025, 10, 8))
    assert texts(gap) == (de, en)


def test_dormant_tie_texts_for_several_meetings():
    """Three missed meetings of a tie are counted in the plural."""
    network = times.scheduled_tie(date(2025, 10, 1))
    [gap] = find_dormant_ties(network, MEETINGS, as_of=date(2025, 10, 22))
    assert texts(gap) == (
        "GS Am Markt – Jugendamt soll sich regelmäßig treffen (dienstags um 16:00 Uhr), der "
        "letzte Kontakt war aber am 01.10.2025; seitdem sind 3 Termine ausgefallen. Die "
        "Zusammenarbeit ruht und sollte neu belebt oder beendet werden.",
        "GS Am Markt – Jugendamt is meant to meet regularly (on Tuesdays at 16:00), but the "
        "last contact was on 2025-10-01; 3 meetings have passed since. The cooperation is "
        "dormant and should be revived or ended.",
    )


# -- evidence lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "lines"),
    [
        pytest.param(
            lambda: expiring(times.ending_placement(SPRING)),
            [
                "Art des Eintrags: Kooperation",
                "Eintrag: GS Am Anger – Schulsozialarbeit GS Am Anger (Einsatz an der Schule)",
                "Letzter Tag: 28.02.2026",
                "Neue Lücken: 1",
                "Arten der neuen Lücken: Fehlende Pflichtverbindung",
            ],
            id="expiring_critical_tie",
        ),
        pytest.param(
            lambda: find_funding_cliffs(posts_on_esf(1), CLIFFS)[0],
            [
                "Programm: ESF+",
                "Letzter Tag: 31.07.2028",
                "Verbindungen: 1",
                "Akteure: 1",
                "Stellen der Schulsozialarbeit: 1",
                "Gremien: 0",
                "Maßnahmen: 0",
                "Betroffene Schulen: 1",
                "Schulen ohne ihre einzige Schulsozialarbeit: 1",
                "Schulen ohne ihre einzige indizierte Maßnahme: 0",
                "Schulen ohne Verbindung zum Netzwerk: 0",
            ],
            id="funding_cliff",
        ),
        pytest.param(
            lambda: find_temporary_placements(
                times.funded_placement(tie_funding={"esf"}, second_post_funding={"bund"}),
                PERMANENT,
            )[0],
            ["Stellen: 2", "Erstes Förderende: 31.12.2026"],
            id="temporary_placement",
        ),
        pytest.param(
            lambda: find_dormant_ties(
                times.scheduled_tie(date(2025, 10, 1)), MEETINGS, as_of=date(2025, 10, 22)
            )[0],
            [
                "Ausgefallene Treffen: 3",
                "Letzter Kontakt: 01.10.2025",
                "Tage seitdem: 21",
                "Terminplan: dienstags",
            ],
            id="dormant_tie",
        ),
    ],
)
def test_evidence_lines(finding, lines):
    """The evidence of one finding per kind reads as German lines with labels."""
    assert [line.de for line in finding().details] == lines
