"""Reader tables to rows under named columns: ``table_to_rows``.

A PDF table arrives as rows of positional cells (:class:`~extract.model.Table`). Its first rows
are the header: column names, often wrapped over two or three rows (``Open`` / ``repair``),
sometimes under a spanning header (``Whole series (n = 92)`` over both arms), sometimes with an
empty column that only holds the first word of its neighbour's name. The size of each column
is in its name (``Group A (n = 28)``) or in the first row of numbers (``Number | 67 | 36``,
``Total (%) | 49 (53) | 43 (47)``, an unlabelled ``466 (100%) | 125 (27%)``). Columns of P
values, ratios and intervals after the arms are comparisons, not groups.

The stages: ``table_to_grid`` (clean cells, drop empty rows) -> ``grid_to_header`` (where the
body starts, which columns hold values, their names and sizes) -> ``table_to_rows`` (a
:class:`~extract.tables.text_tables.Header`, then one
:class:`~extract.tables.text_tables.TableRow` per body row with one cell per value column).
A row's quote is the row as printed in the page text (its cells joined by spaces).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.model import Table
from extract.rules.timepoints import text_to_timepoints
from extract.tables.cells import (
    Column,
    Header,
    TableRow,
    comparison_cell,
    header_columns,
    is_all_column,
    is_n_percent_header,
)

# a cell that is a number: "12", "9 (18.4)", "< 0.001", ".162" (not "N0", "30-day", "1 year")
_NUMBER_CELL = re.compile(r"^[<>≤≥~]?\s*\.?\d[\d.,/]*\s*%?(?:\s*[(\[±].*)?$")
# the label of a row giving each column's number of patients
_SIZE_LABEL = re.compile(r"^(?:n|no\.?|number(?: of (?:patients|cases))?|patients|cases|total|"
                         r"all|subjects)?\s*(?:\(%\)|\(n\)|,?\s*n\s*\(%\))?\s*$", re.IGNORECASE)
# "67", "466 (100%)", "49 (53)": a whole count, perhaps with its share of the cohort
_SIZE_CELL = re.compile(r"^(?:[Nn]\s*=\s*)?(\d{1,5})"
                        r"(?:\s*[(\[]\s*\d{1,3}(?:\.\d+)?\s*%?\s*[)\]])?$")
# the heading of a comparison column: P value, a ratio, its interval
_COMPARISON_HEAD = re.compile(r"^p$|\bp[- ]?values?\b|\b(?:odds|hazard|risk) ratios?\b|\b95\s*%|"
                              r"\bCI\b|\bdifference\b|\bstatistics?\b", re.IGNORECASE)
_RATIO_HEAD = re.compile(r"\b(?:a?OR|a?HR|RR|IRR)\b")  # capitals: not the word "or"
# what a column heading says about its cells, not about its group: "n (%)", "number", "(%)"
_COUNT_WORDS = re.compile(r"(?:^|\s)(?:n\s*\(%\)|\(%\)|%|\(n\)|number|no\.|n)(?=\s|$)",
                          re.IGNORECASE)
_N_IN_NAME = re.compile(r"[(\[]?\s*\b[Nn]\s*=\s*(\d{1,5})\s*[)\]]?")
_TIME_HEAD = re.compile(r"^(?:at\s+)?(\d+(?:\.\d+)?)[\s-]*(days?|weeks?|months?|years?|yrs?|"
                        r"mo|wks?)(?:\s+(?:after|post|follow-?up)\b.*)?$", re.IGNORECASE)
# "Median (months)", "Median, mo", "Median survival (years)": the series' medians beside its
# rates, in the unit the heading gives
_MEDIAN_HEAD = re.compile(r"^median(?:\s+(?:survival|time))?\s*(?:[(,]\s*(?P<unit>months?|mo|"
                          r"years?|yrs?)\.?\s*\)?)?$", re.IGNORECASE)
_SHARE = re.compile(r"[(\[]\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*[)\]]")
_DASH = frozenset({"–", "—", "-", "…", "...", "NA", "N/A", "n/a", "NR", "–/–"})
#: A header row whose stub cell has more words than this, over names for fewer than half the
#: columns, is the caption running on (``Cerebellar Infarction, Stratified | by Technique``).
MAX_STUB_WORDS = 3
#: A header has at most this many rows (names wrapped over lines, a spanning header above).
MAX_HEADER_ROWS = 4
_INNER_CAPTION = re.compile(r"^table\s*\d+\s*[.:]?", re.IGNORECASE)


@dataclass(frozen=True)
class Grid:
    """A table's non-empty rows as cleaned cell strings (``""`` for an empty cell)."""

    rows: tuple[tuple[str, ...], ...]
    caption: str | None
    page: int | None


