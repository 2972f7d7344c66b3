"""Files casemeta writes on request (``export --output``, ``report --out``): never the
database, never an existing file unless asked.

``export --output casemeta.db`` once replaced the database with a CSV. The output path is
compared with the database file (and its journal files) after resolving links and ``..``, and
an existing file is replaced only with ``overwrite``; the text is written to a temporary file
beside the target and moved into place, so a failed write leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from corpus.db import resolve_url
from corpus.errors import OutputRefused

#: Files SQLite keeps beside a database: overwriting one corrupts the database too.
SQLITE_SIDE_FILES = ("", "-journal", "-wal", "-shm")


def database_file(url: str | None) -> Path | None:
    """The file of a SQLite database URL (``--db`` / ``$CASEMETA_DB`` / default), else ``None``."""
    try:
        parsed = make_url(resolve_url(url))
    except ArgumentError:
        return None  # opening the database reports the bad URL
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def check_output(path: Path, *, database_url: str | None, overwrite: bool = False) -> None:
    """Refuse to write ``path`` when it is the database or exists (unless ``overwrite``).

    Raises
    ------
    OutputRefused
        With a one-line message naming the file.
    """
    database = database_file(database_url)
    if database is not None and _same_file(path, database):
        raise OutputRefused(f"{path}: is the database; choose another file to write")
    if path.is_dir():
        raise OutputRefused(f"{path}: is a folder; give a file name")
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise OutputRefused(f"{path}: already exists; add --overwrite to replace it")


def write_output(
    path: Path, text: str, *, database_url: str | None, overwrite: bool = False
) -> None:
    """Check ``path`` (:func:`check_output`) and write ``text`` to it as UTF-8, atomically.

    Raises
    ------
    OutputRefused
        The database, an existing file without ``overwrite``, or a file that cannot be
        written.
    """
    check_output(path, database_url=database_url, overwrite=overwrite)
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputRefused(f"{path}: cannot be written ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise OutputRefused(f"{path}: cannot be written ({exc.strerror})") from exc


def _same_file(path: Path, database: Path) -> bool:
    target = path.resolve()
    for suffix in SQLITE_SIDE_FILES:
        side = database.with_name(database.name + suffix)
        if target == side.resolve():
            return True
        with contextlib.suppress(OSError):
            if path.exists() and side.exists() and path.samefile(side):  # a hard link
                return True
    return False
