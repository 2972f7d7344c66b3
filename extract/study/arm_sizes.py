"""Arm sizes written as lists in the methods, without ``group (n = 28)`` brackets.

Comparative series in many house styles size their arms in a list rather than with a bracketed
``n =`` after a group word:

- ``(ORX n = 58; LAP n = 49)``, ``(n = 418; A n = 301, B n = 117)``: a label, then its ``n =``;
- ``75 RAS and 75 open gastrectomy (OG) patients were compared``: counts, each
  naming an abbreviation the text defines;
- ``(n = 512) were included; DCB 290, POBA 222``: a label, then its bare count;
- ``were 230; nonagenarians were 30 (13.0 %) and younger patients 200``: a word, ``were``, its
  count.

A bare count after a label may be anything (``grade 3 12``), so the two looser forms are arms
only when their counts add up to a count the same sentence states: the whole the list
partitions.
"""

from __future__ import annotations

import re

from extract.study.abbreviations import text_to_abbreviations
from extract.study.counts import COUNT, count_to_int

_ABBR = r"(?-i:[A-Z][A-Z0-9\-]{1,7})"
# "ORX n = 58", "LAP n = 49" (a comma or colon may come between)
_LABEL_N = re.compile(rf"(?<![\w\-])(?P<label>{_ABBR})\s*[,:]?\s*[nN]\s*=\s*(?P<n>\d{{1,5}})\b")
# "75 RAS", "75 open gastrectomy (OG)"
_COUNT_ABBR = (rf"(?<![\w.])(?P<n>{COUNT})\s+(?:(?:[a-z][\w\-]*\s+){{1,3}}\(\s*)?"
               rf"(?P<label>{_ABBR})\b\)?")
_COUNT_ABBR_LIST = re.compile(rf"{_COUNT_ABBR}(?:\s*,\s*{_COUNT_ABBR.replace('?P<', '?P<x')})*"
                              rf"\s*,?\s*(?:and|vs\.?|versus)\s+"
                              rf"{_COUNT_ABBR.replace('?P<', '?P<y')}", re.IGNORECASE)
_ONE_COUNT_ABBR = re.compile(_COUNT_ABBR, re.IGNORECASE)
_FINDING_BEFORE = re.compile(r"\b(?:in|of|among|for|to|by)\s*$", re.IGNORECASE)
# "DCB 290, POBA 222" (not a measurement: "BMI 28 kg")
_ABBR_COUNT = (rf"(?<![\w\-])(?P<label>{_ABBR})\s+(?P<n>\d{{1,5}})(?![\d.]*\d)(?!\s*(?:%|[a-z]))")
_ABBR_COUNT_LIST = re.compile(rf"{_ABBR_COUNT}(?:\s*(?:,|;|\band\b)\s*"
                              rf"{_ABBR_COUNT.replace('?P<', '?P<x')})+")
_ONE_ABBR_COUNT = re.compile(_ABBR_COUNT)
# "nonagenarians were 30 (13.0 %) and younger patients 200"
_WORD_LABEL = r"[a-z][\w\-]*(?:\s+(?:patients|cases))?"
_WERE_COUNTS = re.compile(
    rf"(?<![\w\-])(?P<a>{_WORD_LABEL})\s+were\s+(?P<n>\d{{1,5}})(?:\s*\([^()]*\))?\s*,?\s*and\s+"
    rf"(?P<b>{_WORD_LABEL})\s+(?:were\s+)?(?P<m>\d{{1,5}})\b(?![\d.,]*\s*%)")
_STATED_COUNT = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+|(?<![\w.,])\d{1,5}(?![\w.,]*\d)")
# a label that is a word of the sentence's grammar, never an arm
_NOT_A_LABEL = frozenset({"patients", "cases", "there", "they", "these", "those", "who", "which",
                          "all", "both", "and", "or", "of", "the"})


def sentence_to_listed_arms(sentence: str, text: str = "") -> list[tuple[str, int]]:
    """The arms one sentence sizes in a list, ``[(label, size), ...]`` in order.

    Parameters
    ----------
    sentence : str
        One sentence of the paper.
    text : str, optional
        The whole document: an abbreviation named with a count must be one it defines
        (``75 RAS``); without it the sentence's own definitions count.

    Returns
    -------
    list of tuple
        Two or more distinct labels with their sizes, else ``[]``.
    """
    if not re.search(r"\d", sentence):
        return []
    found = _distinct([(m["label"], int(m["n"])) for m in _LABEL_N.finditer(sentence)])
    if len(found) >= 2:
        return found
    stated = {int(m[0].replace(",", "")) for m in _STATED_COUNT.finditer(sentence)}
    defined = _introduced(text or sentence)
    for listed in _COUNT_ABBR_LIST.finditer(sentence):
        if _FINDING_BEFORE.search(sentence[:listed.start()]):
            continue  # "occurred in 4 A and 6 B patients": counts of a finding, not arms
        arms = _distinct([(m["label"], count_to_int(m["n"]) or 0)
                          for m in _ONE_COUNT_ABBR.finditer(listed[0])])
        patients = re.match(r"\s*(?:patients|cases)\b", sentence[listed.end():])
        if len(arms) >= 2 and all(n and (label in defined or patients) for label, n in arms):
            return arms  # ("186 A and 186 B patients were compared": arms, defined or not)
    for listed in _ABBR_COUNT_LIST.finditer(sentence):
        arms = _distinct([(m["label"], int(m["n"])) for m in _ONE_ABBR_COUNT.finditer(listed[0])])
        if len(arms) >= 2 and all(label in defined for label, _ in arms) \
                and sum(n for _, n in arms) in stated:
            return arms
    for m in _WERE_COUNTS.finditer(sentence):
        arms = _distinct([(_label(m["a"]), int(m["n"])), (_label(m["b"]), int(m["m"]))])
        if len(arms) == 2 and not {label for label, _ in arms} & _NOT_A_LABEL \
                and sum(n for _, n in arms) in stated:
            return arms
    return []


def _introduced(text: str) -> set[str]:
    """The abbreviations a text defines, and those it introduces in brackets after words
    whose initials they are not (``drug-coated balloon (DCB)``): labels the paper gave."""
    return {*text_to_abbreviations(text), *re.findall(rf"\(\s*({_ABBR})\s*\)", text)}


def _label(words: str) -> str:
    """``younger patients`` is the arm ``younger``: the noun every arm shares is dropped."""
    return re.sub(r"\s+(?:patients|cases)$", "", " ".join(words.split()))


def _distinct(arms: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The arms when every label is named once, else ``[]`` (a label twice is no list)."""
    labels = [label.lower() for label, _ in arms]
    return arms if len(set(labels)) == len(labels) else []


# "Carotid endarterectomy versus carotid artery stenting for ...": what a paper compares
_VERSUS = re.compile(r"(?P<a>(?:[A-Za-z][\w\-]*\s+){0,3}[A-Za-z][\w\-]*)\s+(?:versus|vs\.?)\s+"
                     r"(?P<b>[A-Za-z][\w\-]*(?:\s+(?!(?:for|in|of|with|after|among|on|at)\b)"
                     r"[A-Za-z][\w\-]*){0,3})")


def versus_sides(text: str) -> tuple[str, str] | None:
    """The two sides of the first ``X versus Y`` of a text (its title, usually): what its two
    arms are, in order, when the arms' labels are not defined (``CEA`` and ``CAS``)."""
    m = _VERSUS.search(text)
    return (m["a"], m["b"]) if m else None
