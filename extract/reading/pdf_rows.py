"""A PDF page to rows of words: ``page_to_glyphs -> glyphs_to_rows -> glyph_rows_to_rows``.

A *row* is every word at one height across the whole page (both columns); the column split
happens later (:mod:`extract.reading.pdf_layout`). Glyphs are grouped by their top; superscripts,
subscripts, drop caps and symbol-font signs drawn off their line are put back into the line
they belong to, so ``died.12``, ``p = 0.01`` and ``In 11%`` read as printed. Glyphs are read
in the page's frame (:mod:`extract.reading.pdf_frame`: upright, or turned for a sideways table), and
glyphs pdfminer could not map get their text from the font's encoding
(:mod:`extract.reading.pdf_glyphs`).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extract.reading.pdf_frame import Frame, page_to_frame
from extract.reading.pdf_glyphs import cid_code, page_cid_maps
from extract.reading.spacing import (
    Glyph,
    Word,
    dedupe_glyphs,
    gap_threshold,
    glyphs_to_words,
    merge_letter_spacing,
    row_gaps,
)

#: A reported font size below this (points) is not believed; the glyph's height is used.
MIN_FONT_SIZE = 2.0
#: Glyphs whose tops differ by less than this fraction of the body font size share a row.
ROW_TOLERANCE = 0.4
#: Glyphs smaller than this share of the body size may be superscripts or subscripts.
SMALL_GLYPH = 0.75
#: A single letter at least this many times the size of the row beside it is a drop cap.
DROP_CAP = 2.0
#: A row of at most this many glyphs is stray marks of a neighbouring line.
TINY_ROW = 3
#: A glyph this close (in font sizes) to a row's glyph touches it, as letters of a word do.
TOUCH = 0.05


@dataclass(frozen=True)
class Row:
    """The words at one height of the page, left to right."""

    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

def page_to_glyphs(page: Any, frame: Frame | None = None) -> list[Glyph]:
    """Read the glyphs of a pdfplumber page in its reading frame (:mod:`extract.reading.pdf_frame`).

    On an upright page, turned text (margin stamps) is dropped. Glyphs pdfminer could not map
    (``(cid:N)``) get their text from the font's encoding where the glyph name is known
    (:mod:`extract.reading.pdf_glyphs`).
    """
    frame = frame or page_to_frame(page)
    width, height = page.width, page.height
    glyphs = []
    cid_maps: dict[str, dict[int, str]] | None = None
    upright = frame.rotation == 0  # Frame.keeps and Frame.box inlined: this runs per glyph
    for char in page.chars:
        text = char["text"]
        if not text or not (char.get("upright", True) if upright else frame.keeps(char)):
            continue
        x0, x1, top, bottom = char["x0"], char["x1"], char["top"], char["bottom"]
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue
        code = cid_code(text) if text.startswith("(cid:") else None
        if code is not None:
            cid_maps = page_cid_maps(page) if cid_maps is None else cid_maps
            text = cid_maps.get(char.get("fontname", ""), {}).get(code, text)
        if not upright:
            x0, x1, top, bottom = frame.box(x0, x1, top, bottom)
        size = float(char.get("size") or 0)
        if size < MIN_FONT_SIZE:  # Type 3 fonts scaled by their matrix report size 1
            size = max(bottom - top, 1.0)
        glyphs.append(Glyph(text, x0, x1, top, bottom, size))
    return glyphs


def body_size(glyphs: Sequence[Glyph]) -> float:
    """Return the most common font size on the page (the body text), 10 when there is none."""
    sizes = [round(g.size, 1) for g in glyphs if not g.text.isspace()]
    return statistics.mode(sizes) if sizes else 10.0


def glyphs_to_rows(glyphs: Sequence[Glyph], size: float | None = None) -> list[list[Glyph]]:
    """Group glyphs into rows by their top, each row sorted left to right.

    A glyph joins the current row while its top is within :data:`ROW_TOLERANCE` body sizes of
    the row's first glyph (no chaining, so lines of offset columns do not merge in a cascade).
    Then satellites rejoin the line they belong to (:func:`reattach_satellites`).
    """
    rows = reattach_satellites(_cluster_rows(glyphs, size or body_size(glyphs)))
    return [dedupe_glyphs(sorted(row, key=lambda g: g.x0)) for row in rows if row]


def _cluster_rows(glyphs: Sequence[Glyph], size: float) -> list[list[Glyph]]:
    tolerance = ROW_TOLERANCE * size
    rows: list[list[Glyph]] = []
    anchor = 0.0
    for glyph in sorted(glyphs, key=lambda g: g.top):
        if not rows or glyph.top - anchor > tolerance:
            rows.append([])
            anchor = glyph.top
        rows[-1].append(glyph)
    return rows


def reattach_satellites(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Move raised, lowered and stray glyphs into the neighbouring row they belong to.

    A glyph moves to the row just above or below its own when it fits there better than in its
    own row: it is beside that row's text, overlaps its height, and is either smaller than
    :data:`SMALL_GLYPH` times that row's font size (superscript citations and affiliation
    marks, subscripts) or is a stray in a run of at most :data:`TINY_ROW` glyphs with no other
    text within a font size (an ``=`` drawn a little lower than its line, a ligature from a
    font with a taller box).
    """
    rows = _attach_drop_caps(rows)
    shapes = [_RowShape(row) for row in rows]
    moved: list[list[Glyph]] = [list(row) for row in rows]
    for i, row in enumerate(rows):
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(rows)]
        if not neighbours:
            continue
        small = SMALL_GLYPH * max((shapes[j].size for j in neighbours), default=0.0)
        leaving: set[int] = set()
        for glyph, run in _with_run_sizes(row):
            if run > TINY_ROW and glyph.size >= small:
                continue  # most glyphs: text of its own row
            score, target = max((shapes[j].fit(glyph, run), j) for j in neighbours)
            if score > shapes[i].fit(glyph, run):
                leaving.add(id(glyph))
                moved[target].append(glyph)
        if leaving:
            moved[i] = [g for g in moved[i] if id(g) not in leaving]
    return moved


