"""Individual patient data: per-case table rows, and exact counts from their outcome columns.

Every row of a per-case table is kept as a :class:`~extract.model.PatientRowData`. Columns
that record an outcome for each patient give exact counts (``R0 resection: Yes`` in 4 of 4,
``Resection margin: Negative`` in 4 of 6, ``Outcome (GOS): D`` in 1 of 5). Tables of the same
patients (same case numbers, no group in the caption) are read together; tables of different
groups (``Summary of patients in group A`` / ``group B``) give one record per group and, when
every group reports the outcome, one for the whole cohort.

A count is only made when every patient of the group has a value in the column and every
value is understood; otherwise the column is left to the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from extract.case_tables import CaseTable, pages_to_case_tables
from extract.model import ExtractedRecord, Page, PatientRowData

_NO = re.compile(r"^\W*(?:no|none|nil|absent|negative for recurrence|−|-|–|—|0|n)\W*$", re.I)
_YES = re.compile(r"^\W*(?:yes|y|present|\+)\W*$", re.I)
_DEAD = re.compile(r"^\W*(?:d|dead|died|deceased|death|dod|doc|dwd|dood|expired|†)\b", re.I)
_ALIVE = re.compile(
    r"^\W*(?:a|alive|living|awd|ned|ced|nedf|a(?:live)?\s*(?:with|without)\b.*|g|gr|md|sd|v|vs|"
    r"pvs|good|well|recovered|survived|discharged)\W*$",
    re.I,
)
_R0 = re.compile(r"^\W*(?:r0|negative|free|clear|clean|complete|uninvolved)\W*$", re.I)
_NOT_R0 = re.compile(r"^\W*(?:r[12]|positive|involved|close|incomplete|microscopic|macroscopic)"
                     r"\W*$", re.I)
_UNKNOWN = re.compile(r"^\W*(?:na|n/a|nr|nd|unknown|not (?:available|reported|known|done)|\?)\W*$",
                      re.I)


@dataclass(frozen=True)
class OutcomeColumn:
    """How to read one outcome from a column: header pattern and per-value classifier."""

    rule: str
    outcome: str
    header: re.Pattern[str]
    event: Callable[[str], bool | None]
    timepoint_months: float | None = None


def _absent_or_yes(value: str) -> bool | None:
    """An event is any named finding; ``No``/``None`` is its absence."""
    if _UNKNOWN.match(value):
        return None
    if _NO.match(value):
        return False
    return True


def _yes_no(value: str) -> bool | None:
    if _YES.match(value):
        return True
    return False if _NO.match(value) else None


def _dead(value: str) -> bool | None:
    if _DEAD.match(value):
        return True
    return False if _ALIVE.match(value) else None


def _margin_r0(value: str) -> bool | None:
    if _R0.match(value):
        return True
    return False if _NOT_R0.match(value) else None


_TIME = r"(?!.*\b(?:time|interval|months?|days?|treatment|site|free|survival|period)\b)"
OUTCOME_COLUMNS = (
    OutcomeColumn("patient_table:r0", "r0_resection", re.compile(r"^\W*R0\b", re.I), _yes_no),
    OutcomeColumn("patient_table:margin", "r0_resection",
                  re.compile(r"^(?:resection\s+|surgical\s+)?margins?\b(?!.*\b(?:mm|cm)\b)", re.I),
                  _margin_r0),
    OutcomeColumn("patient_table:local_recurrence", "recurrence_local",
                  re.compile(rf"^{_TIME}local(?:\s+|-)(?:recurrence|relapse)", re.I),
                  _absent_or_yes),
    OutcomeColumn("patient_table:distant_recurrence", "recurrence_distant",
                  re.compile(rf"^{_TIME}(?:distant|systemic)\s+(?:recurrence|relapse|metastas[ie]s)",
                             re.I), _absent_or_yes),
    OutcomeColumn("patient_table:recurrence", "recurrence_any",
                  re.compile(rf"^{_TIME}(?:recurrence|relapse)\W*$", re.I), _absent_or_yes),
    OutcomeColumn("patient_table:complication", "complications_any",
                  re.compile(r"^(?:post-?operative\s+)?(?:complications?|morbidity|adverse events?|"
                             r"postoperative course)\W*$", re.I), _absent_or_yes),
    # An outcome assessed at one point for every patient (at discharge, GOS at assessment).
    # A "Status" or "Current status" column is each patient's state at their own last
    # follow-up: kept in the patient rows for survival analyses, not counted as a proportion.
    OutcomeColumn("patient_table:outcome_at_discharge", "mortality",
                  re.compile(r"^(?:outcome|status|vital status)\s*(?:at|on)\s*discharge\W*$|"
                             r"^discharge\s+(?:status|outcome)\W*$", re.I), _dead, 0.0),
    OutcomeColumn("patient_table:outcome", "mortality",
                  re.compile(r"^(?:final\s+|functional\s+|clinical\s+)?outcome\s*(?:\((?:GOS|"
                             r"Glasgow Outcome Scale)\))?\W*$|^GOS\W*$", re.I), _dead),
)


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
    summary = (f"{table.header[column]}: {count} of {total} patients"
               f"{' in ' + group if group != 'all' else ''}")
    label = table.caption or "per-case table"
    return ExtractedRecord(
        outcome=spec.outcome, measure="proportion", group=group, events=count, total=total,
        value=round(count / total, 4), timepoint_months=spec.timepoint_months, page=table.page,
        quote=f"{label}: {table.header_line()} — {summary}", rule=spec.rule,
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
        quote = "; ".join(r.quote for r in same if r)
        pooled.append(ExtractedRecord(
            outcome=record.outcome, measure="proportion", group="all", events=events,
            total=total, value=round(events / total, 4), timepoint_months=record.timepoint_months,
            page=record.page, quote=quote, rule=f"{record.rule}:pooled",
        ))
    return pooled
