"""Aggregate table rows as the PDF reader recovers them (issue 10, classes 7 and 11; issue 12
item 4): header rows, column sizes, comparison columns, category levels, baseline tables, and
records that quote the printed row with the caption and header as their context.

Every table here is written for this file, each pattern in at least two layouts.
"""

from __future__ import annotations

import pytest

from extract.model import Page, Table
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.tables.cells import Column, Header, TableRow
from extract.tables.table_columns import grid_to_header, table_to_grid, table_to_rows


def records(rows, cohort, caption=None):
    """Records of one reader table on page 3, arm sums included."""
    page = Page(3, "", tables=(Table(rows=tuple(rows), page=3, caption=caption),))
    return pages_to_records([page], outcome_nlp(None), cohort)


def keyed(found):
    return sorted((r.outcome, r.group, r.events, r.total, r.timepoint_months) for r in found)


# -- header rows: names wrapped over rows, sizes in a row of their own -------------------------

WRAPPED_HEADER = [
    ("", "Whole series (n", "= 80)", "", ""),
    ("", "Open", "Endovascular", "", ""),
    ("Variable", "repair", "repair", "P value", "OR (95% CI)"),
    ("Total (%)", "30 (37.5)", "50 (62.5)", "NA", "NA"),
    ("Wound infection (%)", "4 (13.3)", "2 (4.0)", ".194", "3.7 (0.6-21.6)"),
    ("In-hospital death", "3 (10.0)", "2 (4.0)", ".352", "2.7 (0.4-17.0)"),
]

NAMED_HEADER = [
    ("Outcome", "Early era (n = 22)", "Late era (n = 41)", "p"),
    ("Mortality at discharge", "2 (9.1)", "1 (2.4)", "< 0.001"),
    ("Readmission", "3 (13.6)", "5 (12.2)", "0.87"),
]


def test_column_names_wrapped_over_header_rows_with_sizes_in_a_total_row():
    header, start, cols = grid_to_header(table_to_grid(Table(tuple(WRAPPED_HEADER)), 3), 80)
    assert header.columns == (Column("Open repair", 30), Column("Endovascular repair", 50))
    assert (start, cols) == (4, [1, 2])


@pytest.mark.parametrize(("rows", "cohort", "expected"), [
    # (different treatments: the arms are not summed)
    (WRAPPED_HEADER, 80, [("mortality", "Endovascular repair", 2, 50, 0.0),
                          ("mortality", "Open repair", 3, 30, 0.0)]),
    (NAMED_HEADER, 63, [("mortality", "Early era", 2, 22, 0.0),
                        ("mortality", "Late era", 1, 41, 0.0),
                        ("mortality", "all", 3, 63, 0.0),
                        ("readmission", "Early era", 3, 22, None),
                        ("readmission", "Late era", 5, 41, None),
                        # a cell whose percentage is its share of the arm counts patients
                        ("readmission", "all", 8, 63, None)]),
])
def test_arm_columns_then_p_and_ratio_columns(rows, cohort, expected):
    got = [r for r in keyed(records(rows, cohort)) if r[0] in ("mortality", "readmission")]
    assert got == expected


@pytest.mark.parametrize("p_cells", [("1", "0.5"), ("1.00", "<.05")])
def test_a_column_of_p_values_is_never_a_count(p_cells):
    rows = [("Complication", "Group 1 (n = 12)", "Group 2 (n = 14)", "P value"),
            ("Reoperation", "", "", p_cells[0]), ("Readmission", "", "", p_cells[1])]
    assert records(rows, 26) == []


def test_an_unlabelled_row_of_column_sizes():
    rows = [("Parameter", "Total", "Stage I", "Stage II", "P"),
            ("", "120 (100%)", "70 (58%)", "50 (42%)", ""),
            ("Readmission", "9 (7.5)", "5 (7.1)", "4 (8.0)", "0.9")]
    assert keyed(records(rows, 120)) == [("readmission", "Stage I", 5, 70, None),
                                         ("readmission", "Stage II", 4, 50, None),
                                         ("readmission", "all", 9, 120, None)]


