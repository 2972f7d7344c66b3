"""Ingest: find source files, extract each (in worker processes if asked), store each atomically.

One file never stops the batch: its failure is stored as a ``Document`` with status ``failed``
and reported as one line, and every other document is processed. Extraction always runs in
child processes with hard memory and time limits (:mod:`corpus.workers`; one with
``workers=1``), or on a Dask cluster (:mod:`corpus.distributed`); this process is the only
writer, one transaction per document, so a run killed at any moment leaves complete documents
only, and the next run skips them.

Paths come as the file system gives them: a folder that cannot be listed is a failed entry
like an unreadable file; a symbolic link is followed only when it points inside the paths
given (a link out is reported and skipped); a name that is not valid UTF-8 is stored and shown
with its undecodable bytes escaped (``\xff``), as no database text column holds them.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from corpus.errors import DatabaseError, IngestInputError, first_line
from corpus.store import find_by_sha, store_extraction, store_failure
from corpus.workers import ExtractionPool, Lost
from extract import ExtractError, ExtractSettings, extract_file
from extract.errors import DocumentTooLarge, UnreadableFile, UnsupportedFormat
from extract.model import ExtractedDocument
from extract.reading.printable import escape_undecodable, printable

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


@dataclass(frozen=True)
class Sources:
    """What the ingest paths hold: files to read, and entries refused before reading.

    ``refused`` maps a path to its final result: ``failed`` for a folder that cannot be
    listed, ``skipped`` for a symbolic link that points outside the given paths.
    """

    files: tuple[Path, ...]
    refused: tuple[FileResult, ...] = ()


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into a sorted, de-duplicated list of entries:
    the files to read, then the entries :func:`find_sources` refuses.

    Hidden files and folders are ignored. A path that does not exist raises
    :class:`IngestInputError`.
    """
    sources = find_sources(paths)
    return [*sources.files, *(result.path for result in sources.refused)]


def find_sources(paths: Iterable[str | Path]) -> Sources:
    """Files to ingest under ``paths``, and the entries refused (see :class:`Sources`).

    Raises
    ------
    IngestInputError
        A path that does not exist.
    """
    given = [Path(raw) for raw in paths]
    for path in given:
        if not (path.exists() or path.is_symlink()):
            raise IngestInputError(f"{printable(str(path))}: no such file or folder")
    roots = [Path(os.path.realpath(path)) for path in given]
    found: dict[Path, None] = {}
    refused: dict[Path, FileResult] = {}
    for path in given:
        if path.is_dir():
            _walk(path, roots, found, refused)
        else:
            found.setdefault(path, None)
    return Sources(tuple(sorted(found)), tuple(refused[p] for p in sorted(refused)))


