"""The number grammar of case-series reports: counts, percentages, intervals, durations.

Case series write their numbers in a handful of stock forms: ``26/37 (70%)``, ``29 (71)``,
``11 (27%)``, ``1/26 [4%]``, ``Twenty-nine patients (78%, 95% CI 62–90%)``,
``4.7 months (95% CI 3.58–5.99)``, ``94 months (range, 25 to 144 months)``,
``HR = 0.38 [95% CI 0.2-0.92], p = 0.026``. :func:`text_to_stats` finds them in a sentence
and returns :class:`Stat` objects with character spans. Time points (``30-day``) are
:mod:`extract.rules.timepoints`' business.

All spans refer to the text as given: :func:`normalize` maps dashes and look-alike characters
one to one, so it never changes offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.rules.term_pattern import literal_alternation
from extract.study.counts import SPACED_THOUSANDS

#: Days per month used for every conversion (``spec/records.md``).
DAYS_PER_MONTH = 30.44
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# (prefix trees, as in extract.study.counts: a longer word is still tried before its prefix)
_UNIT_WORDS = literal_alternation(_UNITS)
_TEN_WORDS = literal_alternation(_TENS)
_BELOW_HUNDRED = rf"(?:(?:{_TEN_WORDS})(?:[\s-](?:{_UNIT_WORDS}))?|(?:{_UNIT_WORDS}))"
#: A whole number in words (``Twenty-nine``, ``six``, ``forty one``, ``One hundred and fifty
#: one``).
WORD_NUMBER = (rf"(?:(?:(?:a|{_UNIT_WORDS})[\s-])?hundred(?:[\s-](?:and[\s-])?{_BELOW_HUNDRED})?"
               rf"|{_BELOW_HUNDRED})")
#: A whole number in digits or words (thousands set apart by a comma or a space: ``1,234``,
#: ``1 234``; :func:`normalize` makes thin spaces plain ones).
INTEGER = rf"(?:{SPACED_THOUSANDS}|\d{{1,3}}(?:,\d{{3}})+|\d+|{WORD_NUMBER})"
#: A decimal number in digits.
DECIMAL = r"(?:\d+(?:\.\d+)?|\.\d+)"
_DASH_CHARS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASHES = str.maketrans({c: "-" for c in _DASH_CHARS})
# (str.translate looks every character up: a text without such a dash is left alone)
_ANY_DASH = re.compile(f"[{_DASH_CHARS}]")
_UNIT_MONTHS = {"hour": 1 / 24 / DAYS_PER_MONTH, "day": 1 / DAYS_PER_MONTH,
                "week": 7 / DAYS_PER_MONTH, "month": 1.0, "year": 12.0}
#: A time unit (hour, day, week, month, year and their abbreviations). ``h`` and ``hr`` are
#: left out: a bare ``h`` is too often something else and ``HR`` is a hazard ratio.
UNIT = r"(?:hours?|hrs|days?|weeks?|wks?|months?|mos?|years?|yrs?)"


_CID = re.compile(r"\(cid:\d+\)")
_SECTION_SIGN = re.compile(r"(?<=\d)(\s?)§(?=\s?\d)")
_CL = re.compile(r"(?<=%)(\s?)Cl\b")


def normalize(text: str) -> str:
    """Map dashes to ``-`` and non-breaking spaces to spaces, keeping every offset."""
    # (called for every sentence, often more than once: each rewrite is tried only when the
    # text holds what it rewrites)
    if _ANY_DASH.search(text):
        text = text.translate(_DASHES)
    text = text.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    # "(cid:1)": a glyph the text layer could not map (often a comparison sign)
    if "(cid:" in text:
        text = _CID.sub(lambda m: " " * len(m.group(0)), text)
    # "\geq" from LaTeX-converted text; padded so offsets stay the same
    if "\\" in text:
        text = text.replace("\\geq", "≥   ").replace("\\leq", "≤   ")
    # "14.1 § 6.6%": a plus-minus sign the text layer turned into a section sign
    if "§" in text:
        text = _SECTION_SIGN.sub(r"\1±", text)
    # "95% Cl" (lower-case L from a text layer) is a confidence interval.
    return _CL.sub(r"\1CI", text) if "Cl" in text else text


def parse_integer(token: str) -> int | None:
    """Parse ``41``, ``1,024``, ``Forty-one`` or ``six``; ``None`` when it is not a number."""
    token = token.strip().lower().replace(",", "")
    if re.fullmatch(SPACED_THOUSANDS, token):
        token = re.sub(r"\s", "", token)
    if token.isdigit():
        return int(token)
    hundreds = re.fullmatch(r"(?:(\w+)[\s-]+)?hundred(?:[\s-]+(?:and[\s-]+)?(.+))?", token)
    if hundreds:
        times = 1 if hundreds.group(1) in (None, "a") else _UNITS.get(hundreds.group(1))
        rest = parse_integer(hundreds.group(2)) if hundreds.group(2) else 0
        return None if times is None or rest is None or rest >= 100 else times * 100 + rest
    parts = re.split(r"[\s-]+", token)
    if len(parts) == 1:
        return _UNITS.get(parts[0], _TENS.get(parts[0]))
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


def parse_number(token: str) -> float | None:
    """Parse a decimal (``4.7``, ``.5``) or a whole number in words; ``None`` otherwise."""
    token = token.strip()
    if re.fullmatch(DECIMAL, token):
        return float(token)
    value = parse_integer(token)
    return None if value is None else float(value)


def to_months(value: float, unit: str) -> float:
    """Convert ``value`` in ``unit`` (hour, day, week, month, year, abbreviations) to months."""
    unit = unit.lower().rstrip("s")
    unit = {"hr": "hour", "wk": "week", "mo": "month", "yr": "year"}.get(unit, unit)
    return value * _UNIT_MONTHS[unit]


@dataclass(frozen=True)
class Stat:
    """One number of a sentence with what is attached to it.

    ``kind`` is ``count`` (a whole number of patients or events), ``percent``, ``fraction``
    (``n/N``), ``duration`` (a time in months), ``ratio`` (a hazard/odds ratio) or ``number``.
    ``percent``, ``ci_low`` and ``ci_high`` of percentages are on the 0–1 scale.
    """

    kind: str
    start: int
    end: int
    count: int | None = None
    total: int | None = None
    percent: float | None = None
    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float | None = None
    range_low: float | None = None
    range_high: float | None = None
    p_value: float | None = None
    qualifier: str | None = None
    words: bool = False
    #: The unit a duration is written in (``days``): its bare CI or range bounds share it.
    unit: str | None = None


_CI = re.compile(
    rf"(?P<level>\d{{2}}(?:\.\d)?)\s?%\s?(?:CI|C\.I\.|confidence interval)s?"
    rf"(?:\s*[\[(]CI[\])])?\s*[:,=]?\s*"
    rf"(?:of\s+)?(?P<lo>{DECIMAL})\s?%?\s*(?:{UNIT}\s*)?(?:-|to|,)\s*"
    rf"(?P<hi>{DECIMAL}|not reached|NR|NA)\s?%?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?:\brange|\bIQR|interquartile range)\s*[:,=]?\s*(?:of\s+|from\s+)?(?P<lo>{DECIMAL})"
    rf"\s?%?\s*(?P<unit1>{UNIT})?\s*(?:-|to)\s*(?P<hi>{DECIMAL})\s?%?\s*(?P<unit>{UNIT})?",
    re.IGNORECASE,
)
_BARE_RANGE = re.compile(
    rf"^\s*(?P<lo>{DECIMAL})\s*(?P<unit1>{UNIT})?\s*-\s*(?P<hi>{DECIMAL})\s*(?P<unit>{UNIT})?"
    r"\s*$",
    re.IGNORECASE,
)
_P = re.compile(r"\bp\s*(?:-value\s*)?(?P<op>[=<>≤≥]|value of)\s*(?P<v>0?\.\d+|[01](?:\.0+)?)\b",
                re.IGNORECASE)
_RATIO = re.compile(
    rf"\b(?P<name>a?HR|hazard ratio|a?OR|odds ratio|RR|relative risk)\s*(?:[(\[]a?HR[)\]]\s*)?"
    rf"(?:for\s+[a-z][\w -]{{1,30}}?\s*(?=[:=,]))?(?:[:=,]|of|was|were)?\s*(?P<v>{DECIMAL})",
)
_QUAL = r"(?P<qual>less than|more than|under|over|up to|<|>|≤|≥)?\s*"
_FRACTION = re.compile(
    rf"(?<![\w.,/])(?P<n>{INTEGER})\s*(?:/|\bout of\b|\bof\b(?:\s+(?:the|all|these))?)\s*"
    rf"(?P<d>{INTEGER})(?![\w.]*\s*(?:-|to)\s*\d)(?![.,]\d)",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    rf"(?<![\w.])(?P<v>{DECIMAL}|{WORD_NUMBER})\s?(?:%|\(%\)|\s?per ?cent\b)",
    re.IGNORECASE,
)
_DURATION = re.compile(rf"{_QUAL}(?<![\w.])(?P<v>{DECIMAL}|{WORD_NUMBER})\s*(?P<unit>{UNIT})\b",
                       re.IGNORECASE)
# "86.8 (95% CI: 0-189.3) months", "23 (range 4-60) months": the unit written after the
# interval of the value
# "30.2 ± 12.5 months": a mean and its spread sharing the unit (the value is the first)
_DURATION_AFTER_BRACKET = re.compile(
    rf"(?<![\w.,/-])(?P<v>{DECIMAL})\s*(?P<bracket>[(\[][^()\[\]]{{3,60}}[)\]]|±\s*{DECIMAL})"
    rf"\s*(?P<unit>{UNIT})\b", re.IGNORECASE)
_COUNT = re.compile(rf"{_QUAL}(?<![\w.,/-])(?P<v>{INTEGER})(?![\w.,/%]|\s?%|\s*-\s*\d)",
                    re.IGNORECASE)
# "one of the most feared complications", "one of the commonest causes": an idiom of rank,
# not one patient
_ONE_OF_KIND = re.compile(r"\s+of\s+(?:the\s+)?(?:most|least|commonest|leading|main|few|"
                          r"[a-z]{3,}est)\b", re.IGNORECASE)
# "31 and 3%", "78.2, 48.3, 34.8 and 18.3%", "9.3 and 5.9 months", "70.8 vs. 40.5%": bare
# numbers listed before one that carries the unit share it (the unit is written once)
_SHARED_UNIT = re.compile(
    rf"(?<![\w.,/-])(?P<nums>{DECIMAL}(?:\s*,\s*{DECIMAL})*\s*,?\s*(?:and|&|vs\.?|versus)\s+"
    rf"{DECIMAL})"
    rf"\s?(?P<unit>%|\s?per ?cent\b|{UNIT}\b)(?!\s*-\s*\d)",
    re.IGNORECASE,
)
# "half of the patients", "two-thirds of the cases", "a quarter of them": a share of the
# patients written as a fraction word (the share only; "the first half of the study" is not
# of anyone)
_SHARE_WORDS = {"half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
                "two thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
                "three quarters": 0.75}
_SHARE_WORD = re.compile(
    r"(?<![\w-])(?P<v>half|one[\s-]half|(?:a|one)[\s-]third|two[\s-]thirds|(?:a|one)[\s-]quarter|"
    r"three[\s-]quarters)(?=\s+of\s+(?:the\s+|all\s+|these\s+|those\s+|our\s+)?(?:\d+\s+)?"
    r"(?:patients|cases|children|men|women|subjects|participants|them|those)\b)",
    re.IGNORECASE)
# "14.1 ± 6.6%": a value and its spread sharing the percent sign
_PLUS_MINUS = re.compile(rf"(?<![\w.])(?P<v>{DECIMAL})\s?%?\s*±\s*{DECIMAL}\s?%")
_N_COUNT = re.compile(r"[(\[]\s*n\s*[=:]\s*(\d+)\s*[)\]]", re.IGNORECASE)
_BARE_PERCENT = re.compile(r"[(\[]\s*(\d+(?:\.\d+)?)\s*[)\]]")
# "53% (21%)", "61% (SE 8%)", "30 months (± 12)": a spread in brackets, never a CI or a finding
_SPREAD = re.compile(r"[(\[]\s*(?:(?:SE|SD|SEM|s\.e\.m?\.?|s\.d\.|standard (?:error|deviation))"
                     r"\s*[:=,]?\s*|±\s*)?\d+(?:\.\d+)?\s*%?\s*[)\]]", re.IGNORECASE)
_TAIL = re.compile(
    r"[\s,;]*(?:\d{2}\s?%\s?(?:CI|confidence interval)(?:\s*[\[(]CI[\])])?[^)\];]{0,30}"
    r"|p\s*[=<>≤≥]\s*[\d.]+"
    r"|±\s*\d+(?:\.\d+)?\s?%?)",
    re.IGNORECASE,
)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` overlaps any of ``spans``."""
    return any(start < e and s < end for s, e in spans)


