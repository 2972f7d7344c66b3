"""Tables pasted as text with their columns aligned by spaces (issue 10, check set 7: full
texts copied out of journal PDFs): cells under their columns, time-point columns, a median
column, group rows under a caption's outcome, complements, composites, and the windows that
date table rows.

Every table here is written for this file, each pattern in at least two layouts.
"""

from __future__ import annotations

import pytest
from prose_records import extract, keyed

from extract.tables.aligned_text import text_to_aligned_tables


def rows_of(text):
    return [t.rows for t in text_to_aligned_tables(text)]


# -- cutting the table out of the text ----------------------------------------------------------

def test_cells_go_under_the_column_they_start_beneath():
    text = ("Results were good.\n\n"
            "Table 2 Outcomes by approach\n"
            "                         Open (n = 30)    Laparoscopic (n = 50)   P\n"
            "Wound infection, n (%)   4 (13.3)         2 (4.0)                 0.19\n"
            "Readmission, n (%)       3 (10.0)         5 (10.0)\n\n"
            "Discussion follows here.")
    [table] = text_to_aligned_tables(text)
    assert table.caption == "Table 2 Outcomes by approach"
    assert table.rows == (
        (None, "Open (n = 30)", "Laparoscopic (n = 50)", "P"),
        ("Wound infection, n (%)", "4 (13.3)", "2 (4.0)", "0.19"),
        ("Readmission, n (%)", "3 (10.0)", "5 (10.0)", None),  # no P value: an empty cell
    )


def test_a_label_running_into_the_first_value_is_cut_at_the_column():
    text = ("Table 1 Early events\n"
            "                           Group A (n = 20)   Group B (n = 22)\n"
            "Conversion to open, n (%) 2 (10.0)           1 (4.5)\n"
            "Bile leak, n (%)           1 (5.0)            0\n")
    [table] = text_to_aligned_tables(text)
    assert table.rows[1] == ("Conversion to open, n (%)", "2 (10.0)", "1 (4.5)")


@pytest.mark.parametrize("text", [
    # prose with a double space after a full stop is no table
    "The patients did well.  Recurrence was rare in this series of patients treated.\n"
    "Follow-up was complete.  Two patients were lost to follow-up after the first year.",
    # tab-separated rows are read as printed, by the tab-separated reader
    "Table 2 Course\nEarly course (n, %)\t\n- Overall complications\t12 (30)\n"
    "- Reintervention  after  discharge\t2 (5)\n",
    # a per-case table is left to the per-case reader
    "Case   Age   Outcome\n1      54    Alive\n2      61    Died\n3      47    Alive\n",
])
def test_prose_and_per_case_tables_are_not_aggregate_tables(text):
    assert text_to_aligned_tables(text) == []


# -- time-point columns, a median column --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Table 3 Actuarial estimates (%)\n"
    "                          1 year      3 years     Median (months)\n"
    "Disease-free survival     81.5        52.0        40.1\n"
    "Patients at risk          35          20\n",
    "Table 3. Kaplan-Meier estimates of the whole series\n"
    "                    12 months   36 months   Median, mo\n"
    "DFS                 81.5        52.0        40.1\n",
])
def test_time_point_columns_and_a_median_column(text):
    found = keyed(extract(text, cohort=40))
    assert found == [
        ("disease_free_survival", "median", "all", None, None, 40.1, None),
        ("disease_free_survival", "rate_at_time", "all", None, None, 0.52, 36.0),
        ("disease_free_survival", "rate_at_time", "all", None, None, 0.815, 12.0),
    ]


def test_a_row_marked_as_percentages_needs_no_caption():
    text = ("Table 2 Estimates\n"
            "                     6 months     24 months\n"
            "Primary patency, %   90.1         71.0\n")
    assert keyed(extract(text, cohort=40)) == [
        ("primary_patency", "rate_at_time", "all", None, None, 0.71, 24.0),
        ("primary_patency", "rate_at_time", "all", None, None, 0.901, 6.0)]


