"""The reviewer's queue: which records are left, and each with its evidence in view.

For every record a reviewer has not decided yet, :func:`load_item` gathers the record, the
spans of its numbers inside its quote (to highlight them) and the text around the quote on its
page (:mod:`corpus.page_text`). :class:`ReviewQueue`
walks the queue with accept / edit / reject / skip / back; it is resumable because the queue
is computed from the audit trail each time it is opened.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from corpus import curation
from corpus.curation import DecisionResult, default_reviewer
from corpus.db import reading
from corpus.decisions import review_states
from corpus.errors import NotFound
from corpus.inclusion import excluded_documents
from corpus.models import Document, OutcomeRecord
from corpus.page_text import CONTEXT_CHARS, PageContext, document_pages, quote_context
from corpus.queries import check_filters, record_rows
from corpus.review_plan import needs_two
from corpus.vocabulary import UNIT_INTERVAL_MEASURES


@dataclass(frozen=True)
class ReviewItem:
    """One record with its evidence: quote, the spans of its numbers in it, its page text.

    ``context_spans`` are the number spans inside ``context.quote`` (the quote as the page
    writes it, line breaks included).
    """

    record: dict[str, Any]
    spans: tuple[tuple[int, int], ...]
    context: PageContext | None
    context_spans: tuple[tuple[int, int], ...] = ()


def pending_ids(
    engine: Engine, reviewer: str, *, document: str | None = None, outcome: str | None = None
) -> list[int]:
    """Return the records ``reviewer`` still owes a decision.

    A record is done once settled: by a decision that applied (one reviewer), a merge of
    agreeing decisions, a resolution or an addition, and until an ``unreview``. A record
    another reviewer decided that waits for a second one (``reviewers = 2`` in the protocol,
    and the record in the double-review sample) stays in the queue of every reviewer who has
    not decided it (:meth:`corpus.decisions.ReviewState.pending_for`). Records of a document
    excluded from the review are not in any queue. A record whose decisions wait for a second
    reviewer it no longer needs (the protocol turned to one reviewer) is in every queue, its
    deciders' too: deciding it again applies at once.
    """
    rows = record_rows(engine, document=document, outcome=outcome)
    excluded = excluded_documents(engine)
    with reading(engine) as session:
        states = review_states(session)
        lapsed = {rid for rid, state in states.items()
                  if state.waiting and not needs_two(session, rid)}  # fmt: skip
    return [
        r["id"] for r in rows
        if r["document"] not in excluded
        and (r["id"] not in states or r["id"] in lapsed or states[r["id"]].pending_for(reviewer))
    ]  # fmt: skip


def load_item(
    engine: Engine,
    record_id: int,
    context_chars: int = CONTEXT_CHARS,
) -> ReviewItem:
    """Return a record with its highlighted numbers and page context.

    A waiting decision never changes a record, so what is stored is what every reviewer
    decides from: nobody sees another's values before deciding.

    Raises
    ------
    NotFound
        No such record (for instance removed by a forced re-ingest).
    """
    with reading(engine) as session:
        found = session.exec(
            select(OutcomeRecord, Document)
            .join(Document, Document.id == OutcomeRecord.document_id)
            .where(OutcomeRecord.id == record_id)
        ).first()
        if found is None:
            raise NotFound(f"record {record_id} does not exist")
        rec, doc = found
        pages = document_pages(session, doc)
        record = {**rec.model_dump(), "document": doc.file_name}
    context = quote_context(pages, rec.page, rec.quote, context_chars)
    in_context = number_spans(context.quote, record) if context else ()
    return ReviewItem(record, number_spans(rec.quote, record), context, in_context)


def number_spans(quote: str, record: Mapping[str, Any]) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) spans in ``quote`` of the record's numbers, merged and sorted.

    Counts are matched as written; a proportion or rate also as a percentage (0.78 -> ``78``,
    ``78.0``), CI bounds likewise; a number inside a longer one (``14`` in ``140``) is not.
    """
    spans: set[tuple[int, int]] = set()
    for text in _number_texts(record):
        pattern = rf"(?<![\d.]){re.escape(text)}(?!\d|\.\d)"
        spans.update(m.span() for m in re.finditer(pattern, quote))
    return _merge(sorted(spans))


def _number_texts(record: Mapping[str, Any]) -> set[str]:
    texts = {str(record[n]) for n in ("events", "total") if record.get(n) is not None}
    scale = 100 if record.get("measure") in UNIT_INTERVAL_MEASURES else 1
    for name in ("value", "ci_low", "ci_high"):
        number = record.get(name)
        if number is None:
            continue
        texts.add(f"{number:g}")
        for digits in (0, 1, 2):
            texts.add(f"{number * scale:.{digits}f}")
    return {t for t in texts if t}


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


class ReviewQueue:
    """One reviewer's pass over their pending records, in document order.

    The queue is fixed when it is opened; :meth:`back` returns to an earlier record so its
    decision can be changed (a reviewer's latest decision is the one that counts).
    """

    def __init__(
        self,
        engine: Engine,
        reviewer: str | None = None,
        *,
        document: str | None = None,
        outcome: str | None = None,
    ) -> None:
        check_filters(engine, document=document, outcome=outcome)
        self.engine = engine
        self.reviewer = default_reviewer(reviewer)
        self.ids = pending_ids(engine, self.reviewer, document=document, outcome=outcome)
        self.position = 0
        self.decided: set[int] = set()
        self._item: ReviewItem | None = None

    @property
    def total(self) -> int:
        """Records in this pass."""
        return len(self.ids)

    def current(self) -> ReviewItem | None:
        """The record under review, or ``None`` at the end of the queue."""
        while self.position < len(self.ids):
            record_id = self.ids[self.position]
            if self._item is not None and self._item.record["id"] == record_id:
                return self._item
            try:
                self._item = load_item(self.engine, record_id)
                return self._item
            except NotFound:  # removed meanwhile (a forced re-ingest): nothing to decide
                del self.ids[self.position]
        return None

    def accept(self, note: str | None = None) -> DecisionResult:
        """Accept the current record and move on."""
        return self._decide(curation.accept, note=note)

    def reject(self, reason: str) -> DecisionResult:
        """Reject the current record (``reason`` required) and move on."""
        return self._decide(curation.reject, reason=reason)

    def edit(self, changes: Mapping[str, Any], note: str | None = None) -> DecisionResult:
        """Change fields of the current record and move on."""
        return self._decide(curation.edit, changes=changes, note=note)

    def skip(self) -> None:
        """Leave the current record undecided and move on (it stays in the queue)."""
        self._require()
        self.position += 1

    def back(self) -> bool:
        """Return to the previous record; ``False`` at the start of the queue."""
        if self.position == 0:
            return False
        self.position -= 1
        self._item = None
        return True

    def _decide(self, action, **kwargs) -> DecisionResult:
        item = self._require()
        result = action(
            self.engine, item.record["id"], reviewer=self.reviewer,
            expected_version=item.record["version"], **kwargs,
        )  # fmt: skip
        return self._advance(result)

    def _advance(self, result: DecisionResult) -> DecisionResult:
        self.decided.add(result.record_id)
        self.position += 1
        self._item = None
        return result

    def _require(self) -> ReviewItem:
        item = self.current()
        if item is None:
            raise NotFound("the review queue is finished")
        return item

    def reload(self) -> None:
        """Forget the cached record (after :class:`~corpus.errors.StaleRecord`)."""
        self._item = None
