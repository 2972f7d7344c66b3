"""Pages to pages whose sentences are whole again across page and float breaks.

A text layer prints a page's last sentence up to the page end and goes on with it on the next
page, often only after a table, its footnotes or a figure legend placed at the top of that page
(``... The leak rate per implanted device was`` | ``Table 2 ...`` | ``Figure 1 ...`` |
``4.2% (1/24). The remaining ...``). Each half alone is no finding: the first has the outcome
and no number, the second the number and no outcome. :func:`pages_to_rejoined` moves the
unfinished sentence to where it goes on, so it is read whole (on the page that prints its
number, the page a reviewer cites). The same holds inside a page when a float interrupts a
column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.model import Page
from extract.reading.sections import heading_kind

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# a sentence end: the start of the unfinished last sentence is after the last one
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
# a float between the two halves: a table or figure caption, its footnotes, a table row
_FLOAT = re.compile(r"^\s*(?:table|fig\.?|figure|abbreviations?|notes?|source|data are)\b",
                    re.IGNORECASE)
# a sentence that stops mid-way ends in a word, a number or a comma, never a full stop
_UNFINISHED = re.compile(r"[A-Za-z0-9,\-–]$")
#: How many floats may stand between the two halves of a sentence.
MAX_FLOATS = 4
#: Fewer words than this do not make an unfinished sentence (a running head, a label).
MIN_WORDS = 4


def pages_to_rejoined(pages: Sequence[Page]) -> list[Page]:
    """Move each sentence a page end or a float interrupts to the paragraph it goes on in.

    Parameters
    ----------
    pages : sequence of Page
        Pages in reading order.

    Returns
    -------
    list of Page
        The same pages; where a sentence was broken, its first half is taken off the end of its
        paragraph and put before the lower-case paragraph that continues it (after up to
        :data:`MAX_FLOATS` captions, footnotes or table rows). Pages without a break keep their
        text unchanged.
    """
    paragraphs = [_PARAGRAPH_BREAK.split(page.text) for page in pages]
    changed = [False] * len(pages)
    slots = [(i, j) for i, paras in enumerate(paragraphs) for j in range(len(paras))]
    for k, (i, j) in enumerate(slots):
        fragment = _unfinished_tail(paragraphs[i][j])
        if fragment is None:
            continue
        target = _continuation(paragraphs, slots[k + 1:k + 2 + MAX_FLOATS])
        if target is None:
            continue
        ti, tj = target
        head = paragraphs[i][j][:len(paragraphs[i][j]) - len(fragment)].rstrip()
        paragraphs[i][j] = head
        paragraphs[ti][tj] = f"{fragment.strip()} {paragraphs[ti][tj].lstrip()}"
        changed[i] = changed[ti] = True
    return [replace(page, text="\n\n".join(p for p in paras if p.strip())) if changed[i]
            else page for i, (page, paras) in enumerate(zip(pages, paragraphs, strict=True))]


def _unfinished_tail(paragraph: str) -> str | None:
    """The unfinished last sentence of a prose paragraph, or ``None`` when it ends whole."""
    text = paragraph.rstrip()
    last_line = text.rsplit("\n", 1)[-1]
    if not _UNFINISHED.search(text) or "\t" in last_line or heading_kind(last_line.strip()):
        return None
    ends = list(_SENTENCE_END.finditer(text))
    tail = text[ends[-1].end():] if ends else text
    if len(tail.split()) < MIN_WORDS or _FLOAT.match(tail) or "\t" in tail:
        return None
    return tail


def _continuation(paragraphs: list[list[str]], following: Sequence[tuple[int, int]]
                  ) -> tuple[int, int] | None:
    """The first of the ``following`` paragraphs that goes on with a sentence (it starts in
    lower case), if only floats stand before it; ``None`` at a heading or other prose."""
    for i, j in following:
        text = paragraphs[i][j].strip()
        if not text:
            continue
        if text[0].islower():
            return i, j
        first_line = text.split("\n", 1)[0]
        if not (_FLOAT.match(text) or "\t" in first_line) or heading_kind(first_line):
            return None
    return None
