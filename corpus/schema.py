"""Schema versions as small named migration steps.

A new database gets every table of :mod:`corpus.models` and is stamped with the latest version.
An older database gets the missing steps applied in order, each in its own transaction. A
database stamped with a version newer than this code knows is refused with a clear message
rather than written to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine
from sqlmodel import SQLModel, select

from corpus import models
from corpus.errors import SchemaError


@dataclass(frozen=True)
class Migration:
    """One named schema step; ``apply`` runs inside the transaction of its connection."""

    version: int
    name: str
    apply: Callable[[Connection], None]


def _create_base_tables(conn: Connection) -> None:
    tables = [
        models.Document.__table__,
        models.Study.__table__,
        models.OutcomeRecord.__table__,
        models.PatientRow.__table__,
        models.ReviewEvent.__table__,
    ]
    SQLModel.metadata.create_all(conn, tables=tables)


def _add_document_pages(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn, tables=[models.DocumentPage.__table__])


def _add_inclusion_events(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn, tables=[models.InclusionEvent.__table__])


#: Every step in order; append new steps, never edit or reorder released ones.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create_base_tables", _create_base_tables),
    Migration(2, "add_document_pages", _add_document_pages),
    Migration(3, "add_inclusion_events", _add_inclusion_events),
)


def latest_version() -> int:
    """Return the schema version this code writes."""
    return MIGRATIONS[-1].version


def current_version(conn: Connection) -> int | None:
    """Return the database's schema version, or ``None`` for a database without casemeta tables."""
    if not inspect(conn).has_table(models.SchemaVersion.__tablename__):
        return None
    rows = conn.execute(select(models.SchemaVersion.version)).scalars().all()
    return max(rows) if rows else 0


def ensure_schema(engine: Engine) -> int:
    """Create or upgrade the schema of ``engine``'s database and return its version.

    Raises
    ------
    SchemaError
        The database was written by a newer casemeta, or it holds unrelated tables.
    """
    with engine.begin() as conn:
        version = current_version(conn)
        if version is None:
            if inspect(conn).has_table(models.Document.__tablename__):
                raise SchemaError(
                    "database has casemeta tables but no schema version; cannot upgrade it"
                )
            SQLModel.metadata.create_all(conn)
            for step in MIGRATIONS:
                _stamp(conn, step)
            return latest_version()
    if version > latest_version():
        raise SchemaError(
            f"database schema version {version} is newer than this casemeta knows "
            f"({latest_version()}); upgrade casemeta"
        )
    for step in MIGRATIONS:
        if step.version > version:
            with engine.begin() as conn:
                step.apply(conn)
                _stamp(conn, step)
    return latest_version()


def _stamp(conn: Connection, step: Migration) -> None:
    conn.execute(
        models.SchemaVersion.__table__.insert().values(
            version=step.version, name=step.name, applied_at=models.utcnow()
        )
    )
