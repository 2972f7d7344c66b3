"""Denominators of the assessed: who a finding is about when it is not the whole cohort.

A count without its own denominator takes the cohort size (:mod:`extract.assembly.records`),
unless the sentence says who was assessed (gold-guide "Numbers"):

- ``Last follow-up data were available in 36 patients: 24 showed persistent relief`` is 24/36;
- ``For 155 completed procedures the R0 resection rate was 62.6%`` is of the 155;
- ``Twenty of the 34 patients with follow-up died of X and 9 (26%) of Y``: 9 of the 34;
- a finding about the treated units of a paper on ``25 patients with 30 nodules``
  (``Technical success was 100%, although some nodules required double ablation``) is about the
  30 nodules.

``candidates_to_assessed`` sets the candidate's ``group_n`` (the size of the group it is
about); the group stays ``all``: everyone assessed for that outcome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.assembly.records import percent_agrees
from extract.rules.findings import Candidate
from extract.rules.strata import ASSESSED_WORDS
from extract.study.counts import COUNT, count_to_int

_AVAILABLE = re.compile(
    rf"\b(?:data|information|results?|follow[\s\-]?up|outcomes?)\s+(?:\w+\s+){{0,2}}?(?:were|was)\s+"
    rf"(?:available|obtained|complete)\s+(?:for|in|from)\s+(?P<n>{COUNT})\s+(?:\w+\s+)?"
    r"(?:patients|cases|subjects|participants)\b",
    re.IGNORECASE,
)
# "For 155 successfully completed procedures the R0 resection rate was 62.6%", "In 38 evaluable
# patients, ...": an opening phrase naming the assessed with their number
# ("In 5 patients the stoma was permanent" counts the finding's own patients: only the
# assessed are named after "in")
_FOR_N = re.compile(
    rf"^\W*(?:(?:for|among)\s+(?:the\s+|these\s+|all\s+)?(?P<n>{COUNT})\s+(?:[\w\-]+\s+){{0,3}}?"
    r"(?:patients|cases|subjects|procedures|interventions|operations|resections|lesions)|"
    rf"in\s+(?:the\s+)?(?P<m>{COUNT})\s+(?:evaluable|assessable|assessed|available)\s+\w+)\b"
    r"(?P<rest>[^,;]{0,40})",
    re.IGNORECASE,
)
# ... unless the phrase goes on to qualify them ("Among 12 patients with diabetes, ..." is a
# stratum) by anything but their assessment ("with imaging follow-up")
_QUALIFIED_REST = re.compile(r"^\s*(?:with|without|who|whose|aged|older|younger|treated|"
                             r"receiving|undergoing)\b", re.IGNORECASE)
# "Among 40 patients with diabetes, ...": a stratum with its size
_STRATUM_N = re.compile(rf"^\W*(?:in|among|for)\s+(?:the\s+)?(?P<n>{COUNT})\s+"
                        r"(?:[\w\-]+\s+){0,2}?(?:patients|cases|subjects|women|men|children)\s+"
                        r"(?:with|without|who|whose|aged|older|younger|undergoing|receiving|"
                        r"treated)\b", re.IGNORECASE)
# "Of the 25 conservatively treated patients, ...": the stratum's size
_OF_N = re.compile(r"^\W*(?:of|among)\s+(?:the|these|those)\s+(?P<n>\d+)\s+(?:[\w\-]+\s+){0,3}?"
                   r"(?:patients|cases)\b", re.IGNORECASE)
# "Twenty of the 34 patients with follow-up died of X and 9 (26%) of Y": the stated denominator
# of the sentence, shared by its later counts whose percentages agree with it
_OF_THE_N = re.compile(rf"(?<![\w.])(?:{COUNT})\s+(?:\([^()]*\)\s+)?of\s+(?:the\s+)?"
                       rf"(?P<n>{COUNT})\s+(?:[\w\-]+\s+){{0,2}}?(?:patients|cases)\b",
                       re.IGNORECASE)
# "Four patients were re-explored for flap problems": a count of patients is never one of units
_PATIENT_COUNT = re.compile(rf"(?<![\w.])(?P<n>{COUNT})\s+(?:[\w\-]+\s+){{0,2}}?"
                            r"(?:patients?|cases|subjects|participants)\b", re.IGNORECASE)
_UNIT_NOUNS = (r"lesions?|nodules?|tumou?rs?|eyes?|hips?|knees?|limbs?|aneurysms?|flaps?|"
               r"grafts?|stents?|hernias?|fractures?|polyps?|kidneys?|ears?|breasts?")
# "25 patients with 30 nodules", "30 lung nodules from 25 patients"
_UNITS = [
    re.compile(rf"(?<![\w.])(?:{COUNT})\s+patients\s+with\s+(?P<m>{COUNT})\s+(?:\w+\s+)?"
               rf"(?P<noun>{_UNIT_NOUNS})\b", re.IGNORECASE),
    re.compile(rf"(?<![\w.])(?P<m>{COUNT})\s+(?:\w+\s+)?(?P<noun>{_UNIT_NOUNS})\s+(?:in|from|of)\s+"
               rf"(?:{COUNT})\s+patients\b", re.IGNORECASE),
]


def text_to_units(text: str) -> dict[str, int]:
    """Treated units counted beside the patients: ``{"nodule": 30}``.

    A noun counted twice with different numbers is dropped (the count is then unclear).
    """
    found: dict[str, set[int]] = {}
    for pattern in _UNITS:
        for m in pattern.finditer(text):
            count = count_to_int(m["m"])
            if count:
                found.setdefault(_singular(m["noun"]), set()).add(count)
    return {noun: counts.pop() for noun, counts in found.items() if len(counts) == 1}


def candidates_to_assessed(candidates: Sequence[Candidate], units: dict[str, int]
                           ) -> list[Candidate]:
    """Give each whole-cohort candidate the size of the group its sentence says was assessed.

    Parameters
    ----------
    candidates : sequence of Candidate
        Candidates of the prose and tables.
    units : dict
        Treated units and their counts (:func:`text_to_units`).
    """
    return [_assessed(c, units) for c in candidates]


def _assessed(c: Candidate, units: dict[str, int]) -> Candidate:
    if c.group_n is not None or c.total is not None or not c.quote:
        return c
    if c.group != "all":
        # "Among 40 patients with diabetes, recurrence occurred in 6": the stratum's size
        sized = _STRATUM_N.match(c.quote) or _OF_N.match(c.quote)
        n = count_to_int(sized["n"]) if sized else None
        return replace(c, group_n=n) if n and (c.count or 0) <= n else c
    available = _AVAILABLE.search(c.quote)
    if available:
        n = count_to_int(available["n"])
        if n and (c.count is None or c.count <= n):
            return replace(c, group_n=n)
    stated = _OF_THE_N.search(c.quote)
    n = count_to_int(stated["n"]) if stated else None
    if n and c.count is not None and c.percent is not None and percent_agrees(
            c.count, n, c.percent):
        return replace(c, group_n=n)
    opening = _FOR_N.match(c.quote)
    if opening and (not _QUALIFIED_REST.match(opening["rest"])
                    or ASSESSED_WORDS.search(opening["rest"])):
        n = count_to_int(opening["n"] or opening["m"])
        if n and (c.count is None or c.count <= n):
            return replace(c, group_n=n)
    if c.outcome == "mortality" or c.outcome.endswith("survival"):
        return c  # patients die and survive, not their lesions
    if c.rule == "sum_of_clauses" or (c.count is not None and any(
            count_to_int(m["n"]) == c.count for m in _PATIENT_COUNT.finditer(c.quote))):
        return c  # (a sum of clauses adds up counts of patients)
    for noun, n in units.items():
        if re.search(rf"\b{noun}s?\b", c.quote, re.IGNORECASE) and (c.count or 0) <= n:
            return replace(c, group_n=n)
    return c


def _singular(noun: str) -> str:
    noun = noun.lower()
    return noun[:-1] if noun.endswith("s") else noun
