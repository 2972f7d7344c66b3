"""Per-case tables: rows kept as patient data, outcome columns turned into exact counts."""

from __future__ import annotations

import json

import pytest

from extract.model import Page, Table
from extract.tables.case_tables import (
    caption_group,
    case_count,
    pages_to_case_tables,
    text_to_tables,
)
from extract.tables.patients import pages_to_patient_rows

TEXT_TABLE = """Results were good.

Table 3. Outcomes of each patient

Pt	Age	Margin	Complication	Relapse	Status
1	61	R0	None	No	NED
2	58	R1	Bile leak	Liver	DOD
3	70	Negative	No	No	Alive
				Lung

Abbreviations: NED, no evidence of disease.
"""


def records_by_outcome(pages):
    rows, records = pages_to_patient_rows(pages)
    return rows, {(r.outcome, r.group): r for r in records}


def test_rows_of_a_tab_separated_table_are_kept():
    rows, _ = pages_to_patient_rows([Page(None, TEXT_TABLE)])
    assert [row.case_label for row in rows] == ["1", "2", "3"]
    assert rows[1].columns["Complication"] == "Bile leak"
    assert rows[2].columns["Relapse"] == "No Lung"  # a continuation line joins its cell


def test_outcome_columns_give_exact_counts():
    _, records = records_by_outcome([Page(None, TEXT_TABLE)])
    margin = records[("r0_resection", "all")]
    assert (margin.events, margin.total, margin.rule) == (2, 3, "patient_table:margin")
    assert (records[("complications_any", "all")].events,
            records[("complications_any", "all")].total) == (1, 3)
    # the quote is the header row as printed, never a composed sentence; caption and the
    # column counted are the context
    assert margin.quote == "Pt Age Margin Complication Relapse Status"
    assert margin.context == "Table 3. Outcomes of each patient | Margin"
    # status at each patient's own last follow-up stays in the rows, it is not a proportion
    assert ("mortality", "all") not in records


@pytest.mark.parametrize(
    ("header", "timepoint", "rule"),
    [("Outcome at discharge", 0.0, "patient_table:outcome_at_discharge"),
     ("Outcome (GOS)", None, "patient_table:outcome")],
)
def test_outcome_columns_count_deaths(header, timepoint, rule):
    text = f"Case\tAge\t{header}\n1\t50\tDead\n2\t61\tMD\n3\t70\tgood\n"
    _, records = records_by_outcome([Page(None, text)])
    death = records[("mortality", "all")]
    assert (death.events, death.total, death.timepoint_months, death.rule) == (
        1, 3, timepoint, rule)


def test_recurrence_counts_any_named_site():
    _, records = records_by_outcome([Page(None, TEXT_TABLE)])
    relapse = records[("recurrence_any", "all")]
    assert (relapse.events, relapse.total) == (2, 3)


def test_a_column_with_a_missing_value_is_not_counted():
    text = "Case\tRecurrence\n1\tYes\n2\t\n3\tNo\n"
    _, records = records_by_outcome([Page(None, text)])
    assert ("recurrence_any", "all") not in records


def test_a_column_with_values_not_understood_is_not_counted():
    text = "Case\tOutcome\n1\tAlive\n2\tTransferred\n"
    _, records = records_by_outcome([Page(None, text)])
    assert ("mortality", "all") not in records


def test_time_to_recurrence_is_not_a_recurrence_column():
    text = "Case\tTime to recurrence\tR0 resection\n1\t12\tYes\n2\t30\tNo\n"
    _, records = records_by_outcome([Page(None, text)])
    assert ("recurrence_any", "all") not in records
    assert records[("r0_resection", "all")].events == 1


def test_tables_of_two_groups_give_group_and_pooled_counts():
    group_a = Table((("Case", "Age", "Outcome"), ("1", "70", "G"), ("2", "66", "D")), 2,
                    "Table 1. Patients in group A")
    group_b = Table((("Case", "Age", "Outcome"), ("1", "50", "D"), ("2", "44", "MD"),
                     ("3", "61", "SD")), 3, "Table 2. Patients in group B")
    pages = [Page(2, "text", (group_a,)), Page(3, "text", (group_b,))]
    rows, records = records_by_outcome(pages)
    assert len(rows) == 5 and rows[0].columns["group"] == "Group A"
    assert (records[("mortality", "Group A")].events, records[("mortality", "Group A")].total) == (
        1, 2)
    pooled = records[("mortality", "all")]
    assert (pooled.events, pooled.total, pooled.rule) == (2, 5, "patient_table:outcome:pooled")
    assert case_count(pages_to_case_tables(pages)) == 5


def test_a_characteristics_table_is_not_a_per_case_table():
    table = Table((("Characteristic", "n (%)"), ("1", "12 (30)"), ("2", "5 (12)")), 1)
    assert pages_to_patient_rows([Page(1, "", (table,))]) == ([], [])


def test_multi_line_header_is_joined():
    table = Table(((None, "Duration from onset", None), ("Case", "to surgery (days)", "Status"),
                   ("1", "2", "Dead"), ("2", "3", "Alive")), 4)
    rows, _ = pages_to_patient_rows([Page(4, "", (table,))])
    assert rows[0].columns == {"Duration from onset to surgery (days)": "2", "Status": "Dead"}
    assert rows[0].page == 4


@pytest.mark.parametrize(
    ("caption", "group"),
    [("Table 1. Summary of patients in group A", "Group A"),
     ("Table 2. Details of the stent group", "Stent group"),
     ("Table 3. Patient characteristics", None), (None, None)],
)
def test_caption_group(caption, group):
    assert caption_group(caption) == group


