"""Matching the names a survey's respondents write to the actors of a network.

Three stages, each tried only when the one before finds nothing: the exact id or the exact
name; the normalised name (case, umlauts and ß, punctuation and spacing folded, a trailing
legal form such as ``e. V.``, ``gGmbH`` or ``GmbH`` dropped); and a fuzzy candidate, which
is never taken but offered for review. A name the caller has decided (``accept``) is taken
as decided, before any stage.

Examples
--------
>>> from bildungsnetz import Actor, EducationNetwork
>>> network = EducationNetwork(name="X", actors=[
...     Actor(id="jh-bruecke", name="Brücke Jugendhilfe gGmbH", kind="youth_welfare_provider")])
>>> matcher = NameMatcher(network, accept={})
>>> matcher.match("BRÜCKE Jugendhilfe GmbH").actor, matcher.match("Brücke Jugendhilfe").stage
('jh-bruecke', 'normalised')
>>> matcher.match("Bruecke Jugendhlfe").candidates[0].actor
'jh-bruecke'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from bildungsnetz.errors import UnknownActorError
from bildungsnetz.model._lookalike import skeleton

if TYPE_CHECKING:
    from collections.abc import Mapping

    from bildungsnetz.model import EducationNetwork

__all__ = [
    "FUZZY_CUTOFF",
    "Candidate",
    "Match",
    "NameMatcher",
    "Stage",
    "name_key",
    "written",
]

Stage = Literal["id", "name", "normalised", "accepted"]
"""How a name was matched to an actor: exact id, exact name, normalised name, accepted."""

FUZZY_CUTOFF = 0.85
"""The least similarity (0 to 1) of a fuzzy candidate offered for review.

