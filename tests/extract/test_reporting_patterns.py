"""Reporting patterns of case series (issue 10, sentence level): each pattern on at least two
differently worded sentences, most of them written for this file, and a regression test for
each false-positive class."""

from __future__ import annotations

import pytest

from extract.model import ExtractedRecord, Page
from extract.nlp import outcome_nlp
from extract.numbers import text_to_stats
from extract.pipeline import pages_to_records


def extract(text: str, cohort: int | None = 40) -> list[ExtractedRecord]:
    return pages_to_records([Page(None, text)], outcome_nlp(None), cohort)


def keyed(records):
    return sorted((r.outcome, r.measure, r.group, r.events, r.total,
                   None if r.value is None else round(r.value, 4), r.timepoint_months)
                  for r in records)


# -- class 3: a unit written once for a list of numbers ---------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("31 and 3%", [0.31, 0.03]),
    ("78.2, 48.3, 34.8 and 18.3%", [0.782, 0.483, 0.348, 0.183]),
    ("12.5 & 40 per cent", [0.125, 0.4]),
])
def test_bare_numbers_share_the_percent_sign_of_the_last(text, expected):
    stats = text_to_stats(text)
    assert [s.kind for s in stats] == ["percent"] * len(expected)
    assert [s.percent for s in stats] == expected


def test_bare_numbers_share_a_time_unit():
    stats = text_to_stats("were 9.3 and 5.9 months")
    assert [(s.kind, s.value) for s in stats] == [("duration", 9.3), ("duration", 5.9)]


def test_a_list_with_a_number_above_100_percent_is_not_a_list_of_percentages():
    assert [s.kind for s in text_to_stats("120 and 30%")] == ["count", "percent"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Postoperative morbidity and mortality rates were 31 and 3%, respectively.",
     [("complications_any", "proportion", "all", None, None, 0.31, None),
      ("mortality", "proportion", "all", None, None, 0.03, 0.0)]),
    ("After a median follow-up time of 74 months, 5-year OS and DFS rates were 58 and 34%, "
     "respectively.",
     [("disease_free_survival", "rate_at_time", "all", None, None, 0.34, 60.0),
      ("overall_survival", "rate_at_time", "all", None, None, 0.58, 60.0)]),
    ("Local recurrence and distant metastasis developed in 12.5 and 25 per cent.",
     [("recurrence_distant", "proportion", "all", 10, 40, 0.25, None),
      ("recurrence_local", "proportion", "all", 5, 40, 0.125, None)]),
])
def test_coordinated_outcomes_with_a_shared_percent_sign(text, expected):
    assert keyed(extract(text, cohort=None if "morbidity" in text else 40)) == expected


def test_a_time_point_list_with_a_shared_percent_sign_maps_value_by_value():
    records = extract("The overall survival rates at 1, 2, 3 and 5 years were 78.2, 48.3, 34.8 "
                      "and 18.3%, respectively.")
    assert [(r.timepoint_months, r.value) for r in records] == [
        (12.0, 0.782), (24.0, 0.483), (36.0, 0.348), (60.0, 0.183)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The mean and median survival times were 9.3 and 5.9 months, respectively.",
     [("mean", 9.3), ("median", 5.9)]),
    ("Median and mean overall survival were 14 and 18.5 months.",
     [("median", 14.0), ("mean", 18.5)]),
    ("Median follow-up was 56 months and mean overall survival was 120 months.",
     [("mean", 120.0)]),
])
def test_median_and_mean_are_as_written(text, expected):
    assert [(r.measure, r.value) for r in extract(text)] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The recurrence-free survival was 79% at 3 years and 74% at 5 years.",
     [(36.0, 0.79), (60.0, 0.74)]),
    ("Overall survival was 89% at 3 years, 84% at 5 years and 79% at 10 years.",
     [(36.0, 0.89), (60.0, 0.84), (120.0, 0.79)]),
    ("Secondary patency was 95% (95% CI 80-99%) at 1 year and 90% at 2 years.",
     [(12.0, 0.95), (24.0, 0.9)]),
])
def test_each_rate_followed_by_its_own_time_point(text, expected):
    assert [(r.timepoint_months, r.value) for r in extract(text)] == expected


# -- class 4: zero and death words ------------------------------------------------------------

@pytest.mark.parametrize(("text", "outcome", "timepoint"), [
    ("The 30-day mortality rate was zero.", "mortality", 1.0),
    ("Mortality was nil.", "mortality", None),
    ("The rate of major complications was zero.", "complications_major", None),
    ("None of the patients died.", "mortality", None),
    ("None of the patients developed a recurrence.", "recurrence_any", None),
    ("No patients died in the postoperative period.", "mortality", 0.0),
    ("The median length of stay was 16 days and there were no peri-operative deaths",
     "mortality", 0.0),
])
def test_zero_and_none_words_are_zero_of_the_cohort(text, outcome, timepoint):
    assert keyed(extract(text)) == [(outcome, "proportion", "all", 0, 40, 0.0, timepoint)]


