"""The transition matrix: flows by school form or institution, small counts protected."""

from __future__ import annotations

import pytest

import disclosure_audit as audit
import gap_shapes as shapes
import time_networks as times
from bildungsnetz import EducationNetwork
from bildungsnetz.datasets import musterkreis
from bildungsnetz.gaps import transition_matrix
from bildungsnetz.privacy import DisclosurePolicy


def district_flows(counts, year=2024):
    """Kitas and Grundschulen named after their ids, with ``counts[(kita, gs)]`` children."""
    kitas = sorted({kita for kita, _ in counts})
    schools = sorted({gs for _, gs in counts})
    return EducationNetwork(
        name="Matrix",
        actors=[
            *(shapes.actor(kita, "daycare", kita.upper()) for kita in kitas),
            *(shapes.school(gs, gs.upper()) for gs in schools),
        ],
        flows=[times.flow(kita, gs, n, year=year) for (kita, gs), n in counts.items()],
    )


def lines_with_one_hidden(table):
    """The rows and columns (with their totals) in which exactly one number is suppressed."""
    rows = [[table.cell(r, c) for c in table.columns] + [table.row_totals[r]] for r in table.rows]
    rows.append([table.column_totals[c] for c in table.columns] + [table.total])
    return [
        line
        for line in rows + [list(line) for line in zip(*rows, strict=True)]
        if sum(v is None for v in line) == 1
    ]


def test_matrix_by_form_sums_the_flows():
    """Kitas form one row; their children to Grundschulen and Grundschule → Sek are summed."""
    network = (
        times.kitas_to_school(10, 5)
        .with_actors(shapes.school("sek", "Sek", form="sekundarschule"))
        .with_flows(times.flow("gs", "sek", 12, "primary_to_secondary"))
    )
    table = transition_matrix(network)
    published = (table.cell("Kita", "Grundschule"), table.cell("Grundschule", "Sekundarschule"))
    assert (published, table.total) == ((15, 12), 27)


def test_matrix_by_institution_names_senders_and_receivers():
    """By institution, rows are sending and columns receiving institutions, by name."""
    table = transition_matrix(district_flows({("kita-a", "gs-a"): 7}), by="institution")
    assert (table.rows, table.columns, table.cell("KITA-A", "GS-A")) == (("KITA-A",), ("GS-A",), 7)


def test_matrix_takes_the_latest_year_by_default():
    """Without a year the latest school year in the data is tabulated."""
    network = district_flows({("kita-a", "gs-a"): 12}).with_flows(
        times.flow("kita-a", "gs-a", 30, year=2023)
    )
    assert transition_matrix(network).total == 12


def test_matrix_takes_an_explicit_year():
    """With year=2023 the flows of 2023/24 are tabulated."""
    network = district_flows({("kita-a", "gs-a"): 12}).with_flows(
        times.flow("kita-a", "gs-a", 30, year=2023)
    )
    assert transition_matrix(network, year=2023).total == 30


@pytest.mark.parametrize(
    "counts",
    [
        {
            ("kita-a", "gs-a"): 2,
            ("kita-a", "gs-b"): 10,
            ("kita-b", "gs-a"): 8,
            ("kita-b", "gs-b"): 9,
        },
        {("kita-a", "gs-a"): 1, ("kita-b", "gs-a"): 7, ("kita-c", "gs-b"): 12},
        {
            ("kita-a", "gs-a"): 4,
            ("kita-a", "gs-b"): 2,
            ("kita-b", "gs-b"): 5,
            ("kita-c", "gs-a"): 6,
        },
        {("kita-a", "gs-a"): 2},
    ],
)
def test_matrix_leaves_no_line_with_one_suppressed_number(counts):
    """No row or column, totals included, has exactly one suppressed number."""
    table = transition_matrix(district_flows(counts), by="institution")
    assert lines_with_one_hidden(table) == []


