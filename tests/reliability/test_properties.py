"""Properties of whole random networks: nothing lost, nothing reordered, nothing changed.

``tests/test_io_round_trips.py`` and ``tests/test_io_json.py`` run the round trips on
``strategies.networks``; ``tests/test_gaps_order_free.py`` shuffles ``districts``. Here the
same promises are held against :func:`network_strategies.whole_networks` (empty and
one-actor networks, flows of every kind, pieces of synthetic districts), through the files
as users write them, and every public function is enumerated from its module's ``__all__``
so that a new one is covered without anyone remembering to add it.
"""

from __future__ import annotations

import copy
import inspect
import json
from datetime import date

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bildungsnetz
import bildungsnetz.plot
from bildungsnetz import find_gaps, io
from bildungsnetz.errors import BildungsnetzError, MissingDependencyError
from bildungsnetz.gaps import transition_matrix
from graph_files_expected import expected_edge, expected_node, xml_text
from network_strategies import in_any_order, whole_networks

HORIZON = 1095
# Every file written is synced to disk (io.atomic), which costs more than the checks: the
# file properties draw fewer networks than the profile's, to keep the module within CI time.
FEW = settings(max_examples=12)
SOME = settings(max_examples=25)
LANGS = st.sampled_from(["de", "en"])


# -- every round trip loses nothing ------------------------------------------------------


@FEW
@given(network=whole_networks(), indent=st.sampled_from([None, 0, 2]))
def test_json_text_and_file_give_the_network_back(network, indent, tmp_path_factory):
    """dumps/loads, save/load and write/read of a .json file: equal, and the same text again."""
    text = io.dumps(network, indent=indent)
    assert io.loads(text) == network
    assert io.loads(text.encode()) == network
    folder = tmp_path_factory.mktemp("json")
    io.save(network, folder / "netz.json", indent=indent)
    io.write(network, folder / "geschrieben.json")
    assert (io.load(folder / "netz.json"), io.read(folder / "geschrieben.json")) == (
        network,
        network,
    )
    assert io.dumps(io.load(folder / "netz.json"), indent=indent) == text


@FEW
@given(
    network=whole_networks(max_actors=6),
    lang=LANGS,
    separator=st.sampled_from([None, ";", ","]),
    encoding=st.sampled_from([None, "utf-8", "utf-8-sig", "cp1252"]),
)
def test_a_csv_folder_gives_the_network_back(network, lang, separator, encoding, tmp_path_factory):
    """Every separator and encoding, either language, read back with detection."""
    folder = tmp_path_factory.mktemp("csv") / "netz"
    try:
        io.write_csv_folder(network, folder, lang=lang, separator=separator, encoding=encoding)
    except UnicodeEncodeError:
        # Documented for a text Windows-1252 lacks; then nothing is written at all.
        assert encoding == "cp1252"
        assert not folder.exists() or list(folder.iterdir()) == []
        return
    assert io.read_csv_folder(folder) == network
    assert io.read(folder) == network


@pytest.mark.requires_extra("excel")
@FEW
@given(network=whole_networks(max_actors=5), lang=LANGS)
def test_a_workbook_gives_the_network_back(network, lang, tmp_path_factory):
    """write_workbook/read_workbook and write/read of an .xlsx file."""
    path = tmp_path_factory.mktemp("xlsx") / "netz.xlsx"
    io.write(network, path, lang=lang)
    assert io.read_workbook(path) == network


def _edges_by_key(graph):
    return {key: (frozenset((u, v)), data) for u, v, key, data in graph.edges(keys=True, data=True)}


@FEW
@given(network=whole_networks())
def test_graphml_keeps_actors_and_ties_and_drops_the_rest(network, tmp_path_factory):
    """GraphML holds the actors and ties with their documented values and nothing else."""
    path = tmp_path_factory.mktemp("graphml") / "netz.graphml"
    io.write_graphml(network, path)
    graph = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
    assert dict(graph.nodes(data=True)) == {a.id: expected_node(a) for a in network.actors}
    assert _edges_by_key(graph) == {
        tie.id: (frozenset(tie.actors), expected_edge(tie)) for tie in network.cooperations
    }


def _edge_list(graph):
    # A file without parallel edges reads as a simple graph, which keeps the edge's id
    # (our tie id) as an attribute rather than as its key.
    return sorted(
        json.dumps([sorted((u, v)), {k: w for k, w in data.items() if k != "id"}], sort_keys=True)
        for u, v, data in graph.edges(data=True)
    )


