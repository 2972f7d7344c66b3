"""Schema versions: new databases are stamped, old ones upgraded, newer ones refused."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from corpus import schema
from corpus.db import open_engine, resolve_url
from corpus.errors import DatabaseError, SchemaError


def test_new_database_is_stamped_with_every_step(db_url):
    engine = open_engine(db_url)
    with engine.connect() as conn:
        names = (
            conn.execute(text("select name from schemaversion order by version")).scalars().all()
        )
    assert names == [m.name for m in schema.MIGRATIONS]


def test_newer_schema_is_refused(db_url):
    engine = open_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "insert into schemaversion (version, name, applied_at)"
                " values (999, 'x', '2030-01-01')"
            )
        )
    with pytest.raises(SchemaError, match=r"schema version 999 is newer than this casemeta knows"):
        open_engine(db_url)


def test_older_schema_gets_missing_steps(db_url, monkeypatch):
    open_engine(db_url)
    calls = []
    step = schema.Migration(
        schema.latest_version() + 1, "add_test_table", lambda conn: calls.append(1)
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, step))
    open_engine(db_url)
    open_engine(db_url)  # applied once only
    assert calls == [1]


def test_url_resolution_order(monkeypatch):
    monkeypatch.delenv("CASEMETA_DB", raising=False)
    assert resolve_url(None) == "sqlite:///casemeta.db"
    monkeypatch.setenv("CASEMETA_DB", "sqlite:///env.db")
    assert resolve_url(None) == "sqlite:///env.db"
    assert resolve_url("sqlite:///cli.db") == "sqlite:///cli.db"


def test_bad_url_is_a_clear_error():
    with pytest.raises(DatabaseError, match=r"^invalid database URL 'nonsense://x'"):
        open_engine("nonsense://x")


def test_unwritable_sqlite_path_is_a_clear_error(tmp_path):
    with pytest.raises(
        DatabaseError, match=r"^cannot open database 'sqlite:///.*/missing/dir/x.db'"
    ):
        open_engine(f"sqlite:///{tmp_path}/missing/dir/x.db")


def test_failed_read_is_a_database_error_not_a_traceback(sqlite_url):
    from corpus.queries import record_rows

    engine = open_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE reviewevent"))
        conn.execute(text("DROP TABLE outcomerecord"))
    with pytest.raises(DatabaseError, match=r"^the database could not be read \(.*outcomerecord"):
        record_rows(engine)
