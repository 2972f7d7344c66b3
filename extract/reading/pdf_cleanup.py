"""Lines in reading order to clean page text.

Three stages on plain data: :func:`drop_running_lines` removes running headers, footers and page
numbers (lines in the top or bottom margin that repeat across pages, digits aside);
:func:`normalise_text` maps ligatures, soft hyphens and odd spaces to plain text;
:func:`lines_to_text` joins lines, undoing line-end hyphenation only between two letters.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence

from extract.reading.pdf_lines import Line

#: Lines whose top (bottom) lies in this share of the page height at the top (bottom) are in
#: the margin, where running headers and footers live.
MARGIN_SHARE = 0.09
#: A margin line repeated on at least this many pages is a running header or footer.
MIN_REPEATS = 2
#: A margin line printing the page number is a header or footer only up to this length.
MAX_HEADER_CHARS = 120
#: A vertical gap between lines larger than this many median line pitches starts a paragraph.
PARAGRAPH_GAP = 1.6

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.IGNORECASE
)
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_HYPHENS = re.compile(r"[\u2010\u2011]")
_LINE_END_HYPHEN = re.compile(r"[a-z\u00df-\u024f]-$")
_WORD_START = re.compile(r"^[a-z\u00df-\u024f]")


def margin_key(text: str) -> str:
    """Return a line's text with digits and spacing blurred, to match headers across pages."""
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", text.lower()))


def in_margin(line: Line, height: float) -> bool:
    """Return whether a text line lies in the top or bottom margin of a page ``height`` tall."""
    if line.kind == "table":
        return False
    return line.bottom <= MARGIN_SHARE * height or line.top >= (1 - MARGIN_SHARE) * height


def margin_rows(lines: Sequence[Line], height: float) -> dict[Line, str]:
    """Map each margin line to the text of its whole row (the lines at the same height, left
    to right), so a header split by a column gutter on one page matches it whole on another."""
    margin = [line for line in lines if in_margin(line, height)]
    rows: dict[Line, str] = {}
    for line in margin:
        same = sorted((m for m in margin if abs(m.top - line.top) < 1.0), key=lambda m: m.x0)
        rows[line] = " ".join(m.text for m in same)
    return rows


def running_keys(pages: Sequence[tuple[Sequence[Line], float]]) -> set[str]:
    """Return the margin keys (of lines and of whole rows) seen on :data:`MIN_REPEATS` or more
    pages."""
    counts: Counter[str] = Counter()
    for lines, height in pages:
        rows = margin_rows(lines, height)
        keys = {margin_key(line.text) for line in rows} | {margin_key(t) for t in rows.values()}
        counts.update(keys)
    return {key for key, count in counts.items() if count >= MIN_REPEATS and key}


def page_number_offset(pages: Sequence[tuple[Sequence[Line], float]]) -> int | None:
    """Return the offset between printed page numbers and page order (``261`` printed on the
    third page: 258), when margin lines of :data:`MIN_REPEATS` or more pages agree on one."""
    counts: Counter[int] = Counter()
    for index, (lines, height) in enumerate(pages, start=1):
        offsets = {
            int(number) - index
            for line in lines
            if in_margin(line, height) and len(line.text) <= MAX_HEADER_CHARS
            for number in re.findall(r"(?<![\d.,/])\d{1,5}(?![\d.,/])", line.text)
        }
        counts.update(offsets)
    agreed = [(count, offset) for offset, count in counts.items() if count >= MIN_REPEATS]
    return max(agreed)[1] if agreed else None


def drop_running_lines(
    lines: Sequence[Line], height: float, running: set[str], folio: int | None = None
) -> list[Line]:
    """Drop page numbers and running headers/footers from one page's lines.

    A margin line goes when it is a page number, when its key or its row's key is in
    ``running``, when it is a longer part of a running header (a first page prints the
    journal line without the authors), or when it is a short line printing this page's
    number ``folio`` (headers that alternate between odd and even pages).
    """
    rows = margin_rows(lines, height)
    return [
        line
        for line in lines
        if line not in rows
        or not (
            _is_running(line.text, running)
            or _is_running(rows[line], running)
            or _prints_folio(rows[line], folio)
        )
    ]


def _prints_folio(text: str, folio: int | None) -> bool:
    if folio is None or len(text) > MAX_HEADER_CHARS:
        return False
    return str(folio) in re.findall(r"(?<![\d.,/])\d{1,5}(?![\d.,/])", text)


def _is_running(text: str, running: set[str]) -> bool:
    if _PAGE_NUMBER.match(text.strip()):
        return True
    key = margin_key(text)
    if key in running:
        return True
    return len(key) >= 15 and any(key in other for other in running)


