"""Ctrl-C in ``casemeta review``: a real SIGINT to a real process exits 130, decisions kept."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

#: Long enough for a loaded machine to import casemeta and show the first record.
PROMPT_TIMEOUT = 60.0
PROMPT = b"[a]ccept [e]dit [r]eject"


def read_until(proc, count: int) -> bytes:
    """Read the process's stdout until ``PROMPT`` has appeared ``count`` times."""
    seen, deadline = b"", time.monotonic() + PROMPT_TIMEOUT
    while seen.count(PROMPT) < count:
        assert time.monotonic() < deadline, seen.decode(errors="replace")
        ready, _, _ = select.select([proc.stdout], [], [], 1.0)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            assert chunk, f"review ended early: {seen.decode(errors='replace')}"
            seen += chunk
    return seen


def test_ctrl_c_in_review_exits_130_and_keeps_the_decision(engine, db_url, stored, paper):
    cmd = [sys.executable, "-c", "import cli; cli.main()", "review", "--db", db_url]
    env = {**os.environ, "CASEMETA_REVIEWER": "alice", "COLUMNS": "200"}
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    try:
        read_until(proc, 1)
        proc.stdin.write(b"a\n")
        proc.stdin.flush()
        read_until(proc, 1)  # the second record's prompt: the accept is committed
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=PROMPT_TIMEOUT)
    finally:
        proc.kill()
    assert proc.returncode == 130, err.decode()
    assert out.decode().endswith("1 decided, 2 left in this pass; `casemeta review` resumes\n")
    assert err == b""
    assert paper.get(engine, stored["r0_resection"]).status == "accepted"
    assert paper.get(engine, stored["mortality"]).status == "extracted"
