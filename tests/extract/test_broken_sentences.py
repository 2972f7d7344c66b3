"""Sentences cut by a page end or a float, the paper's own complication window, and a bare
percentage restating a finding with counts (issue 10, PDF class 1).

Each pattern on wordings written for this file in other fields; the false-positive classes
each have their regression test."""

from __future__ import annotations

import pytest
from prose_records import extract, keyed  # tests/fixtures, on sys.path through conftest.py

from extract.assembly.records import deduplicate
from extract.model import Page
from extract.pipeline import pages_to_records
from extract.reading.broken_sentences import pages_to_rejoined
from extract.rules.findings import complication_window
from extract.rules.nlp import outcome_nlp
from extract.rules.sentences import rough_sentences

# -- a sentence broken across a page end by floats at the top of the next page ----------------

_FLOATS = ("Table 2 Characteristics of the implanted devices\n"
           "Abbreviations: BMI, body mass index; NA, not applicable.\n\n"
           "Figure 1 Access route of the device (a) and the final position (b)")


@pytest.mark.parametrize(("first", "second", "want"), [
    ("Results\n\nAll valves were implanted. The rate of access-site complications per implanted",
     "valve was 3.1% (2/64). Both resolved with compression.",
     ("complications_any", 2, 64)),
    ("Results\n\nThe stent was placed in every patient. Complications per treated limb",
     "occurred in 4 of 50 limbs (8%). None needed surgery.",
     ("complications_any", 4, 50)),
])
def test_a_sentence_cut_by_the_page_end_is_read_whole(first, second, want):
    pages = [Page(3, first), Page(4, f"{_FLOATS}\n\n{second}")]
    records = pages_to_records(pages, outcome_nlp(), cohort=40)
    found = [(r.outcome, r.events, r.total) for r in records]
    assert want in found
    record = next(r for r in records if (r.outcome, r.events, r.total) == want)
    assert record.page == 4  # the page that prints the number, the one a reviewer cites
    assert record.quote.startswith(first.rsplit(". ", 1)[1])


def test_the_moved_half_leaves_its_page_and_the_floats_stay():
    pages = [Page(1, "Intro text. The rate of wound infection per"),
             Page(2, f"{_FLOATS}\n\nprocedure was 5%.")]
    first, second = pages_to_rejoined(pages)
    assert first.text == "Intro text."
    assert second.text.endswith("The rate of wound infection per procedure was 5%.")
    assert "Table 2 Characteristics" in second.text


def test_a_float_inside_a_page_is_stepped_over_too():
    page = Page(2, "Overall, the reintervention rate per treated\n\n"
                   "Figure 3 Freedom from reintervention by arm\n\n"
                   "fistula was 12% (3/25).")
    (rejoined,) = pages_to_rejoined([page])
    assert "the reintervention rate per treated fistula was 12% (3/25)." in rejoined.text


@pytest.mark.parametrize("second", [
    "Discussion\n\nthe rate was low in comparison.",  # a heading ends the sentence's section
    "The next paragraph starts anew.\n\nwith lower case later",  # other prose comes first
])
def test_no_join_across_a_heading_or_other_prose(second):
    pages = [Page(1, "Results. Recurrence per treated lesion was"), Page(2, second)]
    assert pages_to_rejoined(pages) == pages


@pytest.mark.parametrize("last", [
    "Recurrence occurred in 3 patients.",  # a finished sentence stays where it is
    "Table 4 Outcomes by arm",  # a caption at the page end is no sentence
    "Short label",  # too short for a sentence
])
def test_whole_sentences_and_captions_are_not_moved(last):
    pages = [Page(1, f"Results\n\n{last}"), Page(2, "continued text of a table cell 4")]
    assert pages_to_rejoined(pages) == pages


# -- the window the paper defines for its complications ---------------------------------------

