"""The year a DOI carries (``10.1016/j.jvs.2019.04.012``) dates a paper that prints no other
publication year; a study period and a DOI without a year do not. Fronts written for this
file."""

from __future__ import annotations

import pytest

from extract.study.front_matter import front_to_year


@pytest.mark.parametrize(("front", "year"), [
    ("Stenting for venous obstruction\nDOI: https://doi.org/10.1016/j.jvsv.2020.08.004\n"
     "Methods: Patients treated between 2008 and 2018 were reviewed.", 2020),
    ("Caval resection\ndoi:10.1016/j.ejso.2017.11.021\nAbstract: From 2001 to 2015, ...", 2017),
])
def test_the_year_of_the_doi_when_no_other_year_is_printed(front, year):
    assert front_to_year(front) == year


def test_a_printed_citation_year_comes_before_the_doi_year():
    front = "J Surg Oncol. 2018;12:1-4\ndoi:10.1016/j.ejso.2017.11.021"
    assert front_to_year(front) == 2018


@pytest.mark.parametrize("front", [
    "DOI 10.1007/s00405-007-0502-y\nMethods: From 2001 to 2015, 40 patients were treated.",
    "Methods: Patients treated between 2008 and 2018 were reviewed.",
])
def test_no_year_without_a_dated_doi_or_citation(front):
    assert front_to_year(front) is None
