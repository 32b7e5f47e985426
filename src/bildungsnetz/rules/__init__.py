"""The normative model: who should cooperate with whom, as data.

A :class:`RuleSet` is a list of rules, loadable from and savable to JSON. Each rule states
an expectation of the Schulerfolg policy ("every school has school social work", "every
sizeable transition flow is matched by cooperation"); the detectors in
:mod:`bildungsnetz.gaps` report where the network falls short of it.

One module per concern: :mod:`~bildungsnetz.rules.selector` (which actors a rule means),
:mod:`~bildungsnetz.rules.ties` (required ties and transition cooperation),
:mod:`~bildungsnetz.rules.coverage` (topics, needs and providers of interventions),
:mod:`~bildungsnetz.rules.structure` (single points of failure, group linkage),
:mod:`~bildungsnetz.rules.continuity` (permanent placement, funding ends, regular
contact), :mod:`~bildungsnetz.rules.ruleset` (the rule set and its JSON files) and
:mod:`~bildungsnetz.rules.defaults` (the Schulerfolg policy). Import every name from
here.

Examples
--------
>>> from bildungsnetz.rules import RequiredTie, RuleSet, Selector, default_rules
>>> rule = RequiredTie(id="ssa", subject=Selector(kind="school"),
...                    partner=Selector(kind="school_social_work"), kinds={"placement"},
...                    severity="high")
>>> rule.partner.kinds
frozenset({<ActorKind.SCHOOL_SOCIAL_WORK: 'school_social_work'>})
>>> RuleSet.from_json(default_rules().to_json()) == default_rules()
True
"""

from bildungsnetz.rules.continuity import FundingContinuity, PermanentPlacement, RegularContact
from bildungsnetz.rules.coverage import (
    INDICATOR_LABELS,
    Indicator,
    NeedCoverage,
    ProviderDiversity,
    RequiredCoverage,
)
from bildungsnetz.rules.defaults import default_rules
from bildungsnetz.rules.ruleset import AnyRule, Rule, RuleSet, load, save
from bildungsnetz.rules.selector import Selector
from bildungsnetz.rules.structure import GroupLinkage, NoSinglePointOfFailure
from bildungsnetz.rules.ties import RequiredTie, RequiredTransitionCooperation

__all__ = [
    "INDICATOR_LABELS",
    "AnyRule",
    "FundingContinuity",
    "GroupLinkage",
    "Indicator",
    "NeedCoverage",
    "NoSinglePointOfFailure",
    "PermanentPlacement",
    "ProviderDiversity",
    "RegularContact",
    "RequiredCoverage",
    "RequiredTie",
    "RequiredTransitionCooperation",
    "Rule",
    "RuleSet",
    "Selector",
    "default_rules",
    "load",
    "save",
]
