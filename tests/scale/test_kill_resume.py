"""SIGKILL a real ingest process mid-batch: the database stays consistent, a rerun finishes.

The ingest process is ``scale_fakes.py`` run as a script: the library's ingest with a
stand-in extractor that takes a few milliseconds per document, so the kill lands mid-batch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_fakes import fake_extract, write_batch
from sqlalchemy import text

import corpus.ingest as ingest_mod
from corpus.db import open_engine
from corpus.ingest import ingest_paths

SCRIPT = Path(__file__).with_name("scale_fakes.py")
N_FILES, RECORDS, KILL_AFTER = 40, 3, 6


def start_ingest(folder: Path, db_url: str, workers: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), db_url, str(folder), workers],
        env={**os.environ, "CASEMETA_FAKE_DELAY": "0.02"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def landed(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("select count(*) from document where status = 'ok'")).scalar()


def assert_consistent(engine) -> tuple[int, int]:
    """Every stored document has all its records and its study, none twice; return counts."""
    with engine.connect() as conn:
        per_doc = conn.execute(
            text(
                "select d.id, count(r.id) from document d"
                " left join outcomerecord r on r.document_id = d.id group by d.id"
            )
        ).all()
        studies = conn.execute(text("select count(*) from study")).scalar()
        shas = conn.execute(text("select count(distinct sha256), count(*) from document")).one()
    assert all(n == RECORDS for _doc, n in per_doc), per_doc
    assert studies == len(per_doc) and shas[0] == shas[1]
    return len(per_doc), sum(n for _doc, n in per_doc)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_killed_ingest_leaves_whole_documents_and_a_rerun_finishes(
    tmp_path, db_url, workers, monkeypatch
):
    folder = tmp_path / "papers"
    write_batch(folder, N_FILES, records=RECORDS)
    engine = open_engine(db_url)
    proc = start_ingest(folder, db_url, workers)
    deadline = time.monotonic() + 60
    while landed(engine) < KILL_AFTER and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL, f"ingest ended before the kill: {err.decode()}"
    before, _ = assert_consistent(engine)
    assert KILL_AFTER <= before < N_FILES

    monkeypatch.setattr(ingest_mod, "extract_file", fake_extract)
    rerun = ingest_paths(engine, [folder], workers=int(workers))
    assert (rerun.count("skipped"), rerun.count("ok")) == (before, N_FILES - before)
    assert assert_consistent(engine) == (N_FILES, N_FILES * RECORDS)
    engine.dispose()
