"""Sentence triage and clause structure: which sentences state findings, and how to cut them.

A sentence states a finding of *this* paper unless it cites another study, describes one
patient, states an aim (``To compare ...``), speaks of a subset chosen by its vital status
(``Of the patients who died, ...``) or breaks an outcome down into its kinds (a denied list,
``No adverse events such as ...``, is no breakdown). The document's title is never a finding
(:func:`title_span`). In the discussion only sentences that speak
of the authors' own series (``our``, ``in this study``) count. Sentences are cut into clauses
at ``;``, ``, and``, ``with``, ``while`` so that a number stays with the outcome of its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.rules.lexicon import Lexicon
from extract.rules.numbers import WORD_NUMBER, normalize
from extract.rules.pairing import PATIENT_WORDS
from extract.rules.strata import ASSESSED_WORDS, sentence_to_stratum

#: Sections whose sentences are read only when they speak of the authors' own series.
RESTATING_SECTIONS = frozenset({"discussion", "conclusion"})
#: Sections never read for findings.
SKIPPED_SECTIONS = frozenset({"introduction", "case", "references", "back"})

# ("[12]", superscripts, and the citation written out: "(ref. 9)", "(refs 11-14)",
# "(reference 3)")
_CITATION = re.compile(
    r"\[\s*\d+(?:\s*[-,]\s*\d+)*\s*\]|<sup>\s*\[?\s*\d|\^\{?\[?\d|[¹²³⁴⁵⁶⁷⁸⁹⁰]"
    r"|[(\[]\s*(?:[Rr]efs?\.?|[Rr]eferences?)\s*\d+(?:\s*[-,–]\s*\d+)*\s*[)\]]"
    r"|[(\[]\s*[Rr]efs?\.\s*$"  # (a reader may cut the sentence at "Ref.")
)
# (patients named by their numbers, one or a few: "Case 4", "patients 2 and 5", "cases 1, 3
# and 6": a narrative of those patients, not the cohort's figure; "patients 18 years or
# older" is an age)
_SINGLE_PATIENT = re.compile(
    r"\b(?:she|he|her|his|him|this patient|the patient|that patient|our patient|"
    r"(?:cases?|patients?|pts?\.?)\s+(?:nos?\.?\s*)?\d+(?:\s*(?:,|and|&|to)\s*\d+)*)\b"
    r"(?!\s*(?:years?|yrs?|months?|days?|weeks?|%|or\s+(?:older|over|more|above|younger)|and\s+(?:older|"
    r"over|above|younger)))",
    re.IGNORECASE,
)
# "Mortality was defined as death within 90 days": a definition, not a finding ("a
# literature-defined goal" is an adjective, not a definition)
_DEFINITION = re.compile(r"(?<!-)\b(?:defined|definition|was considered|were considered|classified "
                         r"according)\b", re.IGNORECASE)
# "Severe morbidity, defined as grade III or above, affected 20 patients": a definition set
# off inside a sentence that goes on to state the finding (with a verb after it)
_APPOSITION = re.compile(r",\s*(?:defined|classified)\s+as\s+[^,;:()]{3,80},(?=\s+[a-z]+\s)"
                         r"|\(\s*(?:defined|classified)\s+as\s+[^()]{3,80}\)(?=[^.;]*\d)",
                         re.IGNORECASE)
# "We excluded 5 patients who died before surgery": cohort selection, not a finding
_SELECTION = re.compile(r"\bexclu(?:ded|sion)\b|\bscreened\b|\b(?:in)?eligib|\bwithdr[ae]w",
                        re.IGNORECASE)
# "To compare survival and complications in ...", "The aim of this study was to assess ...",
# "We sought to ...": what the study set out to measure, not what it found
_AIM = re.compile(
    r"^\W*(?:(?:objectives?|aims?|purposes?|goals?|background)\W+)?to\s+(?:compare|evaluate|assess|"
    r"investigate|determine|describe|report|analy[sz]e|examine|review|identify|explore|present|"
    r"characteri[sz]e|quantify|estimate|define|clarify|study|measure|validate|test)\b"
    r"|\b(?:aims?|objectives?|purposes?|goals?)\s+of\s+(?:this|the\s+(?:present|current)|our)\s+"
    r"(?:study|analysis|series|work|report|review)\b"
    r"|\b(?:we|this\s+study|the\s+(?:present|current)\s+study)\s+(?:aimed|aims|sought|seeks|set\s+out|"
    r"intended|was\s+designed|is\s+designed)\s+to\b",
    re.IGNORECASE)
# "Of the patients dead at follow-up, the mean survival was ... and 50% died after 2 years":
# the sentence is about a subset chosen by its vital status, its numbers are shares of it
_VITAL_SUBSET_LEAD = re.compile(
    rf"^\W*(?:of|among)\s+(?:the|these|those)\s+(?:(?:\d+|{WORD_NUMBER})\s+)?(?:\([^)]*\)\s+)?"
    r"(?:\w+\s+)?(?:patients\s+)?(?:who\s+(?:died|survived|were\s+alive)|(?:still\s+)?(?:dead|"
    r"deceased|alive|living)\b|(?:non-?)?survivors\b)", re.IGNORECASE)
#: A sentence denying a list of kinds: "No postoperative adverse events such as bleeding,
#: mediastinitis or the need for reoperation occurred" (each kind is none of the cohort).
NEGATED_LIST = re.compile(r"^\W*(?:\([^)]*\)\s*)?(?:there\s+(?:was|were)\s+)?no\b[^.;:]*?"
                          r"\b(?:such\s+as|including)\b", re.IGNORECASE)
# A determiner making the cue that follows this paper's own ("our series of", "this trial");
# "our previous study" stays another study (see _cites_other_study).
_OWN_BEFORE = re.compile(r"\b(?:our|this|the present|the current)\s+(?:[\w-]+\s+)?$", re.I)
# A cue followed by patients of this paper: "was reported by 34 patients", "were reported in 5"
_OWN_PATIENTS_AFTER = re.compile(rf"^\s+(?:all\s+|the\s+)?(?:\d+|{WORD_NUMBER})\b(?:\s*/\s*\d+)?"
                                 rf"\s+(?:of\s+(?:the\s+)?)?(?:\d+\s+)?{PATIENT_WORDS}\b",
                                 re.IGNORECASE)
_CLAUSE_BREAK = re.compile(
    # ", and at 5 years 80%": the last item of a series over time, no clause of its own
    # (", and 5-year OS was 70%" opens a clause; "1-, 3-, and 5-year" is one list of times)
    r";|(?<!-),\s+and\s+(?!respectively)(?!at\s+\d+\s*(?:years?|months?|days?|weeks?)\s+\d)(?!\d+(?:\.\d+)?\s*(?:%|±|"
    r"[,.;)]|$|(?:years?|months?|days?|weeks?)\s+(?:were|was|,)))|,\s+(?:while|whereas|but|although)\s+"
    r"|\s+(?:while|whereas|although)\s+|(?<!patients)(?<!patient)(?<!cases)(?<!those)\s+with\s+"
    r"|,\s+with\s+"
    # "R0 rate was 96% (92/96) and a complete response was found in 37": a closed number and
    # then a new subject with its own verb (no comma before "and" in many house styles)
    r"|(?:(?<=[\d%)\]])|(?<=patients)|(?<=cases))\s+and\s+(?=(?:the\s+|an?\s+)?[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*){0,4}?"
    r"\s+(?:was|were|had|occurred|developed|required|needed|remained)\b)",
    re.IGNORECASE,
)
_SUBGROUP_PREFIX = re.compile(
    # ("the" is never the group's first word: "In the 31 consecutive patients," is the cohort)
    # ("the entire cohort", "the whole series" is everyone)
    r"^\W*(?:concerning|among|in|for|within)\s+(?:the\s+)?(?P<g>(?!this\b|our\b|these\b|all\b|the\b|"
    r"total\b|present\b|current\b|entire\b|whole\b|overall\b|study\b|\d)[A-Za-z][\w/+\- ]{0,40}?)"
    r"\s+(?:patients|group|arm|cohort|"
    r"subgroup)\b\s*,",
    re.IGNORECASE,
)
_GROUP_NAMED = re.compile(
    r"^\W*(?:in|among|for|within)\s+(?:the\s+)?(?P<g>(?:group|arm|cohort)\s+[A-Z0-9][\w-]*)\s*,",
    re.IGNORECASE,
)
_SUBGROUP_SUBJECT = re.compile(
    # "patients who did not complete the second stage had ...": who missed part of the treatment
    r"\b(?:patients|cases)\s+(?P<g>(?:with|without|who\s+(?:received|underwent|had)|"
    r"treated\s+with|receiving|undergoing)\s+[^,;()]{2,60}?|"
    r"who\s+(?:did\s+not|failed\s+to|could\s+not|were\s+not)\s+\w+(?:\s+[^,;()]{1,60}?)?)"
    # "patients with stage III disease (n = 12) had ...": the subset's size may follow it
    r"(?:\s*\(\s*n\s*=\s*\d+\s*\))?"
    r"\s+(?:had|showed|have|demonstrated|"
    r"achieved|experienced|was|were|presented|died|survived|developed)\b",
    re.IGNORECASE,
)
_SUBGROUP_SUFFIX = re.compile(
    r"\bin\s+the\s+(?P<g>(?!whole\b|entire\b|total\b|overall\b|present\b|current\b|same\b|"
    r"study\b|two\b|both\b)[A-Za-z][\w/+\- ]{0,30}?)\s+(?:group|arm|subgroup)\b",
    re.IGNORECASE,
)
_LATE_PREFIX = re.compile(
    r"^\W*(?:after|beyond)\s+(?P<w>POD\s*\d+|postoperative day\s*\d+|\d+\s+(?:postoperative\s+)?"
    r"days?)\s*,",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Clause:
    """A piece of a sentence: ``text`` starts at ``offset`` of the sentence."""

    text: str
    offset: int


def is_finding_sentence(text: str, section: str, lexicon: Lexicon) -> bool:
    """Whether a sentence may report this paper's findings (see the module docstring)."""
    if section in SKIPPED_SECTIONS:
        return False
    if _CITATION.search(text) or _cites_other_study(text, lexicon):
        return False
    # (the words of a definition set off in the sentence are not its own: "Technical success,
    # defined as exclusion of the lesion, was achieved in 20" selects no one)
    undefined = _APPOSITION.sub(" ", text)
    if _SINGLE_PATIENT.search(text) or _DEFINITION.search(undefined) \
            or _SELECTION.search(undefined) \
            or _AIM.search(text) or _VITAL_SUBSET_LEAD.match(text):
        return False
    cue = lexicon.cue_regex("breakdown").search(text)
    if cue and not re.search(r"\d", text[:cue.start()]) and not NEGATED_LIST.match(text):
        return False
    if section in RESTATING_SECTIONS:
        return bool(lexicon.cue_regex("own_study").search(text))
    return True


