"""Optional dependencies, imported when a feature first needs them.

Every extra of ``pyproject.toml`` is imported through :func:`require`, so that a missing
one is a :class:`~bildungsnetz.errors.MissingDependencyError` naming the extra to install,
never a bare ``ImportError`` from deep inside.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from bildungsnetz.errors import MissingDependencyError

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["require"]

# Where the name on PyPI differs from the name imported.
_PACKAGES = {"python_calamine": "python-calamine", "igraph": "igraph", "yaml": "PyYAML"}


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Return the imported ``module``, or raise the error that names its extra.

    Parameters
    ----------
    module
        The module to import (``"pandas"``, ``"matplotlib.pyplot"``).
    extra
        The extra of bildungsnetz that installs it.
    feature
        What needs it, for the message (``"GapReport.to_frame()"``).

    Raises
    ------
    MissingDependencyError
        If the module cannot be imported.

    Examples
    --------
    >>> require("json", extra="none", feature="this example").__name__
    'json'
    >>> require("no_such_module", extra="plot", feature="draw_map()")
    Traceback (most recent call last):
    ...
    bildungsnetz.errors.MissingDependencyError: draw_map() needs the optional dependency \
'no_such_module', which is not installed; install it with: pip install "bildungsnetz[plot]"
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.partition(".")[0]
        package = _PACKAGES.get(top, top)
        raise MissingDependencyError(package, extra=extra, feature=feature) from None
