"""Time points of a sentence in months: ``30-day``, ``3- and 5-year``, ``at 1, 3 and 6 months``.

A bare duration (``94 months``) is a value, not a time point; a time point is an adjective
(``30-day``), a list (``1, 3 and 6 months``), or a duration introduced by ``at``, ``by``,
``within`` or followed by ``after`` (``six months after the infarction``) or by an outcome
word (``3 years OS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.rules.numbers import (
    DECIMAL,
    UNIT,
    WORD_NUMBER,
    normalize,
    overlaps,
    parse_number,
    to_months,
)


def timepoint_months(value: float, unit: str) -> float:
    """A time point in months as reviewers write it: 30-day is 1, 90-day is 3, 7-day is 0.23,
    540 days is 17.74.

    The round windows of 30 and 90 days are read as 1 and 3 months (the convention of
    ``spec/gold-guide.md``); every other span is converted with 30.44 days per month and
    rounded to two decimals.
    """
    unit_l = unit.lower().rstrip("s")
    if unit_l == "day" and value in _ROUND_WINDOWS:
        return _ROUND_WINDOWS[value]
    return round(to_months(value, unit), 2)


#: Day windows read as whole months (gold-guide: "The round numbers 30 and 90 days are 1 and 3").
_ROUND_WINDOWS = {30.0: 1.0, 90.0: 3.0}


@dataclass(frozen=True)
class Timepoint:
    """Time points stated together (``3- and 5-year`` is ``(36.0, 60.0)``), in months."""

    months: tuple[float, ...]
    start: int
    end: int


_TP_NUM = rf"(?:{DECIMAL}|{WORD_NUMBER}|one|a)"
_TP_LIST = re.compile(
    rf"(?P<nums>{_TP_NUM}(?:\s*-?\s*(?:,|and|&|or)\s*(?:and\s+)?{_TP_NUM})+)\s*-?\s*"
    rf"(?P<unit>{UNIT})\b",
    re.IGNORECASE,
)
_TP_ADJ = re.compile(rf"(?<![\w.])(?P<v>{_TP_NUM})\s*-\s*(?P<unit>{UNIT})\b(?!\s*-\s*\d)",
                     re.IGNORECASE)
_TP_PREP = re.compile(
    rf"\b(?P<prep>at|by|within|after|through|in the first|within the first|during the first)"
    rf"\s+"
    rf"(?:the\s+)?(?:first\s+)?(?P<v>{_TP_NUM})\s*(?P<unit>{UNIT})\b",
    re.IGNORECASE,
)
# "at 30 days, 6 months and 1 year": a list whose members carry their own units
_TP_ITEM = rf"{_TP_NUM}\s*-?\s*{UNIT}\b"
_TP_UNIT_LIST = re.compile(
    rf"\b(?:at|by|within|after)\s+(?:the\s+)?(?P<items>{_TP_ITEM}"
    rf"(?:\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+){_TP_ITEM})+)",
    re.IGNORECASE,
)
_TP_ITEM_PARTS = re.compile(rf"(?P<v>{_TP_NUM})\s*-?\s*(?P<unit>{UNIT})\b", re.IGNORECASE)
_TP_AFTER_EVENT = re.compile(
    rf"(?<![\w.])(?P<v>{_TP_NUM})\s*(?P<unit>{UNIT})\s+(?:after|following|post)\b",
    re.IGNORECASE,
)
_AFTER_EVENT = re.compile(r"\s+(?:after|following|post)\b", re.IGNORECASE)
# "died during the first year", "within the first month": one unit, its number left out
_TP_FIRST_UNIT = re.compile(r"\b(?:during|within|in|over)\s+the\s+first\s+"
                            r"(?P<unit>year|month|week)\b", re.IGNORECASE)
_TP_BEFORE_NOUN = re.compile(rf"(?<![\w.])(?P<v>{_TP_NUM})\s+(?P<unit>{UNIT})\s+(?=[A-Za-z])",
                             re.IGNORECASE)


# "On day 180, 49 patients were alive", "At week 12, ...": a day or week counted from the
# procedure, leading its clause (a date inside one is an event's: "died on day 64 of ...")
_TP_ON_DAY = re.compile(r"(?:^|[,;:]\s*)\W*(?:on|at|by)\s+(?:post-?(?:operative|procedural?)\s+)?"
                        r"(?P<unit>day|week|month)\s+(?P<v>\d{1,4})\s*,", re.IGNORECASE)


def _tp_value(token: str) -> float | None:
    return 1.0 if token.lower() in ("a", "one") else parse_number(token)


def text_to_timepoints(text: str) -> list[Timepoint]:
    """Find time points in a sentence, converted to months.

    Recognised: ``30-day``, ``1-year``, ``3- and 5-year``, ``3 and 5-year``, ``at 1, 3 and 6
    months``, ``30-day and 90-day``, ``by 1 year``, ``within a week``. A bare duration
    (``94 months``) is a value, not a time point, unless a preposition (``at``, ``by``,
    ``within``) introduces it.
    """
    text = normalize(text)
    found: list[Timepoint] = []
    taken: list[tuple[int, int]] = []
    for m in _TP_LIST.finditer(text):
        parts = re.split(r"\s*-?\s*(?:,\s*and|,|\band\b|&|\bor\b)\s*", m.group("nums"))
        nums = [_tp_value(t.strip(" -")) for t in parts if t.strip(" -")]
        if None in nums or len(nums) < 2:
            continue
        prefix = text[max(0, m.start() - 12):m.start()].lower()
        hyphen_adj = re.search(r"-\s*" + m.group("unit") + r"$", m.group(0))
        if not (hyphen_adj or re.search(r"\b(at|by|within|to|after)\s*$", prefix)
                or _followed_by_word(text, m.end()) or _AFTER_EVENT.match(text, m.end())):
            continue
        found.append(Timepoint(tuple(timepoint_months(v, m.group("unit")) for v in nums),
                               *m.span()))
        taken.append(m.span())
    for m in _TP_UNIT_LIST.finditer(text):
        if overlaps(taken, *m.span()):
            continue
        items = [(_tp_value(i.group("v")), i.group("unit"))
                 for i in _TP_ITEM_PARTS.finditer(m.group("items"))]
        if all(v is not None for v, _ in items):
            found.append(Timepoint(tuple(timepoint_months(v, u) for v, u in items),
                                   m.start("items"), m.end()))
            taken.append(m.span())
    # "30-day and 90-day": two hyphen adjectives joined by "and" are one list
    for m in _TP_ADJ.finditer(text):
        if overlaps(taken, *m.span()):
            continue
        v = _tp_value(m.group("v"))
        if v is not None:
            found.append(Timepoint((timepoint_months(v, m.group("unit")),), *m.span()))
            taken.append(m.span())
    for pattern in (_TP_PREP, _TP_AFTER_EVENT, _TP_BEFORE_NOUN):
        for m in pattern.finditer(text):
            if overlaps(taken, *m.span()):
                continue
            v = _tp_value(m.group("v"))
            if v is None or (pattern is _TP_BEFORE_NOUN and not _followed_by_word(text, m.end())):
                continue
            found.append(Timepoint((timepoint_months(v, m.group("unit")),), *m.span()))
            taken.append(m.span())
    for m in _TP_ON_DAY.finditer(text):
        if not overlaps(taken, *m.span()):
            found.append(Timepoint((timepoint_months(float(m["v"]), m["unit"]),),
                                   m.start("unit"), m.end("v")))
            taken.append(m.span())
    for m in _TP_FIRST_UNIT.finditer(text):
        if not overlaps(taken, *m.span()):
            found.append(Timepoint((timepoint_months(1.0, m.group("unit")),), *m.span()))
            taken.append(m.span())
    found.sort(key=lambda t: t.start)
    return _join_adjacent(text, found)


def _followed_by_word(text: str, pos: int) -> bool:
    """A unit followed by an outcome-like word (``3 years OS``, ``5 years overall``)."""
    nxt = re.compile(r"\s*([A-Za-z][\w-]*)").match(text, pos)
    if not nxt:
        return False
    word = nxt.group(1)
    return word.isupper() or word.lower() in (
        "overall", "disease", "disease-free", "survival", "mortality", "patency", "primary",
        "secondary", "progression-free", "recurrence-free", "relapse-free", "actuarial",
        "cumulative", "cancer-specific", "disease-specific", "event-free", "metastasis-free",
        "local", "os", "dfs", "rfs", "pfs", "dss",
    )


def _join_adjacent(text: str, tps: list[Timepoint]) -> list[Timepoint]:
    """Join ``30-day and 90-day`` (two time points joined by ``and``) into one list."""
    out: list[Timepoint] = []
    for tp in tps:
        if out and re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", text[out[-1].end:tp.start]):
            prev = out.pop()
            tp = Timepoint(prev.months + tp.months, prev.start, tp.end)
        out.append(tp)
    return out