def _primary_stats(text: str) -> list[Stat]:
    """The numbers of ``text`` before anything is attached to them."""
    taken: list[tuple[int, int]] = []
    found: list[Stat] = []
    for m in _P.finditer(text):
        taken.append(m.span())
    found.extend(_shared_unit_stats(text, taken))
    for m in _PLUS_MINUS.finditer(text):
        if not overlaps(taken, *m.span()) and float(m.group("v")) <= 100:
            found.append(Stat("percent", *m.span(), percent=round(float(m.group("v")) / 100, 6)))
            taken.append(m.span())
    for m in _CI.finditer(text):
        taken.append(m.span())
    for m in _RANGE.finditer(text):
        taken.append(m.span())
    found.extend(_durations_after_bracket(text, taken))
    for m in _RATIO.finditer(text):
        s, e = m.span("v")
        found.append(Stat("ratio", m.start(), e, value=float(m.group("v"))))
        taken.append((s, e))
    for m in _FRACTION.finditer(text):
        if overlaps(taken, *m.span()):
            continue
        n, d = parse_integer(m.group("n")), parse_integer(m.group("d"))
        if n is None or d is None or n > d or d == 0:
            continue
        found.append(Stat("fraction", *m.span(), count=n, total=d,
                          words=not m.group("n")[0].isdigit()))
        taken.append(m.span())
    for m in _PERCENT.finditer(text):
        if overlaps(taken, *m.span()):
            continue
        v = parse_number(m.group("v"))
        if v is None or v > 100:
            continue
        found.append(Stat("percent", *m.span(), percent=round(v / 100, 6)))
        taken.append(m.span())
    for m in _SHARE_WORD.finditer(text):
        share = _SHARE_WORDS[re.sub(r"[\s-]+", " ", m.group("v").lower())]
        found.append(Stat("percent", *m.span(), percent=round(share, 4), words=True))
        taken.append(m.span())
    for m in _DURATION.finditer(text):
        if overlaps(taken, *m.span("v")):
            continue
        v = parse_number(m.group("v"))
        if v is None:
            continue
        start = m.start("qual") if m.group("qual") else m.start("v")
        found.append(Stat("duration", start, m.end(),
                          value=round(to_months(v, m.group("unit")), 4),
                          qualifier=m.group("qual") or None, unit=m.group("unit")))
        taken.append(m.span())
    for m in _COUNT.finditer(text):
        if overlaps(taken, *m.span("v")):
            continue
        v = parse_integer(m.group("v"))
        if v is None or _ONE_OF_KIND.match(text, m.end("v")) and m.group("v").lower() == "one":
            continue
        found.append(Stat("count", m.start("v"), m.end(), count=v,
                          qualifier=m.group("qual") or None, words=not m.group("v")[0].isdigit()))
    return sorted(found, key=lambda s: s.start)


