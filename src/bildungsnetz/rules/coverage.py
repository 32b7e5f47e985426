"""Rules about the offer of interventions: topics covered, needs met, providers varied.

:class:`RequiredCoverage` asks for an active intervention on a topic in every unit,
:class:`NeedCoverage` for a targeted intervention at every school whose need indicator
(one of :data:`Indicator`, named in :data:`INDICATOR_LABELS`) reaches a threshold, and
:class:`ProviderDiversity` for several providers per tier and topic. The detectors in
:mod:`bildungsnetz.gaps.interventions` check them.

Examples
--------
>>> from bildungsnetz.rules import INDICATOR_LABELS, NeedCoverage
>>> rule = NeedCoverage(id="fehlzeiten", indicator="absence_rate", threshold=0.1)
>>> INDICATOR_LABELS[rule.indicator]
('Fehlquote', 'absence rate')
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from bildungsnetz.model import ActorKind, PreventionTier, Topic
from bildungsnetz.rules._base import RuleBase
from bildungsnetz.rules.selector import Selector

__all__ = [
    "INDICATOR_LABELS",
    "Indicator",
    "NeedCoverage",
    "ProviderDiversity",
    "RequiredCoverage",
]

Indicator = Literal[
    "absence_rate", "without_qualification_rate", "special_needs_rate", "migration_rate"
]
"""The need indicators of a school profile a rule can test."""

INDICATOR_LABELS: dict[str, tuple[str, str]] = {
    "absence_rate": ("Fehlquote", "absence rate"),
    "without_qualification_rate": (
        "Anteil der Abgänger ohne Abschluss",
        "share of leavers without a qualification",
    ),
    "special_needs_rate": (
        "Anteil mit sonderpädagogischem Förderbedarf",
        "share with special educational needs",
    ),
    "migration_rate": ("Anteil mit Zuwanderungsgeschichte", "share with a migration history"),
}
"""German and English names of the need indicators."""


class RequiredCoverage(RuleBase):
    """A topic must be covered by an active intervention in every unit.

    Parameters
    ----------
    id
        A unique id.
    topic
        The topic that must be covered.
    per
        The unit: every municipality, or every school form present.
    tier
        The prevention tier the intervention must have at least (``None``: any).
    severity
        How serious a gap is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RequiredCoverage(id="inklusion", topic="inclusion", per="municipality").per
    'municipality'
    """

    type: Literal["required_coverage"] = "required_coverage"
    topic: Topic
    per: Literal["municipality", "school_form"] = "municipality"
    tier: PreventionTier | None = None


class NeedCoverage(RuleBase):
    """Schools whose need indicator reaches a threshold need a targeted intervention.

    Parameters
    ----------
    id
        A unique id.
    indicator
        The need indicator of the school profile.
    threshold
        The share from which a school counts as in need.
    tier
        The least prevention tier the intervention at the school must have.
    subject
        The schools the rule applies to.
    severity
        How serious a gap is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> NeedCoverage(id="fehlzeiten", indicator="absence_rate", threshold=0.1,
    ...              tier="indicated").threshold
    0.1
    """

    type: Literal["need_coverage"] = "need_coverage"
    indicator: Indicator
    threshold: Annotated[float, Field(ge=0.0, le=1.0)]
    tier: PreventionTier = PreventionTier.SELECTIVE
    subject: Selector = Selector(kind=ActorKind.SCHOOL)


class ProviderDiversity(RuleBase):
    """Every prevention tier and every topic needs offers from several providers.

    Parameters
    ----------
    id
        A unique id.
    min_providers
        How many different providers a tier or topic needs among its active
        interventions.
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> ProviderDiversity(id="traeger").min_providers
    2
    """

    type: Literal["provider_diversity"] = "provider_diversity"
    min_providers: Annotated[int, Field(ge=2, le=1_000_000)] = 2
