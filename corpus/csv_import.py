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
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from corpus.csv_cells import restore_cell
from corpus.curation import (
    DecisionResult,
    add_in,
    decide,
    default_reviewer,
    known_outcomes,
    proposed_values,
)
from corpus.decisions import APPLIED_KEY, open_decisions, record_events
from corpus.errors import InvalidEdit, StaleRecord, UnreadableImport
from corpus.export import DATABASE_COLUMN
from corpus.identity import database_identity, same_database
from corpus.models import Document, OutcomeRecord, ReviewEvent
from corpus.provenance import (
    decision_provenance,
    provenance_line,
    provenance_object,
    record_provenance,
)
from corpus.queries import EXPORT_FIELDS
from corpus.record_versions import record_values, transaction
from corpus.review_plan import needs_two
from corpus.sheet_columns import READ_ONLY_COLUMNS, READ_ONLY_FIELDS
from corpus.validation import check_record, parse_field
from corpus.vocabulary import EDITABLE_FIELDS

#: Columns a spreadsheet may carry besides the record fields (the export's review columns).
EXTRA_COLUMNS = ("note", DATABASE_COLUMN, *READ_ONLY_COLUMNS)

#: Columns an importable file must have.
REQUIRED_COLUMNS = ("id", "version", "document", DATABASE_COLUMN)

#: Largest id a database stores (a signed 64-bit integer in SQLite and PostgreSQL).
MAX_ID = 2**63 - 1

#: Statuses a reviewer may set in the ``status`` column.
_SETTABLE = ("accepted", "rejected", "edited", "extracted", "")


@dataclass(frozen=True)
class RowPlan:
    """What one row asks for: an action on a record (or an addition) and its typed values."""

    line: int
    record_id: int | None
    version: int | None
    action: str | None
    values: dict[str, Any]
    note: str | None
    document: str | None = None


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
        plans = [_unless_repeated(session, plan, who) for plan in planned]
        results = [_apply(session, plan, who) for plan in plans if plan.action]
    return ImportReport(tuple(results), sum(1 for p in plans if not p.action), tuple(notes))


def read_only_notes(
    session: Session, rows: list[dict[str, str]], reviewer: str | None = None
) -> list[str]:
    """One note per read-only cell of an existing record's row that differs from the record
    (``row 3: provenance is read-only; the changed cell was ignored``).

    The provenance of ``reviewer``'s own waiting decision is what their export showed
    (:mod:`corpus.blinding`), so it is no change either.
    """
    ids = {_whole_number((row.get("id") or "").strip()) for row in rows} - {None}
    query = select(OutcomeRecord).where(OutcomeRecord.id.in_(list(ids)))
    records = {rec.id: rec for rec in session.exec(query)}
    notes = []
    for line, row in enumerate(rows, start=2):
        rec = records.get(_whole_number((row.get("id") or "").strip()))
        if rec is None:
            continue
        shown = {"context": {rec.context or ""},
                 "provenance": _provenance_lines(session, rec, reviewer)}  # fmt: skip
        notes += [f"row {line}: {name} is read-only; the changed cell was ignored"
                  for name in READ_ONLY_FIELDS
                  if name in row and row[name].strip() not in {v.strip() for v in shown[name]}]
    return notes


def _provenance_lines(session: Session, rec: OutcomeRecord, reviewer: str | None) -> set[str]:
    """The provenance cells an export may have written for ``rec``: the record's, and the one
    of ``reviewer``'s waiting decision on it."""
    data = rec.model_dump()
    lines = {provenance_line(provenance_object(data))}
    mine = open_decisions(record_events(session, rec.id)).get(reviewer) if reviewer else None
    if mine is not None:
        asked = decision_provenance(record_provenance(data), data, mine)
        lines.add(provenance_line({n: p.to_dict() for n, p in asked.items()}))
    return lines


def read_rows(path: Path) -> list[dict[str, str]]:
    """Read a CSV export (UTF-8, optionally with a BOM as spreadsheets write it)."""
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


def check_identity(rows: list[dict[str, str]], identity: str, name: str) -> None:
    """Refuse rows exported from another database than the one named by ``identity``.

    Rows added by hand may leave the ``database`` cell empty; every other cell must name this
    database, and a file with rows for existing records must name it at least once.
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


def _delimiter(text: str) -> str:
    """The separator of the header line: ``,``, or ``;`` / tab as spreadsheets in many locales
    save CSV."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count) if header else ","


