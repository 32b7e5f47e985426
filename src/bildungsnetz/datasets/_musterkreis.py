"""Build Musterkreis, the invented example district shipped as ``musterkreis.json``.

Musterkreis does not exist. Its ten municipalities, every school, Kita, office, provider,
forum and measure are invented; any resemblance to real places or organisations is
accidental. The Kreis code 15 0 99 is not assigned in Sachsen-Anhalt, so no AGS used here
belongs to a real municipality. What is realistic are the proportions: those of a
Landkreis in Sachsen-Anhalt (a Land of 859 general schools and 1,816 Kitas) with about 80
schools, 140 Kitas and 30–35 posts of school social work funded through "Schulerfolg
sichern", whose ESF+ cycle ends on 2028-07-31.

The build is deterministic: the same code always gives the same network and, through
:func:`bildungsnetz.io.dumps`, the same bytes. Regenerate the shipped file with::

    python -m bildungsnetz.datasets._musterkreis src/bildungsnetz/datasets/musterkreis.json

What is wrong in Musterkreis
----------------------------
Most of the network is in good order. The following gaps are built in on purpose, as
exceptions, so that the detectors, the tests and the documentation can refer to them.
Reference date (Stichtag): 2025-11-01.

1. **Schools without school social work.** 45 of the 78 school sites have no
   ``placement`` tie to a ``school_social_work`` actor (all Gymnasien but
   ``gym-lindenau-sued``, most Grundschulen, e.g. ``gs-stadtpark``, ``sek-heidekrug``).
   Two posts serve two schools each: ``ssa-gs-falkenried`` (``gs-falkenried``,
   ``gs-riedweg``) and ``ssa-gs-heidekamp`` (``gs-heidekamp``, ``gs-heidesee``; at
   ``gs-heidesee`` only on paper, gap 15).
2. **A Grundschule without its Kitas.** ``gs-stadtpark`` receives more than 70 children
   from seven Kitas (four of them send 15 or more, e.g. ``kita-traumland-lindenau``) but
   has no tie to any Kita. Every other Grundschule has a ``transition`` tie with at least
   one of its sending Kitas.
3. **A large transition without cooperation.** 44 pupils went from ``gs-weststadt`` to
   ``sek-lindenau-west`` in 2024; the two schools have no tie and share no transition
   forum. Every other flow of five or more pupils is matched by a ``transition`` tie or
   by a shared transition forum (``ueb-kita-gs-rosental``, ``ueb-gs-sek-bergheide``),
   apart from the flows into ``gs-stadtpark`` (gap 2).
4. **A high-need school without targeted measures.** ``sek-heidekrug`` (absence rate
   0.17, 26 % of leavers without qualification) is the site of no selective or indicated
   intervention; every other school with an absence rate of 12 % or more is.
5. **Cut actor and cut ties.** ``foes-muehlhagen`` has a single tie, to the school
   authority ``lsa`` (tie ``other:lsa:foes-muehlhagen``): it reaches the youth welfare
   office ``ja`` only through ``lsa`` (a cut actor), and that tie is a cut tie. The post
   ``ssa-gs-birkenallee`` hangs on its placement tie alone
   (``placement:ssa-gs-birkenallee:gs-birkenallee``), a second cut tie. For a part that
   hangs on ``lsa`` by two ties, a cut actor in the strict sense, see gap 14.
6. **Exclusive brokers.** Three actors alone connect thousands of pairs that have no
   other common partner: the youth welfare office ``ja`` (the Kitas with the school
   side), the Kreiselternrat ``ker`` (the Schulelternräte with each other) and the network
   office ``nws`` (posts of school social work and schools with the youth employment
   agency, the migration services and the municipalities).
7. **Money that runs out.** Ten posts (``ssa-wiesengrund``, ``ssa-muehlhagen``,
   ``ssa-birkenfelde``, ``ssa-falkenried``, ``ssa-rosental``, ``ssa-gem-rosental``,
   ``ssa-foes-rosental``, ``ssa-gs-auenwalde``, ``ssa-gs-muehlhagen``,
   ``ssa-gs-birkenallee``) are funded by ``esf-plus`` alone; they and all their ties end
   on 2028-08-01 (last day 2028-07-31). ``sek-wiesengrund`` then loses its only school
   social work and its only indicated measure (``iv-neustart-wiesengrund``, ESF+ only).
   BRAFO (``iv-brafo``), ``iv-berufseinstieg`` and ``iv-abschluss-bbs`` end with ESF+ too.
8. **A dormant working group.** ``ak-absentismus`` is scheduled monthly but last met on
   2024-06-12, more than a year before the reference date.
9. **Secondary schools without career guidance.** ``sek-falkenried``,
   ``gym-muehlhagen``, ``foes-muehlhagen`` and ``foes-lindenau-gb`` (gap 14) have no tie
   to a ``career_guidance`` or ``youth_employment_agency`` actor.
10. **Uncovered topics.** No active intervention on migration serves Falkenried
    (15099070) or Heidekamp (15099100; ``iv-willkommen-heidekamp`` ran until 2024-12-31),
    none on inclusion serves Wiesengrund (15099080). Every intervention on mental health
    is run by one provider, ``kjp``.
11. **No cooperation with parents.** ``gs-kampstrasse``, ``gym-falkenried`` and
    ``foes-muehlhagen`` have no tie to a ``parents_council``.
12. **Weak ties.** Besides the placements of gaps 15 and 16, five ties are unconfirmed
    (reported by one side only): ``information_exchange:gym-schlossberg:jmd``,
    ``consultation:gs-rosenhang:spb``, ``joint_project:sek-birkenfelde:ksb``,
    ``referral:ssa-elster:kjp``, ``information_exchange:mia:gem-lindenau``. Two ties
    between actors that should work closely are at the level of mere awareness:
    ``agreement:ja:jba`` and ``agreement:foes-ausgleich:ja``. The only tie between the
    youth welfare office and school psychology, ``case_work:ja:spb``, rests on one person
    (``person_bound``), as do ``consultation:nws:kjp`` and
    ``joint_project:gs-lerchenfeld:msk``.
13. **A data gap.** The data contain no ``pupils_council`` actor at all.
14. **A school that hangs on its school authority.** ``foes-lindenau-gb`` and its
    Schulelternrat ``ser-foes-lindenau-gb`` are tied to each other and, by one tie each,
    to the Landesschulamt ``lsa`` (``other:lsa:foes-lindenau-gb``,
    ``information_exchange:ser-foes-lindenau-gb:lsa``, the council's letters about
    staffing), to nobody else: without ``lsa`` the two lose all contact with the network.
    Because two ties lead there, ``lsa`` is a cut actor for them, not a cut tie. It
    follows that the school reaches ``ja`` only through ``lsa``, has no career guidance
    (gap 9) and that ``lsa`` alone connects some 250 pairs of actors (an exclusive broker,
    like those of gap 6).
15. **School social work on paper.** ``gs-heidesee`` has no school social work but its
    share of ``ssa-gs-heidekamp``, and that placement
    (``placement:ssa-gs-heidekamp:gs-heidesee``) is at the level of mere awareness: the
    post works at ``gs-heidekamp`` and is hardly ever at ``gs-heidesee``.
16. **An unconfirmed placement.** The only school social work of ``gs-elsterbrueck``,
    ``placement:ssa-gs-elsterbrueck:gs-elsterbrueck``, was reported by the provider alone
    (``confirmed=False``); the school's return does not name the post.
"""

from __future__ import annotations

import argparse
import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bildungsnetz.model import (
    Actor,
    ActorKind,
    Cooperation,
    CooperationKind,
    CooperationLevel,
    EducationNetwork,
    Formality,
    Forum,
    ForumKind,
    FundingSource,
    Identifier,
    Intensity,
    Intervention,
    Location,
    MeetingSchedule,
    Period,
    PreventionTier,
    Programme,
    SchoolForm,
    SchoolProfile,
    Stage,
    Topic,
    TransitionFlow,
    TransitionKind,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "ABSENCE",
    "CENTRAL_ACTORS",
    "CHANCES",
    "CORE_TIES",
    "ESF_END",
    "ESF_START",
    "FORM_COUNTS",
    "KITAS",
    "MIGRATION",
    "POSTS",
    "PUPILS",
    "REFERENCE_DATE",
    "SCHOOL_SITES",
    "SPECIAL_NEEDS",
    "TIE_DEFAULTS",
    "TIE_FLAGS",
    "TOWNS",
    "WITHOUT_QUALIFICATION",
    "YEAR",
    "Chances",
    "Draw",
    "Town",
    "build_musterkreis",
    "main",
    "row_changes",
    "topic_set",
]

REFERENCE_DATE = date(2025, 11, 1)
"""The Stichtag of Musterkreis."""
ESF_START = date(2024, 8, 1)
"""The first day of the current ESF+ cycle of "Schulerfolg sichern"."""
ESF_END = date(2028, 8, 1)
"""The first day without ESF+ money (the last funded day is 2028-07-31)."""
YEAR = 2024
"""The school year of the transition flows (2024/25)."""

_SEED = 20251101
_BERLIN = ZoneInfo("Europe/Berlin")


class Draw:
    """Seeded random draws that give the same sequence on every Python version.

    Python guarantees only that ``random.Random(seed).random()`` repeats across
    releases; ``randrange``, ``choice``, ``shuffle`` and ``gauss`` may change. Every
    draw here is therefore derived from ``random()`` alone, which keeps the shipped
    example file reproducible byte for byte.

    Parameters
    ----------
    seed
        The seed.

    Examples
    --------
    >>> draw = Draw(1)
    >>> draw.integer(1, 6) == Draw(1).integer(1, 6)
    True
    """

    def __init__(self, seed: int) -> None:
        # Example data, not cryptography: a seeded Mersenne Twister is what we want.
        self.unit = random.Random(seed).random  # noqa: S311

    def chance(self, probability: float) -> bool:
        """Return ``True`` with the given probability."""
        return self.unit() < probability

    def integer(self, low: int, high: int) -> int:
        """Return an integer from ``low`` to ``high``, both included."""
        return low + int(self.unit() * (high - low + 1))

    def uniform(self, low: float, high: float) -> float:
        """Return a float between ``low`` and ``high``."""
        return low + (high - low) * self.unit()

    def pick(self, items: Sequence[str]) -> str:
        """Return one of ``items``."""
        return items[int(self.unit() * len(items))]


# --- Places ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Town:
    """An invented municipality of Musterkreis."""

    key: str
    name: str
    ags: str
    lat: float
    lon: float
    size: str  # "city", "town" or "rural": sets school sizes and transition rates
    actor: str  # the id of the municipality's actor


TOWNS: tuple[Town, ...] = (
    Town("lindenau", "Lindenau", "15099010", 51.701, 11.602, "city", "stadt-lindenau"),
    Town("bergheide", "Bergheide", "15099020", 51.779, 11.451, "town", "stadt-bergheide"),
    Town("auenwalde", "Auenwalde", "15099030", 51.622, 11.763, "town", "stadt-auenwalde"),
    Town("elsterbrueck", "Elsterbrück", "15099040", 51.561, 11.518, "town", "stadt-elsterbrueck"),
    Town("muehlhagen", "Mühlhagen", "15099050", 51.842, 11.641, "town", "stadt-muehlhagen"),
    Town("rosental", "Rosental", "15099060", 51.519, 11.702, "rural", "gemeinde-rosental"),
    Town("falkenried", "Falkenried", "15099070", 51.881, 11.379, "rural", "stadt-falkenried"),
    Town("wiesengrund", "Wiesengrund", "15099080", 51.662, 11.331, "rural", "gemeinde-wiesengrund"),
    Town("birkenfelde", "Birkenfelde", "15099090", 51.741, 11.858, "rural", "gemeinde-birkenfelde"),
    Town("heidekamp", "Heidekamp", "15099100", 51.608, 11.252, "rural", "gemeinde-heidekamp"),
)
"""The ten municipalities; Lindenau is the Kreisstadt."""

_TOWN = {town.key: town for town in TOWNS}
_AGS = {town.key: town.ags for town in TOWNS}

# --- Schools --------------------------------------------------------------------------

