"""Arm columns that print no N take the size a ``n (100%)`` row shows (issue 10, PDF class 5).

Tables written for this file in other fields; the ambiguous cases keep no size."""

from __future__ import annotations

import pytest

from extract.model import Page, Table
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.tables.cells import Column, Header, TableRow
from extract.tables.text_tables import columns_sized_by_rows, rows_to_candidates


def table(groups, *rows):
    header = Header(tuple(Column(g, None) for g in groups), " | ".join(("Table 2", *groups)))
    return [header, *(TableRow(label, cells, 1, f"{label} {' '.join(cells)}")
                      for label, cells in rows)]


def sizes(rows):
    return [c.n for c in columns_sized_by_rows(rows)[0].columns]


@pytest.mark.parametrize(("rows", "want"), [
    (table(("Stent", "Bypass"), ("Follow-up completed", ("25 (100%)", "30 (100%)")),
           ("Amputation", ("3 (12%)", "2 (7%)"))), [25, 30]),
    (table(("Open", "Laparoscopic"), ("Wound infection", ("5 (11%)", "2 (4%)")),
           ("Seen at 1 month", ("40 (100%)", "48 (100%)"))), [40, 48]),  # 5/40 printed as 11%
])
def test_a_full_row_sizes_its_column(rows, want):
    assert sizes(rows) == want


@pytest.mark.parametrize("rows", [
    # two different counts of "everyone" in one column: unclear
    table(("Stent", "Bypass"), ("Treated", ("25 (100%)", "30 (100%)")),
          ("Followed", ("22 (100%)", "30 (100%)"))),
    # a cell far off the size the full row implies: the 100% is of something else
    table(("Stent", "Bypass"), ("Primary lesions", ("12 (100%)", "9 (100%)")),
          ("Amputation", ("3 (12%)", "2 (7%)"))),
])
def test_an_ambiguous_full_row_sizes_no_column(rows):
    assert sizes(rows)[0] is None


def test_a_stated_size_is_kept():
    header = Header((Column("Stent", 24), Column("Bypass", None)), "Table 2 | Stent | Bypass")
    rows = [header, TableRow("Treated", ("25 (100%)", "30 (100%)"), 1, "Treated")]
    assert [c.n for c in columns_sized_by_rows(rows)[0].columns] == [24, 30]


def test_the_sized_columns_give_the_arms_their_counts():
    rows = table(("Stent", "Bypass"), ("Follow-up completed", ("25 (100%)", "30 (100%)")),
                 ("Mortality", ("1 (4%)", "2 (7%)")))
    got = {(c.group, c.count, c.group_n) for c in rows_to_candidates(rows, outcome_nlp(), 55)
           if c.outcome == "mortality"}
    assert got == {("Stent", 1, 25), ("Bypass", 2, 30)}


def test_arms_of_one_operation_sized_by_their_rows_sum_to_the_cohort():
    # two techniques of one operation, no N in the header: the deaths of the cohort are 1/60
    grid = (("", "Technique A number (%)", "Technique B number (%)"),
            ("Mortality", "0 (0%)", "1 (3%)"),
            ("Follow-up completed", "30 (100%)", "30 (100%)"))
    page = Page(1, "Results\n\nOutcomes are in Table 2.", (Table(grid, 1, "Table 2 Outcomes"),))
    records = pages_to_records([page], outcome_nlp(), cohort=60)
    got = {(r.group, r.events, r.total) for r in records if r.outcome == "mortality"}
    assert got == {("Technique A", 0, 30), ("Technique B", 1, 30), ("all", 1, 60)}
