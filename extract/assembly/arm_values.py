"""One outcome's values arm by arm in one sentence: each value is its arm's finding.

Comparative series state a finding once per arm, the arms named by the words their methods
list them by (``70 with X and 80 with Y``, ``55 X and 55 Y lobectomies were compared``,
``87 (40 X, 47 Y) were studied``; :func:`extract.study.arms.text_to_arm_lists`):

- the value, then its arm: ``Mortality was 4.3% (3 of 70) in the X group and 2.5% (2 of 80)
  in the Y group``; ``... occurred in 3 patients (5.5%) after X and 6 patients (10.9%) after
  Y``;
- the arm between the count and its patients: ``... developed in 6 X patients (15.0%) and 4 Y
  patients (8.5%)``;
- no arm named, the values in the order the arms were listed: ``... was needed in 7 (10.0%)
  and 12 (15.0%) patients, respectively`` (accepted only when every percentage is its count of
  that arm's size).

Read as one finding of the cohort such a sentence gives too small or too large a count; read
arm by arm it gives each arm's record (group = the arm's word, total = its size), which
:mod:`extract.assembly.group_sums` may sum into the cohort's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from extract.assembly.records import percent_agrees, roughly_agrees
from extract.rules.candidates import Candidate, DocumentContext, sentence_to_candidates
from extract.rules.nlp import VETO
from extract.rules.numbers import normalize
from extract.rules.sentences import Sentence
from extract.rules.timepoints import text_to_timepoints
from extract.study.arms import Arm, ArmList
from extract.study.counts import COUNT, count_to_int

_PCT = r"\d+(?:\.\d+)?\s*%"
_OF = r"\s*(?:of|/)\s*"
# "4.3% (3 of 70)", "3 of 70 (4.3%)", "1 patient (1.4%)", "7 (10.0%)", "95.0%"
_VALUE = (rf"(?:{_PCT}\s*\(\s*{COUNT}{_OF}{COUNT}\s*\)|{COUNT}{_OF}{COUNT}(?:\s*\(\s*{_PCT}\s*\))?"
          rf"|{COUNT}\s+(?:patients?\s+)?\(\s*{_PCT}\s*\)|{_PCT})")
_PREPOSITION = r"(?:in|for|among|after|following|with)"
_ARM_NOUN = r"(?:groups?|arms?|cohorts?)"
# values in the arms' order: "in 7 (10.0%) and 12 (15.0%) patients, respectively", "in 78 of
# 86 (90.7%) and 86 of 97 (88.7%)", "in 13 and 15 patients, respectively"
_ORDERED_ITEM = rf"{COUNT}(?:{_OF}{COUNT})?(?:\s*\(\s*{_PCT}\s*\))?"
_IN_ORDER = re.compile(
    rf"(?<![\w.])(?P<vals>{_ORDERED_ITEM}(?:\s*,\s*{_ORDERED_ITEM})*"
    rf"\s*,?\s*and\s+{_ORDERED_ITEM})\s*(?:patients\s*)?,?\s*respectively\b",
    re.IGNORECASE)
_ONE_ORDERED = re.compile(rf"(?P<n>{COUNT})(?:{_OF}(?P<of>{COUNT}))?"
                          rf"(?:\s*\(\s*(?P<p>\d+(?:\.\d+)?)\s*%\s*\))?", re.IGNORECASE)
_COUNT_PCT = re.compile(rf"(?P<n>{COUNT})\s*\(\s*(?P<p>\d+(?:\.\d+)?)\s*%\s*\)", re.IGNORECASE)
# between two arms' values: the first arm's noun, then "and", "vs." or a comma
_BETWEEN = re.compile(r"\s*(?:[\w\-]+\s*){0,2}?(?:,\s*)?(?:and|vs\.?|versus|,|(?:as\s+)?compared\s+"
                      r"(?:with|to)|against)\s*(?:the\s+)?",
                      re.IGNORECASE)


@dataclass(frozen=True)
class _ArmValue:
    label: str
    size: int
    value: str  # the value's own words, read as the finding of the arm
    start: int
    end: int


def arm_value_candidates(sentences: Sequence[Sentence], candidates: Sequence[Candidate],
                         context: DocumentContext, arm_lists: Sequence[ArmList]
                         ) -> list[Candidate]:
    """Replace the candidates of sentences that give one outcome arm by arm with per-arm ones.

    Parameters
    ----------
    sentences : sequence of Sentence
        The prose sentences (their mentions name the outcome).
    candidates : sequence of Candidate
        The sentence rules' candidates of the same sentences.
    context : DocumentContext
        What the sentence rules know about the document (time windows).
    arm_lists : sequence of ArmList
        The arms the document lists with their sizes.

    Returns
    -------
    list of Candidate
        ``candidates`` without those of the sentence's outcome in such a sentence, plus one
        candidate per arm (rule ``arm_values``, group = the arm's word, ``group_n`` its size).
    """
    if not arm_lists:
        return list(candidates)
    out = list(candidates)
    for sentence in sentences:
        outcome = sentence.single_outcome
        if outcome is None:
            continue
        text = normalize(sentence.text)
        values = _arm_values(text, arm_lists, sentence.mentions)
        if not values:
            continue
        found = []
        for value in values:
            found += _read_arm(sentence, text[:values[0].start], value, context, outcome)
        if len(found) != len(values):
            continue
        quote = sentence.text.strip()
        out = [c for c in out if not (c.quote == quote and c.outcome == outcome)] + found
    return out


def _arm_values(text: str, arm_lists: Sequence[ArmList], mentions) -> list[_ArmValue]:
    """The values of a sentence each with its arm (all from one list), or ``[]``."""
    first_mention = min((m.end for m in mentions if m.outcome != VETO), default=len(text))
    for arm_list in arm_lists:
        names = _names(arm_list)
        readings: tuple[list[_ArmValue], ...] = ([], [], [])
        if _labels(tuple(names)).search(text, first_mention):
            # (each reader names an arm: one that names none reads nothing, and the readers
            # are costly to build)
            then_arm, in_count, shared = _arm_readers(tuple(names))
            readings = (
                [_arm_value(names, m, m["v"]) for m in then_arm.finditer(text, first_mention)],
                [_arm_value(names, m, f"{m['n']} {m['noun']}{m['p'] or ''}")
                 for m in in_count.finditer(text, first_mention)],
                [_arm_value(names, m, f"{m['n']} patients")
                 for m in shared.finditer(text, first_mention)])
        # the first way of naming arms the sentence uses at all is the one it uses
        named = next((r for r in readings if r), [])
        if len(named) != len(arm_list.arms) and readings[1] and not readings[0]:
            named = readings[2]  # "6 X and 4 Y patients": only the last names the noun
        if len(named) == len(arm_list.arms) and _one_list(text, named) \
                and all(_agrees(v) for v in named):
            return named
        ordered = _IN_ORDER.search(text, first_mention)
        if ordered:
            items = [m for m in _ONE_ORDERED.finditer(ordered["vals"])]
            if len(items) == len(arm_list.arms) \
                    and all(_fits(item, arm.size) for arm, item in zip(arm_list.arms, items,
                                                                       strict=True)):
                start = ordered.start("vals")
                return [_ArmValue(arm.label, arm.size,
                                  item[0] if item["of"] or item["p"] else f"{item[0]} patients",
                                  start + item.start(), start + item.end())
                        for arm, item in zip(arm_list.arms, items, strict=True)]
    return []


def _alternatives(names: tuple[str, ...]) -> str:
    """Any of ``names``, the longest first, their words apart by any spaces."""
    return "|".join(r"\s+".join(map(re.escape, name.split()))
                    for name in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=64)
def _labels(names: tuple[str, ...]) -> re.Pattern[str]:
    """Any of the arm names ``names``, as the readers of :func:`_arm_readers` match them."""
    return re.compile(_alternatives(names), re.IGNORECASE)


@lru_cache(maxsize=64)
def _arm_readers(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str],
                                                  re.Pattern[str]]:
    """The three ways a sentence names the arms ``names`` beside their values, compiled once
    per list: every sentence of a document is read against the same lists."""
    alternatives = _alternatives(names)
    # the value, then the arm it is of: "... in the X group", "after X"
    then_arm = re.compile(rf"(?<![\w.])(?P<v>{_VALUE})\s+{_PREPOSITION}\s+(?:the\s+)?"
                          rf"(?P<label>{alternatives})\b(?:\s+{_ARM_NOUN}\b)?", re.IGNORECASE)
    # the arm between the count and its patients: "6 X patients (15.0%)"
    in_count = re.compile(rf"(?<![\w.])(?P<n>{COUNT})\s+(?P<label>{alternatives})\s+"
                          rf"(?:{_ARM_NOUN}\s+)?(?P<noun>patients|cases|subjects)"
                          rf"(?P<p>\s*\(\s*{_PCT}\s*\))?", re.IGNORECASE)
    # the arms' counts sharing one noun: "in 8 X and 6 Y patients"
    shared = re.compile(rf"(?<![\w.])(?P<n>{COUNT})\s+(?P<label>{alternatives})\b(?="
                        rf"\s*(?:,\s*|(?:,\s*)?and\s+){COUNT}\s+(?:{alternatives})\b|"
                        rf"\s+(?:{_ARM_NOUN}\s+)?(?:patients|cases|subjects)\b)",
                        re.IGNORECASE)
    return then_arm, in_count, shared


def _fits(item: re.Match, size: int) -> bool:
    """A value in the arms' order is of its arm: its denominator is the arm's size, its
    percentage that of its count of the arm, a count alone no larger than the arm."""
    n = count_to_int(item["n"])
    if n is None or n > size:
        return False
    if item["of"] is not None and count_to_int(item["of"]) != size:
        return False
    return item["p"] is None or percent_agrees(n, size, float(item["p"]) / 100)


def _names(arm_list: ArmList) -> dict[str, Arm]:
    """The words the results may name each arm by, lower case: its label, and the label
    without its noun (``laparoscopic`` of ``laparoscopic group``)."""
    names: dict[str, Arm] = {}
    for arm in arm_list.arms:
        names[arm.label.lower()] = arm
        short = re.sub(rf"\s+{_ARM_NOUN}$", "", arm.label, flags=re.IGNORECASE)
        if short != arm.label and not re.fullmatch(rf"{_ARM_NOUN}", short, re.IGNORECASE):
            names[short.lower()] = arm
    return names


def _arm_value(names: dict[str, Arm], m: re.Match, value: str) -> _ArmValue:
    arm = names[" ".join(m["label"].lower().split())]
    return _ArmValue(arm.label, arm.size, value, m.start(), m.end())


def _one_list(text: str, values: list[_ArmValue]) -> bool:
    """The arms' values follow one another (``A ... and B ...``) with no other finding
    between them, each arm once."""
    if len({v.label for v in values}) != len(values):
        return False
    return all(_BETWEEN.fullmatch(re.sub(r"\([^()]*\)", "", text[a.end:b.start]))
               for a, b in zip(values, values[1:], strict=False))


def _agrees(value: _ArmValue) -> bool:
    """A count with its percentage is of the arm's size (a slip of a point is allowed); a count
    alone is no larger than its arm."""
    bare = re.fullmatch(rf"({COUNT})\s+patients", value.value, re.IGNORECASE)
    if bare:  # a count alone: no more than the arm has
        return (count_to_int(bare[1]) or value.size + 1) <= value.size
    m = _COUNT_PCT.search(value.value)
    if m is None or re.search(_OF, value.value):
        return True
    n, pct = count_to_int(m["n"]), float(m["p"]) / 100
    return n is not None and (percent_agrees(n, value.size, pct)
                              or roughly_agrees(n, value.size, pct))


def _read_arm(sentence: Sentence, prefix: str, value: _ArmValue, context: DocumentContext,
              outcome: str) -> list[Candidate]:
    """The arm's finding: the sentence's opening (outcome, time) with this arm's value."""
    text = prefix + value.value
    mentions = tuple(m for m in sentence.mentions if m.end <= len(prefix))
    own = replace(sentence, text=text, mentions=mentions)
    found = [c for c in sentence_to_candidates(own, normalize(text), text_to_timepoints(text),
                                               replace(context, previous=sentence.previous))
             if c.outcome == outcome]
    if len(found) != 1:
        return []
    c = found[0]
    if c.total is not None and c.total != value.size:
        return []
    return [replace(c, group=value.label, group_n=value.size, quote=sentence.text.strip(),
                    rule="arm_values")]
