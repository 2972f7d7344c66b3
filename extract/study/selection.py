"""The end of a selection funnel stated without its noun.

A paper that narrows its population in one sentence names the patients once, at the head of
the funnel, and leaves the noun out of the count that is left: ``Of 1,204 patients screened,
389 met the inclusion criteria``, ``310 patients were randomised; 296 were analysed``, ``After
excluding 12 patients lost to follow-up, 145 remained``, ``9 were excluded, leaving 78 for
analysis``. That last count is the cohort the study selected.

Losses after the cohort was formed do not shrink it: in ``310 patients were randomised; 296
were analysed`` or ``115 patients were included ... 114 were available for follow-up`` the
cohort is the patients included (the gold files keep 115 there), so a head that is itself
an inclusion statement ends no funnel.
"""

from __future__ import annotations

import re

from extract.study.counts import COUNT, PEOPLE, count_to_int

__all__ = ["sentence_to_funnel_ends"]

# the verbs that say a count is what the study kept
_KEPT = (
    r"(?:were|was)\s+(?:\w+\s+)?(?:included|enrolled|analy[sz]ed|eligible|studied|selected|"
    r"evaluable|retained)\b|met\s+(?:the\s+|our\s+|all\s+)?(?:\w+\s+)?(?:inclusion|eligibility|"
    r"study|selection)\s+criteria\b|remained(?=\s*(?:[,;.)]|$|for\b|in\s+the\s+(?:study|"
    r"analysis|cohort)\b))|(?:were\s+)?(?:left|available)\s+for\s+"
    r"(?:the\s+)?(?:final\s+)?analys[ie]s\b"
)
# "145 remained", "296 were analysed", "389 met the inclusion criteria": no noun between
_BARE_KEPT = re.compile(rf"(?<![\w.,\-])(?P<count>{COUNT})\s+(?:{_KEPT})", re.IGNORECASE)
# "leaving 78 for analysis", "resulting in 64": what an exclusion leaves
_BARE_LEFT = re.compile(
    rf"\b(?:leaving|left|resulting\s+in|yielding)\s+(?:a\s+total\s+of\s+)?(?P<count>{COUNT})\b"
    # (the count stands alone: "leaving 31 survivors" names its own, smaller, group)
    r"(?=\s*(?:[,;)]|\.(?!\d)|$|for\b|in\s+the\b|eligible\b|available\b|to\s+be\b|who\b))",
    re.IGNORECASE,
)
# the noun the ellipsis leaves out, stated earlier in the sentence: "Of 1,204 patients"
# "between January 2012 and December 2019 were included": a year, not a count
_BEFORE_YEAR = re.compile(r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
                          r"\b(?:in|since|until|till|to|from|and|through|of|end)|[\-\u2013/])\s*$",
                          re.IGNORECASE)
_HEAD = re.compile(rf"(?<![\w.])(?:{COUNT})\s+(?:[\w\-]+\s+){{0,3}}?{PEOPLE}\b", re.IGNORECASE)
# a head that already states the cohort: "310 patients were randomised", "120 were enrolled"
_HEAD_INCLUDED = re.compile(
    r"^\W*(?:[\w\-]+\s+){0,8}?(?:(?:were|was|had\s+been)\s+(?:\w+\s+)?(?:included|enrolled|"
    r"randomi[sz]ed|recruited|treated|operated|allocated)|underwent)\b", re.IGNORECASE)
# kept for a part of the study, not the study: "30 were included in the high-risk group",
# "20 were analysed for quality of life"
# "61 were analysed at 12 months", "12 were studied with CT and 29 with MRI": those followed
# to a time, or one way of a split, not the cohort
_PART = re.compile(r"^\s*(?:(?:in|into|for)\s+(?!(?:the\s+)?(?:final\s+)?(?:analys[ie]s|study|"
                   r"series|cohort)\b)|(?:at|after|by|during|beyond|with|using|via|on)\b)",
                   re.IGNORECASE)


def sentence_to_funnel_ends(sentence: str) -> list[int]:
    """The counts a sentence keeps after naming its patients, without repeating the noun.

    Parameters
    ----------
    sentence : str
        One sentence of the paper.

    Returns
    -------
    list of int
        ``[389]`` for ``Of 1,204 patients screened, 389 met the inclusion criteria``; ``[]``
        when no count of people comes first (``45 were included`` alone names nobody), when
        that count was already included (``120 were enrolled; 112 were analysed``) or when the
        count was kept for a part of the study (``30 were included in the surgical group``,
        ``61 were analysed at 12 months``).
    """
    found = []
    for match in [*_BARE_KEPT.finditer(sentence), *_BARE_LEFT.finditer(sentence)]:
        after = sentence[match.end():]
        before = sentence[:match.start("count")]
        heads = list(_HEAD.finditer(before))
        if not heads or _PART.match(after) or _HEAD_INCLUDED.match(before[heads[0].end():]):
            continue
        count = count_to_int(match["count"])
        if count and 1900 <= count <= 2099 and _BEFORE_YEAR.search(before):
            continue
        if count:
            found.append(count)
    return found
