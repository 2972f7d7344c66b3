"""Strata of the cohort are groups, never ``all`` (issue 10, class 8; gold-guide "Groups")."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.rules.nlp import outcome_nlp
from extract.rules.strata import sentence_to_stratum


def records(text: str, cohort: int = 100) -> list[tuple]:
    found = pages_to_records([Page(None, f"Results: {text}")], outcome_nlp(), cohort)
    return [(r.outcome, r.measure, r.group, r.value, r.timepoint_months) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a qualifier after the patients in an opening phrase
        ("Among women older than 75 years, 30-day mortality was 8%.",
         ("mortality", "proportion", "older than 75 years", 0.08, 1.0)),
        ("In patients with a tumour larger than 5 cm (T2), the 3-year overall survival was 41%.",
         ("overall_survival", "rate_at_time", "tumour larger than 5 cm", 0.41, 36.0)),
        ("Similarly, for patients undergoing redo surgery, median survival was 18 months.",
         ("overall_survival", "median", "redo surgery", 18.0, None)),
        # (corpus cases: an older stratum of a glioma series, a node-negative stratum)
        ("Likewise, for patients aged 70 years and older, median survival was 4.5 months.",
         ("overall_survival", "median", "aged 70 years and older", 4.5, None)),
        ("In patients without lymph node metastasis (N0), the median survival was 52.3 months.",
         ("overall_survival", "median", "without lymph node metastasis", 52.3, None)),
        # a treatment qualified by its result
        ("The 3-year survival after hepatectomy with negative margins was 72%.",
         ("overall_survival", "rate_at_time", "hepatectomy with negative margins", 0.72, 36.0)),
        ("The 5-year and 10-year survival rates after resection without documented residual "
         "macroscopic disease were 50% and 22%, respectively.",
         ("overall_survival", "rate_at_time",
          "resection without documented residual macroscopic disease", 0.5, 60.0)),
    ],
    ids=["women-older-than", "with-tumour-larger", "undergoing-redo", "aged-70-and-older",
         "without-nodal-metastasis", "hepatectomy-with-negative-margins",
         "resection-without-residual-disease"],
)
def test_a_stratum_is_a_group(text, expected):
    found = records(text)
    assert expected in found
    assert all(group != "all" for _, _, group, _, _ in found)


@pytest.mark.parametrize(
    "text",
    [
        # the patients assessed are the cohort's denominator, not a stratum
        "In patients with available follow-up, the 5-year survival was 64%.",
        "Among patients with complete imaging data, primary patency at 12 months was 81%.",
        # the cohort itself
        "Overall, the 5-year survival was 64%.",
        "Mortality after surgery was 3%.",
    ],
    ids=["available-follow-up", "complete-imaging-data", "overall", "after-surgery"],
)
def test_not_a_stratum(text):
    found = records(text)
    assert found and all(group == "all" for _, _, group, _, _ in found)


def test_a_result_qualifying_the_treatment_is_not_the_cohort_finding():
    # "clear margins" qualifies the excision: no whole-cohort R0 rate of 4%
    found = records("Local recurrence following excision with clear margins was 4%.")
    assert not [r for r in found if r[2] == "all"]


def test_the_group_who_underwent_a_treatment():
    assert sentence_to_stratum("The group who underwent resection had longer survival.") == (
        "who underwent resection", "who underwent resection")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Of the patients who died, the median survival was 14 months.", "patients who died"),
        ("Among survivors, median follow-up was 40 months and 12% required reoperation.",
         "survivors"),
        ("Of the 22 (68.8%) patients alive at the time of follow-up, 17 patients (77.2%) had a "
         "good outcome.", "patients alive at the time of follow-up"),
        # (the corpus case)
        ("Of the patients dead at follow-up, the mean survival time was 38.8 months, and 50% "
         "died more than 2 years after the ictus.", "patients dead at follow-up"),
    ],
    ids=["who-died", "survivors", "alive-at-follow-up", "dead-at-follow-up"],
)
def test_the_patients_alive_or_dead_are_a_stratum(text, label):
    assert sentence_to_stratum(text)[0] == label
    # (a sentence may give no record at all; it never gives one of the whole cohort)
    assert all(group == label for _, _, group, _, _ in records(text))


def test_a_rate_among_survivors_is_theirs():
    assert records("Among survivors, 12% required reoperation.") == [
        ("reintervention", "proportion", "survivors", 0.12, None)]


def test_of_the_patients_alone_is_no_stratum():
    assert sentence_to_stratum("Of the patients, 4 died within 30 days.") is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Survival was longer in women than in men (median 40 vs. 22 months).", "women vs. men"),
        ("Primary patency was higher in patients with iliac lesions than in those with femoral "
         "lesions, 91% vs. 64%.", "patients with iliac lesions vs. those with femoral lesions"),
        # (the corpus case)
        ("Efficacy was better for smaller lesions (20 mm to 49 mm; n = 131) than for larger "
         "lesions (50 mm to 140 mm; n = 51) with R0 rates of 70.8 vs. 40.5 % (P < 0.001).",
         "smaller lesions vs. larger lesions"),
    ],
    ids=["women-men", "iliac-femoral", "smaller-larger-lesions"],
)
def test_two_strata_compared_are_not_the_cohort(text, label):
    assert sentence_to_stratum(text)[0] == label
    assert all(group == label for _, _, group, _, _ in records(text))


def test_a_comparison_with_other_series_is_no_stratum():
    assert sentence_to_stratum("Mortality was 3%, lower than in previous series.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Of the 17 surgically treated patients, 3 died within 30 days.",
         ("mortality", "proportion", "surgically treated", 3 / 17, 1.0)),
        ("Of these 12 elderly patients, 4 died within 30 days.",
         ("mortality", "proportion", "elderly", 4 / 12, 1.0)),
        # (the corpus case)
        ("Of the 25 conservatively treated patients, 20 experienced good outcomes, 4 "
         "experienced moderate outcomes, and 1 died as a result of pulmonary embolism.",
         ("mortality", "proportion", "conservatively treated", 1 / 25, None)),
    ],
    ids=["surgically-treated", "elderly", "conservatively-treated"],
)
def test_patients_qualified_by_their_treatment_are_a_stratum_of_their_size(text, expected):
    found = [(o, m, g, round(v, 4), t) for o, m, g, v, t in records(text)]
    assert (*expected[:3], round(expected[3], 4), expected[4]) in found
    assert all(g != "all" for _, _, g, _, _ in found)


@pytest.mark.parametrize("text", ["Of the 41 included patients, 3 died within 30 days.",
                                  "Of the 30 consecutive patients, 2 died within 30 days."],
                         ids=["included", "consecutive"])
def test_the_cohort_named_with_its_own_adjectives_is_no_stratum(text):
    assert sentence_to_stratum(text) is None


@pytest.mark.parametrize(
    ("text", "label", "total"),
    [
        ("Of the 40 patients treated with anticoagulation alone, 6 died within 30 days.",
         "anticoagulation alone", 40),
        ("Of the 25 patients (56%) treated with medical therapy alone, 20 experienced good "
         "recoveries and 2 died within 30 days.", "medical therapy alone", 25),
    ],
    ids=["anticoagulation-alone", "medical-therapy-alone"],
)
def test_patients_followed_by_their_treatment_are_a_stratum(text, label, total):
    found = pages_to_records([Page(None, f"Results: {text}")], outcome_nlp(), 100)
    assert [(r.group, r.total) for r in found if r.outcome == "mortality"] == [(label, total)]


def test_patients_with_follow_up_data_are_the_assessed_not_a_stratum():
    assert sentence_to_stratum("Of the 34 patients with clinical follow-up data, 20 died.") is None


@pytest.mark.parametrize(
    ("text", "label", "arms"),
    [
        ("Tumour grade predicted recurrence (2-year recurrence: low grade: 12% vs. high grade: "
         "41%).", "low grade vs. high grade", ["low grade", "high grade"]),
        ("Stage predicted survival (3-year OS: stage I: 88% vs. stage II: 61%, P < 0.001).",
         "stage I vs. stage II", ["stage I", "stage II"]),
        # (the corpus case)
        ("Histologic high grade (5-year OS: G1: 92% vs. G2: 54% vs. G3: 43%, P = 0.030) was "
         "associated with diminished OS.", "G1 vs. G2", ["G1", "G2", "G3"]),
    ],
    ids=["low-high-grade", "stage-i-ii", "g1-g2"],
)
def test_values_labelled_by_their_strata_are_not_the_cohort(text, label, arms):
    # the sentence names strata; each value is its own stratum's (extract.assembly.inline_arms)
    assert sentence_to_stratum(text)[0] == label
    assert [group for _, _, group, _, _ in records(text)] == arms


@pytest.mark.parametrize("text", ["The 5-year OS: 58%; DFS: 34%.",
                                  "Rates were OS: 58% and DFS: 34% at 5 years."],
                         ids=["semicolon", "and"])
def test_outcomes_labelled_with_their_values_are_no_strata(text):
    assert sentence_to_stratum(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The median survival of surviving patients was 48 months.",
         ("overall_survival", "median", "surviving patients", 48.0, None)),
        ("Primary patency among long-term survivors was 80% at 5 years.",
         ("primary_patency", "rate_at_time", "long-term survivors", 0.8, 60.0)),
    ],
    ids=["surviving-patients", "long-term-survivors"],
)
def test_the_living_or_dead_named_after_the_outcome_are_a_stratum(text, expected):
    assert records(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an outcome for the patients of one procedure is that procedure's stratum
        ("The operative mortality for emergency colectomy was particularly high (12%).",
         [("mortality", "proportion", "emergency colectomy", 0.12, 0.0)]),
        ("The complication rate for redo procedures was 20%.",
         [("complications_any", "proportion", "redo procedures", 0.2, None)]),
        # the cohort named after "for" is no stratum
        ("The mortality for the entire cohort was 2%.",
         [("mortality", "proportion", "all", 0.02, None)]),
        ("The 5-year overall survival for all patients was 60%.",
         [("overall_survival", "rate_at_time", "all", 0.6, 60.0)]),
    ],
)
def test_an_outcome_for_one_procedure_is_its_stratum(text, expected):
    assert records(text) == expected
