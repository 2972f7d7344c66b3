"""Several counts of one outcome at several times in one sentence (issue 10, residue class 1).

A count with its percentage, each followed by its own time point, is a series over time: each
count takes the time written after it. Sentences written for this file in several fields'
wording, then the false-positive class each rule could create."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def series(records, outcome):
    """(events, total, time) of one outcome in document order."""
    return [(r.events, r.total, r.timepoint_months) for r in records if r.outcome == outcome]


@pytest.mark.parametrize("text", [
    "Mortality was 2% (2/100) at 30 days and 5% (5/100) at 1 year.",
    "Mortality was 2% (n = 2) at 30 days and 5% (n = 5) at 1 year.",
    "All-cause mortality was 2/100 (2%) at 30 days, and 5/100 (5%) at 1 year.",
])
def test_each_count_takes_the_time_after_it(text):
    assert series(extract(text, cohort=100), "mortality") == [(2, 100, 1.0), (5, 100, 12.0)]


@pytest.mark.parametrize("text, outcome", [
    ("Readmission occurred in 6 patients (6%) at 30 days and 9 (9%) at 90 days.",
     "readmission"),
    ("Recurrence was seen in 3 patients (3%) at 1 year and in 8 (8%) at 3 years.",
     "recurrence_any"),
])
def test_a_series_dates_outcomes_that_need_a_stated_window(text, outcome):
    # counts of outcomes other than mortality are dated only by a stated time: in a series
    # each count states its own
    found = series(extract(text, cohort=100), outcome)
    assert [t for _, _, t in found] == [1.0 if outcome == "readmission" else 12.0,
                                        3.0 if outcome == "readmission" else 36.0]


def test_the_corpus_wording():
    found = series(extract("Mortality was 2.1% (3/145) at 30 days and 4.1% (6/145) at 90 days.",
                           cohort=145), "mortality")
    assert found == [(3, 145, 1.0), (6, 145, 3.0)]


def test_a_single_count_with_a_time_stays_undated():
    # regression: one patient's time is no stated window of a proportion
    found = series(extract("Two patients (2%) had recurrence at 1 year.", cohort=100),
                   "recurrence_any")
    assert found == [(2, 100, None)]


def test_two_counts_at_one_time_stay_ambiguous():
    # regression: a series needs a different time for each count; two counts dated by the
    # same time are two counts to choose from, not a series
    records = extract("Recurrence was seen in 3 patients (3%) at 1 year and in 8 patients (8%) "
                      "at 1 year.", cohort=100)
    assert series(records, "recurrence_any") == []


# -- a later clause that leaves the outcome out -------------------------------------------------

@pytest.mark.parametrize("text", [
    "All-cause mortality was 2/100 (2%) at 30 days, and 5/100 (5%) at 1 year.",
    "At 30 days, 2 patients (2%) had died, and at 1 year, 5 (5%).",
    "At 30 days, two patients had died (2%); at 1 year, five (5%).",
])
def test_a_gapped_clause_keeps_the_outcome_of_the_series(text):
    assert series(extract(text, cohort=100), "mortality") == [(2, 100, 1.0), (5, 100, 12.0)]


def test_a_gapped_clause_needs_a_new_time_point():
    # regression: without a time of its own, the bare count after the comma is no second
    # point of the series (it may count anything)
    records = extract("At 30 days, 2 patients (2%) had died, and 5 (5%).", cohort=100)
    assert series(records, "mortality") == [(2, 100, 1.0)]


def test_a_clause_naming_another_thing_is_not_gapped():
    # regression: words other than the time and the count name something else
    records = extract("At 30 days, 2 patients (2%) had died, and at 1 year, 5 (5%) had "
                      "returned to work.", cohort=100)
    assert series(records, "mortality") == [(2, 100, 1.0)]
