"""Exceptions raised by :mod:`corpus`; the CLI prints their one-line messages as ``Error: …``."""

from __future__ import annotations


def first_line(exc: BaseException) -> str:
    """Return the first line of an exception's message, for a one-line error of our own.

    For a SQLAlchemy error the driver's own error (``exc.orig``) is used: SQLAlchemy's text
    adds the SQL statement and a link on further lines. An empty message gives the type name.
    """
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class CorpusError(Exception):
    """Base class of every storage, ingest and curation error."""


class DatabaseError(CorpusError):
    """The database cannot be opened or written (bad URL, missing driver, locked, ...)."""


class SchemaError(CorpusError):
    """The database schema is of a version this casemeta cannot use."""


class NotFound(CorpusError):
    """A document or record named by the user does not exist."""


class InvalidEdit(CorpusError):
    """A curation change that would make a record invalid (events > total, unknown outcome, ...)."""


class StaleRecord(CorpusError):
    """A record changed since the caller read it (another reviewer edited it first)."""


class IngestInputError(CorpusError):
    """An ingest argument that is not a readable file or folder."""


class InvalidOption(CorpusError):
    """An option value casemeta does not know (an export format, a record status)."""


class UnreadableImport(CorpusError):
    """A CSV to import cannot be read or is not an export of casemeta."""


class DaskUnavailable(CorpusError):
    """Dask is not installed, or its scheduler cannot be reached."""


class OutputRefused(CorpusError):
    """An output file that would overwrite the database or an existing file."""
