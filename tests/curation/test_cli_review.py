"""`casemeta review` driven through Typer's runner, and the non-interactive curation commands."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()

#: Answers that keep every field of an edit (outcome ... page: ten prompts).
KEEP_ALL = [""] * 10


def run(db_url, *args, answers=()):
    # a wide terminal, so a line of page text is not wrapped inside the panel
    text = "".join(f"{a}\n" for a in answers)
    return runner.invoke(app, [*args, "--db", db_url], input=text, env={"COLUMNS": "200"})


def statuses(engine, paper, stored):
    return {name: paper.get(engine, rid).status for name, rid in stored.items()}


def test_review_accept_edit_reject_with_progress(engine, db_url, stored, paper):
    # record 1: accept; record 2: edit events "x" (re-asked), then 20 > 18 (refused), then
    # edit again to 1 of 18; record 3: reject with a reason
    edit_bad = ["e", "", "", "", "x", "20", "", "", "", "", "", ""]
    edit_good = ["e", "", "", "", "1", "", "", "", "", "", ""]
    answers = ["a", *edit_bad, *edit_good, "r", "cites another series", "q"]
    result = run(db_url, "review", answers=answers)
    assert result.exit_code == 0, result.output
    assert "1 of 3 · 0 decided · reviewer alice" in result.stdout
    assert "Thirty-day mortality was 0%. Further text follows" in result.stdout  # page text
    assert "Error: events must be a whole number, not 'x'" in result.stderr
    assert "Error: events (20) cannot exceed total (18)" in result.stderr
    assert "3 decided, 0 left in this pass" in result.stdout
    mortality = paper.get(engine, stored["mortality"])
    assert (mortality.events, mortality.value, mortality.status) == (1, round(1 / 18, 4), "edited")
    assert statuses(engine, paper, stored) == {
        "r0_resection": "accepted", "mortality": "edited", "overall_survival": "rejected",
    }  # fmt: skip


def test_review_is_resumable(engine, db_url, stored):
    first = run(db_url, "review", answers=["a", "q"])
    assert "1 decided, 2 left in this pass" in first.stdout
    second = run(db_url, "review", answers=["q"])
    assert "record 2 · smith2020.pdf · page 2 · 1 of 2" in second.stdout
    run(db_url, "review", answers=["a", "a", "q"])
    assert run(db_url, "review").stdout == "Nothing left to review for alice.\n"


def test_review_skip_back_and_end_of_input(engine, db_url, stored, paper):
    result = run(db_url, "review", "--outcome", "r0_resection", answers=["s", "b", "s", "b"])
    assert result.exit_code == 0
    assert paper.get(engine, stored["r0_resection"]).status == "extracted"
    result = run(db_url, "review", "--outcome", "r0_resection", answers=["a"])  # input ends
    assert paper.get(engine, stored["r0_resection"]).status == "accepted"


def test_accept_reject_edit_add_commands(engine, db_url, stored, paper):
    rid = stored["r0_resection"]
    result = run(db_url, "edit", str(rid), "--events", "15", "--note", "recounted")
    assert result.stdout == f"record {rid}: edited (version 2)\n"
    assert run(db_url, "accept", str(stored["mortality"]), "--reviewer", "alice").exit_code == 0
    result = run(db_url, "reject", str(stored["overall_survival"]), "--reason", "other study")
    assert result.stdout.endswith("rejected (version 2)\n")
    result = run(
        db_url, "add", "--document", "smith2020.pdf", "--outcome", "complications_any",
        "--measure", "proportion", "--events", "5", "--total", "18", "--value", "28%",
    )  # fmt: skip
    assert result.exit_code == 0 and "added to smith2020.pdf (accepted)" in result.stdout
    history = run(db_url, "history", str(rid))
    assert "events: 14 → 15" in history.stdout and "recounted" in history.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["edit", "{r0}", "--events", "20"], "events (20) cannot exceed total (18)"),
        (["edit", "{r0}", "--value", "1.5"], "value 1.5 is outside 0 to 1 for a proportion "
         "(71% is 0.71)"),
        (["edit", "{r0}", "--outcome", "survival"], "unknown outcome 'survival' (did you mean "
         "'overall_survival'?)"),
        (["edit", "{r0}", "--events", "many"], "events must be a whole number, not 'many'"),
        (["edit", "{r0}"], "record {r0}: nothing to change (give at least one field)"),
        (["accept", "999"], "record 999 does not exist"),
        (["reject", "{r0}", "--reason", ""], "a rejection needs a reason (--reason)"),
        (["accept", "{r0}", "--if-version", "7"], "record {r0} was changed by someone else since "
         "you read it (version 7, now 1); reload it and try again"),
    ],
)  # fmt: skip
def test_bad_curation_is_one_error_line_and_changes_nothing(
    engine, db_url, stored, paper, args, message
):
    rid = stored["r0_resection"]
    result = run(db_url, *[a.format(r0=rid) for a in args])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message.format(r0=rid)}\n"
    rec = paper.get(engine, rid)
    assert (rec.events, rec.status, rec.version) == (14, "extracted", 1)
