"""Where each number of a record comes from: stated in its quote, derived, or defaulted.

Read from the record itself, so it can never claim more than the quote shows: a number is
*stated* only when the quote prints it (digits, a percentage, or a number word such as
"eighteen"); *derived* when it follows from numbers the quote prints (a total from events and a
percentage, a proportion from events and total); *defaulted* when neither holds, as for a time
point or a cohort size taken from the document's context. A record a reviewer added is
*entered* by the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corpus.vocabulary import UNIT_INTERVAL_MEASURES

#: Provenance kinds, from the strongest claim to the weakest.
KINDS = ("stated", "derived", "defaulted", "entered")

#: Fields whose provenance is tracked.
NUMBER_FIELDS = ("events", "total", "value", "ci_low", "ci_high", "timepoint_months")


@dataclass(frozen=True)
class FieldProvenance:
    """One field's provenance and, unless stated, where it came from."""

    field: str
    kind: str
    source: str = ""

    def text(self) -> str:
        """``total derived (from 10 events and 23.3%)``."""
        name = "time point" if self.field == "timepoint_months" else self.field
        return f"{name} {self.kind}" + (f" ({self.source})" if self.source else "")


def record_provenance(record: Mapping[str, Any]) -> dict[str, FieldProvenance]:
    """Provenance of each number a record has (``None`` fields are left out)."""
    quote = record.get("quote") or ""
    out = {}
    for name in NUMBER_FIELDS:
        if record.get(name) is None:
            continue
        if record.get("rule") == "manual":
            out[name] = FieldProvenance(name, "entered", "added by a reviewer")
        elif _stated(name, record, quote):
            out[name] = FieldProvenance(name, "stated")
        else:
            out[name] = _derived(name, record, quote) or FieldProvenance(
                name, "defaulted", "not in the quote: from the document's context"
            )
    return out


def _stated(name: str, record: Mapping[str, Any], quote: str) -> bool:
    from extract.rules.findings import PERIOPERATIVE
    from extract.rules.timepoints import text_to_timepoints

    number = record[name]
    if name == "timepoint_months":
        stated = {m for tp in text_to_timepoints(quote) for m in tp.months}
        return any(abs(m - number) < 1e-6 for m in stated) or (
            number == 0 and bool(PERIOPERATIVE.search(quote))
        )
    if name in ("events", "total"):
        return int(number) in _integers(quote)
    return _printed(number, record.get("measure"), quote)


def _integers(quote: str) -> set[int]:
    """Whole numbers the quote prints, as digits or words."""
    from extract.rules.numbers import parse_number

    numbers = {int(m) for m in re.findall(r"(?<![\d.])\d+(?![\d]|\.\d)", quote)}
    for word in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)?", quote):
        value = parse_number(word)
        if value is not None and value == int(value):
            numbers.add(int(value))
    return numbers


def _printed(number: float, measure: str | None, quote: str) -> bool:
    """Whether a value or CI bound is printed (a proportion also as a percentage)."""
    from corpus.review_queue import number_spans

    return bool(number_spans(quote, {"measure": measure, "value": number}))


def _derived(name: str, record: Mapping[str, Any], quote: str) -> FieldProvenance | None:
    events, total, value = record.get("events"), record.get("total"), record.get("value")
    percent = record.get("measure") in UNIT_INTERVAL_MEASURES
    shown = f"{100 * value:.4g}%" if percent and value is not None else f"{value}"
    stated_counts = _integers(quote)
    if name == "value" and events in stated_counts and total in stated_counts and total:
        return FieldProvenance(name, "derived", f"from {events}/{total}")
    if name == "total" and events is not None and value and _printed(value, "proportion", quote):
        return FieldProvenance(name, "derived", f"from {events} events and {shown}")
    if name == "events" and total is not None and value is not None and _printed(
        value, "proportion", quote
    ):
        return FieldProvenance(name, "derived", f"from {shown} of {total}")
    return None


def provenance_text(record: Mapping[str, Any]) -> str:
    """One line for a review card or a spreadsheet: the fields that are not stated.

    ``all stated`` when the quote prints every number of the record.
    """
    weaker = [p.text() for p in record_provenance(record).values() if p.kind != "stated"]
    return "; ".join(weaker) if weaker else "all stated"


def provenance_counts(records: list[Mapping[str, Any]]) -> dict[str, int]:
    """How many number fields of ``records`` are of each kind."""
    counts = dict.fromkeys(KINDS, 0)
    for record in records:
        for item in record_provenance(record).values():
            counts[item.kind] += 1
    return counts
