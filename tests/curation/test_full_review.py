"""A full two-reviewer review on the shared corpus, played through the command line.

Eight documents on leiomyosarcoma of the inferior vena cava (six series, a pooled analysis of
published cases, a news page): a protocol with a custom outcome and two planned analyses;
blinded queues; disagreements merged field by field or resolved; an exclusion with a reason;
then the pooled numbers, the PRISMA counts and the audit trail are checked.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from cli import app
from corpus.protocol import ENV_PROTOCOL

runner = CliRunner()

PAPERS = (
    "ivclms__AVS2019_single_center_IVC_LMS_n12.txt",
    "ivclms__Cananzi2016_JSO_IVC_LMS_n11.txt",
    "ivclms__Dzsinich1992_JVS_Mayo_primary_venous_LMS_n13.txt",
    "ivclms__Illuminati_IVC_vs_nonIVC_venous_LMS_n27.txt",
    "ivclms__infrahepatic_IVC_LMS_PTFE_n33.txt",
    "ivclms__JViscSurg2016_IVC_LMS_n8.txt",
    "ivclms__Wachtel2015_pooled_analysis_377_cases.txt",
    "gi__WebMDnews2010_n0.txt",
)
DZSINICH, ILLUMINATI, PTFE = PAPERS[2], PAPERS[3], PAPERS[4]
WACHTEL = PAPERS[6]

#: What the protocol adds to the template `casemeta init` writes.
PROTOCOL = """
[[outcomes]]
name = "graft_occlusion"
measures = ["proportion"]
terms = ["graft occlusion", "grafts were occluded", "occluded"]

[[analyses]]
name = "early mortality"
outcome = "mortality"
measure = "proportion"
timepoint_months = [0, 1]

