"""Abbreviations a document defines: ``long form (ABBR)``.

Papers define their abbreviations once, ``target lesion revascularisation (TLR)``, and use the
short form afterwards. A bracketed all-capitals token is a definition when its letters are, in
order, the initials of the words right before it (a word may give more than one letter:
``non-small cell lung cancer (NSCLC)``); a single word is no long form (``in 34 patients
(PE)``), and an abbreviation used inside a long form is read out (``repeat TKA (RTKA)``, with
``TKA`` defined as ``total knee arthroplasty``, is ``repeat total knee arthroplasty``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

# "(TLR)", "(RCIs)": two to eight capitals, digits or hyphens, an optional plural "s"
_BRACKETED = re.compile(r"\(\s*(?P<abbr>[A-Z][A-Z0-9\-]{1,7})(?:s)?\s*\)")
_WORD = re.compile(r"[A-Za-z][\w\-]*")
#: Words an abbreviation usually skips (``rate of stent thrombosis (ST)``).
_SKIPPED = frozenset({"of", "the", "and", "in", "for", "to", "with", "a", "an", "on", "by"})


@lru_cache(maxsize=4)  # the arm and population readers ask it of the same document text
def text_to_abbreviations(text: str) -> Mapping[str, str]:
    """Each abbreviation the text defines, mapped to its long form (first definition wins).

    Parameters
    ----------
    text : str
        The document's text.

    Returns
    -------
    Mapping
        ``{"TLR": "target lesion revascularisation"}`` (read-only: it is shared by callers).
    """
    found: dict[str, str] = {}
    for m in _BRACKETED.finditer(text):
        abbr = m["abbr"]
        if abbr in found:
            continue
        words = _WORD.findall(text[max(0, m.start() - 120):m.start()])
        long_form = _long_form(abbr, words)
        if long_form:
            found[abbr] = long_form
    return MappingProxyType({abbr: _expanded(long, found) for abbr, long in found.items()})


def _expanded(long_form: str, found: dict[str, str]) -> str:
    """``repeat CI`` with ``CI`` defined as ``cochlear implant``: ``repeat cochlear implant``."""
    return " ".join(found.get(w, w) if w.isupper() else w for w in long_form.split())


def _long_form(abbr: str, words: list[str]) -> str | None:
    """The shortest run of words ending before the bracket whose initials spell ``abbr``."""
    letters = re.sub(r"[^A-Z]", "", abbr.upper())
    if len(letters) < 2:
        return None
    for n in range(1, min(len(words), len(letters) + 3) + 1):
        run = words[-n:]
        if run[0].lower() in _SKIPPED:
            continue
        if _spells(letters, run):
            return " ".join(run)
    return None


def _spells(letters: str, run: list[str]) -> bool:
    """Whether ``letters`` start every word of ``run`` that is not a skipped word, in order;
    letters left over may come from inside those words (``NSCLC`` of ``non-small cell lung
    cancer``)."""
    content = [w.upper() for w in run if w.lower() not in _SKIPPED]
    if len(content) < 2 or len(content) > len(letters):  # one word: "patients (PE)" is none
        return False
    return _spelled_by(letters, content)


def _spelled_by(letters: str, words: list[str]) -> bool:
    """``letters`` as each word's initial followed by letters found inside it, in order (the
    word's initial alone tried first)."""
    if not words:
        return not letters
    word = words[0]
    if not letters or word[0] != letters[0]:
        return False
    for extra in range(len(letters) - len(words) + 1):
        if _subsequence(letters[1:1 + extra], word[1:]) \
                and _spelled_by(letters[1 + extra:], words[1:]):
            return True
    return False


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)
