"""Sections, sentence cutting and table-line recognition on plain strings."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.reading.sections import heading_kind, pages_to_blocks
from extract.rules.sentences import is_table_debris, rough_sentences
from extract.tables.table_lines import line_to_cells


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("# Background", "introduction"), ("1 | INTRODUCTION", "introduction"),
        ("### **METHODS**", "methods"), ("Patients and methods", "methods"),
        ("2. Methods (Table 1).", "methods"), ("3.5 | Results", "results"),
        ("4 | DISCUSSION", "discussion"), ("## Case 3", "case"), ("#### References", "references"),
        ("Author contributions", "back"),
        ("Results In most cases clinical deterioration started", None),
        ("The results of surgery were good in most of our 40 patients.", None),
    ],
)
def test_heading_kinds(line, kind):
    assert heading_kind(line) == kind


def test_references_are_dropped_and_tables_after_them_read():
    text = ("Results\nWe treated 10 patients.\nReferences\n1. Smith. 80% patency. 2019.\n"
            "Table 2 Outcomes\nMortality\t1 (10)\n")
    blocks = pages_to_blocks([Page(3, text)])
    assert [b.section for b in blocks] == ["results", "legends"]
    assert "Smith" not in " ".join(b.text for b in blocks)
    assert all(b.page == 3 for b in blocks)


def test_a_summary_after_the_discussion_restates_it():
    blocks = pages_to_blocks([Page(1, "Discussion\nOur series.\nSummary\nWe found 10%.")])
    assert [b.section for b in blocks] == ["discussion", "conclusion"]


def test_rough_sentences_keep_abbreviations_together():
    text = "Jones et al. reported 40%. See Fig. 2 for details. Mortality was 5% vs. 10%. Done."
    assert rough_sentences(text) == ["Jones et al. reported 40%.", "See Fig. 2 for details.",
                                     "Mortality was 5% vs. 10%.", "Done."]


def test_table_debris_has_many_numbers_and_no_verb():
    assert is_table_debris("No CT N = 29 CT N = 12 All N = 41 Surgical specimens 24 (83) 5 (42) "
                           "29 (71) - Complete excision 24 (83) 5 (42) 29 (71)")
    assert not is_table_debris("Overall survival at 1, 3 and 5 years was 90%, 70% and 50% in "
                               "the 40 patients.")


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        ("Reintervention\t6 (15)", ["Reintervention", "6 (15)"]),
        ("| Complete excision (R0) | 24 (83) | 29 (71) |",
         ["Complete excision (R0)", "24 (83)", "29 (71)"]),
        ("|---|---|", None),
        ("Died 1 0 5 2", ["Died", "1", "0", "5", "2"]),
        ("- Complete excision (R0) 24 (83) 5 (42) 29 (71)",
         ["- Complete excision (R0)", "24 (83)", "5 (42)", "29 (71)"]),
        ("several days. In 32 patients assessed by the Glasgow", None),
        ("and did not change within 48 hours after surgery in 4", None),
    ],
)
def test_table_lines(line, cells):
    assert line_to_cells(line) == cells


# -- the labels of a structured abstract in the house styles databases print -----------------

@pytest.mark.parametrize(("text", "sections"), [
    # a label with a full stop, run into its text
    ("Background. Little is known. Methods. We treated 40 patients. Results. Two died. "
     "Conclusions. The operation is safe.",
     ["introduction", "methods", "results", "conclusion"]),
    # capitals with no mark at all, each on its own line
    ("OBJECTIVE To report outcomes.\nMETHODS The authors reviewed 40 patients.\n"
     "RESULTS A total of 40 patients were included.\nCONCLUSIONS MVD works.",
     ["front", "methods", "results", "conclusion"]),
    # the labels of other house styles, with a colon
    ("Importance: It is unknown. Design, Setting, and Participants: 40 patients were treated. "
     "Results and limitations: Two died. Conclusions and Relevance: It is safe.",
     ["introduction", "methods", "results", "conclusion"]),
    ("Background: Rare. Objective: To report it. Design, setting, and participants: Forty "
     "patients. Results: One died. Patient summary: Surgery helps.",
     ["introduction", "methods", "results", "conclusion"]),
])
def test_run_in_labels_of_structured_abstracts_start_their_sections(text, sections):
    assert [b.section for b in pages_to_blocks([Page(None, text)])] == sections


@pytest.mark.parametrize("text", [
    # a title in capitals begins with a label word but is no label
    "RESULTS OF SURGERY FOR RECTAL CANCER IN 40 PATIENTS",
    # a label word inside a sentence is no label
    "The Results. section of the form was kept. Two methods were compared.",
    "We report the results in 40 patients. Methods were standard.",
])
def test_label_words_that_start_no_section(text):
    assert [b.section for b in pages_to_blocks([Page(None, text)])] == ["front"]