#: The most words a title has (a longer "title" is text the front-matter reader took for one).
_TITLE_WORDS = 40


def title_span(text: str, title: str | None) -> tuple[int, int] | None:
    """Where the document's title is printed in a sentence (``None`` when it is not): a
    title names what a paper studies (``risk factors for complications in 303 patients``),
    never a finding, even when the text layer runs it into the next line."""
    words = (title or "").split()
    if not 4 <= len(words) <= _TITLE_WORDS or re.search(r"[.!?]\s+[A-Z]", title or ""):
        return None  # too short to tell from a phrase, or a paragraph the reader took for it
    m = re.search(r"\s+".join(re.escape(w) for w in words), text, re.IGNORECASE)
    if m:
        return m.span()
    # the title line as read may carry the journal's name before it: the sentence is in it
    own = text.strip().rstrip(".").split()
    if len(own) >= 4 and " ".join(own).lower() in " ".join(words).lower():
        return 0, len(text)
    return None


def _cites_other_study(text: str, lexicon: Lexicon) -> bool:
    """An other-study cue that is not this paper's own (``our series of 41``, ``this trial``,
    ``reported by 34 patients``)."""
    for m in lexicon.cue_regex("other_study").finditer(text):
        if m.group(0).lower().startswith("previous"):
            return True
        if not _OWN_BEFORE.search(text[:m.start()]) \
                and not _OWN_PATIENTS_AFTER.match(text[m.end():]):
            return True
    return False


