"""A percentage alone becomes a count of the cohort only when exactly one whole count fits
(issue 10, class 2; gold-guide "Numbers")."""

from __future__ import annotations

import pytest

from extract.assembly.records import candidate_to_record, whole_counts
from extract.rules.findings import Candidate


@pytest.mark.parametrize(
    ("percent", "total", "expected"),
    [(0.29, 100, [29]), (0.164, 1007, [165]), (0.071, 28, [2]), (0.16, 6, [1]), (0.0, 50, [0])],
    ids=["29-of-100", "16.4-of-1007", "7.1-of-28", "truncated-16-of-6", "zero"],
)
def test_the_one_count_a_percentage_fits(percent, total, expected):
    assert whole_counts(percent, total) == expected


def _percent_only(percent: float, cohort: int):
    c = Candidate("mortality", "proportion", "percent", percent=percent, quote="Mortality ...")
    r = candidate_to_record(c, cohort)
    return r.events, r.total, r.value


@pytest.mark.parametrize(
    ("percent", "cohort", "expected"),
    [
        (0.164, 1007, (165, 1007, 0.164)),
        (0.12, 50, (6, 50, 0.12)),
        # a whole-number percentage of a large cohort fits many counts: the value only
        (0.02, 1007, (None, None, 0.02)),
        (0.05, 1430, (None, None, 0.05)),
    ],
    ids=["16.4-of-1007", "12-of-50", "2-of-1007", "5-of-1430"],
)
def test_a_percentage_alone_is_a_count_only_when_one_fits(percent, cohort, expected):
    assert _percent_only(percent, cohort) == expected