def _durations_after_bracket(text: str, taken: list[tuple[int, int]]) -> list[Stat]:
    """Durations whose unit follows the bracket of their interval or spread (``86.8 (95% CI
    0-189.3) months``, ``24.5 (SD 12.1) months``, ``30.2 ± 12.5 months``); the bracket must
    hold a CI, a range or a spread, and the whole span is added to ``taken``."""
    out = []
    for m in _DURATION_AFTER_BRACKET.finditer(text):
        bracket = m.group("bracket")
        inner = bracket[1:-1]
        spread = bracket.startswith("±") or bool(_SPREAD.fullmatch(bracket))
        if overlaps(taken, *m.span("v")) or re.search(r"%", inner) and not _CI.search(inner) \
                or not (spread or _CI.search(inner) or _RANGE.search(inner)
                        or _BARE_RANGE.match(inner)):
            continue
        if spread:  # the SD or SE of the value: nothing to attach
            out.append(Stat("duration", m.start("v"), m.end(),
                            value=round(to_months(float(m.group("v")), m.group("unit")), 4)))
            taken.append(m.span())
            continue
        months = to_months(1.0, m.group("unit"))
        stat = _attach(text, Stat("duration", m.start("v"), m.start("bracket"),
                                  value=round(float(m.group("v")) * months, 4)), *m.span("bracket"))
        stat = replace(stat, end=m.end(), **{
            k: None if getattr(stat, k) is None else round(getattr(stat, k) * months, 4)
            for k in ("ci_low", "ci_high") + (("range_low", "range_high")
                                              if not _unit_in(inner) else ())})
        out.append(stat)
        taken.append(m.span())
    return out


