"""Wiring of ``casemeta pool``: options reach the library, errors become ``Error: …`` lines."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

import cli
from meta.inputs import pool_frame, read_study_csv

runner = CliRunner()
CSV = "study,events,total,group\nA,0,6,a\nB,5,5,a\nC,3,14,a\nD,12,20,b\nE,7,7,b\nF,0,9,b\n"


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "studies.csv"
    path.write_text(CSV)
    return path


def run(*args):
    return runner.invoke(cli.app, ["pool", *map(str, args)])


def test_json_matches_library(csv_file):
    result = run("--input", csv_file, "--format", "json", "--method", "REML", "--transform",
                 "PFT", "--ci", "z")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    expected = pool_frame(read_study_csv(csv_file), method="REML", transform="PFT", ci="z")
    assert got == json.loads(json.dumps(expected.to_dict()))
    assert got["transform"] == "freeman-tukey" and got["ci"] == "z"


def test_table_with_subgroups(csv_file):
    result = run("--input", csv_file, "--by", "group", "--method", "DL")
    assert result.exit_code == 0, result.output
    assert "Pooled a (k = 3)" in result.stdout and "Subgroup differences" in result.stdout


@pytest.mark.parametrize("fmt,first", [("csv", "study,group,n,estimate"), ("md", "| study |")])
def test_text_formats(csv_file, fmt, first):
    result = run("--input", csv_file, "--format", fmt)
    assert result.exit_code == 0 and result.stdout.startswith(first)


@pytest.mark.parametrize("text,message", [
    ("study,events,total\nA,3,10\nB,x,12\n", "Error: row 2 (B): events is not a number ('x')"),
    ("study,events,total\nA,3,10\nB,13,12\n", "Error: B: events (13) exceed total (12)"),
    ("study,events,total\nA,3,10\nB,1,0\n", "Error: B: total must be > 0 (got 0)"),
    ("study,events\nA,3\n", "Error: missing columns: expected study plus events,total | "
                            "events1,total1,events2,total2 | yi,vi | yi,sei | "
                            "value,ci_low,ci_high"),
    ("study,yi,vi\nA,0.1,0.2\nB,0.3,0\n", "Error: B: variance must be > 0 (got 0)"),
    ("study,events,total\nA,3,10\n", "Error: only one study (A): no pooling; its own estimate "
                                     "is 0.3 (CI 0.06674 to 0.6525)"),
])
def test_bad_csv_gives_one_error_line(tmp_path, text, message):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    result = run("--input", path)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [message]


def test_missing_file_and_missing_outcome(tmp_path):
    result = run("--input", tmp_path / "none.csv")
    assert result.exit_code == 1 and result.stderr.startswith("Error: cannot read ")
    result = run()
    assert result.exit_code == 1 and result.stderr.strip() == (
        "Error: give an OUTCOME or --input FILE.csv")


def test_bad_format_and_status(csv_file):
    assert run("--input", csv_file, "--format", "xml").stderr.strip() == (
        "Error: unknown format 'xml' (expected table, json, csv or md)")
    assert run("x", "--status", "some").stderr.strip() == (
        "Error: unknown status 'some' (expected accepted or any)")


def _records(status):
    rows = []
    for i, (ev, tot) in enumerate([(29, 41), (4, 4), (2, 6)]):
        rows.append({"document": f"d{i}.pdf", "study_label": f"Author {i}", "outcome": "r0",
                     "measure": "proportion", "group": "all", "events": ev, "total": tot,
                     "value": None, "ci_low": None, "ci_high": None, "ci_level": 0.95,
                     "timepoint_months": None, "status": status, "id": i})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("option,statuses,status", [
    ("accepted", ("accepted", "edited"), "accepted"),
    ("any", ("extracted", "accepted", "edited"), "extracted"),
])
def test_database_pooling_passes_statuses(monkeypatch, option, statuses, status):
    import corpus.queries

    seen = {}

    def fake_records_frame(engine, statuses=None):
        seen["statuses"] = statuses
        return _records(status)

    monkeypatch.setattr(cli, "open_db", lambda url: object())
    monkeypatch.setattr(cli, "_planned_analysis", lambda engine, name: None)  # no protocol
    monkeypatch.setattr(corpus.queries, "records_frame", fake_records_frame)
    monkeypatch.setattr(corpus.queries, "list_studies", lambda engine: [])
    result = run("r0", "--status", option, "--format", "json")
    assert result.exit_code == 0, result.output
    assert seen["statuses"] == statuses
    got = json.loads(result.stdout)
    assert got["k"] == 3 and [s["label"] for s in got["studies"]] == [
        "Author 0", "Author 1", "Author 2"]
    unreviewed = any("unreviewed extraction" in n for n in got["notes"])
    assert unreviewed == (option == "any")


def test_database_conflict_is_an_error(monkeypatch):
    import corpus.queries

    frame = _records("accepted")
    frame = pd.concat([frame, frame.iloc[[0]].assign(id=7, events=30)], ignore_index=True)
    monkeypatch.setattr(cli, "open_db", lambda url: object())
    monkeypatch.setattr(cli, "_planned_analysis", lambda engine, name: None)  # no protocol
    monkeypatch.setattr(corpus.queries, "records_frame", lambda engine, statuses=None: frame)
    result = run("r0")
    assert result.exit_code == 1
    assert result.stderr.strip() == ("Error: conflicting r0/proportion records (one study may "
                                     "count once): d0.pdf (records 0, 7); accept one and "
                                     "reject the others")
