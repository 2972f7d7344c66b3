"""Reporting inconsistencies a careful reviewer would query, found among a document's records.

Four checks over the extracted records, one over the per-case table:

``percent_mismatch``
    A stated percentage that is not ``events/total`` rounded to the precision it is written
    with (``12 (30)`` of 41 is 29.3%; ``one patient (16%)`` of 6 is 16.7%).
``implied_total``
    A whole-cohort percentage whose implied denominator is close to, but not, the cohort size
    (``27 (67.5%)`` implies 40 patients in a cohort of 41). Larger differences are usually
    declared subsets (patients with imaging) and are not flagged.
``conflicting_values``
    The same outcome (measure, group, time point, comparison) stated twice with different
    numbers (abstract 70% vs results 79%).
``subgroup_sum``
    Subgroup counts whose denominators add up to the whole cohort's but whose events do not.
``range_vs_patients``
    A stated survival range outside the survival times of the per-case table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.model import ConsistencyFlag, ExtractedRecord, PatientRowData, StudyInfo

#: Relative tolerance for medians, means and ratios stated twice (rounding of one digit).
RELATIVE_TOLERANCE = 0.01
#: Larger implied denominators are not searched (a case series is not a registry of millions).
MAX_IMPLIED_TOTAL = 100_000
#: Implied denominators at most this share of the cohort away (at least 1) are flagged.
IMPLIED_TOTAL_SHARE = 0.05
_OS_COLUMN = re.compile(r"^(?:OS|overall survival|total survival|survival)\b", re.I)


def consistency_flags(records: Sequence[ExtractedRecord], study: StudyInfo,
                      patient_rows: Sequence[PatientRowData] = ()) -> list[ConsistencyFlag]:
    """Return the inconsistencies among one document's records (see the module docstring)."""
    flags = percent_mismatches(records)
    flags += implied_totals(records, study.n_patients)
    flags += conflicting_values(records)
    flags += subgroup_sums(records)
    flags += ranges_vs_patients(records, patient_rows)
    return flags


def percent_tolerance(value: float) -> float:
    """Half a unit of the last digit the percentage is written with (``67.5`` -> 0.0005)."""
    text = f"{value * 100:.4f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** (-decimals) / 100 + 1e-9


def rounds_to(events: int, total: int, value: float) -> bool:
    """True when ``events/total`` written with the precision of ``value`` gives ``value``."""
    return total > 0 and abs(events / total - value) <= percent_tolerance(value)


def percent_mismatches(records: Sequence[ExtractedRecord]) -> list[ConsistencyFlag]:
    """Stated percentages that are not their own ``events/total``; one flag per quote."""
    by_quote: dict[str, list[str]] = {}
    pages: dict[str, int | None] = {}
    for record in records:
        if record.measure != "proportion" or not _has_count(record) or record.value is None:
            continue
        if rounds_to(record.events, record.total, record.value):
            continue
        implied = _implied_total(record.events, record.value)
        note = f"; {_pct(record.value)} implies N = {implied}" if implied else ""
        by_quote.setdefault(record.quote, []).append(
            f"{_label(record)}: {record.events}/{record.total} = "
            f"{_pct(record.events / record.total, 1)}, reported as {_pct(record.value)}{note}"
        )
        pages.setdefault(record.quote, record.page)
    return [ConsistencyFlag("percent_mismatch", "; ".join(dict.fromkeys(parts)), quote,
                            pages[quote]) for quote, parts in by_quote.items()]


def implied_totals(records: Sequence[ExtractedRecord], cohort: int | None
                   ) -> list[ConsistencyFlag]:
    """Whole-cohort percentages whose implied N is a little off the cohort size."""
    if not cohort:
        return []
    flags = []
    for record in records:
        if record.group.lower() != "all" or record.measure != "proportion":
            continue
        if record.events is None or record.value is None or not 0 < record.value < 1:
            continue
        if record.total == cohort or rounds_to(record.events, cohort, record.value):
            continue
        implied = _implied_total(record.events, record.value, near=cohort)
        if implied and 0 < abs(implied - cohort) <= max(1, round(IMPLIED_TOTAL_SHARE * cohort)):
            flags.append(ConsistencyFlag(
                "implied_total",
                f"{_label(record)}: {record.events} reported as {_pct(record.value)} implies "
                f"N = {implied}, cohort is {cohort}",
                record.quote, record.page,
            ))
    return flags


def conflicting_values(records: Sequence[ExtractedRecord]) -> list[ConsistencyFlag]:
    """The same outcome stated with different numbers; one flag per outcome key.

    Records that agree (within rounding) form one statement; a key with two or more
    statements is flagged, quoting the first record of each.
    """
    keyed: dict[tuple, list[ExtractedRecord]] = {}
    for record in records:
        keyed.setdefault(_key(record), []).append(record)
    flags = []
    for same in keyed.values():
        statements: list[ExtractedRecord] = []
        for record in same:
            if not any(_agree(record, stated) for stated in statements):
                statements.append(record)
        if len(statements) < 2:
            continue
        numbers = [_numbers(r) for r in statements]
        stated = ", ".join(numbers[:-1]) + f" and as {numbers[-1]}"
        flags.append(ConsistencyFlag(
            "conflicting_values", f"{_label(statements[0])} stated as {stated}",
            " | ".join(dict.fromkeys(r.quote for r in statements)), statements[0].page,
        ))
    return flags


