"""One reviewer in a process of their own, curating every record of a database repeatedly.

``reviewer_process.py DB_URL REVIEWER ROUNDS ACTION``: for each round and record, read the
record's version, then ``accept`` it (or ``reject`` it) at that version. Another process doing
the same at the same time makes some of these calls stale. Prints one JSON line: how many
calls were applied or recorded (``done``) and how many were refused as stale.
"""

from __future__ import annotations

import json
import sys

from sqlmodel import Session, select

from corpus import curation
from corpus.db import open_engine
from corpus.errors import StaleRecord
from corpus.models import OutcomeRecord


def main(db_url: str, reviewer: str, rounds: int, action: str) -> dict[str, int]:
    engine = open_engine(db_url)
    with Session(engine) as session:
        ids = sorted(session.exec(select(OutcomeRecord.id)).all())
    counts = {"done": 0, "stale": 0}
    for _ in range(rounds):
        for record_id in ids:
            with Session(engine) as session:
                version = session.get(OutcomeRecord, record_id).version
            try:
                if action == "accept":
                    curation.accept(
                        engine, record_id, reviewer=reviewer, expected_version=version
                    )
                else:
                    curation.reject(
                        engine, record_id, reason="not a finding", reviewer=reviewer,
                        expected_version=version,
                    )  # fmt: skip
                counts["done"] += 1
            except StaleRecord:
                counts["stale"] += 1
    engine.dispose()
    return counts


if __name__ == "__main__":
    url, name, n_rounds, what = sys.argv[1:]
    print(json.dumps(main(url, name, int(n_rounds), what)))
