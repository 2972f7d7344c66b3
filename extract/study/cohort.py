"""The cohort of a case series: how many patients, procedures, how long followed, what design.

A paper states its cohort size many times and in many ways ("Forty-one patients were
identified", "A total of 57 patients", "Of 531 included patients", "in six patients with",
"All N = 41"), and it also states counts of subgroups ("21 (57%) patients had DVT") and of
other studies ("450 cases have been reported worldwide"). Each mention of ``<count> patients``
is scored by the cues around it; the scores of mentions with the same count are pooled, and
the best supported count wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from extract.model import Page
from extract.reading.document_text import pages_to_section_sentences
from extract.study.arms import sentence_to_arm_total, sentence_to_divided_total
from extract.study.counts import COUNT, MAY_COUNT, PEOPLE, count_to_int
from extract.study.selection import sentence_to_funnel_ends
from extract.study.things_done import WINDOW as THINGS_DONE_WINDOW
from extract.study.things_done import ends_with_things_done
from extract.study.treated_arms import sentence_to_treated_arms_total

__all__ = ["COUNT", "PREVIOUS_WORK", "CountMention", "count_to_int", "mentions_to_cohort_size",
           "pairs_to_count_mentions", "text_to_count_mentions"]

#: Characters either side of a count searched for its cues.
CUE_WINDOW = 300

# (a cohort named by its age band: "312 nonagenarians were reviewed")
# Up to three words between count and noun ("six consecutive cases"), but never a unit or a
# preposition ("18 months in patients" is not a count of patients).
_FILLER = (
    r"(?:(?!(?:months?|years?|days?|weeks?|hours?|of|in|with|and|or|to|from|for|at|by|vs)\b)"
    r"[A-Za-z][\w\-/]*\s+){0,3}?"
)
# ("a 14-patient experience", "a twelve-case series": the count as an adjective, hyphenated
# to its noun in the singular)
_MENTION = re.compile(rf"(?<![\w.])(?P<count>{COUNT})(?:\s+{_FILLER}{PEOPLE}|-(?:patient|case|"
                      r"child|subject|person))\b(?!-)", re.IGNORECASE)
_PEOPLE_N = re.compile(r"\b(?:patients|cases|subjects|participants)\s*[(\[]\s*[nN]\s*=\s*"
                       r"(?P<count>\d{1,5})\s*[)\]]", re.IGNORECASE)
# "From the 786 operations included (n=585)": the patients behind an inclusion statement
_INCLUDED_N = re.compile(r"\b(?:included|enrolled|analy[sz]ed|studied|identified|treated)\s*[(\[]"
                         r"\s*n\s*=\s*(?P<count>\d{1,5})\s*[)\]]", re.IGNORECASE)
# Counts of things treated rather than of patients: a "cases" count equal to one of them is not
# the cohort ("A total of 182 consecutive flat or sessile colorectal lesions").
_THINGS = re.compile(
    rf"(?<![\w.])(?P<count>{COUNT})\s+(?:(?!{PEOPLE})[A-Za-z][\w\-]*\s+){{0,4}}?(?:lesions|"
    r"nodules|tumou?rs|eyes|"
    r"hips|knees|shoulders|limbs|hands|digits|fingers|aneurysms|procedures|operations|"
    r"resections|flaps|stents|implants|grafts|veins|arteries|vessels|levels|segments|teeth|"
    r"kidneys|ears|breasts|hernias|fractures|polyps|carcinomas|cancers|metastases|cysts|"
    r"malformations|stenoses|occlusions|units)\b",
    re.IGNORECASE,
)
# "64 consecutive colorectal lesions in 58 patients": things counted first, then their patients
_THINGS_IN = re.compile(_THINGS.pattern + r"\s+(?:\w+\s+){0,2}?(?:in|from|of)\s*$",
                        re.IGNORECASE)
# "A combined experience of 1007 consecutive resections was studied": when no count of patients
# is stated, the series is counted by its procedures (one per patient)
_PROCEDURES = re.compile(
    rf"(?<![\w.])(?P<count>{COUNT})\s+{_FILLER}(?:procedures|operations|resections|interventions|"
    r"surgeries|implantations|ablations)\b",
    re.IGNORECASE,
)
# "a consecutive series of 30 chronic infections of total hip arthroplasties": a series counted
# by what it treated, the cohort when no count of patients is supported
_SERIES_OF = re.compile(rf"\b(?:series|experience)\s+of\s+(?P<count>{COUNT})\s+"
                        r"(?!(?:years?|months?|days?|weeks?|hours?|%)\b)[A-Za-z]", re.IGNORECASE)
# "were resected in 178 patients" after a count of lesions; "In 334 patients, 460 eyes": the
# patients the treated units belong to
_UNITS_VERB_IN = re.compile(r"\b(?:were|was)\s+(?:\w+\s+){0,2}?\w+ed\s+(?:in|on|from)\s*$",
                            re.IGNORECASE)
# "Forty patients with 52 tumours", "enrolled 80 patients (95 lesions)": the patients the
# counted units belong to
_UNITS_AFTER = re.compile(_THINGS.pattern.replace("(?<![\\w.])", r"^\s*(?:,|\(|with\b)\s*", 1),
                          re.IGNORECASE)
# (the units may be described at length: "182 consecutive flat or sessile colorectal lesions")
_UNITS_BEFORE = re.compile(_THINGS.pattern.replace("{0,4}", "{0,7}", 1), re.IGNORECASE)
# "133 and 72 consecutive patients": a count sharing its noun with an earlier count is one of
# the populations listed, not the cohort (a year is no such count: "2001 and 45 patients")
_SHARED_NOUN = re.compile(rf"(?<![\w.])(?!(?:19|20)\d\d\b)(?:{COUNT})\s+(?:and|or)\s*$",
                          re.IGNORECASE)
# "Of the 150 patients screened, 120 were enrolled": the end of a selection funnel (the noun
# may be left out when the verb follows the count: "Of 212 screened, ...")
_FUNNEL = re.compile(
    rf"\bof\s+(?:the\s+|all\s+)?(?P<head>{COUNT})\s+(?:{_FILLER}{PEOPLE}\b[^,;.]{{0,60}}?\b)?"
    r"(?:screened|assessed|evaluated|identified|referred|reviewed|eligible|considered|"
    r"potentially|approached|registered)\b[^,;.]{0,40},\s*"
    rf"(?P<count>{COUNT})\s+(?:\w+\s+)?(?:were|was)\s+(?:\w+\s+)?(?:included|enrolled|eligible|"
    r"analy[sz]ed|selected|studied|recruited|randomi[sz]ed)\b",
    re.IGNORECASE,
)
# "We reviewed all stenting procedures (n = 208) performed ...": the one size a sentence
# stating its cohort gives (several sizes are arms: "for rupture (n = 9) or pain (n = 12)")
_LONE_N = re.compile(r"[(\[]\s*n\s*=\s*(?P<count>\d{1,5})\s*[)\]]", re.IGNORECASE)
#: Score of that size over its section's: below an explicit count with an inclusion verb.
LONE_N_SCORE = 2.0
#: Score of the last count of a selection funnel (``Of 212 screened, 187 were included``):
#: the strongest statement of a cohort.
FUNNEL_SCORE = 6.0
#: Score of the total of arms stated together with their sizes (:mod:`extract.study.arms`):
#: as strong as an explicit inclusion statement.
ARMS_SCORE = 4.0
#: Score of a section before any cue: a count in the title is most often the cohort.
SECTION_SCORE = {"title": 3.0, "front": 1.5, "methods": 0.5, "result": 0.5}
# "Our cohort (N = 88) was drawn from ...": the study's own cohort named with its size
_COHORT_N = re.compile(r"\b(?:our|the|this|study)\s+(?:[\w\-]+\s+)?(?:cohort|population|series|"
                       r"sample)\s*[(\[]\s*n\s*=\s*(?P<count>\d{1,5})\s*[)\]]", re.IGNORECASE)
#: Score of that size over its section's: as strong as a count with an inclusion verb.
COHORT_N_SCORE = 3.0
# "The study included 52 male and 36 female patients": the cohort by sex, its noun said once
_SEX_SPLIT = re.compile(
    rf"(?<![\w.])(?P<a>{COUNT})\s+(?:males?|men|females?|women|boys|girls)\s*(?:,\s*|\s+)(?:and|&)\s+"
    rf"(?P<b>{COUNT})\s+(?:males?|females?|men|women|boys|girls)\b(?:\s+{PEOPLE}\b)?",
    re.IGNORECASE)
_N_EQUALS = re.compile(r"\b(?:all|total|overall|cohort)\W{0,3}\(?\s*[Nn]\s*=\s*(\d{1,5})\b",
                       re.IGNORECASE)
# "The patients who underwent the operation at our department were 38": the cohort as the
# complement of a copula, the subject a description of who was treated
_COPULA_COUNT = re.compile(
    rf"\b(?:the\s+)?(?:(?:total\s+)?number\s+of\s+)?(?:patients|cases|subjects|participants)\s+"
    r"(?:who|that|treated|operated|undergoing|included|enrolled|admitted|diagnosed)\b[^.;%]{0,160}?"
    rf"\b(?:were|was|numbered|totall?ed)\s+(?:a\s+total\s+of\s+)?(?P<count>{COUNT})"
    r"(?=\s*(?:[.;,)]|$|in\s+total\b))",
    re.IGNORECASE)
# "were included (ORX n = 58; LAP n = 49)", "(n = 230; A n = 130, B n = 100)": the arms'
# sizes in one bracket, labels before each, the total first when it is stated
_LABELLED_SIZE = r"[A-Za-z][\w+/\-]*\s*(?:[:=]\s*)?n\s*=\s*\d{1,5}"
_BRACKETED_ARMS = re.compile(
    rf"[(\[]\s*(?:n\s*=\s*(?P<total>\d{{1,5}})\s*[;,:]\s*)?(?P<arms>{_LABELLED_SIZE}"
    rf"(?:\s*[;,]\s*(?:and\s+)?{_LABELLED_SIZE})+)\s*[)\]]",
    re.IGNORECASE)
_ARM_SIZE = re.compile(r"n\s*=\s*(\d{1,5})", re.IGNORECASE)
# "were excluded, leaving n = 248": what an exclusion leaves, as a sample size
_LEAVING_N = re.compile(r"\b(?:leaving|left|resulting\s+in|yielding)\s+(?:a\s+(?:total|cohort|"
                        r"sample|population)\s+of\s+)?n\s*=\s*(?P<count>\d{1,5})\b",
                        re.IGNORECASE)
# "Of 860 operations performed ..., 214 repairs ... met inclusion criteria", "Of 1,500
# procedures ..., 310 were for ... and were included": a funnel over what was treated (one
# procedure a patient), the kept count with or without its noun
_UNIT_FUNNEL = re.compile(
    # (it opens the sentence or its label, and counts no people: funnels of patients are
    # read by _FUNNEL and extract.study.selection)
    rf"(?:^|:)\W*of\s+(?:the\s+|all\s+)?(?P<head>{COUNT})\s+(?!{_FILLER}{PEOPLE}\b)"
    rf"[^,;.]{{0,140}}?,\s*(?P<count>{COUNT})\b"
    r"(?!\s*%|\s*\()[^;.]{0,140}?\b(?:(?:met|fulfill?ed|satisfied)\s+(?:the\s+|our\s+|all\s+)?"
    r"(?:(?:inclusion|eligibility|study|selection)\s+)?criteria|(?:were|was)\s+(?:\w+\s+)?"
    r"(?:included|enrolled|eligible|selected)(?!\s+(?:in|into)\s+(?:the\s+)?"
    r"(?!(?:final\s+)?(?:analys[ie]s|study|series|cohort)\b)))",
    re.IGNORECASE)
# "176 patients were screened and 129 patients met inclusion criteria": the screened are the
# funnel's head, the count that met the criteria its end
_SCREENED_FUNNEL = re.compile(
    rf"(?<![\w.])(?P<head>{COUNT})\s+{_FILLER}{PEOPLE}\s+(?:were|was)\s+(?:\w+\s+)?(?:screened|"
    r"assessed|evaluated|considered|reviewed)\b[^.;]{0,60}?(?:,|;|\band\b|\bof\s+whom\b)\s*"
    rf"(?P<count>{COUNT})\s+(?:{_FILLER}{PEOPLE}\s+)?(?:met|fulfill?ed|satisfied|(?:were|was)\s+"
    r"(?:\w+\s+)?(?:included|enrolled|eligible|selected))\b",
    re.IGNORECASE)
# "..., of whom 125 received early shunting": those of the eligible the series treated
_OF_WHOM_TREATED = re.compile(rf"^[^.;]{{0,40}}?,\s*of\s+whom\s+(?P<count>{COUNT})\s+"
                              r"(?:received|underwent|were\s+treated)\b", re.IGNORECASE)
# "After 1:1 propensity score matching ..., 96 laparoscopic and 96 open resections were
# compared": the matched cohort the results describe
_MATCHED_ARMS = re.compile(
    r"\b(?:after|following|upon|with)\b[^.;]{0,200}?\bmatch(?:ing|ed)\b[^.;]{0,160}?,\s*"
    rf"(?P<a>{COUNT})\s+(?:[\w\-()]+\s+){{0,4}}?(?:and|vs\.?|versus)\s+(?P<b>{COUNT})\s+"
    r"(?:[\w\-()]+\s+){0,5}?(?:(?:were|was)\s+(?:\w+\s+)?(?:compared|analy[sz]ed|included|"
    r"retained|obtained|selected)|remained)\b",
    re.IGNORECASE)

# what comes before a year: a month or a preposition of time
_YEAR_BEFORE = re.compile(r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?|"
                          r"\b(?:to|until|till|through|since|from|between|in|and|of)|[\-\u2013/])"
                          r"\s*$", re.IGNORECASE)
# "Between 2012 and 2019, X was performed in 214 patients": the procedure counted over the
# study's period is the series (a later subset states no period: "relaparotomy was performed
# in 18 patients")
_PERIOD = re.compile(r"\b(?:from|between|since)\s+(?:[A-Za-z]+\.?\s+)?(?:19|20)\d\d\s*"
                     r"(?:to|and|until|till|through|-|\u2013)\s*(?:[A-Za-z]+\.?\s+)?(?:19|20)\d\d\b",
                     re.IGNORECASE)
_DONE_IN = re.compile(r"\b(?:was|were)\s+(?:\w+\s+)?(?:performed|done|carried\s+out|undertaken)\s+"
                      r"(?:in|on|for|to)\s*$", re.IGNORECASE)

# Cues and their weights: an explicit inclusion verb is the strongest statement of a cohort.
_INCLUSION = re.compile(
    r"\b(?:were|was|been|are)\s+(?:\w+\s+)?(?:identified|included|enrolled|reviewed|recruited|"
    r"analy[sz]ed|studied|evaluated|investigated|collected|selected|registered|reevaluated|"
    r"re-evaluated|subdivided|examined|followed|retrieved|obtained|accrued|entered|"
    # (a trial's cohort is everyone randomised, however many were analysed)
    r"randomi[sz]ed)\b|"
    # "met the criteria", "fulfilled the inclusion criteria", "qualified for inclusion"
    r"\b(?:met|fulfill?ed|satisfied)\s+(?:the\s+|our\s+|all\s+)?(?:(?:inclusion|eligibility|"
    r"study|selection)\s+)?criteria\b|\bqualified\s+for\s+(?:inclusion|the\s+study)\b|"
    # (those available for follow-up are what the cohort kept, not the cohort)
    r"\bwere\s+(?:eligible|available)\b(?!\s+(?:for|at)\s+(?:\w+\s+)?follow)",
    re.IGNORECASE,
)
# (an intention-to-treat series counts everyone "scheduled for" the operation)
# ("were stented", "were embolized": the participle of an interventional procedure)
_TREATMENT = re.compile(r"\b(?:underwent|were\s+(?:\w+\s+)?(?:treated|operated|managed|"
                        r"scheduled|stented|emboli[sz]ed|coiled|ablated|resected|irradiated|"
                        r"implanted|transplanted|shunted|clipped|repaired|catheteri[sz]ed))\b",
                        re.IGNORECASE)
_INCLUDED_ADJ = re.compile(r"\b(?:included|enrolled|eligible|consecutive)\b", re.IGNORECASE)
_WE_REPORT = re.compile(
    r"\b(?:we|(?:this|the\s+present|our)\s+(?:[\w\-]+\s+){0,3}?(?:study|report|series|trial|"
    r"analysis|registry|audit))\s+(?:\w+\s+)?(?:report|present|describe|detail|review|analy[sz]|includ|identifi|"
    r"stud|evaluat|examin|treat|operat|enroll?|recruit|follow)\w*\b",
    re.IGNORECASE,
)
#: Characters before a count searched for "<cohort> consisted of" (its phrases end at the count).
CONSISTED_WINDOW = 80
_CONSISTED_OF = re.compile(
    r"\b(?:consist(?:ed|s|ing)\s+of|compris(?:ed|es|ing)|includ(?:ed|es|ing)|enroll?(?:ed|s|ing)|"
    r"involv(?:ed|es|ing)|recruited|identified|(?:cohort|population|sample|series)\s+of|"
    r"(?:review|analysis|experience)\s+(?:of|with)|there\s+(?:were|was)|"
    # "Data were collected prospectively for 88 patients", "Data on 88 patients"
    r"\bdata\s+(?:(?:were|was)\s+(?:\w+\s+){0,2}?(?:collected|gathered|recorded|retrieved|"
    r"obtained|extracted)\s+(?:\w+\s+)?)?(?:for|on|of|from)|"
    # a label naming the cohort: "Study population: 88 patients", "Participants: 64 adults"
    r"\b(?:population|cohort|sample|participants|subjects|patients)\s*:)\s*$",
    re.IGNORECASE,
)
# a count after "in": "61 stents were placed in 44 patients" (extract.study.things_done)
_ENDS_IN = re.compile(r"\b(?:in|on|for|from|of)\s*$", re.IGNORECASE)
_SINGLE_CASE = re.compile(r"\b(?:we|this (?:article|paper|report))\s+(?:\w+\s+)?(?:report|present|"
                          r"describe)s?\s+(?:a|the|one)\s+(?:rare\s+|unique\s+|unusual\s+)?"
                          r"(?:case|patient)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:a total of|a sum of|in total|overall)\s*$", re.IGNORECASE)
# "previous" names other work only with a publication word ("previous reports", "previously
# published"), not in a patient's history ("patients with previous surgery")
PREVIOUS_WORK = (r"\bprevious(?:ly)?\s+(?:\w+\s+)?(?:reported|published|described|stud(?:y|ies)|"
                 r"series|reports?|publications?|literature|authors|work)\b")
_OTHER_STUDY = re.compile(
    # (a bracketed statistic, "[5.7; 0-27.7]", is no citation)
    r"et al\b|\[\d+(?!\.\d)(?:\s*[,\u2013\-]\s*\d+)*\s*\]|<sup>\s*\[?\d|"
    r"\breported\b.*\b(?:worldwide|literature|previous)|"
    rf"{PREVIOUS_WORK}|\b(?:literature|published|worldwide|register|registry|meta-analys)",
    re.IGNORECASE,
)
# "This prospective registry enrolled ...": the study's own registry, not another's
_OWN_REGISTRY = re.compile(r"\b(?:this|our|the\s+present)\s+(?:[\w\-]+\s+){0,2}?regist(?:ry|er)\b",
                           re.IGNORECASE)
# "propensity matching yielded 96 pairs": two patients a pair
# ("pairs of stents" count things)
_PAIRS = re.compile(rf"(?<![\w.])(?P<count>{COUNT})\s+(?:(?:propensity[\s\-]+)?(?:score[\s\-]+)?"
                    r"matched\s+)?pairs\b(?!\s+of\b)", re.IGNORECASE)
# "We compared the two operations": kinds of procedure compared, not a count of them
_KINDS_COMPARED = re.compile(r"\bcompar\w*\s+(?:the\s+|these\s+)?$", re.IGNORECASE)
# Patients pooled from other studies ("24 studies were included, comprising 1,310 patients").
_POOLED_STUDIES = re.compile(
    r"\b(?:\d+|several|multiple)\s+(?:\w+\s+)?(?:studies|articles|publications|trials|reports)\b",
    re.IGNORECASE,
)
# the count's own share ("21 (57%) patients", "165 patients (16.4%)"), not a description of the
# cohort that follows it ("Twenty patients (60% women, median age 57 years)")
_SUBGROUP_AFTER = re.compile(r"^\s*[(\[]\s*\d+(?:\.\d+)?\s*%\s*[)\],;]")
_OF_INCLUDED = re.compile(r"^\W*of\s*$", re.IGNORECASE)
_MATCHED = re.compile(r"\b(?:matched|matching|subgroup|subset)\b", re.IGNORECASE)
_SUBGROUP_BEFORE = re.compile(
    r"\b(?:remaining|other|of whom|of these|of them|in|among|only|another|for)\s*$", re.IGNORECASE
)
_PERCENT_NEAR = re.compile(r"\d\s*%")
_LEAVING = re.compile(r"\b(?:leaving|left|resulting in|final (?:study )?(?:population|cohort|"
                      r"sample) of)\s*$", re.I)
# "The remaining 140 patients form the study group", "80 cases constituted the final cohort":
# the count named as the study's own cohort, as explicit as one left for analysis
_FORMS_COHORT = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:form(?:ed)?|constitut(?:e|ed)|ma(?:de|ke)\s+up|represent(?:ed)?)\s+"
    r"(?:the|our)\s+(?:final\s+)?(?:study|analy[sz]ed|analysis)?\s*(?:group|cohort|population|"
    r"sample|series)\b", re.IGNORECASE)
_FOR_ANALYSIS = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:for|in) (?:the )?(?:final )?analys[ie]s\b",
                           re.I)
# An abstract's section label before the sentence: "Results:", "**Results**", "RESULTS", "Results—"
_LABEL_ONLY = re.compile(
    r"^[\W_]*(?:results?|methods?|(?:patients|materials|subjects)\s+and\s+methods|findings|patients|"
    r"participants|design,?\s+setting,?\s+and\s+participants|summary)[\W_]*$",
    re.IGNORECASE,
)
# Arms of the cohort: "Sixteen patients were treated medically, and 30 by craniectomy".
_ARM = re.compile(r"^\W*(?:were|was)\s+(?:treated|managed)\s+(?:medically|surgically|"
                  r"conservatively|operatively|non-?operatively|non-?surgically)\b", re.IGNORECASE)
# "the 41 patients", "all 30 patients": the cohort referred to as a whole, unless qualified
_DEFINITE = re.compile(r"\b(?:the|all|these|our)\s*$", re.IGNORECASE)
_QUALIFIED = re.compile(r"^\s*(?:with|who|whose|that|undergoing|treated|receiving|without|in whom|"
                        r"after|for)\b", re.IGNORECASE)
# Later counts of a sentence that break an earlier one down: "13 cases, including 10 women"
_BREAKDOWN = re.compile(r"\b(?:women|men|males?|females?|boys|girls)$", re.IGNORECASE)
_SUBSET_GAP = re.compile(r"\b(?:including|of whom|of these|of which|among (?:them|whom|these))\b",
                         re.IGNORECASE)
_EXCLUDED_LATER = re.compile(r"\bexclu(?:ded|sion)\b", re.IGNORECASE)
# Counts that leave the cohort: "38 patients were excluded", "5 patients were lost".
_LEFT_COHORT = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:were|was)\s+(?:excluded|lost|withdrawn|"
                          r"transferred)\b|^\W*(?:died|withdrew|dropped out)\b", re.IGNORECASE)


@dataclass(frozen=True)
class CountMention:
    """One ``<count> patients`` mention with the score of its cues."""

    count: int
    score: float
    sentence: str
    #: ``cases`` counts may count lesions or operations rather than patients (see
    #: :func:`pairs_to_count_mentions`).
    of_cases: bool = False
    #: a count of procedures, the cohort only when no count of patients is supported
    of_procedures: bool = False


def text_to_count_mentions(text: str, title: str | None = None) -> list[CountMention]:
    """Score every ``<count> patients`` mention of a document (title and body)."""
    pairs = pages_to_section_sentences([Page(None, text)])
    return pairs_to_count_mentions([("title", title), *pairs] if title else pairs)


def pairs_to_count_mentions(pairs: Sequence[tuple[str, str]]) -> list[CountMention]:
    """Score every ``<count> patients`` mention of ``(section, sentence)`` pairs."""
    mentions: list[CountMention] = []
    things: set[int] = set()
    for section, sentence in pairs:
        if section == "references":
            break
        if not MAY_COUNT.search(sentence):
            # (most sentences count nothing: only a case report's words can be read there)
            mentions.extend(_single_case(sentence, section, []))
            continue
        mentions.extend(_sentence_mentions(sentence, section))
        if section != "title":
            mentions.extend(_n_equals_mentions(sentence))
        things.update(c for m in _UNITS_BEFORE.finditer(sentence)
                      if (c := count_to_int(m["count"])))
    # "30 cases" in the title of a paper on "25 patients with 30 nodules" counts nodules
    return [replace(m, score=m.score - 4.0) if m.of_cases and m.count in things else m
            for m in mentions]


def mentions_to_cohort_size(mentions: Sequence[CountMention], row_count: int | None = None
                            ) -> int | None:
    """Pool the scores of mentions per count and return the best supported count.

    A per-case table with ``row_count`` patients supports the same count, and is the cohort
    when the text states none.
    """
    people = [m for m in mentions if not m.of_procedures]
    found = _best_supported(people, row_count)
    if found is None and not row_count:
        found = _best_supported([m for m in mentions if m.of_procedures], None)
    return found


def _best_supported(mentions: Sequence[CountMention], row_count: int | None) -> int | None:
    best: dict[int, float] = {}
    support: dict[int, int] = {}
    for mention in mentions:
        if mention.score <= 0 or mention.count < 1:
            continue
        best[mention.count] = max(best.get(mention.count, 0.0), mention.score)
        support[mention.count] = support.get(mention.count, 0) + 1
    if row_count:
        best.setdefault(row_count, 0.0)  # a per-case table lists every patient
        support.setdefault(row_count, 1)
    if not best:
        return None
    pooled = {
        count: score + 0.4 * min(support[count] - 1, 5) + (2.0 if count == row_count else 0.0)
        for count, score in best.items()
    }
    winner = max(pooled, key=lambda count: (pooled[count], count))
    return winner if pooled[winner] >= 2.0 else None


def _sentence_mentions(sentence: str, section: str) -> list[CountMention]:
    found = []
    shared = _sentence_penalty(sentence, section)
    previous: re.Match[str] | None = None
    for match in _MENTION.finditer(sentence):
        count = count_to_int(match.group("count"))
        if count is None or (1900 <= count <= 2100
                             and _YEAR_BEFORE.search(sentence[:match.start()])):
            continue  # "From May 2014 to June 2021 patients with ...": a year, not a count
        score = _mention_score(sentence, match, section, shared)
        if previous is not None and _breaks_down(sentence, previous, match):
            score -= 4.0
        previous = match
        found.append(CountMention(count, score, sentence,
                                  of_cases=match.group(0).lower().endswith("cases")))
    found.extend(_coordinated_sum(sentence, found, section))
    for match in _FUNNEL.finditer(sentence):
        count, head = count_to_int(match.group("count")), count_to_int(match.group("head"))
        if count:
            # the population screened is not the cohort selected from it
            found = [replace(m, score=m.score - 4.0) if m.count == head else m for m in found]
            found.append(CountMention(count, SECTION_SCORE.get(section, 0.0) + FUNNEL_SCORE
                                      - shared, sentence))
    for end in sentence_to_funnel_ends(sentence):
        # what the sentence narrowed down from is not the cohort it kept
        found = [replace(m, score=m.score - 4.0) if m.count > end else m for m in found]
        found.append(CountMention(end, SECTION_SCORE.get(section, 0.0) + FUNNEL_SCORE - shared,
                                  sentence))
    treated = sentence_to_treated_arms_total(sentence)
    if treated:
        # arms by count and treatment: scored like a count with an inclusion verb
        found.append(CountMention(treated, SECTION_SCORE.get(section, 0.0) + 3.0 - shared,
                                  sentence))
    arms = sentence_to_arm_total(sentence) or sentence_to_divided_total(sentence)
    if arms:
        # the arms' own sentence pairs them ("were matched with"): not a matched subset
        score = SECTION_SCORE.get(section, 0.0) + ARMS_SCORE
        found.append(CountMention(arms, score - _sentence_penalty(sentence, section, False),
                                  sentence))
    for match in [*_PROCEDURES.finditer(sentence), *_SERIES_OF.finditer(sentence)]:
        count = count_to_int(match.group("count"))
        if count and not _PERCENT_NEAR.search(sentence[match.end():match.end() + 12]) \
                and not _KINDS_COMPARED.search(sentence[max(0, match.start() - 30):match.start()]):
            found.append(CountMention(count, _mention_score(sentence, match, section, shared),
                                      sentence, of_procedures=True))
    for match in _PAIRS.finditer(sentence):
        pairs = count_to_int(match.group("count"))
        if pairs and not _PERCENT_NEAR.search(sentence[match.end():match.end() + 12]):
            # a matched cohort is its pairs' patients; scored like an inclusion statement
            found.append(CountMention(2 * pairs, SECTION_SCORE.get(section, 0.0) + 3.0, sentence))
    for match in _COHORT_N.finditer(sentence):
        found.append(CountMention(int(match["count"]), SECTION_SCORE.get(section, 0.0)
                                  + COHORT_N_SCORE - shared, sentence))
    for match in _SEX_SPLIT.finditer(sentence):
        a, b = count_to_int(match["a"]), count_to_int(match["b"])
        if a and b and not any(m.count == a + b for m in found):
            # scored like a count of the cohort in the same place ("52 male and 36 female")
            found.append(CountMention(a + b, _mention_score(sentence, match, section, shared),
                                      sentence))
    found.extend(_stated_cohorts(sentence, section, shared))
    for match in [*_SCREENED_FUNNEL.finditer(sentence), *_UNIT_FUNNEL.finditer(sentence)]:
        # the population screened is not the cohort selected from it
        left = {count_to_int(match["head"])}
        treated = _OF_WHOM_TREATED.match(sentence[match.end():])
        if match.re is _SCREENED_FUNNEL and treated:
            # the eligible, not all of whom were treated
            left = (left | {count_to_int(match["count"])}) - {count_to_int(treated["count"])}
        found = [replace(m, score=m.score - 4.0) if m.count in left else m for m in found]
    for match in _INCLUDED_N.finditer(sentence):
        found.append(CountMention(int(match.group("count")), 2.5 - shared, sentence))
    lone = list(_LONE_N.finditer(sentence))
    if len(lone) == 1 and section in ("front", "methods") and not _PEOPLE_N.search(sentence) \
            and (_INCLUSION.search(sentence) or _WE_REPORT.search(sentence)):
        found.append(CountMention(int(lone[0]["count"]),
                                  SECTION_SCORE[section] + LONE_N_SCORE - shared, sentence))
    for match in _PEOPLE_N.finditer(sentence):
        # "Patients (n = 37) who underwent stenting were included": scored like a mention
        found.append(CountMention(int(match.group("count")),
                                  _mention_score(sentence, match, section, shared), sentence))
    return _single_case(sentence, section, found)


def _single_case(sentence: str, section: str, found: list[CountMention]) -> list[CountMention]:
    """``found``, or a cohort of one when the title or abstract reports a single case and the
    sentence counts no one else."""
    if section in ("title", "front") and _SINGLE_CASE.search(sentence) and not found:
        return [*found, CountMention(1, 4.0, sentence)]  # a case report: a cohort of one
    return found


def _stated_cohorts(sentence: str, section: str, shared: float) -> list[CountMention]:
    """Cohorts a sentence states without ``<count> patients``: a copula (``the patients who
    underwent X were 38``), arms' sizes in one bracket, ``leaving n = 248``, a funnel over
    procedures and a matched cohort given by its arms."""
    found = []
    base = SECTION_SCORE.get(section, 0.0)
    if section in ("front", "methods"):
        for match in _COPULA_COUNT.finditer(sentence):
            count = count_to_int(match["count"])
            if count:  # scored like a count with an inclusion verb
                found.append(CountMention(count, base + 3.0 - shared, sentence))
    if "=" in sentence:
        for match in _BRACKETED_ARMS.finditer(sentence):
            total = sum(int(n) for n in _ARM_SIZE.findall(match["arms"]))
            stated = int(match["total"]) if match["total"] else None
            cued = _INCLUSION.search(sentence) or _WE_REPORT.search(sentence)
            # a total that is not the arms' sum is some other bracket
            if (stated is None and cued) or stated == total:
                found.append(CountMention(total, base + ARMS_SCORE - shared, sentence))
        for match in _LEAVING_N.finditer(sentence):
            found.append(CountMention(int(match["count"]), base + FUNNEL_SCORE - shared, sentence))
    for match in _UNIT_FUNNEL.finditer(sentence):
        count, head = count_to_int(match["count"]), count_to_int(match["head"])
        if count and head and count < head:
            found.append(CountMention(count, base + FUNNEL_SCORE - shared, sentence))
    for match in _SCREENED_FUNNEL.finditer(sentence):
        count = count_to_int(match["count"])
        treated = _OF_WHOM_TREATED.match(sentence[match.end():])
        if treated:
            # the eligible who then received the intervention are the series
            count = count_to_int(treated["count"])
        if count:
            found.append(CountMention(count, base + FUNNEL_SCORE - shared, sentence))
    for match in _MATCHED_ARMS.finditer(sentence):
        a, b = count_to_int(match["a"]), count_to_int(match["b"])
        if a and b:
            # the arms' own matching statement is no matched subset of the cohort
            penalty = _sentence_penalty(sentence, section, False)
            found.append(CountMention(a + b, base + FUNNEL_SCORE - penalty, sentence))
    return found


def _mention_score(sentence: str, match: re.Match[str], section: str, shared: float) -> float:
    """Cue score of one mention minus its penalties (``shared``: the sentence's own)."""
    # Cues sit near the count; bounded windows keep a run-on "sentence" (a table dump) linear.
    before = sentence[max(0, match.start() - CUE_WINDOW) : match.start()]
    after = sentence[match.end() : match.end() + CUE_WINDOW]
    score = SECTION_SCORE.get(section, 0.0)
    if _INCLUSION.search(after) or _INCLUSION.search(before[-40:]):
        score += 3.0
    elif _TREATMENT.search(after[:80]):
        score += 1.5
    if _INCLUDED_ADJ.search(match.group(0)) or _INCLUDED_ADJ.search(before[-20:]):
        # "Of 531 included patients, ..." opens a results paragraph with the cohort size.
        score += 3.0 if _OF_INCLUDED.match(before) else 1.5
    if _WE_REPORT.search(before) or _TOTAL.search(before):
        score += 2.0
    elif _CONSISTED_OF.search(before[-CONSISTED_WINDOW:]) or _performed_in(before) \
            or _UNITS_AFTER.match(after):
        score += 2.5
    done_over_period = bool(_DONE_IN.search(before[-60:]) and _PERIOD.search(sentence))
    if done_over_period:
        score += 3.0
    if section == "title" and re.search(r"\b(?:of|in|on|with)\s*$", before):
        score += 1.0
    if _DEFINITE.search(before[-8:]) and not _QUALIFIED.match(after):
        score += 1.5
    if _LEAVING.search(before) or _FOR_ANALYSIS.match(after) or _FORMS_COHORT.match(after):
        score += 4.0
    if section == "front" and _LABEL_ONLY.match(before):
        # The abstract's results open with the cohort: "Results: Four patients underwent ..."
        score += 1.0
    return score - shared - _mention_penalty(before, after, done_over_period)


def _sentence_penalty(sentence: str, section: str, matched_subset: bool = True) -> float:
    """Penalties that hold for every count of a sentence (computed once per sentence)."""
    penalty = 0.0
    if _POOLED_STUDIES.search(sentence):
        penalty += 8.0
    elif _OTHER_STUDY.search(_OWN_REGISTRY.sub(" ", sentence)):
        penalty += 4.0
    if matched_subset and _MATCHED.search(sentence):
        penalty += 2.0
    if section in ("discussion", "introduction", "conclusion"):
        penalty += 3.0
    return penalty


def _mention_penalty(before: str, after: str, done_over_period: bool = False) -> float:
    penalty = 0.0
    funnel = bool(_LEAVING.search(before))
    if not funnel and (_SUBGROUP_AFTER.search(after) or _PERCENT_NEAR.search(before[-12:])):
        penalty += 4.0
    if _ARM.search(after) or _LEFT_COHORT.search(after):
        penalty += 3.0
    elif _EXCLUDED_LATER.search(after):
        penalty += 1.5  # a count before exclusions in the same sentence (569 screened, ...)
    if _SUBGROUP_BEFORE.search(before) and not _performed_in(before) \
            and not _UNITS_AFTER.match(after) and not done_over_period:
        penalty += 2.0
    if before.rstrip().lower().endswith((" and", " or")) and _SHARED_NOUN.search(before[-40:]):
        penalty += 4.0
    if _in_parentheses(before):
        penalty += 3.0
    return penalty


def _coordinated_sum(sentence: str, found: list[CountMention], section: str
                     ) -> list[CountMention]:
    """``Sixty-four patients who ... and forty-six patients who ... were enrolled`` → 110."""
    # arms are few: a sentence with many counts is a list or a table dump, not a cohort
    if not 2 <= len(found) <= 6 or _PERCENT_NEAR.search(sentence):
        return []
    if re.search(r"\b(?:of whom|among|including)\b", sentence):
        return []
    matches = [m for m in _MENTION.finditer(sentence) if not _in_parentheses(sentence[: m.start()])]
    if len(matches) < 2:
        return []
    # "... were enrolled"; "The series included 38 men and 12 women"
    if not (_INCLUSION.search(sentence) or _CONSISTED_OF.search(sentence[:matches[0].start()])):
        return []
    gaps = [sentence[a.end() : b.start()] for a, b in zip(matches, matches[1:], strict=False)]
    if not all(re.search(r"\band\b", gap) for gap in gaps):
        return []
    total = sum(count_to_int(m.group("count")) or 0 for m in matches)
    return [CountMention(total, max(m.score for m in found) + 1.0, sentence)]


def _performed_in(before: str) -> bool:
    """``61 stents were placed in`` just before the count (a cheap test gates the costly one)."""
    tail = before[-THINGS_DONE_WINDOW:]
    if not _ENDS_IN.search(tail[-6:]):
        return False
    return bool(ends_with_things_done(before) or _THINGS_IN.search(tail)
                or (_UNITS_VERB_IN.search(tail) and _UNITS_BEFORE.search(before)))


def _breaks_down(sentence: str, previous: re.Match[str], match: re.Match[str]) -> bool:
    """True when ``match`` counts a part of the ``previous`` count of the same sentence."""
    return bool(_BREAKDOWN.search(match.group(0))
                or _SUBSET_GAP.search(sentence[previous.end() : match.start()]))


def _in_parentheses(before: str) -> bool:
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


def _n_equals_mentions(sentence: str) -> list[CountMention]:
    return [CountMention(int(m.group(1)), 1.0, sentence) for m in _N_EQUALS.finditer(sentence)]
