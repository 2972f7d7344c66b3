"""Candidate findings: a number attached to an outcome, before the cohort size makes it a
record; and what the sentence rules know about the document around a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.rules.clauses import Clause
from extract.rules.lexicon import Lexicon
from extract.rules.numbers import UNIT, WORD_NUMBER, parse_number
from extract.rules.timepoints import timepoint_months

#: Words that date a finding to the perioperative period (0 months); also what provenance
#: (:mod:`corpus.provenance`) accepts as a stated time of 0.
PERIOPERATIVE = re.compile(r"\b(?:intra-?operative(?:ly)?|in-?hospital|peri-?operative(?:ly)?|"
                            r"operative|"
                            r"at discharge|hospital|hospitali[sz]ation|postoperative|"
                            r"post-?procedure|procedural|during the procedures?|early|"
                            r"(?:N|P)?ICU|intensive care|acute phase)\b",
                            re.IGNORECASE)
_AT_FOLLOW_UP = re.compile(r"\b(?:at|during|by)\s+(?:the\s+)?(?:last\s+|long-term\s+)?"
                           r"follow-?\s?up\b", re.IGNORECASE)
_THIS_PHASE = re.compile(r"\b(?:this|that|the same)\s+(?:phase|period|stay|time)\b",
                         re.IGNORECASE)
#: Outcomes dated by :func:`complication_timepoint`.
COMPLICATIONS = frozenset({"complications_any", "complications_major"})
# "No PDT-related mortality", "procedure-related deaths": deaths the treatment caused, which
# happen around it (a death from the disease, "sarcoma-related", is not dated by this)
# An acronym may name the treatment ("No PDT-related mortality") or the disease ("HCC-related
# deaths"): only a denied one is read as the treatment's, since papers deny their own harms.
_TREATMENT_RELATED = re.compile(
    r"\b(?:(?i:procedur\w*|treatment|therap\w*|device|stent\w*|surg\w*|operat\w*|"
    r"intervention\w*|ablation|implant\w*|catheter\w*|an(?:a)?esthe\w*)|(?i:no|without)\s+"
    r"[A-Z]{2,6})(?i:[- ]related\s+(?:[\w-]+\s+){0,3}?(?:deaths?|mortality|fatalit\w+))\b")
# "complications during the procedure", "intraoperative complications": a window the text
# states for a complication (gold-guide: other complications keep no time)
INTRAPROCEDURAL = re.compile(r"\bintra-?(?:operative(?:ly)?|procedur(?:al|ally))\b|"
                             r"\bduring\s+(?:the\s+)?(?:procedures?|operations?|surgery|"
                             r"surgeries|interventions?|implantation|ablation|sessions?)\b",
                             re.IGNORECASE)
_TO_DISCHARGE = re.compile(r"\b(?:to|at|until|till|before)\s+(?:(?:the\s+)?time\s+of\s+)?"
                           r"(?:hospital\s+)?discharge\b", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"\bfollow-?\s?up\b", re.IGNORECASE)
_WINDOW = rf"(?P<v>\d+|{WORD_NUMBER})\s*(?P<unit>{UNIT})\b"
# "early death was defined as death within 72 hours", "early mortality (< 7 days)"
_EARLY_DEFINED = re.compile(rf"\bearly\s+(?:deaths?|mortality)\b[^.]{{0,60}}?(?:\bwithin|\bbefore|"
                            rf"<|\bduring|\bin)\s+(?:the\s+)?(?:first\s+)?{_WINDOW}", re.IGNORECASE)
# "... died (early deaths) and 267 survived the first 72 hours (early survivors)"
_EARLY_SURVIVED = re.compile(rf"\bsurviv\w*\s+(?:the\s+)?first\s+{_WINDOW}\s*\(?\s*early\b",
                             re.IGNORECASE)
# "Safety was defined as the complications that occurred within 30 days of the procedure",
# "adverse events were defined as any event up to 6 weeks after treatment": the paper's own
# window for its complications (gold-guide "Time points": a stated window dates them)
_DEFINED_COMPLICATION_WINDOW = re.compile(
    r"(?:\bdefined\b[^.]{0,120}?\b(?:complications?|adverse\s+events?|morbidity)\b|"
    r"\b(?:complications?|adverse\s+events?|morbidity)\b[^.]{0,60}?\bdefined\b)"
    rf"[^.]{{0,100}}?\b(?:within|up\s+to|during\s+the\s+first)\s+{_WINDOW}\s+"
    r"(?:after|of|following|post)\b", re.IGNORECASE)
# "Complications were recorded within 30 days of surgery", "morbidity was defined as any
# event within 90 days": the window the methods set for every complication reported later
_RECORDED_COMPLICATION_WINDOW = re.compile(
    rf"\b(?:complications?|morbidity|adverse\s+events?)\b[^.;]{{0,80}}?\b(?:recorded|assessed|"
    rf"collected|graded|captured|registered|documented|evaluated|analy[sz]ed|defined|counted|"
    rf"reported|included)\b[^.;]{{0,60}}?\b(?:within|up\s+to|until|during|in)\s+(?:the\s+)?"
    rf"(?:first\s+)?{_WINDOW}", re.IGNORECASE)
# "Complications within 90 days were graded by Clavien-Dindo", "adverse events up to 30 days
# after the procedure were classified": the window stands between the noun and the methods' verb
_COMPLICATIONS_IN_WINDOW = re.compile(
    rf"\b(?:complications?|morbidity|adverse\s+events?)\s+(?:occurring\s+)?(?:within|up\s+to|"
    rf"in\s+the\s+first|during\s+the\s+first)\s+{_WINDOW}(?:\s+(?:of|after|following|post)"
    rf"\s+(?:the\s+)?[\w-]+)?\s+(?:were|was|are|have\s+been)\s+(?:prospectively\s+|"
    rf"systematically\s+)?(?:recorded|assessed|collected|graded|classified|captured|registered|"
    rf"documented|evaluated|analy[sz]ed|scored|counted|reported)\b", re.IGNORECASE)
_HOSPITAL_PHASE = re.compile(r"\b(?:intensive care|[NP]?ICU|stroke unit|hospital stay|"
                             r"hospitali[sz]|in-hospital|postoperative stay)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A number attached to an outcome, before the cohort size turns it into a record.

    ``basis`` says how the events are known: ``stated`` (a count in the text), ``percent``
    (a percentage only), ``negated`` (0 of the cohort), ``universal`` (all of the cohort).
    ``group_n`` is the size of the group when the source states it (a table column's N);
    otherwise the cohort size applies.
    """

    outcome: str
    measure: str
    basis: str
    group: str = "all"
    count: int | None = None
    total: int | None = None
    percent: float | None = None
    value: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    ci_level: float | None = None
    range_low: float | None = None
    range_high: float | None = None
    timepoint_months: float | None = None
    comparison: str | None = None
    adjusted: bool | None = None
    p_value: float | None = None
    of_patients: bool = True
    group_n: int | None = None
    page: int | None = None
    section: str = ""
    quote: str = ""
    rule: str = ""
    context: str | None = None  # a table's caption and header (ExtractedRecord.context)


