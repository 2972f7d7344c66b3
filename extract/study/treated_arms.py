"""The arms of a comparative series stated by their counts and the treatment each received.

Many abstracts never state their cohort as one number: they give it as the arms' counts, each
with the treatment it received (``Fifty-eight patients underwent robotic repair and 64
underwent open repair``; ``Patients were assigned to three groups: 34 underwent X, 14
received Y and 36 were treated medically``; ``Open drainage was performed in 31 patients and
percutaneous drainage in 27``). The arms together are the cohort (122; 84; 58). The same
shape also lists events of a part of the cohort (``12 patients underwent reoperation and 5
received transfusion``), so a sentence naming an event, or giving a share, lists no arms.
"""

from __future__ import annotations

import re

from extract.study.counts import COUNT, PEOPLE, count_to_int

__all__ = ["sentence_to_treated_arms_total"]

_FILLER = r"(?:(?!(?:and|or|of|in|with|to|for)\b)[A-Za-z][\w\-]*\s+){0,2}?"
# the verb that gives an arm its treatment ("underwent X", "were treated with X")
_VERB = (r"(?:underwent|received|(?:were|was)\s+(?:treated|operated|managed)"
         r"(?:\s+(?:with|by|on|using|via))?)")
# one arm: "58 patients underwent", "64 underwent", "thirty-five received", "36 were treated"
_ARM = re.compile(rf"(?<![\w.,])(?P<n>{COUNT})\s+(?P<noun>{_FILLER}{PEOPLE}\s+)?{_VERB}\b",
                  re.IGNORECASE)
# a count between two arms that counts something else ("one had surgery on day 2"), not a
# time or a measure ("followed within 2 weeks by X")
_OTHER_COUNT = re.compile(rf"(?<![\w.]){COUNT}\s+(?!(?:hours?|days?|weeks?|months?|years?|mm|cm|"
                          r"ml|mg|kg|Gy|French|Fr)\b)[A-Za-z]", re.IGNORECASE)
_LAST_GAP = re.compile(r"(?:^|[\s,])(?:and|while|whereas)\s*$", re.IGNORECASE)
# the verb of a procedure done to a count of people
_DONE = (r"(?:was|were)\s+(?:\w+\s+)?(?:performed|done|carried\s+out|undertaken|used|"
         r"applied)")
# "X was performed in 40 patients and Y (was performed) in 22 (patients)"
_DONE_IN = re.compile(
    rf"\b{_DONE}\s+(?:to|in|on|for)\s+(?P<a>{COUNT})\s+{_FILLER}{PEOPLE}\s*,?\s*"
    rf"(?:and|while|whereas)\s+(?:[A-Za-z][\w\-]*\s+){{1,4}}?(?:{_DONE}\s+)?(?:to|in|on|for)\s+"
    rf"(?P<b>{COUNT})\b(?!\s*%)",
    re.IGNORECASE)
# what happens to a part of the cohort, never an arm's treatment
_EVENT = re.compile(
    r"\b(?:re-?(?:operat|interven|laparotom|thoracotom|admi|do\b|vision|currence|current)\w*|"
    r"revision|complicat\w*|died|death|transfus\w*|conver\w*|salvage|rescue|bail-?out|"
    r"additional|further|second|repeat\w*|auxiliary|adjuvant)", re.IGNORECASE)


def sentence_to_treated_arms_total(sentence: str) -> int | None:
    """The cohort one sentence gives as arms by count and treatment, else ``None``.

    Parameters
    ----------
    sentence : str
        One sentence of the paper.

    Returns
    -------
    int or None
        The sum of the arms' counts (``Fifty-eight patients underwent X and 64 underwent
        Y`` → 122); ``None`` when the sentence lists no such arms, gives a share (``%``) or
        names an event of a part of the cohort (reoperation, transfusion, complications).
    """
    if "%" in sentence or _EVENT.search(sentence):
        return None
    arms = list(_ARM.finditer(sentence))
    # (the people counted are named at the first arm or before it: "Patients were assigned
    # to three groups: 34 underwent X, 14 received Y and 36 were treated medically")
    if len(arms) >= 2 and (arms[0]["noun"] is not None
                           or re.search(PEOPLE, sentence[:arms[0].start()], re.IGNORECASE)):
        gaps = [sentence[a.end():b.start()] for a, b in zip(arms, arms[1:], strict=False)]
        # (the arms' own list: no other count between them, "and" before the last)
        if _LAST_GAP.search(gaps[-1]) and not any(_OTHER_COUNT.search(g) for g in gaps) \
                and all(count_to_int(a["n"]) for a in arms):
            return sum(count_to_int(a["n"]) or 0 for a in arms)
    match = _DONE_IN.search(sentence)
    if not match:
        return None
    a, b = count_to_int(match["a"]), count_to_int(match["b"])
    return a + b if a and b else None
