"""Residual reporting patterns of unseen abstracts (issue 10): each on wordings written for
this file from different fields, with a regression test for each false-positive class."""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py

from extract.model import Page
from extract.study.study import pages_to_study

# -- a participle before the patient noun of a stated denominator -------------------------------

@pytest.mark.parametrize(("text", "cohort", "expected"), [
    ("Reintervention was required in 5 of the 44 stented patients.", 44,
     ("reintervention", "proportion", "all", 5, 44, 0.1136, None)),
    ("Local recurrence developed in 7 of the 60 operated patients.", 60,
     ("recurrence_local", "proportion", "all", 7, 60, 0.1167, None)),
    ("Technical success was achieved in 27 of 30 treated patients.", 30,
     ("technical_success", "proportion", "all", 27, 30, 0.9, None)),
])
def test_a_participle_before_patients_still_names_the_denominator(text, cohort, expected):
    assert keyed(extract(text, cohort=cohort)) == [expected]


def test_a_count_followed_by_a_past_tense_verb_is_still_its_subject():
    # regression: "12 patients died" and "3 (6%) improved" keep reading the verb
    assert keyed(extract("Twelve of the 40 patients died within 30 days.", cohort=40)) == [
        ("mortality", "proportion", "all", 12, 40, 0.3, 1.0)]


# -- the parts of a composite endpoint listed in a bracket -------------------------------------

@pytest.mark.parametrize("text", [
    "Major adverse limb events (graft infection, amputation or death) occurred in 5 patients "
    "(10%).",
    "The combined endpoint (stroke, myocardial infarction, or death) was reached by 3 patients.",
    "Treatment failure (persistent leak or death) was noted in 4 of 50 patients.",
])
def test_an_outcome_listed_as_part_of_a_composite_endpoint_is_no_finding(text):
    assert not [r for r in extract(text, cohort=50) if r.outcome == "mortality"]


def test_a_death_count_after_the_composite_bracket_stays():
    got = keyed(extract("The combined endpoint (stroke or death) was reached by 3 patients (6%); "
                        "two patients (4%) died.", cohort=50))
    assert ("mortality", "proportion", "all", 2, 50, 0.04, None) in got
    assert not [k for k in got if k[0] == "mortality" and k[3] == 3]


@pytest.mark.parametrize(("text", "expected"), [
    # a single item is an aside or an abbreviation, not a list of parts
    ("Wound dehiscence (after death of the flap) occurred in 3 patients; 2 patients died.",
     ("mortality", "proportion", "all", 2, 50, 0.04, None)),
    # a bracket holding numbers breaks a count down; it defines nothing
    ("Six patients (12%) died (sepsis in 4, bleeding in 2).",
     ("mortality", "proportion", "all", 6, 50, 0.12, None)),
])
def test_brackets_that_list_no_parts_keep_their_findings(text, expected):
    assert expected in keyed(extract(text, cohort=50))


# -- "major" with a kind of complication; a window after the count -----------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Major access-site complications were seen in 3 patients.",
     ("complications_major", "proportion", "all", 3, 44, 0.0682, None)),
    ("Major bleeding complications occurred in 2 patients (4.5%).",
     ("complications_major", "proportion", "all", 2, 44, 0.045, None)),
    ("Severe wound complications developed in 5 patients.",
     ("complications_major", "proportion", "all", 5, 44, 0.1136, None)),
])
def test_major_with_a_kind_before_complications_is_major(text, expected):
    assert keyed(extract(text, cohort=44)) == [expected]


@pytest.mark.parametrize("text", [
    "Major and minor complications occurred in 10 patients.",
    "The major causes of complications were infection in 3 patients.",
])
def test_major_that_does_not_qualify_the_complications_is_not_major(text):
    assert not [r for r in extract(text, cohort=44) if r.outcome == "complications_major"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Major neurological complications (stroke or death) occurred in 4 patients (9%) "
     "within 30 days.", ("complications_major", "proportion", "all", 4, 44, 0.09, 1.0)),
    ("Readmission was needed in 3 patients (7%) within 90 days of discharge.",
     ("readmission", "proportion", "all", 3, 44, 0.07, 3.0)),
    ("Major wound complications (dehiscence requiring surgery) developed in 5 patients "
     "within 30 days.", ("complications_major", "proportion", "all", 5, 44, 0.1136, 1.0)),
])
def test_a_window_in_days_after_the_count_dates_it(text, expected):
    assert keyed(extract(text, cohort=44)) == [expected]


