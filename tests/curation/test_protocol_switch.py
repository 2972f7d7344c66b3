"""A protocol that turns from one reviewer to two after records were settled.

Records settled under single review stay settled (not blinded, not back in anyone's queue, not
unsettled by a later disagreement); an unchanged spreadsheet imported again by the second
reviewer changes nothing; a cell the second reviewer really changed is a new decision under
dual review, starting from the record as settled; and the history says when the number of
reviewers changed.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.blinding import visible_history, visible_record_rows
from corpus.csv_import import import_csv
from corpus.dual_review import conflicts, resolve
from corpus.export import export_text
from corpus.history import PROTOCOL_ENTRY, record_history
from corpus.review_queue import pending_ids
from tests.fixtures.sheets import write_sheet

runner = CliRunner()


def sheet(engine, reader: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export_text(engine, "csv", reader))))


def event_count(engine, rid: int) -> int:
    return len(record_history(engine, rid))


@pytest.fixture
def settled(engine, stored, protocol, paper):
    """Under one reviewer alice edited mortality and rejected survival; then dual review."""
    protocol(1)
    curation.edit(engine, stored["mortality"], {"events": 3}, reviewer="alice", note="table 2")
    curation.reject(engine, stored["overall_survival"], reason="cited", reviewer="alice")
    protocol(2)
    return stored


def test_records_settled_by_one_reviewer_stay_settled_and_visible(engine, settled, paper):
    mort, os_ = settled["mortality"], settled["overall_survival"]
    for reader in (None, "bob"):
        rows, hidden = visible_record_rows(engine, reader)
        shown = {r["id"]: (r["events"], r["status"]) for r in rows}
        assert hidden == 0 and shown[mort] == (3, "edited") and shown[os_][1] == "rejected"
    assert pending_ids(engine, "bob") == [settled["r0_resection"]]
    assert [e.action for e in visible_history(engine, mort, None)] == ["extracted", "edit"]
    assert conflicts(engine) == []


def test_an_unchanged_sheet_imported_by_the_second_reviewer_is_a_no_op(
    engine, settled, tmp_path
):
    mort = settled["mortality"]
    before = [event_count(engine, rid) for rid in settled.values()]
    path = write_sheet(tmp_path / "bob.csv", sheet(engine, "bob"))
    for _ in range(2):
        report = import_csv(engine, path, reviewer="bob")
        assert (report.counts(), report.unchanged) == ({}, 3)
    assert [event_count(engine, rid) for rid in settled.values()] == before
    assert [e.action for e in record_history(engine, mort)] == ["extracted", "edit"]


def test_a_sheet_exported_under_one_reviewer_imports_unchanged_after_the_switch(
    engine, stored, protocol, tmp_path
):
    protocol(1)
    curation.accept(engine, stored["r0_resection"], reviewer="alice")
    path = write_sheet(tmp_path / "bob.csv", sheet(engine, "bob"))  # exported before the switch
    protocol(2)
    report = import_csv(engine, path, reviewer="bob")
    assert report.counts() == {} and event_count(engine, stored["r0_resection"]) == 2


def test_a_cell_the_second_reviewer_changed_is_a_decision_under_dual_review(
    engine, settled, tmp_path, paper
):
    mort = settled["mortality"]
    rows = sheet(engine, "bob")
    [row] = [r for r in rows if r["id"] == str(mort)]
    row["events"] = "4"
    report = import_csv(engine, write_sheet(tmp_path / "bob.csv", rows), reviewer="bob")
    [result] = report.results
    assert (result.record_id, result.action, result.waiting) == (mort, "edit", True)
    rec = paper.get(engine, mort)
    assert (rec.events, rec.status) == (3, "edited")  # as settled, until a second reviewer
    assert pending_ids(engine, "alice") == [settled["r0_resection"], mort]
    shown, hidden = visible_record_rows(engine, "alice")
    assert hidden == 1 and [r["events"] for r in shown if r["id"] == mort] == [3]
    assert [r["events"] for r in visible_record_rows(engine, "bob")[0] if r["id"] == mort] == [4]


def test_a_disagreement_after_the_switch_keeps_the_settled_record(engine, settled, paper):
    mort = settled["mortality"]
    curation.edit(engine, mort, {"events": 4}, reviewer="bob")
    result = curation.edit(engine, mort, {"events": 5}, reviewer="alice")
    assert result.conflict_with == ("bob",)
    rec = paper.get(engine, mort)
    assert (rec.events, rec.status) == (3, "edited")  # never back to extracted
    [conflict] = conflicts(engine)
    assert (conflict.record_id, conflict.base["events"]) == (mort, 3)
    resolve(engine, mort, "bob", reviewer="carol")
    assert paper.get(engine, mort).events == 4


def test_an_agreeing_second_decision_after_the_switch_merges(engine, settled, paper):
    os_ = settled["overall_survival"]
    first = curation.accept(engine, os_, reviewer="bob")  # keep it, against the rejection
    assert first.waiting and paper.get(engine, os_).status == "rejected"
    second = curation.accept(engine, os_, reviewer="carol")
    assert second.applied and paper.get(engine, os_).status == "accepted"
    assert [e.action for e in record_history(engine, os_)][-1] == "merge"


def test_the_history_says_when_the_record_needed_a_second_reviewer(engine, db_url, settled):
    mort = settled["mortality"]
    curation.edit(engine, mort, {"events": 4}, reviewer="bob")
    curation.edit(engine, mort, {"events": 4}, reviewer="carol")
    entries = record_history(engine, mort)
    assert [(e.action, e.reviewers) for e in entries] == [
        ("extracted", None), ("edit", 1), (PROTOCOL_ENTRY, None), ("edit", 2), ("edit", 2),
        ("merge", None),
    ]  # fmt: skip
    marker = entries[2]
    assert (marker.changes[0].before, marker.changes[0].after) == (1, 2)
    assert marker.protocol_event_id is not None, "the protocol change is an event of its own"
    assert marker.note == ("the protocol changed (reviewers = 2, double_review_fraction = 1): "
                           "this record needs two reviewers, before one reviewer; what was "
                           "settled stays settled")  # fmt: skip
    out = runner.invoke(app, ["history", str(mort), "--db", db_url, "--format", "json"])
    listed = json.loads(out.stdout)
    assert [(e["action"], e["reviewers"]) for e in listed][1:4] == [
        ("edit", 1), (PROTOCOL_ENTRY, None), ("edit", 2),
    ]  # fmt: skip


def test_a_protocol_entry_never_hints_at_a_hidden_decision(engine, settled):
    """The change of protocol shows to every reader, at the time the protocol file changed,
    not at the time of the (hidden) decision that noticed it."""
    import os
    from datetime import UTC, datetime

    mort = settled["mortality"]
    curation.edit(engine, mort, {"events": 4}, reviewer="bob")  # waits, blinded
    seen = visible_history(engine, mort, "alice")
    assert [e.action for e in seen] == ["extracted", "edit", PROTOCOL_ENTRY]
    own = visible_history(engine, mort, "bob")
    assert [e.action for e in own] == ["extracted", "edit", PROTOCOL_ENTRY, "edit"]
    edited = datetime.fromtimestamp(os.stat(os.environ["CASEMETA_PROTOCOL"]).st_mtime, UTC)
    shown = seen[-1].at.replace(tzinfo=UTC) if seen[-1].at.tzinfo is None else seen[-1].at
    # the file's time, or (a file clock is coarse) alice's decision's, which came before it
    alice = seen[1].at.replace(tzinfo=UTC) if seen[1].at.tzinfo is None else seen[1].at
    assert shown == alice or abs((shown - edited).total_seconds()) < 1e-3
    assert seen[1].at <= seen[-1].at == own[2].at < own[3].at


def test_decisions_without_a_recorded_number_of_reviewers_get_no_protocol_entry(engine, stored):
    """Events written before the number was recorded (``reviewers`` absent) stay as they were."""
    from sqlmodel import Session, select

    from corpus.models import ReviewEvent

    rid = stored["mortality"]
    curation.accept(engine, rid, reviewer="alice")
    with Session(engine) as s, s.begin():
        event = s.exec(select(ReviewEvent).where(ReviewEvent.record_id == rid)).one()
        event.after = {k: v for k, v in event.after.items() if k != "reviewers"}
    curation.edit(engine, rid, {"events": 1}, reviewer="bob")
    assert [(e.action, e.reviewers) for e in record_history(engine, rid)] == [
        ("extracted", None), ("accept", None), ("edit", 1),
    ]  # fmt: skip


def test_kappa_leaves_out_a_record_settled_before_the_switch(engine, settled):
    from corpus.agreement import agreement

    mort, r0 = settled["mortality"], settled["r0_resection"]
    curation.edit(engine, mort, {"events": 4}, reviewer="bob")
    curation.edit(engine, mort, {"events": 4}, reviewer="carol")
    curation.accept(engine, r0, reviewer="bob")
    curation.reject(engine, r0, reason="cited", reviewer="carol")
    found = agreement(engine)
    # only r0 was decided independently: mortality's first decision saw nothing, but bob and
    # carol decided it from alice's settled values
    assert (found.pairs, found.agreed, found.reviewers) == (1, 0, ("bob", "carol"))


def selection(engine, reader=None) -> dict[str, tuple[str, str, str]]:
    from corpus.inclusion import selections

    return {s.document: (s.category, s.reason, s.pending) for s in selections(engine, reader)}


def test_a_study_selected_under_one_reviewer_stays_selected_when_review_turns_dual(
    engine, stored, protocol
):
    from corpus.agreement import selection_agreement
    from corpus.inclusion import exclude, include

    protocol(1)
    exclude(engine, "smith2020.pdf", reason="overlapping cohort", reviewer="alice")
    protocol(2)
    assert selection(engine)["smith2020.pdf"] == ("excluded", "overlapping cohort", "")
    # a new decision under dual review waits for a second reviewer, blinded
    include(engine, "smith2020.pdf", reviewer="bob")
    assert selection(engine)["smith2020.pdf"] == ("excluded", "overlapping cohort", "waiting")
    include(engine, "smith2020.pdf", reviewer="carol")
    assert selection(engine)["smith2020.pdf"][0] == "included"
    agreement = selection_agreement(engine)
    assert (agreement.pairs, agreement.reviewers) == (0, ())  # alice's decision saw no one's


def test_a_selection_decision_records_how_many_reviewers_it_needed(engine, stored, protocol):
    from sqlmodel import Session, select

    from corpus.inclusion import include
    from corpus.models import InclusionEvent

    protocol(1)
    include(engine, "smith2020.pdf", reviewer="alice")
    protocol(2)
    include(engine, "smith2020.pdf", reviewer="bob")
    with Session(engine) as s:
        events = s.exec(select(InclusionEvent).order_by(InclusionEvent.id)).all()
    assert [(e.reviewer, e.reviewers) for e in events] == [("alice", 1), ("bob", 2)]


def test_a_selection_decision_of_unknown_review_keeps_its_old_reading(engine, stored, protocol):
    """Events written before schema 6 (``reviewers`` empty) are read as before: in dual
    review a lone one waits."""
    from sqlmodel import Session, select

    from corpus.inclusion import include
    from corpus.models import InclusionEvent

    protocol(1)
    include(engine, "smith2020.pdf", reviewer="alice")
    with Session(engine) as s, s.begin():
        s.exec(select(InclusionEvent)).one().reviewers = None
    protocol(2)
    assert selection(engine)["smith2020.pdf"][2] == "waiting"


def test_a_version_5_database_gets_the_selection_reviewers_column(db_url, paper):
    from sqlalchemy import inspect, text

    from corpus.db import open_engine
    from corpus.inclusion import include
    from corpus.schema import latest_version

    engine = open_engine(db_url)
    paper.store_paper(engine)
    include(engine, "smith2020.pdf", reviewer="alice")
    with engine.begin() as conn:  # back to what version 5 wrote
        conn.execute(text("ALTER TABLE inclusionevent DROP COLUMN reviewers"))
        conn.execute(text("DELETE FROM schemaversion WHERE version >= 6"))
    engine.dispose()
    engine = open_engine(db_url)
    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("inclusionevent")}
        version = conn.execute(text("select max(version) from schemaversion")).scalar()
        kept = conn.execute(text("select reviewer, reviewers from inclusionevent")).all()
    assert "reviewers" in columns and version == latest_version() >= 6
    assert [tuple(row) for row in kept] == [("alice", None)]
    engine.dispose()


def test_a_decision_left_waiting_when_review_turns_single_is_decided_again(
    engine, stored, protocol, tmp_path, paper
):
    """From two reviewers back to one: a waiting decision is in every queue again (its
    reviewer's too), and its reviewer's sheet imported again applies it."""
    mort = stored["mortality"]
    protocol(2)
    curation.edit(engine, mort, {"events": 3}, reviewer="alice")  # waits for a second reviewer
    rows = sheet(engine, "alice")  # her sheet shows her waiting decision
    path = write_sheet(tmp_path / "alice.csv", rows)
    assert import_csv(engine, path, reviewer="alice").counts() == {}  # still waiting: a no-op
    assert mort not in pending_ids(engine, "alice")
    protocol(1)
    assert mort in pending_ids(engine, "alice") and mort in pending_ids(engine, "bob")
    report = import_csv(engine, path, reviewer="alice")
    assert report.counts() == {"edit": 1} and report.results[0].applied
    rec = paper.get(engine, mort)
    assert (rec.events, rec.status) == (3, "edited")
    assert mort not in pending_ids(engine, "bob")
    entries = record_history(engine, mort)
    assert [(e.action, e.reviewers) for e in entries][-3:] == [
        ("edit", 2), (PROTOCOL_ENTRY, None), ("edit", 1),
    ]  # fmt: skip