_GS = SchoolForm.GRUNDSCHULE
_SEK = SchoolForm.SEKUNDARSCHULE
_GEM = SchoolForm.GEMEINSCHAFTSSCHULE
_IGS = SchoolForm.GESAMTSCHULE
_GYM = SchoolForm.GYMNASIUM
_FOES = SchoolForm.FOERDERSCHULE
_BBS = SchoolForm.BERUFSBILDENDE_SCHULE

SCHOOL_SITES: tuple[tuple[str, str, SchoolForm, str], ...] = (
    ("gs-lindenhof", "Grundschule Am Lindenhof", _GS, "lindenau"),
    ("gs-stadtpark", "Grundschule Am Stadtpark", _GS, "lindenau"),
    ("gs-lindenau-nord", "Grundschule Lindenau-Nord", _GS, "lindenau"),
    ("gs-muehle", "Grundschule An der Mühle", _GS, "lindenau"),
    ("gs-sonnenberg", "Grundschule Sonnenberg", _GS, "lindenau"),
    ("gs-schlossgarten", "Grundschule Am Schlossgarten", _GS, "lindenau"),
    ("gs-weststadt", "Grundschule Weststadt", _GS, "lindenau"),
    ("gs-rosenhang", "Grundschule Am Rosenhang", _GS, "lindenau"),
    ("gs-heiderand", "Grundschule Am Heiderand", _GS, "bergheide"),
    ("gs-kirchplatz", "Grundschule Am Kirchplatz", _GS, "bergheide"),
    ("gs-bergheide-ost", "Grundschule Bergheide-Ost", _GS, "bergheide"),
    ("gs-kiefernweg", "Grundschule Kiefernweg", _GS, "bergheide"),
    ("gs-tannenhoehe", "Grundschule Tannenhöhe", _GS, "bergheide"),
    ("gs-waldblick", "Grundschule Waldblick", _GS, "bergheide"),
    ("gs-auenwalde", "Grundschule Auenwalde", _GS, "auenwalde"),
    ("gs-an-den-auen", "Grundschule An den Auen", _GS, "auenwalde"),
    ("gs-weidenweg", "Grundschule Weidenweg", _GS, "auenwalde"),
    ("gs-am-deich", "Grundschule Am Deich", _GS, "auenwalde"),
    ("gs-storchennest", "Freie Grundschule Storchennest", _GS, "auenwalde"),
    ("gs-elsterbrueck", "Grundschule Elsterbrück", _GS, "elsterbrueck"),
    ("gs-brueckentor", "Grundschule Am Brückentor", _GS, "elsterbrueck"),
    ("gs-uferstrasse", "Grundschule Uferstraße", _GS, "elsterbrueck"),
    ("gs-wasserturm", "Grundschule Am Wasserturm", _GS, "elsterbrueck"),
    ("gs-kastanienallee", "Grundschule Kastanienallee", _GS, "elsterbrueck"),
    ("gs-muehlhagen", "Grundschule Mühlhagen", _GS, "muehlhagen"),
    ("gs-muehlbach", "Grundschule Am Mühlbach", _GS, "muehlhagen"),
    ("gs-hagenwiese", "Grundschule Hagenwiese", _GS, "muehlhagen"),
    ("gs-lerchenfeld", "Grundschule Lerchenfeld", _GS, "muehlhagen"),
    ("gs-rosental", "Grundschule Rosental", _GS, "rosental"),
    ("gs-rosengarten", "Grundschule Am Rosengarten", _GS, "rosental"),
    ("gs-talblick", "Grundschule Talblick", _GS, "rosental"),
    ("gs-quellbach", "Grundschule Am Quellbach", _GS, "rosental"),
    ("gs-falkenried", "Grundschule Falkenried", _GS, "falkenried"),
    ("gs-falkenhorst", "Grundschule Am Falkenhorst", _GS, "falkenried"),
    ("gs-riedweg", "Grundschule Riedweg", _GS, "falkenried"),
    ("gs-wiesengrund", "Grundschule Wiesengrund", _GS, "wiesengrund"),
    ("gs-am-anger", "Grundschule Am Anger", _GS, "wiesengrund"),
    ("gs-blumenwiese", "Grundschule Blumenwiese", _GS, "wiesengrund"),
    ("gs-birkenfelde", "Grundschule Birkenfelde", _GS, "birkenfelde"),
    ("gs-birkenallee", "Grundschule Birkenallee", _GS, "birkenfelde"),
    ("gs-feldrain", "Grundschule Am Feldrain", _GS, "birkenfelde"),
    ("gs-heidekamp", "Grundschule Heidekamp", _GS, "heidekamp"),
    ("gs-heidesee", "Grundschule Am Heidesee", _GS, "heidekamp"),
    ("gs-kampstrasse", "Grundschule Kampstraße", _GS, "heidekamp"),
    ("sek-goldberg", "Sekundarschule Am Goldberg", _SEK, "lindenau"),
    ("sek-lindenau-west", "Sekundarschule Lindenau-West", _SEK, "lindenau"),
    ("sek-bergheide", "Sekundarschule Bergheide", _SEK, "bergheide"),
    ("sek-heidekrug", "Sekundarschule Heidekrug", _SEK, "bergheide"),
    ("sek-auenwalde", "Sekundarschule Auenwalde", _SEK, "auenwalde"),
    ("sek-elster", "Sekundarschule An der Elster", _SEK, "elsterbrueck"),
    ("sek-muehlhagen", "Sekundarschule Mühlhagen", _SEK, "muehlhagen"),
    ("sek-rosental", "Sekundarschule Rosental", _SEK, "rosental"),
    ("sek-falkenried", "Sekundarschule Falkenried", _SEK, "falkenried"),
    ("sek-wiesengrund", "Sekundarschule Wiesengrund", _SEK, "wiesengrund"),
    ("sek-birkenfelde", "Sekundarschule Birkenfelde", _SEK, "birkenfelde"),
    ("gem-lindenau", "Gemeinschaftsschule Lindenau", _GEM, "lindenau"),
    ("gem-auenwalde", "Gemeinschaftsschule Auenwalde", _GEM, "auenwalde"),
    ("gem-elsterbrueck", "Gemeinschaftsschule Elsterbrück", _GEM, "elsterbrueck"),
    ("gem-rosental", "Gemeinschaftsschule Rosental", _GEM, "rosental"),
    ("igs-lindenau", "Integrierte Gesamtschule Lindenau", _IGS, "lindenau"),
    ("gym-schlossberg", "Gymnasium Am Schlossberg", _GYM, "lindenau"),
    ("gym-lindenau-sued", "Gymnasium Lindenau-Süd", _GYM, "lindenau"),
    ("gym-bergheide", "Gymnasium Bergheide", _GYM, "bergheide"),
    ("gym-auenwalde", "Gymnasium Auenwalde", _GYM, "auenwalde"),
    ("gym-elsterbrueck", "Gymnasium Elsterbrück", _GYM, "elsterbrueck"),
    ("gym-muehlhagen", "Gymnasium Mühlhagen", _GYM, "muehlhagen"),
    ("gym-falkenried", "Gymnasium Falkenried", _GYM, "falkenried"),
    ("foes-wiesenweg", "Förderschule Am Wiesenweg (Schwerpunkt Lernen)", _FOES, "lindenau"),
    ("foes-lindenau-gb", "Förderschule für Geistigbehinderte Lindenau", _FOES, "lindenau"),
    ("foes-ausgleich", "Förderschule mit Ausgleichsklassen Lindenau", _FOES, "lindenau"),
    ("foes-bergheide", "Förderschule Bergheide (Schwerpunkt Lernen)", _FOES, "bergheide"),
    ("foes-auenwalde", "Förderschule Auenwalde (Schwerpunkt Lernen)", _FOES, "auenwalde"),
    ("foes-elsterbrueck", "Förderschule Elsterbrück (Schwerpunkt Lernen)", _FOES, "elsterbrueck"),
    ("foes-muehlhagen", "Förderschule für Geistigbehinderte Mühlhagen", _FOES, "muehlhagen"),
    ("foes-rosental", "Förderschule Rosental (Schwerpunkt Lernen)", _FOES, "rosental"),
    ("bbs", "Berufsbildende Schulen Musterkreis", _BBS, "lindenau"),
    ("bbs-bergheide", "Berufsbildende Schulen Musterkreis, Standort Bergheide", _BBS, "bergheide"),
    ("bbs-auenwalde", "Berufsbildende Schulen Musterkreis, Standort Auenwalde", _BBS, "auenwalde"),
)
"""Every school actor: id, name, form, municipality key.

The Berufsbildende Schulen Musterkreis are one school at three sites. The main site
``bbs`` is the school; ``bbs-bergheide`` and ``bbs-auenwalde`` are school actors of the
same form with ``part_of="bbs"`` and the tag ``Standort``, because pupils, posts and ties
attach to a site, while counting schools counts only actors without a school parent.
"""

FORM_COUNTS: dict[SchoolForm, int] = {
    form: sum(1 for site in SCHOOL_SITES if site[2] is form)
    for form in (_GS, _SEK, _GEM, _IGS, _GYM, _FOES, _BBS)
}
"""School sites per form, the proportions :func:`~bildungsnetz.datasets.synthetic` copies."""

_BBS_SITES = ("bbs-bergheide", "bbs-auenwalde")
# fmt: off
_LEARNING_SUPPORT = (
    "foes-wiesenweg", "foes-bergheide", "foes-auenwalde", "foes-elsterbrueck", "foes-rosental",
)
# fmt: on

# The gaps of the module docstring, by number.
_KITA_GAP = "gs-stadtpark"  # 2
_UNMATCHED_FLOW = ("gs-weststadt", "sek-lindenau-west")  # 3
_HIGH_NEED_UNSERVED = "sek-heidekrug"  # 4
_ISOLATED = "foes-muehlhagen"  # 5
_LEAF_POST = "ssa-gs-birkenallee"  # 5
_NO_CAREER = frozenset({"sek-falkenried", "gym-muehlhagen", "foes-muehlhagen"})  # 9
_NO_PARENTS = frozenset({"gs-kampstrasse", "gym-falkenried", "foes-muehlhagen"})  # 11
_CUT_OFF = "foes-lindenau-gb"  # 14: with its Schulelternrat, it hangs on lsa alone
_CUT_OFF_TIES = frozenset(
    {"other:lsa:foes-lindenau-gb", "consultation:foes-lindenau-gb:ser-foes-lindenau-gb"}
)
"""The ties of gap 14's part that stay; its council's tie to ``lsa`` is added to them."""

# Where the pupils of a Grundschule go: the lower secondary schools of its town (the
# first choice rotates over the town's Grundschulen), the Gymnasium, and a few to
# further schools; pupils with special needs go to the nearest Förderschule (Lernen),
# leavers of Sek I to the nearest site of the BBS.
_MAIN_SECONDARY = {
    "lindenau": ("sek-goldberg", "sek-lindenau-west", "gem-lindenau", "igs-lindenau"),
    "bergheide": ("sek-bergheide", "sek-heidekrug"),
    "auenwalde": ("sek-auenwalde", "gem-auenwalde"),
    "elsterbrueck": ("sek-elster", "gem-elsterbrueck"),
    "muehlhagen": ("sek-muehlhagen",),
    "rosental": ("sek-rosental", "gem-rosental"),
    "falkenried": ("sek-falkenried",),
    "wiesengrund": ("sek-wiesengrund",),
    "birkenfelde": ("sek-birkenfelde",),
    "heidekamp": ("sek-wiesengrund",),
}
_GYMNASIUM_FOR = {
    "lindenau": ("gym-schlossberg", "gym-lindenau-sued"),
    "bergheide": ("gym-bergheide",),
    "auenwalde": ("gym-auenwalde",),
    "elsterbrueck": ("gym-elsterbrueck",),
    "muehlhagen": ("gym-muehlhagen",),
    "rosental": ("gym-elsterbrueck",),
    "falkenried": ("gym-falkenried",),
    "wiesengrund": ("gym-falkenried",),
    "birkenfelde": ("gym-muehlhagen",),
    "heidekamp": ("gym-falkenried",),
}
_FURTHER_SECONDARY = {
    "lindenau": ("igs-lindenau", "gem-lindenau", "sek-goldberg"),
    "bergheide": ("sek-muehlhagen", "sek-falkenried"),
    "auenwalde": ("gem-auenwalde", "sek-auenwalde", "sek-birkenfelde"),
    "elsterbrueck": ("gem-elsterbrueck", "sek-elster", "gem-rosental"),
    "muehlhagen": ("sek-birkenfelde", "sek-bergheide"),
    "rosental": ("gem-rosental", "sek-rosental", "gem-elsterbrueck"),
    "falkenried": ("sek-wiesengrund", "sek-bergheide"),
    "wiesengrund": ("sek-falkenried", "igs-lindenau"),
    "birkenfelde": ("sek-muehlhagen", "gem-auenwalde"),
    "heidekamp": ("sek-falkenried", "igs-lindenau"),
}
_SPECIAL_FOR = {
    "lindenau": "foes-wiesenweg",
    "bergheide": "foes-bergheide",
    "auenwalde": "foes-auenwalde",
    "elsterbrueck": "foes-elsterbrueck",
    "muehlhagen": "foes-bergheide",
    "rosental": "foes-rosental",
    "falkenried": "foes-bergheide",
    "wiesengrund": "foes-wiesenweg",
    "birkenfelde": "foes-auenwalde",
    "heidekamp": "foes-wiesenweg",
}
_VOCATIONAL_FOR = {
    "lindenau": "bbs",
    "bergheide": "bbs-bergheide",
    "auenwalde": "bbs-auenwalde",
    "elsterbrueck": "bbs-auenwalde",
    "muehlhagen": "bbs-bergheide",
    "rosental": "bbs-auenwalde",
    "falkenried": "bbs-bergheide",
    "wiesengrund": "bbs",
    "birkenfelde": "bbs",
    "heidekamp": "bbs",
}

