"""The default rules: the expectations of the Schulerfolg policy.

:func:`default_rules` is the rule set the gap detectors use when they are given none
(``rules=None``). Rule sets are immutable: to adapt the policy, build a new
:class:`~bildungsnetz.rules.RuleSet` from the rules you keep, or write it to a file with
:func:`~bildungsnetz.rules.save`, edit that and :func:`~bildungsnetz.rules.load` it.

Examples
--------
>>> from bildungsnetz.rules import RuleSet, default_rules
>>> rules = default_rules()
>>> kept = tuple(rule for rule in rules.rules if rule.id != "pupil-participation")
>>> local = RuleSet(name="Schulerfolg, ohne Schülervertretungen", rules=kept)
>>> len(rules.rules) - len(local.rules)
1
"""

from __future__ import annotations

from typing import Any

from bildungsnetz.model import (
    ActorKind,
    CooperationKind,
    Intensity,
    PreventionTier,
    Severity,
    Stage,
    Topic,
)
from bildungsnetz.rules.continuity import FundingContinuity, PermanentPlacement, RegularContact
from bildungsnetz.rules.coverage import NeedCoverage, ProviderDiversity, RequiredCoverage
from bildungsnetz.rules.ruleset import RuleSet
from bildungsnetz.rules.selector import Selector
from bildungsnetz.rules.structure import GroupLinkage, NoSinglePointOfFailure
from bildungsnetz.rules.ties import RequiredTie, RequiredTransitionCooperation

__all__ = ["default_rules"]

_SECONDARY = Selector(kind=ActorKind.SCHOOL, stages={Stage.LOWER_SECONDARY})
_CROSS_CUTTING = (
    Topic.ABSENTEEISM,
    Topic.INCLUSION,
    Topic.MIGRATION,
    Topic.EARLY_CHILDHOOD,
    Topic.TRANSITION,
    Topic.PARENTS,
)