def _walk(folder: Path, roots: list[Path], found: dict, refused: dict) -> None:
    """Add the files under ``folder`` to ``found`` and refused entries to ``refused``."""

    def unlistable(exc: OSError) -> None:
        path = Path(exc.filename)
        message = str(UnreadableFile(path, exc.strerror or type(exc).__name__))
        refused[path] = FileResult(path, "failed", printable(message))

    for top, dirs, names in os.walk(folder, onerror=unlistable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in [*dirs, *(n for n in names if not n.startswith("."))]:
            child = Path(top, name)
            if child.is_symlink() and _points_outside(child, roots):
                refused[child] = _link_out(child)
            elif name in names:
                found.setdefault(child, None)  # a dangling link too: reported as unreadable


def _points_outside(link: Path, roots: list[Path]) -> bool:
    target = Path(os.path.realpath(link))
    if not target.exists():
        return False  # dangling: read and reported as missing
    return not any(target == root or target.is_relative_to(root) for root in roots)


def _link_out(link: Path) -> FileResult:
    target = printable(os.path.realpath(link))
    name = printable(link.name)
    message = f"{name}: links outside the ingested paths (to {target}); not followed"
    return FileResult(link, "skipped", message)


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def protocol_settings(engine: Engine, **limits) -> ExtractSettings:
    """Default settings (with ``limits`` such as ``max_memory_bytes``), reading the custom
    outcomes of the protocol's lexicon terms too."""
    from corpus.protocol import lexicon_file, protocol_for

    protocol = protocol_for(engine)
    lexicon = lexicon_file(protocol) if protocol is not None else None
    return ExtractSettings(lexicon_path=lexicon, **limits)


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
        Extraction limits: ``max_bytes`` is checked before a file is read;
        ``timeout_seconds`` and ``max_memory_bytes`` bound each document's child process,
        which is killed when it passes them. Default: :func:`protocol_settings`.
    force : bool
        Re-extract files already ingested (reviewer-handled records are kept).
    workers : int
        Child processes that parse and extract in parallel; this process stores the results,
        in order.
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
    sources = find_sources(paths)
    start = time.perf_counter()
    results = []
    refused = (_refuse(engine, result) for result in sources.refused)
    extracted = _process(engine, list(sources.files), settings, force, workers, dask_address)
    for result in itertools.chain(refused, extracted):
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
            yield _store(engine, path, sha, _as_message(path, outcome, settings), force)
    while early:
        yield early.popleft()


def _extractor(settings: ExtractSettings, workers: int, dask_address: str | None):
    """Return ``imap(jobs) -> (item, outcome)`` for the chosen place of extraction."""
    if dask_address:
        from corpus.distributed import dask_imap

        return lambda jobs: dask_imap(
            dask_address, extract_or_message, jobs, settings.timeout_seconds
        )
    # a child process even for one worker: only from outside can limits not be caught
    _preload(settings)
    pool = ExtractionPool(
        extract_or_message, max(1, workers), settings.timeout_seconds, settings.max_memory_bytes
    )
    return pool.imap


def _preload(settings: ExtractSettings) -> None:
    """Import the extraction pipeline and build its matchers before workers fork.

    Each worker (and each replacement of a crashed or timed-out one) then starts ready, and
    shares these pages with this process instead of loading its own copy.
    """
    try:
        from extract.reading.readers import read_pages  # noqa: F401 - imported for the workers
        from extract.rules.nlp import outcome_nlp

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
    """Extract one file; return the one-line error instead of raising.

    Runs in a child process (:class:`corpus.workers.ExtractionPool`) or a Dask worker; the
    time and memory limits are enforced from outside, and a ``MemoryError`` (the kernel's
    address-space backstop) is reported as the memory limit.
    """
    try:
        return extract_file(path, settings)
    except ExtractError as exc:
        return str(exc)
    except MemoryError:
        return memory_message(path, settings)
    except Exception as exc:  # noqa: BLE001 - a parser bug must cost one file, not the batch
        return f"{path.name}: extraction failed ({type(exc).__name__}: {first_line(exc)[:200]})"


def memory_message(path: Path, settings: ExtractSettings) -> str:
    """``NAME: exceeded the 1.5 GB memory limit``."""
    return f"{path.name}: exceeded the {_size(settings.max_memory_bytes)} memory limit"


def _size(n_bytes: int) -> str:
    """Bytes in decimal units, as people write limits: ``1.5 GB``, ``200 MB``."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n_bytes >= scale:
            return f"{n_bytes / scale:.3g} {unit}"
    return f"{n_bytes} bytes"


def _as_message(
    path: Path, outcome: ExtractedDocument | str | Lost, settings: ExtractSettings
) -> ExtractedDocument | str:
    """Turn a worker that never answered into the file's one-line error: the limit it hit."""
    if not isinstance(outcome, Lost):
        return outcome
    if outcome.kind == "timeout":
        return f"{path.name}: took more than {settings.timeout_seconds:g} s"
    if outcome.kind == "memory":
        return memory_message(path, settings)
    return f"{path.name}: extraction failed ({outcome.detail})"


def _store(
    engine: Engine, path: Path, sha: str, outcome: ExtractedDocument | str, force: bool
) -> FileResult:
    """Store one outcome, unless another process stored the same content while we extracted."""
    if not force and _stored_ok(engine, sha):
        return _skipped(path)
    try:
        return _write(engine, path, sha, outcome)
    except OverflowError as exc:  # sqlite3 raises it unwrapped for an int beyond 64 bits
        return _fail(engine, path, sha, f"{path.name}: could not be stored ({exc})")
    except DatabaseError as exc:
        # most likely the other process won the race to insert this digest (it is unique)
        if find_by_sha(engine, sha) is None:
            if isinstance(outcome, str):
                raise  # not even the failure can be stored: the database is the problem
            # a value this database refuses costs its document only (the batch goes on)
            return _fail(engine, path, sha, str(exc))
        if not force and _stored_ok(engine, sha):
            return _skipped(path)
        return _write(engine, path, sha, outcome)


def _stored_ok(engine: Engine, sha: str) -> bool:
    existing = find_by_sha(engine, sha)
    return existing is not None and existing.status == "ok"


def _write(engine: Engine, path: Path, sha: str, outcome: ExtractedDocument | str) -> FileResult:
    if isinstance(outcome, str):
        return _fail(engine, path, sha, outcome)
    studies, records = store_extraction(engine, _storable(path), sha, outcome)
    return FileResult(path, "ok", "", studies, records, outcome.page_count)


def _fail(engine: Engine, path: Path, sha: str | None, message: str) -> FileResult:
    message = printable(message)  # a NUL or escape in a parser's message: never stored
    store_failure(engine, _storable(path), sha, message)
    return FileResult(path, "failed", message)


def _refuse(engine: Engine, result: FileResult) -> FileResult:
    """Store a folder that cannot be listed as failed; a link out is only reported."""
    if result.status == "failed":
        store_failure(engine, _storable(result.path), None, result.message)
    return result


def _storable(path: Path) -> Path:
    """The path as stored and shown: bytes that are not UTF-8 escaped (``\\xff``)."""
    return Path(escape_undecodable(str(path)))


def _skipped(path: Path) -> FileResult:
    name = printable(path.name)
    return FileResult(path, "skipped", f"{name}: already ingested (same content)")

