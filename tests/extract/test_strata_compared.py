"""True subgroups stay groups (gold-guide "Groups"): two strata compared in one sentence,
patients who did not complete a treatment, and survivors named with their arm. Wordings are
invented; the false-positive classes kept out are comparisons with other series or times."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.clauses import sentence_group
from extract.rules.nlp import outcome_nlp


def groups(text: str, cohort: int = 80) -> list[tuple]:
    found = pages_to_records([Page(None, f"Results: {text}")], outcome_nlp(), cohort)
    return [(r.outcome, r.group, r.value) for r in found]


@pytest.mark.parametrize(("text", "label"), [
    # two strata of one cohort: the value belongs to the first, the other to the second
    ("Median overall survival after complete cytoreduction was 41 months, compared with "
     "17 months after incomplete cytoreduction (p = 0.01).",
     "complete cytoreduction vs. incomplete cytoreduction"),
    ("Median survival in the node-negative patients was 60 months versus 21 months in the "
     "node-positive patients.", "node-negative patients vs. node-positive patients"),
    ("Median overall survival after lobar resection was 52 months, compared to 30 months "
     "after sublobar resection.", "lobar resection vs. sublobar resection"),
])
def test_two_strata_compared_are_a_group(text, label):
    found = groups(text)
    assert found and all(group != "all" for _, group, _ in found)
    assert sentence_group(text)[0] == label


@pytest.mark.parametrize("text", [
    # another series or another time is no stratum of the cohort
    "Median overall survival in our cohort was 38 months, compared with 24 months in "
    "published series.",
    "Median overall survival was 38 months, compared with 24 months in the national registry.",
    "Five-year overall survival was 61%, compared with 70% at 3 years.",
])
def test_a_comparison_with_other_series_or_times_stays_all(text):
    assert sentence_group(text) == ("all", None)


@pytest.mark.parametrize(("text", "label"), [
    ("Patients who did not complete adjuvant chemotherapy had a median survival of 12 months.",
     "who did not complete adjuvant chemotherapy"),
    ("Patients who failed to respond had a median survival of 9 months.",
     "who failed to respond"),
    ("Patients who could not be weaned had a median survival of 3 months.",
     "who could not be weaned"),
])
def test_patients_who_missed_the_treatment_are_a_group(text, label):
    assert sentence_group(text)[0] == label
    assert all(group != "all" for _, group, _ in groups(text))


def test_patients_who_completed_the_treatment_stay_the_cohort():
    # everyone reported on completed it (the series' own denominator): not a stratum
    text = "Patients who completed both stages had a median survival of 40 months."
    assert sentence_group(text) == ("all", None)


@pytest.mark.parametrize(("text", "label"), [
    ("Reintervention was required in 5 of the 44 open survivors (11.4%).", "open survivors"),
    ("Reintervention was required in 3 of the 29 long-term survivors.", "long-term survivors"),
])
def test_survivors_named_with_their_arm_are_a_group(text, label):
    assert sentence_group(text)[0] == label
    found = groups(text)
    assert found and all(group != "all" for _, group, _ in found)


@pytest.mark.parametrize(("text", "label"), [
    # a subgroup named as one
    ("In the subgroup with diabetes, 30-day mortality was 9%.", "with diabetes"),
    ("Thirty-day mortality was 12% in the subgroup of octogenarians (n = 25).", "octogenarians"),
    # patients named by a feature and given their own size
    ("In node-positive patients (n = 31), the 5-year overall survival was 20%.",
     "node-positive"),
    ("The 5-year overall survival was 20% in the 31 node-positive patients.", "node-positive"),
    ("Among diabetic patients (n = 18), 30-day mortality was 11%.", "diabetic"),
])
def test_a_named_or_sized_subgroup_is_a_group(text, label):
    assert sentence_group(text)[0] == label
    found = groups(text)
    assert found and all(group != "all" for _, group, _ in found)


@pytest.mark.parametrize("text", [
    # the cohort itself, sized or with its own adjectives, is no subgroup
    "In the 31 consecutive patients, 30-day mortality was 3%.",
    "In our patients (n = 31), 30-day mortality was 3%.",
    "The 30-day mortality was 3% in the 31 included patients.",
    "Thirty-day mortality was 3% in all patients (n = 31).",
])
def test_the_sized_cohort_is_no_subgroup(text):
    assert sentence_group(text) == ("all", None)
