"""Gap findings: what is missing, fragile or about to end, explained and ranked.

Examples
--------
>>> from bildungsnetz.gaps.gap import Explanation, Gap, GapKind
>>> gap = Gap.create(
...     kind="missing_required_tie",
...     severity="high",
...     actors=("gs-07",),
...     rule="school-social-work",
...     key={"partner": "school_social_work"},
...     explanation=Explanation(de="Keine Schulsozialarbeit.", en="No school social work."),
...     method="bildungsnetz.gaps.find_missing_required_ties",
... )
>>> gap.id == Gap.create(kind="missing_required_tie", severity="low", actors=("gs-07",),
...                      rule="school-social-work", key={"partner": "school_social_work"},
...                      explanation=Explanation(de="x", en="x"), method="m").id
True
>>> gap.kind.label()
'Fehlende Pflichtverbindung'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from json import encoder as json_encoder
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer

from bildungsnetz._repr import MAX_ITEMS, changed_fields, shortened
from bildungsnetz._templates import render_or_none
from bildungsnetz.model import Cooperation, CooperationKind, Intensity, Language, Severity
from bildungsnetz.model.enums import LabelledEnum, register_labels

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from bildungsnetz.model import EducationNetwork

__all__ = [
    "AnySuggestion",
    "EvidenceValue",
    "Explanation",
    "Gap",
    "GapKind",
    "SuggestedMeasure",
    "SuggestedPlacement",
    "SuggestedTie",
    "Suggestion",
    "concern_id",
]

EvidenceValue = int | float | str | bool | None
"""A number, word or flag behind a finding; ``None`` marks a suppressed count."""


class GapKind(LabelledEnum):
    """What kind of gap a finding describes.

    Examples
    --------
    >>> GapKind("funding_cliff").label(), GapKind("funding_cliff").label("en")
    ('Förderende', 'funding cliff')
    """

    MISSING_REQUIRED_TIE = "missing_required_tie"
    UNREACHABLE = "unreachable"
    FRAGILE_PAIR = "fragile_pair"
    CUT_ACTOR = "cut_actor"
    CUT_TIE = "cut_tie"
    EXCLUSIVE_BROKER = "exclusive_broker"
    UNDERLINKED_GROUPS = "underlinked_groups"
    INSULAR_GROUP = "insular_group"
    DEPENDENT_ACTOR = "dependent_actor"
    ISOLATED_ACTOR = "isolated_actor"
    SHALLOW_COOPERATION = "shallow_cooperation"
    UNCONFIRMED_TIE = "unconfirmed_tie"
    DATA_GAP = "data_gap"
    TRANSITION_WITHOUT_COOPERATION = "transition_without_cooperation"
    UNCOVERED_TOPIC = "uncovered_topic"
    UNMET_NEED = "unmet_need"
    PROVIDER_DEPENDENCE = "provider_dependence"
    EXPIRING_CRITICAL_TIE = "expiring_critical_tie"
    FUNDING_CLIFF = "funding_cliff"
    TEMPORARY_PLACEMENT = "temporary_placement"
    DORMANT_TIE = "dormant_tie"


register_labels(
    [
        (GapKind.MISSING_REQUIRED_TIE, ("Fehlende Pflichtverbindung", "missing required tie")),
        (GapKind.UNREACHABLE, ("Nicht erreichbar", "unreachable")),
        (GapKind.FRAGILE_PAIR, ("Verbindung über nur einen Vermittler", "fragile pair")),
        (GapKind.CUT_ACTOR, ("Einzelner Verbindungsakteur", "cut actor")),
        (GapKind.CUT_TIE, ("Einzige Verbindung", "cut tie")),
        (GapKind.EXCLUSIVE_BROKER, ("Alleiniger Vermittler", "exclusive broker")),
        (GapKind.UNDERLINKED_GROUPS, ("Schwach verbundene Bereiche", "underlinked groups")),
        (GapKind.INSULAR_GROUP, ("Abgeschotteter Bereich", "insular group")),
        (GapKind.DEPENDENT_ACTOR, ("Abhängiger Akteur", "dependent actor")),
        (GapKind.ISOLATED_ACTOR, ("Isolierter Akteur", "isolated actor")),
        (GapKind.SHALLOW_COOPERATION, ("Oberflächliche Zusammenarbeit", "shallow cooperation")),
        (GapKind.UNCONFIRMED_TIE, ("Unbestätigte Verbindung", "unconfirmed tie")),
        (GapKind.DATA_GAP, ("Datenlücke", "data gap")),
        (
            GapKind.TRANSITION_WITHOUT_COOPERATION,
            ("Übergang ohne Kooperation", "transition without cooperation"),
        ),
        (GapKind.UNCOVERED_TOPIC, ("Unabgedecktes Thema", "uncovered topic")),
        (GapKind.UNMET_NEED, ("Ungedeckter Bedarf", "unmet need")),
        (GapKind.PROVIDER_DEPENDENCE, ("Abhängigkeit von einem Träger", "provider dependence")),
        (
            GapKind.EXPIRING_CRITICAL_TIE,
            ("Auslaufende kritische Verbindung", "expiring critical tie"),
        ),
        (GapKind.FUNDING_CLIFF, ("Förderende", "funding cliff")),
        (GapKind.TEMPORARY_PLACEMENT, ("Befristete Schulsozialarbeit", "temporary placement")),
        (GapKind.DORMANT_TIE, ("Ruhende Verbindung", "dormant tie")),
    ]
)


def _read_only(value: Mapping[str, Any]) -> Mapping[str, Any]:
    # Findings are immutable all the way down: their mappings cannot be changed either.
    # The order stays as the detector wrote it, which reads best.
    return MappingProxyType(dict(value))


ReadOnlyMapping = Annotated[
    Mapping[str, Any],
    AfterValidator(_read_only),
    PlainSerializer(dict, return_type=dict[str, Any]),
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # The fields given, long texts and lists cut: a repr that fits on a line.
        return changed_fields(self)

    @classmethod
    def _trusted(cls, **values: Any) -> Self:
        """Build from values that already have the types of the fields, without validation.

        For what the detectors assemble from validated records (findings and remedies):
        validating them again would change nothing but cost time, and a report of all of
        Germany builds hundreds of thousands. The result is what validation would give:
        the same fields, the given ones recorded as set, the others at their defaults,
        frozen. Never for anything read from outside; ``tests/test_gaps_trusted.py``
        validates a copy of every finding and remedy of reports of many networks.
        """
        known = _DEFAULTS.get(cls)
        if known is None:
            # A default made by a factory is shared by no two models: such fields are given.
            given = frozenset(
                name
                for name, info in cls.model_fields.items()
                if info.is_required() or info.default_factory is not None
            )
            known = _DEFAULTS[cls] = (
                {
                    name: None if name in given else info.default
                    for name, info in cls.model_fields.items()
                },
                given,
            )
        defaults, required = known
        if not required <= values.keys() <= defaults.keys():
            msg = (
                f"{cls.__name__} needs {sorted(required - values.keys())} and has no "
                f"{sorted(values.keys() - defaults.keys())}"
            )
            raise TypeError(msg)
        data = {**defaults, **values}
        model = cls.__new__(cls)
        object.__setattr__(model, "__dict__", data)
        object.__setattr__(model, "__pydantic_fields_set__", set(values))
        object.__setattr__(model, "__pydantic_extra__", None)
        object.__setattr__(model, "__pydantic_private__", None)
        return model


_DEFAULTS: dict[type[_Frozen], tuple[dict[str, Any], frozenset[str]]] = {}
"""Per model, its fields in order with their defaults, and the fields to be given."""


# A sentence that ends on a name ending in an abbreviation ("… e. V.") gets no second
# period; an ellipsis stays.
_DOUBLE_PERIOD = re.compile(r"(?<=[^.]\.)\.(?=\s|$)")


def _tidy(text: str) -> str:
    return _DOUBLE_PERIOD.sub("", text)


Sentence = Annotated[str, AfterValidator(_tidy)]


class Explanation(_Frozen):
    """What a finding means, in German and English, for a district officer.

    Examples
    --------
    >>> Explanation(de="Hallo", en="Hello").text("en")
    'Hello'
    >>> Explanation(de="Träger ist Kompass e. V..", en="-").de
    'Träger ist Kompass e. V.'
    """

    de: Sentence
    en: Sentence

    def text(self, lang: Language = "de") -> str:
        """Return the explanation in ``lang``."""
        return self.de if lang == "de" else self.en


class _Remedy(_Frozen):
    """What every suggestion has: how natural it is, why, and what it is verified to do."""

    plausibility: Annotated[float, Field(ge=0.0, le=1.0)]
    reason: Explanation
    closes: tuple[str, ...] = ()
    remaining: Annotated[int, Field(ge=0)] = 0


class SuggestedTie(_Remedy):
    """A cooperation between two actors that would close (or advance) a finding.

    Parameters
    ----------
    actors
        The two actors that should cooperate.
    kind
        The kind of cooperation proposed.
    intensity
        The intensity the cooperation needs to count (for a rule with ``min_intensity``),
        or ``None``.
    plausibility
        How natural the pair is, from 0 to 1 (same municipality, fitting roles, spare
        capacity).
    reason
        Why this pair, in German and English.
    closes
        The ids of the findings it is verified to close: applied alone to the network,
        none of them is found again (see :attr:`Gap.concern`).
    remaining
        0 when it closes the finding it is listed under; otherwise it is a step, and this
        is what still remains of that finding after it (partners still missing, parts
        still cut off), as the reason says.

    Examples
    --------
    >>> tie = SuggestedTie(actors=("gs-07", "ja"), kind="case_work", plausibility=0.8,
    ...                    reason=Explanation(de="Gleiche Gemeinde.", en="Same municipality."))
    >>> tie.kind, tie.key
    (<CooperationKind.CASE_WORK: 'case_work'>, ('tie', 'gs-07', 'ja', 'case_work'))
    """

    type: Literal["tie"] = "tie"
    actors: tuple[str, str]
    kind: CooperationKind
    intensity: Intensity | None = None

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two suggestions the same: the form, the sorted pair and the kind."""
        first, second = sorted(self.actors)
        return ("tie", first, second, self.kind.value)

    def cooperation(self, network: EducationNetwork) -> Cooperation:
        """Return the cooperation the suggestion stands for, with an id new to ``network``."""
        return _new_cooperation(network, self.actors, self.kind, self.intensity)

    def apply(self, network: EducationNetwork) -> EducationNetwork:
        """Return ``network`` with the suggested cooperation added (a new network).

        Examples
        --------
        >>> from bildungsnetz.datasets import musterkreis
        >>> network = musterkreis()
        >>> tie = SuggestedTie(actors=("gs-lindenhof", "ja"), kind="case_work",
        ...                    plausibility=0.5, reason=Explanation(de="-", en="-"))
        >>> len(tie.apply(network).cooperations) - len(network.cooperations)
        1
        """
        return network.with_cooperations(self.cooperation(network))


