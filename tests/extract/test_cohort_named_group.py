"""The cohort named as the study's group after an exclusion ("The remaining 160 patients
formed the study cohort"), and the deaths counted at analysis over it (gold-guide: deaths at
last follow-up or analysis are mortality without a time point). Sentences written for this
file."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_document
from extract.settings import ExtractSettings
from extract.study.study import pages_to_study


def n_patients(abstract: str) -> int | None:
    text = f"# Outcomes of surgery: a retrospective study\n\nAbstract\n\n{abstract}\n"
    return pages_to_study([Page(None, text)]).n_patients


@pytest.mark.parametrize(("abstract", "size"), [
    ("Methods: Of 180 patients operated, 20 were too frail for resection and were excluded. "
     "The remaining 160 patients formed the study cohort. Results: Nine patients died.", 160),
    ("Methods: We reviewed the charts of 95 adults treated from 2010 to 2020; 80 patients "
     "constituted the final study population. Results: Seroma developed in 6.", 80),
    ("Methods: After exclusions, 212 cases make up the analysed series. Results: Bleeding "
     "occurred in 4 cases.", 212),
])
def test_a_count_named_as_the_study_group_is_the_cohort(abstract, size):
    assert n_patients(abstract) == size


@pytest.mark.parametrize("abstract", [
    # a part of the cohort named as another group
    "Methods: Of the 160 included patients, 40 formed the comparison group of the survey.",
    "Methods: A total of 160 patients were included; the remaining 40 patients formed a "
    "control group of the survey.",
])
def test_a_part_named_as_another_group_is_not_the_cohort(abstract):
    assert n_patients(abstract) == 160


@pytest.mark.parametrize(("sentence", "events"), [
    ("At the time of analysis 150 patients had died.", 150),
    ("By the last follow-up, 96 patients had died.", 96),
])
def test_deaths_at_analysis_are_mortality_over_the_cohort_read(sentence, events):
    text = ("# Resection of glioblastoma\n\nAbstract\n\nMethods: Of 200 patients operated, 10 "
            "had biopsy only and were excluded. The remaining 190 patients form the study "
            f"group. Results: {sentence}\n")
    doc = pages_to_document([Page(None, text)], "text/plain", ExtractSettings())
    assert doc.study.n_patients == 190
    assert [(r.outcome, r.events, r.total, r.timepoint_months) for r in doc.records
            if r.outcome == "mortality"] == [("mortality", events, 190, None)]
