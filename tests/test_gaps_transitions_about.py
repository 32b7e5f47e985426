"""The transition findings about some actors are those of the whole detector naming them.

The comparison over a horizon judges on the later day only the flows from or to the
actors an ending touches (``transitions_about``); the whole detector is the reference.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bildungsnetz.datasets import musterkreis, synthetic
from bildungsnetz.gaps import find_transitions_without_cooperation
from bildungsnetz.gaps._analysis import analyse
from bildungsnetz.gaps._finish import unfinished
from bildungsnetz.gaps.transitions import transitions_about
from bildungsnetz.rules import RequiredTransitionCooperation, RuleSet, default_rules
from strategies_districts import STICHTAG, districts


def whole(network, rules=None):
    """Every finding of the detector, as found."""
    with unfinished():
        return find_transitions_without_cooperation(network, rules, as_of=STICHTAG)


def assert_about_equals_whole(network, about, rules=None):
    """The findings about ``about`` include every whole finding naming one of them."""
    analysis = analyse(network, rules, as_of=STICHTAG)
    found = {gap.id: gap for gap in transitions_about(analysis, about)}
    everything = {gap.id: gap for gap in whole(network, rules)}
    naming = {key for key, gap in everything.items() if set(gap.actors) & set(about)}
    assert naming <= found.keys() <= everything.keys()
    assert all(found[key] == everything[key] for key in found)
    return naming


def loose_rules():
    """The default rules with a transition rule that counts every pupil and no forums."""
    extra = RequiredTransitionCooperation(id="every-pupil", min_pupils=1, forums=False)
    base = default_rules()
    return RuleSet(name=base.name, rules=(*base.rules, extra))


@settings(max_examples=40, deadline=None)
@given(districts(), st.data(), st.booleans())
def test_findings_about_some_actors_are_the_whole_findings_naming_them(network, data, loose):
    """Random districts and random actors: nothing naming them is missed or changed."""
    ids = sorted(actor.id for actor in network.actors)
    about = data.draw(st.sets(st.sampled_from(ids))) if ids else set()
    assert_about_equals_whole(network, frozenset(about), loose_rules() if loose else None)


def test_the_schools_and_kitas_of_a_synthetic_district():
    """Each Grundschule and each Kita alone: its findings, and some exist."""
    network = synthetic(80, seed=0)
    named = 0
    for actor in network.actors[:120]:
        named += len(assert_about_equals_whole(network, frozenset({actor.id})))
    assert named > 0


def test_about_everyone_is_the_whole_detector():
    """All actors of Musterkreis: exactly the whole findings."""
    network = musterkreis()
    everyone = frozenset(actor.id for actor in network.actors)
    analysis = analyse(network, as_of=STICHTAG)
    found = sorted(gap.id for gap in transitions_about(analysis, everyone))
    assert found == sorted(gap.id for gap in whole(network))
