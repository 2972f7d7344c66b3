"""Study selection: include or exclude a document with a reason (audited), and the PRISMA counts.

Each decision is an :class:`~corpus.models.InclusionEvent`; the latest one of a document
counts and the earlier ones stay as its history, so excluding a document hides it from the
review queue and from pooling without deleting anything. A document nobody decided on is
classified from its ingest: failed, not a study, a review of other studies, or included when
it holds a study. A reviewer's ``include`` overrides that classification (a misread review),
an ``exclude`` always wins. With ``reviewers = 2`` in the protocol a decision counts once a
second reviewer's agrees, and disagreements are resolved (:mod:`corpus.selection_review`).

References
----------
Page, M. J., McKenzie, J. E., Bossuyt, P. M., et al. (2021). The PRISMA 2020 statement: an
updated guideline for reporting systematic reviews. *BMJ*, 372, n71 (item 16a, flow diagram).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from corpus.curation import default_reviewer, find_document
from corpus.db import reading
from corpus.errors import InvalidEdit
from corpus.models import Document, InclusionEvent, Study
from corpus.protocol import protocol_for
from corpus.protocol_events import note_protocol_change
from corpus.record_versions import transaction
from corpus.review_plan import dual_review
from corpus.selection_review import (
    DECISIONS,
    RESOLVED,
    SelectionState,
    document_events,
    selection_state,
    visible_decisions,
)

#: What study selection made of a document, in the order of the flow diagram.
CATEGORIES = ("failed", "not_a_study", "review", "excluded", "included")


@dataclass(frozen=True)
class Selection:
    """One document's place in study selection; ``reason`` and ``reviewer`` for decisions.

    ``pending`` is ``waiting`` (dual review: one reviewer decided, the place shown is from
    before) or ``conflict`` (two disagree); ``mine`` is the reader's own waiting decision.
    """

    document: str
    category: str
    reason: str = ""
    reviewer: str = ""
    at: datetime | None = None
    pending: str = ""
    mine: str = ""

    def summary(self, action: str) -> str:
        """One line after a reviewer's ``action`` (include or exclude) on this document."""
        if self.pending == "waiting":
            return f"{self.document}: {action} recorded; waiting for a second reviewer"
        if self.pending == "conflict":
            return (f"{self.document}: {action} recorded; reviewers disagree "
                    "(see `casemeta conflicts`)")  # fmt: skip
        reason = f" ({self.reason})" if self.category == "excluded" else ""
        return f"{self.document}: {self.category} by {self.reviewer}{reason}"


@dataclass(frozen=True)
class PrismaCounts:
    """The numbers of a PRISMA 2020 flow diagram for documents read by casemeta."""

    identified: int
    failed: int
    not_a_study: int
    reviews: int
    excluded: dict[str, int] = field(default_factory=dict)
    included: int = 0

    @property
    def screened(self) -> int:
        """Documents that could be read and screened."""
        return self.identified - self.failed

    @property
    def assessed(self) -> int:
        """Studies assessed for eligibility (screened minus non-studies and reviews)."""
        return self.screened - self.not_a_study - self.reviews

    def to_dict(self) -> dict:
        """Plain values (for JSON and templates)."""
        return {"identified": self.identified, "failed": self.failed, "screened": self.screened,
                "not_a_study": self.not_a_study, "reviews": self.reviews,
                "assessed": self.assessed, "excluded": dict(self.excluded),
                "included": self.included}  # fmt: skip


def include(
    engine: Engine, document: str, *, reviewer: str | None = None, note: str | None = None
) -> Selection:
    """Include a document in the review (audited); ``note`` says why, if given."""
    return _decide(engine, document, "include", reviewer, note)


