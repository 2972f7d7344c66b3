"""The cheap tests that spare costly readers skip only what those readers could not read
(issue 10: ingest within 1.5x of bare text extraction).

Each shortcut has to give the answer the long way gave: a count word is still read whole
(``Seventeen``, not ``Seven``), a sentence without a count still names a case report's cohort
of one, a paragraph's subgroup lead still reaches the later sentences, arms are still found
however their names are spaced, and a table cell parsed once is parsed right.
"""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_records
from extract.reading.sections import pages_to_blocks
from extract.rules.nlp import outcome_nlp
from extract.rules.numbers import normalize, text_to_stats
from extract.rules.sentences import blocks_to_sentences
from extract.study.cohort import mentions_to_cohort_size, text_to_count_mentions
from extract.study.counts import COUNT, MAY_COUNT, count_to_int
from extract.tables.cells import cell_stat


def cohort(text: str, title: str | None = None) -> int | None:
    return mentions_to_cohort_size(text_to_count_mentions(text, title))


# --- number words as prefix trees: the longer word is still read first

@pytest.mark.parametrize(("text", "count"), [
    ("Seventeen patients were included in the study.", 17),
    ("Results: Seventy-seven consecutive patients were enrolled.", 77),
    ("A total of one hundred and fourteen patients were reviewed.", 114),
    ("Eighteen patients underwent embolisation and were included.", 18),
])
def test_a_count_word_is_read_whole(text, count):
    assert cohort(text) == count


@pytest.mark.parametrize(("token", "count"), [
    ("Nineteen", 19), ("sixty six", 66), ("Fourteen", 14), ("ninety-nine", 99),
    ("a hundred", 100),
])
def test_count_words_match_whole(token, count):
    import re

    match = re.fullmatch(COUNT, token, re.IGNORECASE)
    assert match and count_to_int(match[0]) == count


@pytest.mark.parametrize(("text", "count"), [
    ("Sixteen (40%) had a wound infection.", 16),
    ("Thirteen of 40 patients died.", 13),
])
def test_a_sentence_count_word_is_read_whole(text, count):
    assert text_to_stats(text)[0].count == count


# --- the count test before the cohort readers

@pytest.mark.parametrize("sentence", [
    "Forty-one patients were identified.", "A hundred patients were eligible.",
    "Patients (n = 37) were included.", "We treated eleven patients.",
])
def test_sentences_with_a_count_are_read(sentence):
    assert MAY_COUNT.search(sentence)


@pytest.mark.parametrize("sentence", [
    "Patients were followed closely at our clinic.",
    "Often the series is described without any figure.",
])
def test_sentences_without_a_count_are_passed_over(sentence):
    assert not MAY_COUNT.search(sentence)


@pytest.mark.parametrize("text", [
    "We report a rare case of caval leiomyosarcoma in a young woman.",
    "This report describes a unique case of a duodenal fistula.",
])
def test_a_case_report_without_a_count_is_a_cohort_of_one(text):
    assert cohort(f"Abstract\n\n{text}") == 1


def test_a_sentence_without_a_count_scores_no_cohort():
    # precision: the shortcut must not invent a mention where nothing is counted
    assert text_to_count_mentions("Patients were included after informed consent. "
                                  "The series is described in full.") == []


# --- the subgroup lead of a paragraph reaches its later candidates

def sentences(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.lead)
            for s in blocks_to_sentences(pages_to_blocks([Page(None, text)]), outcome_nlp())]


def test_a_lead_reaches_a_candidate_after_a_sentence_without_findings():
    assert sentences("In group A, the wounds healed well. The ward was busy. However, one "
                     "patient died.") == [("However, one patient died.",
                                           "In group A, the wounds healed well.")]


def test_a_lead_that_is_itself_a_finding_reaches_the_next():
    found = sentences("Among the elderly patients, 3 died within 30 days. Moreover, 2 patients "
                      "died later.")
    assert found[1] == ("Moreover, 2 patients died later.",
                        "Among the elderly patients, 3 died within 30 days.")


def test_a_lead_stays_in_its_paragraph():
    found = sentences("In group A, wounds healed. Two patients died.\n\nOne further patient died.")
    assert [lead for _, lead in found] == ["In group A, wounds healed.", ""]


# --- arm values: the readers are built only for sentences naming an arm

def arm_records(text: str, cohort_size: int) -> list[tuple]:
    return sorted((r.group, r.events, r.total, r.rule)
                  for r in pages_to_records([Page(None, text)], outcome_nlp(), cohort_size))


@pytest.mark.parametrize("finding", [
    "Mortality was 4.3% (3 of 70) in the Stenosis group and 2.5% (2 of 80) in the occlusion "
    "group.",
    "Mortality was 4.3% (3 of 70) in the STENOSIS\ngroup and 2.5% (2 of 80) in the occlusion "
    "group.",
])
def test_arm_values_are_read_however_the_arm_is_written(finding):
    text = ("We included 150 patients: 70 with stenosis and 80 with occlusion, all treated by "
            "stenting. " + finding)
    assert [r for r in arm_records(text, 150) if r[3] == "arm_values"] == [
        ("occlusion", 2, 80, "arm_values"), ("stenosis", 3, 70, "arm_values")]


def test_a_sentence_naming_no_arm_gives_no_arm_values():
    text = ("We included 150 patients: 70 with stenosis and 80 with occlusion, all treated by "
            "stenting. Mortality was 3.3% (5 of 150).")
    assert all(r[3] != "arm_values" for r in arm_records(text, 150))


# --- a cell is parsed once

@pytest.mark.parametrize(("cell", "count", "percent"), [
    ("12 (40%)", 12, 0.4), (" 3 (7.5) ", 3, 0.075),
])
def test_a_cell_read_twice_reads_the_same(cell, count, percent):
    first, second = cell_stat(cell), cell_stat(cell)
    assert first == second and (first.count, first.percent) == (count, percent)


def test_a_cell_that_is_no_value_stays_none_when_read_again():
    assert cell_stat("7.3±2.7") is None and cell_stat("7.3±2.7") is None


# --- normalisation rewrites only what is there

@pytest.mark.parametrize(("text", "want"), [
    ("a (cid:12) b", "a          b"), ("14.1 § 6.6%", "14.1 ± 6.6%"),
    ("95% Cl 3-5", "95% CI 3-5"), ("x \\geq 5", "x ≥    5"), ("2\u20133\u00a0d", "2-3 d"),
    ("Clinical success", "Clinical success"),
    ("\u22125 to \u20143 and 4\uff0d6", "-5 to -3 and 4-6"),
])
def test_normalize_keeps_its_rewrites_and_offsets(text, want):
    assert normalize(text) == want and len(normalize(text)) == len(text)
