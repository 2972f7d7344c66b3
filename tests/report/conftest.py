"""Fixtures of the report tests: golden-file comparison (``CASEMETA_REGEN_GOLDEN=1`` rewrites
the golden files)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def check_golden(relative: str, text: str) -> None:
    """Assert ``text`` equals ``tests/golden/<relative>``; rewrite it when regenerating."""
    path = GOLDEN / relative
    if os.environ.get("CASEMETA_REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with CASEMETA_REGEN_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{relative} differs from its golden file"


@pytest.fixture
def golden():
    """``golden(relative, text)``: compare ``text`` with ``tests/golden/<relative>``."""
    return check_golden


def _record(outcome, measure, quote, **values):
    from extract.model import ExtractedRecord

    return ExtractedRecord(outcome, measure, quote=quote, page=values.pop("page", 2), **values)


def _document(author, year, n, records, flags=()):
    from extract.model import ExtractedDocument, StudyInfo

    info = StudyInfo(title=f"A case series of {n} patients", first_author=author, year=year,
                     design="retrospective case series", n_patients=n,
                     median_follow_up_months=24.0)
    return ExtractedDocument(media_type="text/plain", page_count=3, study=info,
                             records=tuple(records), flags=tuple(flags))


def populate(engine) -> dict[str, int]:
    """Three small series, a blog post without a study, and reviewer decisions.

    Returns the record ids by ``"<document>:<outcome>"``. Smith and Jones records are
    accepted; Lee's R0 record stays unreviewed and Lee's mortality record is rejected.
    """
    from sqlmodel import Session, select

    from corpus.curation import accept, reject
    from corpus.models import Document, OutcomeRecord
    from corpus.store import store_extraction
    from extract.model import ConsistencyFlag, ExtractedDocument

    flag = ConsistencyFlag("percent_mismatch", "78% is not 14/18 <check>", "14 of 18 (76%)", 2)
    docs = {
        "smith.txt": _document("Smith", 2020, 18, [
            _record("r0_resection", "proportion", "R0 in 14 of 18 <b>patients</b>",
                    events=14, total=18, value=0.78),
            _record("mortality", "proportion", "No perioperative deaths", events=0,
                    total=18, value=0.0, timepoint_months=0),
            _record("overall_survival", "median", "Median OS 26 months (95% CI 14-41)",
                    value=26.0, ci_low=14.0, ci_high=41.0)], flags=[flag]),
        "jones.txt": _document("Jones", 2021, 30, [
            _record("r0_resection", "proportion", "R0 25/30", events=25, total=30, value=0.83),
            _record("mortality", "proportion", "One death within 30 days", events=1,
                    total=30, value=0.033, timepoint_months=0),
            _record("overall_survival", "median", "Median OS 18 months (12-27)", value=18.0,
                    ci_low=12.0, ci_high=27.0)]),
        "lee.txt": _document("Lee", 2022, 12, [
            _record("r0_resection", "proportion", "All 12 resections were R0", events=12,
                    total=12, value=1.0),
            _record("mortality", "proportion", "Two deaths", events=2, total=12, value=0.17,
                    timepoint_months=0),
            _record("primary_patency", "rate_at_time", "1-year patency 71% (52-86%)",
                    value=0.71, ci_low=0.52, ci_high=0.86, timepoint_months=12)]),
    }
    for i, (name, doc) in enumerate(docs.items()):
        store_extraction(engine, Path(name), f"sha{i}", doc)
    store_extraction(engine, Path("blog.txt"), "sha-blog",
                     ExtractedDocument(media_type="text/plain", page_count=1,
                                       document_type="not_a_study"))
    with Session(engine) as session:
        rows = session.exec(select(OutcomeRecord)).all()
        names = {d.id: d.file_name for d in session.exec(select(Document)).all()}
    ids = {f"{names[r.document_id]}:{r.outcome}": r.id for r in rows}
    for key, rid in ids.items():
        if key.startswith(("smith", "jones")) or key == "lee.txt:primary_patency":
            accept(engine, rid, reviewer="alice")
    reject(engine, ids["lee.txt:mortality"], reason="counts deaths after 90 days",
           reviewer="alice")
    return ids


@pytest.fixture(scope="module")
def report_db(tmp_path_factory):
    """URL and record ids of a database filled by :func:`populate` (built once per module)."""
    from corpus.db import open_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'report.db'}"
    engine = open_engine(url)
    ids = populate(engine)
    engine.dispose()
    return url, ids
