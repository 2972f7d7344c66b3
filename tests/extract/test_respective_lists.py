"""Outcomes listed, then their values ``respectively``, pair across the sentence's clauses
(issue 10, class 8). The sentences are invented."""

from __future__ import annotations

import pytest

from tests.fixtures.prose_records import extract


def _keys(records) -> list[tuple]:
    return [(r.outcome, r.group, r.events, r.total, r.value, r.timepoint_months)
            for r in records]


@pytest.mark.parametrize(("text", "expected"), [
    # outcomes listed, then their values "respectively", across a "with"/"while" phrase
    ("The morbidity and mortality rates associated with the stent while it stayed in place "
     "were 20% and 2%, respectively.",
     [("complications_any", "all", 20, 100, 0.2, None), ("mortality", "all", 2, 100, 0.02, None)]),
    ("Readmission and reoperation rates with the drain in place were 10% and 5%, respectively.",
     [("readmission", "all", 10, 100, 0.1, None),
      ("reintervention", "all", 5, 100, 0.05, None)]),
])
def test_outcomes_then_their_values_respectively_span_the_sentence(text, expected):
    assert _keys(extract(f"Results: {text}", cohort=100)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # kinds of one outcome listed before it: the whole ("any") is the outcome's value, the
    # parts ("early", "late") are not read
    ("The 10-year cumulative risks of early, late, or any reoperation were 8%, 12% and 18%, "
     "respectively.",
     [("reintervention", "all", None, None, 0.18, 120.0)]),
    # a kind that names an outcome of ours with it is that outcome
    ("The 5-year cumulative incidences of local, distant, or any recurrence were 10%, 15%, and "
     "22%, respectively.",
     [("recurrence_local", "all", None, None, 0.1, 60.0),
      ("recurrence_distant", "all", None, None, 0.15, 60.0),
      ("recurrence_any", "all", None, None, 0.22, 60.0)]),
])
def test_listed_kinds_of_an_outcome_take_their_values_in_order(text, expected):
    assert _keys(extract(f"Results: {text}", cohort=200)) == expected


def test_listed_kinds_without_a_whole_are_not_read():
    text = "Results: The 10-year risks of early or late reoperation were 8% and 12%, respectively."
    assert [r for r in extract(text, cohort=200) if r.group == "all"] == []
