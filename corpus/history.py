"""A record's audit trail: every event, oldest first, with who, when and what changed.

A change of the protocol's review settings is an event of its own
(:mod:`corpus.protocol_events`): where it changed how many reviewers the record needs once its
review had begun, the history shows a ``protocol`` entry at the time the protocol changed,
whether or not anyone decided the record since. Each decision also keeps how many reviewers
the record needed when it was made (inferred from the trail for decisions written before
schema 8, :mod:`corpus.decision_stamps`); where that number differs from the previous
decision's with no protocol event between them (a change before protocol events were
recorded), the history shows a ``protocol`` entry before the decision, so a record settled
under single review and decided again under dual review says so either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Engine

from corpus.db import reading
from corpus.decision_stamps import INFERRED_KEY
from corpus.decisions import (
    APPLIED_KEY,
    DECISION_ACTIONS,
    REVIEWERS_KEY,
    decision_reviewers,
    record_events,
)
from corpus.errors import NotFound
from corpus.models import OutcomeRecord, ProtocolEvent, ReviewEvent
from corpus.protocol_events import (
    BASELINE_KIND,
    DEFAULT_SETTING,
    event_setting,
    needed_reviewers,
    protocol_events,
)
from corpus.provenance import FieldProvenance
from corpus.provenance_trail import provenance_trail

#: Action of the entry that marks a change in how many reviewers the record needs.
PROTOCOL_ENTRY = "protocol"

#: Who signs the entries casemeta writes itself (the extraction, a protocol change).
_CASEMETA = "casemeta"

#: Keys of an event's before/after that are bookkeeping, not record fields.
_BOOKKEEPING = (APPLIED_KEY, "decision", REVIEWERS_KEY, INFERRED_KEY)


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
    decision was made (``None``: not a decision, or not recorded), ``reviewers_inferred``
    whether that number was inferred from the trail on upgrade; ``provenance`` says where
    each changed field's new value came from (for the extraction, every field's), as
    :mod:`corpus.provenance_trail` replays it. ``protocol_event_id`` is the id of the
    protocol event a ``protocol`` entry shows (``None``: an entry inferred from decisions).
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
    reviewers_inferred: bool = False
    protocol_event_id: int | None = None

    @property
    def standing(self) -> str | None:
        """How a decision stood when it was made: ``alone`` (applied at once, one reviewer
        needed), ``waiting`` (not applied: for a second reviewer, or in conflict), ``paired``
        (applied with a second reviewer's); ``None`` for other entries and decisions of
        unknown review."""
        if self.action not in DECISION_ACTIONS or self.reviewers is None:
            return None
        if self.reviewers == 1:
            return "alone"
        return "paired" if self.applied else "waiting"


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
        # from the first event the reader may see: a protocol entry never hints at a hidden one
        reviewed = [e.at for e in entries if e.event_id is not None]
        changes = protocol_entries(rec.id, min(reviewed, key=_utc, default=None),
                                   protocol_events(session))  # fmt: skip
        return with_protocol_changes(entries, changes)


def protocol_entries(
    record_id: int, reviewed_at: datetime | None, events: list[ProtocolEvent]
) -> list[HistoryEntry]:
    """A ``protocol`` entry for each protocol event since the record's review began
    (``reviewed_at``, its first audit event; ``None``: not begun) that changed how many
    reviewers it needs.

    A change before anyone reviewed the record only set the rules its review started under;
    a ``baseline`` event changes what is known but never shows (when it took effect is not
    known).
    """
    current = needed_reviewers(DEFAULT_SETTING, record_id)
    out = []
    for event in events:
        needed = needed_reviewers(event_setting(event), record_id)
        shown = reviewed_at is not None and _utc(event.at) >= _utc(reviewed_at)
        if shown and event.kind != BASELINE_KIND and needed != current:
            out.append(_protocol_event_entry(event, current, needed))
        current = needed
    return out


def with_protocol_changes(
    entries: list[HistoryEntry], changes: list[HistoryEntry] = ()
) -> list[HistoryEntry]:
    """``entries`` with the ``protocol`` entries ``changes`` placed by time, and one before
    each decision made under another number of reviewers than the decision (or protocol
    entry) before it."""
    merged = list(entries)
    for change in changes:
        at = next((i for i, e in enumerate(merged) if _utc(e.at) > _utc(change.at)), len(merged))
        merged.insert(at, change)
    out, previous = [], None
    for entry in merged:
        if entry.protocol_event_id is not None:
            previous = entry.changes[0].after
        elif entry.reviewers is not None:
            if previous is not None and entry.reviewers != previous:
                out.append(_protocol_entry(entry, previous))
            previous = entry.reviewers
        out.append(entry)
    return out


def _said(n: int) -> str:
    return "one reviewer" if n == 1 else "two reviewers"


def _protocol_event_entry(event: ProtocolEvent, before: int, after: int) -> HistoryEntry:
    reviewers, fraction = event_setting(event)
    how = "casemeta init wrote the protocol" if event.kind == "init" else "the protocol changed"
    note = (f"{how} (reviewers = {reviewers}, double_review_fraction = {fraction:g}): this "
            f"record needs {_said(after)}, before {_said(before)}; what was settled stays "
            "settled")  # fmt: skip
    return HistoryEntry(event.at, _CASEMETA, PROTOCOL_ENTRY,
                        (Change(REVIEWERS_KEY, before, after),), note,
                        protocol_event_id=event.id)  # fmt: skip


def _utc(at: datetime) -> datetime:
    """``at`` as an aware UTC time (SQLite gives stored times back without their zone)."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


def _protocol_entry(decision: HistoryEntry, previous: int) -> HistoryEntry:
    note = (f"the protocol asks for {_said(decision.reviewers)} of this record (its earlier "
            f"decisions: {_said(previous)}); what was settled stays settled")  # fmt: skip
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
        reviewers_inferred=bool(after.get(INFERRED_KEY)),
    )


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> tuple[Change, ...]:
    """Return the fields whose value differs between two snapshots, in ``after``'s order."""
    names = [n for n in after if n not in _BOOKKEEPING and n != "version"]
    return tuple(
        Change(name, before.get(name), after[name])
        for name in names
        if before.get(name) != after[name]
    )
