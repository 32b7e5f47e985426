import json
import sys
from importlib import resources
from pathlib import Path

import bildungsnetz
from bildungsnetz import io

REPOSITORY = Path(__file__).resolve().parent.parent


def test_tests_run_against_the_installed_package_not_the_source_tree():
    """The suite imports bildungsnetz from site-packages, as users do."""
    package = Path(bildungsnetz.__file__).resolve()
    assert not package.is_relative_to(REPOSITORY / "src")
    assert any(
        package.is_relative_to(Path(entry).resolve())
        for entry in sys.path
        if "site-packages" in entry
    )


def test_wheel_ships_the_json_schema_matching_the_code():
    """The schema file in the package is exactly what json_schema() returns."""
    shipped = resources.files("bildungsnetz.io") / "network.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == io.json_schema()


def test_wheel_ships_the_example_district():
    """The Musterkreis JSON file is inside the installed package."""
    shipped = resources.files("bildungsnetz.datasets") / "musterkreis.json"
    assert shipped.is_file()


def test_wheel_ships_the_example_survey():
    """The Musterkreis partner survey is inside the installed package."""
    shipped = resources.files("bildungsnetz.datasets") / "musterkreis_survey.csv"
    assert shipped.is_file()


def test_wheel_ships_the_type_marker():
    """py.typed tells type checkers the package has annotations."""
    assert (resources.files("bildungsnetz") / "py.typed").is_file()
