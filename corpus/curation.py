"""Curation: accept, reject, edit and add outcome records, each change audited.

Every change runs in one transaction that (1) locks the record with
``UPDATE … WHERE id = ? AND version = ?`` so a reviewer working from an old version gets
:class:`~corpus.errors.StaleRecord` instead of silently overwriting someone else, (2) validates
the resulting values, (3) writes the record and (4) writes a ``ReviewEvent`` with the values
before and after.

By default (no protocol, or ``reviewers = 1``) a decision applies at once, whoever makes it.
With ``reviewers = 2`` in the protocol, a decision on a record of the double-review sample
(:mod:`corpus.review_plan`) applies only when it merges with another reviewer's open decision
on that record (see :mod:`corpus.decisions`); until then it waits, and a disagreement is a
conflict for :mod:`corpus.dual_review` to settle. A record settled under single review stays
settled when the protocol turns dual: a new decision on it starts from it as settled and waits
for a second reviewer.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from corpus.decisions import (
    APPLIED_KEY,
    MERGE_ACTION,
    REVIEWERS_KEY,
    Decision,
    open_decisions,
    record_events,
)
from corpus.errors import InvalidEdit, NotFound
from corpus.merge import Merge, merge_decisions
from corpus.models import Document, OutcomeRecord, ReviewEvent, utcnow
from corpus.page_text import check_evidence, document_pages
from corpus.protocol import protocol_for
from corpus.protocol_events import note_protocol_change
from corpus.record_versions import (
    lock_record,
    record_values,
    snapshot,
    transaction,
    write_values,
)
from corpus.review_plan import check_reviewer, needs_two, session_engine
from corpus.validation import check_record
from corpus.vocabulary import EDITABLE_FIELDS, OUTCOMES

#: Environment variable naming the reviewer when ``--reviewer`` is not given.
ENV_REVIEWER = "CASEMETA_REVIEWER"

#: Key of an ``add`` event's ``after`` saying the quote is the reviewer's own wording.
OWN_WORDING = "own_wording"

#: Values a manually added record starts from.
_ADD_DEFAULTS = {"group": "all", "ci_level": 0.95, "quote": ""}


@dataclass(frozen=True)
class DecisionResult:
    """What a curation call did to one record.

    ``applied`` is false when the decision waits for a second reviewer (``waiting``) or
    disagrees with another reviewer's (``conflict_with`` names them).
    """

    record_id: int
    action: str
    status: str
    version: int
    applied: bool = True
    waiting: bool = False
    conflict_with: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the reviewer."""
        if self.conflict_with:
            return (
                f"record {self.record_id}: {self.action} recorded; it disagrees with "
                f"{', '.join(self.conflict_with)} (see `casemeta conflicts`)"
            )
        if self.waiting:
            return f"record {self.record_id}: {self.action} recorded; waiting for a second reviewer"
        return f"record {self.record_id}: {self.status} (version {self.version})"


def default_reviewer(name: str | None = None) -> str:
    """Return ``name``, else ``$CASEMETA_REVIEWER``, else the login name.

    Raises
    ------
    InvalidEdit
        ``name`` is given but empty, or the chosen name is the extractor's (``casemeta``).
    """
    if name is not None:
        return check_reviewer(name)
    if os.environ.get(ENV_REVIEWER, "").strip():
        return check_reviewer(os.environ[ENV_REVIEWER])
    try:
        return check_reviewer(getpass.getuser())
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