# Pupils per school form and town size (Grundschulen and Sekundarschulen vary with the
# town, the others serve the whole district).
PUPILS: dict[tuple[SchoolForm, str], tuple[int, int]] = {
    (_GS, "city"): (220, 360),
    (_GS, "town"): (130, 260),
    (_GS, "rural"): (70, 170),
    (_SEK, "city"): (380, 520),
    (_SEK, "town"): (300, 450),
    (_SEK, "rural"): (220, 340),
    (_GEM, "city"): (420, 560),
    (_GEM, "town"): (380, 520),
    (_GEM, "rural"): (300, 420),
    (_GYM, "city"): (650, 900),
    (_GYM, "town"): (520, 720),
    (_GYM, "rural"): (420, 560),
}
_FIXED_PUPILS = {
    "gs-weststadt": 384,
    "gs-stadtpark": 338,
    "gs-heidesee": 74,
    "igs-lindenau": 764,
    "foes-wiesenweg": 148,
    "foes-lindenau-gb": 96,
    "foes-ausgleich": 84,
    "foes-bergheide": 121,
    "foes-auenwalde": 112,
    "foes-elsterbrueck": 104,
    "foes-muehlhagen": 68,
    "foes-rosental": 92,
    "bbs": 1486,
    "bbs-bergheide": 618,
    "bbs-auenwalde": 412,
}
# Need indicators (absence rate, share of leavers without qualification) of the schools
# in trouble; the others are drawn from the ordinary ranges below.
_FIXED_NEED = {
    "sek-goldberg": (0.13, 0.21),
    "sek-lindenau-west": (0.12, 0.19),
    "sek-heidekrug": (0.17, 0.26),
    "sek-wiesengrund": (0.12, 0.18),
    "foes-ausgleich": (0.18, None),
}
ABSENCE: dict[SchoolForm, tuple[float, float]] = {
    _GS: (0.02, 0.05),
    _SEK: (0.05, 0.10),
    _GEM: (0.05, 0.09),
    _IGS: (0.06, 0.08),
    _GYM: (0.03, 0.05),
    _FOES: (0.06, 0.10),
    _BBS: (0.06, 0.10),
}
# Förderschulen and the BBS have no comparable rate: the leavers of a Förderschule
# mostly receive a Förderschulabschluss, and the BBS is not a school of Sek I.
WITHOUT_QUALIFICATION: dict[SchoolForm, tuple[float, float]] = {
    _SEK: (0.09, 0.16),
    _GEM: (0.07, 0.12),
    _IGS: (0.08, 0.10),
    _GYM: (0.005, 0.02),
}
SPECIAL_NEEDS: dict[SchoolForm, tuple[float, float]] = {
    _GS: (0.02, 0.06),
    _SEK: (0.04, 0.09),
    _GEM: (0.05, 0.10),
    _IGS: (0.06, 0.09),
    _GYM: (0.0, 0.01),
    _FOES: (1.0, 1.0),
    _BBS: (0.02, 0.05),
}
MIGRATION: dict[str, tuple[float, float]] = {
    "city": (0.08, 0.20),
    "town": (0.04, 0.12),
    "rural": (0.02, 0.08),
}
_FIXED_MIGRATION = {"gs-weststadt": 0.24, "gem-lindenau": 0.22, "sek-goldberg": 0.19}

# --- Kitas ----------------------------------------------------------------------------

KITAS = {
    "lindenau": 26,
    "bergheide": 19,
    "auenwalde": 16,
    "elsterbrueck": 16,
    "muehlhagen": 13,
    "rosental": 12,
    "falkenried": 10,
    "wiesengrund": 9,
    "birkenfelde": 10,
    "heidekamp": 9,
}
"""Kitas per municipality (140 in all, about 1.8 per school site)."""

# fmt: off
_KITA_NAMES = (
    "Sonnenschein", "Pusteblume", "Regenbogen", "Zwergenland", "Spatzennest", "Kleeblatt",
    "Löwenzahn", "Sternschnuppe", "Wirbelwind", "Märchenland", "Schatzkiste", "Wichtelhaus",
    "Bienenkorb", "Villa Kunterbunt", "Am Park", "Birkenwäldchen", "Rasselbande",
    "Knirpsenland", "Kinderland", "Glückskäfer", "Sausewind", "Am Mühlenteich", "Haselnuss",
    "Eichhörnchen", "Schneckenhaus", "Traumland", "Purzelbaum", "Am Schlossteich",
    "Waldwichtel", "Storchennest",
)
# fmt: on
# In Rosental the Kitas of the middle round (home index 4 to 7) are linked to their
# Grundschule only through the transition forum, not by a tie of their own.
_ROSENTAL_FORUM_ONLY = range(4, 8)

# --- Posts of school social work ------------------------------------------------------

_FUNDING = {
    "esf": frozenset({"esf-plus"}),
    "mixed": frozenset({"esf-plus", "land-schulerfolg", "kreishaushalt"}),
    "district": frozenset({"kreishaushalt"}),
    "state": frozenset({"land-schulerfolg"}),
}

POSTS: tuple[tuple[str, tuple[str, ...], str, str, date], ...] = (
    # ESF+ only: the posts and their ties end with the cycle on 2028-08-01.
    ("ssa-wiesengrund", ("sek-wiesengrund",), "jh-auenland", "esf", date(2022, 8, 1)),
    ("ssa-muehlhagen", ("sek-muehlhagen",), "jh-kompass", "esf", date(2022, 8, 1)),
    ("ssa-birkenfelde", ("sek-birkenfelde",), "jh-auenland", "esf", date(2022, 8, 1)),
    ("ssa-falkenried", ("sek-falkenried",), "jh-kompass", "esf", date(2022, 8, 1)),
    ("ssa-rosental", ("sek-rosental",), "jh-regenbogen", "esf", date(2022, 8, 1)),
    ("ssa-gem-rosental", ("gem-rosental",), "jh-regenbogen", "esf", ESF_START),
    ("ssa-foes-rosental", ("foes-rosental",), "jh-regenbogen", "esf", ESF_START),
    ("ssa-gs-auenwalde", ("gs-auenwalde",), "jh-auenland", "esf", ESF_START),
    ("ssa-gs-muehlhagen", ("gs-muehlhagen",), "jh-kompass", "esf", ESF_START),
    ("ssa-gs-birkenallee", ("gs-birkenallee",), "jh-auenland", "esf", date(2025, 2, 1)),
    # Co-financed (ESF+, Land, district); the Kreistag decided in 2024 to continue them.
    ("ssa-goldberg", ("sek-goldberg",), "jh-bruecke", "mixed", date(2009, 8, 1)),
    ("ssa-lindenau-west", ("sek-lindenau-west",), "jh-bruecke", "mixed", date(2009, 8, 1)),
    ("ssa-gem-lindenau", ("gem-lindenau",), "jh-bruecke", "mixed", date(2012, 8, 1)),
    ("ssa-igs-lindenau", ("igs-lindenau",), "jh-weitblick", "mixed", date(2014, 8, 1)),
    ("ssa-bergheide", ("sek-bergheide",), "jh-kompass", "mixed", date(2009, 8, 1)),
    ("ssa-auenwalde", ("sek-auenwalde",), "jh-auenland", "mixed", date(2010, 8, 1)),
    ("ssa-gem-auenwalde", ("gem-auenwalde",), "jh-auenland", "mixed", date(2013, 8, 1)),
    ("ssa-elster", ("sek-elster",), "jh-regenbogen", "mixed", date(2009, 8, 1)),
    ("ssa-gem-elsterbrueck", ("gem-elsterbrueck",), "jh-regenbogen", "mixed", date(2015, 8, 1)),
    ("ssa-foes-wiesenweg", ("foes-wiesenweg",), "jh-weitblick", "mixed", date(2011, 8, 1)),
    ("ssa-foes-ausgleich", ("foes-ausgleich",), "jh-weitblick", "mixed", date(2011, 8, 1)),
    ("ssa-foes-bergheide", ("foes-bergheide",), "jh-kompass", "mixed", date(2016, 8, 1)),
    ("ssa-bbs", ("bbs",), "jh-bruecke", "mixed", date(2010, 8, 1)),
    ("ssa-gym-lindenau-sued", ("gym-lindenau-sued",), "jh-weitblick", "mixed", date(2018, 8, 1)),
    # Permanent money of the district or the Land, mostly at Grundschulen.
    ("ssa-gs-lindenhof", ("gs-lindenhof",), "jh-bruecke", "district", date(2019, 8, 1)),
    ("ssa-gs-lindenau-nord", ("gs-lindenau-nord",), "jh-bruecke", "district", date(2019, 8, 1)),
    ("ssa-gs-sonnenberg", ("gs-sonnenberg",), "jh-weitblick", "district", date(2020, 8, 1)),
    ("ssa-gs-heiderand", ("gs-heiderand",), "jh-kompass", "district", date(2020, 8, 1)),
    ("ssa-gs-elsterbrueck", ("gs-elsterbrueck",), "jh-regenbogen", "state", date(2023, 8, 1)),
    (
        "ssa-gs-falkenried",
        ("gs-falkenried", "gs-riedweg"),
        "jh-kompass",
        "state",
        date(2023, 8, 1),
    ),
    (
        "ssa-gs-heidekamp",
        ("gs-heidekamp", "gs-heidesee"),
        "jh-auenland",
        "district",
        date(2021, 8, 1),
    ),
)
"""Posts of school social work: id, schools served, employer, funding key, start."""

# fmt: off
_COUNSELLING_TEACHERS = (
    "sek-goldberg", "sek-lindenau-west", "sek-bergheide", "sek-auenwalde", "sek-elster",
    "sek-muehlhagen", "sek-birkenfelde", "gem-lindenau", "gem-elsterbrueck", "igs-lindenau",
    "gym-schlossberg", "gym-bergheide",
)
# fmt: on

# --- District-level actors ------------------------------------------------------------

