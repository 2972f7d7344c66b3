"""The arms of a comparative series as its sentences state them: labels with their sizes.

A comparative series names its arms with their sizes (``Group A (n=28) consists of those who
underwent X, and group B (n=56) of those who did not``) or pairs them (``Forty patients who
underwent resection were matched with 40 patients who underwent biopsy``). Arms stated together
in one sentence make up the cohort that was analysed (28 + 56 = 84; 40 + 40 = 80), which is
often stated nowhere else as one number: the larger counts of the same paper are the
population the arms were drawn from (``133 and 72 consecutive patients ... were reviewed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.study.abbreviations import text_to_abbreviations
from extract.study.arm_sizes import sentence_to_listed_arms, versus_sides
from extract.study.counts import COUNT, count_to_int

# "group A (n=28)", "Arm 2 [n = 41]", "the OPG group (n = 64)", "the early cohort (n = 22)";
# periods of one series are its arms too: "the late era (2015-2019, n = 207)", "first period
# [n = 30]" (the years before the size say when, not what)
_SIZED_ARM = re.compile(
    r"(?P<label>\b(?:group|arm|cohort)\s+(?-i:[A-Z0-9])[\w\-]*|"
    r"(?<![\w\-])(?!(?:the|this|that|each|our|one|either|both|study|whole|entire|overall|"
    r"total|same|matched|follow-up|a|an)\b)[A-Za-z][\w+/\-]*\s+(?:group|arm|cohort|era|period))"
    r"\s*[(\[]\s*(?:(?:19|20)\d\d\s*(?:-|\u2013|to)\s*(?:19|20)?\d\d\s*[,;]\s*)?[nN]\s*=\s*"
    r"(?P<n>\d{1,5})\s*[)\]]",
    re.IGNORECASE,
)
# "treated by stenting (group S, n = 20)": the label inside the brackets, after what it is
_ARM_IN_BRACKETS = re.compile(
    r"[(\[]\s*(?P<label>\b(?:group|arm|cohort)\s+(?-i:[A-Z0-9])[\w\-]*)\s*[,;:]\s*[nN]\s*=\s*"
    r"(?P<n>\d{1,5})\s*[)\]]",
    re.IGNORECASE,
)
# "40 patients who underwent resection were matched (1:1) with 40 who underwent biopsy"
_MATCHED_ARMS = re.compile(
    rf"(?<![\w.])(?P<a>{COUNT})\s+(?:[\w\-]+\s+){{0,12}}?(?:were|was)\s+(?:[\w:]+\s+)?matched\s+"
    rf"(?:[\w:()]+\s+)?(?:with|to)\s+(?:the\s+)?(?P<b>{COUNT})\b",
    re.IGNORECASE,
)


# "250 underwent the repair, 130 using TAPP and 120 using TEP": arms named by an abbreviation
# the counts of a list give their sizes (two or more, the last after "and")
_ARM_VERB = r"(?:patients\s+)?(?:using|with|by|via|received|receiving|treated\s+with|underwent|had)"
_COUNTED_ARM = (rf"(?<![\w.])({COUNT})\s+{_ARM_VERB}\s+(?:the\s+|an?\s+)?"
                rf"(?-i:([A-Z][A-Z0-9\-]{{1,7}}))\b")
_COUNTED_ARMS = re.compile(rf"{_COUNTED_ARM}(?:\s*,\s*{_COUNTED_ARM})*\s*,?\s*(?:and|or)\s+"
                           rf"{_COUNTED_ARM}", re.IGNORECASE)
_ONE_COUNTED_ARM = re.compile(_COUNTED_ARM, re.IGNORECASE)


@dataclass(frozen=True)
class _SizedArm:
    label: str
    size: int
    start: int
    end: int
    #: the label sits in brackets after the arm's description
    described_before: bool


def _sized_arms(text: str) -> list[_SizedArm]:
    """Every ``<label> (n = <size>)`` and ``<description> (<label>, n = <size>)`` of a text."""
    if "=" not in text:
        return []  # (a cheap test: most sentences size nothing)
    found = [_SizedArm(" ".join(m["label"].split()), int(m["n"]), m.start(), m.end(), False)
             for m in _SIZED_ARM.finditer(text)]
    found += [_SizedArm(" ".join(m["label"].split()), int(m["n"]), m.start(), m.end(), True)
              for m in _ARM_IN_BRACKETS.finditer(text)]
    return sorted(found, key=lambda arm: arm.start)


# The arm readers are asked for the same document text by the arm list, the definitions and
# the sums of one document: read it once (the arms are frozen, the tuple read-only).
@lru_cache(maxsize=4)
def _counted_arms(text: str) -> tuple[_SizedArm, ...]:
    """The arms of every ``<n> using <ABBR>, ... and <m> using <ABBR>`` list whose labels the
    text defines as abbreviations (an undefined capital word may be anything: a place, a
    scale)."""
    defined = text_to_abbreviations(text) if _COUNTED_ARMS.search(text) else {}
    found = []
    for listed in _COUNTED_ARMS.finditer(text):
        arms = [(count_to_int(m[1]), m[2], m) for m in _ONE_COUNTED_ARM.finditer(listed[0])]
        if len({label for _, label, _ in arms}) != len(arms) \
                or not all(n and label in defined for n, label, _ in arms):
            continue
        found += [_SizedArm(label, n, listed.start() + m.start(), listed.start() + m.end(), False)
                  for n, label, m in arms]
    return tuple(found)


# "We compared open (n = 40) and endovascular (n = 35) repair", "were randomised to stent
# (n = 40) or surgery (n = 38)": kinds of one study's patients listed with their sizes right
# after a verb that divides the cohort (a list of events, "bleeding (n = 3) and leak (n = 2)",
# follows no such verb)
_SIZE = r"[(\[]\s*n\s*=\s*(?P<n{i}>\d{{1,5}})\s*[)\]]"
_KIND = r"[A-Za-z][\w\-]*(?:\s+[A-Za-z][\w\-]*)?\s*"
_DIVIDED = re.compile(
    r"\b(?:compar(?:ed|ing)|underwent|undergoing|received|treated\s+(?:by|with)|randomi[sz]ed|"
    r"allocated|assigned|divided|stratified|categori[sz]ed|grouped|split)\s+"
    r"(?:(?:to|into|in|between|either|the|two|three|four|groups?|arms?|cohorts?|by|with)"
    r"[\s:]+){0,4}"
    + _KIND + _SIZE.format(i=0)
    + rf"(?:\s*,\s*{_KIND}{_SIZE.format(i=1)})?(?:\s*,\s*{_KIND}{_SIZE.format(i=2)})?"
    + rf"\s*,?\s*(?:and|or|vs\.?|versus)\s+{_KIND}{_SIZE.format(i=3)}",
    re.IGNORECASE,
)


def sentence_to_divided_total(sentence: str) -> int | None:
    """The cohort a sentence divides into listed kinds with their sizes (``We compared open
    (n = 40) and endovascular (n = 35) repair`` → 75); ``None`` when it lists none."""
    if "=" not in sentence:
        return None  # (a cheap test: most sentences size nothing)
    match = _DIVIDED.search(sentence)
    if not match:
        return None
    return sum(int(n) for key, n in match.groupdict().items() if key.startswith("n") and n)


@lru_cache(maxsize=4)
def _listed_arms(text: str) -> tuple[_SizedArm, ...]:
    """The arms the sentences of a text size in lists (:mod:`extract.study.arm_sizes`)."""
    found = []
    offset = 0
    for sentence in re.split(r"(?<=\.)\s+(?=[A-Z(])", text):
        start = text.find(sentence, offset)
        offset = start + len(sentence)
        found += [_SizedArm(label, n, start, start, False)
                  for label, n in sentence_to_listed_arms(sentence, text)]
    return tuple(found)


def text_to_listed_arms(text: str) -> dict[str, int]:
    """The arms of a document that one sentence sizes in a list (``(A n = 164; B n = 121)``,
    ``186 A and 186 B patients were compared``), label to size; empty when no sentence does or
    a label is given two sizes. Arms listed together make up the cohort they compare."""
    sizes: dict[str, set[int]] = {}
    for arm in _listed_arms(text):
        sizes.setdefault(arm.label, set()).add(arm.size)
    arms = {label: next(iter(ns)) for label, ns in sizes.items() if len(ns) == 1}
    return arms if len(arms) >= 2 else {}


@dataclass(frozen=True)
class Arm:
    """One arm of the cohort: the paper's label and its number of patients."""

    label: str
    size: int


