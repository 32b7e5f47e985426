"""Which subjects fall short of a required-tie rule, and how: whole arrays, no loop per school.

The required-tie detectors (``gaps/required_ties.py``) classify every subject of a
:class:`~bildungsnetz.rules.RequiredTie` rule. Asking each school for its ties one by one
costs a Python loop per school; here the day's cooperations are numpy arrays over node
numbers, so one pass over all ties decides every subject of a rule, and Python runs only
for the subjects that fall short (the findings).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from operator import attrgetter
from typing import TYPE_CHECKING

import numpy as np

from bildungsnetz.gaps._exclusive import neighbourhoods
from bildungsnetz.gaps.gap import GapKind
from bildungsnetz.graph import _record_columns
from bildungsnetz.model import CooperationKind, Intensity

if TYPE_CHECKING:
    from collections.abc import Iterable

    from bildungsnetz.gaps._analysis import Analysis, BoolArray, IntArray
    from bildungsnetz.rules import RequiredTie

__all__ = ["Shortfall", "TieTable", "partner_load", "shortfalls", "tie_table"]

_KIND_CODE = {kind: code for code, kind in enumerate(CooperationKind)}
_RANK: dict[Intensity | None, int] = {None: -1} | {level: level.rank for level in Intensity}
_KIND = attrgetter("kind")
_CONFIRMED, _INTENSITY = attrgetter("confirmed"), attrgetter("intensity")
_UNCONFIRMED, _SHALLOW, _GOOD = 0, 1, 2
_TWO_STEPS = 2


@dataclass(frozen=True, slots=True)
class TieTable:
    """The cooperations of the day as arrays over node numbers, in record (id) order.

    Entry ``t`` is ``network.cooperations[t]``; ``intensity`` holds the rank of the
    recorded intensity, -1 where none is recorded.
    """

    first: IntArray
    second: IntArray
    kind: IntArray
    confirmed: BoolArray
    intensity: IntArray

    def directed(self) -> tuple[IntArray, IntArray, IntArray]:
        """Return (from, to, tie) with every tie once in each direction."""
        positions = np.arange(self.first.size, dtype=np.int64)
        return (
            np.concatenate((self.first, self.second)),
            np.concatenate((self.second, self.first)),
            np.concatenate((positions, positions)),
        )


def _tie_columns(analysis: Analysis) -> TieTable:
    # The columns of every cooperation of the source are read once; a day takes its own
    # with the positions of the cooperations it keeps.
    records = analysis.records
    kind, confirmed, intensity = analysis.source._memoised(
        ("required_tie_columns",), lambda: _source_columns(analysis)
    )
    chosen = records.cooperations
    return TieTable(
        first=records.first,
        second=records.second,
        kind=kind[chosen],
        confirmed=confirmed[chosen],
        intensity=intensity[chosen],
    )


def _source_columns(analysis: Analysis) -> tuple[IntArray, BoolArray, IntArray]:
    """Return the kind code, confirmation and intensity rank of every cooperation in id order."""
    # Column by column, each one pass of C-level maps: the record attributes are read
    # once per tie, and no Python tuple is built per tie (a nation has a million ties).
    ties = _record_columns(analysis.source).cooperations

    def column(values: Iterable[int]) -> IntArray:
        return np.fromiter(values, dtype=np.int64, count=len(ties))

    return (
        column(map(_KIND_CODE.__getitem__, map(_KIND, ties))),
        np.fromiter(map(_CONFIRMED, ties), dtype=np.bool_, count=len(ties)),
        column(map(_RANK.__getitem__, map(_INTENSITY, ties))),
    )


def tie_table(analysis: Analysis) -> TieTable:
    """Return the cooperations of the analysis's day as arrays, computed once."""
    if "tie_table" not in analysis.cache:
        analysis.cache["tie_table"] = _tie_columns(analysis)
    table: TieTable = analysis.cache["tie_table"]
    return table


