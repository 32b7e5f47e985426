"""The rules package offers every public name of its modules, and only those."""

import importlib
import pkgutil

import bildungsnetz.rules

PUBLIC_RULES = [
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


def _public_modules():
    return [
        importlib.import_module(info.name)
        for info in pkgutil.iter_modules(bildungsnetz.rules.__path__, "bildungsnetz.rules.")
        if not info.name.rpartition(".")[2].startswith("_")
    ]


def test_rules_public_api_is_pinned():
    """A change to what bildungsnetz.rules offers must be deliberate."""
    assert bildungsnetz.rules.__all__ == PUBLIC_RULES


def test_rules_exports_exactly_the_public_names_of_its_modules():
    """Every name a rules module makes public is importable from bildungsnetz.rules itself."""
    exported = {
        name: getattr(module, name) for module in _public_modules() for name in module.__all__
    }
    package = {name: getattr(bildungsnetz.rules, name) for name in bildungsnetz.rules.__all__}
    assert package == exported
