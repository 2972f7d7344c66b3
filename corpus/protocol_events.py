"""When the review protocol changed, as events of their own in the audit trail.

``review.toml`` is a file a reviewer edits, so casemeta cannot see the moment it changes; it
sees the change at the next write that depends on it. ``casemeta init`` records the first
review settings, and every decision on a record or a study first compares the protocol's
review settings (``reviewers``, ``double_review_fraction``) with the last recorded ones and
records a :class:`~corpus.models.ProtocolEvent` when they differ. The event's time is the
file's modification time (when the protocol was edited; never before the latest decision,
which found the protocol unchanged, since a file clock may be coarser than the database's),
not the time of the decision that noticed it: the change happened then, and a decision
waiting blinded for a second reviewer is not given away by the time of a protocol entry in
another reader's history.

Without any protocol a record needs one reviewer (:data:`DEFAULT_SETTING`), so a database
that never had a protocol, or whose protocol asks for one reviewer, has no protocol events.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from corpus.merge import double_reviewed
from corpus.models import ProtocolEvent, utcnow
from corpus.protocol import Protocol, ProtocolError, engine_protocol_path, protocol_for
from corpus.review_plan import session_engine

#: Review settings (reviewers, double-review fraction) in force without a protocol.
DEFAULT_SETTING = (1, 1.0)

#: Kind of the event ``casemeta init`` writes.
INIT_KIND = "init"
#: Kind of an event written when a decision finds the settings changed.
CHANGED_KIND = "changed"
#: Kind of the event an upgrade to schema 7 writes: in force then, since when unknown.
BASELINE_KIND = "baseline"


def review_setting(protocol: Protocol | None) -> tuple[int, float]:
    """The (reviewers, double-review fraction) of ``protocol`` (:data:`DEFAULT_SETTING`
    without one)."""
    if protocol is None:
        return DEFAULT_SETTING
    return protocol.reviewers, float(protocol.double_review_fraction)


def event_setting(event: ProtocolEvent | None) -> tuple[int, float]:
    """The review settings an event recorded (:data:`DEFAULT_SETTING` for ``None``)."""
    if event is None:
        return DEFAULT_SETTING
    return event.reviewers, float(event.double_review_fraction)


def needed_reviewers(setting: tuple[int, float], record_id: int) -> int:
    """How many reviewers ``record_id`` needs under ``setting`` (1 or 2)."""
    reviewers, fraction = setting
    return 2 if reviewers == 2 and double_reviewed(record_id, fraction) else 1


def protocol_events(session: Session) -> list[ProtocolEvent]:
    """Every recorded protocol event, oldest first."""
    return list(session.exec(select(ProtocolEvent).order_by(ProtocolEvent.id)).all())


def note_protocol_change(session: Session, reviewer: str, kind: str = CHANGED_KIND
                         ) -> ProtocolEvent | None:
    """Record the protocol's review settings if they differ from the last recorded ones.

    Parameters
    ----------
    session : Session
        A session inside the transaction of the write that depends on the protocol.
    reviewer : str
        Whose write it is.
    kind : str
        :data:`CHANGED_KIND`, or :data:`INIT_KIND` from ``casemeta init``.

    Returns
    -------
    ProtocolEvent or None
        The event added to the session, or ``None`` when nothing changed.

    Raises
    ------
    ProtocolError
        The protocol file exists but is not a valid protocol.
    """
    engine = session_engine(session)
    setting = review_setting(protocol_for(engine))
    last = session.exec(select(ProtocolEvent).order_by(ProtocolEvent.id.desc())).first()
    if setting == event_setting(last):
        return None
    path = engine_protocol_path(engine)
    now = utcnow()
    # Every decision since the last recorded event checked the protocol and found it as it
    # was, so the edit came after the latest of them, whatever a coarse file clock says.
    edited = max(_modified_at(path) or now, _last_decision_at(session) or now)
    event = ProtocolEvent(kind=kind, reviewers=setting[0], double_review_fraction=setting[1],
                          at=min(edited, now), recorded_at=now, reviewer=reviewer,
                          path=str(path) if path else None)  # fmt: skip
    session.add(event)
    session.flush()
    return event


def record_baseline(conn: Connection) -> None:
    """Schema step 7's second half: record the settings in force at the upgrade, if any
    protocol is in force (``baseline``: when they took effect is not known)."""
    try:
        protocol = protocol_for(conn.engine)
    except ProtocolError:
        return  # an invalid protocol is reported by the command that needs it, not here
    if protocol is None:
        return
    reviewers, fraction = review_setting(protocol)
    path = engine_protocol_path(conn.engine)
    now = utcnow()
    conn.execute(ProtocolEvent.__table__.insert().values(
        kind=BASELINE_KIND, reviewers=reviewers, double_review_fraction=fraction, at=now,
        recorded_at=now, reviewer="", path=str(path) if path else None))  # fmt: skip


def _last_decision_at(session: Session) -> datetime | None:
    """When the latest decision on a record or a study was made (``None``: there is none)."""
    from sqlalchemy import func

    from corpus.decisions import DECISION_ACTIONS
    from corpus.models import InclusionEvent, ReviewEvent

    times = [
        session.exec(select(func.max(ReviewEvent.at)).where(
            ReviewEvent.action.in_(DECISION_ACTIONS))).one(),
        session.exec(select(func.max(InclusionEvent.at))).one(),
    ]  # fmt: skip
    known = [t.replace(tzinfo=UTC) if t.tzinfo is None else t for t in times if t is not None]
    return max(known, default=None)


def _modified_at(path: Path | None) -> datetime | None:
    """When the protocol file was last modified (``None``: there is none)."""
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC) if path else None
    except OSError:
        return None