def test_bare_numbers_under_time_columns_without_a_percent_context_are_not_rates():
    # regression: "3 | 5" under years of a table that says nothing of percentages are counts
    text = ("Table 2 Events by year\n"
            "                     1 year     2 years\n"
            "Overall survival     3.5        5.5\n")
    assert keyed(extract(text, cohort=40)) == []


# -- group rows under the outcome a caption names -----------------------------------------------

@pytest.mark.parametrize("text, group", [
    ("Table 4. Overall survival (Kaplan-Meier) by tumour grade\n"
     "Grade          n      1-year     5-year\n"
     "All            120    90.0%      61.0%\n"
     "Low grade      70     95.7%      74.3%\n", "Low grade"),
    ("Table 4 Overall survival according to age\n"
     "                         1 year      5 years\n"
     "Whole cohort (n = 120)   90.0%       61.0%\n"
     "Under 70 (n = 80)        95.7%       74.3%\n", "Under 70"),
])
def test_rows_of_groups_under_time_columns_take_the_captions_outcome(text, group):
    found = keyed(extract(text, cohort=120))
    assert found == sorted([
        ("overall_survival", "rate_at_time", "all", None, None, 0.9, 12.0),
        ("overall_survival", "rate_at_time", "all", None, None, 0.61, 60.0),
        ("overall_survival", "rate_at_time", group, None, None, 0.957, 12.0),
        ("overall_survival", "rate_at_time", group, None, None, 0.743, 60.0)])


def test_rows_at_risk_under_a_captions_outcome_are_no_estimates():
    # regression: "Patients at risk" and CI rows are what the columns count, not a group
    text = ("Table 4 Overall survival\n"
            "                      1 year      5 years\n"
            "All patients          90.0%       61.0%\n"
            "95% CI                84-95%      50-70%\n"
            "Number at risk        100         40\n")
    assert [k[2] for k in keyed(extract(text, cohort=120))] == ["all", "all"]


# -- complements and composites -----------------------------------------------------------------

@pytest.mark.parametrize("label", ["Freedom from reoperation", "Free from reintervention, %"])
def test_a_freedom_from_row_is_the_outcomes_complement(label):
    text = ("Table 2 Kaplan-Meier estimates\n"
            f"{'':34}5 years      10 years\n"
            f"{label:<34}96.0%        90.0%\n")
    assert keyed(extract(text, cohort=200)) == [
        ("reintervention", "rate_at_time", "all", None, None, 0.04, 60.0),
        ("reintervention", "rate_at_time", "all", None, None, 0.1, 120.0)]


@pytest.mark.parametrize("label", ["Stroke or death", "Death or myocardial infarction"])
def test_a_composite_row_with_death_is_not_mortality(label):
    text = ("Table 1 Thirty-day outcomes\n"
            f"{'':34}n      %\n"
            f"{label:<34}8      2.0\n"
            f"{'Cranial nerve injury':<34}11     2.8\n")
    assert [k for k in keyed(extract(text, cohort=400)) if k[0] == "mortality"] == []


# -- the windows that date table rows -----------------------------------------------------------

@pytest.mark.parametrize("caption, months", [
    ("Table 1 Outcomes within 90 days of surgery (n = 200)", 3.0),
    ("Table 1. Thirty-day events", 1.0),
])
def test_a_captions_window_dates_every_count_but_technical_success(caption, months):
    text = (f"{caption}\n"
            "                             No. of patients (%)\n"
            "Technical success            196 (98.0)\n"
            "Return to theatre            6 (3.0)\n"
            "Readmission                  14 (7.0)\n")
    found = keyed(extract(text, cohort=200))
    assert found == [
        ("readmission", "proportion", "all", 14, 200, 0.07, months),
        ("reintervention", "proportion", "all", 6, 200, 0.03, months),
        ("technical_success", "proportion", "all", 196, 200, 0.98, None)]


