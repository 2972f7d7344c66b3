"""Reviewer decisions read back from the audit trail, and when two of them agree.

A decision is a ``ReviewEvent`` whose action is ``accept``, ``edit`` or ``reject``. Its
``after`` holds the values the reviewer wants the record to have, so two decisions agree when
both reject, or both keep the record with the same values; an ``accept`` of values someone
else already edited therefore agrees with that edit. A ``resolve`` event settles a record, so
does the ``merge`` of agreeing decisions, and an ``unreview`` returns it to ``extracted``:
decisions before any of them no longer count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from corpus.models import ReviewEvent
from corpus.vocabulary import EDITABLE_FIELDS

#: Actions that are a reviewer's decision on a record.
DECISION_ACTIONS = ("accept", "edit", "reject")

#: The adjudicator's action that settles a record.
RESOLVE_ACTION = "resolve"

#: Returns a record to ``extracted``; like a resolve, it closes every open decision.
UNREVIEW_ACTION = "unreview"

#: Written when agreeing decisions of two reviewers are merged into the record; it settles
#: the record like a resolve, so a later decision starts from the merged record.
MERGE_ACTION = "merge"

#: Actions after which earlier decisions on a record no longer count.
RESET_ACTIONS = (RESOLVE_ACTION, UNREVIEW_ACTION, MERGE_ACTION)

#: Written when a disagreement puts a record one reviewer had settled back as it was.
CONFLICT_ACTION = "conflict"


@dataclass(frozen=True)
class Decision:
    """One reviewer's latest decision on one record."""

    reviewer: str
    action: str
    values: dict[str, Any]
    at: datetime
    note: str | None = None
    event_id: int | None = None

    @property
    def rejects(self) -> bool:
        """Whether the reviewer wants the record rejected."""
        return self.action == "reject"

    def agrees_with(self, other: Decision) -> bool:
        """Both reject, or both keep the record with the same values."""
        if self.rejects or other.rejects:
            return self.rejects and other.rejects
        return self.values == other.values

    @classmethod
    def from_event(cls, event: ReviewEvent) -> Decision:
        """Read a decision back from its audit event."""
        after = event.after or {}
        values = {name: after.get(name) for name in EDITABLE_FIELDS}
        return cls(event.reviewer, event.action, values, event.at, event.note, event.id)


def open_decisions(events: list[ReviewEvent]) -> dict[str, Decision]:
    """Return the latest decision per reviewer since the last reset, from one record's events.

    A reset is a ``resolve`` or an ``unreview``. ``events`` must be in the order they were
    written.
    """
    latest: dict[str, Decision] = {}
    for event in events:
        if event.action in RESET_ACTIONS:
            latest.clear()
        elif event.action in DECISION_ACTIONS:
            latest[event.reviewer] = Decision.from_event(event)
    return latest


def unsettled_state(events: list[ReviewEvent]) -> dict[str, Any] | None:
    """Return the record as it was before the first decision applied since the last resolve.

    ``None`` when no open decision changed the record (nothing to put back).
    """
    first: ReviewEvent | None = None
    for event in events:
        if event.action in RESET_ACTIONS:
            first = None
        elif event.action in DECISION_ACTIONS and (event.after or {}).get("applied"):
            first = first or event
    return dict(first.before) if first is not None and first.before else None


def decision_base(events: list[ReviewEvent], current: dict[str, Any]) -> dict[str, Any]:
    """The record every reviewer decides from: as extracted, or as last resolved.

    ``current`` is the record's snapshot now; it is the base unless an open decision changed
    the record (a reviewer who worked alone before a second one joined).
    """
    return unsettled_state(events) or current


def record_events(session: Session, record_id: int) -> list[ReviewEvent]:
    """Return every audit event of one record, oldest first."""
    query = select(ReviewEvent).where(ReviewEvent.record_id == record_id).order_by(ReviewEvent.id)
    return list(session.exec(query).all())


def decided_record_ids(session: Session, reviewer: str | None) -> set[int]:
    """Return the records this reviewer (``None``: anyone) decided, or an adjudicator settled.

    A decision made before the record's last ``unreview`` no longer counts.
    """
    actions = (*DECISION_ACTIONS, RESOLVE_ACTION, UNREVIEW_ACTION, "add")
    query = select(ReviewEvent.record_id, ReviewEvent.reviewer, ReviewEvent.action).where(
        ReviewEvent.action.in_(actions)
    )
    decided: set[int] = set()
    for record_id, name, action in session.exec(query.order_by(ReviewEvent.id)).all():
        if action == UNREVIEW_ACTION:
            decided.discard(record_id)
        elif action in (RESOLVE_ACTION, "add") or reviewer is None or name == reviewer:
            decided.add(record_id)
    return decided