def accept(
    engine: Engine,
    record_id: int,
    *,
    reviewer: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> DecisionResult:
    """Accept a record as extracted (or as last edited)."""
    return _decide_now(engine, record_id, "accept", {}, reviewer, note, expected_version)


def reject(
    engine: Engine,
    record_id: int,
    *,
    reason: str,
    reviewer: str | None = None,
    expected_version: int | None = None,
) -> DecisionResult:
    """Reject a record that is not a finding; ``reason`` is required and kept as the note."""
    return _decide_now(engine, record_id, "reject", {}, reviewer, reason, expected_version)


def edit(
    engine: Engine,
    record_id: int,
    changes: Mapping[str, Any],
    *,
    reviewer: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> DecisionResult:
    """Change some fields of a record (typed values, see :func:`corpus.validation.parse_field`).

    For a proportion whose events or total change without a new value, the value follows
    ``events / total``.
    """
    return _decide_now(engine, record_id, "edit", changes, reviewer, note, expected_version)


def _decide_now(
    engine: Engine,
    record_id: int,
    action: str,
    changes: Mapping[str, Any],
    reviewer: str | None,
    note: str | None,
    expected_version: int | None,
) -> DecisionResult:
    """:func:`decide` in a transaction of its own."""
    with transaction(engine) as session:
        return decide(
            session, record_id, action, changes, reviewer=default_reviewer(reviewer), note=note,
            expected_version=expected_version,
        )  # fmt: skip


def add(
    engine: Engine,
    *,
    document: str,
    values: Mapping[str, Any],
    reviewer: str | None = None,
    note: str | None = None,
    own_wording: bool = False,
) -> DecisionResult:
    """Add a record extraction missed: status ``accepted``, rule ``manual``.

    The page must exist and the quote must occur on it (line breaks aside), unless
    ``own_wording`` marks the quote as the reviewer's own words (kept in the audit trail).
    """
    with transaction(engine) as session:
        return add_in(
            session, document, values, reviewer=default_reviewer(reviewer), note=note,
            own_wording=own_wording,
        )  # fmt: skip


def add_in(
    session: Session,
    document: str,
    values: Mapping[str, Any],
    *,
    reviewer: str,
    note: str | None,
    own_wording: bool = False,
) -> DecisionResult:
    """:func:`add` inside an open transaction."""
    _check_known(values)
    full = {**_ADD_DEFAULTS, **{k: v for k, v in values.items() if v is not None}}
    for name in EDITABLE_FIELDS:
        full.setdefault(name, None)
    check_record(full, known_outcomes(session))
    doc = find_document(session, document)
    check_evidence(document_pages(session, doc), doc.file_name, full, own_wording)
    rec = OutcomeRecord(document_id=doc.id, status="accepted", rule="manual", **full)
    session.add(rec)
    session.flush()
    after = {**full, "status": rec.status, "version": rec.version, "applied": True}
    if own_wording:
        after[OWN_WORDING] = True
    session.add(
        ReviewEvent(record_id=rec.id, reviewer=reviewer, action="add", after=after, note=note)
    )
    return DecisionResult(rec.id, "add", rec.status, rec.version)


def decide(
    session: Session,
    record_id: int,
    action: str,
    changes: Mapping[str, Any],
    *,
    reviewer: str,
    note: str | None,
    expected_version: int | None,
) -> DecisionResult:
    """Record one reviewer's ``accept``/``edit``/``reject`` inside an open transaction.

    A record that needs two reviewers (:func:`corpus.review_plan.needs_two`) is decided from
    the record as it is (as extracted or last settled: a waiting decision never changes it),
    whatever another reviewer decided; once two decisions merge without conflict
    (:func:`corpus.merge.merge_decisions`) the merged record applies, else the record waits or
    is a conflict. The event keeps how many reviewers the record needed
    (:data:`corpus.decisions.REVIEWERS_KEY`).
    """
    rec = lock_record(session, record_id, expected_version)
    if action == "reject" and not (note or "").strip():
        raise InvalidEdit("a rejection needs a reason (--reason)")
    note_protocol_change(session, reviewer)  # a changed protocol is its own event, first
    history = record_events(session, rec.id)
    double = needs_two(session, rec.id)
    base = snapshot(rec)
    values = proposed_values(rec, action, changes, start=base)
    mine = Decision(reviewer, action, values, utcnow(), note)
    others = [d for name, d in open_decisions(history).items() if name != reviewer]
    merge = merge_decisions(base, [*others, mine]) if double and others else None
    conflict = tuple(d.reviewer for d in others) if merge and not merge.agreed else ()
    applies = not double or (merge is not None and merge.agreed)
    status = status_after(action, rec, values)
    before = snapshot(rec)
    if applies and merge is None:
        write_values(rec, values, status, by=reviewer)
    elif applies:
        status = _write_merge(rec, merge, [*others, mine])
    session.add(
        ReviewEvent(
            record_id=rec.id,
            reviewer=reviewer,
            action=action,
            before=before,
            after={**values, "status": status, "version": rec.version, APPLIED_KEY: applies,
                   REVIEWERS_KEY: 2 if double else 1},
            note=note,
        )
    )
    if applies and merge is not None:  # after the decision: the merge settles the record
        session.add(_merge_event(rec, before, reviewer, [*others, mine]))
    session.flush()
    waiting = not applies and not conflict
    return DecisionResult(rec.id, action, rec.status, rec.version, applies, waiting, conflict)


def _merge_event(
    rec: OutcomeRecord, before: dict, reviewer: str, decisions: list[Decision]
) -> ReviewEvent:
    """The audit event of a merge; like a resolve, it closes the decisions it merged."""
    names = ", ".join(sorted(d.reviewer for d in decisions))
    return ReviewEvent(
        record_id=rec.id, reviewer=reviewer, action=MERGE_ACTION, before=before,
        after={**snapshot(rec), "applied": True},
        note=f"decisions of {names} merged field by field",
    )  # fmt: skip


def _write_merge(rec: OutcomeRecord, merge: Merge, decisions: list[Decision]) -> str:
    """Give a record the merge of agreeing decisions; return its new status.

    Each changed field is entered by the reviewers whose decisions changed it.
    """
    status = "rejected" if merge.rejected else "edited" if merge.changed else "accepted"
    status = "edited" if status == "accepted" and merge.base.get("status") == "edited" else status
    by = {name: " and ".join(sorted(d.reviewer for d in decisions if not d.rejects
                                    and d.values.get(name) != merge.base.get(name)))
          for name in merge.values}  # fmt: skip
    write_values(rec, merge.values, status, by=by)
    return status


def proposed_values(
    rec: OutcomeRecord,
    action: str,
    changes: Mapping[str, Any],
    start: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the values a decision wants the record to have, validated.

    ``start`` is what the reviewer saw and decided from (default: the record as it is).
    """
    values = record_values(rec)
    if start is not None:
        values = {name: start.get(name, value) for name, value in values.items()}
    if action != "edit":
        return values
    if not changes:
        raise InvalidEdit(f"record {rec.id}: nothing to change (give at least one field)")
    _check_known(changes)
    values.update(changes)
    counts_changed = "events" in changes or "total" in changes
    if values["measure"] == "proportion" and counts_changed and "value" not in changes:
        events, total = values["events"], values["total"]
        values["value"] = round(events / total, 4) if events is not None and total else None
    check_record(values, known_outcomes(object_session(rec)))
    return values


def known_outcomes(session: Session | None) -> tuple[str, ...]:
    """Outcome names a record may have: the built-in ones plus the protocol's custom ones."""
    protocol = protocol_for(session_engine(session)) if session is not None else None
    return protocol.outcome_names() if protocol is not None else OUTCOMES


def _check_known(fields: Mapping[str, Any]) -> None:
    unknown = sorted(set(fields) - set(EDITABLE_FIELDS))
    if unknown:
        raise InvalidEdit(f"unknown field {unknown[0]!r} (editable: {', '.join(EDITABLE_FIELDS)})")


def status_after(action: str, rec: OutcomeRecord, values: Mapping[str, Any]) -> str:
    """Return the status a decision gives a record: rejected, edited or accepted."""
    if action == "reject":
        return "rejected"
    if dict(values) != record_values(rec) or rec.status == "edited":
        return "edited"
    return "accepted"


def find_document(session: Session, name: str) -> Document:
    """Return the one document with file name ``name``."""
    docs = session.exec(select(Document).where(Document.file_name == name)).all()
    if not docs:
        raise NotFound(f"no document named {name!r} (see `casemeta studies`)")
    if len(docs) > 1:
        raise InvalidEdit(f"{len(docs)} documents are named {name!r}; rename one and re-ingest")
    return docs[0]
