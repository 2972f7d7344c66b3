"""The library side of the review queue: pending records, highlighted numbers, page context."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete
from sqlmodel import Session

from corpus import curation
from corpus.errors import StaleRecord
from corpus.models import DocumentPage, OutcomeRecord
from corpus.review_queue import ReviewQueue, load_item, number_spans, quote_context


def test_number_spans_find_counts_and_percentages_not_digits_inside_numbers():
    quote = "R0 in 14 of 18 patients (78%), 140 margins, 18.5 cm"
    spans = number_spans(quote, {"events": 14, "total": 18, "value": 0.78, "measure": "proportion"})
    assert [quote[a:b] for a, b in spans] == ["14", "18", "78"]


def test_number_spans_of_a_median_in_months():
    quote = "median overall survival 4.7 months (95% CI 3.58-5.99)"
    record = {"measure": "median", "value": 4.7, "ci_low": 3.58, "ci_high": 5.99}
    assert [quote[a:b] for a, b in number_spans(quote, record)] == ["4.7", "3.58", "5.99"]


def test_quote_context_ignores_line_breaks_and_prefers_the_records_page():
    pages = [(1, "Intro. Mortality was 0%. More."), (2, "Before it.\nMortality was\n0%. After it.")]
    ctx = quote_context(pages, 2, "Mortality was 0%.", chars=9)
    assert (ctx.page, ctx.before, ctx.quote, ctx.after) == (
        2, "…fore it.\n", "Mortality was\n0%.", " After it…",
    )  # fmt: skip
    assert quote_context(pages, 2, "not on any page") is None


def test_load_item_shows_the_page_text_around_the_quote(engine, stored, paper):
    item = load_item(engine, stored["r0_resection"])
    assert item.context.page == 2
    assert item.context.before.startswith("Patients and outcomes.")
    assert item.context.after.startswith(" Thirty-day mortality")
    assert [item.record["quote"][a:b] for a, b in item.spans] == ["14", "18", "78"]
    assert [item.context.quote[a:b] for a, b in item.context_spans] == ["14", "18", "78"]


def test_without_stored_pages_the_source_file_is_read_again(engine, tmp_path, paper):
    source = tmp_path / "series.txt"
    source.write_text("Methods.\n\nComplete excision (R0) was achieved in 14 of 18 patients (78%).")
    from corpus.store import store_extraction

    extraction = paper.extraction(paper.R0)
    store_extraction(engine, Path(source), "sha-series", extraction)
    with Session(engine) as s, s.begin():
        s.exec(delete(DocumentPage))
    item = load_item(engine, paper.record_ids(engine)["r0_resection"])
    assert item.context.page is None and item.context.before.startswith("Methods.")


def test_queue_skips_decided_records_and_goes_back(engine, stored, protocol):
    queue = ReviewQueue(engine)
    assert queue.total == 3 and queue.current().record["outcome"] == "r0_resection"
    queue.skip()
    queue.accept()  # mortality
    assert queue.back() and queue.current().record["outcome"] == "mortality"
    queue.reject("a duplicate")  # a later decision replaces the earlier one
    assert curation.default_reviewer() == "alice"
    resumed = ReviewQueue(engine)
    assert [resumed.current().record["outcome"], resumed.total] == ["r0_resection", 2]
    other = ReviewQueue(engine, "bob")
    assert other.total == 2  # one reviewer by default: what alice decided is done
    protocol(2)
    other = ReviewQueue(engine, "bob")
    assert other.total == 2  # settled under one reviewer: they stay settled in dual review
    curation.accept(engine, other.current().record["id"], reviewer="alice")  # waits for bob
    assert ReviewQueue(engine, "bob").total == 2 and ReviewQueue(engine, "alice").total == 1


def test_a_record_changed_while_shown_is_stale_then_reloaded(engine, stored):
    queue = ReviewQueue(engine)
    shown = queue.current()
    curation.edit(engine, shown.record["id"], {"events": 15}, reviewer="alice")  # elsewhere
    with pytest.raises(StaleRecord, match=r"\(version 1, now 2\); reload it and try again$"):
        queue.accept()
    queue.reload()
    assert queue.current().record["events"] == 15
    assert queue.accept().status == "edited"


def test_a_record_removed_while_queued_is_dropped(engine, stored):
    queue = ReviewQueue(engine)
    with Session(engine) as s, s.begin():
        s.exec(delete(OutcomeRecord).where(OutcomeRecord.id == stored["r0_resection"]))
    assert queue.current().record["outcome"] == "mortality" and queue.total == 2
