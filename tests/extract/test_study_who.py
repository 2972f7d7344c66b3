"""Who a study is about: the first author of labelled and reference-style author lines, and the
cohort size stated beside the units treated, under a mixed-case methods label, or as everyone
scheduled for the operation. All wordings are invented."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.reading.document_text import pages_to_section_sentences
from extract.study.cohort import mentions_to_cohort_size, text_to_count_mentions
from extract.study.front_matter import author_line_to_surname, is_author_line
from extract.study.study import pages_to_study


def cohort(text: str) -> int | None:
    return mentions_to_cohort_size(text_to_count_mentions(text))


# -- first author -------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "surname"), [
    # a label before the list is not part of the first name ("Authors: X L" gave "L")
    ("Authors: Okonkwo-Berg P, Lindahl T, Ferreira-Costa A", "Okonkwo-Berg"),
    ("Authors: Haldane K, Moreau S", "Haldane"),
    # reference style: "Surname, I. K., Surname, I., & Surname, I."
    ("Petrakis, D. M., Olsen, R., & Villanueva-Ruiz, C.", "Petrakis"),
    ("Brennan, A.; Koval, S. T.; Ibsen, M.", "Brennan"),
])
def test_labelled_and_reference_style_author_lines(line, surname):
    assert is_author_line(line)
    assert author_line_to_surname(line, line) == surname


@pytest.mark.parametrize("line", [
    # prose with commas and an ampersand is no author list
    "Outcomes, Complications, & Costs",
    "Results: Mortality, morbidity and reintervention",
])
def test_prose_with_commas_is_not_an_author_line(line):
    assert not is_author_line(line)


def test_reference_style_author_line_under_a_title_names_the_first_author():
    text = ("Endoscopic repair of nasal septal perforation: a ten-year series\n\n"
            "Moravec, J. P., Aalto, K., & Nyberg-Sand, L.\n\n"
            "Rhinol Pract. 2023;8(2):40-47\n\n"
            "Methods: Thirty patients underwent repair. Results: Closure was achieved in 27.\n")
    assert pages_to_study([Page(None, text)]).first_author == "Moravec"


# -- cohort size --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # the patients the counted units belong to, with or without a verb close by
    ("Methods: Sixty-two patients with 71 hepatic metastases (median size 2 cm) were ablated "
     "under ultrasound guidance between 2012 and 2019.\nResults: Two patients (3.2%) bled.", 62),
    ("Methods: We enrolled 146 patients (163 lesions) at three sites.\n"
     "Results: Four patients (2.7%) had a pneumothorax.", 146),
    # everyone scheduled for a staged operation (intention to treat)
    ("Results: Twenty-eight patients were scheduled for staged repair and 24 completed both "
     "stages. Three patients (12.5%) died.", 28),
])
def test_cohort_size_beside_units_or_scheduled(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("Patients and methods", "methods"),
    ("Materials and methods", "methods"),
])
def test_a_mixed_case_methods_label_starts_the_methods(label, expected):
    text = (f"Background: Earlier series were small.\n{label}: Two hundred and four women "
            "(median age 51 years) underwent sling placement.\nResults: Nine women (4.4%) had "
            "retention.")
    sections = {sentence[:20]: section for section, sentence in
                pages_to_section_sentences([Page(None, text)])}
    assert sections["Two hundred and four"] == expected
    assert cohort(text) == 204


def test_units_counted_inside_a_subgroup_do_not_make_it_the_cohort():
    # a subgroup count followed by its units is not promoted over the stated cohort
    text = ("Methods: A total of 90 patients were included. Results: In 12 patients with "
            "15 metastases, ablation was repeated.")
    assert cohort(text) == 90


@pytest.mark.parametrize(("text", "expected"), [
    # the one size a sentence stating its cohort gives
    ("Methods: This retrospective study included consecutive adults undergoing carotid "
     "stenting (n = 208). Results: Two patients (1%) had a stroke. Two patients died.", 208),
    ("Methods: We reviewed all hip resurfacing procedures (n = 64) performed in one unit. "
     "Results: Three patients required revision.", 64),
    # a subgroup's size beside a stated count does not replace it
    ("Methods: Twenty patients were included; diabetes was present in some (n = 12). "
     "Results: Two patients died.", 20),
])
def test_the_one_size_of_a_cohort_sentence(text, expected):
    assert cohort(text) == expected


def test_several_sizes_in_a_sentence_are_arms_not_the_cohort():
    text = ("Methods: Patients were included for rupture (n = 9) or pain (n = 12). "
            "Results: Two patients died.")
    assert cohort(text) is None


@pytest.mark.parametrize(("text", "surname"), [
    # a citation line before the title, then a semicolon list in reference style
    ("J Spine Surg Rep 2020;3:12-18\nOdontoid screw fixation in the elderly\n"
     "Brennan, A.; Koval, S. T.; Ibsen, M.\nMethods: We reviewed 40 patients.", "Brennan"),
    # a labelled list under the title, a labelled source line after it
    ("Odontoid screw fixation in the elderly\nAuthors: Kowalski-Obi T, Brand M\n"
     "Source: J Spine 2020;3:12-18\nMethods: We reviewed 40 patients.", "Kowalski-Obi"),
])
def test_first_author_of_database_front_matter(text, surname):
    assert pages_to_study([Page(None, text)]).first_author == surname
