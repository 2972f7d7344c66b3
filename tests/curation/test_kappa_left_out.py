"""Kappa says how many decided records it leaves out and why, instead of leaving them out
silently: settled by one reviewer alone, still waiting for a second reviewer, or reset by an
adjudicator or an unreview before a second reviewer decided."""

from __future__ import annotations

from corpus import curation
from corpus.agreement import LEFT_OUT_REASONS, agreement
from corpus.merge import double_reviewed
from corpus.unreview import unreview


def test_records_settled_alone_before_the_switch_are_counted_as_left_out(
    engine, stored, protocol
):
    protocol(1)
    mort, os_, r0 = stored["mortality"], stored["overall_survival"], stored["r0_resection"]
    curation.edit(engine, mort, {"events": 3}, reviewer="alice")
    curation.reject(engine, os_, reason="cited", reviewer="alice")
    protocol(2)
    curation.edit(engine, mort, {"events": 4}, reviewer="bob")  # decided later by two
    curation.edit(engine, mort, {"events": 4}, reviewer="carol")
    curation.accept(engine, r0, reviewer="bob")
    curation.accept(engine, r0, reviewer="carol")
    found = agreement(engine)
    assert (found.pairs, found.left_out, found.left_out_total) == (1, {"settled_alone": 2}, 2)
    assert found.to_dict()["left_out_reasons"] == {"settled_alone": "settled by one reviewer alone"}


def test_a_decision_waiting_for_a_second_reviewer_is_counted_as_waiting(engine, stored, protocol):
    protocol(2)
    curation.accept(engine, stored["r0_resection"], reviewer="alice")
    curation.accept(engine, stored["r0_resection"], reviewer="bob")
    curation.edit(engine, stored["mortality"], {"events": 1}, reviewer="alice")
    found = agreement(engine)
    assert (found.pairs, found.left_out) == (1, {"waiting": 1})


def test_a_record_unreviewed_before_a_second_decision_is_counted_as_reset(
    engine, stored, protocol
):
    protocol(2)
    mort = stored["mortality"]
    curation.edit(engine, mort, {"events": 1}, reviewer="alice")
    unreview(engine, mort, reviewer="carol", note="start again")
    curation.edit(engine, mort, {"events": 1}, reviewer="bob")  # after the reset: not paired
    assert agreement(engine).left_out == {"reset": 1}


def test_records_outside_the_double_review_sample_are_settled_alone(engine, stored, protocol):
    protocol(2, fraction=0.5)
    outside = [rid for rid in stored.values() if not double_reviewed(rid, 0.5)]
    inside = [rid for rid in stored.values() if double_reviewed(rid, 0.5)]
    assert outside and inside, "the sample splits these records (stable: drawn from the ids)"
    for rid in stored.values():
        curation.accept(engine, rid, reviewer="alice")
        curation.accept(engine, rid, reviewer="bob")
    found = agreement(engine)
    assert found.pairs == len(inside)
    assert found.left_out == {"settled_alone": len(outside)}


def test_nothing_is_left_out_when_every_decided_record_is_paired(engine, stored, protocol):
    protocol(2)
    for rid in stored.values():
        curation.accept(engine, rid, reviewer="alice")
        curation.accept(engine, rid, reviewer="bob")
    found = agreement(engine)
    assert (found.pairs, found.left_out, found.left_out_total) == (3, {}, 0)


def test_every_reason_has_words_for_the_report():
    assert set(LEFT_OUT_REASONS) == {"settled_alone", "waiting", "reset"}
    assert all(text and text == text.strip() for text in LEFT_OUT_REASONS.values())


def test_the_report_states_what_kappa_leaves_out(engine, stored, protocol):
    from meta.report import build_report

    protocol(1)
    curation.edit(engine, stored["mortality"], {"events": 3}, reviewer="alice")
    protocol(2)
    r0 = stored["r0_resection"]
    curation.accept(engine, r0, reviewer="alice")
    curation.reject(engine, r0, reason="cited", reviewer="bob")
    curation.accept(engine, stored["overall_survival"], reviewer="bob")
    html = build_report(engine, status="any")
    assert "Dual review: alice and bob decided 1\nrecord independently" in html
    assert ("2 records\na reviewer decided are not in this comparison:\n"
            "1 settled by one reviewer alone; 1 waiting for a second reviewer.") in html


def test_the_report_says_why_there_is_no_kappa_when_no_record_is_paired(
    engine, stored, protocol
):
    from meta.report import build_report

    protocol(2)
    curation.accept(engine, stored["r0_resection"], reviewer="alice")
    html = build_report(engine, status="any")
    assert "no record was decided by two reviewers independently" in html
    assert "1 record\na reviewer decided is not in this comparison:\n1 waiting" in html