def normalise_text(text: str) -> str:
    """Map ligatures to letters, non-breaking hyphens to ``-``, odd spaces to a space, and
    drop soft hyphens and zero-width characters."""
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _HYPHENS.sub("-", text)
    text = _ZERO_WIDTH.sub("", text)
    return _SPACES.sub(" ", text)


def hyphenated_words(texts: Iterable[str]) -> set[str]:
    """Return the lower-cased hyphenated words written inside lines (``long-term``).

    A line-end hyphen is kept when the document writes the same word with a hyphen elsewhere.
    """
    found: set[str] = set()
    for text in texts:
        found.update(m.lower() for m in re.findall(r"[A-Za-z]+-[A-Za-z]+", text))
    return found


def join_lines(first: str, second: str, keep_hyphen: set[str] = frozenset()) -> tuple[str, bool]:
    """Join a line ending in a hyphen or dash to the next line.

    Returns the joined text and ``True``, or ``(first, False)`` when ``first`` does not end in
    a hyphen or dash. The hyphen is removed only between two letters with the second in lower
    case (``decom-`` + ``pression``), and kept when the document writes the word with a hyphen;
    ``62-`` + ``90%`` and ``Clavien-`` + ``Dindo`` keep it.
    """
    if not first.endswith(("-", "\u2013")) or not second:
        return first, False
    if _LINE_END_HYPHEN.search(first) and _WORD_START.match(second):
        head = re.search(r"[A-Za-z\u00c0-\u024f]+-$", first).group(0)
        tail = re.match(r"[A-Za-z\u00df-\u024f]+", second).group(0)
        if (head + tail).lower() not in keep_hyphen:
            return first[:-1] + second, True
    return first + second, True


def lines_to_text(lines: Sequence[Line], keep_hyphen: set[str] = frozenset()) -> str:
    """Join a page's lines into text: one line per line, a blank line between blocks,
    columns and paragraphs, hyphenation undone across line ends."""
    pitch = _line_pitch(lines)
    out: list[str] = []
    previous: Line | None = None
    for line in lines:
        text = normalise_text(line.text).strip()
        if not text:
            continue
        if previous is not None and out:
            boundary = _boundary(previous, line, pitch)
            if boundary in ("line", "column"):
                joined, ok = join_lines(out[-1], text, keep_hyphen)
                if ok:
                    out[-1], previous = joined, line
                    continue
            # Text runs on from one column to the next: a blank line only after a sentence.
            if boundary == "paragraph" or (boundary == "column" and out[-1].endswith(_ENDS)):
                out.append("")
        out.append(text)
        previous = line
    return "\n".join(out).strip()


_ENDS = (".", "!", "?", ":")


def join_across_pages(texts: Sequence[str], keep_hyphen: set[str] = frozenset()) -> list[str]:
    """Undo a hyphenation across a page break: ``judg-`` ending one page and ``ment as to``
    opening the next become ``judgment`` on the first page (where the word began)."""
    result = list(texts)
    for i in range(len(result) - 1):
        head, tail = result[i], result[i + 1].lstrip()
        if not _LINE_END_HYPHEN.search(head):
            continue
        match = re.match(r"([a-z\u00df-\u024f]\S*)\s*", tail)
        if not match:
            continue
        joined, _ = join_lines(head, match.group(1), keep_hyphen)
        result[i], result[i + 1] = joined, tail[match.end() :]
    return result


def _line_pitch(lines: Sequence[Line]) -> float:
    steps = [
        b.top - a.top
        for a, b in zip(lines, lines[1:], strict=False)
        if (a.block, a.column) == (b.block, b.column) and b.top > a.top
    ]
    return statistics.median(steps) if steps else 12.0


def _boundary(previous: Line, line: Line, pitch: float) -> str:
    """Say what separates two consecutive lines: ``line``, ``row`` (of a table: never joined),
    ``column`` or ``paragraph``.

    Moving up into another column or block is a column break, where text runs on; moving
    down is a new line or, after a gap wider than :data:`PARAGRAPH_GAP` line pitches (scaled
    to the font size for titles), a new paragraph.
    """
    if previous.kind != line.kind or previous.block != line.block and line.kind == "table":
        return "paragraph"
    if line.kind == "table":
        return "row"
    same_flow = (previous.block, previous.column) == (line.block, line.column)
    if line.top < previous.top:
        return "column" if not same_flow else "paragraph"
    step = max(pitch, 1.25 * max(previous.size, line.size))
    if line.top - previous.top > PARAGRAPH_GAP * step:
        return "paragraph"
    return "line"
