"""Table cells and columns: what a value cell holds, which group a column is.

The vocabulary shared by the readers of text-layer table lines (:mod:`extract.tables.table_lines`),
of reader tables (:mod:`extract.tables.table_columns`) and of their rows
(:mod:`extract.tables.text_tables`): a :class:`Column` (a group with its N, the whole series,
or a time point), a :class:`Header` of columns, a :class:`TableRow`, and the tests of a cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract.rules.numbers import Stat, normalize, text_to_stats

_N_COLUMN = re.compile(
    r"(?P<label>[A-Za-z][\w /+&,.'-]*?)?\s*[(\[]?\s*\b[Nn]\s*=\s*(?P<n>\d{1,5})\s*[)\]]?"
)
_HAS_N = re.compile(r"\b[Nn]\s*=\s*\d")
_ALL = re.compile(r"^(?:a[il1]{2}|total|overall|whole cohort|all patients|entire cohort|cohort)$",
                  re.IGNORECASE)
_P_CELL = re.compile(r"^(?:p\s*[=<>]\s*)?[<>≤]?\s*(?:0?\.\d+|1(?:\.0+)?|NS|n\.s\.)$",
                    re.IGNORECASE)
# "0.4 (0.1-1.2)", "OR 3.0 (0.8-11.9)", "Ref.": a ratio of a comparison column, not a count
_RATIO_CELL = re.compile(r"^(?:(?:a?OR|a?HR|RR)\s*)?\d+(?:\.\d+)?\s*[(\[]\s*\d+(?:\.\d+)?\s*"
                         r"(?:-|to|,)\s*\d+(?:\.\d+)?\s*[)\]]$"
                         r"|^(?:ref(?:erence)?\.?|1\.0+ \(ref\.?\))$", re.IGNORECASE)
# "2.6% (1/39)": a percentage with its fraction in brackets is one cell
_PERCENT_FRACTION = re.compile(r"\d+(?:\.\d+)?\s*%\s*[(\[]\s*\d+\s*/\s*\d+\s*[)\]]")
_N_HEAD = re.compile(r"n|no\.?|number|count|patients|cases|\(n\)", re.IGNORECASE)
_PERCENT_HEAD = re.compile(r"%|\(%\)|percent(?:age)?", re.IGNORECASE)
#: a number alone in a cell: "18.8", "6", "92%" (a percentage column's cells)
BARE_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")
#: a caption line: "Table 2", "TABLE IV."
CAPTION = re.compile(r"^table\s*[\dIVX]+\b", re.IGNORECASE)
#: a header line of one count column and its percentage: "Outcome No. %", "n (%)"
N_PERCENT_LINE = re.compile(r"(?:^|\s)(?:n|no\.?|number)\s+(?:%|\(%\))\s*$", re.IGNORECASE)
_STUB_HEAD = re.compile(r"^(?:variables?|characteristics?|parameters?|outcomes?|items?|"
                        r"factors?|events?)\s+(?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class Column:
    """A value column: the group it describes and its number of patients."""

    group: str
    n: int | None
    #: a column of one time point (``1 year``, ``30-day``) rather than of a group
    months: float | None = None
    #: a column of the whole series' medians beside its rates (``Median (months)``), with
    #: the unit its heading gives them in
    median_unit: str | None = None


@dataclass(frozen=True)
class Header:
    """The value columns of a reader table, in order, and the caption and column names as
    printed (a record's ``context``); the rows after it have one cell per column."""

    columns: tuple[Column, ...]
    text: str


def is_all_column(label: str) -> bool:
    """``Total``, ``All``, ``Overall``: a column of the whole cohort."""
    return bool(_ALL.match(label.strip()))


def header_columns(line: str) -> list[Column] | None:
    """Columns named by a header line (``No CT N = 29  CT N = 12  All N = 41``), or ``None``.

    Only the run of ``label N = k`` at the start of the line counts: a flattened table line
    goes on with row labels and values after its header.
    """
    if not _HAS_N.search(line):
        return None  # cheap test first: the column regex is slow on long lines
    text = normalize(line)
    found = []
    pos = 0
    for m in _N_COLUMN.finditer(text):
        if text[pos:m.start()].strip(" \t|,;"):
            break
        found.append(m)
        pos = m.end()
    if not found:
        return None
    cols = []
    unnamed = sum(1 for m in found if not (m.group("label") or "").strip(" ,("))
    for i, m in enumerate(found):
        label = " ".join((m.group("label") or "").split()).strip(" ,(")
        if i == 0:
            label = _STUB_HEAD.sub("", label)  # "Variable Group A (n = 28)": the stub's heading
        if not label and unnamed > 1:
            label = f"n = {m.group('n')}"  # "(n = 120) (n = 80)": names on the line above
        group = "all" if not label or _ALL.match(label) else label
        cols.append(Column(group, int(m.group("n"))))
    return cols


# a table's cells repeat (``0``, ``1 (2.5)``), and its rows are read by several readers: each
# distinct cell is parsed once (a Stat is frozen, sharing it is safe)
@lru_cache(maxsize=4096)
def cell_stat(cell: str) -> Stat | None:
    """The one number a value cell holds (a count, ``n (%)``, ``n/N``, a percentage or a
    duration) when it is the whole cell; else ``None`` (``7.3±2.7``, ``< 0.001``)."""
    cell = cell.strip()
    if cell in ("0", "-", "0 (0)"):
        return Stat("count", 0, len(cell), count=0, percent=0.0)
    stats = text_to_stats(cell)
    if len(stats) != 1:
        return None
    s = stats[0]
    whole_cell = s.end >= len(cell.rstrip(")] ")) - 1 \
        or (s.kind == "fraction" and bool(_PERCENT_FRACTION.fullmatch(cell)))
    if s.kind in ("count", "fraction", "percent", "duration") and whole_cell:
        return s
    return None


@dataclass(frozen=True)
class TableRow:
    """One table row: its label, value cells, page and the verbatim row text."""

    label: str
    cells: tuple[str, ...]
    page: int | None
    quote: str


def p_value_cell(cell: str) -> bool:
    """``0.03``, ``< .001``, ``p = 0.2``, ``NS``: a P value."""
    return bool(_P_CELL.match(cell.strip()))


def comparison_cell(cell: str) -> bool:
    """A P value or a ratio with its interval: the comparison columns after the arms."""
    cell = cell.strip()
    return bool(_P_CELL.match(cell) or _RATIO_CELL.match(cell)) or cell in ("-", "NA", "NS")


def is_n_percent_header(cells: Sequence[str]) -> bool:
    """``No. | %``: the two value columns are one count and its percentage."""
    return len(cells) == 2 and bool(_N_HEAD.fullmatch(cells[0].strip())) \
        and bool(_PERCENT_HEAD.fullmatch(cells[1].strip()))
