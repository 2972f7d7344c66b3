"""A stratum naming the cohort's own condition is the cohort (issue 10, class 3).

Whole-cohort findings often repeat the condition that defines the series (``survival of
patients with chordoma``); a stratum that is a part of the cohort stays a group (gold-guide
"Groups"). The sentences are invented.
"""

from __future__ import annotations

import pytest

from extract.study.abbreviations import text_to_abbreviations
from extract.study.population import is_population, text_to_population
from tests.fixtures.prose_records import extract, keyed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the rate of target lesion revascularisation (TLR) was low",
         {"TLR": "target lesion revascularisation"}),
        ("in non-small cell lung cancer (NSCLC) or haemorrhagic stroke (HS)",
         {"NSCLC": "non-small cell lung cancer", "HS": "haemorrhagic stroke"}),
        # a defined abbreviation inside a long form is read out
        ("total knee arthroplasty (TKA) ... repeat TKA (RTKA)",
         {"TKA": "total knee arthroplasty", "RTKA": "repeat total knee arthroplasty"}),
        # one word, or letters that are not the words' initials: no definition
        ("in 34 patients (PE) and the second group (ABC)", {}),
    ],
)
def test_abbreviation_definitions(text, expected):
    assert text_to_abbreviations(text) == expected


def test_the_cohort_sentence_names_the_condition_and_its_abbreviation():
    text = ("Spinal cord injury (SCI) is rare. We reviewed 64 patients (40 men) with SCI who "
            "were treated between 2001 and 2019.")
    population = text_to_population(text, 64)
    assert population == {"sci", "spinal cord injury"}
    assert is_population("with spinal cord injury", population)
    assert is_population("patients with SCI", population)
    # a part of the cohort, or another cohort size, is no population
    assert not is_population("with SCI and pressure ulcers", population)
    assert text_to_population(text, 65) == frozenset()


@pytest.mark.parametrize(
    ("text", "cohort", "expected"),
    [
        ("Methods: The study included 64 patients with chordoma. Results: The 1-, 5- and "
         "10-year probabilities of survival in patients with chordoma were 90%, 61% and 30%, "
         "respectively.", 64,
         [("overall_survival", "rate_at_time", "all", None, None, 0.3, 120.0),
          ("overall_survival", "rate_at_time", "all", None, None, 0.61, 60.0),
          ("overall_survival", "rate_at_time", "all", None, None, 0.9, 12.0)]),
        ("Methods: Merkel cell carcinoma (MCC) is uncommon; 38 consecutive patients with "
         "Merkel cell carcinoma underwent resection. Results: In patients with MCC, the 5-year "
         "overall survival was 84%.", 38,
         [("overall_survival", "rate_at_time", "all", None, None, 0.84, 60.0)]),
    ],
)
def test_the_condition_of_the_cohort_is_no_stratum(text, cohort, expected):
    assert keyed(extract(text, cohort=cohort)) == expected


def test_a_part_of_the_cohort_stays_a_stratum():
    text = ("Methods: The study included 64 patients with chordoma. Results: In patients with "
            "sacral chordoma, the 5-year overall survival was 55%.")
    assert keyed(extract(text, cohort=64)) == [
        ("overall_survival", "rate_at_time", "sacral chordoma", None, None, 0.55, 60.0)]


def test_strata_compared_with_the_cohort_are_named_by_what_sets_them_apart():
    text = ("Methods: 40 patients with sarcoma of the knee were treated and compared with "
            "other sites. Results: The 5-year overall survival was 61% for patients with "
            "sarcoma of the knee, 48% for those with sarcoma of the hip, and 39% for those with "
            "sarcoma of the spine.")
    assert keyed(extract(text, cohort=40)) == [
        ("overall_survival", "rate_at_time", "all", None, None, 0.61, 60.0),
        ("overall_survival", "rate_at_time", "hip", None, None, 0.48, 60.0),
        ("overall_survival", "rate_at_time", "spine", None, None, 0.39, 60.0)]


def test_values_named_by_the_strata_after_them_without_the_cohort_keep_their_labels():
    text = ("Results: The 3-year overall survival was 70% for patients with grade 1 tumours "
            "and 40% for those with grade 3 tumours.")
    assert keyed(extract(text, cohort=50)) == [
        ("overall_survival", "rate_at_time", "grade 1 tumours", None, None, 0.7, 36.0),
        ("overall_survival", "rate_at_time", "grade 3 tumours", None, None, 0.4, 36.0)]
