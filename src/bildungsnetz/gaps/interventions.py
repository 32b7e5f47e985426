"""Interventions: topics nobody covers, needs nobody meets, offers that hang on one provider.

``uncovered_topic``
    A topic of a :class:`~bildungsnetz.rules.RequiredCoverage` rule that no active
    intervention (of at least the rule's tier) covers in a municipality or for a school
    form. An intervention covers the municipalities of its service area and of its
    sites; one with neither serves the whole network. Rule severity.
``unmet_need``
    A school whose need indicator reaches a :class:`~bildungsnetz.rules.NeedCoverage`
    threshold without an active intervention of at least the rule's tier at its site.
    Rule severity, one level higher from one and a half times the threshold.
``provider_dependence``
    A prevention tier or topic whose active interventions all come from fewer than
    ``min_providers`` providers. Rule severity.

:func:`coverage_table` counts the active interventions per municipality or school form
and topic.

Examples
--------
>>> from bildungsnetz.datasets import musterkreis
>>> from bildungsnetz.gaps import find_unmet_needs
>>> all(gap.kind == "unmet_need" for gap in find_unmet_needs(musterkreis()))
True
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Literal

from bildungsnetz.gaps._analysis import Analysis, analyse, shift
from bildungsnetz.gaps._finish import finished
from bildungsnetz.gaps._text import amount, names, number, percent, quoted
from bildungsnetz.gaps._verify import Judge, Outcome
from bildungsnetz.gaps.gap import AnySuggestion, Explanation, Gap, GapKind, SuggestedMeasure
from bildungsnetz.gaps.table import Table
from bildungsnetz.model import ActorKind, PreventionTier, Topic
from bildungsnetz.rules import INDICATOR_LABELS, NeedCoverage, ProviderDiversity, RequiredCoverage

if TYPE_CHECKING:
    from bildungsnetz.model import Actor, EducationNetwork, Intervention
    from bildungsnetz.model.dates import DayLike
    from bildungsnetz.rules import RuleSet

__all__ = [
    "coverage_table",
    "find_provider_dependence",
    "find_uncovered_topics",
    "find_unmet_needs",
]

_METHOD = "bildungsnetz.gaps.interventions"
_CRITICAL_FACTOR = 1.5


def _active(analysis: Analysis) -> tuple[Intervention, ...]:
    # The analysis network is already the snapshot on the day, so every intervention in
    # it is active; without a day, every intervention counts.
    return analysis.network.interventions


def _municipality_names(network: EducationNetwork) -> dict[str, str]:
    return {
        actor.municipality: actor.name
        for actor in network.actors_of(ActorKind.MUNICIPALITY)
        if actor.municipality is not None
    }


def _served_municipalities(
    network: EducationNetwork, measure: Intervention, recorded: Intervention
) -> set[str] | None:
    """Return the AGS an intervention serves, or ``None`` for the whole network.

    ``recorded`` is the intervention as the data hold it, ``measure`` as it stands on the
    day: one whose only site has closed serves nowhere, not everywhere.
    """
    if not recorded.municipalities and not recorded.sites:
        return None
    served = set(measure.municipalities)
    for site in measure.sites:
        municipality = network.actor(site).municipality
        if municipality is not None:
            served.add(municipality)
    return served


def _served_forms(
    network: EducationNetwork, measure: Intervention, recorded: Intervention
) -> set[str] | None:
    """Return the school forms an intervention serves, or ``None`` for all.

    Sites decide where there are any (a measure at Kitas serves no school form); else the
    stages it serves; else every form.
    """
    if recorded.sites:
        return {
            profile.form.value
            for site in measure.sites
            if (profile := network.actor(site).school) is not None
        }
    if recorded.stages:
        return {
            profile.form.value
            for actor in network.actors_of(ActorKind.SCHOOL)
            if (profile := actor.school) is not None and profile.stages & recorded.stages
        }
    return None


def _served_with_site(
    analysis: Analysis, per: str, measure: Intervention, site: str
) -> frozenset[str]:
    """Return the municipalities or school forms a measure serves with one more site.

    With a site it serves where its sites are (and its service area), whatever it served
    before; what its own sites give is worked out once per measure.
    """
    network = analysis.network
    known: dict[str, frozenset[str]] = analysis.cache.setdefault(f"served_by_sites:{per}", {})

    def unit_of(actor: Actor) -> str | None:
        if per == "municipality":
            return actor.municipality
        return None if actor.school is None else actor.school.form.value

    if measure.id not in known:
        own = {unit_of(network.actor(place)) for place in measure.sites} - {None}
        area = measure.municipalities if per == "municipality" else frozenset()
        known[measure.id] = frozenset(area) | {unit for unit in own if unit is not None}
    added = unit_of(network.actor(site))
    return known[measure.id] if added is None else known[measure.id] | {added}


def _fits(measure: Intervention, topic: Topic, tier: PreventionTier | None) -> bool:
    return topic in measure.topics and (tier is None or measure.tier >= tier)


def find_uncovered_topics(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find municipalities or school forms where no active intervention covers a topic.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.RequiredCoverage` rule is checked.
    as_of
        Judge the interventions active on this day.

    Returns
    -------
    gaps
        One ``uncovered_topic`` finding per rule and uncovered unit, sorted, naming the
        schools in the unit. Units are the municipalities (AGS) of the schools, or the
        school forms present.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_uncovered_topics(musterkreis())
    >>> all(gap.evidence["topic"] for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    if not analysis.source.interventions:
        return []  # nothing recorded at all: a data gap, not a gap in every municipality
    gaps = []
    for rule in analysis.rules.of_type(RequiredCoverage):
        fitting = [m for m in _active(analysis) if _fits(m, rule.topic, rule.tier)]
        if rule.per == "municipality":
            gaps.extend(_uncovered_municipalities(analysis, rule, fitting))
        else:
            gaps.extend(_uncovered_forms(analysis, rule, fitting))
    return finished(analysis, gaps, JUDGES)


def _schools_by(analysis: Analysis, key: Literal["municipality", "form"]) -> dict[str, list[Actor]]:
    units: dict[str, list[Actor]] = defaultdict(list)
    for school in analysis.network.actors_of(ActorKind.SCHOOL):
        if key == "municipality" and school.municipality is not None:
            units[school.municipality].append(school)
        elif key == "form" and school.school is not None:
            units[school.school.form.value].append(school)
    return units


def _uncovered_municipalities(
    analysis: Analysis, rule: RequiredCoverage, fitting: list[Intervention]
) -> list[Gap]:
    served: set[str] = set()
    for measure in fitting:
        area = _served_municipalities(
            analysis.network, measure, analysis.source.intervention(measure.id)
        )
        if area is None:
            return []
        served |= area
    return [
        _uncovered_gap(analysis, rule, ags, (analysis.municipality_name(ags),) * 2, schools)
        for ags, schools in sorted(_schools_by(analysis, "municipality").items())
        if ags not in served
    ]


def _uncovered_forms(
    analysis: Analysis, rule: RequiredCoverage, fitting: list[Intervention]
) -> list[Gap]:
    served: set[str] = set()
    for measure in fitting:
        forms = _served_forms(analysis.network, measure, analysis.source.intervention(measure.id))
        if forms is None:
            return []
        served |= forms
    gaps = []
    for form, schools in sorted(_schools_by(analysis, "form").items()):
        if form not in served:
            profile = schools[0].school
            labels = (
                (profile.form.label("de"), profile.form.label("en")) if profile else (form,) * 2
            )
            gaps.append(_uncovered_gap(analysis, rule, form, labels, schools))
    return gaps


def _uncovered_gap(
    analysis: Analysis,
    rule: RequiredCoverage,
    unit: str,
    labels: tuple[str, str],
    schools: list[Actor],
) -> Gap:
    tier_de = f" der Stufe {quoted(rule.tier.label('de'), 'de')} oder höher" if rule.tier else ""
    tier_en = f" of tier {quoted(rule.tier.label('en'), 'en')} or above" if rule.tier else ""
    label_de, label_en = labels
    if rule.per == "municipality":
        where_de, where_en = f"in {label_de}", f"in {label_en}"
    else:
        where_de = f"für die Schulform {label_de}"
        where_en = f"for the school form {quoted(label_en, 'en')}"
    school_ids = [school.id for school in schools]
    return Gap.create(
        kind=GapKind.UNCOVERED_TOPIC,
        severity=rule.severity,
        actors=tuple(school_ids),
        rule=rule.id,
        key={"topic": rule.topic.value, "unit": unit},
        score=float(len(schools)),
        evidence={"topic": rule.topic.value, "unit": unit, "schools": len(schools)},
        explanation=Explanation(
            de=f"Zum Thema {quoted(rule.topic.label('de'), 'de')} gibt es {where_de} keine "
            f"laufende Maßnahme{tier_de}. Betroffen {'ist' if len(schools) == 1 else 'sind'} "
            f"{amount(len(schools), 'Schule', 'Schulen', lang='de')} "
            f"({names(analysis, school_ids, 'de')}).",
            en=f"No running intervention{tier_en} covers {quoted(rule.topic.label('en'), 'en')} "
            f"{where_en}. {amount(len(schools), 'school is', 'schools are', lang='en')} "
            f"concerned ({names(analysis, school_ids, 'en')}).",
        ),
        suggestions=_topic_extensions(analysis, rule, unit, schools),
        method=f"{_METHOD}.find_uncovered_topics",
        params={
            **analysis.params,
            "per": rule.per,
            "tier": None if rule.tier is None else rule.tier.value,
        },
    )


def _topic_extensions(
    analysis: Analysis, rule: RequiredCoverage, unit: str, schools: list[Actor]
) -> tuple[SuggestedMeasure, ...]:
    """Propose running measures on the topic to extend to the unit's largest school.

    Measures of the same district first (by municipality), then any, each by id; only
    measures with sites or a service area, which an extra site widens, and that teach a
    stage of one of the unit's schools.
    """
    by_size = sorted(schools, key=lambda school: (-_pupils(school), school.id))
    measures, by_district = _measures_with_area(analysis, rule.topic, rule.tier)
    near = by_district.get(unit[:5], []) if rule.per == "municipality" else []
    chosen: list[tuple[float, Intervention, Actor]] = []
    taken: set[str] = set()
    for plausibility, candidates in ((0.6, near), (0.4, measures)):
        for measure in candidates:
            if len(chosen) == _CANDIDATES:
                break
            if measure.id in taken:
                continue
            site = next((school for school in by_size if _teaches(school, measure)), None)
            if site is not None:
                chosen.append((plausibility, measure, site))
            # Near or far, a measure is judged once: without a site here, it has none.
            taken.add(measure.id)
    return tuple(
        _extension(analysis, measure, site, plausibility) for plausibility, measure, site in chosen
    )


def _measures_with_area(
    analysis: Analysis, topic: Topic, tier: PreventionTier | None
) -> tuple[list[Intervention], dict[str, list[Intervention]]]:
    """Return the active measures on the topic with sites or an area, computed once.

    In id order, all of them and by the districts (first five digits of the AGS) they
    serve.
    """
    key = f"measures_with_area:{topic.value}:{tier}"
    if key not in analysis.cache:
        found: list[Intervention] = []
        by_district: dict[str, list[Intervention]] = defaultdict(list)
        for measure in sorted(_active(analysis), key=lambda measure: measure.id):
            if _fits(measure, topic, tier):
                recorded = analysis.source.intervention(measure.id)
                area = _served_municipalities(analysis.network, measure, recorded)
                if area is not None:
                    found.append(measure)
                    for district in sorted({ags[:5] for ags in area}):
                        by_district[district].append(measure)
        analysis.cache[key] = (found, dict(by_district))
    measures: tuple[list[Intervention], dict[str, list[Intervention]]] = analysis.cache[key]
    return measures


def _teaches(school: Actor, measure: Intervention) -> bool:
    """Whether the school teaches a stage the measure is for (any, if it names none)."""
    return not measure.stages or (
        school.school is not None and bool(measure.stages & school.school.stages)
    )


def _pupils(school: Actor) -> int:
    return 0 if school.school is None or school.school.pupils is None else school.school.pupils


def find_unmet_needs(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find schools in need without an active targeted intervention at their site.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.NeedCoverage` rule is checked.
    as_of
        Judge the interventions active on this day.

    Returns
    -------
    gaps
        ``unmet_need`` findings, sorted, each suggesting the providers of fitting
        interventions elsewhere in the municipality or district.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_unmet_needs(musterkreis())
    >>> all(gap.evidence["value"] >= gap.evidence["threshold"] for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    sites: dict[str, list[Intervention]] = defaultdict(list)
    for measure in _active(analysis):
        for site in measure.sites:
            sites[site].append(measure)
    gaps = []
    for rule in analysis.rules.of_type(NeedCoverage):
        for school in analysis.matching(rule.subject):
            value = None if school.school is None else getattr(school.school, rule.indicator)
            if value is None or value < rule.threshold:
                continue
            if any(m.tier >= rule.tier for m in sites.get(school.id, [])):
                continue
            gaps.append(_unmet_gap(analysis, rule, school, value))
    return finished(analysis, gaps, JUDGES)


def _unmet_gap(analysis: Analysis, rule: NeedCoverage, school: Actor, value: float) -> Gap:
    # A tolerance, because 1.5 * 0.10 is 0.15000000000000002 in floating point.
    critical = value >= _CRITICAL_FACTOR * rule.threshold - 1e-9
    tier_de, tier_en = rule.tier.label("de"), rule.tier.label("en")
    what_de, what_en = INDICATOR_LABELS[rule.indicator]
    # A value that reads as the threshold reaches it; it is not above it.
    level_de, level_en = (
        f"{percent(value, 'de')} ({what_de})",
        f"{percent(value, 'en')} ({what_en})",
    )
    threshold_de, threshold_en = percent(rule.threshold, "de"), percent(rule.threshold, "en")
    if threshold_en == percent(value, "en"):
        where_de = f"erreicht mit {level_de} die Schwelle von {threshold_de}"
        where_en = f"is at {level_en}, reaching the threshold of {threshold_en}"
    else:
        where_de = f"liegt mit {level_de} über der Schwelle von {threshold_de}"
        where_en = f"is at {level_en}, above the threshold of {threshold_en}"
    return Gap.create(
        kind=GapKind.UNMET_NEED,
        severity=shift(rule.severity, 1) if critical else rule.severity,
        actors=(school.id,),
        rule=rule.id,
        key={"indicator": rule.indicator},
        score=value,
        evidence={"indicator": rule.indicator, "value": value, "threshold": rule.threshold},
        explanation=Explanation(
            de=f"{school.name} {where_de}, hat aber keine laufende Maßnahme der Stufe "
            f"{quoted(tier_de, 'de')} oder höher an der Schule.",
            en=f"{school.name} {where_en}, but has no running intervention of tier "
            f"{quoted(tier_en, 'en')} or above at the school.",
        ),
        suggestions=_measures_nearby(analysis, school, rule.tier, _TOPICS_FOR[rule.indicator]),
        method=f"{_METHOD}.find_unmet_needs",
        params={**analysis.params, "threshold": rule.threshold, "tier": rule.tier.value},
    )


# The topics whose measures answer each need indicator best.
_TOPICS_FOR: dict[str, frozenset[Topic]] = {
    "absence_rate": frozenset({Topic.ABSENTEEISM, Topic.SCHOOL_REFUSAL, Topic.MENTAL_HEALTH}),
    "without_qualification_rate": frozenset(
        {Topic.CAREER_ORIENTATION, Topic.TRANSITION, Topic.ABSENTEEISM}
    ),
    "special_needs_rate": frozenset({Topic.INCLUSION}),
    "migration_rate": frozenset({Topic.MIGRATION, Topic.LANGUAGE}),
}


def _measures_nearby(
    analysis: Analysis, school: Actor, tier: PreventionTier, topics: frozenset[Topic]
) -> tuple[SuggestedMeasure, ...]:
    """Propose running measures of the tier to extend to the school, the nearest first.

    A measure serving the school's municipality first, then its district, then any; one
    on a fitting topic before others. Only measures with sites or a service area: one
    serving the whole network would serve less, not more, with a site of its own.
    """
    local, regional, anywhere = _measures_of_tier(analysis, tier)
    ags = school.municipality
    scored: dict[str, float] = {}
    for plausibility, candidates in (
        (0.9, local.get(ags, []) if ags else []),
        (0.6, regional.get(ags[:5], []) if ags else []),
        (0.4, anywhere),
    ):
        for measure_id in candidates:
            measure = analysis.network.intervention(measure_id)
            if school.id not in measure.sites and _teaches(school, measure):
                scored.setdefault(measure_id, plausibility)
    ranked = sorted(
        scored.items(),
        key=lambda item: (
            -(item[1] + 0.05 * bool(analysis.network.intervention(item[0]).topics & topics)),
            item[0],
        ),
    )
    return tuple(
        _extension(analysis, analysis.network.intervention(measure_id), school, plausibility)
        for measure_id, plausibility in ranked[:_CANDIDATES]
    )


def _extension(
    analysis: Analysis, measure: Intervention, site: Actor, plausibility: float
) -> SuggestedMeasure:
    providers = tuple(sorted(measure.providers))
    # A measure is proposed to many schools: what it is and who runs it is written once.
    phrases: dict[str, tuple[str, str]] = analysis.cache.setdefault("measure_phrases", {})
    if measure.id not in phrases:
        by_de = f" von {names(analysis, providers, 'de')}" if providers else ""
        by_en = f" by {names(analysis, providers, 'en')}" if providers else ""
        phrases[measure.id] = (
            f"{quoted(measure.name, 'de')}{by_de} läuft bereits (Stufe "
            f"{quoted(measure.tier.label('de'), 'de')}) und kann auch an ",
            f"{quoted(measure.name, 'en')}{by_en} already runs (tier "
            f"{quoted(measure.tier.label('en'), 'en')}) and can also take place at ",
        )
    runs_de, runs_en = phrases[measure.id]
    return SuggestedMeasure._trusted(
        intervention=measure.id,
        site=site.id,
        providers=providers,
        plausibility=plausibility,
        reason=Explanation(de=f"{runs_de}{site.name} stattfinden.", en=f"{runs_en}{site.name}."),
    )


_CANDIDATES = 6

MeasureIndex = tuple[dict[str, list[str]], dict[str, list[str]], list[str]]


def _measures_of_tier(analysis: Analysis, tier: PreventionTier) -> MeasureIndex:
    """Return the active measures of ``tier`` or above that have an area, computed once.

    They come by the municipalities they serve, by district, and the first few of all.
    """
    key = f"measures_of_tier:{tier.value}"
    if key not in analysis.cache:
        local: dict[str, list[str]] = defaultdict(list)
        regional: dict[str, list[str]] = defaultdict(list)
        anywhere: list[str] = []
        for measure in _active(analysis):
            recorded = analysis.source.intervention(measure.id)
            area = _served_municipalities(analysis.network, measure, recorded)
            if measure.tier < tier or area is None:
                continue
            anywhere.append(measure.id)
            for ags in sorted(area):
                local[ags].append(measure.id)
            for district in sorted({ags[:5] for ags in area}):
                regional[district].append(measure.id)
        analysis.cache[key] = (local, regional, anywhere[:_CANDIDATES])
    index: MeasureIndex = analysis.cache[key]
    return index


def _judge_unmet(analysis: Analysis, gap: Gap, remedy: AnySuggestion) -> Outcome | None:
    """Whether a measure of the rule's tier comes to the school."""
    if not isinstance(remedy, SuggestedMeasure) or remedy.site != gap.actors[0] or gap.rule is None:
        return None
    rule = analysis.rules.rule(gap.rule)
    measure = _active_measure(analysis, remedy.intervention)
    if not isinstance(rule, NeedCoverage) or measure is None:
        return None
    return Outcome(closed=True) if measure.tier >= rule.tier else None


