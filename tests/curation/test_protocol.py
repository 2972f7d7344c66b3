"""The review protocol: init, validation, custom outcomes (curation and extraction), exclusion
reasons, and the planned analyses that table, pool and report use."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation, inclusion
from corpus.errors import InvalidEdit
from corpus.ingest import ingest_paths
from corpus.protocol import ENV_PROTOCOL, ProtocolError, load_protocol, protocol_for
from corpus.protocol_template import init_protocol
from corpus.store import store_extraction
from extract.model import ExtractedRecord
from meta.analyses import analyses_from_db
from meta.report import build_report

runner = CliRunner()

PROTOCOL = """
question = "Early mortality after suboccipital decompression"
reviewers = 1

[inclusion]
exclusion_reasons = ["overlapping cohort", "not a case series"]

[[outcomes]]
name = "mortality"

[[outcomes]]
name = "functional_independence"
measures = ["proportion"]
terms = ["functional independence", "functionally independent"]

[[analyses]]
name = "early mortality"
outcome = "mortality"
measure = "proportion"
timepoint_months = [0, 1]
groups = { all = "all", SDC = "decompression" }
choose = "longest_follow_up"
"""

SERIES = """Suboccipital decompression for Chiari malformation: a case series

Methods
We reviewed 20 consecutive patients treated between 2010 and 2020.

