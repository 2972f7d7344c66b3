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
    "Two patients are alive 9 and 18 years after surgery.",
    "Currently five patients are alive, with a median survival of 3 years.",
])
def test_patients_alive_at_their_own_or_the_writings_time_are_no_finding(text):
    assert extract(text) == []


@pytest.mark.parametrize(("text", "events"), [
    ("Eight patients were alive at last follow-up.", 32),
    ("After a median follow-up of 20 months, 30 patients were alive.", 10),
    ("All forty were alive at last contact.", 0),
])
def test_patients_alive_without_a_time_are_the_deaths_at_last_follow_up(text, events):
    assert keyed(extract(text)) == [("mortality", "proportion", events, 40, events / 40, None)]


# -- held-out class 5: every complement path gives the outcome, never its opposite ----------

@pytest.mark.parametrize(("text", "expected"), [
    ("Freedom from valve-related reoperation at 4 years was 91%.",
     [("reintervention", "rate_at_time", None, None, 0.09, 48.0)]),
    ("Freedom from limb reintervention was 85% at 2 years.",
     [("reintervention", "rate_at_time", None, None, 0.15, 24.0)]),
    ("Of the 40 patients, 34 were free of any further local recurrence.",
     [("recurrence_local", "proportion", 6, 40, 0.15, None)]),
])
def test_a_complement_cue_reaches_over_modifiers_of_the_outcome(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize("text", [
    "Freedom from death or reintervention was 80% at 2 years.",
    "Freedom from recurrence or death at 3 years was 75%.",
])
def test_a_composite_freedom_is_no_single_outcome(text):
    assert extract(text) == []


def test_outcomes_listed_under_one_complement_cue_are_each_complemented():
    records = extract("Freedom from recurrence and reoperation at 2 years were 85% and 92%, "
                      "respectively.")
    assert keyed(records) == [("recurrence_any", "rate_at_time", None, None, 0.15, 24.0),
                              ("reintervention", "rate_at_time", None, None, 0.08, 24.0)]


def test_an_outcome_after_a_complement_and_a_count_is_not_complemented():
    records = extract("Thirty patients (75%) were free of recurrence, and 20 patients died.")
    assert keyed(records) == [("mortality", "proportion", 20, 40, 0.5, None),
                              ("recurrence_any", "proportion", 10, 40, 0.25, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("All patients remained free of recurrence.",
     [("recurrence_any", "proportion", 0, 40, 0.0, None)]),
    ("All patients were free from readmission.",
     [("readmission", "proportion", 0, 40, 0.0, None)]),
])
def test_everyone_free_of_an_outcome_is_none_with_it(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Reoperation was avoided in 34 of the 40 patients.",
     [("reintervention", "proportion", 6, 40, 0.15, None)]),
    ("Thirty-two patients (80%) avoided readmission.",
     [("readmission", "proportion", 8, 40, 0.2, None)]),
    ("Thirty patients remained without reintervention.",
     [("reintervention", "proportion", 10, 40, 0.25, None)]),
    ("Readmission was avoided in 90%.",
     [("readmission", "proportion", 4, 40, 0.1, None)]),
])
def test_patients_who_avoided_an_outcome_count_the_others(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("A negative margin was not achieved in 15%.",
     [("r0_resection", "proportion", 34, 40, 0.85, None)]),
    ("Patency was lost in 20% of the patients.",
     [("primary_patency", "proportion", 32, 40, 0.8, None)]),
])
def test_a_share_denied_the_outcome_is_the_outcomes_complement(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("At 3 years, survival was 70% and freedom from reoperation 88%.",
     [("overall_survival", "rate_at_time", None, None, 0.7, 36.0),
      ("reintervention", "rate_at_time", None, None, 0.12, 36.0)]),
    ("At two years, patency was 81% and freedom from reintervention 75%.",
     [("primary_patency", "rate_at_time", None, None, 0.81, 24.0),
      ("reintervention", "rate_at_time", None, None, 0.25, 24.0)]),
])
def test_a_time_opening_the_sentence_dates_each_outcome(text, expected):
    assert keyed(extract(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("None of the patients remained free of recurrence.",
     [("recurrence_any", "proportion", 40, 40, 1.0, None)]),
    ("All patients were alive at 12 months.",
     [("mortality", "proportion", 0, 40, 0.0, 12.0)]),
])
def test_a_universal_or_denied_complement_keeps_its_sign(text, expected):
    assert keyed(extract(text)) == expected
