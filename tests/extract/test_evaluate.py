"""The evaluator agrees with the shared scoring script; the ``evaluate`` command is wired."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

import corpus.ingest as ingest_mod
from cli import app
from extract.evaluate import GoldError, score_records
from extract.model import ExtractedDocument, ExtractedRecord, StudyInfo

EXPORT_KEYS = ("outcome", "measure", "group", "events", "total", "value", "ci_low", "ci_high",
               "timepoint_months", "comparison", "adjusted", "p_value", "page", "quote")


def gold_records(shared, folder="seeds"):
    """Every gold record of a folder as an export dict (status ``extracted``)."""
    records = []
    for path in sorted((shared / "gold" / folder).glob("*.json")):
        gold = json.loads(path.read_text())
        for g in gold["records"]:
            record = {key: g.get(key) for key in EXPORT_KEYS}
            records.append({**record, "document": gold["document"], "status": "extracted"})
    return records


def crafted_lists(shared):
    """Record lists that exercise each matching rule."""
    exact = gold_records(shared)
    some = exact[::2]
    perturbed = []
    for i, r in enumerate(exact):
        r = dict(r)
        if i % 3 == 0 and r["value"] is not None:
            r["value"] = r["value"] + (0.004 if r["measure"] in ("proportion", "rate_at_time")
                                       else 0.02 * abs(r["value"]))
        if i % 4 == 0:
            r["group"] = r["group"].upper().replace(" ", "_") if r["group"] else None
        if i % 5 == 0 and r["events"] is not None:
            r["events"] += 1
        if i % 7 == 0:
            r["status"] = "rejected"
        if i % 11 == 0:
            r["timepoint_months"] = 99
        perturbed.append(r)
    extra = [
        {"document": "001_eb2d2949fa875907.txt", "outcome": "mortality", "measure": "proportion",
         "group": "all", "events": 3, "total": 41, "value": 0.07, "status": "accepted"},
        {"document": "001_eb2d2949fa875907.txt", "outcome": "blood_loss", "measure": "median",
         "group": "all", "value": 450, "status": "extracted"},
        {"document": "000_4d726155b3e151b2", "outcome": "clinical_success",
         "measure": "proportion", "group": "Nitinol stent", "events": 1, "total": 2,
         "value": 0.5, "status": "extracted"},
        {"document": "nowhere.pdf", "outcome": "mortality", "measure": "proportion",
         "group": "all", "events": 1, "total": 2, "status": "extracted"},
    ]
    return {"exact": exact, "half": some, "perturbed": perturbed + extra, "empty": []}


def script_scores(shared, gold_dir, records, tmp_path):
    """Run ``shared/tools/score_extraction.py`` and parse its per-document and overall lines."""
    path = tmp_path / "records.json"
    path.write_text(json.dumps({"records": records}))
    out = subprocess.run([sys.executable, str(shared / "tools" / "score_extraction.py"),
                          str(gold_dir), str(path)], capture_output=True, text=True, check=True)
    docs = {m.group(1): tuple(int(x) for x in m.groups()[1:]) for m in re.finditer(
        r"^(\S+): recall (\d+)/(\d+)  precision (\d+)/(\d+)$", out.stdout, re.M)}
    overall = re.search(r"overall: recall ([\d.]+) .* precision ([\d.]+) .* F1 ([\d.]+)",
                        out.stdout)
    return docs, tuple(float(x) for x in overall.groups())


@pytest.mark.parametrize("name", ["exact", "half", "perturbed", "empty"])
@pytest.mark.parametrize("folder", ["seeds", "pdf"])
def test_scores_agree_with_the_shared_script(shared, tmp_path, name, folder):
    records = crafted_lists(shared)[name]
    if folder == "pdf":
        records = gold_records(shared, "pdf")[::2 if name == "half" else 1] if name in (
            "exact", "half") else records
    report = score_records(shared / "gold" / folder, records)
    docs, overall = script_scores(shared, shared / "gold" / folder, records, tmp_path)
    ours = {d.document: (d.found, d.required, d.correct, d.exported) for d in report.documents}
    assert ours == docs
    assert (round(report.recall, 3), round(report.precision, 3), round(report.f1, 3)) == overall


def test_exact_gold_scores_one_and_misses_are_listed(shared):
    records = gold_records(shared)
    report = score_records(shared / "gold" / "seeds", records)
    assert (report.recall, report.precision, report.f1) == (1.0, 1.0, 1.0)
    dropped = score_records(shared / "gold" / "seeds", records[1:])
    first = dropped.documents[0]
    assert first.misses[0].kind == "missed" and first.misses[0].outcome == records[0]["outcome"]
    assert first.recall == pytest.approx((first.required - 1) / first.required)


def test_document_without_required_records_has_no_recall(tmp_path):
    (tmp_path / "blog.json").write_text(json.dumps({"document": "blog.txt", "records": []}))
    report = score_records(tmp_path, [])
    assert report.documents[0].recall is None and report.documents[0].f1 is None
    assert report.to_dict()["documents"][0]["document"] == "blog.txt"


def test_unreadable_gold_is_an_error(tmp_path):
    with pytest.raises(GoldError, match=r"^empty: is not a readable gold folder or file "
                                         r"\(no \*\.json gold files\)$"):
        score_records(tmp_path / "empty", [])
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(GoldError, match=r"^bad.json: .*\(JSONDecodeError\)$"):
        score_records(tmp_path, [])


runner = CliRunner()


def fake_extract(path, settings):
    record = ExtractedRecord("r0_resection", "proportion", events=9, total=12, value=0.75,
                             quote="R0 in 9 of 12")
    wrong = ExtractedRecord("mortality", "proportion", events=1, total=12, value=0.08,
                            quote="one death")
    return ExtractedDocument("text/plain", 1, study=StudyInfo(n_patients=12),
                             records=(record, wrong))


def test_evaluate_command_prints_scores_and_misses(db_url, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "extract_file", fake_extract)
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "case.txt").write_text("text")
    assert runner.invoke(app, ["ingest", str(papers), "--db", db_url]).exit_code == 0
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "case.json").write_text(json.dumps({"document": "case.txt", "records": [
        {"outcome": "r0_resection", "measure": "proportion", "group": "all", "events": 9,
         "total": 12, "value": 0.75},
        {"outcome": "reintervention", "measure": "proportion", "group": "all", "events": 2,
         "total": 12, "value": 0.17, "quote": "two reoperations"}]}))
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "0.500 (1/2)" in result.stdout and "overall" in result.stdout
    assert "missed: case.txt reintervention proportion group=all t=– 2/12" in result.stdout
    assert "wrong: case.txt mortality proportion group=all t=– 1/12" in result.stdout


def test_evaluate_command_reports_a_missing_gold_folder(db_url, engine, tmp_path):
    # ``engine`` creates the (empty) database: a missing one is its own error
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "nope"), "--db", db_url])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: nope: is not a readable gold folder or file (no *.json gold files)\n")
