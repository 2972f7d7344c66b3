"""First author and year from more of the places papers put them (issue 10, class 12): compound
surnames as the paper cites its own author, a running head of surnames, one author over an
affiliation, a repository cover page before the article, and index citation lines."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.study.first_author import front_to_first_author
from extract.study.front_matter import author_line_to_surname, front_to_year
from extract.study.study import pages_to_study

# -- a surname of several words, as the paper cites its author --------------------------------

@pytest.mark.parametrize(("line", "text", "surname"), [
    ("Ana Maria Souza Lima, Pedro Alves, Rui Costa",
     "Citation: Souza Lima AM, Alves P, Costa R (2021) Outcomes of ...", "Souza Lima"),
    ("Karim Abdel Rahman a, *, Hala Nour b",
     "E-mail address: k.rahman@example.org (K. Abdel Rahman).", "Abdel Rahman"),
    # corpus (neurosurgery): "Citation: Goulin Lippi Fernandes E, Ridwan S, ..."
    ("Eric Goulin Lippi Fernandes 1 , Sami Ridwan 2 , Isabell Greeve 3",
     "Citation: Goulin Lippi Fernandes E, Ridwan S, Greeve I (2022) Clinical and ...",
     "Goulin Lippi Fernandes"),
])
def test_a_cited_compound_surname_is_kept_whole(line, text, surname):
    assert author_line_to_surname(line, line + "\n" + text) == surname


@pytest.mark.parametrize(("line", "surname"), [
    # "Kim, MD": a degree after the surname is no initial of a citation
    ("Myeong Jin Kim, MD; Sang Kyu Park, MD; Jihye Song, MD", "Kim"),
    ("Jon A. van Heerden, MD, Peter Gloviczki, MD, Ana Ruiz, MD", "van Heerden"),
    ("Maria Teresa Garcia, Luis Perez, Ana Ruiz", "Garcia"),
])
def test_without_a_citation_the_surname_is_the_last_name(line, surname):
    assert author_line_to_surname(line, line) == surname


# -- places without an author line ------------------------------------------------------------

@pytest.mark.parametrize(("front", "surname"), [
    ("Clinical Otorhinolaryngology > Volume 17(1); 2024 > Article\nPark, Lee, Cho, and Moon: "
     "Changes in Revision Implantation\n\nAbstract", "Park"),
    ("Annals of Surgery\nNovak, Horvat & Kos: Caval resection for sarcoma\nAbstract", "Novak"),
    ("Song, Oh, Kim, Cho, and Moon: Changes in Revision Cochlear Implantation and Device "
     "Failure Profiles", "Song"),  # corpus (ENT)
])
def test_a_running_head_of_surnames_names_the_first_author(front, surname):
    assert front_to_first_author(front) == surname


@pytest.mark.parametrize(("front", "surname"), [
    ("Laparoscopic appendectomy for complicated appendicitis\n\nMarko Petrovski\nUniversity "
     "Surgical Clinic, Skopje\nE-mail:\nm.petrovski@example.org\n", "Petrovski"),
    ("MANAGEMENT OF ACUTE CEREBELLAR INFARCTION\nAntonio Rossi, M.D.\nDepartment of "
     "Neurological Sciences, University of Rome\n", "Rossi"),
    ("Outcomes of caval resection\nLena Berg, PhD\nE-mail: lena.berg@example.org\n", "Berg"),
    ("ORIGINAL COMMUNICATION\nK. L. Weber\nDepartment of Neurology,\nUniversity of Kiel\n",
     "Weber"),
])
def test_one_author_over_an_affiliation(front, surname):
    assert front_to_first_author(front) == surname


@pytest.mark.parametrize("front", [
    "Results\nPrimary Patency\nUniversity hospitals reported no data.\n",
    "Stenting and Surgery: A Comparison of Two Eras\nAbstract\n",
    "Received 9 August 2013\nDepartment of Surgery\nUniversity of Rome\n",
])
def test_headings_and_addresses_are_no_author(front):
    """A capitalised heading over prose, an address over an address: no person's name."""
    assert front_to_first_author(front) is None


def test_a_cover_page_without_authors_gives_way_to_the_article_page():
    cover = ("See discussions, stats, and author profiles for this publication at: "
             "https://repository.example.org/publication/2\nArticle in Stroke · May 1999\n")
    article = ("ORIGINAL COMMUNICATION\nM. Weber\nDepartment of Neurology,\nUniversity of "
               "Kiel\nAbstract Surgery may be necessary.\n")
    assert pages_to_study([Page(1, cover), Page(2, article)]).first_author == "Weber"


def test_a_repository_cover_page_is_passed_over():
    cover = ("See discussions, stats, and author profiles for this publication at: "
             "https://repository.example.org/publication/1\nCaval resection for sarcoma\n\n"
             "Article in Annals of Surgery · May 2019\n5 authors, including:\nAna Ruiz\n"
             "University of Madrid\n84 PUBLICATIONS 1,077 CITATIONS\n")
    article = ("Caval resection for sarcoma: a retrospective study\n"
               "Marta Ortega-Vidal, MD, Ana Ruiz, MD, Pablo Gil, MD\n\nAbstract\n"
               "We treated 41 patients.\n")
    study = pages_to_study([Page(1, cover), Page(2, article)])
    assert (study.first_author, study.title) == (
        "Ortega-Vidal", "Caval resection for sarcoma: a retrospective study")


# -- the year of a citation line --------------------------------------------------------------

@pytest.mark.parametrize(("front", "year"), [
    ("Smith A, Lee B. Caval stenting. J Vasc Surg. 2024 Mar 27:S0741-5214(24)00512-3.", 2024),
    ("Eur J Surg Oncol. 2019 Feb 3. Epub ahead of print.", 2019),
    ("Received 9 August 2013 Accepted 8 December 2013 Available online 2 October 2014", 2014),
])
def test_year_from_an_index_citation_or_online_date(front, year):
    assert front_to_year(front) == year


@pytest.mark.parametrize(("front", "surname"), [
    ("Vukovic LM, Achterberg P, Sato-Ruiz K. Scarf osteotomy for hallux valgus in adolescents. "
     "J Foot Ankle Res. 2014;9(2):55-61.\n\nWe reviewed 40 feet.", "Vukovic"),
    ("Okoro-Baines T, Lindqvist AM. Endoscopic dacryocystorhinostomy without stents. "
     "Orbit Lacrimal Rev 2019;4:12-18.\n", "Okoro-Baines"),
])
def test_a_vancouver_citation_of_the_paper_names_the_first_author(front, surname):
    assert front_to_first_author(front) == surname


@pytest.mark.parametrize("front", [
    # regression: capitalised abbreviations in prose are no initials, and one name is no list
    "Outcomes of TAVI in 2019\nThe PARTNER AB, CoreValve XY trials were cited.\n",
    "Smith AB. A letter without co-authors.\n",
])
def test_prose_and_a_single_name_are_no_vancouver_citation(front):
    assert front_to_first_author(front) is None