def test_a_time_after_one_patient_is_that_patients_own():
    # regression: "at" after the patient noun is the time of that patient's event
    assert keyed(extract("Local recurrence occurred in one patient (16%) at 18 months.",
                         cohort=6)) == [("recurrence_local", "proportion", "all", 1, 6, 0.16, None)]


# -- a share of the patients with its count in the bracket after them --------------------------

@pytest.mark.parametrize(("text", "cohort", "expected"), [
    ("Recurrence occurred in 6% of patients (5/84).", 84,
     ("recurrence_any", "proportion", "all", 5, 84, 0.06, None)),
    ("Clinical success was achieved in 90% of patients (27/30).", 30,
     ("clinical_success", "proportion", "all", 27, 30, 0.9, None)),
    ("Readmission was required in 11% of the treated patients (n = 5).", 44,
     ("readmission", "proportion", "all", 5, 44, 0.11, None)),
])
def test_a_share_of_patients_joins_the_count_in_its_bracket(text, cohort, expected):
    assert keyed(extract(text, cohort=cohort)) == [expected]


@pytest.mark.parametrize(("text", "cohort", "expected"), [
    ("Reintervention was needed in 5.8% (3 patients).", 52,
     ("reintervention", "proportion", "all", 3, 52, 0.058, None)),
    ("Thirty-day mortality was 3.6% (three patients).", 84,
     ("mortality", "proportion", "all", 3, 84, 0.036, 1.0)),
])
def test_a_percentage_with_its_count_in_words_or_digits(text, cohort, expected):
    assert keyed(extract(text, cohort=cohort)) == [expected]


def test_a_bracketed_fraction_that_disagrees_with_the_share_is_not_joined():
    # regression: 5/20 is not 6%; neither number is taken for the other's count
    assert not [r for r in extract("Recurrence occurred in 6% of patients (5/20).", cohort=84)
                if r.events == 5 and r.value == 0.06]


# -- cohort sizes in number words with a second unit; procedure participles as treatment -------

def _cohort(text: str) -> int | None:
    return pages_to_study([Page(None, text)]).n_patients


@pytest.mark.parametrize(("text", "expected"), [
    ("Forty-one patients with 46 aneurysms were treated. Reintervention was needed in 4 "
     "patients.", 41),
    ("Three hundred and one men (mean age 64 years) underwent ablation for 340 tumours.", 301),
    ("96 women with 120 fibroids were embolized. Reintervention was needed in 9 women.", 96),
    ("Thirty-five patients were stented for malignant obstruction.", 35),
])
def test_cohort_size_in_words_or_with_a_procedure_participle(text, expected):
    assert _cohort(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Eighty patients with liver metastases were included. Of these, twelve patients were "
     "resected and 68 were ablated.", 80),
    ("We studied 120 patients; 14 patients were stented after failed surgery.", 120),
])
def test_a_treated_subset_does_not_replace_the_included_cohort(text, expected):
    assert _cohort(text) == expected


# -- children, infants and adults are patients ---------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Reoperation was required in 6 children.",
     ("reintervention", "proportion", "all", 6, 44, 0.1364, None)),
    ("Mortality was 5% (2 infants).", ("mortality", "proportion", "all", 2, 44, 0.05, None)),
])
def test_children_and_infants_are_counted_as_patients(text, expected):
    assert keyed(extract(text, cohort=44)) == [expected]


def test_a_count_of_years_of_children_is_no_count_of_patients():
    # regression: an age is no count of the children who had the outcome
    assert not [r for r in extract("Reoperation was required at a mean age of 6 years in "
                                   "children.", cohort=44) if r.events == 6]
