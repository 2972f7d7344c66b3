"""Agreement between two reviewers: Cohen's kappa of their decisions, agreement per field.

In dual review (``reviewers = 2`` in the protocol; otherwise a second decision saw the first,
and nothing is compared), for every record two reviewers decided independently, each
reviewer's latest decision before the record was first resolved or unreviewed is compared.
Decisions fall in three categories: kept as extracted (``accept``), kept with changes
(``edit``) and ``reject``; kappa is computed on them with statsmodels. Field agreement is the
share of records both kept on which they gave a field the same value, for the fields at least
one reviewer changed.

Records reviewers decided that give no pair are counted by the reason they are left out
(:data:`LEFT_OUT_REASONS`), so a report says how many records kappa does not cover and why
rather than leaving them out silently: most often a record one reviewer settled alone (outside
the double-review sample, or before the protocol asked for two reviewers), which a second
reviewer may then have decided from the first one's values.

Study selection is compared the same way (:func:`selection_agreement`): each reviewer's latest
include/exclude on a document before it was first resolved, in two categories.

References
----------
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
Psychological Measurement*, 20(1), 37-46.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import select

from corpus.db import reading
from corpus.decisions import DECISION_ACTIONS, RESET_ACTIONS, Decision, settles
from corpus.models import ReviewEvent
from corpus.review_plan import dual_review
from corpus.vocabulary import EDITABLE_FIELDS

#: Decision categories compared by kappa, in the order of the agreement table.
CATEGORIES = ("accept", "edit", "reject")

#: Why a record reviewers decided gives no pair, by key: a decision applied alone before a
#: second reviewer decided; a decision still waits for a second reviewer; an adjudicator
#: resolved the record, or it was returned to extracted, before two reviewers had decided.
LEFT_OUT_REASONS = {
    "settled_alone": "settled by one reviewer alone",
    "waiting": "waiting for a second reviewer",
    "reset": "resolved or returned to extracted before a second reviewer decided",
}


@dataclass(frozen=True)
class Agreement:
    """How far two reviewers agreed on the records both decided.

    ``kappa`` is ``None`` when it is not defined (no pair, or every decision of both
    reviewers in one category, so chance agreement is 1).
    """

    pairs: int
    agreed: int
    kappa: float | None
    fields: dict[str, float] = field(default_factory=dict)
    reviewers: tuple[str, ...] = ()
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def left_out_total(self) -> int:
        """Records reviewers decided that are not among the pairs (:data:`LEFT_OUT_REASONS`)."""
        return sum(self.left_out.values())

    @property
    def observed(self) -> float | None:
        """Share of pairs with the same decision category."""
        return self.agreed / self.pairs if self.pairs else None

    def to_dict(self) -> dict:
        """Plain values (for templates and JSON)."""
        return {"pairs": self.pairs, "agreed": self.agreed, "kappa": self.kappa,
                "observed": self.observed, "fields": dict(self.fields),
                "reviewers": list(self.reviewers), "left_out": dict(self.left_out),
                "left_out_total": self.left_out_total,
                "left_out_reasons": {k: LEFT_OUT_REASONS[k] for k in self.left_out}}  # fmt: skip


def independent_pairs(events: list[ReviewEvent]) -> list[tuple[Decision, Decision, dict]]:
    """(first reviewer's, second reviewer's decision, base) of each record two decided.

    ``events`` are audit events in the order written; only decisions until a record was first
    settled count (after it, reviewers may have seen each other's decisions): a record one
    reviewer settled alone before the protocol asked for two gives no pair.
    """
    return pairs_and_left_out(events)[0]


def pairs_and_left_out(
    events: list[ReviewEvent],
) -> tuple[list[tuple[Decision, Decision, dict]], dict[str, int]]:
    """The :func:`independent_pairs` of ``events``, and how many decided records gave none.

    Returns
    -------
    pairs : list of tuple
        (first reviewer's, second reviewer's decision, base) per record two decided.
    left_out : dict
        Records with at least one decision but no pair, counted by the reason (a key of
        :data:`LEFT_OUT_REASONS`); reasons with no record are absent.
    """
    by_record: dict[int, list[ReviewEvent]] = defaultdict(list)
    for event in events:
        by_record[event.record_id].append(event)
    pairs, left_out = [], Counter()
    for record_events in by_record.values():
        latest: dict[str, Decision] = {}
        base: dict = {}
        stop = "waiting"
        for event in record_events:
            if event.action in RESET_ACTIONS:
                stop = "reset"
                break
            if event.action in DECISION_ACTIONS:
                base = base or dict(event.before or {})
                latest[event.reviewer] = Decision.from_event(event)
                if settles(event):  # a merge's second decision, or one that applied alone
                    stop = "settled_alone"
                    break
        if len(latest) >= 2:
            first, second = list(latest.values())[:2]
            pairs.append((first, second, base))
        elif latest:  # a reviewer decided, but no second one independently
            left_out[stop] += 1
    return pairs, dict(left_out)


def category(decision: Decision, base: dict) -> str:
    """``accept``, ``edit`` or ``reject``: what the reviewer did to the record's values."""
    if decision.rejects:
        return "reject"
    changed = any(decision.values.get(n) != base.get(n) for n in EDITABLE_FIELDS)
    return "edit" if changed else "accept"


def agreement(engine: Engine) -> Agreement:
    """Cohen's kappa and per-field agreement of the records two reviewers decided."""
    query = select(ReviewEvent).where(ReviewEvent.action.in_((*DECISION_ACTIONS, *RESET_ACTIONS)))
    with reading(engine) as session:
        if not dual_review(session):  # decisions that saw each other are not independent
            return Agreement(0, 0, None)
        events = list(session.exec(query.order_by(ReviewEvent.id)).all())
    pairs, left_out = pairs_and_left_out(events)
    cats = [(category(a, base), category(b, base)) for a, b, base in pairs]
    agreed = sum(1 for x, y in cats if x == y)
    names = tuple(sorted({d.reviewer for a, b, _ in pairs for d in (a, b)}))
    return Agreement(len(pairs), agreed, _kappa(cats), _fields(pairs), names, left_out)


def selection_agreement(engine: Engine) -> Agreement:
    """Cohen's kappa of two reviewers' include/exclude decisions on the documents both decided.

    Each reviewer's latest decision before the document's first resolution counts (after it,
    they may have seen each other's); the first two reviewers of a document are paired.
    """
    from corpus.models import InclusionEvent
    from corpus.selection_review import DECISIONS, SETTLES, settled_alone

    with reading(engine) as session:
        if not dual_review(session):
            return Agreement(0, 0, None)
        events = session.exec(select(InclusionEvent).order_by(InclusionEvent.id)).all()
        latest: dict[int, dict[str, str]] = defaultdict(dict)
        closed: set[int] = set()
        for event in events:
            if event.action in SETTLES or settled_alone(event):
                closed.add(event.document_id)
            elif event.action in DECISIONS and event.document_id not in closed:
                latest[event.document_id][event.reviewer] = event.action
    pairs = [list(by.items())[:2] for by in latest.values() if len(by) >= 2]
    cats = [(a[1], b[1]) for a, b in pairs]
    names = tuple(sorted({name for pair in pairs for name, _ in pair}))
    agreed = sum(1 for x, y in cats if x == y)
    return Agreement(len(pairs), agreed, _kappa(cats, DECISIONS), {}, names)


def _kappa(cats: list[tuple[str, str]], categories: tuple[str, ...] = CATEGORIES) -> float | None:
    if not cats:
        return None
    import numpy as np
    from statsmodels.stats.inter_rater import cohens_kappa

    table = np.zeros((len(categories), len(categories)))
    for x, y in cats:
        table[categories.index(x), categories.index(y)] += 1
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    if math.isclose(float(rows @ cols) / len(cats) ** 2, 1.0):
        return None  # one category only: chance agreement is 1 and kappa undefined
    return float(cohens_kappa(table).kappa)


def _fields(pairs: list[tuple[Decision, Decision, dict]]) -> dict[str, float]:
    kept = [(a, b, base) for a, b, base in pairs if not a.rejects and not b.rejects]
    out = {}
    for name in EDITABLE_FIELDS:
        touched = [(a, b) for a, b, base in kept
                   if a.values.get(name) != base.get(name) or b.values.get(name) != base.get(name)]
        if touched:
            same = sum(1 for a, b, _ in kept if a.values.get(name) == b.values.get(name))
            out[name] = same / len(kept)
    return out
