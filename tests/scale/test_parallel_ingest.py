"""Ingest in worker processes: same results as in one process; bad files fail alone."""

from __future__ import annotations

import os
import time

import pytest
from scale_fakes import fake_extract, write_batch
from sqlmodel import Session, func, select

import corpus.ingest as ingest_mod
from corpus.ingest import ingest_paths
from corpus.models import Document, OutcomeRecord
from corpus.workers import resident_bytes
from extract import ExtractSettings


@pytest.fixture(autouse=True)
def _fake(monkeypatch):
    monkeypatch.setattr(ingest_mod, "extract_file", fake_extract)


def counts(engine) -> tuple[int, int]:
    with Session(engine) as s:
        docs = s.exec(select(func.count()).select_from(Document)).one()
        recs = s.exec(select(func.count()).select_from(OutcomeRecord)).one()
    return docs, recs


def test_two_workers_store_what_one_process_stores(engine, tmp_path):
    paths = write_batch(tmp_path / "papers", 12, records=2)
    report = ingest_paths(engine, [tmp_path / "papers"], workers=2)
    assert [f.path for f in report.files] == paths  # stored in input order
    assert [f.records for f in report.files] == [2] * 12
    assert counts(engine) == (12, 24)
    again = ingest_paths(engine, [tmp_path / "papers"], workers=2)
    assert again.count("skipped") == 12 and counts(engine) == (12, 24)


def bad_batch(folder):
    write_batch(folder, 4)
    cases = {
        "sleepy.txt": "sleep 20",
        "stuck.txt": "hang 20",
        "killer.txt": "crash",
        "greedy.txt": "memory",
        "growing.txt": "grow",
        "noisy.txt": "scream",
        "buggy.txt": "raise",
        "huge.txt": "ok 1\n" + "x" * 5000,
    }
    for name, text in cases.items():
        (folder / name).write_text(text)


def limits(timeout: float) -> ExtractSettings:
    """Small limits: ``timeout``, and 200 MB above this process's size (a worker starts at it)."""
    memory = resident_bytes(os.getpid()) + 200 * 10**6
    return ExtractSettings(timeout_seconds=timeout, max_bytes=4096, max_memory_bytes=memory)


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_files_fail_alone_in_workers(engine, tmp_path, workers, capfd):
    bad_batch(tmp_path / "papers")
    settings = limits(timeout=3.0)  # the memory bomb grows past its limit well before
    start = time.monotonic()
    report = ingest_paths(engine, [tmp_path / "papers"], workers=workers, settings=settings)
    assert time.monotonic() - start < 30
    memory = f"exceeded the {settings.max_memory_bytes / 1e6:.3g} MB memory limit"
    messages = {f.path.name: f.message for f in report.files if f.status == "failed"}
    assert messages == {
        "sleepy.txt": "sleepy.txt: took more than 3 s",
        "stuck.txt": "stuck.txt: took more than 3 s",
        "killer.txt": "killer.txt: extraction failed (worker process killed by SIGKILL)",
        "greedy.txt": f"greedy.txt: {memory}",
        "growing.txt": f"growing.txt: {memory}",
        "noisy.txt": "noisy.txt: extraction failed (worker process killed by SIGSEGV: "
        "Fatal Python error: Segmentation fault)",
        "buggy.txt": "buggy.txt: extraction failed (RuntimeError: parser bug)",
        "huge.txt": "huge.txt: is too large (5005 bytes, limit 4096)",
    }
    assert capfd.readouterr().err == ""  # the workers' stderr is captured, never printed
    assert report.count("ok") == 4
    with Session(engine) as s:
        failed = s.exec(select(Document.file_name).where(Document.status == "failed")).all()
    assert sorted(failed) == sorted(messages)


def test_the_time_limit_holds_in_one_process_too(engine, tmp_path):
    folder = tmp_path / "papers"
    write_batch(folder, 2)
    (folder / "sleepy.txt").write_text("sleep 20")
    start = time.monotonic()
    report = ingest_paths(engine, [folder], settings=ExtractSettings(timeout_seconds=0.3))
    assert time.monotonic() - start < 5
    assert [f.status for f in report.files] == ["ok", "ok", "failed"]
    assert report.files[2].message == "sleepy.txt: took more than 0.3 s"
