"""A change of protocol is an event of its own in the audit trail; decisions say whether they
applied alone, with a second reviewer's or wait, also those written before that was recorded
(inferred on upgrade, and marked so)."""

from __future__ import annotations

import json

from sqlalchemy import text
from sqlmodel import Session, select
from typer.testing import CliRunner

from cli import _history_action, app
from corpus import curation
from corpus.decision_stamps import INFERRED_KEY, inferred_reviewers
from corpus.history import PROTOCOL_ENTRY, record_history
from corpus.models import ProtocolEvent, ReviewEvent
from corpus.schema import latest_version

runner = CliRunner()


def events(engine) -> list[tuple[str, int, float]]:
    with Session(engine) as s:
        found = s.exec(select(ProtocolEvent).order_by(ProtocolEvent.id)).all()
        return [(e.kind, e.reviewers, e.double_review_fraction) for e in found]


def actions(engine, rid: int) -> list[str]:
    return [e.action for e in record_history(engine, rid)]


def test_a_protocol_change_shows_in_a_record_nobody_decided_since(engine, stored, protocol):
    mort, r0 = stored["mortality"], stored["r0_resection"]
    protocol(1)
    curation.accept(engine, mort, reviewer="alice")
    protocol(2)
    curation.accept(engine, r0, reviewer="bob")  # another record: mortality is not decided
    assert actions(engine, mort) == ["extracted", "accept", PROTOCOL_ENTRY]
    [entry] = [e for e in record_history(engine, mort) if e.action == PROTOCOL_ENTRY]
    assert (entry.changes[0].before, entry.changes[0].after) == (1, 2)
    assert entry.reviewer == "casemeta" and entry.protocol_event_id is not None


def test_each_change_is_recorded_once_and_a_return_to_one_reviewer_too(
    engine, stored, protocol, tmp_path
):
    protocol(1)
    curation.accept(engine, stored["mortality"], reviewer="alice")
    assert events(engine) == [], "one reviewer is what a database without a protocol has"
    protocol(2, fraction=0.5)
    curation.accept(engine, stored["r0_resection"], reviewer="bob")
    curation.accept(engine, stored["r0_resection"], reviewer="carol")
    assert events(engine) == [("changed", 2, 0.5)]
    protocol(1)
    curation.accept(engine, stored["overall_survival"], reviewer="bob")
    assert events(engine) == [("changed", 2, 0.5), ("changed", 1, 1.0)]
    with Session(engine) as s:
        who = [e.reviewer for e in s.exec(select(ProtocolEvent).order_by(ProtocolEvent.id))]
    assert who == ["bob", "bob"]


def test_a_study_selection_decision_records_the_change_too(engine, stored, protocol):
    from corpus.inclusion import include

    protocol(2)
    include(engine, "smith2020.pdf", reviewer="alice")
    assert events(engine) == [("changed", 2, 1.0)]


def test_a_change_that_leaves_the_record_s_reviewers_alone_is_not_in_its_history(
    engine, stored, protocol
):
    from corpus.merge import double_reviewed

    inside = [rid for rid in stored.values() if double_reviewed(rid, 0.5)]
    outside = [rid for rid in stored.values() if not double_reviewed(rid, 0.5)]
    assert inside and outside, "the sample splits these records (stable: drawn from the ids)"
    protocol(2)
    curation.accept(engine, inside[0], reviewer="alice")
    curation.accept(engine, outside[0], reviewer="alice")
    protocol(2, fraction=0.5)  # the same for records in the sample, one reviewer for others
    untouched = [rid for rid in stored.values() if rid not in (inside[0], outside[0])][0]
    curation.accept(engine, untouched, reviewer="bob")
    assert len(events(engine)) == 2
    # the change to two came before their review began; the second shows where it matters
    assert PROTOCOL_ENTRY not in actions(engine, inside[0])
    assert actions(engine, outside[0]) == ["extracted", "accept", PROTOCOL_ENTRY]
    assert PROTOCOL_ENTRY not in actions(engine, untouched)


def test_init_records_the_review_s_first_settings(sqlite_url, monkeypatch, tmp_path):
    from corpus.db import open_engine
    from corpus.protocol_template import init_protocol

    monkeypatch.delenv("CASEMETA_PROTOCOL", raising=False)
    engine = open_engine(sqlite_url)
    init_protocol(engine, reviewers=2, fraction=0.25)
    assert events(engine) == [("init", 2, 0.25)]
    (tmp_path / "solo").mkdir()
    other = open_engine(f"sqlite:///{tmp_path / 'solo' / 'one.db'}")
    init_protocol(other, reviewers=1)
    assert events(other) == []
    engine.dispose()
    other.dispose()


