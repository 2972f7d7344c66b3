"""Tables drawn with horizontal rules, as rows and cells.

Journal tables are mostly drawn with three horizontal rules (above the header, below it, below
the body) and no vertical lines, which pdfplumber's line strategy cannot cut into cells. Here the
rules only bound the table; the cells come from the words: ``page_to_rules -> rules_to_regions
-> region_to_table``. Each text row inside a region is a table row; the columns are the x
ranges that the body rows' ink covers, split where no body row has ink (a gap at least
:data:`CELL_GAP` font sizes wide separates two cells of a row).

Only pages with at least two long horizontal rules are searched, so text-only pages cost
nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extract.model import Table
from extract.reading.pdf_cleanup import normalise_text
from extract.reading.pdf_frame import Frame
from extract.reading.pdf_layout import row_segments
from extract.reading.pdf_rows import Row

#: A horizontal rule is at least this long (points) and at most this thick.
MIN_RULE_LENGTH = 60.0
MAX_RULE_THICKNESS = 2.0
#: Segments of one rule are at most this far apart (points).
SEGMENT_GAP = 2.0
#: Rules of one table start and end within this distance (points) of each other.
RULE_ALIGN = 12.0
#: Two words further apart than this many font sizes are in different cells.
CELL_GAP = 0.5
#: A table has at least this many text rows.
MIN_TABLE_ROWS = 2
#: The median cell of a table is at most this many characters long (longer: boxed prose).
MAX_MEDIAN_CELL = 40
#: An x position is a column gap when at most this share of body rows has ink there
#: (a section label spanning the columns must not merge them).
GAP_TOLERANCE = 0.1


_DIGIT = re.compile(r"\d")
_FIGURE = re.compile(r"^(?:figure|fig\.?)\s*\d", re.IGNORECASE)
_CAPTION = re.compile(r"^table\s*[\dIVX]*\s*[.:|]?\s", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """A horizontal rule: its x extent and its height on the page (top origin)."""

    x0: float
    x1: float
    y: float


def page_to_rules(page: Any, frame: Frame | None = None) -> list[Rule]:
    """Return the long horizontal rules of a pdfplumber page (lines, thin rectangles and
    thin filled paths), in the page's reading frame (vertical on the page if it is turned).

    Rules drawn as one segment per cell are joined first.
    """
    frame = frame or Frame(0, page.width, page.height)
    pieces = []
    for obj in [*page.lines, *page.rects, *page.curves]:
        x0, x1, top, bottom = frame.box(obj["x0"], obj["x1"], obj["top"], obj["bottom"])
        if abs(bottom - top) <= MAX_RULE_THICKNESS:
            pieces.append(Rule(x0, x1, (top + bottom) / 2))
    rules = [rule for rule in join_segments(pieces) if rule.x1 - rule.x0 >= MIN_RULE_LENGTH]
    return sorted(rules, key=lambda r: r.y)


def join_segments(pieces: Sequence[Rule]) -> list[Rule]:
    """Join horizontal segments at the same height that touch or overlap into one rule."""
    joined: list[Rule] = []
    for piece in sorted(pieces, key=lambda r: (round(r.y), r.x0)):
        last = joined[-1] if joined else None
        if last and abs(last.y - piece.y) < 1.0 and piece.x0 <= last.x1 + SEGMENT_GAP:
            joined[-1] = Rule(last.x0, max(last.x1, piece.x1), last.y)
        else:
            joined.append(piece)
    return joined


def rules_to_regions(rules: Sequence[Rule]) -> list[tuple[float, float, float, float]]:
    """Group aligned rules into table regions ``(x0, top, x1, bottom)``.

    Rules starting and ending at the same x (within :data:`RULE_ALIGN`) belong to one table;
    a group of two or more rules spans the region from its first rule to its last.
    """
    groups: list[list[Rule]] = []
    for rule in rules:
        for group in groups:
            first = group[0]
            if abs(first.x0 - rule.x0) <= RULE_ALIGN and abs(first.x1 - rule.x1) <= RULE_ALIGN:
                group.append(rule)
                break
        else:
            groups.append([rule])
    regions = []
    for group in groups:
        ys = sorted({round(r.y, 1) for r in group})
        if len(ys) >= 2:
            x0 = min(r.x0 for r in group)
            x1 = max(r.x1 for r in group)
            regions.append((x0, ys[0], x1, ys[-1]))
    # Rules under a spanning header (``Surgery  Conservative`` under ``Matched cohort``) are
    # part of the table around them, not a table of their own.
    return [r for r in regions if not any(_contains(o, r) for o in regions if o != r)]


def _contains(outer: tuple[float, ...], inner: tuple[float, ...]) -> bool:
    return (
        outer[0] <= inner[0] + 1 and outer[1] <= inner[1] + 1
        and outer[2] >= inner[2] - 1 and outer[3] >= inner[3] - 1
    )


def region_to_rows(rows: Sequence[Row], region: tuple[float, float, float, float]) -> list[Row]:
    """Return the parts of the page rows whose words lie inside ``region``."""
    x0, top, x1, bottom = region
    inside = []
    for row in rows:
        words = tuple(
            w for w in row.words
            if x0 - 2 <= (w.x0 + w.x1) / 2 <= x1 + 2 and top <= (w.top + w.bottom) / 2 <= bottom
        )
        if words:
            inside.append(Row(words))
    return inside


def column_spans(rows: Sequence[Row], min_gap: float) -> list[tuple[float, float]]:
    """Return the x ranges of the columns: where the rows' ink lies, cut at shared gaps."""
    segments = [seg for row in rows for seg in row_segments(row, min_gap)]
    if not segments:
        return []
    allowed = int(GAP_TOLERANCE * len(rows))
    edges = sorted({x for seg in segments for x in seg})
    spans: list[tuple[float, float]] = []
    for left, right in zip(edges, edges[1:], strict=False):
        middle = (left + right) / 2
        covered = sum(1 for a, b in segments if a <= middle <= b)
        if covered > allowed:
            if spans and spans[-1][1] >= left:
                spans[-1] = (spans[-1][0], right)
            else:
                spans.append((left, right))
    return spans


