"""pages_to_document: the stages wired together, pages and tables carried through."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.model import ExtractedDocument, Page, Table
from extract.pipeline import pages_to_document, table_to_rows
from extract.settings import ExtractSettings
from extract.tables.cells import Column, Header, TableRow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "text"

PAGES = [
    Page(1, "Stenting for malignant iliocaval obstruction\n\nResults\n\nWe retrospectively "
            "reviewed 40 consecutive patients who were treated with venous stents."),
    Page(2, "Technical success was achieved in 39/40 (97.5%) patients. There were no "
            "procedure-related deaths.",
         tables=(Table(rows=((None, "All N = 40"), ("Reintervention", "6 (15)"),
                             ("Cause of death", "3 (8)")), page=2, caption="Table 2"),)),
]


def test_pages_to_document_wires_the_stages():
    doc = pages_to_document(PAGES, "application/pdf", ExtractSettings())
    assert isinstance(doc, ExtractedDocument)
    assert (doc.media_type, doc.page_count, doc.study.n_patients) == ("application/pdf", 2, 40)
    got = {(r.outcome, r.events, r.total, r.page, r.rule) for r in doc.records}
    assert ("technical_success", 39, 40, 2, "paired") in got
    assert ("mortality", 0, 40, 2, "negated") in got
    assert ("reintervention", 6, 40, 2, "table_row") in got
    assert not any(r.outcome == "mortality" and r.events for r in doc.records)


def test_reader_tables_become_rows_with_their_header():
    rows = table_to_rows(PAGES[1].tables[0], 2)
    assert rows[0] == Header((Column("all", 40),), "Table 2 | All N = 40")
    # the quote is the row as the page text prints it: its cells joined by spaces
    assert rows[1] == TableRow("Reintervention", ("6 (15)",), 2, "Reintervention 6 (15)")


def test_a_page_without_a_cohort_exports_no_records():
    blog = [Page(None, "What is intravascular ultrasound?\n\nIVUS shows the vein wall. "
                       "Studies report that 70% of stents are undersized without it, and "
                       "no complications are expected.")]
    doc = pages_to_document(blog, "text/html", ExtractSettings())
    assert doc.document_type == "not_a_study"
    assert doc.records == ()


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_every_fixture_record_is_quoted_and_ruled(path):
    doc = pages_to_document([Page(None, path.read_text())], "text/plain", ExtractSettings())
    assert doc.records, "each fixture states findings"
    assert all(r.quote and r.rule and r.page is None for r in doc.records)
