"""The suite collects and runs without extras (core_only.py), and its markers mean what they say."""

from __future__ import annotations

import ast
import sys
import textwrap
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from core_only import extra_packages

TESTS = Path(__file__).resolve().parent
REPOSITORY = TESTS.parent
TEST_TOOLS = {"pytest", "hypothesis", "packaging"}


def core_distributions():
    """The distributions a core install has: bildungsnetz, its dependencies, the test tools."""
    names = {"bildungsnetz", *TEST_TOOLS}
    for line in metadata.requires("bildungsnetz") or []:
        requirement = Requirement(line)
        if requirement.marker is None:
            names.add(requirement.name.lower())
    return names


def allowed_at_the_top():
    """Top-level module names a test module may import without an extra installed."""
    local = {path.stem for path in TESTS.rglob("*.py")}
    core = core_distributions()
    provided = {
        module
        for module, distributions in metadata.packages_distributions().items()
        if any(distribution.lower() in core for distribution in distributions)
    }
    return set(sys.stdlib_module_names) | local | provided | {"bildungsnetz"}


def top_level_imports(path):
    """Yield (line, module) for every import a module runs when it is imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                break
            if isinstance(inner, ast.Import):
                yield from ((inner.lineno, alias.name) for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                yield inner.lineno, inner.module


def test_test_modules_import_only_the_core_at_their_top():
    """No test module imports an extra's or a test-only package when it is collected."""
    allowed = allowed_at_the_top()
    found = [
        f"{path.relative_to(REPOSITORY)}:{line}: {module}"
        for path in sorted(TESTS.rglob("*.py"))
        for line, module in top_level_imports(path)
        if module.partition(".")[0] not in allowed
    ]
    assert found == []


def test_the_top_level_check_sees_an_optional_import(tmp_path):
    """The check above would catch pandas imported at the top, and not inside a function."""
    module = tmp_path / "test_example.py"
    module.write_text(
        "import json\nimport pandas as pd\n\n\ndef test():\n    import igraph\n",
        encoding="utf-8",
    )
    allowed = allowed_at_the_top()
    assert [m for _, m in top_level_imports(module) if m not in allowed] == ["pandas"]


def test_extra_packages_include_the_extras_an_extra_names():
    """An extra's packages are its own and those of the extras it names (all, tiles)."""
    packages = extra_packages()
    assert packages["graphml"] == {"defusedxml"}
    assert packages["tiles"] == packages["plot"] | {"contextily"}
    named = ["pandas", "excel", "plot", "html", "graphml", "interactive", "progress"]
    assert packages["all"] == set().union(*(packages[extra] for extra in named))


PLUGIN_CASES = textwrap.dedent(
    """
    import pytest
    from bildungsnetz.errors import MissingDependencyError

    @pytest.fixture
    def drawn():
        raise MissingDependencyError("contextily", extra="tiles", feature="a fixture")

    @pytest.mark.requires_extra("tiles")
    def test_right_error():
        raise MissingDependencyError("contextily", extra="tiles", feature="draw_map()")

    @pytest.mark.requires_extra("tiles")
    def test_right_error_in_a_fixture(drawn):
        raise AssertionError("not reached")

    @pytest.mark.requires_extra("tiles")
    def test_passes_without_its_extra():
        pass

    @pytest.mark.requires_extra("tiles")
    def test_names_another_extra():
        raise MissingDependencyError("contextily", extra="plot", feature="draw_map()")

    @pytest.mark.requires_extra("tiles")
    def test_names_a_package_the_extra_lacks():
        raise MissingDependencyError("pandas", extra="tiles", feature="draw_map()")

    @pytest.mark.requires_extra("tiles")
    def test_fails_otherwise():
        raise ValueError("a real failure")
    """
)


def test_a_marked_test_without_its_extra_is_the_check_of_the_right_error(pytester):
    """tiles is never installed for the tests, so its marked tests run as the check."""
    if "tiles" in extra_packages() and all(
        metadata_installed(package) for package in extra_packages()["tiles"]
    ):
        pytest.fail("this test needs the extra tiles not to be installed, as in CI")
    pytester.makeconftest('pytest_plugins = ("core_only",)')
    pytester.makepyfile(test_cases=PLUGIN_CASES)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rfE")
    outcomes = {
        line.split("::")[1].split(" ")[0]: line.split(" ")[0]
        for line in result.outlines
        if line.startswith(("PASSED", "FAILED", "ERROR"))
    }
    result.assert_outcomes(passed=2, failed=4)
    assert outcomes == {
        "test_passes_without_its_extra": "FAILED",
        "test_names_another_extra": "FAILED",
        "test_names_a_package_the_extra_lacks": "FAILED",
        "test_fails_otherwise": "FAILED",
    }
    result.stdout.fnmatch_lines(["*checked: 2 test(s) of extra 'tiles'*"])


def metadata_installed(package):
    try:
        metadata.distribution(package)
    except metadata.PackageNotFoundError:
        return False
    return True
