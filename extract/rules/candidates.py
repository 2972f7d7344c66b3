"""Sentences to candidate findings: which number belongs to which outcome.

Rules, each named in the record's ``rule``:

``negated`` / ``universal`` / ``none_reached`` (:mod:`extract.rules.negation`)
    ``No recurrence was observed``: 0 of the cohort; ``Recurrence occurred in all patients``:
    the whole cohort; ``all complications were grade ≤ II``: no major complication.
``hazard_ratio``
    ``HR = 0.38 [95% CI 0.2-0.92], p = 0.026`` with the nearest survival outcome.
``coordinated``
    ``3 years DFS and 5 years DFS were 34% and 17%``; ``at 1, 3 and 6 months was 93%, 81% and
    69%``; ``3- and 5-year OS were 77.8%`` (one value for both).
``paired``
    one number with one outcome (:mod:`extract.rules.pairing`).

Sentences citing other studies, describing one patient or breaking an outcome down are not
read (:mod:`extract.rules.clauses`); outcomes named as conditions (``survival after R0 resection``)
are not findings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace

from extract.rules.clauses import (
    RESTATING_SECTIONS,
    Clause,
    breakdown_start,
    heading_group,
    is_finding_sentence,
    prefix_group,
    sentence_group,
    sentence_to_clauses,
)
from extract.rules.findings import (
    COMPLICATIONS,
    Candidate,
    DocumentContext,
    complication_timepoint,
    discharge_timepoint,
    mortality_timepoint,
)
from extract.rules.hazard_ratios import sentence_hazard_ratios
from extract.rules.lexicon import Lexicon
from extract.rules.negation import negated_here, negated_or_universal, zero_here
from extract.rules.nlp import VETO, Mention
from extract.rules.numbers import Stat, normalize, text_to_stats
from extract.rules.own_condition import names_own_condition
from extract.rules.pairing import (
    DEFINING_APPOSITION,
    PATIENT_WORDS,
    Pair,
    ambiguous_counts,
    aside_length,
    drop_bracketed_breakdown,
    drop_event_and_denominator_mentions,
    join_count_percent,
    leading_timepoint,
    own_timepoints,
    pair,
    patient_stats,
    single,
    subject_of_verb,
    whole_cohort_stat,
)
from extract.rules.sentences import REFERS_BACK, Sentence
from extract.rules.timepoints import Timepoint, text_to_timepoints

__all__ = ["Candidate", "DocumentContext", "sentence_to_candidates", "sentences_to_candidates"]

_CONDITION = re.compile(r"(?:\b(?:after|following|versus|vs\.?|than|compared with|"
                        r"(?<!hazard )(?<!factor )(?<!factors )(?<!risk )(?<!predictor )"
                        r"(?<!prognostic )(?<!need )for)|"
                        r"\b(?:patients|cases|those|group)\s+with)\s+(?:an?\s+|the\s+)?$",
                        re.IGNORECASE)
# "no bleeding was seen in the patients who survived beyond 72 hours", "those who died had
# higher scores": an outcome in a relative clause picks the patients out, it is no finding
# ("five patients who died" counts them: a count before the noun is not this)
_RELATIVE_CONDITION = re.compile(r"(?:\b(?:those|(?:the|all|all\s+the|these)\s+(?:[\w-]+\s+)?"
                                 r"(?:patients|children|cases|men|women))|^\W*(?:patients|children))"
                                 r"\s+who\s+(?:had\s+)?$", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\brespec-?\s?tively\b", re.IGNORECASE)
# "early, late, or any": kinds listed before the outcome they qualify
_LISTED_KINDS = re.compile(r"(?:\b[A-Za-z][\w-]*\s*,\s*)+(?:[A-Za-z][\w-]*\s*,?\s*)?(?:and|or)\s+"
                           r"[A-Za-z][\w-]*\s+$")
_WHOLE_KINDS = frozenset({"any", "overall", "total", "all"})
_SAME_TIMEPOINTS = re.compile(r"\bsame time\s?-?points?\b", re.IGNORECASE)
_CONTINUES = re.compile(r"^\W*(?:however|moreover|furthermore|in addition|additionally|also|"
                       r"of these|of them|among them|nevertheless|of those)\b", re.IGNORECASE)
_WHOLE_COHORT = re.compile(r"\b(?:overall|in total|all patients|whole|entire|of all|both groups|"
                           r"all \w+ patients|the cohort|the series)\b", re.IGNORECASE)
# "28 patients (9.2%) and no postoperative death": a number before a new coordinated phrase
_COORDINATION = re.compile(r"\band\b|[,;]")
_EXCEPTION = re.compile(r"\b(?:apart from|except(?: for)?|other than|besides|aside from)\b",
                        re.IGNORECASE)
_NOT = re.compile(r"\b(?:not|failed|never|lost|avoided|spared)\b", re.IGNORECASE)
# "did not differ", "was not significantly different": a comparison of arms, no negated outcome
_NO_DIFFERENCE = re.compile(r"\bnot\s+(?:significantly\s+|statistically\s+)?differ(?:ent|ed)?\b",
                            re.IGNORECASE)
# "negative margins were not obtained in 10%", "reoperation was avoided in 90%": a share of
# the patients who did not have the outcome named before it
_NOT_SHARE = re.compile(r"\b(?:not|never)\s+(?:been\s+)?(?:obtained|achieved|required|needed|"
                        r"necessary|performed|observed|seen|maintained|reached|possible)\b|"
                        r"\b(?:lost|avoided|spared)\b", re.IGNORECASE)
# The outcome of which the opposite is the survival rate ("patients alive at 5 years: 90%")
_SURVIVAL_OF = {"mortality": "overall_survival"}
_ALL_BUT = re.compile(r"\ball\s+(?:(?:the\s+)?(?:patients|cases)\s+)?(?:but|except(?: for)?)\s+$",
                      re.IGNORECASE)
_QUALIFIED_TOTAL = re.compile(r"\s*(?:patients|cases)\s+((?:with|without|who)\s+[^,;.()]{2,40}?)"
                              r"(?=\s*(?:[,;.()]|had|have|were|was|died|developed|$))",
                              re.IGNORECASE)
# "21 of 52 patients with follow-up": the assessed, not a subgroup
_DENOMINATOR_ONLY = re.compile(r"follow|data|imaging|available|evaluable|assessed|information",
                               re.IGNORECASE)
_CUMULATIVE = re.compile(r"\bcumulative\s+(?:incidences?|probabilit(?:y|ies)|chances?|risks?)\b"
                         r"|\bKaplan|\bactuarial\b|\bproduct[- ]limit\b|\blife[- ]table",
                         re.IGNORECASE)
# "(graft infection, amputation or death)": two or more items without numbers, the parts of
# a composite endpoint
_COMPOSITE_LIST = re.compile(r"[^\d()]+?(?:,|\bor\b|\band/or\b)[^\d()]+", re.IGNORECASE)
_KM = re.compile(r"\bKaplan|\bactuarial\b|\bproduct[- ]limit\b|\blife[- ]table", re.IGNORECASE)
# "succumbed to complications of", "died of recurrence": the cause of a death, not a finding
_CAUSE_OF_DEATH = re.compile(r"\b(?:died|deaths?|succumbed|dying)\s+(?:of|from|due to|to|because "
                             r"of)\s+(?:the\s+|an?\s+|their\s+)?(?:[\w-]+\s+){0,2}$",
                             re.IGNORECASE)
# "stroke or death", "death or myocardial infarction": a composite endpoint of death and
# another event, which is not mortality
_EVENT = (r"(?:(?:major\s+|disabling\s+|ipsilateral\s+)?stroke|myocardial\s+infarction|MI|"
          r"amputation|disability|dependency|dialysis|transplantation)")
_COMPOSITE_BEFORE = re.compile(rf"\b{_EVENT}\s*(?:,|or|and/or)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_COMPOSITE_AFTER = re.compile(rf"^\s*(?:,|or|and/or)\s+(?:[\w-]+\s+)?{_EVENT}\b", re.IGNORECASE)

# "a decrease in bilirubin >= 50%", "a fall of at least 30%", "a > 20% reduction in size": a
# percentage bounded by a comparison next to a change is the threshold of a definition
_BOUNDED = re.compile(r"(?:[<>≤≥]=?|\bat\s+least|\bmore\s+than|\bless\s+than|\bover)\s*$",
                      re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:decreas\w*|reduc\w*|drops?|falls?|declin\w*|increas\w*|ris(?:e|es|ing)|"
                     r"improvement|shrinkage|change)\b", re.IGNORECASE)


def _threshold(text: str, stat: Stat) -> bool:
    """A bounded percentage beside a change (``decrease in bilirubin ≥ 50%``, ``a > 30%
    reduction``): the threshold of a definition, never a finding's value."""
    if stat.kind != "percent" or not _BOUNDED.search(text[max(0, stat.start - 12):stat.start]):
        return False
    return bool(_CHANGE.search(text[max(0, stat.start - 45):stat.start])
                or _CHANGE.search(text[stat.end:stat.end + 15]))