def _unit_in(text: str) -> bool:
    return bool(re.search(rf"\b{UNIT}\b", text, re.IGNORECASE))


def _shared_unit_stats(text: str, taken: list[tuple[int, int]]) -> list[Stat]:
    """The members of ``31 and 3%`` / ``9.3 and 5.9 months`` lists, each with the shared unit;
    their spans are added to ``taken``."""
    out: list[Stat] = []
    for m in _SHARED_UNIT.finditer(text):
        if overlaps(taken, *m.span()):
            continue
        unit = m.group("unit").strip().lower()
        for num in re.finditer(DECIMAL, m.group("nums")):
            v = float(num.group(0))
            start, end = m.start("nums") + num.start(), m.start("nums") + num.end()
            if unit == "%" or unit.startswith("per"):
                if v > 100:
                    break
                out.append(Stat("percent", start, end, percent=round(v / 100, 6)))
            else:
                out.append(Stat("duration", start, end, value=round(to_months(v, unit), 4)))
        else:
            last = out[-1]
            out[-1] = replace(last, end=m.end())  # the last member carries the unit itself
            taken.append(m.span())
            continue
        out = [s for s in out if s.start < m.start()]  # a member above 100%: no list
    return out


def _paren_at(text: str, pos: int) -> tuple[int, int] | None:
    """The bracketed group opening at ``pos`` (after spaces): ``(start, end)`` or ``None``."""
    m = re.compile(r"\s*[(\[]").match(text, pos)
    if not m:
        return None
    depth, i = 0, m.end() - 1
    while i < len(text):
        if text[i] in "([":
            depth += 1
        elif text[i] in ")]":
            depth -= 1
            if depth == 0:
                return m.end() - 1, i + 1
        i += 1
    return m.end() - 1, len(text)


