"""Ingest on a Dask distributed cluster (a small in-process LocalCluster)."""

from __future__ import annotations

import pytest
from scale_fakes import fake_extract, write_batch
from sqlmodel import Session, func, select
from typer.testing import CliRunner

import cli
import corpus.distributed as distributed_mod
import corpus.ingest as ingest_mod
from corpus.distributed import dask_imap
from corpus.ingest import ingest_paths
from corpus.models import OutcomeRecord
from corpus.workers import Lost
from extract import ExtractSettings

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    # threads in this process: starts in about a second, and sees the patched extractor
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as local:
        yield local.scheduler_address


@pytest.fixture(autouse=True)
def _fake(monkeypatch):
    monkeypatch.setattr(ingest_mod, "extract_file", fake_extract)


def test_dask_ingest_stores_every_document(engine, tmp_path, cluster):
    folder = tmp_path / "papers"
    write_batch(folder, 10, records=2)
    (folder / "buggy.txt").write_text("raise")
    report = ingest_paths(engine, [folder], dask_address=cluster)
    assert report.count("ok") == 10
    assert [f.message for f in report.files if f.status == "failed"] == [
        "buggy.txt: extraction failed (RuntimeError: parser bug)"
    ]
    with Session(engine) as s:
        assert s.exec(select(func.count()).select_from(OutcomeRecord)).one() == 20
    assert ingest_paths(engine, [folder], dask_address=cluster).count("skipped") == 10


def test_an_overdue_task_is_reported_and_the_batch_goes_on(tmp_path, cluster):
    folder = tmp_path / "papers"
    paths = write_batch(folder, 3)
    (folder / "sleepy.txt").write_text("sleep 1.5")
    settings = ExtractSettings(timeout_seconds=0.2)
    items = [(p.name, (p, settings)) for p in [*paths, folder / "sleepy.txt"]]
    out = dict(dask_imap(cluster, ingest_mod.extract_or_message, items, timeout=0.2))
    assert out["sleepy.txt"] == Lost("timeout", "limit 0.2 s")
    assert all(out[p.name].page_count == 1 for p in paths)


def test_cli_names_an_unreachable_scheduler(tmp_path, monkeypatch, sqlite_url):
    monkeypatch.setattr(distributed_mod, "CONNECT_TIMEOUT_SECONDS", 0.5)
    write_batch(tmp_path / "papers", 1)
    result = CliRunner().invoke(
        cli.app,
        ["ingest", str(tmp_path / "papers"), "--db", sqlite_url, "--dask", "tcp://127.0.0.1:9"],
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: cannot reach the Dask scheduler at 'tcp://127.0.0.1:9' ("
    )

