"""The first author's surname whole, as the gold files give it (``De Marchi``, ``Le Page``,
``O'Neill``): particles, compound and hyphenated surnames, affiliation marks, and a family name
printed first. Author lines written for these tests."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.study.first_author import front_to_first_author
from extract.study.front_matter import author_line_to_surname, is_author_line
from extract.study.study import pages_to_study

AUTHOR_LINES = [
    ("Pieter van der Berg1, Anna Smit2, Joost de Wit3", "van der Berg"),
    ("Juan De la Cruz, MD, Maria Lopez, MD, Ana Ruiz, MD", "De la Cruz"),
    ("Omar Al-Hashimi1*, Sara Khan2, Ali Reza3", "Al-Hashimi"),
    ("Siobhan O'Neill, Mark Byrne, Anne Walsh", "O'Neill"),
    ("Siobhan O\u2019Neill1, Mark Byrne2, Anne Walsh2", "O'Neill"),
    ("Lars M\u00f8ller-Hansen1,2, Karen Holm3, Ole Berg1", "M\u00f8ller-Hansen"),
    ("Ana L\u00facia P\u00e9rez-Garc\u00eda1,*, Jos\u00e9 Ruiz2, Luis Vidal2",
     "P\u00e9rez-Garc\u00eda"),
    ("Hans-Peter M\u00fcller, MD, Karl Weber, MD, Eva Roth, MD", "M\u00fcller"),
    ("K. van der Berg, L. Smit, M. de Wit", "van der Berg"),
    ("Giovanni Di Stefano1, Marco Rossi2, Luca Bianchi1", "Di Stefano"),
    ("Ahmed El Sayed1, Mona Ali2, Omar Farouk3", "El Sayed"),
    ("Mohamed Ben Salah, Ali Trabelsi, Sami Haddad", "Ben Salah"),
    ("Sarah J. Whitcombe1,2*, Tom Hale3, Ann Lee1", "Whitcombe"),
    ("Sarah J. Whitcombe a,b,*, Tom Hale c, Ann Lee a", "Whitcombe"),
    ("Carlos dos Santos, Pedro Lima, Rui Costa", "dos Santos"),
    ("Maria Della Valle, Paolo Neri, Anna Conti", "Della Valle"),
    ("Jean-Pierre Le Goff, Paul Martin, Luc Petit", "Le Goff"),
    ("Patrick MacNamara, John Burke, Alan Ryan", "MacNamara"),
    ("Emily St. Clair, John Burke, Alan Ryan", "St. Clair"),
]


@pytest.mark.parametrize(("line", "surname"), AUTHOR_LINES, ids=[s for _, s in AUTHOR_LINES])
def test_the_surname_of_an_author_line(line, surname):
    assert author_line_to_surname(line, line) == surname


@pytest.mark.parametrize(("line", "surname"), AUTHOR_LINES, ids=[s for _, s in AUTHOR_LINES])
def test_the_first_author_under_a_title(line, surname):
    front = (f"# Outcomes of caval resection: a retrospective series\n\n{line}\n\nAbstract\n\n"
             "Methods: Forty patients were included.\n")
    assert pages_to_study([Page(None, front)]).first_author == surname


@pytest.mark.parametrize(("line", "citation", "surname"), [
    ("Nguyen Van Thanh, Tran Thi Mai, Le Quang Huy",
     "Cite this article: Nguyen VT, Tran TM, Le QH. Outcomes of ...", "Nguyen"),
    ("Pham Minh Duc1, Vo Thi Lan2, Do Van Nam1",
     "How to cite: Pham M.D., Vo T.L., Do V.N. (2021) Outcomes of ...", "Pham"),
])
def test_a_family_name_printed_first_as_the_paper_cites_it(line, citation, surname):
    assert author_line_to_surname(line, line + "\n" + citation) == surname


@pytest.mark.parametrize(("line", "text", "surname"), [
    # no citation prints the name family first: a capitalised particle stays the surname's
    ("Joost Van Dijk, Tran Thi Mai, Le Quang Huy", "", "Van Dijk"),
    # a middle name of a Western author is no family name printed first
    ("John Paul Smith, Ann Lee, Tom Hale", "Citation: Smith JP, Lee A, Hale T (2020)", "Smith"),
    # a particle-like given name stays the given name ("Al" as a first name)
    ("Al Brennan, Tom Hale, Ann Lee", "", "Brennan"),
], ids=["no-citation-dutch-particle", "western-middle-name", "al-as-given-name"])
def test_names_that_are_not_family_name_first(line, text, surname):
    assert author_line_to_surname(line, line + "\n" + text) == surname


@pytest.mark.parametrize(("front", "surname"), [
    ("Anastomotic leak after gastrectomy\nCitation: Wang X-L, Zhao Q-M, Liu Y (2019) Anastomotic "
     "leak after gastrectomy. PLoS One 14(2): e0211", "Wang"),
    ("Cite this article as: Tan B-H, Lee K-S. Stenting for caval obstruction. J Vasc Surg. "
     "2020;71:100-8.", "Tan"),
    ("How to cite this article: Ortega-Ruiz M, Lima P. Outcomes of redo surgery. Ann Surg. "
     "2022;3:4.", "Ortega-Ruiz"),
], ids=["hyphenated-initials", "cite-this-article", "how-to-cite"])
def test_the_paper_cited_by_itself_with_a_label(front, surname):
    assert front_to_first_author(front) == surname


@pytest.mark.parametrize(("front", "surname"), [
    ("EDITORIAL\n\nIs the scalpel obsolete?\n\nHalvorsen-Berg K.\n\nScand J Surg. 2024;8(2):110"
     "\n\nTen years ago ...", "Halvorsen-Berg"),
    ("Caval resection revisited\nWhitmore A. B.\nAnn Vasc Surg 2019;61:1-5\n", "Whitmore"),
], ids=["editorial", "two-initials"])
def test_one_author_in_citation_form_over_the_journal_line(front, surname):
    assert front_to_first_author(front) == surname


def test_a_heading_with_its_letter_is_no_author():
    assert front_to_first_author("Supplementary material\n\nAppendix A.\n\nAnn Surg. "
                                 "2020;12:3\n") is None


@pytest.mark.parametrize(("front", "surname"), [
    ("Hernia repair outcomes in the elderly A. Moreau a, K. Okafor b, L. Brandt a,* a Department "
     "of Surgery", "Moreau"),
    ("Redo fundoplication J. Pemberton 1, R. Tavakoli 2, S. Ngata 1 1 University Hospital",
     "Pemberton"),
], ids=["letters", "digits"])
def test_a_run_of_initials_first_authors_glued_to_the_title(front, surname):
    assert front_to_first_author(front) == surname


def test_a_run_of_initials_and_names_without_marks_is_prose():
    assert front_to_first_author("Results of surgery A. Smith, B. Jones, C. Brown\n") is None


# Names printed family name first, East Asian style (invented lines): the first word is the
# surname, written as the gold files spell it (``LI`` -> ``Li``).
FAMILY_FIRST_LINES = [
    ("Tang Jia-hui, Peng Xue-mei, Luo Zhi-qiang", "Tang"),
    ("Kwon Tae-hyun, Shin Mi-rae, Oh Seung-woo", "Kwon"),
    ("Gao Yi-Fan*, Ma Chun-Lei, Deng Rui-Xue", "Gao"),
    ("WANG Xiu-ying, FENG Lei, JIANG Hai-tao", "Wang"),
    ("XU Min, LIU Jia-qi", "Xu"),
]

# Western lines whose hyphens and short words must not be read family name first.
GIVEN_FIRST_LINES = [
    ("Anna Moreno-Valdes, Luis Garcia-Lopez, Ana Ruiz", "Moreno-Valdes"),
    ("Jean-Pierre Dupont, Marie-Claire Durand", "Dupont"),
    ("Tom Lee, Ann Kim, Jo Park", "Lee"),
    ("Mark Ward-Brown, Eva Roth, Karl Weber", "Ward-Brown"),
]


@pytest.mark.parametrize(("line", "surname"), FAMILY_FIRST_LINES + GIVEN_FIRST_LINES,
                         ids=[s for _, s in FAMILY_FIRST_LINES + GIVEN_FIRST_LINES])
def test_family_name_first_only_when_every_name_is_written_so(line, surname):
    assert author_line_to_surname(line, line) == surname
    front = f"A title of a case series\n{line}\nJ Surg. 2021;3:1-9.\n\nMethods: 40 patients."
    assert pages_to_study([Page(None, front)]).first_author == surname


# "Surname, Given; Surname, Given" and authors set apart by bullets (invented lines)
OTHER_LAYOUTS = [
    ("Östberg-Lund, Maja; Halvorsen, Erik; Brandt, Wilma", "Östberg-Lund"),
    ("Kaya, Emre; Demir, Ayşe Nur; Yılmaz, Can", "Kaya"),
    ("Hye-Jin Seo, MD • Dae Woo Han, MD, PhD • Eun-Ji Choi, MD", "Seo"),
    ("Marta Kowal, PhD • Piotr Nowak, MD • Anna Wrona, MD", "Kowal"),
]


@pytest.mark.parametrize(("line", "surname"), OTHER_LAYOUTS, ids=[s for _, s in OTHER_LAYOUTS])
def test_inverted_names_with_given_names_and_bulleted_authors(line, surname):
    front = f"A title of a case series\n{line}\nJ Surg. 2021;3:1-9.\n\nMethods: 40 patients."
    assert pages_to_study([Page(None, front)]).first_author == surname


def test_a_sentence_with_semicolons_is_no_inverted_author_list():
    # (capitalised words in pairs, as a list of labelled values prints them)
    assert not is_author_line("Results, overall; Morbidity, major; Survival, long")
    assert not is_author_line("Department of Surgery, Leeds; University Hospital, Bergen")
