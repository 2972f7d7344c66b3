"""Strata of the cohort a sentence reports on: patients defined by a feature, not an arm's name.

A finding about patients defined by a feature is a group of its own, never the whole cohort
(gold-guide "Groups"):

- an opening phrase that qualifies the patients after naming them: ``For patients aged 70
  years and older, median survival was ...``, ``In patients without nodal metastasis (N0),
  ...``, ``Among women undergoing a second procedure, ...``;
- a treatment qualified by its result after the outcome: ``survival rates after resection
  without residual macroscopic disease were 50% and 22%``, ``recurrence following excision
  with clear margins was 4%``;
- ``the group who underwent resection had longer survival``;
- an outcome for the patients of one procedure: ``The 30-day mortality for emergency
  colectomy was 12%``;
- a count of patients qualified by how they were treated: ``Of the 25 conservatively treated
  patients, 20 had good outcomes and 1 died``;
- values labelled by their strata: ``(5-year OS: G1: 92% vs. G2: 54%)``;
- two strata compared: ``Efficacy was better for smaller lesions than for larger lesions
  with R0 rates of 70.8 vs. 40.5%`` (the group names both: ``smaller lesions vs. larger
  lesions``);
- the patients still alive, or dead, at a time: ``Of the patients dead at follow-up, the mean
  survival time was ...``, ``Among survivors, 77% had a good outcome``.

The patients everyone was assessed among (``in patients with available follow-up``) are not
a stratum: they are the denominator of the assessed (:mod:`extract.rules.assessed`).
"""

from __future__ import annotations

import re

_CONNECTIVE = (r"(?:(?:likewise|similarly|moreover|however|conversely|in addition|additionally|"
               r"furthermore|in contrast|by contrast|accordingly|overall),?\s+)?")
_PEOPLE = r"(?:patients|cases|subjects|those|women|men|children|adults|individuals)"
_QUALIFIER = (r"(?:aged|with|without|who|whose|older|younger|over|under|undergoing|receiving|"
              r"treated|presenting)\b")
_PREFIX = re.compile(
    rf"^\W*{_CONNECTIVE}(?:in|among|for|within)\s+(?:the\s+)?(?:\d+\s+)?{_PEOPLE}\s+"
    # (the subgroup's size may close the phrase without a comma: "In the patients with
    # total resection (n=61) median OS was ...")
    rf"(?P<g>{_QUALIFIER}[^,;()]{{2,60}}?)\s*(?:\([^()]{{1,30}}\)\s*,?|,)",
    re.IGNORECASE,
)
# "Of the patients dead at follow-up, the mean survival was ...", "Among survivors, ...": the
# patients still alive (or dead) are a stratum of their own
_VITAL_PREFIX = re.compile(
    r"^\W*(?:of|among|in|for)\s+(?:the\s+|those\s+|these\s+)?(?:\d+\s+)?"
    r"(?:\(\s*\d[^()]{0,12}\)\s+)?(?P<g>(?:patients\s+)?(?:who\s+(?:died|survived|were\s+(?:still\s+)?"
    r"(?:alive|dead|living))|(?:still\s+)?(?:dead|deceased|alive|living)|(?:long-term\s+)?"
    r"(?:non-?)?survivors)\b[^,;]{0,40}?)\s*,",
    re.IGNORECASE,
)
# "Efficacy was better for smaller lesions (n = 131) than for larger lesions (n = 51) with R0
# rates of 70.8 vs. 40.5%": two strata compared, neither the cohort
_COMPARED = re.compile(
    r"\b(?:better|worse|higher|lower|greater|longer|shorter|more|less|superior|inferior)\s+"
    r"(?:\w+\s+)?(?:for|in|among)\s+(?:the\s+)?(?P<a>[^(),;]{2,40}?)\s*(?:\([^()]{0,40}\)\s*)?"
    r"than\s+(?:for|in|among)\s+(?:the\s+)?(?P<b>(?:(?:those|patients|cases)\s+with(?:out)?\s+)?"
    r"[^(),;]{2,40}?)(?=\s*[(),;.]|\s+(?:with|and|was|were)\b)",
    re.IGNORECASE,
)
# "Of the 25 conservatively treated patients, ...": the patients named by how they were treated
# or what they had, not the cohort ("Of the 25 included patients", "Of the 41 patients")
_OF_QUALIFIED = re.compile(
    r"^\W*(?:of|among)\s+(?:the|these|those)\s+\d+\s+(?P<g>(?:[\w\-]+\s+){1,3}?)(?:patients|cases)"
    r"\s*,",
    re.IGNORECASE,
)
# "Of the 25 patients (56%) treated with medical therapy alone, ..."
_OF_PATIENTS_QUALIFIED = re.compile(
    r"^\W*(?:of|among)\s+(?:the|these|those)\s+\d+\s+(?:patients|cases)\s*(?:\([^()]{0,20}\)\s*)?"
    r"(?P<g>(?:treated|managed|operated|who|with|without|undergoing|receiving)\b[^,;()]{2,60}?)\s*,",
    re.IGNORECASE,
)
_COHORT_WORDS = re.compile(r"^(?:included|enrolled|eligible|remaining|evaluable|assessable|"
                           r"consecutive|study|treated|operated|other|above|aforementioned|"
                           r"selected|analy[sz]ed|available|surviving|total)$", re.IGNORECASE)
