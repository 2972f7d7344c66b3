"""A finding "in patients with" the cohort's own condition is the whole cohort's (gold-guide
"Groups"): the condition named by the title or the inclusion statement is no stratum, any
other feature still is. Sentences written for this file."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

from extract.rules.own_condition import cohort_condition, names_own_condition


def groups(text: str, title: str | None = None) -> list[tuple]:
    return [(r.outcome, r.group) for r in extract(text, cohort=120, title=title)]


TITLE = "Resection of hilar cholangiocarcinoma: a single-centre series"


@pytest.mark.parametrize("text", [
    "Five-year overall survival was 34% in patients with hilar cholangiocarcinoma.",
    "In patients with hilar cholangiocarcinoma, median overall survival was 30 months.",
])
def test_the_condition_of_the_title_is_the_whole_cohort(text):
    assert [g for _, g in groups(text, TITLE)] == ["all"]


def test_the_condition_of_the_inclusion_statement_is_the_whole_cohort():
    text = ("Methods: Consecutive patients with infrarenal aortic aneurysms were included. "
            "Results: Primary patency was 91% in patients with infrarenal aortic aneurysms.")
    assert groups(text) == [("primary_patency", "all")]


@pytest.mark.parametrize("text", [
    # another feature of some of them: a stratum
    "Five-year overall survival was 20% in patients with nodal metastases.",
    # a feature of the condition, more than the condition itself
    "Five-year overall survival was 45% in patients with Bismuth type I cholangiocarcinoma.",
])
def test_another_feature_is_still_a_stratum(text):
    assert [g for _, g in groups(text, TITLE)] != ["all"]


def test_without_a_title_or_inclusion_statement_the_stratum_stays():
    text = "Five-year overall survival was 34% in patients with hilar cholangiocarcinoma."
    assert groups(text) == [("overall_survival", "hilar cholangiocarcinoma")]


def test_a_title_that_contrasts_strata_names_no_condition_of_everyone():
    title = "Hepatectomy for liver metastases with or without portal vein embolization"
    text = "Five-year overall survival was 34% in patients with portal vein embolization."
    assert groups(text, title) == [("overall_survival", "portal vein embolization")]


@pytest.mark.parametrize(("label", "expected"), [
    ("glioblastoma", True),
    ("with glioblastomas", True),
    ("without glioblastoma", False),
    ("recurrent glioblastoma", False),
])
def test_a_label_names_the_condition_word_for_word(label, expected):
    condition = cohort_condition("Awake resection of glioblastoma in adults", "")
    assert names_own_condition(label, condition) is expected


def test_a_title_naming_its_patients_names_their_condition():
    title = "Survival of patients with glioblastoma after awake resection"
    text = "Two-year overall survival was 31% in patients with glioblastoma."
    assert groups(text, title) == [("overall_survival", "all")]


@pytest.mark.parametrize(("text", "group"), [
    # an arm's name is no condition, though the inclusion statement names its treatment
    ("Methods: Sixty-four patients who had undergone open resection and 46 patients who had "
     "undergone laparoscopic resection were enrolled. Results: In the laparoscopic group, "
     "complications occurred in 10 patients (21.7%).", "laparoscopic"),
    # an inclusion statement listing two sets of patients names no condition of everyone
    ("Methods: Consecutive patients with gastric cancer and 40 patients with colon cancer "
     "were included. Results: Five-year overall survival was 50% in patients with colon "
     "cancer.", "colon cancer"),
])
def test_arms_and_listed_sets_stay_groups(text, group):
    assert [g for _, g in groups(text, "Resection for cancer")] == [group]
