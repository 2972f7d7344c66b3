"""Where each field of a record comes from: stated in its quote, derived, defaulted, entered.

Extraction records it as it sets each field (:mod:`extract.assembly.provenance`): a total from
the cohort size is *defaulted*, a total from events and a percentage *derived*, a count the
sentence prints *stated*. That record is stored with the record and kept as it is until a
reviewer changes a field, which makes that field *entered* by the reviewer while the other
fields keep theirs; a field set back to its extracted value gets its extracted provenance back.

Where extraction said nothing (records stored before it recorded provenance, records built
outside its stages), the provenance is read from the record itself, so it can never claim more
than the quote shows: a number is *stated* only when the quote prints it (digits, a percentage
or a number word such as "eighteen"); *derived* when it follows from numbers the quote prints;
*defaulted* otherwise. A stored *stated* is checked against the quote the same way, since a
reviewer may have changed the quote. A record a reviewer added is *entered*.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from corpus.vocabulary import EDITABLE_FIELDS, UNIT_INTERVAL_MEASURES

#: Provenance kinds, from the strongest claim to the weakest.
KINDS = ("stated", "derived", "defaulted", "entered")

#: Fields whose provenance is counted and shown for every record.
NUMBER_FIELDS = ("events", "total", "value", "ci_low", "ci_high", "timepoint_months")

#: Kinds the records table marks with :data:`WEAK_MARK`: not what the quote says.
WEAK_KINDS = ("derived", "defaulted")

#: Mark of a derived or defaulted number in the records table.
WEAK_MARK = "*"

#: Keys of an *entered* entry that remember the extraction's entry, to restore it.
_WAS, _WAS_VALUE = "was", "was_value"


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

    def to_dict(self) -> dict[str, str]:
        """``{"kind": "derived", "source": "from 10 events and 23.3%"}``."""
        return {"kind": self.kind, "source": self.source}


def record_provenance(record: Mapping[str, Any]) -> dict[str, FieldProvenance]:
    """Provenance of each number a record has (``None`` fields are left out), then of each
    other field a reviewer entered."""
    quote = record.get("quote") or ""
    stored = record.get("provenance") or {}
    out = {}
    for name in NUMBER_FIELDS:
        if record.get(name) is None:
            continue
        entry = stored.get(name) or {}
        if entry.get("kind") in KINDS and entry["kind"] != "stated":  # a stated is checked below
            out[name] = FieldProvenance(name, entry["kind"], entry.get("source", ""))
        elif record.get("rule") == "manual":
            out[name] = FieldProvenance(name, "entered", "added by a reviewer")
        elif _stated(name, record, quote):
            out[name] = FieldProvenance(name, "stated")
        else:
            out[name] = _derived(name, record, quote) or FieldProvenance(
                name, "defaulted", "not in the quote: from the document's context"
            )
    for name, entry in stored.items():
        if name not in NUMBER_FIELDS and (entry or {}).get("kind") == "entered":
            out[name] = FieldProvenance(name, "entered", entry.get("source", ""))
    return out


def edited_provenance(
    stored: Mapping[str, Any] | None,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    by: str | Mapping[str, str] = "",
) -> dict[str, Any] | None:
    """The stored provenance of a record whose fields go from ``before`` to ``after``.

    A field that changes becomes *entered* (``edited by alice``; ``by`` may name the reviewer
    per field), remembering the entry and value it had before its first edit; set back to that
    value, it gets that entry back. Unchanged fields keep their entries. ``None`` (nothing
    recorded) stays ``None`` when no field changes.
    """
    out = dict(stored or {})
    for name, value in after.items():
        if name not in EDITABLE_FIELDS or _same(before.get(name), value):
            continue
        entry = out.get(name) or {}
        entered = entry.get("kind") == "entered" and _WAS_VALUE in entry
        was, was_value = (entry.get(_WAS), entry[_WAS_VALUE]) if entered else (
            entry or None, before.get(name))
        if _same(was_value, value):
            if was is None:
                out.pop(name, None)  # nothing was recorded: read from the record again
            else:
                out[name] = was
            continue
        who = by.get(name, "") if isinstance(by, Mapping) else by
        source = f"edited by {who}" if who else "edited by a reviewer"
        out[name] = {"kind": "entered", "source": source, _WAS: was, _WAS_VALUE: was_value}
    return out if out or stored is not None else None


def decision_provenance(
    base_provenance: Mapping[str, FieldProvenance], base: Mapping[str, Any], decision: Any
) -> dict[str, FieldProvenance]:
    """The provenance a record would have if a reviewer's decision applied to ``base``.

    A field the decision changes is *entered* (``edited by bob``); the others keep
    ``base_provenance`` (a rejection changes nothing). ``decision`` is a
    :class:`corpus.decisions.Decision` (its ``values``, ``reviewer`` and ``rejects``).
    """
    out = dict(base_provenance)
    if decision.rejects:
        return out
    for name, value in decision.values.items():
        if name not in EDITABLE_FIELDS or _same(base.get(name), value):
            continue
        if value is None:  # an emptied field has no provenance, as in record_provenance
            out.pop(name, None)
        else:
            out[name] = FieldProvenance(name, "entered", f"edited by {decision.reviewer}")
    return out


def provenance_as_of(
    stored: Mapping[str, Any] | None, values: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The stored provenance a record had when its fields were ``values`` (the base a blinded
    reviewer decides from): an entered field whose value is back at its earlier one shows the
    earlier entry, so nobody learns from it who edited what."""
    if stored is None:
        return None
    out = dict(stored)
    for name, entry in stored.items():
        if (entry or {}).get("kind") == "entered" and _WAS_VALUE in entry and name in values:
            if _same(entry[_WAS_VALUE], values[name]):
                if entry.get(_WAS) is None:
                    out.pop(name)
                else:
                    out[name] = entry[_WAS]
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def _stated(name: str, record: Mapping[str, Any], quote: str) -> bool:
    from extract.assembly.provenance import timepoint_in_quote

    number = record[name]
    if name == "timepoint_months":
        return timepoint_in_quote(number, quote)
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
    """Whether a value or CI bound is printed (a proportion also as a percentage, in digits or
    in words: "sixty-three percent")."""
    from corpus.review_queue import number_spans
    from extract.rules.numbers import parse_number

    if number_spans(quote, {"measure": measure, "value": number}):
        return True
    if measure not in UNIT_INTERVAL_MEASURES:
        return False
    words = re.findall(r"\b([A-Za-z]+(?:-[A-Za-z]+)?)\s+per\s?cent\b", quote, re.IGNORECASE)
    return any(parse_number(word) == round(100 * number, 6) for word in words)


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
    return provenance_line(provenance_object(record))


def provenance_line(provenance: Mapping[str, Mapping[str, str]] | None) -> str:
    """:func:`provenance_text` of a :func:`provenance_object` (a CSV cell of ``records``)."""
    weaker = [FieldProvenance(name, p["kind"], p.get("source", "")).text()
              for name, p in (provenance or {}).items() if p["kind"] != "stated"]  # fmt: skip
    return "; ".join(weaker) if weaker else "all stated"


def provenance_counts(records: list[Mapping[str, Any]]) -> dict[str, int]:
    """How many number fields of ``records`` are of each kind."""
    counts = dict.fromkeys(KINDS, 0)
    for record in records:
        for item in record_provenance(record).values():
            if item.field in NUMBER_FIELDS:
                counts[item.kind] += 1
    return counts


def provenance_object(record: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """Every field's provenance for JSON: ``{"total": {"kind": "derived", "source": ...}}``."""
    return {name: item.to_dict() for name, item in record_provenance(record).items()}


def weak_fields(record: Mapping[str, Any]) -> set[str]:
    """The fields of a record that are derived or defaulted (:data:`WEAK_KINDS`)."""
    return {name for name, p in record_provenance(record).items() if p.kind in WEAK_KINDS}