def _judge_uncovered(analysis: Analysis, gap: Gap, remedy: AnySuggestion) -> Outcome | None:
    """Whether the measure, extended to one more site, covers the unit."""
    if not isinstance(remedy, SuggestedMeasure) or gap.rule is None:
        return None
    rule = analysis.rules.rule(gap.rule)
    measure = _active_measure(analysis, remedy.intervention)
    if not isinstance(rule, RequiredCoverage) or measure is None:
        return None
    if not _fits(measure, rule.topic, rule.tier) or remedy.site not in analysis.graph.index:
        return None
    served = _served_with_site(analysis, rule.per, measure, remedy.site)
    return Outcome(closed=True) if str(gap.evidence.get("unit")) in served else None


def _active_measure(analysis: Analysis, measure_id: str) -> Intervention | None:
    try:
        return analysis.network.intervention(measure_id)
    except KeyError:
        return None


JUDGES: dict[GapKind, Judge] = {
    GapKind.UNMET_NEED: _judge_unmet,
    GapKind.UNCOVERED_TOPIC: _judge_uncovered,
}
"""The judges of the findings this module suggests measures for (see ``gaps._verify``)."""


def find_provider_dependence(
    network: EducationNetwork, rules: RuleSet | None = None, *, as_of: DayLike | None = None
) -> list[Gap]:
    """Find prevention tiers and topics whose active offers come from too few providers.

    Parameters
    ----------
    network
        The network.
    rules
        The rules; ``None`` means :func:`~bildungsnetz.rules.default_rules`. Each
        :class:`~bildungsnetz.rules.ProviderDiversity` rule is checked.
    as_of
        Judge the interventions active on this day.

    Returns
    -------
    gaps
        ``provider_dependence`` findings, one per tier or topic, naming the providers.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> gaps = find_provider_dependence(musterkreis())
    >>> all(gap.evidence["providers"] < 2 for gap in gaps)
    True
    """
    analysis = analyse(network, rules, as_of=as_of)
    offers: dict[tuple[str, str], set[str]] = defaultdict(set)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for measure in _active(analysis):
        for key in [("tier", measure.tier.value), *(("topic", t.value) for t in measure.topics)]:
            offers[key] |= measure.providers
            counts[key] += 1
    gaps = []
    for rule in analysis.rules.of_type(ProviderDiversity):
        for (dimension, value), providers in sorted(offers.items()):
            if len(providers) < rule.min_providers:
                gaps.append(
                    _dependence_gap(
                        analysis,
                        rule,
                        dimension=dimension,
                        value=value,
                        providers=providers,
                        counts=counts,
                    )
                )
    return finished(analysis, gaps)


