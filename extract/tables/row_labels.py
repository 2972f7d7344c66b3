"""What a table row's label says once the row above it is known.

Tables print a categorical variable as a label row without values and one row per level under
it::

    Resection margin
      0        153 (32.8)  67 (53.6)
      1        295 (63.3)  54 (43.2)
    Reoperation
      Yes      6 (18.8)
      No       26 (81.2)

A level alone names nothing; with its category it does: residual-tumour levels ``0``/``R1``
under a margin category are the R classification (``R0``, ``R1``), ``Yes`` is the category
itself, a word level reads before it (``Negative resection margin``), and ``No`` is the
complement, never an event count. Rows under a category of the patients' state before
treatment (comorbidities, medical history, risk factors) are characteristics, not outcomes;
a table of published series (``Review of previous studies``) is other cohorts' numbers.
"""

from __future__ import annotations

import re

from extract.rules.timepoints import text_to_timepoints

# a level row's label: a residual-tumour class, a yes/no answer, a sign, a grade
_R_LEVEL = re.compile(r"^R?\s*([0-2])$", re.IGNORECASE)
_YES = re.compile(r"^(?:yes|present|occurred)$", re.IGNORECASE)
_NO = re.compile(r"^(?:no|none|absent|unknown|missing|not (?:done|available|reported)|n/?a)$",
                 re.IGNORECASE)
_WORD_LEVEL = re.compile(r"^(?:negative|positive|clear|involved|free|complete|incomplete|"
                         r"microscopic|macroscopic)$", re.IGNORECASE)
# a category of residual tumour after resection: its numbered levels are the R classes
_MARGIN_CATEGORY = re.compile(r"\b(?:margins?|R[- ]?(?:status|classification|category|stage)|"
                              r"residual (?:tumou?r|disease))\b", re.IGNORECASE)
# the patients' state before treatment: rows under such a category are not outcomes
_BASELINE = re.compile(r"\b(?:co-?morbidit\w*|medical history|past history|risk factors?|"
                       r"baseline|demographics?|pre-?existing|pre-?operative (?:status|"
                       r"condition|characteristics|findings)|indications?|presenting|"
                       r"symptoms at (?:presentation|admission))\b", re.IGNORECASE)
# a caption of a table of other cohorts: previous studies, the literature, published series
_OTHER_STUDIES = re.compile(r"\b(?:previous(?:ly)? (?:published |reported )?(?:studies|series|"
                            r"reports)|(?:the )?literature|published (?:studies|series|cases|"
                            r"reports)|reported (?:series|studies|cases)|other (?:studies|series)|"
                            r"systematic review|meta-analys[ie]s)\b", re.IGNORECASE)
# words of a caption that say its table holds results after all ("characteristics and outcomes")
_RESULTS = re.compile(r"\b(?:outcomes?|results?|complications?|mortality|morbidity|"
                      r"follow-?up|adverse|events?|survival|recurrence)\b", re.IGNORECASE)


def level_label(category: str | None, label: str) -> str | None:
    """The label a row is read by: its own, or with its category when it is a level of it.

    Returns ``None`` for a row that is no event count (a ``No`` level, a row under a
    baseline category).
    """
    label = label.strip()
    if baseline_label(label):
        return None
    if not category:
        return label
    if baseline_label(category):
        return None
    r_level = _R_LEVEL.match(label)
    if r_level and _MARGIN_CATEGORY.search(category):
        return f"R{r_level.group(1)}"
    if _YES.match(label):
        return category
    if _NO.match(label):
        return None
    if _WORD_LEVEL.match(label):
        return f"{label} {category}"
    return label


def is_level(label: str) -> bool:
    """Whether a label is a level of the category above it rather than a variable."""
    label = label.strip()
    return any(p.match(label) for p in (_R_LEVEL, _YES, _NO, _WORD_LEVEL))


def baseline_label(text: str) -> bool:
    """A label or caption about the patients before treatment (and not about results)."""
    return bool(_BASELINE.search(text)) and not _RESULTS.search(text)


def other_studies_caption(caption: str) -> bool:
    """A caption of a table of published series (``Review of previous studies``,
    ``Comparison with the literature``): its numbers are other cohorts', never this one's."""
    return bool(_OTHER_STUDIES.search(caption))


def caption_time(caption: str) -> float | None:
    """The one time a caption dates its table by (``Adverse events as of 1-month follow-up``:
    1); ``None`` when it names none or several."""
    tps = text_to_timepoints(caption)
    if len(tps) == 1 and len(tps[0].months) == 1:
        return tps[0].months[0]
    return None