def composite_death(text: str, start: int, end: int) -> bool:
    """Whether the death named at ``text[start:end]`` is part of a composite endpoint with
    another event (``stroke or death``, ``death, MI or stroke``), which is not mortality."""
    return bool(_COMPOSITE_BEFORE.search(text[max(0, start - 50):start])
                or _COMPOSITE_AFTER.match(text[end:end + 50]))


# "complete occlusion was 76% (90/118) and retreatment was performed ...": a value with a
# subject of its own (naming no outcome of ours), the outcome named after it in a new clause
_OWN_SUBJECT_VALUE = re.compile(r"\b(?:was|were)\s+$", re.IGNORECASE)
_AND_NEXT = re.compile(r"\s*(?:\([^()]*\)\s*)*,?\s*and\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$",
                       re.IGNORECASE)
# group labels: capitalised names ("PDS and IDS group"), "group A and group B", or words of
# any case when a plural group noun follows ("the open and laparoscopic groups")
_LABEL = r"[A-Z][\w+/-]*"
_GROUP_LABEL = r"(?:[Gg]roup|[Aa]rm|[Cc]ohort)\s+[A-Z0-9][\w+/-]*"
_LOWER_LABEL = r"[A-Za-z][\w+/-]*"
_AND = r"\s*,?\s*(?:and|vs\.?|versus)\s+(?:the\s+)?"
_GROUPS = (
    rf"(?:(?P<groups>{_LABEL}(?:\s*,\s*{_LABEL})*{_AND}{_LABEL})\s+(?:groups?|arms?|cohorts?|"
    rf"patients)?|(?P<named>{_GROUP_LABEL}(?:\s*,\s*{_GROUP_LABEL})*{_AND}{_GROUP_LABEL})\s*"
    rf"|(?P<lower>{_LOWER_LABEL}(?:\s*,\s*{_LOWER_LABEL})*{_AND}{_LOWER_LABEL})\s+"
    rf"(?:groups|arms|cohorts)\b)")
# "... 9% and 4% for A and B, respectively"
_RESPECTIVE_GROUPS = re.compile(
    rf"\b(?:for|in)\s+(?:the\s+)?{_GROUPS}\s*,?\s*(?P<resp>respectively)\b")
# "In the A and B groups, ... 9% and 4%, respectively": the groups open the sentence
_RESPECTIVE_LEAD = re.compile(
    rf"^\W*(?:[Ii]n|[Ff]or|[Aa]mong)\s+(?:the\s+)?{_GROUPS}\s*,(?=.*?(?P<resp>\brespectively\b))")
# "Success was similar in the A and B groups (40 [95%] vs. 38 [90%]; P = .4)": two arms named,
# then their values in the same order, joined by "vs." inside one bracket
_OR = r"\s*,?\s*(?:and|or|vs\.?|versus)\s+(?:the\s+)?"
_COMPARED_GROUPS = re.compile(
    rf"\b(?:in|for|between|among)\s+(?:the\s+)?(?P<groups>{_LABEL}{_OR}{_LABEL})\s+"
    rf"(?:groups?|arms?|cohorts?|patients)\b(?:\s+\w+){{0,3}}?\s*(?P<values>\((?P<chain>[^()]*?"
    rf"(?:vs\.?|versus)[^()]*)\))")
# "53% for patients with X, 47% for those with Y and 65% for those with Z": each value is
# named by the stratum after it
_VALUE_FOR = (r"\d+(?:\.\d+)?\s*%\s+(?:for|in|among)\s+(?:the\s+)?(?:patients|those|cases)\s+"
              r"(?P<g>with(?:out)?\s+[^,;()]{2,60}?)")
_ANY_VALUE_FOR = _VALUE_FOR.replace("?P<g>", "?:")
_VALUES_FOR_STRATA = re.compile(rf"{_ANY_VALUE_FOR}(?:\s*(?:,|;)?\s*(?:and\s+)?{_ANY_VALUE_FOR})+"
                                r"(?=\s*(?:[,;.]|$))", re.IGNORECASE)
_ONE_VALUE_FOR = re.compile(rf"{_VALUE_FOR}(?=\s*(?:[,;.]|and\b|$))", re.IGNORECASE)
_VITAL_SUBSET = re.compile(
    r"\W*\b(?:of|among|in|for)\s+(?:the\s+|those\s+)?(?:\d+\s+)?(?:early\s+|long-term\s+)?"
    r"(?:patients\s+)?(?:who\s+(?:died|survived|were\s+alive)|(?:still\s+)?(?:dead|deceased|"
    r"alive|living)\b|(?:non-?)?survivors)", re.IGNORECASE)
# "(patients) in group B", "in the open group": an arm written right after a number or outcome
_IN_GROUP = re.compile(
    rf"\s*(?:{PATIENT_WORDS}\s*)?(?:\([^)]*\)\s*)?in\s+(?:the\s+)?(?:(?P<named>{_GROUP_LABEL})"
    r"|(?P<label>(?!whole\b|entire\b|total\b|overall\b|present\b|same\b|study\b)[A-Za-z]"
    r"[\w+/-]*)\s+(?:group|arm)\b)")
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b|vs\.?|versus\b)", re.IGNORECASE)
_COUNTED_SUBSET = re.compile(r"\W*(?:of|among|in|for)\s+(?:the\s+|those\s+)?\d", re.IGNORECASE)
_FOLLOW_UP_WORD = re.compile(r"\bfollow-?\s?up\b|\blast\b", re.IGNORECASE)
_MEASURE_WORD = re.compile(r"\b(?:median|mean|average)\b", re.IGNORECASE)
_MEASURES = {"median": "median", "mean": "mean", "average": "mean"}



def sentences_to_candidates(sentences: Sequence[Sentence], context: DocumentContext
                            ) -> list[Candidate]:
    """Apply the rules of this module to each sentence, in document order."""
    out: list[Candidate] = []
    previous_tps: list[Timepoint] = []
    before: Sentence | None = None
    for sentence in sentences:
        text = normalize(sentence.text)
        tps = text_to_timepoints(text)
        same = _SAME_TIMEPOINTS.search(text)
        if same and previous_tps:
            tps = [Timepoint(previous_tps[0].months, same.start(), same.end())]
        found = sentence_to_candidates(sentence, text, tps,
                                       replace(context, previous=sentence.previous)) \
            if is_finding_sentence(text, sentence.section, context.lexicon) else []
        if not found and before is not None:
            found = _anaphora_of_previous(before, sentence, context)
        out.extend(found)
        if tps:
            previous_tps = tps
        before = sentence
    return out


