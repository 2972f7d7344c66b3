"""Study design, number of procedures and follow-up of a case series, from its own sentences.

Each finder reads the sentences of the paper's own sections (front matter, methods,
results) and ignores sentences that cite other studies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extract.study.cohort import COUNT, PREVIOUS_WORK, count_to_int

#: Days per month of ``spec/records.md``.
DAYS_PER_MONTH = 30.44
_TO_MONTHS = {"day": 1 / DAYS_PER_MONTH, "week": 7 / DAYS_PER_MONTH, "month": 1.0, "year": 12.0}

_OWN_SECTIONS = ("title", "front", "methods", "result")
_CITES = re.compile(rf"et al\b|\[\d|<sup>\s*\[?\d|{PREVIOUS_WORK}|\bliterature\b", re.I)

# "24 months", "24 ± 10 months", "26 (range 3–60) months"
_NUM = r"(?P<value>\d+(?:\.\d+)?)(?:\s*(?:±|\+/-)\s*\d+(?:\.\d+)?)?(?:\s*\([^)]{1,40}\))?"
_UNIT = r"(?P<unit>months?|mos?\.?|years?|yrs?|weeks?|days?)\b"
_FOLLOW = r"follow(?:ed)?[\s\-‑–]?up"
_FOLLOW_UP = [
    # "median follow-up (period|time) (was|of) 70 months"
    re.compile(rf"\b(?P<stat>median|mean|average)\s+(?:duration\s+of\s+)?{_FOLLOW}"
               rf"(?:\s+(?:period|interval|time|duration))?\W+(?:(?:was|of|is|were|"
               rf"lasted|reached)\W+)*(?:about\s+|approximately\s+)?{_NUM}\s*{_UNIT}", re.I),
    # "the median 25.5 months follow-up", "a median of 30 months of follow-up"
    re.compile(rf"\b(?P<stat>median|mean|average)\s+(?:of\s+)?{_NUM}[\s\-]*{_UNIT}\s+"
               rf"(?:of\s+)?{_FOLLOW}", re.I),
    # "followed up for a median of 30 months"
    re.compile(rf"{_FOLLOW}\s+(?:for\s+|over\s+)?(?:a\s+)?(?P<stat>median|mean)\s+(?:period\s+)?"
               rf"(?:of\s+)?{_NUM}\s*{_UNIT}", re.I),
]

_PROCEDURE = re.compile(
    rf"(?<![\w.])(?P<count>{COUNT})\s+(?:\w+\s+)?(?:procedures|interventions|operations|"
    rf"surgeries|stenting procedures)\b",
    re.I,
)
_PROCEDURE_CUE = re.compile(r"\b(?:underwent|performed|were\s+(?:\w+\s+)?(?:included|done|"
                            r"carried out|undertaken))\b", re.I)

_TIMING = [
    ("prospective", re.compile(r"\bprospective(?:ly)?\s+(?:\w+\s+)?(?:study|cohort|series|"
                               r"registry|enrolled|followed)\b", re.I)),
    ("retrospective", re.compile(r"\bretrospective(?:ly)?\b|\bwe reviewed\b|\bwere reviewed\b"
                                 r"|\bchart review\b|\brecords\b.{0,120}\bwere\s+(?:re-?evaluated|"
                                 r"reviewed|analy[sz]ed)\b", re.I)),
]
_CENTRES_WORD = r"(?:cent(?:er|re)s?|hospitals?|institutions?|sites?|departments?)"
_CENTRES = [
    ("single-center", re.compile(r"\b(?:single|one|mono)[\s\-]?(?:cent(?:er|re)|institution)"
                                 r"(?:al)?\b|\bmonocentric\b", re.I)),
    ("multicenter", re.compile(r"\bmulti[\s\-]?(?:cent(?:er|re)|institution)(?:al|ic)?\b", re.I)),
    ("count", re.compile(rf"\b(?:from|in|at)\s+(?P<count>{COUNT})\s+(?:\w+\s+){{0,3}}?"
                         rf"{_CENTRES_WORD}\b", re.I)),
]
_TYPES = [
    ("case-control study", re.compile(r"\bcase[\s\-–]+control\b", re.I)),
    ("cohort", re.compile(r"\bcohort\s+(?:study|of\s+\w+\s+patients)|\b(?:retrospective|"
                          r"prospective|multicent\w+|observational)\s+cohort\b", re.I)),
    ("case series", re.compile(r"\bcase series\b|\bseries of\b|\bconsecutive (?:cases|patients)",
                               re.I)),
]


def sentences_to_follow_up(pairs: Sequence[tuple[str, str]]) -> tuple[float | None, float | None]:
    """Return ``(median, mean)`` follow-up in months from the paper's own sentences."""
    found: dict[str, float] = {}
    for section, sentence in pairs:
        if section not in _OWN_SECTIONS or _CITES.search(sentence):
            continue
        for pattern in _FOLLOW_UP:
            for match in pattern.finditer(sentence):
                stat = "median" if match.group("stat").lower() == "median" else "mean"
                found.setdefault(stat, _to_months(match.group("value"), match.group("unit")))
    return found.get("median"), found.get("mean")


def sentences_to_procedures(pairs: Sequence[tuple[str, str]]) -> int | None:
    """Return the number of procedures when a sentence states it with a cohort verb."""
    for section, sentence in pairs:
        if section not in _OWN_SECTIONS or _CITES.search(sentence):
            continue
        for match in _PROCEDURE.finditer(sentence):
            if re.match(r"\s*\(\s*\d", sentence[match.end() :]):
                continue
            if _PROCEDURE_CUE.search(sentence):
                return count_to_int(match.group("count"))
    return None


def sentences_to_design(pairs: Sequence[tuple[str, str]]) -> str | None:
    """Compose a design label: timing, number of centres and study type.

    Returns e.g. ``"retrospective two-center cohort"`` or ``"prospective case series"``;
    ``None`` when the sentences state none of the three.
    """
    own = [s for section, s in pairs if section in _OWN_SECTIONS and not _CITES.search(s)]
    timing = _first_label(_TIMING, own)
    centres = _centres(own)
    kind = _first_label(_TYPES, own)
    if not (timing or centres or kind):
        return None
    return " ".join(part for part in (timing, centres, kind or "case series") if part)


def _first_label(labels: Sequence[tuple[str, re.Pattern[str]]], sentences: Sequence[str]
                 ) -> str | None:
    """The label whose pattern matches earliest in the document (title first)."""
    for sentence in sentences:
        hits = [(m.start(), label) for label, p in labels if (m := p.search(sentence))]
        if hits:
            return min(hits)[1]
    return None


def _centres(sentences: Sequence[str]) -> str | None:
    for sentence in sentences:
        for label, pattern in _CENTRES:
            match = pattern.search(sentence)
            if not match:
                continue
            if label != "count":
                return label
            count = count_to_int(match.group("count"))
            if count == 1:
                return "single-center"
            if count and 2 <= count <= 3:
                return {2: "two-center", 3: "three-center"}[count]
            if count and count < 100:
                return "multicenter"
    return None


def _to_months(value: str, unit: str) -> float:
    key = {"m": "month", "y": "year", "w": "week", "d": "day"}[unit.lower()[0]]
    return round(float(value) * _TO_MONTHS[key], 2)