# "(5-year OS: G1: 92% vs. G2: 54% vs. G3: 43%)": values labelled by their strata
_LABELLED_VALUES = re.compile(
    r"(?P<a>\b[A-Za-z][\w\-+/]*(?:\s+[\w\-+/]+){0,2}?)\s*:\s*\d+(?:\.\d+)?\s*%\s*[,;]?\s*"
    r"(?:vs\.?|versus)\s+(?P<b>[A-Za-z][\w\-+/]*(?:\s+[\w\-+/]+){0,2}?)\s*:\s*\d+(?:\.\d+)?\s*%",
    re.IGNORECASE,
)
# "The median survival of surviving patients was 48 months": the same strata after the outcome
# (an arm may name them: "in 4 of the 31 stented survivors")
_VITAL_NAMED = re.compile(
    r"\b(?:of|among|in|for)\s+(?:the\s+|those\s+)?(?:\d+\s+)?(?P<g>(?:surviving|deceased|dead|"
    r"living)\s+patients|(?:[\w\-]+\s+)?(?:non-?)?survivors)\b",
    re.IGNORECASE,
)
# "With a median follow-up of 40 months in survivors, 3-year survival was ...": follow-up is
# conventionally measured in the living; the survivors qualify the follow-up, not the finding
_FOLLOW_UP_OF = re.compile(r"\bfollow[- ]?up\b[^,;()]{0,40}$", re.IGNORECASE)
_TREATMENT_QUALIFIED = re.compile(
    r"\b(?:after|following)\s+(?P<g>(?:[\w\-]+\s+){1,2}?(?:with|without)\s+[^,;()]{2,60}?)\s+"
    r"(?:were|was|is|are)\b",
    re.IGNORECASE,
)
# "Median survival after complete excision was 40 months, compared with 22 months after
# debulking": the first value belongs to the stratum named before it, the second to the other
_COMPARED_WITH = re.compile(
    r"\b(?:after|following|in|among|for)\s+(?:the\s+)?(?P<a>[^,;()]{2,50}?)\s+(?:was|were|is|are)"
    r"\b[^;]{0,80}?\b(?:compared\s+(?:with|to)|versus|vs\.?)\s+[^;]{0,40}?\b(?:after|following|"
    r"in|among|for)\s+(?:the\s+|those\s+)?(?P<b>[^,;()]{2,50}?)(?=\s*[(),;.]|\s*$)",
    re.IGNORECASE,
)
# the other side of a comparison that is not a stratum of the cohort
_NOT_STRATUM = re.compile(r"\b(?:literature|previous|published|reports?|series|studies|study|"
                          r"national|historical|controls?|general population|years?|months?)\b",
                          re.IGNORECASE)
_GROUP_WHO = re.compile(
    r"\bthe\s+(?:group|subgroup|cohort)\s+(?P<g>(?:who|that|which)\s+(?:underwent|received|had)\s+"
    r"[^,;()]{2,60}?)\s+(?:had|showed|demonstrated|achieved|experienced|was|were)\b",
    re.IGNORECASE,
)
# "In the subgroup with diabetes, ...", "... in the subgroup of octogenarians (n = 25)": a part
# of the cohort named as one
_SUBGROUP_NAMED = re.compile(
    r"\b(?:in|among|for|within)\s+(?:the|this|a)\s+subgroup\s+(?:of\s+)?(?P<g>(?:(?:with|without|"
    r"who|aged|undergoing|receiving|treated)\b)?[^,;()]{2,60}?)(?=\s*(?:\([^()]*\))?\s*(?:[,;.]|$)|"
    r"\s+(?:was|were|had|showed)\b)",
    re.IGNORECASE,
)
# "In node-positive patients (n = 31), ...", "... in the 31 node-positive patients": patients
# named by a feature and given a size of their own (the cohort's own words are no feature)
# ("5-year survival of pathological stage I patients (n = 312)": up to three words, after "of"
# too when the size follows)
_SIZED_FEATURE = re.compile(
    r"\b(?:(?:in|among|for|of)\s+(?:the\s+)?(?P<g>[A-Za-z][\w\-]*(?:\s+[A-Za-z0-9][\w\-]*){0,2}?)\s+"
    r"(?:patients|cases)\s*\(\s*n\s*=\s*\d+\s*\)|"
    r"(?:in|among|for)\s+the\s+\d+\s+(?P<h>[A-Za-z][\w\-]*)\s+(?:patients|cases)\b)",
    re.IGNORECASE,
)
_NOT_FEATURE = re.compile(r"^(?:our|all|these|those|the|study|total|whole|entire|each|both|"
                          r"such|same|other|male|female)$", re.IGNORECASE)
