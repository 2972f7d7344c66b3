"""Sections of a paper: which part of the text a line belongs to.

Findings are read from the abstract, results, tables and (with care) the discussion. The
introduction reports other studies; the reference list is not read at all; ``Case 3``
narratives describe one patient each, not the cohort. Figure legends and tables that a journal
prints after the reference list (``legends``) are body text again; the reference entries around
them, acknowledgements, funding and the like stay back matter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.model import Page

#: Section kinds, in the order a paper usually has them.
KINDS = ("front", "abstract", "introduction", "methods", "results", "discussion", "conclusion",
         "case", "references", "legends", "back")

_NAMES = [
    ("abstract", r"abstract|summary"),
    ("introduction", r"introduction|background|importance"),
    ("methods", r"(?:patients?|materials?|subjects)?\s*(?:and|&)?\s*methods?|methodology|"
                r"study (?:design|population)|statistical analys[ie]s|statistics|"
                # the house styles of a structured abstract: "Design, Setting, and
                # Participants", "Main Outcomes and Measures"
                r"design,? setting,? and participants|"
                r"(?:main )?outcomes? (?:and|&) measures?"),
    ("results", r"results?(?: and limitations)?|findings"),
    ("discussion", r"discussion|comments?"),
    ("conclusion", r"conclusions?(?: (?:and|&) relevance)?|patient summary|interpretation"),
    ("case", r"case(?: report| presentation)?\s*(?:no\.?\s*)?\d+|case reports?|"
             r"case presentations?|case descriptions?|illustrative cases?"),
    ("references", r"references?|bibliography|literature cited|works cited"),
    ("back", r"acknowledge?ments?|funding|author contributions?|conflicts? of interests?|"
             r"competing interests|declarations?|abbreviations|ethics(?: statement)?|"
             r"data availability(?: statement)?|orcid|publisher'?s note|author details|"
             r"biograph(?:y|ies)|about the authors?"),
]
_HEADING = re.compile(
    r"^[\s#*_>]*(?:[IVX]+\.|\d+(?:\.\d+)*\.?)?\s*\|?\s*(?P<name>[A-Za-z][A-Za-z '&,]*?\d*)"
    r"[\s*_:.]*(?:\((?i:table|fig)[^)]*\)[\s.]*)?$"
)
_KIND_RES = [(kind, re.compile(rf"^(?:{pattern})$", re.IGNORECASE)) for kind, pattern in _NAMES]
# A structured abstract's labels as a database prints them, run into the text: with a colon
# ("Results and limitations: ..."), with a full stop ("Conclusions. ..."), or in capitals with
# no mark at all ("RESULTS A total of ..."; a capitalised word or number must follow, then a
# word in lower case, so that a title in capitals is not cut)
_LABEL_WORDS = (r"BACKGROUND|INTRODUCTION|IMPORTANCE|OBJECTIVES?|PURPOSE|AIMS?|METHODS?|"
                r"(?:MATERIALS?|PATIENTS) AND METHODS|STUDY DESIGN|RESULTS|CONCLUSIONS?|DISCUSSION")
_LABEL_NAMES = (r"Background|Introduction|Importance|Objectives?|Purpose|Aims?|Methods|"
                r"(?:Materials?|Patients) and [Mm]ethods|Study [Dd]esign|"
                r"Results(?: and [Ll]imitations)?|"
                r"Conclusions?(?: and [Rr]elevance)?|Discussion|"
                r"Design,? [Ss]etting,? and [Pp]articipants|"
                r"(?:Main )?[Oo]utcomes? and [Mm]easures?|Patient [Ss]ummary|Interpretation")
_RUN_IN_LABEL = re.compile(
    rf"(?:^|(?<=[.!?])\s+)((?:{_LABEL_WORDS}|(?i:{_LABEL_NAMES}))\s*:"
    rf"|(?:{_LABEL_WORDS}|{_LABEL_NAMES})\.(?=\s+[A-Z0-9])"
    rf"|(?:{_LABEL_WORDS})(?=\s+(?:[A-Z][a-z]|[A-Z0-9][\w-]*\s+[a-z])))\s+"
)
# "Introduction Radical cystectomy remains ...", "Results Primary closure was ...": labels in
# title case with no mark, when one opens its line (a capitalised word, then one in lower
# case); the labels after it on the same line then open sentences ("... Methods Eleven ...")
_UNMARKED_OPENING = re.compile(rf"(?:{_LABEL_NAMES})\s+[A-Z][a-z]+\s+[a-z]")
_UNMARKED_LABEL = re.compile(rf"(?:^|(?<=[.!?])\s+)((?:{_LABEL_NAMES}))\s+(?=[A-Z0-9])")
# A table caption or figure legend ("Fig. 1", "Figure 2.", "FIGURE 3 |", "Table 1") after the
# reference list starts the legends journals print last.
_FLOAT_LABEL = re.compile(r"^[\s#*]*(?:table|fig\.?|figure)\s*\d", re.IGNORECASE)
# A reference entry between legends (a float printed in the middle of the list): "12. Smith J,
# ...", "Smith J, Jones K. ...", or a citation tail "2010;12:45-9", "2010;12(3):45", a DOI; the
# initials end in "," or "." so that a numbered table row ("2 Grade III 4 (10)") is no entry
_REFERENCE_ENTRY = re.compile(
    r"^\s*\[?\d{1,3}[.)\]]?\s+[A-Z][\w'’-]+,?\s+[A-Z]{1,3}[,.]"
    r"|^\s*[A-Z][\w'’-]+\s+[A-Z]{1,3},\s+[A-Z][\w'’-]+\s+[A-Z]{1,3}[,.]"
    r"|\b(?:19|20)\d{2}\s*[;:]\s*\d+\s*(?:\(\s*\d+\s*\))?\s*:\s*[A-Z]?\d+"
    r"|\bdoi\s*:|\bdoi\.org/"
)


@dataclass(frozen=True)
class Block:
    """Consecutive lines of one page in one section."""

    page: int | None
    section: str
    text: str


def heading_kind(line: str) -> str | None:
    """The section kind a heading line starts, or ``None`` when the line is not a heading."""
    if len(line) > 60:
        return None
    m = _HEADING.match(line)
    if not m:
        return None
    name = " ".join(m.group("name").split())
    for kind, pattern in _KIND_RES:
        if pattern.match(name):
            return kind
    return None


def pages_to_blocks(pages: Sequence[Page]) -> list[Block]:
    """Split pages into section blocks; the reference list is dropped.

    Text before the first heading is ``front`` matter (title, authors, an unlabelled
    abstract).
    """
    blocks: list[Block] = []
    section, listed = "front", False  # listed: the reference list has begun
    for page in pages:
        lines: list[str] = []
        for line in _split_run_in_labels(page.text.splitlines()):
            listed = listed or section == "references"
            kind = heading_kind(line)
            # a legend's label line is its first line of text, not a heading to drop
            kept: list[str] = []
            if kind is None and listed:
                kind = _after_references_kind(section, line)
                kept = [line] if kind == "legends" else []
            if kind == "abstract" and section not in ("front", "abstract"):
                kind = "conclusion"  # a "Summary" after the body restates it
            if kind is not None and kind != section:
                blocks.extend(_block(page.number, section, lines))
                section, lines = kind, kept
                continue
            lines.append(line)
        blocks.extend(_block(page.number, section, lines))
    return blocks


def _after_references_kind(section: str, line: str) -> str | None:
    """The kind a line that is no heading starts once the reference list has begun: a legend
    or table caption starts ``legends``, a reference entry among the legends returns to the
    ``references``."""
    if section in ("references", "back") and _FLOAT_LABEL.match(line):
        return "legends"
    if section == "legends" and _REFERENCE_ENTRY.search(line):
        return "references"
    return None


def _split_run_in_labels(lines: Iterable[str]) -> list[str]:
    """``BACKGROUND: ... METHODS: ... RESULTS: ...`` on one line (a structured abstract as a
    database prints it): each label on a line of its own, so it starts its section."""
    out: list[str] = []
    for line in lines:
        marked = _RUN_IN_LABEL.split(line)
        parts = _UNMARKED_LABEL.split(line) \
            if len(marked) == 1 and _UNMARKED_OPENING.match(line) else marked
        if parts[0].strip() or len(parts) == 1:
            out.append(parts[0])
        for label, rest in zip(parts[1::2], parts[2::2], strict=True):
            out.extend((label, rest))
    return out


def _block(page: int | None, section: str, lines: Iterable[str]) -> list[Block]:
    text = "\n".join(lines).strip()
    if not text or section == "references":
        return []
    return [Block(page, section, text)]
