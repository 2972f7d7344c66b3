"""SQLModel tables: documents, studies, outcome records, patient rows and the audit trail.

Field names of :class:`OutcomeRecord` are those of ``spec/records.md`` so that export is a plain
projection. Timestamps are timezone-aware UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

#: Record statuses of ``spec/records.md``; ``extracted`` is the only one ingest may replace.
RECORD_STATUSES = ("extracted", "accepted", "edited", "rejected")

#: Study-selection decisions on a document.
INCLUSION_ACTIONS = ("include", "exclude")

#: Document ingest statuses.
INGEST_STATUSES = ("ok", "failed")


def utcnow() -> datetime:
    """Return the current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class Document(SQLModel, table=True):
    """One ingested source file, also when its ingest failed."""

    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(index=True)
    path: str
    sha256: str | None = Field(default=None, index=True, unique=True)
    media_type: str | None = None
    page_count: int | None = None
    status: str = Field(default="ok", index=True)
    error: str | None = None
    document_type: str | None = None
    ingested_at: datetime = Field(default_factory=utcnow)


class Study(SQLModel, table=True):
    """The cohort a document reports (at most one per document)."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", unique=True, index=True)
    title: str | None = Field(default=None, sa_column=Column(Text))
    first_author: str | None = None
    year: int | None = None
    doi: str | None = None
    design: str | None = None
    n_patients: int | None = None
    n_procedures: int | None = None
    median_follow_up_months: float | None = None
    mean_follow_up_months: float | None = None
    flags: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON))


class OutcomeRecord(SQLModel, table=True):
    """One reported number about one group of patients (``spec/records.md``).

    ``origin_key`` identifies what extraction originally produced, so a forced re-ingest can
    recognise records a reviewer already handled even after they were edited. ``context`` is
    what a quote needs to be read (a table's caption and column header); ``provenance`` says
    per field how it was come by (:mod:`corpus.provenance`; ``None`` in records stored before
    extraction recorded it).
    """

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    outcome: str = Field(index=True)
    measure: str
    group: str = "all"
    events: int | None = None
    total: int | None = None
    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float = 0.95
    range_low: float | None = None
    range_high: float | None = None
    timepoint_months: float | None = None
    comparison: str | None = None
    adjusted: bool | None = None
    p_value: float | None = None
    page: int | None = None
    quote: str = Field(default="", sa_column=Column(Text))
    context: str | None = Field(default=None, sa_column=Column(Text))
    provenance: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    status: str = Field(default="extracted", index=True)
    rule: str = ""
    origin_key: str = Field(default="", index=True)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class PatientRow(SQLModel, table=True):
    """One row of a per-case table: individual patient data."""

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    case_label: str
    page: int | None = None
    columns: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))


class ReviewEvent(SQLModel, table=True):
    """The audit trail: who did what to which record, when, with before and after values."""

    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="outcomerecord.id", index=True)
    reviewer: str
    action: str
    at: datetime = Field(default_factory=utcnow)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    note: str | None = None


class InclusionEvent(SQLModel, table=True):
    """A study-selection decision on a document: ``include`` or ``exclude`` with a reason.

    The latest event of a document is its decision; earlier ones stay as its history. A
    document without any event is included when it holds a study. ``reviewers`` is how many
    reviewers the protocol asked for when the decision was made (``None``: written before
    schema 6 recorded it); a decision made under one reviewer settles the document even if
    the protocol later asks for two (:func:`corpus.selection_review.selection_state`).
    """

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    reviewer: str
    action: str
    reason: str | None = Field(default=None, sa_column=Column(Text))
    at: datetime = Field(default_factory=utcnow)
    reviewers: int | None = None


class DocumentRemoval(SQLModel, table=True):
    """The audit of a document deleted from the database (a failed or unwanted ingest).

    It keeps what identified the document, since the document itself is gone; ``records``
    is how many (never reviewed) records went with it.
    """

    id: int | None = Field(default=None, primary_key=True)
    file_name: str
    path: str
    sha256: str | None = None
    status: str
    error: str | None = Field(default=None, sa_column=Column(Text))
    records: int = 0
    reviewer: str
    note: str | None = Field(default=None, sa_column=Column(Text))
    at: datetime = Field(default_factory=utcnow)


class DocumentPage(SQLModel, table=True):
    """The text of one page of a document, shown to reviewers around a record's quote.

    ``number`` is the 1-based page of a PDF, ``None`` for a plain-text source (one "page").
    """

    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    number: int | None = None
    text: str = Field(default="", sa_column=Column(Text))


class ProtocolEvent(SQLModel, table=True):
    """A change of the review settings of the protocol (``review.toml``), as its own event.

    ``at`` is when the protocol file was last modified before casemeta noticed the change
    (never later than ``recorded_at``), ``recorded_at`` when a write that depends on the
    protocol (a decision on a record or a study, or ``casemeta init``) recorded it, and
    ``reviewer`` whose write that was. ``kind`` is ``init``, ``changed``, or ``baseline``: the
    settings in force when the database was upgraded to record protocol events (schema 7),
    since when they took effect before is not known.
    """

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    reviewers: int
    double_review_fraction: float = 1.0
    at: datetime = Field(default_factory=utcnow)
    recorded_at: datetime = Field(default_factory=utcnow)
    reviewer: str = ""
    path: str | None = Field(default=None, sa_column=Column(Text))


class SchemaVersion(SQLModel, table=True):
    """Which named migration steps have been applied to this database."""

    __table_args__ = (UniqueConstraint("version"),)

    id: int | None = Field(default=None, primary_key=True)
    version: int
    name: str
    applied_at: datetime = Field(default_factory=utcnow)
