"""Ingest throughput and memory: pages per second for 1, 2 and N workers and a local Dask cluster.

The shared fixture PDFs (``../shared/corpus/pdf``) are replicated to ``--copies`` files (each
copy with a few bytes appended, so every digest differs and nothing is skipped) and ingested
into a fresh temporary SQLite database per configuration. Each configuration runs in a process
of its own, so its peak resident memory (``ru_maxrss``) is that of one ingest alone. The same
files read with bare pdfplumber (``extract_text`` page by page, one process) give the cost of
text extraction itself, against which the whole pipeline is compared: as whole processes
(start-up and imports included, timed from outside), the median of ``--runs`` runs. Both sides
are timed alike: a whole process each, from interpreter start to exit; the ingest's side also
hashes, stores every document in SQLite and runs its extraction in a child process, as
``casemeta ingest`` does, so nothing of the ingest is left out of the comparison. Wall-clock
time moves with the machine's load (printed at start and end); the CPU time of the same
processes (children included) moves much less, and is given beside it.

``inprocess:1`` is the 1-worker ingest with extraction in the ingesting process itself, as
before every document got a child process with hard limits; against ``workers:1`` it gives
what that isolation costs.

Usage::

    .venv/bin/python benchmarks/ingest.py [--copies 200] [--workers 1,2,4] [--no-dask]
                                          [--no-bare] [--no-inprocess] [--runs 3]
                                          [--json results.json]

Targets on the 2-core reference machine: 2 workers at least 1.7x the pages per second of 1,
peak memory of the ingest process under 500 MB, the 1-worker pipeline within 1.5x the time of
bare pdfplumber (whole processes), child-process isolation under 5%.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the checkout this script is in, not whichever one the environment's editable install names
sys.path.insert(0, str(ROOT))
SHARED_PDF = ROOT.parent / "shared" / "corpus" / "pdf"


def replicate(sources: list[Path], copies: int, folder: Path) -> list[Path]:
    """Write ``copies`` files cycling through ``sources``, each made unique by a suffix."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(copies):
        source = sources[i % len(sources)]
        target = folder / f"{i:04d}_{source.name}"
        shutil.copyfile(source, target)
        with target.open("ab") as fh:  # a PDF comment after %%EOF: same document, new digest
            fh.write(f"\n%copy {i}\n".encode())
        out.append(target)
    return out


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (``ru_maxrss`` is in KiB on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024


def extract_here(*_args):
    """The ingest's extraction in this process (the ``inprocess`` baseline, no isolation)."""
    from corpus.ingest import extract_or_message

    return lambda jobs: ((item, extract_or_message(*args)) for item, args in jobs)


def run_ingest(folder: Path, workers: int, dask: bool, inprocess: bool = False) -> dict:
    """Ingest ``folder`` into a fresh SQLite database; return throughput and memory."""
    import corpus.ingest
    from corpus.db import open_engine
    from corpus.ingest import ingest_paths

    if inprocess:
        corpus.ingest._extractor = extract_here

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{tmp}/bench.db")
        if dask:
            from distributed import LocalCluster

            with LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster:
                report = ingest_paths(engine, [folder], dask_address=cluster.scheduler_address)
        else:
            report = ingest_paths(engine, [folder], workers=workers)
        engine.dispose()
    return {
        "files": len(report.files),
        "failed": report.count("failed"),
        "pages": report.pages,
        "seconds": report.seconds,
        "first_error": next((f.message for f in report.files if f.status == "failed"), ""),
    }


def run_bare(folder: Path) -> dict:
    """Read every page of every PDF in ``folder`` with pdfplumber's ``extract_text``."""
    import pdfplumber

    start, pages = time.perf_counter(), 0
    for path in sorted(folder.glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()  # as the pipeline does: memory stays flat
                pages += 1
    return {"files": len(list(folder.glob("*.pdf"))), "failed": 0, "pages": pages,
            "seconds": time.perf_counter() - start, "first_error": ""}  # fmt: skip


def burn(cpu_seconds: float) -> float:
    """Spin for ``cpu_seconds`` of CPU time (the calibration's unit of work)."""
    start, spins = time.process_time(), 0
    while time.process_time() - start < cpu_seconds:
        spins += 1
    return cpu_seconds


def calibrate(cpu_seconds: float = 2.0) -> float:
    """Return how much faster two processes burn CPU than one, on this machine, now.

    On a machine shared with other work this is below 2, and it bounds the speed-up any
    two-worker configuration can show.
    """
    from concurrent.futures import ProcessPoolExecutor

    start = time.perf_counter()
    burn(cpu_seconds)
    one_proc = time.perf_counter() - start
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(burn, [0.01, 0.01]))  # workers up before the clock starts
        start = time.perf_counter()
        list(pool.map(burn, [cpu_seconds / 2] * 2))
        two_procs = time.perf_counter() - start
    return one_proc / two_procs


def one(kind: str, folder: Path) -> dict:
    """Run one configuration in this process and add its memory figures."""
    name, _, value = kind.partition(":")
    if name == "bare":
        result = run_bare(folder)
    else:
        result = run_ingest(folder, int(value), dask=name == "dask", inprocess=name == "inprocess")
    # CPU time of this process and its workers: on a busy machine, wall-clock speed-up
    # understates what the workers would do with the cores to themselves
    usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    result["cpu_seconds"] = round(sum(u.ru_utime + u.ru_stime for u in usage), 1)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    result["worker_peak_rss_mb"] = round(peak_rss_mb(resource.RUSAGE_CHILDREN), 1)
    return result


def measure(kind: str, folder: Path) -> dict:
    """Run :func:`one` in a fresh process (clean peak memory) and return its figures.

    ``process_seconds`` is the whole process, timed from outside: interpreter start-up and
    imports included, as a user running the command sees it.
    """
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, __file__, "--one", kind, str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    process_seconds = time.perf_counter() - start
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["config"] = kind
    result["process_seconds"] = process_seconds
    result["pages_per_second"] = result["pages"] / result["seconds"] if result["seconds"] else 0
    return result


def median_of(runs: list[dict]) -> dict:
    """The run with the median process time, with every run's times listed."""
    ordered = sorted(runs, key=lambda r: r["process_seconds"])
    result = dict(ordered[(len(ordered) - 1) // 2])
    result["process_seconds"] = statistics.median(r["process_seconds"] for r in runs)
    result["pages_per_second"] = statistics.median(r["pages_per_second"] for r in runs)
    result["cpu_seconds"] = statistics.median(r["cpu_seconds"] for r in runs)
    result["runs"] = [round(r["process_seconds"], 2) for r in runs]
    result["cpu_runs"] = [r["cpu_seconds"] for r in runs]
    return result


def render(results: list[dict], load: str, ceiling: float) -> str:
    """A plain-text table of the results and the targets."""
    lines = [f"load average (1 min) at start / end: {load}; CPU burn speed-up of 2 processes"
             f" over 1, the"
             f" ceiling for any 2-worker figure on this machine now: {ceiling:.2f}x",
             f"{'config':<10}{'files':>6}{'failed':>7}{'pages':>7}{'seconds':>9}"
             f"{'pages/s':>9}{'CPU s':>8}{'peak MB':>9}{'worker MB':>10}"]  # fmt: skip
    for r in results:
        lines.append(
            f"{r['config']:<10}{r['files']:>6}{r['failed']:>7}{r['pages']:>7}"
            f"{r['seconds']:>9.1f}{r['pages_per_second']:>9.2f}{r.get('cpu_seconds', 0):>8.0f}"
            f"{r['peak_rss_mb']:>9.0f}"
            f"{r['worker_peak_rss_mb']:>10.0f}"
        )
    by = {r["config"]: r["pages_per_second"] for r in results}
    whole = {r["config"]: r["process_seconds"] for r in results}
    runs = {r["config"]: r.get("runs", []) for r in results}
    if by.get("workers:1") and by.get("workers:2"):
        lines.append(f"speed-up 2 workers / 1: {by['workers:2'] / by['workers:1']:.2f}x (>= 1.7)")
    if by.get("workers:1") and by.get("bare"):
        ratio = by["bare"] / by["workers:1"]
        lines.append(f"pipeline cost / bare pdfplumber, extraction only: {ratio:.2f}x")
        ratio = whole["workers:1"] / whole["bare"]
        lines.append(f"pipeline / bare pdfplumber, whole processes (median s of "
                     f"{runs['workers:1']} / {runs['bare']}): {ratio:.2f}x (<= 1.5)")
        cpu = {r["config"]: r.get("cpu_seconds", 0) for r in results}
        cpu_runs = {r["config"]: r.get("cpu_runs", []) for r in results}
        if cpu.get("bare"):
            # CPU time barely moves with the machine's load, wall-clock time does
            lines.append(f"pipeline / bare pdfplumber, CPU of whole processes (median s of "
                         f"{cpu_runs['workers:1']} / {cpu_runs['bare']}): "
                         f"{cpu['workers:1'] / cpu['bare']:.2f}x")
    if whole.get("workers:1") and whole.get("inprocess:1"):
        cost = whole["workers:1"] / whole["inprocess:1"] - 1
        lines.append(f"child-process isolation, whole processes (median s of "
                     f"{runs['workers:1']} / {runs['inprocess:1']}): {100 * cost:+.1f}% (< 5%)")
    peak = max(r["peak_rss_mb"] for r in results if r["config"] != "bare")
    lines.append(f"peak memory of an ingest process: {peak:.0f} MB (< 500)")
    errors = {r["first_error"] for r in results if r["first_error"]}
    lines.extend(f"failure seen: {e}" for e in sorted(errors))
    return "\n".join(lines)


def _load_average() -> str:
    """The 1-minute load average (``?`` without ``/proc``): on a machine of 2 cores, above 2
    means other work shares them and wall-clock figures are slowed by it."""
    loadavg = Path("/proc/loadavg")
    return loadavg.read_text().split()[0] if loadavg.exists() else "?"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--workers", default=f"1,2,{os.cpu_count() or 1}", help="N1,N2,...")
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-bare", action="store_true")
    parser.add_argument("--no-inprocess", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="runs per config (median)")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--one", nargs=2, metavar=("CONFIG", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one[0], Path(args.one[1]))))
        return
    configs = [f"workers:{n}" for n in dict.fromkeys(args.workers.split(","))]
    configs += [] if args.no_dask else ["dask:2"]
    configs += [] if args.no_bare else ["bare"]
    configs += [] if args.no_inprocess else ["inprocess:1"]
    load = _load_average()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "papers"
        replicate(sorted(SHARED_PDF.glob("*.pdf")), args.copies, folder)
        runs: dict[str, list[dict]] = {kind: [] for kind in configs}
        for _ in range(args.runs):  # configs interleaved: a change of machine load hits all
            for kind in configs:
                runs[kind].append(measure(kind, folder))
                done = runs[kind][-1]
                print(f"done {kind}: {done['pages_per_second']:.2f} pages/s, "
                      f"{done['process_seconds']:.1f} s", file=sys.stderr)  # fmt: skip
        results = [median_of(runs[kind]) for kind in configs]
    load = f"{load} / {_load_average()}"
    print(render(results, load, calibrate()))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