def _forum_pairs(analysis: Analysis) -> tuple[IntArray, IntArray]:
    """Return every ordered pair of participants of a small forum, computed once."""
    if "forum_pairs" not in analysis.cache:
        index, limit = analysis.graph.index, analysis.rules.max_forum_size
        pairs = [
            (index[a], index[b])
            for forum in analysis.network.forums
            if forum.size <= limit
            for a, b in combinations(sorted(forum.participants), 2)
        ]
        one = np.array([a for a, _ in pairs], dtype=np.int64)
        other = np.array([b for _, b in pairs], dtype=np.int64)
        analysis.cache["forum_pairs"] = (
            np.concatenate((one, other)),
            np.concatenate((other, one)),
        )
    found: tuple[IntArray, IntArray] = analysis.cache["forum_pairs"]
    return found


def partner_load(analysis: Analysis, rule: RequiredTie) -> IntArray:
    """Return, per node, how many cooperations tie it (as a partner) to a subject.

    Parallel cooperations count once each: a post with two agreements at one school is
    that much busier.
    """
    subjects, partners = analysis.mask(rule.subject), analysis.mask(rule.partner)
    source, target, _ = tie_table(analysis).directed()
    counted = partners[source] & subjects[target]
    return np.bincount(source[counted], minlength=len(analysis.graph.nodes)).astype(np.int64)


@dataclass(frozen=True, slots=True)
class Shortfall:
    """How one subject falls short of a rule: the kind of finding and what it rests on.

    ``partners`` and ``ties`` (node numbers, tie positions, aligned) are the weak ties
    of a shallow or unconfirmed finding; ``good`` the partners that count (which a
    suggestion must not propose again); ``broker`` and ``reached`` the one intermediary
    of a fragile pair and the partners it reaches.
    """

    subject: int
    kind: GapKind
    have: int = 0
    partners: tuple[int, ...] = ()
    ties: tuple[int, ...] = ()
    good: tuple[int, ...] = ()
    broker: int = -1
    reached: int = 0

    @property
    def named(self) -> tuple[int, ...]:
        """The nodes the finding names: the subject, then its weak partners or broker."""
        if self.broker >= 0:
            return (self.subject, self.broker)
        return (self.subject, *self.partners)


def shortfalls(analysis: Analysis, rule: RequiredTie, among: BoolArray) -> list[Shortfall]:
    """Return how each subject of ``rule`` within ``among`` falls short, by node number.

    Subjects that meet the rule are left out. Linear in the ties of the day (and, for
    rules over several steps, in the edges the breadth-first search reaches).
    """
    subjects = analysis.mask(rule.subject) & among
    if rule.within == 1:
        return _direct(analysis, rule, subjects)
    return _stepped(analysis, rule, subjects)