def sentence_to_arms(sentence: str) -> list[Arm]:
    """The arms one sentence states together, in order; ``[]`` when fewer than two.

    Parameters
    ----------
    sentence : str
        One sentence (or table header line) of the paper.

    Returns
    -------
    list of Arm
        Labelled arms with their ``n =`` sizes (one per label), else the two sides of a
        ``<n> ... were matched with <m>`` statement.
    """
    arms: dict[str, Arm] = {}
    for m in _sized_arms(sentence):
        arms.setdefault(m.label.lower(), Arm(m.label, m.size))
    if len(arms) >= 2:
        return list(arms.values())
    matched = _MATCHED_ARMS.search(sentence)
    if matched:
        a, b = count_to_int(matched["a"]), count_to_int(matched["b"])
        if a and b:
            return [Arm("matched", a), Arm("matched with", b)]
    return []


def sentence_to_arm_total(sentence: str) -> int | None:
    """The cohort the arms of one sentence make up together (``None`` without two arms)."""
    arms = sentence_to_arms(sentence)
    return sum(arm.size for arm in arms) if arms else None


def text_to_arms(text: str) -> dict[str, int]:
    """The labelled arms of a document and their sizes: ``{"Group A": 28, "Group B": 56}``.

    Every ``<label> (n = <size>)`` of the text counts (a table header names the arms as well
    as a sentence does), and so does a list of counts naming defined abbreviations (``130
    using TAPP and 120 using TEP``); a label given two different sizes is no arm. Labels keep
    the casing of their first capitalised mention.
    """
    sizes: dict[str, set[int]] = {}
    labels: dict[str, str] = {}
    for m in [*_sized_arms(text), *_counted_arms(text), *_listed_arms(text)]:
        if not labels.get(m.label.lower(), "x")[0].isupper():
            labels[m.label.lower()] = m.label  # "Group A" of a header rather than "group A"
        sizes.setdefault(m.label.lower(), set()).add(m.size)
    return {labels[key]: next(iter(ns)) for key, ns in sizes.items() if len(ns) == 1}


