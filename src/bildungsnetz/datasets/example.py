"""The shipped example district, Musterkreis (invented, with the proportions of a real one)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bildungsnetz.model import EducationNetwork

__all__ = ["example_path", "musterkreis", "musterkreis_survey_path"]

_FILE = "musterkreis.json"
_SURVEY_FILE = "musterkreis_survey.csv"


def example_path() -> Path:
    """Return the path of the shipped Musterkreis JSON file.

    Examples
    --------
    >>> example_path().name
    'musterkreis.json'
    """
    resource = resources.files("bildungsnetz.datasets") / _FILE
    return Path(str(resource))


def musterkreis_survey_path() -> Path:
    """Return the path of the shipped partner survey of Musterkreis, a LimeSurvey-style export.

    The network office asked the 18 support services of Musterkreis (youth welfare office
    and providers, migration, health and career services, school psychology, the youth
    employment agency) whom they work with; 14 answered. The file is CSV as LimeSurvey
    exports it with full question texts as headers and full answer texts: ``;``-separated,
    UTF-8 with byte order mark, every value quoted, one row per respondent and named
    partner. Its columns:

    ``Antwort ID``, ``Datum Abgeschickt``, ``Letzte Seite``, ``Start-Sprache``
        LimeSurvey's own columns (response id, submission time, last page, language);
        :func:`bildungsnetz.io.read_survey` ignores them.
    ``Ihre Einrichtung``
        The answering actor, chosen from a list: its name in the network.
    ``Partnereinrichtung``
        A partner, typed by hand: with a typing error, another legal form, in capitals,
        as its id, or an organisation the network does not hold. Empty for a respondent
        who named no partner.
    ``Art der Zusammenarbeit``, ``Intensität``
        German labels of :class:`~bildungsnetz.CooperationKind` and
        :class:`~bildungsnetz.Intensity`.
    ``Häufigkeit``
        ``wöchentlich``, ``monatlich``, ``vierteljährlich`` or ``seltener``.
    ``Zusammenarbeit seit``
        A date question's answer as LimeSurvey writes it (``2019-09-01 00:00:00``), or
        empty.

    Examples
    --------
    >>> path = musterkreis_survey_path()
    >>> path.name
    'musterkreis_survey.csv'
    >>> path.read_text(encoding="utf-8-sig").splitlines()[0][:45]
    '"Antwort ID";"Datum Abgeschickt";"Letzte Seit'
    """
    resource = resources.files("bildungsnetz.datasets") / _SURVEY_FILE
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