@dataclass(frozen=True)
class DocumentContext:
    """What the sentence rules need to know beyond the sentence: the document's mortality
    window, the window of its ``early`` deaths when it defines one (``within 72 hours``),
    the window its methods set for complications (``recorded within 30 days``), its
    outcome assessment time, the condition of its whole cohort, and the sentence before (set
    per sentence)."""

    lexicon: Lexicon
    mortality_window_months: float | None = None
    assessment_months: float | None = None
    previous: str = ""
    early_window_months: float | None = None
    complication_window_months: float | None = None
    #: phrases naming the condition of the whole cohort (:mod:`extract.rules.own_condition`)
    cohort_condition: tuple[tuple[str, ...], ...] = ()


def mortality_timepoint(text: str, clause: Clause, context: DocumentContext) -> float | None:
    """Time point of a mortality statement without an explicit one (``spec/records.md``)."""
    if _AT_FOLLOW_UP.search(text):
        return None
    m = PERIOPERATIVE.search(text)
    if m is None and _THIS_PHASE.search(text):
        if _HOSPITAL_PHASE.search(context.previous):
            return 0.0  # "During this phase" after "treated on the intensive care unit"
        if _FOLLOW_UP.search(context.previous):
            return None  # "At this time, ten were dead" after "median follow-up was 67 months"
    if m is None and _TREATMENT_RELATED.search(text):
        return 0.0
    word = m.group(0).lower() if m else ""
    if word.startswith("post") and context.mortality_window_months is not None:
        return context.mortality_window_months
    if word == "early" and context.early_window_months is not None:
        return context.early_window_months
    return 0.0 if m else context.assessment_months


def complication_timepoint(text: str, window: float | None = None) -> float | None:
    """Time point of a complication statement without a stated window: 0 when it happened
    during the procedure itself, else the ``window`` the paper defines for its complications
    (:func:`complication_window`), else none (gold-guide "Time points")."""
    return 0.0 if INTRAPROCEDURAL.search(text) else window


def discharge_timepoint(text: str) -> float | None:
    """0 when a statement is dated by the hospital discharge (``survived to discharge``,
    ``alive at discharge``): a vital status at discharge is the in-hospital time point."""
    return 0.0 if _TO_DISCHARGE.search(text) else None


def early_window(text: str) -> float | None:
    """The window of ``early`` deaths when the paper defines it, in months: ``early death was
    defined as death within 72 hours``, ``died (early deaths) and 267 survived the first 72
    hours (early survivors)``; ``None`` when it does not."""
    m = _EARLY_DEFINED.search(text) or _EARLY_SURVIVED.search(text)
    value = parse_number(m.group("v")) if m else None
    return None if value is None else timepoint_months(value, m.group("unit"))


def complication_window(text: str) -> float | None:
    """The window in which the paper records its complications, in months, when its methods
    state one (``complications were recorded within 30 days of surgery`` is 1); ``None``
    when they do not (gold-guide: complications keep no time unless the paper states a
    window). A definition of the complications (``defined as those within 30 days after the
    procedure``) states one too."""
    m = _DEFINED_COMPLICATION_WINDOW.search(text) or _RECORDED_COMPLICATION_WINDOW.search(text) \
        or _COMPLICATIONS_IN_WINDOW.search(text)
    value = parse_number(m.group("v")) if m else None
    return None if value is None else timepoint_months(value, m.group("unit"))
