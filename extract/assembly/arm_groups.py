"""Findings of one arm: a sentence naming an arm of the document's arm model is about it.

The document's arms (:func:`extract.study.arms.text_to_arms`: ``Group A (n=28)``, ``group B
(n=56)``) are named again where their findings are reported:

- one arm: ``Procedure-related complications in group A occurred in 2 (7.1%) patients`` and
  ``Of the 28 patients in group A, one died`` are group A's findings (2 of its 28);
- several arms, each with its own count: ``One patient in group A and 3 patients in group B
  died`` is one death in group A and three in group B, never four deaths of the cohort read
  from the last count.

A value given to an arm by its place in a list (``in the A and B groups (40 [95%] vs. 38
[90%])``, rule ``respectively``) is that arm's too. The arm's size becomes the candidate's
``group_n``; :mod:`extract.assembly.group_sums` may
then sum arms that partition the cohort.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.rules.findings import Candidate
from extract.study.counts import COUNT, count_to_int

# the cohort as a whole is named: the sentence is not one arm's
_WHOLE = re.compile(r"\b(?:overall|in total|all patients|both (?:groups|arms)|the whole|"
                    r"the entire|all \d+ patients)\b", re.IGNORECASE)


def candidates_to_arm_groups(candidates: Sequence[Candidate], arms: dict[str, int]
                             ) -> list[Candidate]:
    """Give whole-cohort candidates of sentences that name arms those arms' groups.

    Parameters
    ----------
    candidates : sequence of Candidate
        Candidates of the prose, in document order.
    arms : dict
        The document's arms, label to size (:func:`extract.study.arms.text_to_arms`).

    Returns
    -------
    list of Candidate
        A candidate of a sentence naming one arm moved to that arm; candidates of a sentence
        giving each of several arms its own count replaced by one candidate per arm.
    """
    if not arms:
        return list(candidates)
    out: list[Candidate] = []
    split: set[tuple] = set()
    for c in candidates:
        if c.rule == "respectively" and c.group_n is None and c.group in arms:
            # "similar in the A and B groups (40 [95%] vs. 38 [90%])": each value is its arm's
            out.append(replace(c, group_n=arms[c.group]))
            continue
        own = c.group == "all" or _names_an_arm(c.group, arms)
        if not own or c.rule != "paired" or not c.quote or _WHOLE.search(c.quote):
            out.append(c)
            continue
        per_arm = _counts_per_arm(c.quote, arms)
        if len(per_arm) >= 2 and c.count in {n for _, n in per_arm}:
            key = (c.quote, c.outcome, c.measure, c.timepoint_months)
            if key not in split:
                split.add(key)
                out.extend(replace(c, group=label, count=n, total=None, percent=None,
                                   group_n=arms[label]) for label, n in per_arm)
            continue
        named = _arms_named(c.quote, arms)
        if len(named) == 1 and not per_arm[1:] and c.group == "all":
            label = named[0]
            if c.count is None or c.count <= arms[label]:
                c = replace(c, group=label, group_n=arms[label])
        out.append(c)
    return out


def _names_an_arm(group: str, arms: dict[str, int]) -> bool:
    """A sentence's group that is an arm's short name (``stent`` of ``stent group``)."""
    words = group.lower().split()
    return bool(words) and any(arm.lower().split()[:len(words)] == words for arm in arms)


def _label_pattern(label: str) -> str:
    return r"\s+".join(re.escape(word) for word in label.split())


def _arms_named(quote: str, arms: dict[str, int]) -> list[str]:
    """The arms a sentence names (``in group A``, ``of the group B``), in the model's labels."""
    return [label for label in arms
            if re.search(rf"\b(?:in|of|among|for|within)\s+(?:the\s+)?{_label_pattern(label)}\b",
                         quote, re.IGNORECASE)]


def _counts_per_arm(quote: str, arms: dict[str, int]) -> list[tuple[str, int]]:
    """``1 patient in group A and 3 patients in group B``: each arm's own count, in order."""
    found: list[tuple[int, str, int]] = []
    for label in arms:
        # ("1 and 3 in group 2": the words between count and arm are no count or "and")
        pattern = (rf"(?<![\w.])(?P<n>{COUNT})\s+(?:(?!(?:and|or)\b)[A-Za-z][\w\-]*\s+){{0,2}}?"
                   rf"(?:in|of)\s+(?:the\s+)?{_label_pattern(label)}\b")
        for m in re.finditer(pattern, quote, re.IGNORECASE):
            n = count_to_int(m["n"])
            if n is not None and n < arms[label]:  # "the 28 patients in group A" is its size
                found.append((m.start(), label, n))
                break
    return [(label, n) for _, label, n in sorted(found)]
