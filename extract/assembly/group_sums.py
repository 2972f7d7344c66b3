"""Whole-cohort findings from the arms that make it up.

Comparative series often state a finding only per arm: ``In the OPG group, twelve patients had
complications ... In the LPG group, ten patients had complications``. When the arms partition
the cohort (their sizes add up to it) and are arms of one intervention (two techniques of one
operation, two periods of one series), the cohort's finding is the sum of the arms' counts
(22 of 110; gold-guide "Groups"). Arms of different treatments are never summed: an arm that is
no intervention at all (``conservative``, ``control``, ``no stent``) marks such a comparison, and
so do arms of different treatment modalities in the document's arm model (``Stent (n = 20)``
and ``Surgery (n = 15)``; ``group B (n=56) consists of those who did not undergo X``).

The arms and their sizes come from the columns of the paper's tables (``OPG with DTR (n = 64) |
LPG with DTR (n = 46)``) or, when no table names them, from sentences that give an arm its size
(``1 of the 28 patients in group A``). Counts of patients stated in sentences are summed; a
table cell is summed only for mortality, whose events are patients (a complication cell may
count events), unless its percentage is the count's share of the column's patients.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace

from extract.assembly.records import whole_counts
from extract.rules.findings import COMPLICATIONS, Candidate
from extract.study.arms import arms_compare_treatments

# an arm that received no intervention: a comparison of treatments, never summed
_COMPARATOR = re.compile(
    r"\b(?:conservative(?:ly)?|non-?(?:operative(?:ly)?|surgical|interventional)|medical(?:ly)?|"
    r"observation|watchful|control(?:s)?|untreated|no|without|best supportive)\b", re.IGNORECASE)
# outcomes whose events are patients: a table cell of them counts patients
_PATIENT_EVENTS = frozenset({"mortality"})
# rules of a count stated in a sentence for one arm
# ("90-day mortality 1/11": a count with its stratum's total, one of a coordinated list)
_SENTENCE_RULES = frozenset({"paired", "respectively", "arm_values", "arm_list", "coordinated"})
# "Any complication", "Patients with a major complication": a row of patients, not events
_PATIENTS_WITH_ANY = re.compile(r"\s*(?:any\b|patients\s+with\b)", re.IGNORECASE)
#: How many percentage points a cell's percentage may be off its count's share of the column
#: (tables round to one decimal or to whole numbers).
SHARE_AGREEMENT = 0.6


def group_sum_candidates(candidates: Sequence[Candidate], cohort: int | None,
                         definitions: dict[str, str] | None = None,
                         analysed: Collection[int] = ()) -> list[Candidate]:
    """Cohort candidates summed from arm candidates (rule ``sum_of_groups``).

    Parameters
    ----------
    candidates : sequence of Candidate
        All candidates of a document: table cells and sentences give the arms and their
        sizes, and the counts per arm.
    cohort : int or None
        The cohort size; nothing is summed without it.
    definitions : dict, optional
        What the document says each arm is, by lower-case label
        (:func:`extract.study.arms.text_to_arm_definitions`).
    analysed : collection of int, optional
        Sizes of sets of arms the paper says it compared or analysed (``96 X and 96 Y
        resections were compared``): arms adding up to one of them partition the cohort of
        the findings by arm, even when the study drew them from a larger one.

    Returns
    -------
    list of Candidate
        One ``all`` candidate per outcome (and time) that every arm, and no cohort-level
        candidate, reports.
    """
    arms = cohort_arms(candidates, cohort, definitions, analysed)
    if not arms:
        return []
    have_all = {_key(c) for c in candidates if c.group == "all"}
    per_key: dict[tuple, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for c in candidates:
        arm = _arm_of(c.group, arms)
        c = _counted_share(c, arms.get(arm) if arm else None)
        if _summable(c) and arm is not None and _key(c) not in have_all:
            per_key[_key(c)][arm].append(c)
    out = []
    for by_arm in per_key.values():
        parts = _one_per_arm(by_arm, arms)
        if parts is None:
            continue
        first = parts[0]
        out.append(Candidate(
            first.outcome, "proportion", "stated", group="all",
            count=sum(p.count for p in parts), total=sum(arms.values()),
            timepoint_months=first.timepoint_months, group_n=sum(arms.values()), page=first.page,
            section=first.section, quote=" ... ".join(dict.fromkeys(p.quote for p in parts)),
            rule="sum_of_groups",
            context=" ... ".join(dict.fromkeys(p.context for p in parts if p.context)) or None))
    return out


def cohort_arms(candidates: Sequence[Candidate], cohort: int | None,
                definitions: dict[str, str] | None = None, analysed: Collection[int] = ()
                ) -> dict[str, int]:
    """The arms of one intervention that partition the cohort, label to size; else empty.

    Table columns name the arms when there are any; otherwise the groups that sentences give a
    size do. The arms must be two or more, add up to ``cohort`` (or to a set the paper
    says it analysed, ``analysed``), none may be a comparator
    that received no intervention, and the document's arm model (each arm's label with what
    ``definitions`` says it is) must not make them different treatments
    (:func:`extract.study.arms.arms_compare_treatments`: ``stent`` and ``surgery``).
    """
    if not cohort and not analysed:
        return {}
    arms = _arms(c for c in candidates if c.rule == "table_row")
    if len(arms) < 2:
        arms = _arms(c for c in candidates if c.basis == "stated")
    if len(arms) < 2 or (sum(arms.values()) != cohort and sum(arms.values()) not in analysed):
        return {}
    if any(_COMPARATOR.search(label) for label in arms):
        return {}
    described = [(definitions or {}).get(label.lower(), label) for label in arms]
    if arms_compare_treatments(described):
        return {}
    return arms


def _arms(candidates) -> dict[str, int]:
    """Group label to size; a label seen with two different sizes is no arm."""
    sizes: dict[str, set[int]] = defaultdict(set)
    for c in candidates:
        if c.group != "all" and c.group_n:
            sizes[c.group].add(c.group_n)
    return {g: next(iter(ns)) for g, ns in sizes.items() if len(ns) == 1}


def _counted_share(c: Candidate, size: int | None) -> Candidate:
    """``(30-day mortality 12.5%)`` in an arm of 8: a percentage alone is that arm's count
    when exactly one whole count of the arm's size gives it (1 of 8), else left as it is."""
    if c.basis != "percent" or c.count is not None or c.percent is None or not size \
            or c.group_n != size or c.measure != "proportion" or c.rule not in _SENTENCE_RULES:
        return c
    fits = whole_counts(c.percent, size)
    return replace(c, basis="stated", count=fits[0], total=size) if len(fits) == 1 else c


