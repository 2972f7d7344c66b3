"""Reviews are told from case series by what their front matter says about the work itself."""

from __future__ import annotations

import pytest

from extract.model import Page
from extract.pipeline import pages_to_document
from extract.settings import ExtractSettings
from extract.study.doctype import classify_document
from extract.study.review_evidence import front_to_review_cues
from extract.study.study import pages_to_study

# Written for these tests: reviews worded as different journals word them, none with a title
# the front-matter reader can find (web captures start with a URL or navigation).
WEB_META_ANALYSIS = """https://example.org/articles/123
Skip to main content

Outcomes of hepatic artery stenting: systematic review and meta-analysis

Abstract

Methods In March 2021, we searched the Ovid (MEDLINE, Embase) and Scopus databases for
series of hepatic artery stenting. Results Twenty-two studies (total 1,310 patients) were
analyzed. Primary patency at 12 months was 81% (95% CI 75-86%).
"""

POOLED_PUBLISHED_CASES = """Renal artery aneurysm repair
Background Repair of renal artery aneurysms is rare. Methods A pooled analysis was performed on
all cases identified by literature search (n = 212) and our institutional database (n = 9).
Results Five-year survival was 88% and the 30-day mortality was 1.4%.
"""

INTERNET_POOL = """Bladder neck reconstruction: how often is revision needed?
The aim was to estimate the revision rate after bladder neck reconstruction. Results from a
pool of eighteen clinical studies involving over 900 children were obtained from an internet
search. Cumulative freedom from revision at 10 years was 0.74.
"""

CASE_SERIES_CITING_A_REVIEW = """Hepatic artery stenting after liver transplantation
A. Moreau, B. Dubois, C. Laurent

Abstract

Methods: We retrospectively reviewed 41 consecutive patients treated at our institution.
Results: Primary patency at 12 months was 78%. A previous meta-analysis of 22 studies reported
a pooled patency of 81%, similar to ours.
"""

SERIES_WITH_A_REVIEW_IN_ITS_REFERENCES = """Thoracic duct embolisation: a single-centre series
Methods: Thirty-two patients who underwent thoracic duct embolisation were included.
Results: Clinical success was 72%.
References
    Smith J, et al. Thoracic duct embolisation: a systematic review and meta-analysis. 2019;4:1-9.
"""


def document_type(text: str) -> str:
    pages = [Page(None, text)]
    return classify_document(pages, pages_to_study(pages), [])


@pytest.mark.parametrize("text", [WEB_META_ANALYSIS, POOLED_PUBLISHED_CASES, INTERNET_POOL],
                         ids=["web-meta-analysis", "pooled-published-cases", "internet-pool"])
def test_reviews_are_recognised_without_a_title(text):
    assert document_type(text) == "review"


@pytest.mark.parametrize("text", [CASE_SERIES_CITING_A_REVIEW,
                                  SERIES_WITH_A_REVIEW_IN_ITS_REFERENCES],
                         ids=["cites-a-meta-analysis", "review-in-references"])
def test_a_case_series_mentioning_a_review_stays_a_study(text):
    assert document_type(text) == "study"


def test_each_kind_of_review_evidence_counts_once():
    cues = front_to_review_cues(WEB_META_ANALYSIS)
    assert (cues.design_title, cues.database_search, cues.study_count) == (True, True, True)
    assert cues.strong == 3
    assert not front_to_review_cues(CASE_SERIES_CITING_A_REVIEW).strong


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [("We conducted a systematic review of hepatic artery stenting.", "self_described"),
     ("A meta-analysis was performed on published series.", "self_described"),
     ("MEDLINE and EMBASE online databases were searched.", "database_search"),
     ("Fifty-four studies were identified, for a total of 2249 patients.", "study_count"),
     ("We identified a total of 23 studies for our review.", "study_count"),
     ("Cases reported in the English literature were collected.", "published_cases")],
)
def test_review_evidence_in_differently_worded_sentences(sentence, kind):
    assert getattr(front_to_review_cues(sentence), kind)


def test_a_review_exports_no_records():
    doc = pages_to_document([Page(None, WEB_META_ANALYSIS)], "text/plain", ExtractSettings())
    assert doc.document_type == "review"
    assert doc.records == ()


STUDY_WITHOUT_SECTION_HEADINGS = """Data were collected on all patients undergoing
nephroureterectomy at 12 centers from 2004 to 2016. This study aimed to evaluate major
complications. Multivariable logistic models were fitted. The 212 patients in this study had
a median age of 69 years.
"""


def test_an_unstructured_abstract_with_a_research_question_is_a_study():
    assert document_type(STUDY_WITHOUT_SECTION_HEADINGS) == "study"
