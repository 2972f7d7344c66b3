"""`conflicts --reviewer`: the records a reviewer still owes a decision and those waiting for
the other reviewer, blinded as `records` is; and where each value of a conflict comes from."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.blinding import Blinded
from corpus.dual_review import conflicts
from corpus.inclusion import exclude
from corpus.waiting_records import AWAITING, OWED, waiting_records

runner = CliRunner()

#: No reviewer in the environment (the curation conftest sets alice for decisions).
NOBODY = {"CASEMETA_REVIEWER": None, "COLUMNS": "220"}


def cli(db_url: str, *args: str, env=None):
    return runner.invoke(app, ["conflicts", *args, "--db", db_url], env=env or NOBODY)


@pytest.fixture
def decided(engine, stored, dual):
    """alice edited mortality and rejected R0; bob edited survival: each waits for the other."""
    curation.edit(engine, stored["mortality"], {"events": 2}, reviewer="alice")
    curation.reject(engine, stored["r0_resection"], reason="an earlier series", reviewer="alice")
    curation.edit(engine, stored["overall_survival"], {"value": 0.7}, reviewer="bob",
                  note="bob's reading of the curve")  # fmt: skip
    return stored


def test_a_reviewer_sees_what_they_owe_and_what_awaits_the_other(engine, decided):
    found = {item.record_id: item for item in waiting_records(engine, "alice")}
    mort, r0, os_ = (found[decided[n]] for n in ("mortality", "r0_resection", "overall_survival"))
    assert (mort.state, mort.changed_fields()) == (AWAITING, ("events", "value"))
    assert (r0.state, r0.mine.note, r0.changed_fields()) == (AWAITING, "an earlier series", ())
    assert (os_.state, os_.mine, os_.values["value"]) == (OWED, None, 0.74)  # as stored
    assert "bob" not in repr(os_)
    assert mort.mine_provenance()["events"].text() == "events entered (edited by alice)"
    theirs = {item.record_id: item.state for item in waiting_records(engine, "bob")}
    assert theirs == {decided["mortality"]: OWED, decided["r0_resection"]: OWED,
                      decided["overall_survival"]: AWAITING}  # fmt: skip


def test_without_a_reader_nobody_can_tell_whose_turn_it_is(engine, decided):
    with pytest.raises(Blinded) as info:
        waiting_records(engine, None)
    assert str(info.value) == (
        "whose turn a waiting record is depends on who reads; give --reviewer NAME (or set "
        "CASEMETA_REVIEWER)"
    )


def test_records_of_an_excluded_document_are_left_out(engine, decided):
    for name in ("carol", "dave"):  # dual selection: two agreeing exclusions
        exclude(engine, "smith2020.pdf", reason="overlapping cohort", reviewer=name)
    assert waiting_records(engine, "alice") == []


def test_conflicts_reviewer_as_json_is_blinded_like_records(db_url, decided):
    rows = json.loads(cli(db_url, "--reviewer", "alice", "--format", "json").stdout)
    by_id = {row["record_id"]: row for row in rows}
    owed = by_id[decided["overall_survival"]]
    assert (owed["state"], owed["reviewer"], owed["decision"], owed["values"], owed["note"]) == (
        OWED, None, None, {}, None,
    )  # fmt: skip
    assert owed["provenance"]["value"] == {"kind": "stated", "source": ""}
    assert "bob" not in json.dumps(rows)
    mine = by_id[decided["mortality"]]
    assert (mine["state"], mine["reviewer"], mine["values"]) == (
        AWAITING, "alice", {"events": 2, "value": 0.1111},
    )  # fmt: skip
    assert mine["provenance"]["events"] == {"kind": "entered", "source": "edited by alice"}
    rejected = by_id[decided["r0_resection"]]
    assert (rejected["decision"], rejected["provenance"]) == ("reject", None)


def test_the_reviewer_comes_from_the_environment_too(db_url, decided):
    shown = cli(db_url, "--format", "json", env={**NOBODY, "CASEMETA_REVIEWER": "bob"})
    states = {row["record_id"]: row["state"] for row in json.loads(shown.stdout)}
    assert states[decided["overall_survival"]] == AWAITING
    assert states[decided["mortality"]] == OWED


def test_conflicts_without_a_reader_says_how_many_wait(db_url, decided):
    shown = cli(db_url, "--format", "json")
    assert (shown.exit_code, json.loads(shown.stdout)) == (0, [])
    assert shown.stderr == (
        "Note: 3 records wait for a second reviewer; give --reviewer NAME to see which you owe\n"
    )


def test_conflicts_reviewer_table(db_url, decided):
    shown = cli(db_url, "--reviewer", "alice")
    assert shown.exit_code == 0, shown.output
    assert "Conflicts between reviewers: 0" in shown.stdout
    assert "Waiting for a second reviewer: 3 (1 yours to decide)" in shown.stdout
    assert "you owe a decision" in shown.stdout and "waits for the other reviewer" in shown.stdout
    assert "events entered (edited by alice)" in shown.stdout
    assert "bob" not in shown.stdout


def test_an_empty_reviewer_name_is_refused(db_url, decided):
    shown = cli(db_url, "--reviewer", " ")
    assert (shown.exit_code, shown.stderr) == (
        1, "Error: an empty name is not a reviewer (give --reviewer NAME)\n",
    )  # fmt: skip


def test_a_conflict_shows_where_each_value_comes_from(engine, db_url, stored, dual):
    mort = stored["mortality"]
    curation.edit(engine, mort, {"events": 1}, reviewer="alice")
    curation.edit(engine, mort, {"events": 2, "group": "adults"}, reviewer="bob")
    [conflict] = conflicts(engine)
    assert conflict.provenance["events"].kind == "stated"  # "0%" prints the count of none
    bob = conflict.decision_provenance(conflict.decisions[1])
    assert (bob["events"].text(), bob["group"].text()) == (
        "events entered (edited by bob)", "group entered (edited by bob)",
    )  # fmt: skip
    assert bob["total"] == conflict.provenance["total"]  # a field bob kept keeps its own
    rows = json.loads(cli(db_url, "--format", "json").stdout)
    assert [(r["reviewer"], r["state"], r["provenance"]["events"]["source"]) for r in rows] == [
        ("alice", "conflict", "edited by alice"), ("bob", "conflict", "edited by bob"),
    ]  # fmt: skip
    table = cli(db_url).stdout
    assert "events stated; value stated" in table
    assert "events entered (edited by alice); value entered (edited by alice)" in table


def test_records_show_a_reviewer_their_waiting_edit_with_its_provenance(engine, decided):
    from corpus.blinding import visible_record_rows

    mort = decided["mortality"]
    [mine] = [r for r in visible_record_rows(engine, "alice")[0] if r["id"] == mort]
    assert (mine["events"], mine["provenance"]["events"]) == (
        2, {"kind": "entered", "source": "edited by alice"},
    )  # fmt: skip
    [theirs] = [r for r in visible_record_rows(engine, "bob")[0] if r["id"] == mort]
    assert (theirs["events"], theirs["provenance"]["events"]["kind"]) == (0, "stated")


def test_a_reviewers_blinded_sheet_imports_again_without_notes(engine, decided, tmp_path):
    from corpus.csv_import import import_csv
    from corpus.export import export_text

    path = tmp_path / "alice.csv"
    path.write_text(export_text(engine, "csv", "alice"), encoding="utf-8")
    report = import_csv(engine, path, reviewer="alice")
    assert (report.counts(), report.notes) == ({}, ())


def test_a_study_waiting_for_its_second_reviewer_is_listed_blinded(engine, db_url, stored, dual):
    from corpus.waiting_records import waiting_documents

    exclude(engine, "smith2020.pdf", reason="overlapping cohort", reviewer="alice")
    [mine] = waiting_documents(engine, "alice")
    assert (mine.document, mine.state, mine.mine.reason) == (
        "smith2020.pdf", AWAITING, "overlapping cohort",
    )  # fmt: skip
    [theirs] = waiting_documents(engine, "bob")
    assert (theirs.state, theirs.mine) == (OWED, None)
    rows = json.loads(cli(db_url, "--reviewer", "bob", "--format", "json").stdout)
    assert [(r["document"], r["state"], r["reviewer"], r["note"]) for r in rows] == [
        ("smith2020.pdf", OWED, None, None),
    ]  # fmt: skip
    table = cli(db_url, "--reviewer", "alice").stdout
    assert "Selection waiting for a second reviewer: 1 (0 yours to decide)" in table
    assert "overlapping cohort" in table
    assert "overlapping" not in cli(db_url, "--reviewer", "bob").stdout
    with pytest.raises(Blinded):
        waiting_documents(engine, None)
