"""Glyphs to words: where one word ends and the next begins.

Many journal PDFs draw no space glyphs at all: the gap between two words is only a jump of the
text position. pdfplumber's default ``x_tolerance`` of 3 points then glues words together
("Treatmentforseverecerebellarinfarction"). Measured on real case-series PDFs, the gaps inside a
word are about 0 (kerning, -0.06 to +0.06 of the font size) while the gaps between words start
at about 0.12 of the font size, so a threshold relative to the font size, set in the valley
between the two, recovers the spaces. :func:`gap_threshold` finds that valley per document;
:data:`DEFAULT_GAP_RATIO` is used when there are too few gaps to measure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Gap (as a fraction of the font size) above which two glyphs belong to different words.
DEFAULT_GAP_RATIO = 0.1
#: The valley between intra-word and inter-word gaps is searched in this range of ratios.
VALLEY_RANGE = (0.05, 0.2)
#: Below this many measured gaps the default ratio is used.
MIN_GAPS = 50
#: Letter-spaced text (``A B S T R A C T``): at least this many single letters in a row...
MIN_SPACED_LETTERS = 4
#: ...each at most this far (font sizes) from the next, are one word; a gap wider than
#: :data:`SPACED_WORD_GAP` times the run's typical gap separates two such words.
MAX_LETTER_GAP = 0.6
SPACED_WORD_GAP = 1.6
#: Two identical glyphs drawn this close (points) are one glyph printed twice (fake bold).
DUPLICATE_DISTANCE = 0.6


@dataclass(frozen=True)
class Glyph:
    """One character drawn on a page (top-left origin, points)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(frozen=True)
class Word:
    """A run of glyphs without a word gap inside."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def row_gaps(row: Sequence[Glyph]) -> list[float]:
    """Return the gaps between neighbouring non-space glyphs of one row, relative to font size.

    Gaps next to a space glyph are left out: those words are already separated.
    """
    gaps = []
    for left, right in zip(row, row[1:], strict=False):
        if left.text.isspace() or right.text.isspace() or left.size <= 0:
            continue
        gaps.append((right.x0 - left.x1) / left.size)
    return gaps


def gap_threshold(gaps: Iterable[float]) -> float:
    """Return the word-gap threshold (fraction of font size) for a set of measured gaps.

    The threshold is the middle of the widest stretch of :data:`VALLEY_RANGE` that no gap falls
    into, i.e. the valley between the kerning gaps inside words and the spaces between words.

    Parameters
    ----------
    gaps : iterable of float
        Gaps between neighbouring glyphs as fractions of the font size (:func:`row_gaps`).

    Returns
    -------
    float
        The threshold; :data:`DEFAULT_GAP_RATIO` when fewer than :data:`MIN_GAPS` gaps, or no
        empty stretch, are found.
    """
    low, high = VALLEY_RANGE
    measured = [g for g in gaps if -0.5 < g < 1.0]
    values = sorted(g for g in measured if low <= g <= high)
    if len(measured) < MIN_GAPS:
        return DEFAULT_GAP_RATIO
    edges = [low, *values, high]
    best_width, best = 0.0, DEFAULT_GAP_RATIO
    for left, right in zip(edges, edges[1:], strict=False):
        if right - left > best_width:
            best_width, best = right - left, (left + right) / 2
    # A valley narrower than 0.02 em is noise, not the gap between two populations.
    return best if best_width >= 0.02 else DEFAULT_GAP_RATIO


def dedupe_glyphs(row: Sequence[Glyph]) -> list[Glyph]:
    """Drop glyphs printed twice at (almost) the same place, as fake-bold text does."""
    kept: list[Glyph] = []
    for glyph in row:
        if kept and _same_glyph(kept[-1], glyph):
            continue
        kept.append(glyph)
    return kept


def _same_glyph(a: Glyph, b: Glyph) -> bool:
    return (
        a.text == b.text
        and abs(a.x0 - b.x0) < DUPLICATE_DISTANCE
        and abs(a.top - b.top) < DUPLICATE_DISTANCE
    )


def glyphs_to_words(row: Sequence[Glyph], ratio: float = DEFAULT_GAP_RATIO) -> list[Word]:
    """Split one row of glyphs, sorted left to right, into words.

    A word ends at a space glyph or where the gap to the next glyph exceeds ``ratio`` times the
    font size.
    """
    words: list[Word] = []
    current: list[Glyph] = []
    for glyph in row:
        if glyph.text.isspace():
            _flush(current, words)
            current = []
            continue
        if current and (glyph.x0 - current[-1].x1) > ratio * max(current[-1].size, 1.0):
            _flush(current, words)
            current = []
        current.append(glyph)
    _flush(current, words)
    return words


def _flush(glyphs: list[Glyph], words: list[Word]) -> None:
    if not glyphs:
        return
    words.append(
        Word(
            text="".join(g.text for g in glyphs),
            x0=glyphs[0].x0,
            x1=max(g.x1 for g in glyphs),
            top=min(g.top for g in glyphs),
            bottom=max(g.bottom for g in glyphs),
            size=max(g.size for g in glyphs),
        )
    )


def merge_letter_spacing(words: Sequence[Word]) -> list[Word]:
    """Join letter-spaced headings back into words: ``A R T I C L E  I N F O`` becomes
    ``ARTICLE INFO``.

    Only runs of at least :data:`MIN_SPACED_LETTERS` single letters, each within
    :data:`MAX_LETTER_GAP` font sizes of the next, are joined; digits and longer words are
    left alone.
    """
    result: list[Word] = []
    run: list[Word] = []
    for word in [*words, None]:
        if word is not None and _continues_spaced_run(run, word):
            run.append(word)
            continue
        result.extend(_join_spaced_run(run) if len(run) >= MIN_SPACED_LETTERS else run)
        run = [word] if word is not None and _is_letter(word) else []
        if word is not None and not run:
            result.append(word)
    return result


def _is_letter(word: Word) -> bool:
    return len(word.text) == 1 and word.text.isalpha()


def _continues_spaced_run(run: list[Word], word: Word) -> bool:
    if not run or not _is_letter(word):
        return False
    return word.x0 - run[-1].x1 <= MAX_LETTER_GAP * max(word.size, 1.0)


def _join_spaced_run(run: list[Word]) -> list[Word]:
    gaps = sorted(b.x0 - a.x1 for a, b in zip(run, run[1:], strict=False))
    typical = gaps[len(gaps) // 2]
    pieces: list[list[Word]] = [[run[0]]]
    for previous, word in zip(run, run[1:], strict=False):
        if word.x0 - previous.x1 > SPACED_WORD_GAP * max(typical, 0.1):
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return [
        Word(
            "".join(w.text for w in piece),
            piece[0].x0,
            piece[-1].x1,
            min(w.top for w in piece),
            max(w.bottom for w in piece),
            max(w.size for w in piece),
        )
        for piece in pieces
    ]
