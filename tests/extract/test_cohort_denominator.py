"""A count whose percentage is within a point of the cohort's keeps the cohort as total.

The gold guide never derives ``total`` from the percentage when the cohort size is stated; a
decimal percentage a point off the cohort's is a slip, while one further off still implies
the assessed total (``27 (67.5%)`` of 41 is 27/40)."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

from extract.assembly.records import implied_total


@pytest.mark.parametrize(("text", "cohort", "expected"), [
    # invented: readmission after colectomy, reintervention after stenting, the corpus class
    ("Thirty patients (21.7%) were readmitted within 30 days.", 143, ("readmission", 30, 143)),
    ("Reintervention was required in 17 patients (12.9%).", 136, ("reintervention", 17, 136)),
    ("Forty patients (30.3%) were readmitted within 90 days.", 136, ("readmission", 40, 136)),
])
def test_a_percentage_a_point_off_keeps_the_cohort(text, cohort, expected):
    records = [(r.outcome, r.events, r.total) for r in extract(text, cohort=cohort)]
    assert records == [expected]


def test_a_percentage_further_off_still_implies_the_assessed_total():
    """Regression: the tolerance is one point, not any disagreement."""
    assert implied_total(27, 0.675, 41) == 40
    assert implied_total(26, 0.79, 37) == 33
    assert implied_total(41, 0.293, 145) == 145