#: Treatment modalities. Arms whose descriptions fall in different ones (``stent`` and
#: ``surgery``, ``EVAR`` and ``open repair``) compare treatments; a description may name
#: several (``angioplasty`` is endovascular, and its ``-plasty`` surgical).
_MODALITIES = {
    "surgical": re.compile(
        r"\b(?:surg\w*|operat\w*|resect\w*|\w+ectom(?:y|ies)|\w+otom(?:y|ies)|\w+ostom(?:y|ies)|"
        r"\w+plast(?:y|ies)|excision|open\s+repair|laparoscop\w*|robotic|thoracoscop\w*|"
        r"bypass)\b", re.IGNORECASE),
    "endovascular": re.compile(
        r"\b(?:stent\w*|endovascular|angioplast\w*|emboli[sz]ation|catheter\w*|percutaneous|"
        r"T?EVAR|thrombectomy|endoscop\w*|ablation)\b", re.IGNORECASE),
    "medical": re.compile(
        r"\b(?:medical(?:ly)?|conservative(?:ly)?|non-?operative(?:ly)?|non-?surgical(?:ly)?|"
        r"observation|chemotherap\w*|radiotherap\w*|anticoagula\w*|thromboly\w*)\b",
        re.IGNORECASE),
}
# an arm defined by the treatment it did not get: "those who did not undergo prophylactic drainage"
_NO_TREATMENT = re.compile(
    r"\b(?:did|were|was|had)\s+not\s+(?:\w+\s+)?(?:undergo|receive|treated|operated|get)\w*|"
    r"\bnever\s+(?:underwent|received)\b|\b(?:no|without)\s+(?:\w+\s+)?(?:surgery|operation|"
    r"intervention|treatment)\b", re.IGNORECASE)
#: Characters after ``<label> (n = <size>)`` read as the arm's description.
DEFINITION_WINDOW = 120


def text_to_arm_definitions(text: str) -> dict[str, str]:
    """What the document says each labelled arm is: ``{"group b": "consists of those who did
    not undergo prophylactic drainage"}`` (keys in lower case; the label itself comes first)."""
    found: dict[str, str] = {}
    arms = _sized_arms(text)
    # an arm's text stops where the next arm is named (or starts where the last one ended)
    for i, arm in enumerate(arms):
        if arm.described_before:
            start = max(arm.start - DEFINITION_WINDOW, arms[i - 1].end if i else 0)
            definition = re.split(r"[.;]", text[start:arm.start])[-1]
        else:
            end = min(arm.end + DEFINITION_WINDOW,
                      arms[i + 1].start if i + 1 < len(arms) else len(text))
            definition = re.split(r"[.;]", text[arm.end:end], maxsplit=1)[0]
        if len(found.get(arm.label.lower(), "")) <= len(arm.label):
            found[arm.label.lower()] = " ".join(f"{arm.label} {definition}".split())
    # an arm named by an abbreviation is what the abbreviation stands for
    defined = text_to_abbreviations(text)
    for arm in [*_counted_arms(text), *_listed_arms(text)]:
        if arm.label in defined:
            found[arm.label.lower()] = f"{arm.label} {defined[arm.label]}"
    listed = [arm.label for arm in _listed_arms(text)]
    sides = versus_sides(text)
    if len(listed) == 2 and sides and not any(label.lower() in found for label in listed):
        # two arms the paper never spells out are the two sides of what its title compares
        found.update({label.lower(): f"{label} {side}"
                      for label, side in zip(listed, sides, strict=True)})
    return found


