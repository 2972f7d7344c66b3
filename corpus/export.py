"""Export outcome records as JSON or CSV with the field names of ``spec/records.md``."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from corpus.errors import InvalidOption
from corpus.listings import rows_to_text
from corpus.queries import EXPORT_FIELDS, record_rows

#: Formats :func:`export_text` writes.
FORMATS = ("json", "csv")


def export_records(engine: Engine, statuses: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """Return every record (optionally only some statuses) as a list of plain dicts."""
    return record_rows(engine, statuses=statuses)


def export_text(engine: Engine, fmt: str) -> str:
    """Render all records as ``json`` (a list of objects) or ``csv`` (the same columns).

    Raises
    ------
    InvalidOption
        For another format (checked before the database is read).
    """
    if fmt not in FORMATS:
        raise InvalidOption(f"unknown format {fmt!r} (expected {' or '.join(FORMATS)})")
    return rows_to_text(export_records(engine), fmt, EXPORT_FIELDS)
