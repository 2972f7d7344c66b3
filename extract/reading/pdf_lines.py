"""Column blocks to lines in reading order: ``blocks_to_lines``, and ``rows_to_lines`` for the
whole chain from a page's rows (:mod:`extract.reading.pdf_layout` finds the blocks).

A column block gives its left column's lines, then its right column's; a column that holds
two columns of prose itself (a page of three columns) is split again. Small print at the foot
of a column (footnotes, affiliations) goes to the end of the page, so it does not cut a
sentence running on from one column to the next.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from extract.reading.pdf_layout import (
    GUTTER_MIN_WIDTH,
    GUTTER_RANGE,
    MIN_COLUMN_ROWS,
    Block,
    find_gutter,
    row_segments,
    rows_to_blocks,
)
from extract.reading.pdf_rows import Row
from extract.reading.spacing import Word

#: Lines at the foot of a column smaller than this share of its font size are footnotes.
FOOTNOTE_SIZE = 0.9
#: ...and set off from the body by a gap of more than this many line pitches.
FOOTNOTE_GAP = 1.5
#: A column is split again into two only if at most this share of its rows cross the gap.
SUBCOLUMN_CROSSING = 0.05
#: Lines of a column of running text hold at least this many words (median).
MIN_PROSE_WORDS = 3


@dataclass(frozen=True)
class Line:
    """One line of text with its position, in reading order.

    ``kind`` is ``text`` for the running text, ``float`` for a full-width block the columns
    flow around, ``footnote`` for small print at the foot of a column, ``table`` for a table
    row.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    block: int = 0
    column: int = 0
    kind: str = "text"
def blocks_to_lines(blocks: Sequence[Block]) -> list[Line]:
    """Turn blocks into lines: a full-width row is one line; a column block gives its left
    column's lines, then its right column's. Small print at the foot of a column (footnotes,
    affiliations) goes to the end of the page, so it does not cut a sentence running on from
    one column to the next."""
    lines: list[Line] = []
    footnotes: list[Line] = []
    for index, block in enumerate(blocks):
        if block.split is None:
            kind = "float" if block.is_float else "text"
            lines.extend(_line(row.words, index, 0, kind) for row in block.rows)
            continue
        sides = []
        for side in (_left_of, _right_of):
            words_per_row = ([w for w in row.words if side(w, block.split)] for row in block.rows)
            sides.extend(split_subcolumns([Row(tuple(words)) for words in words_per_row if words]))
        for column, rows in enumerate(sides):
            body, foot = split_footnotes([_line(row.words, index, column) for row in rows])
            lines.extend(body)
            footnotes.extend(foot)
    return lines + footnotes


def split_subcolumns(rows: list[Row]) -> list[list[Row]]:
    """Split one column of a column block again where it holds two columns itself (a page of
    three columns), left part first; otherwise return it whole.

    The inner gutter must be clear in nearly every row (at most :data:`SUBCOLUMN_CROSSING` of
    them cross it) and both parts must read as prose (:data:`MIN_PROSE_WORDS` words a line),
    so a table or an indented list inside a column is never cut.
    """
    if len(rows) < MIN_COLUMN_ROWS:
        return [rows]
    x0 = min(row.words[0].x0 for row in rows)
    x1 = max(row.words[-1].x1 for row in rows)
    min_gap = GUTTER_MIN_WIDTH * statistics.median(w.size for row in rows for w in row.words)
    span = x1 - x0
    split = find_gutter(rows, (x0 + GUTTER_RANGE[0] * span, x0 + GUTTER_RANGE[1] * span), min_gap)
    if split is None:
        return [rows]
    crossing = sum(1 for row in rows if any(a <= split <= b for a, b in row_segments(row, min_gap)))
    if crossing > SUBCOLUMN_CROSSING * len(rows):
        return [rows]
    left = [Row(tuple(w for w in row.words if _left_of(w, split))) for row in rows]
    right = [Row(tuple(w for w in row.words if _right_of(w, split))) for row in rows]
    if not (_is_prose_column(left) and _is_prose_column(right)):
        return [rows]
    return [
        part
        for side in (left, right)
        for part in split_subcolumns([row for row in side if row.words])
    ]


def _is_prose_column(rows: Sequence[Row]) -> bool:
    """Columns of running text have several words a line; a table's number columns do not."""
    counts = [len(row.words) for row in rows if row.words]
    return bool(counts) and statistics.median(counts) >= MIN_PROSE_WORDS


def split_footnotes(lines: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """Split a column's trailing small print from its body text.

    Footnotes are the lines at the foot of the column in a font smaller than
    :data:`FOOTNOTE_SIZE` times the column's, set off by a gap wider than
    :data:`FOOTNOTE_GAP` line pitches (a paragraph that is merely set smaller stays).
    """
    if len(lines) < 4:
        return list(lines), []
    size = statistics.median(line.size for line in lines)
    cut = len(lines)
    while cut > 0 and lines[cut - 1].size < FOOTNOTE_SIZE * size:
        cut -= 1
    if cut == len(lines) or cut == 0:
        return list(lines), []
    steps = [b.top - a.top for a, b in zip(lines, lines[1:], strict=False) if b.top > a.top]
    pitch = statistics.median(steps) if steps else size * 1.2
    if lines[cut].top - lines[cut - 1].top <= FOOTNOTE_GAP * pitch:
        return list(lines), []
    return list(lines[:cut]), [_as_kind(line, "footnote") for line in lines[cut:]]


def _as_kind(line: Line, kind: str) -> Line:
    return Line(line.text, line.x0, line.x1, line.top, line.bottom, line.size, line.block,
                line.column, kind)


def _left_of(word: Word, split: float) -> bool:
    return (word.x0 + word.x1) / 2 < split


def _right_of(word: Word, split: float) -> bool:
    return (word.x0 + word.x1) / 2 >= split


def _line(words: Sequence[Word], block: int, column: int, kind: str = "text") -> Line:
    return Line(
        text=" ".join(w.text for w in words),
        x0=min(w.x0 for w in words),
        x1=max(w.x1 for w in words),
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        size=statistics.median(w.size for w in words),
        block=block,
        column=column,
        kind=kind,
    )

def rows_to_lines(
    rows: Sequence[Row],
    width: float,
    size: float,
    exclude: Sequence[tuple[float, float, float, float]] = (),
) -> list[Line]:
    """Lines in reading order from a page's rows, leaving out words inside ``exclude`` boxes.

    ``exclude`` holds ``(x0, top, x1, bottom)`` boxes of tables read separately.
    """
    return blocks_to_lines(rows_to_blocks(without_boxes(rows, exclude), width, size))


def without_boxes(
    rows: Sequence[Row], boxes: Sequence[tuple[float, float, float, float]]
) -> list[Row]:
    """The rows without their words inside ``boxes`` (``(x0, top, x1, bottom)``)."""
    if not boxes:
        return list(rows)
    kept = []
    for row in rows:
        words = tuple(w for w in row.words if not any(_inside(w, box) for box in boxes))
        if words:
            kept.append(Row(words))
    return kept


def _inside(word: Word, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom
