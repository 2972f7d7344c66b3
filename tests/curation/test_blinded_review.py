"""Blinded, configurable dual review: protocol reviewers = 1 | 2, blinded queues, three-way
merge with the extracted record as base, resolve from the merge, who counts as a reviewer,
and Cohen's kappa with per-field agreement."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.agreement import agreement
from corpus.dual_review import conflicts, resolve
from corpus.errors import InvalidEdit
from corpus.history import record_history
from corpus.merge import double_reviewed
from corpus.review_queue import ReviewQueue, pending_ids

runner = CliRunner()


@pytest.fixture
def sdc(engine, paper):
    """A record of the SDC arm: 5 deaths of 46 at one month."""
    record = paper.MORT.__class__(
        "mortality", "proportion", group="SDC", events=5, total=46, value=round(5 / 46, 4),
        timepoint_months=1, page=2, quote="Thirty-day mortality was 0%.", rule="percent",
    )  # fmt: skip
    return paper.store_paper(engine, record)["mortality"]


def test_a_second_reviewer_sees_the_extracted_values_not_the_first_reviewers(
    engine, sdc, protocol, paper
):
    protocol(2)
    curation.edit(engine, sdc, {"events": 6}, reviewer="alice")
    assert paper.get(engine, sdc).events == 5  # waits for bob
    [item] = [ReviewQueue(engine, "bob").current()]
    assert (item.record["events"], item.record["status"]) == (5, "extracted")
    assert sdc in pending_ids(engine, "bob") and sdc not in pending_ids(engine, "alice")


def test_fields_changed_by_one_reviewer_each_are_merged(engine, sdc, protocol, paper):
    protocol(2)
    curation.edit(engine, sdc, {"events": 6}, reviewer="alice")
    result = curation.edit(engine, sdc, {"timepoint_months": 0.5}, reviewer="bob")
    rec = paper.get(engine, sdc)
    assert result.applied and not result.conflict_with
    assert (rec.events, rec.timepoint_months, rec.group, rec.status) == (6, 0.5, "SDC", "edited")
    last = record_history(engine, sdc)[-1]
    assert (last.action, last.note) == ("merge", "decisions of alice, bob merged field by field")
    assert conflicts(engine) == []


def test_a_field_both_changed_differently_is_a_conflict_resolved_from_the_merge(
    engine, db_url, sdc, protocol, paper
):
    protocol(2)
    curation.edit(engine, sdc, {"events": 6, "timepoint_months": 0.5}, reviewer="alice")
    result = curation.edit(engine, sdc, {"events": 7}, reviewer="bob")
    assert result.conflict_with == ("alice",) and paper.get(engine, sdc).events == 5
    [conflict] = conflicts(engine)
    assert conflict.differing_fields() == ("events", "value")
    assert (conflict.base["events"], conflict.merge.values["timepoint_months"]) == (5, 0.5)
    shown = runner.invoke(app, ["conflicts", "--db", db_url], env={"COLUMNS": "220"})
    assert "(extracted)" in shown.stdout and "events=5, value=0.1087" in shown.stdout
    assert "events=6, value=0.1304" in shown.stdout and "events=7, value=0.1522" in shown.stdout
    with pytest.raises(InvalidEdit, match=r"reviewers disagree on events, value; give a value"):
        resolve(engine, sdc, "accept", reviewer="carol")
    resolve(engine, sdc, "edit", changes={"events": 6}, reviewer="carol")
    rec = paper.get(engine, sdc)
    # group kept by both stays SDC; alice's time point, changed by her alone, is kept
    assert (rec.events, rec.group, rec.timepoint_months, rec.status) == (6, "SDC", 0.5, "edited")


def test_siding_with_a_reviewer_takes_their_conflicting_fields_only(engine, sdc, protocol, paper):
    protocol(2)
    curation.edit(engine, sdc, {"events": 6}, reviewer="alice")
    curation.edit(engine, sdc, {"events": 7, "total": 47}, reviewer="bob")
    resolve(engine, sdc, "alice", reviewer="carol")
    rec = paper.get(engine, sdc)
    assert (rec.events, rec.total) == (6, 47)  # bob alone changed the total


def test_with_one_reviewer_in_the_protocol_every_decision_applies_at_once(
    engine, stored, protocol, paper
):
    protocol(1)
    curation.accept(engine, stored["r0_resection"], reviewer="alice")
    result = curation.edit(engine, stored["mortality"], {"events": 1}, reviewer="bob")
    assert result.applied and paper.get(engine, stored["mortality"]).status == "edited"
    assert pending_ids(engine, "bob") == [stored["overall_survival"]]
    assert conflicts(engine) == []


def test_the_double_review_sample_is_stable_and_about_the_fraction():
    sample = [rid for rid in range(1, 401) if double_reviewed(rid, 0.25)]
    assert sample == [rid for rid in range(1, 401) if double_reviewed(rid, 0.25)]
    assert 70 <= len(sample) <= 130
    assert all(double_reviewed(rid, 1.0) for rid in range(1, 50))


def test_records_outside_the_sample_need_one_reviewer(engine, stored, protocol, paper):
    protocol(2, fraction=0.5)
    rids = sorted(stored.values())
    single = [rid for rid in rids if not double_reviewed(rid, 0.5)]
    double = [rid for rid in rids if double_reviewed(rid, 0.5)]
    for rid in rids:
        result = curation.accept(engine, rid, reviewer="alice")
        assert result.applied == (rid in single)
    assert pending_ids(engine, "bob") == double


@pytest.mark.parametrize(
    ("name", "message"),
    [("casemeta", "'casemeta' is the extractor's name, not a reviewer (give --reviewer NAME)"),
     (" ", "an empty name is not a reviewer (give --reviewer NAME)")],
)  # fmt: skip
def test_the_extractor_and_an_empty_name_are_not_reviewers(engine, db_url, stored, name, message):
    with pytest.raises(InvalidEdit) as info:
        curation.accept(engine, stored["mortality"], reviewer=name)
    assert str(info.value) == message
    out = runner.invoke(app, ["accept", str(stored["mortality"]), "--reviewer", name,
                              "--db", db_url])  # fmt: skip
    assert (out.exit_code, out.stderr) == (1, f"Error: {message}\n")


def test_kappa_and_field_agreement(engine, stored, protocol, paper):
    protocol(2)
    r0, mort, os_ = stored["r0_resection"], stored["mortality"], stored["overall_survival"]
    curation.accept(engine, r0, reviewer="alice")
    curation.accept(engine, r0, reviewer="bob")
    curation.edit(engine, mort, {"events": 1}, reviewer="alice")
    curation.edit(engine, mort, {"events": 1}, reviewer="bob")
    curation.reject(engine, os_, reason="other study", reviewer="alice")
    curation.accept(engine, os_, reviewer="bob")
    found = agreement(engine)
    assert (found.pairs, found.agreed, found.reviewers) == (3, 2, ("alice", "bob"))
    # table rows alice, columns bob: accept/accept, edit/edit, reject/accept
    # po = 2/3, pe = (1*2 + 1*1 + 1*0) / 9 = 1/3, kappa = (2/3 - 1/3) / (2/3) = 0.5
    assert found.kappa == pytest.approx(0.5)
    assert found.fields == {"events": 1.0, "value": 1.0}


def test_kappa_is_undefined_when_every_decision_is_the_same(engine, stored, protocol):
    protocol(2)
    for rid in stored.values():
        curation.accept(engine, rid, reviewer="alice")
        curation.accept(engine, rid, reviewer="bob")
    found = agreement(engine)
    assert (found.pairs, found.agreed, found.kappa) == (3, 3, None)


def test_the_report_methods_give_kappa_and_field_agreement(engine, stored, protocol):
    from meta.report import build_report

    protocol(2)
    r0, mort = stored["r0_resection"], stored["mortality"]
    curation.accept(engine, r0, reviewer="alice")
    curation.reject(engine, r0, reason="cited", reviewer="bob")
    curation.edit(engine, mort, {"events": 1}, reviewer="alice")
    curation.edit(engine, mort, {"events": 2}, reviewer="bob")
    html = build_report(engine, status="any")
    assert "Dual review: alice and bob decided 2\nrecords independently" in html
    assert "same decision (accept as extracted, edit or reject) on 1\n(50.0%)" in html
    # alice accept/edit, bob reject/edit: po = 1/2, pe = (1*0 + 1*1 + 0*1) / 4 = 1/4,
    # kappa = (1/2 - 1/4) / (3/4) = 1/3
    assert "Cohen's κ =\n0.33." in html
    assert "events 0.0%, value 0.0%." in html
