"""Reporting patterns of small case series (issue 10, held-out set 9 classes): counts written
as fraction words, narratives of patients named by number, deaths at one patient's own time,
outcomes in relative clauses, citations written out, cohort sizes as hyphenated adjectives.
Every sentence is written for this file; each class has a precision test beside it."""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py

from extract.model import Page
from extract.study.study import pages_to_study


def outcomes(text: str, cohort: int | None = 12) -> list[tuple]:
    return sorted((r.outcome, r.group, r.events, r.total, r.timepoint_months)
                  for r in extract(text, cohort=cohort))


# -- a share written as a fraction word ("half of the patients") -----------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Major complications occurred in half of the patients.",
     [("complications_major", "all", 6, 12, None)]),
    ("A quarter of the children required reoperation.",
     [("reintervention", "all", 3, 12, None)]),
    ("Recurrence was seen in one-third of the cases at last follow-up.",
     [("recurrence_any", "all", 4, 12, None)]),
])
def test_a_fraction_word_is_a_share_of_the_patients(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize("text", [
    "In the first half of the study period, mortality was not recorded.",
    "Half-life of the contrast agent was short and no complications were related to it.",
])
def test_a_fraction_word_of_no_patients_is_no_share(text):
    assert all(r.events in (None, 0) for r in extract(text, cohort=12))


# -- patients named by their numbers: a narrative of those patients -------------------------

@pytest.mark.parametrize("text", [
    "Patients 4 and 9 had no recurrence.",
    "Wound dehiscence occurred in cases 3 and 7 and required revision under anaesthesia.",
    "Recurrence was found in patients 2, 5 and 11 on follow-up imaging.",
    "Pts 1 and 6 died of progressive disease.",
])
def test_patients_named_by_number_are_not_the_cohort(text):
    assert extract(text, cohort=12) == []


def test_an_age_after_patients_names_no_patient():
    # "patients 18 years or older" is who was treated, not patient number 18
    text = "No recurrence was seen in patients 18 years or older."
    assert outcomes(text) == [("recurrence_any", "all", 0, 12, None)]


# -- a death at one patient's own time ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "One patient died of metastatic melanoma at 9 months.",
    "One patient died at 2 years from an unrelated stroke.",
])
def test_one_death_at_its_own_time_counts_at_last_follow_up(text):
    assert outcomes(text) == [("mortality", "all", 1, 12, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("One patient died within 30 days.", [("mortality", "all", 1, 12, 1.0)]),
    ("At 12 months, one patient had died.", [("mortality", "all", 1, 12, 12.0)]),
    ("Three patients died at 6 months.", [("mortality", "all", 3, 12, 6.0)]),
])
def test_a_window_or_a_time_of_the_cohort_keeps_its_time(text, expected):
    assert outcomes(text) == expected


# -- an outcome in a relative clause picks patients out --------------------------------------

@pytest.mark.parametrize("text", [
    "Pneumonia was diagnosed in all patients who survived beyond the first week.",
    "Ventilation time was longer in the patients who died (median 9 days).",
    "Those who died had a higher preoperative lactate.",
])
def test_an_outcome_in_a_relative_clause_is_no_finding(text):
    assert [r for r in extract(text, cohort=12) if r.outcome == "mortality"] == []


def test_a_counted_subject_with_a_relative_clause_is_still_counted():
    text = "Three patients died in hospital."
    assert outcomes(text) == [("mortality", "all", 3, 12, 0.0)]


# -- citations written out ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In a national audit, 30-day mortality after open repair was 9% (ref. 4).",
    "Balloon dilation alone has been followed by a patency of 60-70% (refs 7-9).",
    "Operative mortality in larger series approaches 12% (reference 15).",
])
def test_a_written_out_citation_marks_another_studys_figure(text):
    assert extract(text, cohort=12) == []


def test_a_reference_to_a_table_is_no_citation():
    text = "Thirty-day mortality was 2 of 12 (16.7%) (Table 2)."
    assert outcomes(text) == [("mortality", "all", 2, 12, 1.0)]


# -- a definition's words select no one -----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Technical success, defined as exclusion of the aneurysm sac on the final run, was "
     "achieved in 11 of 12 patients.", [("technical_success", "all", 11, 12, None)]),
    ("Clinical success, defined as exclusion of the bleeding source without surgery, was "
     "obtained in 10 of 12 patients.", [("clinical_success", "all", 10, 12, None)]),
])
def test_selection_words_inside_a_definition_do_not_drop_the_finding(text, expected):
    assert outcomes(text) == expected


def test_an_exclusion_outside_the_definition_still_selects():
    text = "We excluded 2 patients who died before the procedure."
    assert extract(text, cohort=12) == []


# -- the hyphenated participle and the repeated dilation --------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("No patient was re-operated.", [("reintervention", "all", 0, 12, None)]),
    ("Two children were re-operated on for bleeding.", [("reintervention", "all", 2, 12, None)]),
    ("Repeat angioplasty was needed in 3 patients.", [("reintervention", "all", 3, 12, None)]),
    ("Repeat balloon dilation was performed in 4 of 12 patients.",
     [("reintervention", "all", 4, 12, None)]),
])
def test_treated_again_in_other_words(text, expected):
    assert outcomes(text) == expected


