"""Tables pasted as text, their columns aligned by runs of spaces, as positional tables.

Text copied out of a journal PDF keeps a table as lines whose cells are separated by two or
more spaces, the column names on a line above the values (often indented over the stub)::

    Table 2 Kaplan-Meier estimates
                           1 year      3 years     Median (months)
    Overall survival       91.0        70.2        44.0

Read line by line, such a row loses which column an empty cell is in (a row without its P
value, a heading without a stub). :func:`text_to_aligned_tables` cuts each run of such lines
out of the text and places every cell under the column it starts beneath, giving a
:class:`~extract.model.Table` of positional cells with the caption above it; the pipeline
then reads it as it reads the tables of the PDF reader
(:func:`extract.tables.table_columns.table_to_rows`): named columns, time-point columns,
sizes in the headings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.model import Page, Table
from extract.tables.case_tables import table_to_case_table
from extract.tables.cells import CAPTION

# a cell: words separated by single spaces
_SEGMENT = re.compile(r"\S+(?: \S+)*")
#: A value cell is at most this long; a longer one is running text with a double space.
MAX_CELL_CHARS = 30
#: A column name starts at most this many characters right of the cells beneath it.
ALIGN_SLACK = 3
#: A line of one cell indented this far is a column name (``n (%)`` over one column).
MIN_HEADING_INDENT = 12
#: A table has at least this many aligned lines (column names and one row, or two rows).
MIN_LINES = 2


def pages_with_aligned_tables(pages: Sequence[Page]) -> list[Page]:
    """Give each page without tables of its own the tables its text aligns by spaces (text
    sources; the PDF reader recovers its pages' tables itself)."""
    return [page if page.tables else
            replace(page, tables=tuple(text_to_aligned_tables(page.text, page.number)))
            for page in pages]


def text_to_aligned_tables(text: str, page: int | None = None) -> list[Table]:
    """Each run of space-aligned lines of ``text`` with a number in it, as a positional table.

    Parameters
    ----------
    text : str
        A page's text.
    page : int or None
        The page number the tables get.

    Returns
    -------
    list of Table
        Cells placed under their column (``None`` where a row has no value), the first cell
        the row's label (``None`` for a line of column names over no stub), the ``Table N``
        line above the run as the caption. Per-case tables (one row per patient) are left
        to :mod:`extract.tables.case_tables`.
    """
    lines = text.splitlines()
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if _segments(lines[i]) is None:
            i += 1
            continue
        j = i
        while j < len(lines) and _segments(lines[j]) is not None:
            j += 1
        run = lines[i:j]
        if len(run) >= MIN_LINES and any(re.search(r"\d", line) for line in run) \
                and any(len(_segments(line) or ()) > 2 or (
                    len(_segments(line) or ()) == 2 and not line[0].isspace()) for line in run):
            caption = lines[i - 1].strip() if i and CAPTION.match(lines[i - 1].strip()) else None
            table = Table(_grid(run), page, caption)
            if table_to_case_table(table) is None:
                tables.append(table)
        i = j
    return tables


def _segments(line: str) -> list[tuple[int, str]] | None:
    """The cells of a space-aligned line with where each starts, or ``None`` for any other
    line (prose, a caption, a blank line)."""
    if not line.strip() or CAPTION.match(line.strip()) or "\t" in line or "|" in line:
        return None  # tab-separated and Markdown rows are read as they are printed
    cells = [(m.start(), m.group()) for m in _SEGMENT.finditer(line.rstrip())]
    if len(cells) == 1 and cells[0][0] >= MIN_HEADING_INDENT \
            and len(cells[0][1]) <= MAX_CELL_CHARS:
        return cells  # the name of a single value column, over the labels' space
    if len(cells) < 2 or any(len(c) > MAX_CELL_CHARS for _, c in cells[1:]):
        return None
    return cells


def _grid(run: Sequence[str]) -> tuple[tuple[str | None, ...], ...]:
    """Rows of ``[label, cell per column]``: the columns start where the cells of the line
    with the most of them start."""
    lines = [_segments(line) or [] for line in run]
    widest = max(lines, key=len)
    stubbed = widest[0][0] <= min(cells[0][0] for cells in lines if cells)
    anchors = [start for start, _ in (widest[1:] if stubbed else widest)]
    rows = []
    for line, cells in zip(run, lines, strict=True):
        row: list[str | None] = [None] * (len(anchors) + 1)
        for start, cell in _split_at_columns(line, cells, anchors[0]):
            if start < anchors[0] - ALIGN_SLACK:
                column = 0
            else:
                column = 1 + max((k for k, a in enumerate(anchors) if a <= start + ALIGN_SLACK),
                                 default=0)
            row[column] = cell if row[column] is None else f"{row[column]} {cell}"
        rows.append(tuple(row))
    return tuple(rows)


def _split_at_columns(line: str, cells: list[tuple[int, str]], first: int
                      ) -> list[tuple[int, str]]:
    """A label that runs into the first value with one space between them
    (``Re-exploration, n (%) 4 (4.2)``) is cut where the first column starts."""
    start, label = cells[0]
    end = start + len(label)
    if start >= first - ALIGN_SLACK or end <= first - ALIGN_SLACK:
        return cells
    for cut in range(max(start + 1, first - ALIGN_SLACK), min(end, first + ALIGN_SLACK + 1)):
        if line[cut - 1] == " " and line[cut].isdigit():
            return [(start, line[start:cut].rstrip()), (cut, line[cut:end]), *cells[1:]]
    return cells