def _summable(c: Candidate) -> bool:
    """A count of patients in one arm: stated in a sentence (alone, or in the arms' order), or
    a mortality table cell."""
    if c.measure != "proportion" or c.basis != "stated" or c.count is None:
        return False
    return c.rule in _SENTENCE_RULES \
        or (c.rule == "table_row" and (c.outcome in _PATIENT_EVENTS or _share_of_arm(c)))


def _share_of_arm(c: Candidate) -> bool:
    """A table cell ``n (%)`` whose percentage is its count's share of the column's patients
    (``Readmission | 10 (19.2)`` under ``Arm A (n = 52)``): it counts patients, not events."""
    if c.percent is None or not c.group_n or c.count is None or c.total is not None:
        return False
    if c.outcome in COMPLICATIONS and not _PATIENTS_WITH_ANY.match(c.quote):
        return False  # "Complications | 9 (22.5)" may count complications, several a patient
    return abs(100 * c.count / c.group_n - 100 * c.percent) <= SHARE_AGREEMENT


def _one_per_arm(by_arm: dict[str, list[Candidate]], arms: dict[str, int]
                 ) -> list[Candidate] | None:
    """One count per arm, a sentence preferred to a table cell; ``None`` when ambiguous."""
    if set(by_arm) != set(arms):
        return None
    parts = []
    for arm in arms:
        found = by_arm[arm]
        sentences = [c for c in found if c.rule in _SENTENCE_RULES]
        found = sentences or found
        if len({c.count for c in found}) != 1:
            return None
        parts.append(found[0])
    return parts


def _key(c: Candidate) -> tuple:
    return (c.outcome, c.measure, c.timepoint_months)


def _arm_of(group: str, arms: dict[str, int]) -> str | None:
    """The arm a group names (``OPG`` is ``OPG with DTR``), if unique."""
    words = group.lower().split()
    if not words:
        return None
    found = [arm for arm in arms if arm.lower().split()[:len(words)] == words]
    return found[0] if len(found) == 1 else None