class SuggestedPlacement(_Remedy):
    """An existing post (school social work) placed at one more school.

    Parameters
    ----------
    actors
        The school and the post.
    serves
        The schools the post already serves, so that the office sees what it asks of it.
    intensity
        The intensity the placement needs to count, or ``None``.
    plausibility, reason, closes, remaining
        As for :class:`SuggestedTie`.

    Examples
    --------
    >>> placement = SuggestedPlacement(actors=("gs-07", "ssa-03"), serves=("gs-01",),
    ...                                plausibility=0.7, reason=Explanation(de="-", en="-"))
    >>> placement.kind, placement.key
    (<CooperationKind.PLACEMENT: 'placement'>, ('placement', 'gs-07', 'ssa-03'))
    """

    type: Literal["placement"] = "placement"
    actors: tuple[str, str]
    serves: tuple[str, ...] = ()
    intensity: Intensity | None = None

    @property
    def kind(self) -> CooperationKind:
        """Always :attr:`~bildungsnetz.model.CooperationKind.PLACEMENT`."""
        return CooperationKind.PLACEMENT

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two suggestions the same: the form, the school and the post."""
        return ("placement", *self.actors)

    def cooperation(self, network: EducationNetwork) -> Cooperation:
        """Return the placement as a cooperation, with an id new to ``network``."""
        return _new_cooperation(network, self.actors, self.kind, self.intensity)

    def apply(self, network: EducationNetwork) -> EducationNetwork:
        """Return ``network`` with the placement added (a new network)."""
        return network.with_cooperations(self.cooperation(network))


class SuggestedMeasure(_Remedy):
    """A running intervention extended to one more site.

    Parameters
    ----------
    intervention
        The id of the intervention.
    site
        The actor (a school) it would also run at.
    providers
        Who runs the intervention, for display.
    plausibility, reason, closes, remaining
        As for :class:`SuggestedTie`.

    Examples
    --------
    >>> measure = SuggestedMeasure(intervention="m-1", site="gs-07", plausibility=0.6,
    ...                            reason=Explanation(de="-", en="-"))
    >>> measure.actors, measure.key
    (('gs-07',), ('measure', 'm-1', 'gs-07'))
    """

    type: Literal["measure"] = "measure"
    intervention: str
    site: str
    providers: tuple[str, ...] = ()

    @property
    def actors(self) -> tuple[str, ...]:
        """The site, then the providers."""
        return (self.site, *self.providers)

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two suggestions the same: the form, the intervention and the site."""
        return ("measure", self.intervention, self.site)

    def apply(self, network: EducationNetwork) -> EducationNetwork:
        """Return ``network`` with the intervention also running at the site."""
        measure = network.intervention(self.intervention)
        extended = measure.model_copy(update={"sites": measure.sites | {self.site}})
        return network.with_interventions(extended)


