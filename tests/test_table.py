"""Tests of published cross tables with totals, and of atomic file writes."""

import os
import stat
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bildungsnetz.gaps.table import Table
from bildungsnetz.io.atomic import write_text_atomic
from bildungsnetz.privacy import DisclosurePolicy

TOTAL = "Σ"
FLOWS = {("Kita A", "GS 1"): 12, ("Kita A", "GS 2"): 2, ("Kita B", "GS 1"): 9}

counts = st.dictionaries(
    st.tuples(st.sampled_from(["K1", "K2", "K3", "K4"]), st.sampled_from(["G1", "G2", "G3"])),
    st.integers(0, 9),
    max_size=12,
)


def _grids(table, raw):
    """The published and the raw table with totals as an extra row and column."""
    published = {
        row: {**{c: table.cell(row, c) for c in table.columns}, TOTAL: table.row_totals[row]}
        for row in table.rows
    }
    published[TOTAL] = {**{c: table.column_totals[c] for c in table.columns}, TOTAL: table.total}
    exact = {row: {c: raw.get((row, c), 0) for c in table.columns} for row in table.rows}
    for cells in exact.values():
        cells[TOTAL] = sum(cells.values())
    exact[TOTAL] = {c: sum(exact[row][c] for row in table.rows) for c in [*table.columns, TOTAL]}
    return published, exact


def _revealing_lines(published, exact):
    """Lines (totals included) with one suppressed cell while another cell is non-zero."""
    lines = defaultdict(list)
    for row, cells in exact.items():
        for column in cells:
            lines["row", row].append((row, column))
            lines["column", column].append((row, column))
    revealing = []
    for line, cells in lines.items():
        hidden = [(r, c) for r, c in cells if published[r][c] is None]
        if len(hidden) == 1 and any(exact[r][c] for r, c in cells if (r, c) not in hidden):
            revealing.append(line)
    return revealing


# from_counts with pupils=True ------------------------------------------------------------


def test_small_pupil_count_is_suppressed():
    """A cell of two pupils is published as None."""
    assert Table.from_counts(FLOWS, title="Übergänge", pupils=True).cell("Kita A", "GS 2") is None


def test_totals_that_would_reveal_a_cell_are_suppressed():
    """The total of a row with a suppressed cell is suppressed, or another cell is."""
    table = Table.from_counts(FLOWS, title="Übergänge", pupils=True)
    published, exact = _grids(table, FLOWS)
    assert _revealing_lines(published, exact) == []


@given(counts)
def test_no_line_with_its_total_reveals_a_suppressed_cell(raw):
    """No row or column, counting its total, has exactly one suppressed cell beside non-zeros."""
    table = Table.from_counts(raw, title="t", pupils=True)
    published, exact = _grids(table, raw)
    assert _revealing_lines(published, exact) == []


@given(counts)
def test_every_small_cell_and_total_is_suppressed(raw):
    """Cells and totals from 1 to 2 pupils are never published."""
    table = Table.from_counts(raw, title="t", pupils=True)
    published, exact = _grids(table, raw)
    small = [(r, c) for r, cells in exact.items() for c, n in cells.items() if 0 < n < 3]
    assert [(r, c) for r, c in small if published[r][c] is not None] == []


@given(counts)
def test_shown_cells_and_totals_are_exact(raw):
    """What is published (without rounding) is the true count or total."""
    table = Table.from_counts(raw, title="t", pupils=True)
    published, exact = _grids(table, raw)
    shown = [(r, c) for r, cells in published.items() for c, n in cells.items() if n is not None]
    assert [exact[r][c] for r, c in shown] == [published[r][c] for r, c in shown]


def test_large_pupil_counts_are_shown_with_their_totals():
    """Without small counts, cells and totals are all published."""
    raw = {("a", "x"): 5, ("a", "y"): 7, ("b", "x"): 3}
    table = Table.from_counts(raw, title="t", pupils=True)
    actual = (dict(table.cells), dict(table.row_totals), dict(table.column_totals), table.total)
    assert actual == (raw, {"a": 12, "b": 3}, {"x": 8, "y": 7}, 15)


def test_pupil_policy_is_applied():
    """A stricter threshold suppresses a count the default would show."""
    raw = {("a", "x"): 4, ("a", "y"): 9, ("b", "x"): 9, ("b", "y"): 9}
    strict = DisclosurePolicy(threshold=5)
    default = Table.from_counts(raw, title="t", pupils=True).cell("a", "x")
    stricter = Table.from_counts(raw, title="t", pupils=True, policy=strict).cell("a", "x")
    assert (default, stricter) == (4, None)


