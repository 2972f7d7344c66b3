"""First authors in the forms the text set still missed (issue 10): names the glyph layer split
apart, family names of two words (Iberian, or joined by a particle after two given names), a
citation that shifted a given-name syllable before the family name, a metadata list one name
a line, one author alone between title and abstract; and place lists that look like inverted
names. Sentences written for this file."""

from __future__ import annotations

import pytest

from extract.study.first_author import front_to_first_author
from extract.study.front_matter import (
    author_line_to_surname,
    front_to_title_lines,
    is_author_line,
)
from extract.study.name_glyphs import rejoin_name_glyphs

# -- names split by the glyph layer -----------------------------------------------------------

@pytest.mark.parametrize(("text", "joined"), [
    ("Ine ´s Gala ´n, Jose ´ Luis Mun ˜ oz", "Inés Galán, José Luis Muñoz"),
    ("Rene ´e Mu ¨ ller and A ´ lvaro Ferna ´ndez", "Renée Müller and Álvaro Fernández"),
    ("Marı ´a Gonza ´lez", "María González"),
])
def test_a_split_accent_joins_the_letter_before_it(text, joined):
    assert rejoin_name_glyphs(text) == joined


@pytest.mark.parametrize(("text", "joined"), [
    ("M a r t a Kowalczyk, M D , P h D , H a n s P. v a n D i j k , M D",
     "Marta Kowalczyk, MD, PhD, Hans P. van Dijk, MD"),
    ("Tissue repair O l a f Brandt, M D , and K a r i n Lowe, P h D",
     "Tissue repair Olaf Brandt, MD, and Karin Lowe, PhD"),
])
def test_a_letter_spaced_line_is_read_in_words(text, joined):
    assert rejoin_name_glyphs(text) == joined


@pytest.mark.parametrize("text", [
    # fewer than four single letters in a row: arms, grades, not a letter-spaced line
    "Groups A B and C were compared; grade I or II in 4 patients.",
    "Stage I a tumours (n = 4) and stage I b (n = 6)",
    # an accent sign that is no split accent: a prime after a number
    "The lesion measured 4 ´ 5 cm.",
])
def test_text_without_split_glyphs_is_unchanged(text):
    assert rejoin_name_glyphs(text) == text


def test_a_letter_spaced_author_line_gives_its_first_author():
    front = ("Caval reconstruction after sarcoma resection B e r n d Hollweg, M D , P h D , "
             "A n n a Lutz, M D , and P e t e r Sommer, M D\n\nAbstract\nWe reviewed 12 patients.")
    assert front_to_first_author(rejoin_name_glyphs(front)) == "Hollweg"


# -- family names of two words ---------------------------------------------------------------

@pytest.mark.parametrize(("line", "surname"), [
    ("Lucía Moreno Vidal, Ana Isabel Ferrer Soto, Jorge Gil Peña", "Moreno Vidal"),
    ("Tomás Ruiz Calvo · Marta Sanz Ortega · Pablo Luis Vega Mora", "Ruiz Calvo"),
])
def test_a_list_of_double_family_names_keeps_both(line, surname):
    assert author_line_to_surname(line, line) == surname


@pytest.mark.parametrize(("line", "surname"), [
    # a given name of romanised syllables: three words, one family name
    ("Ji Won Baek, Sung Hoon Yoo, Min Soo Kim", "Baek"),
    # a middle initial: given name first, one family name
    ("Mary Ellen Jones, John A. Smith, Peter Paul Brown", "Jones"),
    # an author with one given and one family name
    ("Lucía Moreno Vidal, Ana Ferrer, Jorge Gil Peña", "Vidal"),
    # a father's name between the given and the family name
    ("Omar Khaled Nasser, Ali Mahmoud Salem, Huda Sami Haddad", "Nasser"),
    ("Ivan Petrovich Sokolov, Anna Sergeevna Volkova, Oleg Ivanovich Orlov", "Sokolov"),
])
def test_other_lists_of_three_word_names_keep_one_family_name(line, surname):
    assert author_line_to_surname(line, line) == surname


@pytest.mark.parametrize(("line", "surname"), [
    ("Anna Chiara Ferri de Lucia, Marco Bassi, Ilaria Conti", "Ferri de Lucia"),
    ("Paolo Enrico Sala di Monte, Giulia Neri, Franco Riva", "Sala di Monte"),
])
def test_a_family_name_joined_by_a_particle_after_two_given_names(line, surname):
    assert author_line_to_surname(line, line) == surname


