"""Values in the arms' order before "respectively" ("in 30 of 40 (75.0%) and 45 of 50 (90.0%)",
"in 3 and 5 patients, respectively") are each arm's, checked against the arms' sizes."""

from __future__ import annotations

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp

ARMS = "Results: Of the 90 patients, 40 stapled and 50 handsewn were compared. "


def records(text: str, cohort: int | None) -> list[tuple]:
    found = pages_to_records([Page(None, text)], outcome_nlp(), cohort)
    return sorted((r.outcome, r.group, r.events, r.total, r.rule) for r in found)


def test_counts_of_arm_sizes_in_order():
    found = records(ARMS + "An R0 resection was obtained in 30 of 40 (75.0%) and 45 of 50 "
                    "(90.0%) patients, respectively.", 90)
    assert ("r0_resection", "stapled", 30, 40, "arm_values") in found
    assert ("r0_resection", "all", 75, 90, "sum_of_groups") in found


def test_bare_counts_in_order():
    found = records(ARMS + "Readmission within 30 days occurred in 4 and 6 patients, "
                    "respectively.", 90)
    assert ("readmission", "handsewn", 6, 50, "arm_values") in found
    assert ("readmission", "all", 10, 90, "sum_of_groups") in found


# --- regressions

def test_denominators_of_other_sets_are_not_the_arms():
    found = records(ARMS + "An R0 resection was obtained in 30 of 35 (85.7%) and 45 of 48 "
                    "(93.8%) patients, respectively.", 90)
    assert not [r for r in found if r[4] in ("arm_values", "sum_of_groups")]


def test_bare_counts_larger_than_an_arm_are_not_its_finding():
    found = records(ARMS + "Readmission within 30 days occurred in 44 and 6 patients, "
                    "respectively.", 90)
    assert not [r for r in found if r[4] in ("arm_values", "sum_of_groups")]
