"""Detectors for the shape of the network: single points of failure, isolation, closure.

``cut_actor``
    An actor whose loss cuts subject actors (schools) off from the rest of the network.
    Rule severity; critical when a tenth or more of all subject actors are cut off.
    Parts that hang on a single tie are left to ``cut_tie``, so one fact is one finding.
``cut_tie``
    A tie whose loss cuts subject actors off. Rule severity lowered by one level.
``exclusive_broker``
    An actor that alone connects at least ``min_exclusive_pairs`` pairs of actors who
    have no other common contact. Medium; high from twenty times the minimum.
``dependent_actor``
    A subject actor with two or more contacts whose Burt constraint reaches
    ``max_constraint``: all its contacts are tied to each other, so it gets help and
    information from one closed circle. Low.
``isolated_actor``
    An actor without any tie or small forum. Medium for subject actors, low otherwise.
``underlinked_groups``
    Two groups tied less densely than ``min_ratio`` times the density a random network
    with the same degrees would have. Rule severity.
``insular_group``
    A municipality whose actors' ties stay inside it (group E-I index at or below the
    rule set's ``insular_threshold``). Low.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_cut_actors
>>> gaps = find_cut_actors(musterkreis())
>>> all(gap.kind == "cut_actor" for gap in gaps)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz import metrics
from bildungsnetz.gaps._analysis import Analysis, analyse, shift
from bildungsnetz.gaps._text import amount, decimal, names
from bildungsnetz.gaps.gap import Explanation, Gap, GapKind, SuggestedTie
from bildungsnetz.model import CooperationKind, Severity
from bildungsnetz.rules import GroupLinkage, NoSinglePointOfFailure

if TYPE_CHECKING:
    from collections.abc import Hashable

    from bildungsnetz.model import EducationNetwork
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet

__all__ = [
    "find_cut_actors",
    "find_cut_ties",
    "find_dependent_actors",
    "find_exclusive_brokers",
    "find_insular_groups",
    "find_isolated_actors",
    "find_underlinked_groups",
]

_METHOD = "bildungsnetz.gaps.structure"
_CRITICAL_SHARE = 0.1
_HIGH_FACTOR = 20
_MIN_GROUP = 3


def _simple_graph(analysis: Analysis) -> metrics.ArrayGraph:
    # The compact arrays are handed to the measures as they are: no networkx graph is
    # built, which for all of Germany would cost gigabytes.
    compact = analysis.graph
    return metrics.ArrayGraph(nodes=compact.nodes, indptr=compact.indptr, indices=compact.indices)


def _sorted(gaps: list[Gap]) -> list[Gap]:
    return sorted(gaps, key=lambda gap: gap.sort_key)


def _subject_ids(analysis: Analysis, rule: NoSinglePointOfFailure) -> set[str]:
    return {actor.id for actor in analysis.matching(rule.subject)}


def find_cut_actors(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find actors whose loss would cut schools (the rule's subjects) off the network.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.NoSinglePointOfFailure` rule is checked.
    as_of
        Judge the network as it stands on this day.

    Returns
    -------
    gaps
        One ``cut_actor`` finding per actor and rule, sorted, with the subject actors it
        cuts off as evidence.

    Notes
    -----
    Articulation points by one depth-first search (Hopcroft & Tarjan 1973), O(n + m).

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_cut_actors(musterkreis())
    >>> all(gap.evidence["subjects_cut_off"] >= 1 for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    cuts = metrics.cut_actors(_simple_graph(analysis))
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        subjects = _subject_ids(analysis, rule)
        for actor, cut in cuts.items():
            parts = [
                part
                for part in _all_cut_off(analysis, str(actor), cut)
                if part & subjects and _edges_between(analysis, str(actor), part) > 1
            ]
            if parts:
                gaps.append(_cut_actor_gap(analysis, rule, str(actor), parts, len(subjects)))
    return _sorted(gaps)


def _all_cut_off(analysis: Analysis, actor: str, cut: metrics.Cut) -> list[frozenset[Hashable]]:
    """Return every part that loses contact with the rest when ``actor`` goes.

    When the largest parts are equally large, none of them is "the rest of the network":
    each is cut off from the others, so the part the measure kept is cut off as well.
    Without this the finding would depend on the order of the records.
    """
    parts = list(cut.separated)
    if cut.sizes and cut.sizes[0] == cut.kept:
        separated = set().union(*parts)
        kept = analysis.component_ids(actor) - separated - {actor}
        parts.append(frozenset(kept))
    return parts


def _edges_between(analysis: Analysis, actor: str, part: frozenset[Hashable]) -> int:
    compact = analysis.graph
    neighbours = compact.neighbors(compact.index[actor])
    return sum(1 for neighbour in neighbours if compact.nodes[neighbour] in part)


def _cut_actor_gap(
    analysis: Analysis,
    rule: NoSinglePointOfFailure,
    actor: str,
    parts: list[frozenset[Hashable]],
    subject_count: int,
) -> Gap:
    cut_off = sorted(str(node) for part in parts for node in part)
    subjects = [node for node in cut_off if rule.subject.matches(analysis.network.actor(node))]
    share = len(subjects) / subject_count if subject_count else 0.0
    severity = Severity.CRITICAL if share >= _CRITICAL_SHARE else rule.severity
    name = analysis.name(actor)
    return Gap.create(
        kind=GapKind.CUT_ACTOR,
        severity=severity,
        actors=(actor, *subjects),
        rule=rule.id,
        key={"subject": sorted(kind.value for kind in rule.subject.kinds)},
        score=float(len(cut_off)),
        evidence={
            "actors_cut_off": len(cut_off),
            "subjects_cut_off": len(subjects),
            "share_of_subjects": round(share, 4),
        },
        explanation=Explanation(
            de=f"Ohne {name} {'verliert' if len(cut_off) == 1 else 'verlieren'} "
            f"{amount(len(cut_off), 'Akteur', 'Akteure')} die Verbindung zum übrigen "
            f"Netzwerk, darunter {names(analysis, subjects, 'de')}. Alles läuft über "
            f"{name}; eine zweite Verbindung macht das Netz robust.",
            en=f"Without {name}, {amount(len(cut_off), 'actor loses', 'actors lose')} contact "
            f"with the rest of the network, among them {names(analysis, subjects, 'en')}. "
            "Everything runs "
            f"through {name}; a second link makes the network robust.",
        ),
        suggested_ties=_second_links(analysis, subjects, exclude={actor, *cut_off}),
        method=f"{_METHOD}.find_cut_actors",
        params={**analysis.params, "min_exclusive_pairs": rule.min_exclusive_pairs},
    )


def _second_links(
    analysis: Analysis, cut_off: list[str], *, exclude: set[str]
) -> tuple[SuggestedTie, ...]:
    """Propose ties from cut-off subjects to the best-connected actor outside their part.

    ``exclude`` holds the whole part that would be cut off and the actor or tie end it
    hangs on: a second link must lead elsewhere.
    """
    if not cut_off:
        return ()
    index, nodes = analysis.graph.index, analysis.graph.nodes
    barred = {index[node] for node in exclude if node in index}
    main = analysis.main_component
    best = next(
        (i for i in analysis.by_degree if analysis.components[i] == main and i not in barred),
        None,
    )
    if best is None:
        return ()
    hub = analysis.network.actor(nodes[best])
    return tuple(
        SuggestedTie(
            actors=(subject, hub.id),
            kind=CooperationKind.INFORMATION_EXCHANGE,
            plausibility=0.5,
            reason=Explanation(
                de=f"{hub.name} ist im Netzwerk gut verbunden und schafft einen zweiten Weg.",
                en=f"{hub.name} is well connected and opens a second route.",
            ),
        )
        for subject in cut_off[:3]
    )


def find_cut_ties(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find ties whose loss would cut schools (the rule's subjects) off the network.

    Parameters and returns as :func:`find_cut_actors`; severity is the rule's lowered by
    one level.

    Notes
    -----
    Bridges by one depth-first search, O(n + m).

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(len(gap.actors) >= 2 for gap in find_cut_ties(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    cuts = metrics.cut_ties(_simple_graph(analysis))
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        subjects = _subject_ids(analysis, rule)
        for (first, second), cut in cuts.items():
            ends = (str(first), str(second))
            part: frozenset[Hashable] = cut.separated[0] if cut.separated else frozenset()
            if cut.sizes and cut.sizes[0] == cut.kept:
                # Two equal halves: each is cut off from the other, whatever the record order.
                part = frozenset(analysis.component_ids(ends[0]))
                ends = (min(ends), max(ends))
            cut_subjects = sorted(str(node) for node in part if node in subjects)
            if cut_subjects:
                gaps.append(_cut_tie_gap(analysis, rule, ends, part, cut_subjects))
    return _sorted(gaps)


def _cut_tie_gap(
    analysis: Analysis,
    rule: NoSinglePointOfFailure,
    ends: tuple[str, str],
    part: frozenset[Hashable],
    subjects: list[str],
) -> Gap:
    inside, outside = ends if ends[0] in part else (ends[1], ends[0])
    ties = analysis.network.ties_of(inside)
    tie_ids = sorted(tie.id for tie in ties if tie.other(inside) == outside)
    first, second = analysis.name(inside), analysis.name(outside)
    return Gap.create(
        kind=GapKind.CUT_TIE,
        severity=shift(rule.severity, -1),
        actors=(inside, outside, *[s for s in subjects if s != inside]),
        rule=rule.id,
        key={"subject": sorted(kind.value for kind in rule.subject.kinds)},
        score=float(len(part)),
        evidence={
            "actors_cut_off": len(part),
            "subjects_cut_off": len(subjects),
            "ties": ", ".join(tie_ids) or _link_without_tie(analysis, inside, outside),
        },
        explanation=Explanation(
            de=f"{names(analysis, subjects, 'de')} hängt an einer einzigen Verbindung: "
            f"{first} – {second}. Reißt sie ab, {'ist' if len(part) == 1 else 'sind'} "
            f"{amount(len(part), 'Akteur', 'Akteure')} vom Netzwerk getrennt.",
            en=f"{names(analysis, subjects, 'en')} hangs on a single tie: {first} – "
            f"{second}. If it breaks, {amount(len(part), 'actor is', 'actors are')} cut off "
            "from the network.",
        ),
        suggested_ties=_second_links(
            analysis, subjects, exclude={outside, *(str(node) for node in part)}
        ),
        method=f"{_METHOD}.find_cut_ties",
        params=analysis.params,
    )


def _link_without_tie(analysis: Analysis, first: str, second: str) -> str:
    """Name what joins two actors when no cooperation does: a part_of link or a forum."""
    one, other = analysis.network.actor(first), analysis.network.actor(second)
    if one.part_of == second or other.part_of == first:
        return "part_of"
    return "forum"


def find_exclusive_brokers(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find actors that alone connect many pairs of actors without another common contact.

    Parameters and returns as :func:`find_cut_actors`. Severity medium, high when the
    count reaches twenty times the rule's ``min_exclusive_pairs``.

    Notes
    -----
    Exclusive brokerage after Hamilton et al. (2020), see
    :func:`bildungsnetz.metrics.exclusive_brokerage`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_exclusive_brokers(musterkreis())
    >>> all(gap.evidence["exclusive_pairs"] >= 100 for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    counts = metrics.exclusive_brokerage(_simple_graph(analysis))
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        for actor, pairs in counts.items():
            if pairs >= rule.min_exclusive_pairs:
                gaps.append(_broker_gap(analysis, rule, str(actor), pairs))
    return _sorted(gaps)


def _broker_gap(analysis: Analysis, rule: NoSinglePointOfFailure, actor: str, pairs: int) -> Gap:
    name = analysis.name(actor)
    severity = (
        Severity.HIGH if pairs >= _HIGH_FACTOR * rule.min_exclusive_pairs else Severity.MEDIUM
    )
    degree = int(analysis.graph.degree[analysis.graph.index[actor]])
    return Gap.create(
        kind=GapKind.EXCLUSIVE_BROKER,
        severity=severity,
        actors=(actor,),
        rule=rule.id,
        score=float(pairs),
        evidence={"exclusive_pairs": pairs, "contacts": degree},
        explanation=Explanation(
            de=f"{name} ist für {pairs} Paare von Akteuren die einzige gemeinsame "
            f"Verbindung (bei {degree} Kontakten). Viel Wissen und Vermittlung hängt an "
            "dieser einen Stelle; direkte Kontakte zwischen den Beteiligten oder eine "
            "Vertretung entlasten sie.",
            en=f"{name} is the only common contact for {pairs} pairs of actors (out of "
            f"{degree} contacts). Much knowledge and brokerage depends on this one place; "
            "direct contacts between the others or a deputy would relieve it.",
        ),
        method=f"{_METHOD}.find_exclusive_brokers",
        params={**analysis.params, "min_exclusive_pairs": rule.min_exclusive_pairs},
    )


def find_dependent_actors(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find subject actors whose few contacts form one closed circle (high constraint).

    Parameters and returns as :func:`find_cut_actors`. Actors with a single contact are
    left to :func:`find_cut_ties`. Severity low.

    Notes
    -----
    Burt's (1992) constraint, see :func:`bildungsnetz.metrics.constraint`; the rule's
    ``max_constraint`` is the threshold.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.evidence["constraint"] >= 0.9 for gap in find_dependent_actors(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    scores = metrics.constraint(_simple_graph(analysis))
    degree = analysis.graph.degree
    gaps = []
    for rule in analysis.rules.of_type(NoSinglePointOfFailure):
        for actor in analysis.matching(rule.subject):
            value = scores.get(actor.id, float("nan"))
            several = degree[analysis.graph.index[actor.id]] >= 2  # noqa: PLR2004 (one contact is a cut tie)
            if several and value >= rule.max_constraint:
                gaps.append(_dependent_gap(analysis, rule, actor.id, value))
    return _sorted(gaps)


def _dependent_gap(
    analysis: Analysis, rule: NoSinglePointOfFailure, actor: str, value: float
) -> Gap:
    compact = analysis.graph
    contacts = sorted(compact.nodes[n] for n in compact.neighbors(compact.index[actor]))
    name = analysis.name(actor)
    return Gap.create(
        kind=GapKind.DEPENDENT_ACTOR,
        severity=Severity.LOW,
        actors=(actor, *contacts),
        rule=rule.id,
        score=value,
        evidence={"constraint": round(value, 4), "contacts": len(contacts)},
        explanation=Explanation(
            de=f"{name} hat nur {len(contacts)} Kontakte ({names(analysis, contacts, 'de')}), "
            "die alle miteinander verbunden sind: Hilfe und Informationen kommen aus einem "
            "geschlossenen Kreis. Ein Kontakt nach außen öffnet neue Wege.",
            en=f"{name} has only {len(contacts)} contacts ({names(analysis, contacts, 'en')}), "
            "all tied to each other: help and information come from one closed circle. "
            "A contact outside it opens new routes.",
        ),
        method=f"{_METHOD}.find_dependent_actors",
        params={**analysis.params, "max_constraint": rule.max_constraint},
    )


def find_isolated_actors(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find actors without any tie, small forum or ``part_of`` link.

    Parameters and returns as :func:`find_cut_actors`; the finding names no rule.
    Severity medium for the subjects of a ``NoSinglePointOfFailure`` rule, low otherwise.

    Examples
    --------
    >>> from bildungsnetz import Actor, EducationNetwork
    >>> lonely = EducationNetwork(name="x", actors=[
    ...     Actor(id="a", name="Verein A", kind="association")])
    >>> [gap.actors for gap in find_isolated_actors(lonely)]
    [('a',)]
    """
    analysis = analyse(network, rules, as_of=as_of)
    subject_masks = [
        analysis.mask(rule.subject) for rule in analysis.rules.of_type(NoSinglePointOfFailure)
    ]
    gaps = []
    for index in np.flatnonzero(analysis.graph.degree == 0):
        actor = analysis.actors[int(index)]
        important = any(mask[index] for mask in subject_masks)
        limit = analysis.rules.max_forum_size
        forums = [f for f in analysis.network.forums_of(actor.id) if f.size > limit]
        gaps.append(
            Gap.create(
                kind=GapKind.ISOLATED_ACTOR,
                severity=Severity.MEDIUM if important else Severity.LOW,
                actors=(actor.id,),
                score=1.0 if important else 0.0,
                evidence={"large_forums": len(forums)},
                explanation=Explanation(
                    de=f"{actor.name} ({actor.kind.label('de')}) hat keine einzige Verbindung"
                    + (
                        " außer der Mitgliedschaft in "
                        f"{amount(len(forums), 'großem Gremium', 'großen Gremien')}."
                        if forums
                        else "."
                    )
                    + " Entweder fehlt die Zusammenarbeit oder sie ist nicht erfasst.",
                    en=f"{actor.name} ({actor.kind.label('en')}) has no tie at all"
                    + (
                        " except membership in "
                        f"{amount(len(forums), 'large forum', 'large forums')}."
                        if forums
                        else "."
                    )
                    + " Either cooperation is missing or it has not been recorded.",
                ),
                method=f"{_METHOD}.find_isolated_actors",
                params=analysis.params,
            )
        )
    return _sorted(gaps)


