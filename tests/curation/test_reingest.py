"""No decision is lost: a forced re-ingest replaces only untouched ``extracted`` records."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.history import record_history
from corpus.ingest import ingest_paths
from corpus.models import OutcomeRecord, ReviewEvent
from corpus.review_queue import load_item
from corpus.store import store_extraction

SERIES = """Outcomes of pelvic exenteration: a case series

Methods
We reviewed 18 consecutive patients treated between 2010 and 2020.

Results
Complete excision (R0) was achieved in 14 of 18 patients (78%). The 30-day mortality was 0%.
Major complications occurred in 5 of 18 patients (28%).
"""


def snapshot(engine):
    with Session(engine) as s:
        rows = s.exec(select(OutcomeRecord).order_by(OutcomeRecord.id)).all()
        return [(r.id, r.outcome, r.status, r.events, r.version) for r in rows]


def test_reviewed_and_pending_records_survive_store_extraction(engine, stored, protocol, paper):
    protocol(1)
    curation.edit(engine, stored["r0_resection"], {"events": 15}, reviewer="alice")
    curation.reject(engine, stored["overall_survival"], reason="cited", reviewer="alice")
    protocol(2)  # dual review from now on
    curation.accept(engine, stored["r0_resection"], reviewer="bob")
    curation.edit(engine, stored["mortality"], {"events": 1}, reviewer="alice")  # pending
    before = snapshot(engine)
    new_os = paper.OS.__class__(**{**paper.OS.to_dict(), "value": 0.8, "quote": "OS was 80%."})
    store_extraction(engine, Path("smith2020.pdf"), "sha-smith", paper.extraction(
        paper.R0, paper.MORT, paper.OS, new_os,
    ))  # fmt: skip
    after = snapshot(engine)
    assert after[:3] == before  # ids, statuses, values and versions all kept
    assert [(r[1], r[2]) for r in after[3:]] == [("overall_survival", "extracted")]
    assert record_history(engine, stored["mortality"])[-1].applied is False
    with Session(engine) as s:
        # alice settled r0 alone; bob's accept under dual review waits for a second reviewer
        actions = [e.action for e in s.exec(select(ReviewEvent).order_by(ReviewEvent.id)).all()]
        assert actions == ["edit", "reject", "accept", "edit"]


def test_real_ingest_force_keeps_curation(engine, db_url, tmp_path):
    source = tmp_path / "series.txt"
    source.write_text(SERIES)
    ingest_paths(engine, [source])
    records = {r[1]: r[0] for r in snapshot(engine)}
    assert {"r0_resection", "mortality"} <= set(records)
    curation.edit(engine, records["r0_resection"], {"events": 13}, reviewer="alice")
    curation.reject(engine, records["mortality"], reason="wrong window", reviewer="alice")
    item = load_item(engine, records["r0_resection"])  # page text, stored or read again
    assert item.context is not None and "18 consecutive patients" in item.context.before
    result = CliRunner().invoke(app, ["ingest", str(source), "--force", "--db", db_url])
    assert result.exit_code == 0, result.output
    after = {r[1]: r for r in snapshot(engine)}
    assert after["r0_resection"][2:4] == ("edited", 13)
    assert after["mortality"][2] == "rejected"
    assert sum(1 for r in snapshot(engine) if r[1] == "r0_resection") == 1
