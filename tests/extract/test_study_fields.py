"""Study fields from the places papers and their web pages put them (issue 10, class 12)."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.study.first_author import front_to_first_author
from extract.study.front_matter import (
    author_line_to_surname,
    front_to_doi,
    front_to_title_lines,
    front_to_year,
    is_author_line,
)
from extract.study.study import pages_to_study


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


@pytest.mark.parametrize(
    ("front", "doi"),
    [("https://link.example.com/article/10.1007%2Fs00464-018-6346-2", "10.1007/s00464-018-6346-2"),
     ("https://journal.example.org/html/10.5999/aps.2016.02131?lang=en", "10.5999/aps.2016.02131"),
     ("https://doi.org/10.1016/j.avsg.2019.05.053Get rights and content",
      "10.1016/j.avsg.2019.05.053"),
     ("doi: 10.1016/S0140-6736(20)30183-5.", "10.1016/S0140-6736(20)30183-5")],
    ids=["url-encoded", "query-string", "glued-word", "parentheses-kept"],
)
def test_doi_wherever_it_is(front, doi):
    assert front_to_doi(front, "") == doi


@pytest.mark.parametrize(
    ("front", "year"),
    [("Ann Surg Oncol. Author manuscript; available in PMC 2015 October 20.\n"
      "Ann Surg Oncol. 2011 January ; 18(1): 239-245.", 2011),
     ("J Vasc Surg. 2024 Mar 27;79(6):1201-9.", 2024),
     ("Article in Journal of Neurology · May 1999\nuploaded by J. Roe on 18 December 2016.", 1999),
     ("key: x authors: Roe, J. date: 2021-12-27 journal: J Clin Med", 2021)],
    ids=["full-month-citation", "abbreviated-month-citation", "repository-cover", "metadata"],
)
def test_year_from_citation_lines(front, year):
    assert front_to_year(front) == year


def test_ampersand_separated_authors_over_two_lines():
    front = ("CLINICAL ARTICLE\n\nSurgical treatment of cerebellar infarcts\n\n"
             "Parmenion P. Kostas & Lovisa Tobieson &\nPer Enblad & Niklas Marklund\n\n"
             "Received: 28 March 2011\n")
    assert pages_to_study([Page(None, front)]).first_author == "Kostas"