Suggestion = Annotated[
    SuggestedTie | SuggestedPlacement | SuggestedMeasure, Field(discriminator="type")
]
"""Any suggestion: a new tie, an existing post placed at a school, a measure extended."""

AnySuggestion = SuggestedTie | SuggestedPlacement | SuggestedMeasure
"""The suggestion types, for ``isinstance`` and annotations."""


def _new_cooperation(
    network: EducationNetwork,
    actors: tuple[str, str],
    kind: CooperationKind,
    intensity: Intensity | None,
) -> Cooperation:
    # An id from the pair and kind, so that the same suggestion always adds the same
    # record; a number is appended in the unlikely case the network already uses it.
    stem = "vorschlag-" + hashlib.sha256("|".join((*actors, kind.value)).encode()).hexdigest()[:12]
    number, candidate = 1, stem
    while _has_cooperation(network, candidate):
        number += 1
        candidate = f"{stem}-{number}"
    return Cooperation(id=candidate, actors=actors, kind=kind, intensity=intensity)


def _has_cooperation(network: EducationNetwork, cooperation_id: str) -> bool:
    try:
        network.cooperation(cooperation_id)
    except KeyError:
        return False
    return True


# What a finding's id hashes, written the same way every time (one encoder, built once:
# json.dumps would build a new one for every finding).
_IDENTITY = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def _make_identity_text() -> Callable[[Any], str]:
    """Return what ``_IDENTITY.encode`` returns, through one C encoder made once.

    ``JSONEncoder.encode`` makes a new C encoder (and its cycle markers) for every call,
    which costs more than encoding an identity; ids are public, so the text must be the
    same byte for byte: the same C encoder with the same settings. Identities are trees of
    a few values, never cyclic, so no markers are kept. Without the C encoder, the plain
    one.
    """
    make = getattr(json_encoder, "c_make_encoder", None)
    if make is None:  # pragma: no cover - CPython always has it
        return _IDENTITY.encode
    chunks = make(
        None,
        _IDENTITY.default,
        json_encoder.encode_basestring,
        None,
        _IDENTITY.key_separator,
        _IDENTITY.item_separator,
        True,
        False,
        True,
    )

    def text(identity: Any) -> str:
        return "".join(chunks(identity, 0))

    return text