def subgroup_sums(records: Sequence[ExtractedRecord]) -> list[ConsistencyFlag]:
    """Runs of subgroup counts that partition the cohort's denominator but not its events."""
    flags = []
    for whole in [r for r in records if r.group.lower() == "all" and _has_count(r)
                  and r.measure == "proportion"]:
        parts = [r for r in records if r.group.lower() != "all" and _has_count(r)
                 and _key(r)[:2] == _key(whole)[:2] and _key(r)[3:] == _key(whole)[3:]]
        for window in _inconsistent_runs(parts, whole):
            events = sum(r.events for r in window)
            groups = ", ".join(f"{r.group} {r.events}/{r.total}" for r in window)
            flags.append(ConsistencyFlag(
                "subgroup_sum",
                f"{_label(whole)}: subgroups {groups} add up to {events}/{whole.total}, "
                f"the whole cohort has {whole.events}/{whole.total}",
                " | ".join(dict.fromkeys(r.quote for r in window)), window[0].page,
            ))
    return flags


def ranges_vs_patients(records: Sequence[ExtractedRecord], rows: Sequence[PatientRowData]
                       ) -> list[ConsistencyFlag]:
    """Survival ranges outside the survival times listed patient by patient."""
    times = [_months(value) for row in rows for name, value in row.columns.items()
             if _OS_COLUMN.match(name or "")]
    times = [time for time in times if time is not None]
    if len(times) < 2:
        return []
    flags = []
    for record in records:
        if record.outcome != "overall_survival" or record.range_high is None:
            continue
        low, high = min(times), max(times)
        if record.range_high > high or (record.range_low is not None and record.range_low < low):
            flags.append(ConsistencyFlag(
                "range_vs_patients",
                f"overall survival range {_fmt(record.range_low)}–{record.range_high:g} months, "
                f"per-case table gives {low:g}–{high:g}",
                record.quote, record.page,
            ))
    return flags


def _inconsistent_runs(parts: Sequence[ExtractedRecord], whole: ExtractedRecord
                       ) -> list[list[ExtractedRecord]]:
    """Consecutive runs of subgroups (as the paper lists them) whose totals sum to the whole
    cohort's total but whose events do not sum to its events.

    A run that overlaps a run whose events do add up is a coincidence, not a partition.
    """
    runs = []
    for start in range(len(parts)):
        for end in range(start + 2, len(parts) + 1):
            window = list(parts[start:end])
            if len({r.group.lower() for r in window}) < len(window):
                break
            if sum(r.total for r in window) == whole.total:
                runs.append((start, end, window))
    good = [(s, e) for s, e, w in runs if sum(r.events for r in w) == whole.events]
    return [w for s, e, w in runs
            if (s, e) not in good and not any(s < ge and gs < e for gs, ge in good)]


def _key(record: ExtractedRecord) -> tuple:
    return (record.outcome, record.measure, " ".join(record.group.lower().split()),
            record.timepoint_months, (record.comparison or "").lower())


def _agree(first: ExtractedRecord, second: ExtractedRecord) -> bool:
    """Same numbers: values within rounding (or 1% relative), else identical counts."""
    if first.value is not None and second.value is not None:
        difference = abs(first.value - second.value)
        if first.measure in ("proportion", "rate_at_time"):
            # both may be rounded: allow the sum of their rounding errors
            return difference <= percent_tolerance(first.value) + percent_tolerance(second.value)
        return difference <= RELATIVE_TOLERANCE * max(abs(first.value), abs(second.value))
    if _has_count(first) and _has_count(second):
        return (first.events, first.total) == (second.events, second.total)
    return True


def _has_count(record: ExtractedRecord) -> bool:
    return record.events is not None and bool(record.total)


def _implied_total(events: int, value: float, near: int | None = None) -> int | None:
    """The denominator that ``events`` at the written ``value`` implies (nearest to ``near``)."""
    if value <= 0 or events < 0 or events / value > MAX_IMPLIED_TOTAL:
        return None
    guess = round(events / value)
    # every N whose events/N rounds to value lies within the rounding band around the guess
    low = max(events, 1, int(events / (value + percent_tolerance(value))))
    high = int(events / max(value - percent_tolerance(value), 1e-9)) + 1
    candidates = [n for n in range(low, min(high, MAX_IMPLIED_TOTAL) + 1)
                  if rounds_to(events, n, value)]
    if not candidates:
        return None
    return min(candidates, key=lambda n: abs(n - (near or guess)))


def _label(record: ExtractedRecord) -> str:
    where = "" if record.group.lower() == "all" else f" ({record.group})"
    when = "" if record.timepoint_months is None else f" at {record.timepoint_months:g} months"
    return f"{record.outcome}{where}{when}"


def _numbers(record: ExtractedRecord) -> str:
    value = "" if record.value is None else (
        _pct(record.value) if record.measure in ("proportion", "rate_at_time")
        else f"{record.value:g}")
    count = f"{record.events}/{record.total}" if _has_count(record) else ""
    return " ".join(part for part in (value, f"({count})" if count and value else count) if part)


def _pct(value: float, digits: int | None = None) -> str:
    if digits is None:
        return f"{value * 100:.4f}".rstrip("0").rstrip(".") + "%"
    return f"{value * 100:.{digits}f}%"


def _fmt(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def _months(value: str | None) -> float | None:
    match = re.match(r"^\s*(\d+(?:\.\d+)?)\s*$", value or "")
    return float(match.group(1)) if match else None