@pytest.mark.parametrize(
    "counts",
    [
        {
            ("kita-a", "gs-a"): 2,
            ("kita-a", "gs-b"): 10,
            ("kita-b", "gs-a"): 8,
            ("kita-b", "gs-b"): 9,
        },
        {("kita-a", "gs-a"): 1, ("kita-b", "gs-a"): 7, ("kita-c", "gs-b"): 12},
        {("kita-a", "gs-a"): 2},
    ],
)
def test_matrix_publishes_no_count_of_one_or_two(counts):
    """No cell or total of the published matrix is 1 or 2."""
    table = transition_matrix(district_flows(counts), by="institution")
    shown = [*table.cells.values(), *table.row_totals.values(), *table.column_totals.values()]
    assert [n for n in [*shown, table.total] if n in (1, 2)] == []


def hidden_numbers(table):
    """Suppressed cells as 'row → column', suppressed totals with Σ in place of the label."""
    shown = audit.published_table(table)
    label = {audit.TOTAL: "Σ"}
    return sorted(
        f"{label.get(r, r)} → {label.get(c, c)}" for (r, c), n in shown.items() if n is None
    )


@pytest.fixture(scope="module")
def muster():
    """The Musterkreis example district, built once for these tests."""
    return musterkreis()


def test_musterkreis_by_form_shows_only_what_the_institution_table_determines(muster):
    """By form, a count is shown only where the table by institution already gives it.

    Protected on its own, the form table hid only the one pupil from Förderschule to
    Grundschule, one more cell and two column totals; beside the institution table, whose
    totals then filled in what it hid, that was a leak. Kita → Grundschule (2,031) is
    now withheld, because Kita rows suppressed by institution leave it open.
    """
    assert hidden_numbers(transition_matrix(muster)) == [
        "Förderschule → Berufsbildende Schule",
        "Förderschule → Grundschule",
        "Förderschule → Sekundarschule",
        "Förderschule → Σ",
        "Grundschule → Förderschule",
        "Grundschule → Gesamtschule",
        "Grundschule → Gymnasium",
        "Grundschule → Sekundarschule",
        "Grundschule → Σ",
        "Gymnasium → Berufsbildende Schule",
        "Gymnasium → Σ",
        "Kita → Förderschule",
        "Kita → Grundschule",
        "Kita → Σ",
        "Σ → Berufsbildende Schule",
        "Σ → Förderschule",
        "Σ → Gesamtschule",
        "Σ → Grundschule",
        "Σ → Gymnasium",
        "Σ → Sekundarschule",
    ]


def test_musterkreis_shown_form_counts_and_the_total(muster):
    """Gemeinschaftsschule → Berufsbildende Schule (150) and the total (4,791) are shown."""
    table = transition_matrix(muster)
    published = (
        table.cell("Gemeinschaftsschule", "Berufsbildende Schule"),
        table.cell("Sekundarschule", "Gymnasium"),
    )
    assert (published, table.total) == ((150, 50), 4791)


def test_musterkreis_by_institution_hides_a_pinned_number_of_cells_and_totals(muster):
    """By institution, 307 cells, 35 row and 23 column totals are suppressed; the total shows."""
    table = transition_matrix(muster, by="institution")
    counts = (
        sum(n is None for n in table.cells.values()),
        sum(n is None for n in table.row_totals.values()),
        sum(n is None for n in table.column_totals.values()),
    )
    assert (counts, table.total) == ((307, 35, 23), 4791)


@pytest.mark.parametrize("by", ["form", "institution"])
def test_musterkreis_matrix_discloses_no_suppressed_count(muster, by):
    """No suppressed number can be recomputed or shown to be below 3 from what is published.

    The line-by-line rule left six numbers of the institution matrix recomputable and
    sixteen small ones provably below 3.
    """
    table = transition_matrix(muster, by=by)
    raw = transition_matrix(muster, by=by, policy=DisclosurePolicy(threshold=1))
    exact, shown = audit.published_table(raw), audit.published_table(table)
    assert audit.disclosures(exact, shown, 3) == ([], [])