def _attach_drop_caps(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Put a drop cap (one big letter beside the first lines of a paragraph) in front of the
    row it starts, so ``I`` + ``n 11% to 25%`` reads ``In 11% to 25%``."""
    result = [list(row) for row in rows]
    for i, row in enumerate(rows[:-1]):
        if len(row) != 1 or not row[0].text.isalpha():
            continue
        cap, following = row[0], rows[i + 1]
        size = statistics.median(g.size for g in following)
        beside = min(following, key=lambda g: g.x0)
        if cap.size >= DROP_CAP * size and cap.top <= beside.top <= cap.bottom and (
            0 <= beside.x0 - cap.x1 <= size
        ):
            result[i] = []
            result[i + 1].append(cap)
    return [row for row in result if row]


def _with_run_sizes(row: Sequence[Glyph]) -> list[tuple[Glyph, int]]:
    """Pair each glyph with the length of its run: the glyphs closer than a font size."""
    ordered = sorted(row, key=lambda g: g.x0)
    runs: list[list[Glyph]] = []
    for glyph in ordered:
        if runs and glyph.x0 - runs[-1][-1].x1 <= glyph.size:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return [(g, len(run)) for run in runs for g in run]


def _is_sign(glyph: Glyph) -> bool:
    """Signs drawn from a symbol font may sit off their line; digits and letters in a short
    run are table cells and stay where they are."""
    return not glyph.text.isalnum() and not glyph.text.isspace()


class _RowShape:
    """Height band, font size and ink positions of a row, to test where a glyph belongs."""

    def __init__(self, row: Sequence[Glyph]) -> None:
        self.size = statistics.median(g.size for g in row)
        core = [g for g in row if g.size >= 0.9 * self.size]
        self.top = min(g.top for g in core)
        self.bottom = max(g.bottom for g in core)
        self.spans = sorted((g.x0, g.x1) for g in row if not g.text.isspace())
        self.tiny = len(row) <= TINY_ROW

    def fit(self, glyph: Glyph, run: int) -> float:
        """Score how well ``glyph``, in a run of ``run`` glyphs, belongs to this row (0: not).

        A small glyph scores 2 when raised from the row (a superscript: its bottom inside the
        row's band) and 1.5 when lowered (a subscript). A stray of text size scores the share
        of its height that overlaps the row's band if the row has a hole for it and it is a
        sign in a run of at most :data:`TINY_ROW` (``=`` from a symbol font) or a lone glyph
        touching the row's letters (a ligature ``ﬁ`` drawn from another font); a word or the
        digits of a table cell stay where they are.
        """
        if self.tiny or glyph.size > self.size * 1.1:
            return 0.0
        if glyph.size < SMALL_GLYPH * self.size:
            if self.top <= glyph.bottom <= self.bottom:
                score = 2.0
            else:
                score = 1.5 if self.top <= glyph.top <= self.bottom else 0.0
            return score if score and self._beside(glyph) else 0.0
        if run > TINY_ROW or not self._has_room(glyph):
            return 0.0
        sign = _is_sign(glyph) and self._beside(glyph)
        if not sign and not (run == 1 and self._touches(glyph)):
            return 0.0
        overlap = min(self.bottom, glyph.bottom) - max(self.top, glyph.top)
        return max(0.0, overlap / max(glyph.bottom - glyph.top, 0.1))

    def _touches(self, glyph: Glyph) -> bool:
        """Whether a glyph of the row ends or starts right where ``glyph`` starts or ends."""
        j = bisect.bisect_left(self.spans, (glyph.x0, glyph.x0))
        reach = TOUCH * glyph.size
        return any(
            abs(x1 - glyph.x0) <= reach or abs(x0 - glyph.x1) <= reach
            for x0, x1 in self.spans[max(0, j - 2) : j + 2]
        )

    def _has_room(self, glyph: Glyph) -> bool:
        """Whether the row has a hole where the sign goes (``p  0.01`` has room for ``=``)."""
        j = bisect.bisect_left(self.spans, (glyph.x0, glyph.x0))
        width = max(glyph.x1 - glyph.x0, 0.1)
        for x0, x1 in self.spans[max(0, j - 2) : j + 2]:
            if min(x1, glyph.x1) - max(x0, glyph.x0) > 0.3 * width:
                return False
        return True

    def _beside(self, glyph: Glyph) -> bool:
        j = bisect.bisect_left(self.spans, (glyph.x0, glyph.x0))
        reach = self.size
        near = [span for span in self.spans[max(0, j - 2) : j + 2] if span != (glyph.x0, glyph.x1)]
        return any(x0 - reach <= glyph.x0 <= x1 + reach for x0, x1 in near)


def glyph_rows_to_rows(glyph_rows: Sequence[Sequence[Glyph]]) -> list[Row]:
    """Split every glyph row into words, with the word-gap threshold measured on the page."""
    ratio = gap_threshold([gap for row in glyph_rows for gap in row_gaps(row)])
    rows = []
    for glyph_row in glyph_rows:
        words = merge_letter_spacing(glyphs_to_words(glyph_row, ratio))
        if words:
            rows.append(Row(tuple(words)))
    return rows

def page_to_rows(page: Any, frame: Frame | None = None) -> tuple[list[Row], float]:
    """Read a pdfplumber page's rows of words (in its reading frame) and its body font size."""
    glyphs = page_to_glyphs(page, frame)
    if not glyphs:
        return [], 10.0
    size = body_size(glyphs)
    return glyph_rows_to_rows(glyphs_to_rows(glyphs, size)), size
