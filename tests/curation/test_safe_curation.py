"""Safe curation: unreview, stable ids across a forced re-ingest, and checked quotes on add."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.errors import InvalidEdit
from corpus.history import record_history
from corpus.review_queue import pending_ids
from corpus.store import store_extraction
from corpus.unreview import unreview

runner = CliRunner()

COUNTS = {"outcome": "complications_any", "measure": "proportion", "events": 5, "total": 18}


def test_unreview_returns_an_edited_record_to_its_extracted_values(engine, stored, paper):
    rid = stored["r0_resection"]
    curation.edit(engine, rid, {"events": 15}, reviewer="alice")
    assert rid not in pending_ids(engine, "alice")
    result = unreview(engine, rid, reviewer="alice", note="wrong table")
    rec = paper.get(engine, rid)
    assert (result.status, rec.status, rec.events, rec.value, rec.version) == (
        "extracted", "extracted", 14, 0.78, 3,
    )  # fmt: skip
    assert rid in pending_ids(engine, "alice")  # back in the queue
    last = record_history(engine, rid)[-1]
    assert (last.action, last.reviewer, last.note) == ("unreview", "alice", "wrong table")
    assert ("status", "edited", "extracted") in [(c.field, c.before, c.after) for c in last.changes]


def test_unreview_closes_open_decisions(engine, stored, paper, dual):
    rid = stored["mortality"]
    curation.edit(engine, rid, {"events": 1}, reviewer="alice")
    conflict = curation.edit(engine, rid, {"events": 2}, reviewer="bob")
    assert conflict.conflict_with == ("alice",)
    unreview(engine, rid, reviewer="carol")
    curation.accept(engine, rid, reviewer="alice")
    result = curation.accept(engine, rid, reviewer="bob")
    assert result.applied and paper.get(engine, rid).status == "accepted"  # no stale conflict


def test_unreview_refuses_unreviewed_and_added_records(engine, stored):
    rid = stored["overall_survival"]
    with pytest.raises(InvalidEdit, match=rf"^record {rid} has not been reviewed \(status extr"):
        unreview(engine, rid)
    added = curation.add(engine, document="smith2020.pdf", values=COUNTS).record_id
    with pytest.raises(InvalidEdit, match=rf"^record {added} was added by a reviewer; reject it"):
        unreview(engine, added)


def test_unreview_command(engine, db_url, stored):
    rid = stored["r0_resection"]
    runner.invoke(app, ["reject", str(rid), "--reason", "cited", "--db", db_url])
    result = runner.invoke(app, ["unreview", str(rid), "--db", db_url])
    assert result.exit_code == 0 and result.stdout == f"record {rid}: extracted (version 3)\n"
    again = runner.invoke(app, ["unreview", str(stored["mortality"]), "--db", db_url])
    assert again.exit_code == 1
    assert again.stderr == (
        f"Error: record {stored['mortality']} has not been reviewed (status extracted)\n"
    )


def test_forced_reingest_keeps_ids_of_unchanged_records(engine, stored, paper):
    curation.accept(engine, stored["r0_resection"], reviewer="alice")
    new_os = paper.OS.__class__(**{**paper.OS.to_dict(), "value": 0.8, "quote": "OS was 80%."})
    again = paper.extraction(paper.R0, paper.MORT, new_os)
    store_extraction(engine, Path("smith2020.pdf"), "sha-smith", again)
    ids = paper.record_ids(engine)
    assert ids["r0_resection"] == stored["r0_resection"]  # reviewed: kept
    assert ids["mortality"] == stored["mortality"]  # untouched, same content: same id
    assert ids["overall_survival"] > max(stored.values())  # changed content: a new record
    mortality = paper.get(engine, stored["mortality"])
    assert (mortality.status, mortality.version) == ("extracted", 1)


def test_forced_reingest_refreshes_an_unchanged_record_in_place(engine, stored, paper):
    moved = paper.MORT.__class__(**{**paper.MORT.to_dict(), "page": 3, "rule": "percent_v2"})
    store_extraction(
        engine, Path("smith2020.pdf"), "sha-smith", paper.extraction(paper.R0, moved, paper.OS)
    )
    rec = paper.get(engine, stored["mortality"])
    assert (rec.page, rec.rule, rec.version) == (3, "percent_v2", 2)
    assert paper.record_ids(engine) == stored


def test_add_checks_the_page_and_the_quote(engine, stored):
    quote = "Complete excision (R0) was achieved in 14 of 18 patients (78%)."
    with pytest.raises(InvalidEdit, match=r"^smith2020.pdf has no page 9 \(pages 1-3\)$"):
        curation.add(engine, document="smith2020.pdf", values={**COUNTS, "page": 9})
    with pytest.raises(
        InvalidEdit,
        match=r"^the quote does not occur on page 3 of smith2020.pdf \(copy it as printed, or",
    ):
        curation.add(engine, document="smith2020.pdf", values={**COUNTS, "page": 3, "quote": quote})
    # line breaks and spacing differ from the page text: still found
    spaced = quote.replace(" in 14", "\nin  14")
    values = {**COUNTS, "page": 2, "quote": spaced}
    ok = curation.add(engine, document="smith2020.pdf", values=values)
    assert ok.status == "accepted"


def test_add_with_own_wording_is_kept_in_the_trail(engine, stored):
    values = {**COUNTS, "page": 2, "quote": "five of eighteen had complications (table 2)"}
    result = curation.add(engine, document="smith2020.pdf", values=values, own_wording=True)
    [entry] = record_history(engine, result.record_id)
    assert ("own_wording", None, True) in [(c.field, c.before, c.after) for c in entry.changes]


def test_add_command_refuses_a_quote_not_on_the_page(engine, db_url, stored):
    args = [
        "add", "--document", "smith2020.pdf", "--outcome", "mortality", "--measure",
        "proportion", "--events", "1", "--total", "18", "--page", "2", "--quote",
        "One patient died.", "--db", db_url,
    ]  # fmt: skip
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1
    assert refused.stderr == (
        "Error: the quote does not occur on page 2 of smith2020.pdf "
        "(copy it as printed, or give --own-wording)\n"
    )
    accepted = runner.invoke(app, [*args, "--own-wording"])
    assert accepted.exit_code == 0, accepted.output
    assert "added to smith2020.pdf (accepted)" in accepted.stdout