def _pinned_lines(published):
    """Lines whose published total leaves each suppressed cell exactly 1.

    Zeros are published, so a suppressed cell is at least 1; if the total minus the shown
    cells equals the number of suppressed cells, every one of them is 1.
    """
    lines = {("row", row): cells for row, cells in published.items()}
    columns = {c for cells in published.values() for c in cells}
    lines.update({("column", c): {r: published[r][c] for r in published} for c in columns})
    pinned = []
    for line, cells in lines.items():
        parts = [n for key, n in cells.items() if key != TOTAL]
        hidden = parts.count(None)
        total = cells[TOTAL]
        if hidden and total is not None and total - sum(n for n in parts if n) == hidden:
            pinned.append(line)
    return pinned


def test_total_does_not_pin_down_suppressed_ones():
    """Two suppressed 1s beside a shown 10 and a shown total 12 would both be revealed."""
    raw = {
        ("Kita A", "GS 1"): 1,
        ("Kita A", "GS 2"): 1,
        ("Kita A", "GS 3"): 10,
        ("Kita B", "GS 1"): 7,
        ("Kita B", "GS 2"): 8,
        ("Kita B", "GS 3"): 9,
    }
    published, _ = _grids(Table.from_counts(raw, title="t", pupils=True), raw)
    assert _pinned_lines(published) == []


def test_one_small_cell_keeps_every_total():
    """A small cell protected inside the table leaves all totals, the grand total too, shown."""
    raw = {("a", "x"): 2, ("a", "y"): 7, ("b", "x"): 5, ("b", "y"): 6}
    table = Table.from_counts(raw, title="t", pupils=True)
    actual = (dict(table.row_totals), dict(table.column_totals), table.total)
    assert actual == ({"a": 9, "b": 11}, {"x": 7, "y": 13}, 20)


def test_small_cell_protected_by_column_totals_keeps_the_grand_total():
    """A small cell without a rectangle inside the table hides column totals, not the total."""
    table = Table.from_counts(FLOWS, title="t", pupils=True)
    hidden = sorted(
        [f"{r}/{c}" for (r, c), n in table.cells.items() if n is None]
        + [f"{r}/Σ" for r, n in table.row_totals.items() if n is None]
        + [f"Σ/{c}" for c, n in table.column_totals.items() if n is None]
    )
    assert (hidden, table.total) == (["Kita A/GS 1", "Kita A/GS 2", "Σ/GS 1", "Σ/GS 2"], 23)


def test_column_without_counts_has_a_total_of_zero():
    """A column given in columns= but without counts is shown with a total of 0."""
    raw = {("a", "x"): 12, ("b", "x"): 9}
    table = Table.from_counts(raw, title="t", pupils=True, rows=("a", "b"), columns=("x", "y"))
    assert (table.column_totals["y"], table.cell("a", "y")) == (0, 0)


# from_counts with pupils=False -----------------------------------------------------------


def test_other_counts_are_shown_in_full():
    """Counts that are not pupils (schools, ties) are published with exact totals."""
    table = Table.from_counts(FLOWS, title="Übergänge", pupils=False)
    actual = (table.cell("Kita A", "GS 2"), dict(table.row_totals), dict(table.column_totals))
    assert (*actual, table.total) == (2, {"Kita A": 14, "Kita B": 9}, {"GS 1": 21, "GS 2": 2}, 23)


def test_absent_cell_reads_as_zero():
    """A pair without a count is zero."""
    assert Table.from_counts(FLOWS, title="t", pupils=False).cell("Kita B", "GS 2") == 0


# order -----------------------------------------------------------------------------------


def test_labels_are_sorted_by_default():
    """Rows and columns come in sorted order when none is given."""
    table = Table.from_counts(
        {("b", "y"): 5, ("a", "x"): 7, ("c", "x"): 1}, title="t", pupils=False
    )
    assert (table.rows, table.columns) == (("a", "b", "c"), ("x", "y"))


def test_given_order_is_kept():
    """Explicit rows and columns keep their order in every output."""
    raw = {("b", "y"): 5, ("a", "x"): 7}
    table = Table.from_counts(raw, title="t", pupils=False, rows=("b", "a"), columns=("y", "x"))
    assert [table.to_markdown().splitlines()[i] for i in (0, 2, 3)] == [
        "| t | y | x | Σ |",
        "| b | 5 | 0 | 5 |",
        "| a | 0 | 7 | 7 |",
    ]