@pytest.mark.parametrize(("text", "months"), [
    ("Safety was defined as the absence of adverse events within 30 days after the implant.",
     1.0),
    ("Complications were defined as any untoward event up to 6 weeks after surgery.",
     pytest.approx(6 * 7 / 30.44, abs=0.01)),
    ("We defined morbidity as complications occurring within 90 days of the operation.", 3.0),
    ("Complications were graded by Clavien-Dindo. Patients were seen within 30 days after "
     "discharge.", None),  # a visit schedule, not a definition
    ("Mortality was defined as death within 30 days after surgery.", None),
    # the window between the noun and the methods' verb
    ("Complications within 90 days were classified with the Clavien-Dindo system.", 3.0),
    ("Adverse events up to 30 days after the procedure were prospectively recorded.", 1.0),
    ("Morbidity in the first 60 days of surgery was graded by two reviewers.",
     pytest.approx(60 / 30.44, abs=0.01)),
    # a results sentence of complications in a window is a finding, not the methods' window
    ("Complications within 30 days of surgery occurred in 23 patients.", None),
])
def test_complication_window(text, months):
    assert complication_window(text) == months


def test_the_defined_window_dates_complications_without_a_time_of_their_own():
    text = ("Methods\n\nSafety assessment was defined as the recording of complications "
            "occurring within 30 days after the ablation.\n\nResults\n\n"
            "Complications occurred in 3 patients (7.5%). There were no complications during "
            "the procedure.")
    got = [(r.events, r.timepoint_months) for r in extract(text)
           if r.outcome == "complications_any"]
    assert sorted(got, key=str) == sorted([(3, 1.0), (0, 0.0)], key=str)


def test_without_a_definition_complications_keep_no_time():
    records = extract("Complications occurred in 3 patients (7.5%).")
    assert [r.timepoint_months for r in records] == [None]


# -- a bare percentage restating a finding that states its counts -----------------------------

@pytest.mark.parametrize("text", [
    "Technical success was 100%. The coil was deployed as planned in 100% (52/52) of the "
    "aneurysms, so the technical success rate was 100% (52/52).",
    "Clinical success was 90%. Overall, clinical success was achieved in 90% (45/50) of the "
    "treated hernias.",
])
def test_a_bare_percentage_restated_with_counts_is_one_record(text):
    records = [r for r in deduplicate(extract(text, cohort=40))
               if r.outcome.endswith("success")]
    assert len(records) == 1
    assert records[0].total in (50, 52)  # the stated denominator, not the cohort of 40


def test_two_stated_counts_with_the_same_percentage_stay_two_findings():
    text = ("Technical success was 100% (20/20) in the arteries.\n\n"
            "Technical success was 100% (18/18) in the veins.")
    records = deduplicate(extract(text, cohort=40))
    assert sorted((r.events, r.total) for r in records
                  if r.outcome == "technical_success") == [(18, 18), (20, 20)]


def test_per_session_counts_win_over_a_bare_percentage_of_the_patients():
    text = ("Abstract\n\nTechnical success reached 100%.\n\nResults\n\nNineteen sessions "
            "were done on 14 tumors. Technical success was 100% (19/19) per session.")
    got = keyed([r for r in deduplicate(extract(text, cohort=13))
                 if r.outcome == "technical_success"])
    assert got == [("technical_success", "proportion", "all", 19, 19, 1.0, None)]


# -- two sentences glued by inline citation numbers --------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Earlier series placed 10 to 90 stents (12-300 limbs).4,7,9 Our series had a "
     "reintervention rate of 12% (6/50).",
     "Our series had a reintervention rate of 12% (6/50)."),
    ("Published rates of recurrence vary widely.21–23 In our cohort, recurrence occurred in "
     "4 of 40 patients (10%).",
     "In our cohort, recurrence occurred in 4 of 40 patients (10%)."),
])
def test_citation_numbers_after_a_full_stop_end_the_sentence(text, want):
    records = extract(text, cohort=50)
    assert [r.quote for r in records] == [want]


@pytest.mark.parametrize("text", [
    "The mean stone size was 2.12 Patients with larger stones had more complications.",
    "As shown in Fig.3 The complication rate was 10%.",
])
def test_a_decimal_or_an_abbreviation_before_digits_is_no_sentence_end(text):
    assert rough_sentences(text) == [text]
