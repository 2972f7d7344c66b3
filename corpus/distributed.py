"""Extraction on a Dask distributed cluster; this process (the client) stores the results.

Tasks are submitted through a bounded window (twice the cluster's threads), and each result is
yielded, and forgotten on the cluster, as soon as it arrives, so neither the client nor the
cluster holds more than a window of documents whatever the batch size.

Dask runs tasks in worker threads, where ``SIGALRM`` cannot interrupt a parser, so the
per-document time limit is a client-side deadline: a task not finished ``2 * timeout`` after it
was submitted (the window lets it queue about one task long) is cancelled and reported as
timed out. Its thread may still run to its end on the worker; the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from corpus.errors import DaskUnavailable, first_line
from corpus.workers import Lost

#: Seconds to wait for the scheduler before giving up with a clear message.
CONNECT_TIMEOUT_SECONDS = 10


def connect(address: str):
    """Return a ``distributed.Client`` on ``address`` (``tcp://host:port``).

    Raises
    ------
    DaskUnavailable
        ``dask[distributed]`` is missing, or no scheduler answers at ``address``.
    """
    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskUnavailable("Dask is not installed; install casemeta[dask]") from exc
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskUnavailable(
            f"cannot reach the Dask scheduler at {address!r} ({first_line(exc)})"
        ) from exc


def dask_imap(
    address: str,
    fn: Callable[..., Any],
    items: Iterable[tuple[Any, tuple]],
    timeout: float,
) -> Iterator[tuple[Any, Any]]:
    """Yield ``(item, fn(*args) or Lost)`` for each ``(item, args)``, as results arrive.

    Parameters
    ----------
    address : str
        Scheduler address of a running cluster.
    fn : callable
        Importable function (pickled by reference for worker processes).
    items : iterable of (item, args)
        Consumed lazily, a window at a time.
    timeout : float
        Per-item limit; see the module notes for how it applies on a cluster.
    """
    from distributed import wait

    # ``wait`` finds its client as the current one; this process may talk to other clusters
    with connect(address) as client, client.as_current():
        window = 2 * max(1, sum(client.nthreads().values()))
        source = iter(items)
        pending: dict[Any, tuple[Any, float]] = {}  # future -> (item, deadline)
        while True:
            for item, args in _take(source, window - len(pending)):
                future = client.submit(fn, *args, pure=False)
                pending[future] = (item, time.monotonic() + 2 * timeout)
            if not pending:
                return
            soonest = min(deadline for _item, deadline in pending.values())
            try:
                wait(list(pending), timeout=max(0.01, soonest - time.monotonic()),
                     return_when="FIRST_COMPLETED")  # fmt: skip
            except TimeoutError:
                pass
            yield from _harvest(pending, timeout)


def _take(source: Iterator, n: int) -> list:
    out = []
    for _ in range(max(0, n)):
        entry = next(source, None)
        if entry is None:
            break
        out.append(entry)
    return out


def _harvest(pending: dict, timeout: float) -> Iterator[tuple[Any, Any]]:
    """Yield finished and overdue futures (removing them from ``pending``)."""
    now = time.monotonic()
    for future in list(pending):
        item, deadline = pending[future]
        if future.done():
            outcome = _result(future)
        elif now >= deadline:
            future.cancel()
            outcome = Lost("timeout", f"limit {timeout:g} s")
        else:
            continue
        del pending[future]  # the last reference: the cluster forgets the result
        yield item, outcome


def _result(future) -> Any:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a lost worker (KilledWorker) costs one file
        return Lost("crash", f"Dask task failed: {type(exc).__name__}")
