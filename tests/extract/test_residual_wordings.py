"""Residual reporting patterns of unseen abstracts (issue 10): each on wordings written for
this file from different fields, with a regression test for each false-positive class."""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py

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
