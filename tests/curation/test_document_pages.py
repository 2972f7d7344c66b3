"""Page texts: a schema step adds them to old databases; ingest stores them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlmodel import Session, select

from corpus import models, schema
from corpus.db import open_engine
from corpus.models import DocumentPage, OutcomeRecord
from corpus.store import store_extraction


def make_version_1_database(url: str) -> None:
    """A database as casemeta wrote it before page texts existed."""
    engine = create_engine(url)
    with engine.begin() as conn:
        schema._create_base_tables(conn)
        models.SchemaVersion.__table__.create(conn)
        schema._stamp(conn, schema.MIGRATIONS[0])
    engine.dispose()


def test_version_1_database_is_upgraded_with_document_pages(db_url):
    make_version_1_database(db_url)
    engine = open_engine(db_url)
    with engine.connect() as conn:
        assert inspect(conn).has_table("documentpage")
        assert schema.current_version(conn) == schema.latest_version() >= 2
    engine.dispose()


def test_store_extraction_replaces_page_texts(engine, paper):
    store_extraction(engine, Path("smith2020.pdf"), "sha-smith", paper.extraction())
    store_extraction(engine, Path("smith2020.pdf"), "sha-smith", paper.extraction())
    with Session(engine) as s:
        pages = s.exec(select(DocumentPage).order_by(DocumentPage.number)).all()
    assert [p.number for p in pages] == [1, 2, 3]
    assert pages[1].text == paper.PAGE_2


def test_real_ingest_stores_pages_for_the_review_screen(engine, tmp_path):
    from corpus.ingest import ingest_paths
    from corpus.review_queue import load_item

    paper = tmp_path / "series.txt"
    paper.write_text(
        "A case series of 20 patients\n\nResults\n"
        "Twenty patients were treated. Major complications occurred in 3 of 20 patients (15%).\n"
    )
    ingest_paths(engine, [paper])
    paper.unlink()  # the review screen must not depend on the source file any more
    with Session(engine) as s:
        texts = s.exec(select(DocumentPage.text)).all()
        record_id = s.exec(select(OutcomeRecord.id)).first()
    assert len(texts) == 1 and "3 of 20 patients" in texts[0]
    item = load_item(engine, record_id)
    assert item.context is not None and "3 of 20" in item.context.quote