# fmt: off
CENTRAL_ACTORS: tuple[tuple[str, str, str, str, str], ...] = (
    # id, name, kind, municipality key, part_of ("" for none)
    ("kv", "Kreisverwaltung Musterkreis", "district_administration", "lindenau", ""),
    ("bb", "Bildungsbüro Musterkreis", "education_office", "lindenau", "kv"),
    ("nws", "Netzwerkstelle Schulerfolg Musterkreis", "network_office", "lindenau", "bb"),
    ("ja", "Jugendamt Musterkreis", "youth_welfare_office", "lindenau", "kv"),
    ("kfb", "Fachberatung Kindertagesstätten im Jugendamt Musterkreis",
     "youth_welfare_office", "lindenau", "ja"),
    ("ga", "Gesundheitsamt Musterkreis", "health_service", "lindenau", "kv"),
    ("kjp", "Fachklinikum Lindenau, Klinik für Kinder- und Jugendpsychiatrie",
     "health_service", "lindenau", ""),
    ("lsa", "Landesschulamt, Regionalbereich Musterkreis", "school_authority", "lindenau", ""),
    ("spb", "Schulpsychologische Beratung Musterkreis", "school_psychology", "lindenau", "lsa"),
    ("jba", "Jugendberufsagentur Musterkreis", "youth_employment_agency", "lindenau", ""),
    ("aa", "Agentur für Arbeit Lindenau", "employment_agency", "lindenau", ""),
    ("bo-aa", "Berufsberatung der Agentur für Arbeit Lindenau", "career_guidance", "lindenau",
     "aa"),
    ("jc", "Jobcenter Musterkreis", "employment_agency", "lindenau", ""),
    ("bwz", "Bildungswerk Heidekamp e. V.", "adult_education", "heidekamp", ""),
    ("brafo", "BRAFO-Berufsorientierung Musterkreis", "career_guidance", "heidekamp", "bwz"),
    ("jmd", "Jugendmigrationsdienst Musterkreis", "migration_service", "lindenau", "jh-kompass"),
    ("mbe", "Migrationsberatung für Erwachsene Musterkreis", "migration_service", "bergheide",
     "jh-weitblick"),
    ("mia", "Migrationsagentur Musterkreis", "migration_service", "lindenau", "kv"),
    ("ker", "Kreiselternrat Musterkreis", "parents_council", "lindenau", ""),
    ("eb", "Erziehungs- und Familienberatungsstelle Lindenau", "youth_welfare_provider",
     "lindenau", "jh-weitblick"),
    ("ffs", "Interdisziplinäre Frühförderstelle Lindenau", "health_service", "lindenau",
     "jh-weitblick"),
    ("jh-bruecke", "Brücke Jugendhilfe gGmbH", "youth_welfare_provider", "lindenau", ""),
    ("jh-kompass", "Kompass – Verein für Jugendsozialarbeit e. V.", "youth_welfare_provider",
     "bergheide", ""),
    ("jh-auenland", "Jugendwerk Auenland e. V.", "youth_welfare_provider", "auenwalde", ""),
    ("jh-regenbogen", "Regenbogen Kinder- und Jugendhilfe gGmbH", "youth_welfare_provider",
     "elsterbrueck", ""),
    ("jh-weitblick", "Weitblick Soziale Dienste gGmbH", "youth_welfare_provider", "lindenau", ""),
    ("ksb", "Kreissportbund Musterkreis e. V.", "association", "lindenau", ""),
    ("msk", "Kreismusikschule Musterkreis", "other", "lindenau", "kv"),
    ("kvhs", "Kreisvolkshochschule Musterkreis", "adult_education", "lindenau", "kv"),
    ("kmz", "Kreismedienzentrum Musterkreis", "other", "lindenau", "kv"),
)
_LOCAL_PARTNERS: tuple[tuple[str, str, str, str, str], ...] = (
    ("bib-lindenau", "Stadtbibliothek Lindenau", "other", "lindenau", "stadt-lindenau"),
    ("jz-lindenau", "Jugendzentrum Alte Post Lindenau", "association", "lindenau", ""),
    ("jugendclub-bergheide", "Jugendclub Bergheide", "association", "bergheide", ""),
    ("naturschutzstation-auenwalde", "Naturschutzstation Auenwalde", "association",
     "auenwalde", ""),
    ("bib-elsterbrueck", "Stadtbibliothek Elsterbrück", "other", "elsterbrueck",
     "stadt-elsterbrueck"),
    ("jugendclub-muehlhagen", "Jugendclub Mühlhagen", "association", "muehlhagen", ""),
    ("sv-rosental", "SV Rosental 1921 e. V.", "association", "rosental", ""),
    ("jugendclub-falkenried", "Jugendclub Falkenried", "association", "falkenried", ""),
    ("heimatverein-wiesengrund", "Heimatverein Wiesengrund e. V.", "association",
     "wiesengrund", ""),
    ("sv-birkenfelde", "SV Blau-Weiß Birkenfelde e. V.", "association", "birkenfelde", ""),
    ("heimatverein-heidekamp", "Heimatverein Heidekamp e. V.", "association", "heidekamp", ""),
)
# fmt: on
_PROVIDERS = ("jh-bruecke", "jh-kompass", "jh-auenland", "jh-regenbogen", "jh-weitblick")
_CENTRAL_FUNDING = {
    "nws": (frozenset({"esf-plus", "land-schulerfolg", "kreishaushalt"}), date(2009, 1, 1)),
    "brafo": (frozenset({"esf-plus", "land-schulerfolg"}), date(2012, 8, 1)),
    "jmd": (frozenset({"bund-jmd"}), date(2005, 1, 1)),
}
_YOUTH_CLUBS = {
    "lindenau": ("jz-lindenau",),
    "bergheide": ("jugendclub-bergheide",),
    "muehlhagen": ("jugendclub-muehlhagen",),
    "falkenried": ("jugendclub-falkenried",),
}


@dataclass(frozen=True, slots=True)
class Chances:
    """How likely a tie is where the district has no fixed rule for it.

    Musterkreis draws its optional ties with these probabilities, and
    :func:`~bildungsnetz.datasets.synthetic` uses the same ones, so that synthetic
    districts have Musterkreis's structure.
    """

    primary_to_office: float = 0.5  # a Grundschule with the Jugendamt, with school psychology
    primary_pair: float = 0.5  # neighbouring Grundschulen in a joint project
    school_to_local_partner: float = 0.8
    school_to_district_partner: tuple[tuple[str, float], ...] = (
        ("ksb", 0.35),
        ("msk", 0.25),
        ("kmz", 0.2),
    )
    kita_to_counselling: float = 0.65
    kita_to_early_support: float = 0.5
    kita_to_local_partner: float = 0.6
    # Bewegungskita with the sports federation, musikalische Früherziehung
    kita_to_district_partner: tuple[tuple[str, float], ...] = (("ksb", 0.3), ("msk", 0.2))
    post_to_psychiatry: float = 0.3
    post_to_youth_club: float = 0.5
    small_kita_flow: float = 0.5  # a tie although fewer than five children moved
    small_primary_flow: float = 0.25
    small_leaver_flow: float = 0.3


CHANCES = Chances()
"""The probabilities Musterkreis was drawn with."""


# --- Ties -----------------------------------------------------------------------------

_C = CooperationKind
_F = Formality
_I = Intensity
_L = CooperationLevel
# What a tie of each kind usually is: formality, intensity, level.
TIE_DEFAULTS: dict[CooperationKind, tuple[Formality, Intensity, CooperationLevel]] = {
    _C.PLACEMENT: (_F.WRITTEN, _I.INTEGRATION, _L.OPERATIONAL),
    _C.AGREEMENT: (_F.WRITTEN, _I.COORDINATION, _L.STRATEGIC),
    _C.CASE_WORK: (_F.VERBAL, _I.COOPERATION, _L.CASE),
    _C.REFERRAL: (_F.INFORMAL, _I.COOPERATION, _L.CASE),
    _C.JOINT_PROJECT: (_F.VERBAL, _I.COOPERATION, _L.OPERATIONAL),
    _C.TRANSITION: (_F.WRITTEN, _I.COOPERATION, _L.OPERATIONAL),
    _C.INFORMATION_EXCHANGE: (_F.INFORMAL, _I.COOPERATION, _L.OPERATIONAL),
    _C.CONSULTATION: (_F.VERBAL, _I.COORDINATION, _L.OPERATIONAL),
    _C.OTHER: (_F.WRITTEN, _I.COORDINATION, _L.STRATEGIC),
}

_T = Topic
# Flags of the tie tables: what differs from the defaults of the kind.
TIE_FLAGS: dict[str, tuple[str, Any]] = {
    "integration": ("intensity", _I.INTEGRATION),
    "awareness": ("intensity", _I.AWARENESS),
    "person-bound": ("person_bound", True),
    "directed": ("directed", True),
    "unconfirmed": ("confirmed", False),
}
# fmt: off
CORE_TIES: tuple[tuple[str, str, str, str, str], ...] = (
    # kind, first, second, topics, flags
    ("information_exchange", "kv", "bb", "", "integration"),
    ("consultation", "bb", "nws", "", "integration"),
    ("agreement", "nws", "ja", "absenteeism child_protection", ""),
    ("agreement", "kv", "ja", "", ""),
    ("information_exchange", "nws", "lsa", "absenteeism", ""),
    ("consultation", "nws", "spb", "absenteeism mental_health", ""),
    ("agreement", "nws", "jba", "career_orientation transition", ""),
    ("information_exchange", "nws", "ker", "parents", ""),
    ("information_exchange", "nws", "jmd", "migration", ""),
    ("information_exchange", "nws", "mbe", "migration parents", ""),
    ("information_exchange", "nws", "mia", "migration", ""),
    ("information_exchange", "nws", "ga", "early_childhood", ""),
    ("consultation", "nws", "kjp", "mental_health", "person-bound"),
    ("joint_project", "nws", "brafo", "career_orientation", ""),
    ("information_exchange", "nws", "bo-aa", "career_orientation", ""),
    ("information_exchange", "nws", "bwz", "career_orientation", ""),
    ("agreement", "bb", "lsa", "transition", ""),
    ("information_exchange", "bb", "kvhs", "language", ""),
    ("information_exchange", "bb", "kmz", "digital_media", ""),
    ("information_exchange", "bb", "msk", "", ""),
    ("information_exchange", "bb", "ker", "parents", ""),
    ("case_work", "ja", "spb", "school_refusal", "person-bound"),
    ("case_work", "ja", "kjp", "mental_health child_protection", ""),
    ("agreement", "ja", "jba", "career_orientation", "awareness"),
    ("agreement", "ja", "ga", "child_protection", ""),
    ("agreement", "ja", "eb", "parents", ""),
    ("information_exchange", "ja", "kfb", "", "integration"),
    ("information_exchange", "ja", "jc", "", ""),
    ("information_exchange", "ja", "mia", "migration", ""),
    ("information_exchange", "lsa", "spb", "", "integration"),
    ("consultation", "spb", "kjp", "mental_health", ""),
    ("agreement", "jba", "aa", "career_orientation", "integration"),
    ("agreement", "jba", "jc", "career_orientation", "integration"),
    ("agreement", "jba", "bo-aa", "career_orientation", ""),
    ("joint_project", "jba", "brafo", "career_orientation", ""),
    ("information_exchange", "aa", "bo-aa", "", "integration"),
    ("information_exchange", "bwz", "brafo", "", "integration"),
    ("information_exchange", "jmd", "mbe", "migration", ""),
    ("agreement", "jmd", "mia", "migration", ""),
    ("information_exchange", "mbe", "mia", "migration", ""),
    ("joint_project", "jmd", "jba", "migration career_orientation", ""),
    ("information_exchange", "ga", "kjp", "mental_health", ""),
    ("joint_project", "jmd", "kvhs", "language migration", ""),
    ("information_exchange", "mia", "kvhs", "language", ""),
    ("information_exchange", "ffs", "ga", "inclusion early_childhood", ""),
    ("agreement", "ffs", "ja", "inclusion", ""),
    ("information_exchange", "ffs", "foes-lindenau-gb", "inclusion", ""),
    ("joint_project", "ga", "kfb", "early_childhood", ""),
    ("consultation", "kfb", "jh-regenbogen", "early_childhood", ""),
    ("information_exchange", "ker", "kv", "parents", ""),
    ("information_exchange", "ksb", "kv", "", ""),
    ("referral", "eb", "kjp", "mental_health", "directed"),
)
# Ties named in the module docstring that the regular rules below do not create.
_EXTRA_TIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("information_exchange", "gym-schlossberg", "jmd", "migration", "unconfirmed"),
    ("consultation", "gs-rosenhang", "spb", "school_refusal", "unconfirmed"),
    ("joint_project", "sek-birkenfelde", "ksb", "", "unconfirmed"),
    ("referral", "ssa-elster", "kjp", "mental_health", "unconfirmed directed"),
    ("information_exchange", "mia", "gem-lindenau", "migration", "unconfirmed"),
    ("joint_project", "gs-lerchenfeld", "msk", "", "person-bound"),
)
# fmt: on
# Regular meetings of some core ties: RRULE, first meeting, hour.
_CORE_SCHEDULES: dict[tuple[str, str], tuple[str, date, int]] = {
    ("bb", "nws"): ("FREQ=WEEKLY;BYDAY=TU", date(2024, 9, 3), 9),
    ("nws", "ja"): ("FREQ=MONTHLY;BYDAY=1MO", date(2024, 9, 2), 10),
    ("nws", "lsa"): ("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TH", date(2024, 9, 12), 13),
    ("ja", "spb"): ("FREQ=MONTHLY;BYDAY=4TH", date(2024, 9, 26), 14),
    ("jba", "bo-aa"): ("FREQ=MONTHLY;BYDAY=3TU", date(2024, 9, 17), 10),
    ("kv", "bb"): ("FREQ=MONTHLY;BYDAY=1WE", date(2024, 9, 4), 8),
}
# Changes to ties the rules create, by tie id.
_TIE_CHANGES: dict[str, dict[str, Any]] = {
    "agreement:foes-ausgleich:ja": {"intensity": _I.AWARENESS},
    "placement:ssa-gs-heidekamp:gs-heidesee": {"intensity": _I.AWARENESS},  # 15
    "placement:ssa-gs-elsterbrueck:gs-elsterbrueck": {"confirmed": False},  # 16
}


