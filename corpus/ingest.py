"""Ingest: find source files, extract each (in worker processes if asked), store each atomically.

One file never stops the batch: its failure is stored as a ``Document`` with status ``failed``
and reported as one line, and every other document is processed. Extraction runs in this
process, in worker processes (:mod:`corpus.workers`) or on a Dask cluster
(:mod:`corpus.distributed`); this process is the only writer, one transaction per document,
so a run killed at any moment leaves complete documents only, and the next run skips them.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from corpus.errors import DatabaseError, IngestInputError, first_line
from corpus.store import find_by_sha, store_extraction, store_failure
from corpus.workers import ExtractionPool, Lost, TimeLimitExceeded, time_limit
from extract import ExtractError, ExtractSettings, extract_file
from extract.errors import DocumentTooLarge, ExtractionTimeout, UnreadableFile, UnsupportedFormat
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
                # a dangling link is kept so that it is reported, not silently dropped
                wanted = child.is_file() or (child.is_symlink() and not child.exists())
                if wanted and not any(p.startswith(".") for p in rel):
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


def protocol_settings(engine: Engine) -> ExtractSettings:
    """Default settings, reading the custom outcomes of the protocol's lexicon terms too."""
    from corpus.protocol import lexicon_file, protocol_for

    protocol = protocol_for(engine)
    lexicon = lexicon_file(protocol) if protocol is not None else None
    return ExtractSettings(lexicon_path=lexicon)


def ingest_paths(
    engine: Engine,
    paths: Iterable[str | Path],
    *,
    settings: ExtractSettings | None = None,
    force: bool = False,
    workers: int = 1,
    on_file: Callable[[FileResult], None] | None = None,
    dask_address: str | None = None,
) -> IngestReport:
    """Ingest files and folders into the database behind ``engine``.

    Parameters
    ----------
    engine : Engine
        Open database (see :func:`corpus.db.open_engine`).
    paths : iterable of path
        Files or folders of ``.pdf``, ``.txt``, ``.md``, ``.html``.
    settings : ExtractSettings, optional
        Extraction limits: ``max_bytes`` is checked before a file is read, ``timeout_seconds``
        bounds each document's extraction. Default: the defaults, with the lexicon extended
        by the custom outcomes of the database's protocol (:mod:`corpus.protocol`).
    force : bool
        Re-extract files already ingested (reviewer-handled records are kept).
    workers : int
        Processes that parse and extract in parallel (1: in this process); this process
        stores the results, in order.
    on_file : callable, optional
        Called with each :class:`FileResult` as soon as it is stored (progress display).
    dask_address : str, optional
        Scheduler of a Dask distributed cluster that extracts instead of local workers;
        results are stored as they arrive.

    Returns
    -------
    IngestReport

    Raises
    ------
    IngestInputError
        A path that does not exist.
    DatabaseError
        The database cannot be written (the documents stored until then stay stored).
    """
    settings = settings or protocol_settings(engine)
    files = discover(paths)
    start = time.perf_counter()
    results = []
    for result in _process(engine, files, settings, force, workers, dask_address):
        results.append(result)
        if on_file is not None:
            on_file(result)
    return IngestReport(files=tuple(results), seconds=time.perf_counter() - start)


def _process(engine, files, settings, force, workers, dask_address) -> Iterator[FileResult]:
    early: deque[FileResult] = deque()  # files decided without extraction (skipped, unreadable)

    def jobs() -> Iterator[tuple[tuple[Path, str], tuple]]:
        # lazy: a file is hashed only when a worker is about to be free for it
        for path in files:
            decided = _precheck(engine, path, force, settings)
            if isinstance(decided, FileResult):
                early.append(decided)
            else:
                yield (path, decided), (path, settings)

    todo = jobs()
    first = next(todo, None)  # nothing to extract (all skipped): no workers, no cluster
    if first is not None:
        extract = _extractor(settings, workers, dask_address)
        for (path, sha), outcome in extract(itertools.chain([first], todo)):
            while early:
                yield early.popleft()
            yield _store(engine, path, sha, _as_message(path, outcome), force)
    while early:
        yield early.popleft()


