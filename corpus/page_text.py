"""The text of a document's pages, and where a quote stands on them.

Page texts come from ``DocumentPage`` (written at ingest); for a document ingested without
them, the source file is read again if it is still where it was. Reviewers see a quote in its
page context, and a manually added record's quote is checked against its page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from corpus.errors import InvalidEdit
from corpus.models import Document, DocumentPage

#: Characters of page text shown on each side of a quote.
CONTEXT_CHARS = 400


@dataclass(frozen=True)
class PageContext:
    """A quote as it stands on its page, with the text before and after it."""

    page: int | None
    before: str
    quote: str
    after: str


def document_pages(session: Session, doc: Document) -> list[tuple[int | None, str]]:
    """Return a document's ``(page number, text)`` pairs: stored ones, else read from its file."""
    query = select(DocumentPage).where(DocumentPage.document_id == doc.id)
    stored = session.exec(query.order_by(DocumentPage.id)).all()
    if stored:
        return [(p.number, p.text) for p in stored]
    return list(_source_pages(doc.path, doc.sha256 or ""))


@lru_cache(maxsize=8)
def _source_pages(path: str, sha256: str) -> tuple[tuple[int | None, str], ...]:
    """Read the pages of a source file again (documents ingested before pages were stored)."""
    from extract.errors import ExtractError
    from extract.settings import ExtractSettings

    try:
        from extract.reading.readers import read_pages

        _media, pages = read_pages(Path(path), ExtractSettings())
    except (ImportError, ExtractError, OSError):
        return ()  # the quote alone is still shown
    return tuple((p.number, p.text) for p in pages)


def quote_context(
    pages: list[tuple[int | None, str]], page: int | None, quote: str, chars: int = CONTEXT_CHARS
) -> PageContext | None:
    """Find ``quote`` on its page (or any page) and return it with ``chars`` of text around it.

    Whitespace differences (line breaks in the page text) do not matter. ``None`` when the
    quote cannot be found.
    """
    if not quote.strip():
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in quote.split()))
    ordered = sorted(pages, key=lambda p: p[0] != page)  # the record's own page first
    for number, text in ordered:
        match = pattern.search(text)
        if match:
            before = text[max(0, match.start() - chars) : match.start()]
            after = text[match.end() : match.end() + chars]
            before = ("…" if match.start() > chars else "") + before
            after = after + ("…" if match.end() + chars < len(text) else "")
            return PageContext(number, before, match.group(0), after)
    return None


def check_evidence(
    pages: list[tuple[int | None, str]],
    document: str,
    values: Mapping[str, Any],
    own_wording: bool,
) -> None:
    """Check that a new record's page exists and its quote is printed on it.

    Raises
    ------
    InvalidEdit
        No such page, or the quote is not on it (and is not marked as own wording).
    """
    page, quote = values.get("page"), (values.get("quote") or "").strip()
    numbers = sorted(n for n, _ in pages if n is not None)
    if page is not None and numbers and page not in numbers:
        raise InvalidEdit(f"{document} has no page {page} (pages {numbers[0]}-{numbers[-1]})")
    if page is not None and not numbers and page != 1:
        raise InvalidEdit(f"{document} has no page numbers (leave page empty or give 1)")
    if not quote or own_wording:
        return
    if not pages:
        raise InvalidEdit(
            f"the page text of {document} is not available to check the quote "
            "(give --own-wording if it is your own wording)"
        )
    on_page = [p for p in pages if page is None or not numbers or p[0] == page]
    if quote_context(on_page, page, quote) is None:
        where = f"page {page} of {document}" if page is not None and numbers else document
        raise InvalidEdit(
            f"the quote does not occur on {where} (copy it as printed, or give --own-wording)"
        )
