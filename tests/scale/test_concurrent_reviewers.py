"""Two reviewers curating one database from two processes at once: no decision is lost.

Each process accepts (or rejects) every record at the version it just read, round after
round, so the two race on every record. Whatever the dual-review rules make of the decisions,
the audit trail must hold every call that returned, each change must start from the version
the one before it left (no lost update), and the record's version must count its changes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from sqlmodel import Session, select

from corpus.db import open_engine
from corpus.models import OutcomeRecord, ReviewEvent
from corpus.store import store_extraction
from extract.model import ExtractedDocument, ExtractedRecord, StudyInfo

curation = pytest.importorskip("corpus.curation")

SCRIPT = Path(__file__).with_name("reviewer_process.py")
N_RECORDS, ROUNDS = 12, 2


def seed(engine) -> None:
    records = tuple(
        ExtractedRecord("mortality", "proportion", events=i, total=50, value=i / 50, quote=f"q{i}")
        for i in range(N_RECORDS)
    )
    extracted = ExtractedDocument("text/plain", 1, study=StudyInfo(n_patients=50), records=records)
    store_extraction(engine, Path("series.txt"), "sha-series", extracted)


def test_two_reviewer_processes_lose_no_decision(db_url):
    engine = open_engine(db_url)
    seed(engine)
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(SCRIPT), db_url, name, str(ROUNDS), action],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, action in (("alice", "accept"), ("bob", "reject"))
    }
    counts = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        counts[name] = json.loads(out)
    with Session(engine) as session:
        events = session.exec(select(ReviewEvent).order_by(ReviewEvent.id)).all()
        versions = {r.id: r.version for r in session.exec(select(OutcomeRecord)).all()}
    engine.dispose()

    for name in ("alice", "bob"):
        decisions = [e for e in events if e.reviewer == name and e.action in ("accept", "reject")]
        assert len(decisions) == counts[name]["done"]  # every call that returned is on record
        assert counts[name]["done"] + counts[name]["stale"] == N_RECORDS * ROUNDS
    changes = defaultdict(list)
    for event in events:
        if event.after and event.after.get("applied"):
            changes[event.record_id].append((event.before["version"], event.after["version"]))
    for record_id, version in versions.items():
        chain = changes[record_id]
        # each change starts where the previous one ended: nobody wrote over anybody
        assert [before for before, _after in chain] == list(range(1, version)), chain
        assert all(after == before + 1 for before, after in chain)
