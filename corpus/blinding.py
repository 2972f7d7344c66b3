"""Blinding outside the review queue: what a reader may see of a record still under dual review.

A record is *blinded* while it needs two reviewers (:func:`corpus.review_plan.needs_two`) and
only one has an open decision on it: until the second reviewer decides, nobody learns the
first one's values or decision from ``records``, ``export`` or ``history`` either. Such a
record is listed as every reviewer decides it (as extracted, or as last settled), except to
the reviewer who decided it, who sees their own decision; its history shows the reader their
own decisions only. Once two reviewers have decided (agreeing or not), or the record was
resolved or returned to extracted, everything is visible again.

A reader is a reviewer's name, or ``None`` for someone who did not say who they are: listings
then show blinded records as extracted with no decision, and :func:`visible_history` refuses
them (a history is about one record, so hiding its decisions silently would mislead).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from corpus.curation import ENV_REVIEWER
from corpus.db import reading
from corpus.decisions import (
    DECISION_ACTIONS,
    RESET_ACTIONS,
    Decision,
    last_settled,
    open_decisions,
)
from corpus.errors import CorpusError
from corpus.history import HistoryEntry, record_history
from corpus.models import ReviewEvent
from corpus.queries import check_statuses, record_rows
from corpus.review_plan import check_reviewer, dual_review, needs_two

#: Review columns of a spreadsheet export that name who decided and why.
_DECIDER_COLUMNS = ("reviewer", "last_note")


class Blinded(CorpusError):
    """A reader asked for what dual review hides from them (another reviewer's decision)."""


@dataclass(frozen=True)
class BlindRecord:
    """A record waiting for its second reviewer.

    ``decided`` maps the reviewer with an open decision to it and ``since`` is the id of the
    last event that settled the record (0: never settled). A waiting decision does not change
    the record, so the record as stored is what every reviewer decides from.
    """

    record_id: int
    decided: dict[str, Decision]
    since: int = 0


def reader_name(name: str | None = None) -> str | None:
    """Who is reading: ``name``, else ``$CASEMETA_REVIEWER``, else ``None`` (nobody said).

    Unlike a decision, a read does not fall back to the login name: anyone may read a
    database (an adjudicator, a statistician), and seeing a reviewer's own decisions is for a
    reviewer who says who they are.

    Raises
    ------
    InvalidEdit
        An empty name, or the extractor's (see :func:`corpus.review_plan.check_reviewer`).
    """
    if name is not None:
        return check_reviewer(name)
    if os.environ.get(ENV_REVIEWER, "").strip():
        return check_reviewer(os.environ[ENV_REVIEWER])
    return None


def blinded_records(session: Session) -> dict[int, BlindRecord]:
    """Every blinded record of the database, by id (empty unless the protocol says 2)."""
    if not dual_review(session):
        return {}
    query = select(ReviewEvent).where(ReviewEvent.action.in_((*DECISION_ACTIONS, *RESET_ACTIONS)))
    by_record: dict[int, list[ReviewEvent]] = defaultdict(list)
    for event in session.exec(query.order_by(ReviewEvent.id)).all():
        by_record[event.record_id].append(event)
    found = {}
    for record_id, events in by_record.items():
        decided = open_decisions(events)
        if len(decided) != 1 or not needs_two(session, record_id):
            continue
        found[record_id] = BlindRecord(record_id, decided, last_settled(events))
    return found


def visible_rows(
    engine: Engine, rows: Iterable[dict[str, Any]], reader: str | None
) -> tuple[list[dict[str, Any]], int]:
    """Record rows (``id`` plus record fields) as ``reader`` may see them, and how many are
    shown blinded.

    A blinded record shows the values and status it had before the open decision, except to
    the reviewer who made that decision: they see the values and status they asked for (so
    their spreadsheet imports as the no-op it is, :mod:`corpus.csv_import`). Id and version
    stay, so a spreadsheet exported blinded still imports (the version is checked).
    """
    with reading(engine) as session:
        blind = blinded_records(session)
    shown, hidden = [], 0
    for row in rows:
        found = blind.get(row["id"])
        if found is not None:
            mine = found.decided.get(reader) if reader else None
            hidden += mine is None
            row = row if mine is None else _as_decided(row, mine)
        shown.append(row)
    return shown, hidden


def _as_decided(row: dict[str, Any], decision: Decision) -> dict[str, Any]:
    """A row as its reviewer's waiting decision asks for it, provenance included (the fields
    it changes are entered by them)."""
    shown = {**row, **_decided_fields(decision, row)}
    if isinstance(row.get("provenance"), dict):
        from corpus.provenance import FieldProvenance, decision_provenance

        base = {n: FieldProvenance(n, p["kind"], p.get("source", ""))
                for n, p in row["provenance"].items()}  # fmt: skip
        asked = decision_provenance(base, row, decision)
        shown["provenance"] = {n: p.to_dict() for n, p in asked.items()}
    return shown


def _decided_fields(decision: Decision, base: dict[str, Any]) -> dict[str, Any]:
    """The fields and status a reviewer's waiting decision asks for (as the merge would)."""
    values = {n: v for n, v in decision.values.items() if n in base}
    if decision.rejects:
        return {**values, "status": "rejected"}
    changed = any(base.get(n) != v for n, v in values.items()) or base["status"] == "edited"
    return {**values, "status": "edited" if changed else "accepted"}


def visible_record_rows(
    engine: Engine,
    reader: str | None,
    *,
    document: str | None = None,
    outcome: str | None = None,
    statuses: tuple[str, ...] | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """:func:`corpus.queries.record_rows` as ``reader`` may see them, and how many are blinded.

    The status filter applies to what the reader sees (a blinded record has its status from
    before the open decision).

    Raises
    ------
    InvalidOption
        As :func:`corpus.queries.record_rows` (an unknown status, document or outcome).
    """
    check_statuses(statuses)
    rows = record_rows(engine, document=document, outcome=outcome)
    shown, hidden = visible_rows(engine, rows, reader)
    if statuses:
        shown = [row for row in shown if row["status"] in statuses]
    return shown, hidden


def without_deciders(
    engine: Engine, rows: Iterable[dict[str, Any]], reader: str | None
) -> list[dict[str, Any]]:
    """Spreadsheet rows with the last reviewer and note of a blinded record left empty,
    unless that reviewer is ``reader``."""
    with reading(engine) as session:
        blind = blinded_records(session)
    return [
        {**row, **{c: "" for c in _DECIDER_COLUMNS if c in row}}
        if row["id"] in blind and row.get("reviewer") != reader else row
        for row in rows
    ]  # fmt: skip


def blinded_count(engine: Engine) -> int:
    """How many records wait for their second reviewer (for a note beside a listing)."""
    with reading(engine) as session:
        return len(blinded_records(session))


def visible_history(engine: Engine, record_id: int, reader: str | None) -> list[HistoryEntry]:
    """A record's history (:func:`corpus.history.record_history`) as ``reader`` may see it.

    For a blinded record, the open decisions of other reviewers (and what followed them) are
    left out; everything up to the record's last settlement stays.

    Raises
    ------
    Blinded
        The record is blinded and ``reader`` is ``None``.
    NotFound
        No such record.
    """
    with reading(engine) as session:
        found = blinded_records(session).get(record_id)
        if found is not None and reader is None:
            raise Blinded(
                f"record {record_id} waits for a second reviewer, so its decisions are hidden; "
                "give --reviewer NAME (or set CASEMETA_REVIEWER) to see your own"
            )
        hidden = _hidden_events(session, found, reader) if found is not None else set()
    return record_history(engine, record_id, hidden)


def _hidden_events(session: Session, found: BlindRecord, reader: str) -> set[int]:
    """Ids of the events since the record's last settlement that are not ``reader``'s."""
    query = select(ReviewEvent.id, ReviewEvent.reviewer).where(
        ReviewEvent.record_id == found.record_id, ReviewEvent.id > found.since
    )
    return {event_id for event_id, name in session.exec(query).all() if name != reader}