# outputs ---------------------------------------------------------------------------------


def test_markdown_shows_dots_for_suppressed_counts():
    """A suppressed cell appears as '.' under its column."""
    lines = Table.from_counts(FLOWS, title="Übergänge", pupils=True).to_markdown().splitlines()
    kita_a = [cell.strip() for cell in lines[2].strip("|").split("|")]
    header = ["| Übergänge | GS 1 | GS 2 | Σ |", "|---|---:|---:|---:|"]
    assert (lines[:2], kita_a[0], kita_a[2]) == (header, "Kita A", ".")


def test_markdown_has_a_total_row():
    """The last line holds the column totals and the grand total."""
    last = Table.from_counts(FLOWS, title="t", pupils=False).to_markdown().splitlines()[-1]
    assert last == "| Σ | 21 | 2 | 23 |"


def test_records_have_one_dict_per_row_with_label_cells_and_total():
    """to_records gives the row label, each column and the row total."""
    records = Table.from_counts(FLOWS, title="Übergänge", pupils=False).to_records()
    assert records == [
        {"Übergänge": "Kita A", "GS 1": 12, "GS 2": 2, "Σ": 14},
        {"Übergänge": "Kita B", "GS 1": 9, "GS 2": 0, "Σ": 9},
    ]


def test_records_carry_none_for_suppressed():
    """A suppressed cell is None in the records."""
    records = Table.from_counts(FLOWS, title="t", pupils=True).to_records()
    assert records[0]["GS 2"] is None


@pytest.mark.requires_extra("pandas")
def test_frame_shape_and_index():
    """to_frame has one row per row label and a column per column plus the total."""
    frame = Table.from_counts(FLOWS, title="Übergänge", pupils=False).to_frame()
    actual = (frame.shape, frame.index.name, list(frame.columns))
    assert actual == ((2, 3), "Übergänge", ["GS 1", "GS 2", "Σ"])


@pytest.mark.requires_module("pandas")
def test_frame_shows_suppressed_cells_as_missing():
    """Suppressed cells are missing values in the frame."""
    import pandas as pd

    frame = Table.from_counts(FLOWS, title="t", pupils=True).to_frame()
    missing = pd.isna(frame[["GS 1", "GS 2"]]).to_numpy().tolist()
    assert missing == [[True, True], [False, False]]


# write_text_atomic -----------------------------------------------------------------------


def _folder(folder, target):
    """The names in the folder and the text of the target."""
    return sorted(p.name for p in folder.iterdir()), target.read_text(encoding="utf-8")


def test_write_text_atomic_writes_the_text(tmp_path):
    """The file holds exactly the text, with newlines as written."""
    target = tmp_path / "notiz.txt"
    write_text_atomic(target, "Grüße\nzweite Zeile\n")
    assert target.read_bytes() == b"Gr\xc3\xbc\xc3\x9fe\nzweite Zeile\n"


def test_write_text_atomic_keeps_permissions(tmp_path):
    """Replacing a file keeps its permission bits."""
    target = tmp_path / "regeln.json"
    target.write_text("alt", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "neu")
    actual = (stat.S_IMODE(target.stat().st_mode), target.read_text(encoding="utf-8"))
    assert actual == (0o640, "neu")


def test_write_text_atomic_cleans_up_when_rename_fails(tmp_path, monkeypatch):
    """A failed rename leaves the old file and no temporary file."""
    target = tmp_path / "regeln.json"
    target.write_text("alt", encoding="utf-8")

    def fail(*args, **kwargs):
        msg = "kein Platz"
        raise OSError(msg)

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="kein Platz"):
        write_text_atomic(target, "neu")
    assert _folder(tmp_path, target) == (["regeln.json"], "alt")


def test_write_text_atomic_cleans_up_when_writing_fails(tmp_path):
    """Text that cannot be encoded leaves the old file and no temporary file."""
    target = tmp_path / "regeln.json"
    target.write_text("alt", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text_atomic(target, "halb \ud800 kaputt")
    assert _folder(tmp_path, target) == (["regeln.json"], "alt")


def test_write_text_atomic_creates_a_new_file_only(tmp_path):
    """Writing a new file leaves just that file in the folder."""
    write_text_atomic(tmp_path / "neu.txt", "x")
    assert [p.name for p in tmp_path.iterdir()] == ["neu.txt"]
