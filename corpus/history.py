"""A record's audit trail: every event, oldest first, with who, when and what changed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine

from corpus.db import reading
from corpus.decisions import record_events
from corpus.errors import NotFound
from corpus.models import OutcomeRecord, ReviewEvent

#: Keys of an event's before/after that are bookkeeping, not record fields.
_BOOKKEEPING = ("applied", "decision")


@dataclass(frozen=True)
class Change:
    """One field's value before and after an event."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    """One event in a record's life; the first is its extraction (or manual addition).

    ``event_id`` is the audit event's id (``None`` for the extraction, which has none).
    """

    at: datetime
    reviewer: str
    action: str
    changes: tuple[Change, ...]
    note: str | None
    applied: bool = True
    event_id: int | None = None


def record_history(engine: Engine, record_id: int) -> list[HistoryEntry]:
    """Return every event on a record, oldest first.

    A record that came from extraction starts with an ``extracted`` entry naming its rule.
    An event that did not change the record (a decision waiting for a second reviewer, or one
    in conflict) has ``applied`` false and lists the changes the reviewer asked for.

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
        entries = [_entry(event) for event in events]
        if not any(event.action == "add" for event in events):
            origin = HistoryEntry(
                rec.created_at, "casemeta", "extracted", (), f"rule {rec.rule or 'unknown'}"
            )
            entries.insert(0, origin)
        return entries


def _entry(event: ReviewEvent) -> HistoryEntry:
    after = event.after or {}
    return HistoryEntry(
        at=event.at,
        reviewer=event.reviewer,
        action=event.action,
        changes=changes_between(event.before or {}, after),
        note=event.note,
        applied=bool(after.get("applied", True)),
        event_id=event.id,
    )


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
    """Return the fields whose value differs between two snapshots, in ``after``'s order."""
    names = [n for n in after if n not in _BOOKKEEPING and n != "version"]
    return tuple(
        Change(name, before.get(name), after[name])
        for name in names
        if before.get(name) != after[name]
    )