def find_underlinked_groups(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find pairs of groups tied less densely than chance, as GroupLinkage rules define them.

    Parameters and returns as :func:`find_cut_actors`.

    Notes
    -----
    Observed ties between the two groups against the configuration-model expectation
    :math:`D_1 D_2 / 2m` (sums of degrees, number of ties), see
    :func:`bildungsnetz.metrics.block_densities`.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.evidence["ratio"] < 0.5 for gap in find_underlinked_groups(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    gaps = []
    for rule in analysis.rules.of_type(GroupLinkage):
        first, second = analysis.mask(rule.first), analysis.mask(rule.second)
        if not first.any() or not second.any():
            continue
        groups = {
            actor.id: "first" if a else ("second" if b else "other")
            for actor, a, b in zip(analysis.actors, first, second, strict=True)
        }
        blocks = metrics.block_densities(_simple_graph(analysis), groups, expected="degree")
        block = blocks.get(("first", "second"))
        if block is None or block.expected_ties == 0 or block.ratio >= rule.min_ratio:
            continue
        gaps.append(_underlinked_gap(analysis, rule, block))
    return _sorted(gaps)


def _underlinked_gap(analysis: Analysis, rule: GroupLinkage, block: metrics.BlockDensity) -> Gap:
    first_de, second_de = rule.first.describe("de"), rule.second.describe("de")
    first_en, second_en = rule.first.describe("en"), rule.second.describe("en")
    return Gap.create(
        kind=GapKind.UNDERLINKED_GROUPS,
        severity=rule.severity,
        actors=(),
        rule=rule.id,
        score=1.0 - block.ratio,
        evidence={
            "ties": block.ties,
            "expected_ties": round(block.expected_ties, 2),
            "ratio": round(block.ratio, 4),
        },
        explanation=Explanation(
            de=f"Zwischen {first_de} und {second_de} gibt es {block.ties} Verbindungen; bei "
            f"zufälliger Verteilung wären {block.expected_ties:.0f} zu erwarten "
            f"(Verhältnis {decimal(block.ratio, 'de')}). Die beiden Bereiche arbeiten zu wenig "
            "zusammen.",
            en=f"There are {block.ties} ties between {first_en} and {second_en}; a random "
            f"network would have {block.expected_ties:.0f} (ratio {block.ratio:.2f}). The two "
            "fields work together too little.",
        ),
        method=f"{_METHOD}.find_underlinked_groups",
        params={**analysis.params, "min_ratio": rule.min_ratio},
    )


def find_insular_groups(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find municipalities whose actors are tied almost only to each other.

    Parameters and returns as :func:`find_cut_actors`. Municipalities with fewer than
    three actors are not judged. Severity low.

    Notes
    -----
    Krackhardt & Stern's (1988) E-I index per group, see
    :func:`bildungsnetz.metrics.group_ei_index`; the rule set's ``insular_threshold`` is
    the limit.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> all(gap.evidence["ei_index"] <= -0.9 for gap in find_insular_groups(musterkreis()))
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    # Actors without a municipality (district offices, the Jugendamt) form a group of
    # their own: a tie to them leads out of the municipality.
    groups = {actor.id: actor.municipality or "" for actor in analysis.actors}
    if len(set(groups.values()) - {""}) < 2:  # noqa: PLR2004 (one place cannot be insular)
        return []
    sizes: dict[str, int] = {}
    for municipality in groups.values():
        sizes[municipality] = sizes.get(municipality, 0) + 1
    scores = metrics.group_ei_index(_simple_graph(analysis), groups)
    gaps = []
    for group, value in sorted(scores.items(), key=lambda item: str(item[0])):
        ags = str(group)
        if ags and sizes[ags] >= _MIN_GROUP and value <= analysis.rules.insular_threshold:
            gaps.append(_insular_gap(analysis, ags, value, sizes[ags]))
    return _sorted(gaps)


def _insular_gap(analysis: Analysis, municipality: str, value: float, size: int) -> Gap:
    return Gap.create(
        kind=GapKind.INSULAR_GROUP,
        severity=Severity.LOW,
        actors=(),
        key={"municipality": municipality},
        score=-value,
        evidence={"municipality": municipality, "ei_index": round(value, 4), "actors": size},
        explanation=Explanation(
            de=f"Die {size} Akteure der Gemeinde {municipality} sind fast nur untereinander "
            f"verbunden (E-I-Index {decimal(value, 'de')}). Verbindungen über die Gemeindegrenze "
            "hinaus "
            "öffnen Zugang zu Angeboten und Fachwissen.",
            en=f"The {size} actors of municipality {municipality} are tied almost only to "
            f"each other (E-I index {value:.2f}). Ties across the boundary open access to "
            "services and expertise.",
        ),
        method=f"{_METHOD}.find_insular_groups",
        params={**analysis.params, "insular_threshold": analysis.rules.insular_threshold},
    )
