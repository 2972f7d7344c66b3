"""Hostile and unlucky inputs cost their own file only (issue 11): the bombs are built here,
small, and the limits set low enough that a few MB trigger them.

Every test ingests a batch with good papers beside the bad ones and a record a reviewer
accepted before, and checks the exact one-line message of each bad entry, that the good ones
are stored, and that the reviewer's decision is still there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bombs import inflate_bomb, operator_bomb
from sqlmodel import Session, select
from typer.testing import CliRunner

from cli import app
from corpus import curation
from corpus.ingest import ingest_paths
from corpus.models import Document, DocumentPage, OutcomeRecord
from corpus.workers import resident_bytes
from extract import ExtractSettings

ROOT = Path(__file__).resolve().parents[2]
PAPER = (ROOT / "tests" / "fixtures" / "text" / "counts-and-percentages.txt").read_text()


@pytest.fixture
def reviewed(engine, tmp_path):
    """A paper ingested and one of its records accepted by a reviewer: (path, record id)."""
    path = tmp_path / "reviewed" / "earlier.txt"
    path.parent.mkdir()
    path.write_text(PAPER + "\nAn earlier paper.\n", encoding="utf-8")
    assert ingest_paths(engine, [path]).count("ok") == 1
    with Session(engine) as s:
        record_id = s.exec(select(OutcomeRecord.id)).first()
    curation.accept(engine, record_id, reviewer="alice")
    return path, record_id


def decision_survives(engine, record_id: int) -> bool:
    with Session(engine) as s:
        return s.get(OutcomeRecord, record_id).status == "accepted"


def records_of(engine, name: str) -> int:
    with Session(engine) as s:
        doc = s.exec(select(Document).where(Document.file_name == name)).one()
        return len(s.exec(select(OutcomeRecord).where(OutcomeRecord.document_id == doc.id)).all())


def text_batch(folder: Path, outside: Path) -> None:
    """Good papers in three encodings beside junk, odd names, a locked folder and links."""
    folder.mkdir()
    (folder / "utf8.txt").write_text(PAPER, encoding="utf-8")
    (folder / "utf16.txt").write_text(PAPER + "\n(UTF-16)\n", encoding="utf-16")
    (folder / "utf32.txt").write_text(PAPER + "\n(UTF-32)\n", encoding="utf-32")
    (folder / "cp1252.txt").write_bytes((PAPER + "\nMean age 54 \u00b1 9.\n").encode("cp1252"))
    (folder / "nul.txt").write_text(PAPER.replace("Results", "Res\x00ults\x1b[2J", 1))
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 64)
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(PAPER + "\n(name)\n")
    (folder / "locked").mkdir()
    (folder / "locked" / "hidden-by-permissions.txt").write_text(PAPER + "\n(locked)\n")
    outside.mkdir()
    (outside / "secret.txt").write_text("private notes of 3 of 4 patients\n")
    (folder / "link-out.txt").symlink_to(outside / "secret.txt")
    (folder / "zz-link-in.txt").symlink_to(folder / "utf8.txt")


@pytest.fixture
def locked(monkeypatch):
    """Make folders named ``locked`` unlistable (the suite may run as root, for whom mode 000
    does not lock anything)."""
    real = os.scandir

    def scandir(path="."):
        if not isinstance(path, int) and os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_encodings_names_folders_and_links(engine, tmp_path, reviewed, locked):
    folder = tmp_path / "papers"
    text_batch(folder, tmp_path / "private")
    report = ingest_paths(engine, [folder])
    by_name = {f.path.name: f for f in report.files}
    failed = {name: f.message for name, f in by_name.items() if f.status == "failed"}
    assert failed == {
        "junk.txt": "junk.txt: is not a text file",
        "locked": "locked: cannot be read (Permission denied)",
    }
    assert by_name["link-out.txt"].status == "skipped"
    assert by_name["link-out.txt"].message == (
        f"link-out.txt: links outside the ingested paths (to {tmp_path}/private/secret.txt); "
        "not followed"
    )
    assert by_name["zz-link-in.txt"].message == "zz-link-in.txt: already ingested (same content)"
    n = records_of(engine, "utf8.txt")
    assert n >= 3  # the same paper gives the same records whatever its encoding or name
    for name in ("utf16.txt", "utf32.txt", "cp1252.txt", "nul.txt", "caf\\xe9.txt"):
        assert records_of(engine, name) == n, name
    with Session(engine) as s:
        texts = [p.text for p in s.exec(select(DocumentPage)).all()]
        names = s.exec(select(Document.file_name)).all()
        stored_secret = any("private notes" in text for text in texts)
    assert not any("\x00" in t or "\x1b" in t for t in texts) and not stored_secret
    assert "locked" in names and "secret.txt" not in names
    assert any("Mean age 54 \u00b1 9." in t for t in texts)
    assert decision_survives(engine, reviewed[1])


def test_the_cli_reports_each_entry_on_one_line(engine, db_url, tmp_path, reviewed, locked):
    folder = tmp_path / "papers"
    text_batch(folder, tmp_path / "private")
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", db_url])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [
        "Error: locked: cannot be read (Permission denied)",
        "Error: junk.txt: is not a text file",
    ]
    assert "Skipped: link-out.txt: links outside the ingested paths" in result.stderr
    assert "Ingest summary" in result.stdout and "Traceback" not in result.output
    assert decision_survives(engine, reviewed[1])


def test_pdf_bombs_hit_their_limits(engine, tmp_path, reviewed):
    folder = tmp_path / "papers"
    folder.mkdir()
    bomb = inflate_bomb(folder / "inflate.pdf", 8 * 10**6)  # 8 MB of spaces, ~8 KB on disk
    operator_bomb(folder / "operators.pdf", 300_000)  # 2 MB of operators, ~4 KB on disk
    (folder / "good.txt").write_text(PAPER)
    report = ingest_paths(engine, [folder])
    messages = {f.path.name: f.message for f in report.files}
    limit = 100 * bomb.stat().st_size / 1e3  # the default: 100 times the file size
    assert messages == {
        "good.txt": "",
        "inflate.pdf": f"inflate.pdf: is too large (its content streams inflate to more "
        f"than {limit:.3g} KB)",
        "operators.pdf": "operators.pdf: is too large (its content streams inflate to more "
        f"than {100 * (folder / 'operators.pdf').stat().st_size / 1e3:.3g} KB)",
    }
    assert decision_survives(engine, reviewed[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_a_parser_that_grows_or_runs_on_is_killed_from_outside(engine, tmp_path, workers):
    # past the inflate limit: the parser itself has to be stopped
    folder = tmp_path / "papers"
    folder.mkdir()
    operator_bomb(folder / "slow.pdf", 300_000)
    (folder / "good.txt").write_text(PAPER)
    slow = ExtractSettings(inflate_ratio=10**6, timeout_seconds=2)
    report = ingest_paths(engine, [folder], settings=slow, workers=workers)
    assert [f.message for f in report.files] == ["", "slow.pdf: took more than 2 s"]
    memory = resident_bytes(os.getpid()) + 100 * 10**6  # a worker starts at this size
    greedy = ExtractSettings(inflate_ratio=10**6, timeout_seconds=120, max_memory_bytes=memory)
    report = ingest_paths(engine, [folder], settings=greedy, workers=workers, force=True)
    assert [f.message for f in report.files] == [
        "", f"slow.pdf: exceeded the {memory / 1e6:.3g} MB memory limit"
    ]
    with Session(engine) as s:
        stored = s.exec(select(Document).where(Document.file_name == "slow.pdf")).one()
    assert (stored.status, stored.error) == ("failed", report.files[1].message)
