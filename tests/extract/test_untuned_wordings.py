"""Outcome wordings of fields the rules were not written on (issue 10, held-out set 3 classes):
each reporting pattern on sentences written for this file, and a regression test for each
false-positive class the new words could open."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def outcomes(text: str, cohort: int | None = 60) -> list[tuple]:
    return sorted((r.outcome, r.measure, r.group, r.events, r.total, r.timepoint_months)
                  for r in extract(text, cohort=cohort))


# -- technical success: the procedural step reported as done ---------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Filter retrieval was successful in 50 of 55 attempts (90.9%).",
     [("technical_success", "proportion", "all", 50, 55, None)]),
    ("Successful retrieval of the device was achieved in 57 patients (95%).",
     [("technical_success", "proportion", "all", 57, 60, None)]),
    ("All filters were retrieved successfully in 48 of 50 procedures.",
     [("technical_success", "proportion", "all", 48, 50, None)]),
    # a universal over its own units ("for all 80 nodules"), not over the patients
    ("Technical success was achieved for all 80 nodules.",
     [("technical_success", "proportion", "all", 80, 80, None)]),
    ("Technical success was obtained for all lesions.",
     [("technical_success", "proportion", "all", 60, 60, None)]),
])
def test_technical_success_of_a_retrieval_or_for_all_units(text, expected):
    assert outcomes(text) == expected


def test_a_removal_inside_another_outcome_is_no_technical_success():
    # the stent's removal dates the resolution; it is not the success of a step
    text = "Stricture resolution at stent removal was achieved in 45 of 50 patients (90%)."
    assert [r.outcome for r in extract(text)] == ["clinical_success"]


# -- clinical success: the organ kept, the union of the upper grades, restored function -------

@pytest.mark.parametrize(("text", "expected"), [
    ("Limb salvage was achieved in 54 patients (90%).",
     [("clinical_success", "proportion", "all", 54, 60, None)]),
    ("Kidney preservation was possible in 51 of 60 patients.",
     [("clinical_success", "proportion", "all", 51, 60, None)]),
    ("Results were excellent or good in 48 of 60 patients (80%).",
     [("clinical_success", "proportion", "all", 48, 60, None)]),
    ("Good to excellent functional outcomes were reported by 45 patients (75%).",
     [("clinical_success", "proportion", "all", 45, 60, None)]),
    ("After resection, 42 patients (70%) were seizure-free.",
     [("clinical_success", "proportion", "all", 42, 60, None)]),
    ("Social continence was achieved in 50 of 60 men (83.3%).",
     [("clinical_success", "proportion", "all", 50, 60, None)]),
])
def test_clinical_success_in_other_fields_words(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize("text", [
    # salvage as a further treatment, not the organ kept
    "Salvage surgery was performed in 6 patients (10%) after failed embolization.",
    # one grade of a functional score alone: left to the reviewer
    "Among the 40 conscious patients, 31 had a good outcome.",
    "Outcome was favorable (mRS 0-3) in 12 patients and unfavorable in 10.",
])
def test_words_near_clinical_success_that_are_not_it(text):
    assert [r.outcome for r in extract(text) if r.outcome == "clinical_success"] == []


# -- reintervention: a failure treated with another procedure ---------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Graft stenosis requiring revision developed in 6 patients.",
     [("reintervention", "proportion", "all", 6, 60, None)]),
    ("Anastomotic stricture requiring dilation occurred in 9 patients (15%).",
     [("reintervention", "proportion", "all", 9, 60, None)]),
    ("Twelve patients (20%) underwent at least one revision.",
     [("reintervention", "proportion", "all", 12, 60, None)]),
    ("Open revision of the access was required in 15 patients (25%).",
     [("reintervention", "proportion", "all", 15, 60, None)]),
    ("Eight patients needed explantation of the pump during follow-up.",
     [("reintervention", "proportion", "all", 8, 60, None)]),
])
def test_reintervention_as_revision_dilation_or_explantation(text, expected):
    assert outcomes(text) == expected


def test_a_revised_classification_is_no_reintervention():
    text = "The revision of the staging system was applied to 60 patients."
    assert [r.outcome for r in extract(text)] == []


# -- margins: a positive margin is microscopic disease at it (records.md) ---------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Positive margins were found in 6 of 60 specimens (10%).",
     [("r1_resection", "proportion", "all", 6, 60, None)]),
    ("The positive surgical margin rate was 5% (3 patients).",
     [("r1_resection", "proportion", "all", 3, 60, None)]),
    ("Involved resection margins were reported in 4 patients.",
     [("r1_resection", "proportion", "all", 4, 60, None)]),
])
def test_positive_margins_are_r1(text, expected):
    assert outcomes(text) == expected


def test_counts_of_these_patients_are_of_the_subset_an_earlier_clause_names():
    text = ("Histology confirmed adenocarcinoma in 52 patients, and positive margins were "
            "found in 5 of these 52 (9.6%).")
    assert outcomes(text) == [("r1_resection", "proportion", "adenocarcinoma", 5, 52, None)]


# -- cause-specific deaths and X-free survival ------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Freedom from aneurysm-related death was 96% at 5 years.",
     [("disease_specific_survival", "rate_at_time", "all", None, None, 60.0)]),
    ("At 3 years, freedom from cancer-related mortality was 88%.",
     [("disease_specific_survival", "rate_at_time", "all", None, None, 36.0)]),
])
def test_freedom_from_deaths_of_the_disease_is_disease_specific_survival(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize("text", [
    "Aneurysm-related mortality was 2% (1 patient).",
    "Cancer-related deaths occurred in 9 patients (15%).",
])
def test_a_cause_specific_death_is_not_the_cohort_mortality(text):
    assert [r.outcome for r in extract(text)] == []


@pytest.mark.parametrize("text", [
    "Kaplan-Meier estimates of symptom-free survival were 85% at 1 year and 70% at 3 years.",
    "Amputation free survival was 70% at 1 year.",
    "Event-free survival at 2 years was 64%.",
    "Seizure-free survival was 72% at 5 years.",
])
def test_survival_free_of_an_event_that_is_not_death_is_never_overall_survival(text):
    assert [r.outcome for r in extract(text) if r.outcome == "overall_survival"] == []


def test_survival_free_of_an_outcome_is_still_that_outcome_and_survival_terms_still_match():
    assert outcomes("Reintervention-free survival was 80% at 2 years.") == [
        ("reintervention", "rate_at_time", "all", None, None, 24.0)]
    assert outcomes("The 5-year disease-free survival was 45%.") == [
        ("disease_free_survival", "rate_at_time", "all", None, None, 60.0)]
    # a transplant counts as a death in liver series: transplant-free survival is survival
    assert [r.outcome for r in extract("Transplant-free survival was 72% at 1 year.")] == [
        "overall_survival"]


# -- false zeros: a denial of a narrower kind, grades that are not "III or higher" ------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Reoperation for bleeding was needed in 4 patients, and none required reoperation for "
     "leakage.",
     [("reintervention", "proportion", "all", 4, 60, None)]),
    ("Recurrence of the hernia occurred in 3 patients; no patient had a recurrence at the "
     "port site after drain removal in the others, and none required recurrence surgery.",
     [("recurrence_any", "proportion", "all", 3, 60, None)]),
])
def test_a_denied_narrower_kind_does_not_zero_the_counted_outcome(text, expected):
    assert outcomes(text) == expected


def test_a_plain_denial_is_still_a_zero():
    assert outcomes("No reoperation was needed and no patient died.") == [
        ("mortality", "proportion", "all", 0, 60, None),
        ("reintervention", "proportion", "all", 0, 60, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Clavien-Dindo grade III complications occurred in 5 patients (8.3%), all for bleeding; "
     "no grade IV or V complications were seen.",
     [("complications_major", "proportion", "all", 5, 60, None)]),
    ("Grade I-II complications occurred in 10 patients (16.7%).", []),
    ("There were no grade 4 or 5 adverse events.", []),
])
def test_complications_of_named_lower_or_upper_grades_are_neither_any_nor_major(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Pulmonary complications occurred in 12 patients (20%).", []),
    ("Wound complications developed in 6 patients.", []),
    ("Procedure-related permanent neurological morbidity occurred in 3 of 60 patients (5%).", []),
    # major ones of a kind stay major
    ("Major pulmonary complications occurred in 4 patients (6.7%).",
     [("complications_major", "proportion", "all", 4, 60, None)]),
])
def test_complications_of_one_organ_are_not_overall_morbidity(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Complications occurred in 20 patients (33.3%), most commonly ileus (n = 8); 6 patients "
     "(10%) had Clavien-Dindo grade III or higher complications.",
     [("complications_any", "proportion", "all", 20, 60, None),
      ("complications_major", "proportion", "all", 6, 60, None)]),
    ("Morbidity was 30% (18 patients), mainly wound infection; 4 patients (6.7%) had severe "
     "complications.",
     [("complications_any", "proportion", "all", 18, 60, None),
      ("complications_major", "proportion", "all", 4, 60, None)]),
])
def test_a_clause_after_a_breakdown_and_a_semicolon_is_read(text, expected):
    assert outcomes(text) == expected


# -- a hazard ratio in brackets is of the outcome before it -----------------------------------

@pytest.mark.parametrize(("text", "outcome"), [
    ("The 5-year overall survival was 60% and 55% in the two arms (hazard ratio, 0.88; 95% CI, "
     "0.60-1.30), and 5-year disease-free survival 40% and 36%, respectively.",
     "overall_survival"),
    ("Disease-specific survival at 5 years was 70% after stenting and 61% after surgery (hazard "
     "ratio, 0.75; 95% CI, 0.58-0.97), and 5-year overall survival 58% and 50%, respectively.",
     "disease_specific_survival"),
    ("The 3-year progression-free survival was 44% with and 30% without chemotherapy (HR 0.69; "
     "95% CI 0.50-0.95), and the 3-year overall survival 61% and 52%, respectively.",
     "progression_free_survival"),
])
def test_a_bracketed_hazard_ratio_belongs_to_the_outcome_it_follows(text, outcome):
    hrs = [r.outcome for r in extract(text) if r.measure == "hazard_ratio"]
    assert hrs == [outcome]


def test_a_hazard_ratio_before_its_outcome_still_finds_it():
    text = "On multivariable analysis, R1 resection (HR 2.14, 95% CI 1.22-3.75) predicted worse " \
           "overall survival."
    assert [r.outcome for r in extract(text) if r.measure == "hazard_ratio"] == [
        "overall_survival"]


# -- a conclusion restating a result ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a label with a full stop starts the conclusion, which names no own series
    "Results. Two of 60 patients died. Conclusions. The procedure is safe and offers a median "
    "survival approaching 2 years.",
    # own series named, but the values restated as bounds
    "Results\nTwo of 60 patients died.\nConclusions\nIn our series, limb salvage was achieved in "
    "more than 90% of patients and our median survival approached 24 months.",
    "Results\nTwo of 60 patients died.\nConclusions\nOur series offers a median survival of "
    "nearly 2 years, with a mortality below 5%.",
])
def test_a_conclusion_restating_results_as_bounds_adds_no_record(text):
    assert outcomes(text) == [("mortality", "proportion", "all", 2, 60, None)]


def test_a_conclusion_stating_its_own_count_is_still_read():
    text = ("Results\nTwo of 60 patients died.\nConclusions\nIn our series, limb salvage was "
            "achieved in 54 of 60 patients (90%).")
    assert outcomes(text) == [("clinical_success", "proportion", "all", 54, 60, None),
                              ("mortality", "proportion", "all", 2, 60, None)]
