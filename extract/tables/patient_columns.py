"""Which per-case table columns record an outcome, and how to read each patient's value.

Each :class:`OutcomeColumn` pairs a header pattern with a classifier that turns one cell into
``True`` (the patient had the outcome), ``False`` (did not) or ``None`` (not understood: the
column is then not counted). Specs are tried in order; the first column found for an outcome
wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_NO = re.compile(r"^\W*(?:no|none|nil|absent|negative|not observed|no evidence of (?:disease|"
                 r"recurrence)|ned|−|-|–|—|0|n)\W*$", re.I)
_YES = re.compile(r"^\W*(?:yes|y|present|positive|\+)\W*$", re.I)
_UNKNOWN = re.compile(r"^\W*(?:na|n/a|nr|nd|unknown|not (?:available|reported|known|done)|\?)\W*$",
                      re.I)
_DEAD = re.compile(r"^\W*(?:d|dead|died|deceased|death|dod|doc|dwd|dood|expired|†)\b", re.I)
_ALIVE = re.compile(
    r"^\W*(?:a|alive|living|awd|ned|ced|nedf|a(?:live)?\s*(?:with|without)\b.*|g|gr|md|sd|v|vs|"
    r"pvs|good|well|recovered|survived|discharged)\W*$",
    re.I,
)
_R0 = re.compile(r"^\W*(?:r0|negative|free|clear|clean|complete|uninvolved)\W*$", re.I)
_NOT_R0 = re.compile(r"^\W*(?:r[12]|positive|involved|close|incomplete|microscopic|macroscopic)"
                     r"\W*$", re.I)
_R_CLASS = re.compile(r"^\W*R\s*([012])\W*$", re.I)
# Clavien-Dindo grade of the worst complication: IIIa and above is major.
_CD_MAJOR = re.compile(r"^\W*(?:grade\s*)?(?:III\s*[ab]?|IV\s*[ab]?|V|[345][ab]?)\W*$", re.I)
_CD_MINOR = re.compile(r"^\W*(?:grade\s*)?(?:I|II|[12])\W*$", re.I)
_PATENT = re.compile(r"^\W*(?:patent|open|yes)\W*$", re.I)
_OCCLUDED = re.compile(r"^\W*(?:occlu\w*|thrombos\w*|closed|stenos\w*|no)\W*$", re.I)


@dataclass(frozen=True)
class OutcomeColumn:
    """How to read one outcome from a column: header pattern and per-value classifier."""

    rule: str
    outcome: str
    header: re.Pattern[str]
    event: Callable[[str], bool | None]
    timepoint_months: float | None = None
    #: Count only when at least one patient has it (R1/R2 among R0/R1/R2 values).
    skip_zero: bool = False


def absent_or_yes(value: str) -> bool | None:
    """An event is any named finding (``Lung``, ``Bile leak``); ``No``/``None`` is its absence."""
    if _UNKNOWN.match(value):
        return None
    return not _NO.match(value)


def yes_no(value: str) -> bool | None:
    """Strict ``Yes``/``No``."""
    if _YES.match(value):
        return True
    return False if _NO.match(value) else None


def dead(value: str) -> bool | None:
    """Dead (``D``, ``DOD``, ``died``) or alive (``Alive``, ``NED``, GOS letters)."""
    if _DEAD.match(value):
        return True
    return False if _ALIVE.match(value) else None


def margin_r0(value: str) -> bool | None:
    """Negative or R0 margin versus positive or R1/R2."""
    if _R0.match(value):
        return True
    return False if _NOT_R0.match(value) else None


def r_class(level: str) -> Callable[[str], bool | None]:
    """Classifier for one residual-tumour class among ``R0``/``R1``/``R2`` values."""
    def classify(value: str) -> bool | None:
        match = _R_CLASS.match(value)
        return match.group(1) == level if match else None
    return classify


def clavien_major(value: str) -> bool | None:
    """Clavien-Dindo IIIa or higher; ``None``/``-``/I/II are not major."""
    if _CD_MAJOR.match(value):
        return True
    return False if _CD_MINOR.match(value) or _NO.match(value) else None


def clavien_any(value: str) -> bool | None:
    """Any Clavien-Dindo grade."""
    if _CD_MAJOR.match(value) or _CD_MINOR.match(value):
        return True
    return False if _NO.match(value) else None


def scale_death(death_value: str) -> Callable[[str], bool | None]:
    """Numeric outcome scales: death is mRS 6, GOS 1; words and letters as :func:`dead`."""
    def classify(value: str) -> bool | None:
        text = value.strip()
        if text == death_value:
            return True
        return False if re.fullmatch(r"\d", text) else dead(value)
    return classify


def patent(value: str) -> bool | None:
    """``Patent`` versus ``Occluded``/``Thrombosed``."""
    if _PATENT.match(value):
        return True
    return False if _OCCLUDED.match(value) else None


_NOT_TIME = r"(?!.*\b(?:time|interval|months?|days?|treatment|site|free|survival|period)\b)"
_DISCHARGE = r"(?:at|on)\s+discharge"
_MARGIN = r"^(?:resection\s+|surgical\s+)?(?:margins?|R status|resection)\W*$"
_CLAVIEN = r"clavien|dindo|^CD\s*grade"

OUTCOME_COLUMNS = (
    OutcomeColumn("patient_table:r0", "r0_resection", re.compile(r"^\W*R0\b", re.I), yes_no),
    OutcomeColumn("patient_table:margin", "r0_resection",
                  re.compile(r"^(?:resection\s+|surgical\s+)?margins?\b(?!.*\b(?:mm|cm)\b)", re.I),
                  margin_r0),
    OutcomeColumn("patient_table:margin", "r1_resection", re.compile(_MARGIN, re.I),
                  r_class("1"), skip_zero=True),
    OutcomeColumn("patient_table:margin", "r2_resection", re.compile(_MARGIN, re.I),
                  r_class("2"), skip_zero=True),
    OutcomeColumn("patient_table:local_recurrence", "recurrence_local",
                  re.compile(rf"^{_NOT_TIME}local(?:\s+|-)(?:recurrence|relapse)", re.I),
                  absent_or_yes),
    OutcomeColumn("patient_table:distant_recurrence", "recurrence_distant",
                  re.compile(rf"^{_NOT_TIME}(?:distant|systemic)\s+(?:recurrence|relapse|"
                             rf"metastas[ie]s)", re.I), absent_or_yes),
    OutcomeColumn("patient_table:recurrence", "recurrence_any",
                  re.compile(rf"^{_NOT_TIME}(?:recurrence|relapse)\W*$", re.I), absent_or_yes),
    OutcomeColumn("patient_table:complication", "complications_any",
                  re.compile(r"^(?:post-?operative\s+)?(?:complications?|morbidity|adverse events?|"
                             r"postoperative course)\W*$", re.I), absent_or_yes),
    OutcomeColumn("patient_table:clavien_dindo", "complications_any",
                  re.compile(_CLAVIEN, re.I), clavien_any),
    OutcomeColumn("patient_table:clavien_dindo", "complications_major",
                  re.compile(_CLAVIEN, re.I), clavien_major),
    OutcomeColumn("patient_table:reintervention", "reintervention",
                  re.compile(r"^(?:re-?intervention|re-?operation|redo surgery)s?\W*$", re.I),
                  absent_or_yes),
    OutcomeColumn("patient_table:readmission", "readmission",
                  re.compile(r"^re-?admissions?\W*$", re.I), yes_no),
    OutcomeColumn("patient_table:technical_success", "technical_success",
                  re.compile(r"^technical(?:ly)?\s+success(?:ful)?\W*$", re.I), yes_no),
    OutcomeColumn("patient_table:clinical_success", "clinical_success",
                  re.compile(r"^clinical(?:ly)?\s+(?:success(?:ful)?|improvement)\W*$", re.I),
                  yes_no),
    OutcomeColumn("patient_table:patency", "primary_patency",
                  re.compile(r"^(?:primary\s+)?(?:stent\s+|graft\s+)?patency(?:\s+at\s+last\s+"
                             r"follow-?up)?\W*$", re.I), patent),
    # An outcome assessed at one point for every patient (at discharge, GOS or mRS at a
    # stated assessment). A "Status" or "Current status" column is each patient's state at
    # their own last follow-up: kept in the patient rows for survival analyses, not counted.
    OutcomeColumn("patient_table:outcome_at_discharge", "mortality",
                  re.compile(rf"^(?:outcome|status|vital status)\s*{_DISCHARGE}\W*$|"
                             r"^discharge\s+(?:status|outcome)\W*$", re.I), dead, 0.0),
    OutcomeColumn("patient_table:outcome_at_discharge", "mortality",
                  re.compile(rf"^GOS\s*{_DISCHARGE}\W*$", re.I), scale_death("1"), 0.0),
    OutcomeColumn("patient_table:outcome_at_discharge", "mortality",
                  re.compile(rf"^mRS\s*{_DISCHARGE}\W*$", re.I), scale_death("6"), 0.0),
    OutcomeColumn("patient_table:outcome", "mortality",
                  re.compile(r"^(?:final\s+|functional\s+|clinical\s+)?outcome\W*$", re.I), dead),
    OutcomeColumn("patient_table:outcome", "mortality",
                  re.compile(r"^(?:(?:final\s+|functional\s+)?outcome\s*)?\(?(?:GOS|Glasgow "
                             r"Outcome Scale)\)?\W*$", re.I), scale_death("1")),
    OutcomeColumn("patient_table:mrs", "mortality",
                  re.compile(r"^(?:mRS|modified Rankin(?: Scale)?)(?:\s+(?:score|at follow-?up|"
                             r"outcome))?\W*$", re.I), scale_death("6")),
)
