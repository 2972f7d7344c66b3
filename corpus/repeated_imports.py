"""A spreadsheet imported twice: rows its first import applied are no-ops the second time.

A reviewer may import the same file again (after an interruption, or by mistake). A row whose
record the same reviewer already decided from the row's exported version, asking for what the
row asks, was applied: it is unchanged, not stale. A decision of theirs still waiting for a
second reviewer is not made again, unless the protocol no longer asks for a second reviewer:
then the row applies.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from corpus.decisions import APPLIED_KEY, open_decisions, record_events
from corpus.models import Document, OutcomeRecord, ReviewEvent
from corpus.record_versions import record_values
from corpus.review_plan import needs_two
from corpus.sheet_values import same_value

if TYPE_CHECKING:
    from corpus.row_plans import RowPlan


def imported_before(session: Session, parsed: list, reviewer: str | None) -> set[int]:
    """Records whose row ``reviewer`` already applied.

    Parameters
    ----------
    session : Session
        A session on the database.
    parsed : list
        The rows as :func:`corpus.sheet_values.parse_row` returns them.
    reviewer : str, optional
        Who imports the file; without one, no row counts as applied.

    Returns
    -------
    set of int
        Ids of records with a decision made from the row's exported version that asked for
        what the row asks (its changed cells, or its status).
    """
    rows = {rid: (version, values, row) for rid, version, values, row in parsed if rid}
    if reviewer is None or not rows:
        return set()
    query = select(ReviewEvent).where(
        ReviewEvent.record_id.in_(list(rows)), ReviewEvent.reviewer == reviewer
    )
    return {e.record_id for e in session.exec(query).all()
            if _same_request(e, *rows[e.record_id]) and not _lapsed(session, e)}  # fmt: skip


def _lapsed(session: Session, event: ReviewEvent) -> bool:
    """Whether ``event`` is a decision still waiting for a second reviewer on a record that no
    longer needs one (the protocol turned to one reviewer): its row, imported again, applies.
    """
    if (event.after or {}).get(APPLIED_KEY, True) or needs_two(session, event.record_id):
        return False
    mine = open_decisions(record_events(session, event.record_id)).get(event.reviewer)
    return mine is not None and mine.event_id == event.id


def _same_request(event: ReviewEvent, version: int | None, values: dict, row: dict) -> bool:
    before, after = event.before or {}, event.after or {}
    if before.get("version") != version:
        return False
    changed = {k: v for k, v in values.items() if not same_value(v, before.get(k))}
    if changed:
        return event.action == "edit" and all(
            same_value(v, after.get(k)) for k, v in changed.items())
    wanted = {"rejected": "reject", "accepted": "accept"}
    return event.action == wanted.get((row.get("status") or "").strip().lower())


def unless_repeated(session: Session, plan: RowPlan, reviewer: str) -> RowPlan:
    """The plan, or a no-op when this file's earlier import already asked for the same.

    An added row whose record exists (same document and values, added by hand) is not added
    again; a decision this reviewer already made and that waits for a second reviewer is not
    made again (unless the protocol no longer asks for one: then it applies).

    Parameters
    ----------
    session : Session
        A session on the database, inside the import's transaction.
    plan : RowPlan
        What the row asks for.
    reviewer : str
        Who imports the file.

    Returns
    -------
    RowPlan
        ``plan``, or ``plan`` without its action.
    """
    if plan.action == "add":
        query = select(OutcomeRecord).join(Document).where(
            Document.file_name == plan.document, OutcomeRecord.rule == "manual"
        )
        same = any(record_values(r) == plan.values for r in session.exec(query).all())
        return dataclasses.replace(plan, action=None) if same else plan
    if plan.action is None or plan.record_id is None:
        return plan
    mine = open_decisions(record_events(session, plan.record_id)).get(reviewer)
    if mine is not None and not needs_two(session, plan.record_id):
        return plan  # it waits no longer: one reviewer suffices now, so it is made again
    wanted = plan.values if plan.action == "edit" else {}
    if mine is not None and mine.action == plan.action and all(
        same_value(v, mine.values.get(k)) for k, v in wanted.items()
    ):
        return dataclasses.replace(plan, action=None)
    return plan
