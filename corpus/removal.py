"""Remove a document nobody has decided on (a failed or unwanted ingest), audited.

Removing deletes the document with everything ingest wrote for it (pages, study, patient rows,
records) in one transaction, and writes a :class:`~corpus.models.DocumentRemoval` naming the
file, its content digest and who removed it, so the audit trail outlives the document. The
same file can then be ingested again. A document a reviewer has decided on (a decision on one
of its records, or an include/exclude) is refused: its history must stay, and ``exclude``
takes it out of the review instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from corpus.curation import default_reviewer, find_document
from corpus.db import reading
from corpus.errors import InvalidEdit
from corpus.models import (
    Document,
    DocumentPage,
    DocumentRemoval,
    InclusionEvent,
    OutcomeRecord,
    PatientRow,
    ReviewEvent,
    Study,
)
from corpus.record_versions import transaction


@dataclass(frozen=True)
class Removed:
    """What :func:`remove_document` deleted."""

    document: str
    status: str
    records: int
    pages: int
    reviewer: str


def remove_document(
    engine: Engine, name: str, *, reviewer: str | None = None, note: str | None = None
) -> Removed:
    """Delete the document named ``name`` and what ingest stored for it (audited).

    Raises
    ------
    NotFound
        No document of that name.
    InvalidEdit
        A reviewer has decided on the document or one of its records.
    """
    reviewer = default_reviewer(reviewer)
    with transaction(engine) as session:
        doc = find_document(session, name)
        _lock(session, doc)
        _refuse_decided(session, doc)
        records = _count(session, OutcomeRecord, OutcomeRecord.document_id == doc.id)
        pages = _count(session, DocumentPage, DocumentPage.document_id == doc.id)
        for table in (DocumentPage, PatientRow, OutcomeRecord, Study):
            session.exec(delete(table).where(table.document_id == doc.id))
        session.add(
            DocumentRemoval(
                file_name=doc.file_name, path=doc.path, sha256=doc.sha256, status=doc.status,
                error=doc.error, records=records, reviewer=reviewer, note=note,
            )
        )  # fmt: skip
        session.delete(doc)
        session.flush()
        return Removed(doc.file_name, doc.status, records, pages, reviewer)


def _lock(session: Session, doc: Document) -> None:
    """Lock the document's row, so a concurrent include/exclude waits or fails, never dangles."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(Document.id).where(Document.id == doc.id).with_for_update())


def _refuse_decided(session: Session, doc: Document) -> None:
    record_ids = select(OutcomeRecord.id).where(OutcomeRecord.document_id == doc.id)
    decided = _count(session, ReviewEvent, ReviewEvent.record_id.in_(record_ids))
    chosen = _count(session, InclusionEvent, InclusionEvent.document_id == doc.id)
    if decided or chosen:
        what = "its records" if decided else "its selection"
        raise InvalidEdit(
            f"{doc.file_name} has reviewer decisions on {what}; it cannot be removed "
            f"(exclude it instead: casemeta exclude {doc.file_name} --reason ...)"
        )


def _count(session: Session, table, condition) -> int:
    return session.exec(select(func.count()).select_from(table).where(condition)).one()


def removals(engine: Engine) -> list[DocumentRemoval]:
    """Every removal, oldest first (the audit trail of deleted documents)."""
    with reading(engine) as session:
        return list(session.exec(select(DocumentRemoval).order_by(DocumentRemoval.id)).all())
