"""Musterkreis: each gap of the list in bildungsnetz.datasets._musterkreis, by its number."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import networkx as nx
import pytest

from bildungsnetz import find_gaps
from bildungsnetz.datasets import musterkreis
from bildungsnetz.datasets._musterkreis import ESF_END, build_musterkreis

REFERENCE = date(2025, 11, 1)
ESF_ONLY_POSTS = {
    "ssa-wiesengrund", "ssa-muehlhagen", "ssa-birkenfelde", "ssa-falkenried", "ssa-rosental",
    "ssa-gem-rosental", "ssa-foes-rosental", "ssa-gs-auenwalde", "ssa-gs-muehlhagen",
    "ssa-gs-birkenallee",
}  # fmt: skip


@pytest.fixture(scope="module")
def network():
    return build_musterkreis()


@pytest.fixture(scope="module")
def findings():
    """What find_gaps reports for the shipped Musterkreis."""
    return find_gaps(musterkreis()).gaps


@pytest.fixture(scope="module")
def graph(network):
    """The simple graph of the ties active on the reference date."""
    result = nx.Graph()
    result.add_nodes_from(actor.id for actor in network.actors)
    result.add_edges_from(tie.actors for tie in network.cooperations if tie.is_active(REFERENCE))
    return result


def schools(network, *forms):
    return [a for a in network.actors_of("school") if not forms or a.school.form.value in forms]


def partners(network, actor_id, *, of_kind, tie_kind=None):
    ends = [t.other(actor_id) for t in network.ties_of(actor_id) if tie_kind in (None, t.kind)]
    return {end for end in ends if network.actor(end).kind == of_kind}


def reported(findings, kind):
    """The rule and actors of each finding of one kind."""
    return [(gap.rule, gap.actors) for gap in findings if gap.kind == kind]


def posts_of(network, school_id):
    return partners(network, school_id, of_kind="school_social_work", tie_kind="placement")


def unmatched_flows(network, *, forums=True, minimum=5):
    tied = {frozenset(tie.actors) for tie in network.cooperations}
    bodies = [f.participants for f in network.forums if forums and f.kind == "transition_forum"]
    return {
        (f.source, f.target)
        for f in network.flows
        if f.pupils >= minimum
        and frozenset((f.source, f.target)) not in tied
        and not any({f.source, f.target} <= members for members in bodies)
    }


def exclusive_brokerage(graph):
    counts = Counter()
    for broker in graph:
        around = sorted(graph[broker])
        for i, first in enumerate(around):
            for second in around[i + 1 :]:
                common = graph[first].keys() & graph[second].keys()
                if second not in graph[first] and common == {broker}:
                    counts[broker] += 1
    return counts


def served(network, topic):
    """The municipalities an active intervention on ``topic`` serves or runs in."""
    measures = [m for m in network.interventions if topic in m.topics]
    active = [m for m in measures if m.period.contains(REFERENCE)]
    sites = {network.actor(site).municipality for m in active for site in m.sites}
    return sites | {code for m in active for code in m.municipalities}


# 1 ------------------------------------------------------------------------------------


def test_45_school_sites_without_school_social_work(network):
    """45 school sites have no placement tie to a school_social_work actor."""
    without = {a.id for a in schools(network) if not posts_of(network, a.id)}
    assert len(without) == 45
    assert {"gs-stadtpark", "sek-heidekrug", "gym-schlossberg"} <= without


def test_two_posts_serve_two_schools_each(network):
    """Only ssa-gs-falkenried and ssa-gs-heidekamp are shared by two schools."""
    places = {
        post.id: partners(network, post.id, of_kind="school", tie_kind="placement")
        for post in network.actors_of("school_social_work")
    }
    assert {post: s for post, s in places.items() if len(s) > 1} == {
        "ssa-gs-falkenried": {"gs-falkenried", "gs-riedweg"},
        "ssa-gs-heidekamp": {"gs-heidekamp", "gs-heidesee"},
    }


# 2 ------------------------------------------------------------------------------------


def test_stadtpark_cooperates_with_none_of_its_kitas(network):
    """gs-stadtpark receives over 70 Kita children but has no tie to any Kita."""
    received = sum(f.pupils for f in network.flows if f.target == "gs-stadtpark")
    assert (received > 70, partners(network, "gs-stadtpark", of_kind="daycare")) == (True, set())


def test_every_other_grundschule_cooperates_with_a_sending_kita(network):
    """Every Grundschule but gs-stadtpark has a transition tie with a sending Kita."""
    lonely = []
    for school in schools(network, "grundschule"):
        senders = {f.source for f in network.flows if f.target == school.id}
        tied = partners(network, school.id, of_kind="daycare", tie_kind="transition")
        if not senders & tied:
            lonely.append(school.id)
    assert lonely == ["gs-stadtpark"]


# 3 ------------------------------------------------------------------------------------


def test_only_the_designed_sizeable_flows_lack_cooperation(network):
    """The flows into gs-stadtpark and gs-weststadt → sek-lindenau-west are unmatched."""
    stadtpark = {(f.source, f.target) for f in network.flows
                 if f.target == "gs-stadtpark" and f.pupils >= 5}  # fmt: skip
    assert unmatched_flows(network) == stadtpark | {("gs-weststadt", "sek-lindenau-west")}


def test_weststadt_sends_44_pupils_to_lindenau_west(network):
    """The unmatched Grundschule → Sekundarschule flow has 44 pupils."""
    flows = [f.pupils for f in network.flows if f.source == "gs-weststadt"]
    assert max(flows) == 44


def test_transition_forums_match_some_flows(network):
    """Some sizeable flows are matched only through a shared transition forum."""
    only_forum = unmatched_flows(network, forums=False) - unmatched_flows(network)
    assert len(only_forum) > 10


# 4 ------------------------------------------------------------------------------------


def test_heidekrug_has_high_need_but_no_targeted_measure(network):
    """sek-heidekrug is high-need and the site of no selective or indicated measure."""
    profile = network.actor("sek-heidekrug").school
    targeted = [m.id for m in network.interventions
                if m.tier != "universal" and "sek-heidekrug" in m.sites]  # fmt: skip
    assert (profile.absence_rate, profile.without_qualification_rate, targeted) == (
        0.17, 0.26, [],
    )  # fmt: skip


def test_every_other_high_need_school_has_a_targeted_measure(network):
    """Each other school with an absence rate of 12 % or more has a targeted measure."""
    targeted = {s for m in network.interventions if m.tier != "universal" for s in m.sites}
    high = [a.id for a in schools(network) if a.school.absence_rate >= 0.12]
    assert [school for school in high if school not in targeted] == ["sek-heidekrug"]


# 5 ------------------------------------------------------------------------------------


def test_cut_actors(graph):
    """The school authority and gs-birkenallee are the only cut actors."""
    assert set(nx.articulation_points(graph)) == {"lsa", "gs-birkenallee"}


def test_cut_ties(graph):
    """foes-muehlhagen and ssa-gs-birkenallee each hang on one tie."""
    assert {frozenset(edge) for edge in nx.bridges(graph)} == {
        frozenset(("lsa", "foes-muehlhagen")),
        frozenset(("ssa-gs-birkenallee", "gs-birkenallee")),
    }


def test_only_the_cut_off_schools_are_far_from_the_youth_welfare_office(network, graph):
    """Every school but foes-muehlhagen and foes-lindenau-gb (gap 14) reaches ja in two steps."""
    near = nx.single_source_shortest_path_length(graph, "ja", cutoff=2)
    far = [a.id for a in schools(network) if a.id not in near]
    assert far == ["foes-lindenau-gb", "foes-muehlhagen"]


# 6 ------------------------------------------------------------------------------------


def test_exclusive_brokers(graph):
    """ja, ker and nws alone connect the most pairs."""
    top = exclusive_brokerage(graph).most_common(3)
    assert {actor for actor, _ in top} == {"ja", "ker", "nws"}
    assert min(count for _, count in top) > 1000


# 7 ------------------------------------------------------------------------------------


def test_ten_posts_rest_on_esf_alone(network):
    """Ten posts are funded by ESF+ alone and end on 2028-08-01."""
    posts = network.actors_of("school_social_work")
    esf_only = {p.id for p in posts if p.funding == {"esf-plus"}}
    assert esf_only == ESF_ONLY_POSTS
    assert {network.actor(p).active.end for p in esf_only} == {ESF_END}


def test_ties_of_esf_posts_end_with_the_cycle(network):
    """Every tie of an ESF+-only post ends on 2028-08-01."""
    assert {t.period.end for p in ESF_ONLY_POSTS for t in network.ties_of(p)} == {ESF_END}


def test_wiesengrund_loses_its_only_post_and_indicated_measure(network):
    """sek-wiesengrund has one post and one indicated measure until ESF+ ends, then none."""

    def support(day):
        state = network.as_of(day)
        indicated = {m.id for m in state.interventions
                     if m.tier == "indicated" and "sek-wiesengrund" in m.sites}  # fmt: skip
        return posts_of(state, "sek-wiesengrund"), indicated

    assert support(date(2028, 7, 31)) == ({"ssa-wiesengrund"}, {"iv-neustart-wiesengrund"})
    assert support(ESF_END) == (set(), set())


# 8 ------------------------------------------------------------------------------------


def test_absenteeism_working_group_is_dormant(network):
    """ak-absentismus is scheduled monthly but last met more than a year ago."""
    forum = network.forum("ak-absentismus")
    assert forum.schedule.rule == "FREQ=MONTHLY;BYDAY=2WE"
    assert forum.last_contact == date(2024, 6, 12)


def test_every_other_forum_met_within_a_year(network):
    """Only ak-absentismus has not met in the year before the reference date."""
    stale = [f.id for f in network.forums if f.last_contact < REFERENCE - timedelta(days=365)]
    assert stale == ["ak-absentismus"]


# 9 ------------------------------------------------------------------------------------


def test_secondary_schools_without_career_guidance(network):
    """Four schools of Sek I have no tie to career guidance or the youth employment agency."""
    lacking = {
        a.id
        for a in schools(network)
        if a.school.teaches("lower_secondary")
        and not partners(network, a.id, of_kind="career_guidance")
        and not partners(network, a.id, of_kind="youth_employment_agency")
    }
    assert lacking == {"sek-falkenried", "gym-muehlhagen", "foes-muehlhagen", "foes-lindenau-gb"}


# 10 -----------------------------------------------------------------------------------


def test_migration_is_uncovered_in_falkenried_and_heidekamp(network):
    """No active intervention on migration serves Falkenried or Heidekamp."""
    codes = {a.municipality for a in schools(network)}
    assert codes - served(network, "migration") == {"15099070", "15099100"}


def test_inclusion_is_uncovered_in_wiesengrund(network):
    """No active intervention on inclusion serves Wiesengrund."""
    codes = {a.municipality for a in schools(network)}
    assert codes - served(network, "inclusion") == {"15099080"}


def test_mental_health_rests_on_one_provider(network):
    """Every intervention on mental health is run by kjp alone."""
    measures = [m for m in network.interventions if "mental_health" in m.topics]
    assert {p for m in measures for p in m.providers} == {"kjp"}


# 11 -----------------------------------------------------------------------------------


def test_schools_without_cooperation_with_parents(network):
    """Three schools have no tie to a parents' council."""
    councils = {a.id: partners(network, a.id, of_kind="parents_council") for a in schools(network)}
    lacking = {school for school, found in councils.items() if not found}
    assert lacking == {"gs-kampstrasse", "gym-falkenried", "foes-muehlhagen"}


