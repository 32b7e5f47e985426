"""pandas frames: dtypes that survive editing, and problems named by frame, row and column."""

import datetime

import pytest

from bildungsnetz import EducationNetwork, io
from bildungsnetz.datasets import musterkreis
from bildungsnetz.errors import LoadError
from gap_shapes import actor, school

pytestmark = pytest.mark.requires_extra("pandas")


@pytest.fixture(scope="module")
def frames():
    return io.to_frames(musterkreis())


def test_every_sheet_is_a_frame(frames):
    """One frame per sheet of the layout, empty ones with their columns."""
    assert list(frames) == [
        "network",
        "actors",
        "identifiers",
        "cooperations",
        "forums",
        "members",
        "flows",
        "interventions",
        "programmes",
    ]


def test_dtypes_keep_what_the_values_are(frames):
    """Ids as strings, counts as nullable integers, shares as floats, days as dates."""
    actors = frames["actors"]
    types = {name: str(actors[name].dtype) for name in ("id", "pupils", "absence_rate", "public")}
    assert types == {
        "id": "string",
        "pupils": "Int64",
        "absence_rate": "Float64",
        "public": "boolean",
    }
    until = frames["programmes"]["valid_until"].dropna()
    assert all(type(day) is datetime.date for day in until)


def test_sets_are_lists(frames):
    """Several values of a cell are a Python list, sorted."""
    topics = frames["interventions"]["topics"]
    assert all(isinstance(value, list) and value == sorted(value) for value in topics)


def test_school_numbers_keep_their_leading_zeros():
    """An id-like value that looks like a number stays text through a frame."""
    network = EducationNetwork(name="X", actors=[school("01234", "GS Null")])
    frame = io.to_frames(network)["actors"]
    assert (frame.loc[0, "id"], io.from_frames(io.to_frames(network)).actors[0].id) == (
        "01234",
        "01234",
    )


def test_an_edit_in_pandas_comes_back(frames):
    """Change a name and add a topic in pandas; the network has both."""
    edited = {key: frame.copy() for key, frame in frames.items()}
    actors = edited["actors"]
    row = actors.index[actors["id"] == "ja"][0]
    actors.loc[row, "name"] = "Jugendamt des Musterkreises"
    actors.at[row, "topics"] = ["absenteeism", "inclusion"]
    network = io.from_frames(edited)
    changed = network.actor("ja")
    assert (changed.name, sorted(t.value for t in changed.topics)) == (
        "Jugendamt des Musterkreises",
        ["absenteeism", "inclusion"],
    )


@pytest.mark.requires_module("pandas")
def test_missing_values_are_empty_cells():
    """NA, NaN and None in a frame mean nothing was entered."""
    import pandas as pd

    actors = pd.DataFrame(
        {
            "id": ["ja", "verein"],
            "name": ["Jugendamt", "Verein"],
            "kind": ["youth_welfare_office", "association"],
            "municipality": [pd.NA, None],
            "lat": [float("nan"), pd.NA],
        }
    )
    network = io.from_frames({"actors": actors}, name="Kreis")
    assert [(a.municipality, a.location) for a in network.actors] == [(None, None), (None, None)]


@pytest.mark.requires_module("pandas")
def test_a_bad_value_names_frame_row_and_column():
    """A typo in a frame is reported with the frame, the row label and the column."""
    import pandas as pd

    actors = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "kind": ["association", "Schuel"]})
    with pytest.raises(LoadError) as raised:
        io.from_frames({"actors": actors}, name="Kreis")
    [problem] = raised.value.problems
    assert (problem.file, problem.row, problem.column, problem.cell) == (
        "frame 'actors'",
        1,
        "kind",
        None,
    )
    assert "'Schuel'; did you mean 'Schule'?" in problem.message


def test_german_frames_read_back():
    """Frames with German headers and labels read back as well."""
    network = EducationNetwork(name="X", actors=[actor("ja", "youth_welfare_office")])
    german = io.to_frames(network, lang="de")
    assert list(german["actors"].columns[:3]) == ["Kennung", "Name", "Art"]
    assert io.from_frames(german) == network
