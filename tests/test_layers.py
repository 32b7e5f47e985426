"""The layers of DESIGN.md: nothing imports a layer below it."""

import ast
from pathlib import Path

import pytest

import bildungsnetz

PACKAGE = Path(bildungsnetz.__file__).parent

# What each layer may import from bildungsnetz (besides itself and the leaf helpers every
# layer may use). Docstring examples are not imports and are not checked.
LEAVES = {
    "errors",
    "_collector",
    "_format",
    "_markdown",
    "_optional",
    "_progress",
    "_repr",
    "_templates",
}
ALLOWED = {
    "model": {"errors"},
    "io": {"errors", "model", "graph", "privacy"},
    "graph": {"model"},
    "metrics": set(),
    "rules": {"errors", "io", "model"},
    "privacy": set(),
    "gaps": {"model", "graph", "metrics", "rules", "privacy"},
    "plot": {"model", "graph", "metrics", "gaps", "privacy"},
    "datasets": {"model", "io"},
    "interactive": {"model", "io", "graph", "metrics", "gaps", "privacy"},
    "errors": set(),
    "_collector": set(),
    "_format": set(),
    "_markdown": set(),
    "_optional": set(),
    "_repr": set(),
    "_templates": {"privacy"},
}


def layer_of(path):
    """Return the layer of a module: its package (``rules/ties.py``) or its name (``graph.py``)."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def imported_layers(path, root=PACKAGE):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["bildungsnetz", *path.relative_to(root).parts[:-1]]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            # A relative import: resolve it against the module's own package.
            parts = package[: len(package) - node.level + 1] + (node.module or "").split(".")
            yield parts[1] if len(parts) > 1 and parts[1] else "bildungsnetz"
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("bildungsnetz")
        ):
            parts = node.module.split(".")
            if len(parts) > 1:
                yield parts[1]
            else:  # from bildungsnetz import metrics: an import of each layer named
                yield from (alias.name for alias in node.names)
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
    allowed = ALLOWED[layer] | LEAVES | {layer}
    forbidden = {name for name in imported_layers(path) if name not in allowed}
    assert forbidden == set()


def test_every_layer_has_modules_to_check():
    """Each layer in the table is found, whether it is one module or a package of them."""
    assert set(ALLOWED) <= {layer_of(path) for path in PACKAGE.rglob("*.py")}


def test_relative_imports_count_as_imports_of_the_layer_they_reach(tmp_path):
    """``from ..gaps import find`` in ``rules/ties.py`` is an import of ``gaps``."""
    module = tmp_path / "rules" / "ties.py"
    module.parent.mkdir()
    module.write_text("from . import selector\nfrom ..gaps import find\n", encoding="utf-8")
    assert list(imported_layers(module, root=tmp_path)) == ["rules", "gaps"]


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