def row_to_cells(row: Row, spans: Sequence[tuple[float, float]]) -> tuple[str | None, ...]:
    """Put a row's words into the columns ``spans`` by the words' centres."""
    cells: list[list[str]] = [[] for _ in spans]
    for word in row.words:
        centre = (word.x0 + word.x1) / 2
        index = min(range(len(spans)), key=lambda i: _distance(centre, spans[i]))
        cells[index].append(word.text)
    return tuple(normalise_text(" ".join(cell)) if cell else None for cell in cells)


def _distance(x: float, span: tuple[float, float]) -> float:
    return 0.0 if span[0] <= x <= span[1] else min(abs(x - span[0]), abs(x - span[1]))


def region_to_table(
    rows: Sequence[Row], region: tuple[float, float, float, float], size: float, page: int | None
) -> Table | None:
    """Cut the rows inside ``region`` into a :class:`~extract.model.Table`, or ``None``."""
    inside = region_to_rows(rows, region)
    if len(inside) < MIN_TABLE_ROWS:
        return None
    spans = column_spans(inside, CELL_GAP * size)
    if len(spans) < 2:
        return None
    if any(_FIGURE.match(_row_text(row)) for row in inside[:2]):
        return None  # a boxed figure: its axis labels are not a table
    caption = _caption(rows, region)
    if caption is None and _CAPTION.match(_row_text(inside[0])):
        # The rule above the caption (JAMA style) put the caption inside the region.
        caption, inside = _row_text(inside[0]), inside[1:]
        spans = column_spans(inside, CELL_GAP * size)
    cells = merge_continuations([row_to_cells(row, spans) for row in inside])
    if len(spans) < 2 or _is_prose(cells):
        return None
    return Table(rows=cells, page=page, caption=caption)


def _row_text(row: Row) -> str:
    return normalise_text(" ".join(w.text for w in row.words))


def merge_continuations(rows: Sequence[tuple[str | None, ...]]) -> tuple[tuple, ...]:
    """Join cells wrapped onto a second line to the row above.

    Two kinds: a label wrapped onto a line of its own (only the first cell filled, starting in
    lower case: ``Concurrent cerebral/brainstem`` + ``acute ischemia``), and, once the body of
    the table has begun, value cells wrapped under their row (first cell empty, at most half
    the cells filled: ``3/12`` + ``(25%)``). Header rows above the body are left as they are.
    """
    merged: list[tuple[str | None, ...]] = []
    in_body = False
    for row in rows:
        first, rest = row[0], row[1:]
        label_wrap = bool(first) and first[0].islower() and not any(rest)
        value_wrap = in_body and not first and 0 < sum(1 for c in rest if c) <= len(row) // 2
        if merged and merged[-1][0] and (label_wrap or value_wrap):
            merged[-1] = tuple(_join_cells(a, b) for a, b in zip(merged[-1], row, strict=True))
            continue
        merged.append(tuple(row))
        in_body = in_body or (bool(first) and any(c and _DIGIT.search(c) for c in rest))
    return tuple(merged)


def _join_cells(above: str | None, below: str | None) -> str | None:
    if above and below:
        return f"{above} {below}"
    return above or below


def _is_prose(rows: Sequence[tuple[str | None, ...]]) -> bool:
    """A ruled box of running text (an abstract) has long cells; a table has short ones."""
    lengths = sorted(len(cell) for row in rows for cell in row if cell)
    return not lengths or lengths[len(lengths) // 2] > MAX_MEDIAN_CELL


def _caption(rows: Sequence[Row], region: tuple[float, float, float, float]) -> str | None:
    """The nearest row above the table starting with ``Table``, if within a few lines."""
    x0, top, x1, _ = region
    above = [r for r in rows if r.bottom <= top + 1 and top - r.bottom < 60]
    for row in reversed(above):
        words = [w for w in row.words if x0 - 2 <= w.x0 <= x1]
        text = normalise_text(" ".join(w.text for w in words))
        if _CAPTION.match(text):
            return text
    return None


def page_to_tables(
    page: Any, rows: Sequence[Row], size: float, number: int | None, frame: Frame | None = None
) -> list[tuple[tuple[float, float, float, float], Table]]:
    """Find the rule-bounded tables of a page: ``(region, table)`` pairs."""
    rules = page_to_rules(page, frame)
    if len(rules) < 2:
        return []
    found = []
    for region in rules_to_regions(rules):
        table = region_to_table(rows, region, size, number)
        if table is not None:
            found.append((region, table))
    return found
