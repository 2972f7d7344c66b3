"""Margins described after their noun (issue 10, universals): ``the margins were negative in
all patients`` is R0 in all, ``margins were positive in 6`` is R1 in 6. Sentences written for
this file, then the false positives the predicate could create."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def of(records, outcome):
    return [(r.events, r.total) for r in records if r.outcome == outcome]


@pytest.mark.parametrize("text", [
    "Surgical margins were negative in all patients.",
    "The resection margins were clear in every patient.",
    "The margin was microscopically negative in all cases.",
])
def test_a_negative_margin_in_all_is_r0_in_all(text):
    assert of(extract(text, cohort=60), "r0_resection") == [(60, 60)]


@pytest.mark.parametrize("text, outcome, count", [
    ("Surgical margins were negative in 45 patients (75%).", "r0_resection", 45),
    ("Margins were positive in 6 patients (10%).", "r1_resection", 6),
    ("The histological margin was involved in 6 patients (10%).", "r1_resection", 6),
])
def test_a_counted_margin_predicate(text, outcome, count):
    assert of(extract(text, cohort=60), outcome) == [(count, 60)]


@pytest.mark.parametrize("text", [
    "Patients whose margins were negative had longer survival.",
    "Survival was longer in patients whose margins were negative (P = 0.02).",
])
def test_a_margin_naming_a_subgroup_is_no_finding_of_margins(text):
    # regression: a margin that defines the patients compared is no count of R0
    assert of(extract(text, cohort=60), "r0_resection") == []