_identity_text = _make_identity_text()


def gap_id(kind: GapKind, actors: tuple[str, ...], rule: str | None, key: Mapping[str, Any]) -> str:
    """Return the stable id of a finding: a hash of what identifies it.

    The same gap always gets the same id, whatever the order of the input records, so
    reports of two dates can be compared finding by finding.

    Examples
    --------
    >>> first = gap_id(GapKind.CUT_TIE, ("a", "b"), None, {})
    >>> first == gap_id(GapKind.CUT_TIE, ("a", "b"), None, {}), first[:2]
    (True, 'g-')
    """
    identity = _identity_text(
        {"kind": kind.value, "actors": list(actors), "rule": rule, "key": dict(key)}
    )
    return "g-" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


# The kinds that tell the same breach in several shapes: a school's missing, unreachable,
# fragile, shallow or unconfirmed partner under one rule is one concern.
_FAMILY = {
    GapKind.UNREACHABLE: GapKind.MISSING_REQUIRED_TIE,
    GapKind.FRAGILE_PAIR: GapKind.MISSING_REQUIRED_TIE,
    GapKind.SHALLOW_COOPERATION: GapKind.MISSING_REQUIRED_TIE,
    GapKind.UNCONFIRMED_TIE: GapKind.MISSING_REQUIRED_TIE,
}
# The kinds whose first actor is what the finding is about; for the others the key says it
# (the programme of a funding cliff, the topic and unit of an uncovered topic, the tie of a
# cut tie) and the actors are only those concerned.
_ABOUT_FIRST_ACTOR = frozenset(
    {
        GapKind.MISSING_REQUIRED_TIE,
        GapKind.CUT_ACTOR,
        GapKind.EXCLUSIVE_BROKER,
        GapKind.DEPENDENT_ACTOR,
        GapKind.ISOLATED_ACTOR,
        GapKind.TRANSITION_WITHOUT_COOPERATION,
        GapKind.UNMET_NEED,
        GapKind.TEMPORARY_PLACEMENT,
    }
)