@pytest.mark.parametrize("size_label", ["Number", "n"])
def test_a_row_filled_only_in_the_all_column(size_label):
    # the 'All' column counts the 67 treated, not the 74 enrolled
    rows = [("Variable", "All", "Trauma", "Spontaneous", "P"),
            (size_label, "67", "40", "27", ""),
            ("Reintervention after stenting", "8 (12%)", "", "", ""),
            ("Readmitted", "–", "3 (7.5%)", "–", "0.2")]
    assert keyed(records(rows, 74)) == [("readmission", "Trauma", 3, 40, None),
                                        ("reintervention", "all", 8, 67, None)]


def test_values_under_no_heading_are_not_given_a_column():
    rows = [("", "Group A (n = 49)", "Group B (n = 43)", ""),
            ("Mortality", "9 (18.4)", "3 (7.0)", "12")]
    assert records(rows, 92) == []


# -- category rows and their levels -------------------------------------------------------------

@pytest.mark.parametrize(("category", "levels"), [
    ("Resection margin", ("0", "1", "Unknown")),
    ("R status", ("R0", "R1", "Not reported")),
])
def test_residual_tumour_levels_under_a_margin_category(category, levels):
    rows = [("Characteristic", "All patients", "Head", "Tail", "P"),
            ("", "200 (100%)", "150 (75%)", "50 (25%)", ""),
            ("Tumour grade", "", "", "", ""),
            ("1", "40 (20.0)", "30 (20.0)", "10 (20.0)", "0.9"),
            (category, "", "", "", ""),
            (levels[0], "150 (75.0)", "110 (73.3)", "40 (80.0)", "0.3"),
            (levels[1], "44 (22.0)", "36 (24.0)", "8 (16.0)", ""),
            (levels[2], "6 (3.0)", "4 (2.7)", "2 (4.0)", "")]
    got = [r for r in records(rows, 200) if r.group == "all"]
    assert keyed(got) == [("r0_resection", "all", 150, 200, None),
                          ("r1_resection", "all", 44, 200, None)]
    assert got[0].quote == f"{levels[0]} 150 (75.0) 110 (73.3) 40 (80.0) 0.3"
    assert got[0].context.endswith(f"| {category}")


@pytest.mark.parametrize("levels", [("Yes", "No"), ("Present", "Absent")])
def test_a_yes_level_counts_the_category_and_a_no_level_never(levels):
    rows = [("", "Total (n = 32)"), ("Reoperation", ""), (levels[0], "6 (18.8)"),
            (levels[1], "26 (81.2)"), ("Readmission", ""), (levels[0], "2 (6.3)"),
            (levels[1], "30 (93.7)")]
    assert keyed(records(rows, 32)) == [("readmission", "all", 2, 32, None),
                                        ("reintervention", "all", 6, 32, None)]


# -- tables of the patients before treatment ------------------------------------------------------

BASELINE_ROWS = [("Variable", "n (%)"), ("Age, years", "64 (52-71)"), ("Male", "30 (60)"),
                 ("Co-morbidity", "41*"), ("Recurrent tumour at referral", "12 (24)"),
                 ("Previous reoperation", "5 (10)")]


@pytest.mark.parametrize("caption", ["Table 1. Baseline characteristics of the 50 patients",
                                     "TABLE 1 Demographics"])
def test_a_baseline_table_gives_no_records(caption):
    assert records(BASELINE_ROWS, 50, caption=caption) == []


def test_rows_under_a_comorbidity_category_are_not_outcomes():
    rows = [("", "Series (n = 50)"), ("Comorbidities", ""), ("Previous stroke", "4 (8)"),
            ("Wound complications before referral", "3 (6)"),
            ("Postoperative course", ""), ("Complications", "9 (18)")]
    assert keyed(records(rows, 50, caption="Table 2. Patients and outcomes")) == [
        ("complications_any", "all", 9, 50, None)]


def test_more_events_than_patients_in_the_column_is_no_count():
    assert records([("Item", "Value"), ("Complications (events)", "120")], 74) == []


# -- percentages with their fractions, causes in brackets, times in captions -----------------------

