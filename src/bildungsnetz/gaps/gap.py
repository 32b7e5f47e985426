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
from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer

from bildungsnetz.model import CooperationKind, Language, Severity
from bildungsnetz.model.enums import LabelledEnum, register_labels

__all__ = ["EvidenceValue", "Explanation", "Gap", "GapKind", "SuggestedTie"]

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


class Explanation(_Frozen):
    """What a finding means, in German and English, for a district officer.

    Examples
    --------
    >>> Explanation(de="Hallo", en="Hello").text("en")
    'Hello'
    """

    de: str
    en: str

    def text(self, lang: Language = "de") -> str:
        """Return the explanation in ``lang``."""
        return self.de if lang == "de" else self.en


class SuggestedTie(_Frozen):
    """A concrete cooperation that would close (part of) a gap.

    Parameters
    ----------
    actors
        The two actors that should cooperate.
    kind
        The kind of cooperation proposed.
    plausibility
        How natural the pair is, from 0 to 1 (same municipality, fitting roles, spare
        capacity).
    closes
        The ids of the findings the tie would close or ease; filled in by the report.
    reason
        Why this pair, in German and English.

    Examples
    --------
    >>> SuggestedTie(actors=("gs-07", "ssa-03"), kind="placement", plausibility=0.8,
    ...              reason=Explanation(de="Gleiche Gemeinde.", en="Same municipality.")).kind
    <CooperationKind.PLACEMENT: 'placement'>
    """

    actors: tuple[str, str]
    kind: CooperationKind
    plausibility: Annotated[float, Field(ge=0.0, le=1.0)]
    closes: tuple[str, ...] = ()
    reason: Explanation

    @property
    def key(self) -> tuple[str, str, str]:
        """The pair (in sorted order) and the kind: what makes two suggestions the same."""
        first, second = sorted(self.actors)
        return (first, second, self.kind.value)


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
    identity = json.dumps(
        {"kind": kind.value, "actors": list(actors), "rule": rule, "key": dict(key)},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return "g-" + hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


class Gap(_Frozen):
    """One finding: a gap in the cooperation structure, explained and with remedies.

    Use :meth:`create` to build one; it computes the stable ``id``.

    Parameters
    ----------
    id
        Stable: a hash of kind, actors, rule and identifying parameters.
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
    explanation
        What it means, in German and English.
    suggested_ties
        Concrete cooperations that would close it, most useful first.
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
    kind: GapKind
    severity: Severity
    score: float = 0.0
    actors: tuple[str, ...]
    rule: str | None = None
    evidence: ReadOnlyMapping = Field(default_factory=dict)
    explanation: Explanation
    suggested_ties: tuple[SuggestedTie, ...] = ()
    method: str
    params: ReadOnlyMapping = Field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.id)

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
        suggested_ties: tuple[SuggestedTie, ...] = (),
        params: Mapping[str, Any] | None = None,
    ) -> Gap:
        """Build a finding, deriving its stable id from kind, actors, rule and ``key``.

        ``key`` holds the parameters that tell this finding apart from another of the same
        kind about the same actors (such as the partner kind a school lacks); unlike
        ``evidence`` it must not change when only the numbers change.
        """
        gap_kind = GapKind(kind)
        return cls(
            id=gap_id(gap_kind, actors, rule, key or {}),
            kind=gap_kind,
            severity=Severity(severity),
            score=score,
            actors=actors,
            rule=rule,
            evidence=evidence or {},
            explanation=explanation,
            suggested_ties=suggested_ties,
            method=method,
            params=params or {},
        )

    @property
    def sort_key(self) -> tuple[int, int, float, tuple[str, ...], str]:
        """The report order: most severe first, then by kind, larger score, actors, id."""
        kind_rank = list(GapKind).index(self.kind)
        return (-self.severity.rank, kind_rank, -self.score, self.actors, self.id)
