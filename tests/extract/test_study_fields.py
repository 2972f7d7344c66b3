"""Study fields from the places papers and their web pages put them (issue 10, class 12)."""

from __future__ import annotations

import pytest

from extract.first_author import front_to_first_author
from extract.front_matter import author_line_to_surname, front_to_title_lines, is_author_line
from extract.model import Page
from extract.study import pages_to_study


@pytest.mark.parametrize(
    ("line", "surname"),
    [("Zlatibor Novak 1,, Vladimir Petrov 1, Ana Horvat 2", "Novak"),
     ("PA Le Page 1,, R Furtado 1, M Hayward 2, H Van der Wall 4, GL Falk 1,2,3", "Le Page"),
     ("AP Marsh 1, G Chong 1, A Thomson 1,", "Marsh"),
     ("Bora Yıldız, İsmet Aslan, Selin Ünsaler", "Yıldız")],
    ids=["spaced-affiliation-numbers", "initials-first-particle", "initials-first",
         "non-ascii-capitals"],
)
def test_author_lines_of_web_captures(line, surname):
    assert is_author_line(line)
    assert author_line_to_surname(line) == surname


def test_bulleted_authors_are_one_author_line():
    front = ("https://example.org/article/1\nHepatic artery stenting after transplantation\n"
             "  • Joshua De MarchiEmail author\n  • Florin Sferle\n  • Dermot Hehir\n"
             "Original Article\nAbstract text follows here.\n")
    title, authors = front_to_title_lines(front)
    assert title == "Hepatic artery stenting after transplantation"
    assert author_line_to_surname(authors) == "De Marchi"


@pytest.mark.parametrize(
    ("front", "surname"),
    [
        # a metadata record
        ("key: abc authors: Harlow, Christopher W.; Costi, Kerry; Pannach, Susan; title: "
         "Long-term outcomes of revision", "Harlow"),
        # an APA citation of the paper itself
        ("How to Cite\n\nMorrow, A., Hopper, W., & Ahmeti, M. (2025). Damage control "
         "laparotomy. Albanian Journal of Trauma, 9(1), 1599-1605.", "Morrow"),
        # an index citation line
        ("Abstract\nChia-Siu Tan et al. Chang Gung Med J. 2002 Apr.\n", "Tan"),
        ("Okafor A. J., et al. - Damage Control Laparotomy in Trauma Patients.", "Okafor"),
        # names glued to the title by text extraction
        ("Outcome of noncaval venous leiomyosarcomas Giulio Rinaldi, MD,a Giulia Pizzardi, "
         "MD,a Francesco Calio, MD,b and Federica Masci, MD,a", "Rinaldi"),
        ("Damage control in trauma – A ten-year experience Andreas Keller, Thomas "
         "Lustenberger,1 Marko Bukur,1 Matthias Turina, and Marius Keel2 Department of "
         "Surgery", "Keller"),
    ],
    ids=["metadata", "apa-citation", "index-et-al", "initials-et-al", "glued-with-degrees",
         "glued-with-numbers"],
)
def test_first_author_without_an_author_line(front, surname):
    assert front_to_first_author(front) == surname


@pytest.mark.parametrize(
    "front",
    ["Department of Surgery, University Hospital Zurich, Division of Trauma Surgery, "
     "Medical Center Los Angeles, School of Medicine Boston",
     "We treated 41 patients. Primary Patency, Secondary Patency and Overall Survival were "
     "assessed."],
    ids=["affiliations", "capitalised-outcomes"],
)
def test_no_first_author_from_affiliations_or_prose(front):
    assert front_to_first_author(front) is None


def test_the_author_line_comes_first():
    line = "Marta Ruiz, Pablo Gil"
    assert front_to_first_author("Smith, A., & Jones, B. (2020). Other paper.", line) == "Ruiz"


def test_study_fields_of_a_web_capture():
    text = ("https://example.org/abs/9\nSkip to main content\n"
            ". 2015 May 27;15:43. doi: 10.1186/s12894-015-0038-1\n\n"
            "Survival after caval resection: a single institution experience\n\n"
            "Zlatibor Novak 1,, Vladimir Petrov 1, Ana Horvat 2\n\nAbstract\n\n"
            "Methods\n\nThe study included 72 patients with caval sarcoma.\n")
    study = pages_to_study([Page(None, text)])
    assert (study.first_author, study.n_patients, study.doi) == (
        "Novak", 72, "10.1186/s12894-015-0038-1")
