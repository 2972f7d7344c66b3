"""Per-case tables (one row per patient) found in page tables and in tab-separated text.

A per-case table has a header whose first column names the case (``Case``, ``Patient no.``,
``Pt``) and body rows whose first cell is a case number (``1``, ``Case 3``, ``P12``). Header
rows may span several lines (``Duration from onset`` / ``to operation (days)``) and a cell may
continue on the next line without a case number (a second recurrence site); both are joined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.model import Page, Table

_CASE_HEADER = re.compile(
    r"^\W*(?:(?:case|patient|pt|subject)s?\b(?:\s*(?:no\b\.?|number|#|id\b|n°|/\s*\w+|"
    r"\([\w/ ,]+\)))*|no\b\.?|n°|#|id\b)\W*$", re.I
)
_CASE_COLUMN = re.compile(r"^\W*(?:case|patient|pt\.?|p)\s*#?\s*(\d{1,3})\W*$", re.I)
_MARKDOWN_ROW = re.compile(r"^\s*\|.*\|.*\|\s*$")
_MARKDOWN_RULE = re.compile(r"^\s*\|?[\s:|-]*-{3,}[\s:|-]*\|?\s*$")
_CASE_LABEL = re.compile(r"^\s*(?:case|patient|pt\.?|p|#|no\.?)?\s*(\d{1,3}[a-z]?)\s*$", re.I)
_CAPTION = re.compile(r"^\W*(?:table|tab\.)\s*\w+\b", re.I)
_GROUP = re.compile(r"\b(?:in|of|for)\s+(?:the\s+)?(group\s+[A-Z0-9]\w*|(?!(?:each|this|study|"
                    r"whole|entire)\b)[A-Za-z][\w\-]*\s+group)\b")

#: A per-case table has at least this many patient rows.
MIN_CASES = 2


@dataclass(frozen=True)
class CaseTable:
    """A per-case table: column names, one ``(label, cells)`` row per patient, provenance."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str | None, ...]], ...]
    page: int | None
    caption: str | None
    group: str | None
    #: the header row naming the case column, as the page prints it (cells joined by spaces)
    printed_header: str = ""

    def header_line(self) -> str:
        """The header as one line, cells separated by `` | ``."""
        return " | ".join(name for name in self.header if name)


def pages_to_case_tables(pages: Sequence[Page]) -> list[CaseTable]:
    """Find every per-case table of the document (page tables, else tab-separated text)."""
    found: list[CaseTable] = []
    for page in pages:
        tables = list(page.tables) or text_to_tables(page.text, page.number)
        for table in tables:
            case_table = table_to_case_table(table)
            if case_table:
                found.append(case_table)
    return found


def case_count(tables: Sequence[CaseTable]) -> int | None:
    """Patients described by per-case tables: the largest table of each group, summed."""
    largest: dict[str | None, int] = {}
    for table in tables:
        largest[table.group] = max(largest.get(table.group, 0), len(table.rows))
    return sum(largest.values()) or None


def text_to_tables(text: str, page: int | None = None) -> list[Table]:
    """Cut runs of tab-separated (or Markdown ``| a | b |``) lines out of plain text, each
    with the caption above it."""
    tables: list[Table] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        if not _is_row(lines[index]):
            index += 1
            continue
        start = index
        while index < len(lines) and (_is_row(lines[index]) or _blank_inside(lines, index)):
            index += 1
        rows = tuple(_split_cells(line) for line in lines[start:index]
                     if line.strip() and not _MARKDOWN_RULE.match(line))
        tables.append(Table(rows, page, _caption_above(lines, start)))
    return tables


