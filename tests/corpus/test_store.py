"""Storing extractions: one transaction per document, reviewer work never replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from corpus.models import Document, OutcomeRecord, PatientRow, Study
from corpus.store import store_extraction, store_failure
from extract.model import (
    ConsistencyFlag,
    ExtractedDocument,
    ExtractedRecord,
    PatientRowData,
    StudyInfo,
)

R0 = ExtractedRecord(
    "r0_resection", "proportion", events=14, total=18, value=0.78, quote="R0 14 (78)"
)
MORT = ExtractedRecord("mortality", "proportion", events=0, total=18, value=0.0, timepoint_months=0)


def doc(*records, rows=(), flags=()) -> ExtractedDocument:
    return ExtractedDocument(
        media_type="text/plain",
        page_count=1,
        study=StudyInfo(title="A series", first_author="Smith", year=2020, n_patients=18),
        records=records,
        patient_rows=rows,
        flags=flags,
    )


def all_records(engine):
    with Session(engine) as s:
        return s.exec(select(OutcomeRecord).order_by(OutcomeRecord.id)).all()


def test_store_writes_document_study_records_and_rows(engine):
    flag = ConsistencyFlag("percent_mismatch", "70% is not 26/33", "26/33 (70%)", 2)
    rows = (PatientRowData("1", {"margin": "R0"}, 3),)
    assert store_extraction(
        engine, Path("a.txt"), "abc", doc(R0, MORT, rows=rows, flags=(flag,))
    ) == (1, 2)
    with Session(engine) as s:
        d = s.exec(select(Document)).one()
        study = s.exec(select(Study)).one()
        row = s.exec(select(PatientRow)).one()
    assert (d.file_name, d.status, d.sha256) == ("a.txt", "ok", "abc")
    assert study.first_author == "Smith" and study.flags[0]["kind"] == "percent_mismatch"
    assert row.columns == {"margin": "R0"}
    assert [r.outcome for r in all_records(engine)] == ["r0_resection", "mortality"]


def test_force_reextract_keeps_reviewed_records(engine):
    store_extraction(engine, Path("a.txt"), "abc", doc(R0, MORT))
    with Session(engine) as s, s.begin():
        rec = s.exec(select(OutcomeRecord).where(OutcomeRecord.outcome == "r0_resection")).one()
        rec.status, rec.events = "edited", 15
    # the same extraction again: the edited record is kept, not duplicated; MORT is replaced
    store_extraction(engine, Path("a.txt"), "abc", doc(R0, MORT))
    got = [(r.outcome, r.status, r.events) for r in all_records(engine)]
    assert sorted(got) == [("mortality", "extracted", 0), ("r0_resection", "edited", 15)]


def test_not_a_study_stores_no_study(engine):
    extracted = ExtractedDocument(media_type="text/html", page_count=1, document_type="not_a_study")
    assert store_extraction(engine, Path("blog.html"), "d1", extracted) == (0, 0)
    with Session(engine) as s:
        assert s.exec(select(Study)).all() == []
        assert s.exec(select(Document)).one().document_type == "not_a_study"


def test_failure_never_overwrites_a_good_document(engine):
    store_extraction(engine, Path("a.txt"), "abc", doc(R0))
    store_failure(engine, Path("a.txt"), "abc", "a.txt: boom")
    with Session(engine) as s:
        d = s.exec(select(Document)).one()
    assert d.status == "ok" and d.error is None
    assert len(all_records(engine)) == 1


def test_failed_then_fixed_document_is_replaced(engine):
    store_failure(engine, Path("b.pdf"), None, "b.pdf: cannot be read (Permission denied)")
    store_extraction(engine, Path("b.pdf"), "fff", doc(R0))
    with Session(engine) as s:
        docs = s.exec(select(Document)).all()
    assert [(d.status, d.error) for d in docs] == [("ok", None)]


def test_a_failing_write_leaves_nothing_behind(engine, monkeypatch):
    import corpus.store as store

    def explode(*_a, **_k):
        from sqlalchemy.exc import OperationalError

        raise OperationalError("insert", {}, Exception("disk full"))

    monkeypatch.setattr(store, "_replace_patient_rows", explode)
    from corpus.errors import DatabaseError

    with pytest.raises(DatabaseError, match=r"^a.txt: could not be stored \(disk full\)$"):
        store_extraction(engine, Path("a.txt"), "abc", doc(R0))
    with Session(engine) as s:
        assert s.exec(select(Document)).all() == []
    assert all_records(engine) == []
