import importlib
import inspect
import pkgutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import bildungsnetz

PUBLIC_TOP_LEVEL = [
    "Actor",
    "ActorKind",
    "Cooperation",
    "CooperationKind",
    "CooperationLevel",
    "EducationNetwork",
    "Formality",
    "Forum",
    "ForumKind",
    "FundingSource",
    "Identifier",
    "Intensity",
    "Intervention",
    "Location",
    "MeetingSchedule",
    "Period",
    "PreventionTier",
    "Programme",
    "SchoolForm",
    "SchoolProfile",
    "Severity",
    "Stage",
    "Topic",
    "TransitionFlow",
    "TransitionKind",
    "__version__",
    "datasets",
    "errors",
    "find_gaps",
    "gaps",
    "graph",
    "io",
    "metrics",
    "model",
    "parse_date",
    "plot",
    "privacy",
    "rules",
]


def all_modules():
    names = ["bildungsnetz"]
    for info in pkgutil.walk_packages(bildungsnetz.__path__, "bildungsnetz."):
        if info.name != "bildungsnetz.__main__":
            names.append(info.name)
    return sorted(names)


def public_modules():
    return [
        name
        for name in all_modules()
        if not any(part.startswith("_") for part in name.split(".")[1:])
    ]


def test_top_level_public_api_is_pinned():
    """A change to what `import bildungsnetz` offers must be deliberate."""
    assert sorted(bildungsnetz.__all__) == sorted(PUBLIC_TOP_LEVEL)


def test_top_level_names_exist():
    """Every name in __all__ is importable from the package."""
    assert all(hasattr(bildungsnetz, name) for name in bildungsnetz.__all__)


@pytest.mark.parametrize("module_name", public_modules())
def test_every_public_module_declares_all(module_name):
    """Each public module lists its public names in __all__, and they exist."""
    module = importlib.import_module(module_name)
    assert isinstance(module.__all__, list)
    assert [name for name in module.__all__ if not hasattr(module, name)] == []


@pytest.mark.parametrize("module_name", public_modules())
def test_public_callables_have_runnable_examples(module_name):
    """Every public function and class has an Examples section with a doctest."""
    module = importlib.import_module(module_name)
    missing = []
    for name in module.__all__:
        value = getattr(module, name)
        defined_here = getattr(value, "__module__", None) == module_name
        is_api = inspect.isfunction(value) or inspect.isclass(value)
        if is_api and defined_here and ">>>" not in (inspect.getdoc(value) or ""):
            missing.append(name)
    assert missing == []


def test_no_star_imports():
    """No module uses `from x import *`."""
    package = Path(bildungsnetz.__file__).parent
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "import *" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_no_utils_module():
    """There is no catch-all utils module."""
    package = Path(bildungsnetz.__file__).parent
    assert [path.name for path in package.rglob("*util*.py")] == []


def test_version_matches_the_distribution():
    """bildungsnetz.__version__ is the installed distribution's version."""
    assert bildungsnetz.__version__ == version("bildungsnetz")


def test_interactive_is_imported_explicitly():
    """`import bildungsnetz` leaves out `bildungsnetz.interactive`; its names are pinned."""
    code = "import sys, bildungsnetz; print('bildungsnetz.interactive' in sys.modules)"
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    interactive = importlib.import_module("bildungsnetz.interactive")
    assert (fresh.stdout.strip(), sorted(interactive.__all__)) == (
        "False",
        ["KIND_COLOURS", "SEVERITY_COLOURS", "Size", "view", "write_html"],
    )
