"""Denominators of the assessed (issue 10, class 9): a stated subset is the denominator."""

from __future__ import annotations

import pytest

from extract.rules.assessed import candidates_to_assessed, text_to_units
from extract.rules.findings import Candidate
from extract.model import Page
from extract.pipeline import pages_to_document
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
