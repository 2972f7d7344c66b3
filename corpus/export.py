"""Export outcome records as JSON or CSV with the field names of ``spec/records.md``."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from sqlalchemy.engine import Engine

from corpus.errors import InvalidOption
from corpus.queries import EXPORT_FIELDS, record_rows
from corpus.sheet_columns import REVIEW_COLUMNS, with_review_columns

#: Formats :func:`export_text` writes.
FORMATS = ("json", "csv")


def export_records(engine: Engine, statuses: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Return every record (optionally only some statuses) as a list of plain dicts."""
    return record_rows(engine, statuses=statuses)


def export_text(engine: Engine, fmt: str) -> str:
    """Render all records as ``json`` (a list of objects) or ``csv`` (the same columns).

    JSON has exactly the fields of ``spec/records.md``; the spreadsheet (CSV) adds after them
    the read-only review columns (study label, last reviewer and note, the document's
    consistency flags, the extraction rule) and an empty ``note``.

    Raises
    ------
    InvalidOption
        For another format (checked before the database is read).
    """
    if fmt not in FORMATS:
        raise InvalidOption(f"unknown format {fmt!r} (expected {' or '.join(FORMATS)})")
    rows = export_records(engine)
    if fmt == "json":
        return json.dumps(rows, indent=1, ensure_ascii=False) + "\n"
    rows = with_review_columns(engine, rows)
    buf = io.StringIO()
    fields = [*EXPORT_FIELDS, *REVIEW_COLUMNS]
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()
