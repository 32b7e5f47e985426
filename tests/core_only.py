"""The suite against an install without extras: what a test that needs one must do there.

A pytest plugin, loaded by ``conftest.py``. Two markers say what a test needs beyond the
core dependencies (pydantic, networkx, python-dateutil, numpy, scipy) and the test tools
(pytest, hypothesis):

``requires_extra(*extras)``
    The test uses a feature of bildungsnetz that needs one of these extras
    (``"excel"``, ``"plot"``...). With the extras installed it runs as written. In
    **core-only mode** it must instead fail with
    :class:`~bildungsnetz.errors.MissingDependencyError`, in its fixtures or its body,
    naming one of the marked extras, a package that extra lists in the installed
    metadata, and a package that is really missing; the test then passes as that check.
    A test that passes without its extra fails: its marker is wrong. The closest marker
    wins, so a bare ``requires_extra`` exempts a test of a module marked as a whole (one that
    checks what happens without the extra, or refuses bad arguments before needing it).
``requires_module(*modules)``
    The test's own code imports these modules (igraph, jsonschema, markdown_it to read
    what the library wrote; openpyxl or pandas to build an input by hand). In core-only
    mode a test whose modules are not all importable is **deselected**; the terminal
    summary lists every deselected test with what it lacks, and counts them.

Core-only mode is on when ``BILDUNGSNETZ_CORE_ONLY=1`` (``.ci/run`` sets it for the run
against the wheel installed without extras); the plugin then refuses to run unless no
package of any extra is installed. Without it, nothing is converted and nothing is
deselected: a missing extra fails its tests, as the project's rule of no silent skips
wants. The one exception is an extra that the ``test`` extra does not install
(``tiles``): its tests are the check in every mode.

Test modules import only the core, the test tools and the standard library at their top
(``tests/test_core_only.py`` checks it), so that the suite collects without extras.
"""

from __future__ import annotations

import importlib.util
import os
import re
from collections import Counter
from functools import cache
from importlib import metadata
from typing import Any

import pytest
from packaging.requirements import Requirement

from bildungsnetz.errors import MissingDependencyError

__all__ = [
    "CORE_ONLY",
    "TOOL_EXTRAS",
    "extra_packages",
    "installed",
    "tested_extras",
]

CORE_ONLY = os.environ.get("BILDUNGSNETZ_CORE_ONLY") == "1"
TOOL_EXTRAS = frozenset({"test", "test-core", "docs", "fuzz"})
"""Extras that install tools to work on bildungsnetz rather than features of it."""
_SELF = "bildungsnetz"
# What the plugin counted, what it deselected, and the error a test's fixture raised.
_checked = pytest.StashKey[Counter[str]]()
_deselected = pytest.StashKey[list[tuple[str, str]]]()
_converted = pytest.StashKey[MissingDependencyError]()


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", requirement).lower()


