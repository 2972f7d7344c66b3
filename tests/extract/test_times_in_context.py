"""Several time points that work alone and failed inside a longer sentence (issue 10).

A follow-up's length after the values is no value of the list; a value after its own time
(``at 12 months 81%``) is a series like a value before it; a count at a later time is not a
part of the first; ``during the first year`` is a year; a window bounding an outcome
(``within 6 months``) dates its count. Sentences written for this file, then the false
positives each rule could create."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def timed(records, outcome):
    """(value, time) of one outcome, in time order."""
    return sorted(((round(r.value, 3), r.timepoint_months) for r in records
                   if r.outcome == outcome), key=lambda vt: vt[1])


@pytest.mark.parametrize("text", [
    "The 1-year and 3-year survival rates were 90.1 % and 80.2 %, the median follow-up time "
    "30 months.",
    "Survival at 1 and 3 years was 90.1% and 80.2%, respectively (median follow-up, 30 months).",
    "Overall survival at 1 and 3 years was 90.1% and 80.2% after a mean follow-up of 30 months.",
])
def test_the_follow_up_length_is_no_value_of_the_list(text):
    assert timed(extract(text, cohort=None), "overall_survival") == [(0.901, 12.0), (0.802, 36.0)]


@pytest.mark.parametrize("text, outcome, expected", [
    ("Clinical success at 3 months was 90.0% (90/100), at 12 months 80.0% and at 24 months "
     "70.0% (63/90).", "clinical_success", [(0.9, 3.0), (0.8, 12.0), (0.7, 24.0)]),
    ("Primary patency at 6 months was 92%, at 12 months 84% and at 24 months 70%.",
     "primary_patency", [(0.92, 6.0), (0.84, 12.0), (0.7, 24.0)]),
    ("Freedom from reintervention at 1 year was 95%, at 3 years 88%, and at 5 years 80%.",
     "reintervention", [(0.05, 12.0), (0.12, 36.0), (0.2, 60.0)]),
])
def test_each_value_after_its_own_time_is_a_series(text, outcome, expected):
    assert timed(extract(text, cohort=None), outcome) == expected


def test_a_later_count_is_no_part_of_the_first():
    found = extract("Clinical success at 3 months was 90.0% (90/100), at 12 months 80.0% and at "
                    "24 months 70.0% (63/90).", cohort=None)
    assert sorted((r.events, r.total, r.timepoint_months) for r in found
                  if r.events is not None) == [(63, 90, 24.0), (90, 100, 3.0)]


def test_a_breakdown_at_one_time_is_still_a_breakdown():
    # regression: counts of the same time adding up to the first stay its parts
    found = extract("Eight patients died; five died of disease and three of other causes.",
                    cohort=100)
    assert [(r.events, r.timepoint_months) for r in found if r.outcome == "mortality"] \
        == [(8, None)]


@pytest.mark.parametrize("text", [
    "Six patients died during the first year.",
    "Within the first year, 6 patients (6%) died.",
    "Six patients died during the first year, none from a cardiac cause.",
])
def test_the_first_year_is_twelve_months(text):
    assert [(r.events, r.timepoint_months) for r in extract(text, cohort=100)
            if r.outcome == "mortality"] == [(6, 12.0)]


@pytest.mark.parametrize("text, outcome, months", [
    ("Reintervention within 12 months was needed in 5 patients (5%).", "reintervention", 12.0),
    ("Readmission by 3 months occurred in 8 patients (8%).", "readmission", 3.0),
])
def test_a_window_bounding_the_outcome_dates_its_count(text, outcome, months):
    assert [(r.events, r.timepoint_months) for r in extract(text, cohort=100)
            if r.outcome == outcome] == [(5 if outcome == "reintervention" else 8, months)]


@pytest.mark.parametrize("text", [
    "Two patients (2%) had recurrence at 1 year.",
    "Recurrence was seen in 10 patients (10%) at a median of 14 months.",
])
def test_a_time_of_the_patients_stays_undated(text):
    # regression: "at" a time after the count is the patients' own time, no window
    assert [r.timepoint_months for r in extract(text, cohort=100)
            if r.outcome == "recurrence_any"] == [None]
