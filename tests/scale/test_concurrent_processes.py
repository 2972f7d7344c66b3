"""Two processes ingesting the same folder into one database at once lose and duplicate nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scale_fakes import write_batch
from sqlalchemy import text

from corpus.db import open_engine

SCRIPT = Path(__file__).with_name("scale_fakes.py")
N_FILES, RECORDS = 20, 2


def test_two_ingest_processes_on_one_database(tmp_path, db_url):
    folder = tmp_path / "papers"
    paths = write_batch(folder, N_FILES, records=RECORDS)
    open_engine(db_url).dispose()  # the schema exists before both start, as in a team
    env = {**os.environ, "CASEMETA_FAKE_DELAY": "0.005"}
    procs = [
        subprocess.Popen(
            [sys.executable, str(SCRIPT), db_url, str(folder), workers],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for workers in ("1", "2")
    ]
    outputs = [proc.communicate(timeout=120) for proc in procs]
    for proc, (_out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    lines = [line.split() for out, _err in outputs for line in out.splitlines()]
    assert len(lines) == 2 * N_FILES and {status for status, _name in lines} <= {"ok", "skipped"}
    # every file stored by at least one (both, only when they raced on it: the second
    # rewrote the same rows in place), and most skipped by the other
    assert {name for status, name in lines if status == "ok"} == {p.name for p in paths}
    engine = open_engine(db_url)
    with engine.connect() as conn:
        docs = conn.execute(text("select count(*), count(distinct sha256) from document")).one()
        records = conn.execute(text("select count(*) from outcomerecord")).scalar()
    engine.dispose()
    assert tuple(docs) == (N_FILES, N_FILES)
    assert records == N_FILES * RECORDS
