"""Reading a reviewer's spreadsheet: its rows, its columns and the database it came from.

The file is the CSV of ``casemeta export --format csv``, saved back by a spreadsheet: UTF-8,
perhaps with a byte-order mark, separated by ``,``, ``;`` or tabs as the locale saves CSV, its
formula-safe cells (:mod:`corpus.csv_cells`) still marked. Its ``database`` column names the
database it was exported from; ids alone would let a spreadsheet of another database overwrite
other papers' records.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from corpus.csv_cells import restore_cell
from corpus.errors import UnreadableImport
from corpus.export import DATABASE_COLUMN
from corpus.identity import same_database
from corpus.queries import EXPORT_FIELDS
from corpus.sheet_columns import READ_ONLY_COLUMNS

#: Columns a spreadsheet may carry besides the record fields (the export's review columns).
EXTRA_COLUMNS = ("note", DATABASE_COLUMN, *READ_ONLY_COLUMNS)

#: Columns an importable file must have.
REQUIRED_COLUMNS = ("id", "version", "document", DATABASE_COLUMN)


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV export (UTF-8, optionally with a BOM as spreadsheets write it).

    Parameters
    ----------
    path : Path
        The spreadsheet, saved as CSV.

    Returns
    -------
    list of dict
        One dict per row, column name to cell text, formula-safe marks undone.

    Raises
    ------
    UnreadableImport
        The file cannot be read, lacks a :data:`REQUIRED_COLUMNS` column or has a column
        that is neither an export field nor one of :data:`EXTRA_COLUMNS`.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not UTF-8 text"
        raise UnreadableImport(f"{path.name}: cannot be read ({reason})") from exc
    reader = csv.DictReader(io.StringIO(text), delimiter=_delimiter(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise UnreadableImport(
            f"{path.name}: no {_either(missing)} column; "
            "import a file made by `casemeta export --format csv`"
        )
    unknown = [c for c in header if c not in EXPORT_FIELDS and c not in EXTRA_COLUMNS]
    if unknown:
        raise UnreadableImport(f"{path.name}: unknown column {unknown[0]!r}")
    # the export made formula-like text safe for spreadsheets (corpus.csv_cells): undone here
    return [{k: restore_cell(v or "") for k, v in row.items() if k is not None} for row in reader]


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _delimiter(text: str) -> str:
    """The separator of the header line: ``,``, or ``;`` / tab as spreadsheets in many locales
    save CSV."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count) if header else ","


def check_identity(rows: list[dict[str, str]], identity: str, name: str) -> None:
    """Refuse rows exported from another database than the one named by ``identity``.

    Rows added by hand may leave the ``database`` cell empty; every other cell must name this
    database, and a file with rows for existing records must name it at least once.

    Raises
    ------
    UnreadableImport
        A row names another database, or rows of existing records name none.
    """
    marks = {(row.get(DATABASE_COLUMN) or "").strip() for row in rows} - {""}
    foreign = sorted(m for m in marks if not same_database(m, identity))
    if foreign:
        raise UnreadableImport(
            f"{name}: exported from another database ({foreign[0]}), not this one "
            f"({identity}); nothing imported"
        )
    if not marks and any((row.get("id") or "").strip() for row in rows):
        raise UnreadableImport(
            f"{name}: no database named in the {DATABASE_COLUMN!r} column; "
            "import a file made by `casemeta export --format csv` from this database"
        )
