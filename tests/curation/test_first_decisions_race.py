"""Two reviewers' decisions on one record (or one document's selection) at once, in dual
review, on PostgreSQL.

Under READ COMMITTED, two decisions that read at once would each find no other open decision
and both wait for a second reviewer forever. The row lock (the record's, or the document's
for study selection) makes the second decision wait for the first one's transaction, so it
sees the first decision and merges or agrees with it. Without a protocol there is nothing to
race on: each decision applies alone.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, select

from corpus import curation
from corpus.models import Document, InclusionEvent, OutcomeRecord, ReviewEvent
from corpus.record_versions import transaction


@pytest.mark.postgres
def test_a_second_reviewers_decision_waits_and_merges_with_the_first(postgres_url, paper, dual):
    from corpus.db import open_engine

    engine = open_engine(postgres_url)
    ids = paper.store_paper(engine)
    results = {}

    def bob_decides() -> None:
        other = create_engine(postgres_url)
        with transaction(other) as session:
            results["bob"] = curation.decide(
                session, ids["mortality"], "accept", {}, reviewer="bob", note=None,
                expected_version=None,
            )  # fmt: skip
        other.dispose()

    with transaction(engine) as session:  # alice's decision, not yet committed
        first = curation.decide(session, ids["mortality"], "accept", {}, reviewer="alice",
                                note=None, expected_version=None)  # fmt: skip
        assert first.waiting
        bob = threading.Thread(target=bob_decides)
        bob.start()
        time.sleep(1.0)
        assert "bob" not in results, "bob's decision did not wait for alice's transaction"
    bob.join(timeout=30)
    assert not bob.is_alive()
    assert results["bob"].applied and not results["bob"].waiting
    with Session(engine) as session:
        mortality = session.exec(select(OutcomeRecord).where(
            OutcomeRecord.id == ids["mortality"])).one()  # fmt: skip
        actions = session.exec(select(ReviewEvent.action).order_by(ReviewEvent.id)).all()
    # bob saw alice's committed decision: the two merged and the record is accepted
    assert mortality.status == "accepted"
    assert actions == ["accept", "accept", "merge"]
    engine.dispose()


@pytest.mark.postgres
def test_two_exclusions_at_once_see_each_other_and_agree(postgres_url, paper, dual):
    from corpus import inclusion
    from corpus.db import open_engine

    engine = open_engine(postgres_url)
    paper.store_paper(engine)
    results = {}

    def bob_excludes() -> None:
        other = create_engine(postgres_url)
        results["bob"] = inclusion.exclude(other, "smith2020.pdf", reason="overlapping cohort",
                                           reviewer="bob")  # fmt: skip
        other.dispose()

    with transaction(engine) as session:  # alice's exclusion as include/exclude write it,
        doc = session.exec(select(Document).where(Document.file_name == "smith2020.pdf")).one()
        inclusion._lock_document(session, doc)  # not yet committed
        session.add(InclusionEvent(document_id=doc.id, reviewer="alice", action="exclude",
                                   reason="overlapping cohort"))  # fmt: skip
        bob = threading.Thread(target=bob_excludes)
        bob.start()
        time.sleep(1.0)
        assert "bob" not in results, "bob's exclusion did not wait for alice's transaction"
    bob.join(timeout=30)
    assert not bob.is_alive()
    # bob saw alice's committed exclusion: two agreeing decisions exclude the study
    assert (results["bob"].category, results["bob"].pending) == ("excluded", "")
    engine.dispose()