def table_to_case_table(table: Table) -> CaseTable | None:
    """Return the table as a :class:`CaseTable` when it is one row per patient, else ``None``.

    A table with one *column* per patient (``| | Case 1 | Case 2 |``) is transposed first.
    """
    table = _transposed(table) or table
    first_case = next((i for i, row in enumerate(table.rows) if _case_label(row)), None)
    if first_case is None or first_case == 0:
        return None
    header_rows = table.rows[:first_case]
    if not any(row and row[0] and _CASE_HEADER.match(row[0]) for row in header_rows):
        return None
    width = max(len(row) for row in table.rows)
    header = _join_header(header_rows, width)
    rows = _body_rows(table.rows[first_case:], width)
    labels = [label for label, _ in rows]
    if len(rows) < MIN_CASES or len(set(labels)) != len(labels):
        return None
    printed = next(" ".join(c.strip() for c in row if c and c.strip()) for row in header_rows
                   if row and row[0] and _CASE_HEADER.match(row[0]))
    return CaseTable(header, tuple(rows), table.page, table.caption, caption_group(table.caption),
                     printed)


def caption_group(caption: str | None) -> str | None:
    """Group named by a caption: ``Summary of patients in group A`` -> ``Group A``."""
    if not caption:
        return None
    match = _GROUP.search(caption)
    if not match:
        return None
    label = match.group(1)
    return label[0].upper() + label[1:]


def _case_label(row: Sequence[str | None]) -> str | None:
    if not row or not row[0]:
        return None
    match = _CASE_LABEL.match(row[0])
    return match.group(1) if match else None


def _join_header(rows: Sequence[Sequence[str | None]], width: int) -> tuple[str, ...]:
    names = []
    for column in range(width):
        parts = [row[column] for row in rows if column < len(row) and row[column]]
        parts = [part.strip() for part in parts if not _CAPTION.match(part)]
        names.append(" ".join(dict.fromkeys(parts)))
    return tuple(names)


def _body_rows(rows: Sequence[Sequence[str | None]], width: int
               ) -> list[tuple[str, tuple[str | None, ...]]]:
    """Patient rows; a row without a case number continues the cells of the row above."""
    body: list[tuple[str, list[str | None]]] = []
    for row in rows:
        cells = [(cell.strip() or None) if cell else None for cell in row]
        cells += [None] * (width - len(cells))
        label = _case_label(row)
        if label:
            body.append((label, cells))
        elif body and any(cells):
            previous = body[-1][1]
            for column, cell in enumerate(cells):
                if cell:
                    previous[column] = f"{previous[column]} {cell}" if previous[column] else cell
    return [(label, tuple(cells)) for label, cells in body]


def _transposed(table: Table) -> Table | None:
    """Rows become columns when a header row names one patient per column."""
    for index, row in enumerate(table.rows[:3]):
        labels = [cell for cell in row[1:] if cell and _CASE_COLUMN.match(cell)]
        if len(labels) >= MIN_CASES and len(labels) >= len([c for c in row[1:] if c]) - 1:
            body = table.rows[index + 1 :]
            columns = [("Case", *(r[0] for r in body))]
            for column, cell in enumerate(row[1:], start=1):
                if cell and _CASE_COLUMN.match(cell):
                    values = (r[column] if column < len(r) else None for r in body)
                    columns.append((_CASE_COLUMN.match(cell).group(1), *values))
            return Table(tuple(columns), table.page, table.caption)
    return None


def _is_row(line: str) -> bool:
    return "\t" in line or bool(_MARKDOWN_ROW.match(line))


def _split_cells(line: str) -> tuple[str | None, ...]:
    if "\t" not in line and _MARKDOWN_ROW.match(line):
        line = line.strip().strip("|").replace("|", "\t")
    return tuple(cell.strip() or None for cell in line.split("\t"))


def _blank_inside(lines: Sequence[str], index: int) -> bool:
    """A single blank line between two table lines does not end a table."""
    return (not lines[index].strip() and index + 1 < len(lines) and _is_row(lines[index + 1]))


def _caption_above(lines: Sequence[str], start: int) -> str | None:
    above = [line.strip(" *#") for line in lines[max(0, start - 3) : start] if line.strip()]
    for position, line in enumerate(above):
        if _CAPTION.match(line):
            rest = " ".join(above[position:])
            return " ".join(rest.split())
    return None
