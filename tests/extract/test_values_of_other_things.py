"""Precision (issue 10): values that belong to something other than the outcome named near
them. A composite of death and another event is not mortality; a value stated of a subject
naming no outcome of ours is not the outcome named after it in the next clause; the items of a
breakdown introduced by ``as follows`` are kinds, not the overall outcome. Sentences written for
this file, then the findings each rule must leave alone."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def outcomes(records):
    return sorted((r.outcome, r.events) for r in records)


@pytest.mark.parametrize("text", [
    "Stroke or death at 30 days occurred in 5 patients (5%).",
    "The rate of death or myocardial infarction was 4%.",
    "Disabling stroke or death within 90 days was 3.1% (4/131).",
])
def test_a_composite_with_death_is_not_mortality(text):
    assert [r for r in extract(text, cohort=100) if r.outcome == "mortality"] == []


def test_mortality_after_a_composite_keeps_its_value():
    # regression: the composite's value is dropped, mortality stated on its own is kept
    records = extract("Stroke or death was 5% (5/100), and the 30-day mortality was 1%.",
                      cohort=100)
    assert [(r.events, r.timepoint_months) for r in records if r.outcome == "mortality"] \
        == [(1, 1.0)]


@pytest.mark.parametrize("text", [
    "At 12 months, complete occlusion was 76.3% (90/118) and retreatment was performed for 5 "
    "aneurysms.",
    "At 1 year, aneurysm exclusion was 90% (45/50) and reintervention was required in 3 "
    "patients.",
])
def test_a_value_of_another_subject_is_not_the_next_outcomes(text):
    assert [r for r in extract(text, cohort=100)
            if r.outcome == "reintervention" and r.events in (90, 45)] == []


def test_an_outcome_with_its_own_value_then_another_outcome():
    # regression: the subject is an outcome of ours, so the value is its
    assert outcomes(extract("Mortality was 5% and reintervention was required in 3 patients.",
                            cohort=100)) == [("mortality", 5), ("reintervention", 3)]


@pytest.mark.parametrize("text", [
    "Postoperative complications were as follows: stroke 4.5% (n = 16), paraplegia 2.5% "
    "(n = 9).",
    "Complications were as follows: pneumonia 10% (n = 10), wound infection 5% (n = 5).",
])
def test_items_of_a_breakdown_as_follows_are_not_the_overall_outcome(text):
    assert [r for r in extract(text, cohort=100) if r.outcome == "complications_any"] == []


def test_the_overall_count_before_the_breakdown_stays():
    # regression: the breakdown cue cuts only what follows it
    records = extract("Complications occurred in 20 patients (20%) and were as follows: "
                      "pneumonia 10% (n = 10).", cohort=100)
    assert outcomes(records) == [("complications_any", 20)]
