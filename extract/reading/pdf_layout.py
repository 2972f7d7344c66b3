"""A page's rows to blocks: where the columns are (``rows_to_blocks``).

Between the rows of :mod:`extract.reading.pdf_rows` and the lines of
:mod:`extract.reading.pdf_lines`. A *row* is every word at one height across the whole page; a
*block* is a run of rows that is either full width (title, abstract, a wide table) or split by a
column gutter into a left and a right column. Columns are read one after the other and never
interleaved. A full-width block lying between two column blocks is a float (a wide table or
figure caption): the text flows around it, so the columns above and below it are read as one and
the float follows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from extract.reading.pdf_rows import Row

#: A gutter is at least this many body font sizes wide (the corpus has 1.3 to 2.8; the widest
#: space between two words of a justified line measured 0.84, but one row alone never makes a
#: gutter: it must line up over many rows).
GUTTER_MIN_WIDTH = 0.75
#: The main gutter is searched in this part of the page width; full-width blocks are searched
#: again in the wider range (a narrow keyword column beside the abstract).
GUTTER_RANGE = (0.3, 0.7)
INNER_GUTTER_RANGE = (0.15, 0.85)
#: A gutter needs this many rows on at least one side of it...
MIN_COLUMN_ROWS = 6
#: ...and this share of the rows of the region searched.
MIN_COLUMN_SHARE = 0.15
#: Both columns blank for this many font sizes ends a column block.
COLUMN_BREAK_GAP = 1.5
#: A column block has at least this many rows with words on both sides of the gutter.
MIN_SPLIT_ROWS = 2
#: A full-width block is a float only between column blocks of at least this many rows.
MIN_FLOAT_NEIGHBOUR_ROWS = 3
#: Step (points) of the grid of candidate gutter positions.
GUTTER_STEP = 1.0


@dataclass(frozen=True)
class Block:
    """Consecutive rows read together: full width (``split`` is None) or as two columns."""

    rows: tuple[Row, ...]
    split: float | None = None
    is_float: bool = False

def row_segments(row: Row, min_gap: float) -> list[tuple[float, float]]:
    """Return the x extents of a row's ink, merging words closer than ``min_gap``."""
    segments: list[tuple[float, float]] = []
    for word in row.words:
        if segments and word.x0 - segments[-1][1] < min_gap:
            segments[-1] = (segments[-1][0], max(segments[-1][1], word.x1))
        else:
            segments.append((word.x0, word.x1))
    return segments


def find_gutter(
    rows: Sequence[Row], x_range: tuple[float, float], min_gap: float
) -> float | None:
    """Return the x of the gutter between two columns, or ``None`` for a single column.

    The best x has the most rows with ink on both sides of it and none across it; it is a
    gutter when that count passes :data:`MIN_COLUMN_ROWS` and :data:`MIN_COLUMN_SHARE` of the
    rows.
    """
    if len(rows) < MIN_COLUMN_ROWS:
        return None
    xs = np.arange(x_range[0], x_range[1] + GUTTER_STEP / 2, GUTTER_STEP)
    scores = gutter_scores([row_segments(row, min_gap) for row in rows], xs)
    best = int(scores.max(initial=0))
    if best < max(MIN_COLUMN_ROWS, MIN_COLUMN_SHARE * len(rows)):
        return None
    start = end = int(np.argmax(scores))
    while end + 1 < len(xs) and scores[end + 1] == best:
        end += 1
    return float(xs[start] + xs[end]) / 2


def gutter_scores(segments: Sequence[list[tuple[float, float]]], xs: np.ndarray) -> np.ndarray:
    """Count, for each candidate x, the pairs of neighbouring rows with ink on both sides of x
    and none across it.

    Pairs rather than single rows, so columns whose baselines never line up (every row holds
    one column only) still count. Ink on one side only does not count: a narrow side column
    (keywords beside an abstract) must not win over the body's columns because the abstract
    runs on below it.
    """
    starts = np.array([segs[0][0] for segs in segments])[:, None]
    ends = np.array([segs[-1][1] for segs in segments])[:, None]
    left, right = starts < xs, ends > xs
    flat = np.array([seg for segs in segments for seg in segs])
    hits = (flat[:, :1] <= xs) & (xs <= flat[:, 1:])
    offsets = np.cumsum([0] + [len(segs) for segs in segments[:-1]])
    crossed = np.logical_or.reduceat(hits, offsets, axis=0)
    free = ~crossed
    pairs = free[:-1] & free[1:] & (left[:-1] | left[1:]) & (right[:-1] | right[1:])
    return pairs.sum(axis=0)


