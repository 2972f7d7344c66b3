"""Counts whose thousands are set apart by a space or a thin space (``1 234 patients``,
``45 of 1 234 procedures``), in cohort sizes and in records; digit lists and broken numbers
are not read as one number. Sentences written for this file."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

from extract.model import Page
from extract.rules.numbers import parse_integer
from extract.study.counts import count_to_int
from extract.study.study import pages_to_study


def n_patients(abstract: str) -> int | None:
    text = f"# Outcomes of surgery: a retrospective study\n\nAbstract\n\n{abstract}\n"
    return pages_to_study([Page(None, text)]).n_patients


@pytest.mark.parametrize(("abstract", "size"), [
    ("Methods: A total of 1 234 patients were included. Results: Bleeding occurred in 12.", 1234),
    ("Methods: We reviewed 2\u2009045 consecutive patients operated between 2000 and 2020.", 2045),
    ("Methods: Data on 1\u202f118 adults were collected. Results: Ten patients died.", 1118),
])
def test_a_cohort_with_spaced_thousands(abstract, size):
    assert n_patients(abstract) == size


def test_a_table_number_before_a_count_is_no_thousands_group():
    assert n_patients("Methods: As listed in Table 3 120 patients were included.") == 120


def test_a_group_of_two_digits_is_no_thousands_group():
    assert n_patients("Methods: In total 12 34 patients were included.") != 1234


@pytest.mark.parametrize(("token", "value"), [
    ("1 234", 1234), ("2\u2009045", 2045), ("1,234", 1234), ("forty-one", 41)])
def test_spaced_thousands_parse_as_one_count(token, value):
    assert count_to_int(token) == value
    assert parse_integer(token) == value


def keyed(text: str, cohort: int) -> list[tuple]:
    return [(r.outcome, r.events, r.total) for r in extract(text, cohort=cohort)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Complications occurred after 145 of 1 234 procedures (11.8%).",
     [("complications_any", 145, 1234)]),
    ("Postoperative complications occurred in 1 204 patients (80.3%).",
     [("complications_any", 1204, 1500)]),
    ("Thirty-day mortality was 2.1% (31 of 1\u2009500).", [("mortality", 31, 1500)]),
])
def test_record_counts_with_spaced_thousands(text, expected):
    assert keyed(text, 1500) == expected


@pytest.mark.parametrize("text", [
    # a list of single digits and a broken number: no count of a thousand or more
    "Overall survival at 1 3 5 years was 90%, 80% and 70%.",
    "Mortality was 5 of 12 34 patients.",
])
def test_digit_lists_are_no_spaced_thousands(text):
    assert all((r.events or 0) < 1000 and (r.total or 0) < 1000
               for r in extract(text, cohort=1500))
