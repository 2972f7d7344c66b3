"""What ``records``, ``studies``, ``conflicts`` and ``history`` list, as rows for JSON or CSV.

Each ``*_rows`` function turns the library's own views into plain dicts with fixed field
names; :func:`rows_to_text` renders any of them. Study rows follow ``spec/records.md``
("Study-level fields"), so ``casemeta studies --format json`` is what ``score_studies.py``
reads and ``--format csv`` is the "characteristics of included studies" table of a review.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from corpus.csv_cells import csv_text
from corpus.errors import InvalidOption

#: Formats every listing takes; ``table`` is drawn by the command line.
LIST_FORMATS = ("table", "json", "csv")

#: Columns of ``studies --format json|csv`` (``spec/records.md``).
STUDY_FIELDS = (
    "document", "document_type", "status", "title", "first_author", "year", "doi", "design",
    "n_patients", "n_procedures", "median_follow_up_months", "mean_follow_up_months", "flags",
)  # fmt: skip

#: Columns of ``conflicts --format json|csv``: one row per reviewer's open decision (on a
#: record, or with ``record_id`` empty on a document's selection). ``state`` is ``conflict``,
#: or with ``--reviewer`` ``owed`` / ``awaiting`` (:mod:`corpus.waiting_records`);
#: ``provenance`` says where each value shown comes from.
CONFLICT_FIELDS = (
    "record_id", "document", "outcome", "measure", "group", "reviewer", "decision", "values",
    "note", "state", "provenance",
)  # fmt: skip

#: Columns of ``history --format json|csv``: one row per event, oldest first; ``reviewers``
#: is how many reviewers the record needed when a decision was made (empty otherwise) and
#: ``provenance`` where each changed value came from (for the extraction, every value).
HISTORY_FIELDS = (
    "record_id", "at", "reviewer", "action", "applied", "changes", "note", "reviewers",
    "standing", "reviewers_inferred", "provenance",
)  # fmt: skip

#: How lists are joined in a CSV cell (``spec/records.md``: flags joined by `` | ``).
CSV_JOIN = " | "


def check_format(fmt: str) -> None:
    """Refuse a format other than :data:`LIST_FORMATS` (before the database is read).

    Raises
    ------
    InvalidOption
        ``unknown format 'xml' (expected table, json or csv)``.
    """
    if fmt not in LIST_FORMATS:
        raise InvalidOption(f"unknown format {fmt!r} (expected table, json or csv)")


def study_rows(views: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per document from :func:`corpus.queries.list_studies` (study fields null
    where unknown or for a failed ingest; ``flags`` the consistency messages)."""
    rows = []
    for view in views:
        doc, study = view.document, view.study
        row = {"document": doc.file_name, "document_type": doc.document_type,
               "status": doc.status}
        for name in STUDY_FIELDS[3:-1]:
            row[name] = getattr(study, name) if study is not None else None
        row["flags"] = [f["message"] for f in (study.flags if study is not None else [])]
        rows.append(row)
    return rows


