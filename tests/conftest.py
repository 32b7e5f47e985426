"""Shared fixtures: small named networks whose right answers are known by construction."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, settings

from bildungsnetz import (
    Actor,
    Cooperation,
    EducationNetwork,
    Forum,
    Intervention,
    Period,
    Programme,
    SchoolProfile,
    TransitionFlow,
)
from bildungsnetz.datasets import musterkreis

# The markers requires_extra and requires_module, and core-only mode (see core_only.py).
pytest_plugins = ("core_only", "pytester")

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ESF_END = date(2028, 8, 1)


@pytest.fixture(scope="session")
def musterkreis_network() -> EducationNetwork:
    """The shipped example district (immutable, so one object serves every test)."""
    return musterkreis()


@pytest.fixture
def tiny_network() -> EducationNetwork:
    """A Grundschule with a funded school social work post, a Kita that sends children."""
    return EducationNetwork(
        name="Klein",
        actors=[
            Actor(
                id="gs1",
                name="GS Am Markt",
                kind="school",
                school=SchoolProfile(form="grundschule", pupils=180),
            ),
            Actor(
                id="ssa1",
                name="Schulsozialarbeit GS Am Markt",
                kind="school_social_work",
                part_of="traeger",
                funding={"esf"},
                active=Period(end=ESF_END),
            ),
            Actor(id="traeger", name="Jugendhilfe e. V.", kind="youth_welfare_provider"),
            Actor(id="kita1", name="Kita Sonnenschein", kind="daycare"),
            Actor(id="ja", name="Jugendamt", kind="youth_welfare_office"),
        ],
        cooperations=[
            Cooperation(
                id="c1",
                actors=("gs1", "ssa1"),
                kind="placement",
                funding={"esf"},
                period=Period(start=date(2024, 8, 1), end=ESF_END),
            ),
            Cooperation(id="c2", actors=("gs1", "kita1"), kind="transition"),
            Cooperation(id="c3", actors=("traeger", "ja"), kind="agreement"),
        ],
        forums=[
            Forum(
                id="ak",
                name="Arbeitskreis",
                kind="working_group",
                convenor="ja",
                members={"gs1", "ssa1"},
            )
        ],
        flows=[
            TransitionFlow(
                source="kita1", target="gs1", year=2024, pupils=14, transition="kita_to_primary"
            )
        ],
        interventions=[
            Intervention(
                id="iv1",
                name="Soziales Lernen",
                tier="universal",
                providers={"ssa1"},
                sites={"gs1"},
                funding={"esf"},
            )
        ],
        programmes=[
            Programme(
                id="esf",
                name="ESF+",
                source="eu_esf_plus",
                period=Period(start=date(2024, 8, 1), end=ESF_END),
            )
        ],
    )