@pytest.mark.parametrize("text", [
    "Postoperative complications occurred in 28 patients (70%) and no postoperative death was "
    "observed.",
    "Wound infection developed in 28 patients (70%), and there was no postoperative death.",
])
def test_a_negation_after_a_coordinated_count_is_its_own_finding(text):
    records = {r.outcome: r for r in extract(text)}
    assert (records["mortality"].events, records["mortality"].total,
            records["mortality"].timepoint_months) == (0, 40, 0.0)


def test_a_count_governing_the_negation_is_not_a_zero():
    # the patients counted are those without the event: not "no recurrence in the cohort"
    assert not [r for r in extract("Twelve patients remained without recurrence.")
                if r.events == 0]


# -- class 7: perioperative time words (mortality only) ---------------------------------------

@pytest.mark.parametrize("text", [
    "There were no early deaths during the hospitalization.",
    "No patient died in the ICU.",
    "There were no deaths during the procedures.",
    "No deaths occurred during the acute phase of the stay.",
    "Two patients (5%) died on the neonatal ICU (NICU).",
])
def test_in_unit_in_hospital_and_early_deaths_are_at_time_zero(text):
    assert [r.timepoint_months for r in extract(text) if r.outcome == "mortality"] == [0.0]


def test_perioperative_words_do_not_date_complications():
    records = extract("There were no early complications during the hospitalization.")
    assert [(r.outcome, r.timepoint_months) for r in records] == [("complications_any", None)]


# -- class 5: complements are the named outcome's opposite -------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Freedom from major adverse events through 30 days was 93.5%.",
     ("complications_major", "proportion", "all", None, None, 0.065, 1.0)),
    ("Freedom from reintervention was 88% (95% CI 80-94%).",
     ("reintervention", "proportion", "all", 5, 40, 0.12, None)),
    ("32 of 40 patients were free of recurrence.",
     ("recurrence_any", "proportion", "all", 8, 40, 0.2, None)),
    ("Twenty-four patients (60%) remained free from any recurrence.",
     ("recurrence_any", "proportion", "all", 16, 40, 0.4, None)),
    ("Thirty patients (75%) had no recurrence.",
     ("recurrence_any", "proportion", "all", 10, 40, 0.25, None)),
    ("At last follow-up, 30 patients (75%) showed no evidence of recurrence.",
     ("recurrence_any", "proportion", "all", 10, 40, 0.25, None)),
    ("Patency was lost in 3 of 20 patients.",
     ("primary_patency", "proportion", "all", 17, 20, 0.85, None)),
    ("Reintervention-free survival at 1 year was 80%.",
     ("reintervention", "rate_at_time", "all", None, None, 0.2, 12.0)),
])
def test_a_number_of_patients_free_of_an_outcome_is_its_complement(text, expected):
    assert keyed(extract(text)) == [expected]


def test_a_complement_reverses_the_confidence_interval():
    r = extract("Freedom from reintervention was 88% (95% CI 80-94%).")[0]
    assert (r.ci_low, r.ci_high) == (0.06, 0.2)


@pytest.mark.parametrize(("text", "cohort", "expected"), [
    ("At 12 months, 41 of 47 patients were alive.", 47, (6, 47, 12.0)),
    ("At 6 months post-surgery, 28 patients (87.5%) were alive", 32, (4, 32, 6.0)),
    ("Two years after surgery, 30 patients were still alive.", 40, (10, 40, 24.0)),
])
def test_patients_alive_at_a_time_are_the_mortality_complement(text, cohort, expected):
    r = extract(text, cohort)
    assert [(x.outcome, x.events, x.total, x.timepoint_months) for x in r] == [
        ("mortality", *expected)]


def test_patients_alive_without_a_time_are_not_a_finding():
    assert extract("Eight (22%) patients were alive at last follow up.", 37) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The proportion of patients alive at five and ten years were 90% and 75% respectively.",
     [(60.0, 0.9), (120.0, 0.75)]),
    ("Sixty-five percent of the patients were alive at 3 years.", [(36.0, 0.65)]),
])
def test_a_percentage_alive_at_a_time_is_the_survival_rate(text, expected):
    records = extract(text)
    assert {r.outcome for r in records} == {"overall_survival"}
    assert [(r.timepoint_months, r.value) for r in records] == expected


def test_a_negation_in_a_qualifier_of_the_counted_patients_is_not_a_complement():
    records = extract("Two patients with no prior surgery had a recurrence.")
    assert not [r for r in records if r.events == 38]
