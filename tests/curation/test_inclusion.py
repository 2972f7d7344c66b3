"""Study selection: include / exclude with reasons (audited), hidden from pooling and the queue,
and the PRISMA 2020 counts and flow diagram of the report."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation, inclusion
from corpus.errors import InvalidEdit, NotFound
from corpus.queries import records_frame
from corpus.review_queue import pending_ids
from corpus.store import store_extraction, store_failure
from extract.model import ExtractedDocument
from meta.prisma import flow_diagram
from meta.report import build_report

runner = CliRunner()


@pytest.fixture
def corpus(engine, paper):
    """smith2020.pdf and jones2021.pdf (studies), a blog (no study), a review, a failure."""
    paper.store_paper(engine)
    store_extraction(engine, Path("jones2021.pdf"), "sha-jones", paper.extraction())
    blog = ExtractedDocument(media_type="text/plain", page_count=1, document_type="not_a_study")
    store_extraction(engine, Path("blog.txt"), "sha-blog", blog)
    review = ExtractedDocument(media_type="text/plain", page_count=1, document_type="review")
    store_extraction(engine, Path("review.txt"), "sha-review", review)
    store_failure(engine, Path("broken.pdf"), None, "broken.pdf: not a PDF")
    return engine


def categories(engine) -> dict[str, str]:
    return {s.document: s.category for s in inclusion.selections(engine)}


def test_documents_are_classified_until_a_reviewer_decides(corpus):
    assert categories(corpus) == {
        "blog.txt": "not_a_study", "broken.pdf": "failed", "jones2021.pdf": "included",
        "review.txt": "review", "smith2020.pdf": "included",
    }  # fmt: skip


def test_exclude_hides_a_document_from_pooling_and_the_queue_but_keeps_it(corpus):
    jones_before = len(records_frame(corpus, ("extracted",)))
    chosen = inclusion.exclude(corpus, "jones2021.pdf", reason="overlapping cohort", reviewer="bob")
    assert (chosen.category, chosen.reason, chosen.reviewer) == (
        "excluded", "overlapping cohort", "bob",
    )  # fmt: skip
    frame = records_frame(corpus, ("extracted",))
    assert set(frame["document"]) == {"smith2020.pdf"} and len(frame) == jones_before // 2
    assert len(pending_ids(corpus, "alice")) == 3  # smith's records only
    inclusion.include(corpus, "jones2021.pdf", reviewer="carol", note="different years")
    assert len(pending_ids(corpus, "alice")) == 6
    trail = inclusion.document_decisions(corpus, "jones2021.pdf")
    assert [(e.action, e.reviewer, e.reason) for e in trail] == [
        ("exclude", "bob", "overlapping cohort"), ("include", "carol", "different years"),
    ]  # fmt: skip


def test_a_reviewer_can_include_a_document_read_as_a_review(corpus):
    inclusion.include(corpus, "review.txt", reviewer="alice", note="a case series after all")
    assert categories(corpus)["review.txt"] == "included"


def test_exclusion_needs_a_reason_from_the_protocol_when_it_lists_some(corpus):
    with pytest.raises(InvalidEdit, match=r"^an exclusion needs a reason \(--reason\)$"):
        inclusion.exclude(corpus, "smith2020.pdf", reason=" ", reviewer="alice")
    with pytest.raises(InvalidEdit, match=r"^reason 'old' is not one of the protocol's: a; b$"):
        inclusion.exclude(corpus, "smith2020.pdf", reason="old", reviewer="x", allowed=("a", "b"))
    with pytest.raises(InvalidEdit, match=r"^broken.pdf failed to ingest; there is no study to"):
        inclusion.exclude(corpus, "broken.pdf", reason="a", reviewer="alice")
    with pytest.raises(NotFound, match=r"^no document named 'nope.pdf'"):
        inclusion.include(corpus, "nope.pdf", reviewer="alice")


def test_prisma_counts(corpus):
    inclusion.exclude(corpus, "jones2021.pdf", reason="overlapping cohort", reviewer="bob")
    counts = inclusion.prisma_counts(inclusion.selections(corpus)).to_dict()
    assert counts == {
        "identified": 5, "failed": 1, "screened": 4, "not_a_study": 1, "reviews": 1,
        "assessed": 2, "excluded": {"overlapping cohort": 1}, "included": 1,
    }  # fmt: skip


def test_flow_diagram_boxes_and_arrows():
    counts = {"identified": 5, "failed": 1, "screened": 4, "not_a_study": 1, "reviews": 1,
              "assessed": 2, "excluded": {"overlapping cohort": 1, "x" * 60: 2}, "included": 1}
    flow = flow_diagram(counts)
    firsts = [box.lines[0] for box in flow.boxes]
    assert firsts == [
        "Documents ingested (n = 5)", "Removed before screening:",
        "Documents screened (n = 4)", "Documents excluded:",
        "Studies assessed for eligibility (n = 2)", "Studies excluded (n = 3):",
        "Studies included in the review (n = 1)",
    ]  # fmt: skip
    wrapped = ("overlapping cohort (n = 1)", "x" * 44, "x" * 16 + " (n = 2)")
    assert flow.boxes[5].lines[1:] == wrapped
    assert len(flow.arrows) == 3 + 3  # down the main column, and to each side box
    assert all(b.y + b.height <= flow.height for b in flow.boxes)


def test_report_draws_the_flow_diagram_and_lists_the_excluded(corpus):
    inclusion.exclude(corpus, "jones2021.pdf", reason="overlapping cohort", reviewer="bob")
    html = build_report(corpus, status="any")
    svg = re.search(r'<figure id="prisma">.*?</figure>', html, flags=re.S).group(0)
    assert "<svg" in svg and "Documents ingested (n = 5)" in svg
    assert "overlapping cohort (n = 1)" in svg
    assert "Studies included in the review (n = 1)" in svg
    assert "<code>jones2021.pdf</code>: excluded by bob: overlapping cohort" in html
    assert "<strong>1</strong>included studies" in html


def test_include_exclude_and_selection_commands(corpus, db_url):
    out = runner.invoke(
        app, ["exclude", "jones2021.pdf", "--reason", "no outcome of interest", "--db", db_url]
    )
    assert out.exit_code == 0 and out.stdout == (
        "jones2021.pdf: excluded by alice (no outcome of interest)\n"
    )
    out = runner.invoke(app, ["include", "review.txt", "--reviewer", "bob", "--db", db_url])
    assert out.stdout == "review.txt: included by bob\n"
    shown = runner.invoke(app, ["selection", "--db", db_url], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    assert shown.stdout.rstrip().endswith(
        "identified 5, failed 1, screened 4, not_a_study 1, reviews 0, assessed 3, "
        "included 2; excluded: no outcome of interest: 1"
    )
    missing = runner.invoke(app, ["exclude", "jones2021.pdf", "--reason", "", "--db", db_url])
    assert missing.exit_code == 1
    assert missing.stderr == "Error: an exclusion needs a reason (--reason)\n"


def test_curation_still_works_on_an_excluded_document(corpus, paper):
    inclusion.exclude(corpus, "smith2020.pdf", reason="duplicate", reviewer="alice")
    rid = paper.record_ids(corpus)["mortality"]
    assert curation.accept(corpus, rid, reviewer="alice").status == "accepted"