@pytest.mark.parametrize(("caption", "months"), [
    ("Table 4. Adverse events as of 1-month follow-up", 1.0),
    ("Table 3 Events within 90 days of the procedure", 3.0),
])
def test_a_death_row_takes_the_time_of_its_caption(caption, months):
    rows = [("", "Biopsy and marker (n = 219)", "Marker only (n = 39)"),
            ("Death (respiratory failure after anaesthesia)", "0.0% (0/219)", "2.6% (1/39)")]
    got = keyed(records(rows, 258, caption=caption))
    assert got == [("mortality", "Biopsy and marker", 0, 219, months),
                   ("mortality", "Marker only", 1, 39, months),
                   ("mortality", "all", 1, 258, months)]


# -- quotes and context ---------------------------------------------------------------------------

def test_a_table_record_quotes_the_printed_row_and_keeps_caption_and_header_apart():
    rows = [("", "Group A (n = 28)", "Group B (n = 56)", "P"),
            ("Mortality at discharge", "1 (3.6)", "5 (8.9)", "0.66")]
    found = records(rows, 84, caption="Table 2. Outcomes")
    arm = next(r for r in found if r.group == "Group A")
    assert arm.quote == "Mortality at discharge 1 (3.6) 5 (8.9) 0.66"
    assert arm.context == "Table 2. Outcomes | Group A (n = 28) | Group B (n = 56)"
    assert "Table" not in arm.quote


def test_sentence_records_have_no_context():
    found = pages_to_records([Page(None, "Of the 40 patients, 3 died in hospital.")],
                             outcome_nlp(None), 40)
    assert found and all(r.context is None for r in found)


def test_two_tables_under_one_set_of_rules_are_read_apart():
    rows = [("Case", "Age", "Side"), ("#1 54", "L", ""), ("#2 61", "R", ""),
            ("Table 3: Outcomes", "", ""), ("Complications", "2", "")]
    out = table_to_rows(Table(tuple(rows), page=4, caption="Table 2: Cases"), 4)
    assert "Table 3: Outcomes" in out
    assert out[-1] == TableRow("Complications", ("2",), 4, "Complications 2")


def test_a_header_is_not_found_in_a_table_without_one():
    header, _, _ = grid_to_header(table_to_grid(Table((("Reoperation", "6 (15)"),)), 1), 40)
    assert header is None
    assert not isinstance(table_to_rows(Table((("Reoperation", "6 (15)"),)), 1)[0], Header)


# -- tables in the text layer: rows as lines of a label and value cells ----------------------------

def text_records(text, cohort):
    return pages_to_records([Page(2, text)], outcome_nlp(None), cohort)


@pytest.mark.parametrize(("text", "labels"), [
    ("Table 3. Events within 30 days of the procedure\n"
     "Stent and balloon Stent only\n"
     "(n = 120) (n = 80)\n\n"
     "Death (bleeding after the procedure 0.8% (1/120) 2.5% (2/80)\n"
     "on day 4)\n",
     ("n = 120", "n = 80")),
    ("Table 2 Adverse events within 30 days\n"
     "\tEarly cohort (n = 120)\tLate cohort (n = 80)\n"
     "Death\t0.8% (1/120)\t2.5% (2/80)\n",
     ("Early cohort", "Late cohort")),
])
def test_percentages_with_fractions_name_their_columns_sizes(text, labels):
    got = keyed(r for r in text_records(text, 200) if r.outcome == "mortality")
    assert got == sorted([("mortality", labels[0], 1, 120, 1.0),
                          ("mortality", labels[1], 2, 80, 1.0),
                          ("mortality", "all", 3, 200, 1.0)])


def test_a_text_row_quotes_its_line_and_a_caption_ends_at_running_text():
    text = ("Table 4 Complications at 6 months\n"
            "\tGroup A (n = 20)\tGroup B (n = 20)\n"
            "Mortality\t1 (5)\t0 (0)\n"
            "We then compared the two groups with the chi-squared test.\n"
            "Readmission\t2 (10)\t3 (15)\n")
    found = {r.outcome: r for r in text_records(text, 40) if r.group == "Group A"}
    assert found["mortality"].quote == "Mortality 1 (5) 0 (0)"
    assert found["mortality"].timepoint_months == 6.0
    assert found["mortality"].context == "Table 4 Complications at 6 months | " \
                                          "Group A (n = 20) Group B (n = 20)"
    assert found["readmission"].context == "Group A (n = 20) Group B (n = 20)"


