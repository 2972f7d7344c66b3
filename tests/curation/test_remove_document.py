"""Removing a failed ingest: the document and its pages go, audited; a decided one is refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.errors import InvalidEdit, NotFound
from corpus.inclusion import exclude, selections
from corpus.models import Document, DocumentPage, OutcomeRecord, Study
from corpus.removal import removals, remove_document
from corpus.store import store_failure

runner = CliRunner()

SERIES = """Outcomes of pelvic exenteration: a case series

Methods
We reviewed 18 consecutive patients treated between 2010 and 2020.

Results
Complete excision (R0) was achieved in 14 of 18 patients (78%). The 30-day mortality was 0%.
"""


def counts(engine) -> tuple[int, int, int, int]:
    with Session(engine) as s:
        return tuple(len(s.exec(select(t)).all())
                     for t in (Document, DocumentPage, Study, OutcomeRecord))  # fmt: skip


def test_a_failed_ingest_is_removed_audited_and_can_be_ingested_again(db_url, tmp_path):
    from corpus.db import open_engine

    source = tmp_path / "series.txt"
    source.write_bytes(b"\x00\x01\x02 binary, not a paper \xff\xfe" * 20)
    failed = runner.invoke(app, ["ingest", str(source), "--workers", "1", "--db", db_url])
    assert failed.exit_code == 1 and failed.stderr == "Error: series.txt: is not a text file\n"
    gone = runner.invoke(app, ["remove", "series.txt", "--note", "wrong file", "--db", db_url])
    assert (gone.exit_code, gone.stdout) == (0, "series.txt: removed (failed ingest) by alice\n")
    engine = open_engine(db_url)
    assert counts(engine) == (0, 0, 0, 0)
    [audit] = removals(engine)
    assert (audit.file_name, audit.status, audit.reviewer, audit.note) == (
        "series.txt", "failed", "alice", "wrong file",
    )  # fmt: skip
    assert audit.error == "series.txt: is not a text file" and audit.path == str(source)
    listed = runner.invoke(app, ["selection", "--db", db_url], env={"COLUMNS": "200"}).stdout
    assert "identified 0," in listed
    assert re.search(r"^removed: series\.txt \(failed\) by alice \S+ \S+ \(wrong file\)$", listed,
                     flags=re.M)  # fmt: skip
    source.write_text(SERIES)  # the right file, at the same place
    again = runner.invoke(app, ["ingest", str(source), "--workers", "1", "--db", db_url])
    assert again.exit_code == 0, again.output
    docs, _pages, studies, records = counts(engine)
    assert (docs, studies) == (1, 1) and records >= 2
    engine.dispose()


def test_the_same_failing_file_fails_again_after_removal(engine, paper):
    store_failure(engine, Path("broken.pdf"), "sha-broken", "broken.pdf: is a corrupt PDF")
    remove_document(engine, "broken.pdf", reviewer="bob")
    assert counts(engine)[0] == 0
    store_failure(engine, Path("broken.pdf"), "sha-broken", "broken.pdf: is a corrupt PDF")
    assert [(s.document, s.category) for s in selections(engine)] == [("broken.pdf", "failed")]
    assert [r.reviewer for r in removals(engine)] == ["bob"]


def test_a_document_nobody_decided_on_goes_with_its_records_and_pages(engine, stored):
    removed = remove_document(engine, "smith2020.pdf", reviewer="alice")
    assert (removed.status, removed.records, removed.pages) == ("ok", 3, 3)
    assert counts(engine) == (0, 0, 0, 0)
    assert removals(engine)[0].records == 3


def test_a_document_with_a_record_decision_is_refused(engine, db_url, stored, paper):
    curation.accept(engine, stored["mortality"], reviewer="alice")
    with pytest.raises(InvalidEdit) as info:
        remove_document(engine, "smith2020.pdf")
    assert str(info.value) == (
        "smith2020.pdf has reviewer decisions on its records; it cannot be removed (exclude it "
        "instead: casemeta exclude smith2020.pdf --reason ...)"
    )
    out = runner.invoke(app, ["remove", "smith2020.pdf", "--db", db_url])
    assert (out.exit_code, out.stderr) == (1, f"Error: {info.value}\n")
    assert counts(engine) == (1, 3, 1, 3) and removals(engine) == []  # nothing written


def test_a_document_with_a_selection_decision_is_refused(engine, stored):
    exclude(engine, "smith2020.pdf", reason="overlapping cohort", reviewer="alice")
    with pytest.raises(InvalidEdit, match=r"^smith2020.pdf has reviewer decisions on its select"):
        remove_document(engine, "smith2020.pdf")
    assert counts(engine)[0] == 1


def test_an_unknown_document_is_not_found(engine, db_url, stored):
    with pytest.raises(NotFound, match=r"^no document named 'smith2021.pdf'"):
        remove_document(engine, "smith2021.pdf")
    out = runner.invoke(app, ["remove", "smith2021.pdf", "--db", db_url])
    assert out.exit_code == 1 and out.stderr.startswith("Error: no document named")
