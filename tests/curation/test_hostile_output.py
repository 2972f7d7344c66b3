"""What papers and reviewers write is printed through one sanitiser (issue 11, rows 7 and 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli import app
from corpus.store import store_extraction
from corpus.terminal_text import for_terminal
from extract.model import ExtractedRecord
from extract.reading.printable import blank_controls, escape_undecodable, printable

runner = CliRunner()

#: Clear screen, cursor home, window title, a bell, a bidi override and 8-bit CSI.
HOSTILE = "Mortality \x1b[2J\x1b[Hwas\x1b]0;owned\x07 0%\x07 of 18\u202e81\x9b31m."


def test_printable_strips_sequences_and_controls():
    assert printable(HOSTILE) == "Mortality was 0% of 1881."
    assert printable("a\tb\r\nc\rd\x00e") == "a\tb\nc\nde"
    assert blank_controls("a\x1b[2Jb") == "a    b"  # offsets of highlights kept
    assert escape_undecodable("caf\udce9.txt") == "caf\\xe9.txt"  # Latin-1 é in a name
    assert for_terminal("x [/b] [bold]y") == "x \\[/b] \\[bold]y"


def run(db_url, *args, answers=()):
    text = "".join(f"{a}\n" for a in answers)
    return runner.invoke(app, [*args, "--db", db_url], input=text, env={"COLUMNS": "200"})


@pytest.fixture
def hostile(engine, paper):
    """A stored paper whose quote and file name carry terminal escapes."""
    record = ExtractedRecord("mortality", "proportion", events=0, total=18, value=0.0, page=2,
                             quote=HOSTILE, rule="percent")  # fmt: skip
    store_extraction(engine, Path("evil\x1b]2;x\x07.pdf"), "sha-evil", paper.extraction(record))
    return paper.record_ids(engine)["mortality"]


def test_escapes_from_a_paper_never_reach_the_screen(engine, db_url, hostile):
    for command in (["records"], ["studies"], ["review"]):
        result = run(db_url, *command, answers=["q"])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "\u202e" not in result.output
    assert "evil.pdf" in run(db_url, "records").stdout


def test_rich_markup_typed_by_a_reviewer_prints_as_written(engine, db_url, hostile):
    edited = run(db_url, "edit", str(hostile), "--group", "x [/b]")
    assert edited.exit_code == 0, edited.output
    for command in (["records"], ["table", "--status", "any"], ["history", str(hostile)]):
        result = run(db_url, *command)
        assert result.exit_code == 0, result.output
    assert "x [/b]" in run(db_url, "records").stdout
    assert "group: all → x [/b]" in run(db_url, "history", str(hostile)).stdout


def test_escapes_typed_by_a_reviewer_never_reach_the_screen(engine, db_url, hostile, paper):
    edited = run(db_url, "edit", str(hostile), "--group", "g\x1b]0;title\x07 [b]1")
    assert edited.exit_code == 0 and "\x1b" not in edited.output
    for command in (["records"], ["history", str(hostile)], ["review"]):
        result = run(db_url, *command, answers=["e", *[""] * 10, "q"])
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
    assert "g [b]1" in run(db_url, "records").stdout
    # Enter at the sanitised prompt default keeps the stored value: no edit was made
    assert paper.get(engine, hostile).group == "g\x1b]0;title\x07 [b]1"
