"""What is not a finding (issue 10, class 10): titles, aims, inferences, conditions, denied
changes and site-restricted statements make no zero-event (or any) record.

Each false-positive class on sentences written for this file, with the corpus sentence it came
from; a control beside each shows the finding the rule must keep."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

import extract.rules.clauses as clauses


def keyed(records):
    return sorted((r.outcome, r.events, r.total, r.timepoint_months) for r in records)


# -- aims -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "To evaluate mortality and complications in patients undergoing hepatectomy without portal "
    "vein embolization.",
    "The aim of this study was to assess recurrence in patients without adjuvant therapy.",
    "We sought to determine whether no-touch harvesting reduces complications in all patients.",
    "To evaluate mortality in patients undergoing hepatectomy without complications.",
    "To assess whether recurrence occurred in all patients without a mesh.",
    "To compare survival outcomes and peri-operative complications in patients with advanced "
    "ovarian cancer with 1-10 mm residual disease (RD) at primary debulking surgery (PDS) "
    "versus those achieving no gross residual disease (NGR) at interval debulking surgery "
    "(IDS).",  # corpus (gynaecologic)
])
def test_an_aim_is_not_a_finding(text):
    assert extract(text) == []


def test_a_sentence_opening_with_to_date_is_still_read():
    assert keyed(extract("To date, 3 patients (7.5%) have died.")) == [("mortality", 3, 40, None)]


# -- inferences and claims --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "This study demonstrates that elderly patients tolerate resection without increased "
    "mortality.",
    "These data indicate that the hybrid repair can be performed with no recurrence.",
    "Resection can be performed without mortality.",
    "Conclusions Our results suggest that 3DF leads to lower recurrence rates and a longer "
    "disease-free period for patients, without increasing complications.",  # corpus (hand)
])
def test_an_inference_makes_no_zero_event_record(text):
    assert extract(text) == []


# -- a change denied is not an absence --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Older patients tolerated resection without increased mortality.",
    "There was no excess mortality among the elderly patients.",
    "The laparoscopic group had no higher complication rate.",
    "Patients over 80 years had no increase in mortality.",
])
def test_no_increase_is_not_none(text):
    assert extract(text) == []


def test_a_negation_before_a_grade_is_still_none():
    assert keyed(extract("No complications of grade III or higher occurred.")) == [
        ("complications_major", 0, 40, None)]


# -- conditions of the protocol ---------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Patients were discharged on the second day if no complications occurred.",
    "Drains were removed on day 3 unless there was no recurrence of the effusion.",
    "Chest X-rays were performed on post-operative day 0 and 1, and patients were discharged "
    "earliest at 1 day after ablation if no complications arose.",  # corpus (lung ablation)
])
def test_a_condition_is_not_a_finding(text):
    assert extract(text) == []


# -- one site of the body ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "No complications occurred at the access site in any patient.",
    "There were no access-site complications.",
    "No major complications were observed at the donor site.",  # corpus (head and neck flaps)
])
def test_a_site_restricted_statement_is_not_the_cohorts(text):
    assert extract(text) == []


def test_a_plain_negation_is_still_none_of_the_cohort():
    assert keyed(extract("No major complications were observed.")) == [
        ("complications_major", 0, 40, None)]


# -- titles -----------------------------------------------------------------------------------

_TITLE = ("Robotic-assisted unilateral adrenalectomy: risk factors for perioperative "
          "complications in 303 consecutive patients")


@pytest.mark.parametrize(("text", "title", "cohort"), [
    ("Hepatectomy for colorectal metastases: mortality and recurrence in 120 patients\n\n"
     "Recurrence occurred in 30 patients (25%).",
     "Hepatectomy for colorectal metastases: mortality and recurrence in 120 patients", 120),
    ("Pelvic exenteration without mortality in 40 consecutive patients\n\nOne patient (2.5%) "
     "died of sepsis.", "Pelvic exenteration without mortality in 40 consecutive patients", 40),
    # the front-matter reader kept the journal's name before the title
    (f"{_TITLE}\n\nPostoperative complications occurred in 28 patients (9.2%).",
     f"Surgical Endoscopy , Volume 33, Issue 3 | Cite as {_TITLE}", 303),  # corpus (adrenal)
])
def test_the_title_is_not_a_finding(text, title, cohort):
    records = extract(text, cohort=cohort, title=title)
    assert records and all(r.quote not in title for r in records)
    assert any(r.quote in title for r in extract(text, cohort=cohort))  # what the title made


def test_a_title_run_into_the_abstract_is_cut_out_of_it():
    title = "Stenting of malignant caval obstruction: mortality in 40 patients"
    text = f"{title} Technical success was achieved in all patients."
    start, end = clauses.title_span(text, title)
    assert (start, text[end:]) == (0, " Technical success was achieved in all patients.")


@pytest.mark.parametrize("title", [
    None, "Outcomes", "Results of surgery. A retrospective study of the mortality in 40 patients",
    " ".join(["word"] * 41),
])
def test_what_cannot_be_told_from_text_is_no_title(title):
    assert clauses.title_span("Results of surgery. A retrospective study of the mortality in 40 "
                      "patients", title) is None


# -- an outcome denied only alone -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "There was no isolated local recurrence.",
    "No isolated distant metastasis was seen.",
    "Nine patients developed distant relapse, two of them concomitant local recurrence; no "
    "exclusive local recurrence was observed.",  # corpus (IVC leiomyosarcoma)
])
def test_none_alone_is_not_none(text):
    assert [r for r in extract(text) if r.events == 0] == []


# -- a negation about the patients a sentence opens with --------------------------------------

@pytest.mark.parametrize(("text", "total"), [
    ("Of the 40 patients, none died.", 40),
    ("Among 25 patients, none required reoperation.", 25),
    # (an event that "resolved without" the outcome is the subset that had the event: see
    # tests/extract/test_subset_findings.py)
    ("In 30 patients, the stent was deployed without any reintervention.", 30),
])
def test_a_negation_counts_the_patients_the_sentence_opens_with(text, total):
    assert [(r.events, r.total) for r in extract(text)] == [(0, total)]


@pytest.mark.parametrize("text", [
    "Of the 12 patients with leaks, none required reoperation.",
    "Among 9 patients treated with stents, none died.",
])
def test_a_negation_about_a_qualified_subset_is_not_the_cohorts(text):
    assert extract(text) == []


# -- words of death that are not deaths -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Grafts came from 30 deceased donors and 10 living donors.",
    "Death-censored graft survival at 5 years was 92%.",
    "Graft survival at 1 year was 95%.",
    "There were 225 living donors and 75 deceased donors.",  # corpus (kidney transplant)
    "One-year and 5-year death-censored graft survival rates were 99% and 96.6%, "
    "respectively.",  # corpus (kidney transplant)
])
def test_donors_and_grafts_are_not_patient_outcomes(text):
    assert extract(text, cohort=300) == []


def test_patient_survival_of_a_transplant_series_is_still_read():
    assert [(r.outcome, r.value, r.timepoint_months) for r in extract(
        "One-year and 5-year patient survival rates were 98.3% and 96.6%, respectively.")] == [
        ("overall_survival", 0.983, 12.0), ("overall_survival", 0.966, 60.0)]


# -- a subset chosen by its vital status ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Of the 12 patients who died, 9 died of tumour progression.",
    "Among the 30 survivors, 5 (17%) had a recurrence.",
    "Of the patients dead at follow-up, the mean survival time was 38.8 months (range 7 days "
    "to 107 months), and 50% died more than 2 years after the ictus.",  # corpus (cerebellar)
])
def test_a_sentence_about_the_dead_or_the_alive_is_not_the_cohorts(text):
    assert extract(text) == []


def test_a_count_of_the_cohort_that_died_is_still_read():
    assert keyed(extract("Of the 40 patients, 3 died.")) == [("mortality", 3, 40, None)]


# -- "no other" follows the ones there were ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "Two patients had wound infection; no other complications occurred.",
    "One patient died of sepsis; no other patient died.",
    "No other postprocedural complications occurred.",  # corpus (lung ablation)
])
def test_no_other_is_not_none(text):
    assert [r for r in extract(text) if r.events == 0] == []


# -- a denied list of kinds (class 4: zero words) ---------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("No major complications such as bleeding or bile leak occurred.",
     [("complications_major", 0, 40, None)]),
    ("There were no complications, such as infection or readmission, in any patient.",
     [("complications_any", 0, 40, None), ("readmission", 0, 40, None)]),
    # corpus (cardiac surgery): "central nervous system complications" is one kind, not
    # complications as a whole
    ("No postoperative adverse events such as severe bleeding, mediastinitis, central nervous "
     "system complications, the need for reoperation, pacemaker implantation, pleural effusion "
     "complications occurred after operation.", [("reintervention", 0, 40, None)]),
])
def test_each_kind_of_a_denied_list_is_none(text, expected):
    assert keyed(extract(text)) == expected


def test_a_breakdown_of_complications_that_occurred_is_still_not_read():
    assert extract("The most common complications included infection (n = 5) and bleeding "
                   "(n = 3).") == []


# -- the threshold of a definition --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Technical success, clinical success (fall in serum bilirubin ≥ 50% within 30 days) and "
    "adverse events were recorded.",
    "Clinical success (a > 30% reduction of the pain score) and complications were analysed.",
    "Technical success and clinical success (a decrease of at least 40% in the shunt) were "
    "assessed.",
])
def test_a_bounded_percentage_beside_a_change_is_a_threshold(text):
    assert keyed(extract(f"Methods\n{text}", cohort=92)) == []


def test_a_finding_beside_a_thresholds_definition_is_kept():
    # control: the count of the patients who reached the threshold is the finding
    text = "Clinical success (a ≥ 50% drop in bilirubin) was achieved in 40 patients."
    assert keyed(extract(text, cohort=92)) == [("clinical_success", 40, 92, None)]
