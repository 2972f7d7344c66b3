"""Read-only columns of an export for the reviewer's spreadsheet: who, why, which study, flags
and the extraction rule, after the record fields (whose ``context`` and ``provenance`` are
read-only too, :data:`READ_ONLY_FIELDS`).

Export adds them after the record fields; import reads past them (they describe the record,
changing them changes nothing). ``note`` is the one column import reads that export leaves
empty: the reviewer's note for the decisions a row asks for.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from corpus.db import reading
from corpus.models import Document, OutcomeRecord, ReviewEvent, Study

#: Columns export adds after :data:`corpus.queries.EXPORT_FIELDS`; import ignores all but note.
REVIEW_COLUMNS = ("study", "reviewer", "last_note", "flags", "rule", "note")

#: Of those, the ones import never reads.
READ_ONLY_COLUMNS = ("study", "reviewer", "last_note", "flags", "rule")

#: Record fields an import never applies: a changed cell is ignored with a note
#: (:attr:`corpus.csv_import.ImportReport.notes`).
READ_ONLY_FIELDS = ("context", "provenance")


def with_review_columns(engine: Engine, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return export rows with :data:`REVIEW_COLUMNS` filled from the audit trail and studies."""
    from corpus.queries import study_labels

    labels = study_labels(engine)
    with reading(engine) as session:
        last: dict[int, ReviewEvent] = {}
        for event in session.exec(select(ReviewEvent).order_by(ReviewEvent.id)).all():
            last[event.record_id] = event
        rules = dict(session.exec(select(OutcomeRecord.id, OutcomeRecord.rule)).all())
        studies = select(Document.file_name, Study.flags).join(
            Study, Study.document_id == Document.id
        )
        flags = {
            name: "; ".join(sorted({f.get("kind", "") for f in study_flags or []}))
            for name, study_flags in session.exec(studies).all()
        }
    return [
        {**row, "study": labels.get(row["document"], row["document"]),
         "reviewer": last[row["id"]].reviewer if row["id"] in last else "",
         "last_note": (last[row["id"]].note or "") if row["id"] in last else "",
         "flags": flags.get(row["document"], ""), "rule": rules.get(row["id"], ""),
         "note": ""}
        for row in rows
    ]  # fmt: skip
