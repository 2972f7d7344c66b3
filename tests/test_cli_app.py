"""Conventions of every command: --version, -h, --db anywhere, missing databases, NO_COLOR."""

from __future__ import annotations

from importlib.metadata import version

import pytest
import typer.main
from typer.testing import CliRunner

from cli import app

runner = CliRunner()

#: Commands that only read (or change records of) an existing database, with their arguments.
NEEDS_A_DATABASE = [
    ["records"], ["studies"], ["export"], ["conflicts"], ["history", "1"], ["table"],
    ["review"], ["accept", "1"], ["pool", "mortality"], ["report", "--out", "r.html"],
]  # fmt: skip


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"casemeta {version('casemeta')}\n"


@pytest.mark.parametrize("args", [["-h"], ["records", "-h"], ["ingest", "--help"]])
def test_short_and_long_help(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: casemeta ")


def test_help_shows_no_type_placeholders_on_flags():
    group = typer.main.get_command(app)
    for name in group.commands:
        text = runner.invoke(app, [name, "--help"], env={"COLUMNS": "100"}).stdout
        assert "<bool>" not in text, name
        assert "╭" not in text, name  # plain help, no frames
    assert "--force / --no-force" in runner.invoke(app, ["ingest", "-h"]).stdout


@pytest.mark.parametrize("args", NEEDS_A_DATABASE, ids=lambda a: a[0])
def test_missing_database_is_an_error_and_nothing_is_created(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASEMETA_DB", raising=False)
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr == "Error: no database at casemeta.db (run casemeta ingest first)\n"
    assert list(tmp_path.iterdir()) == []


def test_evaluate_checks_its_gold_folder_then_refuses_a_missing_database(tmp_path, monkeypatch):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text('{"document": "a.txt", "records": []}')
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.delenv("CASEMETA_DB", raising=False)
    result = runner.invoke(app, ["evaluate", "--gold", str(gold)])
    assert result.exit_code == 1
    assert result.stderr == "Error: no database at casemeta.db (run casemeta ingest first)\n"
    assert list(work.iterdir()) == []


def test_mistyped_sqlite_url_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["studies", "--db", "sqlite:///casemta.db"])
    assert result.exit_code == 1
    assert result.stderr == "Error: no database at casemta.db (run casemeta ingest first)\n"
    assert not (tmp_path / "casemta.db").exists()


def test_an_empty_database_without_casemeta_tables_is_missing(db_url):
    result = runner.invoke(app, ["records", "--db", db_url])
    assert result.exit_code == 1
    where = db_url.removeprefix("sqlite:///") if db_url.startswith("sqlite") else db_url
    assert result.stderr == f"Error: no database at {where} (run casemeta ingest first)\n"


def test_empty_file_is_not_a_database(tmp_path):
    path = tmp_path / "x.db"
    path.touch()
    result = runner.invoke(app, ["records", "--db", str(path)])
    assert result.stderr == f"Error: no database at {path} (run casemeta ingest first)\n"
    assert path.stat().st_size == 0


@pytest.fixture
def papers(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "A series of 20 patients. Thirty-day mortality was 10% (2 of 20 patients)."
    )
    return folder


def test_plain_path_is_a_sqlite_file_and_db_goes_before_or_after(tmp_path, monkeypatch, papers):
    monkeypatch.chdir(tmp_path)
    ingest = runner.invoke(app, ["--db", "review.db", "ingest", str(papers)])
    assert ingest.exit_code == 0, ingest.output
    assert (tmp_path / "review.db").read_bytes().startswith(b"SQLite format 3")
    before = runner.invoke(app, ["--db", "review.db", "export"])
    after = runner.invoke(app, ["export", "--db", "review.db"])
    absolute = runner.invoke(app, ["export", "--db", f"sqlite:///{tmp_path / 'review.db'}"])
    assert before.exit_code == 0 and '"one.txt"' in before.stdout
    assert before.stdout == after.stdout == absolute.stdout


def test_the_commands_own_db_wins_over_the_global_one(tmp_path, monkeypatch, papers):
    monkeypatch.chdir(tmp_path)
    runner.invoke(app, ["ingest", str(papers), "--db", "a.db"])
    result = runner.invoke(app, ["--db", "a.db", "records", "--db", "b.db"])
    assert result.stderr == "Error: no database at b.db (run casemeta ingest first)\n"


def test_no_color_drops_bold_and_italic(tmp_path, monkeypatch, papers):
    monkeypatch.chdir(tmp_path)
    runner.invoke(app, ["ingest", str(papers)])
    styled = runner.invoke(app, ["records"], env={"FORCE_COLOR": "1", "COLUMNS": "120"})
    assert "\x1b[3m" in styled.stdout  # rich's italic table title: the test can fail
    plain = runner.invoke(
        app, ["records"], env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "120"}
    )
    assert plain.exit_code == 0 and "1 records" in plain.stdout
    assert "\x1b[" not in plain.stdout


