"""What dual review still waits for, as one reviewer may see it.

A record under dual review with one reviewer's decision waits for a second
(:func:`corpus.blinding.blinded_records`). To the reviewer who decided it, it *awaits the
other reviewer*, shown with their own decision; to every other reviewer they *owe a decision*,
shown as every reviewer decides it (the record as stored) and without who decided it or how:
the same blinding as ``records``. Records of a document excluded from the review are left out,
as they are of every queue. Study selection waits the same way (:func:`waiting_documents`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from corpus.blinding import Blinded, blinded_records
from corpus.db import reading
from corpus.decisions import Decision
from corpus.inclusion import excluded_documents
from corpus.models import Document, InclusionEvent, OutcomeRecord
from corpus.provenance import FieldProvenance, decision_provenance, record_provenance
from corpus.record_versions import snapshot
from corpus.review_plan import dual_review
from corpus.selection_review import document_events, selection_state

#: :attr:`WaitingRecord.state` of a record the reader still owes a decision.
OWED = "owed"

#: :attr:`WaitingRecord.state` of a record the reader decided, waiting for another reviewer.
AWAITING = "awaiting"


@dataclass(frozen=True)
class WaitingRecord:
    """A record waiting for its second reviewer, as ``reader`` may see it.

    ``values`` is the record as stored (a waiting decision never changes it) with ``status``
    and ``version``; ``mine`` is the reader's own waiting decision (``None``: they owe one);
    ``provenance`` that of the record as stored, by field.
    """

    record_id: int
    document: str
    values: dict[str, Any]
    mine: Decision | None
    provenance: dict[str, FieldProvenance]

    @property
    def state(self) -> str:
        """:data:`OWED` or :data:`AWAITING`."""
        return OWED if self.mine is None else AWAITING

    def changed_fields(self) -> tuple[str, ...]:
        """Fields the reader's decision changes (empty when they owe one, or reject)."""
        if self.mine is None or self.mine.rejects:
            return ()
        return tuple(n for n, v in self.mine.values.items() if v != self.values.get(n))

    def mine_provenance(self) -> dict[str, FieldProvenance]:
        """The provenance the reader's decision would give the fields it changes."""
        if self.mine is None:
            return {}
        return decision_provenance(self.provenance, self.values, self.mine)


@dataclass(frozen=True)
class WaitingDocument:
    """A document whose selection waits for its second reviewer; ``mine`` is the reader's own
    include/exclude (``None``: they owe one, and see nothing of the other's)."""

    document: str
    mine: InclusionEvent | None

    @property
    def state(self) -> str:
        """:data:`OWED` or :data:`AWAITING`."""
        return OWED if self.mine is None else AWAITING


def _require_reader(reader: str | None) -> str:
    if reader is None:
        raise Blinded(
            "whose turn a waiting record is depends on who reads; give --reviewer NAME (or set "
            "CASEMETA_REVIEWER)"
        )
    return reader


def waiting_documents(engine: Engine, reader: str | None) -> list[WaitingDocument]:
    """Every document whose selection waits for a second reviewer, as ``reader`` may see it,
    by file name.

    Raises
    ------
    Blinded
        ``reader`` is ``None``.
    """
    reader = _require_reader(reader)
    with reading(engine) as session:
        if not dual_review(session):
            return []
        names = dict(session.exec(select(Document.id, Document.file_name)).all())
        found = []
        for document_id, events in document_events(session).items():
            state = selection_state(events, True)
            if state.pending == "waiting":
                [event] = state.open.values()
                found.append(WaitingDocument(names[document_id],
                                             event if event.reviewer == reader else None))
    return sorted(found, key=lambda d: d.document)


def waiting_records(engine: Engine, reader: str | None) -> list[WaitingRecord]:
    """Every record waiting for a second reviewer, as ``reader`` may see it, by id.

    Raises
    ------
    Blinded
        ``reader`` is ``None``: without a name, nobody can tell whose turn it is.
    """
    reader = _require_reader(reader)
    excluded = excluded_documents(engine)
    with reading(engine) as session:
        blind = blinded_records(session)
        query = (
            select(OutcomeRecord, Document.file_name)
            .join(Document, Document.id == OutcomeRecord.document_id)
            .where(OutcomeRecord.id.in_(list(blind)))
            .order_by(OutcomeRecord.id)
        )
        found = []
        for rec, name in session.exec(query).all():
            if name in excluded:
                continue
            values = snapshot(rec)
            provenance = record_provenance(rec.model_dump())
            mine = blind[rec.id].decided.get(reader)
            found.append(WaitingRecord(rec.id, name, values, mine, provenance))
    return found
