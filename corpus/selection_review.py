"""Dual study selection: with ``reviewers = 2`` two reviewers include or exclude each document.

Each reviewer's include/exclude is an :class:`~corpus.models.InclusionEvent`; their latest
one since the document was last resolved is their open decision. With one reviewer (no
protocol, or ``reviewers = 1``) the latest decision counts at once, as before. With two, a
document keeps its place (as classified from its ingest, or as last resolved) until two
reviewers' open decisions agree: both include, or both exclude for the same reason (the flow
diagram counts exclusions by reason); a decision made under one reviewer settled its document
and stays settled when the protocol turns dual (:func:`settled_alone`). One decision waits
for the second, blinded: nobody but its author sees it (:func:`visible_decisions`). Two that
differ are a conflict that :func:`resolve_selection` settles with a reason; the resolution is
an event of its own (``resolve_include`` / ``resolve_exclude``), so every step stays in the
audit trail.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from corpus.db import reading
from corpus.models import Document, InclusionEvent
from corpus.review_plan import dual_review

#: A reviewer's selection decisions.
DECISIONS = ("include", "exclude")

#: The adjudicator's resolution of each decision; it closes the open decisions before it.
RESOLVED = {"include": "resolve_include", "exclude": "resolve_exclude"}

#: The decision a resolution stands for.
SETTLES = {action: decision for decision, action in RESOLVED.items()}


@dataclass(frozen=True)
class SelectionState:
    """Where one document's selection stands.

    ``decided`` is the event (or agreeing events) that place the document now (empty: none,
    the document is classified from its ingest); ``open`` holds each reviewer's open
    decision; ``pending`` is ``"waiting"`` (one open decision in dual review), ``"conflict"``
    (open decisions that disagree) or ``""``.
    """

    decided: tuple[InclusionEvent, ...]
    open: dict[str, InclusionEvent]
    pending: str = ""

    @property
    def action(self) -> str | None:
        """``include``, ``exclude``, or ``None`` while only the ingest classifies it."""
        if not self.decided:
            return None
        last = self.decided[-1]
        return SETTLES.get(last.action, last.action)


def agree(decisions: Iterable[InclusionEvent]) -> bool:
    """Same decision, and for an exclusion the same reason."""
    keys = {(d.action, (d.reason or "").strip() if d.action == "exclude" else "")
            for d in decisions}  # fmt: skip
    return len(keys) == 1


def selection_state(events: list[InclusionEvent], dual: bool) -> SelectionState:
    """Where a document stands, from its events in the order written."""
    if not dual:
        return SelectionState(tuple(events[-1:]), {})
    settled: tuple[InclusionEvent, ...] = ()
    open_: dict[str, InclusionEvent] = {}
    for event in events:
        if event.action in SETTLES or settled_alone(event):
            settled, open_ = (event,), {}
        elif event.action in DECISIONS:
            open_[event.reviewer] = event
    if len(open_) == 1:
        return SelectionState(settled, open_, "waiting")
    if len(open_) >= 2 and agree(open_.values()):
        return SelectionState(tuple(sorted(open_.values(), key=lambda e: e.id)), open_)
    if len(open_) >= 2:
        return SelectionState(settled, open_, "conflict")
    return SelectionState(settled, open_)


def settled_alone(event: InclusionEvent) -> bool:
    """Whether a decision was made when one reviewer sufficed: it settled the document, and
    stays settled when the protocol later asks for two reviewers."""
    return event.action in DECISIONS and event.reviewers == 1


def document_events(session: Session) -> dict[int, list[InclusionEvent]]:
    """Every document's selection events, oldest first, by document id."""
    by_document: dict[int, list[InclusionEvent]] = defaultdict(list)
    for event in session.exec(select(InclusionEvent).order_by(InclusionEvent.id)).all():
        by_document[event.document_id].append(event)
    return by_document


@dataclass(frozen=True)
class SelectionConflict:
    """A document whose reviewers' open decisions disagree; ``decisions`` oldest first."""

    document: str
    decisions: tuple[InclusionEvent, ...]


def selection_conflicts(engine: Engine) -> list[SelectionConflict]:
    """Every document whose open selection decisions disagree (dual review), by file name."""
    with reading(engine) as session:
        dual = dual_review(session)
        if not dual:
            return []
        names = dict(session.exec(select(Document.id, Document.file_name)).all())
        found = []
        for document_id, events in document_events(session).items():
            state = selection_state(events, dual)
            if state.pending == "conflict":
                decisions = tuple(sorted(state.open.values(), key=lambda e: e.id))
                found.append(SelectionConflict(names[document_id], decisions))
    return sorted(found, key=lambda c: c.document)


def visible_decisions(
    events: list[InclusionEvent], dual: bool, reader: str | None
) -> list[InclusionEvent]:
    """A document's selection events as ``reader`` may see them.

    While the document waits for its second reviewer, the open decision is shown only to
    the reviewer who made it; everything before it (and everything once two decided) shows.
    """
    state = selection_state(events, dual)
    if state.pending != "waiting":
        return list(events)
    [hidden] = state.open.values()
    return [e for e in events if e.id != hidden.id or e.reviewer == reader]
