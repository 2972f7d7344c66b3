"""Page texts: a schema step adds them to old databases; ingest stores them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlmodel import Session, select

from corpus import models, schema
from corpus.db import open_engine
from corpus.models import DocumentPage
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