def test_records_keeps_every_column_at_80_columns(tmp_path, monkeypatch, papers):
    monkeypatch.chdir(tmp_path)
    runner.invoke(app, ["ingest", str(papers)])
    result = runner.invoke(app, ["records"], env={"COLUMNS": "80"})
    header = next(line for line in result.stdout.splitlines() if line.startswith("id "))
    assert header.split() == ["id", "document", "outcome", "measure", "group", "n/N", "value",
                              "CI", "months", "page", "status"]
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "extracted" in result.stdout


@pytest.fixture
def ingested(tmp_path, monkeypatch, papers):
    """``casemeta.db`` in the working directory holding ``one.txt`` (a mortality record)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASEMETA_DB", raising=False)
    result = runner.invoke(app, ["ingest", str(papers)])
    assert result.exit_code == 0, result.output
    return tmp_path


@pytest.mark.parametrize(("args", "message"), [
    (["records", "--outcome", "mortalty"],
     "unknown outcome 'mortalty' (did you mean 'mortality'?)"),
    (["records", "--status", "acepted"], "unknown status 'acepted' (did you mean 'accepted'?)"),
    (["records", "--document", "one.text"],
     "unknown document 'one.text' (did you mean 'one.txt'?)"),
    (["review", "--outcome", "mortalty"], "unknown outcome 'mortalty' (did you mean 'mortality'?)"),
    (["review", "--document", "x.pdf"], "unknown document 'x.pdf' (expected one of one.txt)"),
    (["pool", "mortalty", "--status", "any"],
     "no records for outcome 'mortalty' (did you mean 'mortality'?) (outcomes: mortality)"),
    (["pool", "mortality", "--status", "any", "--measure", "proportio"],
     "no mortality records with measure 'proportio' (did you mean 'proportion'?) "
     "(available: proportion)"),
    (["pool", "mortality", "--status", "any", "--group", "al"],
     "no mortality/proportion records for group 'al' (did you mean 'all'?) (groups: all)"),
    (["table", "--status", "acepted"], "unknown status 'acepted' (did you mean 'accepted'?); "
     "allowed: accepted, reviewed, any, extracted, edited"),
    (["table", "--level", "95"], "level must be between 0 and 1, not 95 (95% is 0.95)"),
])  # fmt: skip
def test_a_typo_in_a_filter_names_the_nearest_valid_value(ingested, args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert result.stdout == ""


@pytest.mark.parametrize(("args", "message"), [
    (["--level", "95"], "level must be between 0 and 1, not 95 (95% is 0.95)"),
    (["--level", "0"], "level must be between 0 and 1, not 0 (95% is 0.95)"),
    (["--forest", "f.jpg"], "f.jpg: forest plots are written as .png, .svg or .pdf"),
])  # fmt: skip
def test_pool_options_are_checked_before_any_work(tmp_path, monkeypatch, args, message):
    # no database here: the option is refused before one is even opened
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CASEMETA_DB", raising=False)
    result = runner.invoke(app, ["pool", "mortality", *args])
    assert (result.exit_code, result.stderr) == (1, f"Error: {message}\n")
    assert list(tmp_path.iterdir()) == []