@pytest.mark.requires_extra("graphml")
@FEW
@given(network=whole_networks())
def test_the_safe_graphml_reader_reads_what_networkx_reads(network, tmp_path_factory):
    """io.read_graphml gives the same nodes and edges as networkx on our own files."""
    path = tmp_path_factory.mktemp("graphml") / "netz.graphml"
    io.write_graphml(network, path)
    graph = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
    again = io.read_graphml(path)
    assert dict(again.nodes(data=True)) == dict(graph.nodes(data=True))
    assert _edge_list(again) == _edge_list(graph)


@FEW
@given(network=whole_networks())
def test_node_link_keeps_actors_and_ties_and_drops_the_rest(network, tmp_path_factory):
    """Node-link JSON: the same nodes and edges as GraphML, in JSON's types, and the name."""
    path = tmp_path_factory.mktemp("nodelink") / "netz.json"
    io.write_node_link(network, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == io.to_node_link(network)
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.graph == {"name": network.name}
    assert dict(graph.nodes(data=True)) == {
        a.id: expected_node(a, xml=False) for a in network.actors
    }
    assert _edges_by_key(graph) == {
        tie.id: (frozenset(tie.actors), expected_edge(tie, xml=False))
        for tie in network.cooperations
    }


@FEW
@given(network=whole_networks())
def test_gexf_keeps_every_actor_and_tie(network, tmp_path_factory):
    """GEXF holds one node per actor, labelled, and one edge per tie, keyed by its id."""
    path = tmp_path_factory.mktemp("gexf") / "netz.gexf"
    io.write_gexf(network, path)
    graph = nx.read_gexf(path)
    assert {node: data["label"] for node, data in graph.nodes(data=True)} == {
        actor.id: xml_text(actor.name) for actor in network.actors
    }
    assert sorted(
        (data["tie_id"], frozenset((u, v))) for u, v, data in graph.edges(data=True)
    ) == sorted((tie.id, frozenset(tie.actors)) for tie in network.cooperations)


# -- find_gaps is deterministic and order-free -------------------------------------------


def _published(network, *, as_of, **options):
    report = find_gaps(network, as_of=as_of, **options)
    return (
        report.to_json(),
        report.to_markdown(lang="de"),
        report.to_markdown(lang="en"),
        transition_matrix(network).to_records(),
        transition_matrix(network, by="institution", lang="en").to_records(),
    )


@SOME
@given(
    network=whole_networks(),
    seed=st.integers(0, 2**32),
    horizon=st.sampled_from([None, HORIZON]),
    as_of=st.none() | st.dates(date(2015, 1, 1), date(2035, 12, 31)),
)
def test_find_gaps_publishes_the_same_bytes_in_any_record_order(network, seed, horizon, as_of):
    """Records and the sets inside them in another order: the same JSON and Markdown."""
    options = {"horizon": horizon, "as_of": as_of}
    expected = _published(network, **options)
    assert _published(network, **options) == expected
    assert _published(in_any_order(network, seed), **options) == expected


@SOME
@given(network=whole_networks(), seed=st.integers(0, 2**32))
def test_comparing_a_network_with_itself_reordered_finds_no_change(network, seed):
    """compare and GapReport.diff see the same findings whatever the record order."""
    other = in_any_order(network, seed)
    day = network.reference_date or date(2025, 11, 1)
    diff = find_gaps(network, as_of=day).diff(find_gaps(other, as_of=day))
    assert (diff.opened, diff.closed) == ((), ())
    comparison = bildungsnetz.gaps.compare(network, other, as_of_before=day, as_of_after=day)
    assert (comparison.diff.opened, comparison.diff.closed) == ((), ())


# -- no public function changes what it was given ----------------------------------------

MODULES = (
    bildungsnetz.gaps,
    bildungsnetz.graph,
    bildungsnetz.metrics,
    bildungsnetz.privacy,
    bildungsnetz.io,
    bildungsnetz.rules,
    bildungsnetz.model,
    bildungsnetz.datasets,
    bildungsnetz.plot,
)
TAKE_NOTHING_TO_CHANGE = {
    # Each of these takes only text, numbers, days or a path to read: values nothing can
    # change. What they make of hostile values is the fault catalogue's concern.
    "bildungsnetz.io.json_schema": "takes no argument",
    "bildungsnetz.io.load": "reads a file",
    "bildungsnetz.io.loads": "reads text or bytes",
    "bildungsnetz.io.read": "reads a file or folder",
    "bildungsnetz.io.read_csv_folder": "reads a folder",
    "bildungsnetz.io.read_graphml": "reads a file",
    "bildungsnetz.io.read_workbook": "reads a file",
    "bildungsnetz.io.write_template": "writes an empty template from no input",
    "bildungsnetz.rules.default_rules": "takes no argument",
    "bildungsnetz.rules.load": "reads a file",
    "bildungsnetz.privacy.suppress": "takes a whole number",
    "bildungsnetz.privacy.format_count": "takes a whole number or None",
    "bildungsnetz.model.describe_rule": "takes a recurrence rule's text",
    "bildungsnetz.model.parse_date": "takes text or a day",
    "bildungsnetz.model.to_day": "takes text or a day",
    "bildungsnetz.model.to_horizon": "takes a number of days or a timedelta",
    "bildungsnetz.datasets.example_path": "takes no argument",
    "bildungsnetz.datasets.musterkreis": "takes no argument",
    "bildungsnetz.datasets.musterkreis_survey_path": "takes no argument",
    "bildungsnetz.datasets.synthetic": "takes numbers",
}
NEEDS_EXTRA = {
    "bildungsnetz.io.from_frames": "pandas",
    "bildungsnetz.io.to_frames": "pandas",
    "bildungsnetz.io.write_frame": "pandas",
    "bildungsnetz.io.write_workbook": "excel",
    **{f"bildungsnetz.plot.{name}": "plot" for name in bildungsnetz.plot.__all__},
}
SUFFIX = {"write_csv_folder": "", "write_workbook": ".xlsx", "write_frame": ".xlsx"}
SUFFIX |= {"write_graphml": ".graphml", "write_gexf": ".gexf"}


def _public_functions():
    for module in MODULES:
        for name in module.__all__:
            function = getattr(module, name)
            if inspect.isfunction(function):
                yield f"{module.__name__}.{name}", function


def _params(names):
    return [
        pytest.param(
            name,
            function,
            id=name.removeprefix("bildungsnetz."),
            marks=[pytest.mark.requires_extra(NEEDS_EXTRA[name])] if name in NEEDS_EXTRA else [],
        )
        for name, function in _public_functions()
        if name in names
    ]


FUNCTIONS = dict(_public_functions())
TAKING_RECORDS = set(FUNCTIONS) - set(TAKE_NOTHING_TO_CHANGE)
CORE_FUNCTIONS = sorted(TAKING_RECORDS - set(NEEDS_EXTRA))
EXTRA_FUNCTIONS = sorted(TAKING_RECORDS & set(NEEDS_EXTRA))


def test_every_public_function_is_either_checked_or_exempt_with_a_reason():
    """The enumeration reaches each module's functions; the exemptions all still exist."""
    names = {name for name, _ in _public_functions()}
    assert set(TAKE_NOTHING_TO_CHANGE) <= names
    assert set(NEEDS_EXTRA) <= names
    assert {"bildungsnetz.gaps.find_gaps", "bildungsnetz.metrics.constraint"} <= TAKING_RECORDS
    assert len(TAKING_RECORDS) >= 50


def _variants(name, function):
    """The options to call with: the defaults, and each option that changes what is computed."""
    parameters = inspect.signature(function).parameters
    required = {"steps": 2} if "steps" in parameters else {}
    if "row_groups" in parameters:  # the groups of the rows and columns of "table" below
        groups = {"Kita": "Kita", "GS 1": "GS", "GS 2": "GS", "Sek": "Sek"}
        required |= {"row_groups": groups, "column_groups": groups}
    choices = {
        "horizon": HORIZON,
        "by": "institution",
        "per": "school_form",
        "expected": "degree",
        "lang": "en",
    }
    return [required] + [
        required | {option: value}
        for option, value in choices.items()
        if option in parameters and parameters[option].default != value
    ]


class _Arguments:
    """Positional arguments for any public function, by parameter name, built once."""

    def __init__(self, network, folder):
        self.network = network
        self.folder = folder
        self.graph = bildungsnetz.graph.project(network)
        self.values = {
            "network": network,
            "before": network,
            "after": in_any_order(network, 1),
            "rules": bildungsnetz.rules.default_rules(),
            "graph": self.graph,
            "groups": {node: data["kind"] for node, data in self.graph.nodes(data=True)},
            "sources": sorted(self.graph)[:1],
            "table": {"Kita": {"GS 1": 1, "GS 2": 7}, "GS 1": {"GS 2": 4, "Sek": 2}},
        }

    def for_(self, name, function):
        """The positional arguments ``function`` needs, fresh where they are files."""
        short = name.rpartition(".")[2]
        made = {
            "report": lambda: find_gaps(self.network),
            "frames": lambda: io.to_frames(self.network),
            "frame": lambda: find_gaps(self.network).to_frame(),
            "path": lambda: (
                bildungsnetz.datasets.musterkreis_survey_path()
                if short == "read_survey"
                else self.folder / f"{short}{SUFFIX.get(short, '.json')}"
            ),
        }
        arguments = []
        for parameter in inspect.signature(function).parameters.values():
            if parameter.kind is not parameter.POSITIONAL_OR_KEYWORD:
                break
            if parameter.name in made:
                arguments.append(made[parameter.name]())
            else:
                arguments.append(self.values[parameter.name])
        return arguments


def _snapshot(value):
    """What a value holds, in a form a change to it cannot reach."""
    if isinstance(value, bildungsnetz.EducationNetwork):
        # The JSON text holds every field (the round trips above show it); a deep copy
        # would also copy the lookups a network builds for itself on first use.
        held = io.dumps(value)
    elif isinstance(value, nx.Graph):
        data = nx.node_link_data(value, edges="edges")
        held = json.dumps(data, sort_keys=True, default=repr)
    elif isinstance(value, bildungsnetz.gaps.GapReport):
        held = value.to_json()
    elif hasattr(value, "model_dump_json"):
        held = value.model_dump_json()
    elif hasattr(value, "columns"):  # a pandas frame
        held = (value.to_json(orient="split", date_format="iso"), list(value.index))
    elif isinstance(value, dict) and any(hasattr(item, "columns") for item in value.values()):
        held = {key: _snapshot(item) for key, item in value.items()}
    else:
        held = copy.deepcopy(value)
    return (type(value), held)


def _changed(names, network, folder):
    """The functions (with their options) after which an argument held something else."""
    given_ = _Arguments(network, folder)
    changed = []
    for name in names:
        function = FUNCTIONS[name]
        for options in _variants(name, function):
            arguments = given_.for_(name, function)
            before = [_snapshot(argument) for argument in arguments]
            try:
                function(*arguments, **options)
            except MissingDependencyError:
                raise
            except BildungsnetzError:
                pass  # refusing is allowed; changing the input on the way is not
            if [_snapshot(argument) for argument in arguments] != before:
                changed.append((name, options))
    return changed


@settings(max_examples=15)
@given(network=whole_networks(max_actors=6))
def test_no_public_function_changes_its_arguments(network, tmp_path_factory):
    """The network, rules, graph, report or table given holds the same afterwards."""
    assert _changed(CORE_FUNCTIONS, network, tmp_path_factory.mktemp("aus")) == []


@pytest.mark.requires_extra("pandas", "excel", "plot")
@settings(max_examples=3)
@given(network=whole_networks(max_actors=6))
def test_no_function_of_an_extra_changes_its_arguments(network, tmp_path_factory):
    """Frames, workbooks and figures: the same promise, on fewer networks (they are slow)."""
    assert _changed(EXTRA_FUNCTIONS, network, tmp_path_factory.mktemp("aus")) == []


# -- empty and one-actor networks through every public function --------------------------


def _one_actor(kind):
    school = bildungsnetz.SchoolProfile(form="grundschule", pupils=2) if kind == "school" else None
    actor = bildungsnetz.Actor(id="a", name="Eine", kind=kind, school=school)
    return bildungsnetz.EducationNetwork(name="Eins", actors=[actor])


SMALLEST = [bildungsnetz.EducationNetwork(name="Leer")]
SMALLEST += [_one_actor(kind) for kind in bildungsnetz.ActorKind]


@pytest.mark.parametrize(("name", "function"), _params(TAKING_RECORDS))
def test_the_smallest_networks_give_an_answer_or_a_library_error(name, function, tmp_path):
    """No records, or one actor of each kind: a result or a BildungsnetzError, nothing raw."""
    for number, network in enumerate(SMALLEST):
        given_ = _Arguments(network, tmp_path / str(number))
        given_.folder.mkdir()
        for options in _variants(name, function):
            try:
                function(*given_.for_(name, function), **options)
            except MissingDependencyError:
                raise
            except BildungsnetzError:
                pass
