"""One finding counted in coordinated clauses: the cohort's count is their sum.

A sentence often splits the patients with one outcome by cause or by place: ``Four patients
were re-explored for flap perfusion problems, and 18 patients were re-explored for hematoma
drainage`` is 22 re-explorations; ``Two patients died of sepsis and three of pulmonary
embolism`` is five deaths. Each clause gives a count of different patients of the same outcome,
and the whole-cohort finding is their sum (gold-guide "Numbers"), not two findings of the
cohort each of which is too small.

A count that breaks an earlier one down (``of whom``, ``including``) is a part, not another
set of patients, and counts at different times (``2 at 1 year and 5 at 3 years``) may be
cumulative: such sentences are left alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from extract.rules.findings import Candidate
from extract.rules.timepoints import text_to_timepoints
from extract.study.counts import COUNT, count_to_int

# a later count that is a part of an earlier one
_NESTED = re.compile(r"\b(?:of whom|of these|of them|of which|including|among them|among whom|"
                     r"respectively|vs\.?|versus|compared)\b", re.IGNORECASE)
_PATIENT_COUNT = re.compile(rf"(?<![\w.])(?P<n>{COUNT})\s+(?:[\w\-]+\s+){{0,2}}?"
                            r"(?:patients?|cases|subjects|participants)\b", re.IGNORECASE)
# coordinated clauses: ", and", "; ", " and N"
_COORDINATED = re.compile(r",\s*and\b|;|\band\s+(?:\d+|[a-z]+)\s+(?:\w+\s+)?(?:patients?|of|in|"
                          r"had|were|was|died)\b", re.IGNORECASE)


def coordinated_count_sums(candidates: Sequence[Candidate], cohort: int | None
                           ) -> list[Candidate]:
    """Replace the counts of one outcome stated clause by clause in one sentence by their sum.

    Parameters
    ----------
    candidates : sequence of Candidate
        The candidates of the prose, in document order.
    cohort : int or None
        The cohort size: a sum larger than it is not one set of patients, and is not made.

    Returns
    -------
    list of Candidate
        ``candidates`` with each set of summable counts replaced (in place of the first) by one
        ``all`` candidate with rule ``sum_of_clauses``.
    """
    parts: dict[tuple, list[int]] = defaultdict(list)
    for i, c in enumerate(candidates):
        if _summable(c):
            parts[(c.quote, c.outcome, c.timepoint_months)].append(i)
    replaced: dict[int, Candidate | None] = {}
    for indices in parts.values():
        found = [candidates[i] for i in indices]
        total = sum(c.count or 0 for c in found)
        if len(found) < 2 or len({c.count for c in found}) < len(found) or (
                cohort and total > cohort) or not _COORDINATED.search(found[0].quote):
            continue
        if not any(_counts_patients(c) for c in found):
            continue  # counts of events, maybe of the same patients
        if len(text_to_timepoints(found[0].quote)) > 1:
            continue  # "2 at 1 year and 5 at 3 years": counts of times, maybe cumulative
        first = found[0]
        replaced[indices[0]] = Candidate(
            first.outcome, "proportion", "stated", group="all", count=total,
            timepoint_months=first.timepoint_months, page=first.page, section=first.section,
            quote=first.quote, rule="sum_of_clauses")
        replaced.update({i: None for i in indices[1:]})
    out = []
    for i, c in enumerate(candidates):
        new = replaced.get(i, c)
        if new is not None:
            out.append(new)
    return out


def _counts_patients(c: Candidate) -> bool:
    """``Four patients were re-explored``: the count is of patients, not of events."""
    return any(count_to_int(m["n"]) == c.count for m in _PATIENT_COUNT.finditer(c.quote))


def _summable(c: Candidate) -> bool:
    """A whole-cohort count of patients without a denominator of its own, from prose."""
    return (c.rule == "paired" and c.group == "all" and c.measure == "proportion"
            and c.basis == "stated" and c.count is not None and c.total is None
            and c.group_n is None and c.percent is None and c.of_patients
            and not _NESTED.search(c.quote))
