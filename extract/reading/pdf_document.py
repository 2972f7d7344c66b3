"""A PDF file to :class:`~extract.model.Page` objects, with every failure mapped to an
:class:`~extract.errors.ExtractError`.

pdfminer and pdfplumber raise many kinds of exceptions on damaged files (syntax errors,
``KeyError``, ``TypeError``, end of stream); all of them are wrapped here, where the third-party
code is called, so none escapes. Pages are read one at a time and closed straight away so
memory stays flat on long documents; only their lines (small plain data) are kept until the
running headers, which need every page, are removed.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from extract.errors import CorruptPDF, DocumentTooLarge, EncryptedPDF, NotAPDF, NoTextLayer
from extract.model import Page, Table
from extract.reading.pdf_cleanup import (
    drop_running_lines,
    hyphenated_words,
    join_across_pages,
    lines_to_text,
    page_number_offset,
    running_keys,
)
from extract.reading.pdf_frame import page_to_frame
from extract.reading.pdf_inflate import check_inflate
from extract.reading.pdf_layout import main_gutter, rows_to_blocks
from extract.reading.pdf_lines import Line, blocks_to_lines, without_boxes
from extract.reading.pdf_objects import load_page_objects
from extract.reading.pdf_rows import page_to_rows
from extract.settings import ExtractSettings
from extract.tables.pdf_tables import page_to_tables

#: A PDF's header must start within the first 1024 bytes (ISO 32000-1, annex H.3).
HEADER_WINDOW = 1024
#: A complete PDF ends with ``%%EOF`` within its last bytes (a little trailing junk is common).
TRAILER_WINDOW = 2048
#: Block number given to table rows, so they read after the page's running text.
TABLE_BLOCK = 10_000


@dataclass(frozen=True)
class PageLayout:
    """One page's lines with positions, before running headers are removed."""

    number: int
    height: float
    lines: tuple[Line, ...]
    tables: tuple[Table, ...]
    width: float = 0.0
    gutter: float | None = None


def check_pdf_bytes(path: Path) -> None:
    """Refuse files that are not PDFs, or PDFs cut short, before parsing them."""
    with path.open("rb") as handle:
        head = handle.read(HEADER_WINDOW)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - TRAILER_WINDOW))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise NotAPDF(path)
    if b"%%EOF" not in tail:
        raise CorruptPDF(path, "truncated: no end-of-file marker")


def _is_encryption_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, PDFPasswordIncorrect | PDFEncryptionError):
            return True
        if any(isinstance(arg, PDFPasswordIncorrect | PDFEncryptionError) for arg in seen.args):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def page_to_layout(page, number: int, prior: float | None = None) -> PageLayout:
    """Read one pdfplumber page, upright or turned: its tables, then its other lines in
    reading order. ``prior`` is the column gutter of the pages read before, for pages with
    too few lines to show their columns."""
    load_page_objects(page)  # pdfplumber's glyph dicts, built at a fraction of its cost
    frame = page_to_frame(page)
    rows, size = page_to_rows(page, frame)
    found = page_to_tables(page, rows, size, number, frame) if rows else []
    rows = without_boxes(rows, [region for region, _ in found])
    blocks = rows_to_blocks(rows, frame.width, size, prior)
    table_lines = [_table_line(row, i) for i, (_, t) in enumerate(found) for row in t.rows]
    return PageLayout(
        number,
        frame.height,
        tuple(blocks_to_lines(blocks) + table_lines),
        tuple(t for _, t in found),
        frame.width,
        main_gutter(blocks),
    )


def _table_line(cells: tuple[str | None, ...], index: int) -> Line:
    text = " ".join(cell for cell in cells if cell)
    return Line(text, 0.0, 0.0, 0.0, 0.0, 0.0, block=TABLE_BLOCK + index, kind="table")


def read_layouts(path: Path, settings: ExtractSettings) -> list[PageLayout]:
    """Open a PDF and read every page's layout, closing each page once read."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        if _is_encryption_error(exc):
            raise EncryptedPDF(path) from exc
        raise CorruptPDF(path) from exc
    try:
        return _page_layouts(path, pdf, settings)
    finally:
        _close_quietly(pdf)


def _page_layouts(path: Path, pdf, settings: ExtractSettings) -> list[PageLayout]:
    try:
        pages = pdf.pages
    except Exception as exc:
        raise CorruptPDF(path, "page tree unreadable") from exc
    if not pages:
        raise CorruptPDF(path, "no pages")
    if len(pages) > settings.max_pages:
        raise DocumentTooLarge(path, f"{len(pages)} pages, limit {settings.max_pages}")
    layouts: list[PageLayout] = []
    for number, page in enumerate(pages, start=1):
        try:
            layouts.append(page_to_layout(page, number, _prior_gutter(layouts, page)))
        except Exception as exc:
            raise CorruptPDF(path, f"page {number} unreadable") from exc
        finally:
            _close_quietly(page)
    return layouts


def _close_quietly(closable) -> None:
    """Close a pdfplumber document or page. On a damaged file closing can raise too (pdfminer
    releases what it half-read); that second error must neither replace the one being raised
    (a one-line ``CorruptPDF``) nor fail a file that was read."""
    try:
        closable.close()
    except Exception:  # noqa: BLE001 - anything pdfminer raises while releasing the file
        pass


def _folio(offset: int | None, index: int) -> int | None:
    """The number printed on page ``index``; none for the first page, whose citation line
    (journal, year, pages) the study fields are read from."""
    return None if offset is None or index == 1 else index + offset


def _prior_gutter(layouts: list[PageLayout], page) -> float | None:
    """The median gutter of the pages read so far that have the width of ``page``."""
    gutters = [
        layout.gutter
        for layout in layouts
        if layout.gutter is not None and abs(layout.width - page.width) < 1.0
    ]
    return statistics.median(gutters) if gutters else None


def layouts_to_pages(layouts: list[PageLayout]) -> list[Page]:
    """Remove running headers and footers across pages and join each page's lines to text."""
    margins = [(layout.lines, layout.height) for layout in layouts]
    running = running_keys(margins)
    offset = page_number_offset(margins)
    kept = [
        drop_running_lines(
            layout.lines, layout.height, running, _folio(offset, index)
        )
        for index, layout in enumerate(layouts, start=1)
    ]
    keep_hyphen = hyphenated_words(line.text for lines in kept for line in lines)
    texts = join_across_pages([lines_to_text(lines, keep_hyphen) for lines in kept], keep_hyphen)
    return [
        Page(number=layout.number, text=text, tables=layout.tables)
        for layout, text in zip(layouts, texts, strict=True)
    ]


def read_pdf(path: Path, settings: ExtractSettings) -> list[Page]:
    """Read a PDF into pages of clean text in reading order.

    Raises
    ------
    NotAPDF, CorruptPDF, EncryptedPDF, DocumentTooLarge, NoTextLayer
        ``DocumentTooLarge`` also for streams above the inflate limit.
    """
    check_pdf_bytes(path)
    check_inflate(path, settings)
    pages = layouts_to_pages(read_layouts(path, settings))
    if not any(page.text.strip() for page in pages):
        raise NoTextLayer(path)
    return pages
