"""Several numbers in one sentence, and the time point each takes (issue 10, held-out classes
2 and 3).

Each pattern on sentences written for this file in several fields' wording; the false-positive
classes each have their regression test."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py


def keyed(records):
    """(outcome, measure, events, total, value, time) in document order."""
    return [(r.outcome, r.measure, r.events, r.total,
             None if r.value is None else round(r.value, 3), r.timepoint_months)
            for r in records]


def by_outcome(records, outcome):
    return [k for k in keyed(records) if k[0] == outcome]


# -- a count with its percentage for each time point of a list ----------------------------------

@pytest.mark.parametrize("text, outcome", [
    ("Thirty-day and 90-day mortality were 1% (2/200) and 2% (4/200).", "mortality"),
    ("At 30 and 90 days, mortality was 2/200 (1.0%) and 4/200 (2.0%).", "mortality"),
    ("The 30- and 90-day readmission rates were 1% (2/200) and 2% (4/200).", "readmission"),
])
def test_each_count_of_a_time_list_takes_its_own_time(text, outcome):
    records = extract(text, cohort=200)
    assert [(k[2], k[3], k[5]) for k in by_outcome(records, outcome)] == [(2, 200, 1.0),
                                                                          (4, 200, 3.0)]


def test_rates_of_a_time_list_stay_rates():
    # regression: counts in windows are proportions, but actuarial rates at times are not
    records = extract("Freedom from reintervention at 1 and 2 years was 90% and 82%.")
    assert by_outcome(records, "reintervention") == [
        ("reintervention", "rate_at_time", None, None, 0.1, 12.0),
        ("reintervention", "rate_at_time", None, None, 0.18, 24.0)]


# -- a time point opening the sentence dates all of it ------------------------------------------

@pytest.mark.parametrize("text", [
    "At 5 years, overall survival was 81% and freedom from reintervention 77%.",
    "Actuarial estimates at 5 years were: overall survival 81%, and freedom from "
    "reintervention 77%.",
    "At five years, the overall survival was 81% (95% CI 70-88%) and freedom from "
    "reintervention 77% (95% CI 64-86%).",
])
def test_a_leading_time_point_dates_every_outcome(text):
    records = extract(text)
    assert ("overall_survival", "rate_at_time", None, None, 0.81, 60.0) in keyed(records)
    assert ("reintervention", "rate_at_time", None, None, 0.23, 60.0) in keyed(records)


def test_a_leading_time_point_does_not_date_the_follow_up():
    # regression: a clause of its own about the follow-up keeps no time
    records = extract("At 2 years, primary patency was 81%; eight patients died "
                      "during follow-up.")
    assert [k[5] for k in by_outcome(records, "mortality")] == [None]
    assert [k[5] for k in by_outcome(records, "primary_patency")] == [24.0]


def test_a_time_point_after_a_number_is_not_leading():
    # regression: "In 40 patients at 1 year": a number before the time point
    records = extract("Of 12 patients treated at 1 year, primary patency was 80%.")
    assert all(k[5] != 12.0 or k[0] != "primary_patency" or k[1] == "rate_at_time"
               for k in keyed(records))


# -- freedom from a qualified outcome ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Freedom from aortic reintervention was 85% at 5 years.",
    "Freedom from target-vessel reintervention was 85% at 5 years.",
])
def test_freedom_from_a_qualified_outcome_is_its_complement(text):
    records = extract(text)
    assert by_outcome(records, "reintervention") == [
        ("reintervention", "rate_at_time", None, None, 0.15, 60.0)]


# -- an actuarial freedom coordinated after a dated rate shares its time -----------------------

@pytest.mark.parametrize("text", [
    "Overall survival at 5 years was 88% and freedom from reoperation 93%.",
    "Primary patency at 2 years was 70% and freedom from reintervention 93%.",
])
def test_a_coordinated_freedom_shares_the_time_in_years(text):
    records = extract(text)
    assert by_outcome(records, "reintervention") == [
        ("reintervention", "rate_at_time", None, None, 0.07, keyed(records)[0][5])]
    assert keyed(records)[0][5] in (60.0, 24.0)


def test_a_day_window_dates_only_its_own_outcome():
    # regression: "30-day" is the mortality's window, not the freedom's
    records = extract("Thirty-day mortality was 2% and freedom from reintervention 90%.")
    assert [k[5] for k in by_outcome(records, "mortality")] == [1.0]
    assert [k[5] for k in by_outcome(records, "reintervention")] == [None]


# -- "these were": outcomes named in the clause before ------------------------------------------

@pytest.mark.parametrize("text, first, second", [
    ("Overall and disease-free survival at 3 years were 70% and 55%; at 5 years these were "
     "60% and 45%, respectively.", "overall_survival", "disease_free_survival"),
    ("Primary patency at 1 year was 85% and freedom from reintervention 92%; at 2 years they "
     "were 74% and 88%, respectively.", "primary_patency", "reintervention"),
])
def test_these_were_refers_to_the_outcomes_of_the_clause_before(text, first, second):
    records = extract(text)
    late = [k for k in keyed(records) if k[5] in (24.0, 60.0) and k[4] in (0.6, 0.74)]
    assert [k[0] for k in late] == [first]
    assert (second, "rate_at_time", None, None, 0.45 if second.startswith("disease") else 0.12,
            60.0 if second.startswith("disease") else 24.0) in keyed(records)


def test_these_were_with_fewer_values_than_outcomes_is_not_guessed():
    # regression: one value for two outcomes cannot be given to either
    records = extract("Overall and disease-free survival at 3 years were 70% and 55%; at 5 "
                      "years these were 60%.")
    assert [k for k in keyed(records) if k[5] == 60.0] == []


# -- a neighbour's time point is not the clause's -----------------------------------------------

@pytest.mark.parametrize("text, times", [
    ("In-hospital mortality was 5.8% and 90-day mortality 9.6%.", [0.0, 3.0]),
    ("Perioperative mortality was 1% and 1-year mortality 6%.", [0.0, 12.0]),
])
def test_a_time_modifying_the_next_outcome_is_not_the_previous_ones(text, times):
    assert [k[5] for k in by_outcome(extract(text), "mortality")] == times


def test_readmission_before_a_dated_mortality_keeps_no_time():
    records = extract("Readmission was required in 6% and 30-day mortality was 1%.")
    assert [k[5] for k in by_outcome(records, "readmission")] == [None]
    assert [k[5] for k in by_outcome(records, "mortality")] == [1.0]


def test_a_time_after_the_outcome_still_dates_it():
    # regression: "mortality at 30 days" is the mortality's own time
    assert [k[5] for k in by_outcome(extract("Mortality at 30 days was 2%."), "mortality")] \
        == [1.0]


# -- an outcome named in brackets defining another ----------------------------------------------

@pytest.mark.parametrize("text", [
    "Major complications (bleeding requiring reoperation or death) occurred in six patients "
    "(15%), and two patients died within 30 days (5%).",
    "Severe complications (graft infection or death) occurred in 6 patients "
    "(15%), and 2 patients died within 30 days (5%).",
])
def test_an_outcome_defining_another_is_no_finding(text):
    records = extract(text)
    assert [(k[2], k[5]) for k in by_outcome(records, "mortality")] == [(2, 1.0)]
    assert [k[2] for k in by_outcome(records, "complications_major")] == [6]


def test_an_abbreviation_in_brackets_stays_the_outcome():
    # regression: the same outcome in brackets is its abbreviation, not a definition
    records = extract("Overall survival (OS) was 80% at 2 years.")
    assert by_outcome(records, "overall_survival") == [
        ("overall_survival", "rate_at_time", None, None, 0.8, 24.0)]


# -- a duration before the outcome is not a value of its time list -----------------------------

@pytest.mark.parametrize("text, outcome, values", [
    ("With a median follow-up of 37 months (range 6-131), the 1-, 3- and 5-year overall "
     "survival rates were 89%, 54% and 36%, respectively.", "overall_survival",
     [(0.89, 12.0), (0.54, 36.0), (0.36, 60.0)]),
    ("After a mean follow-up of 40 months, the 2- and 4-year primary patency rates were 80% "
     "and 71%.", "primary_patency", [(0.8, 24.0), (0.71, 48.0)]),
])
def test_a_follow_up_before_the_outcome_leaves_the_time_list_its_values(text, outcome, values):
    assert [(k[4], k[5]) for k in by_outcome(extract(text), outcome)] == values


def test_values_before_their_time_list_still_map_onto_it():
    # regression: "rates were A, B and C at 1, 3 and 6 months": the values come first
    records = extract("The primary patency rates were 98%, 95% and 90% at 1, 3 and 6 months, "
                      "respectively.")
    assert [(k[4], k[5]) for k in by_outcome(records, "primary_patency")] == [
        (0.98, 1.0), (0.95, 3.0), (0.9, 6.0)]


# -- a complication window stated once in the methods -------------------------------------------

@pytest.mark.parametrize("methods, months", [
    ("Complications were recorded within 30 days of surgery and graded by Clavien-Dindo.", 1.0),
    ("Postoperative morbidity was defined as any adverse event within 90 days of the "
     "operation.", 3.0),
    ("Adverse events were collected up to six weeks after the procedure.", 1.38),
    ("Complications within 90 days of the operation were graded by Clavien-Dindo.", 3.0),
])
def test_a_complication_window_of_the_methods_dates_later_complications(methods, months):
    records = extract(f"Methods: {methods}\nResults: Complications occurred in 12 patients "
                      "(30%). Major complications occurred in 4 patients (10%).")
    assert sorted((k[0], k[2], k[5]) for k in keyed(records)) == [
        ("complications_any", 12, months), ("complications_major", 4, months)]


def test_complications_without_a_stated_window_keep_no_time():
    # regression: a grading system is no window
    records = extract("Methods: Complications were graded using the Clavien-Dindo "
                      "classification.\nResults: Complications occurred in 12 patients (30%).")
    assert [k[5] for k in by_outcome(records, "complications_any")] == [None]


def test_the_window_dates_neither_intraoperative_nor_late_complications():
    # regression: a stated time of the sentence (intraoperative: 0) and late complications
    # at follow-up are not in the window
    records = extract("Methods: Complications were recorded within 30 days.\nResults: "
                      "Intraoperative complications occurred in 2 patients. Late "
                      "complications occurred in 5 patients during follow-up.")
    assert sorted((k[2], k[5]) for k in by_outcome(records, "complications_any")) == [
        (2, 0.0), (5, None)]


def test_the_window_does_not_date_mortality():
    # regression: the complications' window is not the mortality's
    records = extract("Methods: Complications were recorded within 30 days.\nResults: "
                      "Two patients died during follow-up.")
    assert [k[5] for k in by_outcome(records, "mortality")] == [None]


# -- the whole cohort's value among its arms' values --------------------------------------------

@pytest.mark.parametrize("text, outcome, value, months", [
    ("Primary patency at 12 months was 78% for the whole series, 85% for stenoses and 70% "
     "for occlusions.", "primary_patency", 0.78, 12.0),
    ("Thirty-day mortality was 4% overall, 2% in the laparoscopic group and 6% in the open "
     "group.", "mortality", 0.04, 1.0),
    ("The proportion alive at two years was 61% for the entire cohort (Kaplan-Meier), 68% "
     "after stenting and 55% after bypass.", "overall_survival", 0.61, 24.0),
])
def test_the_value_marked_as_the_whole_cohorts_is_kept_for_all(text, outcome, value, months):
    records = extract(text)
    assert [(r.group, round(r.value, 3), r.timepoint_months) for r in records
            if r.outcome == outcome and r.group == "all"] == [("all", value, months)]


def test_several_values_with_none_marked_stay_unresolved():
    # regression: without a whole-cohort marker two values of one outcome are not guessed
    assert by_outcome(extract("Thirty-day mortality was 4% and 6%."), "mortality") == []


def test_respective_groups_are_not_taken_for_the_whole_cohort():
    # regression: "respectively" still gives each arm its value
    records = extract("Mortality was 9.1% and 4.2% in group A and group B, respectively.")
    assert sorted((r.group, round(r.value, 3)) for r in records) == [("group A", 0.091),
                                                                     ("group B", 0.042)]


# -- "these were" in the next sentence -----------------------------------------------------------

@pytest.mark.parametrize("text, late", [
    ("Overall and disease-free survival at 3 years were 70% and 55%. At 5 years, these were "
     "60% and 45%, respectively.",
     [("overall_survival", 0.6, 60.0), ("disease_free_survival", 0.45, 60.0)]),
    ("Primary patency at 1 year was 85% and freedom from reintervention 92%. They were 74% "
     "and 88% at 2 years, respectively.",
     [("primary_patency", 0.74, 24.0), ("reintervention", 0.12, 24.0)]),
])
def test_these_were_refers_to_the_outcomes_of_the_sentence_before(text, late):
    records = extract(text)
    assert [(r.outcome, round(r.value, 3), r.timepoint_months) for r in records
            if r.timepoint_months == late[0][2]] == late
    assert all(r.quote.split()[0] in ("At", "They") for r in records
               if r.timepoint_months == late[0][2])


@pytest.mark.parametrize("text", [
    "Overall survival at 3 years was 70%. Another series reported that these were 60% at 5 "
    "years [12].",
    "Overall survival at 3 years was 70%. The mean gradient was 9 mmHg. At 5 years, these "
    "were 60%.",
])
def test_these_were_after_a_citation_or_another_sentence_is_not_read(text):
    # regression: a cited study's figures, and a sentence not right after the outcomes
    assert [r.timepoint_months for r in extract(text)] == [36.0]