def _dependence_gap(
    analysis: Analysis,
    rule: ProviderDiversity,
    *,
    dimension: str,
    value: str,
    providers: set[str],
    counts: dict[tuple[str, str], int],
) -> Gap:
    label = PreventionTier(value) if dimension == "tier" else Topic(value)
    what_de = (
        f"zur Stufe {quoted(label.label('de'), 'de')}"
        if dimension == "tier"
        else f"zum Thema {quoted(label.label('de'), 'de')}"
    )
    what_en = (
        f"tier {quoted(label.label('en'), 'en')}"
        if dimension == "tier"
        else f"topic {quoted(label.label('en'), 'en')}"
    )
    provider_ids = sorted(providers)
    who_de = names(analysis, provider_ids, "de") or "keinem benannten Träger"
    who_en = names(analysis, provider_ids, "en") or "no named provider"
    return Gap.create(
        kind=GapKind.PROVIDER_DEPENDENCE,
        severity=rule.severity,
        actors=tuple(provider_ids),
        rule=rule.id,
        key={dimension: value},
        score=float(counts[dimension, value]),
        evidence={
            "providers": len(provider_ids),
            "interventions": counts[dimension, value],
            dimension: value,
        },
        explanation=_dependence_text(
            counts[dimension, value], len(provider_ids), (what_de, what_en), (who_de, who_en)
        ),
        method=f"{_METHOD}.find_provider_dependence",
        params={**analysis.params, "min_providers": rule.min_providers},
    )


