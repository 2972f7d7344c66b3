"""Author lines whose names carry marks the surname must not keep: affiliation numbers glued
to initials or degrees, letters after a degree, marks in brackets; degrees of the
Commonwealth; a wrapped citation's tail that is no author line; and Chinese names printed
family name first without a hyphen. Author lines written for these tests."""

from __future__ import annotations

import pytest

from extract.study.front_matter import author_line_to_surname, is_author_line

MARKED_LINES = [
    ("Lindqvist P1, Ostrowska K1, Brandt M2, Halloran T2.", "Lindqvist"),
    ("Mertens HJ3, Vogel A1,2, Sousa R1", "Mertens"),
    ("Aroha Whitfield, MBBS a,*, Declan Moss, FRACS b, Priya Nair, MBBS, PhD a", "Whitfield"),
    ("Tomasz Wrona, MD1, Hee-Jin Oh, MD2, Ana Ruiz, PhD1", "Wrona"),
    ("Greta L. Sommer, MD,1 Ruth Ames, BA,2 Omar Said, MD, PhD,1 and Li Fen, MD1", "Sommer"),
    ("Evangelos Marinos (1), Ruth Ellery (2), Arjun Bose (1), Tess Quayle (1)", "Marinos"),
    ("Maren Voss(a,*), Piet Kuiper(a), Anouk de Graaf(b) and Lars Holm(a)", "Voss"),
    ("Hana T. Ropata,* MBChB, FRACS; Colin Ashdown,† MBChB; Mere Parata,* BSc, MBChB", "Ropata"),
]


@pytest.mark.parametrize(("line", "surname"), MARKED_LINES)
def test_an_author_line_with_its_marks(line, surname):
    assert is_author_line(line)
    assert author_line_to_surname(line) == surname


@pytest.mark.parametrize("line", [
    "K, Brandt M, Sousa R, Holm L,",  # "Cite this as: Lindqvist\nK, Brandt M, ..." wrapped
    "PA, Ostrowska K, Vogel A.",
])
def test_the_tail_of_a_wrapped_citation_is_no_author_line(line):
    assert not is_author_line(line)


@pytest.mark.parametrize("line", [
    "Stage T2, N1, M0 in 14 cases, T3 in 9",
    "Groups A1, B2 and C3 were compared",
])
def test_numbered_codes_are_no_author_line(line):
    assert not is_author_line(line)


@pytest.mark.parametrize(("line", "surname"), [
    ("Zhou Minghua, Xu Lei, Han Jianping, Ma Ting", "Zhou"),
    ("Gu Wen, Lin Xiaoqing, Song Bo.", "Gu"),
    ("Tan Yuhong 1, Cao Jie 2, Fang Lin 1", "Tan"),
])
def test_chinese_names_family_name_first_without_a_hyphen(line, surname):
    assert author_line_to_surname(line) == surname


@pytest.mark.parametrize(("line", "surname"), [
    # given name first: the word of two syllables comes before the family name
    ("Minghua Zhou, Lei Xu, Jianping Han", "Zhou"),
    ("Xiaoqing Lin, Wen Gu, Bo Song", "Lin"),
    # Western names that read as syllables are no Pinyin ("Jones", "Mark")
    ("Mark Jones, Anna Bell, Tom Reed", "Jones"),
    # every word one syllable: no evidence of the order, the last word stays the surname
    ("Wei Zhang, Jun Li, Hong Sun", "Zhang"),
])
def test_names_given_name_first_keep_the_last_word(line, surname):
    assert author_line_to_surname(line) == surname


@pytest.mark.parametrize(("line", "surname"), [
    ("Lindgren, P.(1); Abara, K.(2); Soto, M.(1)", "Lindgren"),
    ("Okonjo, T. (a); Varga, E. (b); Pratt, L. (a)", "Okonjo"),
])
def test_inverted_names_with_bracketed_marks(line, surname):
    assert is_author_line(line)
    assert author_line_to_surname(line) == surname


@pytest.mark.parametrize("line", [
    "(1) Vascular Surgery Unit and (2) Anaesthesia, Hopital Central",
    "(a) Clinic of Urology, Kantonsspital Nord",
    "Breast Surgery Unit, Royal Victoria Infirmary",
])
def test_an_affiliation_line_with_bracketed_marks_is_no_author_line(line):
    assert not is_author_line(line)


@pytest.mark.parametrize(("line", "surname"), [
    ("XU Ming-li, NAKAMURA Kenji, BRANDT Ilse", "Xu"),
    ("KOWALCZYK Anna, LIU Hao, OKAFOR Ada", "Kowalczyk"),
])
def test_family_names_set_in_capitals_come_first(line, surname):
    assert author_line_to_surname(line) == surname


@pytest.mark.parametrize(("line", "surname"), [
    ("PA Le Page, JM Hart, AB Cole", "Le Page"),
    ("JMK Moreno, ST Hart, DB Cole", "Moreno"),
])
def test_initials_in_capitals_before_a_surname_are_no_family_name(line, surname):
    assert author_line_to_surname(line) == surname


def test_a_list_ending_with_a_study_group_of_a_surgical_society_is_an_author_line():
    line = ("Reiko Tanabe *, Oskar Lund , Hana Mori §, the study group of the Nordic Society of "
            "Endoscopic Surgery")
    assert is_author_line(line)
    assert author_line_to_surname(line) == "Tanabe"
