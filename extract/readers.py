"""Any source file to pages of clean text: the first stage of extraction.

:func:`read_pages` dispatches on the file suffix: ``.pdf`` (:mod:`extract.pdf_document`),
``.txt``, ``.md`` and ``.html``/``.htm``. Plain-text sources have no pages and come back as one
:class:`~extract.model.Page` with ``number=None``. Every problem with the file is raised as an
:class:`~extract.errors.ExtractError` with a one-line message naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

from extract.errors import DocumentTooLarge, EmptyDocument, UnreadableFile, UnsupportedFormat
from extract.html_text import html_to_page
from extract.model import Page
from extract.settings import ExtractSettings

#: Media type of each supported suffix.
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_FENCE = re.compile(r"^\s*(```|~~~).*$", re.MULTILINE)
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def read_pages(path: Path, settings: ExtractSettings) -> tuple[str, list[Page]]:
    """Read a source document into pages of text in reading order.

    Parameters
    ----------
    path : Path
        A ``.pdf``, ``.txt``, ``.md``, ``.html`` or ``.htm`` file.
    settings : ExtractSettings
        ``max_bytes`` and ``max_pages`` limit what is read.

    Returns
    -------
    media_type : str
        ``application/pdf``, ``text/plain``, ``text/markdown`` or ``text/html``.
    pages : list of Page
        PDF pages numbered from 1; one page with ``number=None`` for text sources.

    Notes
    -----
    A PDF page's text keeps one printed line per line, in reading order (left column, then
    right column), with line-end hyphenation undone; a blank line separates paragraphs,
    blocks, and columns where a sentence ends. Running headers, footers, page numbers and
    margin stamps are gone; footnotes at the foot of a column follow the body text; then come
    the rows of the tables found (cells joined by spaces), which are also in ``page.tables``.

    Raises
    ------
    UnsupportedFormat, UnreadableFile, EmptyDocument, DocumentTooLarge
        For any file.
    NotAPDF, CorruptPDF, EncryptedPDF, NoTextLayer
        For ``.pdf`` files (:func:`extract.pdf_document.read_pdf`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise UnsupportedFormat(path)
    _check_file(path, settings)
    if suffix == ".pdf":
        from extract.pdf_document import read_pdf

        return MEDIA_TYPES[suffix], read_pdf(path, settings)
    text = _read_text(path)
    if suffix in (".html", ".htm"):
        page = html_to_page(text)
    else:
        page = Page(number=None, text=markdown_to_text(text) if suffix == ".md" else text.strip())
    if not page.text.strip():
        raise EmptyDocument(path, "no text")
    return MEDIA_TYPES[suffix], [page]


def _check_file(path: Path, settings: ExtractSettings) -> None:
    """Refuse missing, unreadable, empty and oversized files before parsing."""
    try:
        if path.is_dir():
            raise UnreadableFile(path, "is a directory")
        size = path.stat().st_size
        with path.open("rb") as handle:
            handle.read(1)
    except UnreadableFile:
        raise
    except OSError as exc:  # missing, permission denied, ...: the system's own words
        raise UnreadableFile(path, exc.strerror or type(exc).__name__) from exc
    if size == 0:
        raise EmptyDocument(path, "0 bytes")
    if size > settings.max_bytes:
        raise DocumentTooLarge(path, f"{size} bytes, limit {settings.max_bytes}")


def _read_text(path: Path) -> str:
    """Decode a text file as UTF-8 (with or without BOM), else as Windows-1252."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, exc.strerror or type(exc).__name__) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def markdown_to_text(text: str) -> str:
    """Strip light Markdown markup (headings' ``#``, emphasis, links, images, fences, rules)
    and keep everything else, including pipe tables, as it is."""
    text = _HTML_COMMENT.sub("", text)
    text = _MD_IMAGE.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    text = _MD_FENCE.sub("", text)
    text = _MD_RULE.sub("", text)
    return text.strip()