@pytest.mark.parametrize(("line", "surname"), [
    ("Maria Teresa de Souza, Ana Lima, Rui Costa", "de Souza"),
    ("Jon A. van Heerden, Peter Gloviczki, Ana Ruiz", "van Heerden"),
])
def test_a_particle_after_one_given_name_starts_the_family_name(line, surname):
    assert author_line_to_surname(line, line) == surname


# -- a given-name syllable shifted before the family name ------------------------------------

@pytest.mark.parametrize(("line", "surname"), [
    ("Min Park J, Soo Lee H, Hee Cho K, Yoon TS.", "Park"),
    ("Hoon Jang S, Won Seo D, Kim GH, Ahn JY.", "Jang"),
])
def test_a_shifted_given_syllable_is_not_part_of_the_family_name(line, surname):
    assert author_line_to_surname(line, line) == surname


@pytest.mark.parametrize(("line", "surname"), [
    ("Costa Lima AM, Alves P, Rocha T.", "Costa Lima"),
    # one author so printed is a family name of two words
    ("Van Gent AB, Meyer P, Hart J.", "Van Gent"),
])
def test_a_cited_family_name_of_two_words_is_kept(line, surname):
    assert author_line_to_surname(line, line) == surname


# -- a metadata list, one name a line ---------------------------------------------------------

def test_a_metadata_list_written_family_name_first():
    front = ("Outcomes of caval resection\nAuthor(s) -\nOkafor Kemi Adaeze,\nLind Per,\n"
             "De Rosa Marta,\nHale Simon\nPublication year - 2019\n")
    assert front_to_first_author(front) == "Okafor"


def test_a_metadata_list_opening_with_a_particle():
    front = ("Outcomes of caval resection\nAuthors:\nDe Rosa Marta,\nLind Per,\nHale Simon\n")
    assert front_to_first_author(front) == "De Rosa"


def test_a_metadata_list_written_given_name_first():
    front = "Outcomes of caval resection\nAuthors:\nKemi Okafor,\nPer Lind,\nSimon Hale\n"
    assert front_to_first_author(front) == "Okafor"


# -- one author alone between the title and the abstract --------------------------------------

@pytest.mark.parametrize(("front", "surname"), [
    ("Clinical outcome after total pharyngectomy in hypopharyngeal carcinoma\n\n"
     "Somchai Rattanaporn\n\nBackground: Pharyngectomy carries a high fistula rate.",
     "Rattanaporn"),
    ("Long-term results of hernia repair with mesh\nKarel Dvorak\nAbstract\nWe report 80 cases.",
     "Dvorak"),
])
def test_a_lone_author_over_the_abstract(front, surname):
    assert front_to_first_author(front, None, front) == surname


def test_a_short_subtitle_over_the_abstract_is_no_author():
    front = ("Long-term results of hernia repair with mesh\n\nSingle Centre Experience\n\n"
             "Abstract\nThis single centre experience covers 80 cases.")
    assert front_to_first_author(front, None, front) is None


# -- place lists ----------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Oslo, Norway; Bergen, Norway",
    "Lyon, France; Nantes, France; Lille, France",
    "Austin, TX; Dallas, TX",
])
def test_a_place_list_is_no_author_line(line):
    assert not is_author_line(line)


def test_a_place_list_before_the_author_line_is_passed_over():
    front = ("Caval resection for leiomyosarcoma\nTromsø, Norway; Bodø, Norway\n"
             "Ingrid Haugen, Per Lind, Ola Berg\nAbstract\nWe reviewed 20 patients.")
    _, author_line = front_to_title_lines(front)
    assert author_line == "Ingrid Haugen, Per Lind, Ola Berg"
    assert front_to_first_author(front, author_line, front) == "Haugen"


@pytest.mark.parametrize(("line", "surname"), [
    ("Haugen, Kari; Berg, Kari Anne; Lind, Per", "Haugen"),
    ("Schöne-Aydin, Lukas; Brandauer, Verena", "Schöne-Aydin"),
])
def test_inverted_names_stay_an_author_line(line, surname):
    assert is_author_line(line)
    assert author_line_to_surname(line, line) == surname
