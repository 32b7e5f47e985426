"""The shipped example district, Musterkreis (invented, with the proportions of a real one)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bildungsnetz.model import EducationNetwork

__all__ = ["example_path", "musterkreis"]

_FILE = "musterkreis.json"


def example_path() -> Path:
    """Return the path of the shipped Musterkreis JSON file.

    Examples
    --------
    >>> example_path().name
    'musterkreis.json'
    """
    resource = resources.files("bildungsnetz.datasets") / _FILE
    return Path(str(resource))


@cache
def _load() -> EducationNetwork:
    # Imported here because io imports the model, and datasets must stay importable
    # from io's doctests without a cycle.
    from bildungsnetz.io import load  # noqa: PLC0415

    return load(example_path())


def musterkreis() -> EducationNetwork:
    """Return Musterkreis, an invented district with the proportions of a real Landkreis.

    The district, its schools, Kitas and every other actor are fictional. Musterkreis
    has the size and structure of a Landkreis in Sachsen-Anhalt and contains the kinds
    of gaps district offices meet in practice. The network is immutable, so every call
    returns the same object.

    Examples
    --------
    >>> network = musterkreis()
    >>> network.description.startswith("Erfundener")
    True
    """
    return _load()