def rows_to_blocks(
    rows: Sequence[Row], width: float, size: float, prior: float | None = None
) -> list[Block]:
    """Cut the page's rows into full-width and two-column blocks, in reading order.

    ``prior`` is the gutter of the document's other pages: a page with too few lines to show
    its columns on its own (a figure above four lines of text) is still split there when at
    least :data:`MIN_SPLIT_ROWS` pairs of rows are clear at it.
    """
    min_gap = GUTTER_MIN_WIDTH * size
    x_range = (GUTTER_RANGE[0] * width, GUTTER_RANGE[1] * width)
    split = find_gutter(rows, x_range, min_gap)
    if split is None and prior is not None and len(rows) > 1:
        segments = [row_segments(row, min_gap) for row in rows]
        if gutter_scores(segments, np.array([prior]))[0] >= MIN_SPLIT_ROWS:
            split = prior
    if split is None:
        return _split_wide_block(tuple(rows), width, min_gap)
    blocks = _runs_at(rows, split, min_gap, size)
    blocks = _mark_floats(blocks)
    result: list[Block] = []
    for block in blocks:
        if block.split is None and not block.is_float:
            result.extend(_split_wide_block(block.rows, width, min_gap))
        else:
            result.append(block)
    return _merge_around_floats(result)


def main_gutter(blocks: Sequence[Block]) -> float | None:
    """The gutter of the column block with the most rows, ``None`` without columns."""
    columns = [b for b in blocks if b.split is not None]
    return max(columns, key=lambda b: len(b.rows)).split if columns else None


def _runs_at(rows: Sequence[Row], split: float, min_gap: float, size: float) -> list[Block]:
    """Cut rows into runs that cross ``split`` (full width) and runs that do not (columns).

    A run that does not cross is a column block only with :data:`MIN_SPLIT_ROWS` rows that
    have words on both sides; otherwise (a short last line of a full-width paragraph, a
    heading) it is read as full width too.
    """
    runs: list[tuple[bool, list[Row]]] = []
    for row in rows:
        segs = row_segments(row, min_gap)
        crossing = any(a <= split <= b for a, b in segs)
        if runs and runs[-1][0] == crossing:
            runs[-1][1].append(row)
        else:
            runs.append((crossing, [row]))
    runs = [piece for crossing, run in runs for piece in _cut_at_gaps(crossing, run, size)]
    blocks: list[Block] = []
    for crossing, run in runs:
        split_rows = _split_pairs(run, split)
        kind = None if crossing or split_rows < MIN_SPLIT_ROWS else split
        if blocks and blocks[-1].split is None and kind is None:
            blocks[-1] = Block((*blocks[-1].rows, *run))
        else:
            blocks.append(Block(tuple(run), kind))
    return blocks


def _cut_at_gaps(crossing: bool, run: list[Row], size: float) -> list[tuple[bool, list[Row]]]:
    """Cut a run of column rows where both columns are blank for :data:`COLUMN_BREAK_GAP`
    font sizes: a two-column abstract above a two-column body is read before the body."""
    if crossing:
        return [(crossing, run)]
    pieces = [[run[0]]]
    for row in run[1:]:
        if row.top - pieces[-1][-1].bottom > COLUMN_BREAK_GAP * size:
            pieces.append([row])
        else:
            pieces[-1].append(row)
    return [(crossing, piece) for piece in pieces]


def _split_pairs(rows: Sequence[Row], split: float) -> int:
    """Count neighbouring row pairs of a run that have words on both sides of ``split``."""
    count = 0
    for upper, lower in zip(rows, rows[1:], strict=False):
        words = upper.words + lower.words
        if min(w.x1 for w in words) < split < max(w.x0 for w in words):
            count += 1
    return count


def _mark_floats(blocks: list[Block]) -> list[Block]:
    """Mark full-width blocks with column blocks above and below them as floats."""
    marked = []
    for i, block in enumerate(blocks):
        above = any(_is_columns(b) for b in blocks[:i])
        below = any(_is_columns(b) for b in blocks[i + 1 :])
        is_float = block.split is None and above and below
        marked.append(Block(block.rows, block.split, is_float))
    return marked


def _is_columns(block: Block) -> bool:
    if block.split is None:
        return False
    both = _split_pairs(block.rows, block.split)
    return both >= MIN_FLOAT_NEIGHBOUR_ROWS


def _merge_around_floats(blocks: list[Block]) -> list[Block]:
    """Read column blocks separated only by floats as one, the floats after them."""
    result: list[Block] = []
    pending_floats: list[Block] = []
    for block in blocks:
        if block.is_float:
            pending_floats.append(block)
            continue
        previous = result[-1] if result else None
        if pending_floats and previous is not None and previous.split is not None and block.split:
            result[-1] = Block((*previous.rows, *block.rows), previous.split)
            continue
        result.extend(pending_floats)
        pending_floats = []
        result.append(block)
    return result + pending_floats


def _split_wide_block(rows: tuple[Row, ...], width: float, min_gap: float) -> list[Block]:
    """Look for a narrow side column (keywords beside an abstract) in a full-width block."""
    if _looks_tabular(rows, min_gap):
        return [Block(rows)]
    x_range = (INNER_GUTTER_RANGE[0] * width, INNER_GUTTER_RANGE[1] * width)
    split = find_gutter(rows, x_range, min_gap)
    if split is None:
        return [Block(rows)]
    return _runs_at(rows, split, min_gap, min_gap / GUTTER_MIN_WIDTH)


def _looks_tabular(rows: Sequence[Row], min_gap: float) -> bool:
    """Rows cut by two or more wide gaps are table rows, not two columns of prose."""
    many = sum(1 for row in rows if len(row_segments(row, min_gap)) >= 3)
    return many >= max(2, len(rows) // 4)