The similarity is :class:`difflib.SequenceMatcher`'s ratio of the normalised names. In
Musterkreis, typing errors score 0.97 and more, names of different actors of the same place
at most 0.8 (``Tafel Lindenau`` against ``Stadt Lindenau``: 0.77).
"""

_MOST_CANDIDATES = 3
# Legal forms dropped from the end of a name, as the words _plain() leaves of them.
_LEGAL_FORMS = sorted(
    [
        ("e", "v"),
        ("ev",),
        ("ggmbh",),
        ("gmbh",),
        ("gemeinnuetzige", "gmbh"),
        ("mbh",),
        ("gug",),
        ("ug",),
        ("ug", "haftungsbeschraenkt"),
        ("ag",),
        ("gag",),
        ("eg",),
        ("e", "g"),
    ],
    key=len,
    reverse=True,
)
_WORD_BREAK = re.compile(r"[\W_]+")
_UMLAUTS = frozenset("äöüÄÖÜß")


def written(name: str) -> str:
    """Return a name as it is compared at the first stage: NFC, outer and inner spacing tidied.

    Examples
    --------
    >>> written("  Jugendamt   Musterkreis ")
    'Jugendamt Musterkreis'
    """
    return " ".join(unicodedata.normalize("NFC", name).split())


def name_key(name: str) -> str:
    """Return a name as it is compared at the normalised stage.

    Case, umlauts and ß are folded, punctuation and spacing dropped, accents removed, and
    legal forms at the end (``e. V.``, ``gGmbH``, ``GmbH``, ``gUG``, ``UG
    (haftungsbeschränkt)``, ``AG``, ``eG``) left out, so ``Kompass – Verein e. V.`` and
    ``Kompass - Verein`` compare equal.

    Examples
    --------
    >>> name_key("Brücke Jugendhilfe gGmbH") == name_key("Bruecke  JUGENDHILFE GmbH")
    True
    >>> name_key("Jugendwerk Auenland e.V."), name_key("Sprachcafé Lindenau")
    ('jugendwerkauenland', 'sprachcafelindenau')
    """
    words = [_plain(word) for word in _WORD_BREAK.split(name)]
    words = [word for word in words if word]
    shortened = True
    while shortened:
        shortened = False
        for form in _LEGAL_FORMS:
            # A name that is nothing but a legal form keeps it.
            if len(words) > len(form) and tuple(words[-len(form) :]) == form:
                words = words[: -len(form)]
                shortened = True
                break
    return "".join(words)


def _plain(word: str) -> str:
    # Cyrillic and Greek letters that look Latin count as Latin (the skeleton), so that a
    # look-alike name matches the name it imitates. Umlauts and ß fold as in headers, other
    # accented letters lose their accent, so that "é" counts as "e"; letters and digits of
    # every script stay, so that two Arabic or Cyrillic names do not both fold to nothing.
    unaccented = "".join(
        character if character in _UMLAUTS else _unaccented(character)
        for character in skeleton(unicodedata.normalize("NFC", word))
    )
    folded = unaccented.casefold()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        folded = folded.replace(umlaut, spelled)
    return "".join(character for character in folded if character.isalnum())


def _unaccented(character: str) -> str:
    decomposed = unicodedata.normalize("NFKD", character)
    return "".join(part for part in decomposed if not unicodedata.combining(part))


@dataclass(frozen=True)
class Candidate:
    """An actor a name may mean, with how similar their names are (0 to 1).

    Examples
    --------
    >>> Candidate("eb", "Erziehungsberatung Lindenau", 0.98).similarity
    0.98
    """

    actor: str
    name: str
    similarity: float


@dataclass(frozen=True)
class Match:
    """What a name was matched to: an actor and the stage, or the candidates to review.

    Examples
    --------
    >>> Match(actor="ja", stage="name").actor
    'ja'
    """

    actor: str | None = None
    stage: Stage | None = None
    candidates: tuple[Candidate, ...] = ()


class NameMatcher:
    """Matches names to the actors of a network, stage by stage.

    Parameters
    ----------
    network
        The network whose actors the names mean.
    accept
        Names (as written, spacing tidied) decided by a person: the actor id they mean, or
        ``None`` for a name that is no actor of the network.

    Raises
    ------
    UnknownActorError
        If ``accept`` names an actor id the network lacks.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> matcher = NameMatcher(musterkreis(), accept={"Kita Sonenschein": None})
    >>> matcher.match("ja").stage, matcher.match("Jugendamt Musterkreis").stage
    ('id', 'name')
    >>> matcher.match("Kita Sonenschein")
    Match(actor=None, stage='accepted', candidates=())
    """

    def __init__(self, network: EducationNetwork, *, accept: Mapping[str, str | None]) -> None:
        for actor_id in accept.values():
            if actor_id is not None and not network.has_actor(actor_id):
                raise UnknownActorError(actor_id, network=network.name)
        self._network = network
        self._accept = {written(name): actor_id for name, actor_id in accept.items()}
        self._by_name: dict[str, list[str]] = defaultdict(list)
        self._by_key: dict[str, list[str]] = defaultdict(list)
        for actor in network.actors:
            self._by_name[actor.name].append(actor.id)
            self._by_key[name_key(actor.name)].append(actor.id)
        self._keys = sorted(self._by_key)

    def match(self, name: str) -> Match:
        """Return what ``name`` means: an actor with its stage, or candidates to review.

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis
        >>> matcher = NameMatcher(musterkreis(), accept={})
        >>> [c.actor for c in matcher.match("Kita Sonenschein Lindenau").candidates]
        ['kita-sonnenschein-lindenau']
        """
        text = written(name)
        if text in self._accept:
            return Match(self._accept[text], "accepted")
        if self._network.has_actor(text):
            return Match(text, "id")
        stages: tuple[tuple[Stage, list[str]], ...] = (
            ("name", self._by_name.get(text, [])),
            ("normalised", self._by_key.get(name_key(text), [])),
        )
        for stage, found in stages:
            if len(found) == 1:
                return Match(found[0], stage)
            if found:
                # Two actors of the same name: a person decides which is meant.
                return Match(candidates=tuple(self._candidate(i, 1.0) for i in sorted(found)))
        return Match(candidates=self._similar(name_key(text)))

    def _similar(self, key: str) -> tuple[Candidate, ...]:
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)
        scored: list[tuple[float, str]] = []
        for other in self._keys:
            matcher.set_seq1(other)
            # The quick upper bounds skip most names before the exact ratio is computed.
            if (
                matcher.real_quick_ratio() >= FUZZY_CUTOFF
                and matcher.quick_ratio() >= FUZZY_CUTOFF
                and (ratio := matcher.ratio()) >= FUZZY_CUTOFF
            ):
                scored.extend((ratio, actor_id) for actor_id in self._by_key[other])
        scored.sort(key=lambda item: (-item[0], item[1]))
        return tuple(self._candidate(i, ratio) for ratio, i in scored[:_MOST_CANDIDATES])

    def _candidate(self, actor_id: str, similarity: float) -> Candidate:
        return Candidate(actor_id, self._network.actor(actor_id).name, round(similarity, 3))
