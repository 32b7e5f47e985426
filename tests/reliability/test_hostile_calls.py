"""Networks changed by a wrong call: a TypeError that shows the right one, the network unchanged."""

import pytest

from bildungsnetz import Cooperation
from bildungsnetz.datasets import musterkreis

NETWORK = musterkreis()
TIE = Cooperation(id="neu", actors=("nws", "ja"), kind="agreement")

# method, the records it takes, one of them (or an id)
METHODS = [
    ("with_actors", "Actor", NETWORK.actors[0]),
    ("with_cooperations", "Cooperation", TIE),
    ("with_forums", "Forum", NETWORK.forums[0]),
    ("with_flows", "TransitionFlow", NETWORK.flows[0]),
    ("with_interventions", "Intervention", NETWORK.interventions[0]),
    ("with_programmes", "Programme", NETWORK.programmes[0]),
    ("without_actors", "id", "nws"),
    ("without_cooperations", "id", NETWORK.cooperations[0].id),
]


@pytest.mark.parametrize(("method", "noun", "record"), METHODS, ids=[m[0] for m in METHODS])
@pytest.mark.parametrize("wrap", [list, tuple, set, iter], ids=["list", "tuple", "set", "iter"])
def test_a_collection_for_the_records_is_a_type_error_showing_the_call(method, noun, record, wrap):
    """with_cooperations([tie]) instead of with_cooperations(tie) names the right call."""
    before = NETWORK.model_dump()
    with pytest.raises(TypeError) as caught:
        getattr(NETWORK, method)(wrap([record]))
    assert str(caught.value).startswith(
        f"{method}() takes each {noun} as an argument of its own, as in {method}(*items)"
    )
    assert NETWORK.model_dump() == before


@pytest.mark.parametrize(("method", "noun", "record"), METHODS, ids=[m[0] for m in METHODS])
def test_a_record_of_another_type_is_a_type_error_naming_both(method, noun, record):
    """A dict or a record of another kind is refused by type, at its position."""
    wrong = {"id": "x"} if noun != "id" else 7
    with pytest.raises(TypeError, match=rf"{method}\(\) takes {noun}s; argument 2 is of type"):
        getattr(NETWORK, method)(record, wrong)


@pytest.mark.parametrize(("method", "noun", "record"), METHODS, ids=[m[0] for m in METHODS])
def test_the_right_call_still_works(method, noun, record):
    """One record at a time, as documented, changes the network as before."""
    assert getattr(NETWORK, method)(record) is not NETWORK
