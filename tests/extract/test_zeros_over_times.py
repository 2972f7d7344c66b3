"""Zeros over several time points, and zero words inside a longer clause (issue 10).

A statement of none that names a list of times (``no 30-day and 90-day mortality``) is a zero
at each of them; a hospital-stay window joined to a time is one more time (0 months); a zero
word after the outcome (``was nil``) stays a zero when the clause goes on to count another
outcome. Sentences written for this file, then the false positives each rule could create."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def zeros(records, outcome="mortality"):
    """Times of the zero records of one outcome, sorted (None first)."""
    return sorted((r.timepoint_months for r in records
                   if r.outcome == outcome and r.events == 0),
                  key=lambda t: -1 if t is None else t)


@pytest.mark.parametrize("text", [
    "No 30-day and 90-day mortality.",
    "There was no 30-day or 90-day mortality.",
    "There were no deaths at 30 or 90 days.",
    "Thirty- and ninety-day mortality were both zero.",
])
def test_a_denied_list_of_times_is_a_zero_at_each(text):
    assert zeros(extract(text, cohort=100)) == [1.0, 3.0]


@pytest.mark.parametrize("text", [
    "Thirty-day and in-hospital mortality were both zero.",
    "In-hospital and 30-day mortality were zero.",
])
def test_a_hospital_stay_joined_to_a_time_is_time_zero(text):
    assert zeros(extract(text, cohort=100)) == [0.0, 1.0]


@pytest.mark.parametrize("text, counted", [
    ("Thirty-day mortality was nil and postoperative complications were seen in 19 patients "
     "(19%).", "complications_any"),
    ("Ninety-day mortality was zero and readmission was required in 7 patients (7%).",
     "readmission"),
])
def test_a_zero_word_stays_a_zero_before_another_count(text, counted):
    records = extract(text, cohort=100)
    assert zeros(records) == [1.0 if text.startswith("Thirty") else 3.0]
    # the time qualifies the denied outcome, not the counted one
    assert [(r.events, r.timepoint_months) for r in records if r.outcome == counted] \
        == [(19 if counted == "complications_any" else 7, None)]


def test_a_single_time_stays_one_record():
    # regression: one time point is one zero, not one per number in the sentence
    assert zeros(extract("There was no 30-day mortality among the 100 patients.",
                         cohort=100)) == [1.0]


def test_a_denied_time_and_a_later_count_keep_their_own_times():
    # regression: a count at another time after the zero is its own record at its own time
    records = extract("No 30-day mortality was observed and 2 patients (2%) died at 1 year.",
                      cohort=100)
    assert sorted((r.events, r.timepoint_months) for r in records
                  if r.outcome == "mortality") == [(0, 1.0), (2, 12.0)]


def test_two_separate_times_are_not_read_as_one_list():
    # regression: a zero at one time and a count at another are no list of zeros
    records = extract("There was no in-hospital mortality; at 90 days, 3 patients (3%) had "
                      "died.", cohort=100)
    assert zeros(records) == [0.0]
