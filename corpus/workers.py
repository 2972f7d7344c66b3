"""Extraction in child processes with hard limits: an ordered, bounded pool that survives
crashes, hangs and memory bombs.

:class:`ExtractionPool` runs one function over a stream of items in N forked processes and
yields ``(item, outcome)`` pairs in input order. Every limit is enforced from outside the
function, where a parser cannot catch it (pdfminer's ``except Exception`` swallowed the alarm
of an earlier version):

- wall-clock: the parent SIGKILLs a worker whose item passes its deadline;
- memory: the parent reads each busy worker's resident size (``/proc/PID/statm``) a few times
  a second and SIGKILLs it above the limit; an address-space rlimit of twice the limit is the
  kernel's backstop for allocations faster than the polling;
- a crash (segfault, out-of-memory killer) costs its item only: the worker is replaced.

A worker's stderr goes to a file of its own, never to the terminal; the last line of what a
crashed worker wrote there ("Fatal Python error: ...") is kept in its :class:`Lost` detail.
At most ``2 * workers`` items are in flight or waiting to be yielded, so memory stays flat
whatever the number of items.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

#: ``prctl`` option: the signal a process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1

#: Seconds between two readings of the busy workers' resident memory.
MEMORY_POLL_SECONDS = 0.05

#: The kernel's address-space limit, as a multiple of the resident limit: address space
#: counts reserved but untouched pages too, so it is only the backstop.
ADDRESS_SPACE_FACTOR = 2

#: Characters of a crashed worker's last stderr line kept in its message.
STDERR_DETAIL_CHARS = 160


@dataclass(frozen=True)
class Lost:
    """An item whose worker did not return a result: ``timeout``, ``memory`` or ``crash``."""

    kind: str
    detail: str


def resident_bytes(pid: int) -> int | None:
    """Resident memory of process ``pid`` in bytes (``None`` where ``/proc`` is missing)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return None


def _limit_address_space(extra_bytes: int | None) -> None:
    """Cap this process's address space at its current size plus ``extra_bytes``."""
    if not extra_bytes:
        return
    with contextlib.suppress(ValueError, OSError):  # no /proc (not Linux): no limit
        with open("/proc/self/statm") as fh:
            current = int(fh.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (current + extra_bytes, resource.RLIM_INFINITY))


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (a killed ingest leaves none).

    Without it a forked worker would keep the parent's inherited sockets (its database
    connection) open, and finish its document, after the parent was killed.
    """
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _capture_stderr(path: str) -> None:
    """Send this process's file descriptor 2 (C code and Python alike) to ``path``.

    ``sys.stderr`` may have been replaced (by a test runner's capture), and ``faulthandler``,
    when enabled, writes to a descriptor of its own: both are pointed at descriptor 2 too.
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stderr = open(2, "w", buffering=1, closefd=False)  # noqa: SIM115 - lives as long as us
    if faulthandler.is_enabled():
        faulthandler.enable(file=2)


def _serve(conn: Connection, fn: Callable[..., Any], limits: tuple, inherited: list) -> None:
    """Worker loop: receive argument tuples, send back ``fn(*args)``, stop on ``None``/EOF."""
    memory_bytes, stderr_path = limits
    _die_with_parent()
    for other in inherited:  # the parent's pipe ends, forked along: EOF must reach us
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _capture_stderr(stderr_path)
    _limit_address_space(memory_bytes and ADDRESS_SPACE_FACTOR * memory_bytes)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):  # the parent is gone: nothing left to do
            return
        if args is None:
            return
        os.ftruncate(2, 0)  # only the current item's complaints are kept
        conn.send(fn(*args))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    stderr: Path
    index: int | None = None
    deadline: float = field(default=0.0)


