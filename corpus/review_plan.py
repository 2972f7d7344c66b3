"""How many reviewers a record needs, and who may be one.

With a protocol (:mod:`corpus.protocol`), ``reviewers = 1`` makes every decision apply at
once, whoever decides; ``reviewers = 2`` makes a record in the double-review sample
(``double_review_fraction``, :func:`corpus.merge.double_reviewed`) need two reviewers whose
decisions merge, and any other record one. Without a protocol a record needs one reviewer:
dual review is a decision of the protocol, never inferred from who happens to have decided
(one decision by a second person must not make every record need two).
"""

from __future__ import annotations

from sqlmodel import Session

from corpus.errors import InvalidEdit
from corpus.merge import double_reviewed
from corpus.protocol import protocol_for

#: The name extraction signs its records with; it never counts as a reviewer.
EXTRACTOR_NAME = "casemeta"


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


def dual_review(session: Session) -> bool:
    """Whether the protocol of the session's database asks for two reviewers."""
    protocol = protocol_for(session_engine(session))
    return protocol is not None and protocol.reviewers == 2


def needs_two(session: Session, record_id: int) -> bool:
    """Whether a record needs two reviewers' merged decisions before it changes.

    Only with ``reviewers = 2`` in the protocol, and then for the double-review sample.
    """
    protocol = protocol_for(session_engine(session))
    if protocol is None or protocol.reviewers != 2:
        return False
    return double_reviewed(record_id, protocol.double_review_fraction)
