"""`history` says where each value came from at every step: as extracted (stated, derived,
defaulted), entered by whom, given back by an unreview; and a blinded reader learns nobody
else's edits through it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlmodel import Session
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.blinding import visible_history
from corpus.dual_review import resolve
from corpus.history import record_history
from corpus.models import OutcomeRecord
from corpus.provenance import record_provenance
from corpus.unreview import unreview
from extract.model import ExtractedRecord, Provenance

runner = CliRunner()

#: an invented sentence: a count it prints, a total from the cohort, a rate derived from both
DEATHS = ExtractedRecord(
    "mortality", "proportion", events=4, total=30, value=0.1333, timepoint_months=1, page=2,
    quote="Four patients died in the first month.", rule="paired",
    provenance={"events": Provenance("stated"),
                "total": Provenance("defaulted", "the cohort size of the study"),
                "value": Provenance("derived", "from 4/30"),
                "timepoint_months": Provenance("defaulted", "the sentence before")},
)  # fmt: skip


@pytest.fixture
def rid(engine, paper) -> int:
    return paper.store_paper(engine, DEATHS)["mortality"]


def texts(entry) -> dict[str, str]:
    return {name: p.text() for name, p in entry.provenance.items()}


def stored_now(engine, rid: int) -> dict:
    with Session(engine) as s:
        return record_provenance(s.get(OutcomeRecord, rid).model_dump())


def test_the_extraction_entry_gives_every_fields_provenance(engine, rid):
    [origin] = record_history(engine, rid)
    assert texts(origin) == {
        "events": "events stated", "total": "total defaulted (the cohort size of the study)",
        "value": "value derived (from 4/30)",
        "timepoint_months": "time point defaulted (the sentence before)",
    }  # fmt: skip


def test_an_edit_is_entered_by_its_reviewer_and_an_unreview_gives_the_extraction_back(
    engine, rid
):
    curation.edit(engine, rid, {"total": 32}, reviewer="alice")
    unreview(engine, rid, reviewer="alice")
    _, edit, undo = record_history(engine, rid)
    assert texts(edit) == {"total": "total entered (edited by alice)",
                           "value": "value entered (edited by alice)"}  # fmt: skip
    assert texts(undo) == {"total": "total defaulted (the cohort size of the study)",
                           "value": "value derived (from 4/30)"}  # fmt: skip
    assert undo.provenance == {k: v for k, v in stored_now(engine, rid).items() if k in texts(undo)}


def test_a_merge_credits_each_field_to_its_reviewer_and_a_resolution_to_the_adjudicator(
    engine, rid, dual
):
    curation.edit(engine, rid, {"total": 32}, reviewer="alice")
    curation.edit(engine, rid, {"timepoint_months": 0.5}, reviewer="bob")
    merge = record_history(engine, rid)[-1]
    assert merge.action == "merge"
    assert texts(merge) == {"total": "total entered (edited by alice)",
                            "value": "value entered (edited by alice)",
                            "timepoint_months": "time point entered (edited by bob)"}  # fmt: skip
    curation.edit(engine, rid, {"events": 5}, reviewer="alice")
    curation.edit(engine, rid, {"events": 6}, reviewer="bob")  # a conflict
    resolve(engine, rid, "edit", changes={"events": 5}, reviewer="carol")
    last = record_history(engine, rid)[-1]
    assert texts(last)["events"] == "events entered (edited by carol)"
    # replaying the trail ends where the stored provenance is
    assert {**record_history(engine, rid)[0].provenance, **merge.provenance, **last.provenance} \
        == stored_now(engine, rid)


def test_a_waiting_decision_shows_what_it_asks_for_only_to_its_reviewer(
    engine, db_url, rid, dual
):
    curation.edit(engine, rid, {"events": 5}, reviewer="alice")
    mine = visible_history(engine, rid, "alice")[-1]
    assert (mine.applied, texts(mine)["events"]) == (False, "events entered (edited by alice)")
    seen = runner.invoke(app, ["history", str(rid), "--db", db_url, "--reviewer", "bob",
                               "--format", "json"]).stdout  # fmt: skip
    assert "alice" not in seen
    assert [e["provenance"]["events"]["kind"] for e in json.loads(seen)] == ["stated"]
    assert stored_now(engine, rid)["events"].kind == "stated"  # waiting: nothing changed


def test_history_lists_provenance_in_table_json_and_csv(engine, db_url, rid):
    curation.edit(engine, rid, {"total": 32}, reviewer="alice")
    command = ["history", str(rid), "--db", db_url]
    table = runner.invoke(app, command, env={"COLUMNS": "220"}).stdout
    assert "total entered (edited by alice)" in table and "value derived (from 4/30)" in table
    rows = json.loads(runner.invoke(app, [*command, "--format", "json"]).stdout)
    assert rows[1]["provenance"]["total"] == {"kind": "entered", "source": "edited by alice"}
    sheet = list(csv.DictReader(io.StringIO(
        runner.invoke(app, [*command, "--format", "csv"]).stdout)))  # fmt: skip
    assert sheet[1]["provenance"] == (
        "total entered (edited by alice); value entered (edited by alice)"
    )


def test_an_added_record_is_entered_and_a_record_without_stored_provenance_is_read(
    engine, stored
):
    values = {"outcome": "complications_any", "measure": "proportion", "events": 5, "total": 18}
    added = curation.add(engine, document="smith2020.pdf", values=values)
    [entry] = record_history(engine, added.record_id)
    assert texts(entry)["events"] == "events entered (added by a reviewer)"
    # the synthetic paper stores no provenance: the quote says what is stated
    r0 = stored["r0_resection"]
    curation.edit(engine, r0, {"events": 13}, reviewer="alice")
    origin, edit = record_history(engine, r0)
    assert origin.provenance["events"].kind == "stated"
    assert texts(edit)["events"] == "events entered (edited by alice)"
