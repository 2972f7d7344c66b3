"""Ingest orchestration: discovery, idempotency, per-file failures, exit summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

import corpus.ingest as ingest_mod
from corpus.errors import IngestInputError
from corpus.ingest import discover, ingest_paths
from corpus.models import Document, OutcomeRecord
from extract.errors import CorruptPDF
from extract.model import ExtractedDocument, ExtractedRecord, StudyInfo


def fake_extract(path, settings):
    if path.name.startswith("bad"):
        raise CorruptPDF(path)
    if path.name.startswith("crash"):
        raise RuntimeError("parser bug")
    rec = ExtractedRecord("mortality", "proportion", events=0, total=10, value=0.0, quote=path.name)
    return ExtractedDocument("text/plain", 1, study=StudyInfo(n_patients=10), records=(rec,))


@pytest.fixture(autouse=True)
def _fake(monkeypatch):
    monkeypatch.setattr(ingest_mod, "extract_file", fake_extract)


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "papers"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "sub" / "b.md").write_text("b")
    (root / ".hidden.txt").write_text("h")
    return root


def test_discover_is_recursive_sorted_and_skips_hidden(folder):
    assert [p.name for p in discover([folder])] == ["a.txt", "b.md"]


def test_discover_names_a_missing_path(tmp_path):
    with pytest.raises(IngestInputError, match=r"nope.pdf: no such file or folder$"):
        discover([tmp_path / "nope.pdf"])


def test_second_ingest_skips_same_content(engine, folder):
    first = ingest_paths(engine, [folder])
    second = ingest_paths(engine, [folder])
    assert [f.status for f in first.files] == ["ok", "ok"]
    assert [f.status for f in second.files] == ["skipped", "skipped"]
    assert second.files[0].message == "a.txt: already ingested (same content)"
    with Session(engine) as s:
        assert len(s.exec(select(OutcomeRecord)).all()) == 2


def test_force_reextracts(engine, folder):
    ingest_paths(engine, [folder])
    report = ingest_paths(engine, [folder], force=True)
    assert [f.status for f in report.files] == ["ok", "ok"]
    with Session(engine) as s:
        assert len(s.exec(select(OutcomeRecord)).all()) == 2


def test_failures_do_not_stop_the_batch(engine, tmp_path):
    root = tmp_path / "papers"
    root.mkdir()
    for name in ("bad.pdf", "crash.txt", "good.txt", "notes.docx"):
        (root / name).write_text(name)  # distinct content, distinct digests
    report = ingest_paths(engine, [root])
    by_name = {f.path.name: f for f in report.files}
    assert by_name["good.txt"].status == "ok"
    assert by_name["bad.pdf"].message == "bad.pdf: is a corrupt or truncated PDF"
    assert by_name["crash.txt"].message == "crash.txt: extraction failed (RuntimeError: parser bug)"
    assert by_name["notes.docx"].message.startswith("notes.docx: unsupported file type")
    assert report.count("failed") == 3
    with Session(engine) as s:
        failed = s.exec(select(Document).where(Document.status == "failed")).all()
    assert sorted(d.file_name for d in failed) == ["bad.pdf", "crash.txt", "notes.docx"]


def test_unreadable_file_is_reported(engine, tmp_path):
    # a dangling link: unreadable even for root (CI runs as root, so mode 0 would not do)
    path = tmp_path / "gone.pdf"
    path.symlink_to(tmp_path / "deleted.pdf")
    report = ingest_paths(engine, [path])
    assert report.files[0].message == "gone.pdf: cannot be read (No such file or directory)"
    with Session(engine) as s:
        assert s.exec(select(Document)).one().status == "failed"


def test_a_document_the_database_refuses_fails_alone(engine, tmp_path, monkeypatch):
    def huge(path, settings):
        if path.name == "huge.txt":  # a count no integer column holds
            rec = ExtractedRecord("mortality", "proportion", events=2**70, total=2**71)
            return ExtractedDocument("text/plain", 1, records=(rec,))
        return fake_extract(path, settings)

    monkeypatch.setattr(ingest_mod, "extract_file", huge)
    (tmp_path / "papers").mkdir()
    for name in ("a.txt", "huge.txt", "z.txt"):
        (tmp_path / "papers" / name).write_text(name)
    report = ingest_paths(engine, [tmp_path / "papers"])
    assert [f.status for f in report.files] == ["ok", "failed", "ok"]
    assert report.files[1].message.startswith("huge.txt: could not be stored (")
    with Session(engine) as s:
        doc = s.exec(select(Document).where(Document.file_name == "huge.txt")).one()
    assert (doc.status, doc.error) == ("failed", report.files[1].message)


def test_links_are_followed_only_inside_the_given_paths(tmp_path, folder):
    private = tmp_path / "private"
    private.mkdir()
    (private / "notes.txt").write_text("secret")
    (folder / "out.txt").symlink_to(private / "notes.txt")
    (folder / ".hidden-out.txt").symlink_to(private / "notes.txt")
    (folder / "out-dir").symlink_to(private)
    (folder / "in.txt").symlink_to(folder / "a.txt")
    sources = ingest_mod.find_sources([folder])
    assert [p.name for p in sources.files] == ["a.txt", "in.txt", "b.md"]
    assert [(r.path.name, r.status, r.message) for r in sources.refused] == [
        ("out-dir", "skipped",
         f"out-dir: links outside the ingested paths (to {private}); not followed"),
        ("out.txt", "skipped",
         f"out.txt: links outside the ingested paths (to {private}/notes.txt); not followed"),
    ]  # fmt: skip
    # given explicitly, the private folder is inside the given paths
    assert ingest_mod.find_sources([folder, private]).refused == ()
