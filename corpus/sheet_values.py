"""Cells of a spreadsheet row as typed values, compared as a spreadsheet rewrites them.

Spreadsheets write whole numbers as ``12`` or ``12.0`` and reformat decimals
(``0.7100000000001``); neither is a change a reviewer made.
"""

from __future__ import annotations

import math
from typing import Any

from corpus.errors import InvalidEdit
from corpus.validation import parse_field
from corpus.vocabulary import EDITABLE_FIELDS

#: Largest id a database stores (a signed 64-bit integer in SQLite and PostgreSQL).
MAX_ID = 2**63 - 1


def parse_row(line: int, row: dict[str, str], problems: list[str]):
    """Return (id, version, typed values, raw row) of one row; parse errors go to ``problems``.

    Parameters
    ----------
    line : int
        The row's line in the file (the header is line 1), for the messages.
    row : dict
        The row's cells by column.
    problems : list of str
        Where each invalid cell is described (``row 3: ...``).
    """
    rid = version = None
    values: dict[str, Any] = {}
    for column in ("id", "version"):
        text = (row.get(column) or "").strip()
        number = whole_number(text)
        if text and number is None:
            problems.append(f"row {line}: {column} must be a whole number, not {text!r}")
        elif number is not None and number > MAX_ID:
            problems.append(f"row {line}: {column} {text} is too large to be a record's")
        elif number is not None:
            rid, version = (number, version) if column == "id" else (rid, number)
    for column in EDITABLE_FIELDS:
        if column in row:
            try:
                values[column] = parse_field(column, row[column])
            except InvalidEdit as exc:
                problems.append(f"row {line}: {exc}")
    return rid, version, values, row


def whole_number(text: str) -> int | None:
    """``12`` or ``12.0`` (spreadsheets write whole numbers either way) as 12, else ``None``."""
    digits, _, decimals = text.partition(".")
    if digits.isdigit() and decimals.strip("0") == "" and text.count(".") <= 1:
        return int(digits)
    return None


def same_value(new: Any, old: Any) -> bool:
    """Spreadsheets reformat numbers: 0.71 and 0.7100000000001 are the same cell."""
    if isinstance(new, float) and isinstance(old, int | float) and not isinstance(old, bool):
        return math.isclose(new, old, rel_tol=1e-9, abs_tol=1e-12)
    return new == old
