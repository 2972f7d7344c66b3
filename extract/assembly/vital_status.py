"""Counts of patients alive at last follow-up, read as the crude mortality of the cohort.

``Four patients were alive at last follow-up`` is the complement of the deaths at last
follow-up (gold guide: counts of patients alive are mortality complements). A paper that also
reports mortality or survival at a fixed time of a year or more has given the reviewer the
figure to pool; its count alive at a follow-up that differs per patient is then no finding of
its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.rules.findings import Candidate

#: Months from which a fixed-time mortality or survival figure is a long-term one.
LONG_TERM_MONTHS = 12.0


def without_superseded_alive_counts(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Drop the last-follow-up alive counts of a paper that states long-term mortality or
    survival at a fixed time (see the module docstring); keep everything else in order."""
    long_term = any(
        c.timepoint_months is not None and c.timepoint_months >= LONG_TERM_MONTHS
        and (c.outcome == "mortality" or c.outcome == "overall_survival"
             and c.measure == "rate_at_time")
        for c in candidates)
    if not long_term:
        return list(candidates)
    return [c for c in candidates if not _alive_at_last_follow_up(c)]


def _alive_at_last_follow_up(candidate: Candidate) -> bool:
    return (candidate.outcome == "mortality" and candidate.basis == "complement"
            and candidate.timepoint_months is None and candidate.count is not None)