def table_to_grid(table: Table, page: int | None) -> Grid:
    """Cells with their whitespace collapsed, rows of empty cells dropped, rows padded even."""
    width = max((len(r) for r in table.rows), default=0)
    rows = []
    for cells in table.rows:
        texts = tuple(" ".join((c or "").split()) for c in cells)
        if any(texts):
            rows.append(texts + ("",) * (width - len(texts)))
    return Grid(tuple(rows), table.caption, table.page or page)


def body_start(grid: Grid) -> int:
    """Index of the first row with a label and a number in a value cell (the size row counts:
    it is read as the header's, see :func:`size_row`)."""
    for i, row in enumerate(grid.rows):
        if row[0] and any(_NUMBER_CELL.match(c) for c in row[1:]):
            return i
    return len(grid.rows)


def size_row(row: Sequence[str]) -> bool:
    """``Number | 67 | 36``, ``Total (%) | 49 (53) | 43 (47)``, ``| 466 (100%) | 125 (27%)``:
    a row that gives every value column its number of patients."""
    values = [c for c in row[1:] if c and c not in _DASH]
    return bool(values) and bool(_SIZE_LABEL.match(row[0])) \
        and all(_SIZE_CELL.match(c) for c in values)


def _value_columns(body: Sequence[Sequence[str]], width: int) -> list[int]:
    """Columns (after the stub) where some body row has a value."""
    return [j for j in range(1, width) if any(row[j] for row in body)]


def _fold(header: Sequence[Sequence[str]], kept: Sequence[int], width: int) -> list[list[str]]:
    """Per kept column, its header texts top to bottom; a column without body values gives its
    header words to the kept column on its right (``Primary`` + ``spontaneous pneumothorax``)."""
    names: list[list[str]] = [[] for _ in kept]
    for row in header:
        parts: list[list[str]] = [[] for _ in kept]
        for j in range(1, width):
            if not row[j]:
                continue
            target = next((k for k, col in enumerate(kept) if col >= j), len(kept) - 1)
            if target >= 0:
                parts[target].append(row[j])
        for k, words in enumerate(parts):
            if words:
                names[k].append(" ".join(words))
    return names


def _spanning(row: Sequence[str]) -> bool:
    """A header row whose one ``(n = k)`` is cut across cells spans several columns."""
    joined = " ".join(c for c in row[1:] if c)
    cols = header_columns(joined)
    return bool(cols) and len(cols) == 1 and not any(header_columns(c) for c in row[1:] if c)


def _header_rows(rows: Sequence[Sequence[str]], kept: Sequence[int]) -> list[Sequence[str]]:
    """The rows that name columns: not the caption running on (a long stub cell over a row
    with names for fewer than half the columns), not a spanning header."""
    return [r for r in rows if not _spanning(r) and not (
        len(r[0].split()) > MAX_STUB_WORDS and 2 * sum(1 for j in kept if r[j]) < len(kept))]


