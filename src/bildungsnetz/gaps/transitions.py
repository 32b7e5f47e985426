"""Transitions between institutions: flows of pupils that no cooperation accompanies.

``transition_without_cooperation``
    A flow of at least ``min_pupils`` pupils in the latest school year between two
    institutions that do not cooperate: no direct tie, no shared transition forum (or
    small forum), no path within the steps the rule allows. Severity: the rule's when
    the flow is at least four times ``min_pupils`` or half of what the sender passes on,
    one level lower otherwise. A Grundschule that cooperates with none of the Kitas that
    send it children gets one finding for all of them, at the rule's severity.

:func:`transition_matrix` tabulates the flows by school form or by institution, with
small counts suppressed.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_transitions_without_cooperation
>>> gaps = find_transitions_without_cooperation(musterkreis())
>>> all(gap.kind == "transition_without_cooperation" for gap in gaps)
True
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import numpy as np

from bildungsnetz.gaps._analysis import Analysis, analyse, shift
from bildungsnetz.gaps._finish import finished
from bildungsnetz.gaps._text import amount, names
from bildungsnetz.gaps._verify import Judge, Outcome
from bildungsnetz.gaps.gap import (
    AnySuggestion,
    Explanation,
    Gap,
    GapKind,
    SuggestedMeasure,
    SuggestedTie,
)
from bildungsnetz.gaps.table import Table
from bildungsnetz.model import ActorKind, CooperationKind, ForumKind, SchoolForm, TransitionKind
from bildungsnetz.privacy import (
    DEFAULT_POLICY,
    SUPPRESSED,
    DisclosurePolicy,
    ProtectedTable,
    protect_nested,
    protect_table,
    suppress,
)
from bildungsnetz.rules import RequiredTransitionCooperation

if TYPE_CHECKING:
    from collections.abc import Collection

    from bildungsnetz.model import Actor, EducationNetwork, TransitionFlow
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet

__all__ = ["find_transitions_without_cooperation", "transition_matrix"]

_METHOD = "bildungsnetz.gaps.transitions.find_transitions_without_cooperation"
_LARGE_FACTOR = 4
_LARGE_SHARE = 0.5
_CANDIDATES = 6


def _latest_flows(network: EducationNetwork) -> list[TransitionFlow]:
    if not network.flows:
        return []
    year = max(flow.year for flow in network.flows)
    return [flow for flow in network.flows if flow.year == year]


class _Links:
    """Who cooperates with whom: direct ties, shared forums, short paths."""

    def __init__(self, analysis: Analysis, rule: RequiredTransitionCooperation) -> None:
        self.analysis = analysis
        self.rule = rule

    def direct(self, first: str, second: str) -> bool:
        index = self.analysis.graph.index
        one, other = index[first], index[second]
        key = one * len(index) + other if one < other else other * len(index) + one
        return key in self._tied

    @cached_property
    def _tied(self) -> set[int]:
        # Asked once per flow: looked up once per check, not once per flow.
        return _tied_pairs(self.analysis)

    def shared_forum(self, first: str, second: str) -> str | None:
        if not self.rule.forums:
            return None
        limit = self.analysis.rules.max_forum_size
        for forum in self.analysis.network.forums_of(first):
            counts = forum.kind is ForumKind.TRANSITION_FORUM or forum.size <= limit
            if counts and second in forum.participants:
                return forum.id
        return None

    def within(self, first: str, second: str, *, extra: tuple[str, ...] = ()) -> bool:
        """Whether a path of at most the rule's steps joins them (``extra``: one more tie)."""
        if self.rule.within < 2:  # noqa: PLR2004 (one step is the direct tie)
            return False
        graph = self.analysis.graph
        source, target = graph.index[first], graph.index[second]
        added = [graph.index[end] for end in extra if end in graph.index]
        reached = {source}
        frontier = {source}
        for _ in range(self.rule.within):
            step = {int(n) for node in frontier for n in graph.neighbors(node)}
            if len(added) == 2 and frontier & set(added):  # noqa: PLR2004 (a tie has two ends)
                step |= set(added)
            frontier = step - reached
            if target in frontier:
                return True
            reached |= frontier
        return False

    def cooperate(self, first: str, second: str) -> bool:
        return (
            self.direct(first, second)
            or self.shared_forum(first, second) is not None
            or self.within(first, second)
        )