@pytest.mark.parametrize("rows", [
    [("", "Group A", "Group B", "Total"), ("", "n (%)", "n (%)", "n (%)"),
     ("", "(n = 28)", "(n = 56)", "(n = 84)"),
     ("Death at 12 months", "3 (10.7)", "9 (16.1)", "12 (14.3)")],
    [("Variable", "Group A (n = 28)", "Group B (n = 56)", "Total (n = 84)", "P"),
     ("Death at 12 months", "3 (10.7)", "9 (16.1)", "12 (14.3)", "0.74")],
])
def test_arm_columns_and_a_total_column_with_their_sizes(rows):
    assert keyed(records(rows, 84)) == [("mortality", "Group A", 3, 28, 12.0),
                                        ("mortality", "Group B", 9, 56, 12.0),
                                        ("mortality", "all", 12, 84, 12.0)]


def test_a_text_line_header_of_arms_and_total():
    text = ("Table 2. Outcomes\n"
            "Variable Group A (n = 28) Group B (n = 56) Total (n = 84) P\n"
            "Death at 12 months 3 (10.7) 9 (16.1) 12 (14.3) 0.74\n")
    assert keyed(text_records(text, 84)) == [("mortality", "Group A", 3, 28, 12.0),
                                             ("mortality", "Group B", 9, 56, 12.0),
                                             ("mortality", "all", 12, 84, 12.0)]


@pytest.mark.parametrize("head", ["Outcome No. %", "Complication n (%)"])
def test_text_lines_under_an_n_and_percent_header(head):
    text = f"Table 3 Postoperative outcomes\n{head}\nReoperation 6 18.8\nReadmission 3 9.4\n"
    assert keyed(text_records(text, 32)) == [("readmission", "all", 3, 32, None),
                                             ("reintervention", "all", 6, 32, None)]


def test_a_count_and_a_bare_decimal_without_that_header_are_no_row():
    text = "Table 3 Postoperative outcomes\nReoperation 6 18.8\nReadmission 3 9.4\n"
    assert text_records(text, 32) == []


def test_table_rows_also_in_the_page_text_are_read_once_with_their_header():
    rows = (("Variable", "No.", "%"), ("Outcome at discharge", None, None), ("Death", "0", "0"),
            ("Outcome at 6 months", None, None), ("Death (mRS: 6)", "4", "12.5"))
    text = ("Table 2 Course\nVariable No. %\nOutcome at discharge\nDeath 0 0\n"
            "Outcome at 6 months\nDeath (mRS: 6) 4 12.5\n")
    page = Page(3, text, tables=(Table(rows, page=3, caption="Table 2 Course"),))
    found = pages_to_records([page], outcome_nlp(None), 32)
    assert keyed(found) == [("mortality", "all", 0, 32, 0.0), ("mortality", "all", 4, 32, 6.0)]


# -- columns of time points rather than of groups ------------------------------------------------

def test_survival_percentages_under_year_columns_are_rates_at_those_times():
    rows = [("", "1 year", "3 years", "5 years"), ("Overall survival (%)", "92", "78", "65"),
            ("Disease-free survival, %", "85.0", "70.2", "61.0")]
    got = sorted((r.outcome, r.measure, r.group, r.value, r.timepoint_months)
                 for r in records(rows, 100))
    assert got == [("disease_free_survival", "rate_at_time", "all", 0.61, 60.0),
                   ("disease_free_survival", "rate_at_time", "all", 0.702, 36.0),
                   ("disease_free_survival", "rate_at_time", "all", 0.85, 12.0),
                   ("overall_survival", "rate_at_time", "all", 0.65, 60.0),
                   ("overall_survival", "rate_at_time", "all", 0.78, 36.0),
                   ("overall_survival", "rate_at_time", "all", 0.92, 12.0)]