class ExtractionPool:
    """Run ``fn(*args)`` for a stream of items in ``workers`` processes, in order.

    Parameters
    ----------
    fn : callable
        Called in the worker as ``fn(*args)``; it should return rather than raise.
    workers : int
        Number of processes (forked, so ``fn`` needs no pickling and sees the parent's state).
    timeout : float
        Per-item wall-clock limit: an item still running ``timeout`` seconds after it started
        has its worker killed and yields ``Lost("timeout", "limit T s")``.
    memory_bytes : int or None
        Resident memory a worker may use; above it the worker is killed and the item yields
        ``Lost("memory", ...)`` (``None``: unlimited).
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        workers: int,
        timeout: float,
        memory_bytes: int | None = None,
    ) -> None:
        self.fn, self.workers, self.timeout, self.memory_bytes = fn, workers, timeout, memory_bytes
        self._ctx = mp.get_context("fork")
        self._serial = 0

    def imap(self, items: Iterable[tuple[Any, tuple]]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, fn(*args) or Lost)`` for each ``(item, args)``, in input order."""
        self._ends: list[Connection] = []
        with tempfile.TemporaryDirectory(prefix="casemeta-workers-") as folder:
            self._folder = Path(folder)
            pool = [self._start() for _ in range(self.workers)]
            try:
                yield from self._run(pool, iter(items))
            finally:
                for worker in pool:
                    self._stop(worker)

    def _run(self, pool: list[_Worker], items: Iterator) -> Iterator[tuple[Any, Any]]:
        window = 2 * self.workers
        waiting: dict[int, Any] = {}  # index -> item, submitted or finished but not yielded
        done: dict[int, Any] = {}
        submitted = yielded = 0
        exhausted = False
        while True:
            while not exhausted and submitted - yielded < window and (idle := self._idle(pool)):
                entry = next(items, None)
                if entry is None:
                    exhausted = True
                    break
                waiting[submitted] = entry[0]
                self._submit(idle, submitted, entry[1])
                submitted += 1
            if yielded in done:
                yield waiting.pop(yielded), done.pop(yielded)
                yielded += 1
            elif exhausted and yielded == submitted:
                return
            else:
                self._collect(pool, done)

    def _idle(self, pool: list[_Worker]) -> _Worker | None:
        return next((w for w in pool if w.index is None), None)

    def _submit(self, worker: _Worker, index: int, args: tuple) -> None:
        worker.index = index
        worker.deadline = time.monotonic() + self.timeout
        worker.conn.send(args)

    def _collect(self, pool: list[_Worker], done: dict[int, Any]) -> None:
        """Wait for a result, crash, deadline or memory reading; replace any worker lost."""
        busy = [w for w in pool if w.index is not None]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        if self.memory_bytes:
            timeout = min(timeout, MEMORY_POLL_SECONDS)
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        for i, worker in enumerate(pool):
            if worker.index is None:
                continue
            outcome = self._outcome(worker, ready)
            if outcome is None:
                continue
            done[worker.index] = outcome
            if isinstance(outcome, Lost):
                self._stop(worker)  # still marked busy: killed at once, not asked to stop
                pool[i] = self._start()
            worker.index = None

    def _outcome(self, worker: _Worker, ready: set) -> Any | None:
        if worker.conn in ready or worker.conn.poll():
            try:
                return worker.conn.recv()
            except (EOFError, OSError):
                pass  # died while sending: a crash, see below
        if worker.process.sentinel in ready or not worker.process.is_alive():
            worker.process.join(1)
            return Lost("crash", _exit_detail(worker.process.exitcode, worker.stderr))
        if time.monotonic() >= worker.deadline:
            return Lost("timeout", f"limit {self.timeout:g} s")
        resident = resident_bytes(worker.process.pid) if self.memory_bytes else None
        if resident is not None and resident > self.memory_bytes:
            return Lost("memory", f"{resident} bytes resident, limit {self.memory_bytes}")
        return None

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        self._ends = [end for end in self._ends if not end.closed]
        self._ends.append(parent)
        self._serial += 1
        stderr = self._folder / f"worker-{self._serial}.stderr"
        process = self._ctx.Process(
            target=_serve,
            args=(child, self.fn, (self.memory_bytes, str(stderr)), self._ends),
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process, parent, stderr)

    def _stop(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            if worker.index is None and worker.process.is_alive():
                worker.conn.send(None)
        worker.process.join(0.5 if worker.index is None else 0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(5)
        worker.conn.close()
        with contextlib.suppress(OSError):
            worker.stderr.unlink()


def _exit_detail(code: int | None, stderr: Path) -> str:
    detail = f"worker process died (exit code {code})"
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            detail = f"worker process killed by {signal.Signals(-code).name}"
    last = _last_line(stderr)
    return f"{detail}: {last}" if last else detail


def _last_line(path: Path) -> str:
    """What a crashed worker said: its "Fatal Python error" line, else its last line."""
    with contextlib.suppress(OSError):
        with path.open("rb") as fh:
            fh.seek(max(0, path.stat().st_size - 16384))
            lines = [ln.strip() for ln in fh.read().decode("utf-8", "replace").splitlines()]
        lines = [line for line in lines if line]
        fatal = [line for line in lines if line.startswith("Fatal Python error")]
        if lines:
            return (fatal or lines)[-1][:STDERR_DETAIL_CHARS]
    return ""


#: More extraction processes than this rarely pay (SQLite writes are serial) and cost memory.
MAX_DEFAULT_WORKERS = 8


def default_workers() -> int:
    """Extraction processes when none is asked for: the CPUs this process may run on (its
    affinity mask, which containers and ``taskset`` narrow), at most :data:`MAX_DEFAULT_WORKERS`."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity masks (macOS, Windows)
        available = os.cpu_count() or 1
    return max(1, min(available, MAX_DEFAULT_WORKERS))