@pytest.mark.parametrize("methods, months", [
    ("Complications were recorded up to 30 days after surgery.", 1.0),
    ("Complications within 90 days were graded by the Clavien-Dindo system.", 3.0),
])
def test_the_methods_window_dates_a_complications_tables_rows(methods, months):
    text = (f"Methods\n{methods}\n\nResults\n"
            "Table 2 Postoperative complications (n = 150)\n"
            "                               n (%)\n"
            "Any complication               45 (30.0)\n"
            "Unplanned reoperation          6 (4.0)\n"
            "Readmission within 30 days     9 (6.0)\n")
    found = keyed(extract(text, cohort=150))
    assert found == [
        ("complications_any", "proportion", "all", 45, 150, 0.3, months),
        ("readmission", "proportion", "all", 9, 150, 0.06, 1.0),  # its own window
        ("reintervention", "proportion", "all", 6, 150, 0.04, months)]


def test_a_captions_size_is_the_tables_population_not_a_group():
    # regression: "Table 1 Complications (n = 163)" named a group after the caption
    text = ("Table 1 Complications (n = 120)\n"
            "Complication                   n       %\n"
            "Any complication               30      25.0\n"
            "Meningitis                     2       1.7\n")
    assert [k[:5] for k in keyed(extract(text, cohort=120))] == [
        ("complications_any", "proportion", "all", 30, 120)]


# -- arms of one operation summed from table cells that count patients --------------------------

@pytest.mark.parametrize("header, row", [
    ("                          Stapled (n = 60)   Hand-sewn (n = 40)   P",
     "Readmission within 30 d   6 (10.0)           8 (20.0)             0.15"),
    ("Variable                  Robotic (n = 60)   Laparoscopic (n = 40)   p Value",
     "Readmission within 30 d   6 (10)             8 (20)                  0.15"),
])
def test_a_cell_whose_percentage_is_its_share_of_the_arm_is_summed(header, row):
    text = f"Table 2 Early outcomes\n{header}\n{row}\n"
    found = [k for k in keyed(extract(text, cohort=100)) if k[2] == "all"]
    assert found == [("readmission", "proportion", "all", 14, 100, 0.14, 1.0)]


def test_arms_of_different_treatments_named_by_abbreviations_are_not_summed():
    # regression: arms defined as "open surgical repair (OSR)" and "endovascular aneurysm
    # repair (EVAR)" are different treatments even when no sentence defines them as arms
    text = ("Methods\nWe compared open surgical repair (OSR) and endovascular aneurysm repair "
            "(EVAR) in consecutive patients.\n\nResults\n"
            "Table 2 Outcomes\n"
            "                   OSR (n = 60)    EVAR (n = 40)   P\n"
            "Any complication   30 (50.0)       10 (25.0)       0.01\n")
    assert [k for k in keyed(extract(text, cohort=100)) if k[2] == "all"] == []


def test_a_cell_of_events_is_not_summed():
    # regression: a count without its share may count events, several per patient
    text = ("Table 2 Early outcomes\n"
            "                   Stapled (n = 60)   Hand-sewn (n = 40)\n"
            "Complications      14                 12\n")
    assert [k for k in keyed(extract(text, cohort=100)) if k[2] == "all"] == []


@pytest.mark.parametrize("label", ["Any complication, n (%)", "Patients with any complication"])
def test_a_row_of_patients_with_any_complication_is_summed(label):
    # "Any complication" counts patients; a bare "Complications" row may count events
    text = ("Table 2 Early outcomes\n"
            f"{'':32}Stapled (n = 60)   Hand-sewn (n = 40)\n"
            f"{label:<32}18 (30.0)          10 (25.0)\n")
    found = [k for k in keyed(extract(text, cohort=100)) if k[2] == "all"]
    assert found == [("complications_any", "proportion", "all", 28, 100, 0.28, None)]


@pytest.mark.parametrize("caption, n, share", [
    ("Table 1. Thirty-day outcomes (402 procedures)", 402, "1.7"),
    ("Table 3 Results per limb (143 limbs)", 143, "4.9")])
def test_a_captions_count_of_units_is_what_the_rows_are_shares_of(caption, n, share):
    text = (f"{caption}\n"
            f"{'':40}n       %\n"
            f"{'Neck haematoma requiring re-exploration':<40}7       {share}\n")
    found = keyed(extract(text, cohort=100))
    assert [k[:5] for k in found] == [("reintervention", "proportion", "all", 7, n)]
