"""Three-way merge of reviewers' decisions, field by field, with the extracted record as base.

Each reviewer decides from the same base (the record as extracted, or as last settled). A
field only one reviewer changed takes that reviewer's value; a field both changed to the same
value takes it; a field two reviewers changed to different values is a conflict. Two
rejections merge into a rejection; a rejection against a kept record is a conflict of the
decision itself. Which records two reviewers review is the protocol's choice
(:func:`double_reviewed`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from corpus.decisions import Decision
from corpus.vocabulary import EDITABLE_FIELDS


@dataclass(frozen=True)
class Merge:
    """The merge of open decisions on one record.

    ``values`` is the merged record (conflicting fields keep the base value until resolved);
    ``conflicts`` names the fields changed differently; ``decision_conflict`` is true when
    some reviewers reject and others keep the record.
    """

    base: dict[str, Any]
    values: dict[str, Any]
    conflicts: tuple[str, ...] = ()
    rejected: bool = False
    decision_conflict: bool = False

    @property
    def agreed(self) -> bool:
        """True when the decisions merge without any conflict."""
        return not self.conflicts and not self.decision_conflict

    @property
    def changed(self) -> bool:
        """True when the merged values differ from the base."""
        return any(self.values[n] != self.base.get(n) for n in self.values)


def merge_decisions(base: Mapping[str, Any], decisions: Iterable[Decision]) -> Merge:
    """Merge ``decisions`` (each reviewer's latest) onto ``base`` field by field."""
    decisions = list(decisions)
    base = {name: base.get(name) for name in EDITABLE_FIELDS}
    kept = [d for d in decisions if not d.rejects]
    if not kept:
        return Merge(base, dict(base), rejected=bool(decisions))
    merged, conflicts = dict(base), []
    for name in EDITABLE_FIELDS:
        proposals = {repr(d.values.get(name)): d.values.get(name) for d in kept
                     if d.values.get(name) != base[name]}  # fmt: skip
        if len(proposals) == 1:
            merged[name] = next(iter(proposals.values()))
        elif len(proposals) > 1:
            conflicts.append(name)
    mixed = len(kept) < len(decisions)
    return Merge(base, merged, tuple(conflicts), decision_conflict=mixed)


def double_reviewed(record_id: int, fraction: float) -> bool:
    """Whether a record is in the sample two reviewers review (stable for its id).

    The sample is drawn from a digest of the record id, so every reviewer and every run agree
    on it without storing it, and about ``fraction`` of the records fall in it.
    """
    if fraction >= 1:
        return True
    digest = hashlib.sha256(f"casemeta-double-review:{record_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < fraction
