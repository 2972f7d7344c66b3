"""Versioned writes of outcome records: one transaction, a row lock and a version check.

Every curation change locks its record with ``UPDATE … WHERE id = ? AND version = ?`` before
reading it, so two reviewers changing the same record cannot silently overwrite each other:
whoever comes second with an old version gets :class:`~corpus.errors.StaleRecord`. The no-op
update takes the row lock on PostgreSQL and the write lock on SQLite, so the read that follows
sees the latest committed state on both.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from corpus.errors import DatabaseError, NotFound, StaleRecord, first_line
from corpus.models import OutcomeRecord, utcnow
from corpus.vocabulary import EDITABLE_FIELDS


@contextlib.contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session in one transaction; database failures become :class:`DatabaseError`."""
    try:
        with Session(engine) as session, session.begin():
            yield session
    except SQLAlchemyError as exc:
        raise DatabaseError(f"curation could not be saved ({first_line(exc)})") from exc


def lock_record(session: Session, record_id: int, expected_version: int | None) -> OutcomeRecord:
    """Lock a record for this transaction, checking it is still at ``expected_version``.

    Raises
    ------
    NotFound
        No such record.
    StaleRecord
        The record's version is no longer ``expected_version``.
    """
    where = [OutcomeRecord.id == record_id]
    if expected_version is not None:
        where.append(OutcomeRecord.version == expected_version)
    # a no-op write takes the row lock (PostgreSQL) or the write lock (SQLite) before reading
    stmt = update(OutcomeRecord).where(*where).values(version=OutcomeRecord.version)
    locked = session.exec(stmt.execution_options(synchronize_session=False)).rowcount
    rec = session.get(OutcomeRecord, record_id, populate_existing=True)
    if rec is None:
        raise NotFound(f"record {record_id} does not exist")
    if not locked:
        raise StaleRecord(
            f"record {record_id} was changed by someone else since you read it "
            f"(version {expected_version}, now {rec.version}); reload it and try again"
        )
    return rec


def record_values(rec: OutcomeRecord) -> dict[str, Any]:
    """Return a record's editable fields."""
    return {name: getattr(rec, name) for name in EDITABLE_FIELDS}


def snapshot(rec: OutcomeRecord) -> dict[str, Any]:
    """Return what the audit trail keeps of a record: its fields, status and version."""
    return {**record_values(rec), "status": rec.status, "version": rec.version}


def write_values(
    rec: OutcomeRecord, values: Mapping[str, Any], status: str, by: str | Mapping[str, str] = ""
) -> None:
    """Give a locked record new values and status, and bump its version.

    Each field that changes becomes *entered* by ``by`` (a reviewer, or per field the
    reviewers of a merge) in the record's provenance
    (:func:`corpus.provenance.edited_provenance`); the others keep theirs.
    """
    from corpus.provenance import edited_provenance

    rec.provenance = edited_provenance(rec.provenance, record_values(rec), values, by)
    for name, value in values.items():
        setattr(rec, name, value)
    rec.status, rec.version, rec.updated_at = status, rec.version + 1, utcnow()
