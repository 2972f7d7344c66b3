"""Reporting patterns of journals whose house style or translated English the rules were not
written on (issue 10, held-out set 6 classes), each on sentences written for this file, with
a precision test for each false-positive class a pattern could open:

- two findings joined by a bare ``and`` (no comma), each with its own subject and verb;
- an outcome denied after it is named (``... were not registered``, ``was not observed``);
- the grading bracketed inside the noun (``major (Clavien >= 3) complications``), ``and
  higher``, and Roman numerals typeset as single characters;
- translated words: ``lethality`` for mortality, ``recurrent <condition> developed``;
- a day counted from the procedure leading its clause (``On day 180, ...``);
- run-in structured-abstract labels in title case with no mark (``Results Ileal conduit ...``);
- ``For the entire cohort, ...`` is everyone; ``OS of stage I patients (n = 90)`` a stratum
  that reaches forward only; ``no donor mortality`` a denial of the cohort's people.
"""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through tests/conftest.py

from extract.model import Page
from extract.reading.document_text import pages_to_section_sentences
from extract.reading.readers import clean_page


def outcomes(text: str, cohort: int | None = 120) -> list[tuple]:
    return sorted((r.outcome, r.events, r.total, r.timepoint_months)
                  for r in extract(text, cohort=cohort))


# -- two findings joined by a bare "and" -----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("R0 resection rate was 90.0% (108/120) and a complete response was found in 30 cases.",
     [("r0_resection", 108, 120, None)]),
    ("Technical success was 97.5% (117/120) and transfusion was needed in 14 patients.",
     [("technical_success", 117, 120, None)]),
    ("Recurrence was seen in 9 patients and 4 patients were reoperated.",
     [("recurrence_any", 9, 120, None), ("reintervention", 4, 120, None)]),
])
def test_a_bare_and_before_a_new_subject_and_verb_ends_the_clause(text, expected):
    assert outcomes(text) == expected


def test_a_bare_and_inside_a_list_of_values_keeps_them_together():
    # "and 10% (12/120)" has no verb of its own: the values of one outcome at two times
    text = "Mortality was 5% (6/120) and 10% (12/120) at 1 and 3 years."
    assert outcomes(text) == [("mortality", 6, 120, 12.0), ("mortality", 12, 120, 36.0)]


# -- denied after it is named -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Wound infection developed in 9 patients (7.5%), complications of grade III and higher "
     "were not registered.", [("complications_major", 0, 120, None)]),
    ("Major complications were not observed.", [("complications_major", 0, 120, None)]),
    ("Mortality was not seen during the follow-up period.", [("mortality", 0, 120, None)]),
    ("Bleeding occurred in 20 patients (17%); mortality was not observed.",
     [("mortality", 0, 120, None)]),
])
def test_an_outcome_denied_after_it_is_named_is_none_of_the_cohort(text, expected):
    assert [o for o in outcomes(text) if o[0] != "complications_any"] == expected


@pytest.mark.parametrize("text", [
    "Complications were not recorded in the database.",  # data missing, not none
    "Recurrence was not detected in the irradiated patients.",  # a subset, not the cohort
    "Bile leak was not found to predict mortality.",  # a claim about a factor
])
def test_missing_data_subsets_and_claims_are_no_statement_of_none(text):
    assert outcomes(text) == []


# -- bracketed grades, "and higher", Roman numeral characters ----------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Major (Clavien ≥ 3) complications were seen in 11 patients.",
     [("complications_major", 11, 120, None)]),
    ("Severe (grade III–IV) complications developed in 8 patients (6.7%).",
     [("complications_major", 8, 120, None)]),
    ("Afterwards, high-grade (CD III–V) complications occurred in 13 (10.8%).",
     [("complications_major", 13, 120, None)]),
    ("Complications of Clavien-Dindo grade IIIa and higher occurred in 6 patients.",
     [("complications_major", 6, 120, None)]),
])
def test_the_grading_bracketed_inside_the_noun_names_major_complications(text, expected):
    assert outcomes(text) == expected