def concern_id(
    kind: GapKind, actors: tuple[str, ...], rule: str | None, key: Mapping[str, Any]
) -> str:
    """Return the id of what a finding is about, the same for every shape it takes.

    Two findings share a concern when they report the same breach: the same rule and the
    same subject for the required-tie kinds (missing, unreachable, fragile, shallow,
    unconfirmed), the same actor and key for the kinds about one actor, the same key
    otherwise. A suggestion closes a finding when, applied to the network, no finding of
    the same concern is found again.

    Examples
    --------
    >>> missing = concern_id(GapKind.MISSING_REQUIRED_TIE, ("gs",), "ja", {"partner": ["x"]})
    >>> missing == concern_id(GapKind.FRAGILE_PAIR, ("gs", "gym"), "ja", {})
    True
    """
    family = _FAMILY.get(kind, kind)
    if family is GapKind.MISSING_REQUIRED_TIE:
        identity: dict[str, Any] = {"about": list(actors[:1])}
    elif family in _ABOUT_FIRST_ACTOR:
        identity = {"about": list(actors[:1]), "key": dict(key)}
    else:
        identity = {"key": dict(key)}
    text = _identity_text({"kind": family.value, "rule": rule, **identity})
    return "c-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Gap(_Frozen):
    """One finding: a gap in the cooperation structure, explained and with remedies.

    Use :meth:`create` to build one; it computes the stable ``id``.

    Parameters
    ----------
    id
        Stable: a hash of kind, actors, rule and identifying parameters.
    concern
        What the finding is about, the same for every shape the breach takes (see
        :func:`concern_id`): a school whose missing partner becomes a fragile one keeps
        its concern.
    kind
        What kind of gap it is.
    severity
        How urgent it is (info < low < medium < high < critical).
    score
        How much it matters within its kind and severity (pupils concerned, actors cut
        off, pairs brokered); larger first.
    actors
        The actors concerned, the one the finding is about first.
    rule
        The id of the rule it breaches, or ``None`` for structural findings.
    evidence
        The numbers behind it. Pupil counts have passed through
        :mod:`bildungsnetz.privacy`; ``None`` marks a suppressed count.
    details
        The evidence as people read it, one line per item in both languages: labels,
        German number format in German, names instead of ids, meeting rules in words.
    explanation
        What it means, in German and English.
    suggestions
        Remedies verified to close it (or to be a step towards closing it, see
        ``remaining``), most useful first: new ties, existing posts placed at a school,
        measures extended to a site. :attr:`suggested_ties` holds the ties among them.
    method
        The function that found it.
    params
        The parameters it was found with (rule settings, day, projection).

    Examples
    --------
    >>> from bildungsnetz import find_gaps
    >>> from bildungsnetz.datasets import musterkreis
    >>> gap = find_gaps(musterkreis())[0]
    >>> gap.severity >= find_gaps(musterkreis())[-1].severity
    True
    """

    id: str
    concern: str
    kind: GapKind
    severity: Severity
    score: float = 0.0
    actors: tuple[str, ...]
    rule: str | None = None
    evidence: ReadOnlyMapping = Field(default_factory=dict)
    details: tuple[Explanation, ...] = ()
    explanation: Explanation
    suggestions: tuple[Suggestion, ...] = ()
    method: str
    params: ReadOnlyMapping = Field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        # What tells findings apart; texts, evidence and remedies are for str() and the view.
        for name in ("id", "kind", "severity", "score", "actors", "rule"):
            yield name, shortened(getattr(self, name))

    def __str__(self) -> str:
        """Return the finding in German in a few lines: what, why, evidence, remedies."""
        return "\n".join(gap_lines(self, {}, "de"))

    def _repr_html_(self) -> str | None:
        """Return the finding for Jupyter (German), or ``None`` without Jinja2.

        Examples
        --------
        >>> from bildungsnetz import find_gaps
        >>> from bildungsnetz.datasets import musterkreis
        >>> "Ungedeckter Bedarf" in find_gaps(musterkreis())[0]._repr_html_()
        True
        """
        return render_or_none("view_gap.html.j2", **gap_view(self, {}, "de"))

    @classmethod
    def create(
        cls,
        *,
        kind: GapKind | str,
        severity: Severity | str,
        actors: tuple[str, ...],
        explanation: Explanation,
        method: str,
        rule: str | None = None,
        key: Mapping[str, Any] | None = None,
        score: float = 0.0,
        evidence: Mapping[str, EvidenceValue] | None = None,
        suggestions: tuple[AnySuggestion, ...] = (),
        params: Mapping[str, Any] | None = None,
    ) -> Gap:
        """Build a finding, deriving its stable id from kind, actors, rule and ``key``.

        ``key`` holds the parameters that tell this finding apart from another of the same
        kind about the same actors (such as the partner kind a school lacks); unlike
        ``evidence`` it must not change when only the numbers change.
        """
        gap_kind = GapKind(kind)
        # Every field as validation would leave it (a float score, tuples, read-only
        # mappings), built without it: the detectors give validated parts.
        return cls._trusted(
            id=gap_id(gap_kind, actors, rule, key or {}),
            concern=concern_id(gap_kind, actors, rule, key or {}),
            kind=gap_kind,
            severity=Severity(severity),
            score=float(score),
            actors=tuple(actors),
            rule=rule,
            evidence=_read_only(evidence or {}),
            explanation=explanation,
            suggestions=tuple(suggestions),
            method=method,
            params=_read_only(params or {}),
        )

    @property
    def suggested_ties(self) -> tuple[SuggestedTie | SuggestedPlacement, ...]:
        """The suggestions that are ties: new cooperations and placements of posts."""
        return tuple(s for s in self.suggestions if not isinstance(s, SuggestedMeasure))

    @property
    def sort_key(self) -> tuple[int, int, float, tuple[str, ...], str]:
        """The report order: most severe first, then by kind, larger score, actors, id."""
        return (-self.severity.rank, _KIND_RANK[self.kind], -self.score, self.actors, self.id)


