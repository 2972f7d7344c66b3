"""Time from the setting of a sentence, and death and zero words (issue 10, classes 4, 5 and 7).

Each pattern on sentences written for this file in other fields' wording, with the corpus
sentence it came from last; the false-positive classes each have their regression test."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

import extract.rules.findings as findings


def keyed(records):
    return sorted((r.outcome, r.events, r.total, r.timepoint_months) for r in records)


# -- complications dated by the procedure itself ----------------------------------------------

@pytest.mark.parametrize("text", [
    "No complications occurred during the intervention.",
    "There were no intraprocedural complications and no patient died on the table.",
    "There were no complications or deaths during the procedures.",  # corpus (air leaks)
])
def test_complications_during_the_procedure_are_dated_zero(text):
    complications = [r for r in extract(text) if r.outcome == "complications_any"]
    assert [(r.events, r.timepoint_months) for r in complications] == [(0, 0.0)]


def test_a_count_of_intraoperative_complications_is_dated_zero():
    assert keyed(extract("Intraoperative complications occurred in 3 patients (7.5%).")) == [
        ("complications_any", 3, 40, 0.0)]


@pytest.mark.parametrize("text", [
    "Postoperative complications occurred in 8 patients (20%).",
    "In-hospital complications were seen in 8 patients (20%).",
    "Perioperative morbidity was 20%.",
])
def test_other_complications_keep_no_time(text):
    """gold-guide: in-hospital complications, perioperative morbidity -> null."""
    assert [r.timepoint_months for r in extract(text)] == [None]


# -- deaths caused by the treatment happen around it ------------------------------------------

@pytest.mark.parametrize("text", [
    "There were no treatment-related deaths.",
    "No ablation-related mortality was recorded in this series.",
    "No stent-related deaths occurred.",
    "Procedure-related mortality was 0%.",
    "There was no TACE-related death.",
    "No procedure-related deaths occurred.",  # corpus (lung ablation)
    "No PDT-related morbidity or mortality occurred.",  # corpus (bronchoscopic PDT)
])
def test_treatment_related_mortality_is_perioperative(text):
    mortality = [r for r in extract(text) if r.outcome == "mortality"]
    assert [(r.events, r.timepoint_months) for r in mortality] == [(0, 0.0)]


@pytest.mark.parametrize("text", [
    "Five patients died of sarcoma-related causes.",
    "Six deaths were reported; none adjudicated as device or procedure related.",  # corpus
    "Four patients died of tumour progression; none of the deaths was treatment related.",
    "Five patients had HCC-related deaths.",  # an acronym of the disease, not the treatment
])
def test_deaths_not_caused_by_the_treatment_are_not_dated_zero(text):
    assert all(r.timepoint_months != 0.0 for r in extract(text) if r.outcome == "mortality")


# -- a window the paper gives its early deaths ------------------------------------------------

@pytest.mark.parametrize(("text", "months"), [
    ("Early death was defined as death within the first 48 hours after admission.", 0.07),
    ("Early mortality (death within 7 days of surgery) was analysed separately.", 0.23),
    ("Overall, 52 patients (16.3%) died (early deaths) and 267 patients (83.7%) survived the "
     "first 72 hours (early survivors).", 0.1),  # corpus (trauma)
    ("There were two early deaths.", None),
    ("Early complications occurred within 30 days.", None),
])
def test_early_window_is_read_from_its_definition(text, months):
    assert findings.early_window(text) == months


def test_early_deaths_take_the_window_the_paper_defines():
    text = ("Early death was defined as death within the first 48 hours. Overall, 6 patients "
            "(15%) were early deaths.")
    assert keyed(extract(text)) == [("mortality", 6, 40, 0.07)]
    # without a definition, early deaths are perioperative (gold-guide "Time points")
    assert keyed(extract("Overall, 6 patients (15%) were early deaths.")) == [
        ("mortality", 6, 40, 0.0)]


# -- counts of deaths of a stated period ------------------------------------------------------

@pytest.mark.parametrize(("text", "months"), [
    ("There were two postoperative deaths.", 0.0),
    ("Two in-hospital deaths occurred.", 0.0),
    ("There were three 30-day deaths.", 1.0),
])
def test_a_count_of_deaths_of_a_period_counts_patients(text, months):
    count = {"two": 2, "three": 3}[text.split()[2 if text.startswith("There") else 0].lower()]
    assert keyed(extract(text)) == [("mortality", count, 40, months)]


def test_a_bare_count_of_deaths_beside_events_is_not_read_as_patients():
    """``27 recurrences and 22 deaths`` counts events of a story told elsewhere."""
    assert extract("After a median follow-up of 5 years, there were 27 recurrences and 3 "
                   "deaths.") == []


# -- "at this time" after a follow-up sentence ------------------------------------------------

@pytest.mark.parametrize("text", [
    "The median follow-up was 40 months. At this time, twelve patients were dead.",
    "Mean follow-up was 3.1 years (range 1-6). At that time, 12 patients had died.",
    "The median long-term follow-up period was 67.5 months (range 14–113 months). At this time "
    "post-surgery, twelve patients were dead.",  # corpus (cerebellar infarction), count changed
])
def test_this_time_after_follow_up_is_last_follow_up(text):
    # the paper's outcome assessment at 6 months would otherwise date the deaths
    method = "Outcome was assessed with the modified Rankin Scale at 6 months after surgery.\n\n"
    assert keyed(extract(method + text)) == [("mortality", 12, 40, None)]


def test_this_phase_after_a_stay_in_the_unit_is_still_perioperative():
    text = ("All patients were treated in the intensive care unit. During this phase, 3 patients "
            "died.")
    assert keyed(extract(text)) == [("mortality", 3, 40, 0.0)]


# -- outcomes assessed at discharge -----------------------------------------------------------

@pytest.mark.parametrize("method", [
    "Outcomes at the time of discharge were classified according to the Glasgow Outcome Scale.",
    "Functional status at discharge was graded with the modified Rankin Scale.",
])
def test_a_mortality_without_time_takes_the_assessment_at_discharge(method):
    text = f"{method}\n\nThe overall mortality rate was 15% (6 of 40 patients)."
    assert keyed(extract(text)) == [("mortality", 6, 40, 0.0)]


# -- zero words -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "months"), [
    ("Mortality: none.", None),
    ("Operative mortality was nil.", 0.0),
    ("None of the patients died within 90 days of surgery.", 3.0),
    ("No patient died during the hospital stay.", 0.0),
    ("The 30-day mortality rate was zero.", 1.0),  # corpus (IVC leiomyosarcoma)
    ("No patients died in the postoperative period.", 0.0),  # corpus
    ("there were no peri-operative deaths", 0.0),  # corpus
])
def test_zero_words_are_none_of_the_cohort(text, months):
    assert keyed(extract(text)) == [("mortality", 0, 40, months)]


# -- not the cohort's mortality ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Cancer-specific mortality was 20% at 5 years.",
    "Tumor-specific mortality was 25%.",
    "At last follow-up, the disease-specific mortality was 50%.",  # corpus wording
])
def test_disease_specific_mortality_is_not_all_cause_mortality(text):
    assert [r for r in extract(text) if r.outcome == "mortality"] == []