def _direct(analysis: Analysis, rule: RequiredTie, subjects: BoolArray) -> list[Shortfall]:
    n = len(analysis.graph.nodes)
    partners = analysis.mask(rule.partner)
    table = tie_table(analysis)
    source, target, tie = table.directed()
    keep = subjects[source] & partners[target]
    if rule.kinds:
        keep &= np.isin(table.kind[tie], [_KIND_CODE[kind] for kind in rule.kinds])
    source, target, tie = source[keep], target[keep], tie[keep]
    category = np.full(tie.size, _GOOD, dtype=np.int8)
    if rule.min_intensity is not None:
        level = table.intensity[tie]
        category[(level >= 0) & (level < rule.min_intensity.rank)] = _SHALLOW
    category[~table.confirmed[tie]] = _UNCONFIRMED
    pair = source * n + target
    good = pair[category == _GOOD]
    if rule.forums:
        one, other = _forum_pairs(analysis)
        shared = subjects[one] & partners[other]
        good = np.concatenate((good, one[shared] * n + other[shared]))
    good = np.unique(good)
    have = np.bincount(good // n, minlength=n)
    short = subjects & (have < rule.min_partners)
    shallow = _weakest(pair, tie, (category == _SHALLOW) & short[source], good)
    unconfirmed = _weakest(
        pair, tie, (category == _UNCONFIRMED) & short[source], np.union1d(good, shallow[0])
    )
    by_shallow, by_unconfirmed = _grouped(*shallow, n), _grouped(*unconfirmed, n)
    subjects_short = np.flatnonzero(short)
    # The partners that count, for every subject short of them at once: one search
    # over the sorted pairs, not one per subject.
    kept_pairs = good[short[good // n]]
    bounds = np.searchsorted(
        kept_pairs, np.concatenate((subjects_short * n, (subjects_short + 1) * n))
    )
    starts, ends = np.split(bounds, 2)
    partner = (kept_pairs % n).tolist()
    found = []
    for subject, count, start, end in zip(
        subjects_short.tolist(),
        have[subjects_short].tolist(),
        starts.tolist(),
        ends.tolist(),
        strict=True,
    ):
        weak, kind = by_shallow.get(subject), GapKind.SHALLOW_COOPERATION
        if weak is None:
            weak, kind = by_unconfirmed.get(subject), GapKind.UNCONFIRMED_TIE
        if weak is not None:
            found.append(Shortfall(subject, kind, count, weak[0], weak[1]))
            continue
        kept = tuple(partner[start:end])
        found.append(Shortfall(subject, GapKind.MISSING_REQUIRED_TIE, count, good=kept))
    return found


def _weakest(
    pair: IntArray, tie: IntArray, chosen: BoolArray, better: IntArray
) -> tuple[IntArray, IntArray]:
    """Return the pairs among ``chosen`` not in ``better``, each with its first tie.

    The first tie in record order is the one a walk through the subject's ties meets
    first; it is the one a finding names.
    """
    pair, tie = pair[chosen], tie[chosen]
    kept = ~np.isin(pair, better)
    pair, tie = pair[kept], tie[kept]
    order = np.lexsort((tie, pair))
    pair, tie = pair[order], tie[order]
    first = np.ones(pair.size, dtype=np.bool_)
    first[1:] = pair[1:] != pair[:-1]
    return pair[first], tie[first]


def _grouped(
    pair: IntArray, tie: IntArray, n: int
) -> dict[int, tuple[tuple[int, ...], tuple[int, ...]]]:
    """Return subject -> (partners, ties) from sorted pair codes."""
    if not pair.size:
        return {}
    subject = pair // n
    bounds = np.flatnonzero(np.diff(subject)) + 1
    starts = [0, *bounds.tolist()]
    ends = [*bounds.tolist(), pair.size]
    partner, tie_list, subject_list = (pair % n).tolist(), tie.tolist(), subject.tolist()
    return {
        subject_list[a]: (tuple(partner[a:b]), tuple(tie_list[a:b]))
        for a, b in zip(starts, ends, strict=True)
    }


def _stepped(analysis: Analysis, rule: RequiredTie, subjects: BoolArray) -> list[Shortfall]:
    nodes = np.flatnonzero(subjects)
    distance = analysis.distances(rule.partner, rule.within)[nodes]
    far = nodes[distance > rule.within]
    in_part = analysis.component_counts(rule.partner)[analysis.components[far]] > 0
    found = [
        Shortfall(int(node), GapKind.MISSING_REQUIRED_TIE if inside else GapKind.UNREACHABLE)
        for node, inside in zip(far.tolist(), in_part.tolist(), strict=True)
    ]
    if rule.within >= _TWO_STEPS:
        found += _fragile(analysis, rule, nodes[distance == _TWO_STEPS])
    found.sort(key=lambda shortfall: shortfall.subject)
    return found


def _fragile(analysis: Analysis, rule: RequiredTie, two_steps: IntArray) -> list[Shortfall]:
    """Return the subjects two steps from a partner with one neighbour leading there."""
    graph = analysis.graph
    near = analysis.distances(rule.partner, 1)
    owner, neighbour = neighbourhoods(graph.indptr, graph.indices, two_steps)
    leads = near[neighbour] == 1
    count = np.bincount(owner[leads], minlength=two_steps.size)
    broker = np.full(two_steps.size, -1, dtype=np.int64)
    broker[owner[leads]] = neighbour[leads]
    single = count == 1
    subjects, brokers = two_steps[single], broker[single]
    unique, back = np.unique(brokers, return_inverse=True)
    owner, neighbour = neighbourhoods(graph.indptr, graph.indices, unique)
    reached = np.bincount(owner[near[neighbour] == 0], minlength=unique.size)
    return [
        Shortfall(subject, GapKind.FRAGILE_PAIR, broker=intermediary, reached=partners)
        for subject, intermediary, partners in zip(
            subjects.tolist(), brokers.tolist(), reached[back].tolist(), strict=True
        )
    ]
