"""Ingest: find source files, extract each (in worker processes if asked), store each atomically.

One file never stops the batch: its failure is stored as a ``Document`` with status ``failed``
and reported as one line, and every other document is processed.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from corpus.errors import IngestInputError
from corpus.store import find_by_sha, store_extraction, store_failure
from extract import ExtractError, ExtractSettings, extract_file
from extract.errors import UnreadableFile, UnsupportedFormat
from extract.model import ExtractedDocument

#: Extensions ingest reads; other files found in folders are reported as unsupported.
SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".html", ".htm")


@dataclass(frozen=True)
class FileResult:
    """What happened to one file: ``ok``, ``skipped`` or ``failed``, with a one-line message."""

    path: Path
    status: str
    message: str = ""
    studies: int = 0
    records: int = 0
    pages: int = 0


@dataclass(frozen=True)
class IngestReport:
    """Summary of one ingest run."""

    files: tuple[FileResult, ...] = ()
    seconds: float = 0.0

    def count(self, status: str) -> int:
        """Return how many files ended with ``status``."""
        return sum(1 for f in self.files if f.status == status)

    @property
    def pages(self) -> int:
        """Pages extracted in this run."""
        return sum(f.pages for f in self.files)

    @property
    def pages_per_second(self) -> float:
        """Throughput of this run (0 when nothing was extracted)."""
        return self.pages / self.seconds if self.seconds > 0 else 0.0


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into a sorted, de-duplicated list of files.

    Hidden files and folders are ignored. A path that does not exist raises
    :class:`IngestInputError`.
    """
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if child.is_file() and not any(p.startswith(".") for p in rel):
                    found.setdefault(child, None)
        elif path.exists() or path.is_symlink():
            found.setdefault(path, None)
        else:
            raise IngestInputError(f"{path}: no such file or folder")
    return list(found)


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_paths(
    engine: Engine,
    paths: Iterable[str | Path],
    *,
    settings: ExtractSettings | None = None,
    force: bool = False,
    workers: int = 1,
    on_file: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the database behind ``engine``.

    Parameters
    ----------
    engine : Engine
        Open database (see :func:`corpus.db.open_engine`).
    paths : iterable of path
        Files or folders of ``.pdf``, ``.txt``, ``.md``, ``.html``.
    settings : ExtractSettings, optional
        Extraction limits.
    force : bool
        Re-extract files already ingested (reviewer-handled records are kept).
    workers : int
        Processes that parse and extract in parallel; this process stores results in order.
    on_file : callable, optional
        Called with each :class:`FileResult` as soon as it is stored (progress display).

    Returns
    -------
    IngestReport
    """
    settings = settings or ExtractSettings()
    files = discover(paths)
    start = time.perf_counter()
    results = []
    for result in _process(engine, files, settings, force, workers):
        results.append(result)
        if on_file is not None:
            on_file(result)
    return IngestReport(files=tuple(results), seconds=time.perf_counter() - start)


def _process(engine, files, settings, force, workers) -> Iterator[FileResult]:
    todo: list[tuple[Path, str]] = []
    for path in files:
        early = _precheck(engine, path, force)
        if isinstance(early, FileResult):
            yield early
        else:
            todo.append((path, early))
    for path, sha, outcome in _extract_all(todo, settings, workers):
        yield _store(engine, path, sha, outcome)


def _precheck(engine: Engine, path: Path, force: bool) -> FileResult | str:
    """Return the file's digest when it must be extracted, else its final result."""
    try:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UnsupportedFormat(path)
        sha = sha256_of(path)
    except ExtractError as exc:
        return _fail(engine, path, None, str(exc))
    except OSError as exc:
        return _fail(engine, path, None, str(UnreadableFile(path, exc.strerror or str(exc))))
    existing = find_by_sha(engine, sha)
    if existing is not None and existing.status == "ok" and not force:
        return FileResult(path, "skipped", f"{path.name}: already ingested (same content)")
    return sha


def _extract_all(todo, settings, workers) -> Iterator[tuple[Path, str, ExtractedDocument | str]]:
    if workers <= 1 or len(todo) <= 1:
        for path, sha in todo:
            yield path, sha, extract_or_message(path, settings)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # keep a bounded window of work in flight so memory stays flat on huge batches
        window = workers * 2
        pending: list[tuple[Path, str, Future]] = []
        for path, sha in todo:
            pending.append((path, sha, pool.submit(extract_or_message, path, settings)))
            if len(pending) >= window:
                p, s, fut = pending.pop(0)
                yield p, s, fut.result()
        for p, s, fut in pending:
            yield p, s, fut.result()


def extract_or_message(path: Path, settings: ExtractSettings) -> ExtractedDocument | str:
    """Extract one file; return the one-line error message instead of raising."""
    try:
        return extract_file(path, settings)
    except ExtractError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - a parser bug must cost one file, not the batch
        return f"{path.name}: extraction failed ({type(exc).__name__}: {str(exc)[:200]})"


def _store(engine: Engine, path: Path, sha: str, outcome: ExtractedDocument | str) -> FileResult:
    if isinstance(outcome, str):
        return _fail(engine, path, sha, outcome)
    studies, records = store_extraction(engine, path, sha, outcome)
    return FileResult(path, "ok", "", studies, records, outcome.page_count)


def _fail(engine: Engine, path: Path, sha: str | None, message: str) -> FileResult:
    store_failure(engine, path, sha, message)
    return FileResult(path, "failed", message)
