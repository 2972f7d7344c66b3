"""Fixtures for curation tests: a synthetic three-page paper stored with its page texts.

Test modules cannot import this file (pytest runs with ``--import-mode=importlib``), so the
helpers reach them through the ``paper`` fixture.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlmodel import Session, select

from corpus.models import OutcomeRecord
from corpus.protocol import ENV_PROTOCOL
from corpus.store import store_extraction
from extract.model import ExtractedDocument, ExtractedRecord, Page, StudyInfo

PAGE_2 = (
    "Patients and outcomes. Eighteen patients underwent resection.\n"
    "Complete excision (R0) was achieved in 14 of 18 patients (78%). "
    "Thirty-day mortality was 0%. Further text follows on this page."
)

R0 = ExtractedRecord(
    "r0_resection", "proportion", events=14, total=18, value=0.78, page=2,
    quote="Complete excision (R0) was achieved in 14 of 18 patients (78%).", rule="count_of",
)  # fmt: skip
MORT = ExtractedRecord(
    "mortality", "proportion", events=0, total=18, value=0.0, timepoint_months=1, page=2,
    quote="Thirty-day mortality was 0%.", rule="percent",
)  # fmt: skip
OS = ExtractedRecord(
    "overall_survival", "rate_at_time", value=0.74, timepoint_months=36, page=3,
    quote="3-year overall survival was 74%.", rule="rate",
)  # fmt: skip


def extraction(*records: ExtractedRecord) -> ExtractedDocument:
    """A synthetic extraction of a three-page paper."""
    pages = (
        Page(1, "A series of eighteen resections."),
        Page(2, PAGE_2),
        Page(3, "Survival. 3-year overall survival was 74%."),
    )
    return ExtractedDocument(
        media_type="application/pdf",
        page_count=3,
        study=StudyInfo(first_author="Smith", year=2020, n_patients=18),
        records=records or (R0, MORT, OS),
        pages=pages,
    )


def record_ids(engine) -> dict[str, int]:
    """Map outcome name to record id."""
    with Session(engine) as s:
        return {r.outcome: r.id for r in s.exec(select(OutcomeRecord)).all()}


def get(engine, record_id: int) -> OutcomeRecord:
    with Session(engine) as s:
        return s.get(OutcomeRecord, record_id)


def store_paper(engine, *records: ExtractedRecord) -> dict[str, int]:
    """Store the paper as ``smith2020.pdf``; return outcome -> record id."""
    store_extraction(engine, Path("smith2020.pdf"), "sha-smith", extraction(*records))
    return record_ids(engine)


@pytest.fixture
def paper():
    """This module: ``paper.get``, ``paper.extraction``, ``paper.R0``, ``paper.store_paper``..."""
    return sys.modules[__name__]


@pytest.fixture
def stored(engine) -> dict[str, int]:
    """The synthetic paper ``smith2020.pdf`` stored; outcome -> record id."""
    return store_paper(engine)


@pytest.fixture(autouse=True)
def _reviewer(monkeypatch):
    """A fixed default reviewer so tests do not depend on the login name."""
    monkeypatch.setenv("CASEMETA_REVIEWER", "alice")


@pytest.fixture
def protocol(tmp_path, monkeypatch):
    """Write a protocol with the given settings; found through $CASEMETA_PROTOCOL.

    Dual review exists only when a protocol says ``reviewers = 2``: tests of it call
    ``protocol(2)`` (calling it again, e.g. ``protocol(1)`` then ``protocol(2)``, rewrites it).
    """

    writes = []

    def write(reviewers: int, fraction: float = 1.0):
        path = tmp_path / "review.toml"
        writes.append(reviewers)
        # a comment one character longer each time: protocol_for re-reads a file whose size
        # or mtime changed, and a rewrite within one mtime tick must still be seen
        path.write_text(f"#{'-' * len(writes)}\nreviewers = {reviewers}\n"
                        f"double_review_fraction = {fraction}\n")  # fmt: skip
        monkeypatch.setenv(ENV_PROTOCOL, str(path))
        return path

    return write


@pytest.fixture
def dual(protocol):
    """A protocol with ``reviewers = 2`` for every record."""
    return protocol(2)