def grid_to_header(grid: Grid, cohort: int | None) -> tuple[Header | None, int, list[int]]:
    """The header of a grid, the index of its first body row and its value column indices.

    Returns ``(None, 0, [])`` when the grid has no header rows above a body: such tables are
    read as before, cell by cell.
    """
    start = body_start(grid)
    if start >= len(grid.rows):
        return None, 0, []
    while start > 0 and grid.rows[start - 1][0] and not any(grid.rows[start - 1][1:]):
        start -= 1  # a section row above the first numbers ("Perioperative outcomes") is body
    sizes: list[str] | None = None
    head_rows = list(grid.rows[:start])
    sized_body = size_row(grid.rows[start])
    if sized_body:
        sizes, start = list(grid.rows[start]), start + 1
    elif head_rows and not head_rows[-1][0] and size_row(head_rows[-1]):
        sizes = list(head_rows.pop())
    if not head_rows or len(head_rows) > MAX_HEADER_ROWS:
        return None, 0, []  # no header, or a per-case table's wrapped rows above the numbers
    width = len(grid.rows[0])
    kept = _value_columns(grid.rows[start:], width)
    names = [" ".join(n) for n in _fold(_header_rows(head_rows, kept), kept, width)]
    value_cols = [j for k, j in enumerate(kept)
                  if not _comparison_column(names[k], [r[j] for r in grid.rows[start:] if r[j]])]
    if any(not names[kept.index(j)] for j in value_cols):
        return None, 0, []  # values under no heading: which column is which is unknown
    if sizes and not sizes_fit([sizes[j] for j in value_cols],
                               [is_all_column(names[kept.index(j)]) for j in value_cols], cohort):
        start -= 1 if sized_body else 0  # "Total | 12 | 8" of complications: a body row
        sizes = None
    columns = [_column(names[kept.index(j)], sizes[j] if sizes else "", cohort)
               for j in value_cols]
    if kept and not columns:  # P values and ratios only: no counts in this table
        return Header((), grid.caption or ""), start, []
    if is_n_percent_header(names):
        return None, 0, []  # "No. | %": one count in two cells, read row by row
    if len(columns) == 1:
        columns = [Column("all", columns[0].n)]  # the one value column is the whole series
    heads = [names[kept.index(j)] for j in value_cols]
    return Header(tuple(columns), " | ".join(filter(None, [grid.caption, *heads]))), start, \
        value_cols


def _comparison_column(name: str, cells: Sequence[str]) -> bool:
    """A column of P values, ratios or intervals: by its heading or by every cell in it."""
    return bool(_COMPARISON_HEAD.search(name) or _RATIO_HEAD.search(name)) \
        or all(comparison_cell(c) for c in cells)


def sizes_fit(cells: Sequence[str], whole: Sequence[bool], cohort: int | None) -> bool:
    """Whether a row of counts is the columns' sizes: the arms add up to the total column or
    to the cohort, or their shares to 100% (``49 (53) | 43 (47)``); one column is at most the
    cohort. Otherwise it is a row of findings (``Total | 12 | 8`` complications)."""
    sizes = [_SIZE_CELL.match(c) for c in cells]
    if not sizes or not all(sizes):
        return False
    ns = [int(m.group(1)) for m in sizes]  # type: ignore[union-attr]
    arms = [n for n, is_all in zip(ns, whole, strict=True) if not is_all]
    totals = [n for n, is_all in zip(ns, whole, strict=True) if is_all]
    if len(ns) == 1:
        return cohort is None or ns[0] <= cohort
    shares = [float(p) for c in cells for p in _SHARE.findall(c)]
    return bool(arms) and (sum(arms) in (*totals, cohort)
                           or (len(shares) == len(ns) and abs(sum(shares) - 100) <= 1.5))


