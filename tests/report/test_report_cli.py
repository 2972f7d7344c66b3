"""CLI wiring of ``casemeta table``, ``casemeta report`` and ``casemeta pool --forest``."""

from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def test_table_csv_lists_every_cell(report_db):
    result = runner.invoke(app, ["table", "--db", report_db[0], "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["Outcome"] for r in rows] == ["mortality", "overall survival",
                                            "primary patency", "r0 resection"]


def test_table_rich_output_and_empty_database(report_db, db_url, engine):
    result = runner.invoke(app, ["table", "--db", report_db[0]], env={"COLUMNS": "220"})
    assert result.exit_code == 0 and "not pooled (1 study)" in result.stdout
    empty = runner.invoke(app, ["table", "--db", db_url])  # ``engine`` made it: empty, not missing
    assert empty.exit_code == 0 and "No records to pool with --status accepted" in empty.stdout


def test_table_rejects_unknown_format_and_status(report_db):
    bad = runner.invoke(app, ["table", "--db", report_db[0], "--format", "xlsx"])
    assert bad.exit_code == 1 and "Error: unknown format 'xlsx'" in bad.stderr
    bad = runner.invoke(app, ["table", "--db", report_db[0], "--status", "final"])
    assert bad.exit_code == 1 and "Error: unknown status 'final'" in bad.stderr


def test_report_writes_html_and_prints_its_path(report_db, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", report_db[0], "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Report: {out}" in result.stdout
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_to_a_missing_folder_is_one_error_line(report_db, tmp_path):
    out = tmp_path / "missing" / "r.html"
    result = runner.invoke(app, ["report", "--db", report_db[0], "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot be written (no folder {out.parent})\n"


def test_pool_forest_writes_the_plot(tmp_path):
    data = tmp_path / "studies.csv"
    data.write_text("study,events,total\nA 2020,3,10\nB 2021,0,8\nC 2022,7,7\n")
    plot = tmp_path / "forest.svg"
    result = runner.invoke(app, ["pool", "--input", str(data), "--forest", str(plot)])
    assert result.exit_code == 0, result.output
    assert plot.read_text(encoding="utf-8").count("<svg") == 1
    assert f"Forest plot: {plot}" in result.stderr


def test_pool_forest_with_an_unknown_suffix_is_an_error(tmp_path):
    data = tmp_path / "studies.csv"
    data.write_text("study,events,total\nA 2020,3,10\nB 2021,0,8\n")
    result = runner.invoke(app, ["pool", "--input", str(data), "--forest",
                                 str(tmp_path / "f.gif")])
    assert result.exit_code == 1
    assert "forest plots are written as .png, .svg or .pdf" in result.stderr