# 12 -----------------------------------------------------------------------------------


def test_unconfirmed_ties(network):
    """Five ties and the placement of gap 16 were reported by one side only."""
    assert {t.id for t in network.cooperations if not t.confirmed} == {
        "information_exchange:gym-schlossberg:jmd", "consultation:gs-rosenhang:spb",
        "joint_project:sek-birkenfelde:ksb", "referral:ssa-elster:kjp",
        "information_exchange:mia:gem-lindenau",
        "placement:ssa-gs-elsterbrueck:gs-elsterbrueck",
    }  # fmt: skip


def test_shallow_ties(network):
    """Only two ties and the placement of gap 15 are at the level of awareness."""
    shallow = {t.id for t in network.cooperations if t.intensity == "awareness"}
    assert shallow == {
        "agreement:ja:jba",
        "agreement:foes-ausgleich:ja",
        "placement:ssa-gs-heidekamp:gs-heidesee",
    }


def test_person_bound_ties(network):
    """The only tie between Jugendamt and school psychology rests on one person."""
    bound = {t.id for t in network.cooperations if t.person_bound}
    between = [t.id for t in network.ties_of("ja") if t.other("ja") == "spb"]
    assert between == ["case_work:ja:spb"]
    assert bound == {"case_work:ja:spb", "consultation:nws:kjp", "joint_project:gs-lerchenfeld:msk"}