def _tied_pairs(analysis: Analysis) -> set[int]:
    """Return the pairs of actors tied by a cooperation, as keys, computed once."""
    if "tied_pairs" not in analysis.cache:
        records, size = analysis.records, len(analysis.graph.index)
        first, second = records.first, records.second
        keys = np.minimum(first, second) * size + np.maximum(first, second)
        analysis.cache["tied_pairs"] = set(keys.tolist())
    tied: set[int] = analysis.cache["tied_pairs"]
    return tied


def find_transitions_without_cooperation(
    network: EducationNetwork,
    rules: RuleSet | None = None,
    *,
    as_of: DayLike | None = None,
    policy: DisclosurePolicy = DEFAULT_POLICY,
) -> list[Gap]:
    """Find flows of pupils between institutions that do not cooperate.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.RequiredTransitionCooperation` rule is checked.
    as_of
        Judge the ties as they stand on this day; flows are those of the latest school
        year in the data.
    policy
        How pupil counts in the evidence are protected.

    Returns
    -------
    gaps
        ``transition_without_cooperation`` findings, sorted; pupil counts in the evidence
        passed through :mod:`bildungsnetz.privacy`.

    Notes
    -----
    O(flows × degree) for direct ties and forums; paths over two or three steps are
    searched only from the flow's sender.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_transitions_without_cooperation(musterkreis())
    >>> all(gap.evidence["pupils"] is None or gap.evidence["pupils"] >= 5 for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    return finished(analysis, transitions_about(analysis, None, policy), JUDGES)


def transitions_about(
    analysis: Analysis, actors: Collection[str] | None, policy: DisclosurePolicy = DEFAULT_POLICY
) -> list[Gap]:
    """Return the findings of every transition rule that name one of ``actors`` (all: None).

    As found, before :func:`~bildungsnetz.gaps._finish.finished`. What the comparison over
    a horizon needs: the flows from or to the actors are judged, and the Grundschulen that
    the actors are or send children to, for the finding about all their Kitas; counts
    and severities are those of the whole table.
    """
    latest = _latest_flows(analysis.network)
    index = analysis.graph.index
    flows = [flow for flow in latest if flow.source in index and flow.target in index]
    published = _Published(analysis, policy, latest)
    gaps: list[Gap] = []
    for rule in analysis.rules.of_type(RequiredTransitionCooperation):
        selected = [f for f in flows if not rule.transitions or f.transition in rule.transitions]
        gaps.extend(_RuleCheck(analysis, rule, selected, published).run(actors))
    return gaps


def _judge(analysis: Analysis, gap: Gap, remedy: AnySuggestion) -> Outcome | None:
    """Whether one new tie makes the receiver and one sender cooperate under the rule.

    A flow's finding closes when its two ends cooperate; a Grundschule's finding about all
    its Kitas when it cooperates with any one of them (the other flows are then judged on
    their own).
    """
    if isinstance(remedy, SuggestedMeasure) or gap.rule is None:
        return None
    rule = analysis.rules.rule(gap.rule)
    if not isinstance(rule, RequiredTransitionCooperation):
        return None
    receiver = gap.actors[0] if _about_all_senders(gap) else gap.actors[1]
    senders = gap.actors[1:] if _about_all_senders(gap) else gap.actors[:1]
    links = _Links(analysis, rule)
    closes = any(
        links.within(sender, receiver, extra=remedy.actors)
        or set(remedy.actors) == {sender, receiver}
        for sender in senders
    )
    return Outcome(closed=True) if closes else None


def _about_all_senders(gap: Gap) -> bool:
    # The finding about a Grundschule and all its Kitas counts the Kitas; a flow's does not.
    return "sending_kitas" in gap.evidence


JUDGES: dict[GapKind, Judge] = {GapKind.TRANSITION_WITHOUT_COOPERATION: _judge}
"""The judge of the findings this module reports (see ``gaps._verify``)."""


class _Published:
    """The counts of the latest school year's flows as the transition matrix publishes them.

    A finding shows a count only where the protected matrix by institution shows it or
    determines it, so that findings and matrix published together reveal nothing that
    the matrix withholds. ``flows`` are those of the latest school year.
    """

    def __init__(
        self, analysis: Analysis, policy: DisclosurePolicy, flows: list[TransitionFlow]
    ) -> None:
        network = analysis.network
        self.policy = policy
        self.labels = labels = _institution_labels(network)
        # The table, the records of each cell and the flows into each school in one pass
        # over the latest flows (the table is _flow_counts', with its rows in that order).
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.records: dict[tuple[str, str], int] = defaultdict(int)
        self.into: dict[str, int] = defaultdict(int)
        for flow in flows:
            source, target = flow.source, flow.target
            counts[labels[source]][labels[target]] += flow.pupils
            self.records[source, target] += 1
            self.into[target] += 1
        # The last day of a horizon mostly publishes the same table as the first: it is
        # protected once per source network and table, not once per day. The table by
        # institution is what protect_nested publishes beside the table by form (it is
        # protected the same way, alone), so the groups are not needed here.
        key = (
            "protected_flows",
            policy,
            tuple((row, tuple(cells.items())) for row, cells in counts.items()),
        )
        self.table: ProtectedTable[str, str] = analysis.source._memoised(
            key, lambda: protect_table(counts, policy=policy)
        )

    def flow(self, flow: TransitionFlow) -> int | None:
        """Return the flow's count if it is the only record of its cell and the cell is shown."""
        if self.records[flow.source, flow.target] != 1:
            return None
        return self.table.cells[self.labels[flow.source]][self.labels[flow.target]]

    def into_school(self, school: str, flows: list[TransitionFlow]) -> int | None:
        """Return the sum of ``flows`` into ``school`` if the matrix shows or determines it.

        It does when every flow is shown in its own cell, or when the flows are all that
        the school received, so that their sum is the school's column total.
        """
        if all(self.flow(flow) is not None for flow in flows):
            return suppress(sum(flow.pupils for flow in flows), policy=self.policy)
        if len(flows) == self.into[school]:
            return self.table.column_totals[self.labels[school]]
        return None


