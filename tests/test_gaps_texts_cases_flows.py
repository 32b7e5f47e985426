"""Exact texts of transitions, uncovered topics, unmet needs and provider dependence.

Every count these texts show (pupils and children, shown or withheld; sending Kitas;
schools of a unit; interventions and providers of a tier or topic) is taken at 1, at
several and, where it can be, at 0, in the smallest network that gives the finding; the
German and English texts are written out in full, as a reader expects them.
"""

from __future__ import annotations

import pytest

import gap_shapes as shapes
import time_networks as times
from bildungsnetz.gaps import (
    find_provider_dependence,
    find_transitions_without_cooperation,
    find_uncovered_topics,
    find_unmet_needs,
)
from bildungsnetz.rules import (
    NeedCoverage,
    ProviderDiversity,
    RequiredCoverage,
    RequiredTransitionCooperation,
)

STADT, LAND = shapes.STADT, shapes.LAND
FLOWS = shapes.one_rule(RequiredTransitionCooperation(id="flows", min_pupils=1, severity="high"))
ABSENCE = shapes.one_rule(
    NeedCoverage(
        id="fehlzeiten",
        indicator="absence_rate",
        threshold=0.25,
        tier="indicated",
        severity="high",
    )
)


def texts(gap):
    """The explanation of a finding: German, English."""
    return gap.explanation.de, gap.explanation.en


def coverage(per="municipality", tier=None):
    """Inclusion is covered per municipality or school form, from ``tier`` on (medium)."""
    rule = RequiredCoverage(
        id="inklusion", topic="inclusion", per=per, tier=tier, severity="medium"
    )
    return shapes.one_rule(rule)


FORMS = coverage("school_form")


def diversity(min_providers=2):
    """Every tier and topic has ``min_providers`` providers (medium)."""
    return shapes.one_rule(
        ProviderDiversity(id="traeger", min_providers=min_providers, severity="medium")
    )


def inclusion_in_stadt(*providers, extra_actors=()):
    """An inclusion measure for Stadt only, by ``providers``; Land is left uncovered."""
    measure = times.measure("inklusion-stadt", municipalities={STADT}, providers=set(providers))
    return times.two_municipalities(measure, extra_actors=extra_actors)


def inclusion_at_the_grundschule():
    """An inclusion measure at GS Stadt by two providers: the Sekundarschule is left out."""
    measure = times.measure(
        "inklusion-gs", sites={"gs-stadt"}, providers={"traeger-stadt", "traeger-land"}
    )
    return times.two_municipalities(measure)


