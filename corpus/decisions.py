"""Reviewer decisions read back from the audit trail, and when two of them agree.

A decision is a ``ReviewEvent`` whose action is ``accept``, ``edit`` or ``reject``. Its
``after`` holds the values the reviewer wants the record to have, so two decisions agree when
both reject, or both keep the record with the same values; an ``accept`` of values someone
else already edited therefore agrees with that edit. A ``resolve`` event settles a record, so
does the ``merge`` of agreeing decisions, and an ``unreview`` returns it to ``extracted``:
decisions before any of them no longer count.

A decision that applied on its own (the record needed one reviewer when it was made) settles
the record too. So a record settled under single review stays settled when the protocol later
asks for two reviewers: a new decision on it starts from the record as settled and waits for
a second reviewer, like any decision under dual review (:func:`settles`). Each decision keeps
in its event how many reviewers the record needed then (:data:`REVIEWERS_KEY`), so the audit
trail shows when a record's review changed from one reviewer to two.
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

#: A record a reviewer added by hand (accepted at once).
ADD_ACTION = "add"

#: Actions after which earlier decisions on a record no longer count.
RESET_ACTIONS = (RESOLVE_ACTION, UNREVIEW_ACTION, MERGE_ACTION)

#: Key of a decision event's ``after``: how many reviewers the record needed when it was made
#: (1 or 2; absent in events written before it was recorded).
REVIEWERS_KEY = "reviewers"

#: Key of an event's ``after``: whether the decision changed the record (false: it waits).
APPLIED_KEY = "applied"


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


def settles(event: ReviewEvent) -> bool:
    """Whether earlier decisions on the record no longer count after ``event``.

    A reset (resolve, merge, unreview) settles a record, and so does a decision that applied:
    under single review at once, under dual review only as one of the decisions a merge
    (written next) settles. A decision event without ``applied`` predates dual review, so it
    applied.
    """
    if event.action in RESET_ACTIONS:
        return True
    return event.action in DECISION_ACTIONS and bool((event.after or {}).get(APPLIED_KEY, True))


def open_decisions(events: list[ReviewEvent]) -> dict[str, Decision]:
    """Return the latest waiting decision per reviewer since the record was last settled.

    ``events`` are one record's, in the order they were written (:func:`settles`).
    """
    latest: dict[str, Decision] = {}
    for event in events:
        if settles(event):
            latest.clear()
        elif event.action in DECISION_ACTIONS:
            latest[event.reviewer] = Decision.from_event(event)
    return latest


def last_settled(events: list[ReviewEvent]) -> int:
    """The id of the last event that settled the record (0: it never was)."""
    return max((event.id for event in events if settles(event)), default=0)


def decision_reviewers(event: ReviewEvent) -> int | None:
    """How many reviewers the record needed when this decision was made (``None``: unknown,
    an event written before that was recorded)."""
    value = (event.after or {}).get(REVIEWERS_KEY)
    return value if value in (1, 2) else None


def record_events(session: Session, record_id: int) -> list[ReviewEvent]:
    """Return every audit event of one record, oldest first."""
    query = select(ReviewEvent).where(ReviewEvent.record_id == record_id).order_by(ReviewEvent.id)
    return list(session.exec(query).all())


@dataclass(frozen=True)
class ReviewState:
    """Where a record's review stands: ``settled`` once a decision, merge, resolution or
    addition gave it its values (until an ``unreview``), and the reviewers' waiting decisions
    since."""

    settled: bool
    waiting: dict[str, Decision]

    def pending_for(self, reviewer: str) -> bool:
        """Whether ``reviewer`` still owes this record a decision: nobody settled it, or others
        decided it and it waits for them (a record under dual review)."""
        if reviewer in self.waiting:
            return False
        return not self.settled or bool(self.waiting)


def review_states(session: Session) -> dict[int, ReviewState]:
    """The :class:`ReviewState` of every record with an audit event, by id."""
    query = select(ReviewEvent).order_by(ReviewEvent.id)
    by_record: dict[int, list[ReviewEvent]] = {}
    for event in session.exec(query).all():
        by_record.setdefault(event.record_id, []).append(event)
    return {record_id: review_state(events) for record_id, events in by_record.items()}


def review_state(events: list[ReviewEvent]) -> ReviewState:
    """The :class:`ReviewState` of one record from its events, oldest first."""
    settled = False
    for event in events:
        if event.action == UNREVIEW_ACTION:
            settled = False
        elif settles(event) or event.action == ADD_ACTION:
            settled = True
    return ReviewState(settled, open_decisions(events))
