"""A database's identity: which database an exported spreadsheet came from.

Record ids are only unique within one database; a CSV exported from another database carries
the same ids for other papers' records. The identity is derived from the moment this
database's schema was first created (its first ``schemaversion`` row), which every casemeta
database has and no other database shares, so no new table or column is needed. It is shown as
``NAME#DIGEST`` (the file or database name, then the digest); only the digest is compared, so a
database file that was moved or renamed keeps its identity.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import select

from corpus.db import reading
from corpus.models import SchemaVersion

#: Hex digits of the digest: collisions among a reviewer's databases are not a concern.
DIGEST_LENGTH = 12


def database_identity(engine: Engine) -> str:
    """Return ``NAME#DIGEST`` identifying the database behind ``engine``."""
    with reading(engine) as session:
        created = session.exec(
            select(SchemaVersion.applied_at).order_by(SchemaVersion.version).limit(1)
        ).first()
    digest = hashlib.sha256(str(created).encode()).hexdigest()[:DIGEST_LENGTH]
    return f"{_name(engine)}#{digest}"


def same_database(identity: str, other: str) -> bool:
    """Whether two identities name the same database (their digests agree)."""
    return identity.rpartition("#")[2] == other.rpartition("#")[2]


def _name(engine: Engine) -> str:
    database = engine.url.database or ""
    if engine.url.get_backend_name() == "sqlite":
        return Path(database).name or "memory"
    return database
