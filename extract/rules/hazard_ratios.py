"""Hazard ratios of a sentence: stated ones (``HR = 0.38 [95% CI 0.2-0.92], p = 0.026``) and
lists of factors after one phrase naming the measure (``independent predictors of death (HR;
95% CI) were age > 70 (2.1; 1.2-3.6) and diabetes (1.8; 1.1-2.9)``).

A hazard ratio belongs to the survival outcome nearest to it; the hazard of death is overall
survival's.
"""

from __future__ import annotations

import re

from extract.rules.findings import Candidate
from extract.rules.nlp import Mention
from extract.rules.numbers import DECIMAL, Stat

_SURVIVAL = ("overall_survival", "disease_free_survival", "disease_specific_survival",
             "progression_free_survival", "recurrence_free_survival")
_ADJUSTED = re.compile(r"\badjust|\bmultivariab|\bmultivariate|\bmultiple regression|\bindependent",
                       re.IGNORECASE)
# "R1 resection was associated with worse overall survival (HR 2.5)": the compared factor
_HR_SUBJECT = re.compile(
    r"^\W*(?:in (?:the )?(?:multivariable|multivariate|univariate|adjusted) (?:analysis|model)"
    r"[^,]*,\s*)?(?P<x>[A-Za-z][^,;()]{2,60}?)\s+(?:was|were)\s+(?:independently\s+|"
    r"significantly\s+)?(?:associated|an independent|a significant|predictive|a predictor)",
    re.IGNORECASE,
)
_COMPARISON = re.compile(r"\b(?:patients|those)\s+who\s+(?:received|underwent|had)\s+"
                         r"(?P<x>[^,;()]{2,60}?)\s+(?:had|showed|have)\b", re.IGNORECASE)
# "(HR; 95% CI)", "(hazard ratio, 95% confidence interval)": the measure of a list of items
_LIST_HEAD = re.compile(r"[(\[]\s*(?:a?HRs?|hazard ratios?)\s*[;,]\s*\d{2}\s?%\s*"
                        r"(?:CI|confidence intervals?)\s*[)\]]", re.IGNORECASE)
# "age > 70 (2.1; 1.2-3.6)": one item of the list, the factor before its bracket
_LIST_ITEM = re.compile(
    rf"(?P<x>[A-Za-z][^,;()]{{0,50}}?)\s*[(\[]\s*(?P<v>{DECIMAL})\s*[;,]\s*(?P<lo>{DECIMAL})\s*"
    rf"(?:-|to)\s*(?P<hi>{DECIMAL})\s*[)\]]"
)
# the words before an item's factor: "predictors of death were age > 70": "age > 70"
_ITEM_LEAD = re.compile(r"^(?:.*\b(?:were|was|are|is|included?|include)\b\s*|\s*(?:and|or)\s+)",
                        re.IGNORECASE)


def sentence_hazard_ratios(text: str, mentions: list[Mention], stats: list[Stat], base: dict
                           ) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Hazard-ratio candidates of a sentence and the spans of the listed items they used."""
    outcome_of = _survival_mentions(mentions)
    if not outcome_of:
        return [], []
    out = _stated(text, outcome_of, stats, base)
    listed, spans = _listed(text, outcome_of, base)
    return out + listed, spans


def _survival_mentions(mentions: list[Mention]) -> list[tuple[Mention, str]]:
    out = []
    for m in mentions:
        if m.outcome in _SURVIVAL and not m.complement:
            out.append((m, m.outcome))
        elif m.outcome == "mortality" and not m.complement:
            out.append((m, "overall_survival"))  # the hazard of death
    return out


def _nearest(outcome_of: list[tuple[Mention, str]], pos: int, prefer_survival: bool) -> str:
    """The outcome a hazard ratio at ``pos`` is of: the last one named before it (``overall
    survival was 62% and 58% (hazard ratio 0.91), and recurrence-free survival ...``: the
    bracket qualifies what precedes it), else the nearest after it."""
    named = [(m, o) for m, o in outcome_of if m.outcome in _SURVIVAL] if prefer_survival else []
    named = named or outcome_of
    before = [(m, o) for m, o in named if m.end <= pos]
    if before:
        return max(before, key=lambda mo: mo[0].start)[1]
    return min(named, key=lambda mo: abs(mo[0].start - pos))[1]


def _stated(text: str, outcome_of: list[tuple[Mention, str]], stats: list[Stat], base: dict
            ) -> list[Candidate]:
    out = []
    for stat in stats:
        if stat.kind != "ratio" or not re.match(r"\s*\(?\s*(?:a?HR|hazard)", text[stat.start:],
                                                re.IGNORECASE):
            continue
        if not any(m.outcome in _SURVIVAL for m, _ in outcome_of):
            continue  # a stated HR keeps to named survival outcomes, as it always did
        comp = _COMPARISON.search(text)
        subject = _HR_SUBJECT.match(text)
        comparison = f"{comp.group('x').strip()} vs none" if comp else (
            " ".join(subject.group("x").split()) if subject else None)
        out.append(Candidate(
            _nearest(outcome_of, stat.start, True), "hazard_ratio", "stated", value=stat.value,
            ci_low=stat.ci_low, ci_high=stat.ci_high, ci_level=stat.ci_level,
            p_value=stat.p_value, adjusted=bool(_ADJUSTED.search(text)), comparison=comparison,
            rule="hazard_ratio", **{**base, "group": "all"}))
    return out


def _listed(text: str, outcome_of: list[tuple[Mention, str]], base: dict
            ) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """``predictors of death (HR; 95% CI) were age > 70 (2.1; 1.2-3.6), ...``."""
    head = _LIST_HEAD.search(text)
    if head is None:
        return [], []
    outcome = _nearest(outcome_of, head.start(), False)
    out, spans = [], []
    for m in _LIST_ITEM.finditer(text):
        if head.start() <= m.start("v") < head.end():
            continue
        factor = _ITEM_LEAD.sub("", " ".join(m.group("x").split()))
        value, lo, hi = (float(m.group(k)) for k in ("v", "lo", "hi"))
        if not lo <= value <= hi or not factor:
            continue
        out.append(Candidate(outcome, "hazard_ratio", "stated", value=value, ci_low=lo,
                             ci_high=hi, ci_level=0.95, adjusted=bool(_ADJUSTED.search(text)),
                             comparison=factor, rule="hazard_ratio_list",
                             **{**base, "group": "all"}))
        spans.append((m.start("v") - 1, m.end()))
    return out, spans
