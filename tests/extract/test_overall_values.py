"""The cohort's value stated after its arms' values in one sentence is the cohort's record, not
a value to sum or to read as one arm's (gold-guide "Groups"; issue 10, class 8)."""

from __future__ import annotations

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp


def cohort_records(text: str, cohort: int | None) -> list[tuple]:
    found = pages_to_records([Page(None, text)], outcome_nlp(), cohort)
    return sorted((r.outcome, r.events, r.total, round(r.value, 3), r.timepoint_months)
                  for r in found if r.group == "all")


def test_whole_cohort_then_its_value_after_the_arms():
    text = ("Results: Thirty-day mortality was 4.0% in the stapled group and 6.0% in the "
            "hand-sewn group, and overall 5.0%.")
    assert cohort_records(text, 100) == [("mortality", 5, 100, 0.05, 1.0)]


def test_entire_series_after_values_respectively():
    text = ("Results: Major complications occurred in 10% and 20% of the two cohorts, "
            "respectively, and in 15% for the entire series.")
    assert [r[:3] for r in cohort_records(text, 60)] == [("complications_major", 9, 60)]


def test_whole_cohort_rate_with_its_interval_after_a_semicolon():
    text = ("Results: Three-year overall survival was 71.2% and 66.0% (log-rank P = 0.30); in "
            "the whole cohort 68.5% (95% CI 60.1-75.3%).")
    assert cohort_records(text, 120) == [("overall_survival", None, None, 0.685, 36.0)]


def test_value_then_whole_cohort_after_the_arms():
    text = ("Results: Readmission within 30 days was 8% after open and 12% after "
            "laparoscopic repair, 10% overall.")
    assert cohort_records(text, 50) == [("readmission", 5, 50, 0.1, 1.0)]


# --- regressions: what is no cohort's value stated after the arms

def test_overall_before_the_arms_is_read_as_before():
    # the cohort first, its arms in brackets: the sentence rules read it; nothing is doubled
    text = ("Results: One-year mortality was 9.0% overall (group A 8.0%, group B 10.0%).")
    assert [r[:3] for r in cohort_records(text, 100)] == [("mortality", 9, 100)]


def test_overall_naming_the_outcome_is_no_cohort_value():
    # "overall survival" names the outcome: no value of the whole cohort is stated
    text = ("Results: Five-year overall survival was 55% in the stapled group and 48% in the "
            "hand-sewn group.")
    assert all(r[3] not in (0.55, 0.48) for r in cohort_records(text, 100))


def test_one_value_before_overall_is_no_list_of_arms():
    # a single earlier value is another finding (a time point), not an arm
    text = "Results: Mortality was 2% at 30 days and overall 8% during follow-up."
    found = pages_to_records([Page(None, text)], outcome_nlp(), 100)
    assert not [r for r in found if r.rule == "overall_value"]
