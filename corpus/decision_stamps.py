"""How many reviewers an old decision was made under, read from the trail around it.

Since schema 8 every decision event says how many reviewers its record needed when it was made
(:data:`corpus.decisions.REVIEWERS_KEY`): 1 is a lone decision that applied at once, 2 one of
a dual review (waiting for a second reviewer, in conflict, or merged with the other). Events
written before that was recorded get it on upgrade, inferred from what the trail does show,
and marked :data:`INFERRED_KEY` so that the history says it was inferred:

- a decision that did not apply (``applied`` false) waited for a second reviewer: 2;
- one that applied and is followed by a ``merge``, or that applied while another reviewer's
  decision was waiting (the second of an agreeing pair before merges were written): 2;
- any other that applied, and any written before ``applied`` was recorded: 1, a lone decision.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from corpus.decisions import (
    APPLIED_KEY,
    DECISION_ACTIONS,
    MERGE_ACTION,
    RESET_ACTIONS,
    REVIEWERS_KEY,
)
from corpus.models import ReviewEvent

#: Key of a decision event's ``after``: true when :data:`REVIEWERS_KEY` was inferred on upgrade.
INFERRED_KEY = "reviewers_inferred"


def inferred_reviewers(events: list[tuple[int, str, str, dict[str, Any] | None]]
                       ) -> dict[int, int]:
    """The inferred number of reviewers of each decision that records none.

    Parameters
    ----------
    events : list of tuple
        (id, reviewer, action, after) of one record's events, oldest first.

    Returns
    -------
    dict
        Event id to 1 or 2, for the decision events without :data:`REVIEWERS_KEY`.
    """
    out: dict[int, int] = {}
    waiting: set[str] = set()  # reviewers whose decision waits since the last settlement
    for index, (event_id, reviewer, action, after) in enumerate(events):
        after = after or {}
        if action in RESET_ACTIONS:
            waiting.clear()
            continue
        if action not in DECISION_ACTIONS:
            continue
        applied = bool(after.get(APPLIED_KEY, True))
        later = events[index + 1][2] if index + 1 < len(events) else None
        paired = not applied or later == MERGE_ACTION or bool(waiting - {reviewer})
        if REVIEWERS_KEY not in after:
            out[event_id] = 2 if paired else 1
        if applied:
            waiting.clear()
        else:
            waiting.add(reviewer)
    return out


def stamp_decision_reviewers(conn: Connection) -> None:
    """Schema step 8: give every decision event without :data:`REVIEWERS_KEY` the inferred
    number, marked :data:`INFERRED_KEY` (nothing else of the event changes)."""
    table = ReviewEvent.__table__
    rows = conn.execute(select(table.c.id, table.c.record_id, table.c.reviewer, table.c.action,
                               table.c.after).order_by(table.c.id)).all()  # fmt: skip
    by_record: dict[int, list] = defaultdict(list)
    afters = {}
    for event_id, record_id, reviewer, action, after in rows:
        by_record[record_id].append((event_id, reviewer, action, after))
        afters[event_id] = after or {}
    for events in by_record.values():
        for event_id, reviewers in inferred_reviewers(events).items():
            after = {**afters[event_id], REVIEWERS_KEY: reviewers, INFERRED_KEY: True}
            conn.execute(table.update().where(table.c.id == event_id).values(after=after))