def test_the_index_angioplasty_is_no_reintervention():
    text = "Angioplasty was performed in 12 patients, with a stent in 5."
    assert [r for r in extract(text, cohort=12) if r.outcome == "reintervention"] == []


# -- the cohort size as a hyphenated adjective ------------------------------------------------

def n_patients(title: str, abstract: str) -> int | None:
    return pages_to_study([Page(None, f"# {title}\n\nAbstract\n\n{abstract}\n")]).n_patients


@pytest.mark.parametrize(("title", "abstract", "expected"), [
    ("Stenting of renal artery stenosis in children: a 13-patient experience",
     "Results: Thirteen children underwent PTA of 17 arteries. Restenosis occurred in 5 "
     "arteries, and repeat angioplasty was performed in 4 children.", 13),
    ("Resection of cardiac myxoma: a twelve-case series",
     "Results: Twelve patients were operated on. Recurrence was treated by redo surgery in "
     "3 patients.", 12),
])
def test_a_hyphenated_count_in_the_title_is_the_cohort(title, abstract, expected):
    assert n_patients(title, abstract) == expected


def test_a_hyphenated_age_or_time_is_no_cohort():
    title = "Outcomes of a 5-year-old cohort: 30-day results"
    abstract = "Results: Twenty-two patients were treated. Two patients died."
    assert n_patients(title, abstract) == 22


def test_keyed_records_of_a_fraction_word():
    # the share becomes a count of the cohort only where it is a whole number
    assert keyed(extract("Recurrence developed in two-thirds of the patients.", cohort=10)) \
        == [("recurrence_any", "proportion", "all", None, None, 0.6667, None)]


# -- a bound in a bracket is the outcome's criterion -----------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Dilation was technically successful (residual stenosis <30%) in 10 of 12 patients.",
     [("technical_success", "all", 10, 12, None)]),
    ("Clinical success (a gradient below 5 mmHg) was achieved in 9 of 12 patients.",
     [("clinical_success", "all", 9, 12, None)]),
])
def test_a_bracketed_threshold_is_no_value(text, expected):
    assert outcomes(text) == expected


def test_a_bracketed_share_without_a_bound_is_still_the_value():
    text = "Technical success was achieved in 11 patients (91.7%)."
    assert outcomes(text) == [("technical_success", "all", 11, 12, None)]


# -- the catheter closure of a shunt done as planned -----------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Transcatheter closure succeeded in ten of twelve patients.",
     [("technical_success", "all", 10, 12, None)]),
    ("Percutaneous closure was successful in 11 patients.",
     [("technical_success", "all", 11, 12, None)]),
    ("Device occlusion was achieved in all 12 patients.",
     [("technical_success", "all", 12, 12, None)]),
])
def test_catheter_closure_done_is_technical_success(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize("text", [
    "Wound closure was achieved in all 12 patients.",
    "Primary closure succeeded in 10 patients.",
])
def test_a_surgical_closure_is_no_technical_success(text):
    assert [r for r in extract(text, cohort=12) if r.outcome == "technical_success"] == []


# -- a coordinated list of rates with the follow-up's length after it --------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The 3-year overall and disease-free survival rates were 75% and 50%, respectively, over "
     "a median follow-up of 40 months.",
     [("disease_free_survival", "all", None, None, 36.0),
      ("overall_survival", "all", None, None, 36.0)]),
    ("Overall and progression-free survival at 1 year were 90% and 70%, respectively, after a "
     "median follow-up of 18 months (range 6-30).",
     [("overall_survival", "all", None, None, 12.0),
      ("progression_free_survival", "all", None, None, 12.0)]),
])
def test_the_follow_up_after_a_list_of_rates_is_no_item(text, expected):
    assert outcomes(text) == expected


# -- alive as a description of whom a number counts ---------------------------------------------

@pytest.mark.parametrize("text", [
    "During follow-up, recurrence developed in 5 of the 10 patients discharged alive.",
    "Over a median follow-up of 20 months, 4 of the 11 children leaving hospital alive needed "
    "readmission.",
])
def test_patients_discharged_alive_are_no_vital_status(text):
    assert [r for r in extract(text, cohort=12) if r.outcome == "mortality"] == []


# -- a figure others reported, named as such ---------------------------------------------------

@pytest.mark.parametrize("text", [
    "These lesions carry a reported mortality of 20% when they rupture.",
    "Bile leak has a reported incidence of 10% after this repair, and reoperation a reported "
    "rate of 5%.",
])
def test_a_reported_figure_is_another_studys(text):
    assert extract(text, cohort=12) == []


def test_our_own_figure_as_reported_in_a_table_is_kept():
    text = "Mortality was 2 of 12 (16.7%), as reported in Table 2."
    assert outcomes(text) == [("mortality", "all", 2, 12, None)]