[[analyses]]
name = "5-year survival"
outcome = "overall_survival"
measure = "rate_at_time"
timepoint_months = [36, 60]
choose = "longest_follow_up"
"""

REASONS = '["pooled analysis of published cases", "overlapping cohort"]'


def cli(db_url, *args, reviewer=None, answers=None):
    env = {"COLUMNS": "200", **({"CASEMETA_REVIEWER": reviewer} if reviewer else {})}
    text = None if answers is None else "".join(f"{a}\n" for a in answers)
    result = runner.invoke(app, [*args, "--db", db_url], env=env, input=text)
    assert result.exit_code == 0, f"{args}: {result.output}"
    return result


def records(db_url) -> list[dict]:
    return json.loads(cli(db_url, "export", "--format", "json").stdout)


def record_id(db_url, document, outcome, **where) -> int:
    [row] = [r for r in records(db_url) if r["document"] == document and r["outcome"] == outcome
             and all(r[k] == v for k, v in where.items())]  # fmt: skip
    return row["id"]


def accept_the_rest(db_url, tmp_path, reviewer, decided):
    """Accept the records not yet decided in a spreadsheet, as a reviewer clearing a queue."""
    rows = list(csv.DictReader(io.StringIO(cli(db_url, "export", "--format", "csv").stdout)))
    for row in rows:
        row["status"] = row["status"] if int(row["id"]) in decided else "Accepted"
    path = tmp_path / f"{reviewer}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return cli(db_url, "import", str(path), reviewer=reviewer)


@pytest.fixture
def review(shared, db_url, tmp_path, monkeypatch):
    """The corpus ingested under a two-reviewer protocol; returns the database URL."""
    monkeypatch.setenv(ENV_PROTOCOL, str(tmp_path / "review.toml"))
    papers = tmp_path / "papers"
    papers.mkdir()
    for name in PAPERS:  # copies in the test's folder, never in the repository
        shutil.copy(shared / "corpus" / "text" / name, papers / name)
    cli(db_url, "init", "--reviewers", "2", "--question",
        "Early mortality and survival after resection of IVC leiomyosarcoma")  # fmt: skip
    protocol = tmp_path / "review.toml"
    text = protocol.read_text().replace("exclusion_reasons = []", f"exclusion_reasons = {REASONS}")
    protocol.write_text(text + PROTOCOL)
    cli(db_url, "ingest", str(papers))
    return db_url


def test_a_two_reviewer_review_from_protocol_to_report(review, tmp_path):
    db = review
    mort = record_id(db, DZSINICH, "mortality", timepoint_months=0.0)  # perioperative
    os_ptfe = record_id(db, PTFE, "overall_survival", timepoint_months=60.0)
    occluded = record_id(db, ILLUMINATI, "graft_occlusion", events=None)
    assert {r["outcome"] for r in records(db)} >= {"graft_occlusion"}  # the custom outcome

    # study selection, with the protocol's reasons only
    refused = runner.invoke(app, ["exclude", WACHTEL, "--reason", "old", "--db", db])
    assert refused.exit_code == 1 and "is not one of the protocol's" in refused.stderr
    cli(db, "exclude", WACHTEL, "--reason", "pooled analysis of published cases", reviewer="alice")
    waiting = cli(db, "selection", reviewer="bob").stdout  # blinded: bob does not see it yet
    assert "excluded: none" in waiting and "pooled analysis" not in waiting
    agreed = cli(db, "exclude", WACHTEL, "--reason", "pooled analysis of published cases",
                 reviewer="bob").stdout  # fmt: skip
    assert agreed == f"{WACHTEL}: excluded by alice, bob (pooled analysis of published cases)\n"

    # alice: 30-day mortality is at 1 month; a different 5-year rate; no denominator to trust
    cli(db, "edit", str(mort), "--timepoint", "1", reviewer="alice")
    cli(db, "edit", str(os_ptfe), "--value", "58%", reviewer="alice")
    cli(db, "reject", str(occluded), "--reason", "no denominator", reviewer="alice")
    # bob is blinded: his queue shows the record as extracted, not alice's time point
    shown = cli(db, "review", "--document", DZSINICH, "--outcome", "mortality", reviewer="bob",
                answers=["q"]).stdout  # fmt: skip
    assert "events 2 / total 13" in shown and "time 0 mo" in shown
    cli(db, "edit", str(mort), "--events", "3", reviewer="bob")  # merges with alice's time point
    cli(db, "edit", str(os_ptfe), "--value", "60%", reviewer="bob")  # conflicts with alice
    cli(db, "accept", str(occluded), reviewer="bob")  # conflicts with alice's rejection
    for reviewer in ("alice", "bob"):
        accept_the_rest(db, tmp_path, reviewer, decided={mort, os_ptfe, occluded})
    # a row the extraction missed, in the protocol's custom outcome, quoted as printed
    cli(db, "add", "--document", ILLUMINATI, "--outcome", "graft_occlusion", "--measure",
        "proportion", "--group", "group A", "--events", "7", "--total", "18", "--quote",
        "Seven grafts were occluded in group A (39%)", reviewer="alice")  # fmt: skip

    merged = [r for r in records(db) if r["id"] == mort][0]
    assert (merged["events"], merged["timepoint_months"], merged["status"]) == (3, 1.0, "edited")
    listed = cli(db, "conflicts").stdout
    assert "Conflicts between reviewers: 2" in listed and "(extracted)" in listed
    cli(db, "resolve", str(os_ptfe), "--decision", "edit", "--value", "0.59", reviewer="carol")
    cli(db, "resolve", str(occluded), "--decision", "reject", "--reason", "no denominator",
        reviewer="carol")  # fmt: skip
    assert "Conflicts between reviewers: 0" in cli(db, "conflicts").stdout

    # the planned analyses, and the same numbers pooled from a plain study table
    rows = json.loads(cli(db, "table", "--format", "json").stdout)
    table = {row["analysis"]: row for row in rows}
    assert list(table) == ["early mortality", "5-year survival"]
    # JViscSurg's "no peri-operative deaths" is 0/8 at 0 months
    assert (table["early mortality"]["k"], table["early mortality"]["patients"]) == (4, 81)
    early = cli(db, "pool", "early mortality", "--format", "json")
    assert early.stderr.startswith("Analysis 'early mortality' of the protocol review.toml")
    early = json.loads(early.stdout)
    assert sorted((s["events"], s["total"]) for s in early["studies"]) == [
        (0, 8), (0, 27), (0, 33), (3, 13),
    ]  # fmt: skip
    assert early["estimate"] == pytest.approx(table["early mortality"]["estimate"], rel=1e-9)
    studies = tmp_path / "early.csv"
    studies.write_text("study,events,total\nDzsinich,3,13\nIlluminati,0,27\nPTFE,0,33\n"
                       "JViscSurg,0,8\n")
    direct = json.loads(cli(db, "pool", "--input", str(studies), "--format", "json").stdout)
    assert early["estimate"] == pytest.approx(direct["estimate"], rel=1e-9)
    assert early["ci_low"] == pytest.approx(direct["ci_low"], rel=1e-9)
    # AVS 2019 and Cananzi at 60 months (their 36-month rates are not chosen), JViscSurg at
    # 36 months, the resolved 57.7%; Wachtel's pooled cases are excluded
    survival = table["5-year survival"]
    assert (survival["k"], survival["timepoint_label"]) == (4, "36–60 months")
    [choice] = [n for n in survival["notes"] if n.startswith("One record per study by longest")]
    assert choice.count("(record ") == 2 and "of 2)" in choice

    # PRISMA counts and the audit trail
    selection = cli(db, "selection").stdout
    assert ("identified 8, failed 0, screened 8, not_a_study 1, reviews 0, assessed 7, "
            "included 6; excluded: pooled analysis of published cases: 1") in selection
    history = cli(db, "history", str(mort)).stdout
    for line in ("alice", "bob", "merge", "timepoint_months: 0 → 1", "events: 2 → 3"):
        assert line in history
    resolved = cli(db, "history", str(os_ptfe)).stdout
    assert "carol" in resolved and "resolve" in resolved and "value: 0.577 → 0.59" in resolved

    html_path = tmp_path / "report.html"
    cli(db, "report", "--out", str(html_path))
    html = html_path.read_text()
    assert "Studies included in the review (n = 6)" in html
    assert "pooled analysis of published cases (n = 1)" in html
    assert "Dual review: alice and bob decided" in html and "Cohen's κ =" in html
    assert "Study selection: alice and bob decided on\n1 document independently" in html