def _dependence_text(
    count: int, providers: int, what: tuple[str, str], who: tuple[str, str]
) -> Explanation:
    (what_de, what_en), (who_de, who_en) = what, who
    # Without a named provider there is none to drop out: the listing says it all.
    if providers == 0:
        risk_de = risk_en = ""
    elif providers == 1:
        risk_de = " Fällt dieser Träger aus, gibt es kein Angebot mehr."
        risk_en = " If this provider drops out, nothing is left."
    else:
        risk_de = " Fallen diese Träger aus, gibt es kein Angebot mehr."
        risk_en = " If these providers drop out, nothing is left."
    if count == 1:
        return Explanation(
            de=f"Die einzige laufende Maßnahme {what_de} kommt von {who_de}.{risk_de}",
            en=f"The only running intervention for the {what_en} comes from {who_en}.{risk_en}",
        )
    all_de = "Beide" if count == 2 else f"Alle {number(count, 'de')}"  # noqa: PLR2004
    all_en = "Both" if count == 2 else f"All {number(count, 'en')}"  # noqa: PLR2004
    return Explanation(
        de=f"{all_de} laufenden Maßnahmen {what_de} kommen von {who_de}.{risk_de}",
        en=f"{all_en} running interventions for the {what_en} come from {who_en}.{risk_en}",
    )


