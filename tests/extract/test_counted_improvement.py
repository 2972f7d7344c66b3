"""Counted patients who improved, among the patients assessed (issue 10, residue class 4).

``Clinical data were available in 44 patients: 38 improved`` is clinical success 38/44: the
bare verb ending its clause after a count names the improvement, and the assessed are the
denominator. Sentences written for this file, the corpus wording, then the false positives."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def success(records):
    return [(r.events, r.total) for r in records if r.outcome == "clinical_success"]


@pytest.mark.parametrize("text, expected", [
    ("Immediate clinical data were available in 44 patients: 38 improved; 6 did not respond.",
     (38, 44)),
    ("Clinical follow-up was available for 30 patients; 24 patients improved.", (24, 30)),
    ("Of the 40 patients assessed at 3 months, 31 (78%) improved, 7 were unchanged and 2 "
     "worsened.", (31, 40)),
])
def test_counted_patients_who_improved_are_a_success_of_the_assessed(text, expected):
    assert success(extract(text, cohort=50)) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The mean score improved from 6 to 2.", []),
    ("After a mean follow-up of 74 months, complete stable remission was achieved in 22 of the "
     "63 patients (34.9%), and a further 27 improved.", []),
    ("Symptoms resolved in 20 patients and another 9 improved.", [(20, 50)]),
])
def test_improvement_that_is_no_counted_success_is_not_read_as_one(text, expected):
    # regression: a score that improved, and "a further N improved" (patients short of the
    # success counted before them) are no success counts of their own
    assert success(extract(text, cohort=50)) == expected
