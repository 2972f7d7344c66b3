"""Write one document's extraction (or its failure) to the database in one transaction."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, delete, select

from corpus.db import reading
from corpus.errors import DatabaseError, first_line
from corpus.models import (
    Document,
    DocumentPage,
    OutcomeRecord,
    PatientRow,
    ReviewEvent,
    Study,
    utcnow,
)
from extract.model import ExtractedDocument, ExtractedRecord

#: Fields that identify what extraction produced, before any reviewer touched it.
_ORIGIN_FIELDS = (
    "outcome",
    "measure",
    "group",
    "timepoint_months",
    "events",
    "total",
    "value",
    "quote",
)


def origin_key(record: ExtractedRecord) -> str:
    """Return a stable digest of an extracted record's identity (see ``OutcomeRecord``)."""
    data = record.to_dict()
    payload = json.dumps([data[f] for f in _ORIGIN_FIELDS], default=str)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def find_by_sha(engine: Engine, sha256: str) -> Document | None:
    """Return the document with this content digest, if any."""
    with reading(engine) as session:
        return session.exec(select(Document).where(Document.sha256 == sha256)).first()


def store_extraction(
    engine: Engine, path: Path, sha256: str, extracted: ExtractedDocument
) -> tuple[int, int]:
    """Store a successful extraction; return (studies, records) written.

    An existing document with the same digest is re-extracted in place: an untouched record
    the new extraction produces again keeps its id, other untouched records are replaced,
    every record a reviewer handled is kept, and new records that a kept record already stands
    for (same ``origin_key``) are not added again.
    """
    try:
        with Session(engine) as session, session.begin():
            doc = _upsert_document(session, path, sha256)
            doc.media_type = extracted.media_type
            doc.page_count = extracted.page_count
            doc.status, doc.error = "ok", None
            doc.document_type = extracted.document_type
            session.flush()
            n_studies = _replace_study(session, doc, extracted)
            n_records = _replace_records(session, doc, extracted.records)
            _replace_patient_rows(session, doc, extracted)
            _replace_pages(session, doc, extracted)
        return n_studies, n_records
    except SQLAlchemyError as exc:
        raise DatabaseError(f"{path.name}: could not be stored ({first_line(exc)})") from exc


def store_failure(engine: Engine, path: Path, sha256: str | None, message: str) -> None:
    """Record a failed ingest; a document that was already ingested fine is left untouched."""
    try:
        with Session(engine) as session, session.begin():
            doc = _find(session, path, sha256)
            if doc is not None and doc.status == "ok":
                return
            doc = doc or Document(file_name=path.name, path=str(path), sha256=sha256)
            doc.status, doc.error, doc.ingested_at = "failed", message, utcnow()
            session.add(doc)
    except SQLAlchemyError as exc:
        message = f"{path.name}: could not record the failure ({first_line(exc)})"
        raise DatabaseError(message) from exc


def _find(session: Session, path: Path, sha256: str | None) -> Document | None:
    if sha256 is not None:
        doc = session.exec(select(Document).where(Document.sha256 == sha256)).first()
        if doc is not None:
            return doc
    # an earlier failure of the same path (e.g. unreadable, so without a digest)
    return session.exec(
        select(Document).where(Document.path == str(path), Document.status == "failed")
    ).first()


def _upsert_document(session: Session, path: Path, sha256: str) -> Document:
    doc = _find(session, path, sha256)
    if doc is None:
        doc = Document(file_name=path.name, path=str(path), sha256=sha256)
    doc.file_name, doc.path, doc.sha256, doc.ingested_at = path.name, str(path), sha256, utcnow()
    session.add(doc)
    return doc


def _replace_study(session: Session, doc: Document, extracted: ExtractedDocument) -> int:
    study = session.exec(select(Study).where(Study.document_id == doc.id)).first()
    if extracted.document_type == "not_a_study":
        if study is not None:
            session.delete(study)
        return 0
    study = study or Study(document_id=doc.id)
    for name, value in extracted.study.to_dict().items():
        setattr(study, name, value)
    study.flags = [
        {"kind": f.kind, "message": f.message, "quote": f.quote, "page": f.page}
        for f in extracted.flags
    ]
    session.add(study)
    return 1


def _replace_records(session: Session, doc: Document, records: tuple[ExtractedRecord, ...]) -> int:
    """Bring a document's records in line with a new extraction; return how many it stands for.

    An untouched record (``extracted``, no review events) whose ``origin_key`` the new
    extraction produces again keeps its id, refreshed in place; other untouched records go.
    A reviewed record is always kept, and a new record it already stands for is not added.
    """
    new = {}
    for record in records:
        new.setdefault(origin_key(record), record)
    existing = session.exec(
        select(OutcomeRecord).where(OutcomeRecord.document_id == doc.id).order_by(OutcomeRecord.id)
    ).all()
    # an ``extracted`` record with review events awaits a second reviewer: it is not untouched
    reviewed = set(
        session.exec(
            select(ReviewEvent.record_id).where(ReviewEvent.record_id.in_([r.id for r in existing]))
        ).all()
    )
    kept: set[str] = set()
    written = 0
    for rec in existing:
        untouched = rec.status == "extracted" and rec.id not in reviewed
        if untouched and (rec.origin_key not in new or rec.origin_key in kept):
            session.delete(rec)
            continue
        kept.add(rec.origin_key)
        if untouched:
            _refresh(rec, new[rec.origin_key])
            written += 1
    for key, record in new.items():
        if key not in kept:
            session.add(OutcomeRecord(document_id=doc.id, origin_key=key, **record.to_dict()))
            written += 1
    return written


def _refresh(rec: OutcomeRecord, record: ExtractedRecord) -> None:
    """Give an untouched record the fields of its new extraction (a new version if any differ)."""
    # only the fields the stored record has (a newer extraction field waits for its column)
    values = {k: v for k, v in record.to_dict().items() if k in type(rec).model_fields}
    if any(getattr(rec, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(rec, name, value)
        rec.version, rec.updated_at = rec.version + 1, utcnow()


def _replace_patient_rows(session: Session, doc: Document, extracted: ExtractedDocument) -> None:
    session.execute(delete(PatientRow).where(PatientRow.document_id == doc.id))
    for row in extracted.patient_rows:
        session.add(
            PatientRow(
                document_id=doc.id, case_label=row.case_label, page=row.page, columns=row.columns
            )
        )


def _replace_pages(session: Session, doc: Document, extracted: ExtractedDocument) -> None:
    session.execute(delete(DocumentPage).where(DocumentPage.document_id == doc.id))
    for page in extracted.pages:
        session.add(DocumentPage(document_id=doc.id, number=page.number, text=page.text))

