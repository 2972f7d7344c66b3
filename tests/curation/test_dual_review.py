"""Dual review (``reviewers = 2`` in the protocol): a record changes only when two reviewers'
decisions agree; without a protocol one reviewer's decision applies, whoever makes it."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.dual_review import conflicts, resolve
from corpus.errors import InvalidEdit
from corpus.history import record_history

runner = CliRunner()


@pytest.fixture
def two_reviewers(engine, stored, dual):
    """Dual review is on; alice and bob have both decided (and agreed on) the R0 record."""
    curation.accept(engine, stored["r0_resection"], reviewer="alice")
    result = curation.accept(engine, stored["r0_resection"], reviewer="bob")
    assert result.applied and result.status == "accepted"
    return stored


def test_agreeing_edits_apply_only_when_the_second_reviewer_agrees(engine, two_reviewers, paper):
    rid = two_reviewers["mortality"]
    first = curation.edit(engine, rid, {"events": 1}, reviewer="alice")
    rec = paper.get(engine, rid)
    assert (first.applied, first.waiting, rec.status, rec.events) == (False, True, "extracted", 0)
    assert first.summary() == f"record {rid}: edit recorded; waiting for a second reviewer"
    second = curation.edit(engine, rid, {"events": 1}, reviewer="bob")
    rec = paper.get(engine, rid)
    assert (second.applied, rec.status, rec.events, rec.value) == (True, "edited", 1, 0.0556)
    history = record_history(engine, rid)
    assert [(h.action, h.applied) for h in history] == [
        ("extracted", True), ("edit", False), ("edit", True), ("merge", True),
    ]  # fmt: skip
    assert conflicts(engine) == []


def test_disagreement_is_a_conflict_until_resolved(engine, two_reviewers, paper):
    rid = two_reviewers["overall_survival"]
    curation.reject(engine, rid, reason="another study's number", reviewer="alice")
    result = curation.edit(engine, rid, {"value": 0.75}, reviewer="bob")
    assert result.conflict_with == ("alice",) and not result.applied
    assert paper.get(engine, rid).status == "extracted"
    [conflict] = conflicts(engine)
    assert conflict.record_id == rid and conflict.document == "smith2020.pdf"
    assert [(d.reviewer, d.action) for d in conflict.decisions] == [
        ("alice", "reject"), ("bob", "edit"),
    ]  # fmt: skip
    assert conflict.differing_fields() == ()  # only one reviewer keeps the record
    settled = resolve(engine, rid, "bob", reviewer="carol")
    rec = paper.get(engine, rid)
    assert (settled.status, rec.status, rec.value) == ("edited", "edited", 0.75)
    assert conflicts(engine) == []
    assert record_history(engine, rid)[-1].action == "resolve"


def test_conflicting_values_are_listed_side_by_side(engine, db_url, two_reviewers):
    rid = two_reviewers["mortality"]
    curation.edit(engine, rid, {"events": 1}, reviewer="alice")
    curation.edit(engine, rid, {"events": 2}, reviewer="bob")
    [conflict] = conflicts(engine)
    assert conflict.differing_fields() == ("events", "value")
    result = runner.invoke(app, ["conflicts", "--db", db_url], env={"COLUMNS": "200"})
    assert "Conflicts between reviewers: 1" in result.stdout
    assert "events=1, value=0.0556" in result.stdout and "events=2, value=0.1111" in result.stdout
    result = runner.invoke(
        app, ["resolve", str(rid), "--decision", "accept", "--events", "2", "--db", db_url]
    )
    assert result.stdout == f"record {rid}: resolved as edited (version 2)\n"


def test_resolve_needs_a_known_decision(engine, two_reviewers):
    rid = two_reviewers["mortality"]
    curation.accept(engine, rid, reviewer="alice")
    with pytest.raises(InvalidEdit) as info:
        resolve(engine, rid, "dave")
    assert str(info.value) == (
        f"record {rid}: 'dave' is neither accept, reject, edit nor a reviewer with an open "
        "decision (open: alice)"
    )
    with pytest.raises(InvalidEdit, match=r"^a rejection needs a reason"):
        resolve(engine, rid, "reject")


def test_a_single_reviewer_never_waits(engine, stored, paper):
    result = curation.edit(engine, stored["mortality"], {"events": 1}, reviewer="alice")
    assert result.applied and paper.get(engine, stored["mortality"]).status == "edited"


def test_without_a_protocol_a_second_reviewer_does_not_make_records_need_two(engine, stored, paper):
    curation.accept(engine, stored["r0_resection"], reviewer="alice")
    result = curation.edit(engine, stored["mortality"], {"events": 1}, reviewer="bob")
    assert (result.applied, result.waiting) == (True, False)
    again = curation.accept(engine, stored["overall_survival"], reviewer="alice")
    rec = paper.get(engine, stored["overall_survival"])
    assert (again.applied, rec.status) == (True, "accepted")
    # bob's later decision on alice's record applies too: no conflict without dual review
    late = curation.reject(engine, stored["r0_resection"], reason="cited", reviewer="bob")
    assert (late.applied, late.conflict_with) == (True, ())
    assert paper.get(engine, stored["r0_resection"]).status == "rejected"
    assert conflicts(engine) == []
