"""Dual review: list records where reviewers disagree, and settle them (audited).

Decisions themselves are written by :mod:`corpus.curation`; with two or more reviewers a record
only changes when their decisions agree. This module shows the disagreements side by side and
lets an adjudicator resolve one: accept, reject, edit, or adopt one reviewer's decision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from corpus.curation import (
    DecisionResult,
    default_reviewer,
    known_outcomes,
    proposed_values,
    status_after,
)
from corpus.db import reading
from corpus.decisions import (
    DECISION_ACTIONS,
    RESOLVE_ACTION,
    Decision,
    open_decisions,
    record_events,
)
from corpus.errors import InvalidEdit
from corpus.models import Document, OutcomeRecord, ReviewEvent
from corpus.record_versions import lock_record, snapshot, transaction, write_values
from corpus.validation import check_record

#: Plain decisions :func:`resolve` understands; anything else names a reviewer to side with.
RESOLUTIONS = ("accept", "reject", "edit")


@dataclass(frozen=True)
class Conflict:
    """A record whose reviewers' open decisions disagree."""

    record_id: int
    document: str
    status: str
    version: int
    values: dict[str, Any]
    decisions: tuple[Decision, ...]

    def differing_fields(self) -> tuple[str, ...]:
        """Fields on which the reviewers who keep the record want different values."""
        kept = [d.values for d in self.decisions if not d.rejects]
        names = [n for n in self.values if len({repr(v.get(n)) for v in kept}) > 1]
        return tuple(names)


def conflicts(engine: Engine) -> list[Conflict]:
    """Return every record whose open decisions (since its last resolve) disagree, by id."""
    actions = (*DECISION_ACTIONS, RESOLVE_ACTION)
    query = select(ReviewEvent).where(ReviewEvent.action.in_(actions)).order_by(ReviewEvent.id)
    with reading(engine) as session:
        by_record: dict[int, list[ReviewEvent]] = defaultdict(list)
        for event in session.exec(query).all():
            by_record[event.record_id].append(event)
        found = []
        for record_id in sorted(by_record):
            decisions = tuple(open_decisions(by_record[record_id]).values())
            if _disagree(decisions):
                found.append(_conflict(session, record_id, decisions))
        return found


def _disagree(decisions: tuple[Decision, ...]) -> bool:
    return any(not a.agrees_with(b) for a in decisions for b in decisions)


def _conflict(session: Session, record_id: int, decisions: tuple[Decision, ...]) -> Conflict:
    rec, name = session.exec(
        select(OutcomeRecord, Document.file_name)
        .join(Document, Document.id == OutcomeRecord.document_id)
        .where(OutcomeRecord.id == record_id)
    ).one()
    values = snapshot(rec)
    status, version = values.pop("status"), values.pop("version")
    return Conflict(record_id, name, status, version, values, decisions)


def resolve(
    engine: Engine,
    record_id: int,
    decision: str,
    *,
    changes: Mapping[str, Any] | None = None,
    reviewer: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> DecisionResult:
    """Settle a record: its status and values are set at once and the open decisions close.

    Parameters
    ----------
    decision : str
        ``accept`` (with optional ``changes``, which make it an edit), ``edit`` (``changes``
        required), ``reject`` (``note`` required: the reason), or the name of a reviewer whose
        open decision is adopted.
    """
    with transaction(engine) as session:
        rec = lock_record(session, record_id, expected_version)
        action, values, note = _resolution(session, rec, decision, dict(changes or {}), note)
        status = status_after(action, rec, values)
        before = snapshot(rec)
        write_values(rec, values, status)
        after = {
            **values,
            "status": status,
            "version": rec.version,
            "applied": True,
            "decision": decision,
        }
        session.add(
            ReviewEvent(
                record_id=rec.id,
                reviewer=default_reviewer(reviewer),
                action=RESOLVE_ACTION,
                before=before,
                after=after,
                note=note,
            )
        )
        session.flush()
        return DecisionResult(rec.id, RESOLVE_ACTION, rec.status, rec.version)


def _resolution(
    session: Session, rec: OutcomeRecord, decision: str, changes: dict, note: str | None
) -> tuple[str, dict[str, Any], str | None]:
    """Return (action, values, note) for a resolution."""
    if decision in RESOLUTIONS:
        if decision == "reject" and not (note or "").strip():
            raise InvalidEdit("a rejection needs a reason (--reason)")
        action = "edit" if changes else decision
        if decision == "edit" and not changes:
            raise InvalidEdit(f"record {rec.id}: nothing to change (give at least one field)")
        return action, proposed_values(rec, action, changes), note
    if changes:
        raise InvalidEdit("field changes go with --decision accept or edit, not a reviewer name")
    open_ = open_decisions(record_events(session, rec.id))
    chosen = open_.get(decision)
    if chosen is None:
        names = ", ".join(sorted(open_)) or "none"
        raise InvalidEdit(
            f"record {rec.id}: {decision!r} is neither accept, reject, edit nor a reviewer "
            f"with an open decision (open: {names})"
        )
    check_record(chosen.values, known_outcomes(session))
    return chosen.action, dict(chosen.values), note or f"sided with {decision}"
