"""Which lines of page text are table rows, and their cells.

Text sources keep table rows as tab-separated lines; PDF text layers often print a table as
lines of a short label followed by number cells (``Died 1 0 5 2``). Such lines are rows, not
prose: :mod:`extract.rules.sentences` keeps them out of sentences. ``text_rows`` turns a
block's lines into :class:`~extract.tables.cells.TableRow` items and the caption and header
lines between them, for :mod:`extract.tables.text_tables`; a row's quote is its line as
printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.tables.cells import (
    BARE_NUMBER,
    CAPTION,
    N_PERCENT_LINE,
    TableRow,
    cell_stat,
    comparison_cell,
    header_columns,
    p_value_cell,
)

# "12", "3/40", "9 (18.4)", "2.6% (1/39)": a count, a fraction, a percentage with either
_CELL = r"(?:\d+(?:/\d+)?(?:\.\d+)?%?(?:\s*[(\[]\d+(?:\.\d+)?%?[)\]]|\s*[(\[]\d+/\d+[)\]])?)"
_SPACED_ROW = re.compile(
    rf"^(?P<label>[A-Za-z•·\-–(][^\t]{{0,60}}?[A-Za-z)%])\s+(?P<cells>{_CELL}(?:\s+{_CELL}){{1,8}})\s*$"
)


# "| Complete excision (R0) | 24 (83) | 29 (71) |": a Markdown table row
_PIPE_ROW = re.compile(r"^\s*\|.*\|.*\|\s*$")


def line_to_cells(line: str) -> list[str] | None:
    """The cells of a table line: tab-separated, a Markdown ``| a | b |`` row, or a short label
    followed by two or more number cells separated by spaces (``Died 1 0 5 2`` in a PDF text
    layer); else ``None``. A Markdown separator row (``|---|---|``) has no cells."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    if _PIPE_ROW.match(line):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return None if all(re.fullmatch(r"[\s:-]*", c) for c in cells) else cells
    m = _SPACED_ROW.match(line.strip())
    if not m:
        return None
    return [m.group("label").strip(), *re.findall(_CELL, m.group("cells"))]


# a label has a word besides time units: "Death at 12 months" is a label, "12 months" a value
_WORDED = re.compile(r"\b(?!(?:days?|weeks?|months?|years?|hours?|mo|yrs?|wks?)\b)[A-Za-z]{2,}")
_PROSE = re.compile(r"\.\s*$|^.{100,}$")  # a sentence's end, or a line too long for a row


def cells_to_row(cells: Sequence[str], page: int | None) -> TableRow | None:
    """A row from its non-empty cells: the value cells are the trailing run of numbers, the
    label the cell just before them (text layers sometimes put debris in front of a row)."""
    cells = [c for c in cells if c]
    if not cells:
        return None
    k = len(cells)
    while k > 2 and comparison_cell(cells[k - 1]) and cell_stat(cells[k - 1]) is None:
        k -= 1  # trailing P values and ratios: kept as cells, cut under named columns
    if k > 2 and p_value_cell(cells[k - 1]) and cell_stat(cells[k - 2]) is not None:
        k -= 1  # a trailing P value that reads as a number
    while k > 1 and (cell_stat(cells[k - 1]) is not None or BARE_NUMBER.fullmatch(cells[k - 1])):
        k -= 1  # a bare "18.8" is a value too: the percentage column of "No. | %"
    label, values = cells[k - 1], tuple(cells[k:])
    return TableRow(label, values, page, " ".join((label, *values)))


def text_rows(block_text: str, page: int | None) -> list[TableRow | str]:
    """Table rows of a text block: tab-separated lines, with the header lines kept as strings."""
    out: list[TableRow | str] = []
    for line in block_text.splitlines():
        cells = line_to_cells(line)
        if cells is None:
            if header_columns(line) or CAPTION.match(line.strip()) \
                    or N_PERCENT_LINE.search(line):
                out.append(line.strip())
            elif _PROSE.search(line):
                out.append("")  # running text: the caption above no longer applies
            continue
        head = header_columns(" ".join(c for c in cells if c))
        if head and len(head) == len([c for c in cells if c]):
            out.append(" ".join(c for c in cells if c))
            continue
        filled = [c for c in cells if c]
        if head and not any(cell_stat(c) for c in filled if not header_columns(c)):
            out.append(" ".join(filled))  # a header row: column names with their N
            continue
        first = next((c for c in cells if c), "")
        if header_columns(first):
            out.append(first)  # a header run in front of the row's cells
        row = cells_to_row(cells, page)
        if row is not None and _WORDED.search(row.label):
            out.append(replace(row, quote=" ".join(line.split())))  # the line as printed
    return out
