"""Minimal named networks for the gap tests: chains, stars, triangles, a hanging school.

Each is small enough that the right answer of one detector is known by construction; the
rule helpers build the one-rule :class:`RuleSet` a test needs.
"""

from __future__ import annotations

import itertools

from bildungsnetz import Actor, Cooperation, EducationNetwork, SchoolProfile, TransitionFlow
from bildungsnetz.rules import NoSinglePointOfFailure, RequiredTie, RuleSet, Selector

STADT = "15084275"
LAND = "15084280"


def school(actor_id, name, form="grundschule", municipality=STADT, **profile):
    """A school of ``form`` with the given profile values."""
    return Actor(
        id=actor_id,
        name=name,
        kind="school",
        school=SchoolProfile(form=form, **profile),
        municipality=municipality,
    )


def actor(actor_id, kind, name=None, municipality=STADT, **fields):
    """A non-school actor named after its id unless a name is given."""
    return Actor(id=actor_id, name=name or actor_id, kind=kind, municipality=municipality, **fields)


def tie(first, second, kind="agreement", tie_id=None, **fields):
    """A cooperation with the id ``first--second`` unless one is given."""
    return Cooperation(
        id=tie_id or f"{first}--{second}", actors=(first, second), kind=kind, **fields
    )


def one_rule(rule, **options):
    """A rule set holding only ``rule``."""
    return RuleSet(name="Eine Regel", rules=(rule,), **options)


def ssa_rule(severity="high", **options):
    """School social work at every school by placement, as in the default rules."""
    return RequiredTie(
        id="ssa",
        subject=Selector(kind="school"),
        partner=Selector(kind="school_social_work"),
        kinds={"placement"},
        severity=severity,
        **options,
    )


def ja_rule(within=2):
    """Every school reaches the youth welfare office within ``within`` steps (high)."""
    return RequiredTie(
        id="ja",
        subject=Selector(kind="school"),
        partner=Selector(kind="youth_welfare_office"),
        within=within,
        severity="high",
    )


def spof_rule(**options):
    """No school hangs on one actor or tie (high), with the given thresholds."""
    return NoSinglePointOfFailure(id="spof", severity="high", **options)


def chain_to_office(steps):
    """A school ``steps`` ties away from the Jugendamt along a chain of associations."""
    links = [f"verein-{number}" for number in range(1, steps)]
    path = ["gs", *links, "ja"]
    return EducationNetwork(
        name=f"Kette {steps}",
        actors=[
            school("gs", "GS Kette"),
            *(actor(link, "association") for link in links),
            actor("ja", "youth_welfare_office", "Jugendamt"),
        ],
        cooperations=[tie(a, b) for a, b in itertools.pairwise(path)],
    )


def school_apart_from_office():
    """A school tied only to its parents' council, the Jugendamt in another part."""
    return EducationNetwork(
        name="Getrennt",
        actors=[
            school("gs", "GS Abseits"),
            actor("ev", "parents_council", "Elternrat"),
            actor("ja", "youth_welfare_office", "Jugendamt"),
            actor("traeger", "youth_welfare_provider", "Träger"),
        ],
        cooperations=[tie("gs", "ev"), tie("ja", "traeger")],
    )


def school_with_posts(*ties):
    """A school and three school social work posts in its municipality, with ``ties``.

    Each tie is a mapping of Cooperation fields towards ``ssa-1``, ``ssa-2`` or ``ssa-3``
    (key ``to``); unmentioned fields take their defaults (kind placement).
    """
    return EducationNetwork(
        name="Posten",
        actors=[
            school("gs", "GS Posten", pupils=200),
            *(actor(f"ssa-{n}", "school_social_work", f"SSA {n}") for n in (1, 2, 3)),
        ],
        cooperations=[
            tie("gs", fields.pop("to"), fields.pop("kind", "placement"), **fields)
            for fields in (dict(item) for item in ties)
        ],
    )


def hanging_school(main_schools):
    """``main_schools`` schools tied to both ja and bb, one more school hanging on ``nws``.

    The school ``gs-x`` and its post ``ssa-x`` are tied to each other and both to
    ``nws``, which alone links them (by one tie ``nws``–``ja``) to the rest: ``nws`` is a
    cut actor, ``ja``–``nws`` a cut tie.
    """
    mains = [school(f"gs-{n}", f"GS {n}") for n in range(1, main_schools + 1)]
    return EducationNetwork(
        name="Hängend",
        actors=[
            *mains,
            actor("ja", "youth_welfare_office", "Jugendamt"),
            actor("bb", "career_guidance", "Berufsberatung"),
            actor("nws", "network_office", "Netzwerkstelle"),
            school("gs-x", "GS Außen"),
            actor("ssa-x", "school_social_work", "SSA Außen"),
        ],
        cooperations=[
            *(tie(item.id, hub) for item in mains for hub in ("ja", "bb")),
            tie("nws", "ja"),
            tie("gs-x", "nws"),
            tie("ssa-x", "nws"),
            tie("gs-x", "ssa-x", "placement"),
        ],
    )


def lone_schools(total, alone):
    """``total`` schools; ``alone`` of them are tied only to ``nws``, each by its own tie.

    The others, and ``nws``, are tied to the Jugendamt and the Berufsberatung. ``nws`` is
    the only link of ``alone`` schools: one cut actor, and each of those schools also
    hangs on a cut tie of its own.
    """
    schools = [school(f"gs-{n:02d}", f"GS {n:02d}") for n in range(1, total + 1)]
    lone, linked = schools[:alone], schools[alone:]
    return EducationNetwork(
        name="Netzwerkstelle allein",
        actors=[
            *schools,
            actor("ja", "youth_welfare_office", "Jugendamt"),
            actor("bb", "career_guidance", "Berufsberatung"),
            actor("nws", "network_office", "Netzwerkstelle"),
        ],
        cooperations=[
            *(tie(item.id, hub) for item in linked for hub in ("ja", "bb")),
            *(tie(item.id, "nws") for item in lone),
            tie("nws", "ja"),
            tie("nws", "bb"),
        ],
    )


