"""Sphinx configuration of the bildungsnetz documentation site.

Build it, warnings as errors and every reference checked, with::

    sphinx-build -W --keep-going -n -b html docs docs/_build/html

The pages are the MyST Markdown files beside this one; the API reference is generated from
the docstrings (autosummary, autodoc, numpydoc). Notebooks are rendered as they are stored:
the test suite executes them, the documentation build does not.
"""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

import bildungsnetz

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

project = "bildungsnetz"
author = "bildungsnetz maintainers"
copyright = "bildungsnetz maintainers"
release = bildungsnetz.__version__
version = release

extensions = [
    "myst_nb",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
]

# Only the pages are sources: the build output, this file and editor or Jupyter leftovers
# are not.
exclude_patterns = ["_build", "_templates", "**/.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
templates_path = ["_templates"]
root_doc = "index"
language = "en"

# MyST: GitHub-style anchors, so the links between the pages (which also have to work on
# GitHub, see tests/test_docs.py) resolve to the same headings here.
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath"]
myst_heading_anchors = 4
# The tutorial notebook is stored without outputs (tests/test_tutorial.py checks this and
# runs it); the site runs it on every build so that its figures and tables are current, and
# an error in a cell fails the build. A notebook needs the kernel metadata Jupyter writes
# (language_info), or myst-nb cannot highlight its cells and warns.
nb_execution_mode = "force"
nb_execution_raise_on_error = True
nb_execution_timeout = 300

# The API reference: one page per public module (api/*.md), one per public name, generated.
autosummary_generate = True
# A public module's names are those of its __all__, wherever they are defined.
autosummary_ignore_module_all = False
autodoc_default_options = {"members": True, "member-order": "bysource"}
# Types live in the annotations (see the project's style), so they are shown in the
# signatures; the docstrings' parameter sections carry no types.
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# References to the types of other projects cannot be resolved: intersphinx would need
# their inventories, and the build runs without network access (CI too). Each pattern
# below names such a project; everything of bildungsnetz itself must resolve.
nitpick_ignore_regex = [
    # The standard library (datetime.date, pathlib.Path, collections.abc.Mapping, ...).
    ("py:.*", r"(datetime|pathlib|collections\.abc|typing|types|enum|io|os|decimal)\..*"),
    # Third-party types in signatures: networkx graphs, numpy and scipy arrays, pandas
    # frames, pydantic's base classes and validation machinery, IPython, matplotlib figures.
    ("py:.*", r"(networkx|nx|numpy|np|npt|scipy|pandas|pd|pydantic|IPython|matplotlib)(\..*)?"),
    ("py:class", r"zoneinfo\..*"),
    # Annotations whose imports serve type checking only stay unevaluated: datetime.date
    # and matplotlib's Figure.
    ("py:class", "date|Figure"),
    # Type variables of generic signatures have no page of their own.
    ("py:class", r"bildungsnetz\.privacy\.(Row|Column)(Group)?|bildungsnetz\.rules\.ruleset\.R"),
    # Private type aliases in public signatures; the Parameters sections say what they
    # accept.
    ("py:class", "Encoding|Expectation|Groups|Span"),
]

html_theme = "pydata_sphinx_theme"
html_title = "bildungsnetz"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_static_path: list[str] = []

# Public namespaces whose names are documented under the namespace (bildungsnetz.model.Actor)
# rather than under the module that defines them (bildungsnetz.model.actor.Actor).
NAMESPACES = [
    "bildungsnetz.model",
    "bildungsnetz.io",
    "bildungsnetz.graph",
    "bildungsnetz.metrics",
    "bildungsnetz.rules",
    "bildungsnetz.gaps",
    "bildungsnetz.privacy",
    "bildungsnetz.plot",
    "bildungsnetz.datasets",
    "bildungsnetz.errors",
]


def _public_modules() -> list[str]:
    """Return the public modules: those without a private part in their name."""
    return sorted(
        info.name
        for info in pkgutil.walk_packages(bildungsnetz.__path__, "bildungsnetz.")
        if not any(part.startswith("_") for part in info.name.split(".")[1:])
    )


def _public_paths() -> dict[str, str]:
    """Map where each public object is defined to where it is documented.

    Signatures name a type by its defining module (``bildungsnetz.model.network.
    EducationNetwork``) and the top-level docstring by the package
    (``bildungsnetz.EducationNetwork``); both are documented once, under the namespace. A
    submodule of a namespace (``bildungsnetz.rules.ties``) is documented on the namespace's
    page.
    """
    paths: dict[str, str] = {}
    for namespace in NAMESPACES:
        module = importlib.import_module(namespace)
        for name in module.__all__:
            value = getattr(module, name)
            public = f"{namespace}.{name}"
            defined_in = getattr(value, "__module__", None)
            qualname = getattr(value, "__qualname__", None)
            if defined_in and qualname and not inspect.ismodule(value):
                paths.setdefault(f"{defined_in}.{qualname}", public)
            if name in bildungsnetz.__all__:
                paths.setdefault(f"bildungsnetz.{name}", public)
    for module_name in _public_modules():
        namespace = next((n for n in NAMESPACES if module_name.startswith(f"{n}.")), None)
        if namespace is not None:
            paths.setdefault(module_name, namespace)
    return paths


def _unlisted_names() -> set[str]:
    """Return the public names of submodules that no namespace re-exports.

    They are public where they are defined (``bildungsnetz.io.layout.SHEETS``) but not part
    of a namespace, so the reference has no page for them; a docstring that names one is
    shown as code without a link. A name that exists nowhere still fails the build.
    """
    listed = {
        id(getattr(importlib.import_module(namespace), name))
        for namespace in NAMESPACES
        for name in importlib.import_module(namespace).__all__
    }
    names = set()
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in getattr(module, "__all__", []):
            if id(getattr(module, name)) not in listed:
                names.update({name, f"{module_name}.{name}"})
    return names


PUBLIC_PATHS = _public_paths()
UNLISTED_NAMES = _unlisted_names()


def _candidates(node: pending_xref) -> list[str]:
    """Return the full names a reference may mean, as the Python domain searches them."""
    target = node["reftarget"].removeprefix("~").removeprefix(".")
    module, cls = node.get("py:module"), node.get("py:class")
    names = [target]
    if module and cls:
        names.append(f"{module}.{cls}.{target}")
    if module:
        names.append(f"{module}.{target}")
    return names


def _field_owner(name: str) -> str | None:
    """Return the documented class whose field ``name`` (``Class.field``) is, if it is one.

    Record and dataclass fields are described in their class's Parameters section, which
    is where a reference to one leads.
    """
    owner, _, field = name.rpartition(".")
    owner = PUBLIC_PATHS.get(owner, owner)
    module_name, _, class_name = owner.rpartition(".")
    if module_name not in NAMESPACES:
        return None
    value = getattr(importlib.import_module(module_name), class_name, None)
    fields = getattr(value, "model_fields", None) or getattr(value, "__dataclass_fields__", {})
    return owner if field in fields else None


def _resolve_public_path(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.Element | None:
    """Resolve a reference to a name as it is documented (see the functions above)."""
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    for name in _candidates(node):
        public = PUBLIC_PATHS.get(name)
        kind = node["reftype"]
        if public is None:
            public, kind = _field_owner(name), "class"
        if public is not None and public != name:
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, kind, public, node, contnode
            )
        if name in UNLISTED_NAMES:
            return contnode
    return None


def _record_signature(  # noqa: PLR0917 (Sphinx passes an event's arguments by position)
    app: Sphinx,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """Show a record's keyword-only fields, not pydantic's annotated validator types.

    The fields, their types and meaning are in the class's Parameters section.
    """
    if what == "class" and inspect.isclass(obj) and issubclass(obj, BaseModel):
        fields = [
            field if info.is_required() else f"{field}=..."
            for field, info in obj.model_fields.items()
        ]
        return f"(*, {', '.join(fields)})" if fields else "()", None
    return None


def _show_enumeration_values(  # noqa: PLR0917 (as above)
    app: Sphinx, what: str, name: str, obj: Any, skip: bool, options: Any
) -> bool | None:
    """Document every value of an enumeration, though the values have no docstrings.

    pydantic's own machinery (``model_config``, ``model_validate``, ...) is pydantic's API,
    documented there, and is left out even where a record overrides it.
    """
    if isinstance(obj, enum.Enum):
        return False
    return True if name.startswith("model_") else None


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handlers above."""
    app.connect("autodoc-skip-member", _show_enumeration_values)
    app.connect("missing-reference", _resolve_public_path)
    app.connect("autodoc-process-signature", _record_signature)
    return {"parallel_read_safe": True}