def breakdown_start(text: str, lexicon: Lexicon) -> int:
    """Where a breakdown begins after the finding (``... in 10 patients (18%) and included
    CSF leakage (n = 5)``): the text from there on is not read; ``len(text)`` when none."""
    # "No adverse events such as bleeding or reoperation occurred": every kind is denied
    cue = None if NEGATED_LIST.match(text) else lexicon.cue_regex("breakdown").search(text)
    # "in 21 of 40 patients (52.5%): local in 6, ...": a finding, then its breakdown
    colon = next((m for m in re.finditer(r"\d\s*(?:%|\)|/\s*\d+)[^:]*(:)\s", text)
                  if not _inside_brackets(text, m.start(1))), None)  # not "(95% CI: 3.5-6.7)"
    starts = [m for m in (cue.start() if cue else None, colon.start(1) if colon else None)
              if m is not None]
    return min(starts) if starts else len(text)


def sentence_to_clauses(text: str, keep: str | None = None) -> list[Clause]:
    """Cut a sentence at clause boundaries, keeping offsets; never inside the phrase ``keep``
    (a group's name: ``after resection with negative margins``)."""
    clauses: list[Clause] = []
    start = 0
    kept = text.find(keep) if keep else -1
    for m in _CLAUSE_BREAK.finditer(text):
        if _inside_brackets(text, m.start()) or kept <= m.start() < kept + len(keep or ""):
            continue
        clauses.append(Clause(text[start:m.start()], start))
        start = m.end()
    clauses.append(Clause(text[start:], start))
    return [c for c in clauses if c.text.strip()]


