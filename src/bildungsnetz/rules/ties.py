"""Rules about who must cooperate with whom: required ties and matched transitions.

:class:`RequiredTie` asks every subject actor for partners of a kind, directly or within
a few steps; :class:`RequiredTransitionCooperation` asks institutions that exchange
pupils to cooperate. The detectors in :mod:`bildungsnetz.gaps.required_ties` and
:mod:`bildungsnetz.gaps.transitions` check them.

Examples
--------
>>> from bildungsnetz.rules import RequiredTie, Selector
>>> rule = RequiredTie(id="ssa", subject=Selector(kind="school"),
...                    partner=Selector(kind="school_social_work"), kinds={"placement"})
>>> rule.partner.describe("en")
'school social work'
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from bildungsnetz.model import CooperationKind, Intensity, TransitionKind
from bildungsnetz.model._record import SortedSet
from bildungsnetz.rules._base import RuleBase
from bildungsnetz.rules.selector import Selector

__all__ = ["RequiredTie", "RequiredTransitionCooperation"]


class RequiredTie(RuleBase):
    """Every subject actor needs ``min_partners`` partners within ``within`` steps.

    Parameters
    ----------
    id
        A unique id; gap findings name the rule they breach by it.
    subject
        The actors the rule applies to.
    partner
        The partners they need.
    kinds
        Cooperation kinds that count for a direct tie (empty: any kind). Forum
        co-membership counts only if ``forums`` is true.
    min_partners
        How many different partners are needed (direct ties only).
    within
        The number of steps: 1 means a direct tie, 2 allows one intermediary. Over
        several steps any tie or small forum counts, so ``kinds``, ``min_intensity`` and
        ``min_partners`` must keep their defaults.
    min_intensity
        The intensity a direct tie needs; weaker ties are reported as shallow.
    forums
        Whether sharing a small forum counts as a direct tie.
    severity
        How serious a breach is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RequiredTie(id="ja", subject=Selector(kind="school"),
    ...             partner=Selector(kind="youth_welfare_office"), within=2).within
    2
    """

    type: Literal["required_tie"] = "required_tie"
    subject: Selector
    partner: Selector
    kinds: SortedSet[CooperationKind] = frozenset()
    min_partners: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    within: Annotated[int, Field(ge=1, le=3)] = 1
    min_intensity: Intensity | None = None
    forums: bool = False

    @model_validator(mode="after")
    def _direct_options_need_direct_ties(self) -> RequiredTie:
        # Over several steps only reachability counts: a path has no kind, no intensity,
        # and counting distinct partners around hubs would not stay linear.
        if self.within > 1:
            direct_only = {
                "kinds": bool(self.kinds),
                "min_intensity": self.min_intensity is not None,
                "min_partners": self.min_partners != 1,
            }
            used = [name for name, given in direct_only.items() if given]
            if used:
                listed = ", ".join(used)
                msg = f"{listed} only apply to direct ties (within=1), got within={self.within}"
                raise ValueError(msg)
        return self


class RequiredTransitionCooperation(RuleBase):
    """Institutions that exchange ``min_pupils`` or more pupils must cooperate.

    Parameters
    ----------
    id
        A unique id.
    transitions
        The kinds of transition it applies to (empty: all).
    min_pupils
        The smallest flow that needs cooperation.
    within
        Steps allowed between the two institutions (1: a direct tie).
    forums
        Whether a shared transition forum counts as cooperation.
    severity
        How serious a breach is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RequiredTransitionCooperation(id="flows", min_pupils=5).min_pupils
    5
    """

    type: Literal["required_transition_cooperation"] = "required_transition_cooperation"
    transitions: SortedSet[TransitionKind] = frozenset()
    min_pupils: Annotated[int, Field(ge=1, le=1_000_000)] = 5
    within: Annotated[int, Field(ge=1, le=3)] = 1
    forums: bool = True
