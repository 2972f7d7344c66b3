"""Blinding beyond the queue: records, export and history of a record waiting for its second
reviewer show the values before any decision, and only the reader's own decisions."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.blinding import Blinded, visible_history, visible_record_rows
from corpus.dual_review import conflicts, resolve
from corpus.errors import InvalidOption

runner = CliRunner()

#: No reviewer in the environment (the curation conftest sets alice for decisions).
NOBODY = {"CASEMETA_REVIEWER": None, "COLUMNS": "200"}

REFUSED = (
    "record {rid} waits for a second reviewer, so its decisions are hidden; give --reviewer "
    "NAME (or set CASEMETA_REVIEWER) to see your own"
)


def cli(db_url: str, *args: str, env=None):
    return runner.invoke(app, [*args, "--db", db_url], env=env or NOBODY)


@pytest.fixture
def waiting(engine, stored, dual, paper):
    """alice edited the mortality record in dual review: her edit waits for a second reviewer."""
    rid = stored["mortality"]
    curation.edit(engine, rid, {"events": 3}, reviewer="alice", note="table 2 says 3")
    assert paper.get(engine, rid).events == 0
    return rid


def test_records_and_export_show_a_waiting_record_as_extracted(engine, db_url, waiting):
    rid = waiting
    for env in (NOBODY, {**NOBODY, "CASEMETA_REVIEWER": "bob"}):
        listed = cli(db_url, "records", "--format", "json", env=env)
        [row] = [r for r in json.loads(listed.stdout) if r["id"] == rid]
        assert (row["events"], row["value"], row["status"]) == (0, 0.0, "extracted")
        assert listed.stderr == (
            "Note: 1 record waits for a second reviewer; shown before any decision, as every "
            "reviewer decides them\n"
        )
    exported = cli(db_url, "export", "--format", "csv", "--reviewer", "bob")
    [row] = [r for r in csv.DictReader(io.StringIO(exported.stdout)) if r["id"] == str(rid)]
    assert (row["events"], row["status"], row["reviewer"], row["last_note"]) == (
        "0", "extracted", "", "",
    )  # fmt: skip
    mine = cli(db_url, "export", "--format", "csv", "--reviewer", "alice")
    [row] = [r for r in csv.DictReader(io.StringIO(mine.stdout)) if r["id"] == str(rid)]
    assert (row["events"], row["status"], row["reviewer"], row["last_note"]) == (
        "3", "edited", "alice", "table 2 says 3",
    )  # fmt: skip
    own = cli(db_url, "records", "--format", "json", "--reviewer", "alice")
    assert [(r["events"], r["status"]) for r in json.loads(own.stdout) if r["id"] == rid] == [
        (3, "edited"),
    ]  # fmt: skip
    assert own.stderr == ""  # nothing hidden from the reviewer who decided it
    as_json = cli(db_url, "export", "--format", "json")
    assert [r["events"] for r in json.loads(as_json.stdout) if r["id"] == rid] == [0]


def test_the_status_filter_applies_to_what_the_reader_sees(engine, waiting):
    shown, hidden = visible_record_rows(engine, "bob", statuses=("edited",))
    assert (shown, hidden) == ([], 1)
    shown, _ = visible_record_rows(engine, "bob", statuses=("extracted",))
    assert waiting in [row["id"] for row in shown]
    with pytest.raises(InvalidOption, match=r"^unknown status 'edted'"):
        visible_record_rows(engine, "bob", statuses=("edted",))


def test_history_of_a_waiting_record_shows_only_the_readers_decisions(engine, db_url, stored, dual):
    rid = stored["r0_resection"]
    first = curation.reject(engine, rid, reason="cites another series", reviewer="alice")
    assert first.waiting
    refused = cli(db_url, "history", str(rid))
    assert (refused.exit_code, refused.stderr) == (1, f"Error: {REFUSED.format(rid=rid)}\n")
    bob = cli(db_url, "history", str(rid), "--reviewer", "bob", "--format", "json")
    assert [e["action"] for e in json.loads(bob.stdout)] == ["extracted"]
    alice = cli(db_url, "history", str(rid), "--format", "json",
                env={**NOBODY, "CASEMETA_REVIEWER": "alice"})  # fmt: skip
    assert [(e["reviewer"], e["action"], e["note"]) for e in json.loads(alice.stdout)][1:] == [
        ("alice", "reject", "cites another series"),
    ]  # fmt: skip
    table = cli(db_url, "history", str(rid), "--reviewer", "bob")
    assert "cites another series" not in table.stdout and "reject" not in table.stdout
    assert conflicts(engine) == []  # one decision is no conflict, nor shown as one


def test_once_both_decided_everything_is_visible(engine, db_url, stored, dual):
    rid = stored["r0_resection"]
    curation.reject(engine, rid, reason="cites another series", reviewer="alice")
    curation.edit(engine, rid, {"events": 13}, reviewer="bob")  # a conflict
    shown = cli(db_url, "history", str(rid), "--format", "json")
    assert [(e["reviewer"], e["action"]) for e in json.loads(shown.stdout)] == [
        ("casemeta", "extracted"), ("alice", "reject"), ("bob", "edit"),
    ]  # fmt: skip
    listed = cli(db_url, "conflicts", "--format", "json")
    assert [(r["reviewer"], r["decision"]) for r in json.loads(listed.stdout)] == [
        ("alice", "reject"), ("bob", "edit"),
    ]  # fmt: skip
    resolve(engine, rid, "bob", reviewer="carol")
    after = visible_history(engine, rid, None)
    assert [e.action for e in after] == ["extracted", "reject", "edit", "resolve"]
    listed = cli(db_url, "records", "--format", "json")
    assert listed.stderr == "" and [r["events"] for r in json.loads(listed.stdout)
                                    if r["id"] == rid] == [13]  # fmt: skip


def test_without_dual_review_nothing_is_blinded(engine, db_url, stored):
    rid = stored["mortality"]
    curation.edit(engine, rid, {"events": 2}, reviewer="alice")
    assert [e.action for e in visible_history(engine, rid, None)] == ["extracted", "edit"]
    assert [e.action for e in visible_history(engine, rid, "bob")] == ["extracted", "edit"]
    listed = cli(db_url, "records", "--format", "json")
    assert listed.stderr == "" and [r["events"] for r in json.loads(listed.stdout)
                                    if r["id"] == rid] == [2]  # fmt: skip


def test_a_record_outside_the_double_review_sample_is_not_blinded(engine, stored, protocol):
    from corpus.merge import double_reviewed

    protocol(2, fraction=0.5)
    single = [rid for rid in stored.values() if not double_reviewed(rid, 0.5)]
    double = [rid for rid in stored.values() if double_reviewed(rid, 0.5)]
    for rid in stored.values():
        curation.accept(engine, rid, reviewer="alice")
    for rid in single:
        assert [e.action for e in visible_history(engine, rid, None)][-1] == "accept"
    for rid in double:
        with pytest.raises(Blinded):
            visible_history(engine, rid, None)
    assert single and double  # the three record ids fall on both sides of the sample


def test_an_empty_reader_name_is_refused(db_url, stored):
    out = cli(db_url, "records", "--reviewer", " ")
    assert (out.exit_code, out.stderr) == (
        1, "Error: an empty name is not a reviewer (give --reviewer NAME)\n",
    )  # fmt: skip


def test_the_reviewer_who_decided_sees_their_waiting_decision_and_imports_it_as_a_no_op(
    engine, db_url, stored, dual, tmp_path
):
    from corpus.csv_import import import_csv

    rid = stored["r0_resection"]
    curation.reject(engine, rid, reason="cites another series", reviewer="alice")
    shown, hidden = visible_record_rows(engine, "alice")
    assert hidden == 0 and [r["status"] for r in shown if r["id"] == rid] == ["rejected"]
    shown, hidden = visible_record_rows(engine, "bob")
    assert hidden == 1 and [r["status"] for r in shown if r["id"] == rid] == ["extracted"]
    sheet = tmp_path / "alice.csv"
    cli(db_url, "export", "--format", "csv", "--output", str(sheet), "--reviewer", "alice")
    report = import_csv(engine, sheet, reviewer="alice")
    assert report.counts() == {} and [e.action for e in visible_history(engine, rid, "alice")] == [
        "extracted", "reject",
    ]  # fmt: skip
