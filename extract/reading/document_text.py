"""Plain-text views of a document used by the document-level stages.

Study fields, the document type and the consistency checks look at a document as a whole: its
front matter (title, authors, abstract), its body without the reference list, and its
sentences. These helpers build those views from :class:`~extract.model.Page` objects without
spaCy, so the document-level stages stay fast and testable on short strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from extract.model import Page
from extract.reading.sections import pages_to_blocks

#: Characters of a plain-text source treated as front matter when no heading marks its end.
FRONT_MATTER_CHARS = 8000

_HEADING_WORDS = (
    "introduction|background|methods?|materials? and methods|patients and methods|results?"
    "|discussion|conclusions?|references|bibliography|literature cited|acknowledge?ments?"
)
_HEADING = re.compile(
    rf"^[#*\s]*(?:\d+(?:\.\d+)*\.?\s*\|?\s*)?(?P<name>{_HEADING_WORDS})\b[\s*:.]*$",
    re.IGNORECASE,
)
_REFERENCES = re.compile(r"^(references|bibliography|literature cited)$", re.IGNORECASE)
_INTRO = re.compile(r"^introduction$", re.IGNORECASE)
# Abbreviations after which a full stop does not end a sentence.
_NO_BREAK = re.compile(
    r"(?:\bet al|\be\.g|\bi\.e|\bvs|\bFigs?|\bNo|\bref|\bapprox|\bDr|\bresp|\bca|\b[A-Z])\.$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def heading_name(line: str) -> str | None:
    """Return the normalised section name if ``line`` is a section heading, else ``None``."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60:
        return None
    match = _HEADING.match(stripped)
    return match.group("name").lower() if match else None


def pages_to_text(pages: Sequence[Page]) -> str:
    """Join the pages' text with blank lines between them."""
    return "\n\n".join(page.text for page in pages)


def text_without_references(text: str) -> str:
    """Cut the text at its reference-list heading, if there is one after the first quarter."""
    offset = 0
    for line in text.splitlines(keepends=True):
        name = heading_name(line)
        if name and _REFERENCES.match(name) and offset > len(text) // 4:
            return text[:offset]
        offset += len(line)
    return text


def front_matter(pages: Sequence[Page]) -> str:
    """Return the title block and abstract: text before the Introduction heading.

    For PDFs this is at most the first page; for plain text at most ``FRONT_MATTER_CHARS``.
    """
    text = pages[0].text if pages and pages[0].number is not None else pages_to_text(pages)
    offset = 0
    for line in text.splitlines(keepends=True):
        name = heading_name(line)
        if name and _INTRO.match(name) and offset > 200:
            return text[:offset]
        offset += len(line)
        if offset > FRONT_MATTER_CHARS:
            break
    return text[:FRONT_MATTER_CHARS]


def paragraphs(text: str) -> list[str]:
    """Split text at blank lines and join the wrapped lines of each paragraph."""
    blocks = re.split(r"\n\s*\n", text)
    return [" ".join(block.split()) for block in blocks if block.strip()]


def text_to_sentences(text: str) -> list[str]:
    """Split text into sentences with a rule that respects common abbreviations.

    Headings and table rows (lines with tabs) stay sentences of their own.
    """
    sentences: list[str] = []
    for paragraph in _paragraph_units(text):
        sentences.extend(_split_paragraph(paragraph))
    return sentences


def _paragraph_units(text: str) -> Iterable[str]:
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        if any("\t" in line for line in lines):
            yield from (" ".join(line.split()) for line in lines)
        elif lines:
            yield " ".join(" ".join(lines).split())


def _split_paragraph(paragraph: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        piece = paragraph[start : match.start()]
        if _NO_BREAK.search(piece[-12:]):  # the abbreviation ends the piece
            continue
        parts.append(piece.strip())
        start = match.end()
    parts.append(paragraph[start:].strip())
    return [part for part in parts if part]


#: Section kinds of :mod:`extract.reading.sections` as the document-level stages name them.
_KIND_TO_SECTION = {"front": "front", "abstract": "front", "introduction": "introduction",
                    "methods": "methods", "results": "result", "discussion": "discussion",
                    "conclusion": "conclusion", "case": "case"}


def pages_to_section_sentences(pages: Sequence[Page]) -> list[tuple[str, str]]:
    """``(section, sentence)`` pairs of the paper's body, sections as
    :mod:`extract.reading.sections` finds them; reference list and back matter are left out."""
    pairs: list[tuple[str, str]] = []
    for block in pages_to_blocks(pages):
        section = _KIND_TO_SECTION.get(block.section)
        if section:
            pairs.extend((section, sentence) for sentence in text_to_sentences(block.text))
    return pairs
