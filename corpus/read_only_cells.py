"""The read-only cells of a spreadsheet a reviewer changed: noted, never applied.

A row's ``context`` and ``provenance`` (:data:`corpus.sheet_columns.READ_ONLY_FIELDS`)
describe the record; an import ignores a changed one and says so in its report.
"""

from __future__ import annotations

from sqlmodel import Session, select

from corpus.decisions import open_decisions, record_events
from corpus.models import OutcomeRecord
from corpus.provenance import (
    decision_provenance,
    provenance_line,
    provenance_object,
    record_provenance,
)
from corpus.sheet_columns import READ_ONLY_FIELDS
from corpus.sheet_values import whole_number


def read_only_notes(
    session: Session, rows: list[dict[str, str]], reviewer: str | None = None
) -> list[str]:
    """One note per read-only cell of an existing record's row that differs from the record
    (``row 3: provenance is read-only; the changed cell was ignored``).

    The provenance of ``reviewer``'s own waiting decision is what their export showed
    (:mod:`corpus.blinding`), so it is no change either.

    Parameters
    ----------
    session : Session
        A session on the database the rows were exported from.
    rows : list of dict
        The spreadsheet's rows (:func:`corpus.sheet_reading.read_rows`).
    reviewer : str, optional
        Who imports the file.

    Returns
    -------
    list of str
        The notes, in row order.
    """
    ids = {whole_number((row.get("id") or "").strip()) for row in rows} - {None}
    query = select(OutcomeRecord).where(OutcomeRecord.id.in_(list(ids)))
    records = {rec.id: rec for rec in session.exec(query)}
    notes = []
    for line, row in enumerate(rows, start=2):
        rec = records.get(whole_number((row.get("id") or "").strip()))
        if rec is None:
            continue
        shown = {"context": {rec.context or ""},
                 "provenance": _provenance_lines(session, rec, reviewer)}  # fmt: skip
        notes += [f"row {line}: {name} is read-only; the changed cell was ignored"
                  for name in READ_ONLY_FIELDS
                  if name in row and row[name].strip() not in {v.strip() for v in shown[name]}]
    return notes


def _provenance_lines(session: Session, rec: OutcomeRecord, reviewer: str | None) -> set[str]:
    """The provenance cells an export may have written for ``rec``: the record's, and the one
    of ``reviewer``'s waiting decision on it."""
    data = rec.model_dump()
    lines = {provenance_line(provenance_object(data))}
    mine = open_decisions(record_events(session, rec.id)).get(reviewer) if reviewer else None
    if mine is not None:
        asked = decision_provenance(record_provenance(data), data, mine)
        lines.add(provenance_line({n: p.to_dict() for n, p in asked.items()}))
    return lines
