"""`--output` / `--out` never overwrite the database, nor a file without --overwrite (row 8)."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from cli import app
from corpus.db import open_engine
from corpus.errors import OutputRefused
from corpus.output_files import check_output, database_file, write_output

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    """A SQLite database file with one stored paper; returns (url, path)."""
    from pathlib import Path

    from corpus.store import store_extraction
    from extract.model import ExtractedDocument, ExtractedRecord

    path = tmp_path / "casemeta.db"
    url = f"sqlite:///{path}"
    rec = ExtractedRecord("mortality", "proportion", events=0, total=9, quote="q")
    store_extraction(open_engine(url), Path("a.txt"), "sha-a", ExtractedDocument(
        "text/plain", 1, records=(rec,)))  # fmt: skip
    return url, path


WRITERS = [["export", "--format", "csv", "--output"], ["report", "--out"]]


@pytest.mark.parametrize("command", WRITERS)
def test_the_database_is_never_an_output(db, tmp_path, command, monkeypatch):
    url, path = db
    before = path.read_bytes()
    result = runner.invoke(app, [*command, str(path), "--db", url, "--overwrite"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {path}: is the database; choose another file to write\n"
    # the default database of the working directory, named relatively, and through a link
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASEMETA_DB", raising=False)
    (tmp_path / "link.db").symlink_to(path)
    for name in ("casemeta.db", "sub/../casemeta.db", "link.db", "casemeta.db-journal"):
        result = runner.invoke(app, [*command, name, "--overwrite"])
        assert result.exit_code == 1, name
        assert result.stderr == f"Error: {name}: is the database; choose another file to write\n"
    assert path.read_bytes() == before


def test_an_existing_file_is_replaced_only_with_overwrite(db, tmp_path):
    url, _ = db
    out = tmp_path / "sheet.csv"
    out.write_text("my notes\n")
    result = runner.invoke(app, ["export", "--format", "csv", "--output", str(out), "--db", url])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: already exists; add --overwrite to replace it\n"
    assert out.read_text() == "my notes\n"
    report = tmp_path / "r.html"
    report.write_text("old")
    result = runner.invoke(app, ["report", "--out", str(report), "--db", url])
    assert result.stderr == f"Error: {report}: already exists; add --overwrite to replace it\n"
    result = runner.invoke(
        app, ["export", "--format", "csv", "--output", str(out), "--db", url, "--overwrite"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("id,version,document,")


def test_library_checks(tmp_path):
    assert database_file("postgresql+psycopg://u@h/db") is None
    assert database_file("sqlite://") is None
    with pytest.raises(OutputRefused, match=r"is a folder; give a file name$"):
        check_output(tmp_path, database_url="sqlite:///x.db")
    target = tmp_path / "out.json"
    write_output(target, "[]\n", database_url=None)
    assert target.read_text() == "[]\n" and os.listdir(tmp_path) == ["out.json"]
