"""Candidate to provenance: how extraction came by each number of a record.

:func:`candidate_to_record` knows what the quote gave it (the candidate's count, total,
percentage and value) and what it filled in (a total from the cohort or a group's size, events
from a percentage of that total, a proportion from events and total); a time point is stated
only when the quote itself prints it, else it came from the document around the quote. Nothing
here is marked stated that the finding did not state. A record counted from the rows of a
per-case table (:func:`counted_provenance`) states none of its counts: the paper prints one
row per patient, not the count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from extract.model import ExtractedRecord, Provenance
from extract.rules.findings import PERIOPERATIVE, Candidate
from extract.rules.timepoints import text_to_timepoints

STATED = Provenance("stated")

#: A sentence that dates its finding by pointing back: "at the same time points", "during this
#: phase".
_POINTS_BACK = re.compile(r"\b(?:the\s+same|this|that|these|those)\s+(?:time\s*points?|phase|"
                          r"period|stay|times?|intervals?)\b", re.IGNORECASE)


def timepoint_in_quote(months: float, quote: str) -> bool:
    """Whether ``quote`` prints the time point ``months`` (a time of 0 also as a
    perioperative word such as "in-hospital" or "during the procedure")."""
    stated = {m for tp in text_to_timepoints(quote) for m in tp.months}
    return any(abs(m - months) < 1e-6 for m in stated) or (
        months == 0 and bool(PERIOPERATIVE.search(quote)))


def candidate_provenance(c: Candidate, record: ExtractedRecord, cohort: int | None
                         ) -> dict[str, Provenance]:
    """Provenance of every field ``record`` (made from ``c``) has.

    ``cohort`` is the size :func:`candidate_to_record` used when the finding gave no total:
    the group's stated size or the study's cohort.
    """
    out: dict[str, Provenance] = {}
    if record.total is not None:
        out["total"] = _total(c, record, cohort)
    if record.events is not None:
        out["events"] = _events(c, record)
    if record.value is not None:
        out["value"] = _value(c, record)
    for name in ("ci_low", "ci_high"):
        if getattr(record, name) is not None:
            number = getattr(record, name)
            out[name] = (_converted(record.measure, number, c.quote)
                         or _complemented(record.measure, number, c.quote) or STATED)
    if record.timepoint_months is not None:
        out["timepoint_months"] = _timepoint(c, record.timepoint_months)
    return out


def _percent(value: float) -> str:
    return f"{100 * value:.4g}%"


def _size_source(c: Candidate) -> str:
    if c.group_n is None:
        return "the cohort size of the study"
    if c.rule.startswith("table"):
        return "the group size in the table header"
    return "the group size stated elsewhere in the paper"


def _total(c: Candidate, record: ExtractedRecord, cohort: int | None) -> Provenance:
    if c.rule == "sum_of_groups":
        # the arms make the cohort, or the set the paper says it compared (fewer, at times)
        return Provenance("defaulted", "the sum of the arms' sizes")
    if c.total is not None:
        return STATED
    if record.total == cohort:
        return Provenance("defaulted", _size_source(c))
    if c.percent is not None and c.count is not None:
        return Provenance("derived", f"from {c.count} events and {_percent(c.percent)}")
    return Provenance("defaulted", "the document's context")


def _events(c: Candidate, record: ExtractedRecord) -> Provenance:
    if c.basis == "complement" and c.count is not None:
        return Provenance("derived", f"from {record.total} minus {c.count} without it")
    if c.basis == "negated":
        return Provenance("derived", "none reported: 0 of the total")
    if c.basis == "universal":
        return Provenance("derived", "all reported: every one of the total")
    if c.rule == "sum_of_groups":
        return Provenance("derived", "the sum of the groups' counts")
    if c.count is not None:
        return STATED
    if c.percent is not None:
        return Provenance("derived", f"from {_percent(c.percent)} of {record.total}")
    return Provenance("defaulted", "the document's context")


def _value(c: Candidate, record: ExtractedRecord) -> Provenance:
    if record.measure != "proportion":
        if c.value is None and c.percent is None:
            return Provenance("defaulted", "the document's context")
        return _converted(record.measure, record.value, c.quote) or STATED
    if c.percent is not None and abs(c.percent - record.value) < 1e-9:
        return _complemented(record.measure, record.value, c.quote) or STATED
    return Provenance("derived", f"from {record.events}/{record.total}")


#: Measures whose values are durations, stored in months whatever unit the paper used.
_DURATIONS = ("median", "mean")


def _converted(measure: str, number: float, quote: str) -> Provenance | None:
    """A duration the quote gives in another unit (``159 days`` stored as 5.22 months)."""
    if measure not in _DURATIONS:
        return None
    shown = {f"{number:g}", *(f"{number:.{d}f}" for d in (0, 1, 2))}
    if any(re.search(rf"(?<![\d.]){re.escape(text)}(?!\d|\.\d)", quote) for text in shown):
        return None
    return Provenance("derived", "converted to months from the unit the quote uses")


def _prints_percent(share: float, quote: str) -> bool:
    shown = {f"{100 * share:g}", *(f"{100 * share:.{d}f}" for d in (0, 1, 2))}
    return any(re.search(rf"(?<![\d.]){re.escape(text)}\s*(?:%|per\s?cent)", quote,
                         re.IGNORECASE) for text in shown)


def _complemented(measure: str, share: float, quote: str) -> Provenance | None:
    """A share of patients *with* an outcome that the quote gives as the share *free* of it
    ("freedom from reintervention 88%" is reintervention 12%)."""
    if measure != "proportion" or _prints_percent(share, quote):
        return None
    if _prints_percent(round(1 - share, 6), quote):
        return Provenance("derived", f"from the {100 * (1 - share):.4g}% free of it")
    return None


def _timepoint(c: Candidate, months: float) -> Provenance:
    if timepoint_in_quote(months, c.quote):
        return STATED
    if c.rule.startswith("table") or c.section == "table":
        return Provenance("defaulted", "the table's caption or header")
    if _POINTS_BACK.search(c.quote):
        return Provenance("defaulted", "the sentence before")
    if c.outcome == "mortality":
        return Provenance("defaulted", "the mortality window or assessment time the paper "
                                       "states elsewhere")
    return Provenance("defaulted", "the document's context")


def counted_provenance(records: Iterable[ExtractedRecord]) -> list[ExtractedRecord]:
    """Records counted from per-case table rows, each with its provenance: events and total
    derived from the rows, the time point stated only where the quote prints it."""
    out = []
    for record in records:
        counted = {}
        if record.events is not None:
            counted["events"] = Provenance("derived", "counted in the per-case table's rows")
        if record.total is not None:
            counted["total"] = Provenance("derived", "the rows of the per-case table")
        if record.value is not None:
            counted["value"] = Provenance("derived", f"from {record.events}/{record.total}")
        months = record.timepoint_months
        if months is not None:
            counted["timepoint_months"] = STATED if timepoint_in_quote(months, record.quote) else (
                Provenance("defaulted", "the per-case table's column header"))
        out.append(replace(record, provenance={**counted, **record.provenance}))
    return out
