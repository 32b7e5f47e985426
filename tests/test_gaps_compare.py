"""Before and after: compare() and the headline measures it reports."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest

import gap_networks as nets
import gap_shapes as shapes
from bildungsnetz import EducationNetwork, Period
from bildungsnetz.gaps import compare, headline_measures


def remedied():
    """The gappy district before and after the Grundschule Land ties up with the Jugendamt.

    The new tie closes the fragile pair (gs-land reached the Jugendamt only via sek-land);
    the missing school social work, the unconfirmed tie and the isolated association stay.
    """
    before = nets.gappy_district()
    after = before.with_cooperations(shapes.tie("gs-land", "ja", "case_work"))
    return before, after


def two_remedied():
    """As :func:`remedied`, and gs-land also gets its school social work post back.

    Two findings close (fragile pair, missing school social work), two stay.
    """
    before, after = remedied()
    post = nets.compliant_district().actor("ssa-gs-land")
    placement = shapes.tie("gs-land", "ssa-gs-land", "placement", intensity="coordination")
    contact = shapes.tie("nws", "ssa-gs-land", "consultation")
    return before, after.with_actors(post).with_cooperations(placement, contact)


def first_line(text):
    """The first line of a text."""
    return text.splitlines()[0]


# -- compare ---------------------------------------------------------------------------------


def test_added_tie_closes_the_fragile_pair():
    """The fragile pair of gs-land and sek-land is the one finding closed."""
    comparison = compare(*remedied())
    assert [(g.kind.value, g.actors) for g in comparison.diff.closed] == [
        ("fragile_pair", ("gs-land", "sek-land"))
    ]


def test_added_tie_opens_nothing():
    """Adding the tie opens no finding."""
    assert compare(*remedied()).diff.opened == ()


def test_other_gaps_stay_unchanged():
    """Missing school social work, the unconfirmed tie and the isolated actor stay."""
    kinds = sorted(g.kind.value for g in compare(*remedied()).diff.unchanged)
    assert kinds == ["isolated_actor", "missing_required_tie", "unconfirmed_tie"]


def test_measures_count_the_added_tie():
    """The number of ties rises by one, the number of actors stays."""
    changes = {m.name: m.change for m in compare(*remedied()).measures}
    assert (changes["ties"], changes["actors"]) == (1.0, 0.0)


def test_measures_hold_before_and_after_values():
    """Each measure carries the headline value of each network."""
    before, after = remedied()
    ties = {m.name: m for m in compare(before, after).measures}["ties"]
    expected = (headline_measures(before)["ties"], headline_measures(after)["ties"])
    assert (ties.before, ties.after) == expected


def test_comparing_a_network_with_itself_changes_nothing():
    """Nothing opens or closes between a network and itself."""
    diff = compare(nets.gappy_district(), nets.gappy_district()).diff
    assert (len(diff.opened), len(diff.closed), len(diff.unchanged)) == (0, 0, 4)


def test_german_text_counts_closed_opened_and_unchanged():
    """The German summary starts with the three counts."""
    text = compare(*two_remedied()).to_text("de")
    assert first_line(text) == "Vorher und nachher: 2 Lücken geschlossen, 0 neu, 2 unverändert."


def test_english_text_counts_closed_opened_and_unchanged():
    """The English summary starts with the three counts."""
    text = compare(*two_remedied()).to_text("en")
    assert first_line(text) == "Before and after: 2 gaps closed, 0 opened, 2 unchanged."


@pytest.mark.parametrize(
    ("lang", "prefix"),
    [
        ("de", "- Geschlossen: Verbindung über nur einen Vermittler – "),
        ("en", "- Closed: fragile pair – "),
    ],
)
def test_text_lists_the_closed_gap(lang, prefix):
    """The summary names the closed finding with its kind and explanation."""
    comparison = compare(*remedied())
    closed = comparison.diff.closed[0].explanation.text(lang)
    assert f"{prefix}{closed}" in comparison.to_text(lang).splitlines()


@pytest.mark.parametrize(("lang", "label"), [("de", "Verbindungen"), ("en", "ties")])
def test_text_shows_the_number_of_ties_before_and_after(lang, label):
    """The summary shows the ties before → after."""
    before, after = remedied()
    old, new = int(headline_measures(before)["ties"]), int(headline_measures(after)["ties"])
    lines = compare(before, after).to_text(lang).splitlines()
    assert f"- {label}: {old} → {new}" in lines


# -- headline measures on a tiny network ------------------------------------------------------


def tiny(placement_kind="placement", period=None):
    """Two schools, one post, the Jugendamt, an association without ties.

    gs-a has the post (by ``placement_kind``) and a tie to ja; gs-b is tied to ja only.
    Five actors, three ties: density 2·3/(5·4) = 0.3; parts {gs-a, ssa, ja, gs-b} and
    {verein}; one of two schools with school social work.
    """
    return EducationNetwork(
        name="Winzig",
        actors=[
            shapes.school("gs-a", "GS A"),
            shapes.school("gs-b", "GS B"),
            shapes.actor("ssa", "school_social_work", "SSA"),
            shapes.actor("ja", "youth_welfare_office", "Jugendamt"),
            shapes.actor("verein", "association", "Verein"),
        ],
        cooperations=[
            shapes.tie("gs-a", "ssa", placement_kind, period=period or Period()),
            shapes.tie("gs-a", "ja"),
            shapes.tie("gs-b", "ja"),
        ],
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("actors", 5.0),
        ("ties", 3.0),
        ("density", 0.3),
        ("components", 2.0),
        ("largest_part_share", 0.8),
        ("school_social_work_coverage", 0.5),
    ],
)
def test_headline_measure_on_the_tiny_network(name, expected):
    """Each measure has the value worked out by hand."""
    assert headline_measures(tiny())[name] == pytest.approx(expected)


def test_only_placements_count_as_school_social_work():
    """An agreement with the post is no placement: coverage 0.0."""
    assert headline_measures(tiny("agreement"))["school_social_work_coverage"] == 0.0


def test_placement_ended_on_the_day_no_longer_counts():
    """A placement whose end is the day measured on has gone: coverage 0.0."""
    network = tiny(period=Period(end=date(2025, 11, 1)))
    measures = headline_measures(network, as_of=date(2025, 11, 1))
    assert measures["school_social_work_coverage"] == 0.0


def test_placement_starting_on_the_day_counts():
    """A placement starting on the day measured on is there: coverage 0.5."""
    network = tiny(period=Period(start=date(2025, 11, 1)))
    measures = headline_measures(network, as_of=date(2025, 11, 1))
    assert measures["school_social_work_coverage"] == 0.5


def test_coverage_without_schools_is_nan():
    """Without schools there is nothing to cover: nan."""
    network = tiny().without_actors("gs-a", "gs-b")
    assert math.isnan(headline_measures(network)["school_social_work_coverage"])


@pytest.mark.parametrize(
    ("lang", "pattern"),
    [("de", r"- Dichte: 0,\d{3} → 0,\d{3}"), ("en", r"- density: 0\.\d{3} → 0\.\d{3}")],
)
def test_measures_are_written_as_the_language_writes_numbers(lang, pattern):
    """The density has a decimal comma in German, a point in English."""
    assert re.search(pattern, compare(*two_remedied()).to_text(lang))
