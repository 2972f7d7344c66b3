"""A record's audit trail: every event, oldest first, with who, when and what changed.

Each decision keeps how many reviewers the record needed when it was made; where that number
differs from the previous decision's (the protocol went from one reviewer to two, or back, or
the record entered the double-review sample), the history shows a ``protocol`` entry before
the decision, so a record settled under single review and decided again under dual review
says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine

from corpus.db import reading
from corpus.decisions import (
    APPLIED_KEY,
    DECISION_ACTIONS,
    REVIEWERS_KEY,
    decision_reviewers,
    record_events,
)
from corpus.errors import NotFound
from corpus.models import OutcomeRecord, ReviewEvent
from corpus.provenance import FieldProvenance
from corpus.provenance_trail import provenance_trail

#: Action of the entry that marks a change in how many reviewers the record needs.
PROTOCOL_ENTRY = "protocol"

#: Who signs the entries casemeta writes itself (the extraction, a protocol change).
_CASEMETA = "casemeta"

#: Keys of an event's before/after that are bookkeeping, not record fields.
_BOOKKEEPING = (APPLIED_KEY, "decision", REVIEWERS_KEY)


@dataclass(frozen=True)
class Change:
    """One field's value before and after an event."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    """One event in a record's life; the first is its extraction (or manual addition).

    ``event_id`` is the audit event's id (``None`` for the extraction and for a ``protocol``
    entry, which have none); ``reviewers`` is how many reviewers the record needed when a
    decision was made (``None``: not a decision, or not recorded); ``provenance`` says where
    each changed field's new value came from (for the extraction, every field's), as
    :mod:`corpus.provenance_trail` replays it.
    """

    at: datetime
    reviewer: str
    action: str
    changes: tuple[Change, ...]
    note: str | None
    applied: bool = True
    event_id: int | None = None
    reviewers: int | None = None
    provenance: dict[str, FieldProvenance] = field(default_factory=dict)


def record_history(
    engine: Engine, record_id: int, hidden: frozenset[int] | set[int] = frozenset()
) -> list[HistoryEntry]:
    """Return every event on a record, oldest first.

    A record that came from extraction starts with an ``extracted`` entry naming its rule.
    An event that did not change the record (a decision waiting for a second reviewer, or one
    in conflict) has ``applied`` false and lists the changes the reviewer asked for. Events
    whose id is in ``hidden`` are left out (blinding, :func:`corpus.blinding.visible_history`)
    before ``protocol`` entries are placed, so those never hint at a hidden decision.

    Raises
    ------
    NotFound
        No such record.
    """
    with reading(engine) as session:
        rec = session.get(OutcomeRecord, record_id)
        if rec is None:
            raise NotFound(f"record {record_id} does not exist")
        events = record_events(session, record_id)
        trail = provenance_trail(rec, events)
        entries = [_entry(event, trail[event.id]) for event in events if event.id not in hidden]
        if not any(event.action == "add" for event in events):
            origin = HistoryEntry(
                rec.created_at, _CASEMETA, "extracted", (), f"rule {rec.rule or 'unknown'}",
                provenance=trail[None],
            )
            entries.insert(0, origin)
        return with_protocol_changes(entries)


def with_protocol_changes(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """``entries`` with a ``protocol`` entry before each decision made under another number
    of reviewers than the decision before it."""
    out, previous = [], None
    for entry in entries:
        if entry.reviewers is not None:
            if previous is not None and entry.reviewers != previous:
                out.append(_protocol_entry(entry, previous))
            previous = entry.reviewers
        out.append(entry)
    return out


def _protocol_entry(decision: HistoryEntry, previous: int) -> HistoryEntry:
    def said(n: int) -> str:
        return "one reviewer" if n == 1 else "two reviewers"

    note = (f"the protocol asks for {said(decision.reviewers)} of this record (its earlier "
            f"decisions: {said(previous)}); what was settled stays settled")  # fmt: skip
    change = Change(REVIEWERS_KEY, previous, decision.reviewers)
    return HistoryEntry(decision.at, _CASEMETA, PROTOCOL_ENTRY, (change,), note)


def _entry(event: ReviewEvent, provenance: dict[str, FieldProvenance]) -> HistoryEntry:
    after = event.after or {}
    changes = changes_between(event.before or {}, after)
    if event.action != "add":  # an addition enters every field; others, what they change
        provenance = {c.field: provenance[c.field] for c in changes if c.field in provenance}
    return HistoryEntry(
        at=event.at,
        reviewer=event.reviewer,
        action=event.action,
        changes=changes,
        note=event.note,
        applied=bool(after.get(APPLIED_KEY, True)),
        event_id=event.id,
        reviewers=decision_reviewers(event) if event.action in DECISION_ACTIONS else None,
        provenance=provenance,
    )


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
    """Return the fields whose value differs between two snapshots, in ``after``'s order."""
    names = [n for n in after if n not in _BOOKKEEPING and n != "version"]
    return tuple(
        Change(name, before.get(name), after[name])
        for name in names
        if before.get(name) != after[name]
    )
