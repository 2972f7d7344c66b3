"""Denominators of the assessed: who a finding is about when it is not the whole cohort.

A count without its own denominator takes the cohort size (:mod:`extract.assembly.records`),
unless the sentence says who was assessed (gold-guide "Numbers"):

- ``Last follow-up data were available in 36 patients: 24 showed persistent relief`` is 24/36;
- ``For 155 completed procedures the R0 resection rate was 62.6%`` is of the 155;
- ``Twenty of the 34 patients with follow-up died of X and 9 (26%) of Y``: 9 of the 34;
- a finding about the treated units of a paper on ``25 patients with 30 nodules``
  (``Technical success was 100%, although some nodules required double ablation``) is about the
  30 nodules;
- a finding ``after valve removal`` is of the patients whose valves were removed, when the
  paper counts them (``The valves were removed in 55 patients``: :func:`text_to_removals`);
- when only part of the cohort had the intervention (``Fifty-two (87%) patients underwent stent
  placement`` of 60 evaluated), the outcomes of that intervention (complications, success,
  reintervention, early deaths) are of the treated (:func:`text_to_treated`).

``candidates_to_assessed`` sets the candidate's ``group_n`` (the size of the group it is
about); the group stays ``all``: everyone assessed for that outcome.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from extract.assembly.records import percent_agrees
from extract.rules.findings import Candidate
from extract.rules.strata import ASSESSED_WORDS
from extract.study.counts import COUNT, count_to_int
from extract.study.things_done import PROCEDURE_NOUNS, text_to_things_done

_AVAILABLE = re.compile(
    rf"\b(?:data|information|results?|follow[\s\-]?up|outcomes?)\s+(?:\w+\s+){{0,2}}?(?:were|was)\s+"
    rf"(?:available|obtained|complete)\s+(?:for|in|from)\s+(?P<n>{COUNT})\s+(?:\w+\s+)?"
    r"(?:patients|cases|subjects|participants)\b",
    re.IGNORECASE,
)
# "For 155 successfully completed procedures the R0 resection rate was 62.6%", "In 38 evaluable
# patients, ...": an opening phrase naming the assessed with their number
# ("In 5 patients the stoma was permanent" counts the finding's own patients: only the
# assessed are named after "in")
_FOR_N = re.compile(
    rf"^\W*(?:(?:for|among)\s+(?:the\s+|these\s+|all\s+)?(?P<n>{COUNT})\s+(?:[\w\-]+\s+){{0,3}}?"
    # ("Among 1,430 CIs": a procedure's abbreviation in the plural counts procedures)
    r"(?:patients|cases|subjects|procedures|interventions|operations|resections|lesions|"
    r"(?-i:[A-Z][A-Z0-9\-]+s))|"
    rf"in\s+(?:the\s+)?(?P<m>{COUNT})\s+(?:evaluable|assessable|assessed|available)\s+\w+)\b"
    r"(?P<rest>[^,;]{0,40})",
    re.IGNORECASE,
)
# ... unless the phrase goes on to qualify them ("Among 12 patients with diabetes, ..." is a
# stratum) by anything but their assessment ("with imaging follow-up")
_QUALIFIED_REST = re.compile(r"^\s*(?:with|without|who|whose|aged|older|younger|treated|"
                             r"receiving|undergoing)\b", re.IGNORECASE)
# "Among 40 patients with diabetes, ...": a stratum with its size
_STRATUM_N = re.compile(rf"^\W*(?:in|among|for)\s+(?:the\s+)?(?P<n>{COUNT})\s+"
                        r"(?:[\w\-]+\s+){0,2}?(?:patients|cases|subjects|women|men|children)\s+"
                        r"(?:with|without|who|whose|aged|older|younger|undergoing|receiving|"
                        r"treated)\b", re.IGNORECASE)
# "Of the 25 conservatively treated patients, ...": the stratum's size
_OF_N = re.compile(r"^\W*(?:of|among)\s+(?:the|these|those)\s+(?P<n>\d+)\s+(?:[\w\-]+\s+){0,3}?"
                   r"(?:patients|cases)\b", re.IGNORECASE)
# "Twenty of the 34 patients with follow-up died of X and 9 (26%) of Y": the stated denominator
# of the sentence, shared by its later counts whose percentages agree with it
_OF_THE_N = re.compile(rf"(?<![\w.])(?:{COUNT})\s+(?:\([^()]*\)\s+)?of\s+(?:the\s+)?"
                       rf"(?P<n>{COUNT})\s+(?:[\w\-]+\s+){{0,2}}?(?:patients|cases)\b",
                       re.IGNORECASE)
# "Four patients were re-explored for flap problems": a count of patients is never one of units
_PATIENT_COUNT = re.compile(rf"(?<![\w.])(?P<n>{COUNT})\s+(?:[\w\-]+\s+){{0,2}}?"
                            r"(?:patients?|cases|subjects|participants)\b", re.IGNORECASE)
_UNIT_NOUNS = (r"lesions?|nodules?|tumou?rs?|eyes?|hips?|knees?|limbs?|aneurysms?|flaps?|"
               r"grafts?|stents?|hernias?|fractures?|polyps?|kidneys?|ears?|breasts?")
# "25 patients with 30 nodules", "30 lung nodules from 25 patients"
_UNITS = [
    re.compile(rf"(?<![\w.])(?:{COUNT})\s+patients\s+with\s+(?P<m>{COUNT})\s+(?:\w+\s+)?"
               rf"(?P<noun>{_UNIT_NOUNS})\b", re.IGNORECASE),
    re.compile(rf"(?<![\w.])(?P<m>{COUNT})\s+(?:\w+\s+)?(?P<noun>{_UNIT_NOUNS})\s+(?:in|from|of)\s+"
               rf"(?:{COUNT})\s+patients\b", re.IGNORECASE),
]

# "60 patients were treated in 71 ablation sessions": the procedures the paper counts beside
# its patients, the patients first ("130 retrieval attempts were made in 121 patients" is read
# by extract.study.things_done)
_TREATED_IN = re.compile(rf"\bpatients\b[^.;]{{0,80}}?\b(?:were|was)\s+treated\s+(?:in|during)\s+"
                         rf"(?P<m>{COUNT})\s+(?:[\w\-]+\s+)?{PROCEDURE_NOUNS}\b", re.IGNORECASE)


def _counted_procedures(count: int, quote: str) -> bool:
    """``Major complications occurred in 3 procedures (1.4%)``: the count is of procedures."""
    return any(count_to_int(m["n"]) == count for m in re.finditer(
        rf"(?<![\w.])(?P<n>{COUNT})\s+(?:[\w\-]+\s+)?{PROCEDURE_NOUNS}\b", quote,
        re.IGNORECASE))


# "Fifty-two (87%) patients underwent stent placement", "38 patients (84%) were treated with
# coiling": the part of the cohort that had the intervention, with its share of the cohort
# (``what``: the first words of the treatment's name)
_TREATED = re.compile(
    rf"(?<![\w.])(?P<m>{COUNT})\s+(?:\((?P<p1>\d+(?:\.\d+)?)\s*%\)\s+)?(?:[\w\-]+\s+){{0,2}}?"
    r"(?:patients|cases|subjects|participants)\s+(?:\((?P<p2>\d+(?:\.\d+)?)\s*%\)\s+)?"
    r"(?:underwent|received|were\s+(?:successfully\s+)?(?:treated|managed)\s+(?:with|by))\s+"
    r"(?=(?P<what>(?:[\w\-]+\s+){0,2}[\w\-]+))",
    re.IGNORECASE,
)
# ... but not a second or further treatment of some ("12 (16%) patients received additional
# stenting"), nor the extent the operation reached ("11 (92%) underwent grossly complete
# resection"): those are a subgroup or a result, not the treated cohort
_FURTHER = re.compile(r"\b(?:additional|second|further|repeat(?:ed)?|another|subsequent|"
                      r"secondary|salvage|adjuvant|revision|conversion|re-?\w+ion|re-?do|"
                      r"gross(?:ly)?|complete|incomplete|R[012])\b", re.IGNORECASE)
# "After surgery, 58 patients (67%) received chemoradiotherapy", "Postoperatively, 30 (75%)
# patients underwent radiotherapy": a treatment after the one under study, given to some
_AFTERWARDS = re.compile(r"(?:\b(?:after|following)\s+(?:the\s+)?(?:surgery|operation|resection|"
                         r"procedure|intervention|discharge)|\bpost-?operatively|\bthereafter|"
                         r"\bsubsequently)\b[^.;]{0,20}$", re.IGNORECASE)
# "The valves were removed in 55/67 (82%) patients", "catheters were retrieved in 31 patients":
# the part of the cohort that had the device taken out again
_REMOVED = re.compile(
    rf"\b(?P<noun>[a-z]+?)s?\s+(?:were|was)\s+(?:\w+\s+)?(?P<verb>removed|retrieved|explanted|"
    rf"extracted)\s+(?:in|from)\s+(?P<n>{COUNT})(?:\s*/\s*\d+)?\s*(?:\(\s*\d+(?:\.\d+)?\s*%\s*\)\s*)?"
    r"(?:patients|cases|subjects)\b", re.IGNORECASE)
_TAKING_OUT = r"(?:removal|retrieval|explantation|extraction)"

#: Outcomes of the intervention itself: only the patients who had it can have them.
TREATMENT_OUTCOMES = frozenset({"complications_any", "complications_major", "technical_success",
                                "clinical_success", "reintervention"})
#: Deaths are of the treated only within this many months of the procedure (later deaths can
#: be of any patient of the cohort).
EARLY_DEATH_MONTHS = 1.0


def text_to_treated(text: str, cohort: int | None) -> int | None:
    """The number of patients who had the intervention when it is a stated part of the cohort.

    ``M (x%) patients underwent ...`` counts the treated when ``x%`` is ``M`` of the
    ``cohort`` and ``M`` is smaller than it. A treatment named as additional, repeated or
    salvage counts a subgroup, not the treated; two different treated counts leave it unclear
    (``None``).
    """
    if not cohort:
        return None
    found = set()
    for m in _TREATED.finditer(text):
        treated, percent = count_to_int(m["m"]), m["p1"] or m["p2"]
        if not treated or percent is None or treated >= cohort or _FURTHER.search(m["what"]) \
                or _AFTERWARDS.search(text[max(0, m.start() - 60):m.start()]):
            continue
        if percent_agrees(treated, cohort, float(percent) / 100):
            found.add(treated)
    return found.pop() if len(found) == 1 else None


def text_to_units(text: str) -> dict[str, int]:
    """Treated units counted beside the patients: ``{"nodule": 30}``.

    A noun counted twice with different numbers is dropped (the count is then unclear).
    """
    found: dict[str, set[int]] = {}
    for pattern in _UNITS:
        for m in pattern.finditer(text):
            count = count_to_int(m["m"])
            if count:
                found.setdefault(_singular(m["noun"]), set()).add(count)
    return {noun: counts.pop() for noun, counts in found.items() if len(counts) == 1}


def text_to_procedures(text: str) -> int | None:
    """The number of procedures (attempts, sessions) the paper counts beside its patients.

    ``None`` when it counts none, or counts them twice with different numbers.
    """
    found = {done.done for done in text_to_things_done(text) if done.of_procedures}
    found |= {count_to_int(m["m"]) for m in _TREATED_IN.finditer(text)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def text_to_removals(text: str) -> dict[str, int]:
    """Devices taken out again in part of the cohort, and in how many patients:
    ``{"valve": 55}``.

    A device counted twice with different numbers is dropped (unclear).
    """
    found: dict[str, set[int]] = {}
    for m in _REMOVED.finditer(text):
        count = count_to_int(m["n"])
        if count:
            found.setdefault(m["noun"].lower(), set()).add(count)
    return {noun: counts.pop() for noun, counts in found.items() if len(counts) == 1}


def _after_removal(quote: str, removals: dict[str, int]) -> int | None:
    """The size of the group a finding ``after valve removal`` (``after removal of the
    valves``) is about, when the paper counts those removals."""
    for noun, n in removals.items():
        if re.search(rf"\bafter\s+(?:the\s+)?(?:{noun}s?\s+{_TAKING_OUT}|{_TAKING_OUT}\s+of\s+"
                     rf"(?:the\s+)?{noun}s?)\b", quote, re.IGNORECASE):
            return n
    return None


def candidates_to_assessed(candidates: Sequence[Candidate], units: dict[str, int],
                           treated: int | None = None,
                           removals: dict[str, int] | None = None,
                           procedures: int | None = None) -> list[Candidate]:
    """Give each whole-cohort candidate the size of the group its sentence says was assessed.

    Parameters
    ----------
    candidates : sequence of Candidate
        Candidates of the prose and tables.
    units : dict
        Treated units and their counts (:func:`text_to_units`).
    treated : int, optional
        Patients of the cohort who had the intervention (:func:`text_to_treated`).
    removals : dict, optional
        Devices taken out again and in how many patients (:func:`text_to_removals`): a
        finding ``after valve removal`` is of those patients.
    procedures : int, optional
        Procedures the paper counts (:func:`text_to_procedures`): a count of procedures
        (``in 3 procedures``) is of them, not of the patients.
    """
    return [_assessed(c, units, treated, removals or {}, procedures) for c in candidates]


def _assessed(c: Candidate, units: dict[str, int], treated: int | None = None,
              removals: dict[str, int] | None = None, procedures: int | None = None
              ) -> Candidate:
    if c.group_n is not None or c.total is not None or not c.quote:
        return c
    removed = _after_removal(c.quote, removals or {}) if c.group == "all" else None
    if removed and (c.count or 0) <= removed:
        return replace(c, group_n=removed)
    if c.group != "all":
        # "Among 40 patients with diabetes, recurrence occurred in 6": the stratum's size
        sized = _STRATUM_N.match(c.quote) or _OF_N.match(c.quote)
        n = count_to_int(sized["n"]) if sized else None
        return replace(c, group_n=n) if n and (c.count or 0) <= n else c
    available = _AVAILABLE.search(c.quote)
    if available:
        n = count_to_int(available["n"])
        if n and (c.count is None or c.count <= n):
            return replace(c, group_n=n)
    stated = _OF_THE_N.search(c.quote)
    n = count_to_int(stated["n"]) if stated else None
    if n and c.count is not None and c.percent is not None and percent_agrees(
            c.count, n, c.percent):
        return replace(c, group_n=n)
    opening = _FOR_N.match(c.quote)
    if opening and (not _QUALIFIED_REST.match(opening["rest"])
                    or ASSESSED_WORDS.search(opening["rest"])):
        n = count_to_int(opening["n"] or opening["m"])
        if n and (c.count is None or c.count <= n):
            return replace(c, group_n=n)
    if procedures and c.count is not None and c.count <= procedures \
            and c.outcome in TREATMENT_OUTCOMES and _counted_procedures(c.count, c.quote):
        return replace(c, group_n=procedures)
    if treated and _of_treated(c, treated):
        return replace(c, group_n=treated)
    if c.outcome == "mortality" or c.outcome.endswith("survival"):
        return c  # patients die and survive, not their lesions
    if c.rule == "sum_of_clauses" or (c.count is not None and any(
            count_to_int(m["n"]) == c.count for m in _PATIENT_COUNT.finditer(c.quote))):
        return c  # (a sum of clauses adds up counts of patients)
    for noun, n in units.items():
        if re.search(rf"\b{noun}s?\b", c.quote, re.IGNORECASE) and (c.count or 0) <= n:
            return replace(c, group_n=n)
    return c


def _of_treated(c: Candidate, treated: int) -> bool:
    """Whether a whole-cohort finding is an outcome of the intervention, of the ``treated``."""
    early_death = (c.outcome == "mortality" and c.timepoint_months is not None
                   and c.timepoint_months <= EARLY_DEATH_MONTHS)
    if c.measure != "proportion" or not (c.outcome in TREATMENT_OUTCOMES or early_death):
        return False
    if c.count is not None and c.count > treated:
        return False
    if c.basis == "universal" or not c.of_patients:
        return False  # "all patients" and counts of lesions name their own denominator
    if c.percent is None or c.count is None:
        return True
    # a count with its share is of the treated only when the share is theirs ("8 (12%)" of 67),
    # not of the whole cohort ("8 (11%)" of 74)
    return percent_agrees(c.count, treated, c.percent, truncated_ok=False)


def _singular(noun: str) -> str:
    noun = noun.lower()
    return noun[:-1] if noun.endswith("s") else noun
