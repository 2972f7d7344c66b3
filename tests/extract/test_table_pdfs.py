"""Aggregate tables read from PDFs made at test time (:mod:`make_table_pdfs`): the geometry
of ruled tables (wrapped header lines, a size row, comparison columns, category levels) and
of a table left in the text layer without rules."""

from __future__ import annotations

import make_table_pdfs  # on sys.path through tests/conftest.py
import pytest

from extract.pipeline import pages_to_document
from extract.reading.readers import read_pages
from extract.settings import ExtractSettings


@pytest.fixture(scope="module")
def table_pdfs(tmp_path_factory):
    return make_table_pdfs.build_all(tmp_path_factory.mktemp("table-pdfs"))


def extracted(path):
    media_type, pages = read_pages(path, ExtractSettings())
    return pages_to_document(pages, media_type, ExtractSettings())


def keyed(doc, outcome):
    return sorted((r.group, r.events, r.total, r.timepoint_months)
                  for r in doc.records if r.outcome == outcome)


def test_arms_named_over_two_header_lines_sized_by_a_total_row(table_pdfs):
    doc = extracted(table_pdfs["table-wrapped-header-p-columns"])
    # open and endovascular repair are different treatments: never summed (gold-guide, Groups)
    assert keyed(doc, "mortality") == [("Endovascular repair", 2, 50, 0.0),
                                       ("Open repair", 3, 30, 0.0)]
    arm = next(r for r in doc.records if r.group == "Open repair")
    assert arm.quote == "In-hospital death 3 (10.0) 2 (4.0) .352 2.7 (0.4-17.0)"
    assert arm.context == "Table 2. Outcomes by technique | Open repair | Endovascular repair"
    # no record has a P value or an odds ratio for a count
    assert not any(r.events in (352, 194) or r.total in (352, 194) for r in doc.records)


def test_margin_levels_under_an_unlabelled_size_row(table_pdfs):
    doc = extracted(table_pdfs["table-category-levels"])
    assert [k for k in keyed(doc, "r0_resection") if k[0] == "all"] == [("all", 150, 200, None)]
    assert [k for k in keyed(doc, "r1_resection") if k[0] == "all"] == [("all", 44, 200, None)]
    assert not any(r.outcome.startswith("r2") for r in doc.records)


def test_a_table_in_the_text_layer_with_fractions_and_a_caption_time(table_pdfs):
    doc = extracted(table_pdfs["table-in-text-layer"])
    assert keyed(doc, "mortality") == [("all", 3, 200, 1.0), ("n = 120", 1, 120, 1.0),
                                       ("n = 80", 2, 80, 1.0)]