def coverage_table(
    network: EducationNetwork,
    *,
    per: Literal["municipality", "school_form"] = "municipality",
    tier: PreventionTier | str | None = None,
    as_of: DayLike | None = None,
    lang: Literal["de", "en"] = "de",
) -> Table:
    """Count the active interventions per municipality (or school form) and topic.

    Parameters
    ----------
    network
        The network.
    per
        Rows are municipalities (by name where a municipality actor carries the AGS,
        else the AGS) or school forms.
    tier
        Count only interventions of this tier or above.
    as_of
        Count the interventions active on this day; the network's ``reference_date`` by
        default, as :func:`~bildungsnetz.gaps.find_gaps` does.
    lang
        The language of the labels.

    Returns
    -------
    table
        Rows are the units with schools, columns the topics; cells count interventions
        (not pupils, so nothing is suppressed). An intervention without a service area
        or sites counts everywhere.

    Examples
    --------
    >>> from bildungsnetz.datasets import musterkreis
    >>> table = coverage_table(musterkreis(), per="school_form", lang='de')
    >>> "Grundschule" in table.rows
    True
    """
    day = network.reference_date if as_of is None else as_of
    current = network if day is None else network.as_of(day)
    floor = None if tier is None else PreventionTier(tier)
    schools = [a for a in current.actors_of(ActorKind.SCHOOL) if a.school is not None]
    labels = _municipality_names(current)
    if per == "municipality":
        units = {
            s.municipality: labels.get(s.municipality, s.municipality)
            for s in schools
            if s.municipality
        }
    else:
        units = {s.school.form.value: s.school.form.label(lang) for s in schools if s.school}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    topics: set[Topic] = set()
    for measure in current.interventions:
        if floor is not None and measure.tier < floor:
            continue
        area = (
            _served_municipalities(current, measure, network.intervention(measure.id))
            if per == "municipality"
            else _served_forms(current, measure, network.intervention(measure.id))
        )
        for unit, label in units.items():
            if area is None or unit in area:
                for topic in measure.topics:
                    topics.add(topic)
                    counts[label, topic.label(lang)] += 1
    columns = tuple(topic.label(lang) for topic in Topic if topic in topics)
    rows = tuple(sorted(set(units.values())))
    title = {
        "municipality": {"de": "Gemeinde", "en": "municipality"},
        "school_form": {"de": "Schulform", "en": "school form"},
    }[per][lang]
    return Table.from_counts(dict(counts), title=title, pupils=False, rows=rows, columns=columns)
