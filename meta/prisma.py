"""The PRISMA 2020 flow diagram as boxes and arrows: plain data, drawn by ``prisma.svg.j2``.

The layout is the template of Page et al. (2021) for new reviews of databases, with casemeta's
documents in place of database records: identification (documents ingested, those that could
not be read removed before screening), screening (documents that are no study, or review other
studies), eligibility (studies excluded by a reviewer, with reasons) and the studies included.

References
----------
Page, M. J., McKenzie, J. E., Bossuyt, P. M., et al. (2021). The PRISMA 2020 statement: an
updated guideline for reporting systematic reviews. *BMJ*, 372, n71 (figure 1).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

#: Geometry of the diagram, in SVG pixels.
WIDTH, MAIN_X, MAIN_W, SIDE_X, SIDE_W = 760, 20, 330, 410, 330
LINE_HEIGHT, PADDING, GAP = 17, 10, 28

#: Characters per line that fit a box at 13 px (DejaVu Sans averages about 7 px a character).
WRAP_CHARS = 44


@dataclass(frozen=True)
class Box:
    """One box: its position, size and lines of text (the first names the box)."""

    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Arrow:
    """A straight arrow from (x1, y1) to (x2, y2)."""

    x1: int
    y1: int
    x2: int
    y2: int


@dataclass(frozen=True)
class FlowDiagram:
    """Everything ``prisma.svg.j2`` draws."""

    width: int
    height: int
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]


def _rows(counts: dict[str, Any]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(main box lines, side box lines) per stage, top to bottom."""
    reasons = tuple(f"{reason} (n = {n})" for reason, n in counts["excluded"].items())
    excluded = sum(counts["excluded"].values())
    return [
        ((f"Documents ingested (n = {counts['identified']})",),
         ("Removed before screening:", f"could not be read (n = {counts['failed']})")),
        ((f"Documents screened (n = {counts['screened']})",),
         ("Documents excluded:", f"not a study (n = {counts['not_a_study']})",
          f"review of other studies (n = {counts['reviews']})")),
        ((f"Studies assessed for eligibility (n = {counts['assessed']})",),
         (f"Studies excluded (n = {excluded}):", *(reasons or ("none",)))),
        ((f"Studies included in the review (n = {counts['included']})",), ()),
    ]  # fmt: skip


def _wrapped(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Lines folded to fit a box (long exclusion reasons)."""
    return tuple(part for line in lines for part in textwrap.wrap(line, WRAP_CHARS) or [""])


def flow_diagram(counts: dict[str, Any]) -> FlowDiagram:
    """Lay out the flow diagram of :meth:`corpus.inclusion.PrismaCounts.to_dict` counts."""
    boxes: list[Box] = []
    arrows: list[Arrow] = []
    y, middle = 10, MAIN_X + MAIN_W // 2
    last: Box | None = None
    for main_lines, side_lines in _rows(counts):
        main_lines, side_lines = _wrapped(main_lines), _wrapped(side_lines)
        height = 2 * PADDING + LINE_HEIGHT * max(len(main_lines), len(side_lines), 1)
        if last is not None:
            arrows.append(Arrow(middle, last.y + last.height, middle, y))
        last = Box(MAIN_X, y, MAIN_W, height, main_lines)
        boxes.append(last)
        if side_lines:
            boxes.append(Box(SIDE_X, y, SIDE_W, height, side_lines))
            arrows.append(Arrow(MAIN_X + MAIN_W, y + height // 2, SIDE_X, y + height // 2))
        y += height + GAP
    return FlowDiagram(WIDTH, y - GAP + 10, tuple(boxes), tuple(arrows))
