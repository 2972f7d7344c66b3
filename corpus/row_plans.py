"""What each row of a reviewer's spreadsheet asks for, checked against the database.

A row names a record by ``id``, the ``version`` it had at export and its ``document``, and
matches the record only when all three agree. A changed cell asks for an ``edit``, a
``status`` of ``accepted`` or ``rejected`` for an ``accept`` or ``reject``, and a row without
an ``id`` but with a ``document`` for a record added by hand. Every row is checked before any
is applied, and every bad row is named: a row whose record changed since the export is stale,
since applying it would silently undo someone else's change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from corpus.curation import known_outcomes, proposed_values
from corpus.errors import InvalidEdit, StaleRecord
from corpus.models import Document, OutcomeRecord
from corpus.record_versions import record_values
from corpus.repeated_imports import imported_before
from corpus.sheet_values import parse_row, same_value
from corpus.validation import check_record
from corpus.vocabulary import EDITABLE_FIELDS

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


def plan_rows(
    session: Session, rows: list[dict[str, str]], name: str, reviewer: str | None = None
) -> list[RowPlan]:
    """Check every row against the database and return what each asks for.

    A row whose record ``reviewer`` already decided from the row's exported version was
    applied by an earlier import of this file: it is unchanged, not stale.

    Parameters
    ----------
    session : Session
        A session on the database the file was exported from.
    rows : list of dict
        The file's rows (:func:`corpus.sheet_reading.read_rows`).
    name : str
        The file's name, for the messages.
    reviewer : str, optional
        Who imports the file.

    Returns
    -------
    list of RowPlan
        One plan per row, in file order.

    Raises
    ------
    InvalidEdit
        Invalid cells or rows, every one listed.
    StaleRecord
        Rows whose record changed since the export, every one listed.
    """
    problems: list[str] = []
    parsed, bad = [], set()
    for line, row in enumerate(rows, start=2):
        before = len(problems)
        parsed.append(parse_row(line, row, problems))
        if len(problems) > before:
            bad.add(line)  # reported; not checked further
    ids = [p[0] for p in parsed if p[0] is not None]
    _fail(InvalidEdit, name, _duplicates(parsed))
    query = select(OutcomeRecord).where(OutcomeRecord.id.in_(ids))
    records = {r.id: r for r in session.exec(query)}
    imported = imported_before(session, parsed, reviewer)
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
    changes = {k: v for k, v in values.items() if not same_value(v, getattr(rec, k))}
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