Results
Functional independence was achieved in 15 of 20 patients (75%).
The 30-day mortality was 5% (1 of 20 patients).
"""


@pytest.fixture
def protocol_file(tmp_path, monkeypatch) -> Path:
    """The protocol above, found through $CASEMETA_PROTOCOL (SQLite and PostgreSQL alike)."""
    path = tmp_path / "review.toml"
    path.write_text(PROTOCOL)
    monkeypatch.setenv(ENV_PROTOCOL, str(path))
    return path


def mortality(events, total, months, group="all", quote="q") -> ExtractedRecord:
    return ExtractedRecord("mortality", "proportion", events=events, total=total,
                           value=round(events / total, 4), timepoint_months=months, group=group,
                           quote=quote, rule="test")  # fmt: skip


def test_init_writes_a_valid_protocol_beside_the_database_once(sqlite_url, tmp_path):
    out = runner.invoke(app, ["init", "--reviewers", "2", "--question", 'Is "SDC" safe?',
                              "--db", sqlite_url])  # fmt: skip
    assert out.exit_code == 0, out.output
    path = tmp_path / "review.toml"
    assert out.stdout == f"Protocol: {path} (edit it: outcomes, analyses, exclusion reasons)\n"
    protocol = load_protocol(path)
    assert (protocol.question, protocol.reviewers, protocol.analyses) == ('Is "SDC" safe?', 2, ())
    again = runner.invoke(app, ["init", "--db", sqlite_url])
    assert again.exit_code == 1
    assert again.stderr == f"Error: {path} exists already; edit it (or delete it to start again)\n"


def test_init_refuses_an_invalid_fraction_and_leaves_no_file(engine, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_PROTOCOL, str(tmp_path / "review.toml"))
    with pytest.raises(ProtocolError, match=r"double_review_fraction must be above 0 and at mos"):
        init_protocol(engine, reviewers=2, fraction=0)
    assert not (tmp_path / "review.toml").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reviewers = 3", "review.toml: reviewers must be 1 or 2, not 3"),
        ("[[analyses]]\noutcome = 'mortality'\nmeasure = 'propotion'",
         "review.toml: analyses[0]: measure must be one of"),
        ("[[analyses]]\noutcome = 'functional'\nmeasure = 'proportion'",
         "review.toml: analyses[0]: unknown outcome 'functional' (add it to [[outcomes]])"),
        ("[[analyses]]\noutcome = 'mortality'\nmeasure = 'proportion'\ntimepoint_months = [3, 1]",
         "review.toml: analyses[0]: timepoint_months must be [from, to] in months"),
        ("[[outcomes]]\nname = 'fi'\nmeasures = ['proportion']",
         "review.toml: outcomes[0] (fi): a custom outcome needs terms (or abbreviations)"),
        ("question = ", "not TOML"),
    ],
)  # fmt: skip
def test_invalid_protocols_name_the_problem(tmp_path, text, message):
    path = tmp_path / "review.toml"
    path.write_text(text)
    with pytest.raises(ProtocolError) as info:
        load_protocol(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_a_custom_outcome_is_accepted_only_with_a_protocol(engine, stored, tmp_path, monkeypatch):
    values = {"outcome": "functional_independence", "measure": "proportion", "events": 9,
              "total": 18}  # fmt: skip
    monkeypatch.setenv(ENV_PROTOCOL, str(tmp_path / "none.toml"))
    with pytest.raises(InvalidEdit, match=r"^unknown outcome 'functional_independence'"):
        curation.add(engine, document="smith2020.pdf", values=values)
    (tmp_path / "review.toml").write_text(PROTOCOL)
    monkeypatch.setenv(ENV_PROTOCOL, str(tmp_path / "review.toml"))
    assert curation.add(engine, document="smith2020.pdf", values=values).status == "accepted"
    rid = stored["r0_resection"]
    assert curation.edit(engine, rid, {"outcome": "functional_independence"}).status == "edited"


def test_extraction_finds_the_custom_outcome_through_the_lexicon_hook(engine, protocol_file,
                                                                      tmp_path):
    source = tmp_path / "series.txt"
    source.write_text(SERIES)
    ingest_paths(engine, [source])
    from corpus.queries import record_rows

    found = {(r["outcome"], r["events"], r["total"]) for r in record_rows(engine)}
    assert ("functional_independence", 15, 20) in found
    assert [p.name for p in (tmp_path / ".casemeta").iterdir()][0].startswith("lexicon-")


def test_exclusion_reasons_come_from_the_protocol(engine, stored, protocol_file):
    with pytest.raises(InvalidEdit, match=r"^reason 'dup' is not one of the protocol's: overl"):
        inclusion.exclude(engine, "smith2020.pdf", reason="dup", reviewer="alice")
    chosen = inclusion.exclude(engine, "smith2020.pdf", reason="overlapping cohort")
    assert chosen.category == "excluded"


@pytest.fixture
def three_series(engine, paper):
    """Three studies reporting mortality at several time points and groups, all accepted."""
    docs = {
        "a.pdf": [mortality(1, 20, 0), mortality(2, 20, 1), mortality(4, 20, 6)],
        "b.pdf": [mortality(3, 40, 1, group="SDC"), mortality(9, 40, None)],
        "c.pdf": [mortality(2, 30, 0.5), mortality(5, 30, 0.5, group="duraplasty")],
    }
    for name, records in docs.items():
        store_extraction(engine, Path(name), f"sha-{name}", paper.extraction(*records))
    from corpus.queries import record_rows

    for row in record_rows(engine):
        curation.accept(engine, row["id"], reviewer="alice")
    return engine


def test_planned_analysis_picks_one_record_per_study_in_the_window(three_series, protocol_file):
    analyses = analyses_from_db(three_series)
    assert [(a.name, a.group) for a in analyses] == [
        ("early mortality", "all"), ("early mortality", "decompression"),
    ]  # fmt: skip
    planned = analyses[0]
    studies = {(s.events, s.total) for s in planned.result.studies}
    # a: 1 month (longest in 0-1, not 6); b: its SDC arm counts for "decompression", not "all"
    assert planned.group == "all" and studies == {(2, 20), (2, 30)}
    assert planned.timepoint_label == "0\u20131 month"
    assert any(n.startswith("One record per study by longest follow up: ")
               for n in planned.result.notes)  # fmt: skip
    arm = analyses[1]
    assert (arm.k, arm.single.events, arm.single.total) == (1, 3, 40)


def test_table_pool_and_report_say_they_use_the_protocol(three_series, db_url, protocol_file):
    table = runner.invoke(app, ["table", "--format", "csv", "--db", db_url])
    assert table.exit_code == 0, table.output
    assert table.stderr == "Analyses of the protocol review.toml: early mortality\n"
    assert "0\u20131 month" in table.stdout and "duraplasty" not in table.stdout
    pooled = runner.invoke(app, ["pool", "early mortality", "--format", "csv", "--db", db_url])
    assert pooled.exit_code == 0, pooled.output
    assert pooled.stderr.startswith(
        "Analysis 'early mortality' of the protocol review.toml: mortality proportion, 0\u20131"
    )
    assert [line.split(",")[2] for line in pooled.stdout.splitlines()[1:3]] == ["2/20", "2/30"]
    html = build_report(three_series, status="accepted")
    assert "Protocol: <code>review.toml</code>. Review question: Early mortality after" in html
    assert "the protocol's 1 planned analyses (early mortality)" in html


def test_without_a_protocol_every_cell_is_pooled(three_series, tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_PROTOCOL, str(tmp_path / "absent.toml"))
    assert protocol_for(three_series) is None
    groups = {(a.group, a.timepoint) for a in analyses_from_db(three_series)}
    assert ("duraplasty", 0.5) in groups and ("all", 6.0) in groups


def test_the_readme_protocol_is_a_valid_protocol(tmp_path):
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    [text] = re.findall(r"```toml\n(.+?)\n```", readme, flags=re.S)
    path = tmp_path / "review.toml"
    path.write_text(text)
    protocol = load_protocol(path)
    assert (protocol.reviewers, [c.name for c in protocol.custom_outcomes]) == (
        2, ["functional_independence"],
    )  # fmt: skip
    [analysis] = protocol.analyses
    assert (analysis.window, analysis.arm_of("sdc")) == ((0.0, 1.0), "decompression")
