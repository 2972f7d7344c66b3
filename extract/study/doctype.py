"""Is a source a study, a review of other studies, or no study at all?

Evidence is scored, never decided by a single word: a primary case series states a cohort
(``n_patients``), has Methods/Results sections and yields outcome records; a systematic review
or meta-analysis searches databases, includes *studies* and pools them; a web page, editorial
or product page has navigation, marketing or letter cues and states no cohort.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.model import ExtractedRecord, Page, StudyInfo
from extract.reading.document_text import front_matter, heading_name, pages_to_text
from extract.study.review_evidence import front_to_review_cues

#: Review evidence at or above this, and above the study evidence, makes a ``review``.
REVIEW_THRESHOLD = 4.0
#: Study evidence below this makes a ``not_a_study`` unless review evidence wins.
STUDY_THRESHOLD = 3.0

_STUDY_CUES = [
    (re.compile(r"\b(?:we|this study)\s+(?:\w+\s+)?(?:retrospectively\s+)?(?:reviewed|analy[sz]ed|"
                r"report|present|describe|included|enrolled|treated|operated)\b", re.I), 1.0),
    (re.compile(r"\b(?:retrospective|prospective)(?:ly)?\b", re.I), 0.5),
    (re.compile(r"\b(?:our|this)\s+(?:institution|cent(?:er|re)|hospital|department|series|"
                r"cohort|study)\b", re.I), 0.5),
    (re.compile(r"\b(?:ethics committee|institutional review board|IRB|informed consent)\b",
                re.I), 1.0),
    # a research question and the analysis that answers it: the language of a study report
    (re.compile(r"\b(?:we|this\s+study|the\s+study)\s+aim(?:ed|s)?\b|\b(?:aim|objective|purpose|"
                r"goal)s?\s+of\s+(?:this|the\s+present|our)\s+(?:study|work|analysis|series)\b",
                re.I), 1.0),
    (re.compile(r"\b(?:primary|secondary)\s+(?:outcomes?|end[\s\-]?points?)\b", re.I), 1.0),
    # the authors naming their own design ("in this single-centre randomised trial", "our
    # prospective registry") or allocating their own patients: a report of a cohort even when
    # its size is worded so that no count is read
    (re.compile(r"\b(?:this|our|the\s+present)\s+(?:[\w\-]+\s+){0,3}?(?:randomi[sz]ed\s+"
                r"(?:controlled\s+)?trial|trial|cohort|case\s+series|series|registry)\b", re.I),
     1.0),
    (re.compile(r"\b(?:patients|participants|subjects|men|women|children)\s+(?:were|was)\s+"
                r"(?:randomi[sz]ed|randomly\s+assigned|allocated|enrolled|recruited)\b", re.I),
     1.0),
    (re.compile(r"\b(?:multivariable|multivariate|univariate|logistic\s+regression|Cox\s+"
                r"(?:regression|proportional)|Kaplan[\s\-‑–]Meier|log[\s\-]rank)\b", re.I), 1.0),
]
# A scholarly article (not yet evidence of a cohort, but not a web page either).
_SCHOLARLY_CUES = [
    (re.compile(r"\b(?:abstract|key\s?words)\b", re.I), 0.5),
    (re.compile(r"\bdoi\b|\b10\.\d{4,9}/", re.I), 0.5),
    (re.compile(r"^\W*(?:references|bibliography)\W*$", re.I | re.M), 0.5),
]
_NOT_A_STUDY_CUES = [
    (re.compile(r"\b(?:skip to (?:main )?content|cookie|subscribe|newsletter|sign up|"
                r"log ?in|contact us|share this|read more|learn more|all rights reserved by)\b",
                re.I), 1.5),
    (re.compile(r"\b(?:blog|home\s*(?:page)?|products?|request a (?:demo|quote)|our team|"
                r"medical affairs|buy now|shop)\b", re.I), 1.0),
    (re.compile(r"^\W*(?:editorial|commentary|invited commentary|letter to the editor|"
                r"viewpoint|erratum|corrigendum)\W*$", re.I | re.M), 3.0),
    (re.compile(r"\bdear (?:editor|sir)\b", re.I), 3.0),
]


@dataclass(frozen=True)
class DocumentTypeEvidence:
    """Scores behind a document-type decision (kept so the decision can be explained)."""

    study: float
    review: float
    not_a_study: float
    strong_review_cues: int = 0
    #: Sections, an abstract, a DOI or a reference list: the shape of a paper.
    scholarly: bool = True

    @property
    def document_type(self) -> str:
        """``review``, ``not_a_study`` or ``study`` (see the module docstring).

        Two kinds of evidence only a review has (:mod:`extract.study.review_evidence`: a design
        title, a self-description, a database search, a count of included studies, published
        cases as material) make a review whatever else the text has: a meta-analysis also
        states patient counts and yields records.
        """
        if self.strong_review_cues >= 2:
            return "review"
        if self.review >= REVIEW_THRESHOLD and self.review > self.study:
            return "review"
        if self.study < STUDY_THRESHOLD or self.not_a_study > self.study:
            return "not_a_study"
        if not self.scholarly and self.not_a_study >= 1.0:
            return "not_a_study"  # a web or product page quoting a patient count
        return "study"


def document_type_evidence(pages: Sequence[Page], study: StudyInfo,
                           records: Sequence[ExtractedRecord]) -> DocumentTypeEvidence:
    """Score the evidence for each document type."""
    text = pages_to_text(pages)
    head = text[:20000]
    front = front_matter(pages) if pages else ""
    cues = front_to_review_cues(front, study.title)
    cohort = 3.0 if study.n_patients else 0.0
    sections = _study_sections(text)
    scholarly = _cue_score(_SCHOLARLY_CUES, head)
    study_score = (cohort + sections + min(len(records), 3) * 1.0 + scholarly
                   + _cue_score(_STUDY_CUES, head))
    return DocumentTypeEvidence(study_score, cues.score, _cue_score(_NOT_A_STUDY_CUES, head),
                                cues.strong, scholarly=bool(sections or scholarly))


def classify_document(pages: Sequence[Page], study: StudyInfo,
                      records: Sequence[ExtractedRecord]) -> str:
    """Return ``study``, ``review`` or ``not_a_study``.

    Parameters
    ----------
    pages : sequence of Page
        The document.
    study : StudyInfo
        Its study fields (the cohort size is the main evidence for a study).
    records : sequence of ExtractedRecord
        The outcome records found in it.
    """
    return document_type_evidence(pages, study, records).document_type


def _cue_score(cues: Sequence[tuple[re.Pattern[str], float]], text: str) -> float:
    return sum(weight for pattern, weight in cues if pattern.search(text))


def _study_sections(text: str) -> float:
    names = {heading_name(line) for line in text.splitlines()}
    # structured-abstract labels: "Methods:", "**Results**", "RESULTS—", "Patients and methods.",
    # and the labels of journals that name them otherwise ("Design, setting, and participants:",
    # "Results and limitations:", "Findings:")
    names |= {m.group(1).lower() for m in re.finditer(
        r"(?:^|\*\*|\n|[.]\s)\s*((?:patients?\s+and\s+|materials?\s+and\s+)?methods|"
        r"design,?\s+setting,?\s+(?:and\s+)?participants|results?(?:\s+and\s+limitations)?|"
        r"findings)(?:\s*[:*—–.]|\s+(?-i:(?=[A-Z])))", text, re.IGNORECASE)}
    has_methods = any(name and ("method" in name or "participants" in name) for name in names)
    has_results = any(name and (name.startswith("result") or name == "findings")
                      for name in names)
    return 1.0 * has_methods + 1.0 * has_results