# 13 -----------------------------------------------------------------------------------


def test_no_pupils_council(network):
    """The data contain no pupils' council at all."""
    assert network.actors_of("pupils_council") == ()


# 14 -----------------------------------------------------------------------------------


def test_foes_lindenau_gb_and_its_council_hang_on_lsa(network, graph):
    """The school and its council are tied to each other and to lsa, to nobody else."""
    part = {"foes-lindenau-gb", "ser-foes-lindenau-gb"}
    assert {end for actor in part for end in graph[actor]} - part == {"lsa"}
    assert {t.id for actor in part for t in network.ties_of(actor)} == {
        "other:lsa:foes-lindenau-gb",
        "consultation:foes-lindenau-gb:ser-foes-lindenau-gb",
        "information_exchange:ser-foes-lindenau-gb:lsa",
    }
    rest = graph.subgraph(set(graph) - {"lsa"})
    assert nx.node_connected_component(rest, "foes-lindenau-gb") == part


def test_lsa_is_reported_as_cut_actor_for_both_schools_it_alone_links(findings):
    """lsa is one cut actor for both schools it alone links, also the one on a single tie."""
    rule = "single-point-of-failure"
    both = ("lsa", "foes-lindenau-gb", "foes-muehlhagen")
    assert reported(findings, "cut_actor") == [(rule, both)]
    assert reported(findings, "cut_tie") == [(rule, ("foes-muehlhagen", "lsa"))]
    [cut] = [gap for gap in findings if gap.kind == "cut_actor"]
    counts = tuple(cut.evidence[key] for key in ("actors_cut_off", "subjects_cut_off", "parts"))
    assert counts == (3, 2, 2)