_KIND_RANK = {kind: rank for rank, kind in enumerate(GapKind)}

_WORDS: dict[str, tuple[str, str]] = {
    "evidence": ("Belege", "Evidence"),
    "suggestions": ("Vorschläge", "Suggestions"),
    "also_at": ("{measure} auch an {site}", "{measure} also at {site}"),
    "more": ("… {count} weitere", "… {count} more"),
}


def _word(key: str, lang: Language) -> str:
    german, english = _WORDS[key]
    return german if lang == "de" else english


def suggestion_title(suggestion: AnySuggestion, names: Mapping[str, str], lang: Language) -> str:
    """Return what a suggestion changes, in words: ``A ↔ B (Platzierung)``."""
    if isinstance(suggestion, SuggestedMeasure):
        return _word("also_at", lang).format(
            measure=names.get(suggestion.intervention, suggestion.intervention),
            site=names.get(suggestion.site, suggestion.site),
        )
    pair = " ↔ ".join(names.get(actor, actor) for actor in suggestion.actors)
    return f"{pair} ({suggestion.kind.label(lang)})"


def gap_lines(gap: Gap, names: Mapping[str, str], lang: Language) -> list[str]:
    """Return a finding as plain text: title, explanation, the first evidence and remedies.

    At most :data:`~bildungsnetz._repr.MAX_ITEMS` lines of evidence and of suggestions,
    each followed by how many more there are, so that the text stays short.
    """
    actors = ", ".join(names.get(actor, actor) for actor in gap.actors[:MAX_ITEMS])
    if len(gap.actors) > MAX_ITEMS:
        actors += " " + _word("more", lang).format(count=len(gap.actors) - MAX_ITEMS)
    title = f"{gap.kind.label(lang)} ({gap.severity.label(lang)})"
    lines = [f"{title}: {actors}" if actors else title, gap.explanation.text(lang)]
    for key, entries in (
        ("evidence", [line.text(lang) for line in gap.details]),
        ("suggestions", [suggestion_title(s, names, lang) for s in gap.suggestions]),
    ):
        if entries:
            lines.append(f"{_word(key, lang)}:")
            lines.extend(f"- {entry}" for entry in entries[:MAX_ITEMS])
            if len(entries) > MAX_ITEMS:
                lines.append(_word("more", lang).format(count=len(entries) - MAX_ITEMS))
    return lines


def gap_view(gap: Gap, names: Mapping[str, str], lang: Language) -> dict[str, Any]:
    """Return what the HTML view of a finding shows (``view_gap.html.j2``)."""
    return {
        "lang": lang,
        "gap": gap,
        "actors": [names.get(actor, actor) for actor in gap.actors],
        "suggestions": [
            {
                "title": suggestion_title(suggestion, names, lang),
                "reason": suggestion.reason.text(lang),
                "closes": len(suggestion.closes),
            }
            for suggestion in gap.suggestions
        ],
    }