def conflict_rows(conflicts: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per open decision of each :class:`corpus.dual_review.Conflict`; ``values``
    holds the fields the reviewers disagree on (empty for a rejection), ``provenance`` where
    each of them would come from."""
    rows = []
    for conflict in conflicts:
        fields = conflict.differing_fields()
        for decision in conflict.decisions:
            values = {} if decision.rejects else {f: decision.values[f] for f in fields}
            provenance = _provenance_of(conflict.decision_provenance(decision), values)
            rows.append({
                "record_id": conflict.record_id, "document": conflict.document,
                "outcome": conflict.values["outcome"], "measure": conflict.values["measure"],
                "group": conflict.values["group"], "reviewer": decision.reviewer,
                "decision": decision.action, "values": values, "note": decision.note,
                "state": "conflict", "provenance": provenance,
            })  # fmt: skip
    return rows


def waiting_rows(waiting: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per :class:`corpus.waiting_records.WaitingRecord`, in the columns of
    :data:`CONFLICT_FIELDS`: an ``owed`` row names no reviewer, decision or note and gives the
    provenance of the record as stored; an ``awaiting`` row is the reader's own decision."""
    rows = []
    for item in waiting:
        mine = item.mine
        values = {f: mine.values[f] for f in item.changed_fields()}
        provenance = item.mine_provenance() if mine is not None else item.provenance
        rows.append({
            "record_id": item.record_id, "document": item.document,
            "outcome": item.values["outcome"], "measure": item.values["measure"],
            "group": item.values["group"], "reviewer": mine.reviewer if mine else None,
            "decision": mine.action if mine else None, "values": values,
            "note": mine.note if mine else None, "state": item.state,
            "provenance": _provenance_of(provenance, values if mine else provenance),
        })  # fmt: skip
    return rows


def waiting_document_rows(waiting: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per :class:`corpus.waiting_records.WaitingDocument`, in the columns of
    :data:`CONFLICT_FIELDS` (``record_id`` and the record fields empty); an ``owed`` row
    names no reviewer, decision or reason."""
    return [{
        "record_id": None, "document": item.document, "outcome": None, "measure": None,
        "group": None, "reviewer": item.mine.reviewer if item.mine else None,
        "decision": item.mine.action if item.mine else None, "values": {},
        "note": item.mine.reason if item.mine else None, "state": item.state,
        "provenance": None,
    } for item in waiting]  # fmt: skip


def _provenance_of(provenance: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any] | None:
    """``{"events": {"kind": "entered", "source": "edited by bob"}}`` for ``fields``; ``None``
    when no field is shown (a rejection), so a CSV cell stays empty rather than "all stated"."""
    found = {f: provenance[f].to_dict() for f in fields if f in provenance}
    return found or None


def selection_conflict_rows(conflicts: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per open decision of each :class:`corpus.selection_review.SelectionConflict`,
    in the columns of :data:`CONFLICT_FIELDS`: ``record_id`` and the record fields empty, the
    decision ``include`` or ``exclude`` and its reason as the note."""
    return [{
        "record_id": None, "document": conflict.document, "outcome": None, "measure": None,
        "group": None, "reviewer": event.reviewer, "decision": event.action, "values": {},
        "note": event.reason, "state": "conflict", "provenance": None,
    } for conflict in conflicts for event in conflict.decisions]  # fmt: skip


def history_rows(record_id: int, entries: Iterable[Any]) -> list[dict[str, Any]]:
    """One row per :class:`corpus.history.HistoryEntry`; ``at`` in ISO 8601 (UTC) and
    ``changes`` a list of ``{"field", "before", "after"}``."""
    return [{
        "record_id": record_id, "at": entry.at.isoformat(), "reviewer": entry.reviewer,
        "action": entry.action, "applied": entry.applied,
        "changes": [{"field": c.field, "before": c.before, "after": c.after}
                    for c in entry.changes],
        "note": entry.note, "reviewers": entry.reviewers, "standing": entry.standing,
        "reviewers_inferred": entry.reviewers_inferred,
        "provenance": {name: p.to_dict() for name, p in entry.provenance.items()} or None,
    } for entry in entries]  # fmt: skip


def rows_to_text(rows: Sequence[Mapping[str, Any]], fmt: str, fields: Sequence[str]) -> str:
    """Render rows as ``json`` (a list of objects) or ``csv`` (one column per field).

    In CSV a list is joined by :data:`CSV_JOIN`, a mapping becomes ``name=value`` pairs and a
    history change ``field: before → after``.

    Raises
    ------
    InvalidOption
        For a format other than ``json`` or ``csv``.
    """
    if fmt == "json":
        return json.dumps([{f: row[f] for f in fields} for row in rows], indent=1,
                          ensure_ascii=False, default=str) + "\n"
    if fmt != "csv":
        raise InvalidOption(f"unknown format {fmt!r} (expected json or csv)")
    # csv_text is the one formula-safe CSV writer (corpus.csv_cells)
    return csv_text(fields, ({f: _field_cell(f, row[f]) for f in fields} for row in rows))


def _field_cell(name: str, value: Any) -> Any:
    if name == "provenance" and isinstance(value, Mapping):
        from corpus.provenance import provenance_line

        return provenance_line(value)  # one readable line, as the review card shows it
    return _cell(value)


def _cell(value: Any) -> Any:
    if isinstance(value, Mapping):
        if set(value) == {"field", "before", "after"}:
            return f"{value['field']}: {_cell(value['before'])} → {_cell(value['after'])}"
        return CSV_JOIN.join(f"{k}={_cell(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return CSV_JOIN.join(str(_cell(v)) for v in value)
    return "" if value is None else value
