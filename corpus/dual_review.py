"""Dual review: list records where reviewers disagree, and settle them (audited).

Decisions themselves are written by :mod:`corpus.curation`; with two or more reviewers a record
only changes when their decisions agree. This module shows the disagreements side by side and
lets an adjudicator resolve one: accept, reject, edit, or adopt one reviewer's decision.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import object_session
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
    RESET_ACTIONS,
    RESOLVE_ACTION,
    Decision,
    open_decisions,
    record_events,
)
from corpus.errors import InvalidEdit
from corpus.merge import Merge, merge_decisions
from corpus.models import Document, OutcomeRecord, ReviewEvent
from corpus.provenance import FieldProvenance, decision_provenance, record_provenance
from corpus.record_versions import lock_record, snapshot, transaction, write_values
from corpus.review_plan import needs_two
from corpus.validation import check_record

#: Plain decisions :func:`resolve` understands; anything else names a reviewer to side with.
RESOLUTIONS = ("accept", "reject", "edit")


@dataclass(frozen=True)
class Conflict:
    """A record whose reviewers' open decisions do not merge.

    ``base`` is the record every reviewer decided from (as extracted or last settled: waiting
    decisions never change it), ``merge`` the field-by-field merge of their decisions onto
    it and ``provenance`` where each field of the base came from (:mod:`corpus.provenance`).
    """

    record_id: int
    document: str
    status: str
    version: int
    values: dict[str, Any]
    decisions: tuple[Decision, ...]
    base: dict[str, Any] = field(default_factory=dict)
    merge: Merge | None = None
    provenance: dict[str, FieldProvenance] = field(default_factory=dict)

    def differing_fields(self) -> tuple[str, ...]:
        """Fields the reviewers who keep the record changed to different values."""
        return self.merge.conflicts if self.merge is not None else ()

    def changed_fields(self) -> tuple[str, ...]:
        """Fields any reviewer who keeps the record changed from the base."""
        kept = [d.values for d in self.decisions if not d.rejects]
        return tuple(n for n in self.values if any(v.get(n) != self.base.get(n) for v in kept))

    def decision_provenance(self, decision: Decision) -> dict[str, FieldProvenance]:
        """Where each field would come from if ``decision`` applied: a field it changes is
        entered by its reviewer, the others keep the base's provenance."""
        return decision_provenance(self.provenance, self.base, decision)


def conflicts(engine: Engine) -> list[Conflict]:
    """Return every record whose open decisions (since its last reset) do not merge, by id."""
    actions = (*DECISION_ACTIONS, *RESET_ACTIONS)
    query = select(ReviewEvent).where(ReviewEvent.action.in_(actions)).order_by(ReviewEvent.id)
    with reading(engine) as session:
        by_record: dict[int, list[ReviewEvent]] = defaultdict(list)
        for event in session.exec(query).all():
            by_record[event.record_id].append(event)
        found = []
        for record_id in sorted(by_record):
            decisions = tuple(open_decisions(by_record[record_id]).values())
            if len(decisions) < 2 or not needs_two(session, record_id):
                continue
            conflict = _conflict(session, record_id, decisions, by_record[record_id])
            if not conflict.merge.agreed:
                found.append(conflict)
        return found


def _conflict(
    session: Session, record_id: int, decisions: tuple[Decision, ...], events: list[ReviewEvent]
) -> Conflict:
    rec, name = session.exec(
        select(OutcomeRecord, Document.file_name)
        .join(Document, Document.id == OutcomeRecord.document_id)
        .where(OutcomeRecord.id == record_id)
    ).one()
    values = snapshot(rec)
    base = dict(values)
    status, version = values.pop("status"), values.pop("version")
    merge = merge_decisions(base, decisions)
    provenance = record_provenance(rec.model_dump())
    return Conflict(record_id, name, status, version, values, decisions, base, merge, provenance)


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
        write_values(rec, values, status, by=default_reviewer(reviewer))
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
    """Return (action, values, note) for a resolution, starting from the reviewers' merge.

    Fields only one reviewer changed keep that change; a field they changed differently takes
    the value given in ``changes``, or the value of the reviewer sided with.
    """
    events = record_events(session, rec.id)
    open_ = open_decisions(events)
    merge = merge_decisions(snapshot(rec), open_.values())
    if decision in RESOLUTIONS:
        if decision == "reject" and not (note or "").strip():
            raise InvalidEdit("a rejection needs a reason (--reason)")
        if decision == "edit" and not changes:
            raise InvalidEdit(f"record {rec.id}: nothing to change (give at least one field)")
        if decision == "reject":
            return "reject", proposed_values(rec, "reject", {}, start=merge.values), note
        covered = set(changes)
        if {"events", "total"} & covered and merge.values["measure"] == "proportion":
            covered.add("value")  # follows events / total (see proposed_values)
        open_fields = [f for f in merge.conflicts if f not in covered]
        if open_fields:
            raise InvalidEdit(
                f"record {rec.id}: reviewers disagree on {', '.join(open_fields)}; give a value "
                "for each, or side with a reviewer (--decision NAME)"
            )
        action = "edit" if changes or merge.changed else decision
        return action, _start(rec, merge.values, changes), note
    if changes:
        raise InvalidEdit("field changes go with --decision accept or edit, not a reviewer name")
    chosen = open_.get(decision)
    if chosen is None:
        names = ", ".join(sorted(open_)) or "none"
        raise InvalidEdit(
            f"record {rec.id}: {decision!r} is neither accept, reject, edit nor a reviewer "
            f"with an open decision (open: {names})"
        )
    if chosen.rejects:
        return "reject", dict(merge.values), note or f"sided with {decision}"
    values = {**merge.values, **{f: chosen.values[f] for f in merge.conflicts}}
    check_record(values, known_outcomes(session))
    return "edit" if values != merge.base else "accept", values, note or f"sided with {decision}"


def _start(rec: OutcomeRecord, merged: dict[str, Any], changes: dict) -> dict[str, Any]:
    """The merged values with the adjudicator's changes, validated."""
    if not changes:
        values = dict(merged)
        check_record(values, known_outcomes(object_session(rec)))
        return values
    return proposed_values(rec, "edit", changes, start=merged)