def _column(name: str, size: str, cohort: int | None) -> Column:
    """A value column from its name and the cell of the size row under it: a group with its
    N, the whole series (``Total``), or a time point of the whole series (``1 year``)."""
    m = _SIZE_CELL.match(size)
    n = int(m.group(1)) if m else None
    stated = _N_IN_NAME.search(name)  # "Group A n (%) (n = 28)": names wrapped round the N
    if stated:
        n, name = int(stated.group(1)), name[:stated.start()] + name[stated.end():]
    label = _COUNT_WORDS.sub("", " ".join(name.split())).strip(" ,;:([") or name.strip()
    months = column_months(label)
    if months is not None:
        return Column("all", n or cohort, months)
    median = _MEDIAN_HEAD.match(label)
    if median:
        return Column("all", n or cohort, median_unit=median.group("unit") or "months")
    return Column("all" if is_all_column(label) else label, n)


def column_months(label: str) -> float | None:
    """The time point a column heading is (``1 year``, ``30-day``, ``At 6 months``), with the
    conventions of :mod:`extract.rules.timepoints` (30 days is 1 month); else ``None``."""
    if not _TIME_HEAD.match(label):
        return None
    tps = text_to_timepoints(label) or text_to_timepoints(f"at {label}")
    return tps[0].months[0] if len(tps) == 1 and len(tps[0].months) == 1 else None


def table_to_rows(table: Table, page: int | None, cohort: int | None = None
                  ) -> list[TableRow | str | Header]:
    """A reader table as rows for :func:`~extract.tables.text_tables.rows_to_candidates`.

    With a header (names above the first row of numbers) the result is that
    :class:`Header`, then each body row with one cell per value column; a table without one
    gives its caption, then each row's label and non-empty cells (header-like rows as strings).

    Parameters
    ----------
    table : Table
        Positional cells from the PDF reader (``None`` for an empty cell) and its caption.
    page : int or None
        Page number for the rows when the table has none of its own.
    cohort : int or None
        The study's number of patients: a size row whose arms add up to it sizes the columns.

    Returns
    -------
    list of TableRow, str or Header
        For each table in the region (a ``Table N`` row starts the next one), in order.
    """
    out: list[TableRow | str | Header] = []
    for grid in split_at_captions(table_to_grid(table, page)):
        out.extend(_grid_rows(grid, cohort))
    return out


def printed_rows(table: Table) -> set[str]:
    """Each row of a reader table as the page text prints it (cells joined by spaces): the
    same rows in the page text are this table's, read here with their header."""
    return {" ".join(c for c in row if c) for row in table_to_grid(table, None).rows}


def split_at_captions(grid: Grid) -> list[Grid]:
    """One grid per table: a row starting ``Table 3`` inside a region is the caption of the
    next table printed under the same rules."""
    grids, rows, caption = [], [], grid.caption
    for row in grid.rows:
        first = next((c for c in row if c), "")
        if _INNER_CAPTION.match(first) and rows:
            grids.append(Grid(tuple(rows), caption, grid.page))
            rows, caption = [], " ".join(c for c in row if c)
            continue
        rows.append(row)
    grids.append(Grid(tuple(rows), caption, grid.page))
    return [g for g in grids if g.rows]


def _grid_rows(grid: Grid, cohort: int | None) -> list[TableRow | str | Header]:
    header, start, value_cols = grid_to_header(grid, cohort)
    if header is None:
        return _loose_rows(grid)
    out: list[TableRow | str | Header] = [header]
    for row in grid.rows[start:]:
        printed = " ".join(c for c in row if c)
        cells = tuple("" if row[j] in _DASH else row[j] for j in value_cols)
        out.append(TableRow(row[0], cells if any(cells) else (), grid.page, printed))
    return out


def _loose_rows(grid: Grid) -> list[TableRow | str | Header]:
    """Rows of a table without a recognised header: label and filled cells, header-like rows
    (no stub) kept as strings for :func:`~extract.tables.text_tables.header_columns`."""
    out: list[TableRow | str | Header] = [grid.caption] if grid.caption else []
    for row in grid.rows:
        filled = [c for c in row if c]
        printed = " ".join(filled)
        if not row[0]:
            out.append(printed)
            continue
        out.append(TableRow(row[0], tuple(filled[1:]), grid.page, printed))
    return out
