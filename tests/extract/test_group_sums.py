"""Whole-cohort findings summed from the arms of a comparative series."""

from __future__ import annotations

from extract.assembly.group_sums import group_sum_candidates
from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.findings import Candidate
from extract.rules.nlp import outcome_nlp

TEXT = ("\tOPG with DTR (n = 64)\tLPG with DTR (n = 46)\tP value\n"
        "Complications (total)\t13 (20.3%)\t10 (21.7%)\t0.86\n\n"
        "In the OPG group, twelve patients had thirteen complications (20.3%). "
        "In the LPG group, ten patients had complications (23.3%).\n")


def test_arm_counts_stated_in_sentences_add_up_to_the_cohort():
    records = pages_to_records([Page(None, TEXT)], outcome_nlp(), 110)
    summed = [r for r in records if r.rule == "sum_of_groups"]
    assert [(r.outcome, r.group, r.events, r.total) for r in summed] == [
        ("complications_any", "all", 22, 110)]
    assert "OPG group" in summed[0].quote and "LPG group" in summed[0].quote


def test_no_sum_when_the_arms_do_not_make_the_cohort():
    assert not [r for r in pages_to_records([Page(None, TEXT)], outcome_nlp(), 142)
                if r.rule == "sum_of_groups"]


def test_no_sum_when_the_cohort_finding_is_stated():
    arm = dict(measure="proportion", basis="stated", rule="paired")
    cands = [Candidate("mortality", "proportion", "stated", group="A", group_n=10,
                       rule="table_row"),
             Candidate("mortality", "proportion", "stated", group="B", group_n=20,
                       rule="table_row"),
             Candidate("mortality", group="A", count=1, **arm),
             Candidate("mortality", group="B", count=2, **arm)]
    assert [c.count for c in group_sum_candidates(cands, 30)] == [3]
    stated = Candidate("mortality", group="all", count=4, **arm)
    assert group_sum_candidates([*cands, stated], 30) == []
