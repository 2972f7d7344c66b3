"""One outcome's values arm by arm, each arm named right after its value in the sentence.

Comparative abstracts often name their arms only where they report them, with no list of the
arms and their sizes in the methods for :mod:`extract.assembly.arm_values` to go by:

- ``Thirty-day mortality was 4.1% (3/73) after X and 9.8% (8/82) after Y (P = .2)``;
- ``Five-year survival was 71% in the X group versus 64% in the Y group``;
- ``Median survival was 31 months in patients who received X compared with 19 months in those
  who did not`` (the second arm is the first one's absence: ``no X``);
- ``Success rates were 95% after proximal, 91% after distal and 88% after combined coiling``
  (the last arm's noun is shared by all: the arms are ``proximal``, ``distal``, ``combined``);
- the arm before its value, coded or set off by a colon: ``(5-year OS: S1: 88% vs. S2:
  61%)``, ``was 4.0% overall (X 2.5%, Y 6.1%)`` (``yes``/``no`` and times name no arm);
- no arm named, after a sentence that named them: ``Complications occurred in 18 (17.3%) and
  23 (22.1%) patients, respectively``, ``Leaks occurred in 4.0% vs 7.5%`` are the same arms'
  values in the same order (as many values as arms, no others, joined by ``vs`` or followed
  by ``respectively``).

Each value is read with the sentence's opening (outcome, time) as its arm's finding (group =
the arm's words, rule ``inline_arms``), and the readings of those values as the cohort's are
dropped; a value the sentence gives the whole cohort stays the cohort's. The arms are never
summed into the cohort (:mod:`extract.assembly.group_sums` sums only arms it can tell are
one intervention).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from extract.assembly.arm_labels import without_had
from extract.rules.candidates import Candidate, DocumentContext, sentence_to_candidates
from extract.rules.nlp import VETO
from extract.rules.numbers import normalize
from extract.rules.sentences import Sentence
from extract.rules.timepoints import text_to_timepoints
from extract.study.counts import COUNT

#: Rules of the arm readers that go by the arms' sizes: a sentence they read is theirs.
_ARM_RULES = frozenset({"arm_values", "respectively", "arm_list", "arm_groups"})
_NUM = r"\d+(?:\.\d+)?"
_PCT = rf"{_NUM}\s*%"
_OF = r"\s*(?:of|/)\s*"
# "4.1% (3/73)", "3 of 73 (4.1%)", "3/73", "1 patient (1.4%)", "71%", "31 months"; a bracket
# after it (its CI, its count) goes with it
_VALUE = (rf"(?:{_PCT}|{COUNT}{_OF}{COUNT}|{COUNT}\s+(?:patients?|cases?)\s*\(\s*{_PCT}\s*\)|"
          rf"{_NUM}\s*(?:months?|years?|weeks?|days?))"
          rf"(?:\s*[(\[][^()\[\]]{{1,60}}[)\]])?")
_PREPOSITION = r"(?:after|following|in|among|for|with|without|of)"
# words that end an arm's name: the next value's connective, a verb, a time
_STOP = (r"(?:and|vs|versus|compared|against|but|while|whereas|respectively|was|were|is|"
         r"are|had|at|in|after|following|among|for|with|than|during|within|of|on|by|from|"
         r"to|p)")
_WORD = r"[A-Za-z0-9\u2265\u2264<>][\w\-+/\u2265\u2264<>]*(?:\.\w+)*"
_LABEL = rf"(?!{_STOP}\b){_WORD}(?:\s+(?!{_STOP}\b){_WORD}){{0,4}}"
_ITEM = re.compile(
    rf"(?<![\w.])(?P<v>{_VALUE})\s+(?P<prep>{_PREPOSITION})\s+(?:the\s+)?"
    rf"(?P<label>(?:(?:patients|those|cases)\s+)?(?:(?:who|that)\s+(?:had\s+)?\w+\s+|with\s+|"
    rf"without\s+|treated\s+with\s+|undergoing\s+|receiving\s+|aged\s+|older\s+than\s+|"
    rf"younger\s+than\s+)?{_LABEL})",
    re.IGNORECASE)
# the arm, then its value: "(5-year OS: G1: 92% vs. G2: 54%)", "(TEVAR 2.5%, open 6.1%)"
_LABELLED = re.compile(
    rf"(?<![\w\-])(?P<label>(?!{_STOP}\b)[A-Za-z][\w\-+/]*(?:\s+(?!{_STOP}\b)[A-Za-z][\w\-+/]*)"
    rf"{{0,2}})\s*(?P<colon>:)?\s*(?P<v>{_VALUE})",
    re.IGNORECASE)
_LABELLED_BETWEEN = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|and\s+|(?:vs\.?|versus)\s+)",
                               re.IGNORECASE)
# a label before a value that names an arm by itself: an abbreviation or a coded stratum
_CODED = re.compile(r"^(?-i:(?:[A-Z][\w\-+/]*[A-Z0-9]|[A-Z]{2,}[\w\-+/]*|[a-z][A-Z]\w*))$")
# labels of no arm: yes/no (the feature is elsewhere), times
_NOT_LABELLED = re.compile(r"^(?:yes|no|none|all|total|overall)$|\b(?:years?|months?|weeks?|"
                           r"days?|hours?)\b", re.IGNORECASE)
# values in the arms' order: "18 (17.3%)", "9.4%", "3 of 70 (4.3%)"
_ORDERED = re.compile(rf"(?<![\w.])(?P<v>{COUNT}\s*\(\s*{_PCT}\s*\)|{_VALUE})", re.IGNORECASE)
_ANY_PCT = re.compile(rf"(?<![\w.]){_PCT}")
_RESPECTIVELY = re.compile(r"\s*(?:patients|cases)?\s*,?\s*respectively\b", re.IGNORECASE)
# "41% of the X group": a share "of" names an arm only as a group, or as the others
_OF_ARM = re.compile(r"(?:\b(?:groups?|arms?|cohorts?)|^(?:others|the\s+others|other\s+\w+|"
                     r"remaining\s+\w+|rest))$", re.IGNORECASE)
# a value of the cohort before the arms' ("was 34.8% (57/164): 25.4% ... after X"): not the arms'
_VALUES_BEFORE = re.compile(rf"(?<![\w.])(?:{_PCT}|{COUNT}{_OF}{COUNT})(?:\s*\([^()]*\))?",
                            re.IGNORECASE)
# between two arms' values
_BETWEEN = re.compile(r"\s*(?:,\s*(?:and\s+|while\s+|whereas\s+)?|,?\s*and\s+|,?\s*(?:vs\.?|versus)"
                      r"\s+|,?\s*(?:as\s+)?compared\s+(?:with|to)\s+|\s+against\s+)",
                      re.IGNORECASE)
# the second arm named as the first one's absence
_ABSENT = re.compile(r"^(?:(?:patients|those|cases)\s+)?(?:(?:who|that)\s+(?:did|had|were)\s+not\b|"
                     r"without(?:\s+(?:it|them|this|that))?$)|^(?:it|them|this|that)$|"
                     r"^(?:the\s+)?(?:others|other\s+(?:group|arm|patients)|remaining\s+"
                     r"(?:patients|cases)|rest)$", re.IGNORECASE)
# an adjective naming a kind of the last arm's noun: "after proximal, distal and combined
# coiling" are kinds of coiling
_KIND = re.compile(r"^[a-z][a-z\-]*(?:ic|al|ed|ive|ous|ar|ary|ior)$")
_ARM_NOUN = re.compile(r"\s+(?:groups?|arms?|cohorts?|patients|cases)$", re.IGNORECASE)
_PEOPLE = re.compile(r"^(?:patients|those|cases)\s+", re.IGNORECASE)
# a value "in" a time or a place is no arm: "in 2019", "in the first year"
_NOT_ARM = re.compile(r"^(?:\d|(?:the\s+)?(?:first|second|third|last|same|whole|entire|overall|"
                      r"total|literature|series|cohort|study|population|all)\b|(?:all|both|each|"
                      r"these|this|our)\b)", re.IGNORECASE)


def inline_arm_candidates(sentences: Sequence[Sentence], candidates: Sequence[Candidate],
                          context: DocumentContext, sizes: Mapping[str, int] | None = None
                          ) -> list[Candidate]:
    """Add the per-arm candidates of sentences that name each arm after its value.

    Parameters
    ----------
    sentences : sequence of Sentence
        The prose sentences (their mentions name the outcome).
    candidates : sequence of Candidate
        The candidates read so far; a sentence some earlier reader already read arm by arm
        (a group other than ``all``) is left to it.
    context : DocumentContext
        What the sentence rules know about the document (time windows).
    sizes : mapping, optional
        The arms the document sizes elsewhere, label to size
        (:func:`extract.study.arms.text_to_arms`): an arm of that label whose value states no
        total of its own is of that size (``BEV 8.6%`` of ``BEV 421`` is 36/421).

    Returns
    -------
    list of Candidate
        ``candidates`` without the cohort readings of the arms' values, plus one candidate per
        arm (rule ``inline_arms``).
    """
    out = list(candidates)
    # ("the TAE group (n = 120)" sizes the arm the results call TAE)
    known = {_ARM_NOUN.sub("", label).lower(): n for label, n in (sizes or {}).items()}
    named: tuple[str, list[str]] | None = None  # the section and arms of the last such sentence
    for sentence in sentences:
        outcome = sentence.single_outcome
        if named and named[0] != sentence.section:
            named = None
        if outcome is None:
            continue
        quote = sentence.text.strip()
        mine = [c for c in out if c.quote == quote and c.outcome == outcome]
        read = list(dict.fromkeys(c.group for c in mine
                                  if c.group != "all" and c.rule in _ARM_RULES))
        if read:  # an arm reader's sentence: its arms are those the next one goes by
            named = (sentence.section, read) if len(read) >= 2 else None
            continue
        text = normalize(sentence.text)
        first = min(m.end for m in sentence.mentions if m.outcome != VETO)
        items = _items(text, first)
        if items and any(m.start < item.end("label") and m.end > item.start("label")
                         for item, _ in items for m in sentence.mentions):
            continue  # "6% for wound infection, 3% for bleeding": kinds of the outcome
        if not items and named:
            items = _in_order(text, first, named[1])
        if not items:
            continue
        found = []
        prefix = _VALUES_BEFORE.sub(lambda m: " " * len(m[0]), text[:items[0][0].start()])
        # a time after the arms is all the arms' ("60% in X and 75% in Y at 3 years")
        tail = _VALUES_BEFORE.sub(" ", text[items[-1][0].end():])
        for value, label in items:
            found += _read(sentence, prefix, value, label, tail, context, outcome,
                           known.get(label.lower()))
        if len(found) != len(items):
            continue
        named = (sentence.section, [label for _, label in items])
        numbers = {_number(c) for c in found}
        out = [c for c in out if not (c in mine and _number(c) in numbers)] + found
    return out


def _items(text: str, start: int) -> list[tuple[re.Match, str]]:
    """The sentence's run of two or more ``<value> <preposition> <arm>`` (or ``<arm>:
    <value>``), each with its arm's label; ``[]`` when there is none or its labels repeat."""
    return _after_values(text, start) or _before_values(text, start)


