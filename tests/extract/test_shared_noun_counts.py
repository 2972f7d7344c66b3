"""The arms' counts sharing one noun ("in 3 X and 5 Y patients") are each arm's finding,
summed when the arms make the cohort (gold-guide "Groups")."""

from __future__ import annotations

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp


def records(text: str, cohort: int | None) -> list[tuple]:
    found = pages_to_records([Page(None, text)], outcome_nlp(), cohort)
    return sorted((r.outcome, r.group, r.events, r.total, r.rule) for r in found)


def test_two_arms_share_the_noun():
    text = ("Results: Of the 90 patients, 40 stapled and 50 handsewn were compared. "
            "Reoperation was required in 3 stapled and 5 handsewn patients.")
    assert records(text, 90) == [
        ("reintervention", "all", 8, 90, "sum_of_groups"),
        ("reintervention", "handsewn", 5, 50, "arm_values"),
        ("reintervention", "stapled", 3, 40, "arm_values")]


def test_three_arms_share_the_noun_in_a_comma_list():
    text = ("Methods: We treated 100 hernias: 30 open, 50 laparoscopic and 20 robotic repairs "
            "were analysed. Results: Readmission within 30 days was needed for 2 open, 3 "
            "laparoscopic and 1 robotic cases.")
    found = records(text, 100)
    assert ("readmission", "laparoscopic", 3, 50, "arm_values") in found
    assert ("readmission", "all", 6, 100, "sum_of_groups") in found


# --- regressions

def test_counts_of_other_units_are_no_arms_patients():
    # grafts, not patients: the arms' counts of patients are not stated
    text = ("Results: Of the 90 patients, 40 stapled and 50 handsewn were compared. "
            "Reoperation was required on 3 stapled and 5 handsewn grafts.")
    assert not [r for r in records(text, 90) if r[4] in ("arm_values", "sum_of_groups")]


def test_counts_larger_than_their_arm_are_not_its_finding():
    text = ("Results: Of the 90 patients, 40 stapled and 50 handsewn were compared. "
            "Reoperation was required in 45 stapled and 5 handsewn patients.")
    assert not [r for r in records(text, 90) if r[4] == "sum_of_groups"]
