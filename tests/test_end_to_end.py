"""End to end with real extraction: the seed corpus, the demo, and every bad-input kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from cli import app
from corpus.models import Document

runner = CliRunner()
BLOG = "003_1406ed0e9873a9df.txt"


def test_seeds_land_and_export_well_formed_records(shared, db_url):
    result = runner.invoke(app, ["ingest", str(shared / "corpus" / "seeds"), "--db", db_url])
    assert result.exit_code == 0, result.output
    export = runner.invoke(app, ["export", "--db", db_url, "--format", "json"])
    rows = json.loads(export.stdout)
    seeds = {p.name for p in (shared / "corpus" / "seeds").glob("*.txt")}
    # every paper yields records; the vendor blog post reports no study and yields none
    assert {r["document"] for r in rows} == seeds - {BLOG}
    from corpus.db import open_engine

    with Session(open_engine(db_url)) as s:
        docs = {d.file_name: d for d in s.exec(select(Document)).all()}
    assert len(docs) == 5 and all(d.status == "ok" for d in docs.values())
    assert docs[BLOG].document_type == "not_a_study"
    assert all(r["quote"] and r["status"] == "extracted" for r in rows)


def test_demo_runs_on_the_bundled_corpus(tmp_path):
    result = runner.invoke(app, ["demo", "--out", str(tmp_path / "demo")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "casemeta.db").exists()
    assert "Ingest summary" in result.stdout
    assert "overall_survival" in result.stdout


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[str, Path]:
    """One file of every bad-input kind of the ingest contract, by expected message."""
    import make_pdfs  # on sys.path through tests/conftest.py

    root = tmp_path_factory.mktemp("bad")
    good = make_pdfs.two_column_pdf(root / "good.pdf")
    (root / "fake.pdf").write_text("this is a text file with a .pdf name")
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")
    (root / "gone.pdf").symlink_to(root / "deleted.pdf")
    make_pdfs.truncated_pdf(good, root / "cut.pdf", keep=0.5)
    make_pdfs.encrypted_pdf(good, root / "locked.pdf")
    make_pdfs.image_only_pdf(root / "scan.pdf", tmp_path_factory.mktemp("picture"))
    return root


EXPECTED_ERRORS = {
    "fake.pdf": "Error: fake.pdf: is not a PDF",
    "empty.txt": "Error: empty.txt: is empty (0 bytes)",
    "notes.docx": "Error: notes.docx: unsupported file type (expected .pdf, .txt, .md or .html)",
    "gone.pdf": "Error: gone.pdf: cannot be read (No such file or directory)",
    "cut.pdf": "Error: cut.pdf: is a corrupt or truncated PDF (truncated: no end-of-file marker)",
    "locked.pdf": (
        "Error: locked.pdf: is an encrypted PDF (remove the password and ingest it again)"
    ),
    "scan.pdf": "Error: scan.pdf: has no text layer (scanned PDF without OCR; run OCR first)",
}


def test_every_bad_input_gets_its_one_line_and_the_batch_goes_on(bad_inputs, db_url):
    result = runner.invoke(app, ["ingest", str(bad_inputs), "--db", db_url])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert sorted(lines) == sorted(EXPECTED_ERRORS.values())
    from corpus.db import open_engine

    with Session(open_engine(db_url)) as s:
        docs = {d.file_name: d for d in s.exec(select(Document)).all()}
    assert docs["good.pdf"].status == "ok"
    failed = {name: d.error for name, d in docs.items() if d.status == "failed"}
    assert failed == {name: line.removeprefix("Error: ") for name, line in EXPECTED_ERRORS.items()}
    # a second run retries the failures, skips the good file and changes nothing else
    again = runner.invoke(app, ["ingest", str(bad_inputs), "--db", db_url])
    assert again.exit_code == 1
    assert "Skipped: good.pdf: already ingested (same content)" in again.stderr