def _run(matches: list[re.Match], text: str, between: re.Pattern) -> list[re.Match]:
    """The first run of two or more matches with only ``between`` words between them."""
    run: list[re.Match] = []
    for m in matches:
        if run and between.fullmatch(text[run[-1].end():m.start()]):
            run.append(m)
        elif len(run) >= 2:
            break
        else:
            run = [m]
    return run if len(run) >= 2 else []


def _before_values(text: str, start: int) -> list[tuple[re.Match, str]]:
    """``G1: 92% vs. G2: 54%``, ``(A 8.6%, B 10.2%)``: arms coded or set off by a colon."""
    run = _run(list(_LABELLED.finditer(text, start)), text, _LABELLED_BETWEEN)
    labels = [" ".join(m["label"].split()) for m in run]
    if not run or any(_NOT_LABELLED.search(label) for label in labels) \
            or len({label.lower() for label in labels}) != len(labels):
        return []
    if not (all(m["colon"] for m in run) or any(_CODED.match(label) for label in labels)):
        return []
    return list(zip(run, labels, strict=True))


def _after_values(text: str, start: int) -> list[tuple[re.Match, str]]:
    run = _run(list(_ITEM.finditer(text, start)), text, _BETWEEN)
    if not run:
        return []
    if any(m["prep"].lower() == "of" and not _OF_ARM.search(m["label"].strip())
           for m in run):
        return []
    labels = _labels([_spoken(m) for m in run])
    if labels is None or len({label.lower() for label in labels}) != len(labels):
        return []
    return list(zip(run, labels, strict=True))


