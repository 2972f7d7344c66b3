"""A window stated with ``within`` next to the outcome dates a crude proportion, in any unit
(gold-guide "Time points": complications and the like keep null unless a window is stated)."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp


def dated(text: str, cohort: int = 61) -> list[tuple]:
    return [(r.outcome, r.events, r.total, r.timepoint_months)
            for r in pages_to_records([Page(None, text)], outcome_nlp(), cohort)]


@pytest.mark.parametrize(("text", "want"), [
    ("Reoperation within 2 years was required in 4 (6.6%) patients.",
     ("reintervention", 4, 61, 24.0)),
    ("Revision surgery within 12 months was needed in 5 patients (8.2%).",
     ("reintervention", 5, 61, 12.0)),
    ("Within 1 year, readmission occurred in 6 patients.", ("readmission", 6, 61, 12.0)),
])
def test_a_window_after_within_dates_the_proportion(text, want):
    assert dated(text) == [want]


def test_a_time_that_is_no_window_leaves_the_proportion_undated():
    # a follow-up time is not the outcome's window
    assert dated("At a median follow-up of 2 years, reoperation was required in 4 patients.") \
        == [("reintervention", 4, 61, None)]


def test_a_percentage_alone_within_years_stays_a_rate():
    # no count: the share at 5 years may be a Kaplan-Meier estimate (rate_at_time, as before)
    found = pages_to_records([Page(None, "Recurrence within 5 years was 20%.")], outcome_nlp(), 61)
    assert [(r.outcome, r.measure, r.timepoint_months) for r in found] == [
        ("recurrence_any", "rate_at_time", 60.0)]
