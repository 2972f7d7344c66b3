"""Negations of a subset and restated counts are not extra cohort findings (issue 10, classes
5 and 6). The sentences are invented."""

from __future__ import annotations

import pytest

from extract.assembly.records import deduplicate
from tests.fixtures.prose_records import extract


def _keys(records) -> list[tuple]:
    return [(r.outcome, r.group, r.events, r.total, r.value, r.timepoint_months)
            for r in records]


@pytest.mark.parametrize("text", [
    # the patients who had another event went without the outcome: not the cohort's zero
    "In 9 patients, the haematoma resolved without reoperation.",
    "The anastomotic leak healed within two weeks without any readmission.",
    "Lymphoceles regressed spontaneously without further reoperation.",
])
def test_an_event_resolved_without_the_outcome_is_no_cohort_zero(text):
    assert extract(f"Results: {text}", cohort=100) == []


@pytest.mark.parametrize("text", [
    "All patients were discharged without reoperation.",
    "The procedure was completed without any reoperation.",
])
def test_the_cohort_without_the_outcome_stays_a_zero(text):
    assert _keys(extract(f"Results: {text}", cohort=100)) == [
        ("reintervention", "all", 0, 100, 0.0, None)]


@pytest.mark.parametrize(("text", "cohort", "expected"), [
    ("Nine patients died during follow-up, a mortality rate of 30% at five years.", 30,
     ("mortality", "all", 9, 30, 0.3, 60.0)),
    ("Six of the 24 patients died, giving a mortality of 25% at 3 years.", 24,
     ("mortality", "all", 6, 24, 0.25, 36.0)),
])
def test_a_count_restated_as_a_rate_at_a_time_is_one_dated_finding(text, cohort, expected):
    assert _keys(deduplicate(extract(f"Results: {text}", cohort=cohort))) == [expected]


def test_a_different_rate_at_a_time_keeps_the_crude_count():
    text = "Results: Six of the 24 patients died; the mortality at 3 years was 30%."
    assert len(deduplicate(extract(text, cohort=24))) == 2

