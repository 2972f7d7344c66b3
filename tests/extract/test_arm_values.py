"""One outcome's values arm by arm: each arm's record, summed when the arms make the cohort
(gold-guide "Groups"; issue 10, class 1)."""

from __future__ import annotations

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.study.arms import Arm, text_to_arm_lists


def records(text: str, cohort: int | None) -> list[tuple]:
    found = pages_to_records([Page(None, text)], outcome_nlp(), cohort)
    return sorted((r.outcome, r.group, r.events, r.total, r.timepoint_months, r.rule)
                  for r in found)


def summed(text: str, cohort: int | None) -> list[tuple]:
    return [r[:5] for r in records(text, cohort) if r[5] == "sum_of_groups"]


# --- the arms a document lists by their counts

def test_arms_listed_with_their_counts():
    lists = text_to_arm_lists("We included 150 patients: 70 with stenosis and 80 with "
                              "occlusion, all treated by stenting.")
    assert [a.arms for a in lists] == [(Arm("stenosis", 70), Arm("occlusion", 80))]
    assert not lists[0].analysed


def test_arms_listed_as_the_set_compared():
    lists = text_to_arm_lists("After matching, 55 robotic and 55 thoracoscopic lobectomies "
                              "were analysed.")
    assert [(a.arms, a.analysed, a.total) for a in lists] == [
        ((Arm("robotic", 55), Arm("thoracoscopic", 55)), True, 110)]


def test_arms_listed_in_a_bracket_after_the_analysed_count():
    lists = text_to_arm_lists("In all, 87 (40 early, 47 late) were studied.")
    assert [(a.arms, a.analysed) for a in lists] == [
        ((Arm("early", 40), Arm("late", 47)), True)]


def test_counts_of_people_or_times_are_no_arms():
    assert text_to_arm_lists("There were 40 patients and 30 women; 12 months and 6 weeks.") == []


# --- each arm's value, then summed

def test_values_then_their_arms_in_groups():
    text = ("Methods: Of 150 patients, 70 with stenosis and 80 with occlusion were stented. "
            "Results: In-hospital mortality was 4.3% (3 of 70) in the stenosis group and 2.5% "
            "(2 of 80) in the occlusion group.")
    found = records(text, 150)
    assert ("mortality", "stenosis", 3, 70, 0.0, "arm_values") in found
    assert ("mortality", "occlusion", 2, 80, 0.0, "arm_values") in found
    assert summed(text, 150) == [("mortality", "all", 5, 150, 0.0)]


def test_values_after_the_arms_technique_of_a_compared_set():
    # the arms are the compared set: their sum is the total, not the larger population
    text = ("Methods: Of 300 patients screened, 55 robotic and 55 thoracoscopic lobectomies "
            "were compared after matching. Results: Conversion aside, 30-day readmission "
            "occurred in 3 patients (5.5%) after robotic and 6 patients (10.9%) after "
            "thoracoscopic lobectomy.")
    assert summed(text, 300) == [("readmission", "all", 9, 110, 1.0)]


def test_arms_between_count_and_patients():
    text = ("Methods: In total, 87 (40 early, 47 late) were studied. Results: Wound infection "
            "aside, complications developed in 6 early patients (15.0%) and 4 late patients "
            "(8.5%).")
    found = records(text, None)
    assert ("complications_any", "early", 6, 40, None, "arm_values") in found
    assert summed(text, None) == [("complications_any", "all", 10, 87, None)]


def test_values_in_the_listed_order_respectively():
    text = ("Methods: Of 150 patients, 70 with stenosis and 80 with occlusion were stented. "
            "Results: Reintervention was needed in 7 (10.0%) and 12 (15.0%) patients, "
            "respectively.")
    assert summed(text, 150) == [("reintervention", "all", 19, 150, None)]


# --- false positives: what is not read arm by arm

def test_respectively_values_that_do_not_fit_the_arms_sizes_are_not_theirs():
    # 7 of 70 is 10%, not 20%: the values are of something else (two times, two outcomes)
    text = ("Methods: Of 150 patients, 70 with stenosis and 80 with occlusion were stented. "
            "Results: Reintervention was needed in 7 (20.0%) and 12 (30.0%) patients, "
            "respectively.")
    assert all(r[5] != "arm_values" for r in records(text, 150))


def test_arms_of_different_treatments_keep_their_records_but_are_never_summed():
    text = ("Methods: Of 90 patients, 50 with stenting and 40 with surgery were compared. "
            "Results: Mortality at 30 days was 2.0% (1 of 50) after stenting and 5.0% (2 of 40) "
            "after surgery.")
    found = records(text, 90)
    assert ("mortality", "stenting", 1, 50, 1.0, "arm_values") in found
    assert summed(text, 90) == []


def test_arms_that_miss_part_of_the_cohort_are_not_summed():
    # 70 + 80 is not the cohort of 200, and the list is not called the set analysed
    text = ("Methods: Of 200 patients, 70 with stenosis and 80 with occlusion had imaging. "
            "Results: In-hospital mortality was 4.3% (3 of 70) in the stenosis group and 2.5% "
            "(2 of 80) in the occlusion group.")
    assert summed(text, 200) == []


def test_labels_that_are_no_listed_arm_are_left_to_the_sentence_rules():
    text = ("Methods: Of 150 patients, 70 with stenosis and 80 with occlusion were stented. "
            "Results: Mortality was 2.0% in the elderly and 1.0% in the young.")
    assert all(r[5] != "arm_values" for r in records(text, 150))


def test_the_summed_total_says_it_is_the_arms_sizes():
    text = ("Methods: Of 300 patients screened, 55 robotic and 55 thoracoscopic lobectomies "
            "were compared after matching. Results: 30-day readmission occurred in 3 patients "
            "(5.5%) after robotic and 6 patients (10.9%) after thoracoscopic lobectomy.")
    found = pages_to_records([Page(None, text)], outcome_nlp(), 300)
    total = next(r.provenance["total"] for r in found if r.rule == "sum_of_groups")
    assert (total.kind, total.source) == ("defaulted", "the sum of the arms' sizes")


# --- arms the methods size with "(n = ...)"

_SIZED = "Methods: The robotic group (n = 40) and the open group (n = 45) were compared. "


def test_values_in_arms_sized_in_brackets_are_theirs_and_summed():
    text = _SIZED + ("Results: Mortality at 90 days was 2.5% (1 of 40) in the robotic group "
                     "and 4.4% (2 of 45) in the open group.")
    found = records(text, 85)
    assert ("mortality", "robotic group", 1, 40, 3.0, "arm_values") in found
    assert summed(text, 85) == [("mortality", "all", 3, 85, 3.0)]


def test_labelled_arms_by_their_short_name_between_count_and_patients():
    text = _SIZED + ("Results: Complications occurred in 6 robotic patients (15.0%) and 9 open "
                     "patients (20.0%).")
    assert summed(text, 85) == [("complications_any", "all", 15, 85, None)]


def test_lettered_arms_in_their_order_respectively():
    text = ("Methods: Group A (n = 40) and group B (n = 45) were compared. Results: Reoperation "
            "was needed in 4 (10.0%) and 9 (20.0%) patients, respectively.")
    assert summed(text, 85) == [("reintervention", "all", 13, 85, None)]
