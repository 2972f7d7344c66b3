"""What makes a source a review of other studies rather than a report of its own cohort.

A systematic review, meta-analysis or pooled analysis of published cases says so in the places
a reader looks first, and in a handful of ways that a primary case series does not use about
itself:

- a title or heading line naming the design (``...: a systematic review and meta-analysis``,
  a ``Meta-Analysis`` publication-type line);
- a sentence describing the work itself as one (``We conducted a systematic review``,
  ``The aim of this meta-analysis``, ``A pooled data analysis was performed``);
- a bibliographic database search (``We searched PubMed, Embase and Cochrane``,
  ``MEDLINE and EMBASE databases were searched``);
- a count of included studies (``Thirty studies ... were analyzed``, ``We identified a total
  of 23 studies``, ``Eleven studies (with 283 patients) met our inclusion criteria``);
- published cases as the material (``cases identified by literature search``);
- pooled statistics (``pooled event rates``, ``random-effects``, ``I2 = 61%``).

Each kind counts once, whatever the number of sentences showing it. Only the front matter
(title block and abstract) is read: a case series citing a meta-analysis in its discussion is
still a case series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.study.cohort import COUNT
from extract.study.front_matter import is_reference_line

#: Lines of the front matter up to this long can be a title, heading or publication-type line.
MAX_TITLE_LINE = 300

_DESIGN = (r"(?:systematic(?:al)?\s+(?:literature\s+)?review|meta[\s\-‑]?analys[ie]s|"
           r"pooled[\s\-](?:data\s+|individual[\s\-]patient[\s\-]data\s+)?analys[ie]s|"
           r"umbrella\s+review|scoping\s+review|(?:systematic\s+)?literature\s+review)")
# A title, heading, keyword or publication-type line names the design at its start or after a
# colon, dash or comma ("...: a systematic review", "Meta-Analysis", "Keywords: ..., Meta-
# analysis"), not mid-sentence ("a previous meta-analysis of 22 studies reported").
_DESIGN_LINE = re.compile(rf"(?:^|[:.,;|—–\-]\s*)(?:(?:a|an|the)\s+)?{_DESIGN}\b", re.I)
_SELF_DESCRIBED = re.compile(
    rf"\b(?:we|this|our|the\s+present|the\s+current)\b[^.;]{{0,40}}?\b{_DESIGN}"
    rf"|\b{_DESIGN}\s+(?:\w+\s+){{0,4}}?(?:was|were)\s+(?:performed|conducted|undertaken|"
    r"carried\s+out|done)\b|\bin\s+a\s+" + _DESIGN + r"|\bto\s+systematically\s+review\b",
    re.I,
)
_DATABASE = (r"(?:PubMed|MEDLINE|Embase|Cochrane|Scopus|Web\s+of\s+Science|Google\s+Scholar|"
             r"CINAHL|Ovid|LILACS)")
_DATABASE_SEARCH = re.compile(
    rf"\bsearch\w*\b[^.;]{{0,120}}?\b{_DATABASE}\b|\b{_DATABASE}\b[^.;]{{0,160}}?\bsearched\b",
    re.I,
)
_WORKS = r"(?:studies|articles|publications|trials|reports|series|papers)"
_STUDY_COUNT = re.compile(
    rf"(?<![\w.]){COUNT}\s+(?:[\w\-]+\s+){{0,3}}?{_WORKS}\b[^.;]{{0,80}}?\b(?:were|was|met)\s+"
    r"(?:\w+\s+){0,2}?(?:included|analy[sz]ed|identified|eligible|pooled|selected|retrieved|"
    r"inclusion|reviewed)"
    rf"|\b(?:identified|included|pool\s+of|total\s+of|data\s+from)\s+(?:a\s+total\s+of\s+)?"
    rf"{COUNT}\s+(?:[\w\-]+\s+){{0,2}}?{_WORKS}\b"
    rf"|\bn\s*=\s*\d+\s+{_WORKS}\b",
    re.I,
)
_PUBLISHED_CASES = re.compile(
    r"\b(?:literature|internet|online|electronic)\s+(?:database\s+)?search\b|\b(?:cases|patients)\s+(?:\w+\s+){0,3}?(?:reported|published)\s+"
    r"in\s+the\s+(?:English\s+|medical\s+)?literature\b|\bpublished\s+(?:cases|series|studies)\b",
    re.I,
)
_POOLED_STATISTICS = re.compile(
    r"\bpooled\s+(?:\w+\s+){0,2}?(?:rates?|estimates?|proportions?|prevalence|incidence|"
    r"odds|risk|means?|data)\b|\b(?:random|fixed)[\s\-]effects?\b|\b(?:I\^?2|I²)\s*[=:]|\bPRISMA\b",
    re.I,
)


@dataclass(frozen=True)
class ReviewCues:
    """Which kinds of review evidence a document's front matter shows."""

    design_title: bool
    self_described: bool
    database_search: bool
    study_count: bool
    published_cases: bool
    pooled_statistics: bool

    @property
    def strong(self) -> int:
        """Number of kinds only a review shows (pooled statistics alone are not enough)."""
        return sum((self.design_title, self.self_described, self.database_search,
                    self.study_count, self.published_cases))

    @property
    def score(self) -> float:
        """Two points per strong kind, one for pooled statistics."""
        return 2.0 * self.strong + 1.0 * self.pooled_statistics


def front_to_review_cues(front: str, title: str | None = None) -> ReviewCues:
    """Look for each kind of review evidence in the front matter (and the title).

    Parameters
    ----------
    front : str
        The title block and abstract (:func:`extract.reading.document_text.front_matter`).
    title : str, optional
        The title, when the front-matter reader found one.
    """
    flat = " ".join(front.split())
    lines = [line.strip() for line in front.splitlines()]
    heads = [title or "", *(line for line in lines
                             if len(line) <= MAX_TITLE_LINE and not is_reference_line(line))]
    return ReviewCues(
        design_title=any(_DESIGN_LINE.search(line) for line in heads),
        self_described=bool(_SELF_DESCRIBED.search(flat)),
        database_search=bool(_DATABASE_SEARCH.search(flat)),
        study_count=bool(_STUDY_COUNT.search(flat)),
        published_cases=bool(_PUBLISHED_CASES.search(flat)),
        pooled_statistics=bool(_POOLED_STATISTICS.search(flat)),
    )