def test_tab_separated_runs_become_tables_with_captions():
    tables = text_to_tables(TEXT_TABLE)
    assert len(tables) == 1
    assert tables[0].caption == "Table 3. Outcomes of each patient"
    assert tables[0].rows[0][0] == "Pt"


@pytest.mark.parametrize(
    ("stem", "expected"),
    [("002_d297d4b89133e26e", {("r0_resection", 4, 4), ("recurrence_any", 0, 4),
                               ("complications_any", 1, 4)}),
     ("004_f6dfa0e86cd2d3b2", {("r0_resection", 4, 6), ("recurrence_local", 1, 6),
                               ("complications_any", 2, 6)})],
)
def test_seed_per_case_tables_give_the_gold_counts(shared, stem, expected):
    text = (shared / "corpus" / "seeds" / f"{stem}.txt").read_text()
    gold = json.loads((shared / "gold" / "seeds" / f"{stem}.json").read_text())
    _, records = pages_to_patient_rows([Page(None, text)])
    found = {(r.outcome, r.events, r.total) for r in records}
    assert expected <= found
    gold_counts = {(g["outcome"], g.get("events"), g.get("total")) for g in gold["records"]}
    assert expected <= gold_counts
    assert len(gold.get("patients", [])) == case_count(
        pages_to_case_tables([Page(None, text)]))


def test_one_column_per_patient_is_transposed():
    table = Table(((None, "Case 1", "Case 2", "Case 3"), ("Age", "44", "51", "67"),
                   ("Margin", "R0", "R1", "R0"), ("Recurrence", "Liver", "No", "No")), 5,
                  "Table 1. Details of the three cases")
    rows, records = records_by_outcome([Page(5, "", (table,))])
    assert [row.case_label for row in rows] == ["1", "2", "3"]
    assert rows[1].columns == {"Age": "51", "Margin": "R1", "Recurrence": "No"}
    assert (records[("r0_resection", "all")].events, records[("r1_resection", "all")].events,
            records[("recurrence_any", "all")].events) == (2, 1, 1)
    assert ("r2_resection", "all") not in records  # no R2 at all: not counted


def test_markdown_pipe_table():
    text = ("Table 2. Follow-up\n\n| Patient | Clavien-Dindo | mRS |\n|---|---|---|\n"
            "| 1 | IIIa | 2 |\n| 2 | II | 6 |\n| 3 | none | 1 |\n")
    rows, records = records_by_outcome([Page(None, text)])
    assert len(rows) == 3
    assert (records[("complications_major", "all")].events,
            records[("complications_any", "all")].events,
            records[("mortality", "all")].events) == (1, 2, 1)
    assert records[("mortality", "all")].rule == "patient_table:mrs"


@pytest.mark.parametrize(
    ("header", "values", "outcome", "events"),
    [("Recurrence", ("NED", "Lung", "no evidence of disease"), "recurrence_any", 1),
     ("Stent patency", ("Patent", "Occluded", "patent"), "primary_patency", 2),
     ("Technical success", ("Yes", "Yes", "No"), "technical_success", 2),
     ("Reoperation", ("None", "Bleeding", "-"), "reintervention", 1),
     ("GOS", ("5", "1", "4"), "mortality", 1)],
)
def test_more_outcome_columns(header, values, outcome, events):
    text = f"Case\t{header}\n" + "".join(f"{i}\t{v}\n" for i, v in enumerate(values, 1))
    _, records = records_by_outcome([Page(None, text)])
    assert (records[(outcome, "all")].events, records[(outcome, "all")].total) == (events, 3)


def test_characteristics_table_with_numbered_rows_is_not_per_case():
    table = Table((("Patient characteristics", "n (%)"), ("ASA", None), ("1", "4 (20)"),
                   ("2", "9 (45)")), 2)
    assert pages_to_case_tables([Page(2, "", (table,))]) == []


def test_a_smaller_table_of_some_patients_does_not_give_cohort_counts():
    everyone = Table((("Case", "Margin"), ("1", "R0"), ("2", "R0"), ("3", "R1"), ("4", "R0")),
                     1, "Table 1. All patients")
    recurred = Table((("Case", "Recurrence"), ("2", "Lung"), ("3", "Liver")), 2,
                     "Table 2. Patients with recurrence")
    _, records = records_by_outcome([Page(1, "", (everyone,)), Page(2, "", (recurred,))])
    assert records[("r0_resection", "all")].total == 4
    assert ("recurrence_any", "all") not in records


def test_case_labels_with_letters_stay_distinct():
    text = "Case\tRecurrence\n1a\tNo\n1b\tYes\n2\tNo\n"
    rows, records = records_by_outcome([Page(None, text)])
    assert [row.case_label for row in rows] == ["1a", "1b", "2"]
    assert records[("recurrence_any", "all")].events == 1


def test_pdf_per_case_tables_of_two_groups(shared):
    """Kudo 2007 prints one per-case table per treatment group; deaths are GOS 'D'."""
    from extract.reading.readers import read_pages
    from extract.settings import ExtractSettings

    _, pages = read_pages(shared / "corpus" / "pdf" / "sdc__Kudo2007.pdf", ExtractSettings())
    rows, records = records_by_outcome(pages)
    gold = json.loads((shared / "gold" / "pdf" / "sdc__Kudo2007.json").read_text())
    assert len(rows) == len(gold["patients"])
    expected = {(g["group"], g["events"], g["total"]) for g in gold["records"]
                if g["outcome"] == "mortality"}
    found = {(group, r.events, r.total) for (outcome, group), r in records.items()
             if outcome == "mortality"}
    assert found == expected
