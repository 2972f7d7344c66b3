"""Denominators of the assessed (issue 10, class 9): a stated subset is the denominator."""

from __future__ import annotations

from dataclasses import replace

import pytest

from extract.model import Page
from extract.pipeline import pages_to_document
from extract.reading.readers import read_pages
from extract.rules.assessed import candidates_to_assessed, text_to_treated, text_to_units
from extract.rules.findings import Candidate
from extract.settings import ExtractSettings


def records(text: str):
    doc = pages_to_document([Page(None, text)], "text/plain", ExtractSettings())
    return {(r.outcome, r.events, r.total) for r in doc.records}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [("Last follow-up visit data were available in 36 patients: 24 showed persistent symptom "
      "relief.", ("clinical_success", 24, 36)),
     ("Follow-up information was complete for 40 patients; recurrence occurred in 6 patients.",
      ("recurrence_any", 6, 40))],
    ids=["data-available-in", "follow-up-complete-for"],
)
def test_count_among_the_assessed(sentence, expected):
    text = ("Methods: We retrospectively reviewed 50 patients treated by stenting. "
            f"Results: {sentence}")
    assert expected in records(text)


@pytest.mark.parametrize(
    "text",
    ["Methods: During the study period, 25 patients with 30 nodules were treated. Results: "
     "Technical success was 100%, although some nodules required double ablation.",
     "Methods: Thirty lung nodules from 25 patients were ablated. Results: Technical success "
     "was 100% in all nodules."],
    ids=["patients-with-nodules", "nodules-from-patients"],
)
def test_findings_about_treated_units_use_their_count(text):
    assert ("technical_success", 30, 30) in records(text)


def test_patients_die_not_their_lesions():
    units = {"tumour": 30}
    death = Candidate("mortality", "proportion", "stated", count=2,
                      quote="Two patients died of tumour progression.")
    assert candidates_to_assessed([death], units)[0].group_n is None


def test_a_count_larger_than_the_assessed_keeps_the_cohort():
    c = Candidate("recurrence_any", "proportion", "stated", count=12,
                  quote="Data were available in 10 patients; recurrence occurred in 12.")
    assert candidates_to_assessed([c], {})[0].group_n is None


def test_units_counted_twice_differently_are_unclear():
    text = "25 patients with 30 nodules were treated; 20 patients with 24 nodules were followed."
    assert text_to_units(text) == {}
    assert text_to_units("25 patients with 30 lung nodules were treated.") == {"nodule": 30}


def _records(text: str, cohort: int) -> list[tuple]:
    from extract.pipeline import pages_to_records
    from extract.rules.nlp import outcome_nlp
    found = pages_to_records([Page(None, f"Results: {text}")], outcome_nlp(), cohort)
    return [(r.outcome, r.group, r.events, r.total) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("For 155 successfully completed procedures the R0 resection rate was 62.6%.",
         ("r0_resection", "all", 97, 155)),
        ("Among 40 patients with imaging follow-up, recurrence occurred in 6 patients.",
         ("recurrence_any", "all", 6, 40)),
        ("In 64 evaluable patients, clinical success was 87.5%.",
         ("clinical_success", "all", 56, 64)),
    ],
    ids=["for-n-procedures", "among-n-with-follow-up", "in-n-evaluable"],
)
def test_an_opening_phrase_naming_the_assessed(text, expected):
    assert expected in _records(text, 200)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the patients of the opening phrase are the finding's own, not its denominator
        ("In 5 patients the stoma was permanent and another 5 died.", ("mortality", "all", 5, 96)),
        # a stratum keeps its own size
        ("Among 40 patients with diabetes, recurrence occurred in 6 patients.",
         ("recurrence_any", "diabetes", 6, 40)),
    ],
    ids=["in-n-patients-the", "among-n-with-diabetes"],
)
def test_an_opening_count_that_is_not_the_assessed(text, expected):
    assert expected in _records(text, 96)


@pytest.mark.parametrize(
    ("text", "cohort", "expected"),
    [
        ("Eight of the 45 patients with imaging follow-up had stent occlusion, and 6 (13.3%) "
         "required reintervention.", 100, ("reintervention", "all", 6, 45)),
        ("Twelve of the 52 patients seen at one year had recurrence, and 4 (7.7%) required "
         "reintervention.", 100, ("reintervention", "all", 4, 52)),
        # (the corpus case)
        ("Twenty of the 34 patients (59%) with clinical follow-up data (mean, 33.5; median, 51 "
         "mo) died of sarcoma-related complications and 9 (26%) of unknown causes.", 40,
         ("mortality", "all", 9, 34)),
    ],
    ids=["of-45-with-imaging", "of-52-at-one-year", "of-34-with-follow-up"],
)
def test_a_stated_denominator_is_shared_by_the_later_counts_it_fits(text, cohort, expected):
    assert expected in _records(text, cohort)


def test_a_later_count_that_does_not_fit_the_stated_denominator_keeps_the_cohort():
    found = _records("Twelve of the 60 patients developed complications; 9 (9%) required "
                     "reintervention.", 100)
    assert ("reintervention", "all", 9, 100) in found