def default_rules() -> RuleSet:
    """Return the rules of the Schulerfolg policy.

    School social work at every school; cooperation with parents at every school; every
    school reaches the youth welfare office within two steps; secondary schools are tied
    to career guidance or the youth employment agency; pupils' councils take part; every
    secondary school has a counselling teacher or works with school psychology; the
    network office is in direct contact with school social work and counselling teachers
    (the seed names both beside each other); every sizeable transition flow is
    matched by cooperation (Kitas and Grundschulen included); the cross-cutting topics are
    covered in every municipality; schools with high absence or many leavers without a
    qualification have targeted measures; no school hangs on one actor or one tie; schools
    and youth welfare are tied more than by chance; every tier and topic has several
    providers; school social work rests on permanent money; nothing critical hangs on
    money that runs out; scheduled meetings take place.

    Examples
    --------
    >>> rules = default_rules()
    >>> [rule.id for rule in rules.rules][:3]
    ['school-social-work', 'parents', 'youth-welfare-office']
    """
    school = Selector(kind=ActorKind.SCHOOL)
    rules: list[Any] = [
        RequiredTie(
            id="school-social-work",
            subject=school,
            partner=Selector(kind=ActorKind.SCHOOL_SOCIAL_WORK),
            kinds={CooperationKind.PLACEMENT},
            min_intensity=Intensity.COOPERATION,
            severity=Severity.HIGH,
            description="Schulsozialarbeit an jeder Schule / school social work at every school",
        ),
        RequiredTie(
            id="parents",
            subject=school,
            partner=Selector(kind=ActorKind.PARENTS_COUNCIL),
            severity=Severity.MEDIUM,
            description="Zusammenarbeit mit Eltern an jeder Schule / "
            "work with parents at every school",
        ),
        RequiredTie(
            id="youth-welfare-office",
            subject=school,
            partner=Selector(kind=ActorKind.YOUTH_WELFARE_OFFICE),
            within=2,
            severity=Severity.HIGH,
            description="Jede Schule erreicht das Jugendamt in höchstens zwei Schritten / "
            "every school reaches the youth welfare office within two steps",
        ),
        RequiredTie(
            id="career-guidance",
            subject=_SECONDARY,
            partner=Selector(kinds={ActorKind.CAREER_GUIDANCE, ActorKind.YOUTH_EMPLOYMENT_AGENCY}),
            forums=True,
            severity=Severity.MEDIUM,
            description="Schulen der Sekundarstufe I arbeiten mit Berufsorientierung oder "
            "Jugendberufsagentur / secondary schools work with career guidance",
        ),
        RequiredTie(
            id="pupil-participation",
            subject=school,
            partner=Selector(kind=ActorKind.PUPILS_COUNCIL),
            forums=True,
            severity=Severity.LOW,
            description="Schülervertretungen sind beteiligt / pupils' councils take part",
        ),
        RequiredTie(
            id="counselling-teacher",
            subject=_SECONDARY,
            partner=Selector(kinds={ActorKind.COUNSELLING_TEACHER, ActorKind.SCHOOL_PSYCHOLOGY}),
            severity=Severity.MEDIUM,
            description="Jede Schule der Sekundarstufe I hat eine Beratungslehrkraft oder "
            "arbeitet mit der Schulpsychologie / every secondary school has a counselling "
            "teacher or works with school psychology",
        ),
        RequiredTie(
            id="network-office-support",
            subject=Selector(kinds={ActorKind.SCHOOL_SOCIAL_WORK, ActorKind.COUNSELLING_TEACHER}),
            partner=Selector(kind=ActorKind.NETWORK_OFFICE),
            forums=True,
            severity=Severity.LOW,
            description="Die Netzwerkstelle ist direkte Ansprechpartnerin der "
            "Schulsozialarbeit und der Beratungslehrkräfte / the network office is in direct "
            "contact with school social work and counselling teachers",
        ),
        RequiredTransitionCooperation(
            id="transition-flows",
            min_pupils=5,
            severity=Severity.HIGH,
            description="Übergänge mit mindestens 5 Kindern sind durch Kooperation begleitet / "
            "transitions of 5 or more pupils are matched by cooperation",
        ),
        *(
            RequiredCoverage(
                id=f"coverage-{topic.value.replace('_', '-')}",
                topic=topic,
                per="municipality",
                severity=Severity.MEDIUM,
                description=f"{topic.label('de')} in jeder Gemeinde / "
                f"{topic.label('en')} in every municipality",
            )
            for topic in _CROSS_CUTTING
        ),
        NeedCoverage(
            id="need-absence",
            indicator="absence_rate",
            threshold=0.10,
            tier=PreventionTier.INDICATED,
            severity=Severity.HIGH,
            description="Schulen mit mindestens 10 % Fehlzeiten haben eine indizierte "
            "Maßnahme / schools with 10 % absence or more have an indicated measure",
        ),
        NeedCoverage(
            id="need-qualification",
            indicator="without_qualification_rate",
            threshold=0.15,
            tier=PreventionTier.SELECTIVE,
            severity=Severity.HIGH,
            description="Schulen mit mindestens 15 % Abgängen ohne Abschluss haben eine "
            "gezielte Maßnahme / schools with 15 % leavers without a qualification have a "
            "targeted measure",
        ),
        NoSinglePointOfFailure(
            id="single-point-of-failure",
            subject=school,
            severity=Severity.HIGH,
            description="Keine Schule hängt an einem einzigen Akteur oder einer einzigen "
            "Verbindung / no school hangs on one actor or one tie",
        ),
        GroupLinkage(
            id="schools-youth-welfare",
            first=school,
            second=Selector(
                kinds={
                    ActorKind.YOUTH_WELFARE_OFFICE,
                    ActorKind.YOUTH_WELFARE_PROVIDER,
                    ActorKind.SCHOOL_SOCIAL_WORK,
                }
            ),
            min_ratio=0.5,
            severity=Severity.MEDIUM,
            description="Schule und Jugendhilfe sind enger verbunden als der Zufall / "
            "schools and youth welfare are tied more densely than chance",
        ),
        ProviderDiversity(
            id="provider-diversity",
            min_providers=2,
            severity=Severity.MEDIUM,
            description="Jede Präventionsstufe und jedes Thema hat mehrere Träger / "
            "every prevention tier and topic has several providers",
        ),
        PermanentPlacement(
            id="permanent-school-social-work",
            severity=Severity.MEDIUM,
            description="Schulsozialarbeit dauerhaft an allen Schulen, nicht nur aus "
            "Projektmitteln / permanent school social work, not only project money",
        ),
        FundingContinuity(
            id="funding-continuity",
            severity=Severity.HIGH,
            description="Nichts Kritisches hängt an auslaufendem Geld / nothing critical "
            "hangs on money that runs out",
        ),
        RegularContact(
            id="regular-contact",
            max_missed=3,
            severity=Severity.LOW,
            description="Verabredete Treffen finden statt / scheduled meetings take place",
        ),
    ]
    return RuleSet(
        name="Schulerfolg sichern",
        rules=tuple(rules),
        description="Die Erwartungen der Netzwerkstelle Schulerfolg an die Kooperation "
        "im Landkreis",
    )
