"""Reading order, cleanup and tables of PDF pages: stages on plain data, then fixture PDFs."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.reading.pdf_cleanup import (
    drop_running_lines,
    join_across_pages,
    join_lines,
    lines_to_text,
    normalise_text,
    page_number_offset,
    running_keys,
)
from extract.reading.pdf_frame import Frame, chars_to_frame
from extract.reading.pdf_glyphs import differences_to_map
from extract.reading.pdf_layout import find_gutter, rows_to_blocks
from extract.reading.pdf_lines import Line, blocks_to_lines, rows_to_lines, split_footnotes
from extract.reading.pdf_rows import (
    Row,
    body_size,
    glyph_rows_to_rows,
    glyphs_to_rows,
    page_to_glyphs,
)
from extract.reading.readers import read_pages
from extract.reading.spacing import Glyph, Word
from extract.settings import ExtractSettings
from extract.tables.pdf_tables import (
    Rule,
    join_segments,
    merge_continuations,
    region_to_table,
    rules_to_regions,
)

#: Golden text of each fixture PDF; ``CASEMETA_REGEN_GOLDEN=1`` rewrites them.
GOLDEN_TEXT = Path(__file__).resolve().parents[1] / "golden" / "pdf_text"
REGEN_GOLDEN = os.environ.get("CASEMETA_REGEN_GOLDEN") == "1"

PAGE_WIDTH = 600.0
SIZE = 10.0


def words(text: str, x: float, top: float, size: float = SIZE) -> list[Word]:
    """Words of ``text`` from ``x`` at ``top``, 6 points per character, 3 between words."""
    out = []
    for token in text.split():
        out.append(Word(token, x, x + 6 * len(token), top, top + size, size))
        x += 6 * len(token) + 3
    return out


def row(*parts: tuple[str, float], top: float) -> Row:
    return Row(tuple(w for text, x in parts for w in words(text, x, top)))


def two_column_rows(n: int = 8, top: float = 100.0) -> list[Row]:
    return [
        row((f"left {i} text here", 40), (f"right {i} text here", 320), top=top + 12 * i)
        for i in range(n)
    ]


def read_order(rows: list[Row]) -> list[str]:
    return [line.text for line in blocks_to_lines(rows_to_blocks(rows, PAGE_WIDTH, SIZE))]


# --- rows -------------------------------------------------------------------------------


def fake_char(text: str, x0: float, size: float = 1.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 5, "top": 100.0, "bottom": 110.0,
            "size": size, "upright": True, "matrix": (1, 0, 0, 1, 0, 0)}


def test_implausible_font_size_falls_back_to_the_glyph_height():
    # Type 3 fonts scaled by their text matrix report size 1; gaps would all look huge.
    page = SimpleNamespace(width=600.0, height=800.0,
                           chars=[fake_char("a", 10), fake_char("b", 15.5), fake_char("c", 23)])
    glyphs = page_to_glyphs(page)
    assert {g.size for g in glyphs} == {10.0}
    rows = glyph_rows_to_rows(glyphs_to_rows(glyphs, 10.0))
    assert [w.text for w in rows[0].words] == ["ab", "c"]


def test_superscript_citation_joins_its_line():
    line = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 100, 110, 10) for i, c in enumerate("died.")]
    sup = [Glyph("1", 41, 45, 95.5, 101.5, 6), Glyph("2", 45, 49, 95.5, 101.5, 6)]
    next_line = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 112, 122, 10) for i, c in enumerate("Next")]
    rows = glyphs_to_rows(line + sup + next_line, 10)
    assert ["".join(g.text for g in r) for r in rows] == ["died.12", "Next"]


def test_superscript_grouped_with_the_other_column_returns_to_its_line():
    right = [Glyph(c, 320 + 6 * i, 326 + 6 * i, 414, 423, 9) for i, c in enumerate("severe")]
    left = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 418, 427, 9) for i, c in enumerate("hydrocephalus.")]
    sup = Glyph("1", 95, 98, 416.4, 422.2, 5.85)
    rows = glyphs_to_rows([*right, sup, *left], 9)
    assert sorted("".join(g.text for g in r) for r in rows) == ["hydrocephalus.1", "severe"]


def test_ligature_with_a_taller_box_stays_inside_its_word():
    # The "ﬁ" comes from another font whose box starts higher, near the other column's row.
    left = [Glyph(c, 40 + 5 * i, 45 + 5 * i, 598.5, 607, 8) for i, c in enumerate("left text")]
    right = [Glyph("d", 365, 368.6, 602.9, 611, 8), Glyph("e", 368.6, 372.5, 602.9, 611, 8),
             Glyph("\ufb01", 372.5, 377.5, 601.1, 611.5, 8),
             Glyph("n", 377.5, 382, 602.9, 611, 8), Glyph("e", 382, 385.9, 602.9, 611, 8)]
    rows = glyphs_to_rows([*left, *right], 8)
    assert sorted("".join(g.text for g in r) for r in rows) == ["de\ufb01ne", "left text"]


def test_first_letter_of_a_short_label_stays_in_its_word():
    # "Age" sits between two table rows; its "A" happens to end where "Female" continues.
    female = [Glyph(c, 311 + 5 * i, 316 + 5 * i, 147.6, 155.6, 8) for i, c in enumerate("Female")]
    age = [Glyph("A", 305, 311, 152, 160, 8), Glyph("g", 311, 315, 152, 160, 8),
           Glyph("e", 315, 319, 152, 160, 8)]
    rows = glyphs_to_rows([*female, *age], 8)
    assert sorted("".join(g.text for g in r) for r in rows) == ["Age", "Female"]


def test_digits_of_table_cells_do_not_move_between_rows():
    male = [Glyph(c, 300 + 5 * i, 305 + 5 * i, 135.5, 143.5, 8) for i, c in enumerate("Male")]
    cell = [Glyph("4", 372, 376, 138, 146, 8), Glyph("9", 376, 380, 138, 146, 8)]
    female = [Glyph(c, 300 + 5 * i, 305 + 5 * i, 141, 149, 8) for i, c in enumerate("Female")]
    rows = glyphs_to_rows([*male, *cell, *female], 8)
    assert sum("49" in "".join(g.text for g in r) for r in rows) == 1


def test_footnote_mark_opening_its_line_stays_on_it():
    above = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 100, 108, 8) for i, c in enumerate("artery;")]
    mark = Glyph("*", 10, 14, 106, 111, 5)
    note = [Glyph(c, 15 + 6 * i, 21 + 6 * i, 108.5, 116.5, 8) for i, c in enumerate("Author")]
    rows = glyphs_to_rows([*above, mark, *note], 8)
    assert ["".join(g.text for g in r) for r in rows] == ["artery;", "*Author"]


def test_stray_equals_sign_drawn_low_rejoins_the_line_it_overlaps_most():
    # An "=" whose font box sits 4 points lower than its line (seen in BMC PDFs).
    line = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 100, 110, 10) for i, c in enumerate("p 0.01")]
    equals = Glyph("=", 17, 23, 104.2, 114.2, 10)
    below = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 112, 122, 10) for i, c in enumerate("twelve")]
    rows = glyphs_to_rows([*line, equals, *below], 10)
    assert ["".join(g.text for g in r).replace(" ", "") for r in rows] == ["p=0.01", "twelve"]


def test_stray_sign_goes_to_the_line_with_a_hole_for_it():
    # The "=" box overlaps the line below more, but only the line above has room for it.
    above = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 372, 382, 10) for i, c in enumerate("p   0.00")]
    equals = Glyph("=", 23, 29, 379.3, 389.3, 10)
    below = [Glyph(c, 10 + 6 * i, 16 + 6 * i, 384, 394, 10) for i, c in enumerate("3.5 days")]
    rows = glyphs_to_rows([*above, equals, *below], 10)
    assert ["".join(g.text for g in r).replace(" ", "") for r in rows] == ["p=0.00", "3.5days"]


def test_drop_cap_joins_the_first_word():
    cap = Glyph("I", 10, 25, 98, 140, 42)
    first = [Glyph(c, 27 + 6 * i, 33 + 6 * i, 100, 110, 10) for i, c in enumerate("n 11%")]
    rows = glyphs_to_rows([cap, *first], 10)
    assert ["".join(g.text for g in r) for r in rows] == ["In 11%"]


# --- columns ----------------------------------------------------------------------------


def test_gutter_found_between_two_columns():
    gutter = find_gutter(two_column_rows(), (180, 420), 9.0)
    assert gutter is not None and 40 + 6 * 17 < gutter < 320


def test_narrow_gutter_of_less_than_a_font_size_is_found():
    # Left lines end at 292, right lines start at 300: a gutter of 0.8 of the 10 pt font.
    rows = [Row((*words("left column text", 196, 100 + 12 * i), Word("end", 274, 292,
                 100 + 12 * i, 110 + 12 * i, SIZE), *words("right column text", 300,
                 100 + 12 * i))) for i in range(8)]
    order = read_order(rows)
    assert order[:2] == ["left column text end", "left column text end"]


def test_no_gutter_in_a_single_column():
    rows = [row(("one long line of running text across the page", 40), top=100 + 12 * i)
            for i in range(10)]
    assert find_gutter(rows, (180, 420), 9.0) is None


def test_columns_are_read_one_after_the_other():
    order = read_order(two_column_rows(8))
    assert order == [f"left {i} text here" for i in range(8)] + [
        f"right {i} text here" for i in range(8)
    ]


def test_full_width_title_is_read_before_the_columns():
    title = row(("A very long full width title of a case series report", 40), top=60)
    order = read_order([title, *two_column_rows(8)])
    assert order[0].startswith("A very long") and order[1] == "left 0 text here"


def test_three_columns_are_read_one_after_the_other():
    rows = [
        row((f"first {i} col a", 40), (f"second {i} col a", 230), (f"third {i} col a", 420),
            top=100 + 12 * i)
        for i in range(8)
    ]
    order = read_order(rows)
    assert order == [f"{n} {i} col a" for n in ("first", "second", "third") for i in range(8)]


def test_label_and_number_columns_of_a_table_in_a_column_stay_together():
    rows = [row((f"left column {i} of justified running text", 40), (f"Sign {i}", 320),
                ("13", 420), ("33.3", 470), top=100 + 12 * i) for i in range(8)]
    order = read_order(rows)
    assert order[8:] == [f"Sign {i} 13 33.3" for i in range(8)]


def test_table_inside_a_column_is_not_cut_into_subcolumns():
    # A justified left column (40-280) holding a small two-cell table in its last rows.
    rows = [row((f"left column {i} of justified running text", 40), (f"right {i} text", 320),
                top=100 + 12 * i) for i in range(4)]
    rows += [row((f"Outcome {i}", 40), ("12 (40%)", 200), (f"right {i} text", 320),
                 top=100 + 12 * i) for i in range(4, 8)]
    order = read_order(rows)
    assert order[4:8] == [f"Outcome {i} 12 (40%)" for i in range(4, 8)]


def test_few_lines_in_two_columns_split_at_the_documents_gutter():
    rows = two_column_rows(4)
    assert read_order(rows)[0] == "left 0 text here right 0 text here"  # too few on its own
    blocks = rows_to_blocks(rows, PAGE_WIDTH, SIZE, prior=300.0)
    assert [line.text for line in blocks_to_lines(blocks)][:5] == [
        "left 0 text here", "left 1 text here", "left 2 text here", "left 3 text here",
        "right 0 text here",
    ]


def test_short_columns_fixture_page_is_read_column_by_column(fixture_pdfs):
    page = read_pages(fixture_pdfs["short-columns-below-figure"], ExtractSettings())[1][1]
    assert "consecutive patients treated\nbetween 2010 and 2020" in page.text
    assert page.text.index("after surgery. The median age") < page.text.index("Three patients")


def test_columns_with_offset_baselines_are_not_interleaved():
    rows = []
    for i in range(8):
        rows.append(row((f"left {i} text here", 40), top=100 + 12 * i))
        rows.append(row((f"right {i} text here", 320), top=106 + 12 * i))
    order = read_order(rows)
    assert order.index("left 7 text here") < order.index("right 0 text here")


def test_wide_float_between_column_blocks_is_read_after_the_columns():
    above = two_column_rows(5, top=100)
    caption = row(("Figure 1. Kaplan Meier curve of overall survival in all patients", 40), top=170)
    below = two_column_rows(5, top=190)
    order = read_order([*above, caption, *below])
    assert order.index("left 4 text here", 5) < order.index("right 0 text here")
    assert order[-1].startswith("Figure 1.")


def test_narrow_keyword_column_beside_an_abstract_is_split_off():
    rows = [row(("Keywords:", 40), ("Objectives: a study of many patients over time", 200),
                top=100)]
    rows += [row((f"kw{i}", 40), (f"abstract line {i} of the structured text", 200),
                 top=112 + 12 * i) for i in range(5)]
    rows += [row((f"abstract line {i} continues", 200), top=172 + 12 * i) for i in range(5, 8)]
    order = read_order(rows)
    assert order[:6] == ["Keywords:", "kw0", "kw1", "kw2", "kw3", "kw4"]


def test_small_print_at_the_foot_of_a_column_moves_after_the_body():
    body = [Line(f"body {i}", 40, 290, 100 + 12 * i, 110 + 12 * i, 10) for i in range(5)]
    notes = [Line(f"note {i}", 40, 290, 180 + 9 * i, 187 + 9 * i, 7) for i in range(2)]
    kept, moved = split_footnotes(body + notes)
    assert [x.text for x in kept] == [f"body {i}" for i in range(5)]
    assert [x.kind for x in moved] == ["footnote", "footnote"]


def test_paragraph_set_smaller_without_a_gap_is_not_a_footnote():
    # Stroke sets the introduction larger than the methods; both are body text.
    intro = [Line(f"intro {i}", 40, 290, 100 + 12 * i, 110 + 12 * i, 9.5) for i in range(5)]
    methods = [Line(f"methods {i}", 40, 290, 160 + 10 * i, 168 + 10 * i, 8.5) for i in range(2)]
    kept, moved = split_footnotes(intro + methods)
    assert (len(kept), moved) == (7, [])


glyph_strategy = st.builds(
    lambda text, x, y, size, width: Glyph(text, x, x + width, y, y + size, size),
    st.sampled_from(list("ab1=( .,%\u00b1")),
    st.integers(0, 580),
    st.floats(0, 800),
    st.floats(0.5, 40),
    st.floats(0, 30),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(glyph_strategy, max_size=120, unique_by=lambda g: g.x0))
def test_any_glyphs_give_lines_and_lose_no_character(glyphs):
    # Glyphs at distinct x are never duplicates, so every non-space one must come out.
    size = body_size(glyphs) if glyphs else 10.0
    rows = glyph_rows_to_rows(glyphs_to_rows(glyphs, size))
    text = lines_to_text(rows_to_lines(rows, PAGE_WIDTH, size))
    assert len("".join(text.split())) == sum(1 for g in glyphs if not g.text.isspace())


# --- cleanup ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("rate of decom-", "pression failure", "rate of decompression failure"),
        ("95% CI 62-", "90%) had", "95% CI 62-90%) had"),
        ("95% CI 62\u2013", "90%) had", "95% CI 62\u201390%) had"),
        ("no Clavien-", "Dindo grade III", "no Clavien-Dindo grade III"),
        ("the IVC-", "wall", "the IVC-wall"),
    ],
    ids=["letters", "digits", "en-dash", "capital", "acronym"],
)
def test_line_end_hyphens_are_undone_only_between_letters(first, second, joined):
    assert join_lines(first, second) == (joined, True)


def test_hyphen_kept_when_the_document_writes_the_word_with_one():
    assert join_lines("the long-", "term results", {"long-term"}) == (
        "the long-term results",
        True,
    )


def test_word_hyphenated_across_a_page_break_is_joined_on_the_first_page():
    texts = ["can we make a correct judg-", "ment as to whether", "Table 2-", "Results"]
    assert join_across_pages(texts) == [
        "can we make a correct judgment", "as to whether", "Table 2-", "Results"
    ]


def test_lines_without_hyphen_are_not_joined():
    assert join_lines("twelve patients", "had") == ("twelve patients", False)


def test_ligatures_soft_hyphens_and_odd_spaces_are_normalised():
    text = "\ufb01rst e\ufb00ect \ufb02ow deci\u00adsion 5\u00a0mm Shuo\u2011meng"
    assert normalise_text(text) == "first effect flow decision 5 mm Shuo-meng"


def make_line(text: str, top: float, x0: float = 40.0) -> Line:
    return Line(text, x0, x0 + 200, top, top + 8, 8)


def test_running_headers_and_page_numbers_are_dropped():
    height = 800.0
    pages = [
        [make_line(f"Smith et al. J Surg 2020; 12: {100 + n}", 20), make_line("Body text", 300),
         make_line(str(n + 1), 770)]
        for n in range(3)
    ]
    running = running_keys([(lines, height) for lines in pages])
    kept = drop_running_lines(pages[1], height, running)
    assert [line.text for line in kept] == ["Body text"]


def test_header_split_by_the_gutter_matches_the_whole_header_elsewhere():
    height = 800.0
    whole = [make_line("D. Smith et al. J Surg 12 (2019) 47-52", 20), make_line("text", 300)]
    split = [make_line("D. Smith et al.", 20), make_line("J Surg 12 (2019) 47-52", 20, 400),
             make_line("more text", 300)]
    running = running_keys([(whole, height), (split, height)])
    assert [line.text for line in drop_running_lines(whole, height, running)] == ["text"]


def test_headers_alternating_between_odd_and_even_pages_go_by_their_page_number():
    height = 800.0
    headers = ["260 H. KUDO ET AL.", "SURGERY FOR CEREBELLAR INFARCTION 261", "262 H. KUDO ET AL."]
    pages = [[make_line(h, 20), make_line("Body text 12 of 40", 300)] for h in headers]
    offset = page_number_offset([(lines, height) for lines in pages])
    assert offset == 259
    kept = drop_running_lines(pages[1], height, set(), folio=2 + offset)
    assert [line.text for line in kept] == ["Body text 12 of 40"]


def test_a_body_line_repeated_outside_the_margins_is_kept():
    height = 800.0
    pages = [[make_line("Results", 300)] for _ in range(3)]
    running = running_keys([(lines, height) for lines in pages])
    assert drop_running_lines(pages[0], height, running) == pages[0]


def test_lines_to_text_runs_a_sentence_on_across_columns():
    left = Line("patients had a", 40, 290, 500, 510, 10, block=0, column=0)
    right = Line("patent stent.", 320, 560, 100, 110, 10, block=0, column=1)
    assert lines_to_text([left, right]) == "patients had a\npatent stent."


def test_lines_to_text_starts_a_paragraph_after_a_wide_gap():
    lines = [Line(f"line {i}", 40, 290, 100 + 12 * i, 110 + 12 * i, 10) for i in range(4)]
    lines.append(Line("Methods", 40, 290, 176, 186, 10))
    assert lines_to_text(lines) == "line 0\nline 1\nline 2\nline 3\n\nMethods"


# --- tables -----------------------------------------------------------------------------


def test_rule_segments_drawn_per_cell_join_into_one_rule():
    pieces = [Rule(57, 219, 102), Rule(219, 365, 102), Rule(365, 539, 102)]
    assert join_segments(pieces) == [Rule(57, 539, 102)]


def test_aligned_rules_bound_one_table_region():
    rules = [Rule(20, 500, 100), Rule(20, 500, 120), Rule(20, 500, 200), Rule(300, 500, 400)]
    assert rules_to_regions(rules) == [(20, 100, 500, 200)]


def test_rows_between_rules_are_cut_into_cells():
    rows = [
        row(("Outcome", 30), ("No CT", 200), ("CT", 320), top=105),
        row(("R0 resection", 30), ("26 (90%)", 200), ("11 (92%)", 320), top=125),
        row(("Recurrence", 30), ("9 (31%)", 200), ("4 (33%)", 320), top=140),
    ]
    table = region_to_table(rows, (20, 100, 500, 160), SIZE, page=3)
    assert table.rows == (
        ("Outcome", "No CT", "CT"),
        ("R0 resection", "26 (90%)", "11 (92%)"),
        ("Recurrence", "9 (31%)", "4 (33%)"),
    )
    assert table.page == 3


def test_label_wrapped_onto_a_second_line_joins_its_row():
    rows = [("Concurrent cerebral/brainstem", "0", "10"), ("acute ischemia", None, None),
            ("CT FINDINGS", None, None), ("Hydrocephalus", "14", "16")]
    assert merge_continuations(rows) == (
        ("Concurrent cerebral/brainstem acute ischemia", "0", "10"),
        ("CT FINDINGS", None, None),
        ("Hydrocephalus", "14", "16"),
    )


def test_caption_inside_the_rules_becomes_the_caption():
    rows = [
        row(("Table. Baseline characteristics", 30), top=105),
        row(("Characteristic", 30), ("Surgery", 200), ("Conservative", 320), top=120),
        row(("Age, mean (SD)", 30), ("66.1 (13.0)", 200), ("69.5 (14.9)", 320), top=135),
    ]
    table = region_to_table(rows, (20, 100, 500, 160), SIZE, page=1)
    assert table.caption == "Table. Baseline characteristics"
    assert table.rows[0] == ("Characteristic", "Surgery", "Conservative")


def test_boxed_figure_is_not_a_table():
    rows = [
        row(("Figure 2. Functional outcomes", 30), top=105),
        row(("0.8", 30), ("Surgical", 200), ("treatment", 320), top=120),
        row(("0.6", 30), ("Conservative", 200), ("treatment", 320), top=135),
    ]
    assert region_to_table(rows, (20, 100, 500, 160), SIZE, page=1) is None


def test_values_wrapped_under_their_row_join_it_but_header_rows_do_not():
    rows = [(None, "Duration from", None), ("Case", "onset (days)", "Outcome"),
            ("Age >= 60 (n)", "3/12", "4/10 (40%)"), (None, "(25%)", None),
            ("Brainstem infarct", "2/12", "7/10")]
    assert merge_continuations(rows) == (
        (None, "Duration from", None),
        ("Case", "onset (days)", "Outcome"),
        ("Age >= 60 (n)", "3/12 (25%)", "4/10 (40%)"),
        ("Brainstem infarct", "2/12", "7/10"),
    )


def test_ruled_box_of_prose_is_not_a_table():
    sentence = "Patients treated with surgery had a better outcome than the others did"
    rows = [row((sentence, 30), (sentence, 460), top=105 + 12 * i) for i in range(4)]
    assert region_to_table(rows, (20, 100, 900, 160), SIZE, page=1) is None


def turned_chars(n: int, b: float) -> list[dict]:
    return [{"upright": False, "matrix": (0, b, -b, 0, 0, 0)} for _ in range(n)]


def test_page_mostly_turned_text_is_read_in_a_turned_frame():
    chars = turned_chars(200, 1.0) + [{"upright": True, "matrix": (1, 0, 0, 1, 0, 0)}] * 20
    assert chars_to_frame(chars, 595, 842).rotation == 90
    assert chars_to_frame(turned_chars(200, -1.0), 595, 842).rotation == 270


def test_margin_stamp_does_not_turn_an_upright_page():
    chars = turned_chars(60, 1.0) + [{"upright": True, "matrix": (1, 0, 0, 1, 0, 0)}] * 3000
    frame = chars_to_frame(chars, 595, 842)
    assert frame.rotation == 0 and not frame.keeps(chars[0])


@pytest.mark.parametrize(
    ("rotation", "box", "expected"),
    [(90, (275.5, 285.5, 418.0, 425.2), (416.8, 424.0, 275.5, 285.5)),
     (270, (281.4, 291.4, 425.2, 432.4), (425.2, 432.4, 303.6, 313.6))],
)
def test_turned_boxes_map_to_left_to_right_lines(rotation, box, expected):
    frame = Frame(rotation, 595.0, 842.0)
    assert frame.box(*box) == pytest.approx(expected)
    assert (frame.width, frame.height) == (842.0, 595.0)


word_strategy = st.builds(
    lambda text, x, top: Word(text, x, x + 6 * len(text), top, top + SIZE, SIZE),
    st.sampled_from(["12", "(40%)", "Age", "n", "3.5", "Died", "CT"]),
    st.integers(20, 480),
    st.integers(100, 190),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(word_strategy, max_size=60, unique_by=lambda w: (w.x0, w.top)))
def test_table_cells_hold_every_word_of_the_region(words):
    rows = [Row(tuple(sorted((w for w in words if w.top == top), key=lambda w: w.x0)))
            for top in sorted({w.top for w in words})]
    table = region_to_table(rows, (10, 95, 560, 205), SIZE, page=1)
    if table is not None:
        cells = " ".join(cell for r in table.rows for cell in r if cell)
        assert sorted(cells.split()) == sorted(w.text for w in words)


def test_math_pi_glyph_names_map_to_signs():
    assert differences_to_map([1, "/H11005", "/H11006", "/H11021", 9, "/H11350"]) == {
        1: "=",
        2: "\u00b1",
        3: "<",
        9: "\u2265",
    }


# --- fixture PDFs -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_column_pages(fixture_pdfs):
    return read_pages(fixture_pdfs["two-column-results"], ExtractSettings())[1]


def test_two_column_fixture_reads_left_column_before_right(two_column_pages):
    text = two_column_pages[0].text
    assert text.index("low in this cohort.") < text.index("Three patients died")
    assert "treated\nbetween 2010" in text  # left lines follow each other, no right line between


def test_two_column_fixture_keeps_numbers_across_hyphenated_line_end(two_column_pages):
    assert "95% CI 62-90%) had a patent stent" in two_column_pages[0].text
    assert "decompression failure" in two_column_pages[0].text
    assert "The long-term results" in two_column_pages[0].text


def test_two_column_fixture_drops_header_page_number_and_margin_stamp(two_column_pages):
    for page in two_column_pages:
        assert "Journal of Fixture Surgery" not in page.text
        assert "Downloaded from" not in page.text
        assert page.text.splitlines()[-1] == "series of open reconstruction."


@pytest.mark.parametrize("angle", [90, -90])
def test_table_turned_sideways_reads_as_rows_and_cells(builders, tmp_path, angle):
    path = builders.sideways_table_pdf(tmp_path / f"turned{angle}.pdf", angle)
    page = read_pages(path, ExtractSettings())[1][0]
    (table,) = page.tables
    assert table.caption == "Table 2. Individual patient data"
    assert table.rows[0] == ("Case", "Age/Sex", "Operation", "Outcome")
    assert table.rows[3] == ("3", "53/F", "Resection", "Died")
    assert "Journal of Fixture Surgery" not in page.text


def test_rule_table_fixture_gives_rows_and_cells(fixture_pdfs):
    page = read_pages(fixture_pdfs["table-horizontal-rules"], ExtractSettings())[1][0]
    (table,) = page.tables
    assert table.caption == "Table 1. Outcomes by group"
    assert table.rows[0] == ("Outcome", "No CT N = 29", "CT N = 12", "All N = 41")
    assert table.rows[3] == ("30-day mortality", "1 (3%)", "0 (0%)", "1 (2%)")
    assert "30-day mortality 1 (3%) 0 (0%) 1 (2%)" in page.text.splitlines()


GOLDEN_FIXTURES = [
    "two-column-results",
    "offset-columns",
    "short-columns-below-figure",
    "table-horizontal-rules",
    "table-turned-sideways",
    "text-layer-without-spaces",
]


def render_pages(pages) -> str:
    parts = []
    for page in pages:
        parts.append(f"=== page {page.number}\n{page.text}")
        for table in page.tables:
            rows = "\n".join(" | ".join(cell or "" for cell in r) for r in table.rows)
            parts.append(f"--- table: {table.caption}\n{rows}")
    return "\n".join(parts) + "\n"


@pytest.mark.parametrize("name", GOLDEN_FIXTURES)
def test_fixture_text_matches_golden_file(fixture_pdfs, name):
    rendered = render_pages(read_pages(fixture_pdfs[name], ExtractSettings())[1])
    golden = GOLDEN_TEXT / f"{name}.txt"
    if REGEN_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


# --- a real journal PDF -----------------------------------------------------------------

#: Reading the 4-page real PDF takes about 1 s on an idle 2-core machine; the bound leaves
#: room for a busy CI machine while still catching an accidental quadratic stage.
REAL_PDF_SECONDS = 15.0


def test_real_two_column_pdf_yields_gold_quotes_cleanly(shared):
    import json

    gold = json.loads((shared / "gold" / "pdf" / "sdc__Kudo2007.json").read_text())
    start = time.perf_counter()
    _, pages = read_pages(shared / "corpus" / "pdf" / "sdc__Kudo2007.pdf", ExtractSettings())
    elapsed = time.perf_counter() - start
    texts = {page.number: " ".join(page.text.split()) for page in pages}
    for record in gold["records"]:
        assert " ".join(record["quote"].split()) in texts[record["page"]]
    assert "\u00b1" in texts[1] and "(cid:" not in texts[1]  # symbol-font signs mapped
    assert elapsed < REAL_PDF_SECONDS
