"""Rules about the shape of the network: no single point of failure, groups linked.

:class:`NoSinglePointOfFailure` asks that no subject actor hangs on one actor or one tie;
:class:`GroupLinkage` asks two groups of actors to be tied more densely than chance. The
detectors in :mod:`bildungsnetz.gaps.structure` check them.

Examples
--------
>>> from bildungsnetz.rules import GroupLinkage, Selector
>>> GroupLinkage(id="schule-kita", first=Selector(kind="school"),
...              second=Selector(kind="daycare"), min_ratio=1.0).second.describe("en")
'day-care centre'
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from bildungsnetz.model import ActorKind
from bildungsnetz.rules._base import RuleBase
from bildungsnetz.rules.selector import Selector

__all__ = ["GroupLinkage", "NoSinglePointOfFailure"]


class NoSinglePointOfFailure(RuleBase):
    """No subject actor may hang on a single actor or a single tie.

    Parameters
    ----------
    id
        A unique id.
    subject
        The actors that must not be cut off (schools, by default).
    min_exclusive_pairs
        How many pairs an actor must alone connect to be reported as an exclusive broker.
    max_constraint
        Burt's constraint from which a subject actor with two or more contacts is reported
        as dependent on one closed circle.
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> NoSinglePointOfFailure(id="spof").subject.kinds
    frozenset({<ActorKind.SCHOOL: 'school'>})
    """

    type: Literal["no_single_point_of_failure"] = "no_single_point_of_failure"
    subject: Selector = Selector(kind=ActorKind.SCHOOL)
    min_exclusive_pairs: Annotated[int, Field(ge=1, le=1_000_000_000_000)] = 100
    max_constraint: Annotated[float, Field(gt=0.0)] = 0.9


class GroupLinkage(RuleBase):
    """Two groups of actors must be tied at least ``min_ratio`` times as densely as chance.

    Parameters
    ----------
    id
        A unique id.
    first, second
        The two groups.
    min_ratio
        The least ratio of observed to expected ties (expected under a random graph with
        the same degrees).
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> GroupLinkage(id="schule-jugendhilfe", first=Selector(kind="school"),
    ...              second=Selector(kind="youth_welfare_provider")).min_ratio
    0.5
    """

    type: Literal["group_linkage"] = "group_linkage"
    first: Selector
    second: Selector
    min_ratio: Annotated[float, Field(gt=0.0)] = 0.5
