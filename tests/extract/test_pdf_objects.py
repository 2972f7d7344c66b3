"""The fast conversion of a page's objects gives exactly pdfplumber's dicts."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from extract.reading.pdf_objects import load_page_objects

#: Fixture PDFs of :mod:`make_pdfs` whose pages hold glyphs, rules, turned text and boxes.
PARSED_FIXTURES = ("two-column-results", "table-horizontal-rules", "table-turned-sideways",
                   "text-layer-without-spaces", "offset-columns")


def _stock(path: Path, **options) -> list[dict]:
    with pdfplumber.open(path, **options) as pdf:
        return [page.parse_objects() for page in pdf.pages]


def _fast(path: Path, **options) -> list[dict]:
    out = []
    with pdfplumber.open(path, **options) as pdf:
        for page in pdf.pages:
            load_page_objects(page)
            out.append(page.objects)
    return out


def assert_same_objects(stock: list[dict], fast: list[dict]) -> None:
    """Equal dicts, the same kinds in the same order, each dict's keys in the same order."""
    assert fast == stock
    for stock_page, fast_page in zip(stock, fast, strict=True):
        assert list(fast_page) == list(stock_page)
        for kind, objects in stock_page.items():
            assert [list(o) for o in fast_page[kind]] == [list(o) for o in objects]


@pytest.mark.parametrize("name", PARSED_FIXTURES)
def test_fixture_pages_parse_to_pdfplumbers_dicts(fixture_pdfs, name):
    stock = _stock(fixture_pdfs[name])
    assert any(page.get("char") for page in stock)  # a page without glyphs would test nothing
    assert_same_objects(stock, _fast(fixture_pdfs[name]))


def test_rules_and_rectangles_are_kept(fixture_pdfs):
    fast = _fast(fixture_pdfs["table-horizontal-rules"])
    assert any(page.get("line") or page.get("rect") for page in fast)


def test_media_box_offset_shifts_glyphs_as_pdfplumber_does(fixture_pdfs, tmp_path):
    shifted = tmp_path / "shifted.pdf"
    with pikepdf.open(fixture_pdfs["two-column-results"]) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.MediaBox)
            page.MediaBox = [x0 + 12, y0 + 30, x1 + 12, y1 + 30]
        pdf.save(shifted)
    with pdfplumber.open(shifted) as pdf:
        assert all(pdf.pages[0].mediabox[:2])  # both of pdfplumber's offset branches are taken
    assert_same_objects(_stock(shifted), _fast(shifted))


def test_unicode_normalisation_is_left_to_pdfplumber(fixture_pdfs):
    with pdfplumber.open(fixture_pdfs["two-column-results"], unicode_norm="NFC") as pdf:
        page = pdf.pages[0]
        load_page_objects(page)
        assert not hasattr(page, "_objects")  # parsed on first use, the stock way
        assert page.chars


def test_parsed_page_is_left_alone(fixture_pdfs):
    with pdfplumber.open(fixture_pdfs["two-column-results"]) as pdf:
        page = pdf.pages[0]
        before = page.objects
        load_page_objects(page)
        assert page.objects is before


def test_shared_pdfs_parse_to_pdfplumbers_dicts(shared):
    """The first two pages of every corpus PDF: real fonts, colour spaces and figures."""
    paths = sorted((shared / "corpus" / "pdf").glob("*.pdf"))
    if not paths:
        pytest.skip("no PDFs in ../shared/corpus/pdf")
    for path in paths:
        with pdfplumber.open(path) as pdf:
            pages = pdf.pages[:2]
            stock = [page.parse_objects() for page in pages]  # caches nothing but the layout
            fast = []
            for page in pages:
                load_page_objects(page)
                fast.append(page.objects)
        assert_same_objects(stock, fast)
