"""Regressions found on the bundled example corpus (study fields of short synthetic papers)."""

from __future__ import annotations

import pytest

from extract.study.front_matter import author_line_to_surname, front_to_year


@pytest.mark.parametrize(
    ("line", "surname"),
    [
        ("Pieter de Vries, Hanna Okafor, Luis Moreno", "de Vries"),
        ("Anna van der Berg and Tom Smith", "van der Berg"),
        ("Karin Novak, Tomasz Wilk", "Novak"),
        ("De Santis A, Rossi B", "De Santis"),
    ],
)
def test_surname_keeps_its_particles(line, surname):
    assert author_line_to_surname(line) == surname


@pytest.mark.parametrize(
    ("front", "year"),
    [
        ("European Journal of Vascular Surgery, 2021. doi: 10.9999/x.2019.310", 2021),
        ("Journal of Surgery 2020.\nPatients treated from 2003 to 2018", 2020),
        ("doi:10.1002/jso.2019.27765", None),
    ],
)
def test_year_at_the_end_of_a_citation_sentence(front, year):
    assert front_to_year(front) == year


def test_html_title_element_is_not_doubled_before_the_h1(tmp_path):
    from extract.reading.readers import read_pages
    from extract.settings import ExtractSettings

    path = tmp_path / "paper.html"
    path.write_text(
        "<html><head><title>Bypass: a case series | Journal</title></head><body>"
        "<h1>Surgical bypass: a retrospective case series of 24 patients</h1>"
        "<p>Karin Novak, Tomasz Wilk</p></body></html>"
    )
    text = read_pages(path, ExtractSettings())[1][0].text
    assert text.startswith("Surgical bypass: a retrospective case series")
    assert "| Journal" not in text
    # without an h1 the <title> is the only title there is, and it is kept
    path.write_text("<html><head><title>A case series</title></head><body><p>x</p></body></html>")
    assert read_pages(path, ExtractSettings())[1][0].text.startswith("A case series")
