"""The extraction pool: ordered, bounded, and a crash or hang costs one item only."""

from __future__ import annotations

import os
import signal
import time

from corpus.workers import ExtractionPool, Lost, resident_bytes


def square_or_misbehave(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    if n == 5:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(30)
    return n * n


def test_results_come_in_input_order_with_a_bounded_window():
    pool = ExtractionPool(lambda n: (time.sleep(0.01 * (n % 3)), n)[1], workers=2, timeout=10)
    pulled = []

    def items():
        for n in range(40):
            pulled.append(n)
            yield n, (n,)

    seen = []
    for item, outcome in pool.imap(items()):
        assert item == outcome
        # never more than 2 * workers items taken ahead of what was handed back
        assert len(pulled) - len(seen) <= 4
        seen.append(item)
    assert seen == list(range(40))


def test_a_crash_and_a_hang_cost_one_item_each():
    pool = ExtractionPool(square_or_misbehave, workers=2, timeout=0.5)
    start = time.monotonic()
    out = dict(pool.imap((n, (n,)) for n in range(8)))
    assert out[3] == Lost("crash", "worker process killed by SIGKILL")
    assert out[5] == Lost("timeout", "limit 0.5 s")
    assert {n: out[n] for n in (0, 1, 2, 4, 6, 7)} == {n: n * n for n in (0, 1, 2, 4, 6, 7)}
    assert time.monotonic() - start < 10


def test_an_abandoned_iteration_stops_its_workers():
    pool = ExtractionPool(lambda n: n, workers=2, timeout=5)
    results = pool.imap((n, (n,)) for n in range(100))
    assert next(results) == (0, 0)
    results.close()  # the finally block stops every worker
    assert all(not p.is_alive() for p in _children())


def _children():
    import multiprocessing

    return multiprocessing.active_children()


def grow_or_scream(n: int) -> int:
    """Item 2 grows its memory 10 MB at a time; item 4 writes to stderr and crashes."""
    if n == 2:
        chunks = []
        for _ in range(200):
            chunks.append(b"x" * 10**7)  # written, so resident (zeroed memory may not be)
            time.sleep(0.01)
    if n == 4:
        os.write(2, b"noise\nFatal Python error: Segmentation fault\n")
        os.kill(os.getpid(), signal.SIGSEGV)
    return n


def test_memory_is_capped_from_outside_and_stderr_never_printed(capfd):
    limit = resident_bytes(os.getpid()) + 150 * 10**6  # a forked worker starts at our size
    pool = ExtractionPool(grow_or_scream, workers=1, timeout=30, memory_bytes=limit)
    out = dict(pool.imap((n, (n,)) for n in range(6)))
    assert out[2].kind == "memory" and out[2].detail.endswith(f"limit {limit}")
    assert out[4] == Lost(
        "crash", "worker process killed by SIGSEGV: Fatal Python error: Segmentation fault"
    )
    assert {n: out[n] for n in (0, 1, 3, 5)} == {0: 0, 1: 1, 3: 3, 5: 5}
    assert capfd.readouterr().err == ""
