"""The cohort's own condition: a finding "in patients with" it is the whole cohort's.

A case series names the condition every patient has in its title ("Resection of hilar
cholangiocarcinoma: ...") or its inclusion statement ("Consecutive patients with hilar
cholangiocarcinoma were included"). ``Five-year survival was 34% in patients with hilar
cholangiocarcinoma`` then reports on everyone (gold-guide "Groups": ``all`` when the
denominator is the whole cohort), not on a stratum. A feature the title sets against another
(``with or without portal vein invasion``, ``... versus ...``) is a stratum all the same.
"""

from __future__ import annotations

import re

# an inclusion statement and the condition it names after its patients
_INCLUDED = re.compile(r"\b(?:included|enrolled|identified|recruited|consecutive|reviewed|"
                       r"analy[sz]ed)\b", re.IGNORECASE)
#: Characters either side of an inclusion word searched for its sentence.
STATEMENT_WINDOW = 200
# (what they had done to them, "who had undergone X", is their treatment, not a condition)
_WITH_CONDITION = re.compile(
    r"\b(?:patients|cases|adults|children|subjects|participants|men|women)\s+(?:(?:diagnosed|"
    r"presenting)\s+with\s+|with\s+)(?P<c>[^,;()]{3,100})",
    re.IGNORECASE)
# a title or statement that sets strata against each other names no condition of everyone
_CONTRAST = re.compile(r"\b(?:without|versus|vs\.?|compared|comparison|or|non-\w+)\b",
                       re.IGNORECASE)
# nor does a statement listing the arms' patients one after another ("46 with X and 64
# patients with Y")
_ANOTHER_SET = re.compile(r"\b(?:patients?|cases|groups?|arms?)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w\-]+")


def cohort_condition(title: str | None, text: str) -> tuple[tuple[str, ...], ...]:
    """The phrases naming the condition of the whole cohort, as word tuples: the title and
    the condition after the patients of each inclusion statement; none that contrasts strata.

    Parameters
    ----------
    title : str, optional
        The document's title.
    text : str
        The document's normalised text.
    """
    phrases = [title] if title else []
    for word in _INCLUDED.finditer(text):
        phrases.extend(m["c"] for m in _WITH_CONDITION.finditer(_statement(text, word))
                       if not _ANOTHER_SET.search(m["c"]))
    return tuple(_words(p) for p in phrases if not _CONTRAST.search(p))


def names_own_condition(label: str, condition: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a stratum's label (``glioblastoma``, ``with hilar cholangiocarcinoma``) is the
    cohort's own condition: its words, in order, are a phrase of the title or of an inclusion
    statement (a plural and its singular are one word); a feature denied (``without ...``)
    is never the condition."""
    words = _words(re.sub(r"^\s*(?:with|having)\s+", "", label, flags=re.IGNORECASE))
    if not words or words[0] in ("without", "no", "non") or _CONTRAST.search(label):
        return False
    size = len(words)
    return any(phrase[i:i + size] == words for phrase in condition
               for i in range(len(phrase) - size + 1))


def _statement(text: str, word: re.Match[str]) -> str:
    """The sentence around an inclusion word, within :data:`STATEMENT_WINDOW` characters."""
    before = text[max(0, word.start() - STATEMENT_WINDOW):word.start()]
    after = text[word.end():word.end() + STATEMENT_WINDOW]
    return re.split(r"[.;]", before)[-1] + word.group(0) + re.split(r"[.;]", after)[0]


def _words(text: str) -> tuple[str, ...]:
    return tuple(_singular(w.lower()) for w in _WORD.findall(text))


def _singular(word: str) -> str:
    # "metastases" and "metastasis", "tumours" and "tumour" are one word
    if word.endswith("ses") and len(word) > 5:
        return word[:-2] + "is"
    if word.endswith(("is", "us", "ss")):
        return word
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word
