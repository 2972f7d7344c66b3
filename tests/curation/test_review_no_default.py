"""`casemeta review` has no default action: Enter alone (terminal or pipe) decides nothing."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from sqlmodel import Session
from sqlmodel import select as sql_select

from corpus.models import ReviewEvent

#: The key prompt of one record.
PROMPT = b"[a]ccept [e]dit [r]eject [s]kip [b]ack [q]uit:"

#: Seconds to wait for the CLI to start and answer (the machine may be busy).
PTY_TIMEOUT = 60

#: How ``casemeta`` is started in a subprocess (the installed script may not be on PATH).
CASEMETA = [sys.executable, "-c", "from cli import main; main()"]


def _read_until(fd: int, needle: bytes, count: int, seen: bytes = b"") -> bytes:
    """Read from a pseudo-terminal until ``needle`` occurred ``count`` times."""
    deadline = time.monotonic() + PTY_TIMEOUT
    while seen.count(needle) < count:
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {needle!r} x{count}:\n{seen.decode()}")
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:  # the child closed the terminal
                break
    return seen


def _events(engine) -> list[ReviewEvent]:
    with Session(engine) as session:
        return list(session.exec(sql_select(ReviewEvent)).all())


def _statuses(engine, paper, stored) -> set[str]:
    return {paper.get(engine, rid).status for rid in stored.values()}


def test_enter_in_a_terminal_repeats_the_prompt(engine, db_url, stored, paper):
    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "CASEMETA_REVIEWER": "alice"}
    proc = subprocess.Popen(
        [*CASEMETA, "review", "--db", db_url], stdin=child, stdout=child, stderr=child,
        env=env, close_fds=True,
    )  # fmt: skip
    os.close(child)
    try:
        seen = _read_until(main, PROMPT, 1)
        for presses in range(1, 4):
            os.write(main, b"\r")
            seen = _read_until(main, PROMPT, 1 + presses, seen)
        assert b"record 1 " in seen and b"1 of 3" in seen
        assert b"record 2 " not in seen  # still on the first record after three Enters
        os.write(main, b"q\r")
        _read_until(main, b"left in this pass", 1, seen)
        assert proc.wait(timeout=PTY_TIMEOUT) == 0
    finally:
        proc.kill()
        os.close(main)
    assert _events(engine) == []
    assert _statuses(engine, paper, stored) == {"extracted"}


def test_enters_from_a_pipe_change_nothing(engine, db_url, stored, paper):
    env = {**os.environ, "COLUMNS": "200", "CASEMETA_REVIEWER": "alice"}
    done = subprocess.run(
        [*CASEMETA, "review", "--db", db_url], input="\n\n\n", capture_output=True, text=True,
        env=env, timeout=PTY_TIMEOUT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(PROMPT.decode()) == 4  # the prompt, then once per Enter
    assert done.stdout.endswith("0 decided, 3 left in this pass; `casemeta review` resumes\n")
    assert _events(engine) == []
    assert _statuses(engine, paper, stored) == {"extracted"}