def _inside_brackets(text: str, pos: int) -> bool:
    depth = 0
    for ch in text[:pos]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth > 0


# "Level III (n = 11).", "Late closure (> 14 days, n = 9).": a run-in heading naming a
# stratum with its size, opening the paragraph that reports it
_SIZED_HEADING = re.compile(r"^\W*(?P<g>[A-Z][\w/+\- ]{0,40}?)\s*\((?:[^()]{0,40}[,;]\s*)?"
                            r"n\s*=\s*(?P<n>\d+)\s*\)\s*[.:]?\s*$")


def heading_group(text: str) -> tuple[str, int] | None:
    """The stratum a sentence that is only a sized heading names, with its size
    (``Level IV (n = 6).``: ``("Level IV", 6)``)."""
    m = _SIZED_HEADING.match(normalize(text))
    return (" ".join(m.group("g").split()), int(m.group("n"))) if m else None


def prefix_group(text: str) -> str | None:
    """The subgroup an opening phrase names (``In group A,``, ``After POD90,``)."""
    group, phrase = sentence_group(text)
    if group == "all" or not phrase or not normalize(text).startswith(phrase):
        return None
    return group


def sentence_group(text: str) -> tuple[str, str | None]:
    """The subgroup a sentence is about (``all`` when none), and the subject phrase found.

    ``In the OPG group, ...`` and ``Concerning no CT patients, ...`` name a subgroup;
    ``patients with negative margins had ...`` names one by its defining feature;
    ``After POD90, ...`` makes the sentence a late-period subgroup.
    """
    norm = normalize(text)
    m = _GROUP_NAMED.match(norm) or _SUBGROUP_PREFIX.match(norm)
    if m:
        return " ".join(m.group("g").split()), m.group(0)
    m = _LATE_PREFIX.match(norm)
    if m:
        window = re.sub(r"\D+", "", m.group("w"))
        return f"late (>{window} POD)", m.group(0)
    stratum = sentence_to_stratum(norm)
    if stratum:
        return stratum
    m = _SUBGROUP_SUBJECT.search(norm) or _SUBGROUP_SUFFIX.search(norm)
    if m and not _inside_brackets(norm, m.start()) and not ASSESSED_WORDS.search(m.group("g")):
        # (an arm in brackets breaks the number before it down: "26.2% (9 in the open group)";
        # "patients with imaging follow-up" are the assessed, not a subgroup)
        return " ".join(m.group("g").split()), m.group("g")
    return "all", None
