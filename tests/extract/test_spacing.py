"""Word boundaries from glyph gaps (extract.reading.spacing)."""

from __future__ import annotations

import random

import pytest

from extract.reading.readers import read_pages
from extract.reading.spacing import (
    DEFAULT_GAP_RATIO,
    Glyph,
    Word,
    dedupe_glyphs,
    gap_threshold,
    glyphs_to_words,
    merge_letter_spacing,
    row_gaps,
)
from extract.settings import ExtractSettings


def glyph_row(text: str, gap: float, size: float = 10.0, width: float = 5.0) -> list[Glyph]:
    """Glyphs of ``text`` laid out left to right; a space becomes a gap of ``gap`` points
    instead of a space glyph (a text layer that lost its spaces)."""
    glyphs, x = [], 0.0
    for char in text:
        if char == " ":
            x += gap
            continue
        glyphs.append(Glyph(char, x, x + width, 0.0, size, size))
        x += width
    return glyphs


def test_gap_threshold_falls_in_the_valley_between_kerning_and_spaces():
    rng = random.Random(3)
    kerning = [rng.uniform(-0.05, 0.04) for _ in range(400)]
    spaces = [rng.uniform(0.14, 0.4) for _ in range(100)]
    threshold = gap_threshold(kerning + spaces)
    assert 0.04 < threshold < 0.14


def test_gap_threshold_defaults_with_too_few_gaps():
    assert gap_threshold([0.0, 0.3, 0.01]) == DEFAULT_GAP_RATIO


def test_gap_threshold_ignores_outliers_of_wide_gaps():
    # Columns and table cells give huge gaps; they must not move the threshold.
    gaps = [0.0] * 300 + [0.25] * 80 + [12.0] * 40
    assert 0.04 < gap_threshold(gaps) < 0.25


def test_words_split_on_gaps_relative_to_font_size():
    row = glyph_row("median survival 42 months", gap=2.0)  # 0.2 of a 10 pt font
    assert [w.text for w in glyphs_to_words(row, 0.1)] == ["median", "survival", "42", "months"]


def test_words_stay_whole_when_gaps_are_below_the_threshold():
    row = glyph_row("median survival", gap=0.5)  # 0.05 em: kerning, not a space
    assert [w.text for w in glyphs_to_words(row, 0.1)] == ["mediansurvival"]


def test_space_glyphs_always_split_words():
    row = [
        Glyph("a", 0, 5, 0, 10, 10),
        Glyph(" ", 5, 5.2, 0, 10, 10),
        Glyph("b", 5.2, 10, 0, 10, 10),
    ]
    assert [w.text for w in glyphs_to_words(row, 0.1)] == ["a", "b"]


def test_row_gaps_skip_space_glyphs_and_scale_by_size():
    row = [Glyph("a", 0, 5, 0, 10, 10), Glyph("b", 7, 12, 0, 10, 10), Glyph(" ", 12, 14, 0, 10, 10)]
    assert row_gaps(row) == [pytest.approx(0.2)]


def test_word_box_covers_its_glyphs():
    word = glyphs_to_words(glyph_row("n=5", gap=0))[0]
    assert (word.text, word.x0, word.x1, word.size) == ("n=5", 0.0, 15.0, 10.0)


def test_glyphs_printed_twice_for_fake_bold_are_read_once():
    row = [
        Glyph("R", 0, 6, 0, 10, 10),
        Glyph("R", 0.3, 6.3, 0, 10, 10),
        Glyph("0", 6.3, 11, 0, 10, 10),
    ]
    assert [g.text for g in dedupe_glyphs(row)] == ["R", "0"]


def spaced(text: str, letter_gap: float, word_gap: float, size: float = 7.0) -> list[Word]:
    out, x = [], 0.0
    for token in text.split(" "):
        if not token:
            x += word_gap - letter_gap
            continue
        out.append(Word(token, x, x + 4, 0, size, size))
        x += 4 + letter_gap
    return out


def test_letter_spaced_heading_is_joined_into_words():
    words = merge_letter_spacing(spaced("A R T I C L E  I N F O", 2.5, 6.0))
    assert [w.text for w in words] == ["ARTICLE", "INFO"]


@pytest.mark.parametrize(
    "text", ["G MD SD V D", "0 1 2 3 4 5 6", "a b c"], ids=["mixed", "digits", "short-run"]
)
def test_words_that_are_not_letter_spacing_stay_apart(text):
    words = spaced(text, 2.5, 6.0)
    assert [w.text for w in merge_letter_spacing(words)] == [w.text for w in words]


def test_single_letters_far_apart_are_not_joined():
    words = spaced("A B C D", 12.0, 12.0)
    assert [w.text for w in merge_letter_spacing(words)] == ["A", "B", "C", "D"]


def test_pdf_without_space_glyphs_reads_as_separate_words(fixture_pdfs):
    _, pages = read_pages(fixture_pdfs["text-layer-without-spaces"], ExtractSettings())
    assert "The median overall survival was 42 months." in pages[0].text
    assert "No patient died within 90 days of surgery." in pages[0].text