def test_the_history_says_how_each_decision_stood(engine, stored, protocol):
    mort, r0 = stored["mortality"], stored["r0_resection"]
    curation.accept(engine, r0, reviewer="alice")
    protocol(2)
    curation.edit(engine, mort, {"events": 4}, reviewer="bob")
    curation.edit(engine, mort, {"events": 4}, reviewer="carol")
    curation.accept(engine, r0, reviewer="bob")
    standing = [(e.action, e.standing) for e in record_history(engine, mort)]
    # bob's edit waited when he made it; carol's applied with it, and the merge settled both;
    # the protocol changed before anyone reviewed mortality: no entry, its review began so
    assert standing == [("extracted", None), ("edit", "waiting"), ("edit", "paired"),
                        ("merge", None)]  # fmt: skip
    assert [e.standing for e in record_history(engine, r0)] == [
        None, "alone", None, "waiting"]  # extracted, accept, protocol, accept
    # the history table's action column (tested on its words: the table wraps with the width)
    assert [_history_action(e) for e in record_history(engine, r0)] == [
        "extracted", "accept (one reviewer)", PROTOCOL_ENTRY, "accept (not applied yet)"]


def test_old_trails_are_read_for_how_each_decision_stood():
    merged = [(1, "ann", "accept", {"applied": False}), (2, "ben", "accept", {"applied": True}),
              (3, "ben", "merge", {"applied": True})]
    assert inferred_reviewers(merged) == {1: 2, 2: 2}
    # before merges were written: the second of an agreeing pair applied after a waiting one
    pair = [(1, "ann", "edit", {"applied": False}), (2, "ben", "edit", {"applied": True})]
    assert inferred_reviewers(pair) == {1: 2, 2: 2}
    alone = [(1, "ann", "edit", {"applied": True}), (2, "ben", "edit", {"applied": True})]
    assert inferred_reviewers(alone) == {1: 1, 2: 1}
    before_dual = [(1, "ann", "reject", {"status": "rejected"})]
    assert inferred_reviewers(before_dual) == {1: 1}
    reset = [(1, "ann", "edit", {"applied": False}), (2, "cy", "resolve", {}),
             (3, "ben", "accept", {"applied": True})]
    assert inferred_reviewers(reset) == {1: 2, 3: 1}
    known = [(1, "ann", "accept", {"applied": True, "reviewers": 2})]
    assert inferred_reviewers(known) == {}, "a recorded number is never replaced"


def _back_to_version_6(engine) -> None:
    """The database as schema 6 wrote it: no protocol events, decisions without reviewers."""
    with Session(engine) as s, s.begin():
        for event in s.exec(select(ReviewEvent)).all():
            event.after = {k: v for k, v in (event.after or {}).items() if k != "reviewers"}
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE protocolevent"))
        conn.execute(text("DELETE FROM schemaversion WHERE version >= 7"))


def test_a_version_6_database_gets_protocol_events_and_decisions_that_say_how_they_stood(
    db_url, paper, protocol
):
    from corpus.db import open_engine

    engine = open_engine(db_url)
    stored = paper.store_paper(engine)
    mort, r0 = stored["mortality"], stored["r0_resection"]
    curation.accept(engine, r0, reviewer="alice")  # alone
    protocol(2)
    curation.edit(engine, mort, {"events": 4}, reviewer="bob")  # waits
    _back_to_version_6(engine)
    engine.dispose()
    engine = open_engine(db_url)  # upgrades
    with engine.connect() as conn:
        version = conn.execute(text("select max(version) from schemaversion")).scalar()
    assert version == latest_version() == 8
    assert events(engine) == [("baseline", 2, 1.0)], "the protocol in force at the upgrade"
    with Session(engine) as s:
        stamped = {(e.record_id, e.reviewer): (e.after["reviewers"], e.after[INFERRED_KEY])
                   for e in s.exec(select(ReviewEvent))}  # fmt: skip
    assert stamped == {(r0, "alice"): (1, True), (mort, "bob"): (2, True)}
    # the baseline is no change of this record's (when it took effect is not known) ...
    history = record_history(engine, r0)
    assert [(e.action, e.standing, e.reviewers_inferred) for e in history] == [
        ("extracted", None, False), ("accept", "alone", True)]
    # ... and a decision under the new protocol is marked where the number changed
    curation.accept(engine, r0, reviewer="bob")
    assert actions(engine, r0) == ["extracted", "accept", PROTOCOL_ENTRY, "accept"]
    out = runner.invoke(app, ["history", str(r0), "--db", db_url, "--format", "json",
                              "--reviewer", "bob"])  # fmt: skip
    listed = json.loads(out.stdout)
    assert [(e["standing"], e["reviewers_inferred"]) for e in listed] == [
        (None, False), ("alone", True), (None, False), ("waiting", False)]
    engine.dispose()