# -- transitions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "de", "en"),
    [
        pytest.param(
            lambda: shapes.small_flow(38),
            "38 Schüler:innen wechselten im Schuljahr 2024/25 von GS Quelle zu Sekundarschule 1 "
            "(Grundschule → Sekundarstufe I), aber die beiden Einrichtungen arbeiten nicht "
            "zusammen. Eine Übergangskooperation (Hospitationen, Übergabegespräche) hilft diesen "
            "Kindern beim Wechsel.",
            "38 pupils moved from GS Quelle to Sekundarschule 1 in the school year 2024/25 "
            "(primary → lower secondary), but the two institutions do not cooperate. A "
            "transition cooperation (visits, handover talks) helps these children through the "
            "change.",
            id="flow shown",
        ),
        pytest.param(
            lambda: shapes.small_flow(2),
            "Eine kleine Zahl von Schüler:innen (Zahl gesperrt: .) wechselten im Schuljahr "
            "2024/25 von GS Quelle zu Sekundarschule 1 (Grundschule → Sekundarstufe I), aber "
            "die beiden Einrichtungen arbeiten nicht zusammen. Eine Übergangskooperation "
            "(Hospitationen, Übergabegespräche) hilft diesen Kindern beim Wechsel.",
            "A small number of pupils (count withheld: .) moved from GS Quelle to "
            "Sekundarschule 1 in the school year 2024/25 (primary → lower secondary), but the "
            "two institutions do not cooperate. A transition cooperation (visits, handover "
            "talks) helps these children through the change.",
            id="flow withheld",
        ),
        pytest.param(
            lambda: times.kitas_to_school(20),
            "Im Schuljahr 2024/25 nahm GS Am Anger 20 Kinder aus 1 Kita (Kita A) auf, arbeitet "
            "aber mit dieser Kita nicht zusammen.",
            "In the school year 2024/25, GS Am Anger took in 20 children from 1 Kita (Kita A) "
            "but does not cooperate with it.",
            id="1 Kita",
        ),
        pytest.param(
            lambda: times.kitas_to_school(20, 12),
            "Im Schuljahr 2024/25 nahm GS Am Anger 32 Kinder aus 2 Kitas (Kita A und Kita B) "
            "auf, arbeitet aber mit keiner dieser Kitas zusammen.",
            "In the school year 2024/25, GS Am Anger took in 32 children from 2 Kitas (Kita A "
            "and Kita B) but cooperates with none of them.",
            id="2 Kitas",
        ),
        pytest.param(
            lambda: times.kitas_to_school(2),
            "Im Schuljahr 2024/25 nahm GS Am Anger eine kleine Zahl von Kindern (Zahl gesperrt: "
            ".) aus 1 Kita (Kita A) auf, arbeitet aber mit dieser Kita nicht zusammen.",
            "In the school year 2024/25, GS Am Anger took in a small number of children (count "
            "withheld: .) from 1 Kita (Kita A) but does not cooperate with it.",
            id="1 Kita, withheld",
        ),
    ],
)
def test_transition_without_cooperation_texts(network, de, en):
    """A flow or a Grundschule's Kitas: counts shown or withheld, Kitas in their number."""
    [gap] = find_transitions_without_cooperation(network(), FLOWS)
    assert texts(gap) == (de, en)


def test_transition_suggestion_texts():
    """A transition tie says who moves where."""
    [gap] = find_transitions_without_cooperation(shapes.small_flow(38), FLOWS)
    assert (gap.suggestions[0].reason.de, gap.suggestions[0].reason.en) == (
        "Die Kinder wechseln von GS Quelle zu Sekundarschule 1; eine Übergangskooperation "
        "begleitet sie.",
        "The children move from GS Quelle to Sekundarschule 1; a transition cooperation "
        "accompanies them.",
    )


# -- uncovered topics and unmet needs ------------------------------------------------------


@pytest.mark.parametrize(
    ("network", "rules", "unit", "de", "en"),
    [
        pytest.param(
            inclusion_in_stadt,
            coverage(),
            LAND,
            "Zum Thema „Inklusion“ gibt es in AGS 15084280 keine laufende Maßnahme. Betroffen "
            "ist 1 Schule (Sek Land).",
            "No running intervention covers “inclusion” in AGS 15084280. 1 school is concerned "
            "(Sek Land).",
            id="1 school",
        ),
        pytest.param(
            lambda: inclusion_in_stadt(
                extra_actors=[shapes.school("gs-land", "GS Land", municipality=LAND)]
            ),
            coverage(),
            LAND,
            "Zum Thema „Inklusion“ gibt es in AGS 15084280 keine laufende Maßnahme. Betroffen "
            "sind 2 Schulen (GS Land und Sek Land).",
            "No running intervention covers “inclusion” in AGS 15084280. 2 schools are "
            "concerned (GS Land and Sek Land).",
            id="2 schools",
        ),
        pytest.param(
            inclusion_at_the_grundschule,
            coverage("school_form", tier="selective"),
            "grundschule",
            "Zum Thema „Inklusion“ gibt es für die Schulform Grundschule keine laufende "
            "Maßnahme der Stufe „selektiv“ oder höher. Betroffen ist 1 Schule (GS Stadt).",
            "No running intervention of tier “selective” or above covers “inclusion” for the "
            "school form “primary school”. 1 school is concerned (GS Stadt).",
            id="school form, tier",
        ),
    ],
)
def test_uncovered_topic_texts(network, rules, unit, de, en):
    """An uncovered topic names its unit in the language and counts the schools concerned."""
    [gap] = [g for g in find_uncovered_topics(network(), rules) if g.evidence["unit"] == unit]
    assert texts(gap) == (de, en)


