"""What the graph files should hold, computed from the records by the documented rules.

Written without the exporter's own helpers, so that a test comparing a file read back by
networkx or igraph with these values checks the exporter against its documentation.
"""

from __future__ import annotations

import math

IGRAPH_MISSING = {str: "", float: math.nan, bool: False}
"""What igraph fills in where a GraphML node or edge has no value for an attribute."""

SUPPRESSED_PUPILS = {1, 2}


def joined(values):
    """Sorted values joined with "; ", a ";" inside a value escaped as the tables do."""
    escaped = (value.replace("\\", "\\\\").replace(";", "\\;") for value in sorted(values))
    return "; ".join(escaped)


def xml_text(text):
    """Text as XML can hold it: line feeds only, U+FFFD for what it cannot hold at all."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    allowed = {"\t", "\n"}
    return "".join(
        character
        if character in allowed
        or (
            " " <= character <= "\ud7ff"
            or "\ue000" <= character <= "\ufffd"
            or character >= "\U00010000"
        )
        else "\ufffd"
        for character in text
    )


def expected_node(actor, *, xml=True):
    """The attributes of an actor's node."""
    values = {
        "label": actor.name,
        "kind": actor.kind.value,
        "municipality": actor.municipality,
        "part_of": actor.part_of,
        "description": actor.description or None,
    }
    if actor.school is not None:
        school = actor.school
        values |= {
            "form": school.form.value,
            "stages": joined(stage.value for stage in school.stages) or None,
            "public": school.public,
            "absence_rate": school.absence_rate,
            "without_qualification_rate": school.without_qualification_rate,
            "special_needs_rate": school.special_needs_rate,
            "migration_rate": school.migration_rate,
        }
        if school.pupils is not None and school.pupils not in SUPPRESSED_PUPILS:
            values["pupils"] = school.pupils
    if actor.location is not None:
        values |= {"lat": actor.location.lat, "lon": actor.location.lon}
    if actor.active.start is not None:
        values["active_start"] = actor.active.start.isoformat()
    if actor.active.end is not None:
        values["active_end"] = actor.active.end.isoformat()
    values |= {
        "identifiers": joined(f"{i.scheme}:{i.value}" for i in actor.identifiers) or None,
        "funding": joined(actor.funding) or None,
        "topics": joined(topic.value for topic in actor.topics) or None,
        "tags": joined(actor.tags) or None,
    }
    return _present(values, xml=xml)


def expected_edge(tie, *, xml=True):
    """The attributes of a cooperation's edge."""
    values = {
        "tie_id": tie.id,
        "tie_kind": tie.kind.value,
        "directed": tie.directed,
        "person_bound": tie.person_bound,
        "confirmed": tie.confirmed,
        "formality": tie.formality and tie.formality.value,
        "level": tie.level and tie.level.value,
        "tie_topics": joined(topic.value for topic in tie.topics) or None,
        "tie_funding": joined(tie.funding) or None,
        "tie_description": tie.description or None,
        "last_contact": tie.last_contact and tie.last_contact.isoformat(),
        "period_start": tie.period.start and tie.period.start.isoformat(),
        "period_end": tie.period.end and tie.period.end.isoformat(),
    }
    if tie.intensity is not None:
        ranks = {"awareness": 1, "cooperation": 2, "coordination": 3, "integration": 4}
        values |= {"intensity": tie.intensity.value, "intensity_rank": ranks[tie.intensity.value]}
    if tie.directed:
        values |= {"from_actor": tie.actors[0], "to_actor": tie.actors[1]}
    if tie.schedule is not None:
        zone = tie.schedule.start.tzinfo.key
        values |= {
            "schedule_rule": tie.schedule.rule,
            "schedule_start": f"{tie.schedule.start.isoformat()}[{zone}]",
        }
    return _present(values, xml=xml)


def _present(values, *, xml):
    return {
        name: xml_text(value) if xml and isinstance(value, str) else value
        for name, value in values.items()
        if value is not None
    }


def igraph_view(expected_by_id):
    """The attributes igraph reads for every element: missing ones filled in, numbers as floats.

    NaN is replaced by None so that dictionaries compare equal.
    """
    types = {}
    for values in expected_by_id.values():
        for name, value in values.items():
            types.setdefault(name, float if type(value) is int else type(value))
    return {
        element: {
            name: _comparable(kind(values[name]) if name in values else IGRAPH_MISSING[kind])
            for name, kind in types.items()
        }
        for element, values in expected_by_id.items()
    }


def comparable(values):
    """The attributes with NaN replaced by None, so that dictionaries compare equal."""
    return {name: _comparable(value) for name, value in values.items()}


def _comparable(value):
    return None if isinstance(value, float) and math.isnan(value) else value
