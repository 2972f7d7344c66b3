"""Read-only views of the corpus for listing, exporting and pooling."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from corpus.db import reading
from corpus.errors import InvalidOption
from corpus.models import RECORD_STATUSES, Document, OutcomeRecord, ReviewEvent, Study
from corpus.vocabulary import OUTCOMES, unknown_value

if TYPE_CHECKING:
    import pandas as pd

#: Field order of an exported record: ``spec/records.md`` plus id and version, then what the
#: quote needs to be read (``context``) and where each field came from (``provenance``,
#: :func:`corpus.provenance.provenance_object`).
EXPORT_FIELDS = (
    "id", "version", "document", "outcome", "measure", "group", "events", "total", "value",
    "ci_low", "ci_high", "ci_level", "range_low", "range_high", "timepoint_months",
    "comparison", "adjusted", "p_value", "page", "quote", "status", "context", "provenance",
)  # fmt: skip


@dataclass(frozen=True)
class StudyView:
    """A document with its study (if any) and, for failed ingests, the error."""

    document: Document
    study: Study | None
    records: int


def check_filters(engine: Engine, *, document: str | None = None,
                  outcome: str | None = None) -> None:
    """Refuse a filter value no record can have, naming the nearest valid one.

    A document must be an ingested file name; an outcome one of
    :data:`~corpus.vocabulary.OUTCOMES` or of an outcome a record has (a reviewer's lexicon
    may add names).

    Raises
    ------
    InvalidOption
        ``unknown outcome 'mortalty' (did you mean 'mortality'?)``.
    """
    if document is None and outcome is None:
        return
    with reading(engine) as session:
        if document is not None:
            names = session.exec(select(Document.file_name)).all()
            if document not in names:
                raise InvalidOption(unknown_value("document", document, names))
        if outcome is not None and outcome not in OUTCOMES:
            stored = session.exec(select(OutcomeRecord.outcome).distinct()).all()
            if outcome not in stored:
                raise InvalidOption(unknown_value("outcome", outcome, (*OUTCOMES, *stored)))


def check_statuses(statuses: tuple[str, ...] | None) -> None:
    """Refuse a status that is not one of :data:`~corpus.models.RECORD_STATUSES`.

    Raises
    ------
    InvalidOption
        ``unknown status 'acepted' (did you mean 'accepted'?)``.
    """
    unknown = [s for s in statuses or () if s not in RECORD_STATUSES]
    if unknown:
        raise InvalidOption(unknown_value("status", unknown[0], RECORD_STATUSES))


def record_rows(
    engine: Engine,
    *,
    document: str | None = None,
    outcome: str | None = None,
    statuses: tuple[str, ...] | None = None,
) -> list[dict[str, Any]]:
    """Return outcome records as dicts with :data:`EXPORT_FIELDS`, ordered by document and id.

    Parameters
    ----------
    document : str, optional
        Only records of the document with this file name.
    outcome : str, optional
        Only this outcome.
    statuses : tuple of str, optional
        Only records in these statuses.

    Raises
    ------
    InvalidOption
        A status that is not one of :data:`~corpus.models.RECORD_STATUSES`, or a document or
        outcome that is not known (see :func:`check_filters`): a typo would otherwise list
        nothing.
    """
    check_statuses(statuses)
    check_filters(engine, document=document, outcome=outcome)
    query = select(OutcomeRecord, Document.file_name).join(
        Document, Document.id == OutcomeRecord.document_id
    )
    if document:
        query = query.where(Document.file_name == document)
    if outcome:
        query = query.where(OutcomeRecord.outcome == outcome)
    if statuses:
        query = query.where(OutcomeRecord.status.in_(statuses))
    query = query.order_by(Document.file_name, OutcomeRecord.id)
    with reading(engine) as session:
        return [_as_row(rec, name) for rec, name in session.exec(query).all()]


def _as_row(rec: OutcomeRecord, file_name: str) -> dict[str, Any]:
    from corpus.provenance import provenance_object

    data = rec.model_dump()
    data["document"] = file_name
    # every field's provenance as shown, the stored one where extraction or a reviewer set it
    data["provenance"] = provenance_object(data)
    return {name: data.get(name) for name in EXPORT_FIELDS}


def records_frame(engine: Engine, statuses: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Return records as a DataFrame for pooling, with a ``study_label`` column.

    ``study_label`` is "First author year" where the study is known, else the file name.
    Only documents study selection included are pooled (:mod:`corpus.inclusion`).
    """
    import pandas as pd

    from corpus.inclusion import included_documents

    included = included_documents(engine)
    rows = [r for r in record_rows(engine, statuses=statuses) if r["document"] in included]
    labels = study_labels(engine)
    frame = pd.DataFrame(rows, columns=list(EXPORT_FIELDS))
    frame["study_label"] = [labels.get(doc, doc) for doc in frame["document"]]
    return frame


def study_labels(engine: Engine) -> dict[str, str]:
    """Map each document's file name to a label such as ``Bertrand 2024``."""
    query = select(Document.file_name, Study.first_author, Study.year).join(
        Study, Study.document_id == Document.id, isouter=True
    )
    with reading(engine) as session:
        out = {}
        for name, author, year in session.exec(query).all():
            parts = [str(p) for p in (author, year) if p]
            out[name] = " ".join(parts) if parts else name
        return out


def list_studies(engine: Engine) -> list[StudyView]:
    """Return every document (failed ones included) with its study and record count."""
    with reading(engine) as session:
        docs = session.exec(select(Document).order_by(Document.file_name)).all()
        studies = {s.document_id: s for s in session.exec(select(Study)).all()}
        counts: dict[int, int] = {}
        for doc_id in session.exec(select(OutcomeRecord.document_id)).all():
            counts[doc_id] = counts.get(doc_id, 0) + 1
        return [StudyView(d, studies.get(d.id), counts.get(d.id, 0)) for d in docs]


#: Audit actions that decide a record (not merges or bookkeeping); the first three are the
#: independent decisions of dual review, ``resolve`` settles their disagreement.
DECISION_ACTIONS = ("accept", "edit", "reject", "add", "resolve")


def record_reviewers(
    engine: Engine, actions: tuple[str, ...] = DECISION_ACTIONS
) -> dict[int, set[str]]:
    """Map each record a reviewer decided on (with one of ``actions``) to who did."""
    query = select(ReviewEvent.record_id, ReviewEvent.reviewer).where(
        ReviewEvent.action.in_(actions)
    )
    out: dict[int, set[str]] = {}
    with reading(engine) as session:
        for record_id, reviewer in session.exec(query):
            out.setdefault(record_id, set()).add(reviewer)
    return out


def review_actions(engine: Engine) -> list[tuple[str, str]]:
    """Return ``(reviewer, action)`` of every audit event, for counts of who did what."""
    query = select(ReviewEvent.reviewer, ReviewEvent.action)
    with reading(engine) as session:
        return [(reviewer, action) for reviewer, action in session.exec(query)]
