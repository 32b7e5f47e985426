"""The fast checks and the shared values of the model: the same results as the long way."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import ValidationError

from bildungsnetz import Actor, Cooperation, Forum, Intervention, Period, Topic
from bildungsnetz.model import _record, dates
from strategies import periods

# Pieces where the id checks differ: spaces, controls, letters that NFC composes.
_ID_PIECES = st.sampled_from(
    [*"aZ0-_~! \t\n\x00\x1f\x7f\x85\xa0ä\u2028\u200bß😀ﬁ\u3000", "a\u0308"]
)
_IDS = st.one_of(
    st.text(),
    st.lists(_ID_PIECES, max_size=6).map("".join),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=120, max_size=135),
    st.from_regex(r"[!-~]{1,130}", fullmatch=True),
)


def _outcome(check, value):
    try:
        return ("ok", check(value))
    except ValueError as error:
        return ("error", str(error))


@given(_IDS)
@example("x" * 128)
@example("x" * 129)
@example("")
@example(" gs1 ")
@example(unicodedata.normalize("NFD", "gs-ä"))
def test_the_fast_id_check_equals_the_full_check(value):
    """Every text gives the same id or the same error through the fast path."""
    assert _outcome(_record._check_id, value) == _outcome(_record._checked_id, value)


def test_ids_are_interned_so_every_reference_shares_one_string():
    """An actor's id and a tie's reference to it are one string object."""
    actor = Actor(id="".join(["gs", "-intern"]), name="GS", kind="other")
    tie = Cooperation(id="c-intern", actors=("".join(["gs-", "intern"]), "ja"), kind="agreement")
    assert tie.actors[0] is actor.id


_DAY_TEXTS = st.one_of(
    st.dates().map(date.isoformat),
    st.dates().map(lambda day: day.strftime("%d.%m.%Y")),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.text(st.sampled_from("0123456789-. \u00a0٢T:Z"), max_size=14),
    st.text(max_size=12),
)


@given(_DAY_TEXTS)
@example("2024-02-30")
@example("0000-01-01")
@example("٢٠٢٤-٠٨-٠١")
@example(" 2024-08-01")
@example("2024-08-01T00:00:00")
def test_the_fast_date_parse_equals_the_full_parse(text):
    """ISO text read the short way gives the same day or the same error as the long way."""
    assert _outcome(dates.parse_date, text) == _outcome(dates._parse_date, text)


@given(_DAY_TEXTS)
def test_a_remembered_day_is_the_day_parsed_again(text):
    """Reading a text a second time (from the table of days) gives what parsing gives."""
    first = _outcome(dates._coerce_day, text)
    assert first == _outcome(dates._coerce_day, text) == _outcome(dates.parse_date, text)


def test_a_text_that_is_no_day_is_refused_every_time():
    """An error is not remembered as a day."""
    for _ in range(2):
        with pytest.raises(ValidationError, match="day is out of range"):
            Cooperation(id="c", actors=("a", "b"), kind="agreement", last_contact="2024-02-30")


_PERIOD_INPUTS = st.one_of(
    st.dictionaries(
        st.sampled_from(["start", "end", "begin"]),
        st.one_of(st.none(), _DAY_TEXTS, st.dates(), st.integers(-1, 1), st.booleans()),
        max_size=3,
    ),
    periods(),
    st.none(),
    st.text(max_size=5),
)


def _period_outcome(make, *, inside=()):
    try:
        period = make()
    except ValidationError as error:
        return ("error", [(e["loc"][len(inside) :], e["type"], e["msg"]) for e in error.errors()])
    return ("ok", period, period.model_fields_set)


@given(_PERIOD_INPUTS)
@example({"start": "2025-01-01", "end": "2024-01-01"})
@example({"start": "2024-08-01", "x": 1})
@example({"start": None})
def test_a_shared_period_is_the_period_validated_on_its_own(given_period):
    """A period field gives the period (and the fields given) that Period itself gives."""
    for _ in range(2):  # the second time from the table of shared periods
        shared = _period_outcome(
            lambda: (
                Cooperation(id="c", actors=("a", "b"), kind="agreement", period=given_period).period
            ),
            inside=("period",),
        )
        alone = _period_outcome(lambda: Period.model_validate(given_period))
        assert shared == alone


def test_equal_periods_are_one_object():
    """Two ties valid from the same day share one period."""
    first, second = (
        Cooperation(id=name, actors=("a", "b"), kind="agreement", period={"start": "2024-08-01"})
        for name in ("c1", "c2")
    )
    assert first.period is second.period


def test_equal_sets_are_one_object_of_their_own_item_type():
    """Sets are shared, yet a set of topics never becomes the equal set of plain ids."""
    forum = Forum(id="f", name="F", kind="working_group", members={"inclusion"})
    measure = Intervention(id="i", name="I", tier="universal", topics={"inclusion"})
    again = Intervention(id="j", name="J", tier="universal", topics={"inclusion"})
    assert [type(item) for item in measure.topics] == [Topic]
    assert [type(item) for item in forum.members] == [str]
    assert measure.topics is again.topics


def test_records_given_the_same_fields_share_the_set_of_their_names():
    """The set of given fields is shared, and a copy with changes gets its own."""
    first = Cooperation(id="c1", actors=("a", "b"), kind="agreement")
    second = Cooperation(id="c2", actors=("a", "c"), kind="referral")
    changed = first.model_copy(update={"directed": True})
    assert first.model_fields_set is second.model_fields_set
    assert first.model_fields_set == {"id", "actors", "kind"}
    assert changed.model_fields_set == {"id", "actors", "kind", "directed"}
