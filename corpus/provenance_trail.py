"""Where each field of a record came from at every step of its history.

The stored provenance (:mod:`corpus.provenance`) is the record's as it is now, and each
*entered* field remembers the entry it had before its first edit: that gives back the
provenance as extracted. From there the audit events are replayed with the rule every write
uses (:func:`corpus.provenance.edited_provenance`): a decision that applied makes the fields
it changed *entered* by its reviewer, a merge by the reviewers whose decisions changed each
field, a resolution by the adjudicator, and a field set back to its extracted value (an
``unreview``) gets its extracted provenance back. A waiting decision changes nothing; its step
shows the provenance it asks for (its own reviewer's edits only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from corpus.decisions import (
    ADD_ACTION,
    APPLIED_KEY,
    DECISION_ACTIONS,
    MERGE_ACTION,
    settles,
)
from corpus.models import OutcomeRecord, ReviewEvent
from corpus.provenance import (
    FieldProvenance,
    edited_provenance,
    provenance_as_of,
    record_provenance,
)
from corpus.vocabulary import EDITABLE_FIELDS

#: An event written by earlier versions when a disagreement put a record back as it was; it
#: changed the record without naming who entered the values.
_LEGACY_CONFLICT = "conflict"


def provenance_trail(
    rec: OutcomeRecord, events: list[ReviewEvent]
) -> dict[int | None, dict[str, FieldProvenance]]:
    """The provenance of ``rec`` after each of its ``events`` (oldest first), by event id;
    ``None`` is the record as extracted."""
    first = (events[0].before or {}) if events else {}
    extracted = {**_fields(rec.model_dump()), **_fields(first)}
    stored = provenance_as_of(rec.provenance, extracted)
    trail = {None: _shown(rec, extracted, stored)}
    waiting: dict[str, ReviewEvent] = {}
    for i, event in enumerate(events):
        before, after = _fields(event.before or {}), _fields(event.after or {})
        values = {**before, **after}
        merged_next = i + 1 < len(events) and events[i + 1].action == MERGE_ACTION
        if event.action == ADD_ACTION:
            trail[event.id] = _shown(rec, values, stored)
        elif event.action in DECISION_ACTIONS and (not _applied(event) or merged_next):
            waiting[event.reviewer] = event  # the record changes at the merge, if ever
            asked = stored if event.action == "reject" else edited_provenance(
                stored, before, after, event.reviewer)  # fmt: skip
            trail[event.id] = _shown(rec, values, asked)
        else:
            by = _merged_by(waiting.values(), before) if event.action == MERGE_ACTION else (
                "" if event.action == _LEGACY_CONFLICT else event.reviewer)  # fmt: skip
            stored = edited_provenance(stored, before, after, by)
            trail[event.id] = _shown(rec, values, stored)
        if settles(event) and not merged_next:
            waiting.clear()
    return trail


def _fields(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    return {name: snapshot[name] for name in EDITABLE_FIELDS if name in snapshot}


def _applied(event: ReviewEvent) -> bool:
    return bool((event.after or {}).get(APPLIED_KEY, True))


def _merged_by(decisions: Iterable[ReviewEvent], base: Mapping[str, Any]) -> dict[str, str]:
    """Per field, the reviewers whose kept decision changed it (as a merge writes it)."""
    kept = [d for d in decisions if d.action != "reject"]
    return {name: " and ".join(sorted(d.reviewer for d in kept
                                      if (d.after or {}).get(name) != base.get(name)))
            for name in EDITABLE_FIELDS}  # fmt: skip


def _shown(
    rec: OutcomeRecord, values: Mapping[str, Any], stored: Mapping[str, Any] | None
) -> dict[str, FieldProvenance]:
    return record_provenance({**values, "rule": rec.rule, "provenance": stored})