def _in_order(text: str, start: int, arms: list[str]) -> list[tuple[re.Match, str]]:
    """``Complications occurred in 18 (17.3%) and 23 (22.1%) patients, respectively``, ``in
    9.4% vs 17.7%``: after a sentence that named its arms, the next one's values, as many as
    the arms and the sentence's only ones, are the same arms' in the same order."""
    run = _run(list(_ORDERED.finditer(text, start)), text, _BETWEEN)
    if len(run) != len(arms) or len(_ANY_PCT.findall(text, start)) != sum(
            len(_ANY_PCT.findall(m[0])) for m in run):
        return []
    rest = text[run[-1].end():]
    if not (_RESPECTIVELY.match(rest) or all(
            re.fullmatch(r"\s*(?:vs\.?|versus)\s*", text[a.end():b.start()], re.IGNORECASE)
            for a, b in zip(run, run[1:], strict=False))):
        return []  # "x% and y%" alone may be two findings; "vs" or "respectively" says arms
    return list(zip(run, arms, strict=True))


def _spoken(m: re.Match) -> str:
    """The arm's words with the preposition saying it was absent (``without a drain``)."""
    words = " ".join(m["label"].split())
    return f"without {words}" if m["prep"].lower() == "without" else words


def _labels(raw: list[str]) -> list[str] | None:
    """Each arm's label: without the patients and the arm noun, the absent arm as ``no <the
    first arm>``, a head noun only the last arm states dropped; ``None`` if one is no arm."""
    labels = []
    for i, words in enumerate(raw):
        if i and _ABSENT.match(words):
            labels.append(f"no {without_had(labels[0])}")
            continue
        if re.match(r"without\s", words, re.IGNORECASE):
            words = "no " + words.split(None, 1)[1]  # "without a drain": the arm with none
        words = _ARM_NOUN.sub("", _PEOPLE.sub("", words))
        if not words or _NOT_ARM.match(words):
            return None
        labels.append(words)
    *before, last = labels
    if before and all(_KIND.match(b) for b in before) and len(last.split()) == 2:
        last = last.split()[0]  # "after proximal, distal and combined coiling"
    return [*before, last]


def _read(sentence: Sentence, prefix: str, value: re.Match, label: str, tail: str,
          context: DocumentContext, outcome: str, size: int | None = None) -> list[Candidate]:
    """The arm's finding: the sentence's opening (outcome, time) with this arm's value, and
    what follows the last arm (a time) without its values."""
    text = prefix + value["v"] + " " + tail
    mentions = tuple(m for m in sentence.mentions if m.end <= len(prefix))
    own = replace(sentence, text=text, mentions=mentions)
    found = [c for c in sentence_to_candidates(own, normalize(text), text_to_timepoints(text),
                                               replace(context, previous=sentence.previous))
             if c.outcome == outcome]
    if len(found) != 1 or found[0].group != "all":
        return []
    c = found[0]
    if c.total is not None and size is not None and c.total != size:
        size = None  # the value's own total says which patients it is of
    return [replace(c, group=label, group_n=c.total or size, quote=sentence.text.strip(),
                    rule="inline_arms")]


def _number(c: Candidate) -> tuple:
    return (c.measure, c.count, c.total, c.percent, c.value)