def plan_rows(
    session: Session, rows: list[dict[str, str]], name: str, reviewer: str | None = None
) -> list[RowPlan]:
    """Check every row against the database and return what each asks for.

    A row whose record ``reviewer`` already decided from the row's exported version was
    applied by an earlier import of this file: it is unchanged, not stale.

    Raises :class:`InvalidEdit` or :class:`StaleRecord` listing every bad row.
    """
    problems: list[str] = []
    parsed, bad = [], set()
    for line, row in enumerate(rows, start=2):
        before = len(problems)
        parsed.append(_parse_row(line, row, problems))
        if len(problems) > before:
            bad.add(line)  # reported; not checked further
    ids = [p[0] for p in parsed if p[0] is not None]
    _fail(InvalidEdit, name, _duplicates(parsed))
    query = select(OutcomeRecord).where(OutcomeRecord.id.in_(ids))
    records = {r.id: r for r in session.exec(query)}
    imported = _imported_before(session, parsed, reviewer)
    stale = [_stale(line, rid, ver, records, imported)
             for line, (rid, ver, _, _) in _numbered(parsed)]  # fmt: skip
    _fail(StaleRecord, name, [s for s in stale if s], what="changed since the export")
    documents = dict(session.exec(select(Document.id, Document.file_name)).all())
    outcomes = known_outcomes(session)  # the protocol's custom outcomes too
    plans = []
    for line, (rid, version, values, row) in _numbered(parsed):
        if line in bad:
            continue
        try:
            plans.append(
                _plan(line, rid, version, values, row, records, documents, imported, outcomes)
            )
        except InvalidEdit as exc:
            problems.append(f"row {line}: {exc}")
    _fail(InvalidEdit, name, sorted(problems, key=_row_number))
    return plans


def _imported_before(session: Session, parsed: list, reviewer: str | None) -> set[int]:
    """Records whose row ``reviewer`` already applied: a decision made from the row's exported
    version that asked for what the row asks (its changed cells, or its status)."""
    rows = {rid: (version, values, row) for rid, version, values, row in parsed if rid}
    if reviewer is None or not rows:
        return set()
    query = select(ReviewEvent).where(
        ReviewEvent.record_id.in_(list(rows)), ReviewEvent.reviewer == reviewer
    )
    return {e.record_id for e in session.exec(query).all()
            if _same_request(e, *rows[e.record_id]) and not _lapsed(session, e)}  # fmt: skip


def _lapsed(session: Session, event: ReviewEvent) -> bool:
    """Whether ``event`` is a decision still waiting for a second reviewer on a record that no
    longer needs one (the protocol turned to one reviewer): its row, imported again, applies.
    """
    if (event.after or {}).get(APPLIED_KEY, True) or needs_two(session, event.record_id):
        return False
    mine = open_decisions(record_events(session, event.record_id)).get(event.reviewer)
    return mine is not None and mine.event_id == event.id


def _same_request(event: ReviewEvent, version: int | None, values: dict, row: dict) -> bool:
    before, after = event.before or {}, event.after or {}
    if before.get("version") != version:
        return False
    changed = {k: v for k, v in values.items() if not _same(v, before.get(k))}
    if changed:
        return event.action == "edit" and all(_same(v, after.get(k)) for k, v in changed.items())
    wanted = {"rejected": "reject", "accepted": "accept"}
    return event.action == wanted.get((row.get("status") or "").strip().lower())


def _row_number(problem: str) -> int:
    return int(problem.split(":", 1)[0].removeprefix("row "))


def _numbered(parsed: list) -> list:
    """Pair each parsed row with its line in the file (the header is line 1)."""
    return list(enumerate(parsed, start=2))


def _duplicates(parsed: list) -> list[str]:
    first: dict[int, int] = {}
    problems = []
    for line, (rid, *_rest) in _numbered(parsed):
        if rid is not None and rid in first:
            problems.append(f"row {line}: record {rid} is already in row {first[rid]}")
        first.setdefault(rid, line)
    return problems


def _fail(kind: type[Exception], name: str, problems: list[str], what: str = "") -> None:
    if not problems:
        return
    if what:
        rows = "row" if len(problems) == 1 else "rows"
        raise kind(
            f"{name}: nothing imported; {len(problems)} {rows} {what}: "
            f"{'; '.join(problems)}; export again"
        )
    raise kind(f"{name}: nothing imported; {'; '.join(problems)}")


def _parse_row(line: int, row: dict[str, str], problems: list[str]):
    """Return (id, version, typed values, raw row); parse errors go to ``problems``."""
    rid = version = None
    values: dict[str, Any] = {}
    for column in ("id", "version"):
        text = (row.get(column) or "").strip()
        number = _whole_number(text)
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


