"""Study selection: include or exclude a document with a reason (audited), and the PRISMA counts.

Each decision is an :class:`~corpus.models.InclusionEvent`; the latest one of a document
counts and the earlier ones stay as its history, so excluding a document hides it from the
review queue and from pooling without deleting anything. A document nobody decided on is
classified from its ingest: failed, not a study, a review of other studies, or included when
it holds a study. A reviewer's ``include`` overrides that classification (a misread review),
an ``exclude`` always wins.

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
from sqlmodel import select

from corpus.curation import default_reviewer, find_document
from corpus.db import reading
from corpus.errors import InvalidEdit
from corpus.models import Document, InclusionEvent, Study
from corpus.protocol import protocol_for
from corpus.record_versions import transaction

#: What study selection made of a document, in the order of the flow diagram.
CATEGORIES = ("failed", "not_a_study", "review", "excluded", "included")


@dataclass(frozen=True)
class Selection:
    """One document's place in study selection; ``reason`` and ``reviewer`` for decisions."""

    document: str
    category: str
    reason: str = ""
    reviewer: str = ""
    at: datetime | None = None


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
    protocol = protocol_for(engine)
    allowed = allowed or (protocol.exclusion_reasons if protocol is not None else ())
    if not reason:
        raise InvalidEdit("an exclusion needs a reason (--reason)")
    if allowed and reason not in allowed:
        raise InvalidEdit(
            f"reason {reason!r} is not one of the protocol's: {'; '.join(allowed)}"
        )
    return _decide(engine, document, "exclude", reviewer, reason)


def _decide(engine: Engine, name: str, action: str, reviewer: str | None, reason: str | None):
    reviewer = default_reviewer(reviewer)
    with transaction(engine) as session:
        doc = find_document(session, name)
        if doc.status != "ok":
            raise InvalidEdit(f"{name} failed to ingest; there is no study to {action}")
        event = InclusionEvent(document_id=doc.id, reviewer=reviewer, action=action, reason=reason)
        session.add(event)
        session.flush()
        category = "included" if action == "include" else "excluded"
        return Selection(doc.file_name, category, reason or "", reviewer, event.at)


def selections(engine: Engine) -> list[Selection]:
    """Return every document's place in study selection, by file name."""
    with reading(engine) as session:
        docs = session.exec(select(Document).order_by(Document.file_name, Document.id)).all()
        with_study = set(session.exec(select(Study.document_id)).all())
        events = session.exec(select(InclusionEvent).order_by(InclusionEvent.id)).all()
        latest = {event.document_id: event for event in events}
        return [_selection(doc, doc.id in with_study, latest.get(doc.id)) for doc in docs]


def _selection(doc: Document, has_study: bool, event: InclusionEvent | None) -> Selection:
    if doc.status != "ok":
        return Selection(doc.file_name, "failed", doc.error or "")
    if event is not None:
        category = "excluded" if event.action == "exclude" else "included"
        return Selection(doc.file_name, category, event.reason or "", event.reviewer, event.at)
    if doc.document_type == "review":
        return Selection(doc.file_name, "review", "reviews other studies")
    if doc.document_type == "not_a_study" or not has_study:
        return Selection(doc.file_name, "not_a_study", "no study cohort reported")
    return Selection(doc.file_name, "included")


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
