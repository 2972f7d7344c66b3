"""Individual patient data: per-case table rows, and exact counts from their outcome columns.

Every row of a per-case table is kept as a :class:`~extract.model.PatientRowData`. Columns
that record an outcome for each patient give exact counts (``R0 resection: Yes`` in 4 of 4,
``Resection margin: Negative`` in 4 of 6, ``Outcome (GOS): D`` in 1 of 5). Tables of the same
patients (same case numbers, no group in the caption) are read together; tables of different
groups (``Summary of patients in group A`` / ``group B``) give one record per group and, when
every group reports the outcome, one for the whole cohort.

A count is only made when every patient of the group has a value in the column and every
value is understood; otherwise the column is left to the reviewer. Its quote is the table's
header row as printed (the count itself is the record's), its ``context`` the caption and the
column counted; no sentence is composed.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import ExtractedRecord, Page, PatientRowData
from extract.tables.case_tables import CaseTable, pages_to_case_tables
from extract.tables.patient_columns import OUTCOME_COLUMNS, OutcomeColumn


def pages_to_patient_rows(pages: Sequence[Page]
                          ) -> tuple[list[PatientRowData], list[ExtractedRecord]]:
    """Keep every per-case table row and count the outcome columns.

    Returns
    -------
    rows : list of PatientRowData
        One per patient row and table (a group from the caption is kept as column ``group``).
    records : list of ExtractedRecord
        Exact counts, rule names ``patient_table:<column kind>``.
    """
    tables = pages_to_case_tables(pages)
    rows = [row for table in tables for row in table_to_patient_rows(table)]
    return rows, tables_to_records(tables)


def table_to_patient_rows(table: CaseTable) -> list[PatientRowData]:
    """One :class:`PatientRowData` per body row, columns keyed by header name."""
    rows = []
    for label, cells in table.rows:
        columns = {name or f"column {i + 1}": cell for i, (name, cell)
                   in enumerate(zip(table.header, cells, strict=False)) if i > 0}
        if table.group and "group" not in columns:
            columns["group"] = table.group
        rows.append(PatientRowData(label, columns, table.page))
    return rows


def tables_to_records(tables: Sequence[CaseTable]) -> list[ExtractedRecord]:
    """Counts per group (or for the whole cohort when the tables name no group)."""
    groups: dict[str | None, list[CaseTable]] = {}
    for table in tables:
        groups.setdefault(table.group, []).append(table)
    for group, group_tables in groups.items():
        # Tables of one group describe the same patients; a smaller one (details of the
        # patients who recurred) is a subset whose counts are not the group's.
        largest = max(len(table.rows) for table in group_tables)
        groups[group] = [table for table in group_tables if len(table.rows) == largest]
    per_group = {group: _group_records(group_tables, group or "all")
                 for group, group_tables in groups.items()}
    records = [record for found in per_group.values() for record in found]
    if None not in groups and len(groups) > 1:
        records.extend(_pooled(list(per_group.values())))
    return records


def _group_records(tables: Sequence[CaseTable], group: str) -> list[ExtractedRecord]:
    records: dict[str, ExtractedRecord] = {}
    for spec in OUTCOME_COLUMNS:
        if spec.outcome in records:
            continue
        for table in tables:
            record = _column_record(table, spec, group)
            if record:
                records[spec.outcome] = record
                break
    return list(records.values())


def _column_record(table: CaseTable, spec: OutcomeColumn, group: str) -> ExtractedRecord | None:
    column = next((i for i, name in enumerate(table.header) if i > 0 and name
                   and spec.header.search(name)), None)
    if column is None:
        return None
    values = [cells[column] if column < len(cells) else None for _, cells in table.rows]
    if any(value is None for value in values):
        return None
    events = [spec.event(value) for value in values if value is not None]
    if any(event is None for event in events):
        return None
    count, total = sum(bool(event) for event in events), len(events)
    if spec.skip_zero and count == 0:
        return None
    return ExtractedRecord(
        outcome=spec.outcome, measure="proportion", group=group, events=count, total=total,
        value=round(count / total, 4), timepoint_months=spec.timepoint_months, page=table.page,
        quote=table.printed_header or table.header_line(), rule=spec.rule,
        context=" | ".join(filter(None, (table.caption, table.header[column]))),
    )


def _pooled(groups: Sequence[Sequence[ExtractedRecord]]) -> list[ExtractedRecord]:
    """Whole-cohort counts when every group table reports the same outcome."""
    pooled = []
    for record in groups[0]:
        same = [next((r for r in found if r.outcome == record.outcome), None) for found in groups]
        if any(r is None for r in same):
            continue
        events = sum(r.events or 0 for r in same if r)
        total = sum(r.total or 0 for r in same if r)
        quote = " ... ".join(dict.fromkeys(r.quote for r in same if r))
        context = " ... ".join(dict.fromkeys(r.context for r in same if r and r.context))
        pooled.append(ExtractedRecord(
            outcome=record.outcome, measure="proportion", group="all", events=events,
            total=total, value=round(events / total, 4), timepoint_months=record.timepoint_months,
            page=record.page, quote=quote, rule=f"{record.rule}:pooled", context=context or None,
        ))
    return pooled