# The treated part of the cohort: outcomes of the intervention are of those who had it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [("Methods: We reviewed 50 patients with symptomatic carotid stenosis. Results: Forty-five "
      "(90%) patients underwent carotid stenting. There were no periprocedural complications.",
      ("complications_any", 0, 45)),
     ("Methods: A total of 40 patients with small renal masses were evaluated. Results: "
      "Thirty-two patients (80%) were treated with percutaneous cryoablation. Technical success "
      "was achieved in 30 patients.", ("technical_success", 30, 32)),
     ("Methods: Sixty patients with ruptured aneurysms were included. Results: 48 (80%) "
      "patients received endovascular coiling. Reintervention was required in 3 patients.",
      ("reintervention", 3, 48))],
    ids=["vascular-underwent", "urologic-treated-with", "neurosurgical-received"],
)
def test_outcomes_of_the_intervention_are_of_the_treated(text, expected):
    assert expected in records(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Methods: We reviewed 50 patients treated by iliac stenting. Results: Eight (16%) patients "
      "underwent additional angioplasty. There were no procedural complications.",
      ("complications_any", 0, 50)),
     ("Methods: We reviewed 50 patients treated by biliary drainage. Results: Ten (20%) patients "
      "underwent a second drainage procedure. There were no procedural complications.",
      ("complications_any", 0, 50))],
    ids=["additional-treatment", "second-treatment"],
)
def test_a_further_treatment_of_some_is_not_the_treated_cohort(text, expected):
    assert expected in records(text)


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [("Methods: We reviewed 50 patients with hepatic tumours. Results: Forty-five (90%) "
      "patients underwent radiofrequency ablation. The complication rate per ablation session "
      "was 4.2% (2/48).", ("complications_any", 2, 48), ("complications_any", 2, 45)),
     ("Methods: We reviewed 30 patients with renal tumours. Results: Twenty-seven (90%) "
      "patients underwent cryoablation. The major complication rate per treated lesion was "
      "7.5% (3/40).", ("complications_major", 3, 40), ("complications_major", 3, 27)),
     ("Methods: We reviewed 30 patients with renal tumours. Results: Twenty-seven (90%) "
      "patients underwent cryoablation. Complications occurred in 3 of 40 procedures (7.5%).",
      ("complications_any", 3, 40), ("complications_any", 3, 27))],
    ids=["per-session-rate", "per-lesion-rate", "of-procedures"],
)
def test_a_rate_per_procedure_with_its_own_count_keeps_its_denominator(text, expected,
                                                                        not_expected):
    found = records(text)
    assert expected in found
    assert not_expected not in found


def test_a_percentage_alone_takes_its_count_from_the_treated():
    text = ("Methods: We reviewed 30 patients with renal tumours. Results: Twenty-seven (90%) "
            "patients underwent cryoablation. Technical success was 96%.")
    assert ("technical_success", 26, 27) in records(text)  # 96% of 27, not of 30 (29)


def test_a_share_of_the_whole_cohort_stays_of_the_cohort():
    treated = 67
    c = Candidate("reintervention", "proportion", "stated", count=8, percent=0.11,
                  quote="Eight (11%) patients needed another intervention.")
    assert candidates_to_assessed([c], {}, treated)[0].group_n is None  # 8/74, not 8/67
    c = replace(c, percent=0.12)
    assert candidates_to_assessed([c], {}, treated)[0].group_n == treated


def test_late_deaths_are_of_the_whole_cohort():
    c = Candidate("mortality", "proportion", "stated", count=5, timepoint_months=24,
                  quote="Five patients died within two years.")
    assert candidates_to_assessed([c], {}, 45)[0].group_n is None
    early = replace(c, timepoint_months=0, quote="One patient died during the procedure.",
                    count=1)
    assert candidates_to_assessed([early], {}, 45)[0].group_n == 45


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Forty-five (90%) patients underwent stenting.", 45),
     ("Forty-five (90%) patients underwent stenting, obtaining complete relief in 40.", 45),
     ("45 patients (90%) were treated with stenting.", 45),
     ("Forty-five (80%) patients underwent stenting.", None),  # not a share of the 50
     ("Forty-five (90%) patients underwent repeat stenting.", None),
     ("Forty-five patients (90%) underwent complete tumour resection.", None),  # a result
     ("45 (90%) patients underwent stenting and 40 (80%) patients received drainage.", None),
     # a treatment after the one under study is given to some, not the treated
     ("After surgery, 45 patients (90%) received chemoradiotherapy.", None),
     ("Postoperatively, 45 (90%) patients underwent whole-brain radiotherapy.", None),
     ("Following discharge, 45 patients (90%) received physiotherapy.", None)],
    ids=["count-share", "result-after-treatment", "share-after-noun", "share-disagrees", "repeat",
         "extent-reached", "two-treated-counts", "after-surgery", "postoperatively",
         "after-discharge"],
)
def test_treated_part_of_the_cohort(text, expected):
    assert text_to_treated(text, 50) == expected


@pytest.mark.shared
def test_valve_outcomes_are_of_the_patients_who_had_valves(shared):
    path = shared / "corpus" / "pdf" / "airleak__Fiorelli2018.pdf"
    settings = ExtractSettings()
    doc = pages_to_document(read_pages(path, settings)[1], "application/pdf", settings)
    found = {(r.outcome, r.events, r.total) for r in doc.records}
    assert {("complications_any", 0, 67), ("mortality", 0, 67)} <= found
    assert ("complications_any", 0, 74) not in found
