"""Units other than patients as denominators: procedures, sessions, lesions (issue 10).

When a count is of procedures (attempts, sessions) or of lesions, its denominator is the
number of those units the paper states, not the patient cohort (gold-guide "Numbers").
"""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.assessed import text_to_procedures
from extract.rules.nlp import outcome_nlp


def records(text: str, cohort: int | None) -> list[tuple]:
    return sorted((r.outcome, r.events, r.total, r.rule)
                  for r in pages_to_records([Page(None, text)], outcome_nlp(), cohort))


@pytest.mark.parametrize(("text", "want"), [
    ("Overall, 140 embolization procedures were performed in 131 patients.", 140),
    ("We reviewed 58 patients who were treated in 66 cryoablation sessions.", 66),
    ("In total, 90 extraction attempts were made on 84 patients.", 90),
    # the procedures named by the operation, spelt out or abbreviated
    ("A total of 402 CEAs were performed in 379 patients.", 402),
    ("Overall, 212 thyroidectomies were performed in 200 patients.", 212),
])
def test_procedures_counted_beside_the_patients(text, want):
    assert text_to_procedures(text) == want


def test_patients_performed_in_are_no_procedures():
    # regression: a count of patients operated on in hospitals is not of procedures
    assert text_to_procedures("Overall, 40 patients were treated at our centre.") is None


def test_procedures_counted_twice_differently_are_unclear():
    assert text_to_procedures("Overall, 140 procedures were performed in 131 patients; later "
                              "150 procedures were performed in 139 patients.") is None


@pytest.mark.parametrize("finding", [
    "Major complications occurred in 3 procedures (2.1%).",
    "Complications followed 3 interventions (2.1%).",
])
def test_a_count_of_procedures_is_over_the_procedures(finding):
    text = "Overall, 140 embolization procedures were performed in 131 patients. " + finding
    assert any(r[1:3] == (3, 140) for r in records(text, 131))


def test_a_count_of_patients_stays_over_the_patients():
    text = ("Overall, 140 embolization procedures were performed in 131 patients. Major "
            "complications occurred in 3 patients (2.3%).")
    assert ("complications_major", 3, 131, "paired") in records(text, 131)


def test_deaths_are_never_over_procedures():
    text = ("Overall, 140 embolization procedures were performed in 131 patients. Death "
            "within 30 days followed 2 procedures (1.5%).")
    assert [r[:3] for r in records(text, 131)] == [("mortality", 2, 131)]


@pytest.mark.parametrize("text", [
    "Retrieval was successful in 61 of 64 attempts (95.3%).",
    "The filters were retrieved successfully in 61 of 64 attempts.",
])
def test_a_successful_retrieval_is_technical_success(text):
    assert records(text, 60) == [("technical_success", 61, 64, "paired")]


@pytest.mark.parametrize(("text", "want"), [
    ("Technical success was achieved for all 45 lesions.", ("technical_success", 45, 45)),
    ("Technical success was obtained for all twelve aneurysms.", ("technical_success", 12, 12)),
])
def test_a_success_for_all_of_its_counted_units(text, want):
    assert [r[:3] for r in records(text, 30)] == [want]


def test_for_all_without_a_success_is_no_universal_finding():
    # who was followed up, not a complication in each
    assert all(r[3] != "universal" for r in records(
        "Complications were recorded for all 30 lesions.", 30))