def arms_compare_treatments(descriptions: list[str]) -> bool:
    """Whether arms (each described by its label and definition) are different treatments.

    They are when one arm is defined by a treatment it did not get, or when two arms name
    treatment modalities and share none (``stent`` and ``surgery``). Two techniques of one
    operation (``laparoscopic`` and ``open``; ``necrosectomy`` and ``decompressive
    craniectomy``) or two periods of one series are not.
    """
    if any(_NO_TREATMENT.search(d) for d in descriptions):
        return True
    kinds = [{kind for kind, rx in _MODALITIES.items() if rx.search(d)} for d in descriptions]
    named = [k for k in kinds if k]
    return any(not a & b for i, a in enumerate(named) for b in named[i + 1:])


# "70 with stenosis and 80 with occlusion", "55 robotic and 55 thoracoscopic lobectomies",
# "87 (40 early, 47 late) were studied": the arms listed by their counts, each named by one
# word (the word the results name the arm by again); words after a count that say what is
# counted ("40 patients and 30 women", "12 months") never name an arm
_NOT_A_LABEL = (r"(?:patients?|cases?|subjects|participants|persons|individuals|women|men|"
                r"children|adults|of|and|or|were|was|had|have|with|in|the|a|an|to|per|more|"
                r"less|than|did|not|years?|months?|weeks?|days?|hours?|mm|cm|ml|kg|points?|times?|"
                r"centers?|centres?|hospitals?|studies|articles|reports)\b")
_LIST_ITEM = (rf"(?<![\w.])({COUNT})\s+(?:(?:with|using|via|by|after|undergoing|underwent|"
              rf"received)\s+)?"
              rf"(?!{_NOT_A_LABEL})([A-Za-z][\w\-]*)")
_ARM_LIST = re.compile(
    rf"{_LIST_ITEM}(?:\s*,\s*{_LIST_ITEM})*\s*(?:,\s*and\s+|,\s*|\s+and\s+){_LIST_ITEM}"
    r"(?=\s*[),.;:]|\s+(?:[a-z][\w\-]*\s*[,.;:)]|(?:[a-z][\w\-]*\s+)?(?:were|was|had|"
    r"underwent|and)\b))",
    re.IGNORECASE)
_ONE_LIST_ITEM = re.compile(_LIST_ITEM, re.IGNORECASE)
# the listed arms are what the paper compared or analysed ("... were compared")
_ANALYSED_AFTER = re.compile(r"^[^.;]{0,30}?\b(?:were|was)\s+(?:then\s+)?(?:compared|"
                             r"analy[sz]ed|matched|included|evaluated|studied|randomi[sz]ed)\b",
                             re.IGNORECASE)


@dataclass(frozen=True)
class ArmList:
    """Arms a sentence lists by their counts, in order (``70 with X and 80 with Y``).

    ``analysed`` says the sentence calls them the set compared or analysed (``55 X and 55 Y
    lobectomies were compared``): their sum is then the cohort of the findings by arm even
    when the study drew them from a larger one.
    """

    arms: tuple[Arm, ...]
    analysed: bool

    @property
    def total(self) -> int:
        return sum(arm.size for arm in self.arms)


def text_to_arm_lists(text: str) -> list[ArmList]:
    """Every list of two or more arms named by one word each and sized by their counts.

    Parameters
    ----------
    text : str
        The document text (normalised).

    Returns
    -------
    list of ArmList
        In document order; a list whose labels repeat, or whose words say what is counted
        (``patients``, ``years``) rather than which arm, is left out.
    """
    found = []
    for listed in _ARM_LIST.finditer(text):
        items = [(count_to_int(m[1]), m[2]) for m in _ONE_LIST_ITEM.finditer(listed[0])]
        labels = [label.lower() for _, label in items]
        if len(set(labels)) != len(labels) or any(not n for n, _ in items):
            continue
        after = text[listed.end():]
        after = after[after.index(")") + 1:] if after.lstrip().startswith(")") else after
        found.append(ArmList(tuple(Arm(label, n) for n, label in items),
                             bool(_ANALYSED_AFTER.match(after))))
    return found


def sized_arm_list(arms: dict[str, int]) -> list[ArmList]:
    """The labelled arms of :func:`text_to_arms` as one list, in document order (``[]`` for
    fewer than two)."""
    if len(arms) < 2:
        return []
    return [ArmList(tuple(Arm(label, size) for label, size in arms.items()), False)]
