"""Any source file to pages of clean text: the first stage of extraction.

:func:`read_pages` dispatches on the file suffix: ``.pdf`` (:mod:`extract.reading.pdf_document`),
``.txt``, ``.md`` and ``.html``/``.htm``. Plain-text sources have no pages and come back as one
:class:`~extract.model.Page` with ``number=None``. Every problem with the file is raised as an
:class:`~extract.errors.ExtractError` with a one-line message naming the file.

Text files are decoded by :func:`bytes_to_text`; whatever the source, NUL bytes and other
control characters are removed from every page (:func:`extract.reading.printable.without_controls`):
PostgreSQL refuses NUL in text, and a terminal obeys escape sequences.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import unicodedata
from pathlib import Path

from extract.errors import (
    DocumentTooLarge,
    EmptyDocument,
    NotText,
    UnreadableFile,
    UnsupportedFormat,
)
from extract.model import Page
from extract.reading.html_text import html_to_page
from extract.reading.printable import without_controls
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

#: Byte-order marks and their codecs; UTF-32 first, as its LE mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: A charset declared in the first bytes (HTML ``<meta charset>``, ``content="...; charset="``,
#: an XML declaration's ``encoding=``).
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
#: Bytes searched for a declared charset.
DECLARATION_WINDOW = 4096


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
        For ``.pdf`` files (:func:`extract.reading.pdf_document.read_pdf`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise UnsupportedFormat(path)
    _check_file(path, settings)
    if suffix == ".pdf":
        from extract.reading.pdf_document import read_pdf

        return MEDIA_TYPES[suffix], [clean_page(page) for page in read_pdf(path, settings)]
    text = _read_text(path)
    if suffix in (".html", ".htm"):
        page = html_to_page(text)
    else:
        page = Page(number=None, text=markdown_to_text(text) if suffix == ".md" else text.strip())
    page = clean_page(page)
    if not page.text.strip():
        raise EmptyDocument(path, "no text")
    return MEDIA_TYPES[suffix], [page]


# Roman numerals as single characters (U+2160-U+217F: "Clavien-Dindo grade \u2162", "Bismuth
# type \u2163"), which East Asian typesetting uses for grades and stages: spelled in letters,
# the way every grade pattern reads them ("III", "IV")
_ROMAN_NUMERALS = str.maketrans({chr(code): unicodedata.normalize("NFKC", chr(code))
                                 for code in range(0x2160, 0x2180)})


def _plain(text: str) -> str:
    return without_controls(text).translate(_ROMAN_NUMERALS)


def clean_page(page: Page) -> Page:
    """The page with control characters removed from its text and its tables' cells, and
    Roman numeral characters spelled in letters."""
    tables = tuple(
        dataclasses.replace(table, rows=tuple(
            tuple(None if cell is None else _plain(cell) for cell in row)
            for row in table.rows
        ))
        for table in page.tables
    )  # fmt: skip
    return dataclasses.replace(page, text=_plain(page.text), tables=tables)


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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(path, exc.strerror or type(exc).__name__) from exc
    text = bytes_to_text(data)
    if text is None:
        raise NotText(path)
    return text


def bytes_to_text(data: bytes) -> str | None:
    """Decode a text file's bytes, or return ``None`` when they are not text.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32) decides; else strict UTF-8; else the
    charset the file declares (HTML ``<meta charset>``, XML ``encoding=``); else the charset
    ``charset_normalizer`` detects. NUL bytes in what is not UTF-8 mean binary data (or UTF-16
    without a mark, which is not guessed), never text.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data, codec)
    text = _decode(data, "utf-8")
    if text is not None:
        return text  # a stray NUL in UTF-8 text is dropped with the other controls
    if b"\x00" in data:
        return None
    declared = _DECLARED.search(data[:DECLARATION_WINDOW])
    if declared:
        text = _decode(data, declared.group(1).decode("ascii"))
        if text is not None:
            return text
    return _detected(data)


#: Among equally likely detected charsets, the usual one of an English-language paper.
PREFERRED_LEGACY_CHARSET = "cp1252"


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    # short texts fit dozens of code pages equally well; the detector lists which ones
    if any(PREFERRED_LEGACY_CHARSET in m.could_be_from_charset for m in tied):
        return _decode(data, PREFERRED_LEGACY_CHARSET) or str(best)
    return str(best)


def _decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


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
