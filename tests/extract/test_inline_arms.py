"""Values arm by arm with each arm named after its value, no arm list in the methods."""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py


@pytest.mark.parametrize(("text", "expected"), [
    # invented wordings: counts after a technique, survival after an abbreviation
    ("Results: Thirty-day mortality was 3.2% (2/62) after TEVAR and 11.1% (5/45) after open "
     "surgery (P = .12).",
     [("mortality", "proportion", "TEVAR", 2, 62, 0.032, 1.0),
      ("mortality", "proportion", "open surgery", 5, 45, 0.111, 1.0)]),
    ("Results: Three-year overall survival was 58.0% after RFA versus 61.5% after resection.",
     [("overall_survival", "rate_at_time", "RFA", None, None, 0.58, 36.0),
      ("overall_survival", "rate_at_time", "resection", None, None, 0.615, 36.0)]),
    # arms "in the ... group", the time after the arms
    ("Results: Freedom from recurrence was 82% in the stapled group and 74% in the handsewn "
     "group at 2 years.",
     [("recurrence_any", "rate_at_time", "handsewn", None, None, 0.26, 24.0),
      ("recurrence_any", "rate_at_time", "stapled", None, None, 0.18, 24.0)]),
    # three kinds of one technique: the last arm's noun is all of theirs
    ("Results: Technical success was 97% after transradial, 94% after transfemoral and 90% "
     "after transbrachial access.",
     [("technical_success", "proportion", "transbrachial", None, None, 0.9, None),
      ("technical_success", "proportion", "transfemoral", None, None, 0.94, None),
      ("technical_success", "proportion", "transradial", None, None, 0.97, None)]),
])
def test_each_value_is_its_arms(text, expected):
    assert keyed(extract(text, cohort=None)) == expected


@pytest.mark.parametrize(("text", "labels"), [
    # the second arm named only as the first one's absence
    ("Results: Median survival was 31 months in patients who received adjuvant radiotherapy "
     "compared with 19 months in those who did not.", ["adjuvant radiotherapy",
                                                       "no adjuvant radiotherapy"]),
    ("Results: Ninety-day mortality was 5.0% (3/60) after drainage and 9.5% (4/42) without "
     "it.", ["drainage", "no drainage"]),
    ("Results: Major complications occurred in 35% of the drain group and 22% of the "
     "others.", ["drain", "no drain"]),
    # an arm named by a feature its patients have
    ("Results: Mortality at 6 months was 12% (3 of 25) in patients aged 75 years or older and "
     "5% (2 of 40) in younger patients.", ["aged 75 years or older", "younger"]),
])
def test_an_arm_named_by_another(text, labels):
    assert [r.group for r in extract(text, cohort=None)] == labels


def test_the_cohorts_value_before_the_arms_stays_the_cohorts():
    text = ("Results: In-hospital mortality was 21.0% (21/100): 15.0% (6/40) after the hybrid "
            "procedure and 25.0% (15/60) after open repair.")
    assert keyed(extract(text, cohort=100)) == [
        ("mortality", "proportion", "all", 21, 100, 0.21, 0.0),
        ("mortality", "proportion", "hybrid procedure", 6, 40, 0.15, 0.0),
        ("mortality", "proportion", "open repair", 15, 60, 0.25, 0.0)]


@pytest.mark.parametrize("text", [
    # regression: a year, a series compared with the literature, kinds of the outcome are
    # no arms
    "Results: Mortality was 5% in 2016 and 3% in 2020.",
    "Results: The complication rate was 12% in our series and 20% in the literature.",
    "Results: The rate of minor complications was 6.7% for wound infection, 3.3% for "
    "haematoma and 3.3% for urinary tract infection.",
])
def test_values_that_are_not_arms(text):
    assert all(r.rule != "inline_arms" for r in extract(text, cohort=60))


def test_arms_of_different_treatments_are_not_summed():
    # regression: values of two treatments each stay their arm's; no cohort record is made
    text = ("Results: Thirty-day mortality was 10.0% (4/40) after stenting and 5.0% (3/60) "
            "after surgery.")
    assert all(r.group != "all" for r in extract(text, cohort=100))


