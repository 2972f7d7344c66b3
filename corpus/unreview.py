"""Return a reviewed record to ``extracted`` with its extracted values (audited).

The ``unreview`` event closes every open decision on the record, like a resolve, so the record
is back in every reviewer's queue and the next decisions start from the extracted values.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from corpus.curation import DecisionResult, default_reviewer
from corpus.decisions import UNREVIEW_ACTION, record_events
from corpus.errors import InvalidEdit
from corpus.models import ReviewEvent
from corpus.record_versions import lock_record, snapshot, transaction, write_values
from corpus.vocabulary import EDITABLE_FIELDS


def unreview(
    engine: Engine,
    record_id: int,
    *,
    reviewer: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> DecisionResult:
    """Return a record to ``extracted`` with its extracted values; every open decision closes.

    Raises
    ------
    InvalidEdit
        The record was never reviewed, or a reviewer added it (reject it instead).
    """
    with transaction(engine) as session:
        rec = lock_record(session, record_id, expected_version)
        history = record_events(session, rec.id)
        if any(event.action == "add" for event in history):
            raise InvalidEdit(f"record {rec.id} was added by a reviewer; reject it instead")
        if not history:
            raise InvalidEdit(f"record {rec.id} has not been reviewed (status {rec.status})")
        extracted = history[0].before or {}
        values = {name: extracted.get(name, getattr(rec, name)) for name in EDITABLE_FIELDS}
        before = snapshot(rec)
        write_values(rec, values, "extracted")
        session.add(
            ReviewEvent(
                record_id=rec.id, reviewer=default_reviewer(reviewer), action=UNREVIEW_ACTION,
                before=before, after={**snapshot(rec), "applied": True}, note=note,
            )
        )  # fmt: skip
        session.flush()
        return DecisionResult(rec.id, UNREVIEW_ACTION, rec.status, rec.version)
