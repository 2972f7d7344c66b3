"""Sections of a paper: which part of the text a line belongs to.

Findings are read from the abstract, results, tables and (with care) the discussion. The
introduction reports other studies; the reference list is not read at all; ``Case 3``
narratives describe one patient each, not the cohort.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.model import Page

#: Section kinds, in the order a paper usually has them.
KINDS = ("front", "abstract", "introduction", "methods", "results", "discussion", "conclusion",
         "case", "references", "back")

_NAMES = [
    ("abstract", r"abstract|summary"),
    ("introduction", r"introduction|background"),
    ("methods", r"(?:patients?|materials?|subjects)?\s*(?:and|&)?\s*methods?|methodology|"
                r"study (?:design|population)|statistical analys[ie]s|statistics"),
    ("results", r"results?|findings"),
    ("discussion", r"discussion|comments?"),
    ("conclusion", r"conclusions?"),
    ("case", r"case(?: report| presentation)?\s*(?:no\.?\s*)?\d+|case reports?|"
             r"case presentations?|case descriptions?|illustrative cases?"),
    ("references", r"references?|bibliography|literature cited|works cited"),
    ("back", r"acknowledge?ments?|funding|author contributions?|conflicts? of interests?|"
             r"competing interests|declarations?|abbreviations|ethics(?: statement)?|"
             r"data availability(?: statement)?|orcid|publisher'?s note|author details"),
]
_HEADING = re.compile(
    r"^[\s#*_>]*(?:[IVX]+\.|\d+(?:\.\d+)*\.?)?\s*\|?\s*(?P<name>[A-Za-z][A-Za-z '&]*?\d*)"
    r"[\s*_:.]*(?:\((?i:table|fig)[^)]*\)[\s.]*)?$"
)
_KIND_RES = [(kind, re.compile(rf"^(?:{pattern})$", re.IGNORECASE)) for kind, pattern in _NAMES]
# A table caption or figure legend ends the reference list (journals print tables last).
_RUN_IN_LABEL = re.compile(
    r"(?:^|(?<=[.!?])\s+)((?:BACKGROUND|INTRODUCTION|OBJECTIVES?|PURPOSE|AIMS?|METHODS?|"
    r"(?:MATERIALS?|PATIENTS) AND METHODS|RESULTS|CONCLUSIONS?|DISCUSSION|Background|"
    r"Introduction|Objectives?|Purpose|Methods|Results|Conclusions?)\s*:)\s+"
)
_AFTER_REFERENCES = re.compile(r"^[\s#*]*(?:table|fig\.?|figure)\s*\d", re.IGNORECASE)


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
    section = "front"
    for page in pages:
        lines: list[str] = []
        for line in _split_run_in_labels(page.text.splitlines()):
            kind = heading_kind(line)
            if section == "references" and kind is None and _AFTER_REFERENCES.match(line):
                kind = "back"
            if kind == "abstract" and section not in ("front", "abstract"):
                kind = "conclusion"  # a "Summary" after the body restates it
            if kind is not None and kind != section:
                blocks.extend(_block(page.number, section, lines))
                section, lines = kind, []
                continue
            lines.append(line)
        blocks.extend(_block(page.number, section, lines))
    return blocks


def _split_run_in_labels(lines: Iterable[str]) -> list[str]:
    """``BACKGROUND: ... METHODS: ... RESULTS: ...`` on one line (a structured abstract as a
    database prints it): each label on a line of its own, so it starts its section."""
    out: list[str] = []
    for line in lines:
        parts = _RUN_IN_LABEL.split(line)
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
