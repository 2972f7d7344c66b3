"""CLI wiring of ingest, records, studies and export (extraction faked: wiring only)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import corpus.ingest as ingest_mod
from cli import app
from extract.errors import EncryptedPDF
from extract.model import ConsistencyFlag, ExtractedDocument, ExtractedRecord, StudyInfo

runner = CliRunner()


def fake_extract(path, settings):
    if path.suffix == ".pdf":
        raise EncryptedPDF(path)
    rec = ExtractedRecord(
        "r0_resection", "proportion", events=9, total=12, value=0.75, quote=f"R0 in {path.stem}"
    )
    study = StudyInfo(first_author="Doe", year=2021, n_patients=12)
    flags = (ConsistencyFlag("sum", "groups sum to 13, not 12"),
             ConsistencyFlag("percent", "75% of 12 is 9, not 8")) if path.stem == "two" else ()
    return ExtractedDocument("text/plain", 1, study=study, records=(rec,), flags=flags)


@pytest.fixture(autouse=True)
def _fake(monkeypatch):
    monkeypatch.setattr(ingest_mod, "extract_file", fake_extract)


@pytest.fixture
def papers(tmp_path):
    root = tmp_path / "papers"
    root.mkdir()
    (root / "one.txt").write_text("one")
    (root / "two.md").write_text("two")
    return root


def test_ingest_ok_exits_zero_and_summarises(db_url, papers):
    result = runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "Ingest summary" in result.stdout


def test_ingest_with_a_failure_exits_one_after_the_batch(db_url, papers):
    (papers / "locked.pdf").write_bytes(b"%PDF-1.7 encrypted")
    result = runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: locked.pdf: is an encrypted PDF (remove the password and ingest it again)\n"
    )
    export = runner.invoke(app, ["export", "--db", db_url, "--format", "json"])
    assert {r["document"] for r in json.loads(export.stdout)} == {"one.txt", "two.md"}


def test_ingest_missing_path_is_an_error_line(db_url, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope"), "--db", db_url])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: no such file or folder\n"


def test_export_json_has_exactly_the_spec_fields(db_url, papers):
    """The fields of ``spec/records.md``, then the quote's context and each field's provenance."""
    runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 2
    assert set(rows[0]) == {
        "id", "version", "document", "outcome", "measure", "group", "events", "total", "value",
        "ci_low", "ci_high", "ci_level", "range_low", "range_high", "timepoint_months",
        "comparison", "adjusted", "p_value", "page", "quote", "status", "context", "provenance",
    }  # fmt: skip
    assert rows[0]["status"] == "extracted" and rows[0]["events"] == 9


def test_export_csv_to_file(db_url, papers, tmp_path):
    runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    out = tmp_path / "r.csv"
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "csv", "--output", str(out)])
    assert result.exit_code == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("id,version,document,outcome,measure,group,events,total")
    assert len(lines) == 3


def test_export_unknown_format(db_url):
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "xml"])
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown format 'xml' (expected json or csv)\n"


def test_records_and_studies_tables(db_url, papers):
    (papers / "scan.pdf").write_bytes(b"%PDF-1.4")
    runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    records = runner.invoke(
        app, ["records", "--db", db_url, "--document", "one.txt"], env={"COLUMNS": "200"}
    )
    assert records.exit_code == 0 and "1 records" in records.stdout
    assert "r0_resection" in records.stdout
    studies = runner.invoke(app, ["studies", "--db", db_url], env={"COLUMNS": "250"})
    assert "scan.pdf" in studies.stdout and "failed" in studies.stdout
    assert "Doe 2021" in studies.stdout


def test_bad_database_url_is_one_line(tmp_path):
    result = runner.invoke(app, ["records", "--db", "nonsense://x"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: invalid database URL 'nonsense://x'")
    assert result.stderr.count("\n") == 1


STUDY_FIELDS = [
    "document", "document_type", "status", "title", "first_author", "year", "doi", "design",
    "n_patients", "n_procedures", "median_follow_up_months", "mean_follow_up_months", "flags",
]  # fmt: skip


@pytest.fixture
def ingested(db_url, papers):
    (papers / "scan.pdf").write_bytes(b"%PDF-1.4")
    runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    return db_url


def test_studies_json_is_the_spec_study_level_format(ingested):
    result = runner.invoke(app, ["studies", "--db", ingested, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [list(r) for r in rows] == [STUDY_FIELDS] * 3
    one, failed, two = rows
    assert one == {
        "document": "one.txt", "document_type": "study", "status": "ok", "title": None,
        "first_author": "Doe", "year": 2021, "doi": None, "design": None, "n_patients": 12,
        "n_procedures": None, "median_follow_up_months": None, "mean_follow_up_months": None,
        "flags": [],
    }  # fmt: skip
    assert (failed["document"], failed["status"], failed["n_patients"]) == ("scan.pdf", "failed",
                                                                             None)
    assert two["flags"] == ["groups sum to 13, not 12", "75% of 12 is 9, not 8"]


def test_studies_csv_joins_flags(ingested):
    result = runner.invoke(app, ["studies", "--db", ingested, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == STUDY_FIELDS
    assert rows[2]["flags"] == "groups sum to 13, not 12 | 75% of 12 is 9, not 8"
    assert (rows[0]["first_author"], rows[0]["doi"], rows[1]["status"]) == ("Doe", "", "failed")


def test_shared_study_scorer_reads_studies_json(shared, ingested, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    study = {"first_author": "Doe", "year": 2021, "n_patients": 12}
    (gold / "one.json").write_text(json.dumps(
        {"document": "one.txt", "document_type": "study", "study": study}))
    out = tmp_path / "studies.json"
    out.write_text(runner.invoke(app, ["studies", "--db", ingested, "--format", "json"]).stdout)
    scored = subprocess.run([sys.executable, str(shared / "tools" / "score_studies.py"),
                             str(gold), str(out)], capture_output=True, text=True, check=True)
    assert scored.stdout.splitlines()[-1].startswith("study fields: 4/4 right (1.000)")


def test_records_json_and_csv_are_the_export_fields(ingested):
    exported = json.loads(runner.invoke(app, ["export", "--db", ingested]).stdout)
    listed = runner.invoke(app, ["records", "--db", ingested, "--format", "json",
                                 "--document", "one.txt"])
    assert json.loads(listed.stdout) == [r for r in exported if r["document"] == "one.txt"]
    table = runner.invoke(app, ["records", "--db", ingested, "--format", "csv"])
    # the export's spreadsheet adds review and database columns after the record fields
    assert runner.invoke(app, ["export", "--db", ingested, "--format", "csv"]
                         ).stdout.splitlines()[0].startswith(table.stdout.splitlines()[0] + ",")
    assert len(table.stdout.splitlines()) == 3


def test_conflicts_and_history_as_json_and_csv(ingested, tmp_path, monkeypatch):
    monkeypatch.setenv("CASEMETA_PROTOCOL", str(tmp_path / "review.toml"))
    assert runner.invoke(app, ["init", "--reviewers", "2", "--db", ingested]).exit_code == 0
    # both change the same field to different values: a conflict of the three-way merge
    runner.invoke(app, ["edit", "1", "--events", "7", "--db", ingested, "--reviewer", "alice"])
    runner.invoke(app, ["edit", "1", "--events", "8", "--db", ingested, "--reviewer", "bob"])
    found = json.loads(runner.invoke(app, ["conflicts", "--db", ingested, "--format", "json"]
                                     ).stdout)
    assert [(r["reviewer"], r["decision"], r["values"]) for r in found] == [
        ("alice", "edit", {"events": 7, "value": 0.5833}),
        ("bob", "edit", {"events": 8, "value": 0.6667}),
    ]
    assert found[0]["document"] == "one.txt" and found[0]["outcome"] == "r0_resection"
    rows = runner.invoke(app, ["conflicts", "--db", ingested, "--format", "csv"]).stdout
    assert rows.splitlines()[2].endswith(
        ",bob,edit,events=8 | value=0.6667,,conflict,"
        "events entered (edited by bob); value entered (edited by bob)"
    )
    history = json.loads(runner.invoke(app, ["history", "1", "--db", ingested, "--format",
                                             "json"]).stdout)
    assert [(h["reviewer"], h["action"], h["applied"]) for h in history][:3] == [
        ("casemeta", "extracted", True), ("alice", "edit", False), ("bob", "edit", False)]
    assert history[1]["changes"] == [
        {"field": "events", "before": 9, "after": 7},
        {"field": "value", "before": 0.75, "after": 0.5833},
        {"field": "status", "before": "extracted", "after": "edited"}]
    text = runner.invoke(app, ["history", "1", "--db", ingested, "--format", "csv"]).stdout
    assert list(csv.DictReader(io.StringIO(text)))[1]["changes"] == (
        "events: 9 → 7 | value: 0.75 → 0.5833 | status: extracted → edited")


@pytest.mark.parametrize("command", [["records"], ["studies"], ["conflicts"], ["history", "1"]])
def test_unknown_listing_format_is_refused_before_the_database(command, tmp_path):
    result = runner.invoke(app, [*command, "--format", "xml", "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown format 'xml' (expected table, json or csv)\n"


@pytest.mark.parametrize(("cpus", "expected"), [(1, 1), (3, 3), (8, 8), (32, 8)])
def test_default_workers_are_the_available_cpus_at_most_8(monkeypatch, cpus, expected):
    from corpus import workers

    monkeypatch.setattr(workers.os, "sched_getaffinity", lambda pid: set(range(cpus)))
    assert workers.default_workers() == expected


def test_ingest_defaults_to_default_workers(monkeypatch, db_url, papers):
    import corpus.workers

    seen = []
    real = ingest_mod.ingest_paths
    monkeypatch.setattr(corpus.workers, "default_workers", lambda: 3)
    monkeypatch.setattr(ingest_mod, "ingest_paths",
                        lambda *a, **kw: seen.append(kw["workers"]) or real(*a, **kw))
    runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    runner.invoke(app, ["ingest", str(papers), "--db", db_url, "--workers", "1"])
    assert seen == [3, 1]
