"""Provenance carried from extraction: stored with each record (schema step 4), shown by
``records``, the review card, ``export`` and the report; a reviewer's edit makes that field
entered by the reviewer; the spreadsheet round trip never changes it."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.csv_import import import_csv
from corpus.db import open_engine
from corpus.export import export_text
from corpus.queries import record_rows
from corpus.schema import latest_version
from corpus.unreview import unreview
from extract.model import ExtractedRecord, Provenance
from meta.report import build_report
from tests.fixtures.sheets import write_sheet

runner = CliRunner()

STATED = Provenance("stated")
#: a count whose total is the cohort size: the sentence states 2 deaths, not of how many
DEATHS = ExtractedRecord(
    "mortality", "proportion", events=2, total=18, value=0.1111, timepoint_months=1, page=2,
    quote="Two patients died within 30 days.", rule="paired",
    provenance={"events": STATED, "total": Provenance("defaulted", "the cohort size of the study"),
                "value": Provenance("derived", "from 2/18"), "timepoint_months": STATED},
)  # fmt: skip
#: a table row: the caption and header are its context, not part of the quote
ROW = ExtractedRecord(
    "r0_resection", "proportion", events=14, total=18, value=0.78, page=2,
    quote="Complete excision (R0) was achieved in 14 of 18 patients (78%).",
    context="Table 2. Margins | Patients (n = 18)", rule="table_row",
    provenance={"events": STATED, "total": STATED, "value": STATED},
)  # fmt: skip


@pytest.fixture
def ids(engine, paper) -> dict[str, int]:
    return paper.store_paper(engine, DEATHS, ROW)


def shown(engine) -> dict[str, dict]:
    return {row["outcome"]: row["provenance"] for row in record_rows(engine)}


def test_extractions_provenance_and_context_are_stored_and_listed(engine, ids):
    rows = {row["outcome"]: row for row in record_rows(engine)}
    assert rows["mortality"]["provenance"]["total"] == {
        "kind": "defaulted", "source": "the cohort size of the study"}  # fmt: skip
    # extraction computed the value: kept as it said, though the quote prints neither number
    assert rows["mortality"]["provenance"]["value"] == {"kind": "derived", "source": "from 2/18"}
    assert rows["r0_resection"]["context"] == "Table 2. Margins | Patients (n = 18)"
    assert rows["mortality"]["context"] is None


def test_a_stored_stated_is_checked_against_the_quote(engine, paper):
    """A quote a reviewer may have changed cannot be said to state what it does not print."""
    claim = ExtractedRecord(
        "mortality", "proportion", events=3, total=18, value=0.1667, page=2,
        quote="Thirty-day mortality was 0%.", rule="paired",
        provenance={"events": STATED, "total": STATED, "value": STATED},
    )  # fmt: skip
    paper.store_paper(engine, claim)
    kinds = {k: v["kind"] for k, v in shown(engine)["mortality"].items()}
    assert kinds == {"events": "defaulted", "total": "defaulted", "value": "defaulted"}


def test_a_reviewers_edit_makes_that_field_entered_and_unreview_restores_it(engine, ids):
    curation.edit(engine, ids["mortality"], {"total": 20}, reviewer="bob")
    after = shown(engine)["mortality"]
    assert after["total"] == {"kind": "entered", "source": "edited by bob"}
    # the value follows events/total: changed, so entered too; the events keep theirs
    assert after["value"]["kind"] == "entered"
    assert after["events"] == {"kind": "stated", "source": ""}
    assert after["timepoint_months"] == {"kind": "stated", "source": ""}
    unreview(engine, ids["mortality"], reviewer="bob")
    assert shown(engine)["mortality"]["total"] == {
        "kind": "defaulted", "source": "the cohort size of the study"}  # fmt: skip


def test_an_edit_of_a_record_without_stored_provenance(engine, paper):
    """Records stored before extraction recorded provenance: read from the quote, then
    entered where a reviewer changed them."""
    ids = paper.store_paper(engine)  # the fixture paper: no provenance recorded
    curation.edit(engine, ids["r0_resection"], {"group": "adults"}, reviewer="carol")
    got = shown(engine)["r0_resection"]
    assert got["group"] == {"kind": "entered", "source": "edited by carol"}
    assert got["events"]["kind"] == "stated"


def test_records_json_csv_and_table_show_provenance(engine, db_url, ids):
    as_json = json.loads(runner.invoke(app, ["records", "--format", "json", "--db", db_url]).stdout)
    by = {row["outcome"]: row for row in as_json}
    assert by["mortality"]["provenance"]["total"]["kind"] == "defaulted"
    assert by["r0_resection"]["context"] == "Table 2. Margins | Patients (n = 18)"
    as_csv = runner.invoke(app, ["records", "--format", "csv", "--db", db_url]).stdout
    cells = {row["outcome"]: row["provenance"] for row in csv.DictReader(io.StringIO(as_csv))}
    assert cells == {
        "mortality": "total defaulted (the cohort size of the study); value derived (from 2/18)",
        "r0_resection": "all stated",
    }
    table = runner.invoke(app, ["records", "--db", db_url], env={"COLUMNS": "200"}).stdout
    assert "2/18*" in table and "0.1111*" in table and "14/18 " in table
    assert "* derived or taken from the document's context, not stated in the quote" in table


def test_the_review_card_shows_context_under_the_quote(engine, db_url, ids):
    result = runner.invoke(app, ["review", "--outcome", "r0_resection", "--db", db_url],
                           input="q\n", env={"COLUMNS": "200"})  # fmt: skip
    card = result.stdout
    assert "provenance: all stated" in card
    assert card.index("context: Table 2. Margins | Patients (n = 18)") > card.index("14 of 18")
    result = runner.invoke(app, ["review", "--outcome", "mortality", "--db", db_url],
                           input="q\n", env={"COLUMNS": "200"})  # fmt: skip
    assert "provenance: total defaulted (the cohort size of the study); value derived" in (
        result.stdout
    )


def stored_provenance(engine) -> dict[int, object]:
    with engine.connect() as conn:
        return dict(conn.execute(text("select id, provenance from outcomerecord")).all())


def test_provenance_survives_export_spreadsheet_import_unchanged(engine, ids, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export_text(engine, "csv"))))
    before, raw = shown(engine), stored_provenance(engine)
    for row in rows:
        row["status"] = "accepted"
        row["provenance"] = "all stated"  # read-only: ignored with a note
        row["context"] = "Table 9. Something else"
    path = write_sheet(tmp_path / "sheet.csv", rows)
    report = import_csv(engine, path, reviewer="alice")
    assert report.counts() == {"accept": 2}
    line = {r["outcome"]: i for i, r in enumerate(rows, start=2)}  # the header is line 1
    assert sorted(report.notes) == sorted([
        f"row {line['mortality']}: context is read-only; the changed cell was ignored",
        f"row {line['mortality']}: provenance is read-only; the changed cell was ignored",
        f"row {line['r0_resection']}: context is read-only; the changed cell was ignored",
    ])  # fmt: skip
    assert shown(engine) == before and stored_provenance(engine) == raw
    assert record_rows(engine)[0]["context"] != "Table 9. Something else"
    again = import_csv(engine, path, reviewer="alice")
    assert (again.results, again.unchanged) == ((), 2)
    assert shown(engine) == before and stored_provenance(engine) == raw


def test_an_unchanged_export_imports_without_notes(engine, ids, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export_text(engine, "csv"))))
    report = import_csv(engine, write_sheet(tmp_path / "same.csv", rows), reviewer="alice")
    assert (report.results, report.unchanged, report.notes) == ((), 2, ())


def test_export_json_has_provenance_and_context(engine, ids):
    rows = {r["outcome"]: r for r in json.loads(export_text(engine, "json"))}
    assert rows["mortality"]["provenance"]["timepoint_months"] == {"kind": "stated", "source": ""}
    assert rows["r0_resection"]["context"] == "Table 2. Margins | Patients (n = 18)"


def test_the_methods_section_says_what_was_done(engine, ids):
    html = build_report(engine, status="any")
    assert "No review decisions have been recorded in this database yet: all\n2 records" in html
    curation.accept(engine, ids["r0_resection"], reviewer="alice")
    curation.edit(engine, ids["mortality"], {"events": 3}, reviewer="alice")
    html = build_report(engine, status="any")
    assert '<span id="reviewed">2 of 2 records\nwere decided by a reviewer</span>' in html
    assert "1 taken from the document's context" in html
    assert "and 2 entered by\nreviewers (in records they added or fields they edited)" in html


def test_a_version_3_database_is_upgraded(db_url, paper):
    """Step 4 adds the columns to a database made by the previous casemeta; its records keep
    working, with provenance read from their quotes."""
    engine = open_engine(db_url)
    paper.store_paper(engine)
    with engine.begin() as conn:  # back to what version 3 wrote
        conn.execute(text("ALTER TABLE outcomerecord DROP COLUMN provenance"))
        conn.execute(text("ALTER TABLE outcomerecord DROP COLUMN context"))
        conn.execute(text("DROP TABLE documentremoval"))  # step 5, made after step 4
        conn.execute(text("DELETE FROM schemaversion WHERE version >= 4"))
    engine.dispose()
    engine = open_engine(db_url)
    with engine.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("outcomerecord")}
        versions = conn.execute(text("select max(version) from schemaversion")).scalar()
    assert {"provenance", "context"} <= columns and versions == latest_version()
    got = shown(engine)
    assert got["overall_survival"] == {"value": {"kind": "stated", "source": ""},
                                       "timepoint_months": {"kind": "stated", "source": ""}}
    assert stored_provenance(engine) == dict.fromkeys(stored_provenance(engine))  # all None
    engine.dispose()


@pytest.fixture
def two_reviewers(tmp_path, monkeypatch):
    from corpus.protocol import ENV_PROTOCOL

    path = tmp_path / "review.toml"
    path.write_text("reviewers = 2\ndouble_review_fraction = 1.0\n")
    monkeypatch.setenv(ENV_PROTOCOL, str(path))


def test_a_merge_credits_each_field_to_the_reviewer_who_changed_it(engine, ids, two_reviewers):
    curation.edit(engine, ids["mortality"], {"events": 3}, reviewer="alice")
    assert shown(engine)["mortality"]["events"] == {"kind": "stated", "source": ""}  # waits
    curation.edit(engine, ids["mortality"], {"timepoint_months": 3.0}, reviewer="bob")
    got = shown(engine)["mortality"]
    assert got["events"] == {"kind": "entered", "source": "edited by alice"}
    assert got["timepoint_months"] == {"kind": "entered", "source": "edited by bob"}
    assert got["total"] == {"kind": "defaulted", "source": "the cohort size of the study"}


def test_a_resolution_is_entered_by_whoever_resolved(engine, ids, two_reviewers):
    from corpus.dual_review import resolve

    curation.edit(engine, ids["mortality"], {"events": 3}, reviewer="alice")
    curation.edit(engine, ids["mortality"], {"events": 4}, reviewer="bob")  # a conflict
    resolve(engine, ids["mortality"], "edit", changes={"events": 4}, reviewer="carol")
    assert shown(engine)["mortality"]["events"] == {"kind": "entered", "source": "edited by carol"}
    html = build_report(engine, status="any")
    assert "1 of them by two\nreviewers independently" in html


def test_a_blinded_card_does_not_tell_who_edited_what(engine, db_url, ids, dual):
    """Under dual review alice's edit waits for bob; bob decides from the extracted values,
    and neither their provenance nor the card may say "edited by alice"."""
    from corpus.review_queue import load_item

    curation.edit(engine, ids["mortality"], {"events": 3, "group": "adults"}, reviewer="alice")
    seen = load_item(engine, ids["mortality"]).record
    assert (seen["events"], seen["group"]) == (2, "all")
    assert "alice" not in json.dumps(seen["provenance"])
    assert seen["provenance"]["total"] == {"kind": "defaulted",
                                           "source": "the cohort size of the study"}  # fmt: skip
    command = ["review", "--reviewer", "bob", "--outcome", "mortality", "--db", db_url]
    card = runner.invoke(app, command, input="q\n", env={"COLUMNS": "200"}).stdout
    assert "provenance: total defaulted (the cohort size of the study)" in card
    assert "alice" not in card


def test_a_lone_reviewers_edit_is_credited_to_them(engine, ids):
    """With one reviewer (no protocol) the edit applies at once and says who entered it."""
    from corpus.review_queue import load_item

    curation.edit(engine, ids["mortality"], {"events": 3, "group": "adults"}, reviewer="alice")
    seen = load_item(engine, ids["mortality"]).record
    assert (seen["events"], seen["group"]) == (3, "adults")
    events = seen["provenance"]["events"]
    assert (events["kind"], events["source"]) == ("entered", "edited by alice")
    assert seen["provenance"]["total"]["kind"] == "defaulted"  # untouched fields keep theirs


def test_ingest_stores_extractions_provenance(db_url, tmp_path):
    """Through the worker process and the store: a total from the cohort stays defaulted, a
    time point from the sentence before stays defaulted; --force keeps them."""
    paper = tmp_path / "series.txt"
    paper.write_text(
        "Methods\nWe treated 40 patients with hepatic resection.\n\n"
        "Results\nTwo patients died. Overall survival at 1 and 3 years was 90% and 70%. "
        "Disease-free survival at the same time points was 80% and 60%.\n"
    )  # fmt: skip
    for extra in ([], ["--force"]):
        result = runner.invoke(app, ["ingest", str(paper), "--workers", "1", "--db", db_url,
                                     *extra])  # fmt: skip
        assert result.exit_code == 0, result.output
        engine = open_engine(db_url)
        rows = {(r["outcome"], r["timepoint_months"]): r["provenance"] for r in record_rows(engine)}
        engine.dispose()
        assert rows[("mortality", None)]["total"] == {
            "kind": "defaulted", "source": "the cohort size of the study"}  # fmt: skip
        assert rows[("disease_free_survival", 36.0)]["timepoint_months"] == {
            "kind": "defaulted", "source": "the sentence before"}  # fmt: skip
        assert rows[("overall_survival", 36.0)]["timepoint_months"]["kind"] == "stated"


def test_import_prints_a_note_for_an_ignored_read_only_cell(engine, db_url, ids, tmp_path):
    rows = list(csv.DictReader(io.StringIO(export_text(engine, "csv"))))
    rows[0]["provenance"] = "all stated"
    sheet = write_sheet(tmp_path / "s.csv", rows)
    result = runner.invoke(app, ["import", str(sheet), "--db", db_url, "--reviewer", "alice"])
    assert result.exit_code == 0, result.output
    assert "s.csv: no changes; 2 rows unchanged" in result.stdout
    assert result.stderr == "Note: row 2: provenance is read-only; the changed cell was ignored\n"
