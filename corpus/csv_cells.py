"""Spreadsheet-safe CSV cells (OWASP "CSV injection") and their exact reversal on import.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets (``=HYPERLINK(...)`` leaks data, ``+cmd|...``
runs a program). OWASP's recommendation is a leading apostrophe, which spreadsheets show as
text. Only text cells are neutralised: numbers, and text that is a plain number (``-0.25``),
are a number to a spreadsheet, not a formula, and must stay numbers there. A text that
itself starts with an apostrophe gets a second one, so that :func:`restore_cell` gives back
exactly what was written.

References
----------
OWASP, "CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return ``value`` with a leading ``'`` when it is text a spreadsheet would evaluate."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, "'")) and not _number(value):
        return "'" + value
    return value


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return not text[:1].isspace()  # float() ignores a leading tab or newline; sheets do not


def restore_cell(text: str) -> str:
    """Undo :func:`safe_cell` on a cell read back from a spreadsheet."""
    return text[1:] if text.startswith("'") else text


def csv_text(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    """Write dict rows as CSV text with a header, every text cell passed through
    :func:`safe_cell`; the one place casemeta's CSV files are written."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()