def test_minor_grades_in_brackets_are_not_major():
    text = "Minor (grade I–II) complications occurred in 40 patients."
    assert "complications_major" not in [o[0] for o in outcomes(text)]


def test_roman_numeral_characters_are_read_as_letters():
    page = clean_page(Page(None, "Clavien-Dindo grade \u2162 or above in 9 cases, "
                                 "Bismuth type \u2163 in 4, grade \u2171 in 2."))
    assert page.text == ("Clavien-Dindo grade III or above in 9 cases, Bismuth type IV in 4, "
                         "grade ii in 2.")
    assert outcomes(page.text) == [("complications_major", 9, 120, None)]


# -- translated words -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Thirty-day lethality made up 2.5% (3 patients).", [("mortality", 3, 120, 1.0)]),
    ("Hospital lethality was 1.7% (2 of 120).", [("mortality", 2, 120, 0.0)]),
    ("Recurrent herniation developed in 7 patients (5.8%).", [("recurrence_any", 7, 120, None)]),
    ("Recurrent stricture was seen in 12 men (10%).", [("recurrence_any", 12, 120, None)]),
])
def test_translated_words_for_mortality_and_recurrence(text, expected):
    assert outcomes(text) == expected


@pytest.mark.parametrize("text", [
    "Patients with recurrent hernia were seen in the outpatient clinic.",
    "Recurrent hernia repair was performed in 40 patients.",
    "A residual or recurrent leak was detected on imaging in four patients.",
    "The lethality of the disease is high.",
])
def test_a_recurrent_condition_treated_or_a_general_claim_is_no_finding(text):
    assert outcomes(text) == []


# -- a day leading its clause --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("On day 180, 102 patients were alive.", [("mortality", 18, 120, 5.91)]),
    ("At day 90, ninety patients were alive.", [("mortality", 30, 120, 3.0)]),
    ("On postoperative day 30, 4 patients had died.", [("mortality", 4, 120, 1.0)]),
])
def test_a_day_leading_its_clause_is_the_findings_time(text, expected):
    assert outcomes(text) == expected


def test_the_day_of_one_death_is_not_the_time_of_the_rate():
    text = ("One patient died on postoperative day 64 of pneumonia, giving 90-day mortality of "
            "0.8%.")
    assert ("mortality", 1, 120, 3.0) in outcomes(text)
    assert all(o[3] != 2.1 for o in outcomes(text))


# -- run-in labels in title case ------------------------------------------------------------

def test_title_case_labels_without_a_mark_start_their_sections():
    text = ("# Cystectomy in a regional centre\n\n"
            "Introduction Large centres report 90-day mortality of 4-8%.\n"
            "Material and methods Data of 150 consecutive patients were analysed.\n"
            "Results Ileal conduit was constructed in 100. Mortality at 90 days was 5%.\n"
            "Conclusions Outcomes are comparable.\n")
    sections = {s: sec for sec, s in pages_to_section_sentences([Page(None, text)])}
    assert sections["Large centres report 90-day mortality of 4-8%."] == "introduction"
    assert sections["Data of 150 consecutive patients were analysed."] == "methods"
    assert sections["Mortality at 90 days was 5%."] == "result"
    assert keyed(extract(text, cohort=150)) == [
        ("mortality", "proportion", "all", None, None, 0.05, 3.0)]


def test_a_sentence_opening_with_a_label_word_is_no_label():
    # "Results" then a word in lower case: the sentence's subject, kept whole
    text = "# A series\n\nMethods. We reviewed 30 patients.\nResults of the repair were good.\n"
    pairs = pages_to_section_sentences([Page(None, text)])
    assert any(s.startswith("Results of the repair") for _, s in pairs)


# -- the whole cohort named, a stratum named by its size after the outcome ------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("For the entire cohort, the 1- and 3-year overall survival was 95.0% and 82.4%.",
     [("overall_survival", "rate_at_time", "all", None, None, 0.824, 36.0),
      ("overall_survival", "rate_at_time", "all", None, None, 0.95, 12.0)]),
    ("In the whole cohort, mortality was 2.5% (3/120).",
     [("mortality", "proportion", "all", 3, 120, 0.025, None)]),
])
def test_the_entire_cohort_named_in_an_opening_phrase_is_everyone(text, expected):
    assert keyed(extract(text, cohort=120)) == expected