def _whole_number(text: str) -> int | None:
    """``12`` or ``12.0`` (spreadsheets write whole numbers either way) as 12, else ``None``."""
    digits, _, decimals = text.partition(".")
    if digits.isdigit() and decimals.strip("0") == "" and text.count(".") <= 1:
        return int(digits)
    return None


def _stale(
    line: int, rid: int | None, version: int | None, records: dict, imported: set[int] = frozenset()
) -> str | None:
    if rid is None or rid not in records or rid in imported:
        return None
    if version != records[rid].version:
        now = records[rid].version
        return f"row {line} (record {rid}, exported at version {version}, now {now})"
    return None


def _plan(
    line, rid, version, values, row, records, documents, imported=frozenset(), outcomes=None
) -> RowPlan:
    status = (row.get("status") or "").strip().lower()
    note = (row.get("note") or "").strip() or None
    if status not in _SETTABLE:
        raise InvalidEdit(f"unknown status {status!r} (accepted, rejected, edited)")
    if rid is None:
        return _plan_addition(line, values, row, status, note, documents, outcomes)
    if rid not in records:
        raise InvalidEdit(f"record {rid} does not exist (removed by a re-ingest?)")
    rec = records[rid]
    if rid in imported:  # this file's earlier import already applied the row
        return RowPlan(line, rid, version, None, record_values(rec), note)
    document = (row.get("document") or "").strip()
    owner = documents[rec.document_id]
    if version is None:
        raise InvalidEdit(f"record {rid} has no version (the export writes one in every row)")
    if document != owner:
        raise InvalidEdit(f"record {rid} belongs to {owner!r}, not {document!r}")
    changes = {k: v for k, v in values.items() if not _same(v, getattr(rec, k))}
    action = _action(rec.status, status, changes)
    if action == "edit":
        proposed_values(rec, "edit", changes)  # validates the whole record; raises
        return RowPlan(line, rid, version, action, changes, note)
    return RowPlan(line, rid, version, action, record_values(rec), note)


def _action(current: str, wanted: str, changes: dict[str, Any]) -> str | None:
    if wanted == "rejected":
        if changes:
            raise InvalidEdit("a rejected row cannot also change values")
        return None if current == "rejected" else "reject"
    if wanted == "extracted" and current != "extracted":
        raise InvalidEdit(f"status cannot go back from {current!r} to 'extracted'")
    if changes:
        return "edit"
    if wanted == "accepted" and current in ("extracted", "rejected"):
        return "accept"
    return None


def _plan_addition(line, values, row, status, note, documents, outcomes=None) -> RowPlan:
    document = (row.get("document") or "").strip()
    if not document:
        raise InvalidEdit("a row without an id needs a document to add a record to")
    if document not in documents.values():
        raise InvalidEdit(f"no document named {document!r}")
    if status not in ("", "accepted"):
        raise InvalidEdit(f"a new record is added as accepted, not {status!r}")
    full = {name: values.get(name) for name in EDITABLE_FIELDS}
    for name, default in (("group", "all"), ("ci_level", 0.95), ("quote", "")):
        full[name] = default if full[name] is None else full[name]
    check_record(full, outcomes)
    return RowPlan(line, None, None, "add", full, note, document)


def _same(new: Any, old: Any) -> bool:
    """Spreadsheets reformat numbers: 0.71 and 0.7100000000001 are the same cell."""
    if isinstance(new, float) and isinstance(old, int | float) and not isinstance(old, bool):
        return math.isclose(new, old, rel_tol=1e-9, abs_tol=1e-12)
    return new == old


def _unless_repeated(session: Session, plan: RowPlan, reviewer: str) -> RowPlan:
    """The plan, or a no-op when this file's earlier import already asked for the same.

    An added row whose record exists (same document and values, added by hand) is not added
    again; a decision this reviewer already made and that waits for a second reviewer is not
    made again (unless the protocol no longer asks for one: then it applies).
    """
    if plan.action == "add":
        query = select(OutcomeRecord).join(Document).where(
            Document.file_name == plan.document, OutcomeRecord.rule == "manual"
        )
        same = any(record_values(r) == plan.values for r in session.exec(query).all())
        return dataclasses.replace(plan, action=None) if same else plan
    if plan.action is None or plan.record_id is None:
        return plan
    mine = open_decisions(record_events(session, plan.record_id)).get(reviewer)
    if mine is not None and not needs_two(session, plan.record_id):
        return plan  # it waits no longer: one reviewer suffices now, so it is made again
    wanted = plan.values if plan.action == "edit" else {}
    if mine is not None and mine.action == plan.action and all(
        _same(v, mine.values.get(k)) for k, v in wanted.items()
    ):
        return dataclasses.replace(plan, action=None)
    return plan


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