def _attach(text: str, stat: Stat, start: int, end: int) -> Stat:
    """Attach the CI, range and p-value found in ``text[start:end]`` to ``stat``."""
    inner = text[start:end]
    scale = 100.0 if stat.kind in ("percent", "fraction", "count") else 1.0
    ci = _CI.search(inner)
    if ci:
        # a duration's bounds are in its own unit ("540 days (95% CI 300-800)")
        per = to_months(1.0, stat.unit) if stat.kind == "duration" and stat.unit else 1.0
        lo = float(ci.group("lo")) / scale * per
        hi_text = ci.group("hi")
        hi = float(hi_text) / scale * per if re.match(r"[\d.]", hi_text) else None
        stat = replace(stat, ci_low=round(lo, 6), ci_high=None if hi is None else round(hi, 6),
                       ci_level=float(ci.group("level")) / 100)
    rng = _RANGE.search(inner) or _BARE_RANGE.match(inner.strip("()[] "))
    if rng and not ci:
        lo, hi = float(rng.group("lo")), float(rng.group("hi"))
        # "range 6 months to 5 years": each bound in its own unit, else the other's, else
        # the value's
        lo_unit = rng.group("unit1") or rng.group("unit") or stat.unit
        hi_unit = rng.group("unit") or rng.group("unit1") or stat.unit
        if stat.kind == "duration" and lo_unit:
            lo, hi = to_months(lo, lo_unit), to_months(hi, hi_unit)
        stat = replace(stat, range_low=round(lo, 4), range_high=round(hi, 4))
    p = _P.search(text, start, end) if end > start else None
    if p:
        stat = replace(stat, p_value=float(p.group("v")))
    return replace(stat, end=max(stat.end, end))


