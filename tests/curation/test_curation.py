"""Accept, reject, edit, add: validated, versioned and audited in one transaction."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import Session, select

from corpus import curation
from corpus.errors import InvalidEdit, NotFound, StaleRecord
from corpus.history import record_history
from corpus.models import OutcomeRecord, ReviewEvent


def events(engine, record_id):
    with Session(engine) as s:
        query = select(ReviewEvent).where(ReviewEvent.record_id == record_id)
        return s.exec(query.order_by(ReviewEvent.id)).all()


def test_accept_applies_at_once_for_a_single_reviewer(engine, stored, paper):
    result = curation.accept(engine, stored["r0_resection"])
    rec = paper.get(engine, stored["r0_resection"])
    assert (result.applied, rec.status, rec.version) == (True, "accepted", 2)
    [event] = events(engine, rec.id)
    assert (event.reviewer, event.action) == ("alice", "accept")
    assert event.before["status"] == "extracted" and event.after["status"] == "accepted"


def test_reviewer_defaults_to_env_then_login(monkeypatch):
    assert curation.default_reviewer("carol") == "carol"
    assert curation.default_reviewer() == "alice"
    monkeypatch.delenv("CASEMETA_REVIEWER")
    monkeypatch.setattr(curation.getpass, "getuser", lambda: "login-name")
    assert curation.default_reviewer() == "login-name"


def test_edit_changes_fields_and_proportion_value_follows_counts(engine, stored, paper):
    rid = stored["r0_resection"]
    curation.edit(engine, rid, {"events": 15}, note="recounted")
    rec = paper.get(engine, rid)
    assert (rec.events, rec.total, rec.value, rec.status) == (15, 18, round(15 / 18, 4), "edited")
    [event] = events(engine, rid)
    assert (event.before["events"], event.after["events"], event.note) == (14, 15, "recounted")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"events": 20}, "events (20) cannot exceed total (18)"),
        ({"outcome": "overal_survival"}, "unknown outcome 'overal_survival' (did you mean "),
        ({"value": 1.4}, "value 1.4 is outside 0 to 1 for a proportion (71% is 0.71)"),
        ({"ci_low": 0.9, "ci_high": 0.6}, "ci_low (0.9) cannot exceed ci_high (0.6)"),
        ({"measure": "odds"}, "unknown measure 'odds' (expected one of proportion, "),
        ({"colour": "red"}, "unknown field 'colour'"),
    ],
)
def test_invalid_edit_is_one_line_and_changes_nothing(engine, stored, paper, changes, message):
    rid = stored["r0_resection"]
    with pytest.raises(InvalidEdit) as info:
        curation.edit(engine, rid, changes)
    assert str(info.value).startswith(message) and "\n" not in str(info.value)
    rec = paper.get(engine, rid)
    assert (rec.events, rec.value, rec.status, rec.version) == (14, 0.78, "extracted", 1)
    assert events(engine, rid) == []


def test_reject_needs_a_reason(engine, stored, paper):
    rid = stored["mortality"]
    with pytest.raises(InvalidEdit, match=r"^a rejection needs a reason \(--reason\)$"):
        curation.reject(engine, rid, reason=" ")
    curation.reject(engine, rid, reason="cites another series")
    assert paper.get(engine, rid).status == "rejected"
    assert events(engine, rid)[0].note == "cites another series"


def test_second_session_with_an_old_version_gets_stale_record(engine, stored, paper):
    rid = stored["r0_resection"]
    with Session(engine) as first, Session(engine) as second:
        seen_by_a = first.get(OutcomeRecord, rid).version
        seen_by_b = second.get(OutcomeRecord, rid).version
    curation.edit(engine, rid, {"events": 15}, reviewer="alice", expected_version=seen_by_a)
    with pytest.raises(StaleRecord) as info:
        curation.edit(engine, rid, {"events": 13}, reviewer="alice", expected_version=seen_by_b)
    assert str(info.value) == (
        f"record {rid} was changed by someone else since you read it "
        "(version 1, now 2); reload it and try again"
    )
    assert paper.get(engine, rid).events == 15 and len(events(engine, rid)) == 1


def test_unknown_record_is_not_found(engine, stored):
    with pytest.raises(NotFound, match=r"^record 999 does not exist$"):
        curation.accept(engine, 999)


def test_add_creates_an_accepted_manual_record(engine, stored, paper):
    values = {"outcome": "complications_any", "measure": "proportion", "events": 5, "total": 18}
    result = curation.add(engine, document="smith2020.pdf", values=values, note="table 2")
    rec = paper.get(engine, result.record_id)
    assert (rec.status, rec.rule, rec.group, rec.ci_level) == ("accepted", "manual", "all", 0.95)
    [entry] = record_history(engine, rec.id)
    assert entry.action == "add" and ("events", None, 5) in [
        (c.field, c.before, c.after) for c in entry.changes
    ]
    with pytest.raises(NotFound, match=r"^no document named 'nope.pdf'"):
        curation.add(engine, document="nope.pdf", values=values)


def test_history_is_oldest_first_with_changes(engine, stored):
    rid = stored["r0_resection"]
    curation.edit(engine, rid, {"total": 20}, reviewer="alice")
    curation.accept(engine, rid, reviewer="alice", note="checked")
    history = record_history(engine, rid)
    assert [h.action for h in history] == ["extracted", "edit", "accept"]
    assert history[0].note == "rule count_of"
    edit_changes = {c.field: (c.before, c.after) for c in history[1].changes}
    assert edit_changes["total"] == (18, 20) and edit_changes["value"] == (0.78, 0.7)
    assert edit_changes["status"] == ("extracted", "edited")
    assert history[2].changes == () and history[2].note == "checked"


def test_two_concurrent_writers_of_one_version_one_wins_one_is_stale(engine, stored, paper):
    rid = stored["r0_resection"]
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def write(reviewer: str, events: int) -> None:
        barrier.wait()
        try:
            curation.edit(engine, rid, {"events": events}, reviewer=reviewer, expected_version=1)
            outcomes[reviewer] = "ok"
        except StaleRecord:
            outcomes[reviewer] = "stale"

    threads = [threading.Thread(target=write, args=a) for a in (("alice", 15), ("bob", 13))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes.values()) == ["ok", "stale"]
    winner = next(name for name, outcome in outcomes.items() if outcome == "ok")
    rec = paper.get(engine, rid)
    assert (rec.events, rec.version) == ({"alice": 15, "bob": 13}[winner], 2)
    assert [e.reviewer for e in events(engine, rid)] == [winner]
