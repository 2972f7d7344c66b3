"""Periods of one series sized in the methods are its arms, and values compared between arms
("... compared with ...") are each arm's; the arms of one operation are summed (gold-guide
"Groups": two periods of one series)."""

from __future__ import annotations

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.study.arms import text_to_arms


def records(text: str, cohort: int | None) -> list[tuple]:
    found = pages_to_records([Page(None, text)], outcome_nlp(), cohort)
    return sorted((r.outcome, r.group, r.events, r.total, r.timepoint_months, r.rule)
                  for r in found)


def test_periods_sized_after_their_years_are_arms():
    text = ("Methods: The series was split into the first period (2009-2013, n = 60) and the "
            "second period [2014 to 2020; n = 90].")
    assert text_to_arms(text) == {"first period": 60, "second period": 90}


def test_era_values_are_each_arms_and_summed():
    text = ("Methods: We analysed 100 consecutive repairs, grouped as early era (2010-2014, "
            "n = 40) and recent era (2015-2021, n = 60). Results: Thirty-day mortality was "
            "10.0% (4/40) in early era and 5.0% (3/60) in recent era.")
    found = records(text, 100)
    assert ("mortality", "early era", 4, 40, 1.0, "arm_values") in found
    assert ("mortality", "recent era", 3, 60, 1.0, "arm_values") in found
    assert ("mortality", "all", 7, 100, 1.0, "sum_of_groups") in found


def test_values_compared_between_arms_are_each_arms():
    text = ("Results: A total of 120 patients were analysed: 50 stapled and 70 handsewn. "
            "Overall morbidity was 4.0% (2/50) in the stapled group as compared to "
            "10.0% (7/70) in the handsewn group.")
    found = records(text, 120)
    assert ("complications_any", "stapled", 2, 50, None, "arm_values") in found
    assert ("complications_any", "handsewn", 7, 70, None, "arm_values") in found
    assert any(r[1:4] == ("all", 9, 120) and r[5] == "sum_of_groups" for r in found)


# --- regressions

def test_follow_up_period_with_a_size_is_no_arm():
    text = "Methods: The follow-up period (n = 80) and the study period (2010-2015, n = 80)."
    assert text_to_arms(text) == {}


def test_a_period_without_its_size_is_no_arm():
    text = "Methods: The early era (2010-2014) and the late era (2015-2020) were compared."
    assert text_to_arms(text) == {}
