"""Findings without a number: negated (``no recurrence``), universal (``recurrence occurred in
all patients``) and none-reached (``all complications were grade ≤ II``) statements, all
measured against the cohort.
"""

from __future__ import annotations

import re

from extract.rules.clauses import Clause
from extract.rules.findings import Candidate, DocumentContext, mortality_timepoint
from extract.rules.lexicon import Lexicon
from extract.rules.nlp import Mention
from extract.rules.pairing import PATIENT_WORDS, single
from extract.rules.timepoints import Timepoint

_UNIVERSAL = re.compile(rf"\b(?:all\s+(?:(?:the|of\s+the|\w+)\s+)?{PATIENT_WORDS}|every\s+"
                        rf"(?:patient|case)|in\s+all\b|all\s+\w+\s+{PATIENT_WORDS})",
                        re.IGNORECASE)
# Words allowed between a negation and its outcome: modifiers, not other nouns ("without
# surgery died" does not negate death).
_MODIFIER = (r"(?:[a-z]+(?:-[a-z]+)?(?:al|ive|ic|ous|ed|ing|ary|ant|ent|ible|able)|major|severe|"
             r"serious|"
             r"further|any|other|new|early|late|local|distant|or|and|procedure|procedure-related|"
             r"device-related|wound|organ|dysfunction|grade|clavien-dindo|[ivx]+a?|higher|more|"
             r"in-hospital|30-day|90-day|perioperative|post-procedure)")
_NEGATED_BEFORE = re.compile(rf"\b(?:no|without|neither|nor)\s+(?:{_MODIFIER}\s+){{0,4}}$",
                             re.IGNORECASE)
# "None of the patients died", "There were no ...": the clause opens with its negation
_NEGATED_START = re.compile(r"\W*(?:there\s+(?:was|were)\s+)?(?:no|none|neither)\b",
                            re.IGNORECASE)
# "the 30-day mortality rate was zero", "mortality: nil": a zero word after the outcome
_ZERO_AFTER = re.compile(r"(?:\s+rates?)?\s*(?:\b(?:was|were|is|of)\s+|:\s*)(?:zero|nil)\b",
                         re.IGNORECASE)
_MOSTLY = re.compile(r"\b(?:mostly|mainly|majority|most|predominantly|usually|largely)\b",
                     re.IGNORECASE)
NO_EFFECT = re.compile(r"\bsignifican|\bdiffer|\bassociat|\bcorrelat|\bpredict|\beffect\b|"
                        r"\bimpact\b|\binfluenc|\bfactor", re.IGNORECASE)


def negated_here(clause: Clause, mention: Mention, lexicon: Lexicon) -> bool:
    """A negation word right before the outcome (``without intraoperative mortality``)."""
    before = clause.text[:mention.start - clause.offset][-40:]
    return bool(_NEGATED_BEFORE.search(before)) and not NO_EFFECT.search(clause.text)


def _none_reached(clause: Clause, mentions: list[Mention], context: DocumentContext,
                  base: dict) -> list[Candidate]:
    """``These complications were all grade ≤ II``: no patient reached a graver outcome (the
    lexicon's ``none_when`` patterns), so that outcome is 0 of the cohort."""
    if not any(m.outcome == "complications_any" for m in mentions) or _MOSTLY.search(clause.text):
        return []
    return [Candidate(entry.name, "proportion", "negated", rule="none_reached", **base)
            for entry in context.lexicon.outcomes
            if any(p.search(clause.text) for p in entry.none_when)]


def negated_or_universal(text: str, clause: Clause, mentions: list[Mention],
                          tps: list[Timepoint], context: DocumentContext, base: dict
                          ) -> list[Candidate]:
    lex = context.lexicon
    if not mentions or NO_EFFECT.search(text):
        return []
    out = _none_reached(clause, mentions, context, base)
    negation = lex.cue_regex("negation")
    for m in mentions:
        entry = lex.outcome(m.outcome)
        if "proportion" not in entry.measures:
            continue
        before = clause.text[:m.start - clause.offset]
        neg = _NEGATED_BEFORE.search(before[-60:]) or (
            negation.search(before[-60:]) and _NEGATED_START.match(clause.text)) or \
            _ZERO_AFTER.match(clause.text[m.end - clause.offset:])
        if neg:
            basis, rule = "negated", "negated"
        elif _UNIVERSAL.search(clause.text) and lex.cue_regex("occurrence").search(clause.text):
            basis, rule = "universal", "universal"
        else:
            continue
        tp = None
        if m.outcome == "mortality":
            tp = single(tps[0].months) if tps else mortality_timepoint(clause.text, clause, context)
        out.append(Candidate(m.outcome, "proportion", basis, timepoint_months=tp, rule=rule,
                             **base))
    return out
