"""The label an arm's records carry: the paper's own short name for the arm.

The sentence rules name a stratum or arm by the words that single its patients out of the
cohort (``patients who underwent salvage surgery``, ``in patients with Child-Pugh B``), but a
reviewer labels the arm as the paper names it (gold-guide "Groups": ``Group A``, ``G3``,
``CT``, ``complete resection``):

- the words that only say the patients had it are not the arm's name: ``who underwent salvage
  surgery`` is ``salvage surgery``, ``with Child-Pugh B`` is ``Child-Pugh B``, ``treated with
  a stent graft`` is ``stent graft``, ``who did not complete the second cycle`` is ``did not
  complete the second cycle``;
- a name the paper shortens and then uses in its short form is the short form: ``without
  nodal disease (pN0)`` with ``pN0`` used again is ``pN0``; ``transarterial embolisation``
  with ``transarterial embolisation (TAE)`` defined and ``TAE`` used again is ``TAE``.

Qualifiers of age or size (``aged 80 years or older``, ``older than 65 years``) are the arm's
name as the paper states it and are kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from extract.model import ExtractedRecord
from extract.study.abbreviations import text_to_abbreviations

# "who underwent", "who had undergone", "treated with", "receiving", "with a": the patients
# had what follows, which is the arm's name
_HAD = re.compile(
    r"^(?:patients\s+)?(?:(?:who|that)\s+(?:had\s+undergone|underwent|had|received|were\s+"
    r"(?:treated|managed)\s+(?:with|by)|were\s+given)|(?:treated|managed)\s+(?:with|by)|"
    r"undergoing|receiving|with)\s+(?:an?\s+|the\s+)?(?=\S)",
    re.IGNORECASE)
# "who did not complete ...", "who failed to ...": the arm is named by what its patients did
# (not "who died", "who were alive": the living and the dead are named by the whole phrase)
_WHO = re.compile(r"^(?:patients\s+)?(?:who|that)\s+(?!died|survived|were|was|are|is)(?=\S)",
                  re.IGNORECASE)
_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?!\w)", re.IGNORECASE)
# a short name in brackets: "(pN0)", "(CRET)", "(G2)"
_SHORT = r"[A-Za-z0-9][\w+\-/]{0,9}"


def paper_label(group: str, text: str) -> str:
    """The paper's own name for a record's group (``all`` and unknown words unchanged).

    Parameters
    ----------
    group : str
        The group the rules gave a record.
    text : str
        The document's text (normalised), where the paper defines its short names.

    Returns
    -------
    str
        ``group`` without the words saying its patients had it, or its short name when the
        paper defines one right after it and uses it again.
    """
    label = " ".join(group.split())
    if label.lower() == "all" or _VERSUS.search(label):
        return group  # (two strata compared name one record's group together)
    stripped = without_had(label)
    if stripped == label:
        stripped = _WHO.sub("", label, count=1)
    for name in dict.fromkeys([label, stripped]):
        short = _short_name(name, text)
        if short:
            return short
    return stripped or label


def without_had(label: str) -> str:
    """``label`` without the words that only say its patients had the arm (``who underwent
    salvage surgery`` is ``salvage surgery``); other labels unchanged."""
    return _HAD.sub("", label, count=1)


def _short_name(name: str, text: str) -> str | None:
    """The short form the paper gives ``name`` (``name (SHORT)`` or an abbreviation of it)
    when the paper uses the short form again; ``None`` otherwise."""
    if len(name.split()) < 2:
        return None  # one word is already short
    words = r"\s+".join(map(re.escape, name.split()))
    m = re.search(rf"(?<![\w\-]){words}\s*\(\s*(?P<s>{_SHORT})\s*[),;]", text, re.IGNORECASE)
    if m and _capitalised(m["s"]) and _used_again(m["s"], text):
        return m["s"]
    defined = _long_forms(text_to_abbreviations(text))
    abbr = defined.get(name.lower())
    return abbr if abbr and _used_again(abbr, text) else None


def _capitalised(short: str) -> bool:
    """A short name has two capitals, or a capital and a digit (``CRET``, ``pN0``, ``G3``);
    a word (``median``, ``Table``) or a number (``64``) in brackets names no arm."""
    capitals = sum(ch.isupper() for ch in short)
    return capitals >= 2 or (capitals == 1 and any(ch.isdigit() for ch in short))


def _used_again(short: str, text: str) -> bool:
    """The short form occurs outside its own definition (more than once in the text)."""
    found = re.findall(rf"(?<![\w\-]){re.escape(short)}(?![\w\-])", text)
    return len(found) >= 2


def _long_forms(abbreviations: Mapping[str, str]) -> dict[str, str]:
    return {long.lower(): abbr for abbr, long in abbreviations.items()}


def with_paper_labels(records: Iterable[ExtractedRecord], text: str) -> list[ExtractedRecord]:
    """Each record with its group's paper label (:func:`paper_label`)."""
    out = []
    for r in records:
        label = paper_label(r.group, text)
        out.append(r if label == r.group else replace(r, group=label))
    return out