@cache
def extra_packages() -> dict[str, frozenset[str]]:
    """Return each extra of the installed bildungsnetz with the packages it installs.

    An extra that names others (``all``, ``test``) includes their packages.
    """
    distribution = metadata.distribution(_SELF)
    extras = distribution.metadata.get_all("Provides-Extra") or []
    direct: dict[str, set[str]] = {extra: set() for extra in extras}
    nested: dict[str, set[str]] = {extra: set() for extra in extras}
    for line in distribution.requires or []:
        requirement = Requirement(line)
        for extra in extras:
            if requirement.marker is None or not requirement.marker.evaluate({"extra": extra}):
                continue
            if _name(requirement.name) == _SELF:
                nested[extra] |= requirement.extras
            else:
                direct[extra].add(_name(requirement.name))

    def closure(extra: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        packages = set(direct[extra])
        for inner in nested[extra] - seen - {extra}:
            packages |= closure(inner, seen | {extra})
        return frozenset(packages)

    return {extra: closure(extra) for extra in extras}


@cache
def installed(package: str) -> bool:
    """Say whether a distribution is installed (by its name on PyPI)."""
    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True


@cache
def tested_extras() -> frozenset[str]:
    """Return the extras the test suite expects installed: those of ``test``, or none."""
    if CORE_ONLY:
        return frozenset()
    packages = extra_packages()
    return frozenset(
        extra for extra, needs in packages.items() if needs and needs <= packages["test"]
    )


def pytest_configure(config: pytest.Config) -> None:
    """Register the markers; refuse core-only mode where an extra's package is installed."""
    config.addinivalue_line(
        "markers",
        "requires_extra(*extras): uses a feature of these extras; without them, it is the "
        "check that the feature raises MissingDependencyError naming one (core_only.py)",
    )
    config.addinivalue_line(
        "markers",
        "requires_module(*modules): its own code imports these modules; in core-only mode, "
        "deselected where they are missing (core_only.py)",
    )
    config.stash[_checked] = Counter()
    config.stash[_deselected] = []
    if not CORE_ONLY:
        return
    present = sorted(
        f"{package} (extra {extra})"
        for extra, packages in extra_packages().items()
        if extra not in TOOL_EXTRAS
        for package in packages
        if installed(package)
    )
    if present:
        msg = f"BILDUNGSNETZ_CORE_ONLY=1, but packages of extras are installed: {present}"
        raise pytest.UsageError(msg)


def _marked_extras(item: pytest.Item) -> frozenset[str]:
    # The closest marker wins: a bare requires_extra on a test of a marked module says that
    # the test needs none (it checks, say, what happens when the extra is missing).
    marker = item.get_closest_marker("requires_extra")
    return frozenset(marker.args) if marker is not None else frozenset()


def _is_check(item: pytest.Item) -> bool:
    """Say whether the test runs as the check that its extra is missing."""
    return bool(_marked_extras(item) - tested_extras())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In core-only mode, deselect the tests whose own code imports what is missing."""
    unknown = set().union(*(_marked_extras(item) for item in items)) - set(extra_packages())
    if unknown:
        msg = f"requires_extra names extras bildungsnetz does not have: {sorted(unknown)}"
        raise pytest.UsageError(msg)
    if not CORE_ONLY:
        return
    kept, dropped = [], []
    for item in items:
        modules = [m for marker in item.iter_markers("requires_module") for m in marker.args]
        lacking = [module for module in modules if importlib.util.find_spec(module) is None]
        if lacking:
            dropped.append(item)
            config.stash[_deselected].append((item.nodeid, ", ".join(sorted(set(lacking)))))
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def _verdict(item: pytest.Item, error: MissingDependencyError) -> str | None:
    """Return what is wrong with ``error`` as the check of ``item``, or None."""
    extras = _marked_extras(item)
    packages = extra_packages().get(error.extra, frozenset())
    if error.extra not in extras:
        return f"it names the extra {error.extra!r}, but the test is marked {sorted(extras)}"
    if _name(error.package) not in packages:
        return f"the extra {error.extra!r} does not list {error.package!r} ({sorted(packages)})"
    if installed(error.package):
        return f"{error.package!r} is installed"
    return None


def _check(item: pytest.Item, error: MissingDependencyError) -> None:
    wrong = _verdict(item, error)
    if wrong is not None:
        msg = f"MissingDependencyError is not the right one: {wrong}: {error}"
        raise AssertionError(msg) from error
    item.config.stash[_checked][error.extra] += 1


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    """Take a fixture's MissingDependencyError as the check of a marked test."""
    if not _is_check(item):
        return (yield)
    try:
        return (yield)
    except MissingDependencyError as error:
        _check(item, error)
        item.stash[_converted] = error
        return None


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Do not call a test whose fixtures already made the check."""
    return True if _converted in pyfuncitem.stash else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """Run a marked test as the check that its extra's feature refuses to work."""
    if not _is_check(item) or _converted in item.stash:
        return (yield)
    try:
        yield
    except MissingDependencyError as error:
        _check(item, error)
        return None
    extras = ", ".join(sorted(_marked_extras(item)))
    msg = (
        f"marked requires_extra({extras}), but it passed without: the marker is wrong, "
        "or a feature of the extra works without its package"
    )
    raise AssertionError(msg)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker, hand the counts to the controller, which prints them."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None:
        output["core_only_checked"] = dict(session.config.stash[_checked])
        output["core_only_deselected"] = session.config.stash[_deselected]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """Add up what each pytest-xdist worker checked and deselected (``-n``)."""
    output = getattr(node, "workeroutput", {})
    config: pytest.Config = node.config
    config.stash[_checked].update(output.get("core_only_checked", {}))
    # Every worker collects the whole suite, so each deselects the same tests.
    known = set(config.stash[_deselected])
    for nodeid, lacking in output.get("core_only_deselected", []):
        if (nodeid, lacking) not in known:
            known.add((nodeid, lacking))
            config.stash[_deselected].append((nodeid, lacking))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List what core-only mode deselected and count what it checked."""
    config = terminalreporter.config
    checked, deselected = config.stash[_checked], config.stash[_deselected]
    deselected.sort()
    if not (CORE_ONLY or checked):
        return
    write = terminalreporter.write_line
    terminalreporter.section("optional dependencies")
    mode = "core-only" if CORE_ONLY else f"extras installed: {', '.join(sorted(tested_extras()))}"
    write(f"mode: {mode}")
    for extra, count in sorted(checked.items()):
        write(f"checked: {count} test(s) of extra {extra!r} raised MissingDependencyError for it")
    for nodeid, lacking in deselected:
        write(f"deselected: {nodeid} (its own code imports {lacking})")
    by_module = Counter(lacking for _, lacking in deselected)
    summary = ", ".join(f"{count} for {lacking}" for lacking, count in sorted(by_module.items()))
    write(f"deselected: {len(deselected)} test(s) in all" + (f": {summary}" if summary else ""))