def test_counts_under_day_and_month_columns_keep_the_columns_times():
    assert keyed(records([("Outcome", "30-day", "90-day"), ("Mortality", "2 (1.5)", "5 (3.8)")],
                         132)) == [("mortality", "all", 2, 132, 1.0),
                                   ("mortality", "all", 5, 132, 3.0)]
    rows = [("", "At 6 months", "At 12 months"), ("", "(n = 40)", "(n = 35)"),
            ("Reintervention", "3 (7.5)", "6 (17.1)")]
    assert keyed(records(rows, 40)) == [("reintervention", "all", 3, 40, 6.0),
                                        ("reintervention", "all", 6, 35, 12.0)]


def test_a_bare_number_is_a_percentage_only_when_the_label_says_so():
    rows = [("", "1 year", "3 years"), ("Overall survival", "92", "78")]
    assert [r for r in records(rows, 100) if r.measure == "rate_at_time"] == []


@pytest.mark.parametrize("rows", [
    [("Complication", "Open", "Laparoscopic"), ("Total", "12 (20.0)", "8 (13.3)"),
     ("Reoperation", "3 (5.0)", "2 (3.3)")],
    [("", "Early", "Late", "All"), ("n", "20", "25", "41"), ("Readmission", "3", "2", "5")],
])
def test_a_first_row_of_counts_that_does_not_partition_the_series_is_no_size_row(rows):
    header, _, _ = grid_to_header(table_to_grid(Table(tuple(rows)), 3), 120)
    assert all(c.n is None for c in header.columns if c.group != "all")
    assert not any(r.total in (12, 8, 20, 25) for r in records(rows, 120))


@pytest.mark.parametrize("caption", ["Table 5 Review of previous studies of valve treatment",
                                     "Table 4. Comparison with published series"])
def test_a_table_of_published_series_gives_no_records(caption):
    rows = [("Outcome", "Smith 2010", "Lee 2016", "Overall"),
            ("Mortality", "2 (5.0)", "3 (10.0)", "5 (7.1)"),
            ("Reoperation", "1 (2.5)", "2 (6.7)", "3 (4.3)")]
    assert records(rows, 70, caption=caption) == []
    assert records(rows, 70, caption="Table 2. Outcomes by centre") != []


def test_a_long_stub_heading_over_named_columns_is_a_header_row():
    rows = [("Variable, n (%) or median (IQR)", "Open (n = 40)", "Laparoscopic (n = 60)", "P"),
            ("Readmission", "4 (10.0)", "3 (5.0)", "0.4")]
    assert keyed(records(rows, 100)) == [("readmission", "Laparoscopic", 3, 60, None),
                                         ("readmission", "Open", 4, 40, None),
                                         ("readmission", "all", 7, 100, None)]


def test_the_caption_running_on_over_the_header_is_no_column_name():
    rows = [("Outcomes of Patients Treated for Infarction,", "by Technique", "", ""),
            ("", "Craniectomy", "Craniotomy", "P"),
            ("Total (%)", "43 (47)", "49 (53)", "NA"),
            ("Mortality at discharge", "3 (7.0)", "9 (18.4))", ".162")]
    assert keyed(records(rows, 92)) == [("mortality", "Craniectomy", 3, 43, 0.0),
                                        ("mortality", "Craniotomy", 9, 49, 0.0),
                                        ("mortality", "all", 12, 92, 0.0)]


WINDOW_TEXT = "Postoperative mortality was defined as death within 90 days of surgery.\n\n"


@pytest.mark.parametrize(("rows", "defined", "expected"), [
    ([("", "Series (n = 40)"), ("Perioperative outcomes", ""), ("Mortality", "2 (5.0)")],
     3.0, 0.0),
    ([("", "Series (n = 40)"), ("Postoperative death", "2 (5.0)")], 3.0, None),
])
def test_perioperative_rows_take_the_papers_mortality_window(rows, defined, expected):
    table = Table(tuple(rows), page=3)
    with_window = pages_to_records([Page(3, WINDOW_TEXT, tables=(table,))], outcome_nlp(None), 40)
    without = pages_to_records([Page(3, "Results.\n", tables=(table,))], outcome_nlp(None), 40)
    assert [(r.events, r.timepoint_months) for r in with_window if r.rule == "table_row"] == [
        (2, defined)]
    assert [(r.events, r.timepoint_months) for r in without if r.rule == "table_row"] == [
        (2, expected)]
