"""benchmarks/typeset.py: layout parts, hyphenation points and page placement, on plain data;
one held-out abstract through headless Chromium."""

from __future__ import annotations

import importlib.util
import json

import pytest
from benchmark_modules import BENCHMARKS, load_benchmark  # tests/fixtures, via tests/conftest.py

typeset = load_benchmark("typeset")

PASTED = """Gut Valve Rep. 2020;3:11-19. doi:10.0000/gvr.2020.011

Balloon dilation of the pyloric channel in adults with gastric outlet narrowing

Quill A, Ostrander B

Background: Dilation is an option. Methods: We reviewed cases.
Results: Nine of ten responded.
"""


def test_pasted_abstract_splits_into_title_header_and_body():
    parts = typeset.text_to_parts(PASTED)
    assert parts.title == ("Balloon dilation of the pyloric channel in adults with gastric "
                           "outlet narrowing")
    assert parts.header == ("Gut Valve Rep. 2020;3:11-19. doi:10.0000/gvr.2020.011",
                            "Quill A, Ostrander B")
    assert parts.body == ("Background: Dilation is an option. Methods: We reviewed cases.",
                          "Results: Nine of ten responded.")


def test_a_long_first_paragraph_is_body_even_without_a_label():
    running = "Sclerotherapy of venous malformations was studied in a long paragraph. " * 8
    parts = typeset.text_to_parts(f"Rowe K. A title-less citation. Vein J 2011;2:1-4.\n\n{running}")
    assert parts.title.startswith("Rowe K.")
    assert parts.body == (running.strip(),)


@pytest.mark.parametrize(("word", "points"), [
    ("hepatectomy", [4]),            # hepa-tectomy
    ("nephrolithotomy", [6, 11]),    # nephro-lithotomy, nephrolitho-tomy
    ("Embolisation", [4, 6, 8]),     # capitals do not matter
    ("stenosis", [3, 5]),            # ste-nosis, steno-sis: three letters kept each side
    ("stent", []),                   # short words are never broken
    ("T1astaging", []),              # nor tokens with anything but letters
])
def test_break_points_are_vowel_consonant_vowel_with_three_letters_kept(word, points):
    assert typeset.break_points(word) == points


def test_breakable_words_carry_their_points_and_text_is_escaped():
    out = typeset.words_to_html("gain <5% after embolisation")
    assert '&lt;5%' in out
    assert '<span class="w" data-b="' in out and ">embolisation</span>" in out


def test_quote_is_placed_on_the_page_where_it_starts():
    pages = ["Intro text. Mortality was zero in the", "whole cohort. Patency was 90%."]
    assert typeset.quote_to_page("Mortality was zero in the whole cohort", pages) == 1
    assert typeset.quote_to_page("Patency was 90%", pages) == 2
    assert typeset.quote_to_page("Morta-\nlity was zero", pages) == 1  # line-end hyphen ignored
    with pytest.raises(typeset.TypesetError, match="quote not in the typeset text"):
        typeset.quote_to_page("Recurrence was 4%", pages)


def test_a_typeset_quote_is_found_across_soft_hyphens_and_ligatures():
    pages = ["Front matter.", "Signi\u00adﬁcant stenosis in ﬁve; ﬂow was restored."]
    assert typeset.quote_to_page("significant stenosis in five", pages) == 2
    assert typeset.quote_to_page("flow was restored", pages) == 2


@pytest.mark.parametrize(
    "text",
    ["Mortality was 3/40 (7.5%) at\n30 days", "Re-intervention \u2013 free  survival",
     "Signi\u00adficant ﬁve", "A\u2010B\u2015C\tD"],
)
def test_squash_is_the_comparison_check_gold_makes(text, shared):
    spec = importlib.util.spec_from_file_location(
        "check_gold", shared / "tools" / "check_gold.py")
    check_gold = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check_gold)
    assert typeset.squash(text) == check_gold.squash(text)


def test_squash_drops_breaks_and_dashes_and_spells_out_ligatures():
    assert typeset.squash("Re-\nintervention \u2014 Free") == "reinterventionfree"
    assert typeset.squash("Signi\u00adﬁcant ﬂow") == "significantflow"
    assert typeset.squash("12 (30%)") == "12(30%)", "everything else is kept"


def test_pdf_gold_names_the_pdf_and_sets_pages():
    gold = {"document": "x.txt", "records": [{"quote": "Patency was 90%"}], "study": {}}
    out = typeset.gold_to_pdf_gold(gold, "x.pdf", ["nothing here", "Patency was 90%."])
    assert out["document"] == "x.pdf" and out["records"][0]["page"] == 2
    assert gold["records"][0] == {"quote": "Patency was 90%"}, "the input gold is not changed"


@pytest.mark.browser
def test_one_heldout_abstract_typesets_to_a_two_column_pdf(tmp_path):
    chromium = typeset.find_chromium()
    if not chromium:
        pytest.skip("headless chromium not installed (apt-get install chromium)")
    heldout = BENCHMARKS / "heldout"
    stem = "thoracic__mie-ivorlewis-Adebayo"
    pdf = typeset.typeset_one(heldout / "text" / f"{stem}.txt", heldout / "gold" / f"{stem}.json",
                              tmp_path, chromium)
    gold = json.loads((tmp_path / f"{stem}.json").read_text())
    assert gold["document"] == f"{stem}.pdf"
    assert gold["records"] and all(r["page"] == 1 for r in gold["records"])
    body = typeset.pdf_to_page_texts(pdf)
    assert len(body) == 1
    assert body[0].startswith("Background:"), "the column text starts below the title block"
    last = typeset.squash(body[0])[-30:]
    assert last.endswith("goodoncologicalquality."), f"and ends above the page number: {last}"
