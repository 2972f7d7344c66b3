"""One outcome counted clause by clause in one sentence is the sum of the clauses (issue 10,
class 9), and an arm named in brackets breaks a cohort figure down (class 8)."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp


def records(text: str, cohort: int) -> list[tuple]:
    found = pages_to_records([Page(None, f"Results: {text}")], outcome_nlp(), cohort)
    return [(r.outcome, r.group, r.events, r.total) for r in found]


@pytest.mark.parametrize(
    ("text", "cohort", "expected"),
    [
        ("Two patients died of sepsis and three patients died of pulmonary embolism.", 80,
         [("mortality", "all", 5, 80)]),
        ("Three patients were readmitted for dehydration and 4 patients were readmitted for "
         "pain.", 150, [("readmission", "all", 7, 150)]),
        # (the corpus case, where flaps outnumber the patients: the counts are of patients)
        ("Four patients were re-explored for flap perfusion problems, and 18 patients were "
         "re-explored for hematoma drainage (n=22/124, %17.3).", 124,
         [("reintervention", "all", 22, 124)]),
    ],
    ids=["deaths-by-cause", "readmissions-by-cause", "re-explorations"],
)
def test_counts_of_one_outcome_in_coordinated_clauses_are_summed(text, cohort, expected):
    assert records(text, cohort) == expected


def test_flaps_beside_the_patients_do_not_make_the_denominator():
    text = ("Methods: There were 127 flaps in 124 patients. Results: Four patients were "
            "re-explored for flap perfusion problems, and 18 patients were re-explored for "
            "hematoma drainage.")
    found = pages_to_records([Page(None, text)], outcome_nlp(), 124)
    assert [(r.events, r.total) for r in found if r.outcome == "reintervention"] == [(22, 124)]


@pytest.mark.parametrize(
    "text",
    [
        # a part of the first count, not other patients
        "Twelve patients had recurrence, of whom 4 patients had recurrence at the margin.",
        # counts at two times may be cumulative
        "Two patients had recurrence at 1 year and 5 patients had recurrence at 3 years.",
    ],
    ids=["of-whom", "two-times"],
)
def test_counts_that_are_not_other_patients_are_not_summed(text):
    assert all(events != 16 and events != 7 for _, _, events, _ in records(text, 100))
    assert all(r.rule != "sum_of_clauses" for r in pages_to_records(
        [Page(None, f"Results: {text}")], outcome_nlp(), 100))


@pytest.mark.parametrize(
    ("text", "cohort", "expected"),
    [
        ("The overall complication rate was 20.0% (5 patients in the robotic and 7 in the open "
         "group).", 60, ("complications_any", "all", 12, 60)),
        ("Overall mortality was 7.5% (2 in the stent group and 4 in the surgery group).", 80,
         ("mortality", "all", 6, 80)),
        # (the corpus case)
        ("The overall morbidity was 26.2% (7 patients in the laparoscopic, and 9 in the open "
         "group; p = 0.59).", 61, ("complications_any", "all", 16, 61)),
    ],
    ids=["robotic-open", "stent-surgery", "laparoscopic-open"],
)
def test_an_arm_in_brackets_breaks_a_cohort_figure_down(text, cohort, expected):
    assert expected in records(text, cohort)


def test_an_arm_outside_brackets_is_still_the_sentence_group():
    found = records("Mortality was 7.5% in the stent group.", 80)
    assert found and all(group == "stent" for _, group, _, _ in found)
