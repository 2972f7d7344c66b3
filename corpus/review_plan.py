"""How many reviewers a record needs, and who may be one.

With a protocol (:mod:`corpus.protocol`), ``reviewers = 1`` makes every decision apply at
once, whoever decides; ``reviewers = 2`` makes a record in the double-review sample
(``double_review_fraction``, :func:`corpus.merge.double_reviewed`) need two reviewers whose
decisions merge, and any other record one. Without a protocol, casemeta counts the reviewers
who have decided in the database: from the second one on, every record needs two. That count
is only right when decisions see each other, so on PostgreSQL (where two transactions read
under READ COMMITTED at once) decisions without a protocol take a lock first
(:func:`serialize_decisions`); SQLite serialises writers itself.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

from corpus.decisions import reviewer_count
from corpus.errors import InvalidEdit
from corpus.merge import double_reviewed
from corpus.protocol import protocol_for

#: The name extraction signs its records with; it never counts as a reviewer.
EXTRACTOR_NAME = "casemeta"

#: Key of the PostgreSQL advisory lock that serialises decisions counted without a protocol.
DECISIONS_LOCK_KEY = 0x7265_7669  # "revi"


def check_reviewer(name: str) -> str:
    """Return a reviewer's name, stripped; the extractor's name and an empty one are refused.

    Raises
    ------
    InvalidEdit
        An empty name, or the extractor's.
    """
    name = (name or "").strip()
    if not name:
        raise InvalidEdit("an empty name is not a reviewer (give --reviewer NAME)")
    if name.lower() == EXTRACTOR_NAME:
        raise InvalidEdit(
            f"{name!r} is the extractor's name, not a reviewer (give --reviewer NAME)"
        )
    return name


def session_engine(session: Session):
    """The engine behind a session (for finding the protocol of its database)."""
    bind = session.get_bind()
    return getattr(bind, "engine", bind)


def serialize_decisions(session: Session) -> None:
    """Wait until no other decision without a protocol is being written (PostgreSQL only).

    Taken before the record's own row lock, and held to the end of the transaction, so two
    reviewers' first decisions at once cannot both count one reviewer, and an import that
    decides many records cannot deadlock with a single decision.
    """
    bind = session.get_bind()
    if bind.dialect.name != "postgresql" or protocol_for(session_engine(session)) is not None:
        return
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": DECISIONS_LOCK_KEY})


def needs_two(session: Session, record_id: int, reviewer: str | None = None) -> bool:
    """Whether a record needs two reviewers' merged decisions before it changes."""
    protocol = protocol_for(session_engine(session))
    if protocol is not None:
        return protocol.reviewers == 2 and double_reviewed(
            record_id, protocol.double_review_fraction
        )
    return reviewer_count(session, including=reviewer) >= 2