def test_a_feature_opening_phrase_still_names_a_stratum():
    text = "In the elderly patients, mortality was 5% (2/40)."
    assert [r.group for r in extract(text, cohort=120)] == ["elderly"]


@pytest.mark.parametrize(("text", "expected"), [
    # the stratum, sized after the outcome, reaches forward only
    ("The 5-year recurrence-free survival of the whole cohort was 78.9%, and 5-year overall "
     "survival of pathological stage I patients (n = 90) was 88.6%.",
     [("overall_survival", "rate_at_time", "pathological stage I", None, None, 0.886, 60.0),
      ("recurrence_free_survival", "rate_at_time", "all", None, None, 0.789, 60.0)]),
    ("The 3-year overall survival of node-negative cases (n = 70) was 81%.",
     [("overall_survival", "rate_at_time", "node-negative", None, None, 0.81, 36.0)]),
])
def test_a_stratum_sized_after_the_outcome_is_its_own_group(text, expected):
    assert keyed(extract(text, cohort=120)) == expected


def test_the_cohorts_own_words_sized_after_the_outcome_are_everyone():
    text = "The 5-year overall survival of all patients (n = 120) was 70.6%."
    assert [r.group for r in extract(text, cohort=120)] == ["all"]


@pytest.mark.parametrize("text", [
    "There was no donor mortality during the follow-up period.",
    "No patient death occurred.",
])
def test_the_cohorts_people_between_the_negation_and_the_outcome(text):
    assert outcomes(text) == [("mortality", 0, 120, None)]


def test_a_negated_other_noun_before_the_outcome_denies_nothing():
    # "without surgery died": the negation is of another noun
    assert outcomes("Two patients managed without surgery died.") == [("mortality", 2, 120, None)]


# -- the ablation done as planned ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Complete ablation was obtained in 65 of 67 tumours (97.0%).",
     [("technical_success", 65, 67, None)]),
    ("Complete ablation was achieved in 110 patients.", [("technical_success", 110, 120, None)]),
])
def test_complete_ablation_is_the_procedures_technical_success(text, expected):
    assert outcomes(text) == expected


def test_how_ablation_was_assessed_is_no_finding():
    assert outcomes("Complete ablation was assessed on CT one month after treatment.") == []


def test_the_living_a_lead_names_are_the_denominator_not_a_complement():
    # "alive, recurrence": the lead's comma lists nothing under a complement cue
    text = ("Among the 94 patients discharged alive, local recurrence occurred in 9 and distant "
            "metastasis in 21 patients.")
    assert outcomes(text) == [("recurrence_distant", 21, 94, None),
                              ("recurrence_local", 9, 94, None)]


def test_outcomes_listed_under_a_complement_cue_stay_complements():
    text = "Freedom from recurrence, reoperation and amputation was 90%."
    assert [(o[0], o[1], o[2]) for o in outcomes(text)] == [("reintervention", 12, 120)]


@pytest.mark.parametrize(("text", "group"), [
    ("On the recipient side, 1-year patient survival was 95.5%.", "recipient"),
    ("Among the recipients, 1-year overall survival was 92%.", "recipients"),
])
def test_the_people_on_the_other_side_of_the_procedure_are_a_group_of_their_own(text, group):
    assert [r.group for r in extract(text, cohort=120)] == [group]


def test_the_donors_of_a_donor_series_are_the_cohort():
    text = "In the donors, complications occurred in 34 (28.3%)."
    assert [r.group for r in extract(text, cohort=120)] == ["all"]


# -- a stratum sized without a comma ------------------------------------------------------

@pytest.mark.parametrize(("text", "group"), [
    ("In the patients with total resection (n=61) median OS was 21.2 months.",
     "total resection"),
    ("Among patients aged over 80 years (n = 25) mortality was 8%.", "aged over 80 years"),
])
def test_a_stratum_closed_by_its_size_without_a_comma(text, group):
    assert {r.group for r in extract(text, cohort=120)} == {group}