class _RuleCheck:
    def __init__(
        self,
        analysis: Analysis,
        rule: RequiredTransitionCooperation,
        flows: list[TransitionFlow],
        published: _Published,
    ) -> None:
        self.analysis = analysis
        self.rule = rule
        self.flows = flows
        self.published = published
        self.links = _Links(analysis, rule)
        self.sent: dict[str, int] = defaultdict(int)
        for flow in flows:
            self.sent[flow.source] += flow.pupils
        self.params = {
            **analysis.params,
            "min_pupils": rule.min_pupils,
            "within": rule.within,
            "forums": rule.forums,
            "school_year": flows[0].school_year if flows else None,
        }

    def run(self, about: Collection[str] | None = None) -> list[Gap]:
        """Return the findings, or those that name one of ``about``."""
        isolated_primaries = self._primaries_without_kitas(about)
        gaps = [self._kita_gap(school, kitas) for school, kitas in isolated_primaries.items()]
        for flow in self.flows:
            if flow.pupils < self.rule.min_pupils:
                continue
            if about is not None and flow.source not in about and flow.target not in about:
                continue
            if (
                flow.transition is TransitionKind.KITA_TO_PRIMARY
                and flow.target in isolated_primaries
            ):
                continue
            if not self.links.cooperate(flow.source, flow.target):
                gaps.append(self._flow_gap(flow))
        return gaps

    def _primaries_without_kitas(
        self, about: Collection[str] | None = None
    ) -> dict[str, list[TransitionFlow]]:
        incoming: dict[str, list[TransitionFlow]] = defaultdict(list)
        for flow in self.flows:
            if flow.transition is TransitionKind.KITA_TO_PRIMARY:
                incoming[flow.target].append(flow)
        # Whether a school cooperates with its Kitas is asked of the schools the finding
        # would name one of ``about`` for; the others' findings are not looked for.
        named = (
            incoming
            if about is None
            else {
                school: kitas
                for school, kitas in incoming.items()
                if school in about or any(flow.source in about for flow in kitas)
            }
        )
        return {
            school: kitas
            for school, kitas in sorted(named.items())
            if sum(flow.pupils for flow in kitas) >= self.rule.min_pupils
            and not any(self.links.cooperate(flow.source, school) for flow in kitas)
        }

    def _flow_gap(self, flow: TransitionFlow) -> Gap:
        source, target = (self.analysis.network.actor(x) for x in (flow.source, flow.target))
        share = flow.pupils / self.sent[flow.source] if self.sent[flow.source] else 0.0
        shown = self.published.flow(flow)
        # A suppressed count must not show through its severity either.
        large = shown is not None and (
            flow.pupils >= _LARGE_FACTOR * self.rule.min_pupils or share >= _LARGE_SHARE
        )
        count_de, count_en = _pupils_phrase(shown)
        return Gap.create(
            kind=GapKind.TRANSITION_WITHOUT_COOPERATION,
            severity=self.rule.severity if large else shift(self.rule.severity, -1),
            actors=(flow.source, flow.target),
            rule=self.rule.id,
            key={"transition": flow.transition.value, "target": flow.target},
            score=float(shown or 0),
            # The share of the sender is left out: with the count it would give the
            # sender's total, and with that a suppressed flow beside this one.
            evidence={
                "pupils": shown,
                "school_year": flow.school_year,
                "transition": flow.transition.value,
            },
            explanation=Explanation(
                de=f"{count_de} wechselten im Schuljahr {flow.school_year} von "
                f"{source.name} zu {target.name} ({flow.transition.label('de')}), aber die "
                "beiden Einrichtungen arbeiten nicht zusammen. Eine Übergangskooperation "
                "(Hospitationen, Übergabegespräche) hilft diesen Kindern beim Wechsel.",
                en=f"{count_en} moved from {source.name} to {target.name} in the school "
                f"year {flow.school_year} ({flow.transition.label('en')}), but the two "
                "institutions do not cooperate. A transition cooperation (visits, handover "
                "talks) helps these children through the change.",
            ),
            suggestions=(_transition_tie(source, target),),
            method=_METHOD,
            params=self.params,
        )

    def _kita_gap(self, school: str, flows: list[TransitionFlow]) -> Gap:
        # By id, not by size: the order of the Kitas would rank their withheld counts.
        kitas = sorted(flows, key=lambda flow: flow.source)
        shown = self.published.into_school(school, flows)
        name = self.analysis.name(school)
        kita_ids = [flow.source for flow in kitas]
        network = self.analysis.network
        children_de, children_en = _children_phrase(shown)
        return Gap.create(
            kind=GapKind.TRANSITION_WITHOUT_COOPERATION,
            severity=self.rule.severity,
            actors=(school, *kita_ids),
            rule=self.rule.id,
            key={"transition": TransitionKind.KITA_TO_PRIMARY.value, "all_senders": True},
            score=float(shown or 0),
            evidence={
                "pupils": shown,
                "sending_kitas": len(kita_ids),
                "school_year": flows[0].school_year,
            },
            explanation=Explanation(
                de=f"Im Schuljahr {flows[0].school_year} nahm {name} {children_de} aus "
                f"{amount(len(kita_ids), 'Kita', 'Kitas', lang='de')} "
                f"({names(self.analysis, kita_ids, 'de')}) auf, arbeitet aber mit "
                f"{'dieser Kita' if len(kita_ids) == 1 else 'keiner dieser Kitas'} "
                f"{'nicht ' if len(kita_ids) == 1 else ''}zusammen.",
                en=f"In the school year {flows[0].school_year}, {name} took in {children_en} "
                f"from {amount(len(kita_ids), 'Kita', 'Kitas', lang='en')} "
                f"({names(self.analysis, kita_ids, 'en')}) but "
                + (
                    "does not cooperate with it."
                    if len(kita_ids) == 1
                    else "cooperates with none of them."
                ),
            ),
            suggestions=tuple(
                _transition_tie(network.actor(kita), network.actor(school))
                for kita in kita_ids[:_CANDIDATES]
            ),
            method=_METHOD,
            params=self.params,
        )