def _anaphora_of_previous(before: Sentence, sentence: Sentence, context: DocumentContext
                          ) -> list[Candidate]:
    """``Survival and freedom from X at 5 years were 90% and 95%. At 8 years, these were 85%
    and 90%, respectively.``: a sentence naming no outcome but ``these were`` refers back to
    the outcomes of the sentence before; read as one sentence, only the rule ``anaphora``
    is kept, quoted from the sentence with the numbers."""
    own = [m for m in sentence.mentions if m.outcome != VETO]
    if own or not before.mentions or before.section != sentence.section \
            or sentence.previous != before.text or not REFERS_BACK.search(sentence.text):
        return []
    joint_text = normalize(before.text).rstrip(" .") + "; " + normalize(sentence.text)
    shift = len(joint_text) - len(normalize(sentence.text))
    mentions = before.mentions + tuple(replace(m, start=m.start + shift, end=m.end + shift)
                                       for m in sentence.mentions)
    if not is_finding_sentence(joint_text, sentence.section, context.lexicon):
        return []
    joint = replace(sentence, text=joint_text, mentions=mentions)
    found = sentence_to_candidates(joint, joint_text, text_to_timepoints(joint_text),
                                   replace(context, previous=before.previous))
    return [replace(c, quote=sentence.text.strip()) for c in found if c.rule == "anaphora"]


def sentence_to_candidates(sentence: Sentence, text: str, tps: list[Timepoint],
                           context: DocumentContext) -> list[Candidate]:
    """Candidates of one finding sentence (``text`` is the normalised sentence)."""
    cut = breakdown_start(text, context.lexicon)
    resume = _after_breakdown(text, cut)
    # keep offsets, drop the breakdown (up to a new clause after a semicolon)
    text = text[:cut] + " " * (resume - cut) + text[resume:]
    sentence = replace(sentence, mentions=tuple(m for m in sentence.mentions
                                                if m.end <= cut or m.start >= resume))
    group, group_phrase = sentence_group(text)
    if group != "all" and _feature_phrase(group, group_phrase) \
            and names_own_condition(group, context.cohort_condition):
        # "In patients with <the cohort's own condition>, ...": the whole cohort (an arm's
        # name, "In the OPG group", is no condition)
        group, group_phrase = "all", None
    lead_group = prefix_group(sentence.lead) if sentence.lead else None
    heading = heading_group(sentence.lead) if sentence.lead else None
    heading_n = None
    if group == "all" and heading and not _WHOLE_COHORT.search(text):
        # "Level IV (n = 6). Two patients died ...": the paragraph a sized heading opens
        # reports that stratum, of the size it gives
        group, heading_n = heading
    elif group == "all" and lead_group and not _WHOLE_COHORT.search(text) \
            and (_CONTINUES.match(text) or lead_group.startswith("late")):
        # "In group A, one patient recovered. However, one patient died.": same group;
        # "After POD90, ..." dates its whole paragraph
        group = lead_group
    mentions = _without_definitions(text, _merge_abbreviations(text, list(sentence.mentions)))
    # "survival after R0 resection", "patients with recurrence": a condition, not a finding
    mentions = [m for m in mentions if not _CONDITION.search(text[max(0, m.start - 30):m.start])
                and not _RELATIVE_CONDITION.search(text[max(0, m.start - 40):m.start])
                and not (m.outcome != "mortality"
                         and _CAUSE_OF_DEATH.search(text[max(0, m.start - 50):m.start]))
                and not (m.outcome == "mortality" and composite_death(text, m.start, m.end))]
    if group_phrase and group != "all" and not group.startswith("late"):
        mentions = [m for m in mentions if not _within(m, text, group_phrase)]
    stats = text_to_stats(text)
    if sentence.section in RESTATING_SECTIONS:
        # "offers a median survival approaching 2 years", "salvage in more than 90%": a
        # conclusion restating a result as a bound states no value of it
        stats = [s for s in stats if not _BOUND_BEFORE.search(text[max(0, s.start - 30):s.start])]
    stats = [s for s in stats if not _threshold(text, s)]
    base = dict(page=sentence.page, section=sentence.section, quote=sentence.text.strip(),
                group=group)
    out, listed = sentence_hazard_ratios(text, mentions, stats, base)
    stats = [s for s in stats if not any(lo <= s.start < hi for lo, hi in listed)]
    for clause in _clauses(text, group_phrase if group != "all" else None, mentions, stats):
        clause_base = base
        if group != "all" and _group_closed_before(text, group_phrase, clause):
            clause_base = {**base, "group": "all"}
        out.extend(_clause_candidates(text, clause, mentions, stats, tps, context, clause_base))
    out = _without_contradicted_zeros(_without_breakdown(_respective_groups(text, out)))
    out = _subset_of_these(text, out)
    if heading_n is not None:
        out = [replace(c, group_n=heading_n) if c.group == group and c.group_n is None else c
               for c in out]
    return [_late_group(c, text, mentions, context.lexicon) for c in out]


def _feature_phrase(group: str, phrase: str | None) -> bool:
    """Whether a group is patients named by a feature they have (``patients with X``)."""
    pattern = rf"\b(?:with|having)\s+{re.escape(group)}"
    return bool(re.match(r"(?:with|having)\s", group, re.IGNORECASE)
                or phrase and re.search(pattern, phrase, re.IGNORECASE))


# a bound put on a value: "more than 90%", "approaching 2 years", "below 5%"
_BOUND_BEFORE = re.compile(r"(?:\b(?:more|greater|higher|fewer|less|lower)\s+than|\b(?:over|nearly|"
                           r"almost|approaching|approached|approaches|approximating|exceeding|"
                           r"exceeded|exceeds|below|under|above|up\s+to|at\s+least|at\s+most|"
                           r"well\s+over)|[<>≤≥])\s*$", re.IGNORECASE)
# a clause of its own: a finite verb after the semicolon
_NEW_CLAUSE = re.compile(r"\b(?:had|has|have|was|were|is|are|occurred|developed|died|required|"
                         r"needed|underwent|experienced|suffered)\b")


def _after_breakdown(text: str, cut: int) -> int:
    """Where reading resumes after a breakdown starting at ``cut``: ``complications in 123
    (31.6%), most commonly air leak (n = 52); 28 patients (7.2%) had grade III or higher
    events`` goes on with a clause of its own after the semicolon; else at the end."""
    semicolon = text.find(";", cut)
    if cut < len(text) and semicolon != -1 and _NEW_CLAUSE.search(text, semicolon):
        return semicolon + 1
    return len(text)


# "pathology showed renal cell carcinoma in 149 patients; positive margins were found in 7 of
# these 149": a count over the patients an earlier clause named by what they had
_OF_THESE = re.compile(r"\b(?:of|among)\s+(?:these|those|them)\s+(?P<n>\d+)\b", re.IGNORECASE)
_NAMED_SUBSET = re.compile(r"\b(?:showed|revealed|confirmed|had|found)\s+"
                           r"(?P<g>[a-z][a-z\s-]{2,40}?)\s+in\s+(?P<n>\d+)\s+(?:patients|cases)\b",
                           re.IGNORECASE)