@pytest.mark.parametrize(
    ("network", "rules", "de", "en"),
    [
        pytest.param(
            inclusion_in_stadt,
            coverage(),
            "„inklusion-stadt“ läuft bereits (Stufe „universell“) und kann auch an Sek Land "
            "stattfinden.",
            "“inklusion-stadt” already runs (tier “universal”) and can also take place at Sek "
            "Land.",
            id="no provider",
        ),
        pytest.param(
            lambda: inclusion_in_stadt("traeger-stadt"),
            coverage(),
            "„inklusion-stadt“ von traeger-stadt läuft bereits (Stufe „universell“) und kann "
            "auch an Sek Land stattfinden.",
            "“inklusion-stadt” by traeger-stadt already runs (tier “universal”) and can also "
            "take place at Sek Land.",
            id="1 provider",
        ),
        pytest.param(
            inclusion_at_the_grundschule,
            FORMS,
            "„inklusion-gs“ von traeger-land und traeger-stadt läuft bereits (Stufe "
            "„universell“) und kann auch an Sek Land stattfinden.",
            "“inklusion-gs” by traeger-land and traeger-stadt already runs (tier “universal”) "
            "and can also take place at Sek Land.",
            id="2 providers",
        ),
    ],
)
def test_uncovered_topic_suggestion_texts(network, rules, de, en):
    """A measure to extend names its providers, if any, and its tier."""
    [gap] = find_uncovered_topics(network(), rules)
    assert (gap.suggestions[0].reason.de, gap.suggestions[0].reason.en) == (de, en)


@pytest.mark.parametrize(
    ("absence", "de", "en"),
    [
        pytest.param(
            0.3,
            "GS Stadt liegt mit 30 % (Fehlquote) über der Schwelle von 25 %, hat aber keine "
            "laufende Maßnahme der Stufe „indiziert“ oder höher an der Schule.",
            "GS Stadt is at 30% (absence rate), above the threshold of 25%, but has no running "
            "intervention of tier “indicated” or above at the school.",
            id="above",
        ),
        pytest.param(
            0.25,
            "GS Stadt erreicht mit 25 % (Fehlquote) die Schwelle von 25 %, hat aber keine "
            "laufende Maßnahme der Stufe „indiziert“ oder höher an der Schule.",
            "GS Stadt is at 25% (absence rate), reaching the threshold of 25%, but has no "
            "running intervention of tier “indicated” or above at the school.",
            id="at the threshold",
        ),
    ],
)
def test_unmet_need_texts(absence, de, en):
    """A need at the threshold reaches it; only one beyond it lies above it."""
    [gap] = find_unmet_needs(times.two_municipalities(absence=absence), ABSENCE)
    assert texts(gap) == (de, en)


# -- provider dependence -------------------------------------------------------------------


def measures(count, *providers):
    """``count`` universal inclusion measures, all by ``providers``."""
    return [times.measure(f"m-{n}", providers=set(providers)) for n in range(1, count + 1)]


