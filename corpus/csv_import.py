"""Import a reviewer's spreadsheet: the CSV of ``casemeta export --format csv``, edited.

Each row names a record by ``id``, the ``version`` it had at export and its ``document``; a row
matches a record only when all three agree, and the file must carry this database's identity
(the ``database`` column the export writes): ids alone would let a spreadsheet of another
database overwrite other papers' records. A changed cell becomes
an ``edit``, a ``status`` set to ``accepted`` or ``rejected`` an ``accept`` or ``reject``
(the optional ``note`` column is the reason), and a row without an ``id`` but with a
``document`` a record added by hand. Everything is checked before anything is written, and the
whole file is applied in one transaction: all or nothing. Rows whose record changed since the
export are refused by name, since the spreadsheet would silently undo someone else's change.
The ``context`` and ``provenance`` cells describe the record and are never applied: a changed
one is ignored, with a note in the report.

The steps live by concept: reading the file (:mod:`corpus.sheet_reading`), typed cells
(:mod:`corpus.sheet_values`), what each row asks for (:mod:`corpus.row_plans`), a file imported
again (:mod:`corpus.repeated_imports`) and read-only cells (:mod:`corpus.read_only_cells`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from corpus.curation import DecisionResult, add_in, decide, default_reviewer
from corpus.identity import database_identity
from corpus.read_only_cells import read_only_notes
from corpus.record_versions import transaction
from corpus.repeated_imports import unless_repeated
from corpus.row_plans import RowPlan, plan_rows
from corpus.sheet_reading import EXTRA_COLUMNS, REQUIRED_COLUMNS, check_identity, read_rows
from corpus.sheet_values import MAX_ID

__all__ = ["EXTRA_COLUMNS", "MAX_ID", "REQUIRED_COLUMNS", "ImportReport", "RowPlan",
           "check_identity", "import_csv", "plan_rows", "read_only_notes", "read_rows"]


@dataclass(frozen=True)
class ImportReport:
    """What an import applied: one result per changed row, and the unchanged rows.

    ``notes`` name the read-only cells (:data:`~corpus.sheet_columns.READ_ONLY_FIELDS`) that
    differ from the record and were ignored.
    """

    results: tuple[DecisionResult, ...]
    unchanged: int
    notes: tuple[str, ...] = ()

    def counts(self) -> dict[str, int]:
        """Number of rows per action (``accept``, ``edit``, ``reject``, ``add``)."""
        return dict(Counter(r.action for r in self.results))


def import_csv(engine: Engine, path: Path, *, reviewer: str | None = None) -> ImportReport:
    """Apply the edits of a spreadsheet as audited events, all or nothing.

    Parameters
    ----------
    engine : Engine
        The database the file was exported from.
    path : Path
        The spreadsheet, saved as CSV.
    reviewer : str, optional
        Who imports it (default: :func:`corpus.curation.default_reviewer`).

    Returns
    -------
    ImportReport
        What was applied, how many rows changed nothing, and the ignored read-only cells.

    Raises
    ------
    UnreadableImport
        The file cannot be read, lacks the ``id``, ``version``, ``document`` or ``database``
        columns, or was exported from another database.
    InvalidEdit
        Any invalid cell or row (every one is listed); nothing is written.
    StaleRecord
        Rows whose record changed since the export (every one is listed); nothing is written.
    """
    who = default_reviewer(reviewer)
    rows = read_rows(path)
    check_identity(rows, database_identity(engine), path.name)
    with transaction(engine) as session:
        planned = plan_rows(session, rows, path.name, who)
        notes = read_only_notes(session, rows, who)  # before the plans change any record
        plans = [unless_repeated(session, plan, who) for plan in planned]
        results = [_apply(session, plan, who) for plan in plans if plan.action]
    return ImportReport(tuple(results), sum(1 for p in plans if not p.action), tuple(notes))


def _apply(session: Session, plan: RowPlan, reviewer: str) -> DecisionResult:
    if plan.action == "add":
        return add_in(session, plan.document or "", plan.values, reviewer=reviewer, note=plan.note)
    note = plan.note or ("rejected in a spreadsheet" if plan.action == "reject" else None)
    changes = plan.values if plan.action == "edit" else {}
    return decide(
        session,
        plan.record_id,
        plan.action,
        changes,
        reviewer=reviewer,
        note=note,
        expected_version=plan.version,
    )
