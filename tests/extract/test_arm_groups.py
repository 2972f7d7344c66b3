"""Sentences naming the document's arms report those arms' findings (issue 10, class 8)."""

from __future__ import annotations

import pytest

from extract.assembly.arm_groups import candidates_to_arm_groups
from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.findings import Candidate
from extract.rules.nlp import outcome_nlp
from extract.study.arms import text_to_arms

_ARMS = ("Methods: Group 1 (n = 30) received a covered stent and group 2 (n = 45) a bare stent. "
         "Results: ")


def records(text: str, cohort: int = 75) -> list[tuple]:
    found = pages_to_records([Page(None, _ARMS + text)], outcome_nlp(), cohort)
    return sorted((r.outcome, r.group, r.events, r.total, r.rule) for r in found)


def test_the_arms_of_a_document_with_their_sizes():
    text = "Group A (n=28) had X. In group A, ... Table 1: Group A (n = 28) Group B (n=56)."
    assert text_to_arms(text) == {"Group A": 28, "Group B": 56}


def test_an_arm_given_two_sizes_is_no_arm():
    assert text_to_arms("Group A (n = 28) and group A (n = 30); group B (n = 10).") == {
        "group B": 10}


def test_each_arm_keeps_its_own_count_and_the_arms_are_summed():
    found = records("One patient in group 1 and 4 patients in group 2 died within 30 days.")
    assert found == sorted([("mortality", "Group 1", 1, 30, "paired"),
                            ("mortality", "group 2", 4, 45, "paired"),
                            ("mortality", "all", 5, 75, "sum_of_groups")])


def test_arms_that_miss_part_of_the_cohort_are_not_summed():
    found = records("Two patients in group 1 and 3 in group 2 were readmitted.", cohort=90)
    assert ("readmission", "Group 1", 2, 30, "paired") in found
    assert ("readmission", "group 2", 3, 45, "paired") in found
    assert not [r for r in found if r[1] == "all"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Procedure-related complications in group 2 occurred in 9 (20%) patients.",
         ("complications_any", "group 2", 9, 45)),
        ("Of the 30 patients in group 1, two died before discharge.",
         ("mortality", "Group 1", 2, 30)),
    ],
    ids=["complications-in-one-arm", "of-the-n-in-one-arm"],
)
def test_a_sentence_naming_one_arm_is_that_arms(text, expected):
    found = [r[:4] for r in records(text)]
    assert expected in found
    assert not [r for r in found if r[1] == "all"]


def test_a_sentence_about_the_whole_cohort_stays_all():
    found = records("Overall, 6 patients died, none of them in group 1.")
    assert ("mortality", "all", 6, 75, "paired") in found


def test_without_an_arm_model_nothing_moves():
    c = Candidate("mortality", "proportion", "stated", count=1, rule="paired",
                  quote="One patient in group A and 3 patients in group B died.")
    assert candidates_to_arm_groups([c], {}) == [c]
