"""Complements are the named outcome's opposite (issue 10, class 5; gold-guide "Numbers").

``freedom from X``, ``free of X``, ``alive``, ``survived``: a number of patients *without* the
outcome is exported as the outcome itself (never with the wrong sign), and a vital status at
discharge is the in-hospital time point."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def keyed(records):
    return sorted((r.outcome, r.measure, r.events, r.total,
                   None if r.value is None else round(r.value, 4), r.timepoint_months)
                  for r in records)


@pytest.mark.parametrize(("text", "expected"), [
    ("Freedom from major adverse events through 30 days was 95.0%.",
     [("complications_major", "proportion", 2, 40, 0.05, 1.0)]),
    ("Of the 40 patients, 36 (90%) were free from major complications.",
     [("complications_major", "proportion", 4, 40, 0.1, None)]),
    # corpus (venous stenting): 6.5% of 40 is no whole count, so the value alone
    ("Freedom from major adverse events through 30 days was 93.5%.",
     [("complications_major", "proportion", None, None, 0.065, 1.0)]),
])
def test_freedom_from_an_outcome_is_its_complement(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Freedom from recurrence was 85% at 3 years.",
     [("recurrence_any", "rate_at_time", None, None, 0.15, 36.0)]),
    ("Five-year freedom from reintervention was 78%.",
     [("reintervention", "rate_at_time", None, None, 0.22, 60.0)]),
])
def test_freedom_from_an_outcome_at_a_time_is_the_outcomes_rate(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Thirty-five of 40 patients (87.5%) were free of recurrence at last follow-up.",
     [("recurrence_any", "proportion", 5, 40, 0.125, None)]),
    ("Thirty patients remained recurrence-free.",
     [("recurrence_any", "proportion", 10, 40, 0.25, None)]),
])
def test_patients_free_of_an_outcome_count_the_others(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("At 12 months, 41 of 47 patients were alive.",
     [("mortality", "proportion", 6, 47, 0.1277, 12.0)]),
    ("Two years after surgery, 30 patients were still alive.",
     [("mortality", "proportion", 10, 40, 0.25, 24.0)]),
    ("At 6 months post-surgery, 35 patients (87.5%) were alive.",
     [("mortality", "proportion", 5, 40, 0.125, 6.0)]),
])
def test_patients_alive_at_a_time_are_the_mortality_complement(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "events"), [
    ("Overall, 38 patients survived to discharge.", 2),
    ("Thirty-six patients (90%) survived to hospital discharge.", 4),
    ("At discharge, 36 of 40 patients were alive.", 4),
])
def test_survival_to_discharge_is_in_hospital_mortality(text, events):
    assert keyed(extract(text)) == [("mortality", "proportion", events, 40, events / 40, 0.0)]


@pytest.mark.parametrize("text", [
    "Eight patients were alive at last follow-up.",
    "Two patients are alive 9 and 18 years after surgery.",
])
def test_patients_alive_without_a_time_of_the_cohort_are_no_finding(text):
    assert extract(text) == []