# "The 30-day mortality for emergency colectomy was 12%": the patients of one procedure (not
# "for the entire cohort", "for all patients", "for each year")
_OUTCOME_FOR = re.compile(
    r"^\W*(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:mortality|morbidity|survival|complication)\s+"
    r"(?:rates?\s+)?for\s+(?!(?:the\s+)?(?:whole|entire|overall|total|study|cohort|series|"
    r"group|population)\b|all\b|each\b|every\b|both\b|these\b|this\b|our\b|patients\b)"
    r"(?P<g>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,4}?)\s+(?:was|were|is|are)\b",
    re.IGNORECASE,
)
# "On the recipient side, 1-year survival was 95%", "Among the recipients, ...": the people
# on the other side of the procedure (a donor series' recipients, a birth series' infants)
_OTHER_SIDE = re.compile(
    r"^\W*(?:on\s+the\s+(?P<g>[a-z][\w\-]*)\s+side|(?:in|among|for)\s+(?:the\s+|their\s+)?"
    r"(?P<h>recipients|mothers|infants|neonates|newborns|caregivers|partners))\s*,",
    re.IGNORECASE)
#: The assessed, not a stratum: "in patients with available follow-up", "with complete data".
ASSESSED_WORDS = re.compile(r"\b(?:follow|data|imaging|available|evaluable|assessed|information|"
                       r"records?)\b", re.IGNORECASE)


def sentence_to_stratum(text: str) -> tuple[str, str] | None:
    """The stratum a sentence reports on, as ``(label, phrase)``; ``None`` when there is none.

    Parameters
    ----------
    text : str
        One normalised sentence.

    Returns
    -------
    tuple of str or None
        The label (the qualifier, whitespace collapsed: ``aged 70 years and older``) and the
        phrase of ``text`` that names it.
    """
    side = _OTHER_SIDE.match(text)
    if side:
        return side["g"] or side["h"], side.group(0)
    vital = _VITAL_PREFIX.match(text)
    if vital:
        return " ".join(vital.group("g").split()), vital.group(0)
    qualified = _OF_QUALIFIED.match(text)
    if qualified and not all(_COHORT_WORDS.match(w) for w in qualified["g"].split()):
        return " ".join(qualified["g"].split()), qualified.group(0)
    qualified = _OF_PATIENTS_QUALIFIED.match(text)
    if qualified and not ASSESSED_WORDS.search(qualified["g"]):
        return " ".join(qualified["g"].split()), qualified.group(0)
    named = _VITAL_NAMED.search(text)
    if named and not _FOLLOW_UP_OF.search(text[:named.start()]):
        return " ".join(named.group("g").split()), named.group(0)
    labelled = _LABELLED_VALUES.search(text)
    if labelled:
        return f"{labelled['a']} vs. {labelled['b']}", labelled.group(0)
    compared = _COMPARED.search(text)
    if compared:
        label = f"{' '.join(compared['a'].split())} vs. {' '.join(compared['b'].split())}"
        return label, compared.group(0)
    named_subgroup = _SUBGROUP_NAMED.search(text)
    if named_subgroup and not ASSESSED_WORDS.search(named_subgroup["g"]):
        return " ".join(named_subgroup["g"].split()), named_subgroup.group(0)
    for sized in _SIZED_FEATURE.finditer(text):
        feature = " ".join((sized["g"] or sized["h"]).split())
        if not (all(_COHORT_WORDS.match(w) or _NOT_FEATURE.match(w) for w in feature.split())
                or ASSESSED_WORDS.search(feature)):
            return feature, sized.group(0)
    compared = _COMPARED_WITH.search(text)
    if compared and not any(_NOT_STRATUM.search(compared[k]) or ASSESSED_WORDS.search(compared[k])
                            for k in ("a", "b")):
        label = f"{' '.join(compared['a'].split())} vs. {' '.join(compared['b'].split())}"
        return label, compared.group(0)
    for pattern in (_PREFIX, _TREATMENT_QUALIFIED, _GROUP_WHO, _OUTCOME_FOR):
        m = pattern.search(text)
        if m and not ASSESSED_WORDS.search(m.group("g")):
            phrase = m.group(0) if pattern is _PREFIX else m.group("g")
            return " ".join(m.group("g").split()), phrase
    return None