def _subset_of_these(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Counts ``of these N`` after a clause naming N patients by a finding (``carcinoma in 149
    patients``) are of that subset, labelled by it, not of the cohort."""
    these = _OF_THESE.search(text)
    named = next((m for m in _NAMED_SUBSET.finditer(text[:these.start()])
                  if m.group("n") == these.group("n")), None) if these else None
    if named is None:
        return cands
    n, label = int(named.group("n")), " ".join(named.group("g").split())
    return [replace(c, group=label) if c.group == "all" and c.total == n else c for c in cands]


def _without_contradicted_zeros(cands: list[Candidate]) -> list[Candidate]:
    """``reintervention for stricture was needed in 7 men, and none required retreatment for
    regrowth``: a denial of an outcome the same sentence counts in some patients (same group
    and time) is about a narrower kind of it, not a zero of the outcome: the zero is dropped."""
    counted = {(c.outcome, c.group, c.timepoint_months) for c in cands
               if c.basis not in ("negated", "universal") and c.measure == "proportion"
               and (c.count or c.percent)}
    return [c for c in cands if not (c.basis == "negated" and not c.count
                                     and (c.outcome, c.group, c.timepoint_months) in counted)]


def _clauses(text: str, keep: str | None, mentions: list[Mention], stats: list[Stat]
             ) -> list[Clause]:
    """The clauses of a sentence; one clause when it lists its outcomes, then their values,
    ``respectively`` (``The morbidity and mortality rates associated with the stent while it
    stayed in place were 20% and 2%, respectively``): the words between name no finding."""
    outcomes = [m for m in mentions if m.outcome != VETO]
    values = [s for s in stats if s.kind in ("count", "fraction", "percent")]
    if _RESPECTIVELY.search(text) and len(values) >= 2 and outcomes \
            and len(values) == len({m.outcome for m in outcomes}) == len(outcomes) \
            and max(m.end for m in outcomes) < min(s.start for s in values):
        return [Clause(text, 0)]
    return sentence_to_clauses(text, keep)


def _respective_groups(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``Median OS was 41.4 and 52.4 months for PDS and IDS group, respectively``: values of
    one outcome, as many as the groups named, belong to the groups in order."""
    labels = respective_labels(text)
    if not labels:
        return cands
    out = list(cands)
    for c in cands:
        same = [x for x in cands if (x.outcome, x.measure) == (c.outcome, c.measure)
                and x.group == "all"]
        if len(same) == len(labels) > 1 and c is same[0]:
            for x, label in zip(same, labels, strict=True):
                out[out.index(x)] = replace(x, group=label, rule="respectively")
    return out


def _respective(text: str) -> tuple[list[str], int, int]:
    """The groups of ``for A and B, respectively`` (or ``In the A and B groups, ...,
    respectively``) in order, and the span of the text holding their values; no groups
    when there is no such phrase."""
    m = _RESPECTIVE_GROUPS.search(text)
    span = (0, m.start()) if m else (0, 0)
    if m is None:
        m = _RESPECTIVE_LEAD.match(text)
        if m is None:
            m = _COMPARED_GROUPS.search(text)
            if m is None:
                return _values_for_strata(text)
            span = (m.start("values"), m.end("values"))
        else:
            span = (m.end(), m.start("resp"))
    groups = m.group("groups") or m.group("named") or m.group("lower")
    labels = re.split(r"\s*(?:,\s*and\b|,|\band\b|\bor\b|\bvs\.?|\bversus\b)\s*(?:the\s+)?",
                      groups)
    return [g for g in labels if g], *span


def _values_for_strata(text: str) -> tuple[list[str], int, int]:
    """The strata of ``53% for patients with X, 47% for those with Y`` in order, and the span
    of their values; no strata when there is no such list."""
    m = _VALUES_FOR_STRATA.search(text)
    if m is None:
        return [], 0, 0
    labels = [" ".join(v["g"].split()) for v in _ONE_VALUE_FOR.finditer(m.group(0))]
    return labels, m.start(), m.end()


def respective_labels(text: str) -> list[str]:
    """The groups of ``for A and B, respectively`` in order (``[]`` when there is none)."""
    return _respective(text)[0]


def _respective_pairs(text: str, clause: Clause, outcome_ms: list[Mention],
                      c_stats: list[Stat], c_tps: list[Timepoint]) -> list[Pair]:
    """``Mortality was 9.1% and 4.2% in group A and group B, respectively``: one outcome, then
    as many counts or rates as the groups named after them, one per group (the groups are set
    by :func:`_respective_groups`). ``[]`` when the numbers and the groups do not match."""
    labels, lo, hi = _respective(text)
    if not labels or len({x.outcome for x in outcome_ms}) != 1 \
            or not clause.offset <= hi <= clause.offset + len(clause.text) \
            or any(len(t.months) > 1 for t in c_tps):
        return []  # "... at 30 and 90 days, respectively": the values may be the times'
    values = [s for s in c_stats if s.kind in ("count", "fraction", "percent")
              and max(lo, outcome_ms[0].end) <= s.start and s.end <= hi]
    if len(values) < 2 or len(values) != len(labels):
        return []
    tp = single(c_tps[0].months) if len(c_tps) == 1 else None
    return [Pair(outcome_ms[0], s, tp, "respectively") for s in values]


def _listed_kinds(text: str, outcome_ms: list[Mention], c_stats: list[Stat],
                  c_tps: list[Timepoint], lexicon: Lexicon) -> list[Pair]:
    """``The 10-year cumulative risks of early, late, or any reoperation were 8%, 12% and 18%,
    respectively``: kinds of one outcome listed before it, then their values in order. The
    kind that is the whole (``any``, ``overall``, ``total``) gives the outcome's value, a kind
    that names an outcome of ours with it (``local`` recurrence) that outcome's; the others
    (``early``, ``late``) are parts, not read."""
    if len(outcome_ms) != 1 or not _RESPECTIVELY.search(text) \
            or any(len(t.months) > 1 for t in c_tps):
        return []
    m = outcome_ms[0]
    listed = _LISTED_KINDS.search(text[:m.start])
    if not listed:
        return []
    kinds = [k.lower() for k in re.split(r"\s*(?:,\s*(?:and|or)\b|,|\band\b|\bor\b)\s*",
                                          listed.group(0).strip()) if k]
    values = [s for s in c_stats if s.kind in ("count", "fraction", "percent")
              and s.start >= m.end]
    if len(values) != len(kinds) or sum(k in _WHOLE_KINDS for k in kinds) != 1:
        return []
    terms = {t.lower(): o.name for o in lexicon.outcomes for t in o.terms}
    tp = single(c_tps[0].months) if len(c_tps) == 1 else None
    out = []
    for kind, value in zip(kinds, values, strict=True):
        outcome = m.outcome if kind in _WHOLE_KINDS else terms.get(f"{kind} {m.text.lower()}")
        if outcome:
            out.append(Pair(replace(m, outcome=outcome), value, tp, "respectively"))
    return out


def _without_breakdown(cands: list[Candidate]) -> list[Candidate]:
    """``Eight patients died; five died of disease and three of other causes``: later counts
    of the same outcome that add up to no more than the first break it down (counts at
    another time are a series over time, not parts of the first)."""
    out = list(cands)
    for first in cands:
        same = [c for c in cands if c is not first and c.outcome == first.outcome
                and c.measure == first.measure == "proportion" and c.group == first.group
                and c.timepoint_months == first.timepoint_months
                and c.basis == first.basis == "stated" and c.count is not None
                and first.count is not None and cands.index(c) > cands.index(first)]
        if same and sum(c.count for c in same) <= first.count:
            out = [c for c in out if c not in same]
    return out


def _group_closed_before(text: str, phrase: str | None, clause: Clause) -> bool:
    """``Two patients with X developed Y; primary patency was 95%``: a subgroup named inside
    the sentence (not by its opening phrase) ends at the semicolon before the clause, and
    does not reach back to a clause before it (``RFS of the whole cohort was 79%, and OS of
    stage I patients (n = 312) was 89%``)."""
    start = text.find(phrase) if phrase else -1
    if start > 0 and clause.offset + len(clause.text.rstrip()) <= start:
        return True
    between = re.sub(r"\([^()]*\)", "", text[start + len(phrase or ""):clause.offset])
    return start > 0 and ";" in between  # (not one in brackets: "(50 to 140 mm; n = 51)")


def _within(mention: Mention, text: str, phrase: str) -> bool:
    start = text.find(phrase)
    return start >= 0 and start <= mention.start < start + len(phrase)


def _merge_abbreviations(text: str, mentions: list[Mention]) -> list[Mention]:
    """``disease-free survival (DFS)``: the bracketed abbreviation repeats the mention."""
    out: list[Mention] = []
    for m in mentions:
        between = text[out[-1].end:m.start] if out else ""
        if out and out[-1].outcome == m.outcome and re.fullmatch(r"\s*\(\s*", between):
            continue
        out.append(m)
    return out


def _without_definitions(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions that name an outcome only to define another are no findings of their own.

    A definition is

    - a bracket right after an outcome (``major neurological complications (stroke or
      neurological death)``) holding no numbers: none of the mentions inside it is kept;
    - any bracket right after an outcome (``Major complications (bleeding in 2, death in 1)
      occurred in 5``): the other outcomes inside it define that outcome's events, and the
      counts after the bracket are the first outcome's;
    - a bracket listing the parts of a composite endpoint the lexicon does not name (``the
      combined endpoint (stroke, myocardial infarction or death)``): a list of at least two
      items without numbers after a word;
    - a ``defined as`` apposition (``Severe morbidity, defined as Clavien-Dindo III or above,
      ...``).
    """
    spans = [(m.start(), m.end(), None) for m in DEFINING_APPOSITION.finditer(text)]
    for opened in re.finditer(r"\(", text):
        close = text.find(")", opened.end())
        close = len(text) if close < 0 else close
        inner = text[opened.end():close]
        # the mention ending right before the bracket (mentions are in text order)
        i = bisect_right([m.end for m in mentions], opened.start()) - 1
        head = mentions[i] if i >= 0 and not text[mentions[i].end:opened.start()].strip() \
            else None
        if head is not None and head.outcome != VETO:
            # without numbers every mention inside defines the head; with numbers only the
            # other outcomes do (the head's own abbreviation or count stays)
            spans.append((opened.end(), close,
                          None if not re.search(r"\d", inner) else head.outcome))
        elif head is None and _COMPOSITE_LIST.fullmatch(inner) \
                and re.search(r"[A-Za-z]\s*$", text[:opened.start()]):
            spans.append((opened.end(), close, None))
    return [m for m in mentions
            if not any(lo <= m.start and m.end <= hi and m.outcome != kept
                       for lo, hi, kept in spans)]


def _late_group(c: Candidate, text: str, mentions: list[Mention], lexicon: Lexicon) -> Candidate:
    """``Late reintervention``, ``early complications``: a late- or early-period qualifier
    before the outcome makes a subgroup (an early death is a time, not a group; ``no early
    complications`` stays the cohort's zero)."""
    late, early = lexicon.cue_regex("late"), lexicon.cue_regex("early")
    for m in mentions:
        if m.outcome == c.outcome and late.search(text[max(0, m.start - 12):m.start]):
            return replace(c, group="late")
        if m.outcome == c.outcome and c.outcome != "mortality" and c.group == "all" \
                and c.basis not in ("negated", "universal") and c.count != 0 \
                and early.search(text[max(0, m.start - 12):m.start]):
            return replace(c, group="early")  # "required early re-intervention (days 1-8)"
    return c


def _clause_candidates(text: str, clause: Clause, mentions: list[Mention], stats: list[Stat],
                       tps: list[Timepoint], context: DocumentContext, base: dict
                       ) -> list[Candidate]:
    lo, hi = clause.offset, clause.offset + len(clause.text)
    ms = [m for m in mentions if lo <= m.start < hi]
    if not ms:
        return _anaphora_candidates(text, clause, mentions, stats, tps, context, base)
    c_tps = [t for t in tps if lo <= t.start < hi]
    c_stats = [s for s in stats if lo <= s.start < hi and s.kind != "ratio"
               and not any(s.start < t.end and t.start < s.end for t in c_tps)
               and not _of_the_alive(text, s, mentions)
               and not _value_of_another_subject(text, s, ms, lo)]
    c_tps = c_tps or _shared_time_list(tps, c_stats, lo) or _leading_time(text, tps, mentions, lo) \
        or _shared_freedom_time(tps, c_stats, ms, lo)
    # joined first: "three postoperative deaths (7.5%)" counts patients, not events
    c_stats = join_count_percent(text, [st for st in c_stats
                                        if not _bracketed_threshold(text, st)])
    ms = drop_event_and_denominator_mentions(text, ms, c_stats, context.lexicon)
    c_stats = drop_bracketed_breakdown(text, patient_stats(text, c_stats, context.lexicon), ms)
    outcome_ms = [m for m in ms if m.outcome != VETO]
    exception = _EXCEPTION.search(clause.text)
    if exception and c_stats and all(s.start >= clause.offset + exception.start() for s in c_stats):
        # "no major complications apart from wound infection in 10 patients"
        c_stats = []
        outcome_ms = [m for m in outcome_ms if m.start < clause.offset + exception.start()]
    if not c_stats:
        return negated_or_universal(text, clause, outcome_ms, c_tps, context, base)
    negated = [m for m in outcome_ms if not m.complement
               and (negated_here(clause, m, context.lexicon) or zero_here(clause, m))
               and not any(s.start > m.start - 40 and s.end <= m.start
                           and not _COORDINATION.search(text[s.end:m.start]) for s in c_stats)]
    if negated:
        # "Four patients underwent resection without intraoperative mortality"
        out = negated_or_universal(text, clause, negated, c_tps, context, base)
        ms = [m for m in ms if m not in negated]
        if not [m for m in ms if m.outcome != VETO]:
            return out
        # "Thirty-day mortality was nil and complications were seen in 19": the time that
        # qualifies the denied outcome is not the counted one's
        c_tps = [t for t in c_tps
                 if not any(0 <= n.start - t.end <= 25 for n in negated)]
        return out + _paired_candidates(text, clause, ms, c_stats, c_tps, context, base)
    if whole_cohort_stat(text, c_stats) is not None:
        # "4% overall, 2% in the A group and 6% in the B group": the value kept is the
        # cohort's, whatever arm the sentence names later
        base = {**base, "group": "all"}
    respective = _respective_pairs(text, clause, outcome_ms, c_stats, c_tps) \
        or _listed_kinds(text, outcome_ms, c_stats, c_tps, context.lexicon)
    if respective:
        return _candidates_of(text, clause, respective, c_tps, context, base)
    if ambiguous_counts(text, c_stats, outcome_ms, ms) \
            and not (c_tps and len(c_tps[0].months) > 1) \
            and not any(subject_of_verb(text, s) for s in c_stats) \
            and not own_timepoints(text, c_stats, c_tps) \
            and whole_cohort_stat(text, c_stats) is None:
        return []
    return _paired_candidates(text, clause, ms, c_stats, c_tps, context, base)


# "; at 8 years these were 85% and 90%, respectively": a clause naming no outcome refers back
# to the outcomes of the clause before it
def _anaphora_candidates(text: str, clause: Clause, mentions: list[Mention], stats: list[Stat],
                         tps: list[Timepoint], context: DocumentContext, base: dict
                         ) -> list[Candidate]:
    """``Survival and freedom from X at 5 years were 90% and 95%; at 8 years these were 85%
    and 90%, respectively``: a clause naming no outcome but ``these were`` and one time
    point gives, in order, one rate to each outcome of the clause before it."""
    lo, hi = clause.offset, clause.offset + len(clause.text)
    c_tps = [t for t in tps if lo <= t.start < hi]
    if len(c_tps) != 1 or len(c_tps[0].months) != 1:
        return []
    if not REFERS_BACK.search(clause.text):
        return _gapped_series_candidates(text, clause, mentions, stats, tps, context, base)
    before = [m for m in mentions if m.start < lo and m.outcome != VETO]
    if not before:
        return []
    # the outcomes of the nearest earlier clause naming any
    start = max((c.offset for c in sentence_to_clauses(text[:lo])
                 if any(c.offset <= m.start < c.offset + len(c.text) for m in before)),
                default=0)
    earlier = [m for m in before if m.start >= start]
    values = [s for s in stats if lo <= s.start < hi and s.kind == "percent"
              and s.count is None]
    if len(values) != len(earlier) or (len(values) > 1 and not _RESPECTIVELY.search(clause.text)):
        return []
    tp = c_tps[0].months[0]
    pairs = [Pair(m, s, tp, "anaphora") for m, s in zip(earlier, values, strict=True)]
    return _candidates_of(text, clause, pairs, c_tps, context, base)


# what a gapped clause holds besides its time point and its value
_GAPPED_WORDS = frozenset({"and", "in", "at", "by", "of", "patients", "cases", "n", "then",
                           "further", "another"})


def _gapped_series_candidates(text: str, clause: Clause, mentions: list[Mention],
                              stats: list[Stat], tps: list[Timepoint], context: DocumentContext,
                              base: dict) -> list[Candidate]:
    """``Mortality was 2/100 (2%) at 30 days, and 5/100 (5%) at 1 year``, ``at 30 days, 2
    patients had died, and at 1 year, 5 (5%)``: a clause of nothing but one time point and
    one count or rate leaves out the outcome of the clause before it, when that clause named
    one outcome at another time point (a series over time)."""
    lo, hi = clause.offset, clause.offset + len(clause.text)
    c_tps = [t for t in tps if lo <= t.start < hi]
    values = [s for s in join_count_percent(text, [s for s in stats if lo <= s.start < hi
                                                   and s.kind != "duration"])
              if s.kind in ("count", "fraction", "percent")]
    if len(values) != 1 or any(s.kind == "ratio" for s in stats if lo <= s.start < hi):
        return []
    rest = text[lo:hi]
    for a, b in sorted([(s.start, s.end) for s in stats if lo <= s.start < hi]
                       + [(t.start, t.end) for t in c_tps], reverse=True):
        rest = rest[:a - lo] + " " + rest[b - lo:]
    if any(w.lower() not in _GAPPED_WORDS for w in re.findall(r"[A-Za-z]+", rest)):
        return []
    earlier_clauses = [c for c in sentence_to_clauses(text[:lo]) if any(
        c.offset <= m.start < c.offset + len(c.text) for m in mentions)]
    if not earlier_clauses:
        return []
    last = earlier_clauses[-1]
    own = [m for m in mentions if m.outcome != VETO
           and last.offset <= m.start < last.offset + len(last.text)]
    earlier_tps = [t for t in tps if last.offset <= t.start < last.offset + len(last.text)
                   and len(t.months) == 1]
    if len(own) != 1 or len(earlier_tps) != 1 or earlier_tps[0].months == c_tps[0].months:
        return []
    stat = values[0]
    pairs = [Pair(own[0], stat, c_tps[0].months[0], "coordinated")]
    return _candidates_of(text, clause, pairs, c_tps, context, base, {id(stat)})


def _paired_candidates(text: str, clause: Clause, ms: list[Mention], c_stats: list[Stat],
                       c_tps: list[Timepoint], context: DocumentContext, base: dict
                       ) -> list[Candidate]:
    # "readmission in 6 patients (6%) at 30 days and 9 (9%) at 90 days": a series over time
    # dates each count by its own time point, whatever the outcome
    series = {id(s) for s, _ in own_timepoints(text, c_stats, c_tps) or []}
    return _candidates_of(text, clause, pair(text, ms, c_stats, c_tps), c_tps, context, base,
                          series)


def _candidates_of(text: str, clause: Clause, pairs: list[Pair], c_tps: list[Timepoint],
                   context: DocumentContext, base: dict,
                   series: frozenset[int] | set[int] = frozenset()
                   ) -> list[Candidate]:
    out = []
    for p in pairs:
        if p.mention.outcome == VETO:
            continue
        cand = _to_candidate(text, clause, p.mention, p.stat, p.timepoint, c_tps, context, base,
                             id(p.stat) in series)
        if cand is not None:
            out.append(replace(cand, rule=p.rule))
    return out


def _to_candidate(text: str, clause: Clause, mention: Mention, stat: Stat, tp: float | None,
                  c_tps: list[Timepoint], context: DocumentContext, base: dict,
                  in_series: bool = False) -> Candidate | None:
    entry = context.lexicon.outcome(mention.outcome)
    measures = entry.measures
    common = dict(ci_low=stat.ci_low, ci_high=stat.ci_high, ci_level=stat.ci_level,
                  range_low=stat.range_low, range_high=stat.range_high, p_value=stat.p_value,
                  rule="paired", **base)
    if common["group"] == "all":
        trailing = _trailing_stratum(text, stat)
        if trailing and names_own_condition(trailing, context.cohort_condition):
            trailing = None  # "53% in patients with <the cohort's own condition>": everyone
        common["group"] = _adjacent_group(text, mention, stat) or trailing or "all"
    if stat.kind == "duration":
        measure = _duration_measure(text, clause, mention, stat)
        if measure is None or measure not in measures or stat.start < mention.start \
                or mention.complement:
            return None
        return Candidate(mention.outcome, measure, "stated", value=stat.value, **common)
    has_count = stat.count is not None
    if mention.complement and tp is None:
        tp = discharge_timepoint(clause.text)  # "38 patients survived to discharge"
    if mention.complement and mention.outcome in _SURVIVAL_OF and (
            tp is None and (not has_count or any(len(t.months) > 1 for t in c_tps)
                            or not _FOLLOW_UP_WORD.search(text)
                            or not _vital_predicate(text, mention))
            or has_count and tp is not None and _in_tp_list(tp, c_tps)):
        # "two are alive 9 and 18 years after surgery": each patient's own time; a count
        # alive at the follow-up the sentence names ("four patients were alive at last
        # follow-up", "all seven were alive at the last visit") is the crude mortality at last
        # follow-up (gold-guide: counts of patients alive are mortality complements); "five
        # are currently alive" is dated by the writing, a percentage alone by nothing
        return None
    denied_share = not has_count and stat.start > mention.end \
        and bool(_NOT_SHARE.search(text[mention.end:stat.start]))
    if (mention.complement or denied_share) and not has_count:
        if mention.outcome in _SURVIVAL_OF and mention.complement:
            # "the proportion of patients alive at five years was 90%": the survival rate
            return Candidate(_SURVIVAL_OF[mention.outcome], "rate_at_time", "percent",
                             percent=stat.percent, timepoint_months=tp, **common)
        stat = _flipped(stat)  # "freedom from reintervention 88%": reintervention 12%
        common.update(ci_low=stat.ci_low, ci_high=stat.ci_high)
    if not has_count and tp is not None and "rate_at_time" not in measures \
            and mention.outcome != "mortality" and _CUMULATIVE.search(clause.text):
        # "the cumulative probability of major complications at 1 year": a Kaplan-Meier or
        # cumulative-incidence figure at a time is a rate (gold-guide); mortality stays a
        # proportion at its time (spec/records.md)
        return Candidate(mention.outcome, "rate_at_time", "percent", percent=stat.percent,
                         timepoint_months=tp, **common)
    crude_window = "proportion" in measures and _day_window(text, mention, c_tps, tp) \
        and not _CUMULATIVE.search(clause.text) and not _in_tp_list(tp, c_tps)
    if "rate_at_time" in measures and not has_count and not crude_window \
            and (tp is not None or _KM.search(text)):
        # "30-day reoperation rate 3%" is a crude proportion in its window (gold-guide)
        # a Kaplan-Meier estimate is a rate even when the sentence gives no time
        return Candidate(mention.outcome, "rate_at_time", "percent", percent=stat.percent,
                         timepoint_months=tp, **common)
    if "proportion" not in measures or (tp is not None and _in_tp_list(tp, c_tps)
                                        and mention.outcome != "mortality" and not has_count):
        # "Freedom from X at 1 and 2 years was 90% and 82%": rates, not counts; "30- and
        # 90-day readmission 4% (8/200) and 7% (14/200)": counts in their windows
        return None
    if mention.outcome == "mortality":
        if _own_death_time(text, stat, c_tps, tp):
            tp = None  # "one patient died of lung cancer at 11 months": when he died
        tp = tp if tp is not None else mortality_timepoint(text, clause, context)
    elif not (in_series or _day_window(text, mention, c_tps, tp)
              or _time_after_value(text, stat, c_tps, tp)
              or has_count and _within_window(text, mention, c_tps, tp)):
        # complications, success, recurrence: dated only by a stated window
        if mention.outcome in COMPLICATIONS:
            # the window the methods set dates it (not a late one, or one of the follow-up)
            late = _FOLLOW_UP_WORD.search(clause.text) or context.lexicon.cue_regex("late").search(
                text[max(0, mention.start - 12):mention.start])
            tp = complication_timepoint(clause.text,
                                        None if late else context.complication_window_months)
        else:
            tp = None
    if _is_denominator_phrase(text, mention, stat):
        return None
    of_what = re.match(r"\s*of\s+(?:the\s+|all\s+|our\s+|these\s+)?([a-z]+)", text[stat.end:])
    of_patients = not of_what or bool(re.fullmatch(PATIENT_WORDS, of_what.group(1)))
    basis = "stated" if has_count else "percent"
    if has_count and _counts_the_opposite(text, clause, mention, stat, context):
        basis = "complement"
    qualified = _QUALIFIED_TOTAL.match(text[stat.end:]) if stat.total is not None else None
    if qualified and common["group"] == "all" and not _DENOMINATOR_ONLY.search(qualified.group(1)):
        # "in 4 of 10 patients with high-grade tumours": a subgroup with its own total
        common["group"] = " ".join(qualified.group(1).split())

    return Candidate(mention.outcome, "proportion", basis,
                     count=stat.count, total=stat.total, percent=stat.percent,
                     timepoint_months=tp, of_patients=of_patients, **common)


# "Primary patency of the 42 patients", "complications among these 50 patients": a bare count
# after "of/among the" names whose outcome it is (the denominator), never how many had it
# ("successful in all 115 patients" is universal: all of them had it)
_DENOMINATOR_LEAD = re.compile(r"\b(?:of|among)\s+(?:the|these|those|our)\s+$", re.IGNORECASE)


# "82% in patients with TASC C/D lesions", "in 4 of 19 patients (21%) who had positive
# margins", "93% for those with renal cell carcinoma": a stratum named right after the value,
# ending the clause
_TRAILING_STRATUM = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:(?:in|for|among)\s+(?:the\s+)?(?:patients|those|cases)\s+|"
    r"(?P<counted>(?:patients|cases)\s+(?:\([^()]*\)\s*)?))(?:who\s+(?:had|underwent|received)\s+|"
    r"(?P<with>with(?:out)?)\s+)(?P<g>[^,;.()]{2,50}?)(?=\s*(?:\([^()]*\)\s*)?(?:[,;.]|$))",
    re.IGNORECASE)


def _trailing_stratum(text: str, stat: Stat) -> str | None:
    """The stratum a value is reported for when the clause names it after the value (the
    feature, as the paper words it; ``without`` stays part of it), else ``None``; the
    patients assessed (``with imaging follow-up``) are no stratum."""
    m = _TRAILING_STRATUM.match(text, stat.end)
    if m is not None and respective_labels(text):
        return None  # "53% for patients with X, 47% for those with Y": a list of strata,
        # labelled in order by _respective_groups
    if m is not None and m["counted"] and _QUALIFIED_TOTAL.match(text[stat.end:]):
        return None  # "4 of 10 patients with X": the subgroup rule of the total labels it
    if m is None or _DENOMINATOR_ONLY.search(m["g"]) or (m["counted"] and stat.total is None):
        # ("3 patients (3%) without diabetes" counts the cohort's patients: only a count
        # of its own total, "4 of 19 patients who had ...", counts a stratum)
        return None
    label = " ".join(m["g"].split())
    return f"without {label}" if (m["with"] or "").lower() == "without" else label


def _is_denominator_phrase(text: str, mention: Mention, stat: Stat) -> bool:
    """Whether a bare count after the outcome is the group it is reported for (``patency of
    the 42 patients``) rather than its events; a count with a percentage or total is not."""
    if stat.kind != "count" or stat.percent is not None or stat.total is not None:
        return False
    return stat.start > mention.end and bool(_DENOMINATOR_LEAD.search(text[:stat.start]))


def _shared_time_list(tps: list[Timepoint], c_stats: list[Stat], lo: int) -> list[Timepoint]:
    """``The 1-, 3- and 5-year OS rates were 93%, 81% and 75%, and DFS rates were 85%, 70%
    and 60%``: a clause without a time point of its own, with as many rates as the time-point
    list of an earlier clause has points, shares that list."""
    earlier = [t for t in tps if t.end <= lo and len(t.months) > 1]
    rates = [s for s in c_stats if s.kind == "percent" and s.count is None]
    if len(earlier) == 1 and len(rates) == len(c_stats) == len(earlier[0].months):
        return earlier
    return []


def _shared_freedom_time(tps: list[Timepoint], c_stats: list[Stat], ms: list[Mention], lo: int
                         ) -> list[Timepoint]:
    """``Patency at 36 months was 84%, while freedom from reintervention was 88%``: a lone
    freedom-from rate in a clause without a time point of its own is an estimate at the one
    time point the sentence states before it."""
    earlier = [t for t in tps if t.end <= lo]
    outcome_ms = [m for m in ms if m.outcome != VETO]
    if len(tps) == 1 and len(earlier) == 1 and len(earlier[0].months) == 1 \
            and len(outcome_ms) == 1 and outcome_ms[0].complement \
            and len(c_stats) == 1 and c_stats[0].kind == "percent" and c_stats[0].count is None:
        return earlier
    return []


def _leading_time(text: str, tps: list[Timepoint], mentions: list[Mention], lo: int
                  ) -> list[Timepoint]:
    """``At 3 years, survival was 80%, freedom from X 90%, and patency 95%``: a later clause
    without a time point of its own is dated by the time point opening the sentence (not one
    speaking of the follow-up: ``; two more died during follow-up``)."""
    lead = leading_timepoint(text, tps, mentions)
    if lead is None or lead.end > lo or _FOLLOW_UP_WORD.search(text[lo:]):
        return []
    return [lead]


def _adjacent_group(text: str, mention: Mention, stat: Stat) -> str | None:
    """``3 patients in group B died``, ``complications in the open group occurred in 2``: an
    arm named right after the count or right after the outcome is the finding's group."""
    for pos in (stat.end, mention.end):
        m = _IN_GROUP.match(text, pos)
        if m and not _LIST_GOES_ON.match(text, m.end()):  # "in group A and group B, resp."
            return " ".join((m.group("named") or m.group("label")).split())
    return None


def _value_of_another_subject(text: str, stat: Stat, ms: list[Mention], lo: int) -> bool:
    """``complete occlusion was 76% (90/118) and retreatment was performed for 5``: a value
    stated of a subject naming no outcome of ours, before an outcome that opens the next
    clause after ``and``, is that subject's, not the outcome's."""
    if not _OWN_SUBJECT_VALUE.search(text[lo:stat.start]) \
            or any(lo <= m.start < stat.start for m in ms):
        return False
    return any(m.start >= stat.end and _AND_NEXT.fullmatch(text[stat.end:m.start]) for m in ms)


def _of_the_alive(text: str, stat: Stat, mentions: list[Mention]) -> bool:
    """``Five patients are alive, with a median survival of 36 months``, ``Of the patients
    dead at follow-up, the mean survival was ...``: a time of a subset chosen by its vital
    status, not the cohort's; and when such a subset opens the sentence (``Of the patients
    dead at follow-up, ..., and 50% died more than 2 years after``), its other numbers too."""
    if stat.kind != "duration":
        # "Among the patients who died, 60% died within 30 days": a share of the dead is no
        # mortality; "Among survivors, 12% required reoperation" is the subset's own finding,
        # which extract.rules.strata labels with its group. "Of the 22 patients alive, ...":
        # the subset's count is a finding of its own.
        opening = _VITAL_SUBSET.match(text)
        return (bool(opening) and not _COUNTED_SUBSET.match(text)
                and any(m.outcome in _SURVIVAL_OF for m in mentions))
    return any(m.complement and m.outcome in _SURVIVAL_OF and m.start < stat.start
               for m in mentions) or bool(_VITAL_SUBSET.search(text[:stat.start]))


def _counts_the_opposite(text: str, clause: Clause, mention: Mention, stat: Stat,
                         context: DocumentContext) -> bool:
    """Whether a count is of patients *without* the outcome: ``41 of 47 were alive``, ``32
    were free of recurrence``, ``30 patients had no recurrence``, ``negative margins were not
    obtained in two patients``, ``patency was lost in 3``, ``in all but one patient``."""
    if mention.complement or _ALL_BUT.search(text[:stat.start]):
        return True
    if stat.start > mention.end:
        return bool(_NOT.search(_NO_DIFFERENCE.sub(" ", text[mention.end:stat.start])))
    return negated_here(clause, mention, context.lexicon)


def _flipped(stat: Stat) -> Stat:
    """A percentage of patients free of an outcome as the percentage with it (CI reversed)."""
    def comp(x: float | None) -> float | None:
        return None if x is None else round(1 - x, 6)
    return replace(stat, percent=comp(stat.percent), ci_low=comp(stat.ci_high),
                   ci_high=comp(stat.ci_low))


def _day_window(text: str, mention: Mention, c_tps: list[Timepoint], tp: float | None,
                pattern: str = r"\bdays?\b") -> bool:
    """``30-day readmission``, ``readmission within 30 days``: a window in days written next
    to the outcome dates any proportion (``pattern`` says what the time's words must hold)."""
    def next_to(t: Timepoint) -> bool:
        gap = text[t.end:mention.start] if t.end <= mention.start else text[mention.end:t.start]
        return len(gap) - aside_length(gap) <= 25 and not re.search(r"\d|%", gap)
    return tp is not None and any(
        tp in t.months and re.search(pattern, text[t.start:t.end], re.IGNORECASE)
        and next_to(t) for t in c_tps)


def _within_window(text: str, mention: Mention, c_tps: list[Timepoint], tp: float | None
                   ) -> bool:
    """``Reoperation within 2 years was required in 4 patients``, ``recurrence by 6 months in
    3``: a window in any unit after ``within`` or ``by``, next to the outcome, dates a counted
    proportion (a percentage alone at a time in years may be a Kaplan-Meier rate, and stays
    one; a time of one patient, ``at 1 year``, bounds nothing)."""
    return _day_window(text, mention, c_tps, tp, pattern=r"^(?:within|by)\b")


def _time_after_value(text: str, stat: Stat, c_tps: list[Timepoint], tp: float | None) -> bool:
    """``The recurrence rate was 35.6% (149/418) at 42 months``: a fixed time stated right
    after the number dates the proportion (gold-guide: a stated fixed follow-up time), and so
    does a window in days (``occurred in 5 patients (11%) within 30 days``)."""
    # ("one patient (16%) at 18 months" is that patient's own time: "at" comes right after
    # the number, a window may follow its patients)
    return tp is not None and any(
        t.months == (tp,) and (
            re.fullmatch(r"\s*(?:\([^)]*\)\s*)?", text[stat.end:t.start])
            and re.match(r"at\b", text[t.start:t.end], re.IGNORECASE)
            or re.fullmatch(r"\s*(?:patients\s*)?(?:\([^)]*\)\s*)?", text[stat.end:t.start])
            and re.match(r"within\s+\S+\s+days?\b", text[t.start:t.end], re.IGNORECASE))
        for t in c_tps)


# "(residual stenosis <30%)", "(gradient below 5 mmHg)": a threshold in a bracket, the
# criterion an outcome was judged by
_THRESHOLD_BEFORE = re.compile(r"(?:[<>≤≥]=?|\b(?:less|more|greater|lower|higher)\s+than|"
                               r"\b(?:below|above|under|over))\s*$", re.IGNORECASE)


def _bracketed_threshold(text: str, stat: Stat) -> bool:
    """Whether ``stat`` is a bound inside a bracket (``technically successful (residual
    stenosis <30%) in 15 of 17``): the criterion of the outcome, not a value of it."""
    opened = text.rfind("(", 0, stat.start)
    if opened < 0 or ")" in text[opened:stat.start]:
        return False
    return bool(_THRESHOLD_BEFORE.search(text[opened + 1:stat.start]))


# "four patients were alive", "all remained alive": the vital status said of the patients
_VITAL_VERB = re.compile(r"(?:\b(?:were|was|are|is|remained|remain|remains|still|been)\s+)$",
                         re.IGNORECASE)


def _vital_predicate(text: str, mention: Mention) -> bool:
    """Whether an ``alive`` mention is said of the patients (``were alive``, ``survived``),
    not a description of whom a number is of (``9 of the 14 patients discharged alive``)."""
    return bool(re.match(r"(?:were|was|are|is|remained|still|survived)\b", mention.text,
                         re.IGNORECASE) or _VITAL_VERB.search(text[:mention.start]))


def _own_death_time(text: str, stat: Stat, c_tps: list[Timepoint], tp: float | None) -> bool:
    """``One patient died of metastatic disease at 7 months``: the time ``at`` which one
    patient died is when that death happened, not a time the cohort was assessed at (the
    death counts at last follow-up); a window (``within 90 days``) or a rate keeps its time."""
    if tp is None or stat.count != 1 or stat.total is not None or stat.percent is not None:
        return False
    return any(t.months == (tp,) and t.start > stat.end
               and re.match(r"at\b", text[t.start:t.end], re.IGNORECASE) for t in c_tps)


def _in_tp_list(tp: float, c_tps: list[Timepoint]) -> bool:
    return any(len(t.months) > 1 and tp in t.months for t in c_tps)


def _duration_measure(text: str, clause: Clause, mention: Mention, stat: Stat) -> str | None:
    window = text[clause.offset:stat.start]
    if re.search(r"follow", text[min(mention.start, stat.start):stat.start], re.IGNORECASE):
        return None
    words = list(_MEASURE_WORD.finditer(window))
    if not words:
        return None
    run = [words[-1]]  # the nearest measure word, with those coordinated with it
    for w in reversed(words[:-1]):
        if not re.fullmatch(r"\s*(?:,|and|or|,\s*and)\s*", window[w.end():run[0].start()]):
            break
        run.insert(0, w)
    if len(run) == 1:
        return _MEASURES[run[0].group(0).lower()]
    # "the mean and median survival times were 9.3 and 5.9 months": in the order named
    index = len(re.findall(r"(?<![\w.])\d+(?:\.\d+)?", window[run[-1].end():]))
    return _MEASURES[run[index].group(0).lower()] if index < len(run) else None
