"""Database URLs and engines; the engine is always passed in explicitly, never global."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError
from sqlmodel import Session, create_engine

from corpus.errors import DatabaseError, first_line
from corpus.schema import current_version, ensure_schema

#: Used when neither ``--db`` nor ``CASEMETA_DB`` is given: a file in the working directory.
DEFAULT_URL = "sqlite:///casemeta.db"

#: Environment variable naming the database URL.
ENV_VAR = "CASEMETA_DB"


def resolve_url(url: str | None = None) -> str:
    """Return ``url``, else ``$CASEMETA_DB``, else :data:`DEFAULT_URL`.

    A value without ``://`` is a path to a SQLite file: ``casemeta.db`` is
    ``sqlite:///casemeta.db``, ``/data/review.db`` is ``sqlite:////data/review.db``.
    """
    url = url or os.environ.get(ENV_VAR) or DEFAULT_URL
    return url if "://" in url else f"sqlite:///{url}"


def open_engine(url: str | None = None, *, migrate: bool = True, create: bool = True) -> Engine:
    """Create an engine for ``url`` and bring its schema to the current version.

    Parameters
    ----------
    url : str, optional
        SQLAlchemy URL (``sqlite:///file.db``, ``postgresql+psycopg://user@host/db``) or a
        SQLite file path; resolved with :func:`resolve_url`.
    migrate : bool
        Create or upgrade the schema (default). Read-only callers still need a known version.
    create : bool
        Create the database when it does not exist (default). ``False`` for read-only
        commands: a mistyped path must not leave an empty database behind.

    Raises
    ------
    DatabaseError
        Bad URL, missing driver, unreachable server; with ``create=False``, no casemeta
        database at ``url`` (``no database at ... (run casemeta ingest first)``).
    SchemaError
        A schema this version cannot use.
    """
    url = resolve_url(url)
    try:
        if not create:
            _require_existing(url)
        engine = _create(url)
        if not create:
            _require_schema(engine, url)
        if migrate:
            ensure_schema(engine)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseError(f"invalid database URL {_redact(url)!r}: {first_line(exc)}") from exc
    except ModuleNotFoundError as exc:
        raise DatabaseError(
            f"no driver for {_redact(url)!r} ({exc.name}); install casemeta[postgres]"
        ) from exc
    except OperationalError as exc:
        raise DatabaseError(
            f"cannot open database {_redact(url)!r}: {first_line(exc)}"
        ) from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(f"database error on {_redact(url)!r}: {first_line(exc)}") from exc
    return engine


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    """A session for reads; a database failure becomes :class:`DatabaseError`.

    Writes go through :func:`corpus.record_versions.transaction` or their own transaction.
    """
    try:
        with Session(engine) as session:
            yield session
    except SQLAlchemyError as exc:
        raise DatabaseError(f"the database could not be read ({first_line(exc)})") from exc


def _missing(url: str) -> DatabaseError:
    return DatabaseError(f"no database at {_sqlite_path(url) or _redact(url)} "
                         "(run casemeta ingest first)")


def _sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL as given (relative paths stay relative), else ``None``."""
    parsed = make_url(url)
    path = parsed.database
    if parsed.get_backend_name() != "sqlite" or not path or path == ":memory:":
        return None
    return None if path.startswith("file:") else path


def _require_existing(url: str) -> None:
    """Refuse a SQLite file that does not exist before connecting (connecting creates it)."""
    path = _sqlite_path(url)
    if path is not None and not Path(path).is_file():
        raise _missing(url)


def _require_schema(engine: Engine, url: str) -> None:
    """Refuse a database (an empty file, a fresh PostgreSQL schema) without casemeta tables."""
    with engine.connect() as conn:
        if current_version(conn) is None:
            raise _missing(url)


def _create(url: str) -> Engine:
    if url.startswith("sqlite"):
        # a generous busy timeout: two reviewers (processes) may write the same file
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _redact(url: str) -> str:
    """Hide a password in a URL before it is shown to the user."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}" if ":" in creds else url
    return url

