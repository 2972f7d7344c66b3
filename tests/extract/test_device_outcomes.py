"""Outcomes device and bronchoscopy papers word their own way (issue 10, PDF classes 2 and 4):
a device placed as planned is technical success, a further treatment after the index one is a
reintervention, complete resolution is clinical success, and a count of the treated is not the
count of the outcome the sentence goes on to name.

Each pattern on wordings written for this file in other fields; the false-positive classes
each have their regression test."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through conftest.py


def found(text, outcome, cohort=40):
    return sorted((r.events, r.total) for r in extract(text, cohort=cohort)
                  if r.outcome == outcome)


# -- placement, deployment and positioning as technical success -------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("The stent was successfully deployed in 38 of 40 patients (95%).", [(38, 40)]),
    ("Coils were accurately placed in 97.5% (39/40) of the aneurysms.", [(39, 40)]),
    ("Successful implantation of the valve was achieved in all patients.", [(40, 40)]),
    ("Markers were correctly positioned in 36 patients (90%).", [(36, 40)]),
])
def test_a_device_placed_as_planned_is_technical_success(text, want):
    assert found(text, "technical_success") == want


def test_a_device_event_after_placement_is_no_technical_success():
    # "after placement" names when the migration happened, not a successful placement
    assert found("Marker migration after placement occurred in 2 patients (5%).",
                 "technical_success") == []


# -- a further treatment after the index one as reintervention --------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Additional procedures after stent placement\t5 (12.5%)", [(5, 40)]),
    ("Additional interventions following the index operation were needed in 6 patients "
     "(15%).", [(6, 40)]),
])
def test_an_additional_treatment_after_the_index_one_is_a_reintervention(text, want):
    assert found(text, "reintervention") == want


@pytest.mark.parametrize("text", [
    # a case narrative's "no additional treatment" is any further care, not a re-treatment
    "The response to chemotherapy was poor, so no additional treatment was performed.",
    "Patency was kept in 30 patients (75%) with no additional procedures.",
])
def test_a_bare_additional_treatment_is_no_reintervention(text):
    assert found(text, "reintervention") == []


# -- complete resolution as clinical success, of the treated ----------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Forty patients (80%) underwent embolization achieving complete resolution of bleeding "
     "in 34 (85%) patients.", [(34, 40)]),
    ("Thirty-six patients were treated with a stent, with complete resolution of dysphagia in "
     "30 (83%) patients.", [(30, 36)]),
])
def test_complete_resolution_counts_its_own_patients_not_the_treated(text, want):
    assert found(text, "clinical_success", cohort=50) == want


def test_a_count_of_patients_who_had_the_outcome_still_pairs_with_it():
    # the subject count is the outcome's own when no count of its own follows
    assert found("Twelve patients underwent reoperation.", "reintervention") == [(12, 40)]


# -- a finding after the device was taken out again is of those patients ----------------------

@pytest.mark.parametrize(("text", "want"), [
    ("The catheters were removed in 30/40 (75%) patients after a mean of 20 days. No "
     "infection or complications were observed after catheter removal.", (0, 30)),
    ("Stents were retrieved in 24 patients. After removal of the stents, recurrence of the "
     "stricture occurred in 3 patients.", (3, 24)),
])
def test_a_finding_after_device_removal_is_of_the_patients_who_had_it_removed(text, want):
    records = extract(text, cohort=40)
    assert records and {(r.events, r.total) for r in records} == {want}


def test_a_finding_after_another_procedure_keeps_the_cohort():
    # the removal counted is of catheters; a finding after drain removal is not of them
    text = ("The catheters were removed in 30 patients. No complications were observed after "
            "drain removal.")
    assert [(r.events, r.total) for r in extract(text, cohort=40)] == [(0, 40)]
