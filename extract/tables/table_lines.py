"""Which lines of page text are table rows, and their cells.

Text sources keep table rows as tab-separated lines; PDF text layers often print a table as
lines of a short label followed by number cells (``Died 1 0 5 2``). Such lines are rows, not
prose: :mod:`extract.rules.sentences` keeps them out of sentences and
:mod:`extract.tables.text_tables` reads them.
"""

from __future__ import annotations

import re

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
