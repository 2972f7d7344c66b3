"""Which way a page is read: upright, or turned for a table printed sideways.

Journals print wide tables (one row per patient, many columns) turned by 90 degrees on a
portrait page. pdfplumber reports such glyphs as not upright, in page coordinates. When most
of a page's text is turned, the page is read in a *frame* turned with it, so the later stages
(rows, columns, tables) see ordinary left-to-right lines; the few upright glyphs of such a page
(running header, page number) are dropped. On an upright page the turned glyphs are the ones
dropped: download stamps and journal names down the margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: A page is read turned when its turned glyphs outnumber upright ones by this factor...
TURNED_MAJORITY = 2.0
#: ...and there are at least this many of them.
MIN_TURNED_GLYPHS = 50


@dataclass(frozen=True)
class Frame:
    """A page's reading frame.

    ``rotation`` is 0 (upright), 90 (text runs up the page: turn the page clockwise to read)
    or 270 (text runs down the page). ``width`` and ``height`` are those of the frame.
    """

    rotation: int
    page_width: float
    page_height: float

    @property
    def width(self) -> float:
        return self.page_width if self.rotation == 0 else self.page_height

    @property
    def height(self) -> float:
        return self.page_height if self.rotation == 0 else self.page_width

    def keeps(self, obj: dict) -> bool:
        """Whether a glyph is read in this frame (upright ones on an upright page, those
        turned the frame's way on a turned page)."""
        if self.rotation == 0:
            return bool(obj.get("upright", True))
        return not obj.get("upright", True) and _direction(obj) == self.rotation

    def box(self, x0: float, x1: float, top: float, bottom: float) -> tuple[float, ...]:
        """Map a box ``(x0, x1, top, bottom)`` from page to frame coordinates."""
        if self.rotation == 90:
            return (self.page_height - bottom, self.page_height - top, x0, x1)
        if self.rotation == 270:
            return (top, bottom, self.page_width - x1, self.page_width - x0)
        return (x0, x1, top, bottom)


def _direction(char: dict) -> int:
    """90 for text running up the page, 270 for down, 0 otherwise (upright or skewed)."""
    matrix = char.get("matrix") or (1, 0, 0, 1, 0, 0)
    b = matrix[1]
    return 90 if b > 0.5 else 270 if b < -0.5 else 0


def chars_to_frame(chars: Sequence[dict], width: float, height: float) -> Frame:
    """Choose the reading frame of a page from its glyphs."""
    upright = sum(1 for c in chars if c.get("upright", True))
    turned = [_direction(c) for c in chars if not c.get("upright", True)]
    if len(turned) < MIN_TURNED_GLYPHS or len(turned) < TURNED_MAJORITY * upright:
        return Frame(0, width, height)
    rotation = 90 if turned.count(90) >= turned.count(270) else 270
    return Frame(rotation, width, height)


def page_to_frame(page: Any) -> Frame:
    """The reading frame of a pdfplumber page."""
    return chars_to_frame(page.chars, page.width, page.height)
