"""Finding ids through the encoder made once, against the plain JSON encoding they replace."""

import hashlib
import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz.gaps.gap import GapKind, _identity_text, concern_id, gap_id

_TEXT = st.text(max_size=12)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    _TEXT,
    st.dates(),
    st.sampled_from(list(GapKind)),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.tuples(inner, inner),
        st.dictionaries(_TEXT, inner, max_size=4),
    ),
    max_leaves=12,
)
_KEYS = st.dictionaries(_TEXT, _VALUES, max_size=5)
_ACTORS = st.lists(_TEXT, max_size=4).map(tuple)
_RULES = st.one_of(st.none(), _TEXT)


def _plain_id(prefix, identity):
    """The id as first written: one ``json.dumps`` per identity, hashed."""
    text = json.dumps(identity, sort_keys=True, ensure_ascii=False, default=str)
    return prefix + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@given(_VALUES)
def test_identity_text_is_the_plain_encoding(value):
    """Any tree of JSON values, dates and enums is written as ``json.dumps`` writes it."""
    assert _identity_text(value) == json.dumps(
        value, sort_keys=True, ensure_ascii=False, default=str
    )


@given(st.sampled_from(list(GapKind)), _ACTORS, _RULES, _KEYS)
def test_gap_id_is_the_plain_hash(kind, actors, rule, key):
    """A finding's id is the hash of its plain encoding, whatever the key holds."""
    identity = {"kind": kind.value, "actors": list(actors), "rule": rule, "key": key}
    assert gap_id(kind, actors, rule, key) == _plain_id("g-", identity)


@given(_ACTORS.filter(bool), _RULES, _KEYS)
def test_concern_id_is_the_plain_hash(actors, rule, key):
    """A concern's id is the hash of its plain encoding, for each shape of identity."""
    family = {"kind": "missing_required_tie", "rule": rule, "about": list(actors[:1])}
    assert concern_id(GapKind.FRAGILE_PAIR, actors, rule, key) == _plain_id("c-", family)
    about = {"kind": "cut_actor", "rule": rule, "about": list(actors[:1]), "key": key}
    assert concern_id(GapKind.CUT_ACTOR, actors, rule, key) == _plain_id("c-", about)
    keyed = {"kind": "funding_cliff", "rule": rule, "key": key}
    assert concern_id(GapKind.FUNDING_CLIFF, actors, rule, key) == _plain_id("c-", keyed)


def test_known_id_is_unchanged():
    """An id published before stays the same (the hash of the plain encoding, by hand)."""
    text = '{"actors": ["gs-07"], "key": {"partner": "school_social_work"}, '
    text += '"kind": "missing_required_tie", "rule": "school-social-work"}'
    expected = "g-" + hashlib.sha256(text.encode()).hexdigest()[:16]
    key = {"partner": "school_social_work"}
    assert gap_id(GapKind.MISSING_REQUIRED_TIE, ("gs-07",), "school-social-work", key) == expected


def test_non_ascii_and_dates_are_written_as_they_are():
    """Umlauts stay as they are and a date is written as its ISO text."""
    assert _identity_text({"b": "Grundschule Süd", "a": date(2028, 7, 31)}) == (
        '{"a": "2028-07-31", "b": "Grundschule Süd"}'
    )
