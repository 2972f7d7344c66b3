"""A stand-in extractor whose behaviour each test file states in its first line.

Scale tests need documents that are slow, hang, crash their process or blow their memory on
purpose; the real extractor does none of these on demand. A file's first line is the command:

``ok N``       N outcome records (after ``$CASEMETA_FAKE_DELAY`` seconds, default 0)
``sleep S``    sleep S seconds in Python (a soft time limit interrupts it)
``hang S``     sleep S seconds with SIGALRM blocked (only a hard kill stops it)
``crash``      SIGKILL its own process
``raise``      raise a RuntimeError (a parser bug)
``memory``     allocate 3 GiB at once (the address-space backstop refuses it)
``grow``       grow 10 MB at a time to 2 GB (the parent's resident-memory check kills it)
``scream``     write "Fatal Python error" lines to stderr, then SIGSEGV itself

Run as a script (see :func:`main`), it ingests a folder with this extractor in a process of
its own, so a test can kill a real ingest process.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from extract.model import ExtractedDocument, ExtractedRecord, StudyInfo


def fake_extract(path, settings=None) -> ExtractedDocument:
    """Do what the first line of ``path`` says (see the module docstring)."""
    path = Path(path)
    command, _, arg = path.read_text().splitlines()[0].partition(" ")
    if command == "sleep":
        time.sleep(float(arg))
    elif command == "hang":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(float(arg))
    elif command == "crash":
        os.kill(os.getpid(), signal.SIGKILL)
    elif command == "raise":
        raise RuntimeError("parser bug")
    elif command == "memory":
        bytearray(3 * 1024**3)
    elif command == "grow":
        chunks = [b"x" * 10**7 for _ in range(200) if not time.sleep(0.005)]  # written: resident
        del chunks
    elif command == "scream":
        os.write(2, b"Fatal Python error: Segmentation fault\n" * 55)
        os.kill(os.getpid(), signal.SIGSEGV)
    time.sleep(float(os.environ.get("CASEMETA_FAKE_DELAY", "0")))
    return document(path.name, int(arg) if command == "ok" else 1)


def document(name: str, n_records: int) -> ExtractedDocument:
    """A document of ``n_records`` distinct records quoting ``name``."""
    records = tuple(
        ExtractedRecord("mortality", "proportion", events=i, total=100, quote=f"{name}#{i}")
        for i in range(n_records)
    )
    return ExtractedDocument("text/plain", 1, study=StudyInfo(n_patients=100), records=records)


def write_batch(folder: Path, n_files: int, records: int = 3) -> list[Path]:
    """Write ``n_files`` distinct ``ok`` documents into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n_files):
        path = folder / f"doc{i:04d}.txt"
        path.write_text(f"ok {records}\nfile {i}\n")
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    """``scale_fakes.py DB_URL FOLDER [WORKERS]``: ingest with the stand-in extractor.

    It calls the library rather than the CLI: the same ingest, without the CLI's start-up
    imports, so the subprocess tests stay fast. Prints one line per file; exits 1 on failures.
    """
    import corpus.ingest
    from corpus.db import open_engine

    corpus.ingest.extract_file = fake_extract
    db_url, folder, *rest = argv
    report = corpus.ingest.ingest_paths(
        open_engine(db_url),
        [folder],
        workers=int(rest[0]) if rest else 1,
        on_file=lambda f: print(f.status, f.path.name, flush=True),
    )
    return 1 if report.count("failed") else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
