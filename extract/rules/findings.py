"""Candidate findings: a number attached to an outcome, before the cohort size makes it a
record; and what the sentence rules know about the document around a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.rules.clauses import Clause
from extract.rules.lexicon import Lexicon

#: Words that date a finding to the perioperative period (0 months); also what provenance
#: (:mod:`corpus.provenance`) accepts as a stated time of 0.
PERIOPERATIVE = re.compile(r"\b(?:intra-?operative(?:ly)?|in-?hospital|peri-?operative(?:ly)?|"
                            r"operative|"
                            r"at discharge|hospital|hospitali[sz]ation|postoperative|"
                            r"post-?procedure|procedural|during the procedures?|early|"
                            r"(?:N|P)?ICU|intensive care|acute phase)\b",
                            re.IGNORECASE)
_AT_FOLLOW_UP = re.compile(r"\b(?:at|during|by)\s+(?:the\s+)?(?:last\s+|long-term\s+)?"
                           r"follow-?\s?up\b", re.IGNORECASE)
_THIS_PHASE = re.compile(r"\b(?:this|that|the same)\s+(?:phase|period|stay|time)\b",
                         re.IGNORECASE)
_HOSPITAL_PHASE = re.compile(r"\b(?:intensive care|[NP]?ICU|stroke unit|hospital stay|"
                             r"hospitali[sz]|in-hospital|postoperative stay)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A number attached to an outcome, before the cohort size turns it into a record.

    ``basis`` says how the events are known: ``stated`` (a count in the text), ``percent``
    (a percentage only), ``negated`` (0 of the cohort), ``universal`` (all of the cohort).
    ``group_n`` is the size of the group when the source states it (a table column's N);
    otherwise the cohort size applies.
    """

    outcome: str
    measure: str
    basis: str
    group: str = "all"
    count: int | None = None
    total: int | None = None
    percent: float | None = None
    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float | None = None
    range_low: float | None = None
    range_high: float | None = None
    timepoint_months: float | None = None
    comparison: str | None = None
    adjusted: bool | None = None
    p_value: float | None = None
    of_patients: bool = True
    group_n: int | None = None
    page: int | None = None
    section: str = ""
    quote: str = ""
    rule: str = ""
    context: str | None = None  # a table's caption and header (ExtractedRecord.context)


@dataclass(frozen=True)
class DocumentContext:
    """What the sentence rules need to know beyond the sentence: the document's mortality
    window and outcome assessment time, and the sentence before (set per sentence)."""

    lexicon: Lexicon
    mortality_window_months: float | None = None
    assessment_months: float | None = None
    previous: str = ""


def mortality_timepoint(text: str, clause: Clause, context: DocumentContext) -> float | None:
    """Time point of a mortality statement without an explicit one (``spec/records.md``)."""
    if _AT_FOLLOW_UP.search(text):
        return None
    m = PERIOPERATIVE.search(text)
    if m is None and _THIS_PHASE.search(text) and _HOSPITAL_PHASE.search(context.previous):
        return 0.0  # "During this phase" after "treated on the intensive care unit"
    word = m.group(0).lower() if m else ""
    if word.startswith("post") and context.mortality_window_months is not None:
        return context.mortality_window_months
    return 0.0 if m else context.assessment_months
