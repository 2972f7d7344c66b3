"""Schema versions as small named migration steps.

A new database gets every table of :mod:`corpus.models` and is stamped with the latest version,
in one transaction: a kill or Ctrl-C during the first open leaves an empty file, not a
half-created one. An older database gets the missing steps applied in order, each in its own
transaction. A file half-created by an older casemeta (tables, no version, no rows) is
repaired on open. A database stamped with a version newer than this code knows is refused with
a clear message rather than written to.

Creating and upgrading take the database's write lock first (``BEGIN IMMEDIATE`` on SQLite,
an advisory lock on PostgreSQL), so two first commands at once do not both create tables: the
second waits, then finds the schema made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, inspect, text
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


def _add_record_provenance_and_context(conn: Connection) -> None:
    table = models.OutcomeRecord.__table__
    present = {column["name"] for column in inspect(conn).get_columns(table.name)}
    quote = conn.dialect.identifier_preparer.quote
    for name in ("provenance", "context"):
        if name in present:  # a database created by step 1 of this code has them already
            continue
        kind = table.c[name].type.compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(name)} {kind}"))


def _add_document_removals(conn: Connection) -> None:
    SQLModel.metadata.create_all(conn, tables=[models.DocumentRemoval.__table__])


def _add_inclusion_event_reviewers(conn: Connection) -> None:
    table = models.InclusionEvent.__table__
    present = {column["name"] for column in inspect(conn).get_columns(table.name)}
    if "reviewers" in present:  # a database created by step 3 of this code has it already
        return
    quote = conn.dialect.identifier_preparer.quote
    kind = table.c["reviewers"].type.compile(dialect=conn.dialect)
    conn.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN reviewers {kind}"))


def _add_protocol_events(conn: Connection) -> None:
    from corpus.protocol_events import record_baseline

    SQLModel.metadata.create_all(conn, tables=[models.ProtocolEvent.__table__])
    record_baseline(conn)


def _stamp_decision_reviewers(conn: Connection) -> None:
    from corpus.decision_stamps import stamp_decision_reviewers

    stamp_decision_reviewers(conn)


#: Every step in order; append new steps, never edit or reorder released ones.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "create_base_tables", _create_base_tables),
    Migration(2, "add_document_pages", _add_document_pages),
    Migration(3, "add_inclusion_events", _add_inclusion_events),
    Migration(4, "add_record_provenance_and_context", _add_record_provenance_and_context),
    Migration(5, "add_document_removals", _add_document_removals),
    Migration(6, "add_inclusion_event_reviewers", _add_inclusion_event_reviewers),
    Migration(7, "add_protocol_events", _add_protocol_events),
    Migration(8, "stamp_decision_reviewers", _stamp_decision_reviewers),
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


#: Key of the PostgreSQL advisory lock held while the schema is created or upgraded.
SCHEMA_LOCK_KEY = 0x6361_7365  # "case"


def ensure_schema(engine: Engine) -> int:
    """Create or upgrade the schema of ``engine``'s database and return its version.

    Raises
    ------
    SchemaError
        The database was written by a newer casemeta, or it holds casemeta tables with data
        but no schema version.
    """
    with engine.connect() as conn:  # the usual case, without taking the write lock
        version = current_version(conn)
    if version == latest_version():
        return version
    with engine.begin() as conn:
        _lock(conn)
        version = current_version(conn)  # again: another process may have done it meanwhile
        if version is None:
            _create(conn)
            return latest_version()
    if version > latest_version():
        raise SchemaError(
            f"database schema version {version} is newer than this casemeta knows "
            f"({latest_version()}); upgrade casemeta"
        )
    for step in MIGRATIONS:
        if step.version > version:
            with engine.begin() as conn:
                _lock(conn)
                if current_version(conn) < step.version:
                    step.apply(conn)
                    _stamp(conn, step)
    return latest_version()


def _lock(conn: Connection) -> None:
    """Take the database's write lock for this transaction (waits for another holder)."""
    if conn.dialect.name == "sqlite":
        # pysqlite runs DDL outside a transaction unless one is begun explicitly
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK_KEY})


def _create(conn: Connection) -> None:
    """Create every table and stamp every step; repair a half-created file first."""
    present = [t for t in SQLModel.metadata.sorted_tables if inspect(conn).has_table(t.name)]
    if present:
        if any(conn.execute(select(func.count()).select_from(t)).scalar() for t in present):
            raise SchemaError(
                "database has casemeta tables but no schema version; cannot upgrade it"
            )
        # an older casemeta was stopped while creating them: nothing to keep, start again
        SQLModel.metadata.drop_all(conn, tables=present)
    SQLModel.metadata.create_all(conn)
    for step in MIGRATIONS:
        _stamp(conn, step)


def _stamp(conn: Connection, step: Migration) -> None:
    conn.execute(
        models.SchemaVersion.__table__.insert().values(
            version=step.version, name=step.name, applied_at=models.utcnow()
        )
    )