def text_to_stats(text: str) -> list[Stat]:
    """Find the numbers of a sentence and attach percentages, intervals and p-values to them.

    ``n (p%)`` and ``n/N (p%)`` become one stat; ``(95% CI a-b)``, ``(range, a to b)`` and
    ``, p = x`` following a stat are attached to it.

    Parameters
    ----------
    text : str
        One sentence or table row (any dash style).

    Returns
    -------
    list of Stat
        In text order; a number inside an attached group is not returned on its own.
    """
    text = normalize(text)
    stats = _primary_stats(text)
    merged: list[Stat] = []
    consumed: list[tuple[int, int]] = []
    for stat in stats:
        if overlaps(consumed, stat.start, stat.end):
            continue
        stat, group = _with_bracket(text, stat, stats, consumed)
        if group:
            stat = _attach(text, stat, *group)
            consumed.append(group)
        else:
            stat = _with_trailer(text, stat)
        tail = _TAIL.match(text, stat.end)
        while tail and tail.end() > stat.end:
            stat = _attach(text, stat, stat.end, tail.end())
            consumed.append(tail.span())
            tail = _TAIL.match(text, stat.end)
        merged.append(stat)
    return merged


def _with_bracket(text: str, stat: Stat, stats: list[Stat], consumed: list[tuple[int, int]]
                  ) -> tuple[Stat, tuple[int, int] | None]:
    """Merge the bracket right after ``stat`` into it where it completes it (``26 (70%)``,
    ``29 (71)``, ``3.3% (2/60)``); return the bracket still to attach (a CI or a range)."""
    group = _paren_at(text, stat.end)
    if group is None:
        return stat, None
    inner = [s for s in stats if group[0] <= s.start < group[1]]
    lead = inner[0] if inner else None
    bracket = text[group[0]:group[1]]
    if _SPREAD.fullmatch(bracket) and (stat.kind == "percent" or not _BARE_PERCENT.fullmatch(
            re.sub(r"\s*%", "", bracket))):
        consumed.append(group)  # the SE or SD of the value
        return replace(stat, end=group[1]), None
    n_count = _N_COUNT.fullmatch(bracket)
    if stat.kind == "percent" and n_count and stat.count is None:
        # "4.5% (n = 9)": the patients behind the percentage
        consumed.append(group)
        return replace(stat, kind="count", count=int(n_count.group(1)), end=group[1]), None
    if stat.kind == "percent" and lead and lead.kind == "fraction" and len(inner) == 1:
        # "3.3% (2/60)", "100% (40/40)": the counts behind the percentage
        consumed.append(group)
        return replace(stat, kind="fraction", count=lead.count, total=lead.total), None
    if stat.kind in ("count", "fraction"):
        if lead and lead.kind == "percent":
            return replace(stat, kind="fraction" if stat.total else "count",
                           percent=lead.percent), group
        bare = _BARE_PERCENT.fullmatch(text[group[0]:group[1]])
        if stat.kind == "count" and bare:
            # "29 (71)": a table cell whose column is n (%)
            pct = float(bare.group(1))
            return (replace(stat, percent=pct / 100) if pct <= 100 else stat), group
        return stat, (group if _CI.search(text, *group) else None)
    if not (_CI.search(text, *group) or _RANGE.search(text, *group)
            or _BARE_RANGE.match(text[group[0]:group[1]].strip("()[] "))):
        return stat, None  # "by 1 year (77.4%)": the bracket belongs to something else
    return stat, group


def _with_trailer(text: str, stat: Stat) -> Stat:
    """A ratio's interval without brackets (``HR 0.38, 0.2-0.92``), a duration's ``, range``."""
    if stat.kind == "ratio":
        tail = re.compile(r"[\s,;]*(?:\(|\[)?[^)\]]{0,40}").match(text, stat.end)
        return _attach(text, stat, stat.end, tail.end() if tail else stat.end)
    if stat.kind == "duration":
        tail = re.compile(r"\s*,\s*range\b[^;)]{0,40}").match(text, stat.end)
        if tail:
            return _attach(text, stat, stat.end, tail.end())
    return stat
