"""Outcomes named by an abbreviation the document defines (issue 10, residue class 3).

``Major adverse events (MAEs) ... MAEs occurred in 7``: the short form names the outcome its
long form names, with the cues around it (a complement cue makes it the opposite). Sentences
written for this file, then the corpus wording, then the false-positive classes."""

from __future__ import annotations

import pytest
from prose_records import extract  # tests/fixtures, on sys.path through tests/conftest.py

from extract.rules.defined_terms import defined_outcomes
from extract.rules.nlp import outcome_nlp


def found(records):
    return [(r.outcome, r.measure, r.events, r.total,
             None if r.value is None else round(r.value, 3), r.timepoint_months)
            for r in records]


@pytest.mark.parametrize("text, expected", [
    ("Major adverse events (MAEs) were adjudicated by an independent committee. MAEs "
     "occurred in 7 patients (7%).", ("complications_major", "proportion", 7, 100, 0.07, None)),
    ("Postoperative complications (POCs) were graded by Clavien-Dindo. POCs occurred in 21 "
     "patients (21%).", ("complications_any", "proportion", 21, 100, 0.21, None)),
    ("Primary assisted patency (PAP) was assessed with duplex ultrasound. PAP was 91% at 12 "
     "months.", ("primary_assisted_patency", "rate_at_time", None, None, 0.91, 12.0)),
])
def test_a_short_form_names_the_outcome_of_its_long_form(text, expected):
    assert expected in found(extract(text, cohort=100))


@pytest.mark.parametrize("text", [
    "Freedom from reintervention (FFR) was estimated by Kaplan-Meier analysis. FFR at 2 years "
    "was 85%.",
    "Freedom from reoperation (FFRO) was the secondary end point. At 2 years, FFRO was 85%.",
])
def test_a_short_form_of_an_opposite_is_a_complement(text):
    assert ("reintervention", "rate_at_time", None, None, 0.15, 24.0) in found(extract(text))


def test_the_corpus_wording_with_its_plural_units():
    # a procedure's abbreviation in the plural counts the procedures assessed
    records = extract("As cochlear implantation (CI) expands, revision CI (RCI) is evolving. "
                      "Among 1,430 CIs, 73 (5.1%) required RCI.", cohort=1431)
    assert ("reintervention", "proportion", 73, 1430, 0.051, None) in found(records)


def test_only_long_forms_ending_in_an_outcome_define_one():
    nlp = outcome_nlp()
    text = ("Recurrence score (RS) was computed. Local recurrence (LR) and target lesion "
            "revascularisation (TLR) were recorded. Mortality index (MI) was high.")
    # "recurrence score" and "mortality index" name a score and an index, not the outcome;
    # LR and TLR are the lexicon's own abbreviations
    assert dict(defined_outcomes(text, nlp)) == {}


def test_an_undefined_capital_token_is_no_mention():
    # regression: without a definition in the document a short form means nothing
    assert found(extract("MAEs occurred in 7 patients (7%).", cohort=100)) == []


# -- revision of an operation, and shares of events by kind -------------------------------------

@pytest.mark.parametrize("text, events", [
    ("Revision hip arthroplasty was needed in 3 of 120 hips (2.5%).", 3),
    ("Revision total knee arthroplasty (RTKA) was tracked. RTKA was required in 4 patients "
     "(3.3%).", 4),
])
def test_revision_of_an_operation_is_reintervention(text, events):
    records = [r for r in extract(text, cohort=120) if r.outcome == "reintervention"]
    assert [(r.events, r.total) for r in records] == [(events, 120)]


@pytest.mark.parametrize("text", [
    "The commonest cause was bleeding (12 of 30 reoperations, 40%).",
    "The predominant reason was device failure (40 of 73 reoperations [54.8%]).",
])
def test_a_share_of_the_events_by_kind_is_no_finding(text):
    # regression: "N of M <outcome>s" counts kinds of the events, not patients with them
    assert [r for r in extract(text, cohort=1431) if r.outcome == "reintervention"] == []
