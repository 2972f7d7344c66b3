"""Document type from scored evidence: synthetic snippets and the seed documents."""

from __future__ import annotations

import pytest

from extract.model import ExtractedRecord, Page, StudyInfo
from extract.study.doctype import classify_document, document_type_evidence
from extract.study.study import pages_to_study

STUDY = """# Stenting for malignant iliocaval compression

A. Moreau, B. Dubois, C. Laurent

Abstract

Methods: We retrospectively reviewed patients treated at our institution.
Results: Twenty-eight patients were included. Clinical success was 82%.

Methods

The institutional review board approved this study.

Results

Twenty-eight patients underwent stenting.
"""

REVIEW = """# Resection of caval leiomyosarcoma: a systematic review and meta-analysis

Abstract

We searched PubMed, Embase and Cochrane for series of caval leiomyosarcoma (PRISMA).
Results: 31 studies were included, comprising 902 patients. The pooled 5-year survival
was 49% (random-effects model, I2 = 61%).
"""

POOLED_LITERATURE = """# Caval sarcoma: analysis of 377 cases reported in the English literature

Methods

Cases reported in the English literature between 1950 and 2020 were collected; 112
articles were identified. A pooled analysis of survival was performed.
"""

BLOG = """Skip to main content
Home | Products | Blog
Why vein imaging matters

Learn how modern imaging helps physicians plan venous procedures. Read more on our blog
and subscribe to our newsletter. Contact us to request a demo.
"""

EDITORIAL = """Editorial

Dear Editor, stenting of malignant obstruction deserves more trials. Few series exist and
outcomes vary widely between centres.
"""


def classify(text: str, records=()):
    pages = [Page(None, text)]
    return classify_document(pages, pages_to_study(pages), list(records))


@pytest.mark.parametrize(
    ("text", "expected"),
    [(STUDY, "study"), (REVIEW, "review"), (POOLED_LITERATURE, "review"),
     (BLOG, "not_a_study"), (EDITORIAL, "not_a_study")],
    ids=["case-series", "meta-analysis", "pooled-literature", "blog", "editorial"],
)
def test_document_type_of_synthetic_documents(text, expected):
    assert classify(text) == expected


def test_a_cohort_outweighs_a_literature_review_mention():
    text = STUDY + "\nDiscussion\n\nA review of the literature found similar results.\n"
    assert classify(text) == "study"


def test_records_are_evidence_of_a_study():
    pages = [Page(None, "Outcomes\n\nSome text without sections.")]
    records = [ExtractedRecord("mortality", "proportion", events=1, total=9)] * 5
    no_records = document_type_evidence(pages, StudyInfo(n_patients=9), [])
    with_records = document_type_evidence(pages, StudyInfo(n_patients=9), records)
    assert with_records.study > no_records.study
    assert with_records.document_type == "study"


def test_evidence_without_anything_is_not_a_study():
    assert document_type_evidence([Page(None, "")], StudyInfo(), []).document_type == (
        "not_a_study"
    )


@pytest.mark.parametrize(
    ("stem", "expected"),
    [("000_4d726155b3e151b2", "study"), ("001_eb2d2949fa875907", "study"),
     ("002_d297d4b89133e26e", "study"), ("003_1406ed0e9873a9df", "not_a_study"),
     ("004_f6dfa0e86cd2d3b2", "study")],
)
def test_seed_document_types(shared, stem, expected):
    text = (shared / "corpus" / "seeds" / f"{stem}.txt").read_text()
    assert classify(text) == expected


META_ANALYSIS_BODY = """Abstract

Methods: MEDLINE and Embase were searched according to PRISMA. Eligible series of venous
stenting were pooled with a random-effects model.
Results: 24 studies were included, comprising 1,310 patients. Technical success was 96%.
Primary patency at 12 months was 71%. Major complications occurred in 3%.

Methods

Two reviewers screened records.

Results

Mortality at 30 days was 2%.
"""


def test_review_without_a_title_and_with_many_records():
    pages = [Page(None, META_ANALYSIS_BODY)]
    study = pages_to_study(pages)
    records = [ExtractedRecord("technical_success", "proportion", value=0.96)] * 5
    evidence = document_type_evidence(pages, study, records)
    assert evidence.strong_review_cues >= 2
    assert evidence.document_type == "review"
    assert study.n_patients is None  # patients pooled from 24 studies are not a cohort


ABSTRACT_ONLY = """Caval resection for leiomyosarcoma
A. Berg, C. Dahl

OBJECTIVE: To report outcomes of caval resection.
METHODS: Records of patients operated for caval leiomyosarcoma were analysed.
RESULTS: The R0 rate was high and 5-year survival was 52%.
"""


def test_abstract_only_with_structured_labels_is_a_study():
    pages = [Page(None, ABSTRACT_ONLY)]
    records = [ExtractedRecord("overall_survival", "rate_at_time", value=0.52,
                               timepoint_months=60)]
    assert classify_document(pages, pages_to_study(pages), records) == "study"


PRODUCT_PAGE = """Home | Products | Contact us
The FlowMax venous stent

Trusted by physicians: in a registry of 120 patients treated with FlowMax, patency was 95%.
Request a demo today.
"""


def test_product_page_quoting_patients_is_not_a_study():
    pages = [Page(None, PRODUCT_PAGE)]
    records = [ExtractedRecord("primary_patency", "proportion", value=0.95)]
    evidence = document_type_evidence(pages, pages_to_study(pages), records)
    assert not evidence.scholarly
    assert evidence.document_type == "not_a_study"


# Abstracts whose cohort is worded so that no size is read and that yield no record: the
# authors' own design statement and the journal's section labels still make them studies.
OWN_TRIAL = """Open versus laparoscopic repair: two-year results

OBJECTIVE To compare two approaches to the same repair.

METHODS In this two-centre randomised trial, patients were allocated to either approach.

RESULTS Disability improved similarly in both groups.
"""

OWN_REGISTRY = """Outcomes of cryoablation for small renal masses

Background: Ablation is an alternative to partial nephrectomy.

Design, setting, and participants: Our prospective multicentre registry enrolled men and women
with a solitary renal mass.

Results and limitations: Local control was durable. Limitations include the lack of a control
group.
"""

LANCET_STYLE = """Stenting after failed dilation

Methods Participants were enrolled at eight hospitals in this prospective cohort.

Findings Restenosis was uncommon.
"""

EDITORIAL_ON_A_TRIAL = """Invited commentary

The randomised trial in this issue allocated patients to two approaches. Its results deserve
attention, but a single trial rarely settles a question.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [(OWN_TRIAL, "study"), (OWN_REGISTRY, "study"), (LANCET_STYLE, "study"),
     (EDITORIAL_ON_A_TRIAL, "not_a_study")],
    ids=["own-trial", "own-registry", "findings-label", "commentary-on-a-trial"],
)
def test_own_design_statement_makes_a_study_without_a_cohort_size(text, expected):
    pages = [Page(None, text)]
    evidence = document_type_evidence(pages, StudyInfo(), [])
    assert evidence.document_type == expected