# -- "no other X and no Y": the second denial is outright -------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("A groin haematoma occurred in 1 patient; no other complications and no deaths occurred "
     "within 30 days.", [("mortality", "all", 0, 12, 1.0)]),
    ("One patient had a leak, with no other complications and no reoperation.",
     [("reintervention", "all", 0, 12, None)]),
])
def test_a_denial_after_no_other_is_outright(text, expected):
    assert [o for o in outcomes(text) if o[0] != "complications_any"] == expected


def test_no_other_complications_is_no_zero_of_complications():
    text = "A groin haematoma occurred in 1 patient; no other complications occurred."
    assert [o for o in outcomes(text) if o[2] == 0] == []


# -- a universal finding at a fixed time --------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Symptoms had resolved in all 12 at 6 months.", [("clinical_success", "all", 12, 12, 6.0)]),
    ("At 3 months, the symptoms had improved in all patients.",
     [("clinical_success", "all", 12, 12, 3.0)]),
])
def test_a_universal_finding_at_a_fixed_time_is_dated(text, expected):
    assert outcomes(text) == expected


def test_a_universal_finding_without_a_fixed_time_is_undated():
    text = "Symptoms had resolved in all patients by the end of treatment."
    assert outcomes(text) == [("clinical_success", "all", 12, 12, None)]


# -- a paragraph opened by a sized stratum heading reports that stratum ----------------------

def para_outcomes(text: str, cohort: int = 12) -> list[tuple]:
    return sorted((r.outcome, r.group, r.events, r.total, r.timepoint_months)
                  for r in extract(f"Results\n\n{text}\n", cohort=cohort))


@pytest.mark.parametrize(("text", "group"), [
    ("Grade 2 tumours (n = 5). Resection was uneventful in four. One patient died of "
     "pneumonia within 30 days (1/5).", "Grade 2 tumours"),
    ("Late referral (> 48 h, n = 5). Median delay was 3 days. One patient died within 30 days "
     "(1/5, 20%).", "Late referral"),
])
def test_a_sized_heading_names_the_paragraphs_stratum(text, group):
    assert all(o[1] == group for o in para_outcomes(text)) and para_outcomes(text)


def test_a_paragraph_without_a_sized_heading_reports_the_cohort():
    text = "Whole series. One patient died within 30 days (1/12)."
    assert para_outcomes(text) == [("mortality", "all", 1, 12, 1.0)]


def test_a_whole_cohort_sentence_under_a_heading_stays_the_cohorts():
    text = ("Grade 2 tumours (n = 5). One patient died within 30 days (1/5). Overall, 2 of 12 "
            "patients died within 30 days.")
    assert ("mortality", "all", 2, 12, 1.0) in para_outcomes(text)


@pytest.mark.parametrize("text", [
    "Grade 2 tumours (n = 5). One patient died (30-day mortality 1/5, 20%).\n\n"
    "Grade 3 tumours (n = 7). Two patients died within 30 days (2/7).",
    "Early referral (n = 5). Thirty-day mortality was 1/5.\n\n"
    "Late referral (n = 7). Two patients (28.6%) died within 30 days.",
])
def test_the_strata_of_sized_headings_add_up_to_the_cohort(text):
    assert ("mortality", "all", 3, 12, 1.0) in para_outcomes(text)


def test_sized_headings_of_different_treatments_are_not_summed():
    text = ("Stent (n = 5). One patient died within 30 days (1/5).\n\n"
            "Conservative treatment (n = 7). Two patients died within 30 days (2/7).")
    assert [o for o in para_outcomes(text) if o[1] == "all"] == []


# -- "N of M" as the subject of an outcome verb --------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("2 of 12 died within 30 days.", [("mortality", "all", 2, 12, 1.0)]),
    ("Three of the twelve recurred during follow-up.", [("recurrence_any", "all", 3, 12, None)]),
    ("Four of 12 were reoperated.", [("reintervention", "all", 4, 12, None)]),
])
def test_a_fraction_before_an_outcome_verb_counts_patients(text, expected):
    assert outcomes(text) == expected


def test_a_fraction_before_an_event_noun_is_a_share_of_the_events():
    text = "In total, 9 of 15 reoperations (60%) were for bleeding."
    assert [r for r in extract(text, cohort=12) if r.outcome == "reintervention"] == []


@pytest.mark.parametrize("text", [
    "Grade 2 tumours (n = 4). Three patients died within 30 days.\n\n"
    "Grade 3 tumours (n = 8). One patient died early (30-day mortality 12.5%).",
    # (the stratum's size is taken from a count stated in it)
    "Early referral (n = 4). Three of the four died within 30 days.\n\n"
    "Late referral (n = 8). Complications occurred in 2 patients. The 30-day mortality was "
    "12.5%.",
])
def test_a_strata_percentage_of_one_whole_count_is_summed(text):
    assert ("mortality", "all", 4, 12, 1.0) in para_outcomes(text)


def test_a_strata_percentage_of_no_whole_count_is_not_summed():
    text = ("Grade 2 tumours (n = 4). Three patients died within 30 days.\n\n"
            "Grade 3 tumours (n = 8). The 30-day mortality was 15%.")
    assert [o for o in para_outcomes(text) if o[1] == "all"] == []