def row_changes(flags: str) -> dict[str, Any]:
    """Return the tie fields that a space-separated string of :data:`TIE_FLAGS` sets."""
    return dict(TIE_FLAGS[flag] for flag in flags.split())


def topic_set(words: str) -> set[Topic]:
    """Return the topics named in a space-separated string of topic values."""
    return {Topic(word) for word in words.split()}


# --- The builder ----------------------------------------------------------------------

_ForumSpec = tuple[str, str, ForumKind, str, "Iterable[str]", str, "tuple[str, date, int] | None"]
"""id, name, kind, convenor, members, topics, (RRULE, first meeting, hour) or None."""


@dataclass(frozen=True, slots=True)
class _School:
    id: str
    form: SchoolForm
    town: str
    pupils: int
    profile: SchoolProfile


class _Builder:
    """Collects the records of Musterkreis, section by section."""

    def __init__(self) -> None:
        self.draw = Draw(_SEED)
        self.actors: dict[str, Actor] = {}
        self.ties: dict[str, Cooperation] = {}
        self.tie_keys: set[tuple[str, str, str]] = set()
        self.flows: list[TransitionFlow] = []
        self.schools: dict[str, _School] = {}
        self.kitas: dict[str, list[str]] = {}
        self.posts: dict[str, tuple[str, ...]] = {}

    # Records ----------------------------------------------------------------------

    def location(self, town: str) -> Location:
        centre = _TOWN[town]
        return Location(
            lat=round(centre.lat + self.draw.uniform(-0.015, 0.015), 4),
            lon=round(centre.lon + self.draw.uniform(-0.025, 0.025), 4),
        )

    def actor(self, actor_id: str, name: str, kind: ActorKind, town: str, **fields: Any) -> None:
        if actor_id in self.actors:
            msg = f"duplicate actor {actor_id!r}"
            raise ValueError(msg)
        self.actors[actor_id] = Actor(
            id=actor_id,
            name=name,
            kind=kind,
            municipality=_AGS[town],
            location=self.location(town),
            **fields,
        )

    def since(self, first: int, last: int) -> Period:
        return Period(start=date(self.draw.integer(first, last), 8, 1))

    def contact(self) -> date:
        # A day in the eight months before the Stichtag.
        return date.fromordinal(REFERENCE_DATE.toordinal() - self.draw.integer(2, 240))

    def tie(
        self,
        kind: CooperationKind,
        first: str,
        second: str,
        topics: Iterable[Topic] = (),
        **changes: Any,
    ) -> None:
        """Add a tie unless the pair already has one of this kind (the first one wins)."""
        low, high = sorted((first, second))
        key = (kind.value, low, high)
        if key in self.tie_keys:
            return
        self.tie_keys.add(key)
        formality, intensity, level = TIE_DEFAULTS[kind]
        tie_id = f"{kind.value}:{first}:{second}"
        fields: dict[str, Any] = {
            "formality": formality,
            "intensity": intensity,
            "level": level,
            "last_contact": self.contact(),
            "topics": frozenset(topics),
        }
        fields.update(changes)
        fields.update(_TIE_CHANGES.get(tie_id, {}))
        schedule = fields.get("schedule")
        if isinstance(schedule, MeetingSchedule):
            fields["last_contact"] = _last_meeting(schedule)
        self.ties[tie_id] = Cooperation(id=tie_id, actors=(first, second), kind=kind, **fields)

    def flow(self, source: str, target: str, pupils: int, transition: TransitionKind) -> None:
        self.flows.append(
            TransitionFlow(
                source=source, target=target, year=YEAR, pupils=pupils, transition=transition
            )
        )

    # Actors -----------------------------------------------------------------------

    def add_central(self) -> None:
        for actor_id, name, kind, place, parent in CENTRAL_ACTORS:
            funding, start = _CENTRAL_FUNDING.get(actor_id, (frozenset(), None))
            self.actor(
                actor_id,
                name,
                ActorKind(kind),
                place,
                part_of=parent or None,
                funding=funding,
                active=Period(start=start),
            )
        for town in TOWNS:
            kind_of_place = "Stadt" if town.actor.startswith("stadt-") else "Gemeinde"
            self.actor(
                town.actor,
                f"{kind_of_place} {town.name}",
                ActorKind.MUNICIPALITY,
                town.key,
                identifiers={Identifier(scheme="ags", value=town.ags)},
            )
        for actor_id, name, kind, place, parent in _LOCAL_PARTNERS:
            self.actor(actor_id, name, ActorKind(kind), place, part_of=parent or None)

    def add_schools(self) -> None:
        for number, (school_id, name, form, town) in enumerate(SCHOOL_SITES, start=1):
            profile = self.profile(school_id, form, town)
            assert profile.pupils is not None
            self.schools[school_id] = _School(school_id, form, town, profile.pupils, profile)
            site = school_id in _BBS_SITES
            self.actor(
                school_id,
                name,
                ActorKind.SCHOOL,
                town,
                school=profile,
                identifiers={Identifier(scheme="schulnummer", value=f"99{number:03d}")},
                part_of="bbs" if site else None,
                tags={"Standort"} if site else frozenset(),
            )

    def profile(self, school_id: str, form: SchoolForm, town: str) -> SchoolProfile:
        size = _TOWN[town].size
        pupils = _FIXED_PUPILS.get(school_id)
        if pupils is None:
            pupils = self.draw.integer(*PUPILS[form, size])
        absence, without = _FIXED_NEED.get(school_id, (None, None))
        if absence is None:
            absence = round(self.draw.uniform(*ABSENCE[form]), 3)
            span = WITHOUT_QUALIFICATION.get(form)
            without = None if span is None else round(self.draw.uniform(*span), 3)
        migration = _FIXED_MIGRATION.get(school_id)
        if migration is None:
            migration = round(self.draw.uniform(*MIGRATION[size]), 3)
        return SchoolProfile(
            form=form,
            pupils=pupils,
            public=school_id != "gs-storchennest",
            absence_rate=absence,
            without_qualification_rate=without,
            special_needs_rate=round(self.draw.uniform(*SPECIAL_NEEDS[form]), 3),
            migration_rate=migration,
        )

    def add_kitas(self) -> None:
        for position, town in enumerate(TOWNS):
            names = [
                _KITA_NAMES[(position * 7 + number) % len(_KITA_NAMES)]
                for number in range(KITAS[town.key])
            ]
            self.kitas[town.key] = []
            for number, name in enumerate(names):
                kita_id = f"kita-{_slug(name)}-{town.key}"
                # Most Kitas are run by their municipality, every third by a provider.
                parent = "jh-regenbogen" if number % 3 == 2 else town.actor  # noqa: PLR2004
                self.actor(
                    kita_id, f"Kita {name} {town.name}", ActorKind.DAYCARE, town.key, part_of=parent
                )
                self.kitas[town.key].append(kita_id)

    def add_posts(self) -> None:
        for post_id, schools, employer, funding_key, start in POSTS:
            end = ESF_END if funding_key == "esf" else None
            names = " und ".join(self.actors[school].name for school in schools)
            first = self.schools[schools[0]]
            self.actor(
                post_id,
                f"Schulsozialarbeit {names}",
                ActorKind.SCHOOL_SOCIAL_WORK,
                first.town,
                part_of=employer,
                funding=_FUNDING[funding_key],
                active=Period(start=start, end=end),
                topics={_T.ABSENTEEISM, _T.PARENTS, _T.CHILD_PROTECTION},
            )
            self.posts[post_id] = schools

    def add_councils(self) -> None:
        for school_id, school in self.schools.items():
            if school_id in _NO_PARENTS or school_id in _BBS_SITES:
                continue
            self.actor(
                f"ser-{school_id}",
                f"Schulelternrat {self.actors[school_id].name}",
                ActorKind.PARENTS_COUNCIL,
                school.town,
                part_of=school_id,
            )
        for school_id in _COUNSELLING_TEACHERS:
            self.actor(
                f"blk-{school_id}",
                f"Beratungslehrkraft {self.actors[school_id].name}",
                ActorKind.COUNSELLING_TEACHER,
                self.schools[school_id].town,
                part_of=school_id,
            )

    # Flows ------------------------------------------------------------------------

    def add_kita_flows(self) -> None:
        for town in TOWNS:
            primaries = self.primaries(town.key)
            kitas = self.kitas[town.key]
            homes = {
                school: [
                    k for i, k in enumerate(kitas) if i % len(primaries) == primaries.index(school)
                ]
                for school in primaries
            }
            for index, kita in enumerate(kitas):
                home = primaries[index % len(primaries)]
                cohort = self.schools[home].pupils / 4
                base = cohort * 0.85 / len(homes[home])
                self.flow(
                    kita,
                    home,
                    max(5, round(base * self.draw.uniform(0.75, 1.25))),
                    TransitionKind.KITA_TO_PRIMARY,
                )
                for step, chance, most in ((1, 0.7, 4), (2, 0.3, 2)):
                    if len(primaries) > step and self.draw.chance(chance):
                        other = primaries[(index + step) % len(primaries)]
                        self.flow(
                            kita, other, self.draw.integer(1, most), TransitionKind.KITA_TO_PRIMARY
                        )
        # A few children with severe disabilities start at a Förderschule.
        self.flow(self.kitas["lindenau"][3], "foes-lindenau-gb", 2, TransitionKind.KITA_TO_PRIMARY)
        self.flow(self.kitas["lindenau"][11], "foes-lindenau-gb", 1, TransitionKind.KITA_TO_PRIMARY)
        self.flow(self.kitas["muehlhagen"][2], "foes-muehlhagen", 1, TransitionKind.KITA_TO_PRIMARY)

    def primaries(self, town: str) -> list[str]:
        return [
            s for s, school in self.schools.items() if school.town == town and school.form is _GS
        ]

    def add_primary_flows(self) -> None:
        for town in TOWNS:
            for index, school_id in enumerate(self.primaries(town.key)):
                if school_id == _UNMATCHED_FLOW[0]:
                    self.weststadt_flows()
                else:
                    self.primary_flows(school_id, town, index)

    def weststadt_flows(self) -> None:
        school = _UNMATCHED_FLOW[0]
        for target, pupils in (
            (_UNMATCHED_FLOW[1], 44),
            ("gym-lindenau-sued", 31),
            ("igs-lindenau", 12),
            ("gem-lindenau", 3),
        ):
            self.flow(school, target, pupils, TransitionKind.PRIMARY_TO_SECONDARY)
        self.flow(school, "foes-wiesenweg", 2, TransitionKind.REGULAR_TO_SPECIAL)

    def primary_flows(self, school_id: str, town: Town, index: int) -> None:
        cohort = round(self.schools[school_id].pupils / 4 * self.draw.uniform(0.95, 1.02))
        share = {"city": (0.36, 0.46), "town": (0.30, 0.40), "rural": (0.24, 0.34)}[town.size]
        main = _MAIN_SECONDARY[town.key][index % len(_MAIN_SECONDARY[town.key])]
        gymnasium = _GYMNASIUM_FOR[town.key][index % len(_GYMNASIUM_FOR[town.key])]
        further = [s for s in _FURTHER_SECONDARY[town.key] if s != main]
        small = [(further[0], self.draw.integer(1, 4))]
        if self.draw.chance(0.4):
            small.append((further[1], self.draw.integer(1, 3)))
        special = self.draw.integer(1, 2) if self.draw.chance(0.5) else 0
        to_gymnasium = round(cohort * self.draw.uniform(*share))
        to_main = cohort - to_gymnasium - special - sum(pupils for _, pupils in small)
        for target, pupils in [(main, to_main), (gymnasium, to_gymnasium), *small]:
            self.flow(school_id, target, pupils, TransitionKind.PRIMARY_TO_SECONDARY)
        if special:
            self.flow(school_id, _SPECIAL_FOR[town.key], special, TransitionKind.REGULAR_TO_SPECIAL)

    def add_secondary_flows(self) -> None:
        for school_id, school in self.schools.items():
            vocational = _VOCATIONAL_FOR[school.town]
            if school.form in {_SEK, _GEM, _IGS}:
                share = {_SEK: (0.55, 0.75), _GEM: (0.45, 0.6), _IGS: (0.35, 0.45)}[school.form]
                leavers = round(school.pupils / 6 * self.draw.uniform(*share))
                self.flow(school_id, vocational, leavers, TransitionKind.SECONDARY_TO_VOCATIONAL)
            elif school_id in _LEARNING_SUPPORT or school_id == "foes-ausgleich":
                self.flow(
                    school_id,
                    vocational,
                    self.draw.integer(3, 9),
                    TransitionKind.SECONDARY_TO_VOCATIONAL,
                )
                back = _MAIN_SECONDARY[school.town][0]
                self.flow(
                    school_id, back, self.draw.integer(1, 2), TransitionKind.SPECIAL_TO_REGULAR
                )
            elif school.form is _GYM:
                self.flow(
                    school_id,
                    vocational,
                    self.draw.integer(1, 4),
                    TransitionKind.SECONDARY_TO_VOCATIONAL,
                )
            if school.form is _SEK:
                upper = _GYMNASIUM_FOR[school.town][0]
                self.flow(
                    school_id,
                    upper,
                    self.draw.integer(2, 7),
                    TransitionKind.SECONDARY_TO_UPPER_SECONDARY,
                )
                if school.town == "lindenau":
                    self.flow(
                        school_id,
                        "foes-ausgleich",
                        self.draw.integer(1, 2),
                        TransitionKind.REGULAR_TO_SPECIAL,
                    )
        self.flow("foes-ausgleich", "gs-lindenhof", 1, TransitionKind.SPECIAL_TO_REGULAR)

    # Ties -------------------------------------------------------------------------

    def add_core_ties(self) -> None:
        for kind, first, second, topics, flags in CORE_TIES:
            changes = row_changes(flags)
            planned = _CORE_SCHEDULES.get((first, second))
            if planned is not None:
                changes["schedule"] = _schedule(*planned)
            changes["period"] = self.since(2009, 2019)
            self.tie(_C(kind), first, second, topic_set(topics), **changes)
        for provider in _PROVIDERS:
            self.tie(_C.AGREEMENT, "nws", provider, {_T.ABSENTEEISM}, period=self.since(2009, 2016))
            self.tie(
                _C.AGREEMENT, "ja", provider, {_T.CHILD_PROTECTION}, period=self.since(2005, 2015)
            )
        for town in TOWNS:
            self.tie(
                _C.INFORMATION_EXCHANGE, "nws", town.actor, {_T.TRANSITION}, level=_L.STRATEGIC
            )
            self.tie(_C.AGREEMENT, "bb", town.actor, {_T.TRANSITION}, period=self.since(2015, 2018))
            self.tie(_C.INFORMATION_EXCHANGE, "kv", town.actor, level=_L.STRATEGIC)

    def add_extra_ties(self) -> None:
        for kind, first, second, topics, flags in _EXTRA_TIES:
            self.tie(_C(kind), first, second, topic_set(topics), **row_changes(flags))

    def add_post_ties(self) -> None:
        for post_id, schools in self.posts.items():
            post = self.actors[post_id]
            common = {"period": post.active, "funding": post.funding}
            for school_id in schools:
                self.tie(_C.PLACEMENT, post_id, school_id, {_T.ABSENTEEISM, _T.PARENTS}, **common)
            if post_id == _LEAF_POST:
                continue
            self.tie(_C.CONSULTATION, "nws", post_id, {_T.ABSENTEEISM}, period=post.active)
            self.tie(
                _C.CASE_WORK,
                post_id,
                "ja",
                {_T.CHILD_PROTECTION, _T.ABSENTEEISM},
                period=post.active,
            )
            self.tie(_C.CONSULTATION, post_id, "spb", {_T.SCHOOL_REFUSAL}, period=post.active)
            if self.schools[schools[0]].form is _GS:
                self.tie(
                    _C.REFERRAL, post_id, "eb", {_T.PARENTS}, directed=True, period=post.active
                )
            elif self.draw.chance(CHANCES.post_to_psychiatry):
                self.tie(
                    _C.REFERRAL,
                    post_id,
                    "kjp",
                    {_T.MENTAL_HEALTH},
                    directed=True,
                    period=post.active,
                )
            town = self.schools[schools[0]].town
            for club in _YOUTH_CLUBS.get(town, ()):
                if self.draw.chance(CHANCES.post_to_youth_club):
                    self.tie(
                        _C.JOINT_PROJECT, post_id, club, {_T.PARTICIPATION}, period=post.active
                    )

    def add_school_ties(self) -> None:
        for school_id, school in self.schools.items():
            self.tie(
                _C.OTHER,
                "lsa",
                school_id,
                description="Schulaufsicht",
                period=Period(start=date(2008, 1, 1)),
            )
            if school_id == _ISOLATED:
                continue
            self.parent_ties(school_id)
            self.support_ties(school_id, school)
            self.partner_ties(school_id, school)
            if school_id not in _NO_CAREER:
                self.career_ties(school_id, school)
            self.migration_and_health_ties(school_id, school)
        for town in TOWNS:
            primaries = self.primaries(town.key)
            for first, second in itertools.pairwise(primaries):
                if self.draw.chance(CHANCES.primary_pair):
                    self.tie(_C.JOINT_PROJECT, first, second, {_T.TRANSITION})
        for school_id in _COUNSELLING_TEACHERS:
            teacher = f"blk-{school_id}"
            self.tie(_C.INFORMATION_EXCHANGE, teacher, school_id, intensity=_I.INTEGRATION)
            self.tie(_C.CONSULTATION, "spb", teacher, {_T.SCHOOL_REFUSAL, _T.MENTAL_HEALTH})
            for post_id, schools in self.posts.items():
                if school_id in schools:
                    active = self.actors[post_id].active
                    self.tie(_C.CASE_WORK, teacher, post_id, {_T.ABSENTEEISM}, period=active)

    def parent_ties(self, school_id: str) -> None:
        if school_id in _NO_PARENTS:
            return
        council = "ser-bbs" if school_id in _BBS_SITES else f"ser-{school_id}"
        self.tie(
            _C.CONSULTATION,
            school_id,
            council,
            {_T.PARENTS},
            formality=_F.WRITTEN,
            level=_L.STRATEGIC,
        )
        if school_id not in _BBS_SITES:
            self.tie(_C.INFORMATION_EXCHANGE, council, "ker", {_T.PARENTS}, level=_L.STRATEGIC)

    def support_ties(self, school_id: str, school: _School) -> None:
        primary = school.form is _GS
        topics = {_T.TRANSITION} if primary else {_T.ABSENTEEISM}
        self.tie(_C.INFORMATION_EXCHANGE, "nws", school_id, topics)
        if not primary or self.draw.chance(CHANCES.primary_to_office):
            self.tie(
                _C.AGREEMENT,
                school_id,
                "ja",
                {_T.CHILD_PROTECTION, _T.ABSENTEEISM},
                period=self.since(2012, 2022),
            )
        if not primary or self.draw.chance(CHANCES.primary_to_office):
            self.tie(_C.CONSULTATION, school_id, "spb", {_T.SCHOOL_REFUSAL})
        if primary or school.form is _FOES:
            health = _T.EARLY_CHILDHOOD if primary else _T.INCLUSION
            self.tie(_C.INFORMATION_EXCHANGE, school_id, "ga", {health})
        if primary:
            self.tie(_C.CONSULTATION, school_id, "eb", {_T.PARENTS})
            self.tie(
                _C.CONSULTATION,
                _SPECIAL_FOR[school.town],
                school_id,
                {_T.INCLUSION},
                description="Mobiler Sonderpädagogischer Dienst",
            )

    def partner_ties(self, school_id: str, school: _School) -> None:
        for partner, _name, _kind, town, _parent in _LOCAL_PARTNERS:
            if town == school.town and self.draw.chance(CHANCES.school_to_local_partner):
                self.tie(_C.JOINT_PROJECT, school_id, partner, {_T.PARTICIPATION})
        for partner, chance in CHANCES.school_to_district_partner:
            if self.draw.chance(chance):
                self.tie(_C.JOINT_PROJECT, school_id, partner)

    def career_ties(self, school_id: str, school: _School) -> None:
        career = {_T.CAREER_ORIENTATION}
        lower_secondary = school.form in {_SEK, _GEM, _IGS}
        if lower_secondary or school_id in _LEARNING_SUPPORT or school_id == "foes-ausgleich":
            self.tie(_C.JOINT_PROJECT, "brafo", school_id, career, formality=_F.WRITTEN)
        if school.form is not _GS:
            self.tie(_C.CONSULTATION, "bo-aa", school_id, career)
        if school.form is _BBS or (lower_secondary and school.town == "lindenau"):
            self.tie(_C.JOINT_PROJECT, "jba", school_id, career | {_T.TRANSITION})

    def migration_and_health_ties(self, school_id: str, school: _School) -> None:
        profile = school.profile
        if (profile.migration_rate or 0.0) >= 0.12:  # noqa: PLR2004 (a high share)
            self.tie(_C.INFORMATION_EXCHANGE, school_id, "jmd", {_T.MIGRATION, _T.LANGUAGE})
        if (profile.migration_rate or 0.0) >= 0.15:  # noqa: PLR2004 (a very high share)
            self.tie(_C.INFORMATION_EXCHANGE, "mia", school_id, {_T.MIGRATION, _T.PARENTS})
        if school.form in {_SEK, _GEM, _IGS, _FOES} and (profile.absence_rate or 0.0) >= 0.09:  # noqa: PLR2004
            self.tie(_C.CONSULTATION, "kjp", school_id, {_T.MENTAL_HEALTH, _T.SCHOOL_REFUSAL})

    def add_kita_ties(self) -> None:
        for town in TOWNS:
            local = [partner[0] for partner in _LOCAL_PARTNERS if partner[3] == town.key]
            for kita in self.kitas[town.key]:
                self.tie(
                    _C.AGREEMENT,
                    kita,
                    "ja",
                    {_T.CHILD_PROTECTION},
                    description="Vereinbarung nach § 8a SGB VIII",
                    period=self.since(2012, 2020),
                )
                self.tie(_C.INFORMATION_EXCHANGE, kita, "ga", {_T.EARLY_CHILDHOOD})
                self.tie(_C.CONSULTATION, "kfb", kita, {_T.EARLY_CHILDHOOD})
                if self.draw.chance(CHANCES.kita_to_counselling):
                    self.tie(_C.CONSULTATION, kita, "eb", {_T.PARENTS})
                if self.draw.chance(CHANCES.kita_to_early_support):
                    self.tie(_C.CONSULTATION, "ffs", kita, {_T.INCLUSION, _T.EARLY_CHILDHOOD})
                for partner, chance in CHANCES.kita_to_district_partner:
                    if self.draw.chance(chance):
                        self.tie(_C.JOINT_PROJECT, kita, partner)
                if self.draw.chance(CHANCES.kita_to_local_partner):
                    self.tie(_C.JOINT_PROJECT, kita, self.draw.pick(local), {_T.LANGUAGE})

    def add_flow_ties(self) -> None:
        kita_position = {
            kita: index for kitas in self.kitas.values() for index, kita in enumerate(kitas)
        }
        bergheide_forum = set(_BERGHEIDE_FORUM)
        for flow in self.flows:
            source, target = flow.source, flow.target
            kind = flow.transition
            if kind is TransitionKind.KITA_TO_PRIMARY:
                if self.matched_kita_flow(flow, kita_position[source]):
                    self.transition_tie(source, target, {_T.TRANSITION, _T.EARLY_CHILDHOOD})
            elif kind is TransitionKind.PRIMARY_TO_SECONDARY:
                if (source, target) == _UNMATCHED_FLOW or {source, target} <= bergheide_forum:
                    continue
                if flow.pupils >= _SIZEABLE or self.draw.chance(CHANCES.small_primary_flow):
                    self.transition_tie(source, target, {_T.TRANSITION})
            elif kind in {
                TransitionKind.SECONDARY_TO_VOCATIONAL,
                TransitionKind.SECONDARY_TO_UPPER_SECONDARY,
            } and (flow.pupils >= _SIZEABLE or self.draw.chance(CHANCES.small_leaver_flow)):
                self.transition_tie(source, target, {_T.TRANSITION, _T.CAREER_ORIENTATION})

    def matched_kita_flow(self, flow: TransitionFlow, position: int) -> bool:
        if flow.target == _KITA_GAP or self.schools[flow.target].form is not _GS:
            return False
        if flow.pupils < _SIZEABLE:
            return self.draw.chance(CHANCES.small_kita_flow)
        town = self.schools[flow.target].town
        return not (town == "rosental" and position in _ROSENTAL_FORUM_ONLY)

    def cut_off(self, school_id: str) -> None:
        """Leave a school and its Schulelternrat tied to the Landesschulamt alone (gap 14).

        Their ties are built like those of every other school and removed here, at the
        end, so that the random draws, and with them every other record, stay as they
        were. The council's letters to the Landesschulamt are the one tie added.
        """
        council = f"ser-{school_id}"
        for tie_id, tie in list(self.ties.items()):
            if {school_id, council} & set(tie.actors) and tie_id not in _CUT_OFF_TIES:
                del self.ties[tie_id]
                low, high = sorted(tie.actors)
                self.tie_keys.discard((tie.kind.value, low, high))
        self.tie(
            _C.INFORMATION_EXCHANGE,
            council,
            "lsa",
            {_T.PARENTS, _T.INCLUSION},
            formality=_F.WRITTEN,
            level=_L.STRATEGIC,
            description="Schreiben des Schulelternrats zur Unterrichtsversorgung",
        )

    def transition_tie(self, source: str, target: str, topics: set[Topic]) -> None:
        kita = self.actors[source].kind is ActorKind.DAYCARE
        written = self.draw.chance(0.75 if kita else 0.4)
        changes: dict[str, Any] = {
            "formality": _F.WRITTEN if written else _F.VERBAL,
            "intensity": _I.COORDINATION if self.draw.chance(0.3) else _I.COOPERATION,
            "period": self.since(2014, 2023),
        }
        if kita and self.draw.chance(0.15):
            changes["schedule"] = _schedule(
                "FREQ=MONTHLY;INTERVAL=4;BYDAY=2WE", date(2024, 9, 11), 15
            )
        self.tie(_C.TRANSITION, source, target, topics, **changes)

    # Forums and interventions -----------------------------------------------------

    def forums(self) -> list[Forum]:
        posts = sorted(self.posts)
        rosental = [*self.kitas["rosental"], *self.primaries("rosental"), "kfb"]
        bergheide = [*_BERGHEIDE_FORUM, "ssa-bergheide", "ssa-gs-heiderand"]
        special = [s for s, school in self.schools.items() if school.form is _FOES]
        # The Bildungskonferenz invites every organisation; parents come through the
        # Kreiselternrat, counselling teachers through their schools.
        conference = [
            actor.id
            for actor in self.actors.values()
            if actor.id != "bb"
            and (
                actor.kind not in {ActorKind.PARENTS_COUNCIL, ActorKind.COUNSELLING_TEACHER}
                or actor.id == "ker"
            )
        ]
        # fmt: off
        specs: list[_ForumSpec] = [
            ("ak-absentismus", "Arbeitskreis Schulabsentismus", ForumKind.WORKING_GROUP, "nws",
             _ABSENTEEISM_GROUP, "absenteeism school_refusal",
             ("FREQ=MONTHLY;BYDAY=2WE", date(2019, 9, 11), 15)),
            ("nt-ssa", "Netzwerktreffen Schulsozialarbeit", ForumKind.NETWORK_MEETING, "nws",
             posts, "absenteeism parents child_protection",
             ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU", date(2024, 9, 3), 9)),
            ("bk", "Bildungskonferenz Musterkreis „Übergänge gestalten“", ForumKind.CONFERENCE,
             "bb", conference, "transition early_childhood career_orientation inclusion",
             ("FREQ=YEARLY;BYMONTH=3;BYDAY=3WE", date(2025, 3, 19), 9)),
            ("sg", "Steuerungsgruppe Schulerfolg", ForumKind.STEERING_GROUP, "bb",
             ("kv", "nws", "ja", "lsa", "jba", "ker", "spb"), "absenteeism transition",
             ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", date(2024, 9, 2), 13)),
            ("ueb-kita-gs-rosental", "Übergangsforum Kita–Grundschule Rosental",
             ForumKind.TRANSITION_FORUM, "gemeinde-rosental", rosental,
             "transition early_childhood",
             ("FREQ=MONTHLY;INTERVAL=4;BYDAY=2TH", date(2024, 9, 12), 16)),
            ("ueb-gs-sek-bergheide", "Übergangsforum Grundschule–Sekundarstufe Bergheide",
             ForumKind.TRANSITION_FORUM, "stadt-bergheide", bergheide, "transition",
             ("FREQ=MONTHLY;INTERVAL=6;BYDAY=3TU", date(2024, 11, 19), 15)),
            ("ak-schule-beruf", "Arbeitskreis Übergang Schule–Beruf", ForumKind.WORKING_GROUP,
             "jba", _CAREER_GROUP, "career_orientation transition",
             ("FREQ=MONTHLY;INTERVAL=3;BYDAY=3TH", date(2024, 10, 17), 14)),
            ("jhausschuss", "Jugendhilfeausschuss des Landkreises Musterkreis",
             ForumKind.COMMITTEE, "kv", ("ja", *_PROVIDERS, "ker", "nws"), "child_protection",
             ("FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH", date(2024, 9, 12), 17)),
            ("ag78-jsa", "AG nach § 78 SGB VIII Jugendsozialarbeit", ForumKind.WORKING_GROUP,
             "ja", (*_PROVIDERS, "nws", "jmd", "jba", "eb", "jz-lindenau"), "dropout transition",
             ("FREQ=MONTHLY;INTERVAL=3;BYDAY=2MO", date(2024, 9, 9), 10)),
            ("fk-schulvermeidung", "Fallkonferenz Schulvermeidung", ForumKind.CASE_CONFERENCE,
             "ja", ("spb", "kjp", "nws", "ssa-goldberg", "ssa-lindenau-west", "ssa-wiesengrund",
                    "ssa-elster"), "school_refusal absenteeism", None),
            ("ak-migration", "Arbeitskreis Migration und Bildung", ForumKind.WORKING_GROUP,
             "mia", ("jmd", "mbe", "nws", "kvhs", "gem-lindenau", "sek-goldberg",
                     "gs-weststadt", "gs-lindenhof"), "migration language",
             ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH", date(2024, 9, 5), 15)),
            ("ak-inklusion", "Arbeitskreis Inklusion", ForumKind.WORKING_GROUP, "bb",
             (*special, "spb", "ga", "ffs", "jh-weitblick", "ker"), "inclusion",
             ("FREQ=MONTHLY;INTERVAL=3;BYDAY=4WE", date(2024, 9, 25), 14)),
            ("fachdialog-ssa", "Fachdialog Schulsozialarbeit", ForumKind.CONFERENCE, "nws",
             (*posts, *_PROVIDERS, "kv", "ja", "ker", "lsa"), "absenteeism participation",
             ("FREQ=YEARLY;BYMONTH=6;BYDAY=2TH", date(2024, 6, 13), 9)),
        ]
        # fmt: on
        return [self.forum(spec) for spec in specs]

    def forum(self, spec: _ForumSpec) -> Forum:
        forum_id, name, kind, convenor, members, topics, planned = spec
        schedule = None if planned is None else _schedule(*planned)
        if forum_id == "ak-absentismus":
            last = date(2024, 6, 12)  # gap 8: it has not met since
        elif schedule is None:
            last = date(2025, 10, 14)
        else:
            last = _last_meeting(schedule)
        start = date(2016, 1, 1) if schedule is None else schedule.start.date()
        return Forum(
            id=forum_id,
            name=name,
            kind=kind,
            convenor=convenor,
            members=set(members),
            topics=topic_set(topics),
            schedule=schedule,
            period=Period(start=start),
            funding={"esf-plus"} if convenor == "nws" else set(),
            last_contact=last,
        )

    def interventions(self) -> list[Intervention]:
        kitas = [kita for town in TOWNS for kita in self.kitas[town.key]]
        bridge_year = {
            *self.primaries("elsterbrueck"),
            *self.primaries("muehlhagen"),
            *self.kitas["elsterbrueck"][:6],
            *self.kitas["muehlhagen"][:5],
        }
        mobile = {
            *self.primaries("lindenau"),
            *self.primaries("bergheide"),
            *self.primaries("auenwalde"),
        }
        everywhere = {town.ags for town in TOWNS}
        migration = {_AGS[town] for town in _MIGRATION_SERVED}
        universal, selective, indicated = PreventionTier
        # fmt: off
        return [
            _measure("iv-jeder-tag-zaehlt", "Jeder Tag zählt – Fehlzeitenmonitoring", universal,
                     "absenteeism", providers={"nws"}, sites=_MONITORED,
                     funding={"esf-plus", "kreishaushalt"}, start=date(2023, 8, 1),
                     stages={Stage.LOWER_SECONDARY}),
            _measure("iv-brafo", "BRAFO – Berufsorientierung in Klasse 7 und 8", universal,
                     "career_orientation", providers={"brafo"}, sites=_BRAFO_SITES,
                     funding={"esf-plus", "land-schulerfolg"}, start=ESF_START, end=ESF_END,
                     stages={Stage.LOWER_SECONDARY}, participants=1240),
            _measure("iv-schuleingang", "Schuleingangsuntersuchung mit Entwicklungsberatung",
                     universal, "early_childhood transition", providers={"ga"},
                     municipalities=everywhere, funding={"kreishaushalt"},
                     stages={Stage.EARLY_CHILDHOOD}),
            _measure("iv-sprachfoerderung-kita", "Alltagsintegrierte Sprachförderung in Kitas",
                     universal, "language early_childhood", providers={"jh-regenbogen"},
                     sites=set(kitas[::10]), funding={"land-schulerfolg"},
                     start=date(2021, 1, 1), stages={Stage.EARLY_CHILDHOOD}),
            _measure("iv-elterncafe", "Elterncafé an Grundschulen", universal, "parents",
                     providers={"jh-bruecke"},
                     sites={"gs-lindenhof", "gs-lindenau-nord", "gs-sonnenberg", "gs-weststadt",
                            "gs-heiderand"},
                     funding={"kreishaushalt"}, start=date(2020, 8, 1), target_groups={"Eltern"}),
            _measure("iv-brueckenjahr", "Brückenjahr Kita–Grundschule", universal,
                     "transition early_childhood", providers={"nws"}, sites=bridge_year,
                     funding={"stiftung-brueckenjahr"}, start=date(2025, 1, 1),
                     end=date(2027, 1, 1), stages={Stage.EARLY_CHILDHOOD, Stage.PRIMARY}),
            _measure("iv-lesepaten", "Lesepaten an Grundschulen", universal, "language",
                     providers={"kvhs"},
                     sites={"gs-muehle", "gs-rosenhang", "gs-kirchplatz", "gs-am-deich",
                            "gs-uferstrasse", "gs-hagenwiese", "gs-talblick", "gs-am-anger"},
                     funding={"kreishaushalt"}, start=date(2019, 8, 1)),
            _measure("iv-kinderschutz", "Kinderschutzfortbildung für Kitas und Schulen",
                     universal, "child_protection", providers={"ja"},
                     municipalities=everywhere, funding={"kreishaushalt"}),
            _measure("iv-psychoedukation", "Psychische Gesundheit im Klassenzimmer", universal,
                     "mental_health", providers={"kjp"},
                     sites={"sek-goldberg", "gem-lindenau", "gym-schlossberg", "igs-lindenau",
                            "sek-elster", "gym-auenwalde"},
                     funding={"kreishaushalt"}, start=date(2023, 2, 1)),
            _measure("iv-uebergang-4-5", "Übergangsbegleitung Klasse 4 nach 5", selective,
                     "transition", providers={"jh-bruecke"},
                     sites={"sek-goldberg", "gem-lindenau", "sek-auenwalde", "sek-elster",
                            "gs-lindenhof", "gs-muehle"},
                     funding={"kreishaushalt"}, start=date(2021, 8, 1)),
            _measure("iv-fruehwarnsystem", "Frühwarnsystem Schulabsentismus", selective,
                     "absenteeism", providers={"jh-kompass"},
                     sites={"sek-goldberg", "sek-lindenau-west", "sek-bergheide", "sek-auenwalde",
                            "sek-elster", "sek-muehlhagen", "gem-lindenau", "gem-elsterbrueck",
                            "igs-lindenau", "sek-birkenfelde"},
                     funding={"esf-plus", "kreishaushalt"}, start=date(2022, 8, 1),
                     target_groups={"Schülerinnen und Schüler mit hohen Fehlzeiten"}),
            _measure("iv-schulangst-gs", "Frühe Hilfe bei Schulangst in der Grundschule",
                     selective, "school_refusal absenteeism", providers={"eb"},
                     sites={"gs-lindenhof", "gs-weststadt", "gs-heiderand", "gs-elsterbrueck",
                            "gs-muehlhagen"},
                     funding={"kreishaushalt"}, start=date(2022, 1, 1)),
            _measure("iv-angstgruppe", "Gruppenangebot Angst und Schulvermeidung", selective,
                     "mental_health school_refusal", providers={"kjp"}, sites={"kjp"},
                     capacity=8, participants=7),
            _measure("iv-jmd-bildungsberatung", "Bildungsberatung für junge Zugewanderte",
                     selective, "migration language", providers={"jmd"},
                     municipalities=migration, funding={"bund-jmd"},
                     target_groups={"Neu zugewanderte Jugendliche"}),
            _measure("iv-sprachmittlung", "Sprachmittlung für Elterngespräche", selective,
                     "migration parents language", providers={"mia"},
                     municipalities={_AGS[town] for town in _MIGRATION_SERVED[:6]},
                     funding={"kreishaushalt"}, target_groups={"Eltern"}),
            _measure("iv-willkommen-heidekamp", "Willkommensbegleitung Heidekamp", selective,
                     "migration", providers={"jmd"}, municipalities={_AGS["heidekamp"]},
                     funding={"bund-jmd"}, start=date(2022, 8, 1), end=date(2025, 1, 1)),
            _measure("iv-inklusion", "Inklusive Lernbegleitung", selective, "inclusion",
                     providers={"jh-weitblick"}, municipalities=everywhere - {_AGS["wiesengrund"]},
                     funding={"kreishaushalt"}, start=date(2018, 8, 1)),
            _measure("iv-msd", "Mobiler Sonderpädagogischer Dienst", selective, "inclusion",
                     providers={"foes-wiesenweg", "foes-bergheide", "foes-auenwalde"},
                     sites=mobile),
            _measure("iv-elternkurs", "Elternkurs „Stark durch die Pubertät“", selective,
                     "parents", providers={"eb"},
                     municipalities={_AGS["lindenau"], _AGS["bergheide"], _AGS["auenwalde"]},
                     funding={"kreishaushalt"}, capacity=14, participants=11),
            _measure("iv-berufseinstieg", "Berufseinstiegsbegleitung", selective,
                     "career_orientation dropout", providers={"bwz"},
                     sites={"sek-goldberg", "sek-lindenau-west", "sek-bergheide", "sek-rosental",
                            "foes-wiesenweg", "foes-elsterbrueck"},
                     funding={"esf-plus"}, start=ESF_START, end=ESF_END),
            _measure("iv-neustart", "Projekt Neustart – zurück in die Schule", indicated,
                     "absenteeism school_refusal", providers={"jh-kompass"},
                     sites={"sek-goldberg", "sek-lindenau-west", "gem-lindenau", "igs-lindenau",
                            "sek-bergheide", "sek-auenwalde", "sek-elster"},
                     funding={"kreishaushalt", "land-schulerfolg"}, start=date(2016, 8, 1),
                     capacity=24, participants=19),
            _measure("iv-neustart-wiesengrund", "Projekt Neustart Wiesengrund", indicated,
                     "absenteeism school_refusal", providers={"jh-auenland"},
                     sites={"sek-wiesengrund"}, funding={"esf-plus"}, start=ESF_START,
                     end=ESF_END, capacity=8, participants=6),
            _measure("iv-intensivgruppe", "Intensivpädagogische Kleingruppe", indicated,
                     "school_refusal inclusion", providers={"jh-weitblick"},
                     sites={"foes-ausgleich"}, funding={"kreishaushalt"},
                     start=date(2017, 8, 1), capacity=6, participants=6),
            _measure("iv-sprechstunde-schulvermeidung", "Sprechstunde Schulvermeidung",
                     indicated, "school_refusal mental_health", providers={"kjp"},
                     sites={"kjp"}, start=date(2019, 1, 1)),
            _measure("iv-clearing", "Clearingstelle Schulabsentismus", indicated, "absenteeism",
                     providers={"ja", "spb"}, sites={"ja"}, funding={"kreishaushalt"},
                     start=date(2020, 8, 1), participants=41),
            _measure("iv-abschluss-bbs", "Abschlusscoaching an den Berufsbildenden Schulen",
                     indicated, "dropout career_orientation", providers={"jh-bruecke"},
                     sites={"bbs", *_BBS_SITES}, funding={"esf-plus", "land-schulerfolg"},
                     start=ESF_START, end=ESF_END),
        ]
        # fmt: on


_SIZEABLE = 5
"""Pupils from which a flow should be matched by cooperation."""

# fmt: off
_ABSENTEEISM_GROUP = (
    "ja", "spb", "lsa", "kjp", "jh-kompass", "sek-goldberg", "sek-lindenau-west",
    "sek-bergheide", "sek-auenwalde", "sek-elster", "gem-lindenau", "igs-lindenau",
    "foes-ausgleich", "ssa-goldberg", "ssa-lindenau-west", "ssa-bergheide", "ssa-elster",
    "ssa-foes-ausgleich",
)
# fmt: on
# fmt: off
_CAREER_GROUP = (
    "bo-aa", "brafo", "bwz", "jc", "bbs", *_BBS_SITES, "sek-goldberg", "sek-lindenau-west",
    "sek-bergheide", "sek-auenwalde", "sek-elster", "igs-lindenau", "nws", "jmd",
)
# fmt: on
# fmt: off
_BERGHEIDE_FORUM = (
    "gs-heiderand", "gs-kirchplatz", "gs-bergheide-ost", "gs-kiefernweg", "gs-tannenhoehe",
    "gs-waldblick", "sek-bergheide", "sek-heidekrug", "gym-bergheide", "foes-bergheide",
)
# fmt: on
_MONITORED = {
    school_id
    for school_id, _name, form, _town in SCHOOL_SITES
    if form in {_SEK, _GEM, _IGS} or school_id in {*_LEARNING_SUPPORT, "foes-ausgleich"}
}
_BRAFO_SITES = _MONITORED - {"sek-falkenried"}
# fmt: off
_MIGRATION_SERVED = (
    "lindenau", "bergheide", "auenwalde", "elsterbrueck", "muehlhagen", "rosental",
    "wiesengrund", "birkenfelde",
)
# fmt: on


def _measure(
    measure_id: str,
    name: str,
    tier: PreventionTier,
    topics: str,
    *,
    start: date | None = None,
    end: date | None = None,
    **fields: Any,  # the other fields of Intervention, validated by it
) -> Intervention:
    return Intervention(
        id=measure_id,
        name=name,
        tier=tier,
        topics=topic_set(topics),
        period=Period(start=start, end=end),
        **fields,
    )


def _programmes() -> list[Programme]:
    return [
        Programme(
            id="esf-plus",
            name="Schulerfolg sichern (ESF+)",
            source=FundingSource.EU_ESF_PLUS,
            period=Period(start=ESF_START, end=ESF_END),
            description="Förderperiode bis 31.07.2028; 60 % EU, 20 % Land, 20 % Landkreis.",
        ),
        Programme(
            id="land-schulerfolg",
            name="Landesprogramm Schulerfolg (Landesmittel)",
            source=FundingSource.STATE,
            period=Period(start=date(2008, 8, 1)),
        ),
        Programme(
            id="kreishaushalt",
            name="Haushalt des Landkreises Musterkreis",
            source=FundingSource.DISTRICT,
        ),
        Programme(
            id="stiftung-brueckenjahr",
            name="Projekt Brückenjahr der Stiftung Bildungswege Mitteldeutschland",
            source=FundingSource.FOUNDATION,
            period=Period(start=date(2025, 1, 1), end=date(2027, 1, 1)),
        ),
        Programme(
            id="bund-jmd",
            name="Bundesprogramm Jugendmigrationsdienste",
            source=FundingSource.FEDERAL,
        ),
    ]


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return text.lower().translate(table)


def _schedule(rule: str, first: date, hour: int) -> MeetingSchedule:
    start = datetime(first.year, first.month, first.day, hour, tzinfo=_BERLIN)
    return MeetingSchedule(rule=rule, start=start)


def _last_meeting(schedule: MeetingSchedule) -> date:
    meeting = schedule.last_before(REFERENCE_DATE)
    if meeting is None:
        msg = f"no meeting of {schedule.rule!r} before {REFERENCE_DATE}"
        raise ValueError(msg)
    return meeting.date()


def build_musterkreis() -> EducationNetwork:
    """Build Musterkreis from its definition.

    Returns
    -------
    network
        The invented district, equal to the shipped ``musterkreis.json`` (see the module
        docstring for the gaps it contains).

    Examples
    --------
    >>> network = build_musterkreis()
    >>> network.name, len(network.actors_of("school"))
    ('Musterkreis', 78)
    """
    builder = _Builder()
    builder.add_central()
    builder.add_schools()
    builder.add_kitas()
    builder.add_posts()
    builder.add_councils()
    builder.add_kita_flows()
    builder.add_primary_flows()
    builder.add_secondary_flows()
    builder.add_extra_ties()
    builder.add_core_ties()
    builder.add_post_ties()
    builder.add_school_ties()
    builder.add_kita_ties()
    builder.add_flow_ties()
    builder.cut_off(_CUT_OFF)
    missing = sorted(set(_TIE_CHANGES) - set(builder.ties))
    if missing:
        msg = f"changes for ties that were not built: {missing}"
        raise ValueError(msg)
    return EducationNetwork(
        name="Musterkreis",
        region="Musterkreis (erfunden), Sachsen-Anhalt",
        reference_date=REFERENCE_DATE,
        actors=tuple(builder.actors.values()),
        cooperations=tuple(builder.ties.values()),
        forums=tuple(builder.forums()),
        flows=tuple(builder.flows),
        interventions=tuple(builder.interventions()),
        programmes=tuple(_programmes()),
        description=(
            "Erfundener Landkreis mit den Größenverhältnissen eines Landkreises in "
            "Sachsen-Anhalt. Alle Namen von Orten, Schulen, Kitas, Trägern, Gremien und "
            "Maßnahmen sind frei erfunden; Ähnlichkeiten mit realen Einrichtungen sind "
            "zufällig. Der Kreisschlüssel 15099 ist nicht vergeben. Beispieldaten des "
            "Pakets bildungsnetz, Stichtag 1. November 2025."
        ),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write Musterkreis as a JSON document.

    Parameters
    ----------
    argv
        The command-line arguments without the program name: optionally the output path
        (default: ``musterkreis.json`` beside this module).

    Returns
    -------
    status
        The exit status, 0 on success.
    """
    # Imported here: bildungsnetz.io imports the model, and the datasets package must
    # stay importable from io's own doctests without a cycle.
    from bildungsnetz.io import save  # noqa: PLC0415

    parser = argparse.ArgumentParser(
        prog="python -m bildungsnetz.datasets._musterkreis",
        description="Write the invented example district Musterkreis as JSON.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        default=Path(__file__).with_name("musterkreis.json"),
        help="where to write the file (default: the shipped musterkreis.json)",
    )
    arguments = parser.parse_args(argv)
    save(build_musterkreis(), arguments.path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
