"""CLI wiring of ingest, records, studies and export (extraction faked: wiring only)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import corpus.ingest as ingest_mod
from cli import app
from extract.errors import EncryptedPDF
from extract.model import ExtractedDocument, ExtractedRecord, StudyInfo

runner = CliRunner()


def fake_extract(path, settings):
    if path.suffix == ".pdf":
        raise EncryptedPDF(path)
    rec = ExtractedRecord(
        "r0_resection", "proportion", events=9, total=12, value=0.75, quote=f"R0 in {path.stem}"
    )
    study = StudyInfo(first_author="Doe", year=2021, n_patients=12)
    return ExtractedDocument("text/plain", 1, study=study, records=(rec,))


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
    runner.invoke(app, ["ingest", str(papers), "--db", db_url])
    result = runner.invoke(app, ["export", "--db", db_url, "--format", "json"])
    rows = json.loads(result.stdout)
    assert len(rows) == 2
    assert set(rows[0]) == {
        "id", "version", "document", "outcome", "measure", "group", "events", "total", "value",
        "ci_low", "ci_high", "ci_level", "range_low", "range_high", "timepoint_months",
        "comparison", "adjusted", "p_value", "page", "quote", "status",
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