def exclude(
    engine: Engine,
    document: str,
    *,
    reason: str,
    reviewer: str | None = None,
    allowed: tuple[str, ...] = (),
) -> Selection:
    """Exclude a document from the review with a reason (audited); its history stays.

    Parameters
    ----------
    allowed : tuple of str
        Exclusion reasons ``reason`` must be one of (default: the protocol's, if it lists any).

    Raises
    ------
    InvalidEdit
        No reason, or one the protocol does not list.
    """
    reason = (reason or "").strip()
    if not reason:
        raise InvalidEdit("an exclusion needs a reason (--reason)")
    _check_reason(engine, reason, allowed)
    return _decide(engine, document, "exclude", reviewer, reason)


def _check_reason(engine: Engine, reason: str, allowed: tuple[str, ...] = ()) -> None:
    protocol = protocol_for(engine)
    allowed = allowed or (protocol.exclusion_reasons if protocol is not None else ())
    if allowed and reason not in allowed:
        raise InvalidEdit(f"reason {reason!r} is not one of the protocol's: {'; '.join(allowed)}")


def _decide(engine: Engine, name: str, action: str, reviewer: str | None, reason: str | None):
    reviewer = default_reviewer(reviewer)
    with transaction(engine) as session:
        doc = find_document(session, name)
        if doc.status != "ok":
            raise InvalidEdit(f"{name} failed to ingest; there is no study to {action}")
        _lock_document(session, doc)
        note_protocol_change(session, reviewer)  # a changed protocol is its own event, first
        reviewers = 2 if dual_review(session) else 1
        event = InclusionEvent(document_id=doc.id, reviewer=reviewer, action=action,
                               reason=reason, reviewers=reviewers)  # fmt: skip
        session.add(event)
        session.flush()
        return _placed(session, doc, reviewer)


def _lock_document(session: Session, doc: Document) -> None:
    """Serialise selection decisions on one document (PostgreSQL: a row lock; SQLite's write
    lock does it), so two reviewers deciding at once both see the other's decision."""
    if session.get_bind().dialect.name == "postgresql":
        session.exec(select(Document.id).where(Document.id == doc.id).with_for_update())


def _placed(session: Session, doc: Document, reader: str | None) -> Selection:
    query = select(InclusionEvent).where(InclusionEvent.document_id == doc.id)
    events = list(session.exec(query.order_by(InclusionEvent.id)).all())
    with_study = session.exec(select(Study.id).where(Study.document_id == doc.id)).first()
    state = selection_state(events, dual_review(session))
    return _selection(doc, with_study is not None, state, reader)


def selections(engine: Engine, reader: str | None = None) -> list[Selection]:
    """Return every document's place in study selection, by file name.

    In dual review a document waiting for its second reviewer keeps its place from before,
    and only ``reader``'s own waiting decision is shown (``mine``).
    """
    with reading(engine) as session:
        docs = session.exec(select(Document).order_by(Document.file_name, Document.id)).all()
        with_study = set(session.exec(select(Study.document_id)).all())
        events = document_events(session)
        dual = dual_review(session)
        return [
            _selection(doc, doc.id in with_study, selection_state(events.get(doc.id, []), dual),
                       reader)
            for doc in docs
        ]  # fmt: skip


def _selection(
    doc: Document, has_study: bool, state: SelectionState, reader: str | None = None
) -> Selection:
    if doc.status != "ok":
        return Selection(doc.file_name, "failed", doc.error or "")
    mine = state.open.get(reader) if reader and state.pending == "waiting" else None
    extra = {"pending": state.pending,
             "mine": f"{mine.action} ({mine.reason})" if mine and mine.reason else
             (mine.action if mine else "")}  # fmt: skip
    if state.decided:
        last = state.decided[-1]
        category = "excluded" if state.action == "exclude" else "included"
        names = ", ".join(e.reviewer for e in state.decided)
        return Selection(doc.file_name, category, last.reason or "", names, last.at, **extra)
    if doc.document_type == "review":
        return Selection(doc.file_name, "review", "reviews other studies", **extra)
    if doc.document_type == "not_a_study" or not has_study:
        return Selection(doc.file_name, "not_a_study", "no study cohort reported", **extra)
    return Selection(doc.file_name, "included", **extra)


