import base64
import hashlib
import json
import os
import sys
import zipfile
from importlib import metadata, resources
from pathlib import Path

import bildungsnetz
from bildungsnetz import io

REPOSITORY = Path(__file__).resolve().parent.parent


def test_tests_run_against_the_installed_package_not_the_source_tree():
    """The suite imports bildungsnetz from site-packages, as users do, installed from a wheel.

    The files on disk are those the installed distribution's RECORD lists, byte for byte,
    and the install is not editable. When ``BILDUNGSNETZ_WHEEL`` names a wheel (.ci/run
    sets it), they are also exactly the package files of that wheel.
    """
    package = Path(bildungsnetz.__file__).resolve()
    assert not package.is_relative_to(REPOSITORY / "src")
    assert any(
        package.is_relative_to(Path(entry).resolve())
        for entry in sys.path
        if "site-packages" in entry
    )
    installed = installed_package_files()
    assert installed, "no file of the package in the installed distribution's RECORD"
    wheel = os.environ.get("BILDUNGSNETZ_WHEEL")
    if wheel is not None:
        assert installed == wheel_package_files(Path(wheel))


def installed_package_files():
    """Return {path in the wheel: bytes} of the installed package, checked against RECORD."""
    distribution = metadata.distribution("bildungsnetz")
    direct = distribution.read_text("direct_url.json")
    assert direct is None or not json.loads(direct).get("dir_info", {}).get("editable")
    found = {}
    for entry in distribution.files or []:
        if entry.parts[0] != "bildungsnetz" or entry.hash is None:
            continue
        data = entry.locate().read_bytes()
        digest = base64.urlsafe_b64encode(hashlib.new(entry.hash.mode, data).digest())
        assert digest.rstrip(b"=").decode() == entry.hash.value, f"{entry} changed on disk"
        found[entry.as_posix()] = data
    return found


def wheel_package_files(wheel):
    """Return {path: bytes} of the package files in a wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.startswith("bildungsnetz/") and not name.endswith("/")
        }


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
