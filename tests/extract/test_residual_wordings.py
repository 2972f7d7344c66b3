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
