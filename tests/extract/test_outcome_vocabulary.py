"""Outcome vocabulary across fields (held-out classes 1-4 and 6): each outcome named by the
words another field uses for it, on sentences written for this file, with a regression test
for each false-positive class the new words could open."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def outcomes(text: str, cohort: int | None = 40) -> list[tuple]:
    return [(r.outcome, r.measure, r.events, r.total, r.timepoint_months)
            for r in sorted(extract(text, cohort=cohort), key=lambda r: r.outcome)]


# -- class 1: a field's synonym of an outcome ------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The occluder was deployed as intended in 38 of 40 patients.",
     [("technical_success", "proportion", 38, 40, None)]),
    ("Successful stent placement was achieved in 36 patients (90%).",
     [("technical_success", "proportion", 36, 40, None)]),
    ("The target lesion was crossed successfully in 37 patients.",
     [("technical_success", "proportion", 37, 40, None)]),
    ("Selective embolisation was achieved in 39 patients (97.5%).",
     [("technical_success", "proportion", 39, 40, None)]),
    ("The shunt was created successfully in all patients.",
     [("technical_success", "proportion", 40, 40, None)]),
    ("Device success was 95% (38/40).",
     [("technical_success", "proportion", 38, 40, None)]),
])
def test_technical_success_in_the_words_of_each_field(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Retreatment was needed in five patients (12.5%).",
     [("reintervention", "proportion", 5, 40, None)]),
    ("Six patients (15%) underwent further treatment for persistent symptoms.",
     [("reintervention", "proportion", 6, 40, None)]),
    ("Repeat revascularisation was performed in 4 patients (10%).",
     [("reintervention", "proportion", 4, 40, None)]),
    ("Three patients returned to theatre for bleeding.",
     [("reintervention", "proportion", 3, 40, None)]),
    ("A re-do procedure was required in 2 patients (5%).",
     [("reintervention", "proportion", 2, 40, None)]),
    ("Two patients (5%) required a secondary procedure.",
     [("reintervention", "proportion", 2, 40, None)]),
])
def test_reintervention_in_the_words_of_each_field(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize("text", [
    # how one complication was managed, not the cohort's reintervention
    "Minor bleeding was seen in 2 patients, but no further surgery was required.",
    # a way into the chest that describes the cohort, not a repeat operation of this series
    "Redo sternotomy was the approach in 12 patients (30%) with previous surgery.",
])
def test_words_near_reintervention_that_are_not_one(text):
    assert [r.outcome for r in extract(text)] == []


@pytest.mark.parametrize(("text", "expected"), [
    ("At 6 months, complete or partial response of ascites was seen in 30 of 40 patients.",
     [("clinical_success", "proportion", 30, 40, 6.0)]),
    ("Stricture resolution was achieved in 32 patients (80%).",
     [("clinical_success", "proportion", 32, 40, None)]),
    ("The strictures resolved in 30 patients (75%).",
     [("clinical_success", "proportion", 30, 40, None)]),
    ("Of the 40 women who answered, 34 (85%) reported improvement of their pain.",
     [("clinical_success", "proportion", 34, 40, None)]),
])
def test_clinical_success_in_the_words_of_each_field(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Local tumour progression was seen in 3 of the 40 nodules (7.5%).",
     [("recurrence_local", "proportion", 3, 40, None)]),
    ("Local tumor progression (LTP) occurred in 4 patients (10%).",
     [("recurrence_local", "proportion", 4, 40, None)]),
])
def test_local_tumour_progression_is_local_recurrence(text, expected):
    assert outcomes(text) == expected


def test_local_progression_free_survival_is_no_local_recurrence():
    assert outcomes("The 2-year local progression-free survival was 88%.") == [
        ("recurrence_free_survival", "rate_at_time", None, None, 24.0)]


# -- class 2: major complications in other words ---------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Severe morbidity, defined as Clavien–Dindo grade III or above, affected 8 patients (20%).",
     [("complications_major", "proportion", 8, 40, None)]),
    ("Any complication occurred in 20 patients (50%), and 6 (15%) had a complication of "
     "Clavien–Dindo grade IIIa or higher.",
     [("complications_any", "proportion", 20, 40, None),
      ("complications_major", "proportion", 6, 40, None)]),
    ("One patient (2.5%) had a Clavien-Dindo grade IIIb complication.",
     [("complications_major", "proportion", 1, 40, None)]),
    ("Two patients (5%) had high-grade complications.",
     [("complications_major", "proportion", 2, 40, None)]),
])
def test_major_complications_in_other_words(text, expected):
    assert outcomes(text) == expected


def test_a_subset_of_complications_at_a_major_grade_with_a_second_predicate():
    text = ("Complications occurred in 10 patients (25%); three of these (7.5%) were "
            "Clavien-Dindo grade IIIb and required reoperation.")
    assert outcomes(text) == [("complications_any", "proportion", 10, 40, None),
                              ("complications_major", "proportion", 3, 40, None),
                              ("reintervention", "proportion", 3, 40, None)]


def test_an_outcome_defining_another_in_brackets_is_no_finding():
    # class 6: a death named inside a complication's definition is no mortality
    text = ("Major cardiac complications (infarction or cardiac death) within 30 days "
            "occurred in four patients (10%).")
    assert outcomes(text) == [("complications_major", "proportion", 4, 40, 1.0)]


def test_a_definition_of_the_outcome_inside_a_finding_keeps_the_finding():
    assert outcomes("Postoperative mortality, defined as death within 90 days, was 5%.") == [
        ("mortality", "proportion", 2, 40, 3.0)]


# -- class 3: survival without "overall" -----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("At 3 years, survival was 70% and freedom from reoperation 88%.",
     [("overall_survival", "rate_at_time", None, None, 36.0),
      ("reintervention", "rate_at_time", None, None, 36.0)]),
    ("Estimates at 2 years were: survival 80%, freedom from relapse 70%, and patency 90%.",
     [("overall_survival", "rate_at_time", None, None, 24.0),
      ("primary_patency", "rate_at_time", None, None, 24.0),
      ("recurrence_any", "rate_at_time", None, None, 24.0)]),
    ("The proportion alive at two years was 75%.",
     [("overall_survival", "rate_at_time", None, None, 24.0)]),
])
def test_survival_of_the_cohort_without_overall(text, expected):
    assert outcomes(text) == expected


def test_a_time_of_the_next_outcome_does_not_date_the_one_before():
    assert outcomes("In-hospital mortality was 5% (2 patients) and 90-day mortality 10% (4/40).") \
        == [("mortality", "proportion", 2, 40, 0.0), ("mortality", "proportion", 4, 40, 3.0)]


def test_a_share_over_the_whole_follow_up_takes_no_earlier_time():
    text = ("Ten percent had a new procedure in the first 2 years, and 30% required "
            "additional treatment during the entire follow-up.")
    assert outcomes(text) == [("reintervention", "proportion", 12, 40, None)]


# -- class 4: zero statements ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Reintervention was not required in any patient.",
     [("reintervention", "proportion", 0, 40, None)]),
    ("Readmission was not needed for any of the patients.",
     [("readmission", "proportion", 0, 40, None)]),
    ("Local recurrence did not occur in any case.",
     [("recurrence_local", "proportion", 0, 40, None)]),
    ("Three nodules (7.5%) progressed locally and no patient developed metastases.",
     [("recurrence_distant", "proportion", 0, 40, None)]),
])
def test_zero_stated_after_the_outcome_or_by_a_denied_subject(text, expected):
    assert outcomes(text) == expected


def test_metastases_a_cohort_was_treated_for_are_no_recurrence():
    assert outcomes("Forty patients with liver metastases underwent resection.") == []


# -- class 6: other studies' figures ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Recurrence rates of 50–65% in published series are higher than ours.",
    "Western series report 90-day mortality of 10–18%.",
])
def test_figures_of_published_series_are_not_findings(text):
    assert extract(text) == []

