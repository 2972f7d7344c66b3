"""``N attempts were made in M patients``: one reader for the cohort and the denominators
(issue 10).

The phrase counts the things done and the patients they were done in; the cohort readers take
the patients' count as the cohort, the denominator readers the procedures' count as what a
finding stated per procedure is over.
"""

from __future__ import annotations

import pytest

from extract.rules.assessed import text_to_procedures
from extract.study.cohort import mentions_to_cohort_size, text_to_count_mentions
from extract.study.things_done import ThingsDone, ends_with_things_done, text_to_things_done


def cohort(text: str) -> int | None:
    return mentions_to_cohort_size(text_to_count_mentions(text))


@pytest.mark.parametrize(("text", "want"), [
    ("Overall, 96 biopsy sessions were undertaken in 88 patients.",
     [ThingsDone(96, "biopsy sessions", 88)]),
    ("Twenty-two device implantations were successfully carried out for nineteen patients.",
     [ThingsDone(22, "device implantations", 19)]),
    ("In all, 73 coils were deployed in 51 patients.", [ThingsDone(73, "coils", 51)]),
])
def test_both_counts_of_the_phrase_are_read(text, want):
    assert text_to_things_done(text) == want


@pytest.mark.parametrize(("text", "procedures"), [
    ("Overall, 96 biopsy sessions were undertaken in 88 patients.", True),
    ("A total of 130 interventions were done on 120 patients.", True),
    ("In all, 73 coils were deployed in 51 patients.", False),
    # operations named by what they are, performed in fewer patients
    ("A total of 402 CEAs were performed in 379 patients.", True),
    ("Overall, 58 hepatectomies were carried out in 51 patients.", True),
    # a device placed is no procedure, whatever its plural
    ("In all, 61 stents were placed in 44 patients.", False),
])
def test_procedures_are_told_from_devices(text, procedures):
    assert [done.of_procedures for done in text_to_things_done(text)] == [procedures]


@pytest.mark.parametrize(("text", "want"), [
    ("Overall, 96 biopsy sessions were undertaken in 88 patients.", 96),
    # "for" reads as "in": the procedures' count either way
    ("In total, 51 drainage procedures were performed for 47 patients.", 51),
])
def test_the_procedures_count_is_the_denominator_of_procedures(text, want):
    assert text_to_procedures(text) == want


def test_devices_placed_are_no_count_of_procedures():
    # precision: stents placed are not the procedures a finding "in 3 procedures" is over
    assert text_to_procedures("In all, 73 coils were deployed in 51 patients.") is None


@pytest.mark.parametrize(("text", "want"), [
    ("Methods: Overall, 96 biopsy sessions were undertaken in 88 patients.", 88),
    ("Methods: In all, 73 coils were deployed in 51 patients.", 51),
])
def test_the_patients_count_after_the_phrase_is_the_cohort(text, want):
    assert cohort(text) == want


@pytest.mark.parametrize(("before", "want"), [
    ("Overall, 96 biopsy sessions were undertaken in ", True),
    ("In all, 73 coils were deployed in", True),
    # the count of things must come first: a procedure done in some patients is a subset
    ("A nephrectomy was performed in ", False),
    ("Overall, 96 biopsy sessions were undertaken. Later, in ", False),
])
def test_the_phrase_ends_right_before_the_count(before, want):
    assert ends_with_things_done(before) is want
