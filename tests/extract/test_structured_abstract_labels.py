"""Labels of structured abstracts that name the cohort and the results apart (``Design,
setting, and participants:``, ``Study design:``, ``Results and limitations:``) start the
methods and results sections, so that an abstract opening with ``Background:`` does not leave
its cohort and findings in the introduction (whose sentences are not read for records and
count against a cohort size). Abstracts written for these tests."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.reading.document_text import pages_to_section_sentences
from extract.study.study import pages_to_study

ABSTRACTS = [
    ("design-setting-participants",
     "Background: Stenting of the iliac veins is increasingly used.\n"
     "Design, setting, and participants: Forty-four patients with 51 stented limbs were "
     "treated at one centre between 2011 and 2019.\n"
     "Results and limitations: Primary patency at 2 years was 81%.", 44),
    ("design-setting-participants-title-case",
     "Importance: Outcomes are unknown. Background: Little is known.\n"
     "Design, Setting, and Participants: This cohort study included 73 adults who underwent "
     "revision surgery.\n"
     "Results: Infection occurred in 6 patients.", 73),
    ("study-design-after-introduction",
     "Introduction: Ablation in children is debated.\n"
     "Study design: Retrospective review of 37 consecutive children (41 kidneys) operated "
     "from 2014 to 2020.\n"
     "Results: Success was achieved in 39 of 41 kidneys.", 37),
    ("study-design-capitals",
     "BACKGROUND: The role of drains is uncertain.\n"
     "STUDY DESIGN: We reviewed 129 consecutive patients undergoing thyroidectomy.\n"
     "RESULTS: Haematoma occurred in 3 patients.", 129),
]


@pytest.mark.parametrize(("abstract", "expected"), [(a, n) for _, a, n in ABSTRACTS],
                         ids=[name for name, _, _ in ABSTRACTS])
def test_cohort_and_results_labels_start_their_sections(abstract, expected):
    text = f"# A retrospective series\n\n{abstract}\n"
    sections = dict((s, sec) for sec, s in pages_to_section_sentences([Page(None, text)]))
    cohort_sentence = next(s for s in sections if str(expected) in s or "Forty-four" in s)
    assert sections[cohort_sentence] == "methods"
    last = list(sections)[-1]
    assert sections[last] == "result"
    assert pages_to_study([Page(None, text)]).n_patients == expected


def test_a_sentence_mentioning_the_design_is_no_label():
    text = ("# A series\n\nBackground: Little is known.\nThe study design, setting, and "
            "participants were described previously. We found 12 leaks.\n")
    sections = {sec for sec, _ in pages_to_section_sentences([Page(None, text)])}
    assert "methods" not in sections
