"""Extraction in worker processes: an ordered, bounded pool that survives crashes and hangs.

:class:`ExtractionPool` runs one function over a stream of items in N forked processes and
yields ``(item, outcome)`` pairs in input order. Three things a parser can do to a batch are
contained to the one item that caused them:

- it raises: the function itself turns that into a value (see ``corpus.ingest``);
- it hangs: a soft limit (``SIGALRM`` in the worker, see :func:`time_limit`) interrupts pure
  Python code, and a hard deadline kills a worker stuck in C code;
- it kills its process (segfault, out-of-memory killer): the worker is replaced.

At most ``2 * workers`` items are in flight or waiting to be yielded, so memory stays flat
whatever the number of items.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing as mp
import os
import resource
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

#: Extra address space a worker may take above what it had at start (a PDF bomb hits this).
WORKER_MEMORY_BYTES = 2 * 1024**3

#: ``prctl`` option: the signal a process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1

#: Time the soft limit gets to interrupt a document before its worker is killed.
HARD_LIMIT_GRACE_SECONDS = 2.0


class TimeLimitExceeded(Exception):
    """Raised inside a worker when :func:`time_limit` expires."""


@dataclass(frozen=True)
class Lost:
    """An item whose worker did not return a result: ``timeout`` or ``crash``."""

    kind: str
    detail: str


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block after ``seconds`` of wall time.

    Uses ``SIGALRM``, so it acts only in the main thread of a process (a worker process, or
    the CLI); elsewhere (Dask worker threads) the caller's own deadline has to do.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expire(_signum, _frame):
        raise TimeLimitExceeded(f"{seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _limit_memory(extra_bytes: int | None) -> None:
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


def _serve(
    conn: Connection, fn: Callable[..., Any], memory_bytes: int | None, inherited: list
) -> None:
    """Worker loop: receive argument tuples, send back ``fn(*args)``, stop on ``None``/EOF."""
    _die_with_parent()
    for other in inherited:  # the parent's pipe ends, forked along: EOF must reach us
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(memory_bytes)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):  # the parent is gone: nothing left to do
            return
        if args is None:
            return
        conn.send(fn(*args))


@dataclass
class _Worker:
    process: Any
    conn: Connection
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
        Per-item wall-clock limit; an item still running ``timeout + grace`` seconds after it
        started has its worker killed and yields ``Lost("timeout", ...)``.
    memory_bytes : int or None
        Address space each worker may grow by (``None``: unlimited).
    grace : float
        Seconds the soft limit gets before the hard deadline kills the worker.
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        workers: int,
        timeout: float,
        memory_bytes: int | None = WORKER_MEMORY_BYTES,
        grace: float = HARD_LIMIT_GRACE_SECONDS,
    ) -> None:
        self.fn, self.workers, self.timeout, self.memory_bytes = fn, workers, timeout, memory_bytes
        self.grace = grace
        self._ctx = mp.get_context("fork")

    def imap(self, items: Iterable[tuple[Any, tuple]]) -> Iterator[tuple[Any, Any]]:
        """Yield ``(item, fn(*args) or Lost)`` for each ``(item, args)``, in input order."""
        self._ends: list[Connection] = []
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
        worker.deadline = time.monotonic() + self.timeout + self.grace
        worker.conn.send(args)

    def _collect(self, pool: list[_Worker], done: dict[int, Any]) -> None:
        """Wait for one result, crash or deadline, and replace any worker that is gone."""
        busy = [w for w in pool if w.index is not None]
        now = time.monotonic()
        timeout = max(0.0, min(w.deadline for w in busy) - now)
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
            return Lost("crash", _exit_detail(worker.process.exitcode))
        if time.monotonic() >= worker.deadline:
            return Lost("timeout", f"limit {self.timeout:g} s")
        return None

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        self._ends = [end for end in self._ends if not end.closed]
        self._ends.append(parent)
        process = self._ctx.Process(
            target=_serve, args=(child, self.fn, self.memory_bytes, self._ends), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _stop(self, worker: _Worker) -> None:
        with contextlib.suppress(OSError, ValueError):
            if worker.index is None and worker.process.is_alive():
                worker.conn.send(None)
        worker.process.join(0.5 if worker.index is None else 0)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join(5)
        worker.conn.close()


def _exit_detail(code: int | None) -> str:
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"worker process killed by {signal.Signals(-code).name}"
    return f"worker process died (exit code {code})"


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
