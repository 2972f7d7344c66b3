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
