"""Whole-cohort findings from the arms that make it up.

Comparative series often state a finding only per arm: ``In the OPG group, twelve patients had
complications ... In the LPG group, ten patients had complications``. When the arms are the
columns of the paper's tables (``OPG with DTR (n = 64) | LPG with DTR (n = 46)``) and their
sizes add up to the cohort, the cohort's finding is the sum of the arms' counts (22 of 110).
Only counts of patients stated in sentences are summed: a table cell may count events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from extract.findings import Candidate


def group_sum_candidates(candidates: Sequence[Candidate], cohort: int | None
                         ) -> list[Candidate]:
    """Cohort candidates summed from arm candidates (rule ``sum_of_groups``).

    Parameters
    ----------
    candidates : sequence of Candidate
        All candidates of a document: table cells give the arms and their sizes, sentences
        the counts per arm.
    cohort : int or None
        The cohort size; nothing is summed without it.
    """
    arms = {c.group: c.group_n for c in candidates
            if c.rule == "table_row" and c.group != "all" and c.group_n}
    if not cohort or len(arms) < 2 or sum(arms.values()) != cohort:
        return []
    have_all = {_key(c) for c in candidates if c.group == "all"}
    per_key: dict[tuple, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for c in candidates:
        arm = _arm_of(c.group, arms)
        if c.rule == "paired" and c.measure == "proportion" and c.basis == "stated" \
                and c.count is not None and arm is not None and _key(c) not in have_all:
            per_key[_key(c)][arm].append(c)
    out = []
    for by_arm in per_key.values():
        if set(by_arm) != set(arms) or any(len(v) != 1 for v in by_arm.values()):
            continue
        parts = [by_arm[arm][0] for arm in arms]
        first = parts[0]
        out.append(Candidate(
            first.outcome, "proportion", "stated", group="all",
            count=sum(p.count for p in parts), total=cohort,
            timepoint_months=first.timepoint_months, group_n=cohort, page=first.page,
            section=first.section, quote=" ... ".join(p.quote for p in parts),
            rule="sum_of_groups"))
    return out


def _key(c: Candidate) -> tuple:
    return (c.outcome, c.measure, c.timepoint_months)


def _arm_of(group: str, arms: dict[str, int]) -> str | None:
    """The table column a sentence's group names (``OPG`` is ``OPG with DTR``), if unique."""
    words = group.lower().split()
    if not words:
        return None
    found = [arm for arm in arms if arm.lower().split()[:len(words)] == words]
    return found[0] if len(found) == 1 else None