def _extractor(settings: ExtractSettings, workers: int, dask_address: str | None):
    """Return ``imap(jobs) -> (item, outcome)`` for the chosen place of extraction."""
    if dask_address:
        from corpus.distributed import dask_imap

        return lambda jobs: dask_imap(
            dask_address, extract_or_message, jobs, settings.timeout_seconds
        )
    if workers > 1:
        _preload(settings)
        return ExtractionPool(extract_or_message, workers, settings.timeout_seconds).imap
    return lambda jobs: ((item, extract_or_message(*args)) for item, args in jobs)


def _preload(settings: ExtractSettings) -> None:
    """Import the extraction pipeline and build its matchers before workers fork.

    Each worker (and each replacement of a crashed or timed-out one) then starts ready, and
    shares these pages with this process instead of loading its own copy.
    """
    try:
        from extract.nlp import outcome_nlp
        from extract.readers import read_pages  # noqa: F401 - imported for the workers

        outcome_nlp(settings.lexicon_path)
    except Exception:  # noqa: BLE001 - a broken pipeline is reported per file by the workers
        return


def _precheck(
    engine: Engine, path: Path, force: bool, settings: ExtractSettings
) -> FileResult | str:
    """Return the file's digest when it must be extracted, else its final result."""
    try:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UnsupportedFormat(path)
        size = path.stat().st_size
        if size > settings.max_bytes:
            # before hashing: a huge file is refused without reading it (as the reader would)
            raise DocumentTooLarge(path, f"{size} bytes, limit {settings.max_bytes}")
        sha = sha256_of(path)
    except ExtractError as exc:
        return _fail(engine, path, None, str(exc))
    except OSError as exc:
        return _fail(engine, path, None, str(UnreadableFile(path, exc.strerror or str(exc))))
    if not force and _stored_ok(engine, sha):
        return _skipped(path)
    return sha


def extract_or_message(path: Path, settings: ExtractSettings) -> ExtractedDocument | str:
    """Extract one file within the time limit; return the one-line error instead of raising."""
    try:
        with time_limit(settings.timeout_seconds):
            return extract_file(path, settings)
    except ExtractError as exc:
        return str(exc)
    except TimeLimitExceeded as exc:
        return str(ExtractionTimeout(path, f"limit {exc}"))
    except MemoryError:
        return str(DocumentTooLarge(path, "memory limit exceeded"))
    except Exception as exc:  # noqa: BLE001 - a parser bug must cost one file, not the batch
        return f"{path.name}: extraction failed ({type(exc).__name__}: {first_line(exc)[:200]})"


def _as_message(path: Path, outcome: ExtractedDocument | str | Lost) -> ExtractedDocument | str:
    """Turn a worker that never answered into the file's one-line error."""
    if not isinstance(outcome, Lost):
        return outcome
    if outcome.kind == "timeout":
        return str(ExtractionTimeout(path, outcome.detail))
    return f"{path.name}: extraction failed ({outcome.detail})"


def _store(
    engine: Engine, path: Path, sha: str, outcome: ExtractedDocument | str, force: bool
) -> FileResult:
    """Store one outcome, unless another process stored the same content while we extracted."""
    if not force and _stored_ok(engine, sha):
        return _skipped(path)
    try:
        return _write(engine, path, sha, outcome)
    except DatabaseError:
        # most likely the other process won the race to insert this digest (it is unique)
        if find_by_sha(engine, sha) is None:
            raise
        if not force and _stored_ok(engine, sha):
            return _skipped(path)
        return _write(engine, path, sha, outcome)


def _stored_ok(engine: Engine, sha: str) -> bool:
    existing = find_by_sha(engine, sha)
    return existing is not None and existing.status == "ok"


def _write(engine: Engine, path: Path, sha: str, outcome: ExtractedDocument | str) -> FileResult:
    if isinstance(outcome, str):
        return _fail(engine, path, sha, outcome)
    studies, records = store_extraction(engine, path, sha, outcome)
    return FileResult(path, "ok", "", studies, records, outcome.page_count)


def _fail(engine: Engine, path: Path, sha: str | None, message: str) -> FileResult:
    store_failure(engine, path, sha, message)
    return FileResult(path, "failed", message)


def _skipped(path: Path) -> FileResult:
    return FileResult(path, "skipped", f"{path.name}: already ingested (same content)")

