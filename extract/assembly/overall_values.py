"""The cohort's value stated after its arms' values in one sentence.

Comparative series often close a sentence of per-arm values with the value of the whole cohort:
``Major morbidity was 12% in the X group and 18% in the Y group, and overall 15%``;
``... 4% and 7% respectively, 5.5% for the entire series``; ``... (log-rank P = 0.4); in the
whole cohort 61%``. That last value is the cohort's own finding (gold-guide "Groups": ``all``
when the denominator is the whole cohort), so it is read as such, with the sentence's opening
(outcome, time) in front of it; the arms' sum is then not needed and not made
(:mod:`extract.assembly.group_sums` sums only what has no ``all`` candidate).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.rules.candidates import Candidate, DocumentContext, sentence_to_candidates
from extract.rules.numbers import normalize
from extract.rules.sentences import Sentence
from extract.rules.timepoints import text_to_timepoints

_PCT = r"\d+(?:\.\d+)?\s*%"
# words that name the whole cohort as a value's group
_WHOLE = (r"(?:overall|in\s+total|(?:for|in|among)\s+(?:the\s+)?(?:whole|entire|total)\s+"
          r"(?:cohort|series|population|study\s+population|sample)|(?:for|in|among)\s+all\s+"
          r"(?:\d+\s+)?patients)")
# the whole cohort, then its value: "and overall 6.4%", "for the entire series 4%"; or the
# value, then the whole cohort: "5.5% overall"; a bracket after the value (its CI) goes with it
_BRACKET = r"(?:\s*\([^()]*\))?"
_WHOLE_THEN_VALUE = re.compile(rf"\b{_WHOLE}\s*(?:,\s*|:\s*|was\s+|of\s+)?(?P<v>{_PCT}{_BRACKET})",
                               re.IGNORECASE)
_VALUE_THEN_WHOLE = re.compile(rf"(?<![\w.])(?P<v>{_PCT})\s+{_WHOLE}\b", re.IGNORECASE)
_ANY_PCT = re.compile(rf"(?<![\w.]){_PCT}")
#: Values before the cohort's that mark the sentence as one of values arm by arm.
MIN_ARM_VALUES = 2


def overall_value_candidates(sentences: Sequence[Sentence], candidates: Sequence[Candidate],
                             context: DocumentContext) -> list[Candidate]:
    """Add the cohort's candidate of sentences that state it after their arms' values.

    Parameters
    ----------
    sentences : sequence of Sentence
        The prose sentences (their mentions name the outcome).
    candidates : sequence of Candidate
        The candidates read so far (sentence rules, arm by arm).
    context : DocumentContext
        What the sentence rules know about the document (time windows).

    Returns
    -------
    list of Candidate
        ``candidates`` with, for each such sentence of one outcome, its other whole-cohort
        candidates of that outcome (readings of an arm's value as the cohort's) replaced by
        the stated one (rule ``overall_value``); unchanged when the sentence already gives the
        cohort that value.
    """
    out = list(candidates)
    for sentence in sentences:
        outcome = sentence.single_outcome
        if outcome is None:
            continue
        text = normalize(sentence.text)
        first_mention = min(m.end for m in sentence.mentions if m.outcome == outcome)
        found = _overall(sentence, text, first_mention, context, outcome)
        if found is None:
            continue
        quote = sentence.text.strip()
        mine = [c for c in out if c.quote == quote and c.outcome == outcome and c.group == "all"]
        if any(c.percent is not None and abs(c.percent - (found.percent or -1)) < 1e-9
               or c.value is not None and abs(c.value - (found.value or -1)) < 1e-9
               for c in mine):
            continue  # the sentence rules read it already
        out = [c for c in out if c not in mine] + [found]
    return out


def _overall(sentence: Sentence, text: str, first_mention: int, context: DocumentContext,
             outcome: str) -> Candidate | None:
    """The cohort's candidate of the value the sentence names the whole cohort's, if it
    follows at least :data:`MIN_ARM_VALUES` other percentages."""
    matches = [m for rx in (_WHOLE_THEN_VALUE, _VALUE_THEN_WHOLE)
               for m in rx.finditer(text, first_mention)]
    if len(matches) != 1:
        return None
    match = matches[0]
    before = list(_ANY_PCT.finditer(text, first_mention, match.start("v")))
    if len(before) < MIN_ARM_VALUES:
        return None
    prefix = text[:before[0].start()]
    own_text = prefix + match["v"]
    mentions = tuple(m for m in sentence.mentions if m.end <= len(prefix))
    own = replace(sentence, text=own_text, mentions=mentions)
    found = [c for c in sentence_to_candidates(own, normalize(own_text),
                                               text_to_timepoints(own_text),
                                               replace(context, previous=sentence.previous))
             if c.outcome == outcome]
    if len(found) != 1 or found[0].group != "all":
        return None
    return replace(found[0], quote=sentence.text.strip(), rule="overall_value")
