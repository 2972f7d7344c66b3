"""The pooled-estimate table: cells, single studies, statuses, conflicts and formats."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from meta import pool_proportions
from meta.analyses import analyses_from_db, cells, pool_records, statuses_for
from meta.errors import InvalidInput, RenderError
from meta.summary_table import COLUMNS, render_table, table_rows, timepoint_text


@pytest.fixture(scope="module")
def accepted(report_db):
    from corpus.db import open_engine

    return analyses_from_db(open_engine(report_db[0]), "accepted")


def by_outcome(analyses, outcome):
    return next(a for a in analyses if a.outcome == outcome)


def test_one_row_per_outcome_measure_timepoint_with_a_study(accepted):
    keys = [(a.outcome, a.measure, a.timepoint) for a in accepted]
    assert keys == [("mortality", "proportion", 0.0), ("overall_survival", "median", None),
                    ("primary_patency", "rate_at_time", 12.0),
                    ("r0_resection", "proportion", None)]


def test_accepted_status_leaves_out_unreviewed_and_rejected_records(accepted, report_db):
    from corpus.db import open_engine

    assert by_outcome(accepted, "r0_resection").k == 2  # Lee's record is unreviewed
    assert by_outcome(accepted, "mortality").k == 2  # Lee's record is rejected
    anything = analyses_from_db(open_engine(report_db[0]), "any")
    assert by_outcome(anything, "r0_resection").k == 3
    assert by_outcome(anything, "mortality").k == 2  # rejected records are never pooled


def test_pooled_row_matches_the_engine_and_counts_patients(accepted):
    r0 = by_outcome(accepted, "r0_resection")
    direct = pool_proportions([14, 25], [18, 30], ["Smith 2020", "Jones 2021"])
    assert r0.result.estimate == pytest.approx(direct.estimate, rel=1e-9)
    row = table_rows([r0])[0]
    assert row["Patients"] == "48" and row["k"] == "2"
    assert row["Estimate [95% CI]"] == (
        f"{100 * direct.estimate:.1f}% [{100 * direct.ci_low:.1f}, {100 * direct.ci_high:.1f}]")
    assert row["Method"].startswith(direct.method)


def test_single_study_row_shows_its_own_value_and_says_not_pooled(accepted):
    row = table_rows([by_outcome(accepted, "primary_patency")])[0]
    assert row["Estimate [95% CI]"] == "71.0% [52.0, 86.0]"
    assert row["Method"] == "not pooled (1 study)"
    assert row["I²"] == row["τ²"] == row["Prediction interval"] == ""


def test_median_row_is_in_months(accepted):
    row = table_rows([by_outcome(accepted, "overall_survival")])[0]
    assert " mo [" in row["Estimate [95% CI]"]


def test_conflicting_records_of_one_document_are_reported_not_pooled():
    records = pd.DataFrame([
        {"id": 1, "document": "a.txt", "study_label": "A", "outcome": "mortality",
         "measure": "proportion", "group": "all", "events": 1, "total": 10, "value": 0.1,
         "ci_low": None, "ci_high": None, "ci_level": 0.95, "timepoint_months": 1.0,
         "status": "accepted"},
        {"id": 2, "document": "a.txt", "study_label": "A", "outcome": "mortality",
         "measure": "proportion", "group": "all", "events": 2, "total": 10, "value": 0.2,
         "ci_low": None, "ci_high": None, "ci_level": 0.95, "timepoint_months": 1.0,
         "status": "accepted"},
    ])
    (analysis,) = pool_records(records)
    assert not analysis.pooled and analysis.single is None
    assert "conflicting mortality/proportion records" in analysis.note
    assert table_rows([analysis])[0]["Method"] == analysis.note


def test_cells_sort_unspecified_timepoints_last_and_whole_cohort_first():
    records = pd.DataFrame({"outcome": ["m"] * 4, "measure": ["proportion"] * 4,
                            "timepoint_months": [None, 12.0, 1.0, 1.0],
                            "group": ["all", "all", "IVC", "all"]})
    assert cells(records) == [("m", "proportion", 1.0, "all"), ("m", "proportion", 1.0, "IVC"),
                              ("m", "proportion", 12.0, "all"), ("m", "proportion", None, "all")]


def test_csv_has_the_table_columns_and_one_line_per_row(accepted):
    rows = list(csv.DictReader(io.StringIO(render_table(accepted, "csv"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == len(accepted)


def test_markdown_and_html_tables(accepted):
    md = render_table(accepted, "md").splitlines()
    assert md[0].startswith("| Outcome |") and len(md) == 2 + len(accepted)
    html = render_table(accepted, "html")
    assert html.count("<tr") == 1 + len(accepted) and 'class="single"' in html


def test_json_keeps_numbers_unformatted(accepted):
    data = json.loads(render_table(accepted, "json"))
    r0 = next(d for d in data if d["outcome"] == "r0_resection")
    assert r0["pooled"] and r0["estimate"] == pytest.approx(
        by_outcome(accepted, "r0_resection").result.estimate)
    single = next(d for d in data if d["outcome"] == "primary_patency")
    assert not single["pooled"] and single["estimate"] == 0.71 and single["I2"] is None


def test_unknown_format_and_status_are_errors(accepted):
    with pytest.raises(RenderError, match="unknown format 'xlsx'"):
        render_table(accepted, "xlsx")
    with pytest.raises(InvalidInput, match="unknown status 'final'; allowed: accepted"):
        statuses_for("final")


@pytest.mark.parametrize(("months", "text"), [
    (None, "last follow-up"), (0.0, "perioperative"), (1.0, "1 month"), (60.0, "60 months")])
def test_timepoint_text(months, text):
    assert timepoint_text(months) == text


def test_markdown_table_matches_golden(accepted, golden):
    golden("report/pooled_table_accepted.md", render_table(accepted, "md"))


def test_single_study_the_engine_cannot_weigh_still_shows_its_stated_value():
    base = {"document": "a.txt", "study_label": "A 2020", "outcome": "overall_survival",
            "group": "all", "events": None, "total": None, "ci_level": 0.95,
            "status": "accepted"}
    records = pd.DataFrame([
        {**base, "id": 1, "measure": "mean", "value": 15.0, "ci_low": None, "ci_high": None,
         "timepoint_months": None},
        {**base, "id": 2, "measure": "rate_at_time", "value": 0.55, "ci_low": 0.0,
         "ci_high": 0.8, "timepoint_months": 60.0},
    ])
    rows = table_rows(pool_records(records))
    assert [r["Estimate [95% CI]"] for r in rows] == ["15.0 mo", "55.0% [0.0, 80.0]"]
    assert {r["Method"] for r in rows} == {"not pooled (1 study)"}
