"""The layers of DESIGN.md: nothing imports a layer below it."""

import ast
from pathlib import Path

import pytest

import bildungsnetz

PACKAGE = Path(bildungsnetz.__file__).parent

# What each layer may import from bildungsnetz (besides itself). Docstring examples are
# not imports and are not checked.
ALLOWED = {
    "model": {"errors"},
    "io": {"errors", "model"},
    "graph": {"model"},
    "metrics": set(),
    "rules": {"errors", "io", "model"},
    "privacy": set(),
    "errors": set(),
}


def layer_of(path):
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def imported_layers(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("bildungsnetz")
        ):
            parts = node.module.split(".")
            yield parts[1] if len(parts) > 1 else "bildungsnetz"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("bildungsnetz."):
                    yield alias.name.split(".")[1]


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(PACKAGE.rglob("*.py")) if layer_of(p) in ALLOWED],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_module_imports_only_the_layers_above_it(path):
    """model imports no networkx layer, metrics nothing of the domain, and so on."""
    layer = layer_of(path)
    forbidden = {name for name in imported_layers(path) if name not in ALLOWED[layer] | {layer}}
    assert forbidden == set()


def test_model_layer_does_not_import_networkx():
    """The domain model is pure pydantic: no networkx anywhere in it."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "model").rglob("*.py")
        if "networkx"
        in {
            alias.name.split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        | {
            (node.module or "").split(".")[0]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom)
        }
    ]
    assert offenders == []