def resolve_selection(
    engine: Engine,
    document: str,
    decision: str,
    *,
    reason: str | None = None,
    reviewer: str | None = None,
) -> Selection:
    """Settle a document's selection: ``include``, ``exclude``, or a reviewer to side with.

    ``reason`` is required with ``include`` and ``exclude`` (for an exclusion it is the
    PRISMA reason, one of the protocol's when it lists them); siding with a reviewer takes
    their reason unless another is given. The resolution is audited as ``resolve_include``
    or ``resolve_exclude`` and closes every open decision on the document.

    Raises
    ------
    InvalidEdit
        No reason, an exclusion reason the protocol does not list, or a name that is neither
        a decision nor a reviewer with an open decision.
    """
    reviewer = default_reviewer(reviewer)
    with transaction(engine) as session:
        doc = find_document(session, document)
        if doc.status != "ok":
            raise InvalidEdit(f"{document} failed to ingest; there is no study to resolve")
        _lock_document(session, doc)
        action, reason = _resolution(session, doc, decision, (reason or "").strip())
        if action == "exclude":
            _check_reason(engine, reason)
        session.add(InclusionEvent(document_id=doc.id, reviewer=reviewer,
                                   action=RESOLVED[action], reason=reason))  # fmt: skip
        session.flush()
        return _placed(session, doc, reviewer)


def _resolution(session: Session, doc: Document, decision: str, reason: str) -> tuple[str, str]:
    if decision in DECISIONS:
        if not reason:
            raise InvalidEdit(f"a resolution needs a reason (--reason) to {decision} a study")
        return decision, reason
    query = select(InclusionEvent).where(InclusionEvent.document_id == doc.id)
    state = selection_state(list(session.exec(query.order_by(InclusionEvent.id)).all()), True)
    chosen = state.open.get(decision)
    if chosen is None:
        names = ", ".join(sorted(state.open)) or "none"
        raise InvalidEdit(
            f"{doc.file_name}: {decision!r} is neither include, exclude nor a reviewer with an "
            f"open decision (open: {names})"
        )
    return chosen.action, reason or chosen.reason or f"sided with {decision}"


def included_documents(engine: Engine) -> set[str]:
    """File names of the documents whose records the review pools."""
    return {s.document for s in selections(engine) if s.category == "included"}


def excluded_documents(engine: Engine) -> set[str]:
    """File names of the documents a reviewer excluded (hidden from the review queue)."""
    return {s.document for s in selections(engine) if s.category == "excluded"}


def prisma_counts(chosen: list[Selection]) -> PrismaCounts:
    """Count the flow diagram's boxes from :func:`selections`."""
    by = Counter(s.category for s in chosen)
    reasons = Counter(s.reason for s in chosen if s.category == "excluded")
    return PrismaCounts(
        identified=len(chosen), failed=by["failed"], not_a_study=by["not_a_study"],
        reviews=by["review"], excluded=dict(sorted(reasons.items())), included=by["included"],
    )  # fmt: skip


def document_decisions(engine: Engine, document: str) -> list[InclusionEvent]:
    """Every selection decision on one document, oldest first (its audit trail)."""
    with reading(engine) as session:
        doc = find_document(session, document)
        query = select(InclusionEvent).where(InclusionEvent.document_id == doc.id)
        return list(session.exec(query.order_by(InclusionEvent.id)).all())


def visible_document_decisions(
    engine: Engine, document: str, reader: str | None
) -> list[InclusionEvent]:
    """:func:`document_decisions` as ``reader`` may see them (dual review hides a decision
    waiting for its second reviewer from everyone but its author)."""
    events = document_decisions(engine, document)
    with reading(engine) as session:
        return visible_decisions(events, dual_review(session), reader)
