"""The cohort size of a case series from the ways papers state it (issue 10, class 2)."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.study.cohort import count_to_int, mentions_to_cohort_size, text_to_count_mentions
from extract.study.study import pages_to_study


def cohort(text: str, title: str | None = None) -> int | None:
    return mentions_to_cohort_size(text_to_count_mentions(text, title))


@pytest.mark.parametrize(
    ("token", "expected"),
    [("A hundred", 100), ("One hundred eight", 108), ("One hundred and twenty-six", 126),
     ("two hundred", 200), ("three hundred forty-one", 341), ("1,007", 1007), ("hundred", None)],
)
def test_counts_in_hundreds_written_as_words(token, expected):
    assert count_to_int(token) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # number words in the hundreds
        ("Results: A hundred patients were eligible for the study. Their median age was 62.", 100),
        ("One hundred and twelve patients underwent stenting. Two patients required surgery.", 112),
        # a count followed by its breakdown: the parts are not the cohort
        ("A total of 13 cases were analyzed, including 10 women and 3 men.", 13),
        ("Results: We reviewed 57 patients, of whom 41 underwent nephrectomy.", 57),
        # a description of the cohort in parentheses is not the count's own share
        ("Results: Twenty patients (60% women, median age 57 years) were treated with curative "
         "intent. Median OS for 19 patients who underwent complete resection was 71 months.", 20),
        # "this ... study analyzes N patients"
        ("This prospective interventional clinical study analyzes 61 patients operated with "
         "laparoscopic appendectomy.", 61),
        # the cohort referred to as a whole
        ("Methods: The median age of the 41 patients (16 male, 25 female) was 42 years. Two "
         "patients (4.9%) had pancreatitis.", 41),
        ("RESULTS: The 681 patients in this study had a median age of 59 years.", 681),
        # patients behind an inclusion statement about procedures
        ("Results From the 786 operations included (n=585), recurrence rates were lower.", 585),
    ],
    ids=["a-hundred", "one-hundred-and-twelve", "including-breakdown", "of-whom",
         "described-in-parentheses", "study-analyzes", "the-n-patients", "the-n-in-this-study",
         "included-n-equals"],
)
def test_cohort_size_from_differently_worded_statements(text, expected):
    assert cohort(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a single procedure in a few cases is a subset, not the cohort
        "Patients: Eleven patients with caval sarcoma. An associated nephrectomy was performed "
        "in 2 cases. The renal vein was reimplanted in 3 cases.",
        "Patients: Eleven patients were treated. Local excision alone was performed in seven, "
        "and excision with reconstruction was performed in six patients.",
    ],
    ids=["nephrectomy-in-2-cases", "excision-in-six-patients"],
)
def test_procedures_in_a_few_patients_are_not_the_cohort(text):
    assert cohort(text) == 11


def test_procedure_counts_in_patients_still_give_the_cohort():
    assert cohort("Results: 61 stents were placed in 44 patients.") == 44


def test_title_count_of_patients():
    pages = [Page(None, "# Gastric bypass: a single centre study of 2606 patients\n\n"
                        "Abstract\n\nResults: Morbidity was 5.8%.\n")]
    assert pages_to_study(pages).n_patients == 2606


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        # the title's "cases" are the lesions the text counts
        ("Methods: A total of 64 consecutive colorectal lesions in 58 patients were included.",
         "Endoscopic dissection of colorectal neoplasia: a series of 64 cases", 58),
        ("Methods: During the study period, 25 patients with 30 nodules were included.",
         "Microwave ablation of lung nodules: initial experience with 30 cases", 25),
    ],
    ids=["cases-are-lesions", "cases-are-nodules"],
)
def test_cases_that_count_lesions_are_not_the_cohort(text, title, expected):
    assert cohort(text, title) == expected


def test_cases_in_a_title_are_patients_when_nothing_else_has_that_count():
    text = "Methods: Records were reviewed. Results: Ten cases had recurrence."
    assert cohort(text, "Caval resection for leiomyosarcoma: a series of 40 cases") == 40


@pytest.mark.parametrize("preposition", ["on", "with"])
def test_a_title_study_on_n_patients_scores_like_a_study_of_n(preposition):
    def title_score(title):
        return text_to_count_mentions("Results: Morbidity was 5.8%.", title)[0].score
    of = title_score("Gastric bypass: a single center study of 2606 patients")
    assert title_score(f"Gastric bypass: a single center study {preposition} 2606 patients") == of


def test_this_report_details_n_cases():
    text = ("This report details the follow-up data on 40 cases of caval leiomyosarcoma. "
            "Eleven of 33 patients managed by complete resection had involved margins.")
    assert cohort(text) == 40