def _children_phrase(shown: int | None) -> tuple[str, str]:
    """Return "79 Kinder" / "79 children", or words for a suppressed count."""
    if shown is None:
        return (
            f"eine kleine Zahl von Kindern (Zahl gesperrt: {SUPPRESSED})",
            f"a small number of children (count withheld: {SUPPRESSED})",
        )
    return amount(shown, "Kind", "Kinder", lang="de"), amount(shown, "child", "children", lang="en")


def _pupils_phrase(shown: int | None) -> tuple[str, str]:
    """Return "38 Schüler:innen" / "38 pupils", or words for a suppressed count."""
    if shown is None:
        return (
            f"Eine kleine Zahl von Schüler:innen (Zahl gesperrt: {SUPPRESSED})",
            f"A small number of pupils (count withheld: {SUPPRESSED})",
        )
    return amount(shown, "Schüler:in", "Schüler:innen", lang="de"), amount(
        shown, "pupil", "pupils", lang="en"
    )


def _transition_tie(source: Actor, target: Actor) -> SuggestedTie:
    local = source.municipality is not None and source.municipality == target.municipality
    return SuggestedTie._trusted(
        actors=(source.id, target.id),
        kind=CooperationKind.TRANSITION,
        plausibility=0.9 if local else 0.7,
        reason=Explanation(
            de=f"Die Kinder wechseln von {source.name} zu {target.name}; eine "
            "Übergangskooperation begleitet sie.",
            en=f"The children move from {source.name} to {target.name}; a transition "
            "cooperation accompanies them.",
        ),
    )


