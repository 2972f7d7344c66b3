"""Arms of one intervention summed into the cohort; arms of different treatments never."""

from __future__ import annotations

from extract.assembly.group_sums import cohort_arms, group_sum_candidates
from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.findings import Candidate
from extract.rules.nlp import outcome_nlp


def _summed(text: str, cohort: int) -> list[tuple]:
    records = pages_to_records([Page(None, text)], outcome_nlp(), cohort)
    return [(r.outcome, r.group, r.events, r.total, r.timepoint_months)
            for r in records if r.rule == "sum_of_groups"]


def test_mortality_cells_of_two_periods_are_summed():
    text = ("\tEarly period (n = 30)\tLate period (n = 25)\tP value\n"
            "In-hospital death\t3 (10.0)\t2 (8.0)\t0.81\n")
    assert _summed(text, 55) == [("mortality", "all", 5, 55, 0.0)]


def test_mortality_cells_of_two_techniques_are_summed():
    text = ("\tNecrosectomy (n = 49)\tDecompression (n = 43)\n"
            "Mortality at discharge\t9 (18.4)\t3 (7.0)\n")
    assert _summed(text, 92) == [("mortality", "all", 12, 92, 0.0)]


def test_operated_and_conservative_arms_are_never_summed():
    text = ("\tOperated (n = 20)\tConservative (n = 15)\n"
            "In-hospital death\t3 (15.0)\t2 (13.3)\n")
    assert _summed(text, 35) == []


def test_an_arm_without_the_treatment_is_never_summed():
    text = ("\tStent (n = 20)\tNo stent (n = 15)\n"
            "In-hospital death\t3 (15.0)\t2 (13.3)\n")
    assert _summed(text, 35) == []


def test_complication_cells_are_not_summed():
    # a table cell of complications may count events, not patients
    text = ("\tOpen (n = 40)\tLaparoscopic (n = 21)\n"
            "Complications\t9 (22.5)\t7 (33.3)\n")
    assert _summed(text, 61) == []


def test_mortality_cells_not_summed_when_the_arms_miss_part_of_the_cohort():
    text = ("\tEarly period (n = 30)\tLate period (n = 25)\n"
            "In-hospital death\t3 (10.0)\t2 (8.0)\n")
    assert _summed(text, 60) == []


_SENTENCE = dict(measure="proportion", basis="stated", rule="paired")


def test_arms_sized_in_sentences_are_summed_without_a_table():
    cands = [Candidate("mortality", group="group A", count=1, total=28, group_n=28,
                       timepoint_months=0.0, **_SENTENCE),
             Candidate("mortality", group="group B", count=5, total=56, group_n=56,
                       timepoint_months=0.0, **_SENTENCE)]
    assert cohort_arms(cands, 84) == {"group A": 28, "group B": 56}
    summed = group_sum_candidates(cands, 84)
    assert [(c.group, c.count, c.total, c.timepoint_months) for c in summed] == [
        ("all", 6, 84, 0.0)]


def test_arms_sized_in_sentences_of_a_control_group_are_not_summed():
    cands = [Candidate("reintervention", group="treated", count=4, group_n=30, **_SENTENCE),
             Candidate("reintervention", group="controls", count=2, group_n=20, **_SENTENCE)]
    assert cohort_arms(cands, 50) == {}
    assert group_sum_candidates(cands, 50) == []


def test_a_group_given_two_sizes_is_no_arm():
    # "the 12 patients with X" and "the 20 patients with X" do not name one arm
    cands = [Candidate("mortality", group="A", count=1, group_n=12, **_SENTENCE),
             Candidate("mortality", group="A", count=1, group_n=20, **_SENTENCE),
             Candidate("mortality", group="B", count=2, group_n=18, **_SENTENCE)]
    assert cohort_arms(cands, 30) == {}


def test_a_sentence_count_is_preferred_to_the_table_cell_of_its_arm():
    cell = dict(measure="proportion", basis="stated", rule="table_row")
    cands = [Candidate("mortality", group="A", count=2, group_n=10, quote="cell A", **cell),
             Candidate("mortality", group="B", count=3, group_n=20, quote="cell B", **cell),
             Candidate("mortality", group="A", count=1, quote="In group A, one died",
                       **_SENTENCE)]
    summed = group_sum_candidates(cands, 30)
    assert [(c.count, c.quote) for c in summed] == [(4, "In group A, one died ... cell B")]


def test_table_arms_of_different_treatment_modalities_are_never_summed():
    text = ("\tEVAR (n = 40)\tOpen repair (n = 25)\n"
            "In-hospital death\t2 (5.0)\t3 (12.0)\n")
    assert _summed(text, 65) == []


def test_table_arms_of_two_techniques_of_one_operation_are_summed():
    text = ("\tLaparoscopic (n = 40)\tOpen (n = 25)\n"
            "In-hospital death\t2 (5.0)\t3 (12.0)\n")
    assert _summed(text, 65) == [("mortality", "all", 5, 65, 0.0)]


def _sentence_arms(definitions: str) -> list[tuple]:
    text = (f"Methods: Group S (n = 20) was treated by {definitions}. Results: One patient in "
            "group S and 2 patients in group O died.")
    records = pages_to_records([Page(None, text)], outcome_nlp(), 35)
    return sorted((r.group, r.events, r.total) for r in records)


def test_sentence_arms_of_stent_and_surgery_are_never_summed():
    assert _sentence_arms("stenting and group O (n = 15) by open surgery") == [
        ("Group S", 1, 20), ("group O", 2, 15)]


def test_sentence_arms_of_two_stents_are_summed():
    assert _sentence_arms("a covered stent and group O (n = 15) by a bare stent") == [
        ("Group S", 1, 20), ("all", 3, 35), ("group O", 2, 15)]


def test_an_arm_defined_by_the_treatment_it_did_not_get_is_never_summed():
    text = ("Methods: Group A (n=28) consists of those who underwent preventive craniectomy, and "
            "group B (n=56) consists of those who did not undergo preventive craniectomy. "
            "Results: One patient in group A and 3 patients in group B died.")
    records = pages_to_records([Page(None, text)], outcome_nlp(), 84)
    assert sorted((r.group, r.events, r.total) for r in records) == [
        ("Group A", 1, 28), ("group B", 3, 56)]


def test_arms_labelled_in_brackets_after_their_treatment():
    text = ("Methods: Patients were treated by stenting (group S, n = 20) or open surgery "
            "(group O, n = 15). Results: One patient in group S and 2 patients in group O died.")
    records = pages_to_records([Page(None, text)], outcome_nlp(), 35)
    assert sorted((r.group, r.events, r.total) for r in records) == [
        ("group O", 2, 15), ("group S", 1, 20)]
