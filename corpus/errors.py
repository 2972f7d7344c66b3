"""Exceptions raised by :mod:`corpus`; the CLI prints their one-line messages as ``Error: …``."""

from __future__ import annotations


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
