"""Without a known cohort, a count with a percentage is of the denominator the paper states
elsewhere, not of the total its rounded percentage implies (gold-guide "Numbers"; issue 10)."""

from __future__ import annotations

import pytest

from extract.assembly.records import stated_total
from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp


def records(text: str, cohort: int | None = None) -> list[tuple]:
    return sorted((r.outcome, r.events, r.total)
                  for r in pages_to_records([Page(None, text)], outcome_nlp(), cohort))


def test_one_stated_total_that_fits_is_taken():
    # 1 of 0.4% fits 223 to 285; 248 is the one the paper states
    assert stated_total(1, 0.004, {248}) == 248
    assert stated_total(1, 0.004, {248, 60}) == 248


def test_no_total_or_two_that_fit_give_none():
    assert stated_total(1, 0.004, set()) is None
    assert stated_total(1, 0.004, {248, 251}) is None
    assert stated_total(14, 0.2, {248}) is None


@pytest.mark.parametrize("text", [
    "The 90-day readmission rate was 9.7% (33/341). Complications developed in 9 patients "
    "(2.6%).",
    "Readmission within 90 days occurred in 33 of 341 patients (9.7%). Nine patients (2.6%) had "
    "complications.",
])
def test_a_percentage_count_takes_the_denominator_stated_elsewhere(text):
    found = records(text)
    assert ("readmission", 33, 341) in found
    assert ("complications_any", 9, 341) in found  # 9/346 is 2.6% as well


def test_a_known_cohort_is_not_overridden():
    text = ("The 90-day readmission rate was 9.7% (33/341). Complications developed in 9 "
            "patients (2.6%).")
    assert ("complications_any", 9, 345) in records(text, 345)


def test_a_subgroup_denominator_is_not_the_cohort():
    # "4 of 248 patients with diabetes" is a stratum's size, never the cohort's
    text = ("Complications occurred in 4 of 248 patients with diabetes (1.6%). Mortality was 1 "
            "patient (0.4%).")
    found = records(text)
    assert ("mortality", 1, 248) not in found
    assert ("mortality", 1, 250) in found