@pytest.mark.parametrize(
    ("interventions", "min_providers", "dimension", "de", "en"),
    [
        pytest.param(
            measures(1, "traeger-stadt"),
            2,
            "tier",
            "Die einzige laufende Maßnahme zur Stufe „universell“ kommt von traeger-stadt. "
            "Fällt dieser Träger aus, gibt es kein Angebot mehr.",
            "The only running intervention for the tier “universal” comes from traeger-stadt. "
            "If this provider drops out, nothing is left.",
            id="tier, 1 intervention, 1 provider",
        ),
        pytest.param(
            measures(1, "traeger-stadt"),
            2,
            "topic",
            "Die einzige laufende Maßnahme zum Thema „Inklusion“ kommt von traeger-stadt. "
            "Fällt dieser Träger aus, gibt es kein Angebot mehr.",
            "The only running intervention for the topic “inclusion” comes from traeger-stadt. "
            "If this provider drops out, nothing is left.",
            id="topic, 1 intervention, 1 provider",
        ),
        pytest.param(
            measures(2, "traeger-stadt"),
            2,
            "topic",
            "Beide laufenden Maßnahmen zum Thema „Inklusion“ kommen von traeger-stadt. Fällt "
            "dieser Träger aus, gibt es kein Angebot mehr.",
            "Both running interventions for the topic “inclusion” come from traeger-stadt. If "
            "this provider drops out, nothing is left.",
            id="topic, 2 interventions",
        ),
        pytest.param(
            measures(3, "traeger-stadt"),
            2,
            "tier",
            "Alle 3 laufenden Maßnahmen zur Stufe „universell“ kommen von traeger-stadt. Fällt "
            "dieser Träger aus, gibt es kein Angebot mehr.",
            "All 3 running interventions for the tier “universal” come from traeger-stadt. If "
            "this provider drops out, nothing is left.",
            id="tier, 3 interventions",
        ),
        pytest.param(
            measures(1, "traeger-land", "traeger-stadt"),
            3,
            "topic",
            "Die einzige laufende Maßnahme zum Thema „Inklusion“ kommt von traeger-land und "
            "traeger-stadt. Fallen diese Träger aus, gibt es kein Angebot mehr.",
            "The only running intervention for the topic “inclusion” comes from traeger-land "
            "and traeger-stadt. If these providers drop out, nothing is left.",
            id="2 providers",
        ),
        pytest.param(
            measures(1),
            2,
            "tier",
            "Die einzige laufende Maßnahme zur Stufe „universell“ kommt von keinem benannten "
            "Träger.",
            "The only running intervention for the tier “universal” comes from no named provider.",
            id="no provider, 1 intervention",
        ),
        pytest.param(
            measures(2),
            2,
            "topic",
            "Beide laufenden Maßnahmen zum Thema „Inklusion“ kommen von keinem benannten Träger.",
            "Both running interventions for the topic “inclusion” come from no named provider.",
            id="no provider, 2 interventions",
        ),
    ],
)
def test_provider_dependence_texts(interventions, min_providers, dimension, de, en):
    """Dependence counts interventions and providers in their number: "zur Stufe", "zum Thema"."""
    gaps = find_provider_dependence(
        times.two_municipalities(*interventions), diversity(min_providers)
    )
    [gap] = [g for g in gaps if dimension in g.evidence]
    assert texts(gap) == (de, en)


# -- evidence lines ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("finding", "lines"),
    [
        pytest.param(
            lambda: find_transitions_without_cooperation(shapes.small_flow(2), FLOWS)[0],
            [
                "Schüler:innen: gesperrt (.)",
                "Schuljahr: 2024/25",
                "Übergang: Grundschule → Sekundarstufe I",
            ],
            id="transition_without_cooperation",
        ),
        pytest.param(
            lambda: find_uncovered_topics(inclusion_at_the_grundschule(), FORMS)[0],
            ["Thema: Inklusion", "Bereich: Sekundarschule", "Schulen: 1"],
            id="uncovered_topic",
        ),
        pytest.param(
            lambda: find_unmet_needs(times.two_municipalities(absence=0.3), ABSENCE)[0],
            ["Kennzahl: Fehlquote", "Wert: 30 %", "Schwelle: 25 %"],
            id="unmet_need",
        ),
        pytest.param(
            lambda: find_provider_dependence(
                times.two_municipalities(*measures(2, "traeger-stadt")), diversity()
            )[0],
            ["Träger: 1", "Maßnahmen: 2", "Thema: Inklusion"],
            id="provider_dependence",
        ),
    ],
)
def test_evidence_lines(finding, lines):
    """The evidence of one finding per kind reads as German lines with labels."""
    assert [line.de for line in finding().details] == lines
