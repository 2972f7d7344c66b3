"""Arms listed by their counts after the verb that assigns them ("86 underwent X and 97 Y",
"40 received A and 35 B") are arms like "70 with X and 80 with Y"."""

from __future__ import annotations

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.study.arms import Arm, text_to_arm_lists


def test_underwent_then_elided_verb():
    lists = text_to_arm_lists("Of 150 patients, 60 underwent TAPP and 90 TEP.")
    assert [a.arms for a in lists] == [(Arm("TAPP", 60), Arm("TEP", 90))]


def test_received_each_arm():
    lists = text_to_arm_lists("In all, 75 were treated: 40 received stenting and 35 received "
                              "angioplasty.")
    assert [a.arms for a in lists] == [(Arm("stenting", 40), Arm("angioplasty", 35))]


def test_values_of_verb_listed_arms_are_summed():
    text = ("Results: Of 150 patients, 60 underwent TAPP and 90 TEP. Thirty-day mortality was "
            "1 (1.7%) in the TAPP group and 2 (2.2%) in the TEP group.")
    found = pages_to_records([Page(None, text)], outcome_nlp(), 150)
    assert sorted((r.group, r.events, r.total) for r in found if r.outcome == "mortality") == [
        ("TAPP", 1, 60), ("TEP", 2, 90), ("all", 3, 150)]


# --- regressions

def test_did_not_is_no_arm():
    # the second arm is named by what it lacks: no label to read its values by
    assert text_to_arm_lists("Of 94 patients, 27 had resection and 67 did not.") == []
