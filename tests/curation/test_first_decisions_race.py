"""Two reviewers' first decisions at once, without a protocol, on PostgreSQL.

Under READ COMMITTED both transactions used to count one reviewer and both applied at once as
single-reviewer decisions (issue 11, row 13). The decision path now waits for the other
decision's transaction, so the second reviewer counts the first.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import create_engine
from sqlmodel import Session, select

from corpus import curation
from corpus.models import OutcomeRecord
from corpus.record_versions import transaction


@pytest.mark.postgres
def test_a_second_reviewers_first_decision_waits_and_counts_the_first(postgres_url, paper):
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

    with transaction(engine) as session:  # alice's first decision, not yet committed
        curation.decide(session, ids["r0_resection"], "accept", {}, reviewer="alice",
                        note=None, expected_version=None)  # fmt: skip
        bob = threading.Thread(target=bob_decides)
        bob.start()
        time.sleep(1.0)
        assert "bob" not in results, "bob's decision did not wait for alice's transaction"
    bob.join(timeout=30)
    assert not bob.is_alive()
    with Session(engine) as session:
        mortality = session.exec(select(OutcomeRecord).where(
            OutcomeRecord.id == ids["mortality"])).one()  # fmt: skip
    # bob is the second reviewer: his decision waits for a second one instead of applying
    assert mortality.status == "extracted"
    engine.dispose()