def two_parts_on_one_actor(main_schools):
    """``nws`` alone links two schools: ``gs-x`` with its post (two ties), ``gs-y`` (one tie).

    The rest: ``main_schools`` schools tied to the Jugendamt and the Berufsberatung, as
    is ``nws``.
    """
    network = hanging_school(main_schools)
    return network.with_actors(school("gs-y", "GS Abseits")).with_cooperations(
        tie("gs-y", "nws"), tie("nws", "bb")
    )


def chain_halves():
    """Two equal halves joined by one tie ``gs-a``–``gs-b``, a school and post on each side."""
    return EducationNetwork(
        name="Zwei Hälften",
        actors=[
            school("gs-a", "GS A"),
            actor("ssa-a", "school_social_work", "SSA A"),
            school("gs-b", "GS B"),
            actor("ssa-b", "school_social_work", "SSA B"),
        ],
        cooperations=[
            tie("gs-a", "ssa-a", "placement"),
            tie("gs-b", "ssa-b", "placement"),
            tie("gs-a", "gs-b", "transition"),
        ],
    )


def star(leaves):
    """A network office tied to ``leaves`` associations that share no other contact."""
    spokes = [actor(f"verein-{n}", "association") for n in range(1, leaves + 1)]
    return EducationNetwork(
        name=f"Stern {leaves}",
        actors=[actor("nws", "network_office", "Netzwerkstelle"), *spokes],
        cooperations=[tie("nws", spoke.id) for spoke in spokes],
    )


def closed_circle():
    """A school whose two contacts are tied to each other (Burt constraint 1.125)."""
    return EducationNetwork(
        name="Kreis",
        actors=[
            school("gs", "GS Im Kreis"),
            actor("ssa", "school_social_work", "SSA"),
            actor("ja", "youth_welfare_office", "Jugendamt"),
        ],
        cooperations=[tie("gs", "ssa", "placement"), tie("gs", "ja"), tie("ssa", "ja")],
    )


def open_pair():
    """A school with two contacts not tied to each other (Burt constraint 0.5)."""
    return closed_circle().without_cooperations("ssa--ja")


def symmetric_halves():
    """``nws`` joins two equal halves, each a school with its post tied twice to ``nws``.

    Removing ``nws`` leaves two parts of the same size; neither is the rest of the
    network by size, so any finding about one half must be independent of record order.
    """
    halves = []
    ties = []
    for side in ("nord", "sued"):
        halves += [
            school(f"gs-{side}", f"GS {side}"),
            actor(f"ssa-{side}", "school_social_work", f"SSA {side}"),
        ]
        ties += [
            tie(f"gs-{side}", f"ssa-{side}", "placement"),
            tie(f"gs-{side}", "nws"),
            tie(f"ssa-{side}", "nws"),
        ]
    return EducationNetwork(
        name="Hälften",
        actors=[actor("nws", "network_office", "Netzwerkstelle"), *halves],
        cooperations=ties,
    )


def two_rules_one_remedy():
    """Two schools and the Jugendamt under a direct and a two-step rule.

    ``gs-1`` is three steps from the Jugendamt (breaks both rules); ``gs-2`` reaches it in
    two steps through two intermediaries (breaks only the direct rule). Both rules are
    closed by a case-work tie to the Jugendamt.
    """
    rules = RuleSet(
        name="Zwei Regeln",
        rules=(
            RequiredTie(
                id="ja-direkt",
                subject=Selector(kind="school"),
                partner=Selector(kind="youth_welfare_office"),
                kinds={"case_work"},
            ),
            ja_rule(within=2),
        ),
    )
    network = EducationNetwork(
        name="Zwei Regeln",
        actors=[
            school("gs-1", "GS Eins"),
            school("gs-2", "GS Zwei"),
            *(actor(f"verein-{n}", "association") for n in (1, 2, 3)),
            actor("ja", "youth_welfare_office", "Jugendamt"),
        ],
        cooperations=[
            tie("gs-1", "verein-1"),
            tie("verein-1", "verein-2"),
            tie("verein-2", "ja"),
            tie("verein-3", "ja"),
            tie("gs-2", "verein-2"),
            tie("gs-2", "verein-3"),
        ],
    )
    return network, rules


def small_flow(*pupils):
    """A Grundschule sending each count of ``pupils`` to its own Sekundarschule (sek-1, ...).

    No school is tied to another; each is tied to ``verein`` and none carries a
    municipality, so under a rule set with only a transition rule the flows are the only
    findings.
    """
    targets = [
        school(f"sek-{n}", f"Sekundarschule {n}", form="sekundarschule", municipality=None)
        for n in range(1, len(pupils) + 1)
    ]
    return EducationNetwork(
        name="Kleiner Übergang",
        actors=[
            school("gs", "GS Quelle", municipality=None),
            actor("verein", "association", "Verein", municipality=None),
            *targets,
        ],
        cooperations=[tie(item, "verein") for item in ["gs", *(t.id for t in targets)]],
        flows=[
            TransitionFlow(
                source="gs",
                target=target.id,
                year=2024,
                pupils=count,
                transition="primary_to_secondary",
            )
            for target, count in zip(targets, pupils, strict=True)
        ],
    )
