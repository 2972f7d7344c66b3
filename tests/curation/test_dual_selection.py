"""Dual study selection: with reviewers = 2, include/exclude count once two reviewers agree,
blinded until then; disagreements are conflicts resolved with a reason; kappa in the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import inclusion
from corpus.agreement import selection_agreement
from corpus.errors import InvalidEdit
from corpus.review_queue import pending_ids
from corpus.selection_review import selection_conflicts
from corpus.store import store_extraction

runner = CliRunner()
SMITH, JONES = "smith2020.pdf", "jones2021.pdf"


@pytest.fixture
def corpus(engine, paper):
    """Two studies, smith2020.pdf and jones2021.pdf, and a third, lee2019.pdf."""
    paper.store_paper(engine)
    store_extraction(engine, Path(JONES), "sha-jones", paper.extraction())
    store_extraction(engine, Path("lee2019.pdf"), "sha-lee", paper.extraction())
    return engine


def placed(engine, reader=None) -> dict[str, tuple[str, str]]:
    return {s.document: (s.category, s.pending) for s in inclusion.selections(engine, reader)}


def cli(db_url: str, *args: str, reviewer: str | None = None):
    return runner.invoke(app, [*args, "--db", db_url],
                         env={"CASEMETA_REVIEWER": reviewer, "COLUMNS": "200"})  # fmt: skip


def test_one_exclusion_waits_blinded_for_the_second_reviewer(corpus, db_url, dual):
    first = inclusion.exclude(corpus, SMITH, reason="overlapping cohort", reviewer="alice")
    assert first.summary("exclude") == f"{SMITH}: exclude recorded; waiting for a second reviewer"
    assert placed(corpus)[SMITH] == ("included", "waiting")
    assert len(pending_ids(corpus, "bob")) == 9  # smith's records are still under review
    [mine] = [s for s in inclusion.selections(corpus, "alice") if s.document == SMITH]
    [theirs] = [s for s in inclusion.selections(corpus, "bob") if s.document == SMITH]
    assert (mine.mine, theirs.mine, theirs.reviewer) == ("exclude (overlapping cohort)", "", "")
    trail = [e.reviewer for e in inclusion.visible_document_decisions(corpus, SMITH, "bob")]
    assert trail == []
    shown = cli(db_url, "selection", "--document", SMITH, reviewer="bob").stdout
    assert "alice" not in shown and "overlapping" not in shown
    own = cli(db_url, "selection", "--document", SMITH, reviewer="alice").stdout
    assert "alice" in own and "overlapping cohort" in own
    listed = cli(db_url, "selection", reviewer="bob").stdout
    assert "overlapping cohort" not in listed and "excluded: none" in listed


def test_two_agreeing_exclusions_exclude(corpus, db_url, dual):
    inclusion.exclude(corpus, SMITH, reason="overlapping cohort", reviewer="alice")
    out = cli(db_url, "exclude", SMITH, "--reason", "overlapping cohort", reviewer="bob")
    assert out.stdout == f"{SMITH}: excluded by alice, bob (overlapping cohort)\n"
    assert placed(corpus)[SMITH] == ("excluded", "")
    assert len(pending_ids(corpus, "carol")) == 6
    assert selection_conflicts(corpus) == []


@pytest.mark.parametrize(
    ("bob", "reason"), [("include", None), ("exclude", "not a case series")]
)  # fmt: skip
def test_different_decisions_or_reasons_are_a_conflict_resolved_with_a_reason(
    corpus, db_url, dual, bob, reason
):
    inclusion.exclude(corpus, SMITH, reason="overlapping cohort", reviewer="alice")
    if bob == "include":
        second = inclusion.include(corpus, SMITH, reviewer="bob", note="different years")
    else:
        second = inclusion.exclude(corpus, SMITH, reason=reason, reviewer="bob")
    assert second.pending == "conflict" and placed(corpus)[SMITH] == ("included", "conflict")
    expected = f"{SMITH}: {bob} recorded; reviewers disagree (see `casemeta conflicts`)"
    assert second.summary(bob) == expected
    [conflict] = selection_conflicts(corpus)
    assert [(e.reviewer, e.action) for e in conflict.decisions] == [
        ("alice", "exclude"), ("bob", bob),
    ]  # fmt: skip
    rows = json.loads(cli(db_url, "conflicts", "--format", "json").stdout)
    assert [(r["record_id"], r["document"], r["reviewer"], r["decision"]) for r in rows] == [
        (None, SMITH, "alice", "exclude"), (None, SMITH, "bob", bob),
    ]  # fmt: skip
    table = cli(db_url, "conflicts").stdout
    assert "Selection conflicts between reviewers: 1" in table
    assert "Conflicts between reviewers" not in table.replace("Selection conflicts", "")
    refused = cli(db_url, "resolve", "--document", SMITH, "--decision", "exclude", reviewer="carol")
    assert (refused.exit_code, refused.stderr) == (
        1, "Error: a resolution needs a reason (--reason) to exclude a study\n",
    )  # fmt: skip
    done = cli(db_url, "resolve", "--document", SMITH, "--decision", "exclude", "--reason",
               "overlapping cohort", reviewer="carol")  # fmt: skip
    assert done.stdout == f"{SMITH}: resolved as excluded (overlapping cohort)\n"
    assert placed(corpus)[SMITH] == ("excluded", "") and selection_conflicts(corpus) == []
    trail = inclusion.document_decisions(corpus, SMITH)
    assert [(e.reviewer, e.action) for e in trail] == [
        ("alice", "exclude"), ("bob", bob), ("carol", "resolve_exclude"),
    ]  # fmt: skip


def test_siding_with_a_reviewer_takes_their_decision_and_reason(corpus, dual):
    inclusion.exclude(corpus, SMITH, reason="overlapping cohort", reviewer="alice")
    inclusion.include(corpus, SMITH, reviewer="bob")
    with pytest.raises(InvalidEdit) as info:
        inclusion.resolve_selection(corpus, SMITH, "dave", reviewer="carol")
    assert str(info.value) == (
        f"{SMITH}: 'dave' is neither include, exclude nor a reviewer with an open decision "
        "(open: alice, bob)"
    )
    chosen = inclusion.resolve_selection(corpus, SMITH, "alice", reviewer="carol")
    assert (chosen.category, chosen.reason, chosen.reviewer) == (
        "excluded", "overlapping cohort", "carol",
    )  # fmt: skip
    again = inclusion.resolve_selection(corpus, SMITH, "include", reason="same cohort, new data",
                                        reviewer="carol")  # fmt: skip
    assert again.category == "included"


def test_a_resolved_exclusion_reason_must_be_the_protocols(corpus, tmp_path, monkeypatch):
    path = tmp_path / "review.toml"
    path.write_text('reviewers = 2\n[inclusion]\nexclusion_reasons = ["overlapping cohort"]\n')
    monkeypatch.setenv("CASEMETA_PROTOCOL", str(path))
    inclusion.exclude(corpus, SMITH, reason="overlapping cohort", reviewer="alice")
    inclusion.include(corpus, SMITH, reviewer="bob")
    with pytest.raises(InvalidEdit, match=r"^reason 'old' is not one of the protocol's"):
        inclusion.resolve_selection(corpus, SMITH, "exclude", reason="old", reviewer="carol")


def test_resolve_needs_a_record_or_a_document(db_url, corpus):
    out = cli(db_url, "resolve", "--decision", "include", reviewer="carol")
    assert (out.exit_code, out.stderr) == (
        1, "Error: give a record id or --document DOC, and --decision\n",
    )  # fmt: skip


def test_selection_kappa_in_the_report(corpus, dual):
    from meta.report import build_report

    for name in ("alice", "bob"):
        inclusion.include(corpus, SMITH, reviewer=name)
        inclusion.exclude(corpus, "lee2019.pdf", reason="overlapping cohort", reviewer=name)
    inclusion.exclude(corpus, JONES, reason="overlapping cohort", reviewer="alice")
    inclusion.include(corpus, JONES, reviewer="bob")
    inclusion.resolve_selection(corpus, JONES, "bob", reviewer="carol")
    inclusion.exclude(corpus, JONES, reason="overlapping cohort", reviewer="bob")  # after: no
    found = selection_agreement(corpus)
    # rows alice, columns bob: include/include, exclude/exclude, exclude/include
    # po = 2/3; alice 1 include, 2 exclude; bob 2 include, 1 exclude: pe = (1*2 + 2*1) / 9
    # kappa = (2/3 - 4/9) / (1 - 4/9) = 0.4
    assert (found.pairs, found.agreed, found.reviewers) == (3, 2, ("alice", "bob"))
    assert found.kappa == pytest.approx(0.4)
    html = build_report(corpus, status="any")
    assert "Study selection: alice and bob decided on\n3 documents independently" in html
    assert "(include or exclude) on 2\n(66.7%); Cohen's κ =\n0.40." in html


def test_without_dual_review_the_latest_decision_counts_and_nothing_is_compared(corpus):
    inclusion.exclude(corpus, SMITH, reason="overlapping cohort", reviewer="alice")
    assert placed(corpus)[SMITH] == ("excluded", "")
    inclusion.include(corpus, SMITH, reviewer="bob")
    assert placed(corpus)[SMITH] == ("included", "")
    assert selection_conflicts(corpus) == [] and selection_agreement(corpus).pairs == 0
