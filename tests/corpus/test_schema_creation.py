"""Schema creation is one transaction; a half-created file is repaired (issue 11, rows 12-13)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from corpus import schema
from corpus.db import open_engine
from corpus.errors import SchemaError
from corpus.models import Document

ROOT = Path(__file__).resolve().parents[2]


def tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_an_interrupted_first_open_leaves_no_tables(db_url, monkeypatch):
    def interrupted(conn, step):
        raise KeyboardInterrupt  # Ctrl-C after the tables were created, before the stamp

    monkeypatch.setattr(schema, "_stamp", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_engine(db_url)
    assert tables(db_url) == set()
    monkeypatch.undo()
    open_engine(db_url)
    assert "schemaversion" in tables(db_url) and "document" in tables(db_url)


def test_a_half_created_file_is_repaired_on_open(db_url):
    engine = create_engine(db_url)
    with engine.begin() as conn:  # what an older casemeta left when killed: tables, no stamp
        Document.__table__.create(conn)
    engine.dispose()
    open_engine(db_url)
    assert {"document", "outcomerecord", "schemaversion"} <= tables(db_url)


def test_a_file_with_data_but_no_version_is_still_refused(db_url):
    engine = create_engine(db_url)
    with engine.begin() as conn:
        Document.__table__.create(conn)
        conn.execute(text("insert into document (file_name, path, status, ingested_at) "
                          "values ('a.pdf', 'a.pdf', 'ok', '2024-01-01')"))  # fmt: skip
    engine.dispose()
    with pytest.raises(SchemaError) as info:
        open_engine(db_url)
    assert str(info.value) == (
        "database has casemeta tables but no schema version; cannot upgrade it"
    )


def test_first_commands_at_once_all_succeed(db_url):
    code = "import sys; from corpus.db import open_engine; open_engine(sys.argv[1])"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, db_url], cwd=ROOT, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
    engine = create_engine(db_url)
    with engine.connect() as conn:
        stamps = conn.execute(text("select count(*) from schemaversion")).scalar()
    engine.dispose()
    assert stamps == len(schema.MIGRATIONS)
