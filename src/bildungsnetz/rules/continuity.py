"""Rules about what lasts: permanent placements, money that runs out, meetings that happen.

:class:`PermanentPlacement` asks that school social work does not rest only on
time-limited money, :class:`FundingContinuity` that nothing critical hangs on a programme
that ends, and :class:`RegularContact` that scheduled meetings take place. The detectors
in :mod:`bildungsnetz.gaps.funding` and :mod:`bildungsnetz.gaps.dormant` check them.

Examples
--------
>>> from bildungsnetz.rules import FundingContinuity, RegularContact
>>> FundingContinuity(id="foerderende").subject.describe("en")
'school'
>>> RegularContact(id="treffen", max_missed=2).max_missed
2
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from bildungsnetz.model import ActorKind, Severity
from bildungsnetz.rules._base import RuleBase
from bildungsnetz.rules.selector import Selector

__all__ = ["FundingContinuity", "PermanentPlacement", "RegularContact"]


class PermanentPlacement(RuleBase):
    """School social work at a school must not rest only on time-limited money.

    Parameters
    ----------
    id
        A unique id.
    subject
        The actors whose placements are judged (schools).
    partner
        The placed service (school social work).
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> PermanentPlacement(id="dauerhaft").partner.kinds
    frozenset({<ActorKind.SCHOOL_SOCIAL_WORK: 'school_social_work'>})
    """

    type: Literal["permanent_placement"] = "permanent_placement"
    subject: Selector = Selector(kind=ActorKind.SCHOOL)
    partner: Selector = Selector(kind=ActorKind.SCHOOL_SOCIAL_WORK)


class FundingContinuity(RuleBase):
    """Nothing critical may hang on money that runs out.

    Checked for every programme with an end: what ends with it, which subject actors
    lose their only school social work or their only indicated measure, whether the
    network falls apart.

    Parameters
    ----------
    id
        A unique id.
    subject
        The actors whose losses make a funding end critical (schools).
    severity
        How serious a funding end is when it costs something.
    description
        What the rule means, for people.

    Examples
    --------
    >>> FundingContinuity(id="foerderende").severity
    <Severity.HIGH: 'high'>
    """

    type: Literal["funding_continuity"] = "funding_continuity"
    subject: Selector = Selector(kind=ActorKind.SCHOOL)
    severity: Severity = Severity.HIGH


class RegularContact(RuleBase):
    """Ties and forums with a meeting schedule must actually meet.

    Parameters
    ----------
    id
        A unique id.
    max_missed
        How many scheduled meetings may pass after the last contact before the tie or
        forum counts as dormant.
    severity
        How serious a finding is.
    description
        What the rule means, for people.

    Examples
    --------
    >>> RegularContact(id="treffen").max_missed
    3
    """

    type: Literal["regular_contact"] = "regular_contact"
    max_missed: Annotated[int, Field(ge=1, le=1_000_000)] = 3
