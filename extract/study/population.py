"""The condition that defines a study's cohort: a stratum naming it is the whole cohort.

A series of patients with one condition (``The study included 64 patients with chordoma``)
often repeats that condition where it reports the cohort's findings: ``the 5-year survival of
patients with chordoma was 61%``. Such a phrase names no part of the cohort, so the finding is
the cohort's (group ``all``); a stratum that qualifies the condition further (``patients with
chordoma of the sacrum``) or names another one stays a group of its own.

The condition is read from the sentence that gives the cohort's size (``<cohort> patients with
<condition>``), and an abbreviation the document defines for it counts as the same condition
(``spinal cord injury (SCI)``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.rules.findings import Candidate
from extract.study.abbreviations import text_to_abbreviations

# "<n> (consecutive) patients (42 women and 30 men) with <condition> were treated ..."
_COHORT_WITH = (r"(?<![\w.,]){n}\s+(?:consecutive\s+|adult\s+|paediatric\s+|pediatric\s+)?"
                r"(?:patients|cases|subjects|children|adults)\s*(?:\([^()]{{0,40}}\)\s*)?"
                r"(?:with|having|diagnosed\s+with)\s+(?:an?\s+|the\s+)?(?P<c>[^,.;:()]{{2,60}}?)"
                r"(?=\s*(?:[,.;:()]|\b(?:were|was|who|treated|underwent|undergoing|operated|"
                r"managed|at|in|from|between|during|and|had|have)\b))")
# "patients with X", "those with X", "with X": the stratum's words before the condition
_STRATUM_LEAD = re.compile(r"^(?:(?:the\s+)?(?:patients|cases|those|subjects)\s+)?"
                           r"(?:with|having)\s+(?:an?\s+|the\s+)?", re.IGNORECASE)


def text_to_population(text: str, cohort: int | None) -> frozenset[str]:
    """The phrases naming the cohort's condition, normalised (lower case, single spaces).

    Parameters
    ----------
    text : str
        The document's text.
    cohort : int or None
        The cohort size; without it no sentence is known to define the cohort.

    Returns
    -------
    frozenset of str
        ``{"adrenal tumour", "at"}`` for ``48 patients with adrenal tumour (AT)`` (each
        condition with its abbreviation or long form); empty when none is found.
    """
    if not cohort:
        return frozenset()
    found = {_norm(m["c"]) for m in re.finditer(_COHORT_WITH.format(n=cohort), text)}
    abbreviations = {_norm(k): _norm(v) for k, v in text_to_abbreviations(text).items()}
    longs = {v: k for k, v in abbreviations.items()}
    return frozenset(found | {abbreviations[c] for c in found if c in abbreviations}
                     | {longs[c] for c in found if c in longs})


def is_population(group: str, population: frozenset[str]) -> bool:
    """Whether a stratum label (``with ACC``, ``patients with X``) names exactly the cohort's
    condition."""
    stripped = _STRATUM_LEAD.sub("", group.strip())
    return stripped != group.strip() and _norm(stripped) in population


def population_groups(candidates: Sequence[Candidate], population: frozenset[str]
                      ) -> list[Candidate]:
    """Candidates with a stratum naming the cohort's condition moved to the cohort (``all``).

    The strata one sentence compares with the cohort (``53% for patients with sarcoma of the
    knee, 47% for those with sarcoma of the hip``, the cohort being the first) are labelled by
    what sets them apart: ``hip``.
    """
    if not population:
        return list(candidates)
    heads = _shared_heads(candidates, population)
    out = []
    for c in candidates:
        if c.group != "all" and is_population(c.group, population):
            c = replace(c, group="all")
        elif (c.quote, c.outcome) in heads:
            head = heads[(c.quote, c.outcome)]
            words = c.group.split()
            if len(words) > len(head) and [w.lower() for w in words[:len(head)]] == head:
                c = replace(c, group=" ".join(words[len(head):]))
        out.append(c)
    return out


def _shared_heads(candidates: Sequence[Candidate], population: frozenset[str]
                  ) -> dict[tuple, list[str]]:
    """The words that strata of one sentence and outcome share before what sets them apart
    (``with sarcoma of the``), for sentences where one of those strata is the cohort's."""
    strata: dict[tuple, list[str]] = {}
    for c in candidates:
        if c.group != "all" and _STRATUM_LEAD.match(c.group) and c.quote:
            strata.setdefault((c.quote, c.outcome), []).append(c.group)
    heads = {}
    for key, groups in strata.items():
        if len(set(groups)) < 2 or not any(is_population(g, population) for g in groups):
            continue
        words = [g.lower().split() for g in groups]
        head = []
        for column in zip(*words, strict=False):
            if len(set(column)) > 1:
                break
            head.append(column[0])
        heads[key] = head
    return heads


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())