def transition_matrix(
    network: EducationNetwork,
    *,
    by: Literal["form", "institution"] = "form",
    year: int | None = None,
    policy: DisclosurePolicy = DEFAULT_POLICY,
    lang: Literal["de", "en"] = "de",
) -> Table:
    """Return the pupil flows of one school year as a table, small counts suppressed.

    Parameters
    ----------
    network
        The network.
    by
        ``"form"``: rows and columns are school forms (Kitas as one row);
        ``"institution"``: rows are senders and columns receivers, by name.
    year
        The school year by its starting calendar year; the latest in the data by default.
    policy
        How pupil counts are protected (cells, totals and secondary suppression).
    lang
        The language of the form labels.

    Returns
    -------
    table
        Senders in rows, receivers in columns, with totals.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> table = transition_matrix(musterkreis())
    >>> "Kita" in table.rows and "Grundschule" in table.columns
    True
    """
    fine, coarse = _protected_flows(network, year, policy)
    heading = {
        "form": {"de": "von \\ nach", "en": "from \\ to"},
        "institution": {"de": "Einrichtung", "en": "institution"},
    }
    if by == "institution":
        return Table.from_protected(fine, title=heading[by][lang])
    label = {group: _group_label(group, lang) for group in (*coarse.cells, *coarse.column_totals)}
    return Table.from_protected(_relabelled(coarse, label), title=heading[by][lang])


def _protected_flows(
    network: EducationNetwork, year: int | None, policy: DisclosurePolicy
) -> tuple[ProtectedTable[str, str], ProtectedTable[tuple[str, str], tuple[str, str]]]:
    """Return the flows of a school year by institution and by form, protected together.

    Both tables come from one :func:`~bildungsnetz.privacy.protect_nested`, whatever
    ``by`` or language is asked for, so that publishing both (or one of them beside the
    findings) reveals no count that either suppresses. The forms are keyed by value, not
    by their label, so the pattern is the same in every language.
    """
    counts, groups = _flow_table(network, year, _institution_labels(network))
    return protect_nested(counts, row_groups=groups, column_groups=groups, policy=policy)


def _flow_table(
    network: EducationNetwork, year: int | None, labels: dict[str, str]
) -> tuple[dict[str, dict[str, int]], dict[str, tuple[str, str]]]:
    """Return the pupils of a school year (the latest by default) by institution.

    With them the group of every institution: its school form, or its kind.
    """
    counts, ends = _flow_counts(network, year, labels)
    # Every institution's group once, however many flows it sends or receives.
    groups = {labels[actor_id]: _group_key(network.actor(actor_id)) for actor_id in ends}
    return counts, groups


def _flow_counts(
    network: EducationNetwork, year: int | None, labels: dict[str, str]
) -> tuple[dict[str, dict[str, int]], dict[str, None]]:
    """Return the pupils of a school year by institution, and the ids of the institutions.

    The ids in the order they first appear in the flows (sender before receiver).
    """
    years = {flow.year for flow in network.flows}
    chosen = year if year is not None else (max(years) if years else None)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    ends: dict[str, None] = {}
    for flow in network.flows:
        if flow.year != chosen:
            continue
        ends[flow.source] = ends[flow.target] = None
        counts[labels[flow.source]][labels[flow.target]] += flow.pupils
    return counts, ends


def _relabelled(
    protected: ProtectedTable[tuple[str, str], tuple[str, str]], label: dict[tuple[str, str], str]
) -> ProtectedTable[str, str]:
    return ProtectedTable(
        cells={
            label[row]: {label[column]: shown for column, shown in cells.items()}
            for row, cells in protected.cells.items()
        },
        row_totals={label[row]: shown for row, shown in protected.row_totals.items()},
        column_totals={label[column]: shown for column, shown in protected.column_totals.items()},
        total=protected.total,
    )


def _institution_labels(network: EducationNetwork) -> dict[str, str]:
    """Return a row label per actor: its name, with the id where two share a name."""
    counts = Counter(actor.name for actor in network.actors)
    return {
        actor.id: actor.name if counts[actor.name] == 1 else f"{actor.name} ({actor.id})"
        for actor in network.actors
    }


def _group_key(actor: Actor) -> tuple[str, str]:
    """Return the row of an actor in the table by form, independent of the language."""
    if actor.school is not None:
        return ("form", actor.school.form.value)
    return ("kind", actor.kind.value)


def _group_label(group: tuple[str, str], lang: Literal["de", "en"]) -> str:
    kind, value = group
    return SchoolForm(value).label(lang) if kind == "form" else ActorKind(value).label(lang)
