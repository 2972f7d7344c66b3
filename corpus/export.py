"""Export outcome records as JSON or CSV with the field names of ``spec/records.md``.

A CSV export is a spreadsheet to edit and import again: its text cells are formula-safe
(:mod:`corpus.csv_cells`) and every row carries the database it came from in a ``database``
column (:mod:`corpus.identity`), so that :mod:`corpus.csv_import` refuses it elsewhere.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from corpus.blinding import visible_rows, without_deciders
from corpus.errors import InvalidOption
from corpus.identity import database_identity
from corpus.listings import rows_to_text
from corpus.queries import EXPORT_FIELDS, record_rows
from corpus.sheet_columns import REVIEW_COLUMNS, with_review_columns

#: Formats :func:`export_text` writes.
FORMATS = ("json", "csv")

#: Column of a CSV export naming the database it was exported from.
DATABASE_COLUMN = "database"


def export_records(engine: Engine, statuses: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Return every record (optionally only some statuses) as a list of plain dicts."""
    return record_rows(engine, statuses=statuses)


def export_text(engine: Engine, fmt: str, reader: str | None = None) -> str:
    """Render all records as ``json`` (a list of objects) or ``csv`` (the same columns).

    JSON has exactly the fields of ``spec/records.md``; the spreadsheet (CSV) adds after them
    the read-only review columns (study label, last reviewer and note, the document's
    consistency flags, the extraction rule), an empty ``note`` and ``database``, with
    :func:`corpus.identity.database_identity`. A record still waiting for its second
    reviewer is written as ``reader`` may see it (:mod:`corpus.blinding`).

    Raises
    ------
    InvalidOption
        For another format (checked before the database is read).
    """
    if fmt not in FORMATS:
        raise InvalidOption(f"unknown format {fmt!r} (expected {' or '.join(FORMATS)})")
    rows, _ = visible_rows(engine, export_records(engine), reader)
    if fmt == "json":
        return rows_to_text(rows, fmt, EXPORT_FIELDS)
    identity = database_identity(engine)
    sheet = without_deciders(engine, with_review_columns(engine, rows), reader)
    marked = [{**row, DATABASE_COLUMN: identity} for row in sheet]
    return rows_to_text(marked, fmt, [*EXPORT_FIELDS, *REVIEW_COLUMNS, DATABASE_COLUMN])