def test_what_follows_from_hanging_on_lsa(findings):
    """The school reaches ja only through lsa, lacks career guidance; lsa becomes a broker."""
    school = "foes-lindenau-gb"
    assert ("youth-welfare-office", (school, "lsa")) in reported(findings, "fragile_pair")
    assert ("career-guidance", (school,)) in reported(findings, "missing_required_tie")
    [broker] = [g for g in findings if g.kind == "exclusive_broker" and g.actors == ("lsa",)]
    assert 200 < broker.evidence["exclusive_pairs"] < 300


# 15 -----------------------------------------------------------------------------------


def test_heidesee_has_school_social_work_on_paper_only(network):
    """gs-heidesee's one placement, a share of ssa-gs-heidekamp, is mere awareness."""
    placements = [t for t in network.ties_of("gs-heidesee") if t.kind == "placement"]
    assert [(t.id, t.intensity.value, t.confirmed) for t in placements] == [
        ("placement:ssa-gs-heidekamp:gs-heidesee", "awareness", True)
    ]


def test_heidesee_is_reported_as_shallow_cooperation(findings):
    """find_gaps reports the shallow placement, and only it."""
    assert reported(findings, "shallow_cooperation") == [
        ("school-social-work", ("gs-heidesee", "ssa-gs-heidekamp"))
    ]


# 16 -----------------------------------------------------------------------------------


def test_elsterbrueck_placement_is_unconfirmed(network):
    """gs-elsterbrueck's only placement was reported by one side only."""
    placements = [t for t in network.ties_of("gs-elsterbrueck") if t.kind == "placement"]
    assert [(t.id, t.intensity.value, t.confirmed) for t in placements] == [
        ("placement:ssa-gs-elsterbrueck:gs-elsterbrueck", "integration", False)
    ]


def test_elsterbrueck_is_reported_as_unconfirmed_tie(findings):
    """find_gaps reports the unconfirmed placement, and only it."""
    assert reported(findings, "unconfirmed_tie") == [
        ("school-social-work", ("gs-elsterbrueck", "ssa-gs-elsterbrueck"))
    ]