@pytest.mark.parametrize(("text", "expected"), [
    # invented wordings: coded strata set off by colons, abbreviations in a bracket
    ("Results: Survival differed by stage (3-year OS: S1: 88% vs. S2: 61% vs. S3: 35%, "
     "P = 0.01).",
     [("overall_survival", "rate_at_time", "S1", None, None, 0.88, 36.0),
      ("overall_survival", "rate_at_time", "S2", None, None, 0.61, 36.0),
      ("overall_survival", "rate_at_time", "S3", None, None, 0.35, 36.0)]),
    ("Results: Thirty-day mortality was 4.0% overall (TEVAR 2.5%, open 6.1%).",
     [("mortality", "proportion", "TEVAR", None, None, 0.025, 1.0),
      ("mortality", "proportion", "all", None, None, 0.04, 1.0),
      ("mortality", "proportion", "open", None, None, 0.061, 1.0)]),
])
def test_each_arm_named_before_its_value(text, expected):
    assert keyed(extract(text, cohort=None)) == expected


@pytest.mark.parametrize("text", [
    # regression: yes/no name no arm (the feature is elsewhere), nor times, nor lowercase
    # words without a colon
    "Results: 5-year DFS by nodal status: yes: 30% vs no: 45%, P = 0.02.",
    "Results: Overall survival at 1 year 90%, at 5 years 70%.",
    "Results: Mortality was 2% early and 5% late.",
])
def test_labels_before_values_that_are_not_arms(text):
    assert all(r.rule != "inline_arms" for r in extract(text, cohort=60))


@pytest.mark.parametrize(("text", "expected"), [
    # invented wordings: after a sentence naming its arms, the next one's values in their order
    ("Results: Thirty-day mortality was 2.0% after stapled and 4.0% after handsewn closure. "
     "Complications developed in 6 (12.0%) and 9 (18.0%) patients, respectively (P = .4).",
     ("complications_any", [("stapled", 6, 50), ("handsewn", 9, 50)])),
    ("Results: Technical success was 96% in the RFA group and 92% in the MWA group. Major "
     "complications occurred in 4.0% vs 7.5% (P = .3).",
     ("complications_major", [("RFA", None, None), ("MWA", None, None)])),
])
def test_the_next_sentences_values_are_the_same_arms_in_order(text, expected):
    outcome, arms = expected
    got = [(r.group, r.events, r.total) for r in extract(text, cohort=None) if r.outcome == outcome]
    assert got == arms


@pytest.mark.parametrize("text", [
    # regression: two values joined by "and" without "respectively" may be two findings; a
    # sentence with more values than arms is not read in their order
    "Results: Mortality was 2.0% after stapled and 4.0% after handsewn closure. Complications "
    "occurred in 12% and 20% of the elderly.",
    "Results: Mortality was 2.0% after stapled and 4.0% after handsewn closure. Complications "
    "occurred in 12% vs 20% early and in 5% vs 6% late.",
])
def test_values_after_named_arms_that_are_not_theirs(text):
    assert all(r.group == "all" for r in extract(text, cohort=100) if r.outcome != "mortality")


@pytest.mark.parametrize(("text", "expected"), [
    # invented wordings: arms sized in the methods, their percentages read as counts of them
    ("Methods: We compared the TAE group (n = 120) with the surgery group (n = 80). "
     "Results: Thirty-day mortality was 6.0% overall (TAE 5.0%, surgery 7.5%).",
     [("TAE", 6, 120), ("surgery", 6, 80)]),
    ("Methods: We compared the early era (n = 50) and the late era (n = 40). Results: "
     "Mortality at 1 year was 10.0% in the early era and 5.0% in the late era.",
     [("early era", 5, 50), ("late era", 2, 40)]),
    # regression: a value stating its own total keeps it
    ("Methods: We compared the TAE group (n = 120) with the surgery group (n = 80). "
     "Results: Thirty-day mortality was 4.0% (4/100) after TAE and 7.5% (6/80) after "
     "surgery.",
     [("TAE", 4, 100), ("surgery", 6, 80)]),
])
def test_arms_sized_elsewhere_give_their_values_counts(text, expected):
    got = [(r.group, r.events, r.total) for r in extract(text, cohort=200)
           if r.group != "all"]
    assert got == expected
